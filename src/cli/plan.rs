//! `followup plan FILE [--format table|json] [--from D] [--to D] [--upcoming]`.
//!
//! `--upcoming` is a filter like `--from`: it hides steps that started
//! before "now" in either format; the JSON's shape never changes. What it
//! hides that is overdue is counted in one line on stderr (SPEC §8), with
//! the command that lists it.

use super::context::{Context, Format, read_input};
use crate::error::Exit;
use crate::flows::dates::DateArg;
use crate::flows::plan::{self, Query};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  followup plan interviews.yaml                 # the agenda, by day, in your timezone\n  followup plan interviews.yaml --upcoming      # only what is still ahead\n  followup plan interviews.yaml --from today --to +2w\n  followup plan interviews.yaml --format json --from 2026-11-23 --to 2026-11-30\n\nDates: YYYY-MM-DD, or today, tomorrow, yesterday, +3d, -2d, +1w (from today in\nyour timezone, else UTC)."
)]
pub struct Args {
    /// Input file (`-` reads standard input).
    #[arg(value_name = "INPUT.yaml")]
    input: String,
    /// Output format: a readable agenda, or the stable JSON of SPEC §6.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Only steps on or after this date (employer's local date): YYYY-MM-DD,
    /// today, tomorrow, yesterday, +3d, -2d, +1w.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    from: Option<DateArg>,
    /// Only steps on or before this date (employer's local date), written
    /// as for --from.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    to: Option<DateArg>,
    /// Only steps that start from now on (`--now`, SOURCE_DATE_EPOCH or the
    /// clock); hides what is past, and says on stderr how many steps are
    /// overdue (`followup due` lists them).
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
        format: args.format.into(),
        from: args.from,
        to: args.to,
        upcoming: args.upcoming,
        now,
    };
    match plan::plan(&args.input, &bytes, &query) {
        Ok(planned) => {
            ctx.report(&planned.warnings, Some(&bytes));
            if ctx.global.verbose {
                for note in &planned.holiday_notes {
                    eprintln!("note: holidays `auto` for {note}");
                }
            }
            if args.upcoming && planned.overdue > 0 && !ctx.global.quiet {
                eprintln!("{}", plan::overdue_note(planned.overdue, &args.input));
            }
            ctx.print(planned.text.as_bytes())
        }
        Err(f) => ctx.fail(&f, Some(&bytes)),
    }
}
