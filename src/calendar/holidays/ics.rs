//! Holidays from an iCalendar (`.ics`) file, as Google Calendar, Outlook and
//! government sites publish them (SPEC §3: a `holidays` entry may be a path to
//! one; RFC 5545 for the format).
//!
//! The syntax is read by the `icalendar` crate's parser after our own
//! [`unfold`] (RFC 5545 §3.1); this module then turns each VEVENT into the
//! dates it covers, for the years a plan needs:
//!
//! - an all-day event (`DTSTART;VALUE=DATE`) covers its date, and every date
//!   up to its DTEND, which is exclusive (§3.6.1), or through its DURATION;
//! - a timed event covers the local date of its start, as written: with a
//!   TZID that is the zone's local date, with `Z` the UTC date, floating as
//!   it stands; one that runs past midnight covers each date it touches;
//! - a yearly RRULE (§3.3.10: `FREQ=YEARLY` with INTERVAL, BYMONTH,
//!   BYMONTHDAY, BYDAY with or without an ordinal such as `4TH` or `-1MO`,
//!   COUNT, UNTIL), RDATE, EXDATE and RECURRENCE-ID overrides are expanded;
//! - `STATUS:CANCELLED` events are skipped; SUMMARY is the holiday's name.
//!
//! Whatever it cannot read faithfully is refused with a message, never
//! guessed: other frequencies (`FREQ=WEEKLY`, …), BYSETPOS, BYWEEKNO,
//! BYYEARDAY, BYHOUR and the like, RDATE periods, `RANGE=THISANDFUTURE`. A
//! file with no all-day event is refused too: holiday calendars mark each
//! holiday as one, and a file of meetings would silently close every day
//! that has one.
//!
//! No I/O, no clock: `crate::io::holidays` reads the file and hands the
//! bytes over. Never panics, whatever the bytes (property-tested below).
//!
//! # Example: a yearly founder's day
//!
//! ```
//! use followup::calendar::holidays::ics;
//! use jiff::civil::date;
//!
//! let file = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//EN\r\n\
//! BEGIN:VEVENT\r\nUID:founders\r\nDTSTART;VALUE=DATE:20201204\r\n\
//! RRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=1FR\r\nSUMMARY:Founder's Day\r\n\
//! END:VEVENT\r\nEND:VCALENDAR\r\n";
//! let days = ics::read(file, 2026..=2027)?;
//! assert_eq!(days, vec![
//!     (date(2026, 12, 4), Some("Founder's Day".to_string())),
//!     (date(2027, 12, 3), Some("Founder's Day".to_string())),
//! ]);
//! # Ok::<(), ics::IcsError>(())
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::RangeInclusive;

use icalendar::parser::{Component, Property};
use jiff::SignedDuration;
use jiff::civil::{Date, DateTime, Time, Weekday};

use crate::ics::escape::unescape_text;
use crate::ics::fold::unfold;

/// Why a file gives no holidays; the message completes "cannot read holiday
/// file X: …" ("it is not an iCalendar file …", "event 3 ("Founder's Day")
/// has RRULE FREQ=MONTHLY …").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsError(pub String);

impl std::fmt::Display for IcsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IcsError {}

fn err<T>(message: impl Into<String>) -> Result<T, IcsError> {
    Err(IcsError(message.into()))
}

/// Components may nest this deep (VCALENDAR › VEVENT › VALARM is three);
/// deeper is refused before parsing, since the parser recurses.
const MAX_DEPTH: usize = 8;

/// How many (rule, year) expansions one file may ask for: a realistic file
/// needs a few thousand; this bounds the work a hostile one can cause.
const MAX_EXPANSIONS: u32 = 200_000;

