//! RFC 5545 and nothing else: TEXT escaping, line folding and the CRLF
//! terminator, a content-line writer, the VTIMEZONE component, and a
//! plain-data calendar with its writer, reading one back, and merging
//! a regenerated calendar with the previous one. It knows nothing of interviews,
//! reads no files and no clock.
//!
//! - [`escape`]: the one TEXT escaper (§3.3.11) and its inverse;
//! - [`fold`]: the one folder and CRLF writer (§3.1) and its inverse;
//! - [`writer`]: [`Writer`], properties straight into one byte buffer (§3.1–§3.3);
//! - [`timezone`]: [`VTimezone`] (§3.6.5), written and read as a client does;
//! - [`calendar`]: [`Calendar`] and [`Event`] (§3.4, §3.6.1, §3.6.6);
//! - [`split`]: a calendar's bytes cut into components as they arrive;
//! - [`read`]: a calendar read back into that plain data (§3.1–§3.8);
//! - [`invite`]: a meeting invitation from another program (RFC 5546
//!   REQUEST or a PUBLISH export), read into an [`invite::Invite`];
//! - [`index`]: a previous calendar indexed a piece at a time, for a
//!   regeneration that never holds it whole;
//! - [`merge`]: regeneration over a previous file (SEQUENCE, DTSTAMP,
//!   LAST-MODIFIED, STATUS:CANCELLED; SPEC §5).

pub mod calendar;
pub mod escape;
pub mod fold;
pub mod index;
pub mod invite;
pub mod merge;
pub mod read;
pub mod split;
pub mod timezone;
pub mod writer;

#[cfg(test)]
pub(crate) mod testing;

pub use calendar::{Alarm, Calendar, Event, Status, Transp, When, YEARS};
pub use timezone::{Observance, Reading, VTimezone, YearlyRule};
pub use writer::Writer;
