//! Standard input and output.

use super::error::IoError;
use std::io::Write as _;
use std::path::PathBuf;

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
