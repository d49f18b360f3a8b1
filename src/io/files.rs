//! Reading files and looking at paths; every error names the path.
//!
//! Only regular files are read (SPEC §11): a FIFO, a device, a socket or a
//! folder named as an input, a holiday file or a previous output is
//! refused at once, without waiting on it. The file is opened without
//! blocking (`O_NONBLOCK`: opening a FIFO for reading would otherwise wait
//! for a writer), then what was opened is checked with `fstat`, so a file
//! swapped between a look at the path and the open is caught too. Inputs
//! are at most [`MAX_INPUT_BYTES`]: the size is checked before anything is
//! read, and the read itself is bounded in case the file grows meanwhile.

use super::error::IoError;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The largest input (YAML or holiday file) followup reads: 64 MiB (SPEC
/// §11). Its memory use is bounded by ten times this plus 64 MiB
/// (docs/PERFORMANCE.md, "Memory").
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// What is at a path, in the words of a message ("it is a FIFO").
pub(super) fn kind_of(t: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// The flags that open a file for reading without waiting on it.
fn read_options() -> fs::OpenOptions {
    let mut o = fs::OpenOptions::new();
    o.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    o
}

/// Opens the regular file at `path` for reading, refusing anything else;
/// `Ok(None)` when nothing is there and `missing_ok`.
fn open_regular(
    path: &Path,
    action: &'static str,
    missing_ok: bool,
) -> Result<Option<(fs::File, u64)>, IoError> {
    // A look before opening, so that nothing but a regular file is ever
    // opened (a device's open can have effects of its own).
    match fs::metadata(path) {
        Ok(m) if !m.is_file() => return Err(not_a_file(path, action, m.file_type())),
        Ok(_) => {}
        Err(e) if missing_ok && e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(IoError::new(path, action, e)),
    }
    let file = match read_options().open(path) {
        Ok(f) => f,
        Err(e) if missing_ok && e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(IoError::new(path, action, e)),
    };
    let meta = file.metadata().map_err(|e| IoError::new(path, action, e))?;
    if !meta.is_file() {
        return Err(not_a_file(path, action, meta.file_type()));
    }
    Ok(Some((file, meta.len())))
}

pub(super) fn not_a_file(path: &Path, action: &'static str, t: fs::FileType) -> IoError {
    IoError::refused(
        path,
        action,
        std::io::ErrorKind::InvalidInput,
        format!(
            "it is {}, not a regular file; followup reads and writes regular files only",
            kind_of(t)
        ),
    )
}

/// The error for an input of `len` bytes, over the limit.
pub(super) fn too_large(path: &Path, len: u64) -> IoError {
    IoError::refused(
        path,
        "read",
        std::io::ErrorKind::FileTooLarge,
        format!(
            "it is {} MiB, over followup's limit of {} MiB per input file (split it into several files and build them as a batch with --out-dir)",
            len.div_ceil(1 << 20),
            MAX_INPUT_BYTES >> 20
        ),
    )
}

/// Reads at most `limit` bytes of `from`; `Err(len)` when there are more.
pub(super) fn read_bounded(
    from: &mut dyn std::io::Read,
    limit: u64,
    hint: u64,
) -> std::io::Result<Result<Vec<u8>, u64>> {
    let mut buf = Vec::with_capacity(usize::try_from(hint.min(limit)).unwrap_or(0));
    from.take(limit + 1).read_to_end(&mut buf)?;
    let len = buf.len() as u64;
    Ok(if len > limit { Err(len) } else { Ok(buf) })
}

/// Reads a whole input file (YAML or holiday `.ics`): a regular file of
/// at most [`MAX_INPUT_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>, IoError> {
    let Some((mut file, len)) = open_regular(path, "read", false)? else {
        return Err(IoError::new(
            path,
            "read",
            std::io::ErrorKind::NotFound.into(),
        ));
    };
    if len > MAX_INPUT_BYTES {
        return Err(too_large(path, len));
    }
    match read_bounded(&mut file, MAX_INPUT_BYTES, len) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(len)) => Err(too_large(path, len)),
        Err(e) => Err(IoError::new(path, "read", e)),
    }
}

