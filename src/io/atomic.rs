//! Atomic writes: a temporary file in the same folder, flushed and synced,
//! then renamed over the target, so a reader never sees half a file and a
//! failed run leaves the old one untouched (SPEC §5). One file at a time
//! ([`write_atomic`], [`AtomicFile`], [`Streaming`]), or a batch's files
//! made durable together at the end ([`Deferred`]).
//!
//! What a write may replace (SPEC §11): the target's symbolic links are
//! followed (the file a link names is replaced, the link stays); a target
//! that is not a regular file (a folder, a device, a FIFO, a socket) is
//! never replaced; the temporary file is created exclusively under an
//! unpredictable name (`orphans`), never through an existing name or link.
//! A replaced file keeps its permission bits, and its owner and group
//! where the process may set them (as root); the temporary file is made
//! with those bits from the start (less what the umask takes away), so a
//! private file is never readable by others, not even while it is
//! written. A new file gets the default mode (0666 less the umask).

use super::error::IoError;
use super::orphans;
use super::place::{replaceable, resolve_links};
use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically (temp file, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    replace(path, bytes, None)
}

/// [`write_atomic`] for a batch: the bytes go to the temporary file now,
/// the sync and the rename are left to `later` (see [`Deferred`]).
pub fn write_atomic_deferred(path: &Path, bytes: &[u8], later: &Deferred) -> Result<(), IoError> {
    replace(path, bytes, Some(later))
}

