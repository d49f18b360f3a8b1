//! The clock: the only place the program reads it. Everything else is
//! handed "now" as a value, and measures time through a [`Stopwatch`].

use jiff::Timestamp;

/// "Now" from the clock: the only call to it in the program.
pub fn clock_now() -> Timestamp {
    Timestamp::now()
}

/// Time elapsed since a start, on the monotonic clock: how long a batch
/// took, how long a burst of file changes has lasted.
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch(std::time::Instant);

impl Stopwatch {
    pub fn start() -> Self {
        Stopwatch(std::time::Instant::now())
    }

    pub fn elapsed(&self) -> std::time::Duration {
        self.0.elapsed()
    }
}
