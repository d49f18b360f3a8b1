//! Planned steps → an RFC 5545 calendar (SPEC §5): the one place that knows
//! both interviews and `ics`.
//!
//! Decides, for every instant, how it is written: with `TZID=` of the
//! display zone (the candidate's if set, else the employer's) and a
//! VTIMEZONE generated from the tz database, or in UTC when `--utc` asks for
//! it, when the zone's rules cannot be expressed by one rule pair over the
//! file's range (with a warning), or when the local time is ambiguous (the
//! fall-back hour, which clients read differently). Then it drafts each
//! step's message through `notes` and hands plain events to `ics`: the
//! interview blocks free/busy time (TRANSP:OPAQUE), the steps do not; a
//! done step has no alarm (SPEC §8); an alarm that would ring while the
//! candidate sleeps rings earlier ([`super::awake`]).
//!
//! Pure: "now" comes in as a value.

use super::awake;
use super::facts::{self as note_facts, FactsSource};
use crate::error::Diagnostic;
use crate::ics::index::{Index, event_at};
use crate::ics::merge::{self, Changes, Fate, Rules, Settled, Vanished};
use crate::ics::{Alarm, Calendar, Event, Status, Transp, VTimezone, When, Writer};
use crate::model::kinds::StepKind;
use crate::model::{Interview, Model};
use crate::notes::{Note, Notes, Shared};
use crate::policy::{Step, StepStatus};
use crate::zone::{Zone, vtimezone};
use jiff::{SignedDuration, Timestamp};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

/// How to write the calendar.
#[derive(Debug, Clone)]
pub struct Options {
    /// DTSTAMP of every event on a first build.
    pub now: Timestamp,
    /// Write every time in UTC, with no VTIMEZONE.
    pub utc: bool,
    /// REFRESH-INTERVAL / X-PUBLISHED-TTL.
    pub refresh: SignedDuration,
    /// In a batch, the input's path relative to its root: mixed into every
    /// UID so two candidates' files that reuse an interview id never share
    /// a UID (SPEC §5: unique across a batch).
    pub uid_namespace: Option<String>,
}

impl Options {
    pub fn new(now: Timestamp) -> Self {
        Options {
            now,
            utc: false,
            refresh: SignedDuration::from_hours(1),
            uid_namespace: None,
        }
    }
}

/// SPEC §5: warn past this many characters of DESCRIPTION.
const LONG_DESCRIPTION: usize = 8_000;

/// The interview's extra alarm, 10 minutes before its end (SPEC §4).
const WRAP_UP_MINUTES: u32 = 10;

/// The calendar's events and zones, before writing.
pub struct Built {
    pub name: String,
    pub refresh: SignedDuration,
    pub timezones: Vec<VTimezone>,
    pub events: Vec<Event>,
    pub warnings: Vec<Diagnostic>,
}

/// PRODID of every calendar followup writes.
pub const PRODID: &str = concat!("-//followup//followup ", env!("CARGO_PKG_VERSION"), "//EN");

/// Whether a calendar with this PRODID was written by followup (any
/// version), so regenerating over it is safe.
pub fn is_ours(prodid: &str) -> bool {
    prodid.starts_with("-//followup//")
}

impl Built {
    /// The calendar's bytes. Events are written in parallel chunks and
    /// joined in order, so the bytes do not depend on the thread count.
    pub fn write(&self, out: &mut Vec<u8>) {
        self.calendar().write_head(out);
        write_in_order(
            &mut |piece| out.extend_from_slice(piece),
            &self.events,
            |chunk, buf| {
                let mut w = Writer::new(buf);
                for e in chunk {
                    e.write(&mut w);
                }
            },
        );
        Calendar::write_tail(out);
    }

    /// Event `index` as a calendar object of its own (RFC 4791 §4.1), as
    /// `push` stores it: the VEVENT's bytes are those [`Self::write`] gives
    /// it, with the VTIMEZONEs it uses.
    pub fn write_object(&self, index: usize, out: &mut Vec<u8>) {
        if let Some(event) = self.events.get(index) {
            self.calendar().write_object(event, out);
        }
    }

    fn calendar(&self) -> Calendar<'_> {
        Calendar {
            prodid: PRODID,
            name: &self.name,
            refresh: self.refresh,
            timezones: &self.timezones,
            events: &self.events,
        }
    }
}

