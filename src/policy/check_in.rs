//! `check-in` and `follow-up` (SPEC §4, §8; seeds 000, 001, 004): the
//! nudges, in cycles.
//!
//! With `decision_by`, the check-in is `check_in.after_decision` (1bd) after
//! that date; without, `check_in.without_decision` (5bd) after the
//! thank-you's local date (SPEC §8: the latest done date when every
//! thank-you is done); both at `send_at`. Each follow-up is
//! `follow_up.gap` (5bd) after the previous nudge's local date, or its done
//! date when it is done. `max_follow_ups` = N counts them all: one check-in
//! and N-1 follow-ups; 0 means none.
//!
//! `heard_back: D` starts a second cycle, counted anew: the check-in
//! `without_decision` after D, or `after_decision` after `decision_by` when
//! that is after D (SPEC §8).

use super::when::{Placed, place};
use crate::model::Interview;
use jiff::civil::Date;

/// Where a cycle of nudges starts counting.
#[derive(Debug, Clone, Copy)]
pub enum Cycle {
    /// The first: from the decision date, else from the thank-you's date.
    First { thank_you: Date },
    /// The one after `heard_back`.
    After { heard_back: Date },
}

/// One nudge, placed, and the date it was done, if it was.
pub struct Nudge {
    pub placed: Placed,
    pub done: Option<Date>,
}

impl Nudge {
    /// The date the next nudge counts from: when it was done, else when it
    /// is planned (employer zone).
    pub fn date(&self) -> Date {
        self.done.unwrap_or_else(|| self.placed.at.date())
    }
}

/// The nudges of one cycle in order, check-in first; `done[i]` is the done
/// date of the i-th (missing entries: not done). Empty when
/// `max_follow_ups` is 0; `None` when a date leaves the supported range.
pub fn schedule(iv: &Interview, cycle: Cycle, done: &[Option<Date>]) -> Option<Vec<Nudge>> {
    let rules = &iv.rules;
    let p = &rules.policy;
    let cal = &rules.calendar;
    let n = p.max_follow_ups as usize;
    let mut out: Vec<Nudge> = Vec::with_capacity(n);
    if n == 0 {
        return Some(out);
    }
    let (base, after) = match (cycle, iv.decision_by) {
        (Cycle::First { .. }, Some(d)) => (d, p.check_in_after_decision),
        (Cycle::First { thank_you }, None) => (thank_you, p.check_in_without_decision),
        (Cycle::After { heard_back }, Some(d)) if d > heard_back => (d, p.check_in_after_decision),
        (Cycle::After { heard_back }, _) => (heard_back, p.check_in_without_decision),
    };
    let done_of = |i: usize| done.get(i).copied().flatten();
    out.push(Nudge {
        placed: place(&iv.zone, cal, base, after, rules.send_at)?,
        done: done_of(0),
    });
    for i in 1..n {
        let prev = out.last()?.date();
        out.push(Nudge {
            placed: place(&iv.zone, cal, prev, p.follow_up_gap, rules.send_at)?,
            done: done_of(i),
        });
    }
    Some(out)
}
