//! `followup build INPUT.yaml [-o OUT.ics] [--utc]`: the calendar; with
//! `--out-dir`, a batch of inputs (see `batch`).

use super::batch::{self, Batch};
use super::{Context, read_input};
use crate::error::Exit;
use crate::export::Options;
use crate::holidays_source::FileHolidays;
use crate::notes::Notes;
use crate::{io, pipeline};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  followup build interviews.yaml -o followups.ics\n  followup build interviews.yaml --utc > followups.ics\n  followup build interviews.yaml -o followups.ics --now 2026-11-22T09:00:00Z   # reproducible\n  followup build candidates/ --out-dir feeds/ --combined feeds/all.ics        # a batch\n  find . -name '*.yaml' | followup build - --out-dir feeds/                   # paths on stdin"
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
    let cal = match pipeline::calendar(input, &bytes, &source, &notes, &opts) {
        Ok(c) => c,
        Err(f) => {
            ctx.report(&f.diagnostics, Some(&bytes));
            return Exit::Invalid;
        }
    };
    ctx.report(&cal.warnings, Some(&bytes));
    let out = cal.bytes;
    let written = match args.output.as_deref() {
        None | Some("-") => io::write_stdout(&out),
        Some(path) => io::write_atomic(std::path::Path::new(path), &out),
    };
    match written {
        Ok(()) => {
            if ctx.global.verbose {
                eprintln!("wrote {} events", cal.events);
            }
            Exit::Ok
        }
        Err(e) => ctx.io_error(&e),
    }
}
