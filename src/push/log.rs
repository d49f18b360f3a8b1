//! The request log behind `-v`: one [`RequestLog`] per request, handed to a
//! callback the caller chooses (print, count, collect in a test).
//!
//! A log line is built from the method, the path (or mailbox) and the
//! status only: headers, bodies and URLs with user info never enter it, so
//! neither `Authorization` nor a password can be logged.

use std::sync::Arc;
use std::time::Duration;

/// One request and its result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestLog {
    /// HTTP method (`PUT`) or IMAP command (`UID FETCH`).
    pub method: String,
    /// The URL's path, or the IMAP mailbox; never user info or a query.
    pub target: String,
    /// HTTP status code (`201`) or IMAP result (`OK`, `NO`); `-` when no
    /// reply came.
    pub status: String,
    /// Whether the request changes what the server holds (PUT, DELETE,
    /// MKCALENDAR, APPEND, STORE, EXPUNGE).
    pub write: bool,
    pub elapsed: Duration,
}

impl std::fmt::Display for RequestLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} ({} ms)",
            self.method,
            self.target,
            self.status,
            self.elapsed.as_millis()
        )
    }
}

/// Where request logs go. Called from worker threads, hence `Send + Sync`.
pub type Logger = Arc<dyn Fn(&RequestLog) + Send + Sync>;
