//! `followup build INPUT.yaml [-o OUT.ics] [--utc]`: the calendar.

use super::{Context, read_input};
use crate::error::Exit;
use crate::export::{self, Options};
use crate::holidays_source::FileHolidays;
use crate::notes::Notes;
use crate::{io, pipeline, plan};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  followup build interviews.yaml -o followups.ics\n  followup build interviews.yaml --utc > followups.ics\n  followup build interviews.yaml -o followups.ics --now 2026-11-22T09:00:00Z   # reproducible"
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
    plan::sort(&loaded.model, &mut loaded.steps);
    let mut opts = Options::new(now);
    opts.utc = args.utc;
    let notes = Notes::new();
    let built = match export::build(&loaded.model, &loaded.steps, &notes, &opts) {
        Ok(b) => b,
        Err(d) => {
            ctx.report(&[d.in_file(&args.input)], None);
            return Exit::Invalid;
        }
    };
    let warnings: Vec<_> = built
        .warnings
        .iter()
        .map(|d| d.clone().in_file(&args.input))
        .collect();
    ctx.report(&warnings, None);
    let mut out = Vec::with_capacity(loaded.steps.len() * 2048);
    built.write(&mut out);
    let written = match args.output.as_deref() {
        None | Some("-") => io::write_stdout(&out),
        Some(path) => io::write_atomic(std::path::Path::new(path), &out),
    };
    match written {
        Ok(()) => {
            if ctx.global.verbose {
                eprintln!("wrote {} events", built.events.len());
            }
            Exit::Ok
        }
        Err(e) => ctx.io_error(&e),
    }
}
