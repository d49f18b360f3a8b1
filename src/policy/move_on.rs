//! `move-on` (SPEC §4, seed 004): the moment to stop waiting, close the loop
//! politely and put the energy into other openings.
//!
//! `move_on.after` (5bd) after the local date of the last of thank-you,
//! check-in and follow-ups (each by its done date when done, SPEC §8), at
//! `send_at`; `move_on: false` turns it off. After `heard_back` the cycle
//! that starts again has a move-on of its own.

use super::when::{Placed, place};
use crate::model::Interview;
use jiff::civil::Date;

/// `Some(None)` when the step is turned off; `None` when out of range.
pub fn schedule(iv: &Interview, last: Date) -> Option<Option<Placed>> {
    let Some(after) = iv.rules.policy.move_on_after else {
        return Some(None);
    };
    let r = &iv.rules;
    place(&iv.zone, &r.calendar, last, after, r.send_at).map(Some)
}
