//! The drafted messages: what each step's event says (SPEC §4 steps, §5
//! SUMMARY and DESCRIPTION, §9 drafted messages), and the `.eml` files a
//! mail program opens as drafts.
//!
//! [`Notes::render`] turns the [`Facts`] of one step into a [`Note`]: a
//! one-line SUMMARY for a month view, and a plain-text DESCRIPTION that says
//! why the step matters and when it is due (English), then holds the
//! drafted message in the interview's `language` and `tone` (an email with
//! its `Subject:` line and a [`mailto`] link, a letter or a card, or a call
//! script with its voicemail), or, for the interview itself, a checklist.
//!
//! How a message is made:
//!
//! - `frame`: the English reminder text, one template per step kind in
//!   `templates/frame/`;
//! - `compose`: the message's layout (subject, salutation, paragraphs of
//!   sentence slots, sign-off, name, signature; or the call script), which
//!   slots a step's facts allow, and the variant of each slot;
//! - `texts`: the slots' sentences, one template per language and step
//!   kind in `templates/<language>/`;
//! - `greeting`: the salutation; `dates`: dates as each language writes
//!   them, seen from the sending day; `tidy`: one-line names and the
//!   punctuation repairs; `shared`: what every step of an interview says
//!   the same way, converted once ([`Shared`]);
//! - [`mailto`]: links of at most 1,800 characters; [`eml`]: RFC 5322
//!   drafts.
//!
//! Every template is compiled into Rust with the program (askama), not
//! interpreted while drafting: drafting is most of a build's work (one note
//! per event), and an interpreted engine spent about 3 µs per note looking
//! variables up (docs/PERFORMANCE.md). A template naming a variable that
//! does not exist fails the build instead of leaving a blank in a message.
//!
//! Pure: no I/O, no clock, no randomness (the wording is chosen by a hash
//! of the interview's id). Text is not escaped here (the ics layer escapes
//! and folds); nothing here emits HTML (`.txt` templates are not escaped
//! by askama).

mod compose;
mod dates;
pub mod eml;
mod facts;
mod frame;
mod greeting;
mod mailto;
mod render;
mod shared;
mod texts;
mod tidy;

#[cfg(test)]
mod doc;
#[cfg(test)]
mod tests;

pub use compose::Message;
pub use facts::{Competing, Facts, Nudge, Offer, Person};
pub use mailto::{MAX_LINK, OVERFLOW, mailto};
pub use render::{Draft, Note, NoteError, Notes};
pub use shared::{NAME_PLACEHOLDER, Shared};
