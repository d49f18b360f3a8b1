//! Cancellation (SPEC §4 "Status", §4.1): times are computed first; these
//! only mark steps.
//!
//! - Status other than `waiting`: every step whose employer-zone local start
//!   date is after `status_date` is cancelled, `feedback` and `withdraw`
//!   excepted, and with status `offer` the offer's own steps excepted
//!   (SPEC §8).
//! - Rounds: a later round of the same `process` (strictly later start
//!   instant, whatever its status or place in the file) cancels an earlier
//!   round's `check-in`, `follow-up` and `move-on` that start strictly after
//!   the later round's start.
//!
//! A done step is a fact: nothing here cancels it (SPEC §8).

use super::step::{Step, StepStatus};
use crate::model::kinds::StepKind;
use crate::model::{Interview, Status};
use jiff::Timestamp;
use std::collections::HashMap;

pub fn cancel_by_status(iv: &Interview, steps: &mut [Step]) {
    let (false, Some(date)) = (iv.status == Status::Waiting, iv.status_date) else {
        return;
    };
    let offer = iv.status == Status::Offer;
    for s in steps.iter_mut() {
        let kept = matches!(s.status, StepStatus::Done(_))
            || match s.kind {
                // The withdraw step exists only for `waiting` and `offer`:
                // another interview's acceptance decides it (withdraw.rs).
                StepKind::Feedback | StepKind::Withdraw => true,
                StepKind::OfferThanks | StepKind::OfferDecision => offer,
                _ => false,
            };
        if !kept && s.start.to_zoned(iv.zone.tz.clone()).date() > date {
            s.status = StepStatus::Cancelled;
        }
    }
}

pub fn cancel_by_rounds(interviews: &[Interview], steps: &mut [Step]) {
    // The starts of every round, per process.
    let mut rounds: HashMap<&str, Vec<Timestamp>> = HashMap::new();
    for iv in interviews {
        if let Some(p) = &iv.process {
            rounds.entry(p).or_default().push(iv.start.timestamp());
        }
    }
    if rounds.values().all(|r| r.len() < 2) {
        return;
    }
    for s in steps.iter_mut() {
        if !matches!(
            s.kind,
            StepKind::CheckIn | StepKind::FollowUp | StepKind::MoveOn
        ) || matches!(s.status, StepStatus::Done(_))
        {
            continue;
        }
        let iv = &interviews[s.interview];
        let Some(starts) = iv.process.as_deref().and_then(|p| rounds.get(p)) else {
            continue;
        };
        let own = iv.start.timestamp();
        let next_round = starts.iter().filter(|t| **t > own).min();
        if next_round.is_some_and(|t| s.start > *t) {
            s.status = StepStatus::Cancelled;
        }
    }
}