/// Events per parallel piece: large enough that joining is cheap, small
/// enough that two cores share a 10,000-interview file evenly.
const WRITE_CHUNK: usize = 512;

/// Pieces written in parallel before they are handed on: the pieces in
/// flight hold about 16 × 512 events (some 16 MB), not a second copy of
/// the whole calendar.
const CHUNKS_PER_ROUND: usize = 16;

/// Writes `items` with `write` in parallel pieces and hands the pieces to
/// `put` in order (so the bytes do not depend on the thread count), a round
/// of pieces at a time, so that memory holds one round beyond whatever
/// `put` keeps. Returns what `write` returned for each piece, in order.
fn write_in_order<T: Sync, R: Send>(
    put: &mut dyn FnMut(&[u8]),
    items: &[T],
    write: impl Fn(&[T], &mut Vec<u8>) -> R + Sync,
) -> Vec<R> {
    let mut results = Vec::with_capacity(items.len().div_ceil(WRITE_CHUNK));
    // Buffers handed on are reused for later rounds: fresh ones would cost
    // a page fault (and the kernel zeroing a page) every 4 KiB of output.
    let spare: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    let draft = |round: &[T]| -> Vec<(Vec<u8>, R)> {
        round
            .par_chunks(WRITE_CHUNK)
            .map(|chunk| {
                let mut buf = spare
                    .lock()
                    .ok()
                    .and_then(|mut s| s.pop())
                    .unwrap_or_else(|| Vec::with_capacity(chunk.len() * 2048));
                buf.clear();
                let r = write(chunk, &mut buf);
                (buf, r)
            })
            .collect()
    };
    let mut rounds = items.chunks(WRITE_CHUNK * CHUNKS_PER_ROUND);
    let mut ready = rounds.next().map(draft);
    // While this thread hands one round to `put` (a write to a file, which
    // would otherwise leave the cores idle), the pool drafts the next:
    // memory holds two rounds at most.
    while let Some(pieces) = ready.take() {
        let next = rounds.next();
        rayon::in_place_scope(|scope| {
            if let Some(round) = next {
                scope.spawn(|_| ready = Some(draft(round)));
            }
            for (piece, r) in pieces {
                put(&piece);
                results.push(r);
                if let Ok(mut s) = spare.lock() {
                    s.push(piece);
                }
            }
        });
    }
    results
}

/// Steps ready to become events: the zones decided, the interview-wide
/// parts of every note converted once.
struct Prepared<'a> {
    model: &'a Model,
    notes: &'a Notes,
    opts: &'a Options,
    /// Display zones whose local times a VTIMEZONE can carry, by name.
    local_ok: BTreeMap<&'a str, &'a Zone>,
    timezones: Vec<VTimezone>,
    warnings: Vec<Diagnostic>,
    /// The notes' facts of every step.
    facts: FactsSource<'a>,
    /// The notes' shared parts per interview, converted when its first
    /// step is drafted and dropped after its last: held for every
    /// interview at once they were about 1.2 KB each, a fifth of a large
    /// input's peak memory (SPEC §11).
    shared: Vec<Mutex<Option<Shared>>>,
    /// Each interview's steps not drafted yet.
    pending: Vec<AtomicU32>,
    /// The UID namespace of a batch input, hashed once.
    namespace: Option<u64>,
}

/// How many steps each interview of `model` has among `steps`.
fn pending(model: &Model, steps: &[Step]) -> Vec<AtomicU32> {
    let mut n = vec![0u32; model.interviews.len()];
    for s in steps {
        if let Some(c) = n.get_mut(s.interview) {
            *c = c.saturating_add(1);
        }
    }
    n.into_iter().map(AtomicU32::new).collect()
}

/// The zone an interview's times are shown in: the candidate's if set,
/// else the employer's.
fn display<'a>(model: &'a Model, iv: &'a Interview) -> &'a Zone {
    model.candidate.zone.as_ref().unwrap_or(&iv.zone)
}