/// Replaces a file the user keeps (an input that `followup done` and the
/// other editing commands change) atomically, as [`write_atomic`] does,
/// and as an editor would: a symbolic link is followed (its target is
/// replaced, the link stays), the file keeps its permissions, and anything
/// but a regular file is refused.
pub fn rewrite(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let err = |source| IoError {
        path: path.to_path_buf(),
        action: "replace",
        source,
    };
    let target = fs::canonicalize(path).map_err(err)?;
    let meta = fs::metadata(&target).map_err(err)?;
    if !meta.is_file() {
        return Err(err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    let mut file = AtomicFile::replace(&target)?;
    file.write(bytes)?;
    if let Some(f) = file.file.as_ref() {
        f.get_ref()
            .set_permissions(meta.permissions())
            .map_err(err)?;
    }
    file.commit()
}

fn replace(path: &Path, bytes: &[u8], later: Option<&Deferred>) -> Result<(), IoError> {
    let mut file = AtomicFile::replace(path)?;
    file.write(bytes)?;
    file.commit_to(later)
}

/// Makes a rename into `dir` durable. Best effort: the file itself is
/// already synced.
fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The last steps of many atomic writes, done together at the end of a
/// batch: each file is written to its temporary name at once, then
/// [`Deferred::finish`] makes all of them durable with one `syncfs` (one
/// disk cache flush instead of one per file), renames each over its
/// target, and syncs each folder once. The order (data synced, then
/// renamed, then the folder synced) is that of [`write_atomic`], so a
/// crash still never leaves a partial file, at worst the previous version;
/// readers see the new files appear together at the end.
///
/// On a 2,000-file batch on this project's test machine, one fsync per
/// file cost 1.3 s of a 4.2 s run (docs/PERFORMANCE.md).
#[derive(Debug, Default)]
pub struct Deferred(std::sync::Mutex<Vec<Pending>>);

/// A written, not yet synced temporary file, the file it replaces (links
/// followed) and the target as the caller named it (for messages).
type Pending = (PathBuf, PathBuf, PathBuf);

impl Deferred {
    /// Records a written, not yet synced temporary file and its target.
    fn add(&self, pending: Pending) {
        match self.0.lock() {
            Ok(mut all) => all.push(pending),
            Err(poisoned) => poisoned.into_inner().push(pending),
        }
    }

    /// Runs `work` while a second thread writes back what has been written
    /// so far, a quarter of a second at a time, so that the sync in
    /// [`Deferred::finish`] has little left to wait for (without it, that
    /// one sync waited 0.3 s for a 563 MB batch here, with the cores idle).
    /// Only an early start: `finish` still syncs everything itself.
    pub fn writing_back_during<R>(&self, work: impl FnOnce() -> R) -> R {
        use std::sync::mpsc::{RecvTimeoutError, channel};
        let (stop, stopped) = channel::<()>();
        std::thread::scope(|scope| {
            let helper = std::thread::Builder::new().spawn_scoped(scope, move || {
                let tick = std::time::Duration::from_millis(250);
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(tick) {
                    let folders: BTreeSet<PathBuf> = match self.0.lock() {
                        Ok(pending) => pending.iter().map(|(_, t, _)| folder_of(t)).collect(),
                        Err(_) => break,
                    };
                    if !folders.is_empty() {
                        sync_filesystems(&folders);
                    }
                }
            });
            let result = work();
            drop(stop);
            drop(helper);
            result
        })
    }

    /// Syncs, renames and syncs folders, as described above. Returns one
    /// error per target that could not be put in place (its temporary file
    /// is removed and the previous version left as it was).
    pub fn finish(self) -> Vec<IoError> {
        let mut pending = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        pending.sort_by(|a, b| a.1.cmp(&b.1));
        let folders: BTreeSet<PathBuf> = pending.iter().map(|(_, t, _)| folder_of(t)).collect();
        let synced = sync_filesystems(&folders);
        let mut errors = Vec::new();
        let mut renamed = BTreeSet::new();
        for (tmp, target, shown) in pending {
            let dir = folder_of(&target);
            let put = (|| {
                if !synced.contains(&dir) {
                    fs::File::open(&tmp)
                        .and_then(|f| f.sync_all())
                        .map_err(|e| IoError::new(&shown, "write", e))?;
                }
                // Something that is not a regular file may have taken the
                // target's place meanwhile: never renamed over.
                replaceable(&target, &shown)?;
                fs::rename(&tmp, &target).map_err(|e| IoError::new(&shown, "write", e))
            })();
            match put {
                Ok(()) => {
                    renamed.insert(dir);
                }
                Err(e) => {
                    let _ = fs::remove_file(&tmp);
                    errors.push(e);
                }
            }
        }
        for dir in &renamed {
            sync_folder(dir);
        }
        errors
    }
}

/// Writes back everything written to the filesystems holding `folders`,
/// one `syncfs(2)` per filesystem (through rustix: std has no call for
/// it). Returns the folders whose filesystem was synced; files elsewhere
/// are synced one by one.
#[cfg(target_os = "linux")]
fn sync_filesystems(folders: &BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
    use std::os::unix::fs::MetadataExt as _;
    let mut by_device: std::collections::BTreeMap<u64, Vec<&PathBuf>> = Default::default();
    for f in folders {
        if let Ok(m) = fs::metadata(f) {
            by_device.entry(m.dev()).or_default().push(f);
        }
    }
    let mut synced = BTreeSet::new();
    for dirs in by_device.into_values() {
        let done = dirs
            .first()
            .is_some_and(|d| fs::File::open(d).is_ok_and(|d| rustix::fs::syncfs(&d).is_ok()));
        if done {
            synced.extend(dirs.into_iter().cloned());
        }
    }
    synced
}

#[cfg(not(target_os = "linux"))]
fn sync_filesystems(_: &BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
    BTreeSet::new()
}

/// A file written piece by piece and put in place atomically by
/// [`AtomicFile::commit`]; dropped without committing, it leaves nothing
/// behind and the target untouched. For outputs too large to hold in memory
/// (a batch's combined calendar).
pub struct AtomicFile {
    /// The target as the caller named it (for messages).
    path: PathBuf,
    /// The file replaced: `path` with its links followed.
    real: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
    /// Bytes handed to the kernel so far, and how many of them it has been
    /// asked to start writing to disk (see [`AtomicFile::write`]).
    written: u64,
    hinted: u64,
}

/// A large file asks the kernel to start writing its data to disk every
/// this many bytes (see [`AtomicFile::write`]).
const WRITE_BACK_EVERY: u64 = 8 << 20;

impl AtomicFile {
    /// Starts replacing `path`, creating its folder if need be.
    pub fn create(path: &Path) -> Result<AtomicFile, IoError> {
        let real = resolve_links(path)?;
        let dir = folder_of(&real);
        if let Err(source) = fs::create_dir_all(&dir) {
            return Err(IoError::new(&dir, "create the folder", source));
        }
        Self::replace(path)
    }

    /// Starts replacing `path` in a folder that must exist already, as
    /// [`write_atomic`] does: the file `path` names, once its links are
    /// followed, which must be a regular file or nothing. Temporary files
    /// killed runs left in that folder are removed first (once per
    /// process and folder).
    pub fn replace(path: &Path) -> Result<AtomicFile, IoError> {
        let real = resolve_links(path)?;
        let previous = replaceable(&real, path)?;
        let dir = folder_of(&real);
        orphans::clean_once(&dir);
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_string());
        let (tmp, file) = create_exclusive(&dir, &name, previous.as_ref())
            .map_err(|e| IoError::new(path, "write", e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            real,
            tmp,
            // A batch file (a few hundred kilobytes) goes out in one write
            // at the end: fewer, larger writes cost the kernel less than
            // the copy into this buffer costs us.
            file: Some(std::io::BufWriter::with_capacity(1 << 20, file)),
            written: 0,
            hinted: 0,
        })
    }

    /// Appends `bytes`. Every `WRITE_BACK_EVERY` (8 MB) bytes, the kernel is
    /// asked to start writing what it holds to disk (`posix_fadvise`
    /// `DONTNEED`, which starts write-back of the range without waiting:
    /// Linux's `generic_fadvise`), so the sync in [`AtomicFile::commit`]
    /// finds most of a large calendar on disk already instead of waiting for
    /// all of it with the cores idle. Only an early start: the commit still
    /// syncs everything.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), IoError> {
        // A range at a time, so that one large write (a whole regenerated
        // calendar through `write_atomic`) starts write-back as it goes too.
        for piece in bytes.chunks(WRITE_BACK_EVERY as usize) {
            let result = match self.file.as_mut() {
                Some(f) => f.write_all(piece),
                None => Ok(()),
            };
            result.map_err(|source| self.err(source))?;
            self.written += piece.len() as u64;
            if self.written - self.hinted >= WRITE_BACK_EVERY
                && let Some(f) = self.file.as_ref()
            {
                // Up to what the kernel has; the buffer's tail is not there yet.
                let kernel = self.written - f.buffer().len() as u64;
                start_write_back(f.get_ref(), self.hinted, kernel - self.hinted);
                self.hinted = kernel;
            }
        }
        Ok(())
    }

    /// Flushes, syncs and renames over the target, then syncs the folder so
    /// the rename itself is durable (as [`write_atomic`] does).
    pub fn commit(self) -> Result<(), IoError> {
        self.commit_to(None)
    }

    /// [`AtomicFile::commit`], or with `later`, only flushed: the sync and
    /// the rename are left to it (see [`Deferred`]).
    fn commit_to(mut self, later: Option<&Deferred>) -> Result<(), IoError> {
        let Some(buf) = self.file.take() else {
            return Ok(());
        };
        let result = buf
            .into_inner()
            .map_err(|e| self.err(e.into_error()))
            .and_then(|f| match later {
                Some(later) => {
                    drop(f);
                    later.add((self.tmp.clone(), self.real.clone(), self.path.clone()));
                    Ok(())
                }
                None => {
                    f.sync_all().map_err(|e| self.err(e))?;
                    // Something that is not a regular file may have taken
                    // the target's place meanwhile: never renamed over.
                    replaceable(&self.real, &self.path)?;
                    fs::rename(&self.tmp, &self.real).map_err(|e| self.err(e))
                }
            });
        if let Err(e) = result {
            let _ = fs::remove_file(&self.tmp);
            return Err(e);
        }
        if later.is_none() {
            sync_folder(&folder_of(&self.real));
        }
        Ok(())
    }

    fn err(&self, source: std::io::Error) -> IoError {
        IoError {
            path: self.path.clone(),
            action: "write",
            source,
        }
    }
}

