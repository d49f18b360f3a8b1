//! `check-in` and `follow-up` (SPEC §4, seeds 000, 001, 004): the nudges.
//!
//! With `decision_by`, the check-in is `check_in.after_decision` (1bd) after
//! that date; without, `check_in.without_decision` (5bd) after the
//! thank-you's local date; both at `send_at`. Each follow-up is
//! `follow_up.gap` (5bd) after the previous nudge's local date.
//! `max_follow_ups` = N counts them all: one check-in and N-1 follow-ups;
//! 0 means none.

use super::when::{Placed, place};
use crate::model::Interview;
use jiff::civil::Date;

/// The nudges in order: check-in first. Empty when `max_follow_ups` is 0.
pub fn schedule(iv: &Interview, thank_you_date: Date) -> Option<Vec<Placed>> {
    let rules = &iv.rules;
    let p = &rules.policy;
    let cal = &rules.calendar;
    let n = p.max_follow_ups as usize;
    let mut out: Vec<Placed> = Vec::with_capacity(n);
    if n == 0 {
        return Some(out);
    }
    let (base, after) = match iv.decision_by {
        Some(d) => (d, p.check_in_after_decision),
        None => (thank_you_date, p.check_in_without_decision),
    };
    out.push(place(&iv.zone, cal, base, after, rules.send_at)?);
    for _ in 1..n {
        let prev = out.last()?.at.date();
        out.push(place(&iv.zone, cal, prev, p.follow_up_gap, rules.send_at)?);
    }
    Some(out)
}
