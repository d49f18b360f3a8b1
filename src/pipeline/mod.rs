//! What every face shares (`cli`, `serve`, the flows): one input's text
//! through to its plan and its calendar's bytes.
//!
//! - [`load`]: text → model → steps, with every diagnostic (SPEC §3, §4, §7);
//! - [`export`]: planned steps → RFC 5545 events, zones decided, notes
//!   drafted (SPEC §5): the one place that knows both interviews and `ics`;
//! - [`calendar`]: the bytes of a calendar, a first build or a regeneration
//!   over the previous one (SPEC §5), in memory or streamed;
//! - `push` (feature `push`): planned steps → the calendar objects and
//!   drafts `push` delivers (SPEC §10), and the one step filter for it;
//! - [`view`]: the views of a plan: SPEC §6 order, `--from`/`--to`, the
//!   stable JSON and the agenda table.
//!
//! Pure, like the core it joins: bytes and "now" come in as values, bytes
//! and diagnostics go out. It reads no file, no clock, no environment, and
//! imports no face (`cli`, `serve`) and no flow.

pub mod calendar;
pub mod export;
pub mod load;
#[cfg(feature = "push")]
pub mod push;
pub mod view;
