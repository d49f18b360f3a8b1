//! `offer-thanks` and `offer-decision` (SPEC §8): thank them for an offer
//! promptly, and answer before its deadline.
//!
//! With status `offer`: `offer-thanks` `offer.thanks_after` (1bd) after
//! `offer.received` (without an `offer` key, after `status_date`), and,
//! with a deadline, `offer-decision` `offer.decide_before` (1bd) before it
//! ("N bd before D" is the N-th business day strictly before D); both at
//! `send_at`. Status `offer` never cancels them (`status.rs`). With status
//! `accepted`, `rejected` or `withdrawn` and an `offer` key the two steps
//! exist, and are cancelled after `status_date` like any step.

use super::when::{Placed, place, place_before};
use crate::model::{Interview, Status};
use jiff::Zoned;

/// The offer's steps, where they exist.
pub struct OfferSteps {
    pub thanks: Option<Placed>,
    pub decision: Option<Zoned>,
}

/// `None` when a date leaves the supported range.
pub fn schedule(iv: &Interview) -> Option<OfferSteps> {
    let (received, deadline) = match (iv.status, iv.offer) {
        (Status::Offer, Some(o)) => (Some(o.received), o.deadline),
        (Status::Offer, None) => (iv.status_date, None),
        (Status::Accepted | Status::Rejected | Status::Withdrawn, Some(o)) => {
            (Some(o.received), o.deadline)
        }
        _ => (None, None),
    };
    let r = &iv.rules;
    let thanks = match received {
        Some(d) => Some(place(
            &iv.zone,
            &r.calendar,
            d,
            r.policy.offer_thanks_after,
            r.send_at,
        )?),
        None => None,
    };
    let decision = match deadline {
        Some(d) => Some(place_before(
            &iv.zone,
            &r.calendar,
            d,
            r.policy.offer_decide_before,
            r.send_at,
        )?),
        None => None,
    };
    Some(OfferSteps { thanks, decision })
}
