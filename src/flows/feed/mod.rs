//! The feed behind `serve` (SPEC §5), without sockets or a file watcher:
//! the inputs, what each publishes, and the regeneration when one of an
//! input's files changes.
//!
//! - `inputs`: [`Inputs`]: the first build of each input, then
//!   [`Inputs::changed`], which takes the paths that changed, "now" and the
//!   publication time as values and returns what to publish and what to
//!   say;
//! - `snapshot`: [`Snapshot`], one published version of a body, with its
//!   ETag and Last-Modified.
//!
//! The `serve` face watches the files, debounces, listens and prints; the
//! unit tests here drive the same flow with injected changes and a fixed
//! clock.

mod inputs;
mod snapshot;

#[cfg(test)]
mod tests;

pub use inputs::{Change, Inputs, Refused, Settings, Started, Update, check_inputs, stem_of};
pub use snapshot::{Snapshot, etag, http_date};
