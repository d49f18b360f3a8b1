//! The date arithmetic every holiday calendar is built from: fixed dates,
//! "the n-th weekday of a month", days counted from Easter, and the rules
//! that give a holiday falling on a weekend a weekday of its own.
//!
//! Pure and total: a date that cannot exist (a year outside what `jiff`
//! represents) is `None` and simply yields no holiday; nothing here panics.

use jiff::Span;
use jiff::civil::{Date, Weekday};

/// Easter Sunday of the Gregorian `year`.
///
/// The "Anonymous Gregorian algorithm" (published in *Nature* in 1876,
/// known as Meeus/Jones/Butcher after Jean Meeus, *Astronomical Algorithms*,
/// 1991, ch. 8): integer arithmetic only, valid for every Gregorian year.
/// Twenty lines are not worth a dependency, and the tests below hold it to
/// published dates and to its range (22 March – 25 April, always a Sunday).
pub fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// `date` moved by `days` (negative: earlier).
pub fn add_days(date: Date, days: i32) -> Option<Date> {
    let span = Span::new().try_days(days).ok()?;
    date.checked_add(span).ok()
}

/// What happens to a holiday that falls on a given weekday: how many days
/// later (or, negative, earlier) its observed day or substitute day is.
/// Zero means it stays where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift([i8; 7]);

impl Shift {
    /// Saturday and Sunday both go to the next Monday (the usual substitute
    /// day in the UK, Canada, Australia and New Zealand).
    pub const SAT_SUN_TO_MONDAY: Shift = Shift::new(0, 0, 2, 1);
    /// Saturday to Monday, Sunday to Tuesday: for the first of two holidays
    /// in a row (Christmas, New Year) whose neighbour takes the Monday.
    pub const SAT_TO_MONDAY_SUN_TO_TUESDAY: Shift = Shift::new(0, 0, 2, 2);
    /// The 2 January rule in Scotland: Saturday to Monday, Sunday to
    /// Tuesday, and Monday to Tuesday (1 January's substitute takes Monday).
    pub const MON_SUN_TO_TUESDAY_SAT_TO_MONDAY: Shift = Shift::new(1, 0, 2, 2);
    /// Saturday to the Friday before, Sunday to the Monday after (US federal
    /// holidays, 5 U.S.C. 6103(b)).
    pub const NEAREST_WEEKDAY: Shift = Shift::new(0, 0, -1, 1);
    /// Sunday only, to Monday.
    pub const SUN_TO_MONDAY: Shift = Shift::new(0, 0, 0, 1);
    /// Sunday only, to Tuesday.
    pub const SUN_TO_TUESDAY: Shift = Shift::new(0, 0, 0, 2);
    /// Sunday only, to the Saturday before (Dutch King's Day).
    pub const SUN_TO_SATURDAY: Shift = Shift::new(0, 0, 0, -1);

    /// Offsets for a holiday falling on Monday, Friday, Saturday and Sunday
    /// (the other weekdays never move in any calendar here).
    const fn new(monday: i8, friday: i8, saturday: i8, sunday: i8) -> Shift {
        Shift([monday, 0, 0, 0, friday, saturday, sunday])
    }

    /// The day a holiday on `date` is observed on: `date` itself when the
    /// rule leaves it alone.
    pub fn apply(self, date: Date) -> Option<Date> {
        let index = usize::try_from(date.weekday().to_monday_zero_offset()).ok()?;
        let days = *self.0.get(index)?;
        add_days(date, i32::from(days))
    }
}

/// The holidays of one year as a calendar's rules produce them, in rule
/// order. An observed or substitute day may fall in a neighbouring year
/// (US: 1 January on a Saturday is observed on 31 December);
/// `Calendar::holidays` sorts that out.
#[derive(Debug)]
pub struct Year {
    year: i16,
    out: Vec<(Date, &'static str)>,
}

impl Year {
    pub fn new(year: i16) -> Year {
        Year {
            year,
            out: Vec::with_capacity(24),
        }
    }

    pub fn year(&self) -> i16 {
        self.year
    }

    /// `month`/`day` of this year.
    pub fn on(&self, month: i8, day: i8) -> Option<Date> {
        Date::new(self.year, month, day).ok()
    }

    /// The `nth` `weekday` of `month`; a negative `nth` counts from the end
    /// (-1: the last).
    pub fn nth(&self, month: i8, nth: i8, weekday: Weekday) -> Option<Date> {
        self.on(month, 1)?.nth_weekday_of_month(nth, weekday).ok()
    }

    /// The first `weekday` on or after `month`/`day`.
    pub fn first_on_or_after(&self, month: i8, day: i8, weekday: Weekday) -> Option<Date> {
        let from = self.on(month, day)?;
        let ahead = (weekday.to_monday_zero_offset() - from.weekday().to_monday_zero_offset())
            .rem_euclid(7);
        add_days(from, i32::from(ahead))
    }

    /// `days` after Easter Sunday (negative: before).
    pub fn easter(&self, days: i32) -> Option<Date> {
        add_days(easter_sunday(self.year)?, days)
    }

    /// Adds a holiday; returns its date for a following `observed` call.
    pub fn add(&mut self, date: Option<Date>, name: &'static str) -> Option<Date> {
        if let Some(d) = date {
            self.out.push((d, name));
        }
        date
    }

    /// Adds a second day, `name`, when `shift` moves the holiday on `date`:
    /// the holiday stays on its own date and the observed or substitute day
    /// is a holiday too.
    pub fn observed(&mut self, date: Option<Date>, shift: Shift, name: &'static str) {
        if let Some(d) = date
            && let Some(moved) = shift.apply(d)
            && moved != d
        {
            self.out.push((moved, name));
        }
    }

