//! Business days and working hours in the employer's zone (SPEC §4
//! "Definitions" and §4.1).
//!
//! A *business day* is a civil date that is neither a weekend day nor a
//! holiday. Everything here works on civil dates and wall-clock times; turning
//! a wall-clock time into an instant is `crate::zone`'s job, so this module
//! never meets a DST gap or fold.
//!
//! Holidays are kept as a sorted list of dates with an optional name, so that
//! the plan can say *why* a step moved ("moved past Thanksgiving"). Built-in
//! rule-based calendars and `.ics` holiday files resolve into the same list for
//! the years a plan needs (see `holidays`).
//!
//! No I/O, no clock.

pub mod holidays;

use jiff::civil::{Date, DateTime, Time, Weekday};

/// A set of weekdays, as a bitmask (bit 0 = Monday … bit 6 = Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WeekdaySet(u8);

impl WeekdaySet {
    /// Saturday and Sunday: the built-in `weekend`.
    pub const SAT_SUN: WeekdaySet = WeekdaySet(0b110_0000);

    pub fn empty() -> WeekdaySet {
        WeekdaySet(0)
    }

    pub fn insert(&mut self, day: Weekday) {
        self.0 |= 1 << (day.to_monday_zero_offset());
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.to_monday_zero_offset()) != 0
    }

    pub fn is_full(self) -> bool {
        self.0 == 0b111_1111
    }
}

/// The working-hours window `[open, close)` on a business day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkingHours {
    pub open: Time,
    pub close: Time,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            open: Time::constant(9, 0, 0, 0),
            close: Time::constant(17, 0, 0, 0),
        }
    }
}

/// Why a date is not a business day, for saying what pushed a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff<'a> {
    /// A holiday, with its name where known (several joined with "; ").
    Holiday(Option<&'a str>),
    /// One of the `weekend` days.
    Weekend,
}

/// Which days an employer works: weekend plus holidays.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BusinessCalendar {
    weekend: WeekdaySet,
    /// Sorted by date, no duplicate dates.
    holidays: Vec<(Date, Option<String>)>,
}

/// How far the business-day searches look before giving up. A calendar whose
/// every day is a weekend is refused at validation; this only guards against a
/// holiday list that covers years on end.
const MAX_SCAN_DAYS: i32 = 3_700;

impl BusinessCalendar {
    /// Builds a calendar; `holidays` need not be sorted and may repeat.
    /// Where several entries share a date their distinct names are joined
    /// with "; " ("Christmas Day; Winter shutdown"), in name order.
    pub fn new(weekend: WeekdaySet, mut holidays: Vec<(Date, Option<String>)>) -> Self {
        holidays.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        holidays.dedup_by(|later, earlier| {
            if later.0 != earlier.0 {
                return false;
            }
            match (&mut earlier.1, later.1.take()) {
                (Some(names), Some(name)) => {
                    if !names.split("; ").any(|n| n == name) {
                        names.push_str("; ");
                        names.push_str(&name);
                    }
                }
                (slot @ None, name) => *slot = name,
                (Some(_), None) => {}
            }
            true
        });
        BusinessCalendar { weekend, holidays }
    }

    pub fn weekend(&self) -> WeekdaySet {
        self.weekend
    }

    /// The same weekend with `more` holidays added to these (`holidays:
    /// [auto]` adds the employer zone's calendar to the dates listed).
    pub fn with_holidays(&self, more: Vec<(Date, Option<String>)>) -> BusinessCalendar {
        let mut all = self.holidays.clone();
        all.extend(more);
        BusinessCalendar::new(self.weekend, all)
    }

    /// The same weekend with no holidays: where a rule would land if no
    /// holiday were in the way.
    pub fn weekend_only(&self) -> BusinessCalendar {
        BusinessCalendar {
            weekend: self.weekend,
            holidays: Vec::new(),
        }
    }

