//! `followup heard INPUT ID [--on DATE]`: they replied without a decision
//! (`flows::edit::heard` sets `heard_back`).

use super::context::Context;
use super::edited::{DATES, report};
use crate::error::Exit;
use crate::flows::edit::heard::heard;

#[derive(clap::Args, Debug)]
#[command(after_help = help())]
pub struct Args {
    /// The input file to change.
    #[arg(value_name = "INPUT.yaml")]
    input: String,
    /// The interview's id.
    #[arg(value_name = "ID")]
    id: String,
    /// When they replied (the employer's date; default today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

fn help() -> String {
    format!(
        "Examples:
  followup heard interviews.yaml acme-ae                 # they replied today: the nudges start again
  followup heard interviews.yaml acme-ae --on 2026-12-02

{DATES}."
    )
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let now = match ctx.now() {
        Ok(n) => n,
        Err(e) => return e,
    };
    report(ctx, heard(&args.input, &args.id, args.on.as_deref(), now))
}
