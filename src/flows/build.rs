//! `build` of one input (SPEC §2, §5): its calendar to standard output or
//! to a file; over an existing file, a regeneration (unchanged events keep
//! their bytes, changed ones get SEQUENCE+1, vanished ones stay a while as
//! cancelled).
//!
//! The input's bytes come in (the caller read the file or standard input);
//! the previous output is read and the new one written here, through `io`,
//! atomically. The calendar is never held whole: it goes to the file or to
//! the caller's standard output as it is made, and the previous file is
//! read a piece at a time (SPEC §11). An output that is the input itself,
//! or one of its holiday files, is refused before anything is written.
//! Nothing is printed: the result says what happened, with every
//! diagnostic.

use super::failure::Failure;
use super::output::{IntoFile, Target, into_file};
use crate::error::{Diagnostic, Exit, terminal};
use crate::ics::merge::Changes;
use crate::io::holidays::FileHolidays;
use crate::io::{self, IoError};
use crate::model::duration::Duration;
use crate::notes::Notes;
use crate::pipeline::calendar::{prepare, write};
use jiff::SignedDuration;
use std::path::Path;

pub use super::settings::Settings;

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
    /// Whether the output file was put in place (always `Ok` for standard
    /// output, and when the file already held these exact bytes: then it is
    /// left alone, mtime and all, so static hosts and caches see no change).
    pub written: Result<(), IoError>,
}

/// Where a build's calendar goes.
pub enum Output<'a> {
    /// Handed to the caller a piece at a time, as it is made (standard
    /// output): never held whole.
    Stream(&'a mut dyn FnMut(&[u8])),
    /// Into this file, regenerated over its previous version.
    File(&'a Path),
}

/// Builds the calendar of the input `name` (its `bytes` given) into
/// `output`. Holiday files are read beside the input.
pub fn build(
    name: &str,
    bytes: &[u8],
    output: Output<'_>,
    settings: &Settings,
) -> Result<Built, Failure> {
    let holidays = FileHolidays::beside(name);
    let notes = Notes::new();
    let opts = settings.options();
    if let Output::File(path) = &output
        && name != "-"
    {
        not_an_input(path, Path::new(name), "the input file itself")?;
    }
    let loaded = prepare(name, bytes, &holidays).map_err(|f| Failure::Invalid(f.diagnostics))?;
    match output {
        Output::Stream(put) => {
            let s = write(name, &loaded, &notes, &opts, None, put)
                .map_err(|f| Failure::Invalid(f.diagnostics))?;
            Ok(Built {
                events: s.events,
                warnings: s.warnings,
                changes: None,
                written: Ok(()),
            })
        }
        Output::File(path) => {
            for file in holidays.files() {
                not_an_input(path, &file, "one of the input's holiday files")?;
            }
            let IntoFile {
                events,
                warnings,
                changes,
                written,
            } = into_file(
                name,
                &loaded,
                &notes,
                &opts,
                Target {
                    path,
                    make_folder: false,
                    later: None,
                },
                settings,
            )?;
            Ok(Built {
                events,
                warnings,
                changes,
                written,
            })
        }
    }
}

/// Refuses `output` when it is the same file as `input` (SPEC §11): the
/// build would replace what it reads.
pub(super) fn not_an_input(output: &Path, input: &Path, what: &str) -> Result<(), Failure> {
    if io::same_file(output, input) {
        let out = output.display().to_string();
        return Err(Failure::Message(
            Exit::Usage,
            format!(
                "the output {} is {what} ({}); followup never writes over what it reads, even with --force\n  = help: write the calendar to another file, e.g. -o followups.ics",
                terminal::escape(&out),
                terminal::escape(&input.display().to_string()),
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldPath;
    use jiff::Timestamp;

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
        let mut put = |_: &[u8]| {};
        let Err(Failure::Invalid(d)) = build(
            "in.yaml",
            b"interviews: 3\n",
            Output::Stream(&mut put),
            &settings,
        ) else {
            panic!("an invalid input fails");
        };
        assert_eq!(d[0].file, "in.yaml");
        assert_eq!(d[0].path, FieldPath::root().key("interviews").as_str());
    }
}
