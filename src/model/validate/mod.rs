//! From the located YAML tree to a [`Model`](crate::model::Model),
//! reporting every problem at once.
//!
//! One walk over the tree; each field is checked where it stands and each
//! problem becomes a [`Diagnostic`](crate::error::Diagnostic) with the
//! field path, the line and column, the value quoted and a fix. Unknown
//! keys are errors (SPEC §3: typos must not pass silently) with a "did you
//! mean". Nothing here reads files: holiday calendars by name or `.ics`
//! path come from a [`HolidaySource`].
//!
//! Merging (SPEC §4.1): an interview's key replaces the `defaults` key, lists
//! included; `policy` merges key by key at every depth, built-in first, then
//! `defaults.policy`, then the interview's. Each layer is parsed once into a
//! `Layer` of options, so a mistake in `defaults` is reported once, not once
//! per interview.
//!
//! One file per part of the input, each an `impl` block of the one
//! `Validator` walker:
//!
//! - `document`: [`validate`], the top level and the `interviews` list
//!   (checked in pieces on every core, joined in order), duplicate ids, at
//!   most one `accepted` interview;
//! - `candidate`: `candidate`;
//! - `settings`: the mergeable settings of `defaults` and of an interview
//!   (a `Layer`), and their merge into `Rules`;
//! - `policy`: `policy` and its merge key by key;
//! - `holidays`: `holidays` entries (dates, calendars, `.ics` files, file
//!   filters, `auto`) and `auto`'s calendar once the zone is known;
//! - `interview`: one interview: identity, times, people, topics;
//! - `status`: `status`, `status_date`, `competing_offer`, `offer`;
//! - `tracking`: what happened (SPEC §8): `done`, `heard_back`;
//! - `values`: single values (zones, dates, times, durations, booleans,
//!   channels, languages, tones);
//! - `validator`: the walker's state and the shape checks every part uses;
//! - `keys`: the keys each mapping may hold;
//! - `source`: [`HolidaySource`], where named calendars and `.ics` files
//!   come from.
//!
//! The diagnostics are sorted by position at the end, so the order in
//! which the parts run never shows.

mod candidate;
mod document;
mod holidays;
mod interview;
pub(crate) mod keys;
mod policy;
mod settings;
mod source;
mod status;
mod tracking;
mod validator;
mod values;

#[cfg(test)]
mod tests;

pub use document::validate;
pub use source::{DatesOnly, HolidaySource};
pub use tracking::same_name;
pub use values::parse_clock;