impl<'a> Prepared<'a> {
    fn new(model: &'a Model, steps: &[Step], notes: &'a Notes, opts: &'a Options) -> Self {
        let mut warnings = Vec::new();
        // Which zones can carry local times: collect each zone's instants,
        // then check that one VTIMEZONE rule pair expresses them all.
        let mut by_zone: BTreeMap<&str, (&Zone, Vec<Timestamp>)> = BTreeMap::new();
        if !opts.utc {
            for s in steps {
                let z = display(model, &model.interviews[s.interview]);
                let entry = by_zone
                    .entry(z.name.as_str())
                    .or_insert_with(|| (z, Vec::new()));
                entry.1.push(s.start);
                entry.1.push(s.end);
            }
        }
        // Zones are independent: check them on every core.
        let checked: Vec<_> = by_zone
            .into_par_iter()
            .map(|(name, (zone, mut instants))| {
                instants.sort();
                instants.dedup();
                (name, zone, vtimezone::build(&zone.tz, name, &instants))
            })
            .collect();
        let mut timezones = Vec::with_capacity(checked.len());
        let mut local_ok = BTreeMap::new();
        for (name, zone, result) in checked {
            match result {
                Ok(vtz) => {
                    timezones.push(vtz);
                    local_ok.insert(name, zone);
                }
                Err(why) => warnings.push(
                    Diagnostic::warning(
                        "",
                        None,
                        format!("times in {name} are written in UTC: {why}"),
                    )
                    .with_hint("calendar programs still show them at the right moment, converted to their own zone"),
                ),
            }
        }
        warnings.extend(note_facts::warnings(model));
        Prepared {
            model,
            notes,
            opts,
            local_ok,
            timezones,
            warnings,
            facts: FactsSource::new(model, steps),
            shared: (0..model.interviews.len())
                .map(|_| Mutex::new(None))
                .collect(),
            pending: pending(model, steps),
            namespace: opts
                .uid_namespace
                .as_deref()
                .map(|ns| crate::policy::uid::fnv1a(ns.as_bytes())),
        }
    }

