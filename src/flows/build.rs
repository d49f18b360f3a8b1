//! `build` of one input (SPEC §2, §5): its calendar to standard output or
//! to a file; over an existing file, a regeneration (unchanged events keep
//! their bytes, changed ones get SEQUENCE+1, vanished ones stay a while as
//! cancelled).
//!
//! The input's bytes come in (the caller read the file or standard input);
//! the previous output is read and the new one written here, through `io`,
//! atomically. A first build into a file streams the calendar to it as it
//! is made instead of holding it whole in memory. Nothing is printed: the
//! result says what happened, with every diagnostic.

use super::failure::Failure;
use crate::error::Diagnostic;
use crate::ics::merge::Changes;
use crate::io::holidays::FileHolidays;
use crate::io::{self, IoError};
use crate::model::duration::Duration;
use crate::notes::Notes;
use crate::pipeline::calendar::{Previous, calendar_streamed, calendar_with_previous};
use crate::pipeline::export::Options;
use jiff::{SignedDuration, Timestamp};
use std::path::Path;

/// What every build shares: "now", how times are written, and how a
/// regeneration treats the previous calendar.
#[derive(Debug, Clone)]
pub struct Settings {
    /// DTSTAMP of new and changed events (`--now`, SOURCE_DATE_EPOCH or the
    /// clock, read by the caller).
    pub now: Timestamp,
    /// Every time in UTC, with no VTIMEZONE (`--utc`).
    pub utc: bool,
    /// How long a cancelled or vanished step stays as STATUS:CANCELLED.
    pub keep_cancelled: SignedDuration,
    /// Replace a previous file that is not followup's or cannot be read
    /// back, with a warning, instead of refusing.
    pub force: bool,
}

impl Settings {
    pub(super) fn options(&self) -> Options {
        let mut opts = Options::new(self.now);
        opts.utc = self.utc;
        opts
    }

    /// The previous calendar `bytes` at `name`, under these settings.
    pub(super) fn previous<'a>(&self, name: &'a str, bytes: &'a [u8]) -> Previous<'a> {
        Previous {
            name,
            bytes,
            keep_cancelled: self.keep_cancelled,
            force: self.force,
        }
    }
}

/// `--keep-cancelled`: a duration in `m`, `h`, `d` or `w` (a day is 24 hours
/// here: it is a retention period, not a calendar date).
pub fn parse_keep_cancelled(text: &str) -> Result<SignedDuration, String> {
    match Duration::parse(text) {
        Ok(Duration::Minutes(m)) => Ok(SignedDuration::from_mins(m)),
        Ok(Duration::Days(d)) => Ok(SignedDuration::from_hours(d * 24)),
        Ok(Duration::BusinessDays(_)) => {
            Err("business days make no sense for a retention period; write e.g. 30d".to_string())
        }
        Err(e) => Err(format!("{}; write e.g. 30d, 2w or 12h", e.0)),
    }
}

/// A calendar built.
#[derive(Debug)]
pub struct Built {
    pub events: usize,
    /// The input's and the writer's warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
    /// What the merge with the previous file did; `None` on a first build.
    pub changes: Option<Changes>,
    /// The calendar, when it goes to standard output: the caller writes it.
    pub stdout: Option<Vec<u8>>,
    /// Whether the output file was put in place (always `Ok` for standard
    /// output, and when the file already held these exact bytes: then it is
    /// left alone, mtime and all, so static hosts and caches see no change).
    pub written: Result<(), IoError>,
}

/// Builds the calendar of the input `name` (its `bytes` given) into
/// `output`, or for standard output when `None`. Holiday files are read
/// beside the input.
pub fn build(
    name: &str,
    bytes: &[u8],
    output: Option<&str>,
    settings: &Settings,
) -> Result<Built, Failure> {
    let holidays = FileHolidays::beside(name);
    let notes = Notes::new();
    let opts = settings.options();
    let path = output.map(Path::new);
    let previous_bytes = match path {
        Some(path) => io::read_if_exists(path)?,
        None => None,
    };
    let previous = match (&previous_bytes, output) {
        (Some(bytes), Some(name)) => Some(settings.previous(name, bytes)),
        _ => None,
    };
    if let (Some(path), None) = (path, &previous_bytes) {
        return first_build(name, bytes, &holidays, &notes, &opts, path);
    }
    let cal = calendar_with_previous(name, bytes, &holidays, &notes, &opts, previous.as_ref())
        .map_err(|f| Failure::Invalid(f.diagnostics))?;
    let (stdout, written) = match path {
        None => (Some(cal.bytes), Ok(())),
        Some(_) if previous_bytes.as_deref() == Some(cal.bytes.as_slice()) => (None, Ok(())),
        Some(path) => (None, io::write_atomic(path, &cal.bytes)),
    };
    Ok(Built {
        events: cal.events,
        warnings: cal.warnings,
        changes: cal.changes,
        stdout,
        written,
    })
}

/// A first build into a file that does not exist yet: nothing to
/// regenerate over, so the calendar goes to the file as it is made instead
/// of being held whole in memory first. Same bytes and diagnostics as
/// building it in memory and writing it at the end.
fn first_build(
    name: &str,
    bytes: &[u8],
    holidays: &FileHolidays,
    notes: &Notes,
    opts: &Options,
    path: &Path,
) -> Result<Built, Failure> {
    let mut file = io::Streaming::new(path, false);
    let streamed = calendar_streamed(name, bytes, holidays, notes, opts, &mut |piece| {
        file.put(piece)
    })
    .map_err(|f| Failure::Invalid(f.diagnostics))?;
    Ok(Built {
        events: streamed.events,
        warnings: streamed.warnings,
        changes: None,
        stdout: None,
        written: file.finish(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldPath;

    #[test]
    fn keep_cancelled_durations() {
        case("30d", Ok(SignedDuration::from_hours(720)));
        case("2w", Ok(SignedDuration::from_hours(336)));
        case("12h", Ok(SignedDuration::from_hours(12)));
        case("0d", Ok(SignedDuration::ZERO));
        assert!(parse_keep_cancelled("3bd").is_err_and(|e| e.contains("business days")));
        assert!(
            parse_keep_cancelled("soon").is_err_and(|e| e.ends_with("write e.g. 30d, 2w or 12h"))
        );
    }

    #[track_caller]
    fn case(text: &str, want: Result<SignedDuration, String>) {
        assert_eq!(parse_keep_cancelled(text), want, "{text}");
    }

    /// An invalid input fails with its diagnostics, each naming the file.
    #[test]
    fn invalid_input_fails_with_named_diagnostics() {
        let settings = Settings {
            now: Timestamp::UNIX_EPOCH,
            utc: false,
            keep_cancelled: SignedDuration::ZERO,
            force: false,
        };
        let Err(Failure::Invalid(d)) = build("in.yaml", b"interviews: 3\n", None, &settings) else {
            panic!("an invalid input fails");
        };
        assert_eq!(d[0].file, "in.yaml");
        assert_eq!(d[0].path, FieldPath::root().key("interviews").as_str());
    }
}
