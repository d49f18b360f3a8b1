//! The command line (SPEC §2): clap derive, one file per subcommand, each an
//! `Args` struct and a `run` that turns the arguments into one flow call
//! (`crate::flows`) and its result into output and an exit code. This
//! module only parses and dispatches; `context` holds what every subcommand
//! shares ("now", reading an input, printing diagnostics), `regen` the
//! options `build` and `serve` share. Reaches the program only through
//! `flows` (and `serve`, the HTTP face), `error` for exit codes and
//! diagnostics, and `io` for standard input and output and the clock.

mod add;
mod batch;
mod build;
mod check;
mod completions;
mod context;
mod done;
mod draft;
mod due;
mod edited;
mod examples;
mod heard;
mod holidays;
mod init;
mod man;
mod plan;
#[cfg(feature = "push")]
mod push;
mod regen;
mod schema;
#[cfg(feature = "push")]
mod secret;
#[cfg(feature = "serve")]
mod serve;
mod status;

use crate::error::Exit;
use crate::flows;
use clap::{CommandFactory, Parser, Subcommand};
use context::{Context, Global};
use std::ffi::OsString;

#[derive(Parser, Debug)]
#[command(
    name = "followup",
    about = "Turn job interviews written in YAML into a calendar of follow-up steps",
    disable_version_flag = true,
    after_help = examples::top_level()
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    global: Global,
    /// Print the version and the bundled time zone database's version.
    #[arg(short = 'V', long)]
    version: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write the calendar (.ics) of every follow-up step.
    Build(build::Args),
    /// Validate input files; exit 0 when all are valid.
    Check(check::Args),
    /// Show every follow-up step: an agenda by day, or the stable JSON.
    Plan(plan::Args),
    /// List what is overdue, due today and coming in the next days.
    Due(due::Args),
    /// Print the drafted messages, or write them as .eml drafts.
    Draft(draft::Args),
    /// List the holidays of a built-in calendar or an .ics file.
    Holidays(holidays::Args),
    /// Write a commented starter file to fill in.
    Init(init::Args),
    /// Print the JSON Schema of the input, for editors.
    Schema(schema::Args),
    /// Print a shell completion script.
    Completions(completions::Args),
    /// Print the manual page (roff).
    Man(man::Args),
    /// Serve each input's calendar as a live feed, regenerated on change.
    #[cfg(feature = "serve")]
    Serve(serve::Args),
    /// Record a step you carried out (a thank-you sent, a check-in made).
    Done(done::Args),
    /// Record that they replied without a decision: the nudges start again.
    Heard(heard::Args),
    /// Set an interview's status: waiting, offer, accepted, rejected, withdrawn.
    Status(status::Args),
    /// Add an interview, from a meeting invitation (.ics) or from flags.
    Add(add::Args),
    /// Push the steps into a CalDAV calendar, or their drafts into IMAP.
    #[cfg(feature = "push")]
    Push(push::Args),
}

/// Runs the CLI on `args` (argv including the program name) and returns
/// the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Ok
            };
            let _ = e.print();
            return code as i32;
        }
    };
    if cli.version {
        println!("{}", flows::version::line());
        return Exit::Ok as i32;
    }
    let Some(command) = cli.command else {
        eprintln!(
            "error: no command given\n\nUsage: followup <COMMAND>\nTry 'followup --help' for the commands and examples."
        );
        return Exit::Usage as i32;
    };
    let ctx = Context::new(cli.global);
    let exit = match command {
        Command::Build(a) => build::run(&ctx, a),
        Command::Check(a) => check::run(&ctx, a),
        Command::Plan(a) => plan::run(&ctx, a),
        Command::Due(a) => due::run(&ctx, a),
        Command::Draft(a) => draft::run(&ctx, a),
        Command::Holidays(a) => holidays::run(&ctx, a),
        Command::Init(a) => init::run(&ctx, a),
        Command::Schema(a) => schema::run(&ctx, a),
        Command::Completions(a) => completions::run(&ctx, a, Cli::command()),
        Command::Man(a) => man::run(&ctx, a, Cli::command()),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(&ctx, a),
        Command::Done(a) => done::run(&ctx, a),
        Command::Heard(a) => heard::run(&ctx, a),
        Command::Status(a) => status::run(&ctx, a),
        Command::Add(a) => add::run(&ctx, a),
        #[cfg(feature = "push")]
        Command::Push(a) => push::run(&ctx, a),
    };
    exit as i32
}