    /// The shared parts of interview `i` for drafting one of its steps:
    /// converted on its first step, forgotten after its last. The parts
    /// depend on the interview alone, so converting them again (a step
    /// counted twice, a poisoned lock) gives the same notes.
    fn shared(&self, i: usize) -> Shared {
        let make = || {
            let iv = &self.model.interviews[i];
            Shared::new(
                &self
                    .facts
                    .interview_facts(i, StepKind::Interview, iv.start.clone()),
            )
        };
        let Some(slot) = self.shared.get(i) else {
            return make();
        };
        let shared = match slot.lock() {
            Ok(mut s) => s.get_or_insert_with(make).clone(),
            Err(_) => make(),
        };
        let last = self.pending.get(i).is_some_and(|n| {
            n.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1)) == Ok(1)
        });
        if last && let Ok(mut s) = slot.lock() {
            *s = None;
        }
        shared
    }

    /// How an instant of this interview is written: local time in its
    /// display zone when that zone has a VTIMEZONE, else UTC.
    fn when(&self, iv: &Interview, t: Timestamp) -> When {
        let z = display(self.model, iv);
        match self.local_ok.get(z.name.as_str()) {
            Some(zone) => {
                let dt = zone.at(t).datetime();
                // SPEC §5: clients disagree on local times that occur twice.
                if zone.is_ambiguous(dt) {
                    When::Utc(t)
                } else {
                    When::Local {
                        tzid: z.name.clone(),
                        dt,
                    }
                }
            }
            None => When::Utc(t),
        }
    }

    /// The reminders of step `s` as minutes before its start, each moved
    /// into the candidate's waking hours (SPEC §8 `awake`; never the
    /// interview's: the candidate is up for that meeting), and whether it
    /// moved.
    fn reminders<'s>(&'s self, s: &'s Step) -> impl Iterator<Item = (u32, bool)> + 's {
        let iv = &self.model.interviews[s.interview];
        let zone = display(self.model, iv);
        let awake = self.model.candidate.awake;
        iv.rules.reminders.iter().map(move |m| {
            let before = u32::try_from(*m).unwrap_or(u32::MAX);
            match awake::moved(s.start, before, zone, awake) {
                Some(earlier) if s.kind != StepKind::Interview => (earlier, true),
                _ => (before, false),
            }
        })
    }

    /// Drafts the note of step `s` into `note`.
    fn draft(&self, s: &Step, note: &mut Note) -> Result<(), Diagnostic> {
        let iv = &self.model.interviews[s.interview];
        // SPEC §8 awake: the note says when to send when an alarm moved.
        let moved = s.status.done_on().is_none() && self.reminders(s).any(|(_, moved)| moved);
        let mut facts = self.facts.facts(s);
        facts.awake_moved = moved.then(|| display(self.model, iv).at(s.start));
        self.notes
            .render_into(&self.shared(s.interview), &facts, note)
            .map_err(|e| {
                Diagnostic::error(
                    "",
                    None,
                    format!("could not draft the note for {}: {e}", s.uid),
                )
                .with_hint("this is a bug in followup; please report it with the input")
            })
    }

    /// Drafts the note of step `s` and fills `event` with it, reusing the
    /// strings of `note` and `event`. Returns the long-description warning,
    /// if any.
    fn fill(
        &self,
        s: &Step,
        note: &mut Note,
        event: &mut Event,
    ) -> Result<Option<Diagnostic>, Diagnostic> {
        let iv = &self.model.interviews[s.interview];
        self.draft(s, note)?;
        // The alarms, none for a done step; their text is the SUMMARY.
        event.alarms.clear();
        if s.status.done_on().is_none() {
            for (minutes_before, _) in self.reminders(s) {
                event.alarms.push(Alarm {
                    minutes_before,
                    before_end: false,
                    description: String::new(),
                });
            }
        }
        let long = (note.description.len() > LONG_DESCRIPTION
            && note.description.chars().count() > LONG_DESCRIPTION)
            .then(|| {
                Diagnostic::warning(
                    "",
                    None,
                    format!(
                        "the description of \"{}\" is longer than {LONG_DESCRIPTION} characters; some calendar programs cut it",
                        note.summary
                    ),
                )
                .with_hint("shorten the topics or names of this interview")
            });
        for alarm in &mut event.alarms {
            alarm.description.clone_from(&note.summary);
        }
        if s.kind == StepKind::Interview {
            let mut description = String::with_capacity(note.summary.len() + WRAP_UP.len());
            description.push_str(&note.summary);
            description.push_str(WRAP_UP);
            event.alarms.push(Alarm {
                minutes_before: WRAP_UP_MINUTES,
                before_end: true,
                description,
            });
        }
        event.uid.clear();
        self.uid_into(s, &mut event.uid);
        event.dtstamp = self.opts.now;
        event.last_modified = None;
        event.sequence = 0;
        event.start = self.when(iv, s.start);
        event.end = self.when(iv, s.end);
        std::mem::swap(&mut event.summary, &mut note.summary);
        std::mem::swap(&mut event.description, &mut note.description);
        // The two category strings are reused from the last event.
        event.categories.resize_with(2, String::new);
        for (c, text) in event.categories.iter_mut().zip([CATEGORY, s.kind.id()]) {
            c.clear();
            c.push_str(text);
        }
        // SPEC §8: the interview is a real meeting; reminders never block
        // free/busy time.
        event.transp = if s.kind == StepKind::Interview {
            Transp::Opaque
        } else {
            Transp::Transparent
        };
        event.status = status_of(s);
        Ok(long)
    }

    /// Appends the UID of step `s`'s event to `out`.
    fn uid_into(&self, s: &Step, out: &mut String) {
        match self.namespace {
            Some(ns) => crate::policy::uid::namespaced_into(out, &s.uid, ns),
            None => out.push_str(&s.uid),
        }
    }

    fn name(&self) -> String {
        match &self.model.candidate.name {
            Some(n) if !n.trim().is_empty() => format!("Interview follow-ups: {n}"),
            _ => "Interview follow-ups".to_string(),
        }
    }
}

/// The note of one step on its own (as the calendar drafts it, without
/// the alarm sentence): what `due` shows the subject of. `source` holds
/// the facts of the step's whole plan (follow-up numbers, rounds).
pub fn draft(source: &FactsSource<'_>, s: &Step, notes: &Notes) -> Result<Note, Diagnostic> {
    notes.render(&source.facts(s)).map_err(|e| {
        Diagnostic::error(
            "",
            None,
            format!("could not draft the note for {}: {e}", s.uid),
        )
        .with_hint("this is a bug in followup; please report it with the input")
    })
}

/// The STATUS of step `s`'s event: a done step stays CONFIRMED (SPEC §8).
fn status_of(s: &Step) -> Status {
    match s.status {
        StepStatus::Planned | StepStatus::Done(_) => Status::Confirmed,
        StepStatus::Cancelled => Status::Cancelled,
    }
}

