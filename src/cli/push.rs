//! `followup push INPUT.yaml... (--caldav URL | --imap URL)` (SPEC §10):
//! reads the inputs, the credentials (`secret`) and "now", and hands them
//! to `flows::push`; prints what changed and the summary line.

use super::context::{Context, read_input};
use super::secret;
use crate::error::Exit;
use crate::flows::push::{Change, ItemResult, Logger, RequestLog, Settings, Target};
use crate::flows::push::{deliver, prepare};
use std::sync::Arc;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  FOLLOWUP_PASSWORD=... followup push interviews.yaml --caldav https://caldav.fastmail.com/ \\
      --user me@fastmail.com --calendar 'Job search' --create
  followup push interviews.yaml --caldav https://caldav.icloud.com/ --user me@icloud.com \\
      --password-command 'pass show icloud-app-password' --calendar 'Job search'
  followup push interviews.yaml --caldav https://apidata.googleusercontent.com/caldav/v2/ID/events/ \\
      --token-command 'oauth2l fetch --scope calendar'
  followup push interviews.yaml --imap imaps://imap.fastmail.com --user me@fastmail.com
  followup push interviews.yaml --caldav URL --dry-run      # what would change; nothing written

Password: FOLLOWUP_PASSWORD or --password-command (never an argument). Only events
and drafts followup wrote are ever changed or deleted. Exit 3 on a network or login failure.")]
pub struct Args {
    /// Input files; their steps go to one calendar or mailbox.
    #[arg(value_name = "INPUT.yaml", required = true)]
    inputs: Vec<String>,
    /// A calendar collection's URL; with --calendar, the server's URL.
    #[arg(long, value_name = "URL", required_unless_present = "imap")]
    caldav: Option<String>,
    /// An IMAP server (imaps://host, or imap://host with STARTTLS): drafts
    /// of the email steps into its Drafts mailbox.
    #[arg(long, value_name = "URL", conflicts_with = "caldav")]
    imap: Option<String>,
    /// Find the calendar with this name from the server's URL (RFC 6764).
    #[arg(long, value_name = "NAME", requires = "caldav")]
    calendar: Option<String>,
    /// Make the --calendar when it does not exist (MKCALENDAR).
    #[arg(long, requires = "calendar")]
    create: bool,
    /// User name; the password comes from FOLLOWUP_PASSWORD or
    /// --password-command.
    #[arg(long, value_name = "USER")]
    user: Option<String>,
    /// A command that prints the password (e.g. `pass show caldav`).
    #[arg(long, value_name = "CMD", requires = "user")]
    password_command: Option<String>,
    /// A command that prints an OAuth bearer token (CalDAV, e.g. Google).
    #[arg(long, value_name = "CMD", conflicts_with_all = ["user", "imap"])]
    token_command: Option<String>,
    /// Print what would change (per UID) and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// CalDAV requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    jobs: usize,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let now = match ctx.now() {
        Ok(n) => n,
        Err(e) => return e,
    };
    let target = match (args.caldav, args.imap) {
        (_, Some(url)) => Target::Imap { url },
        (Some(url), None) => Target::CalDav {
            url,
            calendar: args.calendar,
            create: args.create,
        },
        (None, None) => return Exit::Usage,
    };
    let mut prepared = Vec::with_capacity(args.inputs.len());
    for input in &args.inputs {
        let bytes = match read_input(input) {
            Ok(b) => b,
            Err(e) => return ctx.io_error(&e),
        };
        match prepare(input, &bytes, now, &target) {
            Ok(p) => {
                ctx.report(&p.warnings, Some(&bytes));
                prepared.push(p);
            }
            Err(f) => return ctx.fail(&f, Some(&bytes)),
        }
    }
    let credentials = match secret::credentials(
        args.user.as_deref(),
        args.password_command.as_deref(),
        args.token_command.as_deref(),
    ) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let logger: Option<Logger> = ctx
        .global
        .verbose
        .then(|| Arc::new(|r: &RequestLog| eprintln!("{r}")) as Logger);
    let settings = Settings {
        target,
        dry_run: args.dry_run,
        logger,
        parallelism: args.jobs.max(1),
    };
    let pushed = match deliver(&prepared, credentials, &settings) {
        Ok(p) => p,
        Err(f) => return ctx.fail(&f, None),
    };
    let mut out = String::new();
    if pushed.created_calendar {
        let verb = if args.dry_run {
            "would create"
        } else {
            "created"
        };
        out.push_str(&format!("{verb} calendar {}\n", pushed.destination));
    }
    for line in &pushed.lines {
        let what = match line.change {
            Change::Create => "create",
            Change::Update => "update",
            Change::Delete => "delete",
            Change::Unchanged => continue,
        };
        match &line.result {
            ItemResult::Done | ItemResult::DryRun if args.dry_run || ctx.global.verbose => {
                out.push_str(&format!("{what} {}\n", line.uid));
            }
            ItemResult::Conflict(why) | ItemResult::Failed(why) => {
                eprintln!("warning: {what} {} skipped: {why}", line.uid);
            }
            _ => {}
        }
    }
    for w in &pushed.report.warnings {
        eprintln!("warning: {w}");
    }
    if !ctx.global.quiet {
        out.push_str(&pushed.summary());
        out.push('\n');
    }
    match ctx.print(out.as_bytes()) {
        Exit::Ok if pushed.report.failed > 0 => Exit::Io,
        e => e,
    }
}