/// Asks the kernel to start writing `len` bytes of `file` from `offset` to
/// disk. Best effort: a failure changes nothing but when the data is
/// written.
#[cfg(target_os = "linux")]
fn start_write_back(file: &fs::File, offset: u64, len: u64) {
    let _ = rustix::fs::fadvise(
        file,
        offset,
        std::num::NonZeroU64::new(len),
        rustix::fs::Advice::DontNeed,
    );
}

#[cfg(not(target_os = "linux"))]
fn start_write_back(_: &fs::File, _: u64, _: u64) {}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// A calendar written to its file while it is being made, so it is never
/// held whole in memory: the file is started at the first piece (so an
/// input that fails before any output leaves nothing behind), replaced
/// atomically by [`Streaming::finish`], and left untouched if dropped
/// before. The first error is kept and later pieces are dropped, so the
/// caller finishes its work and reports the error once, as it would after
/// [`write_atomic`].
pub struct Streaming {
    path: PathBuf,
    /// Create the file's folder first (a batch's mirrored output tree).
    make_folder: bool,
    file: Option<AtomicFile>,
    error: Option<IoError>,
}

impl Streaming {
    pub fn new(path: &Path, make_folder: bool) -> Self {
        Streaming {
            path: path.to_path_buf(),
            make_folder,
            file: None,
            error: None,
        }
    }

