//! One input's bytes → the calendar's bytes (SPEC §5): load, plan, draft
//! the notes, write; over a previous calendar, a regeneration.
//!
//! The caller reads the bytes and hands them in with the file's display
//! name, and, to regenerate, the previous calendar's bytes ([`Previous`]);
//! this module never touches the filesystem itself (holiday files come in
//! through a [`HolidaySource`]).

use super::export::{self, Options, is_ours};
use super::load::{Failed, load};
use super::view;
use crate::error::{Diagnostic, Severity};
use crate::ics::merge::{Changes, Rules, merge};
use crate::ics::read::{Parsed, read};
use crate::model::validate::HolidaySource;
use crate::notes::Notes;
use jiff::SignedDuration;

/// A finished calendar for one input.
pub struct Calendar {
    pub bytes: Vec<u8>,
    pub events: usize,
    /// Input warnings and writer warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
    /// What the merge with the previous calendar did, when there was one.
    pub changes: Option<Changes>,
}

/// The calendar a regeneration writes over (SPEC §5): the output file that
/// `build -o` replaces, or the body `serve` served last.
#[derive(Clone, Copy)]
pub struct Previous<'a> {
    /// How diagnostics name it (the output path).
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// How long a cancelled event stays before it drops out.
    pub keep_cancelled: SignedDuration,
    /// Replace a previous file that is not followup's, or not readable,
    /// instead of refusing (with a warning).
    pub force: bool,
}

/// SPEC §5: cancelled events stay 30 days unless told otherwise.
pub const KEEP_CANCELLED: SignedDuration = SignedDuration::from_hours(30 * 24);

/// One input's bytes → the calendar's bytes: load, plan, draft the notes,
/// write. The single path `build`, batch builds and `serve` share; a first
/// build (every DTSTAMP now, every SEQUENCE 0).
///
/// `notes` is built once by the caller and shared (it holds the compiled
/// templates).
pub fn calendar(
    name: &str,
    bytes: &[u8],
    holidays: &dyn HolidaySource,
    notes: &Notes,
    opts: &Options,
) -> Result<Calendar, Failed> {
    calendar_with_previous(name, bytes, holidays, notes, opts, None)
}

/// [`calendar`], regenerated over `previous` when given (SPEC §5, see
/// [`crate::ics::merge`]): unchanged events keep their bytes, changed ones
/// get SEQUENCE+1, vanished ones are kept as cancelled for a while.
///
/// The input is checked first; then a previous calendar that followup did
/// not write (PRODID), or that cannot be read back, is an error naming
/// `previous.name`, unless `previous.force` (then a warning and a first
/// build).
pub fn calendar_with_previous(
    name: &str,
    bytes: &[u8],
    holidays: &dyn HolidaySource,
    notes: &Notes,
    opts: &Options,
    previous: Option<&Previous<'_>>,
) -> Result<Calendar, Failed> {
    let Some(prev) = previous else {
        // A first build: nothing to merge, the bytes collected as made.
        let mut out = Vec::new();
        let streamed = calendar_streamed(name, bytes, holidays, notes, opts, &mut |piece| {
            out.extend_from_slice(piece)
        })?;
        return Ok(Calendar {
            bytes: out,
            events: streamed.events,
            warnings: streamed.warnings,
            changes: None,
        });
    };
    let mut loaded = load(name, bytes, holidays)?;
    view::sort(&loaded.model, &mut loaded.steps);
    let bug = |d: Diagnostic| Failed {
        diagnostics: vec![d.in_file(name)],
    };
    let mut warnings = loaded.warnings;
    let mut built = export::build(&loaded.model, &loaded.steps, notes, opts).map_err(bug)?;
    warnings.extend(built.warnings.iter().map(|d| d.clone().in_file(name)));
    let mut changes = None;
    match read_previous(prev) {
        Ok(parsed) => {
            let rules = Rules {
                now: opts.now,
                keep_cancelled: prev.keep_cancelled,
            };
            let merged = merge(
                &parsed,
                std::mem::take(&mut built.events),
                std::mem::take(&mut built.timezones),
                &rules,
            );
            built.events = merged.events;
            built.timezones = merged.timezones;
            changes = Some(merged.changes);
        }
        Err(d) if prev.force => warnings.push(Diagnostic {
            severity: Severity::Warning,
            hint: Some("--force: replacing it with a fresh calendar".to_string()),
            ..d
        }),
        Err(d) => {
            return Err(Failed {
                diagnostics: vec![d],
            });
        }
    }
    let mut out = Vec::with_capacity(built.events.len() * 2048);
    built.write(&mut out);
    Ok(Calendar {
        bytes: out,
        events: built.events.len(),
        warnings,
        changes,
    })
}

/// What a streamed first build made, besides the bytes it handed over.
pub struct Streamed {
    pub events: usize,
    /// Input warnings and writer warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
}

/// A first build ([`calendar`] with no previous calendar) whose bytes go to
/// `put` as they are made, a round of events at a time, so a caller that
/// writes them out never holds the whole calendar. The pieces, joined, are
/// [`calendar`]'s bytes. Nothing is handed over unless the input is valid;
/// on an error after the first piece (a template bug), the caller discards
/// what it was given.
pub fn calendar_streamed(
    name: &str,
    bytes: &[u8],
    holidays: &dyn HolidaySource,
    notes: &Notes,
    opts: &Options,
    put: &mut dyn FnMut(&[u8]),
) -> Result<Streamed, Failed> {
    let mut loaded = load(name, bytes, holidays)?;
    view::sort(&loaded.model, &mut loaded.steps);
    let written =
        export::write(&loaded.model, &loaded.steps, notes, opts, put).map_err(|d| Failed {
            diagnostics: vec![d.in_file(name)],
        })?;
    let mut warnings = loaded.warnings;
    warnings.extend(written.warnings.into_iter().map(|d| d.in_file(name)));
    Ok(Streamed {
        events: written.events,
        warnings,
    })
}

/// Reads the previous calendar back and checks it is followup's.
fn read_previous(prev: &Previous<'_>) -> Result<Parsed, Diagnostic> {
    let refuse = |why: String| {
        Diagnostic::error(
            "",
            None,
            format!("cannot regenerate over {}: {why}", prev.name),
        )
        .with_hint("it was left untouched; write to another file, or pass --force to replace it")
        .in_file(prev.name)
    };
    let parsed = read(prev.bytes).map_err(|e| refuse(format!("{e}")))?;
    if !is_ours(&parsed.prodid) {
        return Err(refuse(format!(
            "it was not written by followup (PRODID {:?})",
            parsed.prodid
        )));
    }
    Ok(parsed)
}
