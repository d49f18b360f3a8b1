//! The options of a regeneration over a previous calendar (SPEC §5), which
//! `build` and `serve` share.

use crate::flows::build::parse_keep_cancelled;
use jiff::SignedDuration;

/// Regenerating over a previous calendar (SPEC §5); shared with `serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct Regen {
    /// How long a cancelled or vanished step stays in the calendar as
    /// STATUS:CANCELLED (so subscribed clients remove it) before it drops
    /// out: `30d`, `2w`, `12h`; `0d` drops it at the next regeneration.
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = parse_keep_cancelled)]
    pub keep_cancelled: SignedDuration,
    /// Replace an existing output file even when it is not a calendar
    /// followup wrote, or cannot be read back.
    #[arg(long)]
    pub force: bool,
}
