//! Which inputs changed, from the file system (inotify on Linux, through
//! `notify`).
//!
//! The folders holding the inputs are watched, not the files: editors and
//! `write_atomic`-style tools replace a file by renaming a new one over it,
//! which a watch on the old file would miss. Events are matched back to
//! inputs by folder and file name; reads (ours included) are ignored. An
//! input's `.ics` holiday files are watched the same way once a build has
//! named them ([`Watch::track`]): a change to one regenerates that input.
//! Debouncing (one regeneration for a burst of writes) is the caller's:
//! it drains [`Signal`]s until the burst is quiet.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

/// What the serve loop waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The input at this index (or one of its holiday files) may have
    /// changed.
    Changed(usize),
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

/// Watches `inputs`, sending [`Signal::Changed`] on `tx`.
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
    let count = inputs.len();
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else {
            // The watch itself failed (e.g. the queue overflowed): every
            // input may have changed.
            for i in 0..count {
                let _ = tx.send(Signal::Changed(i));
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
            for (dir, name, i, _) in table.iter() {
                if path.file_name() == Some(name.as_os_str())
                    && path.parent().is_some_and(|p| p == dir)
                {
                    let _ = tx.send(Signal::Changed(*i));
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

/// The folder (canonical when it exists) and file name of `p`.
fn place(p: &Path) -> (PathBuf, OsString) {
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = dir.canonicalize().unwrap_or(dir);
    let name = p.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    (dir, name)
}
