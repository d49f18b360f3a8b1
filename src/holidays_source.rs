//! The edge's [`HolidaySource`]: holiday entries that name a built-in
//! calendar or an `.ics` file beside the YAML.
//!
//! Named calendars come from `calendar::holidays` (rule-based, any year).
//! `.ics` holiday files are not read yet: such entries are refused with a
//! clear message, so an input that uses them fails loudly instead of
//! silently ignoring closures.

use crate::calendar::holidays;
use crate::model::validate::HolidaySource;
use jiff::civil::Date;
use std::ops::RangeInclusive;
use std::path::PathBuf;

/// Resolves holiday entries relative to one input file's folder.
pub struct FileHolidays {
    #[allow(dead_code)]
    base: PathBuf,
}

impl FileHolidays {
    /// For the input at `input` (`-`: the current folder).
    pub fn beside(input: &str) -> Self {
        let base = match std::path::Path::new(input).parent() {
            Some(p) if input != "-" => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        FileHolidays { base }
    }
}

impl HolidaySource for FileHolidays {
    fn builtin(
        &self,
        name: &str,
        years: RangeInclusive<i16>,
    ) -> Option<Vec<(Date, Option<String>)>> {
        holidays::holidays_in(name, years)
            .map(|days| days.into_iter().map(|(d, n)| (d, Some(n))).collect())
    }
    fn builtin_names(&self) -> Vec<String> {
        holidays::names().iter().map(|n| n.to_string()).collect()
    }
    fn ics_file(&self, _: &str) -> Result<Vec<(Date, Option<String>)>, String> {
        Err("reading .ics holiday files is not supported yet; list the dates instead".to_string())
    }
}
