//! Inputs to results: text → model → steps, gathering every diagnostic.
//!
//! The CLI reads the bytes and hands them in with the file's display name;
//! this module never touches the filesystem itself (holiday files come in
//! through a [`HolidaySource`]).

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
            return Err(fail(vec![
                Diagnostic::error(
                    "",
                    None,
                    format!(
                        "the file is not UTF-8 text (invalid byte at offset {})",
                        e.valid_up_to()
                    ),
                )
                .with_hint("save the YAML as UTF-8; is this the right file?"),
            ]));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = match yaml::parse(text) {
        Ok(r) => r,
        Err(e) => {
            let pos = (e.pos.line > 0).then_some(e.pos);
            return Err(fail(vec![
                Diagnostic::error("", pos, format!("malformed YAML: {}", e.message))
                    .with_hint("check indentation, colons and brackets near this line"),
            ]));
        }
    };
    let (model, mut diags) = validate(root.as_ref(), holidays);
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

/// A finished calendar for one input.
pub struct Calendar {
    pub bytes: Vec<u8>,
    pub events: usize,
    /// Input warnings and writer warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
}

/// One input's bytes → the calendar's bytes: load, plan, draft the notes,
/// write. The single path `build`, batch builds and `serve` share.
///
/// `notes` is built once by the caller and shared (it holds the compiled
/// templates).
pub fn calendar(
    name: &str,
    bytes: &[u8],
    holidays: &dyn HolidaySource,
    notes: &crate::notes::Notes,
    opts: &crate::export::Options,
) -> Result<Calendar, Failed> {
    let mut loaded = load(name, bytes, holidays)?;
    crate::plan::sort(&loaded.model, &mut loaded.steps);
    let built =
        crate::export::build(&loaded.model, &loaded.steps, notes, opts).map_err(|d| Failed {
            diagnostics: vec![d.in_file(name)],
        })?;
    let mut warnings = loaded.warnings;
    warnings.extend(built.warnings.iter().map(|d| d.clone().in_file(name)));
    let mut out = Vec::with_capacity(loaded.steps.len() * 2048);
    built.write(&mut out);
    Ok(Calendar {
        bytes: out,
        events: built.events.len(),
        warnings,
    })
}
