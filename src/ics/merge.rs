//! Regeneration over a previous calendar (SPEC §5), so subscribers see
//! edits as updates, never as duplicates or ghosts.
//!
//! Events are matched by UID (RFC 5545 §3.8.4.7). What subscribers compare
//! is SEQUENCE (§3.8.7.4: bumped on every significant change) and DTSTAMP /
//! LAST-MODIFIED (§3.8.7.2, §3.8.7.3), so:
//!
//! - an event whose content (everything but DTSTAMP, SEQUENCE and
//!   LAST-MODIFIED) is unchanged keeps those three, and so its exact bytes;
//! - a changed one gets SEQUENCE+1 and DTSTAMP = LAST-MODIFIED = now;
//! - one that disappeared is kept with its last content as
//!   STATUS:CANCELLED, SEQUENCE+1, DTSTAMP = LAST-MODIFIED = now, so
//!   clients remove it instead of keeping a ghost;
//! - a cancelled event stays for `keep_cancelled` after it was cancelled
//!   (its LAST-MODIFIED, else its DTSTAMP), then drops out;
//! - a cancelled event subscribers never saw (not in the previous file) is
//!   left out: there is nothing for a client to remove, and after one has
//!   dropped out it must not come back at SEQUENCE 0.
//!
//! SEQUENCE never decreases for a UID that is in the previous file.
//!
//! "Unchanged" is decided on the written bytes, so it means exactly what a
//! client would see. Knows nothing of interviews; no I/O, no clock: "now"
//! comes in as a value.

use std::collections::{BTreeMap, HashMap};

use jiff::{SignedDuration, Timestamp};

use super::calendar::{Event, Status, When};
use super::read::Parsed;
use super::timezone::VTimezone;
use super::writer::Writer;

/// How to merge.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
    /// DTSTAMP / LAST-MODIFIED of every changed or newly cancelled event.
    pub now: Timestamp,
    /// How long a cancelled event stays in the file.
    pub keep_cancelled: SignedDuration,
}

/// What a merge did, for logs and `--verbose`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub unchanged: usize,
    pub changed: usize,
    pub added: usize,
    /// Disappeared from the input and now kept as cancelled.
    pub disappeared: usize,
    /// Cancelled long enough ago to leave the file.
    pub dropped: usize,
}

/// The merged calendar's parts.
#[derive(Clone, Debug)]
pub struct Merged {
    pub timezones: Vec<VTimezone>,
    pub events: Vec<Event>,
    pub changes: Changes,
}

