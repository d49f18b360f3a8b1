//! What the notes draft from: each step's [`Facts`], built from the model
//! and the whole plan (SPEC §8, §9).
//!
//! Some facts are about the plan, not one step: a later round of a
//! `process` says so; follow-ups are numbered among the follow-ups of
//! their cycle (a check-in starts a cycle, so `heard_back` starts a new
//! one), and only the last one the policy plans says it is the last; a
//! nudge names the date of the message it follows up on. [`FactsSource`]
//! works these out once per plan; [`FactsSource::facts`] then gives any
//! step's facts without looking at the others.
//!
//! Also the drafts' warning: a file without `candidate.name` signs every
//! draft `[Your name]`, and says so once.
//!
//! Pure: no I/O.

use std::collections::HashMap;

use jiff::Zoned;
use jiff::civil::Date;

use crate::error::Diagnostic;
use crate::model::kinds::StepKind;
use crate::model::{Interview, Model};
use crate::notes::{Competing, Facts, NAME_PLACEHOLDER, Nudge, Offer, Person};
use crate::policy::{Step, StepStatus};

/// The plan-wide facts of one nudge or move-on step.
#[derive(Debug, Clone)]
struct Placed {
    uid: String,
    nudge: Nudge,
    previous: Option<Date>,
}

/// Builds the notes' facts for the steps of one plan.
pub struct FactsSource<'a> {
    model: &'a Model,
    /// Interviewers per interview, as the notes see them.
    people: Vec<Vec<Person<'a>>>,
    /// The round of each interview in its `process` (1 without one).
    rounds: Vec<u32>,
    /// Per interview, its check-ins, follow-ups and move-on with their
    /// place among the nudges (a handful each).
    placed: Vec<Vec<Placed>>,
}

impl<'a> FactsSource<'a> {
    /// Works out rounds, nudge numbers and previous dates for `steps` (any
    /// order; all steps of an interview should be there).
    pub fn new(model: &'a Model, steps: &[Step]) -> Self {
        let people = model
            .interviews
            .iter()
            .map(|iv| {
                iv.interviewers
                    .iter()
                    .map(|p| Person {
                        name: &p.name,
                        title: p.title.as_deref(),
                        email: p.email.as_deref(),
                        greeting: p.greeting.as_deref(),
                        topics: &p.topics,
                    })
                    .collect()
            })
            .collect();
        FactsSource {
            model,
            people,
            rounds: rounds(model),
            placed: placed(model, steps),
        }
    }

    /// The facts of step `s`.
    pub fn facts(&self, s: &Step) -> Facts<'_> {
        let iv = &self.model.interviews[s.interview];
        let mut f = self.interview_facts(s.interview, s.kind, iv.zone.at(s.start));
        let ppl = &self.people[s.interview];
        f.recipient = s.recipient.and_then(|r| ppl.get(r)).copied();
        f.recipient_index = s.recipient.unwrap_or(0);
        f.due = s.due.map(|d| iv.zone.at(d));
        f.done_on = s.status.done_on();
        if let Some(p) = self.placed[s.interview].iter().find(|p| p.uid == s.uid) {
            f.nudge = p.nudge;
            f.previous = p.previous;
        }
        f
    }

    /// The facts of interview `i` that every step shares, as for a step of
    /// `kind` starting at `start` (the interview's own: for `Shared::new`).
    pub fn interview_facts(&self, i: usize, kind: StepKind, start: Zoned) -> Facts<'_> {
        let iv = &self.model.interviews[i];
        let c = &self.model.candidate;
        Facts {
            step: kind,
            channel: iv.contact.for_step(kind),
            contact: iv.contact,
            language: iv.language,
            tone: iv.tone,
            interview_id: &iv.id,
            candidate: c.name.as_deref(),
            signature: c.signature.as_deref(),
            company: &iv.company,
            role: &iv.role,
            recipient: None,
            recipient_index: 0,
            interviewers: &self.people[i],
            topics: &iv.topics,
            mention: iv.mention.as_deref(),
            interview_start: iv.start.clone(),
            round: self.rounds[i],
            decision_by: iv.decision_by,
            heard_back: iv.heard_back,
            nudge: Nudge::default(),
            previous: None,
            competing: iv.competing_offer.as_ref().map(|c| Competing {
                company: &c.company,
                received: c.received,
                deadline: c.deadline,
                prefer: c.prefer,
            }),
            offer: iv.offer.map(|o| Offer {
                received: o.received,
                deadline: o.deadline,
            }),
            status_date: iv.status_date,
            start,
            due: None,
            done_on: None,
            awake_moved: None,
        }
    }
}

