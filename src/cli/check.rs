//! `followup check FILE...`: validate only.

use super::{Context, read_input};
use crate::error::Exit;
use crate::io::holidays::FileHolidays;
use crate::pipeline;

#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  followup check interviews.yaml other.yaml")]
pub struct Args {
    /// Input files (`-` reads standard input).
    #[arg(required = true, value_name = "INPUT.yaml")]
    inputs: Vec<String>,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let mut worst = Exit::Ok;
    for input in &args.inputs {
        let bytes = match read_input(input) {
            Ok(b) => b,
            Err(e) => {
                worst = ctx.io_error(&e);
                continue;
            }
        };
        let source = FileHolidays::beside(input);
        match pipeline::load::load(input, &bytes, &source) {
            Ok(loaded) => {
                ctx.report(&loaded.warnings, Some(&bytes));
                if !ctx.global.quiet {
                    eprintln!(
                        "ok: {input}: {} interviews, {} steps",
                        loaded.model.interviews.len(),
                        loaded.steps.len()
                    );
                }
            }
            Err(f) => {
                ctx.report(&f.diagnostics, Some(&bytes));
                if worst == Exit::Ok {
                    worst = Exit::Invalid;
                }
            }
        }
    }
    worst
}
