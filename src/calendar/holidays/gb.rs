//! United Kingdom: the bank holidays of England (and Wales, which has the
//! same ones) and of Scotland, under the Banking and Financial Dealings Act
//! 1971 and the royal proclamations made each year, as GOV.UK lists them.
//!
//! A bank holiday on a weekend gets a *substitute day*: the next weekday
//! that is not already a holiday (Christmas on a Saturday: Monday 27th for
//! Christmas, Tuesday 28th for Boxing Day). Days moved or added by
//! proclamation (jubilees, royal weddings, a state funeral, a coronation)
//! are carried as tables below; a new one needs a new entry.

use super::rules::{Shift, Year};
use jiff::civil::Date;
use jiff::civil::Weekday::Monday;

/// One-off bank holidays proclaimed for the whole United Kingdom.
const UK_ONE_OFFS: &[(Date, &str)] = &[
    (Date::constant(2002, 6, 3), "Golden Jubilee of Elizabeth II"),
    (
        Date::constant(2011, 4, 29),
        "Wedding of Prince William and Catherine Middleton",
    ),
    (
        Date::constant(2012, 6, 5),
        "Diamond Jubilee of Elizabeth II",
    ),
    (
        Date::constant(2022, 6, 3),
        "Platinum Jubilee of Elizabeth II",
    ),
    (
        Date::constant(2022, 9, 19),
        "State Funeral of Queen Elizabeth II",
    ),
    (Date::constant(2023, 5, 8), "Coronation of King Charles III"),
];

/// One-off bank holidays proclaimed for Scotland only.
const SCOTLAND_ONE_OFFS: &[(Date, &str)] = &[
    // Royal proclamation of February 2026 (Privy Council Office).
    (
        Date::constant(2026, 6, 15),
        "Scotland's participation in the FIFA World Cup",
    ),
];

/// The early May bank holiday: the first Monday of May, moved by
/// proclamation to 8 May for the 50th and 75th anniversaries of VE Day.
fn early_may(y: &mut Year) {
    let date = match y.year() {
        1995 | 2020 => y.on(5, 8),
        _ => y.nth(5, 1, Monday),
    };
    y.add(date, "Early May Bank Holiday");
}

/// The spring bank holiday: the last Monday of May, moved by proclamation
/// in the jubilee years to sit beside the jubilee day.
fn spring(y: &mut Year) {
    let date = match y.year() {
        2002 | 2012 => y.on(6, 4),
        2022 => y.on(6, 2),
        _ => y.nth(5, -1, Monday),
    };
    y.add(date, "Spring Bank Holiday");
}

/// Christmas Day and Boxing Day with their substitute days.
fn christmas(y: &mut Year) {
    let shift = Shift::SAT_TO_MONDAY_SUN_TO_TUESDAY;
    let christmas = y.add(y.on(12, 25), "Christmas Day");
    y.observed(christmas, shift, "Christmas Day (substitute day)");
    let boxing = y.add(y.on(12, 26), "Boxing Day");
    y.observed(boxing, shift, "Boxing Day (substitute day)");
}

pub(super) fn england(y: &mut Year) {
    let new_year = y.add(y.on(1, 1), "New Year's Day");
    y.observed(
        new_year,
        Shift::SAT_SUN_TO_MONDAY,
        "New Year's Day (substitute day)",
    );
    y.add(y.easter(-2), "Good Friday");
    y.add(y.easter(1), "Easter Monday");
    early_may(y);
    spring(y);
    y.add(y.nth(8, -1, Monday), "Summer Bank Holiday");
    christmas(y);
    y.one_offs(UK_ONE_OFFS);
}

pub(super) fn scotland(y: &mut Year) {
    let new_year = y.add(y.on(1, 1), "New Year's Day");
    y.observed(
        new_year,
        Shift::SAT_SUN_TO_MONDAY,
        "New Year's Day (substitute day)",
    );
    // 2 January: when 1 January is a Sunday its substitute takes Monday the
    // 2nd, and 2 January's own substitute is Tuesday the 3rd.
    let second = y.add(y.on(1, 2), "2nd January");
    y.observed(
        second,
        Shift::MON_SUN_TO_TUESDAY_SAT_TO_MONDAY,
        "2nd January (substitute day)",
    );
    y.add(y.easter(-2), "Good Friday");
    early_may(y);
    spring(y);
    y.add(y.nth(8, 1, Monday), "Summer Bank Holiday");
    // St Andrew's Day Bank Holiday (Scotland) Act 2007 (assent January
    // 2007): 30 November from 2007, the Monday after when on a weekend.
    if y.year() >= 2007 {
        let st_andrew = y.add(y.on(11, 30), "St Andrew's Day");
        y.observed(
            st_andrew,
            Shift::SAT_SUN_TO_MONDAY,
            "St Andrew's Day (substitute day)",
        );
    }
    christmas(y);
    y.one_offs(UK_ONE_OFFS);
    y.one_offs(SCOTLAND_ONE_OFFS);
}

