//! Holidays from an iCalendar (`.ics`) file, as Google Calendar, Apple
//! Calendar, Outlook, Thunderbird's holiday calendars and government sites
//! publish them (SPEC §3: a `holidays` entry may be a path to one; RFC 5545
//! for the format).
//!
//! [`text`] turns the bytes into components (encodings, line endings,
//! folding, several VCALENDARs in one file) and reads date values;
//! [`rrule`] expands recurrence rules; `error` holds [`IcsError`]; this module turns each VEVENT into the dates it covers, for the
//! years a plan needs:
//!
//! - an all-day event (`DTSTART;VALUE=DATE`) covers its date, and every date
//!   up to its DTEND, which is exclusive (§3.6.1), or through its DURATION;
//! - a timed event covers the local date of its start, as written: with a
//!   TZID that is the zone's local date, with `Z` the UTC date (or the
//!   calendar's `X-WR-TIMEZONE` date, as Google means it), floating as it
//!   stands; one that runs past midnight covers each date it touches, its
//!   DTEND read in its own zone and brought into the start's;
//! - RRULE (every frequency and part), RDATE (dates, date-times, periods),
//!   EXDATE and RECURRENCE-ID overrides are expanded (§3.8.5, §3.8.4.4); an
//!   all-day event's instances are whole days, even where an RDATE or
//!   EXDATE is written as a date-time (§3.8.5.2: its value type follows
//!   DTSTART's);
//! - `STATUS:CANCELLED` events are skipped; SUMMARY is the holiday's name;
//! - a [`Filter`] keeps or drops events by words in SUMMARY, DESCRIPTION or
//!   CATEGORIES (Google's exports mark observances, Apple's make-up working
//!   days).
//!
//! Whatever it cannot read faithfully is refused with a message, never
//! guessed: non-Gregorian RSCALE, a recurrence that would take more than a
//! fixed number of steps. A file with no all-day
//! event is refused too: holiday calendars mark each holiday as one, and a
//! file of meetings would silently close every day that has one.
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

mod error;
mod rrule;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::ops::RangeInclusive;

use jiff::SignedDuration;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use crate::ics::escape::unescape_text;
use error::err;
use text::{Component, Line, date_or_time};

pub use error::IcsError;

/// Which events of a file count, by words in their SUMMARY, DESCRIPTION or
/// CATEGORIES, compared without regard to case: with `only`, an event must
/// contain one of them; with `except`, it must contain none.
///
/// # Example: Google's public holidays without the observances
///
/// Google's exported holiday calendars write "Public holiday" or
/// "Observance" in each event's DESCRIPTION:
/// `Filter { only: vec!["Public holiday".into()], except: vec![] }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub only: Vec<String>,
    pub except: Vec<String>,
}

impl Filter {
    /// Whether an event with these texts is kept.
    fn keeps(&self, texts: &[String]) -> bool {
        let has = |word: &String| {
            let word = word.to_lowercase();
            texts.iter().any(|t| t.to_lowercase().contains(&word))
        };
        (self.only.is_empty() || self.only.iter().any(has)) && !self.except.iter().any(has)
    }

    fn is_empty(&self) -> bool {
        self.only.is_empty() && self.except.is_empty()
    }

