//! Netherlands: the official public holidays (*feestdagen*) as the Dutch
//! government lists them.
//!
//! Whether an employee is free on a holiday is set by the collective labour
//! agreement (CAO), not by law. Two days vary most, and are read here the
//! way most agreements (and python-holidays) read them:
//! - Good Friday: official but often worked; included.
//! - Liberation Day (5 May): a national holiday every year, but most
//!   agreements give the day off only in lustrum years (2025, 2030, …);
//!   included in years divisible by five.
//!
//! King's Day is 27 April, or Saturday 26 April when the 27th is a Sunday;
//! before 2014 it was Queen's Day, 30 April, or the 29th when on a Sunday.

use super::rules::{Shift, Year};

pub(super) fn public(y: &mut Year) {
    y.add(y.on(1, 1), "New Year's Day");
    y.add(y.easter(-2), "Good Friday");
    y.add(y.easter(0), "Easter Sunday");
    y.add(y.easter(1), "Easter Monday");
    if y.year() >= 2014 {
        y.moved(y.on(4, 27), Shift::SUN_TO_SATURDAY, "King's Day");
    } else {
        y.moved(y.on(4, 30), Shift::SUN_TO_SATURDAY, "Queen's Day");
    }
    if y.year() >= 1945 && y.year() % 5 == 0 {
        y.add(y.on(5, 5), "Liberation Day");
    }
    y.add(y.easter(39), "Ascension Day");
    y.add(y.easter(49), "Whit Sunday");
    y.add(y.easter(50), "Whit Monday");
    y.add(y.on(12, 25), "Christmas Day");
    y.add(y.on(12, 26), "Second Day of Christmas");
}

#[cfg(test)]
mod tests {
    use super::super::rules::names_on;
    use jiff::civil::{Date, date};

    #[test]
    fn known_dates() {
        case(date(2026, 4, 3), &["Good Friday"]);
        case(date(2026, 4, 5), &["Easter Sunday"]);
        case(date(2026, 4, 6), &["Easter Monday"]);
        case(date(2026, 4, 27), &["King's Day"]);
        // 27 April 2025 was a Sunday: King's Day on Saturday the 26th.
        case(date(2025, 4, 26), &["King's Day"]);
        case(date(2025, 4, 27), &[]);
        case(date(2013, 4, 30), &["Queen's Day"]);
        // 30 April 2006 was a Sunday.
        case(date(2006, 4, 29), &["Queen's Day"]);
        case(date(2025, 5, 5), &["Liberation Day"]);
        case(date(2026, 5, 5), &[]);
        case(date(2026, 5, 14), &["Ascension Day"]);
        case(date(2026, 5, 24), &["Whit Sunday"]);
        case(date(2026, 5, 25), &["Whit Monday"]);
        case(date(2026, 12, 26), &["Second Day of Christmas"]);
    }

    #[track_caller]
    fn case(day: Date, want: &[&str]) {
        assert_eq!(names_on(super::public, day), want, "{day}");
    }
}
