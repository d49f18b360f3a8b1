//! The follow-up rules of SPEC §4 and §4.1, one file per step kind.
//!
//! [`plan`] turns a validated [`Model`](crate::model::Model) into [`Step`]s: times first, then
//! cancellation marks (status, then rounds of one process). Pure: no clock,
//! no I/O; the same model always gives the same steps.
//!
//! - `step`: [`Step`] and [`StepStatus`], the plain data every rule makes;
//! - `plan`: [`plan`], the rules in order for every interview;
//! - one file per step kind (`interview`, `thank_you`, `check_in`,
//!   `move_on`, `feedback`, `competing_offer`), each placing its step;
//! - `status`: cancellation by status and by later rounds;
//! - [`when`]: durations on dates and instants, business days, working
//!   hours; [`uid`]: name-based UIDs.

mod check_in;
mod competing_offer;
mod feedback;
mod interview;
mod move_on;
mod plan;
mod status;
mod step;
mod thank_you;
pub mod uid;
pub mod when;

#[cfg(test)]
mod tests;

pub use plan::plan;
pub use step::{Step, StepStatus};
