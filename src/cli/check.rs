//! `followup check FILE...`: validate only.

use super::context::{Context, read_input};
use crate::error::{Exit, terminal};
use crate::flows::check::check;

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
        match check(input, &bytes) {
            Ok(checked) => {
                ctx.report(&checked.warnings, Some(&bytes));
                if !ctx.global.quiet {
                    eprintln!(
                        "ok: {}: {} interviews, {} steps",
                        terminal::escape(input),
                        checked.interviews,
                        checked.steps
                    );
                }
            }
            Err(f) => {
                let exit = ctx.fail(&f, Some(&bytes));
                if worst == Exit::Ok {
                    worst = exit;
                }
            }
        }
    }
    worst
}
