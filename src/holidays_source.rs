//! The edge's [`HolidaySource`]: holiday entries that name a built-in
//! calendar or an `.ics` file beside the YAML.
//!
//! Named calendars come from `calendar::holidays` (rule-based, any year).
//! `.ics` files are read here, through `crate::io`, relative to the YAML
//! file's folder, and parsed by the pure `calendar::holidays::ics`; each
//! file is read once per input, however many interviews list it.

use crate::calendar::holidays::{self, ics};
use crate::io::{self, IoError};
use crate::model::validate::HolidaySource;
use jiff::civil::Date;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

type Days = Vec<(Date, Option<String>)>;
/// `.ics` files already read, by the path as written and the years.
type Read = HashMap<(String, RangeInclusive<i16>), Result<Days, String>>;

/// Resolves holiday entries relative to one input file's folder.
pub struct FileHolidays {
    base: PathBuf,
    read: RefCell<Read>,
    /// Every `.ics` file looked for, found or not, as opened.
    looked_for: RefCell<Vec<PathBuf>>,
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
            read: RefCell::new(HashMap::new()),
            looked_for: RefCell::new(Vec::new()),
        }
    }

    /// The `.ics` holiday files the input named, as opened (found or not),
    /// in the order first named: what `serve` watches besides the input.
    pub fn files(&self) -> Vec<PathBuf> {
        self.looked_for.borrow().clone()
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

/// Reads the `.ics` holiday file at `path` for `years`.
pub fn read_ics(path: &Path, years: RangeInclusive<i16>) -> Result<Days, IcsFileError> {
    let bytes = io::read(path).map_err(IcsFileError::Io)?;
    ics::read(&bytes, years).map_err(IcsFileError::Invalid)
}

impl HolidaySource for FileHolidays {
    fn builtin(&self, name: &str, years: RangeInclusive<i16>) -> Option<Days> {
        holidays::holidays_in(name, years)
            .map(|days| days.into_iter().map(|(d, n)| (d, Some(n))).collect())
    }
    fn builtin_names(&self) -> Vec<String> {
        holidays::names().iter().map(|n| n.to_string()).collect()
    }
    fn ics_file(&self, path: &str, years: RangeInclusive<i16>) -> Result<Days, String> {
        let key = (path.to_string(), years.clone());
        if let Some(done) = self.read.borrow().get(&key) {
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
            let mut looked_for = self.looked_for.borrow_mut();
            if !looked_for.contains(&full) {
                looked_for.push(full.clone());
            }
        }
        let result = read_ics(&full, years).map_err(|e| match e {
            IcsFileError::Io(e) => format!("{}{at}", e.source),
            IcsFileError::Invalid(e) => e.to_string(),
        });
        self.read.borrow_mut().insert(key, result.clone());
        result
    }
}
