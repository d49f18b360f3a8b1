//! Australia: the public holidays every state and territory keeps, and the
//! full calendar of New South Wales (Public Holidays Act 2010, in force
//! from 2011; before that the Banks and Bank Holidays Act 1912).
//!
//! `AU` lists the shared days on their own dates only: each state has its
//! own substitute-day rules (and its own King's Birthday, Labour Day and
//! show days), so a national list cannot say which Monday is off. Use a
//! state calendar for those.

use super::rules::{Shift, Year};
use jiff::civil::Date;
use jiff::civil::Weekday::Monday;

/// One-off public holidays declared in every state.
const NATIONAL_ONE_OFFS: &[(Date, &str)] = &[(
    Date::constant(2022, 9, 22),
    "National Day of Mourning for Queen Elizabeth II",
)];

/// Additional days New South Wales declared for ANZAC Day falling on a
/// weekend; the Act itself gives ANZAC Day no substitute. Announced year by
/// year: later years need a new entry.
const NSW_ANZAC_ADDITIONAL: &[(Date, &str)] = &[
    (Date::constant(2026, 4, 27), "ANZAC Day (additional day)"),
    (Date::constant(2027, 4, 26), "ANZAC Day (additional day)"),
];

pub(super) fn national(y: &mut Year) {
    y.add(y.on(1, 1), "New Year's Day");
    y.add(y.on(1, 26), "Australia Day");
    y.add(y.easter(-2), "Good Friday");
    y.add(y.easter(1), "Easter Monday");
    y.add(y.on(4, 25), "ANZAC Day");
    y.add(y.on(12, 25), "Christmas Day");
    y.add(y.on(12, 26), "Boxing Day");
    y.one_offs(NATIONAL_ONE_OFFS);
}

pub(super) fn new_south_wales(y: &mut Year) {
    let act_2010 = y.year() >= 2011;

    let new_year = y.add(y.on(1, 1), "New Year's Day");
    let shift = if act_2010 {
        Shift::SAT_SUN_TO_MONDAY
    } else {
        Shift::SUN_TO_MONDAY
    };
    y.observed(new_year, shift, "New Year's Day (additional day)");

    // From 2011 Australia Day itself moves to the Monday; before, a Sunday
    // one added the Monday.
    if act_2010 {
        y.moved(y.on(1, 26), Shift::SAT_SUN_TO_MONDAY, "Australia Day");
    } else {
        let australia = y.add(y.on(1, 26), "Australia Day");
        y.observed(
            australia,
            Shift::SUN_TO_MONDAY,
            "Australia Day (additional day)",
        );
    }

    y.add(y.easter(-2), "Good Friday");
    y.add(y.easter(-1), "Easter Saturday");
    if act_2010 {
        y.add(y.easter(0), "Easter Sunday");
    }
    y.add(y.easter(1), "Easter Monday");

    let anzac = y.add(y.on(4, 25), "ANZAC Day");
    if !act_2010 {
        y.observed(anzac, Shift::SUN_TO_MONDAY, "ANZAC Day (additional day)");
    }
    y.one_offs(NSW_ANZAC_ADDITIONAL);

    let sovereign = if y.year() <= 2022 {
        "Queen's Birthday"
    } else {
        "King's Birthday"
    };
    y.add(y.nth(6, 2, Monday), sovereign);
    // A public holiday until 2010; since then a bank holiday only.
    if !act_2010 {
        y.add(y.nth(8, 1, Monday), "Bank Holiday");
    }
    y.add(y.nth(10, 1, Monday), "Labour Day");

    let (christmas_shift, boxing_shift) = if act_2010 {
        (
            Shift::SAT_TO_MONDAY_SUN_TO_TUESDAY,
            Shift::SAT_TO_MONDAY_SUN_TO_TUESDAY,
        )
    } else {
        (Shift::SUN_TO_TUESDAY, Shift::SUN_TO_MONDAY)
    };
    let christmas = y.add(y.on(12, 25), "Christmas Day");
    y.observed(christmas, christmas_shift, "Christmas Day (additional day)");
    let boxing = y.add(y.on(12, 26), "Boxing Day");
    y.observed(boxing, boxing_shift, "Boxing Day (additional day)");

    y.one_offs(NATIONAL_ONE_OFFS);
}

#[cfg(test)]
mod tests {
    use super::super::rules::{Year, names_on};
    use jiff::civil::{Date, date};

    #[test]
    fn national() {
        let c = super::national;
        case(c, date(2026, 1, 26), &["Australia Day"]);
        case(c, date(2026, 4, 3), &["Good Friday"]);
        case(c, date(2026, 4, 4), &[]);
        case(c, date(2026, 4, 25), &["ANZAC Day"]);
        case(c, date(2026, 4, 27), &[]);
        case(c, date(2011, 4, 25), &["Easter Monday", "ANZAC Day"]);
        case(c, date(2026, 6, 8), &[]);
        case(c, date(2026, 12, 28), &[]);
        case(
            c,
            date(2022, 9, 22),
            &["National Day of Mourning for Queen Elizabeth II"],
        );
    }

    #[test]
    fn new_south_wales() {
        let c = super::new_south_wales;
        case(c, date(2023, 1, 2), &["New Year's Day (additional day)"]);
        // 26 January 2025 a Sunday: Australia Day moves to Monday 27th.
        case(c, date(2025, 1, 26), &[]);
        case(c, date(2025, 1, 27), &["Australia Day"]);
        case(c, date(2026, 4, 4), &["Easter Saturday"]);
        case(c, date(2026, 4, 5), &["Easter Sunday"]);
        case(c, date(2026, 4, 27), &["ANZAC Day (additional day)"]);
        // 25 April 2020 a Saturday: no additional day then.
        case(c, date(2020, 4, 27), &[]);
        case(c, date(2026, 6, 8), &["King's Birthday"]);
        case(c, date(2022, 6, 13), &["Queen's Birthday"]);
        case(c, date(2026, 8, 3), &[]);
        case(c, date(2010, 8, 2), &["Bank Holiday"]);
        case(c, date(2026, 10, 5), &["Labour Day"]);
        case(c, date(2026, 12, 28), &["Boxing Day (additional day)"]);
        case(c, date(2027, 12, 27), &["Christmas Day (additional day)"]);
        case(c, date(2027, 12, 28), &["Boxing Day (additional day)"]);
    }

    #[track_caller]
    fn case(calendar: fn(&mut Year), day: Date, want: &[&str]) {
        assert_eq!(names_on(calendar, day), want, "{day}");
    }
}
