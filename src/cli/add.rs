//! `followup add INPUT (--invite FILE.ics | --company C --role R --start T
//! --timezone Z) [...]`: appends an interview (`flows::edit::add`).

use super::context::Context;
use super::edited::report;
use crate::error::Exit;
use crate::flows::edit::add::{Request, add};

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  followup add interviews.yaml --invite invite.ics          # start, zone and people from the invitation
  followup add interviews.yaml --invite invite.ics --company \"Acme Corp\" --role \"Account Executive\"
  followup add interviews.yaml --company Globex --role CSM --start 2026-12-03T10:30 \\
      --timezone Europe/Berlin --interviewer \"Jonas Weber <jonas@globex.example>\"

It prints what it added and what it guessed. Times are local to the employer's zone;
`timezone:` is written only when it differs from defaults.timezone.")]
pub struct Args {
    /// The input file to change.
    #[arg(value_name = "INPUT.yaml")]
    input: String,
    /// A meeting invitation (.ics) from Google, Outlook/Teams, Zoom or Apple.
    #[arg(long, value_name = "FILE.ics", required_unless_present_all = ["company", "role", "start"])]
    invite: Option<String>,
    /// The employer (else guessed from the organizer's mail domain).
    #[arg(long, value_name = "C")]
    company: Option<String>,
    /// The job (else guessed from the invitation's title).
    #[arg(long, value_name = "R")]
    role: Option<String>,
    /// The start, local time in the employer's zone (2026-11-17T14:00).
    #[arg(long, value_name = "T", conflicts_with = "invite")]
    start: Option<String>,
    /// The end, local time (else start + duration).
    #[arg(long, value_name = "T", conflicts_with = "invite")]
    end: Option<String>,
    /// The employer's zone (IANA, e.g. America/New_York); with --invite,
    /// the times are converted to it.
    #[arg(long, value_name = "Z")]
    timezone: Option<String>,
    /// The new interview's id (else made from company and role).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// An interviewer, "Name <address>" (repeat for more; with --invite,
    /// added to the invitation's people).
    #[arg(long = "interviewer", value_name = "NAME <EMAIL>")]
    interviewers: Vec<String>,
    /// Your own address, never an interviewer (besides candidate.email).
    #[arg(long, value_name = "EMAIL")]
    me: Vec<String>,
    /// The hiring process this round belongs to.
    #[arg(long, value_name = "P")]
    process: Option<String>,
    /// When they said they would decide (a date, or today, +1w, ...).
    #[arg(long, value_name = "D")]
    decision_by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let now = match ctx.now() {
        Ok(n) => n,
        Err(e) => return e,
    };
    let req = Request {
        invite: args.invite.as_deref(),
        company: args.company.as_deref(),
        role: args.role.as_deref(),
        start: args.start.as_deref(),
        end: args.end.as_deref(),
        timezone: args.timezone.as_deref(),
        id: args.id.as_deref(),
        interviewers: &args.interviewers,
        me: &args.me,
        process: args.process.as_deref(),
        decision_by: args.decision_by.as_deref(),
    };
    report(ctx, add(&args.input, &req, now))
}
