//! `followup due FILE... [--days N] [--format table|json]` (SPEC §8): what
//! is overdue, due today and coming up. Exit 0 even when something is
//! overdue (it is information); 1 when an input is invalid, and then
//! nothing is listed.

use super::context::{Context, Format, read_input};
use crate::error::Exit;
use crate::flows::due::{self, Query};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  followup due interviews.yaml              # each morning: what to do today\n  followup due *.yaml --days 14 --format json\n\nOverdue: a planned step (not the interview) whose due time, else its end, has passed.\nToday and the next days are counted in your timezone (candidate.timezone), else\neach employer's."
)]
pub struct Args {
    /// Input files (`-` reads standard input); one list for them all.
    #[arg(required = true, value_name = "INPUT.yaml")]
    inputs: Vec<String>,
    /// How many days after today the upcoming list covers.
    #[arg(long, default_value_t = 7, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=3660))]
    days: u32,
    /// Output format: a readable list, or JSON
    /// (`{"overdue": [...], "today": [...], "upcoming": [...]}`).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let now = match ctx.now() {
        Ok(n) => n,
        Err(e) => return e,
    };
    let mut bytes = Vec::with_capacity(args.inputs.len());
    for input in &args.inputs {
        match read_input(input) {
            Ok(b) => bytes.push(b),
            Err(e) => return ctx.io_error(&e),
        }
    }
    let inputs: Vec<(&str, &[u8])> = args
        .inputs
        .iter()
        .zip(&bytes)
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let query = Query {
        format: args.format.into(),
        days: args.days,
        now,
    };
    match due::due(&inputs, &query) {
        Ok(listed) => {
            for (warnings, b) in listed.warnings.iter().zip(&bytes) {
                ctx.report(warnings, Some(b));
            }
            ctx.print(listed.text.as_bytes())
        }
        Err(failures) => {
            let mut worst = Exit::Ok;
            for (i, f) in &failures {
                let exit = ctx.fail(f, bytes.get(*i).map(Vec::as_slice));
                if worst == Exit::Ok {
                    worst = exit;
                }
            }
            worst
        }
    }
}
