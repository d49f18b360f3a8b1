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
//! - `push` (feature `push`): every input's steps into a CalDAV calendar
//!   or their drafts into an IMAP Drafts mailbox (SPEC §10);
//! - [`holidays`]: the days off a built-in calendar or an `.ics` file gives;
//! - [`init`], [`schema`], [`version`]: the starter file, the input's JSON
//!   Schema, the version line;
//! - `failure`: [`Failure`], why a flow gave up and the exit code for it.

pub mod batch;
pub mod build;
pub mod check;
mod failure;
pub mod feed;
pub mod holidays;
pub mod init;
pub mod plan;
#[cfg(feature = "push")]
pub mod push;
pub mod schema;
pub mod version;

pub use failure::Failure;