/// The holidays in `bytes` whose dates fall in `years`: one entry per date,
/// sorted; the names of several events on one date are joined with "; " in
/// file order; `None` where no event on that date has a SUMMARY.
///
/// Properties (tested below): never panics; every date is in `years`; the
/// dates are strictly increasing; a wider range of years gives a superset.
pub fn read(
    bytes: &[u8],
    years: RangeInclusive<i16>,
) -> Result<Vec<(Date, Option<String>)>, IcsError> {
    // Property names and dates are ASCII: a file in another encoding
    // (Windows-1252 exports exist) keeps its dates, and only a name shows a
    // replacement character.
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).trim();
    if text.is_empty() {
        return err("it is empty");
    }
    if !starts_with_ignore_case(text, "BEGIN:VCALENDAR") {
        return err("it is not an iCalendar file (it does not start with BEGIN:VCALENDAR)");
    }
    let last_line = text.rsplit('\n').next().unwrap_or(text).trim();
    if !last_line.eq_ignore_ascii_case("END:VCALENDAR") {
        return err("it does not end with END:VCALENDAR (cut short?)");
    }
    let unfolded = unfold(text);
    check_nesting(&unfolded)?;
    let roots = icalendar::parser::read_components(&unfolded).map_err(|e| {
        // nom's report is long; its first lines say where and what.
        let first: String = e.lines().take(3).collect::<Vec<_>>().join(" ");
        IcsError(format!("it is not valid iCalendar: {}", first.trim()))
    })?;
    let mut events = Vec::new();
    for root in &roots {
        if !is(root.name.as_str(), "VCALENDAR") {
            return err(format!(
                "it holds a {} outside the VCALENDAR",
                root.name.as_str()
            ));
        }
        events.extend(
            root.components
                .iter()
                .filter(|c| is(c.name.as_str(), "VEVENT")),
        );
    }
    let events = events
        .into_iter()
        .enumerate()
        .map(|(i, c)| event(c, i + 1))
        .collect::<Result<Vec<_>, _>>()?;
    let live = events.iter().filter(|e| !e.cancelled);
    if live.clone().next().is_none() {
        return err(if events.is_empty() {
            "it holds no events"
        } else {
            "every event in it is cancelled"
        });
    }
    if !live.clone().any(|e| e.all_day) {
        return err(
            "it holds no all-day events: holiday calendars mark each holiday as one, and timed \
             events alone look like a calendar of meetings",
        );
    }
    // Instances moved or cancelled by a RECURRENCE-ID override leave their
    // recurring event (RFC 5545 §3.8.4.4).
    let mut overridden: HashMap<&str, HashSet<Date>> = HashMap::new();
    for e in &events {
        if let (Some(uid), Some(date)) = (e.uid.as_deref(), e.recurrence_id) {
            overridden.entry(uid).or_default().insert(date);
        }
    }
    let (first, last) = span_of(&years);
    let mut budget = MAX_EXPANSIONS;
    let mut days: BTreeMap<Date, Vec<&str>> = BTreeMap::new();
    for e in live {
        let skip = match (&e.recurrence_id, e.uid.as_deref()) {
            (None, Some(uid)) => overridden.get(uid),
            _ => None,
        };
        for start in e.starts(first.year(), last.year(), &mut budget)? {
            if skip.is_some_and(|s| s.contains(&start.date())) {
                continue;
            }
            e.cover(start, first, last, |d| {
                let names = days.entry(d).or_default();
                if let Some(n) = e.name.as_deref()
                    && !names.contains(&n)
                {
                    names.push(n);
                }
            });
        }
    }
    Ok(days
        .into_iter()
        .map(|(d, names)| (d, (!names.is_empty()).then(|| names.join("; "))))
        .collect())
}

/// The first and last date of `years`, clamped to what `jiff` represents.
fn span_of(years: &RangeInclusive<i16>) -> (Date, Date) {
    let lo = (*years.start()).clamp(Date::MIN.year(), Date::MAX.year());
    let hi = (*years.end()).clamp(Date::MIN.year(), Date::MAX.year());
    let first = Date::new(lo, 1, 1).unwrap_or(Date::MIN);
    let last = Date::new(hi, 12, 31).unwrap_or(Date::MAX);
    (first, last)
}