/// A previous output, opened for reading back (SPEC §5), or `None` when
/// there is none at `path`. Only a regular file is ever read as one: a
/// folder, device, FIFO or socket is refused (SPEC §11), whatever
/// `--force` says. Symbolic links are followed: the calendar is the file
/// the link names.
pub fn open_previous(path: &Path) -> Result<Option<Previous>, IoError> {
    Ok(
        open_regular(path, "read back", true)?.map(|(file, len)| Previous {
            path: path.to_path_buf(),
            file,
            len,
        }),
    )
}

/// A previous output file, open: read in pieces (never held whole), and
/// read again by range, from the same open file even if its path is
/// replaced meanwhile.
#[derive(Debug)]
pub struct Previous {
    path: PathBuf,
    file: fs::File,
    len: u64,
}

/// The pieces a previous output is read in.
const PIECE: usize = 4 << 20;

impl Previous {
    /// Its size when opened.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Hands the file's bytes to `take`, a piece at a time, from the start.
    pub fn read_pieces(&self, take: &mut dyn FnMut(&[u8])) -> Result<(), IoError> {
        use std::os::unix::fs::FileExt as _;
        let mut buf = vec![0u8; PIECE];
        let mut at = 0u64;
        loop {
            let n = self
                .file
                .read_at(&mut buf, at)
                .map_err(|e| IoError::new(&self.path, "read back", e))?;
            if n == 0 {
                return Ok(());
            }
            take(&buf[..n]);
            at += n as u64;
        }
    }

    /// The `len` bytes from `offset` (fewer at the end of the file).
    pub fn read_range(&self, offset: u64, len: usize) -> Result<Vec<u8>, IoError> {
        use std::os::unix::fs::FileExt as _;
        let mut buf = vec![0u8; len];
        let mut got = 0;
        while got < len {
            let n = self
                .file
                .read_at(&mut buf[got..], offset + got as u64)
                .map_err(|e| IoError::new(&self.path, "read back", e))?;
            if n == 0 {
                break;
            }
            got += n;
        }
        buf.truncate(got);
        Ok(buf)
    }

    /// The whole file, for a caller that keeps it anyway (`serve`, which
    /// publishes it).
    pub fn read_all(&self) -> Result<Vec<u8>, IoError> {
        let mut all = Vec::with_capacity(usize::try_from(self.len).unwrap_or(0));
        self.read_pieces(&mut |piece| all.extend_from_slice(piece))?;
        Ok(all)
    }
}

/// Lists the `*.yaml`/`*.yml` files under `dir`, recursively, sorted by
/// path so a batch always visits them in the same order. Symbolic links to
/// folders are not followed (no loops); anything named `*.yaml` that is
/// not a regular file is listed, and refused when it is read.
pub fn yaml_files_under(dir: &Path) -> Result<Vec<PathBuf>, IoError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d).map_err(|source| IoError::new(&d, "list", source))?;
        for entry in entries {
            let entry = entry.map_err(|source| IoError::new(&d, "list", source))?;
            let p = entry.path();
            let kind = entry
                .file_type()
                .map_err(|source| IoError::new(&p, "inspect", source))?;
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

/// The bytes of the input file at `path`, or `None` when it cannot be
/// read (missing, not a regular file, over the limit): to notice that a
/// file changed, whatever happened to it.
pub fn read_or_none(path: &Path) -> Option<Vec<u8>> {
    read(path).ok()
}

/// Creates the folder `path` goes in, and its parents, where missing.
pub fn create_folder_for(path: &Path) -> Result<(), IoError> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::create_dir_all(dir)
            .map_err(|source| IoError::new(path, "create the folder for", source)),
        _ => Ok(()),
    }
}
