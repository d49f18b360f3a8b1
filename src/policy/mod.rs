//! The follow-up rules of SPEC §4, §4.1 and §8, one file per step kind.
//!
//! [`plan`] turns a validated [`Model`](crate::model::Model) into [`Step`]s:
//! times first (counting from what was done), the `done` marks, then
//! cancellation marks (`heard_back`, status, an accepted offer, then rounds
//! of one process). Pure: no clock, no I/O; the same model always gives the
//! same steps.
//!
//! - `step`: [`Step`] and [`StepStatus`], the plain data every rule makes;
//! - `plan`: [`plan`], the rules in order for every interview;
//! - one file per step kind (`interview`, `thank_you`, `check_in` for the
//!   check-in and follow-ups in cycles, `move_on`, `feedback`,
//!   `competing_offer`, `offer` for offer-thanks and offer-decision,
//!   `withdraw`), each placing its step;
//! - `done`: which step each `done` entry marks, and its errors;
//! - `status`: cancellation by status and by later rounds;
//! - [`when`]: durations on dates and instants, business days, working
//!   hours; [`uid`]: name-based UIDs.

mod check_in;
mod competing_offer;
mod done;
mod feedback;
mod interview;
mod move_on;
mod offer;
mod plan;
mod status;
mod step;
mod thank_you;
pub mod uid;
pub mod when;
mod withdraw;

#[cfg(test)]
mod tests;

pub use plan::plan;
pub use step::{Step, StepStatus};
