//! What every subcommand shares: the global options, "now", reading an
//! input, and printing diagnostics and failures.

use crate::error::{Diagnostic, Exit, Style};
use crate::flows::{Failure, dates};
use crate::io;
use jiff::Timestamp;
use std::io::IsTerminal as _;

/// `--format table|json` of the listing commands (`plan`, `due`,
/// `holidays`).
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

impl From<Format> for crate::flows::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Table => Self::Table,
            Format::Json => Self::Json,
        }
    }
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

/// What subcommands share.
pub struct Context {
    pub global: Global,
    /// How diagnostics are shown: colour on a terminal without `NO_COLOR`,
    /// warnings hidden with `--quiet`.
    pub style: Style,
}

impl Context {
    pub fn new(global: Global) -> Self {
        // no-color.org: NO_COLOR set to a non-empty value turns colour off.
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = std::io::stderr().is_terminal() && !no_color;
        let quiet = global.quiet;
        Context {
            global,
            style: Style { color, quiet },
        }
    }

    /// "Now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
    pub fn now(&self) -> Result<Timestamp, Exit> {
        if let Some(s) = &self.global.now {
            let t = s.parse::<Timestamp>().map_err(|_| {
                eprintln!(
                    "error: --now {s:?} is not an RFC 3339 instant\n  = help: write e.g. 2026-11-22T09:00:00Z or 2026-11-22T10:00:00+01:00"
                );
                Exit::Usage
            })?;
            return dates::now(t).map_err(|why| {
                eprintln!("error: --now {s:?}: {why}");
                Exit::Usage
            });
        }
        if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH") {
            let parsed = v
                .to_str()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .and_then(|secs| Timestamp::from_second(secs).ok());
            let t = parsed.ok_or_else(|| {
                eprintln!("error: SOURCE_DATE_EPOCH={v:?} is not a number of seconds since 1970");
                Exit::Usage
            })?;
            return dates::now(t).map_err(|why| {
                eprintln!("error: SOURCE_DATE_EPOCH={v:?}: {why}");
                Exit::Usage
            });
        }
        Ok(io::clock_now())
    }

    /// Whether "now" is fixed (`--now` or `SOURCE_DATE_EPOCH`) rather than
    /// the clock's (`serve` reads the clock at each regeneration otherwise).
    #[cfg(feature = "serve")]
    pub fn now_is_fixed(&self) -> bool {
        self.global.now.is_some() || std::env::var_os("SOURCE_DATE_EPOCH").is_some()
    }

    /// Prints diagnostics to stderr; warnings are hidden with `--quiet`.
    pub fn report(&self, diags: &[Diagnostic], source: Option<&[u8]>) {
        eprint!("{}", self.style.render(diags, source));
    }

    /// Prints why a flow failed; returns the exit code for it.
    pub fn fail(&self, failure: &Failure, source: Option<&[u8]>) -> Exit {
        eprint!("{}", failure.render(&self.style, source));
        failure.exit()
    }

    pub fn io_error(&self, e: &io::IoError) -> Exit {
        eprintln!("error: {e}");
        e.exit()
    }

    /// Writes a flow's text to standard output.
    pub fn print(&self, text: &[u8]) -> Exit {
        match io::write_stdout(text) {
            Ok(()) => Exit::Ok,
            Err(e) => self.io_error(&e),
        }
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
