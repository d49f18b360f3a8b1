//! A VTIMEZONE derived from the tz database for the instants a calendar
//! writes in that zone (SPEC §5, RFC 5545 §3.6.5).
//!
//! Clients accept a narrow shape: one STANDARD and at most one DAYLIGHT
//! observance, each starting in 1970 and repeating yearly on the n-th (or
//! last) weekday of a month. Real zones change their rules (British
//! Columbia stops changing clocks in November 2026, Morocco follows
//! Ramadan), so a rule pair is only a description of the zone *near the
//! instants*, and every candidate is checked before it is used:
//!
//! 1. derive a rule pair from the offset changes around the instants (a
//!    year either side); else from the changes between them alone; else
//!    from the last two changes before them (a regime still in force);
//!    else, if the offset never changes near the instants, one fixed
//!    STANDARD;
//! 2. keep the first candidate that, read the way a client reads it
//!    ([`VTimezone::offset_at`]), gives the tz database's offset everywhere
//!    from a day before the first instant to a day after the last, and
//!    reads every instant's local time back to that instant;
//! 3. if none does, [`Unrepresentable`]: the caller writes that zone's
//!    times in UTC with a warning.
//!
//! STANDARD and DAYLIGHT are told apart by comparing the two offsets (the
//! higher is DAYLIGHT), never by the tz database's DST flag: Europe/Dublin
//! flags winter GMT as its "daylight saving" (negative DST).
//!
//! No I/O and no clock: the zone comes in as a value. Use a zone from
//! `jiff::tz::TimeZoneDatabase::bundled()` for the bundled tzdb;
//! `TimeZone::get` reads the host's `/usr/share/zoneinfo` first.

use std::fmt;

use jiff::civil::{DateTime, date};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use crate::ics::{Observance, Reading, YearlyRule};

pub use crate::ics::VTimezone;

/// Why a zone's times cannot be written with a TZID, so they go out in UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unrepresentable {
    pub tzid: String,
    pub reason: Reason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// There was nothing to describe.
    NoInstants,
    /// UTC-OFFSET with seconds is legal RFC 5545 but Outlook rejects it.
    OffsetHasSeconds { offset: Offset },
    /// No single yearly STANDARD/DAYLIGHT pair matches the zone over the
    /// instants' range: its rules change inside it, or follow no
    /// weekday-of-month pattern.
    RulesChange { first: Timestamp, last: Timestamp },
}

impl fmt::Display for Unrepresentable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tzid = &self.tzid;
        match &self.reason {
            Reason::NoInstants => write!(f, "time zone {tzid}: no times to describe"),
            Reason::OffsetHasSeconds { offset } => {
                write!(
                    f,
                    "time zone {tzid} uses the offset {offset}, which has seconds"
                )
            }
            Reason::RulesChange { first, last } => write!(
                f,
                "time zone {tzid} changes its rules between {first} and {last}; \
                 no single yearly daylight-saving rule describes it"
            ),
        }
    }
}

impl std::error::Error for Unrepresentable {}

