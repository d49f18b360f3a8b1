//! What every face shares (`cli`, `serve`, the flows): one input's text
//! through to its plan and its calendar's bytes.
//!
//! - [`load`]: text → model → steps, with every diagnostic (SPEC §3, §4, §7);
//! - [`export`]: planned steps → RFC 5545 events, zones decided, notes
//!   drafted (SPEC §5): the one place that knows both interviews and `ics`;
//! - [`awake`]: alarms moved out of the candidate's sleep (SPEC §8);
//! - [`facts`]: what the notes draft from, each step's facts with what the
//!   whole plan says about it (rounds, follow-up numbers; SPEC §8, §9);
//! - [`drafts`]: the drafted emails as RFC 5322 messages (SPEC §9
//!   `draft --format eml`, §10 `push --imap`);
//! - [`calendar`]: the bytes of a calendar, a first build or a regeneration
//!   over the previous one (SPEC §5), in memory or streamed;
//! - `push` (feature `push`): planned steps → the calendar objects and
//!   drafts `push` delivers (SPEC §10), and the one step filter for it;
//! - [`view`]: the views of a plan: SPEC §6 order, `--from`/`--to`, the
//!   stable JSON and the agenda table;
//! - [`due`]: what is overdue, due today and coming up (SPEC §8).
//!
//! Pure, like the core it joins: bytes and "now" come in as values, bytes
//! and diagnostics go out. It reads no file, no clock, no environment, and
//! imports no face (`cli`, `serve`) and no flow.

pub mod awake;
pub mod calendar;
pub mod drafts;
pub mod due;
pub mod export;
pub mod facts;
pub mod load;
#[cfg(feature = "push")]
pub mod push;
pub mod view;
