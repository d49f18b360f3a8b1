//! `due` (SPEC §8): each morning's list over one or more inputs: what is
//! overdue, what is due today, what comes in the next days.
//!
//! Every input is loaded (holiday files beside it); if any is invalid,
//! nothing is listed and each failure comes back with its input's index,
//! so the face can show it with its own source lines. Something overdue
//! is information, not a failure.

use super::failure::Failure;
use crate::error::Diagnostic;
use crate::io::holidays::FileHolidays;
use crate::pipeline::due::{self, Input};
use crate::pipeline::load::{Loaded, load};
use jiff::Timestamp;

pub use super::Format;

/// What to list.
#[derive(Debug, Clone, Copy)]
pub struct Query {
    pub format: Format,
    /// Days after today that "upcoming" covers.
    pub days: u32,
    pub now: Timestamp,
}

/// The lists as text, and each input's warnings.
#[derive(Debug)]
pub struct Listed {
    pub text: String,
    /// Per input, in the order given.
    pub warnings: Vec<Vec<Diagnostic>>,
}

/// The due lists of `inputs` (name and bytes each). `Err`: every input
/// that failed, by index.
pub fn due(inputs: &[(&str, &[u8])], query: &Query) -> Result<Listed, Vec<(usize, Failure)>> {
    let mut loaded: Vec<Loaded> = Vec::with_capacity(inputs.len());
    let mut failed = Vec::new();
    for (i, (name, bytes)) in inputs.iter().enumerate() {
        let holidays = FileHolidays::beside(name);
        match load(name, bytes, &holidays) {
            Ok(l) => loaded.push(l),
            Err(f) => failed.push((i, Failure::Invalid(f.diagnostics))),
        }
    }
    if !failed.is_empty() {
        return Err(failed);
    }
    let views: Vec<Input<'_>> = inputs
        .iter()
        .zip(&loaded)
        .map(|((name, _), l)| Input {
            name,
            model: &l.model,
            steps: &l.steps,
        })
        .collect();
    let lists = due::classify(&views, query.now, query.days)
        .map_err(|d| vec![(0, Failure::Invalid(vec![d]))])?;
    let text = match query.format {
        Format::Json => due::to_json(&views, &lists),
        Format::Table => due::to_table(&views, &lists, query.now, query.days),
    };
    Ok(Listed {
        text,
        warnings: loaded.into_iter().map(|l| l.warnings).collect(),
    })
}