/// The VTIMEZONE for `tz`, under the name `tzid`, that gives the right
/// offset for every instant in `instants` (and everywhere between them).
///
/// Property (tested below): when this returns `Ok(v)`, `v.offset_at(t) ==
/// tz.to_offset(t)` for every `t` from a day before the earliest instant to
/// a day after the latest.
///
/// # Example: New York
///
/// ```
/// use followup::zone::vtimezone::build;
/// use jiff::tz::TimeZoneDatabase;
///
/// let tz = TimeZoneDatabase::bundled().get("America/New_York")?;
/// let v = build(&tz, "America/New_York", &["2026-11-18T14:00:00Z".parse()?])?;
/// assert_eq!(v.daylight.unwrap().rule.unwrap().to_string(), "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Example: a zone whose rules change inside the range
///
/// Casablanca's offset follows Ramadan, then stops changing in September
/// 2026; no rule pair fits 2026–2027.
///
/// ```
/// use followup::zone::vtimezone::build;
/// use jiff::tz::TimeZoneDatabase;
///
/// let tz = TimeZoneDatabase::bundled().get("Africa/Casablanca")?;
/// let instants = ["2026-01-10T10:00:00Z".parse()?, "2027-06-01T10:00:00Z".parse()?];
/// assert!(build(&tz, "Africa/Casablanca", &instants).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn build(
    tz: &TimeZone,
    tzid: &str,
    instants: &[Timestamp],
) -> Result<VTimezone, Unrepresentable> {
    let fail = |reason| Unrepresentable {
        tzid: tzid.to_string(),
        reason,
    };
    let (Some(&first), Some(&last)) = (instants.iter().min(), instants.iter().max()) else {
        return Err(fail(Reason::NoInstants));
    };
    let window = Window {
        from: before(first, DAY),
        until: after(last, DAY),
    };
    let in_window = changes(tz, window.from, window.until);
    let mut offsets =
        std::iter::once(tz.to_offset(window.from)).chain(in_window.iter().map(|c| c.to));
    if let Some(offset) = offsets.find(|o| !whole_minutes(*o)) {
        return Err(fail(Reason::OffsetHasSeconds { offset }));
    }

    // Candidate rule pairs, the widest evidence first: a year either side
    // (decides "last" against "4th"), the window alone (rules that changed
    // just before it), the regime running into it.
    let evidence = [
        changes(tz, before(first, YEAR), after(last, YEAR)),
        in_window.clone(),
        recent_regime(tz, window, &in_window),
    ];
    let candidates = evidence.iter().map(|changes| rule_pair(tzid, changes));
    let candidates = candidates.chain([fixed(tz, tzid, window, &in_window)]);
    candidates
        .flatten()
        .find(|v| fits(v, tz, window, &in_window, instants))
        .ok_or_else(|| fail(Reason::RulesChange { first, last }))
}

const DAY: SignedDuration = SignedDuration::from_hours(24);
const YEAR: SignedDuration = SignedDuration::from_hours(24 * 366);

/// The span a VTIMEZONE must get right: the instants plus a day either
/// side, so that reading their local times back cannot reach outside it.
#[derive(Clone, Copy, Debug)]
struct Window {
    from: Timestamp,
    until: Timestamp,
}

/// A change of UTC offset in the tz database (transitions that only rename
/// the abbreviation or flip the DST flag are not changes).
#[derive(Clone, Debug)]
struct Change {
    at: Timestamp,
    from: Offset,
    to: Offset,
    /// The abbreviation in force from `at` on.
    abbreviation: String,
}

impl Change {
    /// The onset as local time before the change, as VTIMEZONE DTSTARTs
    /// and RRULEs state it (§3.6.5: DTSTART is in TZOFFSETFROM).
    fn local(&self) -> DateTime {
        self.from.to_datetime(self.at)
    }
}

fn before(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.saturating_sub(d).unwrap_or(Timestamp::MIN)
}

fn after(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.saturating_add(d).unwrap_or(Timestamp::MAX)
}

fn whole_minutes(offset: Offset) -> bool {
    offset.seconds() % 60 == 0
}

/// The offset changes in `(from, until]`, oldest first.
fn changes(tz: &TimeZone, from: Timestamp, until: Timestamp) -> Vec<Change> {
    let mut in_force = tz.to_offset(from);
    let mut changes = Vec::new();
    for transition in tz.following(from) {
        if transition.timestamp() > until {
            break;
        }
        if transition.offset() != in_force {
            changes.push(Change {
                at: transition.timestamp(),
                from: in_force,
                to: transition.offset(),
                abbreviation: transition.abbreviation().to_string(),
            });
        }
        in_force = transition.offset();
    }
    changes
}

/// The last two offset changes before the window (if within 18 months of
/// it, so they are a regime still running), then those inside it.
fn recent_regime(tz: &TimeZone, window: Window, in_window: &[Change]) -> Vec<Change> {
    let horizon = before(window.from, SignedDuration::from_hours(24 * 549));
    let mut recent: Vec<Change> = tz
        .preceding(after(window.from, SignedDuration::from_nanos(1)))
        .take_while(|t| t.timestamp() >= horizon)
        .filter_map(|t| {
            let just_before = before(t.timestamp(), SignedDuration::from_nanos(1));
            let from = tz.to_offset(just_before);
            (from != t.offset()).then(|| Change {
                at: t.timestamp(),
                from,
                to: t.offset(),
                abbreviation: t.abbreviation().to_string(),
            })
        })
        .take(2)
        .collect();
    recent.reverse();
    recent.extend(in_window.iter().cloned());
    recent
}