#[cfg(test)]
mod tests {
    use super::super::rules::{Year, names_on};
    use jiff::civil::{Date, date};

    #[test]
    fn england() {
        let c = super::england;
        case(c, date(2027, 3, 26), &["Good Friday"]);
        case(c, date(2027, 3, 29), &["Easter Monday"]);
        case(c, date(2026, 5, 4), &["Early May Bank Holiday"]);
        case(c, date(2020, 5, 8), &["Early May Bank Holiday"]);
        case(c, date(2020, 5, 4), &[]);
        case(c, date(2026, 5, 25), &["Spring Bank Holiday"]);
        case(c, date(2022, 5, 30), &[]);
        case(c, date(2022, 6, 2), &["Spring Bank Holiday"]);
        case(c, date(2022, 6, 3), &["Platinum Jubilee of Elizabeth II"]);
        case(
            c,
            date(2022, 9, 19),
            &["State Funeral of Queen Elizabeth II"],
        );
        case(c, date(2023, 5, 8), &["Coronation of King Charles III"]);
        case(c, date(2012, 6, 4), &["Spring Bank Holiday"]);
        case(c, date(2012, 6, 5), &["Diamond Jubilee of Elizabeth II"]);
        case(
            c,
            date(2011, 4, 29),
            &["Wedding of Prince William and Catherine Middleton"],
        );
        case(c, date(2026, 8, 31), &["Summer Bank Holiday"]);
        // Boxing Day 2026 is a Saturday: substitute Monday 28th.
        case(c, date(2026, 12, 26), &["Boxing Day"]);
        case(c, date(2026, 12, 28), &["Boxing Day (substitute day)"]);
        // Christmas 2027 on Saturday, Boxing Day on Sunday: Mon 27, Tue 28.
        case(c, date(2027, 12, 27), &["Christmas Day (substitute day)"]);
        case(c, date(2027, 12, 28), &["Boxing Day (substitute day)"]);
        // Christmas 2022 on Sunday: Boxing Day Monday, substitute Tuesday.
        case(c, date(2022, 12, 27), &["Christmas Day (substitute day)"]);
        case(c, date(2028, 1, 3), &["New Year's Day (substitute day)"]);
        case(c, date(2026, 1, 2), &[]);
        case(c, date(2026, 11, 30), &[]);
        case(c, date(2026, 6, 15), &[]);
    }

    #[test]
    fn scotland() {
        let c = super::scotland;
        case(c, date(2026, 1, 2), &["2nd January"]);
        // 1 January 2023 a Sunday: Monday 2nd (substitute and 2 January's
        // own day), Tuesday 3rd (2 January's substitute).
        case(
            c,
            date(2023, 1, 2),
            &["New Year's Day (substitute day)", "2nd January"],
        );
        case(c, date(2023, 1, 3), &["2nd January (substitute day)"]);
        // 1 January 2022 a Saturday: Monday 3rd and Tuesday 4th.
        case(c, date(2022, 1, 3), &["New Year's Day (substitute day)"]);
        case(c, date(2022, 1, 4), &["2nd January (substitute day)"]);
        case(c, date(2027, 3, 26), &["Good Friday"]);
        case(c, date(2027, 3, 29), &[]);
        case(c, date(2026, 8, 3), &["Summer Bank Holiday"]);
        case(c, date(2026, 8, 31), &[]);
        case(c, date(2026, 11, 30), &["St Andrew's Day"]);
        case(c, date(2025, 12, 1), &["St Andrew's Day (substitute day)"]);
        case(c, date(2006, 11, 30), &[]);
        case(c, date(2007, 11, 30), &["St Andrew's Day"]);
        case(
            c,
            date(2026, 6, 15),
            &["Scotland's participation in the FIFA World Cup"],
        );
        case(c, date(2026, 12, 28), &["Boxing Day (substitute day)"]);
        case(
            c,
            date(2022, 9, 19),
            &["State Funeral of Queen Elizabeth II"],
        );
    }

    #[track_caller]
    fn case(calendar: fn(&mut Year), day: Date, want: &[&str]) {
        assert_eq!(names_on(calendar, day), want, "{day}");
    }
}
