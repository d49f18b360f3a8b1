//! `followup init [PATH] [--force]`: a commented starter file.
//!
//! Writes `starter.yaml` (two example interviews, every common key explained)
//! to `interviews.yaml` or PATH, atomically, and refuses to replace an
//! existing file without `--force` (exit 2, a usage error: nothing failed,
//! the command needs another path or the flag). Its first line points
//! editors at `followup.schema.json` beside it, which `followup schema`
//! writes; the next steps printed say so.

use super::Context;
use crate::error::Exit;
use crate::io;
use std::path::Path;

/// The starter file, exactly as `init` writes it.
pub const STARTER: &str = include_str!("starter.yaml");

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  followup init                       # writes interviews.yaml here
  followup init jobs/interviews.yaml
  followup init --force               # replaces an existing interviews.yaml
  followup init - | less              # just show it")]
pub struct Args {
    /// Where to write the starter file; `-` writes standard output.
    #[arg(value_name = "PATH", default_value = "interviews.yaml")]
    path: String,
    /// Replace the file if it already exists.
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    if args.path == "-" {
        return match io::write_stdout(STARTER.as_bytes()) {
            Ok(()) => Exit::Ok,
            Err(e) => ctx.io_error(&e),
        };
    }
    let path = Path::new(&args.path);
    if !args.force && io::exists(path) {
        eprintln!(
            "error: {} already exists; not replacing it\n  = help: pass --force to replace it, or name another file: followup init other.yaml",
            args.path
        );
        return Exit::Usage;
    }
    if let Err(e) = io::write_atomic(path, STARTER.as_bytes()) {
        return ctx.io_error(&e);
    }
    if !ctx.global.quiet {
        let schema = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.join("followup.schema.json"),
            _ => "followup.schema.json".into(),
        };
        let p = &args.path;
        eprintln!(
            "wrote {p}: two example interviews to replace with yours
next:
  followup check {p}
  followup plan {p}
  followup build {p} -o followups.ics   # then import followups.ics into your calendar
editor help (its first line points here):
  followup schema > {}",
            schema.display()
        );
    }
    Exit::Ok
}
