//! The command line (SPEC §2): clap derive, one file per subcommand, each an
//! `Args` struct and a `run`. This module only parses and dispatches, and
//! holds what every subcommand shares: "now", reporting diagnostics, exit
//! codes.

mod batch;
mod build;
mod check;
mod completions;
mod holidays;
pub mod init;
mod man;
mod plan;
mod schema;
#[cfg(feature = "serve")]
mod serve;

use crate::error::{Diagnostic, Exit};
use crate::io;
use clap::{CommandFactory, Parser, Subcommand};
use jiff::Timestamp;
use std::ffi::OsString;
use std::io::IsTerminal as _;

#[cfg(feature = "serve")]
const AFTER_HELP: &str = "\
Examples:
  followup init                        # a commented starter interviews.yaml
  followup build interviews.yaml -o followups.ics
  followup check interviews.yaml
  followup plan interviews.yaml --format json
  followup plan interviews.yaml --from 2026-11-23 --to 2026-11-30
  followup holidays US --year 2027          # the days off a calendar gives
  followup serve interviews.yaml            # a feed to subscribe to

Exit codes: 0 ok, 1 invalid input (nothing written), 2 usage error, 3 I/O error.";

#[cfg(not(feature = "serve"))]
const AFTER_HELP: &str = "\
Examples:
  followup init                        # a commented starter interviews.yaml
  followup build interviews.yaml -o followups.ics
  followup check interviews.yaml
  followup plan interviews.yaml --format json
  followup plan interviews.yaml --from 2026-11-23 --to 2026-11-30
  followup holidays US --year 2027          # the days off a calendar gives

Exit codes: 0 ok, 1 invalid input (nothing written), 2 usage error, 3 I/O error.";

#[derive(Parser, Debug)]
#[command(
    name = "followup",
    about = "Turn job interviews written in YAML into a calendar of follow-up steps",
    disable_version_flag = true,
    after_help = AFTER_HELP
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

/// Options every subcommand accepts.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// Fix "now" (RFC 3339, e.g. 2026-11-22T09:00:00Z) for reproducible
    /// output; otherwise SOURCE_DATE_EPOCH, otherwise the clock.
    #[arg(long, global = true, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Print errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more about what is done.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write the calendar (.ics) of every follow-up step.
    Build(build::Args),
    /// Validate input files; exit 0 when all are valid.
    Check(check::Args),
    /// Show every follow-up step: an agenda by day, or the stable JSON.
    Plan(plan::Args),
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
}

/// The clap definition, for completions and the man page.
pub(crate) fn command() -> clap::Command {
    Cli::command()
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
        println!(
            "followup {} (tzdb {})",
            env!("CARGO_PKG_VERSION"),
            crate::zone::tzdb_version()
        );
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
        Command::Holidays(a) => holidays::run(&ctx, a),
        Command::Init(a) => init::run(&ctx, a),
        Command::Schema(a) => schema::run(&ctx, a),
        Command::Completions(a) => completions::run(&ctx, a),
        Command::Man(a) => man::run(&ctx, a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(&ctx, a),
    };
    exit as i32
}

/// What subcommands share.
pub struct Context {
    pub global: Global,
    pub color: bool,
}

impl Context {
    fn new(global: Global) -> Self {
        // no-color.org: NO_COLOR set to a non-empty value turns colour off.
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = std::io::stderr().is_terminal() && !no_color;
        Context { global, color }
    }

    /// "Now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
    pub fn now(&self) -> Result<Timestamp, Exit> {
        if let Some(s) = &self.global.now {
            return s.parse::<Timestamp>().map_err(|_| {
                eprintln!(
                    "error: --now {s:?} is not an RFC 3339 instant\n  = help: write e.g. 2026-11-22T09:00:00Z or 2026-11-22T10:00:00+01:00"
                );
                Exit::Usage
            });
        }
        if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH") {
            let parsed = v
                .to_str()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .and_then(|secs| Timestamp::from_second(secs).ok());
            return parsed.ok_or_else(|| {
                eprintln!("error: SOURCE_DATE_EPOCH={v:?} is not a number of seconds since 1970");
                Exit::Usage
            });
        }
        Ok(io::clock_now())
    }

    /// Prints diagnostics to stderr; warnings are hidden with `--quiet`.
    pub fn report(&self, diags: &[Diagnostic], source: Option<&[u8]>) {
        // Lossy, so a file with a bad byte still shows the line around it.
        let text = source.map(String::from_utf8_lossy);
        for d in diags {
            if !d.is_error() && self.global.quiet {
                continue;
            }
            eprint!("{}", d.render(text.as_deref(), self.color));
        }
    }

    pub fn io_error(&self, e: &io::IoError) -> Exit {
        eprintln!("error: {e}");
        Exit::Io
    }
}

/// Reads an input named on the command line (`-` is stdin).
pub fn read_input(path: &str) -> Result<Vec<u8>, io::IoError> {
    if path == "-" {
        io::read_stdin()
    } else {
        io::read(std::path::Path::new(path))
    }
}
