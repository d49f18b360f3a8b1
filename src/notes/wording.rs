//! Plain-English dates, clock times, places and greeting names for the notes.
//!
//! Fixed English wording with day-month order ("Wed 18 Nov", "Wednesday 18
//! November"), 24-hour clock, and the place named after the zone's city
//! ("New York time"). No locale, no clock, no I/O: every function is pure.

use std::fmt::{self, Write as _};

use jiff::Zoned;
use jiff::civil::Date;
use jiff::tz::TimeZone;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_name(date: Date) -> &'static str {
    let i = usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0);
    WEEKDAYS.get(i).copied().unwrap_or("")
}

fn month_name(date: Date) -> &'static str {
    let i = usize::try_from(date.month() - 1).unwrap_or(0);
    MONTHS.get(i).copied().unwrap_or("")
}

/// The first three letters of an English name ("Wed", "Nov").
fn abbreviated(name: &str) -> &str {
    name.get(..3).unwrap_or(name)
}

/// "Wed 18 Nov": for the line that says when a step is due.
pub(crate) struct ShortDate(pub Date);

impl fmt::Display for ShortDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{} {} {}",
            abbreviated(weekday_name(d)),
            d.day(),
            abbreviated(month_name(d))
        )
    }
}

/// "Wednesday 18 November": for prose inside a drafted message.
pub(crate) struct LongDate(pub Date);

impl fmt::Display for LongDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{} {} {}", weekday_name(d), d.day(), month_name(d))
    }
}

/// The weekday alone: "Tuesday".
pub(crate) fn weekday(date: Date) -> &'static str {
    weekday_name(date)
}

/// "Wed 18 Nov, 15:00 New York time", or "Wed 18 Nov, 15:00 UTC+05:30" for a
/// zone without a city (a fixed offset, `UTC`, `Etc/…`).
///
/// # Example: a city with an underscore
///
/// `America/Argentina/Buenos_Aires` reads "Buenos Aires time": the last
/// segment of the zone id, underscores as spaces.
pub(crate) struct WhenInZone<'a>(pub &'a Zoned);

impl fmt::Display for WhenInZone<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let z = self.0;
        let t = z.time();
        write!(
            f,
            "{}, {:02}:{:02} ",
            ShortDate(z.date()),
            t.hour(),
            t.minute()
        )?;
        match city(z.time_zone()) {
            Some(city) => {
                for c in city.chars() {
                    f.write_char(if c == '_' { ' ' } else { c })?;
                }
                f.write_str(" time")
            }
            None => write_utc_offset(f, z.offset().seconds()),
        }
    }
}

/// "10:00 Tokyo time", or "10:00 UTC+09:00" for a zone without a city.
pub(crate) struct ClockInZone<'a>(pub &'a Zoned);

impl fmt::Display for ClockInZone<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let z = self.0;
        let t = z.time();
        write!(f, "{:02}:{:02} ", t.hour(), t.minute())?;
        match place(z) {
            Some(city) => write!(f, "{city} time"),
            None => write_utc_offset(f, z.offset().seconds()),
        }
    }
}

/// The place an instant's zone is named after ("Buenos Aires"), if any.
pub(crate) fn place(z: &Zoned) -> Option<String> {
    city(z.time_zone()).map(|c| c.replace('_', " "))
}

/// The city part of an IANA zone id, when it names a place.
fn city(tz: &TimeZone) -> Option<&str> {
    let name = tz.iana_name()?;
    // `Etc/GMT+5` is five hours *behind* UTC (POSIX sign): never show it.
    if name.starts_with("Etc/") || matches!(name, "UTC" | "GMT" | "UCT" | "Zulu" | "Universal") {
        return None;
    }
    let last = name.rsplit('/').next().unwrap_or(name);
    (!last.is_empty()).then_some(last)
}

/// "UTC", "UTC-05:00", "UTC+05:30".
fn write_utc_offset(f: &mut impl fmt::Write, seconds: i32) -> fmt::Result {
    if seconds == 0 {
        return f.write_str("UTC");
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    write!(f, "UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The name to greet someone by: "Mark" for "Mark Lee".
///
/// The full name is kept when splitting would be wrong or rude: a single
/// word (including CJK names written without spaces), a name with a comma
/// ("Lee, Mark"), or one that starts with an honorific or initial ("Dr. Ana
/// Ruiz", "J. Smith").
pub(crate) fn greeting_name(name: &str) -> &str {
    let name = name.trim();
    if name.contains(',') {
        return name;
    }
    match name.split_whitespace().next() {
        Some(first) if first.len() < name.len() && !first.ends_with('.') => first,
        _ => name,
    }
}

#[cfg(test)]
#[allow(clippy::panic)] // a test fails by panicking
mod tests {
    use super::*;
    use jiff::civil::date;

    #[track_caller]
    fn zoned(s: &str) -> Zoned {
        match s.parse() {
            Ok(z) => z,
            Err(e) => panic!("bad test zoned {s}: {e}"),
        }
    }

    #[track_caller]
    fn case_when(input: &str, want: &str) {
        assert_eq!(WhenInZone(&zoned(input)).to_string(), want, "{input}");
    }

    #[test]
    fn when_in_zone() {
        case_when(
            "2026-11-18T15:00[America/New_York]",
            "Wed 18 Nov, 15:00 New York time",
        );
        case_when(
            "2026-12-01T09:05[America/Argentina/Buenos_Aires]",
            "Tue 1 Dec, 09:05 Buenos Aires time",
        );
        case_when("2026-06-01T10:00[UTC]", "Mon 1 Jun, 10:00 UTC");
        case_when("2026-06-01T10:00[Etc/GMT+5]", "Mon 1 Jun, 10:00 UTC-05:00");
        case_when(
            "2026-06-01T10:00+05:30[+05:30]",
            "Mon 1 Jun, 10:00 UTC+05:30",
        );
        case_when(
            "2026-03-29T03:30[Europe/Berlin]",
            "Sun 29 Mar, 03:30 Berlin time",
        );
    }

    #[test]
    fn clock_in_zone() {
        let s = |z: &str| ClockInZone(&zoned(z)).to_string();
        assert_eq!(s("2026-11-25T10:00[Asia/Tokyo]"), "10:00 Tokyo time");
        assert_eq!(s("2026-11-25T10:05[Etc/GMT-9]"), "10:05 UTC+09:00");
        assert_eq!(
            place(&zoned("2026-11-25T10:00[America/New_York]")).as_deref(),
            Some("New York")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(ShortDate(date(2026, 11, 27)).to_string(), "Fri 27 Nov");
        assert_eq!(
            LongDate(date(2026, 11, 27)).to_string(),
            "Friday 27 November"
        );
        assert_eq!(weekday(date(2026, 11, 17)), "Tuesday");
    }

    #[track_caller]
    fn case_greet(name: &str, want: &str) {
        assert_eq!(greeting_name(name), want, "{name:?}");
    }

    #[test]
    fn greeting_names() {
        case_greet("Mark Lee", "Mark");
        case_greet("  Mark   Lee ", "Mark");
        case_greet("Lee, Mark", "Lee, Mark");
        case_greet("Dr. Ana Ruiz", "Dr. Ana Ruiz");
        case_greet("李明", "李明");
        case_greet("Zoë 🚀 Ng", "Zoë");
        case_greet("Cher", "Cher");
        case_greet("", "");
    }
}
