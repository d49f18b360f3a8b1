//! The only code that touches the filesystem, standard input and output,
//! or the clock.
//!
//! Every error names the path ([`IoError`]). Writes are atomic: a temporary
//! file in the same folder, flushed and synced, then renamed over the
//! target, so a reader never sees half a file and a failed run leaves the
//! old one untouched. Only regular files are read or replaced, inputs are
//! bounded in size, and temporary files are made so that nothing planted
//! in the folder is written through (SPEC §11).
//!
//! - `files`: reading input files (regular, at most [`MAX_INPUT_BYTES`]),
//!   a previous output ([`Previous`]), listing a folder's inputs, looking
//!   at paths;
//! - `place`: where a write really goes (links followed) and whether two
//!   paths name one file;
//! - `atomic`: [`write_atomic`], [`AtomicFile`], [`Streaming`], a
//!   batch's [`Deferred`] syncs, and [`rewrite`] for a file the user keeps;
//! - `orphans`: the temporary files' names, their locks, and removing those
//!   of killed runs;
//! - `stdio`: standard input (bounded) and output;
//! - `clock`: [`clock_now`] and the [`Stopwatch`];
//! - [`holidays`]: the `.ics` holiday files an input names, read beside it
//!   (the edge's `HolidaySource`).

mod atomic;
mod clock;
mod error;
mod files;
pub mod holidays;
mod orphans;
mod place;
mod stdio;

pub use atomic::{AtomicFile, Deferred, Streaming, rewrite, write_atomic, write_atomic_deferred};
pub use clock::{Stopwatch, clock_now};
pub use error::IoError;
pub use files::{
    MAX_INPUT_BYTES, Previous, canonical_place, create_folder_for, exists, is_dir, open_previous,
    read, read_or_none, yaml_files_under,
};
pub use orphans::clean as clean_orphans;
pub use place::{file_id, is_stdout, place, resolve_links, same_file};
pub use stdio::{StdoutStream, read_stdin, write_stdout};
