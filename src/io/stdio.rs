//! Standard input (bounded, SPEC §11) and output (whole, or streamed).

use super::error::IoError;
use super::files::{MAX_INPUT_BYTES, read_bounded, too_large};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Reads standard input to the end: at most [`MAX_INPUT_BYTES`]. When it is
/// a regular file (`< file.yaml`), its size is checked before reading;
/// from a pipe, reading stops one byte past the limit.
pub fn read_stdin() -> Result<Vec<u8>, IoError> {
    use std::os::fd::AsFd as _;
    let stdin = Path::new("<stdin>");
    let size = std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .and_then(|fd| std::fs::File::from(fd).metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if let Some(len) = size.filter(|&l| l > MAX_INPUT_BYTES) {
        return Err(too_large(stdin, len));
    }
    match read_bounded(
        &mut std::io::stdin().lock(),
        MAX_INPUT_BYTES,
        size.unwrap_or(0),
    ) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(len)) => Err(too_large(stdin, len)),
        Err(e) => Err(IoError::new(stdin, "read", e)),
    }
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

/// Standard output written piece by piece (a calendar streamed as it is
/// made, never held whole). The first error is kept and later pieces are
/// dropped, so the caller finishes its work and reports it once.
#[derive(Default)]
pub struct StdoutStream {
    error: Option<IoError>,
}

impl StdoutStream {
    pub fn put(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(source) = std::io::stdout().lock().write_all(bytes)
        {
            self.error = Some(IoError::new(Path::new("<stdout>"), "write", source));
        }
    }

    /// Flushes, or reports the first error.
    pub fn finish(self) -> Result<(), IoError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        std::io::stdout()
            .lock()
            .flush()
            .map_err(|source| IoError::new(Path::new("<stdout>"), "write", source))
    }
}
