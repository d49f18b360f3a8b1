//! Temporary files: made so that nothing can be planted under their name,
//! and removed when a killed run left them behind (SPEC §11).
//!
//! A temporary file is `.<target name>.followup-<pid>-<16 hex>.tmp` beside
//! its target: the 64 random bits come from the operating system, and the
//! file is created exclusively (`O_CREAT | O_EXCL`, which never follows a
//! link and fails if anything has that name), so a file or link planted in
//! the folder is never written through; a name that is taken is simply
//! replaced by another random one. While a run writes it, it holds an
//! exclusive `flock` on it.
//!
//! The first time a run writes into a folder, it removes the temporary
//! files of runs that are gone: those whose name is ours, whose process id
//! is not a live process (`/proc/<pid>`), and whose lock it can take.
//! Both must hold, so the temporary file of a run still going is never
//! removed: its process is alive (and holds the lock), including a run in
//! another PID namespace sharing the folder, whose lock is seen even
//! where its process id is not. A temporary file written for a batch
//! (closed, waiting for the batch's final sync) is protected by its
//! process id.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The part of a temporary file's name before the process id.
const MARK: &str = ".followup-";

/// A target name longer than this is cut in the temporary file's name, so
/// that name stays within the usual 255-byte limit.
const NAME_ROOM: usize = 200;

/// A fresh temporary name for a file named `target` (its file name only).
pub(super) fn temp_name(target: &str) -> String {
    let mut end = target.len().min(NAME_ROOM);
    while !target.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        ".{}{MARK}{}-{:016x}.tmp",
        &target[..end],
        std::process::id(),
        random()
    )
}

/// 64 unpredictable bits: from the operating system, else (it has none
/// to give) from std's randomly keyed hasher and the clock.
fn random() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_ok() {
        return u64::from_le_bytes(bytes);
    }
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

/// The process id in a temporary file's name, if the name is one of ours.
pub(super) fn pid_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (rest, hex) = rest.rsplit_once('-')?;
    if hex.len() != 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let (rest, pid) = rest.rsplit_once('-')?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.ends_with(MARK.trim_end_matches('-'))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Takes the exclusive lock of a temporary file we are writing; best
/// effort (a filesystem without locks still has the process id).
pub(super) fn hold(file: &fs::File) {
    #[cfg(target_os = "linux")]
    let _ = rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive);
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

/// Folders already cleaned by this process.
static CLEANED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Removes the orphaned temporary files in `dir`, once per process and
/// folder (the first write into it).
pub(super) fn clean_once(dir: &Path) {
    let first = match CLEANED.lock() {
        Ok(mut done) => done.insert(dir.to_path_buf()),
        Err(_) => false,
    };
    if first {
        clean(dir);
    }
}

/// Removes the temporary files in `dir` that killed runs left behind (see
/// the module's docs); returns how many. Best effort: a file that cannot
/// be looked at or removed is left.
pub fn clean(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(pid_of) else {
            continue;
        };
        if alive(pid) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if remove_if_unlocked(&entry.path()) {
            removed += 1;
        }
    }
    removed
}

/// Whether a process with this id runs (on this machine, as far as this
/// process can see). Where that cannot be told, every process is taken to
/// be alive, so nothing is removed.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        // Without /proc mounted, nothing can be told.
        !Path::new("/proc/self").exists() || Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// Removes `path` if nobody holds its lock, holding it meanwhile.
#[cfg(target_os = "linux")]
fn remove_if_unlocked(path: &Path) -> bool {
    use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _};
    let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
    let Ok(file) = fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
    else {
        return false;
    };
    if rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_err() {
        return false;
    }
    // Still the file that was looked at (not replaced meanwhile).
    let same = match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    };
    same && fs::remove_file(path).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn remove_if_unlocked(_: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn temporary_names_are_recognised_and_unpredictable() {
        let a = temp_name("out.ics");
        let b = temp_name("out.ics");
        assert_ne!(a, b);
        assert!(
            a.starts_with(".out.ics.followup-") && a.ends_with(".tmp"),
            "{a}"
        );
        assert_eq!(pid_of(&a), Some(std::process::id()));
        case(".x.followup-12-0123456789abcdef.tmp", Some(12));
        case(".a-b.c.followup-7-ffffffffffffffff.tmp", Some(7));
        case(".x.followup-12-0123456789abcde.tmp", None);
        case(".x.followup--0123456789abcdef.tmp", None);
        case(".x.other-12-0123456789abcdef.tmp", None);
        case("x.followup-12-0123456789abcdef.tmp", None);
        case(".out.ics.12.tmp", None);
        let long = "é".repeat(200);
        let t = temp_name(&long);
        assert!(t.len() < 255, "{}", t.len());
        assert_eq!(pid_of(&t), Some(std::process::id()));
    }

    #[track_caller]
    fn case(name: &str, want: Option<u32>) {
        assert_eq!(pid_of(name), want, "{name}");
    }
}
