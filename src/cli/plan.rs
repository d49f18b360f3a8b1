//! `followup plan FILE [--format table|json] [--from D] [--to D] [--upcoming]`.
//!
//! `--upcoming` is a filter like `--from`: it hides steps that started
//! before "now" in either format; the JSON's shape never changes.

use super::context::{Context, read_input};
use crate::error::Exit;
use crate::flows::dates;
use crate::flows::plan::{self, Query};
use jiff::civil::Date;

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  followup plan interviews.yaml                 # the agenda, by day, in your timezone\n  followup plan interviews.yaml --upcoming      # only what is still ahead\n  followup plan interviews.yaml --format json --from 2026-11-23 --to 2026-11-30"
)]
pub struct Args {
    /// Input file (`-` reads standard input).
    #[arg(value_name = "INPUT.yaml")]
    input: String,
    /// Output format: a readable agenda, or the stable JSON of SPEC §6.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Only steps on or after this date (employer's local date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = dates::date)]
    from: Option<Date>,
    /// Only steps on or before this date (employer's local date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = dates::date)]
    to: Option<Date>,
    /// Only steps that start from now on (`--now`, SOURCE_DATE_EPOCH or the
    /// clock); hides what is past.
    #[arg(long)]
    upcoming: bool,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let now = match ctx.now() {
        Ok(n) => n,
        Err(e) => return e,
    };
    let bytes = match read_input(&args.input) {
        Ok(b) => b,
        Err(e) => return ctx.io_error(&e),
    };
    let query = Query {
        format: match args.format {
            Format::Table => plan::Format::Table,
            Format::Json => plan::Format::Json,
        },
        from: args.from,
        to: args.to,
        upcoming_from: args.upcoming.then_some(now),
    };
    match plan::plan(&args.input, &bytes, &query) {
        Ok(planned) => {
            ctx.report(&planned.warnings, Some(&bytes));
            ctx.print(planned.text.as_bytes())
        }
        Err(f) => ctx.fail(&f, Some(&bytes)),
    }
}
