//! United States: the eleven federal holidays of 5 U.S.C. 6103(a), with the
//! observed days of 6103(b) and Executive Order 11582 (a holiday on a
//! Saturday is observed on the Friday before, on a Sunday the Monday after).
//!
//! Left out on purpose (see `docs/holidays.md`): Inauguration Day (a holiday
//! only in and around Washington, D.C.), one-off closings by executive order
//! (announced each year), and state holidays.

use super::rules::{Shift, Year};
use jiff::civil::Weekday::{Monday, Thursday};

pub(super) fn federal(y: &mut Year) {
    let observed = Shift::NEAREST_WEEKDAY;

    let new_year = y.add(y.on(1, 1), "New Year's Day");
    y.observed(new_year, observed, "New Year's Day (observed)");
    if y.year() >= 1986 {
        y.add(y.nth(1, 3, Monday), "Birthday of Martin Luther King, Jr.");
    }
    y.add(y.nth(2, 3, Monday), "Washington's Birthday");
    y.add(y.nth(5, -1, Monday), "Memorial Day");
    // Juneteenth National Independence Day Act, Pub. L. 117-17 (2021).
    if y.year() >= 2021 {
        let juneteenth = y.add(y.on(6, 19), "Juneteenth National Independence Day");
        y.observed(
            juneteenth,
            observed,
            "Juneteenth National Independence Day (observed)",
        );
    }
    let independence = y.add(y.on(7, 4), "Independence Day");
    y.observed(independence, observed, "Independence Day (observed)");
    y.add(y.nth(9, 1, Monday), "Labor Day");
    y.add(y.nth(10, 2, Monday), "Columbus Day");
    let veterans = y.add(y.on(11, 11), "Veterans Day");
    y.observed(veterans, observed, "Veterans Day (observed)");
    y.add(y.nth(11, 4, Thursday), "Thanksgiving Day");
    let christmas = y.add(y.on(12, 25), "Christmas Day");
    y.observed(christmas, observed, "Christmas Day (observed)");
}

#[cfg(test)]
mod tests {
    use super::super::rules::{holidays_of, names_on};
    use jiff::civil::{Date, date};

    #[test]
    fn known_dates() {
        case(date(2026, 1, 1), &["New Year's Day"]);
        case(date(2026, 1, 19), &["Birthday of Martin Luther King, Jr."]);
        case(date(2026, 2, 16), &["Washington's Birthday"]);
        case(date(2026, 5, 25), &["Memorial Day"]);
        case(date(2026, 6, 19), &["Juneteenth National Independence Day"]);
        case(date(2020, 6, 19), &[]);
        case(
            date(2022, 6, 20),
            &["Juneteenth National Independence Day (observed)"],
        );
        // Saturday 4 July 2026: observed on Friday the 3rd.
        case(date(2026, 7, 3), &["Independence Day (observed)"]);
        case(date(2026, 7, 4), &["Independence Day"]);
        case(date(2026, 7, 6), &[]);
        // Sunday 4 July 2027: observed on Monday the 5th.
        case(date(2027, 7, 5), &["Independence Day (observed)"]);
        case(date(2026, 9, 7), &["Labor Day"]);
        case(date(2026, 10, 12), &["Columbus Day"]);
        case(date(2026, 11, 11), &["Veterans Day"]);
        case(date(2026, 11, 26), &["Thanksgiving Day"]);
        case(date(2026, 11, 27), &[]);
        case(date(2027, 11, 25), &["Thanksgiving Day"]);
        case(date(2026, 12, 25), &["Christmas Day"]);
        // New Year's Day 2022 was a Saturday: observed Friday 31 Dec 2021.
        case(date(2021, 12, 31), &["New Year's Day (observed)"]);
        // Inauguration Day is not a nationwide federal holiday.
        case(date(2025, 1, 20), &["Birthday of Martin Luther King, Jr."]);
        case(date(2029, 1, 22), &[]);
    }

    #[test]
    fn eleven_holidays_a_year() {
        for year in 2021..=2040 {
            let actual = holidays_of(super::federal, year)
                .iter()
                .filter(|(_, n)| !n.ends_with("(observed)"))
                .count();
            assert_eq!(actual, 11, "{year}");
        }
    }

    #[track_caller]
    fn case(day: Date, want: &[&str]) {
        assert_eq!(names_on(super::federal, day), want, "{day}");
    }
}
