//! Which step each `done` entry marks (SPEC §8), and the errors of an
//! entry that marks none, or a step another entry marks already.
//!
//! - `thank-you` with `to`: the thank-yous to that interviewer (names equal
//!   after trimming, ignoring case); without `to`: every thank-you that no
//!   entry with `to` marks.
//! - `check-in`, `follow-up`, `move-on`: per cycle of nudges (with
//!   `heard_back: D`, entries `on` or before D belong to the first cycle,
//!   later ones to the one after it), taken in order of `on`; each marks the
//!   earliest step of its kind not yet marked.
//! - `feedback`, `competing-offer`, `offer-thanks`, `offer-decision`,
//!   `withdraw`: the one step of that kind.
//! - `to` on any other step than a thank-you must name that step's
//!   recipient (the first interviewer).
//!
//! Marks are decided before the steps are timed (they depend on order, not
//! on dates), so the nudges can count from the done dates; the errors are
//! reported once the interview's steps exist, naming those that could be
//! marked.

use super::step::{Step, StepStatus};
use crate::error::Diagnostic;
use crate::model::kinds::StepKind;
use crate::model::validate::same_name;
use crate::model::{Done, Interview};
use jiff::civil::Date;

/// The nudge kinds marked per cycle, in the order of [`Marks::nudges`].
const NUDGES: [StepKind; 3] = [StepKind::CheckIn, StepKind::FollowUp, StepKind::MoveOn];

