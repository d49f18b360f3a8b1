//! The only code that touches the filesystem, standard input and output,
//! or the clock.
//!
//! Every error names the path ([`IoError`]). Writes are atomic: a temporary
//! file in the same folder, flushed and synced, then renamed over the
//! target, so a reader never sees half a file and a failed run leaves the
//! old one untouched.
//!
//! - `files`: reading files, listing a folder's inputs, looking at paths;
//! - `atomic`: [`write_atomic`], [`AtomicFile`], [`Streaming`], a
//!   batch's [`Deferred`] syncs, and [`rewrite`] for a file the user keeps;
//! - `stdio`: standard input and output;
//! - `clock`: [`clock_now`] and the [`Stopwatch`];
//! - [`holidays`]: the `.ics` holiday files an input names, read beside it
//!   (the edge's `HolidaySource`).

mod atomic;
mod clock;
mod error;
mod files;
pub mod holidays;
mod stdio;

pub use atomic::{AtomicFile, Deferred, Streaming, rewrite, write_atomic, write_atomic_deferred};
pub use clock::{Stopwatch, clock_now};
pub use error::IoError;
pub use files::{
    canonical_place, create_folder_for, exists, is_dir, read, read_if_exists, read_or_none,
    yaml_files_under,
};
pub use stdio::{read_stdin, write_stdout};
