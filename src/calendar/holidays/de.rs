//! Germany: the nine public holidays every Land keeps (set by Land law,
//! German Unity Day by the Unification Treaty), and Bavaria's, under the
//! Bavarian Feiertagsgesetz (Art. 1).
//!
//! Germany has no substitute days: a holiday on a weekend is simply lost.
//!
//! Bavaria: Assumption Day (15 August) is a holiday only in the
//! municipalities with a mostly Catholic population — about 1,700 of 2,056,
//! Munich, Augsburg and most of the Land among them — and is included here;
//! the Augsburg Peace Festival (8 August, the city of Augsburg only) is not.

use super::rules::Year;
use jiff::civil::Date;
use jiff::civil::Weekday::Wednesday;

const ONE_OFFS: &[(Date, &str)] = &[
    // The 500th anniversary of the Reformation: a holiday in every Land.
    (Date::constant(2017, 10, 31), "Reformation Day"),
];

pub(super) fn national(y: &mut Year) {
    y.add(y.on(1, 1), "New Year's Day");
    y.add(y.easter(-2), "Good Friday");
    y.add(y.easter(1), "Easter Monday");
    y.add(y.on(5, 1), "Labour Day");
    y.add(y.easter(39), "Ascension Day");
    y.add(y.easter(50), "Whit Monday");
    y.add(y.on(10, 3), "German Unity Day");
    // Repentance and Prayer Day was a nationwide holiday until 1994 (given
    // up to fund the long-term care insurance); only Saxony keeps it.
    // The Wednesday before 23 November.
    if y.year() <= 1994 {
        let day = y.on(11, 23).and_then(|d| d.nth_weekday(-1, Wednesday).ok());
        y.add(day, "Repentance and Prayer Day");
    }
    y.add(y.on(12, 25), "Christmas Day");
    y.add(y.on(12, 26), "Second Day of Christmas");
    y.one_offs(ONE_OFFS);
}

pub(super) fn bavaria(y: &mut Year) {
    national(y);
    y.add(y.on(1, 6), "Epiphany");
    // The Thursday after Trinity Sunday.
    y.add(y.easter(60), "Corpus Christi");
    y.add(y.on(8, 15), "Assumption Day");
    y.add(y.on(11, 1), "All Saints' Day");
}

#[cfg(test)]
mod tests {
    use super::super::rules::{Year, names_on};
    use jiff::civil::{Date, date};

    #[test]
    fn national() {
        let c = super::national;
        case(c, date(2026, 1, 1), &["New Year's Day"]);
        case(c, date(2026, 1, 6), &[]);
        case(c, date(2026, 4, 3), &["Good Friday"]);
        case(c, date(2026, 4, 6), &["Easter Monday"]);
        case(c, date(2026, 5, 1), &["Labour Day"]);
        case(c, date(2026, 5, 14), &["Ascension Day"]);
        case(c, date(2026, 5, 25), &["Whit Monday"]);
        case(c, date(2026, 6, 4), &[]);
        // Ascension Day fell on 1 May in 2008.
        case(c, date(2008, 5, 1), &["Labour Day", "Ascension Day"]);
        case(c, date(2026, 10, 3), &["German Unity Day"]);
        // No substitute day for a holiday on a Saturday.
        case(c, date(2026, 10, 5), &[]);
        case(c, date(2017, 10, 31), &["Reformation Day"]);
        case(c, date(2018, 10, 31), &[]);
        case(c, date(1994, 11, 16), &["Repentance and Prayer Day"]);
        case(c, date(1995, 11, 22), &[]);
        // 22 November 1989 was itself a Wednesday.
        case(c, date(1989, 11, 22), &["Repentance and Prayer Day"]);
        case(c, date(2026, 12, 26), &["Second Day of Christmas"]);
    }

    #[test]
    fn bavaria() {
        let c = super::bavaria;
        case(c, date(2026, 1, 6), &["Epiphany"]);
        case(c, date(2026, 6, 4), &["Corpus Christi"]);
        case(c, date(2027, 5, 27), &["Corpus Christi"]);
        case(c, date(2026, 8, 15), &["Assumption Day"]);
        case(c, date(2026, 8, 8), &[]);
        case(c, date(2026, 11, 1), &["All Saints' Day"]);
        case(c, date(2026, 10, 3), &["German Unity Day"]);
        case(c, date(2026, 11, 18), &[]);
    }

    #[track_caller]
    fn case(calendar: fn(&mut Year), day: Date, want: &[&str]) {
        assert_eq!(names_on(calendar, day), want, "{day}");
    }
}