/// Merges the `current` events (fresh from the input: SEQUENCE 0, no
/// LAST-MODIFIED) with the `previous` file.
///
/// Output order: the current events in their order, then the events that
/// disappeared, in the previous file's order. VTIMEZONEs: the current
/// ones, plus a previous one that a kept event still needs, minus any no
/// event uses.
///
/// # Example: an unchanged event keeps its stamp
///
/// ```
/// use followup::ics::merge::{merge, Rules};
/// use followup::ics::read::Parsed;
/// use followup::ics::{Event, Status, Transp, When};
/// use jiff::SignedDuration;
///
/// let t = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
/// let event = |dtstamp| Event {
///     uid: "x".into(), dtstamp, last_modified: None, sequence: 0,
///     start: When::Utc(t("2026-11-18T14:00:00Z")), end: When::Utc(t("2026-11-18T14:15:00Z")),
///     summary: "Check in".into(), description: String::new(), categories: vec![],
///     transp: Transp::Transparent, status: Status::Confirmed, alarms: vec![],
/// };
/// let previous = Parsed { prodid: "p".into(), timezones: vec![], events: vec![event(t("2026-11-01T00:00:00Z"))] };
/// let rules = Rules { now: t("2026-11-20T00:00:00Z"), keep_cancelled: SignedDuration::from_hours(720) };
/// let merged = merge(&previous, vec![event(rules.now)], vec![], &rules);
/// assert_eq!(merged.events[0].dtstamp, t("2026-11-01T00:00:00Z"));
/// assert_eq!(merged.changes.unchanged, 1);
/// ```
pub fn merge(
    previous: &Parsed,
    current: Vec<Event>,
    timezones: Vec<VTimezone>,
    rules: &Rules,
) -> Merged {
    let mut by_uid: HashMap<&str, &Event> = HashMap::with_capacity(previous.events.len());
    for e in &previous.events {
        by_uid.entry(e.uid.as_str()).or_insert(e);
    }
    let expired = |p: &Event| {
        let cancelled_at = p.last_modified.unwrap_or(p.dtstamp);
        cancelled_at
            .checked_add(rules.keep_cancelled)
            .is_ok_and(|until| rules.now >= until)
    };
    let mut changes = Changes::default();
    let mut events = Vec::with_capacity(current.len());
    let mut seen: HashMap<&str, ()> = HashMap::with_capacity(current.len());
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    for mut e in current {
        let Some(p) = by_uid.get(e.uid.as_str()).copied() else {
            if e.status == Status::Cancelled {
                continue;
            }
            changes.added += 1;
            events.push(e);
            continue;
        };
        seen.insert(p.uid.as_str(), ());
        if p.status == Status::Cancelled && e.status == Status::Cancelled && expired(p) {
            changes.dropped += 1;
            continue;
        }
        e.dtstamp = p.dtstamp;
        e.sequence = p.sequence;
        e.last_modified = p.last_modified;
        // Equal data writes equal bytes; only unequal data (which may still
        // write the same, e.g. text that differs in dropped control
        // characters) needs the bytes compared.
        if e == *p || same_bytes(&e, p, &mut mine, &mut theirs) {
            changes.unchanged += 1;
        } else {
            e.sequence = p.sequence.saturating_add(1);
            e.dtstamp = rules.now;
            e.last_modified = Some(rules.now);
            changes.changed += 1;
        }
        events.push(e);
    }

    let current_zones: BTreeMap<&str, &VTimezone> =
        timezones.iter().map(|z| (z.tzid.as_str(), z)).collect();
    let previous_zones: BTreeMap<&str, &VTimezone> = previous
        .timezones
        .iter()
        .map(|z| (z.tzid.as_str(), z))
        .collect();
    let mut carried_zones: BTreeMap<String, VTimezone> = BTreeMap::new();
    for p in &previous.events {
        if seen.contains_key(p.uid.as_str()) {
            continue;
        }
        if p.status == Status::Cancelled {
            if expired(p) {
                changes.dropped += 1;
                continue;
            }
        } else {
            changes.disappeared += 1;
        }
        let mut e = p.clone();
        if p.status != Status::Cancelled {
            e.status = Status::Cancelled;
            e.sequence = p.sequence.saturating_add(1);
            e.dtstamp = rules.now;
            e.last_modified = Some(rules.now);
        }
        // Keep local times only where they still mean the same instant.
        for when in [&mut e.start, &mut e.end] {
            let When::Local { tzid, dt } = when else {
                continue;
            };
            let Some(before) = previous_zones.get(tzid.as_str()) else {
                continue;
            };
            let instant = before.to_timestamp(*dt);
            match current_zones.get(tzid.as_str()) {
                Some(now_zone) if now_zone.to_timestamp(*dt) == instant => {}
                Some(_) => {
                    if let Some(t) = instant {
                        *when = When::Utc(t);
                    }
                }
                None => {
                    carried_zones
                        .entry(tzid.clone())
                        .or_insert_with(|| (*before).clone());
                }
            }
        }
        events.push(e);
    }

    let mut timezones: Vec<VTimezone> = timezones;
    timezones.extend(carried_zones.into_values());
    timezones.sort_by(|a, b| a.tzid.cmp(&b.tzid));
    timezones.retain(|z| {
        events.iter().any(|e| {
            [&e.start, &e.end]
                .into_iter()
                .any(|w| matches!(w, When::Local { tzid, .. } if *tzid == z.tzid))
        })
    });
    Merged {
        timezones,
        events,
        changes,
    }
}

