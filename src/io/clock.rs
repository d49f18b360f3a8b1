//! The clock: the only place the program reads it. Everything else is
//! handed "now" as a value.

use jiff::Timestamp;

/// "Now" from the clock: the only call to it in the program.
pub fn clock_now() -> Timestamp {
    Timestamp::now()
}
