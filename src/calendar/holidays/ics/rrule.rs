//! Recurrence rules (RFC 5545 §3.3.10, the RRULE value) and their
//! expansion into instance starts, for the years a plan needs.
//!
//! Every FREQ (SECONDLY to YEARLY), INTERVAL, COUNT, UNTIL, every BYxxx part,
//! BYSETPOS and WKST. The reading is the RFC's, as python-dateutil (the
//! independent expansion the corpus test compares with) implements it:
//! each period of the frequency (a year, a month, a week starting on WKST,
//! a day, an hour, …) gives the candidate dates the BYxxx parts select,
//! times from BYHOUR/BYMINUTE/BYSECOND or DTSTART's, BYSETPOS picks among
//! the period's sorted candidates; DTSTART is the first instance and counts
//! towards COUNT (RFC 5545 §3.8.5.3).
//!
//! Work is bounded: a rule without COUNT jumps straight to the first period
//! the window needs; one with COUNT is counted from DTSTART; every period
//! and candidate day costs a step from one budget per file, and a rule that
//! runs out of it is an error naming the rule, never a hang (COUNT=100000000
//! of seconds, a rule that never matches such as BYMONTH=2;BYMONTHDAY=30).
//!
//! Why written here rather than taken from the `rrule` crate:
//! docs/decisions.md ("Recurrence rules").
//!
//! No I/O; never panics.

use super::error::IcsError;
use super::text::date_or_time;
use jiff::civil::{Date, DateTime, Time, Weekday};

/// How often a rule repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Freq {
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// One parsed RRULE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rule {
    pub freq: Freq,
    pub interval: i64,
    pub count: Option<u64>,
    /// UNTIL as written: its date-time (a DATE is its midnight), whether it
    /// was a DATE, and whether it was UTC (`Z`). The caller converts it.
    pub until: Option<(DateTime, bool, bool)>,
    pub by_second: Vec<i8>,
    pub by_minute: Vec<i8>,
    pub by_hour: Vec<i8>,
    /// A weekday with an ordinal (1 = first, -1 = last) or none (every).
    pub by_day: Vec<(Option<i16>, Weekday)>,
    pub by_month_day: Vec<i8>,
    pub by_year_day: Vec<i16>,
    pub by_week_no: Vec<i8>,
    pub by_month: Vec<i8>,
    pub by_set_pos: Vec<i32>,
    pub wkst: Weekday,
}

/// The steps one file's recurrences may take in all.
pub(super) const BUDGET: u64 = 2_000_000;

