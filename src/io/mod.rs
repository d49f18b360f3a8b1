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
    replace(path, bytes, None)
}

/// [`write_atomic`], leaving the sync of the folder (which makes the rename
/// durable) to `folders`, for a batch that renames many files into one.
pub fn write_atomic_syncing_later(
    path: &Path,
    bytes: &[u8],
    folders: &FolderSyncs,
) -> Result<(), IoError> {
    replace(path, bytes, Some(folders))
}

fn replace(path: &Path, bytes: &[u8], later: Option<&FolderSyncs>) -> Result<(), IoError> {
    let err = |action, source| IoError {
        path: path.to_path_buf(),
        action,
        source,
    };
    let (dir, tmp) = temp_beside(path);
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_folder(dir, later);
        Ok(())
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        err("write", e)
    })
}

/// Makes a rename into `dir` durable, now or (with `later`) when `later` is
/// synced. Best effort: the file itself is already synced.
fn sync_folder(dir: PathBuf, later: Option<&FolderSyncs>) {
    if let Some(folders) = later
        && let Ok(mut set) = folders.0.lock()
    {
        set.insert(dir);
        return;
    }
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
}

/// Folders that files were renamed into, to be synced once each at the end
/// of a batch rather than once per file: a 2,000-file batch into one
/// folder syncs it once instead of 2,000 times. Every file is synced before
/// its rename either way, so a crash never leaves a partial file, at worst
/// the previous version.
#[derive(Debug, Default)]
pub struct FolderSyncs(std::sync::Mutex<std::collections::BTreeSet<PathBuf>>);

impl FolderSyncs {
    /// Syncs every folder recorded (best effort, as for a single write).
    pub fn sync(self) {
        let folders = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        for dir in folders {
            sync_folder(dir, None);
        }
    }
}

/// A file written piece by piece and put in place atomically by
/// [`AtomicFile::commit`]; dropped without committing, it leaves nothing
/// behind and the target untouched. For outputs too large to hold in memory
/// (a batch's combined calendar).
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Starts replacing `path`, creating its folder if need be.
    pub fn create(path: &Path) -> Result<AtomicFile, IoError> {
        let (dir, _) = temp_beside(path);
        if let Err(source) = fs::create_dir_all(&dir) {
            return Err(IoError {
                path: dir,
                action: "create the folder",
                source,
            });
        }
        Self::replace(path)
    }

    /// Starts replacing `path` in a folder that must exist already, as
    /// [`write_atomic`] does.
    pub fn replace(path: &Path) -> Result<AtomicFile, IoError> {
        let (_, tmp) = temp_beside(path);
        let file = fs::File::create(&tmp).map_err(|source| IoError {
            path: path.to_path_buf(),
            action: "write",
            source,
        })?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            // A batch file (a few hundred kilobytes) goes out in one write
            // at the end: fewer, larger writes cost the kernel less than
            // the copy into this buffer costs us.
            file: Some(std::io::BufWriter::with_capacity(1 << 20, file)),
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), IoError> {
        let result = match self.file.as_mut() {
            Some(f) => f.write_all(bytes),
            None => Ok(()),
        };
        result.map_err(|source| self.err(source))
    }

    /// Flushes, syncs and renames over the target, then syncs the folder so
    /// the rename itself is durable (as [`write_atomic`] does).
    pub fn commit(self) -> Result<(), IoError> {
        self.commit_to(None)
    }

    /// [`AtomicFile::commit`], with the folder synced now or, given
    /// `later`, when `later` is.
    fn commit_to(mut self, later: Option<&FolderSyncs>) -> Result<(), IoError> {
        let Some(buf) = self.file.take() else {
            return Ok(());
        };
        let result = buf
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&self.tmp, &self.path));
        if let Err(source) = result {
            let _ = fs::remove_file(&self.tmp);
            return Err(self.err(source));
        }
        sync_folder(temp_beside(&self.path).0, later);
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

    /// Puts the file in place, or reports the first error.
    pub fn finish(self) -> Result<(), IoError> {
        self.finish_to(None)
    }

    /// [`Streaming::finish`], leaving the folder's sync to `folders`.
    pub fn finish_syncing_later(self, folders: &FolderSyncs) -> Result<(), IoError> {
        self.finish_to(Some(folders))
    }

    fn finish_to(mut self, later: Option<&FolderSyncs>) -> Result<(), IoError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match self.file.take() {
            Some(file) => file.commit_to(later),
            None => self.open()?.commit_to(later),
        }
    }

    fn open(&self) -> Result<AtomicFile, IoError> {
        if self.make_folder
            && let Some(parent) = self.path.parent()
        {
            fs::create_dir_all(parent).map_err(|source| IoError {
                path: self.path.clone(),
                action: "create the folder for",
                source,
            })?;
        }
        AtomicFile::replace(&self.path)
    }
}

/// The folder of `path` and a temporary name beside it.
fn temp_beside(path: &Path) -> (PathBuf, PathBuf) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    (dir, tmp)
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
