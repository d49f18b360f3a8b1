//! The only places that touch the filesystem or the clock.
//!
//! Every error names the path. Writes are atomic: a temporary file in the
//! same folder, flushed and synced, then renamed over the target, so a reader
//! never sees half a file and a failed run leaves the old one untouched.

use jiff::Timestamp;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// An I/O failure, with the path it concerns (exit code 3).
#[derive(Debug)]
pub struct IoError {
    pub path: PathBuf,
    pub action: &'static str,
    pub source: std::io::Error,
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, IoError> {
    fs::read(path).map_err(|source| IoError {
        path: path.to_path_buf(),
        action: "read",
        source,
    })
}

/// Reads a whole file, or `None` if there is none at `path`.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, IoError> {
    match fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(IoError {
            path: path.to_path_buf(),
            action: "read",
            source,
        }),
    }
}

/// Reads standard input to the end.
pub fn read_stdin() -> Result<Vec<u8>, IoError> {
    let mut buf = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|source| IoError {
        path: PathBuf::from("<stdin>"),
        action: "read",
        source,
    })?;
    Ok(buf)
}

/// Replaces `path` with `bytes` atomically (temp file, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let err = |action, source| IoError {
        path: path.to_path_buf(),
        action,
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        err("write", e)
    })
}

/// Writes to standard output.
pub fn write_stdout(bytes: &[u8]) -> Result<(), IoError> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| IoError {
            path: PathBuf::from("<stdout>"),
            action: "write",
            source,
        })
}

/// "Now" from the clock: the only call to it in the program.
pub fn clock_now() -> Timestamp {
    Timestamp::now()
}
