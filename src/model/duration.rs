//! Durations as users write them (SPEC §3): `30m`, `2h`, `1d`, `1w`, `3bd`.
//!
//! `m` and `h` are elapsed time; `d` and `w` are calendar days that keep the
//! wall-clock time; `bd` counts business days. What each means on an instant
//! or on a date is `crate::policy::when`'s business; this module only parses.

use std::fmt;

/// A parsed duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duration {
    /// Elapsed minutes (`m`, `h`).
    Minutes(i64),
    /// Calendar days (`d`; `w` is seven of them).
    Days(i64),
    /// Business days (`bd`).
    BusinessDays(u32),
}

/// Why a duration did not parse; the message is ready for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(pub &'static str);

/// The largest count accepted, in any unit: ten years of days is far more
/// than any follow-up needs, and keeps every later sum inside jiff's range.
const MAX_COUNT: i64 = 5_000;

impl Duration {
    /// Parses `30m`, `2h`, `1d`, `1w`, `3bd` (surrounding spaces allowed).
    pub fn parse(text: &str) -> Result<Duration, DurationError> {
        let t = text.trim();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(DurationError(if t.starts_with('-') {
                "durations cannot be negative"
            } else {
                "a duration is a whole number followed by a unit"
            }));
        }
        let (num, unit) = t.split_at(digits);
        let n: i64 = num
            .parse()
            .ok()
            .filter(|n| *n <= MAX_COUNT * 24 * 60)
            .ok_or(DurationError("the number is too large"))?;
        let too_big = |limit: i64| -> Result<(), DurationError> {
            if n > limit {
                Err(DurationError("the number is too large"))
            } else {
                Ok(())
            }
        };
        match unit.trim() {
            "m" | "min" => {
                too_big(MAX_COUNT * 24 * 60)?;
                Ok(Duration::Minutes(n))
            }
            "h" => {
                too_big(MAX_COUNT * 24)?;
                Ok(Duration::Minutes(n * 60))
            }
            "d" => {
                too_big(MAX_COUNT)?;
                Ok(Duration::Days(n))
            }
            "w" => {
                too_big(MAX_COUNT / 7)?;
                Ok(Duration::Days(n * 7))
            }
            "bd" => {
                too_big(MAX_COUNT)?;
                Ok(Duration::BusinessDays(n as u32))
            }
            "" => Err(DurationError("the unit is missing")),
            _ => Err(DurationError("unknown unit")),
        }
    }

    /// Elapsed minutes, if this is an `m`/`h` duration.
    pub fn minutes(self) -> Option<i64> {
        match self {
            Duration::Minutes(m) => Some(m),
            _ => None,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Duration::Minutes(m) if m % 60 == 0 && m != 0 => write!(f, "{}h", m / 60),
            Duration::Minutes(m) => write!(f, "{m}m"),
            Duration::Days(d) if d % 7 == 0 && d != 0 => write!(f, "{}w", d / 7),
            Duration::Days(d) => write!(f, "{d}d"),
            Duration::BusinessDays(n) => write!(f, "{n}bd"),
        }
    }
}

/// The hint every duration error carries.
pub const DURATION_HINT: &str =
    "write a whole number and a unit: `30m`, `2h`, `1d`, `1w` or `3bd` (business days)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        case("30m", Ok(Duration::Minutes(30)));
        case("2h", Ok(Duration::Minutes(120)));
        case(" 1d ", Ok(Duration::Days(1)));
        case("1w", Ok(Duration::Days(7)));
        case("3bd", Ok(Duration::BusinessDays(3)));
        case("0bd", Ok(Duration::BusinessDays(0)));
        case("0m", Ok(Duration::Minutes(0)));
        case("2 h", Ok(Duration::Minutes(120)));
        case("2x", Err("unknown unit"));
        case("h", Err("a duration is a whole number followed by a unit"));
        case("-1d", Err("durations cannot be negative"));
        case("15", Err("the unit is missing"));
        case("1.5h", Err("unknown unit"));
        case("99999999999999999999m", Err("the number is too large"));
        case("6000d", Err("the number is too large"));
    }

    #[test]
    fn displays_in_the_users_units() {
        assert_eq!(Duration::Minutes(120).to_string(), "2h");
        assert_eq!(Duration::Minutes(90).to_string(), "90m");
        assert_eq!(Duration::Days(14).to_string(), "2w");
        assert_eq!(Duration::BusinessDays(5).to_string(), "5bd");
    }

    #[track_caller]
    fn case(text: &str, want: Result<Duration, &'static str>) {
        assert_eq!(
            Duration::parse(text),
            want.map_err(DurationError),
            "{text:?}"
        );
    }
}