    /// `only "Public holiday"`, `except "Observance", "班"`, for messages.
    fn describe(&self) -> String {
        let list = |words: &[String]| {
            words
                .iter()
                .map(|w| format!("{w:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (self.only.is_empty(), self.except.is_empty()) {
            (false, true) => format!("only {}", list(&self.only)),
            (true, false) => format!("except {}", list(&self.except)),
            _ => format!(
                "only {} and except {}",
                list(&self.only),
                list(&self.except)
            ),
        }
    }
}

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
    read_filtered(bytes, years, &Filter::default())
}

/// [`read`], keeping only the events `filter` keeps.
pub fn read_filtered(
    bytes: &[u8],
    years: RangeInclusive<i16>,
    filter: &Filter,
) -> Result<Vec<(Date, Option<String>)>, IcsError> {
    let text = text::decode(bytes)?;
    if text.trim().is_empty() {
        return err("it is empty");
    }
    let roots = text::components(&text)?;
    let mut events = Vec::new();
    let mut n = 0;
    for (calendar, root) in roots.iter().enumerate() {
        let display = root
            .properties
            .iter()
            .find(|p| p.name == "X-WR-TIMEZONE")
            .and_then(|p| zone_named(p.value.trim()));
        for c in root.components.iter().filter(|c| c.name == "VEVENT") {
            n += 1;
            events.push(event(c, n, calendar, display.as_ref())?);
        }
    }
    if events.is_empty() {
        return err("it holds no events");
    }
    let live: Vec<&Event> = events.iter().filter(|e| !e.cancelled).collect();
    if live.is_empty() {
        return err("every event in it is cancelled");
    }
    if !live.iter().any(|e| e.all_day) {
        return err(
            "it holds no all-day events: holiday calendars mark each holiday as one, and timed \
             events alone look like a calendar of meetings",
        );
    }
    if !filter.is_empty() && !live.iter().any(|e| filter.keeps(&e.texts)) {
        return err(format!(
            "none of its {} events is kept by {}: the words are looked for in SUMMARY, DESCRIPTION and CATEGORIES (`followup holidays FILE.ics` lists the events)",
            live.len(),
            filter.describe()
        ));
    }
    // Where one UID (within one VCALENDAR) has several versions of the
    // same thing, the highest SEQUENCE is the current one (RFC 5545
    // §3.8.7.4), as python's recurring_ical_events reads it; on a tie the
    // last in the file wins.
    let mut newest: HashMap<(usize, &str, Option<DateTime>), (i64, usize)> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if let Some(uid) = e.uid.as_deref() {
            let key = (e.calendar, uid, e.recurrence_id.map(|m| m.at));
            let entry = newest.entry(key).or_insert((e.sequence, i));
            if e.sequence >= entry.0 {
                *entry = (e.sequence, i);
            }
        }
    }
    let current = |i: usize, e: &Event| match e.uid.as_deref() {
        Some(uid) => newest
            .get(&(e.calendar, uid, e.recurrence_id.map(|m| m.at)))
            .is_none_or(|(_, j)| *j == i),
        None => true,
    };
    // Instances moved or cancelled by a RECURRENCE-ID override leave their
    // recurring event (RFC 5545 §3.8.4.4), whether or not the override is
    // itself kept, cancelled or filtered out; a RANGE=THISANDFUTURE one
    // also moves every later instance by as much as it moved its own.
    let (first, last) = span_of(&years);
    let mut budget = rrule::BUDGET;
    // An override applies to an instance its recurring event has; one whose
    // RECURRENCE-ID names none (excluded by EXDATE, past UNTIL: the series
    // was edited after it) is dropped, as recurring_ical_events reads
    // Google's and Thunderbird's edited series. An override without its
    // recurring event in the file stands alone.
    let masters: HashMap<(usize, &str), usize> = events
        .iter()
        .enumerate()
        .filter(|(i, e)| e.recurrence_id.is_none() && current(*i, e))
        .filter_map(|(i, e)| Some(((e.calendar, e.uid.as_deref()?), i)))
        .collect();
    let mut stale: Vec<bool> = vec![false; events.len()];
    let mut overridden: HashMap<(usize, &str), Vec<&Event>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        let (Some(uid), Some(rid)) = (e.uid.as_deref(), e.recurrence_id) else {
            continue;
        };
        if !current(i, e) {
            continue;
        }
        if let Some(&m) = masters.get(&(e.calendar, uid)) {
            let master = &events[m];
            let has = master
                .instances(rid.at.date(), rid.at.date(), &mut budget)?
                .iter()
                .any(|(s, _)| rid.matches(*s, master.all_day));
            if !has {
                stale[i] = true;
                continue;
            }
        }
        overridden.entry((e.calendar, uid)).or_default().push(e);
    }
    let mut days: BTreeMap<Date, Vec<String>> = BTreeMap::new();
    let mut add = |start: DateTime, end: DateTime, name: Option<&str>| {
        cover(start, end, first, last, |d| {
            let names = days.entry(d).or_default();
            if let Some(n) = name
                && !names.iter().any(|m| m == n)
            {
                names.push(n.to_string());
            }
        });
    };
    for (i, e) in events.iter().enumerate() {
        if e.cancelled || !current(i, e) {
            continue;
        }
        if stale[i] {
            continue;
        }
        let kept = filter.keeps(&e.texts);
        let overrides = match (&e.recurrence_id, e.uid.as_deref()) {
            (None, Some(uid)) => overridden.get(&(e.calendar, uid)),
            _ => None,
        };
        for (start, end) in e.instances(first, last, &mut budget)? {
            let single = overrides.is_some_and(|o| {
                o.iter()
                    .any(|x| x.recurrence_id.is_some_and(|m| m.matches(start, e.all_day)))
            });
            if single {
                continue;
            }
            // The latest THISANDFUTURE override at or before this instance.
            let future = overrides.and_then(|o| {
                o.iter()
                    .filter(|x| x.this_and_future)
                    .filter_map(|x| Some((x.recurrence_id?.at, *x)))
                    .filter(|(at, _)| *at <= start)
                    .max_by_key(|(at, _)| *at)
            });
            match future {
                Some((rid, x)) => {
                    if x.cancelled || !filter.keeps(&x.texts) {
                        continue;
                    }
                    let shift = rid.duration_until(x.start);
                    let moved = start.checked_add(shift).unwrap_or(start);
                    add(moved, x.length.end(moved), x.name.as_deref());
                }
                None if kept => add(start, end, e.name.as_deref()),
                None => {}
            }
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

/// Calls `f` with each date in `first..=last` that an instance from
/// `start` to `end` covers: its start date and every later date it reaches
/// into (an end at midnight does not reach its date).
fn cover(start: DateTime, end: DateTime, first: Date, last: Date, mut f: impl FnMut(Date)) {
    let end_day = if end > start {
        end.checked_sub(SignedDuration::from_nanos(1))
            .map_or(start.date(), |e| e.date())
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

/// A time zone as a value names it.
#[derive(Debug, Clone)]
enum Zone {
    /// No zone: a floating time, or a TZID the database does not know (its
    /// local time is still the date that is meant).
    AsWritten,
    Known(TimeZone),
}

/// The zone called `name`: an IANA name, or one ending in one
/// (`/mozilla.org/20050126_1/Europe/Berlin`, as Thunderbird writes them).
fn zone_named(name: &str) -> Option<TimeZone> {
    let name = name.trim().trim_matches('"');
    if let Ok(tz) = jiff::tz::db().get(name) {
        return Some(tz);
    }
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
    for take in [3, 2] {
        if parts.len() >= take
            && let Ok(tz) = jiff::tz::db().get(&parts[parts.len() - take..].join("/"))
        {
            return Some(tz);
        }
    }
    None
}

/// A DTSTART-like value: its local date-time as written, whether it is a
/// DATE, and its zone.
#[derive(Debug, Clone)]
struct Value {
    at: DateTime,
    date_only: bool,
    zone: Zone,
}

impl Value {
    /// This value as a wall-clock time in `zone` (unchanged when either
    /// side has no known zone, which reads "as written").
    fn in_zone(&self, zone: &Zone) -> DateTime {
        match (&self.zone, zone) {
            (Zone::Known(from), Zone::Known(to)) => from
                .to_ambiguous_zoned(self.at)
                .compatible()
                .map(|z| z.timestamp().to_zoned(to.clone()).datetime())
                .unwrap_or(self.at),
            _ => self.at,
        }
    }
}

/// A RECURRENCE-ID or EXDATE, as it names an instance.
#[derive(Debug, Clone, Copy)]
struct Moment {
    at: DateTime,
    /// Written as a DATE: names every instance on that date.
    date_only: bool,
}

impl Moment {
    fn matches(&self, start: DateTime, all_day: bool) -> bool {
        if self.date_only || all_day {
            self.at.date() == start.date()
        } else {
            self.at == start
        }
    }
}

/// One VEVENT, read.
#[derive(Debug)]
struct Event {
    /// "event 3 ("Founder's Day")", for messages.
    what: String,
    /// Which VCALENDAR of the file it is in (UIDs are per calendar).
    calendar: usize,
    uid: Option<String>,
    name: Option<String>,
    /// SUMMARY, DESCRIPTION and CATEGORIES, for a [`Filter`].
    texts: Vec<String>,
    cancelled: bool,
    all_day: bool,
    /// DTSTART as a wall-clock time in its zone; an all-day start is
    /// midnight.
    start: DateTime,
    /// DTEND (brought into DTSTART's zone) less DTSTART, or DURATION; zero
    /// for a timed event with no end, a day for an all-day one.
    length: Length,
    rules: Vec<(rrule::Rule, Option<DateTime>)>,
    /// Extra instances: start and, for a PERIOD, its own length.
    rdates: Vec<(DateTime, Option<Length>)>,
    exdates: Vec<Moment>,
    /// The instance this event replaces, for an override.
    recurrence_id: Option<Moment>,
    /// RECURRENCE-ID;RANGE=THISANDFUTURE: it changes later instances too.
    this_and_future: bool,
    /// SEQUENCE (0 when absent).
    sequence: i64,
}

/// How long an instance lasts: whole days for an all-day event (a nominal
/// day, DST or not), else a wall-clock duration, as RFC 5545 §3.3.6 reads
/// `P1D` and `PT24H`.
#[derive(Debug, Clone, Copy)]
enum Length {
    Days(i64),
    Exact(SignedDuration),
}

impl Length {
    fn end(self, start: DateTime) -> DateTime {
        match self {
            Length::Days(n) => start
                .checked_add(jiff::Span::new().try_days(n).unwrap_or_default())
                .unwrap_or(DateTime::MAX),
            Length::Exact(d) => start.checked_add(d).unwrap_or(DateTime::MAX),
        }
    }

    /// At least how many whole days it lasts (for reaching back into the
    /// window from an earlier start).
    fn whole_days(self) -> i64 {
        match self {
            Length::Days(n) => n,
            Length::Exact(d) => d.as_hours() / 24,
        }
    }
}

fn event(
    c: &Component,
    n: usize,
    calendar: usize,
    display: Option<&TimeZone>,
) -> Result<Event, IcsError> {
    let name = prop(c, "SUMMARY")
        .map(|p| clean_text(&p.value))
        .filter(|s| !s.is_empty());
    let uid = prop(c, "UID").map(|p| p.value.trim().to_string());
    let what = match (&name, &uid) {
        (Some(s), _) => format!("event {n} ({s:?}, line {})", c.line),
        (None, Some(u)) => format!("event {n} (UID {u:?}, line {})", c.line),
        (None, None) => format!("event {n} (line {})", c.line),
    };
    let mut texts: Vec<String> = name.iter().cloned().collect();
    for p in c
        .properties
        .iter()
        .filter(|p| p.name == "DESCRIPTION" || p.name == "CATEGORIES")
    {
        texts.push(unescape_text(&p.value));
    }
    let cancelled =
        prop(c, "STATUS").is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED"));
    let Some(dtstart) = only(c, "DTSTART", &what)? else {
        return err(format!("{what} has no DTSTART"));
    };
    let start = moment(dtstart, &what, display)?;
    let all_day = start.date_only;
    let end = only(c, "DTEND", &what)?;
    let duration = only(c, "DURATION", &what)?;
    let length = match (end, duration) {
        // RFC 5545 allows one or the other; given both (Thunderbird has
        // written it), DTEND is read, as python's icalendar does.
        (Some(p), _) => {
            let end = moment(p, &what, display)?;
            if all_day {
                // A date-time DTEND on an all-day event: its date ends it.
                let days = end.at.date().since((jiff::Unit::Day, start.at.date()));
                Length::Days(days.map(|s| i64::from(s.get_days())).unwrap_or(1).max(1))
            } else {
                Length::Exact(start.at.duration_until(end.in_zone(&start.zone)))
            }
        }
        (None, Some(p)) => {
            let d = crate::ics::read::duration(&p.value).ok_or_else(|| {
                IcsError(format!(
                    "{what} has DURATION {:?}, not a duration such as P1D or PT8H",
                    clip(&p.value)
                ))
            })?;
            if d.is_negative() {
                return err(format!("{what} has a negative DURATION"));
            }
            if all_day {
                Length::Days((d.as_secs() / 86_400).max(1))
            } else {
                Length::Exact(d)
            }
        }
        // RFC 5545 §3.6.1: an all-day event without an end lasts the day.
        (None, None) if all_day => Length::Days(1),
        (None, None) => Length::Exact(SignedDuration::ZERO),
    };
    let mut rules = Vec::new();
    // An empty RRULE (Calendar Labs writes `RRULE:`) repeats nothing.
    for p in all(c, "RRULE").filter(|p| !p.value.trim().is_empty()) {
        let rule = rrule::Rule::parse(&p.value, &what)?;
        let until = rule.until.map(|(at, date_only, utc)| {
            if date_only || all_day {
                // Inclusive of its whole day.
                at.date().to_datetime(Time::MAX)
            } else {
                let v = Value {
                    at,
                    date_only,
                    zone: if utc {
                        Zone::Known(TimeZone::UTC)
                    } else {
                        start.zone.clone()
                    },
                };
                v.in_zone(&start.zone)
            }
        });
        rules.push((rule, until));
    }
    let mut rdates = Vec::new();
    for p in all(c, "RDATE") {
        let period = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
        for v in p.value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            let (first, own_length) = match v.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None if period => {
                    return err(format!(
                        "{what} has RDATE {:?}, not a period such as 20261224T090000Z/PT8H",
                        clip(v)
                    ));
                }
                None => (v, None),
            };
            let at = value_in(p, first, &what, "RDATE", display)?;
            let length = match own_length {
                None => None,
                Some(b) => Some(match crate::ics::read::duration(b) {
                    Some(d) => Length::Exact(d),
                    None => {
                        let end = value_in(p, b, &what, "RDATE", display)?;
                        Length::Exact(
                            at.in_zone(&start.zone)
                                .duration_until(end.in_zone(&start.zone)),
                        )
                    }
                }),
            };
            let at = if all_day {
                at.in_zone(&start.zone).date().to_datetime(Time::midnight())
            } else if at.date_only {
                at.at.date().to_datetime(start.at.time())
            } else {
                at.in_zone(&start.zone)
            };
            // An all-day event's instances are days, whatever the period
            // says (RFC 5545 §3.8.5.2: RDATE takes DTSTART's value type).
            rdates.push((at, if all_day { None } else { length }));
        }
    }
    let mut exdates = Vec::new();
    for p in all(c, "EXDATE") {
        for v in p.value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            let at = value_in(p, v, &what, "EXDATE", display)?;
            exdates.push(Moment {
                at: at.in_zone(&start.zone),
                date_only: at.date_only,
            });
        }
    }
    let mut this_and_future = false;
    let recurrence_id = match only(c, "RECURRENCE-ID", &what)? {
        Some(p) => {
            this_and_future = p
                .param("RANGE")
                .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"));
            let at = moment(p, &what, display)?;
            Some(Moment {
                at: at.in_zone(&start.zone),
                date_only: at.date_only,
            })
        }
        None => None,
    };
    if recurrence_id.is_some() {
        // An override is one instance: a rule of its own is not read, as
        // python's recurring_ical_events does not.
        rules.clear();
        rdates.clear();
        exdates.clear();
    }
    let sequence = prop(c, "SEQUENCE")
        .and_then(|p| p.value.trim().parse::<i64>().ok())
        .unwrap_or(0);
    Ok(Event {
        what,
        calendar,
        uid,
        name,
        texts,
        cancelled,
        all_day,
        start: start.at,
        length,
        rules,
        rdates,
        exdates,
        recurrence_id,
        this_and_future,
        sequence,
    })
}

impl Event {
    /// The start and end of every instance that can touch `first..=last`,
    /// plus possibly some that cannot (they are clipped by [`cover`]):
    /// DTSTART, each RRULE's and RDATE's, less EXDATE's (RFC 5545 §3.8.5).
    fn instances(
        &self,
        first: Date,
        last: Date,
        budget: &mut u64,
    ) -> Result<Vec<(DateTime, DateTime)>, IcsError> {
        // DTSTART is the first instance, unless every rule ended before it
        // began (python's recurring_ical_events drops it then; RFC 5545
        // leaves such a rule undefined).
        let ended = !self.rules.is_empty()
            && self
                .rules
                .iter()
                .all(|(_, until)| until.is_some_and(|u| u < self.start));
        let mut starts: Vec<(DateTime, Option<Length>)> = if ended {
            Vec::new()
        } else {
            vec![(self.start, None)]
        };
        // An instance lasting days can reach into the window from before.
        let reach = self.length.whole_days().saturating_add(1);
        let lo = first
            .checked_sub(jiff::Span::new().try_days(reach).unwrap_or_default())
            .unwrap_or(Date::MIN)
            .to_datetime(Time::midnight());
        let hi = last.to_datetime(Time::MAX);
        let mut found = Vec::new();
        for (rule, until) in &self.rules {
            found.clear();
            rule.expand(self.start, *until, (lo, hi), budget, &self.what, &mut found)?;
            starts.extend(found.iter().map(|s| (*s, None)));
        }
        starts.extend(self.rdates.iter().copied());
        starts.sort_by_key(|(s, _)| *s);
        starts.dedup_by_key(|(s, _)| *s);
        Ok(starts
            .into_iter()
            .filter(|(s, _)| !self.exdates.iter().any(|x| x.matches(*s, self.all_day)))
            .map(|(s, own)| (s, own.unwrap_or(self.length).end(s)))
            .collect())
    }
}

/// The first property `name` (upper case).
fn prop<'c>(c: &'c Component, name: &str) -> Option<&'c Line> {
    c.properties.iter().find(|p| p.name == name)
}

