//! A calendar written into its file, over the previous version there
//! (SPEC §5, §11): what `build -o`, each file of a batch and `serve
//! --out-dir` share.
//!
//! The previous file is opened once (only a regular file; links
//! followed), read a piece at a time into an index, and read again by
//! range for the events that vanished; the new calendar goes out as it is
//! made. Until it first differs from the previous file, nothing is
//! written: a regeneration that changes nothing leaves the file alone,
//! mtime and all, without writing a temporary copy first; from the first
//! difference, the part they share is copied from the previous file and
//! the rest streamed into a temporary file, put in place atomically.

use super::failure::Failure;
use super::settings::Settings;
use crate::error::Diagnostic;
use crate::ics::index::Indexer;
use crate::ics::merge::{Changes, Rules};
use crate::io::{self, IoError, Previous};
use crate::notes::Notes;
use crate::pipeline::calendar::{Accepted, Streamed, accept_previous, write};
use crate::pipeline::export::{Options, Over};
use crate::pipeline::load::Loaded;
use std::path::{Path, PathBuf};

/// What writing a calendar into a file did.
#[derive(Debug)]
pub struct IntoFile {
    pub events: usize,
    /// The input's and the writer's warnings, each naming its file.
    pub warnings: Vec<Diagnostic>,
    /// What the merge with the previous file did; `None` on a first build.
    pub changes: Option<Changes>,
    /// Whether the file was put in place (always `Ok` when it already held
    /// these exact bytes: then it is left alone).
    pub written: Result<(), IoError>,
}

/// The file a calendar goes into.
pub(super) struct Target<'a> {
    pub path: &'a Path,
    /// Create the file's folder (a batch's mirrored tree).
    pub make_folder: bool,
    /// Leave the sync and the rename to a batch's [`io::Deferred`].
    pub later: Option<&'a io::Deferred>,
}

/// Writes the calendar of `loaded` (the input `name`) into `target`, over
/// the previous file there.
pub(super) fn into_file(
    name: &str,
    loaded: &Loaded,
    notes: &Notes,
    opts: &Options,
    target: Target<'_>,
    settings: &Settings,
) -> Result<IntoFile, Failure> {
    let Target {
        path,
        make_folder,
        later,
    } = target;
    let previous = io::open_previous(path)?;
    let shown = path.display().to_string();
    let mut sink = Sink::new(path, previous.as_ref(), make_folder);
    let accepted = match &previous {
        None => None,
        Some(prev) => {
            let mut ix = Indexer::new();
            let mut read = Ok(());
            prev.read_pieces(&mut |piece| {
                if read.is_ok() {
                    read = ix.push(piece);
                }
            })?;
            let index = read.and_then(|()| ix.finish());
            Some(
                accept_previous(&shown, index, settings.force)
                    .map_err(|f| Failure::Invalid(f.diagnostics))?,
            )
        }
    };
    let streamed = match (&accepted, &previous) {
        (Some(Accepted::Index(index)), Some(prev)) => {
            let fetch = |at: u64, len: u64| -> Result<String, String> {
                let bytes = usize::try_from(len)
                    .map_err(|_| "an event too large".to_string())
                    .and_then(|len| prev.read_range(at, len).map_err(|e| e.to_string()))?;
                String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())
            };
            let over = Over {
                index,
                rules: Rules {
                    now: opts.now,
                    keep_cancelled: settings.keep_cancelled,
                },
                fetch: &fetch,
            };
            write(name, loaded, notes, opts, Some((&shown, &over)), &mut |p| {
                sink.put(p)
            })
        }
        _ => write(name, loaded, notes, opts, None, &mut |p| sink.put(p)),
    };
    let Streamed {
        events,
        mut warnings,
        changes,
    } = streamed.map_err(|f| Failure::Invalid(f.diagnostics))?;
    if let Some(Accepted::Replaced(w)) = accepted {
        warnings.push(w);
    }
    Ok(IntoFile {
        events,
        warnings,
        changes,
        written: sink.finish(later),
    })
}

/// Where the new calendar's bytes go: compared with the previous file's
/// until they first differ, then into a temporary file.
struct Sink<'p> {
    path: PathBuf,
    previous: Option<&'p Previous>,
    make_folder: bool,
    /// Bytes so far, all equal to the previous file's while `file` is
    /// `None`.
    at: u64,
    file: Option<io::Streaming>,
}

/// The pieces the shared start is copied from the previous file in.
const COPY: u64 = 4 << 20;

impl<'p> Sink<'p> {
    fn new(path: &Path, previous: Option<&'p Previous>, make_folder: bool) -> Self {
        Sink {
            path: path.to_path_buf(),
            previous,
            make_folder,
            at: 0,
            file: None,
        }
    }

    fn put(&mut self, piece: &[u8]) {
        if self.file.is_none() && self.same_as_before(piece) {
            self.at += piece.len() as u64;
            return;
        }
        self.start_file().put(piece);
        self.at += piece.len() as u64;
    }

    /// Whether `piece` is what the previous file holds at this point.
    fn same_as_before(&self, piece: &[u8]) -> bool {
        let Some(prev) = self.previous else {
            return false;
        };
        self.at + piece.len() as u64 <= prev.len()
            && prev
                .read_range(self.at, piece.len())
                .is_ok_and(|old| old == piece)
    }

    /// The temporary file, started with the bytes the calendar shares
    /// with the previous file so far.
    fn start_file(&mut self) -> &mut io::Streaming {
        let (path, make_folder, previous, at) =
            (&self.path, self.make_folder, self.previous, self.at);
        self.file.get_or_insert_with(|| {
            let mut file = io::Streaming::new(path, make_folder);
            if let Some(prev) = previous {
                let mut from = 0;
                while from < at {
                    let len = (at - from).min(COPY) as usize;
                    match prev.read_range(from, len) {
                        Ok(bytes) if bytes.len() == len => file.put(&bytes),
                        Ok(_) => {
                            file.fail(IoError::refused(
                                path,
                                "write",
                                std::io::ErrorKind::UnexpectedEof,
                                "the previous file was cut short while it was read".to_string(),
                            ));
                            break;
                        }
                        Err(e) => {
                            file.fail(e);
                            break;
                        }
                    }
                    from += len as u64;
                }
            }
            file
        })
    }

    /// Puts the file in place, unless it would hold exactly the previous
    /// bytes.
    fn finish(mut self, later: Option<&io::Deferred>) -> Result<(), IoError> {
        if self.file.is_none() && self.previous.is_some_and(|p| p.len() == self.at) {
            return Ok(());
        }
        self.start_file();
        match self.file {
            Some(file) => match later {
                Some(later) => file.finish_deferred(later),
                None => file.finish(),
            },
            None => Ok(()),
        }
    }
}
