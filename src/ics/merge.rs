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

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};

use super::calendar::{Event, Status, When};
use super::index::{Index, Indexed, content_hash};
use super::read::{MAX_SEQUENCE, Parsed};
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
    /// Changed (or newly cancelled) events whose SEQUENCE was already at
    /// RFC 5545's largest integer and stays there (a warning: clients
    /// that compare SEQUENCE alone may not see the change).
    pub capped: usize,
}

impl Changes {
    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &Changes) {
        self.unchanged += other.unchanged;
        self.changed += other.changed;
        self.added += other.added;
        self.disappeared += other.disappeared;
        self.dropped += other.dropped;
        self.capped += other.capped;
    }
}

/// The merged calendar's parts.
#[derive(Clone, Debug)]
pub struct Merged {
    pub timezones: Vec<VTimezone>,
    pub events: Vec<Event>,
    pub changes: Changes,
}

/// What becomes of a current event (fresh from the input: SEQUENCE 0, no
/// LAST-MODIFIED), against the previous calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Not in the previous calendar: written as it is.
    New,
    /// The previous calendar's event at this position has its UID:
    /// [`settle`] it.
    Matched(usize),
    /// Cancelled, and never seen by subscribers (not in the previous
    /// calendar): left out.
    Unseen,
    /// Cancelled in both, for longer than `keep_cancelled`: left out (the
    /// previous calendar's event at this position).
    Dropped(usize),
}

/// Whether the cancelled event `p` has stayed long enough.
fn expired(p: &Indexed, rules: &Rules) -> bool {
    let cancelled_at = p.last_modified.unwrap_or(p.dtstamp);
    cancelled_at
        .checked_add(rules.keep_cancelled)
        .is_ok_and(|until| rules.now >= until)
}

/// The fate of a current event with this `uid` and `status`.
pub fn fate(index: &Index, uid: &str, status: Status, rules: &Rules) -> Fate {
    match index.find(uid) {
        None if status == Status::Cancelled => Fate::Unseen,
        None => Fate::New,
        Some(i) => {
            let p = &index.events[i];
            if p.status == Status::Cancelled && status == Status::Cancelled && expired(p, rules) {
                Fate::Dropped(i)
            } else {
                Fate::Matched(i)
            }
        }
    }
}

/// SEQUENCE after a change: one more, but never past RFC 5545's largest
/// integer (§3.3.8); `true` when it could not grow.
fn next_sequence(sequence: u32) -> (u32, bool) {
    if sequence >= MAX_SEQUENCE {
        (MAX_SEQUENCE, true)
    } else {
        (sequence + 1, false)
    }
}

/// How a matched event came out of [`settle`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    Unchanged,
    Changed,
    /// Changed, with its SEQUENCE already at the largest integer.
    Capped,
}

/// Gives the current event `e` the stamps of its previous version `prev`
/// and appends it to `out`: written the same (without the stamps), it
/// keeps them, and so its exact bytes; otherwise it gets SEQUENCE+1 and
/// DTSTAMP = LAST-MODIFIED = now, and is written so.
pub fn settle(e: &mut Event, prev: &Indexed, rules: &Rules, out: &mut Vec<u8>) -> Settled {
    e.dtstamp = prev.dtstamp;
    e.sequence = prev.sequence;
    e.last_modified = prev.last_modified;
    let from = out.len();
    e.write(&mut Writer::new(out));
    if content_hash(&out[from..]) == prev.content {
        return Settled::Unchanged;
    }
    out.truncate(from);
    let (sequence, capped) = next_sequence(prev.sequence);
    e.sequence = sequence;
    e.dtstamp = rules.now;
    e.last_modified = Some(rules.now);
    e.write(&mut Writer::new(out));
    if capped {
        Settled::Capped
    } else {
        Settled::Changed
    }
}

/// An event of the previous calendar that is not among the current ones
/// and stays, cancelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retired {
    /// Its position in the previous calendar.
    pub at: usize,
    /// It was live: it becomes cancelled now (SEQUENCE+1, stamps of now).
    pub cancel_now: bool,
    /// Its times, in UTC where its zone now means another instant.
    pub start: When,
    pub end: When,
}

/// The previous calendar's events that vanished from the current one.
#[derive(Clone, Debug, Default)]
pub struct Vanished {
    /// In the previous file's order.
    pub events: Vec<Retired>,
    /// VTIMEZONEs of the previous calendar that retired events still
    /// need (their zone is not among the current ones).
    pub carried: Vec<VTimezone>,
    pub disappeared: usize,
    pub dropped: usize,
}

