//! The one I/O error type: what failed, on which path (exit code 3; an
//! input over the size limit: 1).

use crate::error::Exit;
use std::path::{Path, PathBuf};

/// An I/O failure, with the path it concerns.
#[derive(Debug)]
pub struct IoError {
    pub path: PathBuf,
    pub action: &'static str,
    pub source: std::io::Error,
}

impl IoError {
    /// `action` on `path` failed with `source`.
    pub fn new(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        IoError {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// `action` on `path` was refused by followup itself, for the reason
    /// `why` (a file that is not a regular file, an input over the size
    /// limit).
    pub fn refused(
        path: &Path,
        action: &'static str,
        kind: std::io::ErrorKind,
        why: String,
    ) -> Self {
        IoError::new(path, action, std::io::Error::new(kind, why))
    }

    /// The exit code (SPEC §2): 1 for an input refused for its size (the
    /// input is what is wrong, and nothing was written), else 3.
    pub fn exit(&self) -> Exit {
        if self.source.kind() == std::io::ErrorKind::FileTooLarge {
            Exit::Invalid
        } else {
            Exit::Io
        }
    }
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The path may come from a folder listing, and the message from a
        // file's name: escaped, as everything shown of the user's text.
        let path = self.path.display().to_string();
        let source = self.source.to_string();
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            crate::error::terminal::escape(&path),
            crate::error::terminal::escape(&source)
        )
    }
}