impl Rule {
    /// Reads an RRULE value such as `FREQ=MONTHLY;INTERVAL=12;BYDAY=2MO`.
    /// `what` names the event for messages.
    pub fn parse(text: &str, what: &str) -> Result<Rule, IcsError> {
        let bad = |why: String| IcsError(format!("{what} has RRULE {:?}: {why}", clip(text)));
        let mut rule = Rule {
            freq: Freq::Yearly,
            interval: 1,
            count: None,
            until: None,
            by_second: Vec::new(),
            by_minute: Vec::new(),
            by_hour: Vec::new(),
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_year_day: Vec::new(),
            by_week_no: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            wkst: Weekday::Monday,
        };
        let mut seen: Vec<String> = Vec::new();
        let mut freq = None;
        for part in text.trim().split(';').filter(|p| !p.trim().is_empty()) {
            let Some((key, val)) = part.split_once('=') else {
                return Err(bad(format!("{:?} is not NAME=VALUE", clip(part))));
            };
            let key = key.trim().to_ascii_uppercase();
            let val = val.trim();
            if seen.contains(&key) {
                return Err(bad(format!("{key} is given twice")));
            }
            seen.push(key.clone());
            let list = || val.split(',').map(str::trim).filter(|v| !v.is_empty());
            fn nums<T: std::str::FromStr>(
                list: impl Iterator<Item = impl AsRef<str>>,
                ok: impl Fn(&T) -> bool,
                key: &str,
                range: &str,
            ) -> Result<Vec<T>, String> {
                let mut out = Vec::new();
                for v in list {
                    let v = v.as_ref();
                    let n = v
                        .strip_prefix('+')
                        .unwrap_or(v)
                        .parse::<T>()
                        .ok()
                        .filter(|n| ok(n))
                        .ok_or_else(|| format!("{key} {v:?} is not {range}"))?;
                    out.push(n);
                }
                Ok(out)
            }
            match key.as_str() {
                "FREQ" => {
                    freq = Some(match val.to_ascii_uppercase().as_str() {
                        "SECONDLY" => Freq::Secondly,
                        "MINUTELY" => Freq::Minutely,
                        "HOURLY" => Freq::Hourly,
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        "YEARLY" => Freq::Yearly,
                        other => {
                            return Err(bad(format!(
                                "FREQ {:?} is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY",
                                clip(other)
                            )));
                        }
                    })
                }
                "INTERVAL" => {
                    rule.interval = val
                        .parse::<i64>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| bad("INTERVAL is not a positive number".into()))?;
                }
                // A negative COUNT (written by some exporters) is passed
                // over, as recurring_ical_events does.
                "COUNT" if val.starts_with('-') => {}
                "COUNT" => {
                    rule.count = Some(
                        val.parse::<u64>()
                            .ok()
                            .filter(|n| *n >= 1)
                            .ok_or_else(|| bad("COUNT is not a positive number".into()))?,
                    );
                }
                "UNTIL" => {
                    let utc = val.ends_with(['Z', 'z']);
                    let (at, date_only) = date_or_time(val)
                        .ok_or_else(|| bad("UNTIL is not a date or date-time".into()))?;
                    rule.until = Some((at, date_only, utc));
                }
                "BYSECOND" => {
                    rule.by_second =
                        nums(list(), |n: &i8| (0..=60).contains(n), &key, "0 to 60").map_err(bad)?
                }
                "BYMINUTE" => {
                    rule.by_minute =
                        nums(list(), |n: &i8| (0..=59).contains(n), &key, "0 to 59").map_err(bad)?
                }
                "BYHOUR" => {
                    rule.by_hour =
                        nums(list(), |n: &i8| (0..=23).contains(n), &key, "0 to 23").map_err(bad)?
                }
                "BYMONTH" => {
                    rule.by_month =
                        nums(list(), |n: &i8| (1..=12).contains(n), &key, "1 to 12").map_err(bad)?
                }
                "BYMONTHDAY" => {
                    rule.by_month_day = nums(
                        list(),
                        |n: &i8| *n != 0 && (-31..=31).contains(n),
                        &key,
                        "1 to 31 or -31 to -1",
                    )
                    .map_err(bad)?
                }
                "BYYEARDAY" => {
                    rule.by_year_day = nums(
                        list(),
                        |n: &i16| *n != 0 && (-366..=366).contains(n),
                        &key,
                        "1 to 366 or -366 to -1",
                    )
                    .map_err(bad)?
                }
                "BYWEEKNO" => {
                    rule.by_week_no = nums(
                        list(),
                        |n: &i8| *n != 0 && (-53..=53).contains(n),
                        &key,
                        "1 to 53 or -53 to -1",
                    )
                    .map_err(bad)?
                }
                "BYSETPOS" => {
                    rule.by_set_pos = nums(
                        list(),
                        |n: &i32| *n != 0 && (-366..=366).contains(n),
                        &key,
                        "1 to 366 or -366 to -1",
                    )
                    .map_err(bad)?
                }
                "BYDAY" => {
                    for v in list() {
                        rule.by_day.push(by_day(v).ok_or_else(|| {
                            bad(format!(
                                "BYDAY {:?} is not a weekday such as MO, 4TH or -1FR",
                                clip(v)
                            ))
                        })?);
                    }
                }
                "WKST" => {
                    rule.wkst = weekday(val)
                        .ok_or_else(|| bad(format!("WKST {:?} is not a weekday", clip(val))))?;
                }
                // RFC 7529 calendar scales other than the Gregorian would
                // move every date: refused rather than misread.
                "RSCALE" if val.eq_ignore_ascii_case("GREGORIAN") => {}
                "RSCALE" => {
                    return Err(bad(format!(
                        "RSCALE={} (a non-Gregorian calendar) is not supported; list the dates instead",
                        clip(val)
                    )));
                }
                "SKIP" => {}
                // Unknown parts (X- extensions): RFC 5545 §3.3.10 asks a
                // reader to ignore what it does not know.
                _ => {}
            }
        }
        rule.freq = freq.ok_or_else(|| bad("it has no FREQ".into()))?;
        rule.by_day.dedup();
        Ok(rule)
    }

    /// Appends to `out` every instance start from the rule that falls in
    /// the window `lo..=hi`, in order, after DTSTART `start` (which the caller adds
    /// itself). `until` is UNTIL already in DTSTART's terms, inclusive.
    ///
    /// Properties (tested): never panics; stops within [`BUDGET`] steps in
    /// all; instances are strictly after `start`, in `lo..=hi`, sorted.
    pub fn expand(
        &self,
        start: DateTime,
        until: Option<DateTime>,
        (lo, hi): (DateTime, DateTime),
        budget: &mut u64,
        what: &str,
        out: &mut Vec<DateTime>,
    ) -> Result<(), IcsError> {
        let mut counted: u64 = 1; // DTSTART
        let end = match until {
            Some(u) => u.min(hi),
            None => hi,
        };
        if end < start {
            return Ok(());
        }
        let period0 = self.period_index(start);
        let mut p = period0;
        if self.count.is_none() {
            // Periods before the window cannot give an instance in it.
            let lo_index = self.period_index(lo);
            let skip = (lo_index - period0 - 1).max(0) / self.interval;
            p = period0.saturating_add(skip.saturating_mul(self.interval));
        }
        let mut in_period: Vec<DateTime> = Vec::new();
        loop {
            let Some(first) = self.period_start(p, start) else {
                return Ok(());
            };
            if first > end {
                return Ok(());
            }
            *budget = budget
                .checked_sub(1)
                .ok_or_else(|| self.too_long(what, hi))?;
            in_period.clear();
            let next = self.candidates(p, start, budget, &mut in_period);
            if *budget == 0 {
                return Err(self.too_long(what, hi));
            }
            for at in in_period.drain(..) {
                if at <= start {
                    continue;
                }
                if at > end {
                    return Ok(());
                }
                if let Some(n) = self.count {
                    if counted >= n {
                        return Ok(());
                    }
                    counted += 1;
                }
                if at >= lo {
                    out.push(at);
                }
            }
            // A day no BYxxx part allows ends the sub-daily periods in it.
            let step = match next {
                Some(skip_to) if skip_to > p => {
                    let gap = skip_to - p;
                    ((gap + self.interval - 1) / self.interval).saturating_mul(self.interval)
                }
                _ => self.interval,
            };
            p = match p.checked_add(step) {
                Some(n) => n,
                None => return Ok(()),
            };
        }
    }

    fn too_long(&self, what: &str, hi: DateTime) -> IcsError {
        IcsError(format!(
            "{what}'s recurrence needs more than {BUDGET} steps to reach {} (a rule with COUNT is counted from DTSTART; one that matches no date runs on); list the dates instead",
            hi.year()
        ))
    }

    /// The index of the period holding `at`, counted in the frequency's
    /// unit (years, months, weeks from WKST, days, hours, …).
    fn period_index(&self, at: DateTime) -> i64 {
        let days = days_since_epoch(at.date());
        let hours = days * 24 + i64::from(at.hour());
        let minutes = hours * 60 + i64::from(at.minute());
        match self.freq {
            Freq::Yearly => i64::from(at.year()),
            Freq::Monthly => i64::from(at.year()) * 12 + i64::from(at.month() - 1),
            Freq::Weekly => (days - self.week_offset(at.date())).div_euclid(7),
            Freq::Daily => days,
            Freq::Hourly => hours,
            Freq::Minutely => minutes,
            Freq::Secondly => minutes * 60 + i64::from(at.second()),
        }
    }

    /// Days from the week's start (WKST) to `date`.
    fn week_offset(&self, date: Date) -> i64 {
        let wd = i64::from(date.weekday().to_monday_zero_offset());
        let ws = i64::from(self.wkst.to_monday_zero_offset());
        (wd - ws).rem_euclid(7)
    }

    /// The first moment of period `p`; `None` beyond the dates `jiff`
    /// represents.
    fn period_start(&self, p: i64, start: DateTime) -> Option<DateTime> {
        let midnight = |d: Date| d.to_datetime(Time::midnight());
        Some(match self.freq {
            Freq::Yearly => midnight(Date::new(i16::try_from(p).ok()?, 1, 1).ok()?),
            Freq::Monthly => midnight(
                Date::new(
                    i16::try_from(p.div_euclid(12)).ok()?,
                    i8::try_from(p.rem_euclid(12) + 1).ok()?,
                    1,
                )
                .ok()?,
            ),
            Freq::Weekly => midnight(date_from_days(p.checked_mul(7)?.checked_add(
                (i64::from(self.wkst.to_monday_zero_offset()) - 3).rem_euclid(7),
            )?)?),
            Freq::Daily => midnight(date_from_days(p)?),
            Freq::Hourly => date_from_days(p.div_euclid(24))?
                .to_datetime(Time::new(i8::try_from(p.rem_euclid(24)).ok()?, 0, 0, 0).ok()?),
            Freq::Minutely => {
                let h = p.div_euclid(60);
                date_from_days(h.div_euclid(24))?.to_datetime(
                    Time::new(
                        i8::try_from(h.rem_euclid(24)).ok()?,
                        i8::try_from(p.rem_euclid(60)).ok()?,
                        0,
                        0,
                    )
                    .ok()?,
                )
            }
            Freq::Secondly => {
                let m = p.div_euclid(60);
                let h = m.div_euclid(60);
                date_from_days(h.div_euclid(24))?.to_datetime(
                    Time::new(
                        i8::try_from(h.rem_euclid(24)).ok()?,
                        i8::try_from(m.rem_euclid(60)).ok()?,
                        i8::try_from(p.rem_euclid(60)).ok()?,
                        0,
                    )
                    .ok()?,
                )
            }
        })
        .filter(|_| start <= DateTime::MAX)
    }

    /// Fills `out` with period `p`'s instances, sorted, BYSETPOS applied.
    /// For a sub-daily rule whose day no BYxxx part allows, returns the
    /// index of the next day's first period, so the caller skips the rest.
    fn candidates(
        &self,
        p: i64,
        start: DateTime,
        budget: &mut u64,
        out: &mut Vec<DateTime>,
    ) -> Option<i64> {
        let first = self.period_start(p, start)?;
        let date = first.date();
        let mut days: Vec<Date> = Vec::new();
        let mut charge = |n: usize| {
            *budget = budget.saturating_sub(u64::try_from(n).unwrap_or(u64::MAX));
        };
        match self.freq {
            Freq::Yearly => {
                let year = date.year();
                let plain = self.by_year_day.is_empty()
                    && self.by_week_no.is_empty()
                    && self.by_month_day.is_empty()
                    && self.by_day.is_empty();
                if plain {
                    let months = if self.by_month.is_empty() {
                        vec![start.month()]
                    } else {
                        self.by_month.clone()
                    };
                    for m in months {
                        if let Ok(d) = Date::new(year, m, start.day()) {
                            days.push(d);
                        }
                    }
                } else {
                    // Only the months BYMONTH allows need scanning.
                    for m in 1..=12i8 {
                        if !self.month_ok_number(m) {
                            continue;
                        }
                        let Ok(mut d) = Date::new(year, m, 1) else {
                            continue;
                        };
                        let len = d.days_in_month();
                        charge(usize::try_from(len).unwrap_or(31));
                        for _ in 0..len {
                            if self.year_day_matches(d) {
                                days.push(d);
                            }
                            match d.tomorrow() {
                                Ok(n) => d = n,
                                Err(_) => break,
                            }
                        }
                    }
                }
            }
            Freq::Monthly => {
                if self.by_month.is_empty() || self.by_month.contains(&date.month()) {
                    let plain = self.by_month_day.is_empty() && self.by_day.is_empty();
                    let len = date.days_in_month();
                    charge(usize::try_from(len).unwrap_or(31));
                    for day in 1..=len {
                        let Ok(d) = Date::new(date.year(), date.month(), day) else {
                            continue;
                        };
                        let ok = if plain {
                            day == start.day()
                        } else {
                            self.month_day_ok(d)
                                && self.by_day.iter().any_or_empty(|&(n, w)| {
                                    d.weekday() == w && n.is_none_or(|n| nth_in_month(d, n))
                                })
                        };
                        if ok && self.year_day_ok(d) {
                            days.push(d);
                        }
                    }
                }
            }
            Freq::Weekly => {
                charge(7);
                let mut d = date;
                for _ in 0..7 {
                    let day_ok = if self.by_day.is_empty() {
                        d.weekday() == start.weekday()
                    } else {
                        self.by_day.iter().any(|&(_, w)| w == d.weekday())
                    };
                    if day_ok && self.month_ok(d) && self.month_day_ok(d) && self.year_day_ok(d) {
                        days.push(d);
                    }
                    match d.tomorrow() {
                        Ok(n) => d = n,
                        Err(_) => break,
                    }
                }
            }
            Freq::Daily | Freq::Hourly | Freq::Minutely | Freq::Secondly => {
                let ok = self.month_ok(date)
                    && self.month_day_ok(date)
                    && self.year_day_ok(date)
                    && self
                        .by_day
                        .iter()
                        .any_or_empty(|&(_, w)| w == date.weekday());
                if !ok {
                    if self.freq == Freq::Daily {
                        return None;
                    }
                    let next_day = date.tomorrow().ok()?.to_datetime(Time::midnight());
                    return Some(self.period_index(next_day));
                }
                days.push(date);
            }
        }
        let pick = |by: &[i8], own: i8| -> Vec<i8> {
            if by.is_empty() {
                vec![own]
            } else {
                let mut v = by.to_vec();
                v.sort_unstable();
                v.dedup();
                v
            }
        };
        let (hours, minutes, seconds) = match self.freq {
            Freq::Hourly => {
                if !self.by_hour.is_empty() && !self.by_hour.contains(&first.hour()) {
                    return None;
                }
                (
                    vec![first.hour()],
                    pick(&self.by_minute, start.minute()),
                    pick(&self.by_second, start.second()),
                )
            }
            Freq::Minutely => {
                if (!self.by_hour.is_empty() && !self.by_hour.contains(&first.hour()))
                    || (!self.by_minute.is_empty() && !self.by_minute.contains(&first.minute()))
                {
                    return None;
                }
                (
                    vec![first.hour()],
                    vec![first.minute()],
                    pick(&self.by_second, start.second()),
                )
            }
            Freq::Secondly => {
                if (!self.by_hour.is_empty() && !self.by_hour.contains(&first.hour()))
                    || (!self.by_minute.is_empty() && !self.by_minute.contains(&first.minute()))
                    || (!self.by_second.is_empty() && !self.by_second.contains(&first.second()))
                {
                    return None;
                }
                (
                    vec![first.hour()],
                    vec![first.minute()],
                    vec![first.second()],
                )
            }
            _ => (
                pick(&self.by_hour, start.hour()),
                pick(&self.by_minute, start.minute()),
                pick(&self.by_second, start.second()),
            ),
        };
        charge(days.len() * hours.len() * minutes.len() * seconds.len());
        if *budget == 0 {
            return None;
        }
        for d in &days {
            for &h in &hours {
                for &m in &minutes {
                    for &s in &seconds {
                        // A leap second (60) reads as 59, as a holiday
                        // cares only for the date.
                        if let Ok(t) = Time::new(h, m, s.min(59), 0) {
                            out.push(d.to_datetime(t));
                        }
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        if !self.by_set_pos.is_empty() {
            let all = std::mem::take(out);
            let len = i64::try_from(all.len()).unwrap_or(i64::MAX);
            for &pos in &self.by_set_pos {
                let i = if pos > 0 {
                    i64::from(pos) - 1
                } else {
                    len + i64::from(pos)
                };
                if let Some(at) = usize::try_from(i).ok().and_then(|i| all.get(i)) {
                    out.push(*at);
                }
            }
            out.sort();
            out.dedup();
        }
        None
    }

    fn month_ok_number(&self, m: i8) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&m)
    }

    fn month_ok(&self, d: Date) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&d.month())
    }

    fn month_day_ok(&self, d: Date) -> bool {
        let len = d.days_in_month();
        self.by_month_day.is_empty()
            || self
                .by_month_day
                .iter()
                .any(|&n| n == d.day() || (n < 0 && len + 1 + n == d.day()))
    }

    fn year_day_ok(&self, d: Date) -> bool {
        let len = d.days_in_year();
        let n = d.day_of_year();
        self.by_year_day.is_empty()
            || self
                .by_year_day
                .iter()
                .any(|&y| y == n || (y < 0 && len + 1 + y == n))
    }

    /// Whether `d` is selected by a YEARLY rule's day parts (BYMONTH,
    /// BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY), all of which must hold.
    fn year_day_matches(&self, d: Date) -> bool {
        if !self.month_ok(d) || !self.month_day_ok(d) || !self.year_day_ok(d) {
            return false;
        }
        if !self.by_week_no.is_empty() {
            let (week, weeks) = week_number(d, self.wkst);
            if !self
                .by_week_no
                .iter()
                .any(|&n| i16::from(n) == week || (n < 0 && weeks + 1 + i16::from(n) == week))
            {
                return false;
            }
        }
        self.by_day.iter().any_or_empty(|&(n, w)| {
            d.weekday() == w
                && n.is_none_or(|n| {
                    if !self.by_month.is_empty() {
                        nth_in_month(d, n)
                    } else if !self.by_week_no.is_empty() {
                        // An ordinal has no meaning within a week.
                        true
                    } else {
                        nth_in_year(d, n)
                    }
                })
        })
    }
}

