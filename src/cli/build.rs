//! `followup build INPUT.yaml [-o OUT.ics] [--utc] [--keep-cancelled 30d]
//! [--force]`: the calendar; over an existing OUT, a regeneration (SPEC §5).
//! With `--out-dir`, a batch of inputs (see `batch`), each regenerated over
//! its previous output the same way.

use super::batch::{self, Batch};
use super::{Context, read_input};
use crate::error::Exit;
use crate::io::holidays::FileHolidays;
use crate::notes::Notes;
use crate::pipeline::export::Options;
use crate::{io, pipeline};
use jiff::SignedDuration;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  followup build interviews.yaml -o followups.ics\n  followup build interviews.yaml --utc > followups.ics\n  followup build interviews.yaml -o followups.ics --now 2026-11-22T09:00:00Z   # reproducible\n  followup build candidates/ --out-dir feeds/ --combined feeds/all.ics        # a batch\n  find . -name '*.yaml' | followup build - --out-dir feeds/                   # paths on stdin\n  followup build interviews.yaml -o followups.ics   # again after an edit: updates, SEQUENCE+1 where changed"
)]
pub struct Args {
    /// Input file (`-` reads standard input). With --out-dir: files,
    /// folders (searched for *.yaml and *.yml) or `-` for a list of paths
    /// on standard input.
    #[arg(value_name = "INPUT.yaml", required = true)]
    inputs: Vec<String>,
    /// Output file; `-` or nothing writes standard output. Written
    /// atomically: a reader never sees half a file.
    #[arg(short, long, value_name = "OUT.ics", conflicts_with = "out_dir")]
    output: Option<String>,
    /// Batch: write one calendar per input into this folder, mirroring the
    /// inputs' relative paths.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Batch: also write one calendar of every input's events.
    #[arg(long, value_name = "FILE", requires = "out_dir")]
    combined: Option<PathBuf>,
    /// Batch: worker threads (default: one per core).
    #[arg(long, value_name = "N", requires = "out_dir")]
    jobs: Option<usize>,
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
    let mut opts = Options::new(now);
    opts.utc = args.utc;
    if let Some(out_dir) = &args.out_dir {
        let batch = Batch {
            out_dir,
            combined: args.combined.as_deref(),
            jobs: args.jobs,
            options: opts,
            regen: args.regen.clone(),
        };
        return batch::run(ctx, &args.inputs, batch);
    }
    let [input] = args.inputs.as_slice() else {
        eprintln!(
            "error: several inputs need --out-dir (one calendar per input)\n  = help: followup build {} --out-dir feeds/",
            args.inputs.join(" ")
        );
        return Exit::Usage;
    };
    if crate::io::is_dir(std::path::Path::new(input)) {
        eprintln!(
            "error: {input} is a folder\n  = help: build a folder as a batch: followup build {input} --out-dir feeds/"
        );
        return Exit::Usage;
    }
    let bytes = match read_input(input) {
        Ok(b) => b,
        Err(e) => return ctx.io_error(&e),
    };
    let source = FileHolidays::beside(input);
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
        (Some(bytes), Some(name)) => Some(pipeline::calendar::Previous {
            name,
            bytes,
            keep_cancelled: args.regen.keep_cancelled,
            force: args.regen.force,
        }),
        _ => None,
    };
    if let (Some(path), None) = (out_path, &previous_bytes) {
        return first_build(ctx, input, &bytes, &source, &notes, &opts, path);
    }
    let cal = match pipeline::calendar::calendar_with_previous(
        input,
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

/// A first build into a file that does not exist yet: nothing to
/// regenerate over, so the calendar goes to the file as it is made instead
/// of being held whole in memory first. Same bytes, messages and exit
/// codes as building it in memory and writing it at the end.
fn first_build(
    ctx: &Context,
    input: &str,
    bytes: &[u8],
    holidays: &FileHolidays,
    notes: &Notes,
    opts: &Options,
    path: &std::path::Path,
) -> Exit {
    let mut file = io::Streaming::new(path, false);
    let streamed =
        pipeline::calendar::calendar_streamed(input, bytes, holidays, notes, opts, &mut |piece| {
            file.put(piece)
        });
    let streamed = match streamed {
        Ok(s) => s,
        Err(f) => {
            ctx.report(&f.diagnostics, Some(bytes));
            return Exit::Invalid;
        }
    };
    ctx.report(&streamed.warnings, Some(bytes));
    match file.finish() {
        Ok(()) => {
            if ctx.global.verbose {
                eprintln!("wrote {} events", streamed.events);
            }
            Exit::Ok
        }
        Err(e) => ctx.io_error(&e),
    }
}
