//! What a user runs, as library code: one file (or folder) per command,
//! each a function or type whose inputs are passed in and whose results and
//! diagnostics are returned.
//!
//! A flow never reads the clock (it is handed "now"), the terminal, the
//! environment or the command line, and never prints; it reads and writes
//! files only through `io`. The faces (`cli`, `serve`) turn arguments into
//! one flow call and its result into output and an exit code.
//!
//! - [`build`]: one input's calendar, to a file (regenerated over the
//!   previous one) or to standard output;
//! - [`batch`]: many inputs, one calendar each, on every core, and the
//!   combined calendar;
//! - [`feed`]: what `serve` publishes and its regeneration on change;
//! - [`check`], [`plan`]: validation, and the plan as agenda or JSON;
//! - [`edit`]: `done`, `heard`, `status` and `add`, which change the input
//!   in place (SPEC §8);
//! - [`due`]: what is overdue, due today and coming up (SPEC §8);
//! - [`dates`]: dates on the command line (`today`, `+3d`, …), one parser
//!   for every date flag, held to the years followup handles;
//! - [`draft`]: the drafted messages, as text or `.eml` files;
//! - `push` (feature `push`): every input's steps into a CalDAV calendar
//!   or their drafts into an IMAP Drafts mailbox (SPEC §10);
//! - [`holidays`]: the days off a built-in calendar or an `.ics` file gives;
//! - [`init`], [`schema`], [`version`]: the starter file, the input's JSON
//!   Schema, the version line;
//! - `output`: a calendar written into its file over the previous version,
//!   streamed both ways (what `build -o`, a batch's files and `serve
//!   --out-dir` share);
//! - `settings`: what every build shares (`build::Settings`);
//! - `failure`: [`Failure`], why a flow gave up and the exit code for it.

pub mod batch;
pub mod build;
pub mod check;
pub mod dates;
pub mod draft;
pub mod due;
pub mod edit;
mod failure;
pub mod feed;
pub mod holidays;
pub mod init;
mod output;
pub mod plan;
#[cfg(feature = "push")]
pub mod push;
pub mod schema;
mod settings;
pub mod version;

pub use failure::Failure;

/// How a listing (`plan`, `due`, `holidays`) is shown: a table for
/// people, or JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}
