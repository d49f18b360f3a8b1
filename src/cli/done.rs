//! `followup done INPUT ID STEP [--to NAME] [--on DATE]`: records a step
//! carried out in the interview's `done` list (`flows::edit::done`).

use super::context::Context;
use super::edited::{DATES, report};
use crate::error::Exit;
use crate::flows::edit::done::{Request, done};

#[derive(clap::Args, Debug)]
#[command(after_help = help())]
pub struct Args {
    /// The input file to change.
    #[arg(value_name = "INPUT.yaml")]
    input: String,
    /// The interview's id.
    #[arg(value_name = "ID")]
    id: String,
    /// The step carried out: thank-you, check-in, follow-up, move-on,
    /// feedback, competing-offer, offer-thanks, offer-decision, withdraw.
    #[arg(value_name = "STEP")]
    step: String,
    /// Only the thank-you to this interviewer (else every thank-you).
    #[arg(long, value_name = "NAME")]
    to: Option<String>,
    /// When it was done (the employer's date; default today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

fn help() -> String {
    format!(
        "Examples:
  followup done interviews.yaml acme-ae thank-you                    # every thank-you, sent today
  followup done interviews.yaml acme-ae thank-you --to \"Mark Lee\" --on yesterday
  followup done interviews.yaml acme-ae check-in --on 2026-11-30

{DATES}."
    )
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let now = match ctx.now() {
        Ok(n) => n,
        Err(e) => return e,
    };
    let req = Request {
        id: &args.id,
        step: &args.step,
        to: args.to.as_deref(),
        on: args.on.as_deref(),
    };
    report(ctx, done(&args.input, &req, now))
}