/// A STANDARD/DAYLIGHT pair whose yearly rules reproduce `changes`, if
/// they alternate between two whole-minute offsets and each direction
/// keeps one month, weekday, week of the month and local time.
fn rule_pair(tzid: &str, changes: &[Change]) -> Option<VTimezone> {
    let first = changes.first()?;
    let (low, high) = (first.from.min(first.to), first.from.max(first.to));
    let pair_only = changes
        .iter()
        .all(|c| (c.from, c.to) == (low, high) || (c.from, c.to) == (high, low));
    if !pair_only || !whole_minutes(low) || !whole_minutes(high) {
        return None;
    }
    let standard = yearly(changes.iter().filter(|c| c.to == low))?;
    let daylight = yearly(changes.iter().filter(|c| c.to == high))?;
    Some(VTimezone {
        tzid: tzid.to_string(),
        standard,
        daylight: Some(daylight),
    })
}

/// One observance whose RRULE matches every onset in `onsets` (all in the
/// same direction), starting at the rule's first date in 1970.
///
/// # Example: last or n-th
///
/// Berlin's spring onsets fall on 29, 28, 26 March (2026–2028): the 5th,
/// 4th and 4th Sunday, but always within the last 7 days, so `-1SU`. New
/// York's fall on 8, 14, 12 March: always the 2nd Sunday, so `2SU`. When
/// both fit (every onset on the 22nd–28th of a 28-day month…), last wins.
fn yearly<'c>(onsets: impl Iterator<Item = &'c Change>) -> Option<Observance> {
    let onsets: Vec<&Change> = onsets.collect();
    let (first, latest) = (onsets.first()?.local(), *onsets.last()?);
    let (month, weekday, time) = (first.month(), first.weekday(), first.time());
    let same_pattern = onsets
        .iter()
        .map(|c| c.local())
        .all(|l| (l.month(), l.weekday(), l.time()) == (month, weekday, time));
    if !same_pattern {
        return None;
    }
    let week_of = |l: DateTime| (l.day() - 1) / 7 + 1;
    let in_last_week = |l: DateTime| l.day() + 7 > l.days_in_month();
    let week = if onsets.iter().all(|c| in_last_week(c.local())) {
        -1
    } else if week_of(first) <= 4 && onsets.iter().all(|c| week_of(c.local()) == week_of(first)) {
        week_of(first)
    } else {
        return None;
    };
    let rule = YearlyRule {
        month,
        week,
        weekday,
    };
    Some(Observance {
        start: rule.date_in(1970)?.to_datetime(time),
        offset_from: latest.from,
        offset_to: latest.to,
        name: tzname(&latest.abbreviation),
        rule: Some(rule),
    })
}

/// One STANDARD with equal offsets and no rule, if the offset never
/// changes inside the window. TZNAME only if the name does not change
/// either (Vancouver's -07 is PDT until November 2026, then MST).
fn fixed(tz: &TimeZone, tzid: &str, window: Window, in_window: &[Change]) -> Option<VTimezone> {
    if !in_window.is_empty() {
        return None;
    }
    let (start, end) = (
        tz.to_offset_info(window.from),
        tz.to_offset_info(window.until),
    );
    let name = (start.abbreviation() == end.abbreviation())
        .then(|| tzname(start.abbreviation()))
        .flatten();
    Some(VTimezone {
        tzid: tzid.to_string(),
        standard: Observance {
            start: date(1970, 1, 1).at(0, 0, 0, 0),
            offset_from: start.offset(),
            offset_to: start.offset(),
            name,
            rule: None,
        },
        daylight: None,
    })
}

/// TZNAME only for a real abbreviation: the tz database names zones
/// without one by their offset (`+0545`, `-03`), which says nothing.
fn tzname(abbreviation: &str) -> Option<String> {
    let alphabetic =
        !abbreviation.is_empty() && abbreviation.bytes().all(|b| b.is_ascii_alphabetic());
    alphabetic.then(|| abbreviation.to_string())
}