/// The `done` entries of one interview, being matched to its steps.
pub struct Marks<'a> {
    iv: &'a Interview,
    index: usize,
    /// `[cycle][kind]` as [`NUDGES`]: the entries, sorted by `on`.
    nudges: [[Vec<&'a Done>; 3]; 2],
    /// Thank-you entries with and without `to`, in input order.
    thank_you_to: Vec<&'a Done>,
    thank_you_all: Vec<&'a Done>,
    /// Entries for the steps of which there is at most one.
    single: Vec<&'a Done>,
    problems: Vec<Problem<'a>>,
}

/// Why an entry marks nothing.
enum Problem<'a> {
    /// No step it could mark; `what` names what it looked for.
    NoStep { entry: &'a Done, what: String },
    /// The step (or every step of its kind) is marked by `by` already.
    Marked {
        entry: &'a Done,
        by: Vec<&'a Done>,
        what: String,
    },
}

impl<'a> Marks<'a> {
    pub fn new(iv: &'a Interview, index: usize) -> Self {
        let mut m = Marks {
            iv,
            index,
            nudges: Default::default(),
            thank_you_to: Vec::new(),
            thank_you_all: Vec::new(),
            single: Vec::new(),
            problems: Vec::new(),
        };
        for d in &iv.done {
            match d.step {
                StepKind::ThankYou if d.to.is_some() => m.thank_you_to.push(d),
                StepKind::ThankYou => m.thank_you_all.push(d),
                k => match NUDGES.iter().position(|n| *n == k) {
                    Some(kind) => {
                        if !m.goes_to_first(d, k) {
                            continue;
                        }
                        let cycle = usize::from(iv.heard_back.is_some_and(|hb| d.on > hb));
                        m.nudges[cycle][kind].push(d);
                    }
                    None => m.single.push(d),
                },
            }
        }
        for cycle in &mut m.nudges {
            for entries in cycle {
                // Stable: two entries on one day keep their input order.
                entries.sort_by_key(|d| d.on);
            }
        }
        m
    }

    /// Whether the entry's `to`, if any, names the first interviewer (the
    /// recipient of every step but the thank-yous); records the problem
    /// when not.
    fn goes_to_first(&mut self, d: &'a Done, kind: StepKind) -> bool {
        let Some(to) = &d.to else {
            return true;
        };
        let first = self.iv.interviewers.first().map(|p| p.name.as_str());
        if first.is_some_and(|f| same_name(f, to)) {
            return true;
        }
        self.problems.push(Problem::NoStep {
            entry: d,
            what: format!("{kind} to {}", to.trim()),
        });
        false
    }

    /// The done date of each thank-you, by its recipient (interviewer
    /// index, `None` for the generic one), in the order given.
    pub fn thank_yous(&mut self, recipients: &[Option<usize>]) -> Vec<Option<Date>> {
        let mut by: Vec<Option<&'a Done>> = vec![None; recipients.len()];
        for &entry in &self.thank_you_to {
            let Some(to) = &entry.to else { continue };
            for (slot, r) in by.iter_mut().zip(recipients) {
                let name = r
                    .and_then(|r| self.iv.interviewers.get(r))
                    .map(|p| p.name.as_str());
                if !name.is_some_and(|n| same_name(n, to)) {
                    continue;
                }
                match slot {
                    Some(first) => self.problems.push(Problem::Marked {
                        entry,
                        by: vec![first],
                        what: format!("the thank-you to {}", to.trim()),
                    }),
                    None => *slot = Some(entry),
                }
            }
        }
        for &entry in &self.thank_you_all {
            let mut marked_any = false;
            for slot in by.iter_mut().filter(|s| s.is_none()) {
                *slot = Some(entry);
                marked_any = true;
            }
            if !marked_any {
                let mut markers: Vec<&'a Done> = by.iter().flatten().copied().collect();
                markers.sort_by_key(|d| d.index);
                markers.dedup_by_key(|d| d.index);
                self.problems.push(Problem::Marked {
                    entry,
                    by: markers,
                    what: "every thank-you".to_string(),
                });
            }
        }
        by.into_iter().map(|d| d.map(|d| d.on)).collect()
    }

    /// The done dates of the `count` steps of a nudge `kind` in `cycle`
    /// (0, or 1 after `heard_back`), in order; entries beyond them are
    /// problems.
    pub fn nudges(&mut self, cycle: usize, kind: StepKind, count: usize) -> Vec<Option<Date>> {
        let Some(k) = NUDGES.iter().position(|n| *n == kind) else {
            return Vec::new();
        };
        let entries = std::mem::take(&mut self.nudges[cycle.min(1)][k]);
        let scope = self.scope(cycle);
        for (i, &entry) in entries.iter().enumerate().skip(count) {
            self.problems
                .push(match i.checked_sub(1).and_then(|j| entries.get(j)) {
                    Some(&by) if count > 0 => Problem::Marked {
                        entry,
                        by: vec![by],
                        what: format!("every {kind}{scope}"),
                    },
                    _ => Problem::NoStep {
                        entry,
                        what: format!("{kind}{scope}"),
                    },
                });
        }
        (0..count).map(|i| entries.get(i).map(|d| d.on)).collect()
    }

    /// " before heard_back (2026-12-02)" and the like, when there is one.
    fn scope(&self, cycle: usize) -> String {
        match (self.iv.heard_back, cycle) {
            (Some(hb), 0) => format!(" on or before heard_back ({hb})"),
            (Some(hb), _) => format!(" after heard_back ({hb})"),
            (None, _) => String::new(),
        }
    }

    /// The done date of the one step of `kind`, when it exists; every other
    /// entry for it is a problem.
    pub fn single(&mut self, kind: StepKind, exists: bool) -> Option<Date> {
        let (entries, rest): (Vec<&'a Done>, Vec<&'a Done>) =
            self.single.iter().partition(|d| d.step == kind);
        self.single = rest;
        let mut first: Option<&'a Done> = None;
        for entry in entries {
            if !exists {
                self.problems.push(Problem::NoStep {
                    entry,
                    what: format!("{kind} step"),
                });
                continue;
            }
            if !self.goes_to_first(entry, kind) {
                continue;
            }
            match first {
                Some(by) => self.problems.push(Problem::Marked {
                    entry,
                    by: vec![by],
                    what: format!("the {kind} step"),
                }),
                None => first = Some(entry),
            }
        }
        first.map(|d| d.on)
    }

    /// The errors of the entries that marked nothing, once the interview's
    /// `steps` exist (they name the steps that could be marked), in the
    /// order of the file.
    pub fn finish(mut self, steps: &[Step]) -> Vec<Diagnostic> {
        // Entries for a kind no rule looked at: its step cannot exist.
        while let Some(kind) = self.single.first().map(|d| d.step) {
            self.single(kind, false);
        }
        let iv = self.iv;
        let markable = markable(iv, steps);
        let mut problems = std::mem::take(&mut self.problems);
        problems.sort_by_key(|p| match p {
            Problem::NoStep { entry, .. } | Problem::Marked { entry, .. } => entry.index,
        });
        problems
            .into_iter()
            .map(|p| {
                let entry = match &p {
                    Problem::NoStep { entry, .. } | Problem::Marked { entry, .. } => *entry,
                };
                let d = Diagnostic::error(
                    format!("interviews[{}].done[{}].step", self.index, entry.index),
                    Some(entry.span.pos),
                    match &p {
                        Problem::NoStep { what, .. } => {
                            format!("\"{}\" has no {what} to mark done", iv.id)
                        }
                        Problem::Marked { by, what, .. } => format!(
                            "\"{}\": {what} is already marked done, by {}",
                            iv.id,
                            lines(by)
                        ),
                    },
                )
                .with_len(entry.span.len);
                match &p {
                    Problem::NoStep { .. } => d.with_hint(markable.clone()),
                    Problem::Marked { by, .. } => d.with_hint(format!(
                        "one entry per step: remove this one or the one{} on {}",
                        if by.len() > 1 { "s" } else { "" },
                        lines(by)
                    )),
                }
            })
            .collect()
    }
}

/// "line 12", "lines 12 and 14", "lines 12, 13 and 14".
fn lines(entries: &[&Done]) -> String {
    let n: Vec<String> = entries
        .iter()
        .map(|d| d.span.pos.line.to_string())
        .collect();
    match n.as_slice() {
        [one] => format!("line {one}"),
        [init @ .., last] => format!("lines {} and {last}", init.join(", ")),
        [] => "another entry".to_string(),
    }
}

/// "the steps that can be marked: thank-you to Mark Lee (2026-11-18),
/// check-in to Mark Lee (2026-11-25), …": every step of the interview
/// not done yet, but the interview itself, with its employer-zone date.
fn markable(iv: &Interview, steps: &[Step]) -> String {
    let list: Vec<String> = steps
        .iter()
        .filter(|s| s.kind.can_be_done() && !matches!(s.status, StepStatus::Done(_)))
        .map(|s| {
            let day = s.start.to_zoned(iv.zone.tz.clone()).date();
            match s.recipient.and_then(|r| iv.interviewers.get(r)) {
                Some(p) => format!("{} to {} ({day})", s.kind, p.name.trim()),
                None => format!("{} ({day})", s.kind),
            }
        })
        .collect();
    if list.is_empty() {
        "every step of this interview is already marked done".to_string()
    } else {
        format!("the steps that can be marked: {}", list.join(", "))
    }
}