/// Every event's first category; the step kind's id is the second.
const CATEGORY: &str = "Job search";

/// The interview's wrap-up alarm text, after its SUMMARY.
const WRAP_UP: &str =
    ": before you leave, ask about next steps, the timeline and how they prefer to be contacted";

/// Builds the events for `steps` (in the order given: the caller sorts).
pub fn build(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
    opts: &Options,
) -> Result<Built, Diagnostic> {
    let prepared = Prepared::new(model, steps, notes, opts);
    let made: Vec<(Event, Option<Diagnostic>)> = steps
        .par_iter()
        .map(|s| {
            let mut event = Event::default();
            let long = prepared.fill(s, &mut Note::default(), &mut event)?;
            Ok((event, long))
        })
        .collect::<Result<_, _>>()?;
    let name = prepared.name();
    let Prepared {
        timezones,
        mut warnings,
        ..
    } = prepared;
    let mut events = Vec::with_capacity(made.len());
    for (event, long) in made {
        events.push(event);
        warnings.extend(long);
    }
    Ok(Built {
        name,
        refresh: opts.refresh,
        timezones,
        events,
        warnings,
    })
}

/// What [`write()`] wrote besides the bytes.
pub struct Written {
    pub events: usize,
    pub warnings: Vec<Diagnostic>,
    /// What the merge with the previous calendar did, when there was one.
    pub changes: Option<Changes>,
}

/// The previous calendar of a regeneration (SPEC §5), read as an
/// [`Index`]: its events are matched by UID as the new ones are written,
/// and those that vanished are read again from it, by their place, when
/// they are written out as cancelled. The previous calendar is never held
/// whole.
pub struct Over<'a> {
    pub index: &'a Index,
    pub rules: Rules,
    /// The previous calendar's text from offset `at`, `len` bytes (an
    /// indexed event's place).
    pub fetch: &'a (dyn Fn(u64, u64) -> Result<String, String> + Sync),
}

/// A regeneration decided before anything is written: what becomes of
/// each step's event, which previous events stay (cancelled), and the
/// zones the calendar carries.
struct Regen {
    fates: Vec<Fate>,
    vanished: Vanished,
    timezones: Vec<VTimezone>,
    dropped: usize,
}

impl Regen {
    fn plan(prepared: &Prepared<'_>, steps: &[Step], over: &Over<'_>) -> Self {
        let fates: Vec<Fate> = steps
            .par_iter()
            .map_init(String::new, |uid, s| {
                uid.clear();
                prepared.uid_into(s, uid);
                merge::fate(over.index, uid, status_of(s), &over.rules)
            })
            .collect();
        let mut seen = vec![false; over.index.events.len()];
        let mut dropped = 0;
        for f in &fates {
            match *f {
                Fate::Matched(i) => seen[i] = true,
                Fate::Dropped(i) => {
                    seen[i] = true;
                    dropped += 1;
                }
                Fate::New | Fate::Unseen => {}
            }
        }
        let vanished = merge::vanished(over.index, &seen, &prepared.timezones, &over.rules);
        // The zones the written events use: only those stay.
        let mut used: BTreeSet<String> = BTreeSet::new();
        for (s, f) in steps.iter().zip(&fates) {
            if matches!(f, Fate::New | Fate::Matched(_)) {
                let iv = &prepared.model.interviews[s.interview];
                for t in [s.start, s.end] {
                    if let When::Local { tzid, .. } = prepared.when(iv, t)
                        && !used.contains(&tzid)
                    {
                        used.insert(tzid);
                    }
                }
            }
        }
        for r in &vanished.events {
            for w in [&r.start, &r.end] {
                if let When::Local { tzid, .. } = w {
                    used.insert(tzid.clone());
                }
            }
        }
        let used: BTreeSet<&str> = used.iter().map(String::as_str).collect();
        let timezones =
            merge::zones_in_use(prepared.timezones.clone(), vanished.carried.clone(), &used);
        Regen {
            fates,
            vanished,
            timezones,
            dropped,
        }
    }
}

