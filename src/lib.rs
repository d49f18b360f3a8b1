//! followup: job interviews in YAML → a calendar of follow-up steps.
pub mod ics;
pub mod model;
pub mod notes;
pub mod zone;
