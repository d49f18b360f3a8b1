//! The inputs a feed server publishes, and what was last made of each:
//! the first build of every input, then a regeneration whenever one of its
//! files changes.
//!
//! Each regeneration is merged with the body published last, so SEQUENCE
//! carries on and vanished steps are published as cancelled (SPEC §5);
//! with an output folder each feed is also written there (atomically) and
//! read back at the first build, so that continuity survives restarts. An
//! edit that does not validate leaves the last good body published.
//!
//! Which files changed comes in as paths (where a file watcher reports
//! them: [`io::canonical_place`]), "now" and the publication time as
//! values; what to publish and what to say come back. No socket, no
//! watcher, no clock, no printing here.

use super::snapshot::Snapshot;
use crate::error::{Diagnostic, Exit};
use crate::flows::failure::Failure;
use crate::ics::merge::Changes;
use crate::io::holidays::FileHolidays;
use crate::io::{self, IoError};
use crate::notes::Notes;
use crate::pipeline::calendar::{Previous, calendar_with_previous};
use crate::pipeline::export::Options;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How every feed is built.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Every time in UTC, with no VTIMEZONE.
    pub utc: bool,
    /// How long a cancelled or vanished step stays as STATUS:CANCELLED.
    pub keep_cancelled: SignedDuration,
    /// At the first build, replace a file in `out_dir` that is not
    /// followup's (with a warning) instead of refusing.
    pub force: bool,
    /// Where each feed is also written, as `<stem>.ics`.
    pub out_dir: Option<PathBuf>,
}

/// A holiday file an input's last build named.
#[derive(Debug)]
struct HolidayFile {
    /// As the build opened it.
    path: PathBuf,
    /// Where a watcher reports it.
    place: PathBuf,
    /// Its bytes as read before that build (`None`: missing or
    /// unreadable), so that a touch without an edit costs nothing.
    bytes: Option<Vec<u8>>,
}

/// One input and what was last made of it.
#[derive(Debug)]
struct Input {
    path: String,
    stem: String,
    /// Where a watcher reports `path`.
    place: PathBuf,
    /// The bytes last read, so a touch without an edit costs nothing.
    bytes: Vec<u8>,
    holidays: Vec<HolidayFile>,
    published: Arc<Snapshot>,
}

/// The inputs published as feeds.
pub struct Inputs {
    settings: Settings,
    notes: Notes,
    inputs: Vec<Input>,
}

/// An input's first build.
#[derive(Debug)]
pub struct Started {
    pub events: usize,
    /// Its warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
    /// The input's text, for the warnings' snippets.
    pub source: Vec<u8>,
    /// Whether the feed was written to the output folder (`Ok` when there
    /// is none, or the file there already held these bytes).
    pub written: Result<(), IoError>,
}

/// Why an input cannot be published at all, with its text (when it was
/// read) for the diagnostics' snippets.
#[derive(Debug)]
pub struct Refused {
    pub failure: Failure,
    pub source: Option<Vec<u8>>,
}

/// What a change did to one input's feed.
#[derive(Debug)]
pub struct Update {
    /// The input's index, in the order the inputs were added.
    pub input: usize,
    pub change: Change,
    /// The holiday files the new build named, when they differ from those
    /// of the last build: watch these from now on.
    pub watch: Option<Vec<PathBuf>>,
}

/// The new state of a feed after its input or a holiday file changed.
#[derive(Debug)]
pub enum Change {
    /// The input could not be read; the last good body stays published.
    Unreadable(IoError),
    /// The input no longer validates; the last good body stays published.
    Invalid {
        diagnostics: Vec<Diagnostic>,
        source: Vec<u8>,
    },
    /// Rebuilt into the very same calendar: nothing to publish.
    Same {
        warnings: Vec<Diagnostic>,
        source: Vec<u8>,
    },
    /// A new body to publish (already the input's published snapshot).
    New {
        snapshot: Arc<Snapshot>,
        warnings: Vec<Diagnostic>,
        source: Vec<u8>,
        changes: Changes,
        /// Whether it was written to the output folder (`Ok` when there is
        /// none); the feed is published either way.
        written: Result<(), IoError>,
    },
}

/// The feed's name: the input's file stem.
pub fn stem_of(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "calendar".to_string())
}

