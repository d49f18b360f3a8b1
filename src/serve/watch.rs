//! Which files changed, from the file system (inotify on Linux, through
//! `notify`), and the bursts of changes that make one regeneration.
//!
//! The folders holding the inputs are watched, not the files: editors and
//! `write_atomic`-style tools replace a file by renaming a new one over it,
//! which a watch on the old file would miss. Events are matched against
//! the watched files by folder and file name and reported as the file's
//! place (`io::canonical_place`); reads (ours included) are ignored. An
//! input's `.ics` holiday files are watched the same way once a build has
//! named them ([`Watch::track`]). [`burst`] drains [`Signal`]s until a
//! burst of writes is quiet, so one regeneration follows it.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::io;

/// A burst of writes is over when the files have been quiet this long.
const QUIET: Duration = Duration::from_millis(150);
/// …or, while writes keep coming, at the latest after this long.
const AT_MOST: Duration = Duration::from_millis(500);

/// What the serve loop waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// The file at this place (an input or one of its holiday files) may
    /// have changed.
    Changed(PathBuf),
    /// Ctrl-C or SIGTERM: shut down.
    Stop,
}

/// A watched file: its folder, its name, the input it belongs to, and
/// whether it is that input itself (else one of its holiday files).
type Entry = (PathBuf, OsString, usize, bool);

/// Keeps the watch alive; dropping it stops watching.
pub struct Watch {
    watcher: notify::RecommendedWatcher,
    table: Arc<Mutex<Vec<Entry>>>,
    folders: BTreeSet<PathBuf>,
}

/// Watches `inputs` (input `i` is `inputs[i]`), sending [`Signal::Changed`]
/// on `tx`.
pub fn watch(inputs: &[PathBuf], tx: Sender<Signal>) -> Result<Watch, String> {
    let entries: Vec<Entry> = inputs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (dir, name) = place(p);
            (dir, name, i, true)
        })
        .collect();
    let table = Arc::new(Mutex::new(entries.clone()));
    let matching = Arc::clone(&table);
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else {
            // The watch itself failed (e.g. the queue overflowed): every
            // input may have changed.
            if let Ok(table) = matching.lock() {
                for (dir, name, _, own) in table.iter() {
                    if *own {
                        let _ = tx.send(Signal::Changed(dir.join(name)));
                    }
                }
            }
            return;
        };
        if let EventKind::Access(kind) = event.kind
            && kind != AccessKind::Close(AccessMode::Write)
        {
            return;
        }
        let Ok(table) = matching.lock() else {
            return;
        };
        for path in &event.paths {
            for (dir, name, ..) in table.iter() {
                if path.file_name() == Some(name.as_os_str())
                    && path.parent().is_some_and(|p| p == dir)
                {
                    let _ = tx.send(Signal::Changed(dir.join(name)));
                }
            }
        }
    })
    .map_err(|e| format!("cannot watch the inputs for changes: {e}"))?;
    let mut w = Watch {
        watcher,
        table,
        folders: BTreeSet::new(),
    };
    for (dir, ..) in &entries {
        w.folder(dir)?;
    }
    Ok(w)
}

impl Watch {
    /// Watches `files` (the holiday files a build of input `input` named)
    /// for that input, in place of those given before. A folder that cannot
    /// be watched (it does not exist yet) gives a message; the others are
    /// watched all the same.
    pub fn track(&mut self, input: usize, files: &[PathBuf]) -> Result<(), String> {
        let extra: Vec<(PathBuf, OsString)> = files.iter().map(|f| place(f)).collect();
        if let Ok(mut table) = self.table.lock() {
            table.retain(|(_, _, i, own)| *i != input || *own);
            table.extend(
                extra
                    .iter()
                    .map(|(dir, name)| (dir.clone(), name.clone(), input, false)),
            );
        }
        let mut problems = Vec::new();
        for (dir, _) in &extra {
            if let Err(e) = self.folder(dir) {
                problems.push(e);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }

    /// Watches `dir` unless it is watched already.
    fn folder(&mut self, dir: &Path) -> Result<(), String> {
        if self.folders.contains(dir) {
            return Ok(());
        }
        self.watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {} for changes: {e}", dir.display()))?;
        self.folders.insert(dir.to_path_buf());
        Ok(())
    }
}

/// The folder (canonical when it exists) and file name of `p`, as
/// [`io::canonical_place`] puts them together.
fn place(p: &Path) -> (PathBuf, OsString) {
    let at = io::canonical_place(p);
    let name = at.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    let dir = at.parent().map(Path::to_path_buf).unwrap_or(at.clone());
    (dir, name)
}

/// Waits for the next burst of changes and returns the places that
/// changed in it, once the files have been quiet for a moment (or the
/// burst has lasted long enough); `None` when it is time to stop.
pub fn burst(rx: &Receiver<Signal>) -> Option<BTreeSet<PathBuf>> {
    let Signal::Changed(first) = rx.recv().ok()? else {
        return None;
    };
    let mut changed = BTreeSet::from([first]);
    let started = io::Stopwatch::start();
    while started.elapsed() < AT_MOST {
        match rx.recv_timeout(QUIET) {
            Ok(Signal::Changed(p)) => {
                changed.insert(p);
            }
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    Some(changed)
}
