//! Diagnostics and exit codes (SPEC §2, §7).
//!
//! A [`Diagnostic`] carries everything its message needs: the file, the
//! line and column where the YAML gives them, the field path
//! (`interviews[2].timezone`), the offending value, what is wrong and how to
//! fix it. One renderer, [`Diagnostic::render`], formats them all, showing the
//! source line with a caret under the value when the text is at hand.
//!
//! - `diagnostic`: [`Diagnostic`], [`Severity`] and the [`FieldPath`] it names;
//! - `render`: [`Diagnostic::render`], the one renderer, and the [`Style`]
//!   the faces show diagnostics in;
//! - `exit`: [`Exit`], the exit codes;
//! - [`terminal`]: the one escaper of the user's text shown on a terminal
//!   or in a log (control and bidi characters, SPEC §11).
//!
//! Pure: nothing here prints; the faces (`cli`, `serve`) write the rendered
//! text.

mod diagnostic;
mod exit;
mod render;
pub mod terminal;

pub use diagnostic::{Diagnostic, FieldPath, Severity};
pub use exit::Exit;
pub use render::Style;