fn is(name: &str, want: &str) -> bool {
    name.eq_ignore_ascii_case(want)
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Refuses components nested deeper than [`MAX_DEPTH`].
fn check_nesting(text: &str) -> Result<(), IcsError> {
    let mut depth = 0usize;
    for line in text.lines() {
        if starts_with_ignore_case(line, "BEGIN:") {
            depth += 1;
            if depth > MAX_DEPTH {
                return err(format!(
                    "its components nest more than {MAX_DEPTH} deep, which no calendar does"
                ));
            }
        } else if starts_with_ignore_case(line, "END:") {
            depth = depth.saturating_sub(1);
        }
    }
    Ok(())
}

/// One VEVENT, read.
#[derive(Debug)]
struct Event {
    /// "event 3 ("Founder's Day")", for messages.
    what: String,
    uid: Option<String>,
    name: Option<String>,
    cancelled: bool,
    all_day: bool,
    /// An all-day start is midnight.
    start: DateTime,
    /// From start to end; zero for a timed event with no end.
    length: SignedDuration,
    rules: Vec<Rule>,
    rdates: Vec<DateTime>,
    exdates: HashSet<Date>,
    /// The date of the instance this event replaces, for an override.
    recurrence_id: Option<Date>,
}

fn event(c: &Component<'_>, n: usize) -> Result<Event, IcsError> {
    let name = prop(c, "SUMMARY")
        .map(|p| clean_text(p.val.as_str()))
        .filter(|s| !s.is_empty());
    let uid = prop(c, "UID").map(|p| p.val.as_str().trim().to_string());
    let what = match (&name, &uid) {
        (Some(s), _) => format!("event {n} ({s:?})"),
        (None, Some(u)) => format!("event {n} (UID {u})"),
        (None, None) => format!("event {n}"),
    };
    let cancelled = prop(c, "STATUS").is_some_and(|p| is(p.val.as_str().trim(), "CANCELLED"));
    let Some(dtstart) = only(c, "DTSTART", &what)? else {
        return err(format!("{what} has no DTSTART"));
    };
    let (start, all_day) = moment(dtstart, &what)?;
    let end = only(c, "DTEND", &what)?;
    let duration = only(c, "DURATION", &what)?;
    let length = match (end, duration) {
        (Some(_), Some(_)) => return err(format!("{what} has both DTEND and DURATION")),
        (Some(p), None) => {
            let (end, _) = moment(p, &what)?;
            start.duration_until(end)
        }
        (None, Some(p)) => crate::ics::read::duration(p.val.as_str()).ok_or_else(|| {
            IcsError(format!(
                "{what} has DURATION {:?}, not a duration such as P1D or PT8H",
                p.val.as_str()
            ))
        })?,
        // RFC 5545 §3.6.1: an all-day event without an end lasts the day.
        (None, None) if all_day => SignedDuration::from_hours(24),
        (None, None) => SignedDuration::ZERO,
    };
    if length.is_negative() && duration.is_some() {
        return err(format!("{what} has a negative DURATION"));
    }
    let mut rules = Vec::new();
    for p in all(c, "RRULE") {
        rules.push(Rule::parse(p.val.as_str(), &what)?);
    }
    let mut rdates = Vec::new();
    for p in all(c, "RDATE") {
        if param(p, "VALUE").is_some_and(|v| is(v, "PERIOD")) {
            return err(format!(
                "{what} has an RDATE period, which is not supported; give each date its own event"
            ));
        }
        for v in p.val.as_str().split(',') {
            let (at, date_only) = value(v, &what, "RDATE")?;
            rdates.push(if date_only {
                at.date().to_datetime(start.time())
            } else {
                at
            });
        }
    }
    let mut exdates = HashSet::new();
    for p in all(c, "EXDATE") {
        for v in p.val.as_str().split(',') {
            exdates.insert(value(v, &what, "EXDATE")?.0.date());
        }
    }
    let recurrence_id = match only(c, "RECURRENCE-ID", &what)? {
        Some(p) => {
            if param(p, "RANGE").is_some_and(|r| is(r, "THISANDFUTURE")) {
                return err(format!(
                    "{what} changes all later instances (RANGE=THISANDFUTURE), which is not supported"
                ));
            }
            Some(moment(p, &what)?.0.date())
        }
        None => None,
    };
    Ok(Event {
        what,
        uid,
        name,
        cancelled,
        all_day,
        start,
        length,
        rules,
        rdates,
        exdates,
        recurrence_id,
    })
}

impl Event {
    /// The start of every instance that can touch a year in
    /// `first..=last`, plus possibly some that cannot (they are clipped
    /// later): DTSTART, each RRULE's and RDATE's, less EXDATE's dates
    /// (RFC 5545 §3.8.5).
    fn starts(&self, first: i16, last: i16, budget: &mut u32) -> Result<Vec<DateTime>, IcsError> {
        let mut out = vec![self.start];
        // An instance longer than a year can reach forward into the range
        // from further back.
        let reach = i16::try_from(self.length.as_hours() / (24 * 365)).unwrap_or(i16::MAX);
        let from = first.saturating_sub(reach.saturating_add(1));
        for rule in &self.rules {
            rule.expand(self.start, from, last, budget, &self.what, &mut out)?;
        }
        out.extend(self.rdates.iter().copied());
        out.sort();
        out.dedup();
        out.retain(|s| !self.exdates.contains(&s.date()));
        Ok(out)
    }

    /// Calls `f` with each date in `first..=last` that the instance
    /// starting at `start` covers: its start date and every later date it
    /// reaches into (an end at midnight does not reach its date).
    fn cover(&self, start: DateTime, first: Date, last: Date, mut f: impl FnMut(Date)) {
        let end_day = if self.length.is_positive() {
            start
                .checked_add(self.length)
                .ok()
                .and_then(|end| end.checked_sub(SignedDuration::from_nanos(1)).ok())
                .map_or(Date::MAX, |e| e.date())
        } else {
            start.date()
        };
        let mut day = start.date().max(first);
        let until = end_day.min(last);
        while day <= until {
            f(day);
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
    }
}

/// A `FREQ=YEARLY` rule (RFC 5545 §3.3.10).
#[derive(Debug, Default, PartialEq, Eq)]
struct Rule {
    interval: i16,
    count: Option<u32>,
    /// Inclusive; a date alone is the end of that day.
    until: Option<DateTime>,
    months: Vec<i8>,
    /// 1..=31 or -31..=-1 (from the end of the month).
    month_days: Vec<i8>,
    /// A weekday, with an ordinal (1 = first, -1 = last) or none (every).
    days: Vec<(Option<i8>, Weekday)>,
}

impl Rule {
    /// Reads an RRULE value such as `FREQ=YEARLY;BYMONTH=11;BYDAY=4TH`.
    fn parse(text: &str, what: &str) -> Result<Rule, IcsError> {
        let bad = |why: &str| IcsError(format!("{what} has RRULE {text:?}: {why}"));
        let mut rule = Rule {
            interval: 1,
            ..Rule::default()
        };
        let mut seen = HashSet::new();
        let mut freq = None;
        for part in text.trim().split(';').filter(|p| !p.is_empty()) {
            let Some((key, val)) = part.split_once('=') else {
                return Err(bad(&format!("{part:?} is not NAME=VALUE")));
            };
            let key = key.trim().to_ascii_uppercase();
            let val = val.trim();
            if !seen.insert(key.clone()) {
                return Err(bad(&format!("{key} is given twice")));
            }
            let list = || val.split(',').map(str::trim);
            match key.as_str() {
                "FREQ" => freq = Some(val.to_ascii_uppercase()),
                "INTERVAL" => {
                    rule.interval = val
                        .parse()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| bad("INTERVAL is not a positive number"))?;
                }
                "COUNT" => {
                    rule.count = Some(
                        val.parse()
                            .ok()
                            .filter(|n| *n >= 1)
                            .ok_or_else(|| bad("COUNT is not a positive number"))?,
                    );
                }
                "UNTIL" => {
                    let (at, date_only) =
                        date_or_time(val).ok_or_else(|| bad("UNTIL is not a date"))?;
                    rule.until = Some(if date_only {
                        at.date().to_datetime(Time::MAX)
                    } else {
                        at
                    });
                }
                "BYMONTH" => {
                    for v in list() {
                        rule.months.push(
                            v.parse()
                                .ok()
                                .filter(|m| (1..=12).contains(m))
                                .ok_or_else(|| bad(&format!("BYMONTH {v:?} is not 1 to 12")))?,
                        );
                    }
                }
                "BYMONTHDAY" => {
                    for v in list() {
                        rule.month_days.push(
                            v.parse::<i8>()
                                .ok()
                                .filter(|d| *d != 0 && (-31..=31).contains(d))
                                .ok_or_else(|| {
                                    bad(&format!("BYMONTHDAY {v:?} is not 1 to 31 or -31 to -1"))
                                })?,
                        );
                    }
                }
                "BYDAY" => {
                    for v in list() {
                        rule.days.push(by_day(v).ok_or_else(|| {
                            bad(&format!(
                                "BYDAY {v:?} is not a weekday such as MO, 4TH or -1FR"
                            ))
                        })?);
                    }
                }
                // Only matters for weekly rules and BYWEEKNO, refused below.
                "WKST" => {}
                other => {
                    return Err(bad(&format!(
                        "{other} is not supported (only FREQ=YEARLY with INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY and BYDAY is read); list the dates instead"
                    )));
                }
            }
        }
        match freq.as_deref() {
            Some("YEARLY") => {}
            Some(other) => {
                return Err(bad(&format!(
                    "FREQ={other} is not supported (only yearly rules are read); list the dates instead"
                )));
            }
            None => return Err(bad("it has no FREQ")),
        }
        if rule.count.is_some() && rule.until.is_some() {
            return Err(bad("it has both COUNT and UNTIL"));
        }
        Ok(rule)
    }

    /// Appends the instances in years `from..=last` (and, with COUNT, the
    /// ones before them that count), each at `start`'s time of day.
    ///
    /// RFC 5545 reading (and python-dateutil's): with neither BYMONTHDAY nor
    /// BYDAY the month and day come from DTSTART, the month only when there
    /// is no BYMONTH; BYDAY's ordinal counts within the month when BYMONTH
    /// is given, else within the year; BYMONTHDAY and BYDAY together keep
    /// the days that satisfy both. DTSTART is always the first instance
    /// and counts towards COUNT.
    fn expand(
        &self,
        start: DateTime,
        from: i16,
        last: i16,
        budget: &mut u32,
        what: &str,
        out: &mut Vec<DateTime>,
    ) -> Result<(), IcsError> {
        let (months, month_days): (Vec<i8>, Vec<i8>) = match (
            self.months.is_empty(),
            self.month_days.is_empty() && self.days.is_empty(),
        ) {
            (true, true) => (vec![start.month()], vec![start.day()]),
            (false, true) => (self.months.clone(), vec![start.day()]),
            (true, false) => ((1..=12).collect(), self.month_days.clone()),
            (false, false) => (self.months.clone(), self.month_days.clone()),
        };
        let mut counted = 1u32;
        // Without COUNT, years before the range cannot matter.
        let mut year = match self.count {
            Some(_) => start.year(),
            None => {
                let skip = (from.saturating_sub(start.year())).max(0) / self.interval;
                start
                    .year()
                    .saturating_add(skip.saturating_mul(self.interval))
            }
        };
        while year <= last {
            *budget = budget.checked_sub(1).ok_or_else(|| {
                IcsError(format!(
                    "{what}'s recurrence expands to too many instances to read"
                ))
            })?;
            for date in self.in_year(year, &months, &month_days) {
                let at = date.to_datetime(start.time());
                if at <= start {
                    continue;
                }
                if self.until.is_some_and(|u| at > u) {
                    return Ok(());
                }
                if let Some(n) = self.count {
                    if counted >= n {
                        return Ok(());
                    }
                    counted += 1;
                }
                out.push(at);
            }
            match year.checked_add(self.interval) {
                Some(y) if y <= Date::MAX.year() => year = y,
                _ => break,
            }
        }
        Ok(())
    }

    /// The rule's dates in `year`, sorted.
    fn in_year(&self, year: i16, months: &[i8], month_days: &[i8]) -> Vec<Date> {
        let mut out = Vec::new();
        let mut months = months.to_vec();
        months.sort_unstable();
        months.dedup();
        for month in months {
            let Ok(first) = Date::new(year, month, 1) else {
                continue;
            };
            let len = first.days_in_month();
            let mut candidates: Vec<Date> = if month_days.is_empty() {
                (1..=len)
                    .filter_map(|d| Date::new(year, month, d).ok())
                    .collect()
            } else {
                month_days
                    .iter()
                    .filter_map(|&d| {
                        let day = if d > 0 { d } else { len + 1 + d };
                        (1..=len)
                            .contains(&day)
                            .then(|| Date::new(year, month, day).ok())?
                    })
                    .collect()
            };
            if !self.days.is_empty() {
                candidates.retain(|d| self.matches_day(*d));
            }
            out.extend(candidates);
        }
        out.sort();
        out.dedup();
        out
    }

    /// Whether `date` is one of BYDAY's days: its weekday, and with an
    /// ordinal its place among that weekday's dates in the month (with
    /// BYMONTH) or the year.
    fn matches_day(&self, date: Date) -> bool {
        let wd = date.weekday();
        self.days.iter().any(|&(nth, day)| {
            if day != wd {
                return false;
            }
            let Some(nth) = nth else {
                return true;
            };
            let (index, total) = if self.months.is_empty() {
                let len = date.days_in_year();
                (date.day_of_year() - 1, len)
            } else {
                (i16::from(date.day() - 1), i16::from(date.days_in_month()))
            };
            let from_start = index / 7 + 1;
            let from_end = -((total - 1 - index) / 7 + 1);
            i16::from(nth) == from_start || i16::from(nth) == from_end
        })
    }
}

/// `MO`, `4TH`, `-1FR`, `+2SU`.
fn by_day(v: &str) -> Option<(Option<i8>, Weekday)> {
    let split = v.len().checked_sub(2)?;
    let (num, day) = (v.get(..split)?, v.get(split..)?);
    let day = match day.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    };
    if num.is_empty() {
        return Some((None, day));
    }
    let digits = num.strip_prefix(['+', '-']).unwrap_or(num);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i8 = num.strip_prefix('+').unwrap_or(num).parse().ok()?;
    (n != 0 && (-53..=53).contains(&n)).then_some((Some(n), day))
}

