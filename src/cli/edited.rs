//! What the editing subcommands (`done`, `heard`, `status`, `add`) share:
//! printing what changed, or why nothing was written.

use super::context::Context;
use crate::error::Exit;
use crate::flows::edit::{Edited, Refused};

/// The dates the editing flags take, for their `--help`.
pub const DATES: &str = "DATE: YYYY-MM-DD, today, yesterday, tomorrow, +3d, -2d, +1w (the employer's date; default today)";

/// Prints the change (one line on stderr; `-q` silences it, and the notes)
/// or the refusal; returns the exit code.
pub fn report(ctx: &Context, result: Result<Edited, Refused>) -> Exit {
    match result {
        Ok(edited) => {
            ctx.report(&edited.warnings, Some(&edited.written));
            if !ctx.global.quiet {
                let mut out = format!("{}\n", edited.summary);
                for note in &edited.notes {
                    out.push_str(&format!("  {note}\n"));
                }
                eprint!("{out}");
            }
            Exit::Ok
        }
        Err(refused) => {
            let source = (!refused.source.is_empty()).then_some(refused.source.as_slice());
            let exit = ctx.fail(&refused.failure, source);
            if let Some(after) = &refused.after {
                eprintln!("{after}");
            }
            exit
        }
    }
}
