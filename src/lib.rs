//! followup: job interviews in YAML → a calendar of follow-up steps.
//!
//! The pipeline, edge to edge:
//!
//! 1. `cli` reads the files (through `io`) and "now" (flag, env or clock).
//! 2. `model::yaml` parses the text into a located tree.
//! 3. `model::validate` turns it into a `Model`, or every diagnostic at once.
//! 4. `policy` computes each follow-up step (SPEC §4) on the employer's
//!    business days (`calendar`) and zone (`zone`).
//! 5. `plan` shows the steps (SPEC §6); `export` turns them into `ics`
//!    events, which `ics::merge` merges with the previous calendar when
//!    regenerating (SPEC §5); `pipeline` is that whole path in one call.
//! 6. `serve` (default cargo feature) serves each calendar as a live feed.
//!
//! Everything but `cli`, `io`, `holidays_source` and `serve` is pure: no files, no
//! clock, no environment.

pub mod calendar;
pub mod cli;
pub mod error;
pub mod export;
pub mod holidays_source;
pub mod ics;
pub mod io;
pub mod model;
pub mod notes;
pub mod pipeline;
pub mod plan;
pub mod policy;
#[cfg(feature = "push")]
pub mod push;
#[cfg(feature = "serve")]
pub mod serve;
pub mod zone;
