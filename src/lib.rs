//! followup: job interviews in YAML → a calendar of follow-up steps.
//!
//! The pipeline, edge to edge (ARCHITECTURE.md has the map):
//!
//! 1. A face ([`cli`], `serve`) reads the arguments and hands one
//!    [`flows`] call the input's bytes and "now" (read through [`io`]).
//! 2. [`model::yaml`] parses the text into a located tree.
//! 3. [`model::validate`] turns it into a [`model::Model`], or every
//!    diagnostic ([`error`]) at once.
//! 4. [`policy`] computes each follow-up step (SPEC §4) on the employer's
//!    business days ([`calendar`]) and zone ([`zone`]).
//! 5. [`pipeline`] sorts and shows the steps (SPEC §6), has [`notes`] draft
//!    each message and hands the events to [`ics`], which writes them, merged
//!    with the previous calendar when regenerating (SPEC §5).
//! 6. The flow writes the bytes to a file through [`io`], or `serve`
//!    publishes them as a live feed.
//!
//! Modules: [`error`] (diagnostics, exit codes, the renderer); the pure core
//! [`model`], [`calendar`], [`zone`], [`policy`], [`notes`], [`ics`] and
//! [`pipeline`] (no files, no clock, no environment); [`flows`] (what a user
//! runs, as library code); [`io`] (the only code that touches files,
//! standard streams and the clock); the faces [`cli`] and `serve` (the
//! latter behind the default `serve` feature).

pub mod calendar;
pub mod cli;
pub mod error;
pub mod flows;
pub mod ics;
pub mod io;
pub mod model;
pub mod notes;
pub mod pipeline;
pub mod policy;
#[cfg(feature = "push")]
pub mod push;
#[cfg(feature = "serve")]
pub mod serve;
pub mod zone;