/// `any`, but true for an empty list (a BYxxx part that is not given
/// allows everything).
trait AnyOrEmpty: Iterator + Sized {
    fn any_or_empty(mut self, f: impl FnMut(Self::Item) -> bool) -> bool {
        let mut f = f;
        let mut empty = true;
        for x in self.by_ref() {
            empty = false;
            if f(x) {
                return true;
            }
        }
        empty
    }
}

impl<I: Iterator> AnyOrEmpty for I {}

/// Whether `d` is the `n`-th (from the end when negative) of its weekday in
/// its month.
fn nth_in_month(d: Date, n: i16) -> bool {
    let index = i16::from(d.day() - 1);
    let total = i16::from(d.days_in_month());
    n == index / 7 + 1 || n == -((total - 1 - index) / 7 + 1)
}

/// The same within its year.
fn nth_in_year(d: Date, n: i16) -> bool {
    let index = d.day_of_year() - 1;
    let total = d.days_in_year();
    n == index / 7 + 1 || n == -((total - 1 - index) / 7 + 1)
}

/// The week `d` is in and how many weeks its week-numbering year has,
/// weeks starting on `wkst`, week 1 the first with at least four days of
/// its year (RFC 5545 §3.3.10, BYWEEKNO; ISO 8601 with WKST=MO). The last
/// days of December can be in week 1 of the next year, the first days of
/// January in the last week of the year before, as python-dateutil numbers
/// them.
fn week_number(d: Date, wkst: Weekday) -> (i16, i16) {
    let week1 = |year: i16| -> Option<i64> {
        let jan4 = Date::new(year, 1, 4).ok()?;
        let back = (i64::from(jan4.weekday().to_monday_zero_offset())
            - i64::from(wkst.to_monday_zero_offset()))
        .rem_euclid(7);
        Some(days_since_epoch(jan4) - back)
    };
    let day = days_since_epoch(d);
    let year = d.year();
    let (Some(this), Some(next), Some(prev)) = (
        week1(year),
        year.checked_add(1).and_then(week1),
        year.checked_sub(1).and_then(week1),
    ) else {
        return (0, 52);
    };
    let (start, end) = if day >= next {
        (
            next,
            year.checked_add(2).and_then(week1).unwrap_or(next + 364),
        )
    } else if day < this {
        (prev, this)
    } else {
        (this, next)
    };
    let weeks = i16::try_from((end - start) / 7).unwrap_or(52);
    (
        i16::try_from((day - start).div_euclid(7) + 1).unwrap_or(0),
        weeks,
    )
}

