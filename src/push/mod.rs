//! Delivery into the calendar and mailbox people already use (SPEC §10).
//!
//! - [`caldav`]: synchronises a set of calendar resources into one CalDAV
//!   collection (RFC 4791 over WebDAV, RFC 4918), with discovery from a
//!   server root (RFC 6764, RFC 4791 §6.2) and MKCALENDAR;
//! - [`imap`]: synchronises a set of draft messages into the Drafts mailbox
//!   (RFC 3501, SPECIAL-USE RFC 6154, UIDPLUS RFC 4315);
//! - [`sync`]: the pure decision both share: what to create, replace,
//!   delete or leave, given what is wanted and what the server holds;
//! - [`credentials`], [`log`], [`error`], [`hash`], [`tls`]: what the two
//!   clients have in common.
//!
//! The state lives on the server and nowhere else: each resource or message
//! followup writes carries the hash of its content, so a run compares hashes
//! with what it reads back, writes only what differs, and a run that was
//! interrupted is finished by the next one. What followup did not write is
//! never changed or deleted.
//!
//! Never here: the planner, files, the clock, or printing. The caller passes
//! bodies, names, keys and credentials in, and gets counts and per-item
//! outcomes back; request logs go to a callback. Credentials never appear in
//! an error, a log line or a `Debug` output. Behind the default `push`
//! cargo feature.

pub mod caldav;
pub mod credentials;
pub mod error;
pub mod hash;
pub mod imap;
pub mod log;
pub mod sync;
pub mod tls;

pub use credentials::{Credentials, Secret};
pub use error::Error;
pub use log::{Logger, RequestLog};
