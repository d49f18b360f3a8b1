//! What the user wrote (SPEC §3), in two types.
//!
//! [`yaml`] parses text into a located tree that checks nothing but syntax;
//! [`validate`] is the only producer of a [`Model`]: zones looked up,
//! `defaults` merged (SPEC §4.1), durations parsed, every problem reported at
//! once with its location. Everything downstream trusts a `Model`.
//!
//! - `types`: [`Model`] and its parts, resolved;
//! - [`yaml`]: the located tree (YAML 1.2, with line and column);
//! - [`validate`]: tree → [`Model`] and every diagnostic, in one pass;
//! - [`duration`], [`kinds`]: `3bd`-style durations, step kinds and channels;
//! - [`schema`]: the JSON Schema of the input, for editors;
//! - [`suggest`]: "did you mean" for unknown keys and names.
//!
//! No I/O: holiday sources that live in files reach validation through the
//! [`validate::HolidaySource`] trait, implemented at the edge.

pub mod duration;
pub mod kinds;
pub mod schema;
pub mod suggest;
mod types;
pub mod validate;
pub mod yaml;

pub use types::{
    Candidate, CompetingOffer, Done, Interview, Interviewer, Model, Offer, Policy, Rules, Status,
};