    /// Appends `bytes`.
    pub fn put(&mut self, bytes: &[u8]) {
        if self.error.is_some() {
            return;
        }
        let written = match &mut self.file {
            Some(file) => file.write(bytes),
            None => self.open().and_then(|mut file| {
                let written = file.write(bytes);
                self.file = Some(file);
                written
            }),
        };
        if let Err(e) = written {
            // Dropping the file removes its temporary.
            self.file = None;
            self.error = Some(e);
        }
    }

    /// Records an error met while making the bytes (a source that could
    /// not be read): the file is abandoned and `finish` reports it.
    pub fn fail(&mut self, e: IoError) {
        if self.error.is_none() {
            self.file = None;
            self.error = Some(e);
        }
    }

    /// Puts the file in place, or reports the first error.
    pub fn finish(self) -> Result<(), IoError> {
        self.finish_to(None)
    }

    /// [`Streaming::finish`] for a batch: the sync and the rename are left
    /// to `later` (see [`Deferred`]).
    pub fn finish_deferred(self, later: &Deferred) -> Result<(), IoError> {
        self.finish_to(Some(later))
    }

    fn finish_to(mut self, later: Option<&Deferred>) -> Result<(), IoError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match self.file.take() {
            Some(file) => file.commit_to(later),
            None => self.open()?.commit_to(later),
        }
    }

    fn open(&self) -> Result<AtomicFile, IoError> {
        if self.make_folder {
            AtomicFile::create(&self.path)
        } else {
            AtomicFile::replace(&self.path)
        }
    }
}

