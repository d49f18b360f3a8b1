//! `followup status INPUT ID STATUS [--on DATE] [--deadline DATE]`: sets
//! `status` and `status_date` (`flows::edit::status`).

use super::context::Context;
use super::edited::{DATES, report};
use crate::error::Exit;
use crate::flows::edit::status::{Request, status};

#[derive(clap::Args, Debug)]
#[command(after_help = help())]
pub struct Args {
    /// The input file to change.
    #[arg(value_name = "INPUT.yaml")]
    input: String,
    /// The interview's id.
    #[arg(value_name = "ID")]
    id: String,
    /// waiting, offer, accepted, rejected or withdrawn.
    #[arg(value_name = "STATUS")]
    status: String,
    /// When the status changed (the employer's date; default today). Not
    /// with `waiting`.
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// With `offer`: the offer's deadline, written as
    /// `offer: { received, deadline }` to plan the reminder to decide.
    #[arg(long, value_name = "DATE")]
    deadline: Option<String>,
}

fn help() -> String {
    format!(
        "Examples:
  followup status interviews.yaml acme-ae offer --deadline 2026-12-17   # an offer came today
  followup status interviews.yaml acme-ae accepted                       # the others get a withdraw note
  followup status interviews.yaml globex-csm rejected --on yesterday
  followup status interviews.yaml globex-csm waiting                     # back to waiting

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
        status: &args.status,
        on: args.on.as_deref(),
        deadline: args.deadline.as_deref(),
    };
    report(ctx, status(&args.input, &req, now))
}
