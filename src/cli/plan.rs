//! `followup plan FILE [--format table|json] [--from D] [--to D] [--upcoming]`.
//!
//! `--upcoming` is a filter like `--from`: it hides steps that started
//! before "now" in either format; the JSON's shape never changes.

use super::{Context, read_input};
use crate::error::Exit;
use crate::holidays_source::FileHolidays;
use crate::{io, pipeline, plan};
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
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<Date>,
    /// Only steps on or before this date (employer's local date).
    #[arg(long, value_name = "YYYY-MM-DD")]
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
    let source = FileHolidays::beside(&args.input);
    let mut loaded = match pipeline::load(&args.input, &bytes, &source) {
        Ok(l) => l,
        Err(f) => {
            ctx.report(&f.diagnostics, Some(&bytes));
            return Exit::Invalid;
        }
    };
    ctx.report(&loaded.warnings, Some(&bytes));
    if ctx.global.verbose {
        for note in &loaded.model.holiday_notes {
            eprintln!("note: holidays `auto` for {note}");
        }
    }
    plan::narrow(&loaded.model, &mut loaded.steps, args.from, args.to);
    if args.upcoming {
        plan::upcoming(&mut loaded.steps, now);
    }
    plan::sort(&loaded.model, &mut loaded.steps);
    let out = match args.format {
        Format::Json => plan::to_json(&loaded.model, &loaded.steps),
        Format::Table => plan::to_table(&loaded.model, &loaded.steps),
    };
    match io::write_stdout(out.as_bytes()) {
        Ok(()) => Exit::Ok,
        Err(e) => ctx.io_error(&e),
    }
}
