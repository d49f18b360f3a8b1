//! Where holiday entries that are not plain dates come from: built-in
//! calendars by name and `.ics` files by path. The trait is implemented at
//! the edge (`io::holidays` reads files) and, reading nothing, here.

use crate::calendar::holidays::ics::Filter;
use jiff::civil::Date;
use std::ops::RangeInclusive;

/// Holiday entries that are not plain dates: built-in calendars by name and
/// `.ics` files by path. Implemented at the edge (files) and in tests.
pub trait HolidaySource: Sync {
    /// The built-in calendar `name` for the given years, or `None` if no such
    /// calendar exists.
    fn builtin(
        &self,
        name: &str,
        years: RangeInclusive<i16>,
    ) -> Option<Vec<(Date, Option<String>)>>;
    /// Names of the built-in calendars, for suggestions.
    fn builtin_names(&self) -> Vec<String>;
    /// The holidays in an `.ics` file for the given years, `path` as
    /// written (relative to the YAML file), keeping the events `filter`
    /// keeps, or a message saying why it could not be read.
    fn ics_file(
        &self,
        path: &str,
        years: RangeInclusive<i16>,
        filter: &Filter,
    ) -> Result<Vec<(Date, Option<String>)>, String>;
}

/// A source that knows no named calendars and reads no files.
pub struct DatesOnly;

impl HolidaySource for DatesOnly {
    fn builtin(&self, _: &str, _: RangeInclusive<i16>) -> Option<Vec<(Date, Option<String>)>> {
        None
    }
    fn builtin_names(&self) -> Vec<String> {
        Vec::new()
    }
    fn ics_file(
        &self,
        _: &str,
        _: RangeInclusive<i16>,
        _: &Filter,
    ) -> Result<Vec<(Date, Option<String>)>, String> {
        Err("holiday files cannot be read here".to_string())
    }
}