/// The folder `path` is in.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates a temporary file for a target named `name` in `dir`,
/// exclusively, under a fresh random name (another if the name is taken),
/// locked, with the permissions of the file it will replace (`previous`),
/// or the default mode for a new file.
fn create_exclusive(
    dir: &Path,
    name: &str,
    previous: Option<&fs::Metadata>,
) -> std::io::Result<(PathBuf, fs::File)> {
    use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _};
    // Permission bits only: never set-user-id, set-group-id or sticky.
    let bits = previous.map_or(0o666, |m| m.mode() & 0o777);
    let mut last = None;
    for _ in 0..16 {
        let tmp = dir.join(orphans::temp_name(name));
        // `create_new` is O_CREAT | O_EXCL: it fails on any existing name,
        // a symbolic link included, and never writes through one. The
        // umask applies to `bits`, so the file is never wider than the one
        // it replaces.
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(bits)
            .open(&tmp)
        {
            Ok(file) => {
                orphans::hold(&file);
                if let Some(m) = previous {
                    // The owner first (that clears set-id bits, which are
                    // not copied anyway): it succeeds where this process
                    // may give the file away (root) or keep the group.
                    let (uid, gid) = (m.uid(), m.gid());
                    let made = file.metadata()?;
                    if made.uid() != uid || made.gid() != gid {
                        let given = std::os::unix::fs::fchown(&file, Some(uid), Some(gid));
                        if given.is_err() && made.gid() != gid {
                            let _ = std::os::unix::fs::fchown(&file, None, Some(gid));
                        }
                    }
                    // Then the bits exactly as they were: the umask does
                    // not apply to an explicit change.
                    if let Err(e) = file.set_permissions(fs::Permissions::from_mode(bits)) {
                        let _ = fs::remove_file(&tmp);
                        return Err(e);
                    }
                }
                return Ok((tmp, file));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("followup-io-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// Files of several write-back ranges come out whole: the ranges
    /// handed to the kernel while writing neither drop nor repeat bytes.
    #[test]
    fn large_files_are_written_whole_across_write_back_ranges() {
        let dir = scratch("large");
        // 2.5 ranges, in pieces that do not divide a range, of bytes that
        // differ from one position to the next.
        let len = (WRITE_BACK_EVERY * 5 / 2) as usize + 7;
        let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let mut s = Streaming::new(&dir.join("streamed.ics"), false);
        for piece in bytes.chunks(1_000_003) {
            s.put(piece);
        }
        s.finish().unwrap();
        assert!(fs::read(dir.join("streamed.ics")).unwrap() == bytes);
        write_atomic(&dir.join("whole.ics"), &bytes).unwrap();
        assert!(fs::read(dir.join("whole.ics")).unwrap() == bytes);
        assert_eq!(names(&dir), ["streamed.ics", "whole.ics"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn deferred_writes_appear_together_at_finish() {
        let dir = scratch("deferred");
        fs::write(dir.join("b.ics"), "old").unwrap();
        let later = Deferred::default();
        write_atomic_deferred(&dir.join("a.ics"), b"new a", &later).unwrap();
        let mut s = Streaming::new(&dir.join("sub/b.ics"), true);
        s.put(b"new ");
        s.put(b"sub b");
        s.finish_deferred(&later).unwrap();
        write_atomic_deferred(&dir.join("b.ics"), b"new b", &later).unwrap();
        // Nothing is in place yet: only temporary files beside the targets.
        assert!(!dir.join("a.ics").exists());
        assert_eq!(fs::read_to_string(dir.join("b.ics")).unwrap(), "old");
        assert!(names(&dir).iter().any(|n| n.ends_with(".tmp")));
        assert!(later.finish().is_empty());
        assert_eq!(fs::read_to_string(dir.join("a.ics")).unwrap(), "new a");
        assert_eq!(fs::read_to_string(dir.join("b.ics")).unwrap(), "new b");
        assert_eq!(
            fs::read_to_string(dir.join("sub/b.ics")).unwrap(),
            "new sub b"
        );
        assert_eq!(names(&dir), ["a.ics", "b.ics", "sub"]);
        assert_eq!(names(&dir.join("sub")), ["b.ics"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_deferred_write_that_cannot_be_put_in_place_is_reported() {
        let dir = scratch("deferred-fail");
        let later = Deferred::default();
        write_atomic_deferred(&dir.join("ok.ics"), b"fine", &later).unwrap();
        write_atomic_deferred(&dir.join("taken.ics"), b"lost", &later).unwrap();
        // A folder now stands where the file should go: the rename fails.
        fs::create_dir_all(dir.join("taken.ics/inside")).unwrap();
        let errors = later.finish();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, dir.join("taken.ics"));
        assert_eq!(fs::read_to_string(dir.join("ok.ics")).unwrap(), "fine");
        // The failed one's temporary file is gone too.
        assert_eq!(names(&dir), ["ok.ics", "taken.ics"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