fn days_since_epoch(d: Date) -> i64 {
    let epoch = Date::constant(1970, 1, 1);
    d.since((jiff::Unit::Day, epoch))
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(0)
}

fn date_from_days(days: i64) -> Option<Date> {
    let epoch = Date::constant(1970, 1, 1);
    epoch
        .checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// `MO`, `4TH`, `-1FR`, `+2SU`.
fn by_day(v: &str) -> Option<(Option<i16>, Weekday)> {
    let split = v.len().checked_sub(2)?;
    let (num, day) = (v.get(..split)?, v.get(split..)?);
    let day = weekday(day)?;
    if num.is_empty() {
        return Some((None, day));
    }
    let digits = num.strip_prefix(['+', '-']).unwrap_or(num);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i16 = num.strip_prefix('+').unwrap_or(num).parse().ok()?;
    (n != 0 && (-53..=53).contains(&n)).then_some((Some(n), day))
}

/// A weekday code, in any case and with spaces around it (producers
/// differ); RFC 5545 §3.3.10's codes are read by [`crate::ics::read::weekday`].
fn weekday(v: &str) -> Option<Weekday> {
    crate::ics::read::weekday(&v.trim().to_ascii_uppercase())
}

/// A value shortened for a message.
fn clip(s: &str) -> String {
    let cut: String = s
        .chars()
        .take(80)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if s.chars().count() > 80 {
        format!("{cut}…")
    } else {
        cut
    }
}