/// Writes the calendar of `steps` (in the order given: the caller sorts)
/// in one pass: each event is drafted, written and forgotten, and the
/// bytes go to `put` a round of events at a time (the head first, the tail
/// last), so memory holds neither every event's strings nor, unless `put`
/// keeps them, the whole calendar. Without `over`, a first build (every
/// DTSTAMP now, every SEQUENCE 0): the bytes are those of
/// `build(…)?.write(out)`. With `over`, a regeneration (SPEC §5, see
/// [`crate::ics::merge`]): the bytes are those of [`merge::merge`] of the
/// same events over the previous calendar.
pub fn write(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
    opts: &Options,
    over: Option<&Over<'_>>,
    put: &mut dyn FnMut(&[u8]),
) -> Result<Written, Diagnostic> {
    let prepared = Prepared::new(model, steps, notes, opts);
    let name = prepared.name();
    let regen = over.map(|o| Regen::plan(&prepared, steps, o));
    let mut head = Vec::new();
    Calendar {
        prodid: PRODID,
        name: &name,
        refresh: opts.refresh,
        timezones: regen.as_ref().map_or(&prepared.timezones, |r| &r.timezones),
        events: &[],
    }
    .write_head(&mut head);
    put(&head);
    let mut warnings = prepared.warnings.clone();
    let mut changes = Changes::default();
    let mut events = 0;
    match (&regen, over) {
        (Some(regen), Some(over)) => {
            let items: Vec<(&Step, Fate)> = steps.iter().zip(regen.fates.iter().copied()).collect();
            let pieces = write_in_order(put, &items, |chunk, buf| {
                let (mut note, mut event) = (Note::default(), Event::default());
                let mut long = Vec::new();
                let mut counts = Changes::default();
                for (s, fate) in chunk {
                    let prev = match fate {
                        Fate::Unseen | Fate::Dropped(_) => continue,
                        Fate::New => None,
                        Fate::Matched(i) => over.index.events.get(*i),
                    };
                    long.extend(prepared.fill(s, &mut note, &mut event)?);
                    match prev {
                        None => {
                            counts.added += 1;
                            event.write(&mut Writer::new(buf));
                        }
                        Some(p) => match merge::settle(&mut event, p, &over.rules, buf) {
                            Settled::Unchanged => counts.unchanged += 1,
                            Settled::Changed => counts.changed += 1,
                            Settled::Capped => {
                                counts.changed += 1;
                                counts.capped += 1;
                            }
                        },
                    }
                }
                Ok((long, counts))
            });
            for piece in pieces {
                let (long, counts) = piece?;
                warnings.extend(long);
                changes.add(&counts);
                events += counts.added + counts.unchanged + counts.changed;
            }
            let retired = write_in_order(put, &regen.vanished.events, |chunk, buf| {
                let mut w = Writer::new(buf);
                let mut capped = 0;
                for r in chunk {
                    let Some(p) = over.index.events.get(r.at) else {
                        continue;
                    };
                    let read = (over.fetch)(p.at, p.len)
                        .map_err(|why| why.to_string())
                        .and_then(|text| event_at(&text, r.at + 1).map_err(|e| e.to_string()));
                    let mut e = read.map_err(|why| {
                        Diagnostic::error(
                            "",
                            None,
                            format!(
                                "cannot read event {} (UID {}) of the previous calendar again: {why}",
                                r.at + 1,
                                p.uid
                            ),
                        )
                        .with_hint("was the previous calendar changed while followup ran? Run the build again")
                    })?;
                    if merge::retire(&mut e, r, &over.rules) {
                        capped += 1;
                    }
                    e.write(&mut w);
                }
                Ok::<_, Diagnostic>(capped)
            });
            for piece in retired {
                changes.capped += piece?;
            }
            changes.disappeared += regen.vanished.disappeared;
            changes.dropped += regen.dropped + regen.vanished.dropped;
            events += regen.vanished.events.len();
        }
        _ => {
            let pieces = write_in_order(put, steps, |chunk, buf| {
                let (mut note, mut event) = (Note::default(), Event::default());
                let mut w = Writer::new(buf);
                let mut long = Vec::new();
                for s in chunk {
                    long.extend(prepared.fill(s, &mut note, &mut event)?);
                    event.write(&mut w);
                }
                Ok(long)
            });
            for piece in pieces {
                warnings.extend(piece?);
            }
            events = steps.len();
        }
    }
    let mut tail = Vec::new();
    Calendar::write_tail(&mut tail);
    put(&tail);
    Ok(Written {
        events,
        warnings,
        changes: over.map(|_| changes),
    })
}
