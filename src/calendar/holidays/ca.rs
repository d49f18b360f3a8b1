//! Canada: the statutory holidays every province and territory shares — New
//! Year's Day, Good Friday, Canada Day, Labour Day and Christmas Day — with
//! the Monday off when one falls on a weekend.
//!
//! Victoria Day, Thanksgiving, Remembrance Day, Boxing Day and the others
//! are provincial or apply to federally regulated employers only; see
//! `docs/holidays.md`.

use super::rules::{Shift, Year};
use jiff::civil::Weekday::Monday;

pub(super) fn national(y: &mut Year) {
    let monday = Shift::SAT_SUN_TO_MONDAY;

    let new_year = y.add(y.on(1, 1), "New Year's Day");
    y.observed(new_year, monday, "New Year's Day (observed)");
    y.add(y.easter(-2), "Good Friday");
    // Holidays Act (R.S.C. 1985, c. H-5) s. 2(2): when 1 July is a Sunday,
    // 2 July is Canada Day; employers (the federal government among them)
    // give the Monday for a Saturday too. python-holidays' default set has
    // neither: a documented difference.
    let canada = y.add(y.on(7, 1), "Canada Day");
    y.observed(canada, monday, "Canada Day (observed)");
    y.add(y.nth(9, 1, Monday), "Labour Day");
    let christmas = y.add(y.on(12, 25), "Christmas Day");
    y.observed(christmas, monday, "Christmas Day (observed)");
}

#[cfg(test)]
mod tests {
    use super::super::rules::names_on;
    use jiff::civil::{Date, date};

    #[test]
    fn known_dates() {
        case(date(2026, 1, 1), &["New Year's Day"]);
        case(date(2023, 1, 2), &["New Year's Day (observed)"]);
        case(date(2026, 4, 3), &["Good Friday"]);
        case(date(2026, 4, 6), &[]);
        case(date(2026, 7, 1), &["Canada Day"]);
        // Sunday 1 July 2029, Saturday 1 July 2028.
        case(date(2029, 7, 2), &["Canada Day (observed)"]);
        case(date(2028, 7, 3), &["Canada Day (observed)"]);
        case(date(2026, 9, 7), &["Labour Day"]);
        case(date(2026, 10, 12), &[]);
        case(date(2026, 12, 25), &["Christmas Day"]);
        case(date(2026, 12, 26), &[]);
        // Saturday 25 December 2027: Monday the 27th.
        case(date(2027, 12, 27), &["Christmas Day (observed)"]);
    }

    #[track_caller]
    fn case(day: Date, want: &[&str]) {
        assert_eq!(names_on(super::national, day), want, "{day}");
    }
}
