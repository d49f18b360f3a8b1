//! `withdraw` (SPEC §8): once you accept an offer, a courteous note to
//! every other employer still deciding, and nothing more planned for them.
//!
//! With one interview `accepted` (validation allows one), every other
//! interview that is `waiting` or `offer` and not a round of the accepted
//! interview's `process` gets a `withdraw` step 1bd after the accepted
//! `status_date`, counted on its own business days, at its own `send_at`;
//! its other steps that start after that date (its employer zone) are
//! cancelled, done steps excepted, and it has no competing-offer step.

use super::step::{Step, StepStatus};
use super::when::{Placed, place};
use crate::model::duration::Duration;
use crate::model::kinds::StepKind;
use crate::model::{Interview, Model, Status};
use jiff::civil::Date;

/// SPEC §8: the withdraw step comes the business day after the acceptance.
const AFTER: Duration = Duration::BusinessDays(1);

/// The accepted interview: what makes the others withdraw.
#[derive(Debug, Clone, Copy)]
pub struct Accepted<'a> {
    pub index: usize,
    /// Its `status_date`, the day the offer was accepted.
    pub date: Date,
    pub process: Option<&'a str>,
}

/// The file's accepted interview, if any (the first: validation refuses a
/// second).
pub fn accepted(model: &Model) -> Option<Accepted<'_>> {
    model
        .interviews
        .iter()
        .enumerate()
        .find(|(_, iv)| iv.status == Status::Accepted)
        .and_then(|(index, iv)| {
            Some(Accepted {
                index,
                date: iv.status_date?,
                process: iv.process.as_deref(),
            })
        })
}

/// Whether interview `index` withdraws because of `acc`.
pub fn withdraws(acc: &Accepted<'_>, index: usize, iv: &Interview) -> bool {
    let same_process = acc.process.is_some() && acc.process == iv.process.as_deref();
    index != acc.index && matches!(iv.status, Status::Waiting | Status::Offer) && !same_process
}

/// The withdraw step of `iv`; `None` when out of range.
pub fn schedule(iv: &Interview, acc: &Accepted<'_>) -> Option<Placed> {
    let r = &iv.rules;
    place(&iv.zone, &r.calendar, acc.date, AFTER, r.send_at)
}

/// Cancels the steps of a withdrawing interview that start after the day
/// the offer was accepted, but the withdraw step and done steps.
pub fn cancel(iv: &Interview, acc: &Accepted<'_>, steps: &mut [Step]) {
    for s in steps.iter_mut() {
        if s.kind == StepKind::Withdraw || matches!(s.status, StepStatus::Done(_)) {
            continue;
        }
        if s.start.to_zoned(iv.zone.tz.clone()).date() > acc.date {
            s.status = StepStatus::Cancelled;
        }
    }
}
