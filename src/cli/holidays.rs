//! `followup holidays CALENDAR [--year Y | --from D --to D] [--format table|json]
//! [--only WORDS] [--except WORDS]`: the days off a `holidays` entry gives, to
//! check a calendar before using it; `followup holidays --list` names every
//! built-in calendar with the years it covers.
//!
//! The period defaults to the current year ("now": `--now`,
//! SOURCE_DATE_EPOCH or the clock, in UTC); `--from/--to` take dates
//! relative to today in UTC too (`today`, `+4w`: `flows::dates`). Exit
//! codes are the flow's (`flows::holidays`): 2 for an unknown calendar (or
//! `--only`/`--except` with a built-in one), 3 for an unreadable `.ics`
//! file, 1 for one that is not a holiday calendar.

use super::context::{Context, Format};
use crate::error::Exit;
use crate::flows::dates::{self, DateArg};
use crate::flows::holidays::{self, Filter, Period, builtin_names};

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
    #[arg(long, value_name = "YYYY", value_parser = dates::year_arg, conflicts_with_all = ["from", "to"])]
    year: Option<i16>,
    /// The first date to list (with --to): YYYY-MM-DD, today, tomorrow,
    /// yesterday, +3d, -2d, +1w (from today in UTC).
    #[arg(long, value_name = "DATE", requires = "to", allow_hyphen_values = true)]
    from: Option<DateArg>,
    /// The last date to list (with --from), written as for --from.
    #[arg(
        long,
        value_name = "DATE",
        requires = "from",
        allow_hyphen_values = true
    )]
    to: Option<DateArg>,
    /// Output format: a readable list, or JSON
    /// (`{"holidays": [{"date": …, "name": …}, …]}`).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

fn after_help() -> String {
    format!(
        "Examples:\n  followup holidays US                     # this year's US federal holidays\n  followup holidays gb-eng --year 2027\n  followup holidays --list                 # the {} built-in calendars and their years\n  followup holidays ./google.ics --only \"Public holiday\"\n  followup holidays ./office-closures.ics --from 2026-12-01 --to 2027-01-31 --format json\n\ndocs/holidays.md says what each calendar holds and what is read from an .ics file.",
        builtin_names().len()
    )
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let Some(calendar) = args.calendar.as_deref().filter(|_| !args.list) else {
        return ctx.print(holidays::list_text().as_bytes());
    };
    let filter = Filter {
        only: args.only.clone(),
        except: args.except.clone(),
    };
    let period = match (args.from, args.to, args.year) {
        (Some(f), Some(t), _) => {
            let today = match (f, t) {
                (DateArg::On(_), DateArg::On(_)) => jiff::civil::Date::MIN,
                _ => match ctx.now() {
                    Ok(now) => dates::today(now, None),
                    Err(e) => return e,
                },
            };
            match (f.resolve(today), t.resolve(today)) {
                (Ok(f), Ok(t)) => Period::Dates(f, t),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("error: {e}");
                    return Exit::Usage;
                }
            }
        }
        (_, _, Some(year)) => Period::Year(year),
        _ => match ctx.now() {
            Ok(now) => Period::YearOf(now),
            Err(e) => return e,
        },
    };
    let format = args.format.into();
    match holidays::list(calendar, period, &filter, format) {
        Ok(text) => ctx.print(text.as_bytes()),
        Err(f) => ctx.fail(&f, None),
    }
}