/// Whether `v`, read as a client reads it, matches `tz` over the window
/// and reads every instant's local time back to that instant.
///
/// Both offset functions are constant between their change points, so
/// agreeing at the window's start and at every change point of either
/// means agreeing everywhere in the window.
fn fits(
    v: &VTimezone,
    tz: &TimeZone,
    window: Window,
    in_window: &[Change],
    instants: &[Timestamp],
) -> bool {
    // Thousands of instants are read through `v`: work out its onsets for
    // the window's years once.
    let year = |t: Timestamp| Offset::UTC.to_datetime(t).year();
    let v_read = v.reading(
        year(window.from).saturating_sub(1),
        year(window.until).saturating_add(1),
    );
    let agrees = |t: Timestamp| v_read.offset_at(t) == tz.to_offset(t);
    agrees(window.from)
        && in_window.iter().all(|c| agrees(c.at))
        && v.onsets(window.from, window.until)
            .iter()
            .all(|&(t, _)| agrees(t))
        && instants
            .iter()
            .all(|&t| agrees(t) && reads_back(&v_read, tz, t))
}

/// The instant's local time in `tz`, read through `v` by RFC 5545 §3.3.5,
/// is the instant again. Local times that occur twice are exempt: SPEC §5
/// writes those instants in UTC.
fn reads_back(v: &Reading<'_>, tz: &TimeZone, t: Timestamp) -> bool {
    let local = tz.to_offset(t).to_datetime(t);
    match tz.to_ambiguous_timestamp(local).offset() {
        AmbiguousOffset::Unambiguous { .. } => v.to_timestamp(local) == Some(t),
        AmbiguousOffset::Fold { .. } | AmbiguousOffset::Gap { .. } => true,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::ics::Writer;
    use crate::ics::testing::assert_content_lines;
    use jiff::tz::TimeZoneDatabase;
    use proptest::prelude::*;

    #[test]
    fn zones_with_daylight_saving() {
        case(
            "America/New_York",
            &["2026-11-18T14:00:00Z"],
            "STANDARD 19701101T020000 -0400 -0500 EST FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\n\
             DAYLIGHT 19700308T020000 -0500 -0400 EDT FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        );
        case(
            "Europe/Berlin",
            &[
                "2026-03-01T09:00:00Z",
                "2026-07-01T09:00:00Z",
                "2027-01-15T09:00:00Z",
            ],
            "STANDARD 19701025T030000 +0200 +0100 CET FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
             DAYLIGHT 19700329T020000 +0100 +0200 CEST FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        );
        // Negative DST in the tz source: winter GMT is flagged as DST.
        // Labelled by offset, summer IST (+0100) is DAYLIGHT.
        case(
            "Europe/Dublin",
            &["2026-11-18T14:00:00Z"],
            "STANDARD 19701025T020000 +0100 +0000 GMT FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
             DAYLIGHT 19700329T010000 +0000 +0100 IST FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        );
        // Southern hemisphere, a 30-minute DST, no alphabetic names.
        case(
            "Australia/Lord_Howe",
            &["2026-11-18T00:00:00Z"],
            "STANDARD 19700405T020000 +1100 +1030 - FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\n\
             DAYLIGHT 19701004T020000 +1030 +1100 - FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
        );
        case(
            "Pacific/Chatham",
            &["2026-11-18T00:00:00Z", "2027-05-01T00:00:00Z"],
            "STANDARD 19700405T034500 +1345 +1245 - FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\n\
             DAYLIGHT 19700927T024500 +1245 +1345 - FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU",
        );
        // Instants at the edges of the gap and inside the fold: the fold's
        // local time is ambiguous (the caller writes it in UTC), which does
        // not stop the zone from being described.
        case(
            "America/New_York",
            &[
                "2026-03-08T07:00:00Z",
                "2026-11-01T05:30:00Z",
                "2026-11-01T06:30:00Z",
            ],
            "STANDARD 19701101T020000 -0400 -0500 EST FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\n\
             DAYLIGHT 19700308T020000 -0500 -0400 EDT FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        );
        // US rules changed in 2007, but between June 2006 and March 2007
        // the old autumn rule and the new spring rule are what applies.
        case(
            "America/New_York",
            &["2006-06-01T12:00:00Z", "2007-03-20T12:00:00Z"],
            "STANDARD 19701025T020000 -0400 -0500 EST FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
             DAYLIGHT 19700308T020000 -0500 -0400 EDT FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        );
        // Summer-only instants still get the zone's rules, not a fixed offset.
        case(
            "America/New_York",
            &["2026-07-01T14:00:00Z"],
            "STANDARD 19701101T020000 -0400 -0500 EST FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\n\
             DAYLIGHT 19700308T020000 -0500 -0400 EDT FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        );
        // "Friday before the last Sunday": the last Friday in 2025–2027…
        case(
            "Asia/Jerusalem",
            &["2026-06-01T09:00:00Z"],
            "STANDARD 19701025T020000 +0300 +0200 IST FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
             DAYLIGHT 19700327T020000 +0200 +0300 IDT FREQ=YEARLY;BYMONTH=3;BYDAY=-1FR",
        );
        // …but the 4th Friday (24 March) in 2028 and 2029.
        case(
            "Asia/Jerusalem",
            &["2029-01-10T09:00:00Z"],
            "STANDARD 19701025T020000 +0300 +0200 IST FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
             DAYLIGHT 19700327T020000 +0200 +0300 IDT FREQ=YEARLY;BYMONTH=3;BYDAY=4FR",
        );
    }

    #[test]
    fn zones_without_daylight_saving() {
        case(
            "Asia/Kolkata",
            &["2026-11-18T04:30:00Z"],
            "STANDARD 19700101T000000 +0530 +0530 IST -",
        );
        case(
            "Asia/Kathmandu",
            &["2026-11-18T04:30:00Z"],
            "STANDARD 19700101T000000 +0545 +0545 - -",
        );
        case(
            "UTC",
            &["2026-11-18T04:30:00Z"],
            "STANDARD 19700101T000000 +0000 +0000 UTC -",
        );
        // tzdb 2026e: British Columbia stays on UTC-07 from November 2026.
        case(
            "America/Vancouver",
            &[
                "2026-12-15T17:00:00Z",
                "2027-07-01T17:00:00Z",
                "2027-12-01T17:00:00Z",
            ],
            "STANDARD 19700101T000000 -0700 -0700 MST -",
        );
        // July 2026 is PDT and December 2026 is MST, both -07: right as a
        // fixed -0700, but no single name.
        case(
            "America/Vancouver",
            &["2026-07-15T17:00:00Z", "2026-12-15T17:00:00Z"],
            "STANDARD 19700101T000000 -0700 -0700 - -",
        );
    }

    #[test]
    fn zones_no_rule_pair_can_describe() {
        // Offsets follow Ramadan in early 2026, then stay at +00.
        unrepresentable(
            "Africa/Casablanca",
            &["2026-01-10T10:00:00Z", "2027-06-01T10:00:00Z"],
        );
        // Vancouver: -08 in winter 2025-26, -07 in summer, -07 again in winter.
        unrepresentable(
            "America/Vancouver",
            &["2026-01-15T17:00:00Z", "2026-12-15T17:00:00Z"],
        );
        // Alberta moves to -06 for good in November 2026.
        unrepresentable(
            "America/Edmonton",
            &["2026-01-15T17:00:00Z", "2026-12-15T17:00:00Z"],
        );
        // US rules changed in 2007: October 2006 and November 2007 differ.
        unrepresentable(
            "America/New_York",
            &["2006-06-01T12:00:00Z", "2007-12-01T12:00:00Z"],
        );
    }

    #[test]
    fn refusals_carry_their_reason() {
        let tz = TimeZone::fixed(Offset::from_seconds(5 * 3600 + 17).unwrap());
        let t = "2026-11-18T04:30:00Z".parse().unwrap();
        let err = build(&tz, "Odd/Seconds", &[t]).unwrap_err();
        assert_eq!(
            err.reason,
            Reason::OffsetHasSeconds {
                offset: Offset::from_seconds(5 * 3600 + 17).unwrap()
            }
        );
        let err = build(&zone("Europe/Berlin"), "Europe/Berlin", &[]).unwrap_err();
        assert_eq!(err.reason, Reason::NoInstants);
        let instants = [
            "2026-01-10T10:00:00Z".parse().unwrap(),
            "2027-06-01T10:00:00Z".parse().unwrap(),
        ];
        let err = build(&zone("Africa/Casablanca"), "Africa/Casablanca", &instants).unwrap_err();
        assert_eq!(
            err.to_string(),
            "time zone Africa/Casablanca changes its rules between 2026-01-10T10:00:00Z and \
             2027-06-01T10:00:00Z; no single yearly daylight-saving rule describes it"
        );
    }

    #[test]
    fn writes_a_vtimezone() {
        let v = build(
            &zone("Europe/Berlin"),
            "Europe/Berlin",
            &["2026-11-18T14:00:00Z".parse().unwrap()],
        )
        .unwrap();
        let mut out = Vec::new();
        v.write(&mut Writer::new(&mut out));
        assert_content_lines(&out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n\
             BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
             TZNAME:CET\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
             TZNAME:CEST\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
             END:VTIMEZONE\r\n"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// For zones with stable rules, any instants in 2020–2035 give a
        /// VTIMEZONE whose offsets match the tz database at every instant
        /// and between them.
        #[test]
        fn stable_zones_always_build(
            name in prop::sample::select(vec![
                "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Chatham",
            ]),
            seconds in prop::collection::vec(1_577_836_800i64..2_082_758_400, 1..6),
            probes in prop::collection::vec(0.0f64..1.0, 20),
        ) {
            let tz = zone(name);
            let instants: Vec<Timestamp> =
                seconds.iter().map(|&s| Timestamp::from_second(s).unwrap()).collect();
            let v = build(&tz, name, &instants).unwrap();
            prop_assert!(v.daylight.is_some());
            let (first, last) = (seconds.iter().min().unwrap(), seconds.iter().max().unwrap());
            let between = probes.iter().map(|p| first + ((last - first) as f64 * p) as i64);
            for s in seconds.iter().copied().chain(between) {
                let t = Timestamp::from_second(s).unwrap();
                prop_assert_eq!(v.offset_at(t), tz.to_offset(t), "{} at {}", name, t);
            }
        }
    }

    fn zone(name: &str) -> TimeZone {
        TimeZoneDatabase::bundled().get(name).unwrap()
    }

    /// One line per observance: `KIND DTSTART FROM TO TZNAME|- RRULE|-`.
    fn summary(v: &VTimezone) -> String {
        let mut out = Vec::new();
        v.write(&mut Writer::new(&mut out));
        assert_content_lines(&out);
        let line = |kind: &str, o: &Observance| {
            let offset = |o: Offset| {
                let mut b = Vec::new();
                Writer::new(&mut b).utc_offset("X", o);
                String::from_utf8(b)
                    .unwrap()
                    .trim_end()
                    .trim_start_matches("X:")
                    .to_string()
            };
            format!(
                "{kind} {} {} {} {} {}",
                o.start.strftime("%Y%m%dT%H%M%S"),
                offset(o.offset_from),
                offset(o.offset_to),
                o.name.as_deref().unwrap_or("-"),
                o.rule.map_or("-".to_string(), |r| r.to_string()),
            )
        };
        std::iter::once(line("STANDARD", &v.standard))
            .chain(v.daylight.as_ref().map(|d| line("DAYLIGHT", d)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Checks `v` against the tz database hour by hour from a day before
    /// the first instant to a day after the last.
    #[track_caller]
    fn assert_dense(v: &VTimezone, tz: &TimeZone, instants: &[Timestamp]) {
        let from = *instants.iter().min().unwrap() - SignedDuration::from_hours(24);
        let until = *instants.iter().max().unwrap() + SignedDuration::from_hours(24);
        let mut t = from;
        while t <= until {
            assert_eq!(v.offset_at(t), tz.to_offset(t), "{} at {t}", v.tzid);
            t += SignedDuration::from_mins(15);
        }
    }

    #[track_caller]
    fn case(name: &str, instants: &[&str], want: &str) {
        let tz = zone(name);
        let instants: Vec<Timestamp> = instants.iter().map(|s| s.parse().unwrap()).collect();
        let v = build(&tz, name, &instants).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.tzid, name);
        assert_eq!(summary(&v), want, "{name} for {instants:?}");
        assert_dense(&v, &tz, &instants);
    }

    #[track_caller]
    fn unrepresentable(name: &str, instants: &[&str]) {
        let tz = zone(name);
        let instants: Vec<Timestamp> = instants.iter().map(|s| s.parse().unwrap()).collect();
        match build(&tz, name, &instants) {
            Ok(v) => panic!("{name} for {instants:?} gave\n{}", summary(&v)),
            Err(e) => {
                assert_eq!(e.tzid, name);
                assert!(matches!(e.reason, Reason::RulesChange { .. }), "{e:?}");
            }
        }
    }
}
