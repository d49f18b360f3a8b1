//! The edge's [`HolidaySource`]: holiday entries that name a built-in
//! calendar or an `.ics` file beside the YAML.
//!
//! Named calendars come from `calendar::holidays` (rule-based for any year,
//! or from its dated tables).
//! `.ics` files are read here, relative to the YAML
//! file's folder, and parsed by the pure `calendar::holidays::ics`; each
//! file is read once per input, however many interviews list it.

use super::error::IoError;
use super::files;
use crate::calendar::holidays::{self, ics};
use crate::model::validate::HolidaySource;
use jiff::civil::Date;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

type Days = Vec<(Date, Option<String>)>;
/// `.ics` files already read, by the path as written, the years and the
/// filter.
type Read = HashMap<(String, RangeInclusive<i16>, ics::Filter), Result<Days, String>>;

/// Resolves holiday entries relative to one input file's folder.
pub struct FileHolidays {
    base: PathBuf,
    /// Shared by the validators of an input's pieces, on any core.
    read: Mutex<Read>,
    /// Every `.ics` file looked for, found or not, as opened.
    looked_for: Mutex<Vec<PathBuf>>,
}

impl FileHolidays {
    /// For the input at `input` (`-`: the current folder).
    pub fn beside(input: &str) -> Self {
        let base = match Path::new(input).parent() {
            Some(p) if input != "-" => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        FileHolidays {
            base,
            read: Mutex::new(HashMap::new()),
            looked_for: Mutex::new(Vec::new()),
        }
    }

    /// The `.ics` holiday files the input named, as opened (found or not),
    /// sorted: what `serve` watches besides the input.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = lock(&self.looked_for).clone();
        files.sort();
        files
    }
}

/// Why an `.ics` holiday file gave no holidays.
#[derive(Debug)]
pub enum IcsFileError {
    /// It could not be read (exit code 3 on the command line).
    Io(IoError),
    /// It was read but is not a holiday calendar this tool can use.
    Invalid(ics::IcsError),
}

/// Reads the `.ics` holiday file at `path` for `years`, keeping the events
/// `filter` keeps.
pub fn read_ics(
    path: &Path,
    years: RangeInclusive<i16>,
    filter: &ics::Filter,
) -> Result<Days, IcsFileError> {
    let bytes = files::read(path).map_err(IcsFileError::Io)?;
    ics::read_filtered(&bytes, years, filter).map_err(IcsFileError::Invalid)
}

impl HolidaySource for FileHolidays {
    fn builtin(&self, name: &str, years: RangeInclusive<i16>) -> Option<Days> {
        holidays::holidays_in(name, years)
            .map(|days| days.into_iter().map(|(d, n)| (d, Some(n))).collect())
    }
    fn builtin_names(&self) -> Vec<String> {
        holidays::names().iter().map(|n| n.to_string()).collect()
    }
    fn ics_file(
        &self,
        path: &str,
        years: RangeInclusive<i16>,
        filter: &ics::Filter,
    ) -> Result<Days, String> {
        let key = (path.to_string(), years.clone(), filter.clone());
        // Held until the file is read: two pieces naming the same file read
        // it once.
        let mut read = lock(&self.read);
        if let Some(done) = read.get(&key) {
            return done.clone();
        }
        let written = Path::new(path);
        let full = if written.is_absolute()
            || self.base.as_os_str().is_empty()
            || self.base == Path::new(".")
        {
            written.to_path_buf()
        } else {
            self.base.join(written.strip_prefix(".").unwrap_or(written))
        };
        // Say where the file was looked for when that is not what the user
        // wrote (a relative path from another folder).
        let at = if full.as_path() == Path::new(path) {
            String::new()
        } else {
            format!(" (looked for {})", full.display())
        };
        {
            let mut looked_for = lock(&self.looked_for);
            if !looked_for.contains(&full) {
                looked_for.push(full.clone());
            }
        }
        let result = read_ics(&full, years, filter).map_err(|e| match e {
            IcsFileError::Io(e) => format!("{}{at}", e.source),
            IcsFileError::Invalid(e) => e.to_string(),
        });
        read.insert(key, result.clone());
        result
    }
}

/// The data behind `m`, also after a panic elsewhere while it was held (the
/// caches stay usable: each entry is written whole).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
