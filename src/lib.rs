//! followup: job interviews in YAML → a calendar of follow-up steps.
pub mod calendar;
pub mod error;
pub mod ics;
pub mod model;
pub mod notes;
pub mod zone;
