//! What every edit shares: the input read and validated (a file with
//! errors is refused before anything is edited), the interview found by id
//! (else the nearest ids), "today" in its employer zone, and the edited
//! text validated again and written atomically, or refused with the
//! diagnostics and the file untouched.

use super::super::dates::resolve_date;
use super::super::failure::Failure;
use crate::error::{Diagnostic, Exit};
use crate::io;
use crate::io::holidays::FileHolidays;
use crate::model::Interview;
use crate::model::suggest;
use crate::model::yaml::edit::EditError;
use crate::pipeline::load::{Loaded, load};
use jiff::Timestamp;
use jiff::civil::Date;
use std::path::Path;

/// A change made: the one line that says what changed, what the user
/// should know besides, and the file's warnings after the edit.
#[derive(Debug)]
pub struct Edited {
    /// `acme-ae: done thank-you to Mark Lee on 2026-11-18`.
    pub summary: String,
    /// Guesses, hints and what was left out, one sentence each.
    pub notes: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    /// The file as written (the warnings point into it).
    pub written: Vec<u8>,
}

/// Why nothing was written.
#[derive(Debug)]
pub struct Refused {
    pub failure: Failure,
    /// The text the diagnostics point into: the file as read, or as the
    /// edit would have made it.
    pub source: Vec<u8>,
    /// A last line, said after the diagnostics.
    pub after: Option<String>,
}

impl Refused {
    /// A usage error (exit 2): an id, step or flag that does not fit.
    pub(super) fn usage(message: impl Into<String>) -> Refused {
        Refused {
            failure: Failure::Message(Exit::Usage, message.into()),
            source: Vec::new(),
            after: None,
        }
    }

    pub(super) fn invalid(message: impl Into<String>) -> Refused {
        Refused {
            failure: Failure::Message(Exit::Invalid, message.into()),
            source: Vec::new(),
            after: None,
        }
    }
}

impl From<io::IoError> for Refused {
    fn from(e: io::IoError) -> Self {
        Refused {
            failure: Failure::Io(e),
            source: Vec::new(),
            after: None,
        }
    }
}

/// An input read and validated, ready to edit.
pub(super) struct Session<'p> {
    pub path: &'p str,
    pub bytes: Vec<u8>,
    /// The length of a byte-order mark the file starts with (kept in
    /// front of the edit).
    bom: usize,
    pub loaded: Loaded,
}

impl<'p> Session<'p> {
    /// Reads and validates the input at `path`: a file with errors is
    /// refused before anything is edited.
    pub fn open(path: &'p str) -> Result<Session<'p>, Refused> {
        if path == "-" {
            return Err(Refused::usage(
                "an edit needs a file to change, not standard input\n  = help: name the YAML file, e.g. followup done interviews.yaml acme-ae thank-you",
            ));
        }
        let bytes = io::read(Path::new(path))?;
        let holidays = FileHolidays::beside(path);
        let loaded = load(path, &bytes, &holidays).map_err(|f| Refused {
            failure: Failure::Invalid(f.diagnostics),
            source: bytes.clone(),
            after: Some(format!(
                "nothing was changed: {path} has errors; fix them first (followup check {path})"
            )),
        })?;
        let bom = if bytes.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        Ok(Session {
            path,
            bytes,
            bom,
            loaded,
        })
    }

    /// The text after the byte-order mark (`load` found it UTF-8).
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes[self.bom..]).unwrap_or_default()
    }

    /// The index of the interview `id`, or a refusal naming the nearest ids.
    pub fn find(&self, id: &str) -> Result<usize, Refused> {
        let ivs = &self.loaded.model.interviews;
        if let Some(i) = ivs.iter().position(|iv| iv.id == id) {
            return Ok(i);
        }
        let ids: Vec<&str> = ivs.iter().map(|iv| iv.id.as_str()).collect();
        let hint = match suggest::closest(id, ids.iter().copied()) {
            Some(c) => format!("did you mean \"{c}\"? The ids are: {}", list(&ids)),
            None if ids.is_empty() => {
                "the file has no interviews yet: add one with followup add".to_string()
            }
            None => format!("the ids are: {}", list(&ids)),
        };
        Err(Refused::usage(format!(
            "no interview with id \"{}\" in {}\n  = help: {hint}",
            id.escape_debug(),
            self.path
        )))
    }

    pub fn interview(&self, i: usize) -> &Interview {
        &self.loaded.model.interviews[i]
    }

    /// `--on` (else today), in the employer zone of interview `i`.
    pub fn on_date(&self, i: usize, on: Option<&str>, now: Timestamp) -> Result<Date, Refused> {
        let today = self.interview(i).zone.at(now).date();
        resolve_date(on.unwrap_or("today"), today).map_err(|e| Refused::usage(format!("--on {e}")))
    }

    /// Validates the edited text and writes it in place of the file,
    /// atomically; refuses (and writes nothing) when the result would be
    /// invalid or the file changed meanwhile.
    pub fn write(
        &self,
        edited: Result<String, EditError>,
        summary: String,
        notes: Vec<String>,
    ) -> Result<Edited, Refused> {
        let edited = edited.map_err(|e| {
            Refused::invalid(format!(
                "cannot edit {} safely: {e}; nothing was written\n  = help: make this change by hand",
                self.path
            ))
        })?;
        let mut written = self.bytes[..self.bom].to_vec();
        written.extend_from_slice(edited.as_bytes());
        let holidays = FileHolidays::beside(self.path);
        let loaded = load(self.path, &written, &holidays).map_err(|f| Refused {
            failure: Failure::Invalid(f.diagnostics),
            source: written.clone(),
            after: Some(format!(
                "nothing was written: the change would make {} invalid (the lines above are as the edit would have written them)",
                self.path
            )),
        })?;
        let path = Path::new(self.path);
        if io::read(path)? != self.bytes {
            return Err(Refused::invalid(format!(
                "{} changed while it was being edited; nothing was written\n  = help: run the command again",
                self.path
            )));
        }
        io::rewrite(path, &written)?;
        Ok(Edited {
            summary,
            notes,
            warnings: loaded.warnings,
            written,
        })
    }
}

/// Up to ten names, comma-separated, then how many more.
pub(super) fn list(names: &[&str]) -> String {
    let shown: Vec<&str> = names.iter().take(10).copied().collect();
    let more = names.len().saturating_sub(10);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
