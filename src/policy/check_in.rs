//! `check-in` and `follow-up` (SPEC §4, seeds 000, 001, 004): the nudges.
//!
//! With `decision_by`, the check-in is `check_in.after_decision` (1bd) after
//! that date; without, `check_in.without_decision` (5bd) after the
//! thank-you's local date; both at `send_at`. Each follow-up is
//! `follow_up.gap` (5bd) after the previous nudge's local date.
//! `max_follow_ups` = N counts them all: one check-in and N-1 follow-ups;
//! 0 means none.

use super::when::{after_date, at};
use crate::model::Interview;
use jiff::Zoned;
use jiff::civil::Date;

/// The nudges in order: check-in first. Empty when `max_follow_ups` is 0.
pub fn schedule(iv: &Interview, thank_you_date: Date) -> Option<Vec<Zoned>> {
    let rules = &iv.rules;
    let p = &rules.policy;
    let cal = &rules.calendar;
    let n = p.max_follow_ups as usize;
    let mut out: Vec<Zoned> = Vec::with_capacity(n);
    if n == 0 {
        return Some(out);
    }
    let first = match iv.decision_by {
        Some(d) => after_date(cal, d, p.check_in_after_decision)?,
        None => after_date(cal, thank_you_date, p.check_in_without_decision)?,
    };
    out.push(at(&iv.zone, first, rules.send_at)?);
    for _ in 1..n {
        let prev = out.last()?.date();
        let next = after_date(cal, prev, p.follow_up_gap)?;
        out.push(at(&iv.zone, next, rules.send_at)?);
    }
    Some(out)
}
