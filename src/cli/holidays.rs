//! `followup holidays CALENDAR [--year Y | --from D --to D] [--format table|json]
//! [--only WORDS] [--except WORDS]`: the days off a `holidays` entry gives, to
//! check a calendar before using it; `followup holidays --list` names every
//! built-in calendar with the years it covers.
//!
//! CALENDAR is a built-in calendar's name (any case) or an `.ics` file. The
//! period defaults to the current year ("now": `--now`, SOURCE_DATE_EPOCH or
//! the clock, in UTC). Exit codes (SPEC §2; docs/decisions.md): an unknown
//! calendar name is a usage error (2), like any other bad argument; an
//! `.ics` file that cannot be read is an I/O error (3), one that is not a
//! holiday calendar this tool reads is invalid input (1).

use super::Context;
use crate::calendar::holidays::{self, ics::Filter};
use crate::error::Exit;
use crate::holidays_source::{IcsFileError, read_ics};
use crate::io;
use crate::model::suggest;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::ops::RangeInclusive;
use std::path::Path;

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

#[derive(clap::Args, Debug)]
#[command(after_help = after_help())]
pub struct Args {
    /// A built-in calendar (US, GB-ENG, JP, IN-KA, …; any case) or an .ics file.
    #[arg(value_name = "CALENDAR", required_unless_present = "list")]
    calendar: Option<String>,
    /// List every built-in calendar with what it holds and its years.
    #[arg(long, conflicts_with_all = ["calendar", "year", "from", "to", "only", "except"])]
    list: bool,
    /// For an .ics file: keep only events with this text in SUMMARY,
    /// DESCRIPTION or CATEGORIES (any case; repeat for several).
    #[arg(long, value_name = "TEXT")]
    only: Vec<String>,
    /// For an .ics file: drop events with this text (repeat for several).
    #[arg(long = "except", value_name = "TEXT")]
    except: Vec<String>,
    /// The year to list (default: the current year).
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i16).range(1..=9999), conflicts_with_all = ["from", "to"])]
    year: Option<i16>,
    /// The first date to list (with --to).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    from: Option<Date>,
    /// The last date to list (with --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    to: Option<Date>,
    /// Output format: a readable list, or JSON
    /// (`{"holidays": [{"date": …, "name": …}, …]}`).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

fn after_help() -> String {
    format!(
        "Examples:\n  followup holidays US                     # this year's US federal holidays\n  followup holidays gb-eng --year 2027\n  followup holidays --list                 # the {} built-in calendars and their years\n  followup holidays ./google.ics --only \"Public holiday\"\n  followup holidays ./office-closures.ics --from 2026-12-01 --to 2027-01-31 --format json\n\ndocs/holidays.md says what each calendar holds and what is read from an .ics file.",
        holidays::names().len()
    )
}

/// Where the holidays come from.
enum Source<'a> {
    Builtin(holidays::Calendar),
    File(&'a Path),
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let Some(calendar) = args.calendar.as_deref().filter(|_| !args.list) else {
        return match io::write_stdout(holidays::list_text().as_bytes()) {
            Ok(()) => Exit::Ok,
            Err(e) => ctx.io_error(&e),
        };
    };
    let filter = Filter {
        only: args.only.clone(),
        except: args.except.clone(),
    };
    let (from, to) = match (args.from, args.to, args.year) {
        (Some(f), Some(t), _) if f > t => {
            eprintln!("error: --from {f} is after --to {t}\n  = help: give the earlier date first");
            return Exit::Usage;
        }
        (Some(f), Some(t), _) => (f, t),
        (_, _, year) => {
            let year = match year {
                Some(y) => y,
                None => match ctx.now() {
                    Ok(now) => now.to_zoned(jiff::tz::TimeZone::UTC).year(),
                    Err(e) => return e,
                },
            };
            match (Date::new(year, 1, 1), Date::new(year, 12, 31)) {
                (Ok(f), Ok(t)) => (f, t),
                _ => {
                    eprintln!(
                        "error: the year {year} is out of range\n  = help: give a year from 1 to 9999"
                    );
                    return Exit::Usage;
                }
            }
        }
    };
    let source = match source(calendar) {
        Ok(s) => s,
        Err(e) => return e,
    };
    if matches!(source, Source::Builtin(_)) && !(args.only.is_empty() && args.except.is_empty()) {
        eprintln!(
            "error: --only and --except pick events of an .ics file; {calendar:?} is a built-in calendar\n  = help: drop them, or give an .ics file"
        );
        return Exit::Usage;
    }
    let years: RangeInclusive<i16> = from.year()..=to.year();
    let days: Vec<(Date, Option<String>)> = match source {
        Source::Builtin(c) => holidays::holidays_in(c.name(), years)
            .unwrap_or_default()
            .into_iter()
            .map(|(d, n)| (d, Some(n)))
            .collect(),
        Source::File(path) => match read_ics(path, years, &filter) {
            Ok(days) => days,
            Err(IcsFileError::Io(e)) => return ctx.io_error(&e),
            Err(IcsFileError::Invalid(why)) => {
                eprintln!(
                    "error: cannot read holiday file {}: {why}\n  = help: docs/holidays.md says what is read from an .ics file and what is refused",
                    path.display()
                );
                return Exit::Invalid;
            }
        },
    };
    let days: Vec<_> = days
        .into_iter()
        .filter(|(d, _)| *d >= from && *d <= to)
        .collect();
    let out = match args.format {
        Format::Json => to_json(&days),
        Format::Table => to_table(&heading(calendar, from, to), &days),
    };
    match io::write_stdout(out.as_bytes()) {
        Ok(()) => Exit::Ok,
        Err(e) => ctx.io_error(&e),
    }
}

/// A built-in calendar by name, else a file: one whose name ends in `.ics`,
/// or anything that exists at that path. Otherwise a usage error with a
/// "did you mean" and the list of names.
fn source(calendar: &str) -> Result<Source<'_>, Exit> {
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
    eprintln!(
        "error: {calendar:?} is not a built-in holiday calendar or an .ics file\n  = help: {hint}`followup holidays --list` names the {} built-in calendars; or give the path of an .ics file",
        names.len()
    );
    Err(Exit::Usage)
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
}
