//! `plan` (SPEC §2, §6): every step of an input, as the agenda or the
//! stable JSON, narrowed by dates or to what is still ahead.

use super::failure::Failure;
use crate::error::Diagnostic;
use crate::io::holidays::FileHolidays;
use crate::pipeline::load::load;
use crate::pipeline::view;
use jiff::Timestamp;
use jiff::civil::Date;

/// How the plan is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The agenda by day (`view::to_table`).
    Table,
    /// SPEC §6's JSON (`view::to_json`).
    Json,
}

/// Which steps, shown how.
#[derive(Debug, Clone, Copy)]
pub struct Query {
    pub format: Format,
    /// Only steps on or after this employer-zone date.
    pub from: Option<Date>,
    /// Only steps on or before this employer-zone date.
    pub to: Option<Date>,
    /// Only steps that start at or after this instant (`--upcoming`).
    pub upcoming_from: Option<Timestamp>,
}

/// The plan as text, the input's warnings, and what `holidays: [auto]`
/// chose for each zone (`plan -v` shows them).
#[derive(Debug)]
pub struct Planned {
    pub text: String,
    pub warnings: Vec<Diagnostic>,
    pub holiday_notes: Vec<String>,
}

/// The plan of the input `name` (its `bytes` given); holiday files are
/// read beside it.
pub fn plan(name: &str, bytes: &[u8], query: &Query) -> Result<Planned, Failure> {
    let holidays = FileHolidays::beside(name);
    let mut loaded = load(name, bytes, &holidays).map_err(|f| Failure::Invalid(f.diagnostics))?;
    view::narrow(&loaded.model, &mut loaded.steps, query.from, query.to);
    if let Some(now) = query.upcoming_from {
        view::upcoming(&mut loaded.steps, now);
    }
    view::sort(&loaded.model, &mut loaded.steps);
    let text = match query.format {
        Format::Json => view::to_json(&loaded.model, &loaded.steps),
        Format::Table => view::to_table(&loaded.model, &loaded.steps),
    };
    Ok(Planned {
        text,
        warnings: loaded.warnings,
        holiday_notes: loaded.model.holiday_notes,
    })
}
