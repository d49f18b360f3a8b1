//! `init` (SPEC §2): a commented starter file.
//!
//! `starter.yaml` holds two example interviews with every common key
//! explained; its first line points editors at `followup.schema.json`
//! beside it, which `followup schema` writes. An existing file is never
//! replaced without `force` (a usage error: nothing failed, the command
//! needs another path or the flag).

use super::failure::Failure;
use crate::error::Exit;
use crate::io;
use std::path::{Path, PathBuf};

/// The starter file, exactly as `init` writes it.
pub const STARTER: &str = include_str!("starter.yaml");

/// Writes the starter file to `path`, atomically. Returns where the
/// schema its first line points at belongs.
pub fn init(path: &str, force: bool) -> Result<PathBuf, Failure> {
    let at = Path::new(path);
    if !force && io::exists(at) {
        return Err(Failure::Message(
            Exit::Usage,
            format!(
                "{path} already exists; not replacing it\n  = help: pass --force to replace it, or name another file: followup init other.yaml"
            ),
        ));
    }
    io::write_atomic(at, STARTER.as_bytes())?;
    Ok(match at.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("followup.schema.json"),
        _ => "followup.schema.json".into(),
    })
}
