//! `competing-offer` (SPEC §4, seed 002): a written offer from elsewhere is a
//! reason to reach out before the promised date: say so, say you prefer
//! them, ask about their timeline.
//!
//! Only while `waiting` (and not withdrawing after accepting another
//! offer, SPEC §8): `competing_offer.after` (1bd) after `received`, at
//! `send_at`. When that falls on or after the offer's `deadline` the heads-up
//! comes too late to matter, so the user is warned (stderr).

use super::when::{Placed, place};
use crate::error::Diagnostic;
use crate::model::{Interview, Status};

/// `Some(None)` when there is no such step; `None` when out of range.
pub fn schedule(
    iv: &Interview,
    index: usize,
    withdrawing: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Option<Placed>> {
    let (Status::Waiting, Some(offer), false) = (iv.status, &iv.competing_offer, withdrawing)
    else {
        return Some(None);
    };
    let r = &iv.rules;
    let placed = place(
        &iv.zone,
        &r.calendar,
        offer.received,
        r.policy.competing_offer_after,
        r.send_at,
    )?;
    let day = placed.at.date();
    if let Some(deadline) = offer.deadline
        && day >= deadline
    {
        warnings.push(
                Diagnostic::warning(
                    format!("interviews[{index}].competing_offer.deadline"),
                    None,
                    format!(
                        "interview \"{}\": the competing-offer heads-up to {} falls on {day}, not before the {} offer's deadline {deadline}",
                        iv.id, iv.company, offer.company
                    ),
                )
                .with_hint("contact them sooner (lower `policy.competing_offer.after`, e.g. `0bd`) or ask for more time"),
            );
    }
    Some(Some(placed))
}
