//! `followup done INPUT ID STEP [--to NAME] [--on DATE]` (SPEC §8): adds
//! `{ step, to, on }` to the interview's `done` list, creating the list
//! when there is none.
//!
//! Refused before any edit: an unknown id (the nearest ids), a step that
//! is not a step id or that this interview does not have (the steps it
//! has, with their dates), `--to` naming nobody (the names), `--to` with a
//! step other than `thank-you` (SPEC §8 matches `to` on thank-yous only).
//! Whatever the policy then makes of the entry (a step marked twice, a
//! date before the interview) comes out of validating the edited file,
//! which is refused whole.

use super::session::{Edited, Refused, Session};
use crate::model::kinds::StepKind;
use crate::model::suggest;
use crate::model::validate::same_name;
use crate::model::yaml::edit::{At, Editor, Fragment};
use crate::policy::{Step, StepStatus};
use jiff::Timestamp;

/// What to record.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub id: &'a str,
    pub step: &'a str,
    pub to: Option<&'a str>,
    /// `--on`: a date or `today`, `+1d`, …; `None`: today.
    pub on: Option<&'a str>,
}

/// Records `req` in the file at `path`.
pub fn done(path: &str, req: &Request<'_>, now: Timestamp) -> Result<Edited, Refused> {
    let s = Session::open(path)?;
    let i = s.find(req.id)?;
    let iv = s.interview(i);
    let mut steps: Vec<&Step> = s
        .loaded
        .steps
        .iter()
        .filter(|st| st.interview == i && st.kind.can_be_done())
        .collect();
    steps.sort_by_key(|st| (st.start, st.kind));
    let kind = step_kind(req.step, &s, i, &steps)?;
    let to = match req.to {
        None => None,
        Some(_) if kind != StepKind::ThankYou => {
            return Err(Refused::usage(format!(
                "--to names the recipient of a thank-you; {} goes to one person already\n  = help: drop --to",
                kind.id()
            )));
        }
        Some(name) => match iv.interviewers.iter().find(|p| same_name(&p.name, name)) {
            Some(p) => Some(p.name.trim().to_string()),
            None => {
                let names: Vec<&str> = iv.interviewers.iter().map(|p| p.name.trim()).collect();
                let hint = match suggest::closest(name.trim(), names.iter().copied()) {
                    Some(c) => format!(
                        "did you mean \"{c}\"? The interviewers are: {}",
                        names.join(", ")
                    ),
                    None if names.is_empty() => {
                        format!("{} lists no interviewers: drop --to", iv.id)
                    }
                    None => format!("the interviewers are: {}", names.join(", ")),
                };
                return Err(Refused::usage(format!(
                    "\"{}\" is not one of {}'s interviewers\n  = help: {hint}",
                    name.escape_debug(),
                    iv.id
                )));
            }
        },
    };
    let on = s.on_date(i, req.on, now)?;
    let summary = format!(
        "{}: done {}{} on {on}",
        iv.id,
        kind.id(),
        to.as_deref()
            .map(|t| format!(" to {t}"))
            .unwrap_or_default()
    );
    let already = iv.done.iter().any(|d| {
        d.step == kind
            && d.on == on
            && match (&d.to, &to) {
                (None, None) => true,
                (Some(a), Some(b)) => same_name(a, b),
                _ => false,
            }
    });
    if already {
        return Ok(Edited {
            summary: format!("{summary}: already recorded, nothing changed"),
            notes: Vec::new(),
            warnings: Vec::new(),
            written: s.bytes.clone(),
        });
    }
    let mut entry = vec![("step", kind.id().to_string())];
    if let Some(t) = &to {
        entry.push(("to", t.clone()));
    }
    entry.push(("on", on.to_string()));
    let edited = Editor::new(s.text()).and_then(|mut e| {
        e.push(
            &[At::Key("interviews"), At::Index(i)],
            "done",
            &Fragment::map_of_text(entry),
        )?;
        e.finish()
    });
    s.write(edited, summary, Vec::new())
}

/// The step kind `text` names, if this interview has such a step.
fn step_kind(text: &str, s: &Session<'_>, i: usize, steps: &[&Step]) -> Result<StepKind, Refused> {
    let iv = s.interview(i);
    let has = describe(s, steps);
    let kind = StepKind::parse(text.trim());
    match kind {
        Some(k) if steps.iter().any(|st| st.kind == k) => Ok(k),
        Some(StepKind::Interview) => Err(Refused::usage(format!(
            "the interview itself cannot be marked done: it is a meeting, not a message\n  = help: {} has {has}",
            iv.id
        ))),
        Some(k) => Err(Refused::usage(format!(
            "{} has no {} step\n  = help: it has {has}",
            iv.id,
            k.id()
        ))),
        None => {
            let ids: Vec<&str> = {
                let mut v: Vec<&str> = steps.iter().map(|st| st.kind.id()).collect();
                v.dedup();
                v
            };
            let guess = suggest::closest(text.trim(), ids.iter().copied())
                .map(|c| format!("did you mean \"{c}\"? "))
                .unwrap_or_default();
            Err(Refused::usage(format!(
                "\"{}\" is not a step\n  = help: {guess}{} has {has}",
                text.escape_debug(),
                iv.id
            )))
        }
    }
}

/// `thank-you to Mark Lee (2026-11-18), check-in (2026-12-09, done), …`:
/// the steps of an interview that can be marked done, with their dates.
fn describe(s: &Session<'_>, steps: &[&Step]) -> String {
    if steps.is_empty() {
        return "no step to mark done".to_string();
    }
    let parts: Vec<String> = steps
        .iter()
        .map(|st| {
            let iv = s.interview(st.interview);
            // Only thank-yous are told apart by recipient (`--to`).
            let to = st
                .recipient
                .filter(|_| st.kind == StepKind::ThankYou)
                .and_then(|r| iv.interviewers.get(r))
                .map(|p| format!(" to {}", p.name.trim()))
                .unwrap_or_default();
            let date = iv.zone.at(st.start).date();
            let state = match st.status {
                StepStatus::Planned => String::new(),
                StepStatus::Cancelled => ", cancelled".to_string(),
                StepStatus::Done(d) => format!(", done {d}"),
            };
            format!("{}{to} ({date}{state})", st.kind.id())
        })
        .collect();
    parts.join(", ")
}
