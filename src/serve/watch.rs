//! Which inputs changed, from the file system (inotify on Linux, through
//! `notify`).
//!
//! The folders holding the inputs are watched, not the files: editors and
//! `write_atomic`-style tools replace a file by renaming a new one over it,
//! which a watch on the old file would miss. Events are matched back to
//! inputs by folder and file name; reads (ours included) are ignored.
//! Debouncing (one regeneration for a burst of writes) is the caller's:
//! it drains [`Signal`]s until the burst is quiet.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

/// What the serve loop waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The input at this index may have changed.
    Changed(usize),
    /// Ctrl-C or SIGTERM: shut down.
    Stop,
}

/// Keeps the watch alive; dropping it stops watching.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
}

/// Watches `inputs`, sending [`Signal::Changed`] on `tx`.
pub fn watch(inputs: &[PathBuf], tx: Sender<Signal>) -> Result<Watch, String> {
    let targets: Vec<(PathBuf, std::ffi::OsString)> = inputs
        .iter()
        .map(|p| {
            let dir = folder_of(p);
            let dir = dir.canonicalize().unwrap_or(dir);
            let name = p.file_name().map(|n| n.to_os_string()).unwrap_or_default();
            (dir, name)
        })
        .collect();
    let matching = targets.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else {
            // The watch itself failed (e.g. the queue overflowed): every
            // input may have changed.
            for i in 0..matching.len() {
                let _ = tx.send(Signal::Changed(i));
            }
            return;
        };
        if let EventKind::Access(kind) = event.kind
            && kind != AccessKind::Close(AccessMode::Write)
        {
            return;
        }
        for path in &event.paths {
            for (i, (dir, name)) in matching.iter().enumerate() {
                if path.file_name() == Some(name.as_os_str())
                    && path.parent().is_some_and(|p| p == dir)
                {
                    let _ = tx.send(Signal::Changed(i));
                }
            }
        }
    })
    .map_err(|e| format!("cannot watch the inputs for changes: {e}"))?;
    let mut dirs: Vec<&PathBuf> = targets.iter().map(|(d, _)| d).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {} for changes: {e}", dir.display()))?;
    }
    Ok(Watch { _watcher: watcher })
}

fn folder_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
