//! The `interview` step (SPEC §4): the interview itself, start..end, so the
//! calendar can carry its checklist. Rounds never touch it; status
//! cancellation does (SPEC §4.1).

use crate::model::Interview;
use jiff::Timestamp;

/// The interview's own span.
pub fn span(iv: &Interview) -> (Timestamp, Timestamp) {
    (iv.start.timestamp(), iv.end.timestamp())
}
