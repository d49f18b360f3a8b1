//! Text → model → steps for one input, gathering every diagnostic: the
//! first half of every face's work (`check` and `plan` stop here).
//!
//! The bytes come in with the file's display name; holiday files come in
//! through a [`HolidaySource`]. Nothing here reads a file.

use crate::error::Diagnostic;
use crate::model::Model;
use crate::model::validate::{HolidaySource, validate};
use crate::model::yaml;
use crate::policy::{self, Step};

/// A validated input and its planned steps.
pub struct Loaded {
    pub model: Model,
    pub steps: Vec<Step>,
    pub warnings: Vec<Diagnostic>,
}

/// Everything wrong with one input, each diagnostic already carrying the
/// file name.
pub struct Failed {
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses, validates and plans one input. `name` is how diagnostics name
/// the file.
pub fn load(name: &str, bytes: &[u8], holidays: &dyn HolidaySource) -> Result<Loaded, Failed> {
    let fail = |d: Vec<Diagnostic>| Failed {
        diagnostics: d.into_iter().map(|d| d.in_file(name)).collect(),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            return Err(fail(vec![
                Diagnostic::error(
                    "",
                    Some(position_of(bytes, at)),
                    format!(
                        "the file is not UTF-8 text (invalid byte 0x{:02X} at offset {at})",
                        bytes.get(at).copied().unwrap_or(0)
                    ),
                )
                .with_hint("save the YAML as UTF-8; is this the right file?"),
            ]));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = match yaml::parse_parallel(text) {
        Ok(r) => r,
        Err(e) => {
            let pos = (e.pos.line > 0).then_some(e.pos);
            return Err(fail(vec![
                Diagnostic::error(e.path, pos, format!("malformed YAML: {}", e.message))
                    .with_hint("check indentation, colons and brackets near this line"),
            ]));
        }
    };
    // The tree goes in whole and is dropped piece by piece as the model
    // is built: both are several times the input's size (SPEC §11).
    let (model, mut diags) = validate(root, holidays);
    let Some(model) = model else {
        return Err(fail(diags));
    };
    let (steps, warnings) = policy::plan(&model).map_err(fail)?;
    diags.extend(warnings);
    Ok(Loaded {
        model,
        steps,
        warnings: diags.into_iter().map(|d| d.in_file(name)).collect(),
    })
}

/// Line and column (1-based, in characters) of byte `at`, for bytes that
/// are valid UTF-8 up to `at`.
fn position_of(bytes: &[u8], at: usize) -> crate::model::yaml::Pos {
    let before = std::str::from_utf8(&bytes[..at.min(bytes.len())]).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    crate::model::yaml::Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}
