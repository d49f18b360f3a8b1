//! Where a written file really goes, and whether two paths name one file
//! (SPEC §11).
//!
//! `-o link.ics`, where `link.ics` is a symbolic link, writes the file the
//! link names (the link stays a link, pointing at the new calendar);
//! anything at the place that is not a regular file (a folder, a device, a
//! FIFO, a socket) is never replaced. Two paths name the same file when
//! they reach the same device and inode, or, for files not there yet, the
//! same place once links and `..` are resolved: an output that is one of
//! the inputs is refused by the flows with this.

use super::error::IoError;
use super::files::not_a_file;
use std::fs;
use std::path::{Path, PathBuf};

/// The most links followed from one path (Linux's own limit is 40).
const MAX_LINKS: usize = 40;

/// `path` with every symbolic link at its end followed: the file a write
/// to `path` must replace. A dangling link gives the path it points at
/// (the write creates that file).
pub fn resolve_links(path: &Path) -> Result<PathBuf, IoError> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target =
                    fs::read_link(&at).map_err(|e| IoError::new(path, "follow the link", e))?;
                at = if target.is_absolute() {
                    target
                } else {
                    match at.parent() {
                        Some(dir) => dir.join(target),
                        None => target,
                    }
                };
            }
            _ => return Ok(at),
        }
    }
    Err(IoError::refused(
        path,
        "follow the link",
        std::io::ErrorKind::InvalidInput,
        format!("more than {MAX_LINKS} symbolic links in a row (a loop?)"),
    ))
}

/// What is at `real` (a path with links resolved), for replacing it:
/// `None` when nothing is there, its metadata when it is a regular file,
/// an error naming `shown` for anything else.
pub(super) fn replaceable(real: &Path, shown: &Path) -> Result<Option<fs::Metadata>, IoError> {
    match fs::symlink_metadata(real) {
        Ok(m) if m.is_file() => Ok(Some(m)),
        Ok(m) => Err(not_a_file(shown, "write", m.file_type())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(IoError::new(shown, "write", e)),
    }
}

/// The device and inode of the file at `path` (links followed), if any.
pub fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Whether `a` and `b` name the same file: the same device and inode, or,
/// when either is not there yet, the same place once links and `..` are
/// resolved.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (file_id(a), file_id(b)) {
        (Some(x), Some(y)) => x == y,
        _ => place(a) == place(b),
    }
}

/// Where `path` leads: links followed, absolute, with `.` and `..`
/// resolved, through the folders that exist (canonical) and then by name
/// for those that do not exist yet (`out/../out/all.ics` before `out/`
/// is made is `<cwd>/out/all.ics`).
pub fn place(path: &Path) -> PathBuf {
    use std::path::Component;
    let real = resolve_links(path).unwrap_or_else(|_| path.to_path_buf());
    let absolute = std::path::absolute(&real).unwrap_or(real);
    let mut at = PathBuf::new();
    let mut existing = true;
    for part in absolute.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => at.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                at.pop();
            }
            Component::Normal(name) => {
                at.push(name);
                if existing {
                    match at.canonicalize() {
                        Ok(c) => at = c,
                        Err(_) => existing = false,
                    }
                }
            }
        }
    }
    at
}

/// Whether `path` is this process's standard output (`-o /dev/stdout`,
/// `/proc/self/fd/1`, or the file stdout was redirected to): then the
/// calendar goes to standard output as a stream, and nothing is read back
/// or replaced.
pub fn is_stdout(path: &Path) -> bool {
    use std::os::fd::AsFd as _;
    use std::os::unix::fs::MetadataExt as _;
    let Ok(target) = fs::metadata(path) else {
        return false;
    };
    let Ok(out) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    match fs::File::from(out).metadata() {
        Ok(m) => m.dev() == target.dev() && m.ino() == target.ino(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("followup-place-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn links_are_followed_to_the_file_they_name() {
        let dir = scratch("links");
        fs::create_dir_all(dir.join("real")).unwrap();
        fs::write(dir.join("real/cal.ics"), "x").unwrap();
        std::os::unix::fs::symlink("real/cal.ics", dir.join("link.ics")).unwrap();
        std::os::unix::fs::symlink("link.ics", dir.join("chain.ics")).unwrap();
        std::os::unix::fs::symlink("real/new.ics", dir.join("dangling.ics")).unwrap();
        std::os::unix::fs::symlink("loop.ics", dir.join("loop.ics")).unwrap();
        assert_eq!(
            resolve_links(&dir.join("chain.ics")).unwrap(),
            dir.join("real/cal.ics")
        );
        assert_eq!(
            resolve_links(&dir.join("dangling.ics")).unwrap(),
            dir.join("real/new.ics")
        );
        assert!(resolve_links(&dir.join("loop.ics")).is_err());
        assert!(same_file(&dir.join("chain.ics"), &dir.join("real/cal.ics")));
        assert!(same_file(
            &dir.join("dangling.ics"),
            &dir.join("real/../real/new.ics")
        ));
        assert!(!same_file(&dir.join("link.ics"), &dir.join("dangling.ics")));
        assert_eq!(
            place(&dir.join("new/../new/x.ics")),
            place(&dir.join("new/x.ics"))
        );
        assert_eq!(
            place(&dir.join("real/../real/cal.ics")),
            place(&dir.join("chain.ics"))
        );
        fs::hard_link(dir.join("real/cal.ics"), dir.join("hard.ics")).unwrap();
        assert!(same_file(&dir.join("hard.ics"), &dir.join("link.ics")));
        let refused = replaceable(&dir.join("real"), Path::new("real")).unwrap_err();
        assert!(refused.to_string().contains("it is a folder"), "{refused}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
