//! Dates on the command line (SPEC §8): every date flag (`plan --from/--to`,
//! `holidays --from/--to`, `--on` of the commands that edit the YAML) takes
//! `YYYY-MM-DD` or a date relative to today: `today`, `tomorrow`,
//! `yesterday`, `+3d`, `-2d`, `+1w`, `-1w` (a sign, a count, `d` days or
//! `w` weeks). One parser for all of them.
//!
//! Parsing needs no clock: a [`DateArg`] is resolved against "today",
//! which the caller computes from "now" in the zone the flag is about (the
//! candidate's, else UTC, for `--from/--to`; the employer's for `--on`) with
//! [`today`]. Pure: no clock, no I/O.
//!
//! A clap argument of this type needs `allow_hyphen_values = true`, or
//! `--from -2d` reads `-2d` as a flag.
//!
//! Every date and instant a command line gives (`--from`, `--to`, `--on`,
//! `--year`, `--now`, SOURCE_DATE_EPOCH) is held to the years followup
//! handles (SPEC §11: 1970-2200), like every date an input holds.

use crate::ics::YEARS;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use std::fmt;
use std::str::FromStr;

/// A date as written on the command line, before "today" is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateArg {
    /// `2026-11-23`.
    On(Date),
    /// Days from today: `today` 0, `tomorrow` 1, `yesterday` -1, `+1w` 7.
    FromToday(i64),
}

/// A date flag's value that is not a date, or one that leaves the
/// supported range once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateArgError(String);

impl fmt::Display for DateArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateArgError {}

/// What every message about a bad date flag ends with.
pub const DATE_HINT: &str = "write YYYY-MM-DD, today, tomorrow, yesterday, or days or weeks from today such as +3d, -2d, +1w";

/// The most days a relative date may reach (about 27 years): enough for
/// any follow-up, and far from the edge of the calendar.
const MAX_DAYS: i64 = 10_000;

impl FromStr for DateArg {
    type Err = DateArgError;

    /// # Example: what parses
    ///
    /// ```
    /// use followup::flows::dates::DateArg;
    /// assert_eq!("today".parse(), Ok(DateArg::FromToday(0)));
    /// assert_eq!(" Tomorrow ".parse(), Ok(DateArg::FromToday(1)));
    /// assert_eq!("-2d".parse(), Ok(DateArg::FromToday(-2)));
    /// assert_eq!("+1w".parse(), Ok(DateArg::FromToday(7)));
    /// assert!("2026-11-23".parse::<DateArg>().is_ok());
    /// assert!("3d".parse::<DateArg>().is_err()); // a sign is required
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let bad = || DateArgError(format!("{t:?} is not a date: {DATE_HINT}"));
        match t.to_ascii_lowercase().as_str() {
            "today" => return Ok(DateArg::FromToday(0)),
            "tomorrow" => return Ok(DateArg::FromToday(1)),
            "yesterday" => return Ok(DateArg::FromToday(-1)),
            _ => {}
        }
        if let Some(sign) = t.chars().next().filter(|c| matches!(c, '+' | '-')) {
            let rest = &t[1..];
            let (count, unit) = rest.split_at(rest.len().saturating_sub(1));
            let per = match unit {
                "d" | "D" => 1,
                "w" | "W" => 7,
                _ => return Err(bad()),
            };
            if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let days = count
                .parse::<i64>()
                .ok()
                .and_then(|n| n.checked_mul(per))
                .filter(|d| *d <= MAX_DAYS)
                .ok_or_else(|| {
                    DateArgError(format!(
                        "{t:?} is too far from today: at most {MAX_DAYS} days"
                    ))
                })?;
            return Ok(DateArg::FromToday(if sign == '-' { -days } else { days }));
        }
        // Only the full form: jiff alone would read more than a date.
        if t.len() == 10
            && let Ok(d) = t.parse::<Date>()
        {
            year(d.year()).map_err(DateArgError)?;
            return Ok(DateArg::On(d));
        }
        Err(bad())
    }
}

impl DateArg {
    /// The date this stands for when today is `today`.
    pub fn resolve(self, today: Date) -> Result<Date, DateArgError> {
        match self {
            DateArg::On(d) => Ok(d),
            DateArg::FromToday(n) => {
                let d = today
                    .checked_add(Span::new().days(n))
                    .map_err(|_| DateArgError(format!("{n} days from {today} is out of range")))?;
                year(d.year()).map_err(DateArgError)?;
                Ok(d)
            }
        }
    }
}

/// Parses and resolves a date flag's value in one step.
///
/// # Example
///
/// ```
/// use followup::flows::dates::parse_date;
/// use jiff::civil::date;
/// let today = date(2026, 11, 22);
/// assert_eq!(parse_date("+1w", today), Ok(date(2026, 11, 29)));
/// assert_eq!(parse_date("2026-12-01", today), Ok(date(2026, 12, 1)));
/// ```
pub fn parse_date(s: &str, today: Date) -> Result<Date, DateArgError> {
    s.parse::<DateArg>()?.resolve(today)
}

/// [`parse_date`] with its error as text: what the editing commands
/// (`done --on`, `status --deadline`, `add --decision-by`) put after the
/// flag's name in their message.
///
/// ```
/// use followup::flows::dates::resolve_date;
/// use jiff::civil::date;
/// assert_eq!(resolve_date("tomorrow", date(2026, 11, 30)), Ok(date(2026, 12, 1)));
/// ```
pub fn resolve_date(text: &str, today: Date) -> Result<Date, String> {
    parse_date(text, today).map_err(|e| e.to_string())
}

