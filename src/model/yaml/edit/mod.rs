//! Edits of a YAML text that keep every byte outside the lines they
//! insert or change (SPEC §8: `done`, `heard`, `status` and `add` edit the
//! user's file in place): comments, key order, quoting, flow or block
//! style, indentation, CRLF line endings and a missing final newline all
//! stay as they were.
//!
//! An edit is a splice of the original text at byte offsets read from the
//! parser's events (`outline`), written in the style of its neighbours
//! (`fragment`): a new key takes its siblings' indentation, a list item
//! its last sibling's shape (`- { step: thank-you, on: 2026-11-18 }` or a
//! block mapping), a flow mapping grows by `, key: value`, scalars stay
//! plain whenever YAML 1.2 reads them back as the same text (`on:` is
//! not a boolean there). The result is then checked before anyone may
//! write it (`guard`): a line diff against the original, a re-parse
//! compared with the intended tree, the line endings. Any doubt refuses
//! the edit; nothing here ever re-serializes a document.
//!
//! Why by hand and not through a format-preserving YAML crate:
//! docs/decisions.md "Editing the YAML".
//!
//! - `editor`: [`Editor`] (`set`, `push`, `finish`), [`At`], [`EditError`];
//! - `fragment`: [`Fragment`], what an edit writes, and its spelling;
//! - `outline`: byte ranges and styles of every node;
//! - `guard`: the checks of the result;
//! - `splice`: [`Splice`] and [`EditError`], shared by `editor` and `guard`.
//!
//! Pure: text in, text out.

mod editor;
mod fragment;
mod guard;
mod outline;
mod splice;

#[cfg(test)]
mod tests;

pub use editor::{At, Editor};
pub use fragment::Fragment;
pub use splice::EditError;
