//! One input's bytes → the calendar's bytes (SPEC §5): load, plan, draft
//! the notes, write; over a previous calendar, a regeneration.
//!
//! The caller reads the bytes and hands them in with the file's display
//! name; to regenerate, it hands in the previous calendar as an [`Index`]
//! (read a piece at a time, [`crate::ics::index::Indexer`]) and a way to
//! read one of its events again ([`Over`]), or, when it holds it anyway
//! (`serve`), its bytes ([`Previous`]). The calendar goes out a round of
//! events at a time, so neither the new calendar nor the previous one is
//! ever held whole unless the caller keeps it (SPEC §11). This module
//! never touches the filesystem itself (holiday files come in through a
//! [`HolidaySource`]).

use super::export::{self, Options, Over, is_ours};
use super::load::{Failed, Loaded, load};
use super::view;
use crate::error::{Diagnostic, Severity};
use crate::ics::index::{Index, index};
use crate::ics::merge::{Changes, Rules};
use crate::ics::read::{MAX_SEQUENCE, ReadError};
use crate::model::validate::HolidaySource;
use crate::notes::Notes;
use jiff::SignedDuration;

/// A finished calendar for one input, in memory.
pub struct Calendar {
    pub bytes: Vec<u8>,
    pub events: usize,
    /// Input warnings and writer warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
    /// What the merge with the previous calendar did, when there was one.
    pub changes: Option<Changes>,
}

/// The calendar a regeneration writes over, held in memory (SPEC §5): the
/// body `serve` served last.
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

/// Loads an input and sorts its steps (SPEC §6): what [`write`] writes.
/// A regeneration checks the input with this before it reads the previous
/// calendar, so an invalid input is reported first.
pub fn prepare(name: &str, bytes: &[u8], holidays: &dyn HolidaySource) -> Result<Loaded, Failed> {
    let mut loaded = load(name, bytes, holidays)?;
    view::sort(&loaded.model, &mut loaded.steps);
    Ok(loaded)
}

/// What a previous calendar turned out to be.
pub enum Accepted {
    /// followup's own, read back: regenerate over it.
    Index(Index),
    /// Not readable, or not followup's, and `--force` says to replace it:
    /// a first build, with this warning.
    Replaced(Diagnostic),
}

/// Decides about the previous calendar `name`, as read: one that followup
/// did not write (PRODID) or that cannot be read back is an error naming
/// it, unless `force` (then a warning and a first build).
pub fn accept_previous(
    name: &str,
    read: Result<Index, ReadError>,
    force: bool,
) -> Result<Accepted, Failed> {
    let refuse = |why: String| {
        Diagnostic::error("", None, format!("cannot regenerate over {name}: {why}"))
            .with_hint(
                "it was left untouched; write to another file, or pass --force to replace it",
            )
            .in_file(name)
    };
    let problem = match read {
        Ok(index) if is_ours(&index.prodid) => return Ok(Accepted::Index(index)),
        Ok(index) => refuse(format!(
            "it was not written by followup (PRODID {:?})",
            index.prodid
        )),
        Err(e) => refuse(e.to_string()),
    };
    if force {
        Ok(Accepted::Replaced(Diagnostic {
            severity: Severity::Warning,
            hint: Some("--force: replacing it with a fresh calendar".to_string()),
            ..problem
        }))
    } else {
        Err(Failed {
            diagnostics: vec![problem],
        })
    }
}

/// What [`write`] made, besides the bytes it handed over.
pub struct Streamed {
    pub events: usize,
    /// Input warnings and writer warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
    /// What the merge with the previous calendar did, when there was one.
    pub changes: Option<Changes>,
}

/// Writes the calendar of `loaded` (the input `name`), its bytes going to
/// `put` as they are made: a first build, or with `over` a regeneration
/// over the previous calendar `over_name`. The pieces, joined, are the
/// calendar; on an error after the first piece (a template bug, a previous
/// file changed while it was read), the caller discards what it was given.
pub fn write(
    name: &str,
    loaded: &Loaded,
    notes: &Notes,
    opts: &Options,
    over: Option<(&str, &Over<'_>)>,
    put: &mut dyn FnMut(&[u8]),
) -> Result<Streamed, Failed> {
    let written = export::write(
        &loaded.model,
        &loaded.steps,
        notes,
        opts,
        over.map(|(_, o)| o),
        put,
    )
    .map_err(|d| Failed {
        diagnostics: vec![d.in_file(name)],
    })?;
    let mut warnings = loaded.warnings.clone();
    warnings.extend(written.warnings.into_iter().map(|d| d.in_file(name)));
    if let (Some(c), Some((over_name, _))) = (&written.changes, over)
        && c.capped > 0
    {
        warnings.push(
            Diagnostic::warning(
                "",
                None,
                format!(
                    "{} changed events already had SEQUENCE {MAX_SEQUENCE}, RFC 5545's largest integer, and keep it",
                    c.capped
                ),
            )
            .with_hint("their DTSTAMP and LAST-MODIFIED still change; a client that compares SEQUENCE alone may not show the change")
            .in_file(over_name),
        );
    }
    Ok(Streamed {
        events: written.events,
        warnings,
        changes: written.changes,
    })
}

/// One input's bytes → the calendar's bytes: load, plan, draft the notes,
/// write. A first build (every DTSTAMP now, every SEQUENCE 0).
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
/// get SEQUENCE+1, vanished ones are kept as cancelled for a while. All
/// in memory: for a caller that holds both calendars anyway (`serve`).
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
    let loaded = prepare(name, bytes, holidays)?;
    let mut out = Vec::new();
    let mut put = |piece: &[u8]| out.extend_from_slice(piece);
    let Some(prev) = previous else {
        let s = write(name, &loaded, notes, opts, None, &mut put)?;
        return Ok(Calendar {
            bytes: out,
            events: s.events,
            warnings: s.warnings,
            changes: None,
        });
    };
    let streamed = match accept_previous(prev.name, index(prev.bytes), prev.force)? {
        Accepted::Index(ix) => {
            let fetch = |at: u64, len: u64| -> Result<String, String> {
                let range = usize::try_from(at)
                    .ok()
                    .zip(usize::try_from(at.saturating_add(len)).ok())
                    .and_then(|(from, to)| prev.bytes.get(from..to))
                    .ok_or("the previous calendar is shorter than when it was read")?;
                String::from_utf8(range.to_vec()).map_err(|_| "it is not UTF-8 text".to_string())
            };
            let over = Over {
                index: &ix,
                rules: Rules {
                    now: opts.now,
                    keep_cancelled: prev.keep_cancelled,
                },
                fetch: &fetch,
            };
            write(
                name,
                &loaded,
                notes,
                opts,
                Some((prev.name, &over)),
                &mut put,
            )?
        }
        Accepted::Replaced(warning) => {
            let mut s = write(name, &loaded, notes, opts, None, &mut put)?;
            s.warnings.push(warning);
            s
        }
    };
    Ok(Calendar {
        bytes: out,
        events: streamed.events,
        warnings: streamed.warnings,
        changes: streamed.changes,
    })
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
    let loaded = prepare(name, bytes, holidays)?;
    write(name, &loaded, notes, opts, None, put)
}
