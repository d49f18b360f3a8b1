//! Planned steps → an RFC 5545 calendar (SPEC §5): the one place that knows
//! both interviews and `ics`.
//!
//! Decides, for every instant, how it is written: with `TZID=` of the
//! display zone (the candidate's if set, else the employer's) and a
//! VTIMEZONE generated from the tz database, or in UTC when `--utc` asks for
//! it, when the zone's rules cannot be expressed by one rule pair over the
//! file's range (with a warning), or when the local time is ambiguous (the
//! fall-back hour, which clients read differently). Then it drafts each
//! step's message through `notes` and hands plain events to `ics`.
//!
//! Pure: "now" comes in as a value.

use crate::error::Diagnostic;
use crate::ics::{Alarm, Calendar, Event, Status, VTimezone, When, Writer};
use crate::model::kinds::StepKind;
use crate::model::{Interview, Model};
use crate::notes::{Competing, Facts, Note, Notes, Person, Shared};
use crate::policy::{Step, StepStatus};
use crate::zone::{Zone, vtimezone};
use jiff::{SignedDuration, Timestamp, Zoned};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Mutex;

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
    /// Interviewers per interview.
    people: Vec<Vec<Person<'a>>>,
    /// The notes' shared parts per interview.
    shared: Vec<Shared>,
    /// The UID namespace of a batch input, hashed once.
    namespace: Option<u64>,
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
        // People per interview, built once.
        let people: Vec<Vec<Person<'a>>> = model
            .interviews
            .iter()
            .map(|iv| {
                iv.interviewers
                    .iter()
                    .map(|p| Person {
                        name: &p.name,
                        title: p.title.as_deref(),
                        email: p.email.as_deref(),
                    })
                    .collect()
            })
            .collect();
        let mut prepared = Prepared {
            model,
            notes,
            opts,
            local_ok,
            timezones,
            warnings,
            people,
            shared: Vec::new(),
            namespace: opts
                .uid_namespace
                .as_deref()
                .map(|ns| crate::policy::uid::fnv1a(ns.as_bytes())),
        };
        prepared.shared = (0..model.interviews.len())
            .into_par_iter()
            .map(|i| {
                let iv = &model.interviews[i];
                Shared::new(&prepared.facts(i, StepKind::Interview, None, iv.start.clone()))
            })
            .collect();
        prepared
    }

    /// Everything the note of a step of interview `i` may mention.
    fn facts(&self, i: usize, step: StepKind, s: Option<&Step>, start: Zoned) -> Facts<'_> {
        let iv = &self.model.interviews[i];
        let ppl = &self.people[i];
        let recipient = s.and_then(|s| s.recipient);
        Facts {
            step,
            channel: iv.contact,
            candidate: self.model.candidate.name.as_deref().unwrap_or(""),
            company: &iv.company,
            role: &iv.role,
            recipient: recipient.and_then(|r| ppl.get(r)).copied(),
            recipient_index: recipient.unwrap_or(0),
            interviewers: ppl,
            topics: &iv.topics,
            interview_start: iv.start.clone(),
            decision_by: iv.decision_by,
            occurrence: s.map_or(1, |s| s.occurrence),
            competing: iv.competing_offer.as_ref().map(|c| Competing {
                company: &c.company,
                received: c.received,
                deadline: c.deadline,
            }),
            status_date: iv.status_date,
            start,
            due: s.and_then(|s| s.due).map(|d| iv.zone.at(d)),
        }
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

    /// Drafts the note of step `s` into `note`.
    fn draft(&self, s: &Step, note: &mut Note) -> Result<(), Diagnostic> {
        let iv = &self.model.interviews[s.interview];
        let facts = self.facts(s.interview, s.kind, Some(s), iv.zone.at(s.start));
        self.notes
            .render_into(&self.shared[s.interview], &facts, note)
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
        event.alarms.clear();
        event
            .alarms
            .extend(iv.rules.reminders.iter().map(|m| Alarm {
                minutes_before: u32::try_from(*m).unwrap_or(u32::MAX),
                before_end: false,
                description: note.summary.clone(),
            }));
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
        match self.namespace {
            Some(ns) => crate::policy::uid::namespaced_into(&mut event.uid, &s.uid, ns),
            None => event.uid.push_str(&s.uid),
        }
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
        event.status = match s.status {
            StepStatus::Planned => Status::Confirmed,
            StepStatus::Cancelled => Status::Cancelled,
        };
        Ok(long)
    }

    fn name(&self) -> String {
        match &self.model.candidate.name {
            Some(n) if !n.trim().is_empty() => format!("Interview follow-ups: {n}"),
            _ => "Interview follow-ups".to_string(),
        }
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

/// The note of every step of `steps`, in order, drafted exactly as
/// [`build`] drafts it for the event's description (the same facts), for
/// what delivers the messages themselves (`pipeline::push`).
pub fn notes(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
    opts: &Options,
) -> Result<Vec<Note>, Diagnostic> {
    let prepared = Prepared::new(model, steps, notes, opts);
    steps
        .par_iter()
        .map(|s| {
            let mut note = Note::default();
            prepared.draft(s, &mut note)?;
            Ok(note)
        })
        .collect()
}

/// What [`write()`] wrote besides the bytes.
pub struct Written {
    pub events: usize,
    pub warnings: Vec<Diagnostic>,
}

/// [`build`] then [`Built::write`] in one pass, for a first build (nothing
/// to merge with): each event is drafted, written and forgotten, and the
/// bytes go to `put` a round of events at a time (the head first, the tail
/// last), so memory holds neither every event's strings nor, unless `put`
/// keeps them, the whole calendar. The bytes are those of
/// `build(…)?.write(out)`.
pub fn write(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
    opts: &Options,
    put: &mut dyn FnMut(&[u8]),
) -> Result<Written, Diagnostic> {
    let prepared = Prepared::new(model, steps, notes, opts);
    let name = prepared.name();
    let mut head = Vec::new();
    Calendar {
        prodid: PRODID,
        name: &name,
        refresh: opts.refresh,
        timezones: &prepared.timezones,
        events: &[],
    }
    .write_head(&mut head);
    put(&head);
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
    let mut tail = Vec::new();
    Calendar::write_tail(&mut tail);
    put(&tail);
    let mut warnings = prepared.warnings;
    for piece in pieces {
        warnings.extend(piece?);
    }
    Ok(Written {
        events: steps.len(),
        warnings,
    })
}
