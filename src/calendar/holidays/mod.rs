//! Built-in holiday calendars (SPEC §3: a `holidays` entry may name one,
//! `holidays: [US, 2026-12-24]`): twelve computed from rules for any year,
//! and the rest read from dated tables ([`table`]).
//!
//! Each rule-based calendar is the set of days its country (or state)
//! closes for by law:
//! fixed dates, "n-th weekday of a month" days, days counted from Easter, the
//! rules that move a holiday falling on a weekend to a weekday, and a short
//! table of one-off days each where a government declared one (a royal
//! funeral, a jubilee). Nothing is downloaded or read: the tables are in the
//! source, so the answer is the same on every machine and every run.
//!
//! What each calendar holds, where it comes from, what it leaves out and how
//! it differs from the python `holidays` package (which the test suite
//! compares it with for 2000–2060) is written down in `docs/holidays.md`.
//!
//! The table calendars (every other country python-holidays knows, and
//! subdivisions such as `IN-KA` or `ES-MD`) hold 2000–2060, or fewer years
//! where python-holidays has fewer; [`Calendar::years`] says which.
//!
//! No I/O, no clock.
//!
//! # Example: Thanksgiving and an observed Independence Day
//!
//! ```
//! use followup::calendar::holidays;
//! use jiff::civil::date;
//!
//! let us = holidays::lookup("us").ok_or("no US calendar")?;
//! let days = us.holidays(2026);
//! assert!(days.contains(&(date(2026, 11, 26), "Thanksgiving Day")));
//! // 4 July 2026 is a Saturday: federal offices close on Friday the 3rd.
//! assert!(days.contains(&(date(2026, 7, 3), "Independence Day (observed)")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

//!
//! - `builtin`: [`Calendar`], the calendars by name, [`names`], [`every`],
//!   [`lookup`], [`holidays_in`], [`coverage_warning`];
//! - one file per country (`us`, `ca`, `gb`, `ie`, `de`, `fr`, `nl`, `au`,
//!   `nz`), each a function per calendar filling a year from the rules;
//! - `rules`: the date arithmetic they share (Easter, n-th weekday,
//!   observed days);
//! - [`table`]: the dated tables generated from python-holidays
//!   (`scripts/gen-holidays.py`), for the other calendars;
//! - [`zones`]: what `holidays: [auto]` gives a zone, through the
//!   zone-to-country table generated from the tz database
//!   (`scripts/gen-zones.py`);
//! - [`ics`]: holidays read from an `.ics` file's bytes.

mod au;
mod builtin;
mod ca;
mod de;
mod fr;
mod gb;
pub mod ics;
mod ie;
mod nl;
mod nz;
mod rules;
pub mod table;
mod us;
pub mod zones;

pub use builtin::{Calendar, coverage_warning, every, holidays_in, lookup, names};
