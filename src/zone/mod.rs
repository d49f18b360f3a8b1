//! IANA zones.
