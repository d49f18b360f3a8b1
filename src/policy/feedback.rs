//! `feedback` (SPEC §4, seeds 001, 002): after a rejection, thank them
//! anyway and ask what would make a stronger application next time.
//!
//! Only with status `rejected`: `feedback.after` (1bd) after `status_date`,
//! at `send_at`. Never cancelled.

use super::when::{Placed, place};
use crate::model::{Interview, Status};

/// `Some(None)` when there is no feedback step; `None` when out of range.
pub fn schedule(iv: &Interview) -> Option<Option<Placed>> {
    let (Status::Rejected, Some(date)) = (iv.status, iv.status_date) else {
        return Some(None);
    };
    let r = &iv.rules;
    place(
        &iv.zone,
        &r.calendar,
        date,
        r.policy.feedback_after,
        r.send_at,
    )
    .map(Some)
}
