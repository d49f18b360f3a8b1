//! What every build shares ([`Settings`]): "now", how times are written,
//! and how a regeneration treats the previous calendar.

use crate::pipeline::export::Options;
use jiff::{SignedDuration, Timestamp};

/// What every build shares: "now", how times are written, and how a
/// regeneration treats the previous calendar.
#[derive(Debug, Clone)]
pub struct Settings {
    /// DTSTAMP of new and changed events (`--now`, SOURCE_DATE_EPOCH or the
    /// clock, read by the caller).
    pub now: Timestamp,
    /// Every time in UTC, with no VTIMEZONE (`--utc`).
    pub utc: bool,
    /// How long a cancelled or vanished step stays as STATUS:CANCELLED.
    pub keep_cancelled: SignedDuration,
    /// Replace a previous file that is not followup's or cannot be read
    /// back, with a warning, instead of refusing.
    pub force: bool,
}

impl Settings {
    pub(super) fn options(&self) -> Options {
        let mut opts = Options::new(self.now);
        opts.utc = self.utc;
        opts
    }
}
