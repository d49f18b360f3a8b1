//! `feedback` (SPEC §4, seeds 001, 002): after a rejection, thank them
//! anyway and ask what would make a stronger application next time.
//!
//! Only with status `rejected`: `feedback.after` (1bd) after `status_date`,
//! at `send_at`. Never cancelled.

use super::when::{after_date, at};
use crate::model::{Interview, Status};
use jiff::Zoned;

/// `Some(None)` when there is no feedback step; `None` when out of range.
pub fn schedule(iv: &Interview) -> Option<Option<Zoned>> {
    let (Status::Rejected, Some(date)) = (iv.status, iv.status_date) else {
        return Some(None);
    };
    let day = after_date(&iv.rules.calendar, date, iv.rules.policy.feedback_after)?;
    at(&iv.zone, day, iv.rules.send_at).map(Some)
}
