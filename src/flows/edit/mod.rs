//! The commands that edit the input in place (SPEC §8): `done`, `heard`,
//! `status` and `add`.
//!
//! Each reads and validates the file (one with errors is refused before
//! anything is edited), finds the interview by id (else the nearest ids),
//! makes its change through `model::yaml::edit` (every byte outside the
//! inserted or changed lines kept, the result checked by a line diff and a
//! re-parse), validates the edited text with the real validator and only
//! then replaces the file atomically through `io`; anything that would be
//! invalid is refused with the diagnostics, the file untouched. What
//! changed comes back as one line, and what was guessed as notes; the face
//! prints them.
//!
//! - [`done`], [`heard`], [`status`], [`add`]: one file per command;
//! - `session`: what they share ([`Edited`], [`Refused`]);
//! - `guess`: what `add --invite` guesses (company, role, names, id).
//!
//! Dates on the command line go through `flows::dates::resolve_date`.

pub mod add;
pub mod done;
mod guess;
pub mod heard;
mod session;
pub mod status;

pub use session::{Edited, Refused};
