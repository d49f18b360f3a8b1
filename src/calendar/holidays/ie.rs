//! Ireland: the public holidays of the Organisation of Working Time Act
//! 1997 (Schedule 2), with St Brigid's Day from 2023 and the one-off day of
//! 2022.
//!
//! No substitute days: when a public holiday falls on a weekend the Act
//! gives the employee a paid day off, an extra day of leave or a day's pay,
//! the employer's choice, but names no date. Banks and the state close on
//! the next weekday by custom; an employer that does so can list that date.

use super::rules::Year;
use jiff::civil::Date;
use jiff::civil::Weekday::{Friday, Monday};

const ONE_OFFS: &[(Date, &str)] = &[
    // A one-off public holiday to remember those who died in the COVID-19
    // pandemic and to recognise front-line workers.
    (
        Date::constant(2022, 3, 18),
        "Day of Remembrance and Recognition",
    ),
];

pub(super) fn public(y: &mut Year) {
    y.add(y.on(1, 1), "New Year's Day");
    // From 2023: the first Monday of February, or 1 February itself when
    // that is a Friday.
    if y.year() >= 2023 {
        let st_brigid = match y.on(2, 1) {
            Some(d) if d.weekday() == Friday => Some(d),
            _ => y.first_on_or_after(2, 1, Monday),
        };
        y.add(st_brigid, "St Brigid's Day");
    }
    y.add(y.on(3, 17), "St Patrick's Day");
    y.add(y.easter(1), "Easter Monday");
    y.add(y.nth(5, 1, Monday), "May Bank Holiday");
    y.add(y.nth(6, 1, Monday), "June Bank Holiday");
    y.add(y.nth(8, 1, Monday), "August Bank Holiday");
    y.add(y.nth(10, -1, Monday), "October Bank Holiday");
    y.add(y.on(12, 25), "Christmas Day");
    y.add(y.on(12, 26), "St Stephen's Day");
    y.one_offs(ONE_OFFS);
}

#[cfg(test)]
mod tests {
    use super::super::rules::names_on;
    use jiff::civil::{Date, date};

    #[test]
    fn known_dates() {
        case(date(2026, 1, 1), &["New Year's Day"]);
        case(date(2022, 2, 7), &[]);
        case(date(2023, 2, 6), &["St Brigid's Day"]);
        case(date(2025, 2, 3), &["St Brigid's Day"]);
        // 1 February 2030 is a Friday.
        case(date(2030, 2, 1), &["St Brigid's Day"]);
        case(date(2030, 2, 4), &[]);
        case(date(2026, 3, 17), &["St Patrick's Day"]);
        case(date(2022, 3, 18), &["Day of Remembrance and Recognition"]);
        case(date(2026, 4, 3), &[]);
        case(date(2026, 4, 6), &["Easter Monday"]);
        case(date(2026, 5, 4), &["May Bank Holiday"]);
        case(date(2026, 6, 1), &["June Bank Holiday"]);
        case(date(2026, 8, 3), &["August Bank Holiday"]);
        case(date(2026, 10, 26), &["October Bank Holiday"]);
        case(date(2026, 12, 26), &["St Stephen's Day"]);
        case(date(2026, 12, 28), &[]);
    }

    #[track_caller]
    fn case(day: Date, want: &[&str]) {
        assert_eq!(names_on(super::public, day), want, "{day}");
    }
}