/// Why a year is refused, for a message.
fn outside(year: i16) -> String {
    format!(
        "the year {year} is outside the years {}-{} followup handles",
        YEARS.start(),
        YEARS.end()
    )
}

/// A year (`--year`), held to SPEC §11's years.
pub fn year(y: i16) -> Result<i16, String> {
    if YEARS.contains(&y) {
        Ok(y)
    } else {
        Err(outside(y))
    }
}

/// A `--year` argument (clap's value parser).
pub fn year_arg(text: &str) -> Result<i16, String> {
    let y: i16 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a year; write e.g. 2027"))?;
    year(y)
}

/// "Now" from `--now` or SOURCE_DATE_EPOCH, in UTC, held to SPEC §11's
/// years.
pub fn now(t: Timestamp) -> Result<Timestamp, String> {
    year(t.to_zoned(TimeZone::UTC).year()).map(|_| t)
}

/// Today's date at `now` in `zone` (UTC when `None`).
pub fn today(now: Timestamp, zone: Option<&TimeZone>) -> Date {
    match zone {
        Some(tz) => tz.to_datetime(now).date(),
        None => TimeZone::UTC.to_datetime(now).date(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[track_caller]
    fn case(s: &str, want: Option<Date>) {
        let today = date(2026, 11, 22);
        assert_eq!(parse_date(s, today).ok(), want, "{s:?}");
    }

    #[test]
    fn every_form_against_a_fixed_today() {
        case("today", Some(date(2026, 11, 22)));
        case("TODAY", Some(date(2026, 11, 22)));
        case("tomorrow", Some(date(2026, 11, 23)));
        case("yesterday", Some(date(2026, 11, 21)));
        case("+3d", Some(date(2026, 11, 25)));
        case("-2d", Some(date(2026, 11, 20)));
        case("+0d", Some(date(2026, 11, 22)));
        case("+1w", Some(date(2026, 11, 29)));
        case("-1w", Some(date(2026, 11, 15)));
        case("+10d", Some(date(2026, 12, 2)));
        // Across a year end.
        case("+6w", Some(date(2027, 1, 3)));
        case("2026-02-28", Some(date(2026, 2, 28)));
        case(" 2026-12-01 ", Some(date(2026, 12, 1)));
        for bad in [
            "",
            "3d",
            "+d",
            "+3",
            "+3m",
            "+3dd",
            "++3d",
            "+-3d",
            "+3 d",
            "2026-02-30",
            "2026-2-3",
            "26-11-22",
            "tomorow",
            "now",
            "+1.5w",
            "2026-11-22T10:00",
        ] {
            case(bad, None);
        }
        // Too far, and the message says why.
        case("+10001d", None);
        case("+10000d", Some(date(2054, 4, 9)));
        let e = parse_date("+2000w", date(2026, 11, 22)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"+2000w\" is too far from today: at most 10000 days"
        );
        let e = parse_date("tomorow", date(2026, 11, 22)).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("\"tomorow\" is not a date: {DATE_HINT}")
        );
    }

    #[test]
    fn today_is_the_date_in_the_zone_asked() {
        let now: Timestamp = "2026-11-22T23:30:00Z".parse().unwrap();
        assert_eq!(today(now, None), date(2026, 11, 22));
        let tokyo = crate::zone::lookup("Asia/Tokyo").unwrap().tz;
        assert_eq!(today(now, Some(&tokyo)), date(2026, 11, 23));
        let la = crate::zone::lookup("America/Los_Angeles").unwrap().tz;
        assert_eq!(today(now, Some(&la)), date(2026, 11, 22));
    }
}
#[cfg(test)]
mod resolve_date_tests {
    use super::*;
    use jiff::civil::date;

    #[track_caller]
    fn case(text: &str, want: Option<Date>) {
        assert_eq!(resolve_date(text, date(2026, 12, 31)).ok(), want, "{text}");
    }

    #[test]
    fn words_offsets_and_iso_dates() {
        case("today", Some(date(2026, 12, 31)));
        case("Today", Some(date(2026, 12, 31)));
        case("yesterday", Some(date(2026, 12, 30)));
        case("tomorrow", Some(date(2027, 1, 1)));
        case("+3d", Some(date(2027, 1, 3)));
        case("-2d", Some(date(2026, 12, 29)));
        case("+1w", Some(date(2027, 1, 7)));
        case("-0d", Some(date(2026, 12, 31)));
        case("2026-02-28", Some(date(2026, 2, 28)));
        case("2026-02-30", None);
        case("+d", None);
        case("3d", None);
        case("+3m", None);
        case("+99999999d", None);
        case("next week", None);
    }
}

#[cfg(test)]
mod years_tests {
    use super::*;

    #[test]
    fn dates_outside_the_years_are_refused() {
        let today = jiff::civil::date(2026, 11, 27);
        assert!(parse_date("2026-11-27", today).is_ok());
        assert!(parse_date("1970-01-01", today).is_ok() && parse_date("2200-12-31", today).is_ok());
        assert!(
            parse_date("0000-01-01", today).is_err_and(|e| e.to_string().contains("1970-2200"))
        );
        assert!(
            parse_date("9999-12-31", today).is_err_and(|e| e.to_string().contains("year 9999"))
        );
        assert!(parse_date("1969-12-31", today).is_err());
        assert!(parse_date("+9999d", jiff::civil::date(2199, 1, 1)).is_err());
        assert!(year_arg("2201").is_err() && year_arg("2027") == Ok(2027));
        assert!(now(Timestamp::UNIX_EPOCH).is_ok());
        assert!(
            now("2300-01-01T00:00:00Z"
                .parse()
                .unwrap_or(Timestamp::UNIX_EPOCH))
            .is_err()
        );
    }
}
