//! `followup build INPUT.yaml [-o OUT.ics] [--utc]`: the calendar.

use super::{Context, read_input};
use crate::error::Exit;
use crate::export::Options;
use crate::holidays_source::FileHolidays;
use crate::notes::Notes;
use crate::{io, pipeline};

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
    let mut opts = Options::new(now);
    opts.utc = args.utc;
    let notes = Notes::new();
    let cal = match pipeline::calendar(&args.input, &bytes, &source, &notes, &opts) {
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
