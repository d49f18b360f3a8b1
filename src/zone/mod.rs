//! IANA zones.
pub mod vtimezone;
