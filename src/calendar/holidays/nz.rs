//! New Zealand: the national public holidays of the Holidays Act 2003 (s.
//! 44), with Matariki from 2022 (Te Kāhui o Matariki Public Holiday Act
//! 2022). Regional anniversary days are not included.
//!
//! *Mondayisation*: a holiday on a weekend gives the next weekday that is
//! not already a holiday (s. 45): Christmas and New Year pairs go to Monday
//! and Tuesday; Waitangi Day and Anzac Day go to Monday from 2014 (Holidays
//! (Full Recognition of Waitangi Day and ANZAC Day) Amendment Act 2013).
//!
//! Matariki follows the Māori lunar calendar, so its date is fixed by law
//! year by year: the Act's Schedule 1 lists every date to 2052, carried
//! below. After 2052 no date is given until Parliament sets one.

use super::rules::{Shift, Year};
use jiff::civil::Date;
use jiff::civil::Weekday::Monday;

/// Te Kāhui o Matariki Public Holiday Act 2022, Schedule 1 (always a Friday).
const MATARIKI: &[(Date, &str)] = &[
    (Date::constant(2022, 6, 24), "Matariki"),
    (Date::constant(2023, 7, 14), "Matariki"),
    (Date::constant(2024, 6, 28), "Matariki"),
    (Date::constant(2025, 6, 20), "Matariki"),
    (Date::constant(2026, 7, 10), "Matariki"),
    (Date::constant(2027, 6, 25), "Matariki"),
    (Date::constant(2028, 7, 14), "Matariki"),
    (Date::constant(2029, 7, 6), "Matariki"),
    (Date::constant(2030, 6, 21), "Matariki"),
    (Date::constant(2031, 7, 11), "Matariki"),
    (Date::constant(2032, 7, 2), "Matariki"),
    (Date::constant(2033, 6, 24), "Matariki"),
    (Date::constant(2034, 7, 7), "Matariki"),
    (Date::constant(2035, 6, 29), "Matariki"),
    (Date::constant(2036, 7, 18), "Matariki"),
    (Date::constant(2037, 7, 10), "Matariki"),
    (Date::constant(2038, 6, 25), "Matariki"),
    (Date::constant(2039, 7, 15), "Matariki"),
    (Date::constant(2040, 7, 6), "Matariki"),
    (Date::constant(2041, 7, 19), "Matariki"),
    (Date::constant(2042, 7, 11), "Matariki"),
    (Date::constant(2043, 7, 3), "Matariki"),
    (Date::constant(2044, 6, 24), "Matariki"),
    (Date::constant(2045, 7, 7), "Matariki"),
    (Date::constant(2046, 6, 29), "Matariki"),
    (Date::constant(2047, 7, 19), "Matariki"),
    (Date::constant(2048, 7, 3), "Matariki"),
    (Date::constant(2049, 6, 25), "Matariki"),
    (Date::constant(2050, 7, 15), "Matariki"),
    (Date::constant(2051, 6, 30), "Matariki"),
    (Date::constant(2052, 6, 21), "Matariki"),
];

const ONE_OFFS: &[(Date, &str)] = &[
    // Queen Elizabeth II Memorial Day Act 2022.
    (
        Date::constant(2022, 9, 26),
        "Queen Elizabeth II Memorial Day",
    ),
];

pub(super) fn national(y: &mut Year) {
    let pair = Shift::SAT_TO_MONDAY_SUN_TO_TUESDAY;
    let monday = Shift::SAT_SUN_TO_MONDAY;
    let mondayised = y.year() >= 2014;

    let new_year = y.add(y.on(1, 1), "New Year's Day");
    y.observed(new_year, pair, "New Year's Day (observed)");
    let day_after = y.add(y.on(1, 2), "Day after New Year's Day");
    y.observed(day_after, pair, "Day after New Year's Day (observed)");
    let waitangi = y.add(y.on(2, 6), "Waitangi Day");
    if mondayised {
        y.observed(waitangi, monday, "Waitangi Day (observed)");
    }
    y.add(y.easter(-2), "Good Friday");
    y.add(y.easter(1), "Easter Monday");
    let anzac = y.add(y.on(4, 25), "Anzac Day");
    if mondayised {
        y.observed(anzac, monday, "Anzac Day (observed)");
    }
    let sovereign = if y.year() <= 2022 {
        "Queen's Birthday"
    } else {
        "King's Birthday"
    };
    y.add(y.nth(6, 1, Monday), sovereign);
    y.one_offs(MATARIKI);
    y.add(y.nth(10, 4, Monday), "Labour Day");
    let christmas = y.add(y.on(12, 25), "Christmas Day");
    y.observed(christmas, pair, "Christmas Day (observed)");
    let boxing = y.add(y.on(12, 26), "Boxing Day");
    y.observed(boxing, pair, "Boxing Day (observed)");
    y.one_offs(ONE_OFFS);
}

#[cfg(test)]
mod tests {
    use super::super::rules::names_on;
    use super::MATARIKI;
    use jiff::civil::{Date, Weekday, date};

    #[test]
    fn known_dates() {
        case(date(2026, 1, 2), &["Day after New Year's Day"]);
        // 1 January 2022 a Saturday: Monday 3rd and Tuesday 4th.
        case(date(2022, 1, 3), &["New Year's Day (observed)"]);
        case(date(2022, 1, 4), &["Day after New Year's Day (observed)"]);
        // 1 January 2023 a Sunday: the 2nd is its own day, the 1st is
        // Mondayised past it to Tuesday the 3rd.
        case(date(2023, 1, 3), &["New Year's Day (observed)"]);
        case(date(2027, 2, 8), &["Waitangi Day (observed)"]);
        case(date(2026, 4, 27), &["Anzac Day (observed)"]);
        case(date(2026, 6, 1), &["King's Birthday"]);
        case(date(2026, 7, 10), &["Matariki"]);
        case(date(2021, 7, 9), &[]);
        case(date(2026, 10, 26), &["Labour Day"]);
        case(date(2026, 12, 28), &["Boxing Day (observed)"]);
        case(date(2022, 9, 26), &["Queen Elizabeth II Memorial Day"]);
        case(
            date(2038, 4, 26),
            &["Easter Monday", "Anzac Day (observed)"],
        );
    }

    #[test]
    fn matariki_is_a_friday_once_a_year() {
        for (i, (day, _)) in MATARIKI.iter().enumerate() {
            assert_eq!(day.weekday(), Weekday::Friday, "{day}");
            assert_eq!(i64::from(day.year()), 2022 + i as i64, "{day}");
            assert!(day.month() == 6 || day.month() == 7, "{day}");
        }
    }

    #[track_caller]
    fn case(day: Date, want: &[&str]) {
        assert_eq!(names_on(super::national, day), want, "{day}");
    }
}
