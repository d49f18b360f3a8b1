//! `check` (SPEC §2): validate an input and plan it, writing nothing.

use super::failure::Failure;
use crate::error::Diagnostic;
use crate::io::holidays::FileHolidays;
use crate::pipeline::load::load;

/// A valid input, counted.
#[derive(Debug)]
pub struct Checked {
    pub interviews: usize,
    pub steps: usize,
    /// Warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
}

/// Checks the input `name` (its `bytes` given); holiday files are read
/// beside it.
pub fn check(name: &str, bytes: &[u8]) -> Result<Checked, Failure> {
    let holidays = FileHolidays::beside(name);
    let loaded = load(name, bytes, &holidays).map_err(|f| Failure::Invalid(f.diagnostics))?;
    Ok(Checked {
        interviews: loaded.model.interviews.len(),
        steps: loaded.steps.len(),
        warnings: loaded.warnings,
    })
}