fn all<'c>(c: &'c Component, name: &'c str) -> impl Iterator<Item = &'c Line> {
    c.properties.iter().filter(move |p| p.name == name)
}

/// The property `name`, if present; an error if it repeats.
fn only<'c>(c: &'c Component, name: &'c str, what: &str) -> Result<Option<&'c Line>, IcsError> {
    let mut found = all(c, name);
    let one = found.next();
    if found.next().is_some() {
        return err(format!("{what} has more than one {name}"));
    }
    Ok(one)
}

/// A DTSTART/DTEND/RECURRENCE-ID with its zone.
fn moment(p: &Line, what: &str, display: Option<&TimeZone>) -> Result<Value, IcsError> {
    let v = value_in(p, &p.value, what, &p.name, display)?;
    if p.param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        && !v.date_only
    {
        return err(format!(
            "{what} has {};VALUE=DATE with a date-time, {:?}",
            p.name,
            clip(&p.value)
        ));
    }
    Ok(v)
}

/// One date or date-time `v` of property `p`, in `p`'s TZID, UTC for a
/// trailing `Z` (read in the calendar's X-WR-TIMEZONE when it has one), or
/// floating.
fn value_in(
    p: &Line,
    v: &str,
    what: &str,
    name: &str,
    display: Option<&TimeZone>,
) -> Result<Value, IcsError> {
    let (at, date_only) = date_or_time(v).ok_or_else(|| {
        IcsError(format!(
            "{what} has {name} {:?}, not a date (20261225) or date-time (20261225T090000)",
            clip(v.trim())
        ))
    })?;
    let utc = !date_only && v.trim().ends_with(['Z', 'z']);
    let mut value = Value {
        at,
        date_only,
        zone: if utc {
            Zone::Known(TimeZone::UTC)
        } else {
            match p.param("TZID").and_then(zone_named) {
                Some(tz) if !date_only => Zone::Known(tz),
                _ => Zone::AsWritten,
            }
        },
    };
    if utc && let Some(tz) = display {
        // Google writes UTC and means the calendar's zone (X-WR-TIMEZONE),
        // as python's `x_wr_timezone` reads it.
        let local = Zone::Known(tz.clone());
        value = Value {
            at: value.in_zone(&local),
            date_only: false,
            zone: local,
        };
    }
    Ok(value)
}

/// A SUMMARY as one line: unescaped, white space collapsed.
fn clean_text(v: &str) -> String {
    unescape_text(v)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A value shortened for a message, control characters replaced.
fn clip(s: &str) -> String {
    let cut: String = s
        .chars()
        .take(60)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if s.chars().count() > 60 {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests;