    /// The days off that pushed a date to `landed`, for "moved past
    /// Thanksgiving Day".
    ///
    /// A rule started counting at `counted_from` and, with only the weekend
    /// in the way, would have landed on `natural` (`counted_from ≤ natural ≤
    /// landed`). Before `natural` only the holidays on working weekdays
    /// pushed it: a business-day count skips the weekend anyway. From
    /// `natural` on every day off did, the weekend included. A day that is
    /// both a holiday and a weekend day counts as the weekend there.
    ///
    /// # Example: Christmas on a Friday
    ///
    /// 1bd after Thursday 2026-12-24 with Christmas Day off would be Friday;
    /// it lands on Monday 2026-12-28, past Christmas Day, Saturday and Sunday.
    pub fn days_off_passed(
        &self,
        counted_from: Date,
        natural: Date,
        landed: Date,
    ) -> Vec<(Date, DayOff<'_>)> {
        let mut out = Vec::new();
        let mut d = counted_from;
        for _ in 0..MAX_SCAN_DAYS {
            if d >= landed {
                break;
            }
            let weekend = self.weekend.contains(d.weekday());
            match self.holiday(d) {
                _ if weekend && d >= natural => out.push((d, DayOff::Weekend)),
                Some(name) if !weekend => out.push((d, DayOff::Holiday(name))),
                _ => {}
            }
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        out
    }

    /// The holiday on `date`, if any: `Some(name)` where the name may be unknown.
    pub fn holiday(&self, date: Date) -> Option<Option<&str>> {
        self.holidays
            .binary_search_by(|(d, _)| d.cmp(&date))
            .ok()
            .map(|i| self.holidays[i].1.as_deref())
    }

    pub fn is_business_day(&self, date: Date) -> bool {
        !self.weekend.contains(date.weekday()) && self.holiday(date).is_none()
    }

    /// The first business day on or after `date` (SPEC §4.1: `0bd`).
    ///
    /// `None` only when no business day exists within about ten years, which
    /// validation rules out for real inputs.
    pub fn first_business_day_from(&self, date: Date) -> Option<Date> {
        self.nearest(date, Date::tomorrow)
    }

    /// The `n`-th business day strictly after `date` (SPEC §4: "N bd after
    /// date D"); `n = 0` is [`Self::first_business_day_from`].
    ///
    /// Properties (tested below): for `n ≥ 1` the result is after `date`, is a
    /// business day, exactly `n - 1` business days lie strictly between, and
    /// it is monotone in both `date` and `n`.
    pub fn nth_business_day_after(&self, date: Date, n: u32) -> Option<Date> {
        self.nth(date, n, Date::tomorrow)
    }

    /// The last business day on or before `date` (`0bd` counted
    /// backwards, SPEC §8 `offer.decide_before`).
    pub fn last_business_day_until(&self, date: Date) -> Option<Date> {
        self.nearest(date, Date::yesterday)
    }

    /// The `n`-th business day strictly before `date` (SPEC §8 reading:
    /// "N bd before D" for `offer.decide_before`); `n = 0` is
    /// [`Self::last_business_day_until`]. The mirror of
    /// [`Self::nth_business_day_after`], with the mirrored properties
    /// (tested below).
    ///
    /// # Example: a deadline on the Monday after a holiday
    ///
    /// 1bd before Monday 2026-12-28 with Christmas Day (Friday 25) off is
    /// Thursday 2026-12-24.
    pub fn nth_business_day_before(&self, date: Date, n: u32) -> Option<Date> {
        self.nth(date, n, Date::yesterday)
    }

    /// The first business day from `date` on (itself included), stepping
    /// by `step` (a day forwards or backwards).
    fn nearest(&self, date: Date, step: fn(Date) -> Result<Date, jiff::Error>) -> Option<Date> {
        let mut d = date;
        for _ in 0..MAX_SCAN_DAYS {
            if self.is_business_day(d) {
                return Some(d);
            }
            d = step(d).ok()?;
        }
        None
    }

    /// The `n`-th business day strictly beyond `date` in the direction of
    /// `step`; `n = 0` is [`Self::nearest`]. Gives up (`None`) after
    /// scanning about ten years plus a week per business day asked for.
    fn nth(&self, date: Date, n: u32, step: fn(Date) -> Result<Date, jiff::Error>) -> Option<Date> {
        if n == 0 {
            return self.nearest(date, step);
        }
        let mut d = date;
        let mut left = n;
        let mut scanned = 0;
        while left > 0 {
            d = step(d).ok()?;
            scanned += 1;
            if scanned > MAX_SCAN_DAYS + (n as i32).saturating_mul(7) {
                return None;
            }
            if self.is_business_day(d) {
                left -= 1;
            }
        }
        Some(d)
    }

    /// Whether a wall-clock time falls inside the working-hours window of a
    /// business day.
    pub fn in_working_hours(&self, hours: WorkingHours, at: DateTime) -> bool {
        self.is_business_day(at.date()) && at.time() >= hours.open && at.time() < hours.close
    }

    /// The opening of the next working-hours window after `at` (SPEC §4.1):
    /// the same day if `at` is on a business day before that day's opening,
    /// else the opening on the next business day.
    pub fn next_window_open(&self, hours: WorkingHours, at: DateTime) -> Option<DateTime> {
        let day = at.date();
        if self.is_business_day(day) && at.time() < hours.open {
            return Some(day.to_datetime(hours.open));
        }
        self.nth_business_day_after(day, 1)
            .map(|d| d.to_datetime(hours.open))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn cal(weekend: &[Weekday], holidays: &[Date]) -> BusinessCalendar {
        let mut set = WeekdaySet::empty();
        for w in weekend {
            set.insert(*w);
        }
        BusinessCalendar::new(set, holidays.iter().map(|d| (*d, None)).collect())
    }

    fn sat_sun() -> Vec<Weekday> {
        vec![Weekday::Saturday, Weekday::Sunday]
    }

    #[test]
    fn nth_business_day_after_cases() {
        let us = cal(&sat_sun(), &[date(2026, 11, 26), date(2026, 12, 25)]);
        let gulf = cal(&[Weekday::Friday, Weekday::Saturday], &[]);
        let none = cal(&[], &[]);
        // Wed before Thanksgiving, 1bd → Fri.
        case(&us, date(2026, 11, 25), 1, date(2026, 11, 27));
        // Fri, 1bd → Mon.
        case(&us, date(2026, 11, 27), 1, date(2026, 11, 30));
        // 5bd across Thanksgiving.
        case(&us, date(2026, 11, 20), 5, date(2026, 11, 30));
        // Year end: Christmas Fri, then weekend.
        case(&us, date(2026, 12, 24), 1, date(2026, 12, 28));
        case(&us, date(2026, 12, 31), 1, date(2027, 1, 1));
        // 0bd: the day itself if a business day, else the next.
        case(&us, date(2026, 11, 25), 0, date(2026, 11, 25));
        case(&us, date(2026, 11, 26), 0, date(2026, 11, 27));
        case(&us, date(2026, 11, 28), 0, date(2026, 11, 30));
        // Friday–Saturday weekend: Thu → Sun.
        case(&gulf, date(2026, 11, 19), 1, date(2026, 11, 22));
        case(&gulf, date(2026, 11, 20), 1, date(2026, 11, 22));
        // Empty weekend: every day counts.
        case(&none, date(2026, 11, 21), 1, date(2026, 11, 22));
    }

    #[test]
    fn nth_business_day_before_cases() {
        let us = cal(&sat_sun(), &[date(2026, 11, 26), date(2026, 12, 25)]);
        let gulf = cal(&[Weekday::Friday, Weekday::Saturday], &[]);
        // Monday after Christmas Friday: 1bd before is Thursday 24.
        back(&us, date(2026, 12, 28), 1, date(2026, 12, 24));
        // 2bd before Monday 30 Nov skips the weekend and Thanksgiving.
        back(&us, date(2026, 11, 30), 2, date(2026, 11, 25));
        // Tuesday: 1bd before is Monday.
        back(&us, date(2026, 12, 1), 1, date(2026, 11, 30));
        // 0bd: the day itself if a business day, else the one before.
        back(&us, date(2026, 12, 1), 0, date(2026, 12, 1));
        back(&us, date(2026, 11, 29), 0, date(2026, 11, 27));
        // Friday–Saturday weekend: 1bd before Sunday is Thursday.
        back(&gulf, date(2026, 11, 22), 1, date(2026, 11, 19));
    }

    #[track_caller]
    fn back(c: &BusinessCalendar, from: Date, n: u32, want: Date) {
        assert_eq!(
            c.nth_business_day_before(from, n),
            Some(want),
            "{n}bd before {from}"
        );
    }

    #[test]
    fn next_window_open_cases() {
        let us = cal(&sat_sun(), &[date(2026, 11, 26)]);
        let h = WorkingHours::default();
        let dt = |y, m, d, hh, mm| date(y, m, d).at(hh, mm, 0, 0);
        // Before opening on a business day: same day.
        assert_eq!(
            us.next_window_open(h, dt(2026, 11, 18, 7, 0)),
            Some(dt(2026, 11, 18, 9, 0))
        );
        // After closing: next business day.
        assert_eq!(
            us.next_window_open(h, dt(2026, 11, 17, 17, 0)),
            Some(dt(2026, 11, 18, 9, 0))
        );
        // Before opening on Thanksgiving: Friday.
        assert_eq!(
            us.next_window_open(h, dt(2026, 11, 26, 7, 0)),
            Some(dt(2026, 11, 27, 9, 0))
        );
        // Saturday morning: Monday.
        assert_eq!(
            us.next_window_open(h, dt(2026, 11, 21, 7, 0)),
            Some(dt(2026, 11, 23, 9, 0))
        );
        assert!(us.in_working_hours(h, dt(2026, 11, 18, 9, 0)));
        assert!(!us.in_working_hours(h, dt(2026, 11, 18, 17, 0)));
        assert!(!us.in_working_hours(h, dt(2026, 11, 26, 10, 0)));
    }

    #[test]
    fn holidays_dedup_and_keep_names() {
        let c = BusinessCalendar::new(
            WeekdaySet::SAT_SUN,
            vec![
                (date(2026, 11, 26), None),
                (date(2026, 11, 26), Some("Thanksgiving Day".into())),
                (date(2026, 1, 1), Some("New Year's Day".into())),
            ],
        );
        assert_eq!(
            c.holiday(date(2026, 11, 26)),
            Some(Some("Thanksgiving Day"))
        );
        assert_eq!(c.holiday(date(2026, 1, 1)), Some(Some("New Year's Day")));
        assert_eq!(c.holiday(date(2026, 1, 2)), None);
    }

    #[test]
    fn holidays_on_one_date_join_their_names() {
        let c = BusinessCalendar::new(
            WeekdaySet::SAT_SUN,
            vec![
                (date(2026, 12, 25), Some("Winter shutdown".into())),
                (date(2026, 12, 25), Some("Christmas Day".into())),
                (date(2026, 12, 25), None),
                (date(2026, 12, 25), Some("Christmas Day".into())),
            ],
        );
        assert_eq!(
            c.holiday(date(2026, 12, 25)),
            Some(Some("Christmas Day; Winter shutdown"))
        );
    }

    #[test]
    fn days_off_passed_cases() {
        let c = BusinessCalendar::new(
            WeekdaySet::SAT_SUN,
            vec![
                (date(2026, 11, 26), Some("Thanksgiving Day".into())),
                (date(2026, 12, 4), Some("Founder's Day".into())),
                (date(2026, 12, 25), Some("Christmas Day".into())),
                (date(2026, 12, 26), None),
            ],
        );
        let h = |y, m, d, n| (date(y, m, d), DayOff::Holiday(n));
        let w = |y, m, d| (date(y, m, d), DayOff::Weekend);
        // 1bd after Wed 11-25: would be Thu, lands Fri.
        passed(
            &c,
            [date(2026, 11, 26), date(2026, 11, 26), date(2026, 11, 27)],
            &[h(2026, 11, 26, Some("Thanksgiving Day"))],
        );
        // 5bd after Mon 11-30: would be Mon 12-07, lands Tue 12-08; the
        // weekend before the natural date was always going to be skipped.
        passed(
            &c,
            [date(2026, 12, 1), date(2026, 12, 7), date(2026, 12, 8)],
            &[h(2026, 12, 4, Some("Founder's Day"))],
        );
        // 1bd after Thu 12-24: would be Fri, lands Mon; Saturday the 26th
        // is a holiday too and counts as the weekend.
        passed(
            &c,
            [date(2026, 12, 25), date(2026, 12, 25), date(2026, 12, 28)],
            &[
                h(2026, 12, 25, Some("Christmas Day")),
                w(2026, 12, 26),
                w(2026, 12, 27),
            ],
        );
        // A calendar-day rule landing on Saturday.
        passed(
            &c,
            [date(2026, 11, 21), date(2026, 11, 21), date(2026, 11, 23)],
            &[w(2026, 11, 21), w(2026, 11, 22)],
        );
        // Nothing in the way.
        passed(
            &c,
            [date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 18)],
            &[],
        );
    }

    #[track_caller]
    fn passed(
        c: &BusinessCalendar,
        [from, natural, landed]: [Date; 3],
        want: &[(Date, DayOff<'_>)],
    ) {
        assert_eq!(
            c.days_off_passed(from, natural, landed),
            want,
            "{from} {natural} {landed}"
        );
    }

    #[track_caller]
    fn case(c: &BusinessCalendar, from: Date, n: u32, want: Date) {
        assert_eq!(
            c.nth_business_day_after(from, n),
            Some(want),
            "{n}bd after {from}"
        );
    }

    fn arb_calendar() -> impl Strategy<Value = BusinessCalendar> {
        (0u8..0b111_1111, proptest::collection::vec(0i32..800, 0..40)).prop_map(
            |(mask, offsets)| {
                let base = date(2026, 1, 1);
                let holidays = offsets
                    .into_iter()
                    .map(|o| (base.checked_add(jiff::Span::new().days(o)).unwrap(), None))
                    .collect();
                BusinessCalendar::new(WeekdaySet(mask), holidays)
            },
        )
    }

    fn arb_date() -> impl Strategy<Value = Date> {
        (0i32..730).prop_map(|o| {
            date(2026, 1, 1)
                .checked_add(jiff::Span::new().days(o))
                .unwrap()
        })
    }

    proptest! {
        #[test]
        fn nth_business_day_after_properties(c in arb_calendar(), d in arb_date(), n in 1u32..30) {
            let got = c.nth_business_day_after(d, n).unwrap();
            prop_assert!(got > d);
            prop_assert!(c.is_business_day(got));
            let mut between = 0;
            let mut x = d.tomorrow().unwrap();
            while x < got {
                if c.is_business_day(x) { between += 1; }
                x = x.tomorrow().unwrap();
            }
            prop_assert_eq!(between, n - 1);
        }

        #[test]
        fn nth_business_day_before_properties(c in arb_calendar(), d in arb_date(), n in 1u32..30) {
            let got = c.nth_business_day_before(d, n).unwrap();
            prop_assert!(got < d);
            prop_assert!(c.is_business_day(got));
            let mut between = 0;
            let mut x = got.tomorrow().unwrap();
            while x < d {
                if c.is_business_day(x) { between += 1; }
                x = x.tomorrow().unwrap();
            }
            prop_assert_eq!(between, n - 1);
        }

        #[test]
        fn nth_business_day_after_is_monotone(c in arb_calendar(), d in arb_date(), n in 0u32..30, dd in 0i32..20, dn in 0u32..10) {
            let later = d.checked_add(jiff::Span::new().days(dd)).unwrap();
            let a = c.nth_business_day_after(d, n).unwrap();
            prop_assert!(c.nth_business_day_after(later, n).unwrap() >= a);
            prop_assert!(c.nth_business_day_after(d, n + dn).unwrap() >= a);
        }
    }
}
