//! Why an `.ics` file gives no holidays: the one error type the reader,
//! its content-line layer (`text`) and its recurrence rules (`rrule`)
//! share, kept in a file of its own so that none of them names another
//! back.
//!
//! No I/O.

/// Why a file gives no holidays; the message completes "cannot read holiday
/// file X: …" ("it is not an iCalendar file …", "event 3 ("Founder's Day")
/// has RRULE …").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsError(pub String);

impl std::fmt::Display for IcsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IcsError {}

pub(super) fn err<T>(message: impl Into<String>) -> Result<T, IcsError> {
    Err(IcsError(message.into()))
}