/// The events of `index` whose UID no current event has (`seen`, by the
/// position [`Index::find`] gives), with the zones they need: a live one
/// stays as cancelled; a cancelled one stays until `keep_cancelled` after
/// it was cancelled. Local times are kept only where they still mean the
/// same instant: a zone the current calendar redefines puts them in UTC;
/// a zone it no longer has is carried over from the previous calendar.
pub fn vanished(index: &Index, seen: &[bool], current: &[VTimezone], rules: &Rules) -> Vanished {
    let current_zones: BTreeMap<&str, &VTimezone> =
        current.iter().map(|z| (z.tzid.as_str(), z)).collect();
    let previous_zones: BTreeMap<&str, &VTimezone> = index
        .timezones
        .iter()
        .map(|z| (z.tzid.as_str(), z))
        .collect();
    let mut out = Vanished::default();
    let mut carried: BTreeMap<String, VTimezone> = BTreeMap::new();
    for (j, p) in index.events.iter().enumerate() {
        let first = index.find(&p.uid).unwrap_or(j);
        if seen.get(first).copied().unwrap_or(false) {
            continue;
        }
        if p.status == Status::Cancelled {
            if expired(p, rules) {
                out.dropped += 1;
                continue;
            }
        } else {
            out.disappeared += 1;
        }
        let mut times = [p.start.clone(), p.end.clone()];
        for when in &mut times {
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
                    carried
                        .entry(tzid.clone())
                        .or_insert_with(|| (*before).clone());
                }
            }
        }
        let [start, end] = times;
        out.events.push(Retired {
            at: j,
            cancel_now: p.status != Status::Cancelled,
            start,
            end,
        });
    }
    out.carried = carried.into_values().collect();
    out
}

/// Makes `e`, the previous calendar's event read back at `r.at`, what the
/// merged calendar holds; `true` when its SEQUENCE could not grow.
pub fn retire(e: &mut Event, r: &Retired, rules: &Rules) -> bool {
    let mut capped = false;
    if r.cancel_now {
        e.status = Status::Cancelled;
        (e.sequence, capped) = next_sequence(e.sequence);
        e.dtstamp = rules.now;
        e.last_modified = Some(rules.now);
    }
    e.start = r.start.clone();
    e.end = r.end.clone();
    capped
}

/// The VTIMEZONEs of the merged calendar: the current ones and those
/// carried over, sorted by TZID, less any that no written event uses.
pub fn zones_in_use(
    current: Vec<VTimezone>,
    carried: Vec<VTimezone>,
    used: &BTreeSet<&str>,
) -> Vec<VTimezone> {
    let mut zones = current;
    zones.extend(carried);
    zones.sort_by(|a, b| a.tzid.cmp(&b.tzid));
    zones.retain(|z| used.contains(z.tzid.as_str()));
    zones
}

/// The TZIDs `e` uses.
pub fn tzids(e: &Event) -> impl Iterator<Item = &str> {
    [&e.start, &e.end].into_iter().filter_map(|w| match w {
        When::Local { tzid, .. } => Some(tzid.as_str()),
        When::Utc(_) => None,
    })
}

/// Merges the `current` events (fresh from the input: SEQUENCE 0, no
/// LAST-MODIFIED) with the `previous` file, all in memory: the pieces
/// above put together, as a regeneration that streams them does.
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
    let index = Index::of_events(&previous.prodid, &previous.timezones, &previous.events);
    let mut seen = vec![false; index.events.len()];
    let mut changes = Changes::default();
    let mut events = Vec::with_capacity(current.len());
    let mut scratch = Vec::new();
    for mut e in current {
        match fate(&index, &e.uid, e.status, rules) {
            Fate::New => {
                changes.added += 1;
                events.push(e);
            }
            Fate::Unseen => {}
            Fate::Dropped(i) => {
                seen[i] = true;
                changes.dropped += 1;
            }
            Fate::Matched(i) => {
                seen[i] = true;
                scratch.clear();
                match settle(&mut e, &index.events[i], rules, &mut scratch) {
                    Settled::Unchanged => changes.unchanged += 1,
                    Settled::Changed => changes.changed += 1,
                    Settled::Capped => {
                        changes.changed += 1;
                        changes.capped += 1;
                    }
                }
                events.push(e);
            }
        }
    }
    let gone = vanished(&index, &seen, &timezones, rules);
    changes.disappeared += gone.disappeared;
    changes.dropped += gone.dropped;
    for r in &gone.events {
        let mut e = previous.events[r.at].clone();
        if retire(&mut e, r, rules) {
            changes.capped += 1;
        }
        events.push(e);
    }
    let used: BTreeSet<&str> = events.iter().flat_map(tzids).collect();
    let timezones = zones_in_use(timezones, gone.carried, &used);
    Merged {
        timezones,
        events,
        changes,
    }
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
                dropped: 0,
                capped: 0,
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
    fn sequence_never_decreases_nor_leaves_rfc_5545_integers() {
        let mut high = event("a", "A");
        high.sequence = MAX_SEQUENCE - 1;
        let prev = previous(vec![high.clone()]);
        let merged = run(&prev, vec![event("a", "edited")], NOW);
        assert_eq!(merged.events[0].sequence, MAX_SEQUENCE);
        assert_eq!(merged.changes.capped, 0);
        // At the largest integer: it stays there, and the merge says so.
        high.sequence = MAX_SEQUENCE;
        let prev = previous(vec![high, event("gone", "G")]);
        let mut at_max = prev.clone();
        at_max.events[1].sequence = MAX_SEQUENCE;
        let merged = run(&at_max, vec![event("a", "edited")], NOW);
        assert_eq!(merged.events[0].sequence, MAX_SEQUENCE);
        assert_eq!(merged.events[1].sequence, MAX_SEQUENCE);
        assert_eq!(merged.events[1].status, Status::Cancelled);
        assert_eq!(merged.changes.capped, 2);
        assert_eq!(merged.changes.changed, 1);
    }
}