/// The round of every interview: 1 plus the interviews of the same
/// `process` that start strictly earlier (SPEC §4.1's "later round").
fn rounds(model: &Model) -> Vec<u32> {
    let mut by_process: HashMap<&str, Vec<jiff::Timestamp>> = HashMap::new();
    for iv in &model.interviews {
        if let Some(p) = &iv.process {
            by_process
                .entry(p.as_str())
                .or_default()
                .push(iv.start.timestamp());
        }
    }
    model
        .interviews
        .iter()
        .map(|iv| match &iv.process {
            Some(p) => {
                let t = iv.start.timestamp();
                let earlier = by_process
                    .get(p.as_str())
                    .map_or(0, |starts| starts.iter().filter(|s| **s < t).count());
                u32::try_from(earlier + 1).unwrap_or(u32::MAX)
            }
            None => 1,
        })
        .collect()
}

/// The employer-zone date a step happened: the day it was done, else the
/// day it is planned for.
fn happened(iv: &Interview, s: &Step) -> Date {
    match s.status {
        StepStatus::Done(d) => d,
        _ => iv.zone.at(s.start).date(),
    }
}

/// Numbers the nudges of every interview and finds the date each nudge and
/// move-on follows up on.
fn placed(model: &Model, steps: &[Step]) -> Vec<Vec<Placed>> {
    let mut by_interview: Vec<Vec<&Step>> = vec![Vec::new(); model.interviews.len()];
    for s in steps {
        if matches!(
            s.kind,
            StepKind::ThankYou | StepKind::CheckIn | StepKind::FollowUp | StepKind::MoveOn
        ) && let Some(list) = by_interview.get_mut(s.interview)
        {
            list.push(s);
        }
    }
    by_interview
        .into_iter()
        .enumerate()
        .map(|(i, mut list)| {
            let iv = &model.interviews[i];
            list.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.uid.cmp(&b.uid)));
            let max = iv.rules.policy.max_follow_ups;
            let mut out = Vec::new();
            let (mut cycle, mut number) = (0u32, 0u32);
            // The latest thank-you, and the latest nudge, that happened
            // (were not cancelled) before the step at hand.
            let mut thanks: Option<Date> = None;
            let mut last_nudge: Option<Date> = None;
            for s in list {
                let live = s.status != StepStatus::Cancelled;
                match s.kind {
                    StepKind::ThankYou if live => {
                        thanks = thanks.max(Some(happened(iv, s)));
                    }
                    StepKind::CheckIn => {
                        cycle += 1;
                        number = 0;
                        out.push(Placed {
                            uid: s.uid.clone(),
                            nudge: Nudge {
                                number: 0,
                                cycle,
                                last: false,
                            },
                            // A restarted cycle counts from `heard_back`,
                            // which the note names itself.
                            previous: if cycle == 1 { thanks } else { None },
                        });
                        if live {
                            last_nudge = Some(happened(iv, s));
                        }
                    }
                    StepKind::FollowUp => {
                        number += 1;
                        out.push(Placed {
                            uid: s.uid.clone(),
                            nudge: Nudge {
                                number,
                                cycle: cycle.max(1),
                                last: max >= 2 && number == max - 1,
                            },
                            previous: last_nudge.or(thanks),
                        });
                        if live {
                            last_nudge = Some(happened(iv, s));
                        }
                    }
                    StepKind::MoveOn => out.push(Placed {
                        uid: s.uid.clone(),
                        nudge: Nudge::default(),
                        previous: last_nudge.or(thanks),
                    }),
                    _ => {}
                }
            }
            out
        })
        .collect()
}

/// The drafts' warnings for `model` (SPEC §9): without `candidate.name`,
/// every draft is signed `[Your name]`; said once per file.
pub fn warnings(model: &Model) -> Vec<Diagnostic> {
    let unnamed = model
        .candidate
        .name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty());
    if unnamed && !model.interviews.is_empty() {
        vec![
            Diagnostic::warning(
                "candidate.name",
                None,
                format!("candidate.name is not set: the drafts are signed {NAME_PLACEHOLDER}"),
            )
            .with_hint("add `name:` under `candidate:` to sign them"),
        ]
    } else {
        Vec::new()
    }
}
