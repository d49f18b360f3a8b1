//! `followup heard INPUT ID [--on DATE]` (SPEC §8): sets the interview's
//! `heard_back` (they replied without a decision), so the nudges restart
//! after that date. An earlier `heard_back` is replaced: the latest reply
//! is the one the nudges count from.

use super::session::{Edited, Refused, Session};
use crate::model::yaml::edit::{At, Editor, Fragment};
use jiff::Timestamp;

/// Records that interview `id` replied on `on` (else today).
pub fn heard(path: &str, id: &str, on: Option<&str>, now: Timestamp) -> Result<Edited, Refused> {
    let s = Session::open(path)?;
    let i = s.find(id)?;
    let iv = s.interview(i);
    let on = s.on_date(i, on, now)?;
    let summary = format!("{}: heard back on {on}", iv.id);
    let mut notes = Vec::new();
    match iv.heard_back {
        Some(d) if d == on => {
            return Ok(Edited {
                summary: format!("{summary}: already recorded, nothing changed"),
                notes,
                warnings: Vec::new(),
                written: s.bytes.clone(),
            });
        }
        Some(d) => notes.push(format!("it replaced heard_back: {d}")),
        None => {}
    }
    let edited = Editor::new(s.text()).and_then(|mut e| {
        e.set(
            &[At::Key("interviews"), At::Index(i)],
            "heard_back",
            &Fragment::text(on.to_string()),
            None,
        )?;
        e.finish()
    });
    s.write(edited, summary, notes)
}
