//! Reading files and looking at paths; every error names the path.

use super::error::IoError;
use std::fs;
use std::path::{Path, PathBuf};

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

/// Lists the `*.yaml`/`*.yml` files under `dir`, recursively, sorted by
/// path so a batch always visits them in the same order.
pub fn yaml_files_under(dir: &Path) -> Result<Vec<PathBuf>, IoError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d).map_err(|source| IoError {
            path: d.clone(),
            action: "list",
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| IoError {
                path: d.clone(),
                action: "list",
                source,
            })?;
            let p = entry.path();
            let kind = entry.file_type().map_err(|source| IoError {
                path: p.clone(),
                action: "inspect",
                source,
            })?;
            if kind.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Whether `path` names a folder.
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// Whether anything (a file, a folder, a dangling link) is at `path`.
pub fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// `path` with its folder made canonical (when it exists) and its file
/// name kept: what a file watcher reports for it, so an event's path and
/// an input's compare equal however the input was named (`a.yaml`,
/// `./a.yaml`, `../here/a.yaml`).
pub fn canonical_place(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = dir.canonicalize().unwrap_or(dir);
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}

/// The bytes of the file at `path`, or `None` when it cannot be read: to
/// notice that a file changed, whatever happened to it.
pub fn read_or_none(path: &Path) -> Option<Vec<u8>> {
    fs::read(path).ok()
}

/// Creates the folder `path` goes in, and its parents, where missing.
pub fn create_folder_for(path: &Path) -> Result<(), IoError> {
    match path.parent() {
        Some(dir) => fs::create_dir_all(dir).map_err(|source| IoError {
            path: path.to_path_buf(),
            action: "create the folder for",
            source,
        }),
        None => Ok(()),
    }
}
