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
use crate::notes::{Competing, Facts, Notes, Person};
use crate::policy::{Step, StepStatus};
use crate::zone::{Zone, vtimezone};
use jiff::{SignedDuration, Timestamp};
use rayon::prelude::*;
use std::collections::BTreeMap;

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
        let cal = Calendar {
            prodid: PRODID,
            name: &self.name,
            refresh: self.refresh,
            timezones: &self.timezones,
            events: &self.events,
        };
        cal.write_head(out);
        let parts: Vec<Vec<u8>> = self
            .events
            .par_chunks(WRITE_CHUNK)
            .map(|chunk| {
                let mut buf = Vec::with_capacity(chunk.len() * 2048);
                let mut w = Writer::new(&mut buf);
                for e in chunk {
                    e.write(&mut w);
                }
                buf
            })
            .collect();
        out.reserve(parts.iter().map(Vec::len).sum::<usize>() + 16);
        for p in &parts {
            out.extend_from_slice(p);
        }
        Calendar::write_tail(out);
    }
}

/// Events per parallel piece: large enough that joining is cheap, small
/// enough that two cores share a 10,000-interview file evenly.
const WRITE_CHUNK: usize = 512;

/// Builds the events for `steps` (in the order given: the caller sorts).
pub fn build(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
    opts: &Options,
) -> Result<Built, Diagnostic> {
    let mut warnings = Vec::new();
    let display = |iv: &Interview| -> Zone {
        model
            .candidate
            .zone
            .clone()
            .unwrap_or_else(|| iv.zone.clone())
    };

    // Which zones can carry local times: collect each zone's instants, then
    // check that one VTIMEZONE rule pair expresses them all.
    let mut by_zone: BTreeMap<String, (Zone, Vec<Timestamp>)> = BTreeMap::new();
    if !opts.utc {
        for s in steps {
            let z = display(&model.interviews[s.interview]);
            let entry = by_zone
                .entry(z.name.clone())
                .or_insert_with(|| (z, Vec::new()));
            entry.1.push(s.start);
            entry.1.push(s.end);
        }
    }
    let mut timezones = Vec::with_capacity(by_zone.len());
    let mut local_ok: BTreeMap<String, Zone> = BTreeMap::new();
    for (name, (zone, mut instants)) in by_zone {
        instants.sort();
        instants.dedup();
        match vtimezone::build(&zone.tz, &name, &instants) {
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
    let when = |iv: &Interview, t: Timestamp| -> When {
        let z = display(iv);
        match local_ok.get(&z.name) {
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
    };

    // People per interview, built once.
    let people: Vec<Vec<Person<'_>>> = model
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
    let candidate = model.candidate.name.as_deref().unwrap_or("");

    let make = |s: &Step| -> Result<(Event, Option<Diagnostic>), Diagnostic> {
        let iv = &model.interviews[s.interview];
        let ppl = &people[s.interview];
        let facts = Facts {
            step: s.kind,
            channel: iv.contact,
            candidate,
            company: &iv.company,
            role: &iv.role,
            recipient: s.recipient.and_then(|r| ppl.get(r)).cloned(),
            recipient_index: s.recipient.unwrap_or(0),
            interviewers: ppl,
            topics: &iv.topics,
            interview_start: iv.start.clone(),
            decision_by: iv.decision_by,
            occurrence: s.occurrence,
            competing: iv.competing_offer.as_ref().map(|c| Competing {
                company: &c.company,
                received: c.received,
                deadline: c.deadline,
            }),
            status_date: iv.status_date,
            start: iv.zone.at(s.start),
            due: s.due.map(|d| iv.zone.at(d)),
        };
        let note = notes.render(&facts).map_err(|e| {
            Diagnostic::error(
                "",
                None,
                format!("could not draft the note for {}: {e}", s.uid),
            )
            .with_hint("this is a bug in followup; please report it with the input")
        })?;
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
        let mut alarms: Vec<Alarm> = iv
            .rules
            .reminders
            .iter()
            .map(|m| Alarm {
                minutes_before: u32::try_from(*m).unwrap_or(u32::MAX),
                before_end: false,
                description: note.summary.clone(),
            })
            .collect();
        if s.kind == StepKind::Interview {
            alarms.push(Alarm {
                minutes_before: WRAP_UP_MINUTES,
                before_end: true,
                description: format!(
                    "{}: before you leave, ask about next steps, the timeline and how they prefer to be contacted",
                    note.summary
                ),
            });
        }
        let event = Event {
            uid: match &opts.uid_namespace {
                Some(ns) => crate::policy::uid::namespaced(&s.uid, ns),
                None => s.uid.clone(),
            },
            dtstamp: opts.now,
            last_modified: None,
            sequence: 0,
            start: when(iv, s.start),
            end: when(iv, s.end),
            summary: note.summary,
            description: note.description,
            categories: vec!["Job search".to_string(), s.kind.id().to_string()],
            status: match s.status {
                StepStatus::Planned => Status::Confirmed,
                StepStatus::Cancelled => Status::Cancelled,
            },
            alarms,
        };
        Ok((event, long))
    };
    let made: Vec<(Event, Option<Diagnostic>)> =
        steps.par_iter().map(make).collect::<Result<_, _>>()?;
    let mut events = Vec::with_capacity(made.len());
    for (event, long) in made {
        events.push(event);
        warnings.extend(long);
    }
    let name = match &model.candidate.name {
        Some(n) if !n.trim().is_empty() => format!("Interview follow-ups: {n}"),
        _ => "Interview follow-ups".to_string(),
    };
    Ok(Built {
        name,
        refresh: opts.refresh,
        timezones,
        events,
        warnings,
    })
}
