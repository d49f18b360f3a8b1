//! `followup init [PATH] [--force]`: a commented starter file
//! (`flows::init`), to `interviews.yaml`, PATH, or standard output for `-`;
//! then the next steps.

use super::context::Context;
use crate::error::{Exit, terminal};
use crate::flows::init::{STARTER, init};

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
        return ctx.print(STARTER.as_bytes());
    }
    let schema = match init(&args.path, args.force) {
        Ok(schema) => schema,
        Err(f) => return ctx.fail(&f, None),
    };
    if !ctx.global.quiet {
        let p = terminal::escape(&args.path);
        eprintln!(
            "wrote {p}: two example interviews to replace with yours
next:
  followup check {p}
  followup plan {p}
  followup build {p} -o followups.ics   # then import followups.ics into your calendar
editor help (its first line points here):
  followup schema > {}",
            terminal::escape(&schema.display().to_string())
        );
    }
    Exit::Ok
}
