//! `followup holidays CALENDAR [--year Y | --from D --to D] [--format table|json]`:
//! the days off a `holidays` entry gives, to check a calendar before using it.
//!
//! The period defaults to the current year ("now": `--now`,
//! SOURCE_DATE_EPOCH or the clock, in UTC). Exit codes are the flow's
//! (`flows::holidays`): 2 for an unknown calendar, 3 for an unreadable
//! `.ics` file, 1 for one that is not a holiday calendar.

use super::context::Context;
use crate::error::Exit;
use crate::flows::dates;
use crate::flows::holidays::{self, Period, builtin_names};
use jiff::civil::Date;

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

#[derive(clap::Args, Debug)]
#[command(after_help = after_help())]
pub struct Args {
    /// A built-in calendar (US, GB-ENG, DE-BY, …; any case) or an .ics file.
    #[arg(value_name = "CALENDAR")]
    calendar: String,
    /// The year to list (default: the current year).
    #[arg(long, value_name = "YYYY", value_parser = dates::year_arg, conflicts_with_all = ["from", "to"])]
    year: Option<i16>,
    /// The first date to list (with --to).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to", value_parser = dates::date)]
    from: Option<Date>,
    /// The last date to list (with --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from", value_parser = dates::date)]
    to: Option<Date>,
    /// Output format: a readable list, or JSON
    /// (`{"holidays": [{"date": …, "name": …}, …]}`).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

fn after_help() -> String {
    format!(
        "Examples:\n  followup holidays US                     # this year's US federal holidays\n  followup holidays gb-eng --year 2027\n  followup holidays ./office-closures.ics --from 2026-12-01 --to 2027-01-31 --format json\n\nBuilt-in calendars: {}. docs/holidays.md says what each holds and what is read from an .ics file.",
        builtin_names().join(", ")
    )
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let period = match (args.from, args.to, args.year) {
        (Some(f), Some(t), _) => Period::Dates(f, t),
        (_, _, Some(year)) => Period::Year(year),
        _ => match ctx.now() {
            Ok(now) => Period::YearOf(now),
            Err(e) => return e,
        },
    };
    let format = match args.format {
        Format::Table => holidays::Format::Table,
        Format::Json => holidays::Format::Json,
    };
    match holidays::list(&args.calendar, period, format) {
        Ok(text) => ctx.print(text.as_bytes()),
        Err(f) => ctx.fail(&f, None),
    }
}