/// Whether `paths` can be published side by side: files to watch (not
/// standard input), no two with one stem (the feed is named after it).
pub fn check_inputs(paths: &[String]) -> Result<(), Failure> {
    let mut stems = BTreeSet::new();
    for path in paths {
        if path == "-" {
            return Err(Failure::Message(
                Exit::Usage,
                "serve needs input files to watch, not standard input".to_string(),
            ));
        }
        let stem = stem_of(path);
        if !stems.insert(stem.clone()) {
            return Err(Failure::Message(
                Exit::Usage,
                format!(
                    "two inputs would both be served as {stem}.ics\n  = help: rename one of the files (the feed is named after the file)"
                ),
            ));
        }
    }
    Ok(())
}

/// The current bytes of each of `files`, and where a watcher reports it.
fn read_holiday_files(files: impl IntoIterator<Item = PathBuf>) -> Vec<HolidayFile> {
    files
        .into_iter()
        .map(|path| HolidayFile {
            place: io::canonical_place(&path),
            bytes: io::read_or_none(&path),
            path,
        })
        .collect()
}

impl Inputs {
    pub fn new(settings: Settings) -> Self {
        Inputs {
            settings,
            notes: Notes::new(),
            inputs: Vec::new(),
        }
    }

    fn options(&self, now: Timestamp) -> Options {
        let mut opts = Options::new(now);
        opts.utc = self.settings.utc;
        opts
    }

    fn out_path(&self, stem: &str) -> Option<PathBuf> {
        self.settings
            .out_dir
            .as_ref()
            .map(|d| d.join(format!("{stem}.ics")))
    }

    /// Adds the input at `path` with its first build, continuing from the
    /// output folder when there is a file there. `now` is the DTSTAMP of
    /// new events; `at` the time of the first published version.
    pub fn add(&mut self, path: &str, now: Timestamp, at: Timestamp) -> Result<Started, Refused> {
        let refused = |failure: Failure, source: Option<Vec<u8>>| Refused { failure, source };
        let stem = stem_of(path);
        let bytes = io::read(Path::new(path)).map_err(|e| refused(e.into(), None))?;
        let out = self.out_path(&stem);
        if let Some(out) = &out {
            crate::flows::build::not_an_input(out, Path::new(path), "the input file itself")
                .map_err(|f| refused(f, None))?;
        }
        // The previous feed in the output folder: a regular file only
        // (SPEC §11), read whole, since the feed holds its body anyway.
        let previous_bytes = match &out {
            Some(p) => match io::open_previous(p).map_err(|e| refused(e.into(), None))? {
                Some(prev) => Some(prev.read_all().map_err(|e| refused(e.into(), None))?),
                None => None,
            },
            None => None,
        };
        let out_name = out.as_ref().map(|p| p.display().to_string());
        let previous = match (&previous_bytes, &out_name) {
            (Some(b), Some(name)) => Some(Previous {
                name,
                bytes: b,
                keep_cancelled: self.settings.keep_cancelled,
                force: self.settings.force,
            }),
            _ => None,
        };
        let holidays = FileHolidays::beside(path);
        let cal = match calendar_with_previous(
            path,
            &bytes,
            &holidays,
            &self.notes,
            &self.options(now),
            previous.as_ref(),
        ) {
            Ok(c) => c,
            Err(f) => return Err(refused(Failure::Invalid(f.diagnostics), Some(bytes))),
        };
        let written = match &out {
            Some(out) if previous_bytes.as_deref() != Some(cal.bytes.as_slice()) => {
                io::write_atomic(out, &cal.bytes)
            }
            _ => Ok(()),
        };
        self.inputs.push(Input {
            path: path.to_string(),
            place: io::canonical_place(Path::new(path)),
            stem: stem.clone(),
            bytes: bytes.clone(),
            holidays: read_holiday_files(holidays.files()),
            published: Arc::new(Snapshot::new(cal.bytes, at)),
        });
        Ok(Started {
            events: cal.events,
            warnings: cal.warnings,
            source: bytes,
            written,
        })
    }

    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The path of input `i`, as given.
    pub fn path(&self, i: usize) -> &str {
        self.inputs.get(i).map_or("", |input| input.path.as_str())
    }

    /// The feed name of input `i`.
    pub fn stem(&self, i: usize) -> &str {
        self.inputs.get(i).map_or("", |input| input.stem.as_str())
    }

