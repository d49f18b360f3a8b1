//! `holidays CALENDAR` (SPEC §2): the days off a `holidays` entry gives,
//! to check a calendar before using it; `holidays --list`: every built-in
//! calendar with the years it covers.
//!
//! CALENDAR is a built-in calendar's name (any case) or an `.ics` file,
//! whose events a [`Filter`] may narrow (`--only`, `--except`; refused
//! with a built-in calendar, which has no events to pick).
//! The period is a year (the current one by default: the caller passes
//! "now", read as a UTC date) or two dates. Exit codes (SPEC §2;
//! docs/decisions.md): an unknown calendar name is a usage error (2), like
//! any other bad argument; an `.ics` file that cannot be read is an I/O
//! error (3), one that is not a holiday calendar this tool reads is invalid
//! input (1).

use super::failure::Failure;
use crate::calendar::holidays::{self, table};
use crate::error::Exit;
use crate::io;
use crate::io::holidays::{IcsFileError, read_ics};
use crate::model::suggest;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::ops::RangeInclusive;
use std::path::Path;

pub use crate::calendar::holidays::ics::Filter;

/// How the holidays are shown: a heading then one line per date, or
/// `{"holidays": [{"date": …, "name": …}, …]}`.
pub use super::Format;

/// Which days.
#[derive(Debug, Clone, Copy)]
pub enum Period {
    /// One calendar year.
    Year(i16),
    /// The year of this instant, in UTC (no `--year`, no dates).
    YearOf(Timestamp),
    /// From the first date to the second, both included.
    Dates(Date, Date),
}

/// The names of the built-in calendars, for help texts.
pub fn builtin_names() -> &'static [&'static str] {
    holidays::names()
}

/// `holidays --list`: every built-in calendar, one a line, with what it
/// holds and the years it covers ("rules, any year" for the rule-based
/// ones).
///
/// ```text
/// IN-KA   Karnataka, India public holidays     2001-2035
/// ```
pub fn list_text() -> String {
    let rows: Vec<(&str, String, String)> = holidays::every()
        .map(|c| {
            let years = match c.years() {
                Some(y) => format!("{}-{}", y.start(), y.end()),
                None => "rules, any year".to_string(),
            };
            (c.name(), c.description(), years)
        })
        .collect();
    let name_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let what_width = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    let mut out = format!(
        "{} built-in holiday calendars (the table ones from {}):\n\n",
        rows.len(),
        table::SOURCE
    );
    for (name, what, years) in rows {
        let pad = what_width.saturating_sub(what.chars().count());
        let _ = writeln!(
            out,
            "{name:<name_width$}  {what}{}  {years}",
            " ".repeat(pad)
        );
    }
    out
}

/// Where the holidays come from.
enum Source<'a> {
    Builtin(holidays::Calendar),
    File(&'a Path),
}

/// The holidays `calendar` gives in `period`, as text in `format`; for an
/// `.ics` file, of the events `filter` keeps.
pub fn list(
    calendar: &str,
    period: Period,
    filter: &Filter,
    format: Format,
) -> Result<String, Failure> {
    let (from, to) = match period {
        Period::Dates(f, t) if f > t => {
            return Err(Failure::Message(
                Exit::Usage,
                format!("--from {f} is after --to {t}\n  = help: give the earlier date first"),
            ));
        }
        Period::Dates(f, t) => (f, t),
        Period::Year(year) => whole_year(year)?,
        Period::YearOf(now) => whole_year(now.to_zoned(jiff::tz::TimeZone::UTC).year())?,
    };
    let source = source(calendar)?;
    if matches!(source, Source::Builtin(_)) && !(filter.only.is_empty() && filter.except.is_empty())
    {
        return Err(Failure::Message(
            Exit::Usage,
            format!(
                "--only and --except pick events of an .ics file; {calendar:?} is a built-in calendar\n  = help: drop them, or give an .ics file"
            ),
        ));
    }
    let years: RangeInclusive<i16> = from.year()..=to.year();
    let days: Vec<(Date, Option<String>)> = match source {
        Source::Builtin(c) => holidays::holidays_in(c.name(), years)
            .unwrap_or_default()
            .into_iter()
            .map(|(d, n)| (d, Some(n)))
            .collect(),
        Source::File(path) => match read_ics(path, years, filter) {
            Ok(days) => days,
            Err(IcsFileError::Io(e)) => return Err(Failure::Io(e)),
            Err(IcsFileError::Invalid(why)) => {
                return Err(Failure::Message(
                    Exit::Invalid,
                    format!(
                        "cannot read holiday file {}: {why}\n  = help: docs/holidays.md says what is read from an .ics file and what is refused",
                        path.display()
                    ),
                ));
            }
        },
    };
    let days: Vec<_> = days
        .into_iter()
        .filter(|(d, _)| *d >= from && *d <= to)
        .collect();
    Ok(match format {
        Format::Json => to_json(&days),
        Format::Table => to_table(&heading(calendar, from, to), &days),
    })
}

