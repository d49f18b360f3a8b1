//! `followup build INPUT.yaml [-o OUT.ics] [--utc] [--keep-cancelled 30d]
//! [--force]`: the calendar (`flows::build`); over an existing OUT, a
//! regeneration (SPEC §5). With `--out-dir`, a batch of inputs (see
//! `batch`), each regenerated over its previous output the same way.

use super::batch;
use super::context::{Context, read_input};
use super::regen::Regen;
use crate::error::{Exit, terminal};
use crate::flows::build::{Output, Settings, build};
use crate::io;
use std::path::{Path, PathBuf};

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

pub fn run(ctx: &Context, args: Args) -> Exit {
    let now = match ctx.now() {
        Ok(n) => n,
        Err(e) => return e,
    };
    let settings = Settings {
        now,
        utc: args.utc,
        keep_cancelled: args.regen.keep_cancelled,
        force: args.regen.force,
    };
    if let Some(out_dir) = &args.out_dir {
        let combined = args.combined.as_deref();
        return batch::run(ctx, &args.inputs, out_dir, combined, args.jobs, settings);
    }
    let [input] = args.inputs.as_slice() else {
        eprintln!(
            "error: several inputs need --out-dir (one calendar per input)\n  = help: followup build {} --out-dir feeds/",
            terminal::escape(&args.inputs.join(" "))
        );
        return Exit::Usage;
    };
    if io::is_dir(Path::new(input)) {
        let input = terminal::escape(input);
        eprintln!(
            "error: {input} is a folder\n  = help: build a folder as a batch: followup build {input} --out-dir feeds/"
        );
        return Exit::Usage;
    }
    let bytes = match read_input(input) {
        Ok(b) => b,
        Err(e) => return ctx.io_error(&e),
    };
    // `-o /dev/stdout` (or the file stdout goes to) is standard output:
    // streamed, never read back or replaced.
    let file = args.output.as_deref().map(Path::new);
    let file = file.filter(|o| o != &Path::new("-") && !io::is_stdout(o));
    let mut stdout = io::StdoutStream::default();
    let mut put = |piece: &[u8]| stdout.put(piece);
    let output = match file {
        Some(path) => Output::File(path),
        None => Output::Stream(&mut put),
    };
    let built = match build(input, &bytes, output, &settings) {
        Ok(b) => b,
        Err(f) => return ctx.fail(&f, Some(&bytes)),
    };
    ctx.report(&built.warnings, Some(&bytes));
    if let Err(e) = built.written.and_then(|()| stdout.finish()) {
        return ctx.io_error(&e);
    }
    if ctx.global.verbose {
        match built.changes {
            Some(c) => eprintln!(
                "wrote {} events: {} unchanged, {} changed, {} new, {} vanished (cancelled), {} dropped",
                built.events, c.unchanged, c.changed, c.added, c.disappeared, c.dropped
            ),
            None => eprintln!("wrote {} events", built.events),
        }
    }
    Exit::Ok
}