    /// Where a watcher reports input `i`'s own file.
    pub fn place(&self, i: usize) -> Option<&Path> {
        self.inputs.get(i).map(|input| input.place.as_path())
    }

    /// The holiday files input `i`'s last build named, as it opened them.
    pub fn holiday_files(&self, i: usize) -> Vec<PathBuf> {
        self.inputs.get(i).map_or_else(Vec::new, |input| {
            input.holidays.iter().map(|h| h.path.clone()).collect()
        })
    }

    /// What input `i` publishes now.
    pub fn snapshot(&self, i: usize) -> Option<Arc<Snapshot>> {
        self.inputs.get(i).map(|input| Arc::clone(&input.published))
    }

    /// Regenerates every input that `changed` names (its own file or one
    /// of its holiday files, where a watcher reports them), in input
    /// order. An input whose files hold the same bytes as at its last
    /// build is left alone and gives no update. `now` is the DTSTAMP of
    /// new and changed events; `at` the time of a new version.
    pub fn changed(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        now: Timestamp,
        at: Timestamp,
    ) -> Vec<Update> {
        let mut updates = Vec::new();
        for i in 0..self.inputs.len() {
            let input = &self.inputs[i];
            let named = changed.contains(&input.place)
                || input.holidays.iter().any(|h| changed.contains(&h.place));
            if named && let Some(update) = self.again(i, now, at) {
                updates.push(update);
            }
        }
        updates
    }

    /// Reads input `i` and its holiday files again and, when any of them
    /// changed, rebuilds it over what it publishes.
    fn again(&mut self, i: usize, now: Timestamp, at: Timestamp) -> Option<Update> {
        let input = &self.inputs[i];
        let bytes = match io::read(Path::new(&input.path)) {
            Ok(b) => b,
            Err(e) => {
                return Some(Update {
                    input: i,
                    change: Change::Unreadable(e),
                    watch: None,
                });
            }
        };
        // Read before the build: a holiday file saved during it is seen as
        // changed next time, not taken as built.
        let holidays_now = read_holiday_files(input.holidays.iter().map(|h| h.path.clone()));
        let same_holidays = holidays_now
            .iter()
            .map(|h| &h.bytes)
            .eq(input.holidays.iter().map(|h| &h.bytes));
        if bytes == input.bytes && same_holidays {
            return None;
        }
        let holidays = FileHolidays::beside(&input.path);
        let change = self.rebuild(i, &bytes, &holidays, now, at);
        let input = &mut self.inputs[i];
        input.bytes = bytes;
        let named = holidays.files();
        let watch = if named.iter().ne(input.holidays.iter().map(|h| &h.path)) {
            input.holidays = read_holiday_files(named.iter().cloned());
            Some(named)
        } else {
            input.holidays = holidays_now;
            None
        };
        if let Change::New { snapshot, .. } = &change {
            input.published = Arc::clone(snapshot);
        }
        Some(Update {
            input: i,
            change,
            watch,
        })
    }

    /// Builds input `i` again from `bytes` over what it publishes.
    fn rebuild(
        &self,
        i: usize,
        bytes: &[u8],
        holidays: &FileHolidays,
        now: Timestamp,
        at: Timestamp,
    ) -> Change {
        let input = &self.inputs[i];
        let published = Arc::clone(&input.published);
        let previous = Previous {
            name: &input.stem,
            bytes: &published.body,
            keep_cancelled: self.settings.keep_cancelled,
            force: true,
        };
        let cal = match calendar_with_previous(
            &input.path,
            bytes,
            holidays,
            &self.notes,
            &self.options(now),
            Some(&previous),
        ) {
            Ok(c) => c,
            Err(f) => {
                return Change::Invalid {
                    diagnostics: f.diagnostics,
                    source: bytes.to_vec(),
                };
            }
        };
        let source = if cal.warnings.is_empty() {
            Vec::new()
        } else {
            bytes.to_vec()
        };
        let Some(next) = published.next(cal.bytes, at) else {
            return Change::Same {
                warnings: cal.warnings,
                source,
            };
        };
        let written = match self.out_path(&input.stem) {
            Some(out) => io::write_atomic(&out, &next.body),
            None => Ok(()),
        };
        Change::New {
            snapshot: Arc::new(next),
            warnings: cal.warnings,
            source,
            changes: cal.changes.unwrap_or_default(),
            written,
        }
    }
}