/// Whether `a` and `b` are written as the same bytes (scratch buffers are
/// the caller's, reused).
fn same_bytes(a: &Event, b: &Event, mine: &mut Vec<u8>, theirs: &mut Vec<u8>) -> bool {
    mine.clear();
    theirs.clear();
    a.write(&mut Writer::new(mine));
    b.write(&mut Writer::new(theirs));
    mine == theirs
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::ics::calendar::Alarm;
    use crate::ics::timezone::Observance;
    use jiff::civil::datetime;
    use jiff::tz::offset;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    const NOW: &str = "2026-11-20T00:00:00Z";
    const FIRST: &str = "2026-11-01T00:00:00Z";

    fn event(uid: &str, summary: &str) -> Event {
        Event {
            uid: uid.into(),
            dtstamp: t(NOW),
            last_modified: None,
            sequence: 0,
            start: When::Local {
                tzid: "Fixed/Plus1".into(),
                dt: datetime(2026, 11, 18, 15, 0, 0, 0),
            },
            end: When::Utc(t("2026-11-18T14:15:00Z")),
            summary: summary.into(),
            description: "d".into(),
            categories: vec!["Job search".into()],
            transp: super::super::calendar::Transp::Transparent,
            status: Status::Confirmed,
            alarms: vec![Alarm {
                minutes_before: 15,
                before_end: false,
                description: String::new(),
            }],
        }
    }

    fn fixed(tzid: &str, hours: i8) -> VTimezone {
        VTimezone {
            tzid: tzid.into(),
            standard: Observance {
                start: datetime(1970, 1, 1, 0, 0, 0, 0),
                offset_from: offset(hours),
                offset_to: offset(hours),
                name: None,
                rule: None,
            },
            daylight: None,
        }
    }

    fn previous(events: Vec<Event>) -> Parsed {
        Parsed {
            prodid: "p".into(),
            timezones: vec![fixed("Fixed/Plus1", 1)],
            events: events
                .into_iter()
                .map(|mut e| {
                    e.dtstamp = t(FIRST);
                    e
                })
                .collect(),
        }
    }

    fn rules(now: &str) -> Rules {
        Rules {
            now: t(now),
            keep_cancelled: SignedDuration::from_hours(24 * 30),
        }
    }

    fn run(prev: &Parsed, current: Vec<Event>, now: &str) -> Merged {
        merge(prev, current, vec![fixed("Fixed/Plus1", 1)], &rules(now))
    }

    #[test]
    fn unchanged_changed_added_and_disappeared() {
        let mut was = event("b", "B");
        was.sequence = 4;
        let prev = previous(vec![event("a", "A"), was, event("gone", "G")]);
        let merged = run(
            &prev,
            vec![event("a", "A"), event("b", "B edited"), event("new", "N")],
            NOW,
        );
        let got: Vec<(&str, u32, Timestamp, Option<Timestamp>, Status)> = merged
            .events
            .iter()
            .map(|e| {
                (
                    e.uid.as_str(),
                    e.sequence,
                    e.dtstamp,
                    e.last_modified,
                    e.status,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", 0, t(FIRST), None, Status::Confirmed),
                ("b", 5, t(NOW), Some(t(NOW)), Status::Confirmed),
                ("new", 0, t(NOW), None, Status::Confirmed),
                ("gone", 1, t(NOW), Some(t(NOW)), Status::Cancelled),
            ]
        );
        assert_eq!(merged.events[3].summary, "G", "keeps its last content");
        assert_eq!(
            merged.changes,
            Changes {
                unchanged: 1,
                changed: 1,
                added: 1,
                disappeared: 1,
                dropped: 0
            }
        );
    }

    #[test]
    fn cancelled_events_stay_for_keep_cancelled_then_drop_out() {
        let mut cancelled = event("c", "C");
        cancelled.status = Status::Cancelled;
        cancelled.sequence = 2;
        let mut prev = previous(vec![cancelled.clone(), event("gone", "G")]);
        prev.events[0].last_modified = Some(t("2026-11-10T00:00:00Z"));
        prev.events[1].status = Status::Cancelled;
        prev.events[1].dtstamp = t("2026-11-12T00:00:00Z");
        // Still in the plan as cancelled, and gone from it: both kept, as
        // they were, until 30 days after they were cancelled.
        let kept = run(&prev, vec![cancelled.clone()], "2026-12-09T23:59:59Z");
        assert_eq!(kept.events.len(), 2);
        assert_eq!(kept.events[0], prev.events[0]);
        assert_eq!(kept.events[1], prev.events[1]);
        let later = run(&prev, vec![cancelled.clone()], "2026-12-10T00:00:00Z");
        assert_eq!(
            later.events.len(),
            1,
            "c dropped 30 days after LAST-MODIFIED"
        );
        assert_eq!(
            later.events[0].uid, "gone",
            "gone counts from its DTSTAMP (12-12)"
        );
        let much_later = run(&prev, vec![cancelled.clone()], "2027-01-01T00:00:00Z");
        assert!(much_later.events.is_empty());
        assert_eq!(much_later.changes.dropped, 2);
        assert!(much_later.timezones.is_empty(), "no event uses the zone");
        // Once dropped, a still-cancelled step does not come back.
        let empty = previous(vec![]);
        assert!(run(&empty, vec![cancelled], NOW).events.is_empty());
    }

    #[test]
    fn becoming_cancelled_is_a_change() {
        let prev = previous(vec![event("a", "A")]);
        let mut now_cancelled = event("a", "A");
        now_cancelled.status = Status::Cancelled;
        let merged = run(&prev, vec![now_cancelled], NOW);
        assert_eq!(merged.events[0].sequence, 1);
        assert_eq!(merged.events[0].status, Status::Cancelled);
        assert_eq!(merged.events[0].last_modified, Some(t(NOW)));
    }

    #[test]
    fn a_disappeared_event_keeps_its_zone_or_moves_to_utc() {
        let prev = previous(vec![event("gone", "G")]);
        // Its zone is no longer used by the current events: carried over.
        let merged = merge(&prev, vec![], vec![], &rules(NOW));
        assert_eq!(merged.timezones, prev.timezones);
        assert!(matches!(merged.events[0].start, When::Local { .. }));
        // The current calendar redefines the zone: the instant is kept in UTC.
        let merged = merge(&prev, vec![], vec![fixed("Fixed/Plus1", 2)], &rules(NOW));
        assert_eq!(merged.events[0].start, When::Utc(t("2026-11-18T14:00:00Z")));
        assert!(merged.timezones.is_empty());
    }

    #[test]
    fn sequence_never_decreases() {
        let mut high = event("a", "A");
        high.sequence = u32::MAX;
        let prev = previous(vec![high]);
        let merged = run(&prev, vec![event("a", "edited")], NOW);
        assert_eq!(merged.events[0].sequence, u32::MAX);
    }
}
