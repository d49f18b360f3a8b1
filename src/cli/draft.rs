//! `followup draft FILE [ID [STEP]] [--to NAME] [--format text|eml]
//! [--out-dir DIR]` (SPEC §9): the drafted messages, printed or as `.eml`.

use super::context::{Context, read_input};
use crate::error::Exit;
use crate::flows::draft::{self, Request};
use std::path::PathBuf;

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Eml,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Without ID and STEP, every message still planned is drafted, in plan order.
Naming the interview and the step drafts that step whatever its status.

Examples:
  followup draft interviews.yaml                          # every planned message
  followup draft interviews.yaml acme-ae                  # one interview's
  followup draft interviews.yaml acme-ae thank-you --to \"Mark Lee\"
  followup draft interviews.yaml --format eml --out-dir drafts/
      # one .eml per email, to open in Outlook, Thunderbird or Apple Mail")]
pub struct Args {
    /// Input file (`-` reads standard input).
    #[arg(value_name = "INPUT.yaml")]
    input: String,
    /// Only this interview (its `id`).
    #[arg(value_name = "ID")]
    id: Option<String>,
    /// Only this step: thank-you, check-in, follow-up, move-on, feedback,
    /// competing-offer, offer-thanks, offer-decision or withdraw.
    #[arg(value_name = "STEP", requires = "id")]
    step: Option<String>,
    /// Only messages to this interviewer (their name as in the file).
    #[arg(long, value_name = "NAME")]
    to: Option<String>,
    /// Plain text on standard output, or one .eml file per email.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The folder for the .eml files (made if missing).
    #[arg(long, value_name = "DIR", required_if_eq("format", "eml"))]
    out_dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    let bytes = match read_input(&args.input) {
        Ok(b) => b,
        Err(e) => return ctx.io_error(&e),
    };
    let req = Request {
        id: args.id.as_deref(),
        step: args.step.as_deref(),
        to: args.to.as_deref(),
        format: match args.format {
            Format::Text => draft::Format::Text,
            Format::Eml => draft::Format::Eml,
        },
        out_dir: args.out_dir.as_deref(),
    };
    let outcome = match draft::draft(&args.input, &bytes, &req) {
        Ok(o) => o,
        Err(f) => return ctx.fail(&f, Some(&bytes)),
    };
    ctx.report(&outcome.warnings, Some(&bytes));
    if outcome.nothing {
        if !ctx.global.quiet {
            eprintln!(
                "nothing to draft: no planned message matches (done and cancelled steps are left out unless you name the interview and the step)"
            );
        }
        return Exit::Ok;
    }
    match req.format {
        draft::Format::Text => ctx.print(outcome.text.as_bytes()),
        draft::Format::Eml => {
            if !ctx.global.quiet {
                for path in &outcome.written {
                    eprintln!("wrote {}", path.display());
                }
                if outcome.not_email > 0 {
                    eprintln!(
                        "{} call or letter draft(s) have no .eml file; see them with --format text",
                        outcome.not_email
                    );
                }
            }
            Exit::Ok
        }
    }
}