/// The first property `name`.
fn prop<'c>(c: &'c Component<'_>, name: &str) -> Option<&'c Property<'c>> {
    c.properties.iter().find(|p| is(p.name.as_str(), name))
}

fn all<'c>(c: &'c Component<'_>, name: &'c str) -> impl Iterator<Item = &'c Property<'c>> {
    c.properties
        .iter()
        .filter(move |p| is(p.name.as_str(), name))
}

/// The property `name`, if present; an error if it repeats.
fn only<'c>(
    c: &'c Component<'_>,
    name: &str,
    what: &str,
) -> Result<Option<&'c Property<'c>>, IcsError> {
    let mut found = c.properties.iter().filter(|p| is(p.name.as_str(), name));
    let one = found.next();
    if found.next().is_some() {
        return err(format!("{what} has more than one {name}"));
    }
    Ok(one)
}

fn param<'p>(p: &'p Property<'_>, key: &str) -> Option<&'p str> {
    p.params
        .iter()
        .find(|q| is(q.key.as_str(), key))
        .and_then(|q| q.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// A DTSTART/DTEND/RECURRENCE-ID: the local date-time as written (an all-day
/// value is midnight) and whether it is a DATE.
fn moment(p: &Property<'_>, what: &str) -> Result<(DateTime, bool), IcsError> {
    let name = p.name.as_str().to_ascii_uppercase();
    let (at, date_only) = value(p.val.as_str(), what, &name)?;
    if param(p, "VALUE").is_some_and(|v| is(v, "DATE")) && !date_only {
        return err(format!(
            "{what} has {name};VALUE=DATE with a date-time, {:?}",
            p.val.as_str()
        ));
    }
    Ok((at, date_only))
}

fn value(v: &str, what: &str, name: &str) -> Result<(DateTime, bool), IcsError> {
    date_or_time(v).ok_or_else(|| {
        IcsError(format!(
            "{what} has {name} {:?}, not a date (20261225) or date-time (20261225T090000)",
            v.trim()
        ))
    })
}

/// `YYYYMMDD` (a DATE, at midnight) or `YYYYMMDDTHHMMSS[Z]` as written: a
/// time's date is its local date in its own zone (TZID's, UTC's or none),
/// which is all a holiday needs.
fn date_or_time(v: &str) -> Option<(DateTime, bool)> {
    let v = v.trim();
    let digits = |s: &str| -> Option<i16> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let small = |s: &str| digits(s).and_then(|n| i8::try_from(n).ok());
    let date = Date::new(
        digits(v.get(0..4)?)?,
        small(v.get(4..6)?)?,
        small(v.get(6..8)?)?,
    )
    .ok()?;
    if v.len() == 8 {
        return Some((date.to_datetime(Time::midnight()), true));
    }
    let rest = v.get(8..)?;
    let rest = rest.strip_suffix(['Z', 'z']).unwrap_or(rest);
    let clock = rest.strip_prefix(['T', 't'])?;
    if clock.len() != 6 {
        return None;
    }
    // RFC 5545 allows a leap second (60); a holiday does not care.
    let second = small(clock.get(4..6)?)?.min(59);
    let time = Time::new(
        small(clock.get(0..2)?)?,
        small(clock.get(2..4)?)?,
        second,
        0,
    )
    .ok()?;
    Some((date.to_datetime(time), false))
}

/// A SUMMARY as one line: unescaped, white space collapsed.
fn clean_text(v: &str) -> String {
    unescape_text(v)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
