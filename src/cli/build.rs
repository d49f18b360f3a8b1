//! `followup build INPUT.yaml [-o OUT.ics] [--utc] [--keep-cancelled 30d]
//! [--force]`: the calendar; over an existing OUT, a regeneration (SPEC §5).

use super::{Context, read_input};
use crate::error::Exit;
use crate::export::Options;
use crate::holidays_source::FileHolidays;
use crate::notes::Notes;
use crate::{io, pipeline};
use jiff::SignedDuration;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  followup build interviews.yaml -o followups.ics\n  followup build interviews.yaml --utc > followups.ics\n  followup build interviews.yaml -o followups.ics --now 2026-11-22T09:00:00Z   # reproducible\n  followup build interviews.yaml -o followups.ics   # again after an edit: updates, SEQUENCE+1 where changed"
)]
pub struct Args {
    /// Input file (`-` reads standard input).
    #[arg(value_name = "INPUT.yaml")]
    input: String,
    /// Output file; `-` or nothing writes standard output. Written
    /// atomically: a reader never sees half a file.
    #[arg(short, long, value_name = "OUT.ics")]
    output: Option<String>,
    /// Write every time in UTC, with no VTIMEZONE.
    #[arg(long)]
    utc: bool,
    #[command(flatten)]
    regen: Regen,
}

/// Regenerating over a previous calendar (SPEC §5); shared with `serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct Regen {
    /// How long a cancelled or vanished step stays in the calendar as
    /// STATUS:CANCELLED (so subscribed clients remove it) before it drops
    /// out: `30d`, `2w`, `12h`; `0d` drops it at the next regeneration.
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = keep_cancelled)]
    pub keep_cancelled: SignedDuration,
    /// Replace an existing output file even when it is not a calendar
    /// followup wrote, or cannot be read back.
    #[arg(long)]
    pub force: bool,
}

/// `--keep-cancelled`: a duration in `m`, `h`, `d` or `w` (a day is 24 hours
/// here: it is a retention period, not a calendar date).
fn keep_cancelled(text: &str) -> Result<SignedDuration, String> {
    use crate::model::duration::Duration;
    match Duration::parse(text) {
        Ok(Duration::Minutes(m)) => Ok(SignedDuration::from_mins(m)),
        Ok(Duration::Days(d)) => Ok(SignedDuration::from_hours(d * 24)),
        Ok(Duration::BusinessDays(_)) => {
            Err("business days make no sense for a retention period; write e.g. 30d".to_string())
        }
        Err(e) => Err(format!("{}; write e.g. 30d, 2w or 12h", e.0)),
    }
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
    let mut opts = Options::new(now);
    opts.utc = args.utc;
    let notes = Notes::new();
    // Regenerating over an existing output file (SPEC §5): read it back.
    let out_path = match args.output.as_deref() {
        None | Some("-") => None,
        Some(path) => Some(std::path::Path::new(path)),
    };
    let previous_bytes = match out_path {
        Some(path) => match io::read_if_exists(path) {
            Ok(b) => b,
            Err(e) => return ctx.io_error(&e),
        },
        None => None,
    };
    let previous = match (&previous_bytes, args.output.as_deref()) {
        (Some(bytes), Some(name)) => Some(pipeline::Previous {
            name,
            bytes,
            keep_cancelled: args.regen.keep_cancelled,
            force: args.regen.force,
        }),
        _ => None,
    };
    let cal = match pipeline::calendar_with_previous(
        &args.input,
        &bytes,
        &source,
        &notes,
        &opts,
        previous.as_ref(),
    ) {
        Ok(c) => c,
        Err(f) => {
            ctx.report(&f.diagnostics, Some(&bytes));
            return Exit::Invalid;
        }
    };
    ctx.report(&cal.warnings, Some(&bytes));
    let out = cal.bytes;
    let written = match out_path {
        None => io::write_stdout(&out),
        // Unchanged bytes: leave the file (and its mtime) alone, so static
        // hosts and caches see no change either.
        Some(_) if previous_bytes.as_deref() == Some(out.as_slice()) => Ok(()),
        Some(path) => io::write_atomic(path, &out),
    };
    match written {
        Ok(()) => {
            if ctx.global.verbose {
                match cal.changes {
                    Some(c) => eprintln!(
                        "wrote {} events: {} unchanged, {} changed, {} new, {} vanished (cancelled), {} dropped",
                        cal.events, c.unchanged, c.changed, c.added, c.disappeared, c.dropped
                    ),
                    None => eprintln!("wrote {} events", cal.events),
                }
            }
            Exit::Ok
        }
        Err(e) => ctx.io_error(&e),
    }
}
