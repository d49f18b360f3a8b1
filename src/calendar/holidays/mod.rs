//! Built-in holiday calendars, computed from rules for any year (SPEC §3:
//! a `holidays` entry may name one, `holidays: [US, 2026-12-24]`).
//!
//! Each calendar is the set of days its country (or state) closes for by law:
//! fixed dates, "n-th weekday of a month" days, days counted from Easter, the
//! rules that move a holiday falling on a weekend to a weekday, and a short
//! table of one-off days each where a government declared one (a royal
//! funeral, a jubilee). Nothing is downloaded or read: the tables are in the
//! source, so the answer is the same on every machine and every run.
//!
//! What each calendar holds, where it comes from, what it leaves out and how
//! it differs from the python `holidays` package (which the test suite
//! compares it with for 2000–2040) is written down in `docs/holidays.md`.
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
//! - `builtin`: [`Calendar`], the calendars by name, [`names`], [`lookup`],
//!   [`holidays_in`];
//! - one file per country (`us`, `ca`, `gb`, `ie`, `de`, `fr`, `nl`, `au`,
//!   `nz`), each a function per calendar filling a year from the rules;
//! - `rules`: the date arithmetic they share (Easter, n-th weekday,
//!   observed days);
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
mod us;

pub use builtin::{Calendar, holidays_in, lookup, names};