/// 1 January to 31 December of `year`.
fn whole_year(year: i16) -> Result<(Date, Date), Failure> {
    match (Date::new(year, 1, 1), Date::new(year, 12, 31)) {
        (Ok(f), Ok(t)) => Ok((f, t)),
        _ => Err(Failure::Message(
            Exit::Usage,
            format!("the year {year} is out of range\n  = help: give a year from 1 to 9999"),
        )),
    }
}

/// A built-in calendar by name, else a file: one whose name ends in `.ics`,
/// or anything that exists at that path. Otherwise a usage error with a
/// "did you mean" and a pointer to `--list` (there are some 300 names).
fn source(calendar: &str) -> Result<Source<'_>, Failure> {
    if let Some(c) = holidays::lookup(calendar) {
        return Ok(Source::Builtin(c));
    }
    let path = Path::new(calendar);
    if calendar.to_ascii_lowercase().ends_with(".ics") || io::exists(path) {
        return Ok(Source::File(path));
    }
    let names = holidays::names();
    let hint = match suggest::closest(calendar, names.iter().copied()) {
        Some(c) => format!("did you mean \"{c}\"? "),
        None => String::new(),
    };
    Err(Failure::Message(
        Exit::Usage,
        format!(
            "{calendar:?} is not a built-in holiday calendar or an .ics file\n  = help: {hint}`followup holidays --list` names the {} built-in calendars; or give the path of an .ics file",
            names.len()
        ),
    ))
}

/// `US (United States federal holidays), 2027` or
/// `office.ics, 2026-12-01 to 2027-01-31`.
fn heading(calendar: &str, from: Date, to: Date) -> String {
    let name = match holidays::lookup(calendar) {
        Some(c) => format!("{} ({})", c.name(), c.description()),
        None => calendar.to_string(),
    };
    let whole_year = from.month() == 1
        && from.day() == 1
        && to.month() == 12
        && to.day() == 31
        && from.year() == to.year();
    if whole_year {
        format!("{name}, {}", from.year())
    } else {
        format!("{name}, {from} to {to}")
    }
}

/// `{"holidays": [...]}`, one holiday a line, `name` null where unknown.
pub fn to_json(days: &[(Date, Option<String>)]) -> String {
    let mut out = String::from("{\"holidays\": [");
    for (i, (date, name)) in days.iter().enumerate() {
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        let name = match name {
            Some(n) => serde_json::to_string(n).unwrap_or_else(|_| "null".to_string()),
            None => "null".to_string(),
        };
        let _ = write!(out, "{{\"date\": \"{date}\", \"name\": {name}}}");
    }
    out.push_str(if days.is_empty() { "]}\n" } else { "\n]}\n" });
    out
}

/// A heading, then one line per date: date, weekday, name.
fn to_table(heading: &str, days: &[(Date, Option<String>)]) -> String {
    let mut out = format!("{heading}\n\n");
    if days.is_empty() {
        out.push_str("No holidays in this period.\n");
    }
    for (date, name) in days {
        let _ = writeln!(
            out,
            "{date}  {}  {}",
            date.strftime("%a"),
            name.as_deref().unwrap_or("-")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn json_shape() {
        assert_eq!(to_json(&[]), "{\"holidays\": []}\n");
        assert_eq!(
            to_json(&[
                (date(2027, 1, 1), Some("New Year's Day".into())),
                (date(2027, 1, 2), Some("Say \"cheese\"".into())),
                (date(2027, 1, 3), None),
            ]),
            "{\"holidays\": [\n  {\"date\": \"2027-01-01\", \"name\": \"New Year's Day\"},\n  {\"date\": \"2027-01-02\", \"name\": \"Say \\\"cheese\\\"\"},\n  {\"date\": \"2027-01-03\", \"name\": null}\n]}\n"
        );
    }

    #[test]
    fn headings() {
        let y = |f, t| heading("us", f, t);
        assert_eq!(
            y(date(2027, 1, 1), date(2027, 12, 31)),
            "US (United States federal holidays), 2027"
        );
        assert_eq!(
            y(date(2027, 1, 1), date(2027, 1, 31)),
            "US (United States federal holidays), 2027-01-01 to 2027-01-31"
        );
        assert_eq!(
            heading("a.ics", date(2026, 12, 1), date(2027, 12, 31)),
            "a.ics, 2026-12-01 to 2027-12-31"
        );
    }

    #[test]
    fn the_list_names_every_calendar_with_its_years() {
        let text = list_text();
        assert_eq!(text.lines().count(), holidays::names().len() + 2);
        let line = |name: &str| {
            text.lines()
                .find(|l| l.split_whitespace().next() == Some(name))
                .unwrap_or_default()
                .to_string()
        };
        assert!(
            line("US").contains("United States federal holidays "),
            "{}",
            line("US")
        );
        assert!(line("US").ends_with("  rules, any year"), "{}", line("US"));
        assert!(
            line("IN-KA").contains("Karnataka, India public holidays"),
            "{}",
            line("IN-KA")
        );
        assert!(line("IN-KA").ends_with("2001-2035"), "{}", line("IN-KA"));
        assert!(line("JP").ends_with("2000-2060"), "{}", line("JP"));
    }
}
