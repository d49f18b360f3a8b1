//! `plan` (SPEC §2, §6): every step of an input, as the agenda or the
//! stable JSON, narrowed by dates (`today`, `+3d` … resolved in the
//! candidate's zone, else UTC: SPEC §8) or to what is still ahead; and how
//! many steps are overdue, so hiding the past never hides what was missed.

use super::dates::{self, DateArg};
use super::failure::Failure;
use crate::error::{Diagnostic, Exit};
use crate::io::holidays::FileHolidays;
use crate::pipeline::load::load;
use crate::pipeline::{due, view};
use jiff::Timestamp;

/// How the plan is shown: the agenda by day (`view::to_table`) or SPEC
/// §6's JSON (`view::to_json`).
pub use super::Format;

/// Which steps, shown how.
#[derive(Debug, Clone, Copy)]
pub struct Query {
    pub format: Format,
    /// Only steps on or after this employer-zone date.
    pub from: Option<DateArg>,
    /// Only steps on or before this employer-zone date.
    pub to: Option<DateArg>,
    /// Only steps that start at or after `now` (`--upcoming`).
    pub upcoming: bool,
    /// "Now": resolves `today`-style dates and `--upcoming`.
    pub now: Timestamp,
}

/// The plan as text, the input's warnings, what `holidays: [auto]` chose
/// for each zone (`plan -v` shows them), and how many steps are overdue
/// at "now" (SPEC §8), whether shown or not.
#[derive(Debug)]
pub struct Planned {
    pub text: String,
    pub warnings: Vec<Diagnostic>,
    pub holiday_notes: Vec<String>,
    pub overdue: usize,
}

/// The plan of the input `name` (its `bytes` given); holiday files are
/// read beside it.
pub fn plan(name: &str, bytes: &[u8], query: &Query) -> Result<Planned, Failure> {
    let holidays = FileHolidays::beside(name);
    let mut loaded = load(name, bytes, &holidays).map_err(|f| Failure::Invalid(f.diagnostics))?;
    let today = dates::today(
        query.now,
        loaded.model.candidate.zone.as_ref().map(|z| &z.tz),
    );
    let resolve = |flag: &str, arg: Option<DateArg>| {
        arg.map(|a| a.resolve(today))
            .transpose()
            .map_err(|e| Failure::Message(Exit::Usage, format!("--{flag}: {e}")))
    };
    let (from, to) = (resolve("from", query.from)?, resolve("to", query.to)?);
    let overdue = loaded
        .steps
        .iter()
        .filter(|s| due::is_overdue(s, query.now))
        .count();
    view::narrow(&loaded.model, &mut loaded.steps, from, to);
    if query.upcoming {
        view::upcoming(&mut loaded.steps, query.now);
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
        overdue,
    })
}

/// The line `plan --upcoming` prints on stderr when it hides overdue
/// steps: "note: 2 steps are overdue: followup due interviews.yaml".
pub fn overdue_note(count: usize, input: &str) -> String {
    let (n, verb) = if count == 1 {
        ("1 step".to_string(), "is")
    } else {
        (format!("{count} steps"), "are")
    };
    format!(
        "note: {n} {verb} overdue: followup due {}",
        shell_word(input)
    )
}

/// A path as a shell would need it typed: quoted when it holds anything
/// but letters, digits and `/._-+:,@%`.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:,@%".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overdue_note_names_the_command() {
        assert_eq!(
            overdue_note(1, "interviews.yaml"),
            "note: 1 step is overdue: followup due interviews.yaml"
        );
        assert_eq!(
            overdue_note(3, "my files/job's.yaml"),
            "note: 3 steps are overdue: followup due 'my files/job'\\''s.yaml'"
        );
    }
}