    /// Adds a holiday on the day `shift` moves `date` to: the holiday itself
    /// moves and its own date is not a holiday.
    pub fn moved(&mut self, date: Option<Date>, shift: Shift, name: &'static str) {
        if let Some(moved) = date.and_then(|d| shift.apply(d)) {
            self.out.push((moved, name));
        }
    }

    /// Adds every entry of a table of one-off days that falls in this year.
    pub fn one_offs(&mut self, table: &[(Date, &'static str)]) {
        for &(date, name) in table {
            if date.year() == self.year {
                self.out.push((date, name));
            }
        }
    }

    pub fn into_holidays(self) -> Vec<(Date, &'static str)> {
        self.out
    }
}

/// Every holiday that `populate` (a calendar's rules) gives in `year`,
/// sorted by date; a holiday and its observed or substitute day are two
/// entries, and two holidays on one date are two entries with the same
/// date, in rule order. Empty for a year `jiff` cannot represent.
pub fn holidays_of(populate: impl Fn(&mut Year), year: i16) -> Vec<(Date, &'static str)> {
    // An observed day can land in the neighbouring year (US: New Year's
    // Day on a Saturday is observed on 31 December), so the rules of the
    // years either side are run too and only this year's dates kept.
    let mut out = Vec::new();
    for y in [year.checked_sub(1), Some(year), year.checked_add(1)]
        .into_iter()
        .flatten()
    {
        let mut rules = Year::new(y);
        populate(&mut rules);
        out.extend(
            rules
                .into_holidays()
                .into_iter()
                .filter(|(d, _)| d.year() == year),
        );
    }
    // Stable: two holidays on one date keep their rule order.
    out.sort_by_key(|(d, _)| *d);
    out
}

/// The names of the holidays `populate` gives on `date`, for the
/// calendars' table-driven tests.
#[cfg(test)]
pub fn names_on(populate: impl Fn(&mut Year), date: Date) -> Vec<&'static str> {
    holidays_of(populate, date.year())
        .into_iter()
        .filter(|(d, _)| *d == date)
        .map(|(_, n)| n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_matches_published_dates() {
        // Dates from the tables in Meeus and the usual almanacs, chosen to
        // cover the extremes: 2285 is the earliest possible (22 March), 2038
        // and 1943 the latest (25 April).
        easter_case(1943, date(1943, 4, 25));
        easter_case(1961, date(1961, 4, 2));
        easter_case(2000, date(2000, 4, 23));
        easter_case(2008, date(2008, 3, 23));
        easter_case(2011, date(2011, 4, 24));
        easter_case(2019, date(2019, 4, 21));
        easter_case(2024, date(2024, 3, 31));
        easter_case(2025, date(2025, 4, 20));
        easter_case(2026, date(2026, 4, 5));
        easter_case(2027, date(2027, 3, 28));
        easter_case(2038, date(2038, 4, 25));
        easter_case(2285, date(2285, 3, 22));
    }

    /// Property: Easter is a Sunday between 22 March and 25 April.
    #[test]
    fn easter_is_a_sunday_in_its_window() {
        for year in 1583..=4099 {
            let Some(e) = easter_sunday(year) else {
                panic!("no Easter in {year}");
            };
            assert_eq!(e.weekday(), Weekday::Sunday, "{e}");
            assert!(e >= date(year, 3, 22) && e <= date(year, 4, 25), "{e}");
        }
    }

    #[test]
    fn shifts() {
        // 2026-07-04 is a Saturday, 2027-07-04 a Sunday.
        shift_case(Shift::NEAREST_WEEKDAY, date(2026, 7, 4), date(2026, 7, 3));
        shift_case(Shift::NEAREST_WEEKDAY, date(2027, 7, 4), date(2027, 7, 5));
        shift_case(Shift::NEAREST_WEEKDAY, date(2028, 7, 4), date(2028, 7, 4));
        // 2027-12-25 is a Saturday, 2022-12-25 a Sunday.
        shift_case(
            Shift::SAT_TO_MONDAY_SUN_TO_TUESDAY,
            date(2027, 12, 25),
            date(2027, 12, 27),
        );
        shift_case(
            Shift::SAT_TO_MONDAY_SUN_TO_TUESDAY,
            date(2022, 12, 25),
            date(2022, 12, 27),
        );
        shift_case(
            Shift::SAT_SUN_TO_MONDAY,
            date(2022, 12, 25),
            date(2022, 12, 26),
        );
        shift_case(Shift::SUN_TO_SATURDAY, date(2025, 4, 27), date(2025, 4, 26));
        // 2023-01-02 is a Monday.
        shift_case(
            Shift::MON_SUN_TO_TUESDAY_SAT_TO_MONDAY,
            date(2023, 1, 2),
            date(2023, 1, 3),
        );
    }

    #[test]
    fn first_weekday_on_or_after() {
        let y = Year::new(2025);
        // 2025-02-01 is a Saturday.
        assert_eq!(
            y.first_on_or_after(2, 1, Weekday::Monday),
            Some(date(2025, 2, 3))
        );
        assert_eq!(
            y.first_on_or_after(2, 1, Weekday::Saturday),
            Some(date(2025, 2, 1))
        );
    }

    #[test]
    fn years_jiff_cannot_hold_give_no_dates() {
        assert_eq!(easter_sunday(i16::MAX), None);
        assert_eq!(Year::new(i16::MIN).on(1, 1), None);
    }

    #[track_caller]
    fn easter_case(year: i16, want: Date) {
        assert_eq!(easter_sunday(year), Some(want));
    }

    #[track_caller]
    fn shift_case(shift: Shift, from: Date, want: Date) {
        assert_eq!(shift.apply(from), Some(want));
    }
}
