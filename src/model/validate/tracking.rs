//! What happened (SPEC §8): the `done` entries and `heard_back`.
//!
//! Checked here: each entry's shape, a `step` that is a step id and not
//! the interview (a meeting is not carried out), a `to` that names one of
//! the interview's interviewers, dates in 1970-2200 and not before the
//! interview's date. Which step an entry marks (and an entry that marks
//! none, or a step marked twice) needs the plan, so the policy decides
//! that, with the position kept in each [`Done`].

use super::keys::DONE_KEYS;
use super::validator::{Validator, find, quote};
use crate::error::FieldPath;
use crate::model::kinds::StepKind;
use crate::model::suggest;
use crate::model::types::{Done, Interviewer};
use crate::model::yaml::{Key, Node, Span};
use jiff::civil::Date;

/// A `done` entry read, before the interview's date and people are known.
pub(super) struct Pending {
    done: Done,
    on_span: Span,
    to_span: Option<Span>,
}

/// What happened, read before the interview's date is known.
#[derive(Default)]
pub(super) struct Tracking {
    done: Vec<Pending>,
    heard_back: Option<(Date, Span)>,
}

impl Validator<'_> {
    /// Reads `done` and `heard_back` of the interview mapping `m`.
    pub(super) fn tracking(&mut self, m: &[(Key, Node)], path: &FieldPath) -> Tracking {
        let mut t = Tracking::default();
        if let Some(n) = find(m, "done") {
            t.done = self.done_list(n, &path.key("done"));
        }
        if let Some(n) = find(m, "heard_back") {
            let p = path.key("heard_back");
            t.heard_back = self.recent_date(n, &p).map(|d| (d, n.span()));
        }
        t
    }

    fn done_list(&mut self, node: &Node, path: &FieldPath) -> Vec<Pending> {
        let Some(items) = self.list(node, path, "[{ step: thank-you, on: 2026-11-18 }]") else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            let Some(m) = self.map(item, &p, DONE_KEYS, "a `done` entry") else {
                continue;
            };
            let step = self
                .required(m, "step", item, &p, "say which step: `step: thank-you`")
                .and_then(|n| self.done_step(n, &p.key("step")).map(|k| (k, n.span())));
            let to_node = find(m, "to");
            let to = self.opt_text(m, "to", &p);
            let on = self
                .required(
                    m,
                    "on",
                    item,
                    &p,
                    "add `on: YYYY-MM-DD`, the day you did it (employer's date)",
                )
                .and_then(|n| self.recent_date(n, &p.key("on")).map(|d| (d, n.span())));
            if let (Some((step, span)), Some((on, on_span))) = (step, on) {
                out.push(Pending {
                    done: Done {
                        step,
                        to,
                        on,
                        span,
                        index: i,
                    },
                    on_span,
                    to_span: to_node.map(Node::span),
                });
            }
        }
        out
    }

    /// A step id that a `done` entry may name.
    fn done_step(&mut self, node: &Node, path: &FieldPath) -> Option<StepKind> {
        let t = self.text(node, path)?;
        match StepKind::parse(t.trim()) {
            Some(k) if k.can_be_done() => Some(k),
            Some(_) => {
                self.error(
                    path,
                    node.span(),
                    "the interview itself cannot be marked done: it is a meeting, not a message"
                        .to_string(),
                    "mark the steps that follow it, e.g. `step: thank-you`",
                );
                None
            }
            None => {
                let ids: Vec<&str> = StepKind::ALL
                    .into_iter()
                    .filter(|k| k.can_be_done())
                    .map(StepKind::id)
                    .collect();
                self.error(
                    path,
                    node.span(),
                    format!("unknown step {}", quote(&t)),
                    suggest::hint(&t, &ids),
                );
                None
            }
        }
    }

    /// The `done` entries and `heard_back` of an interview on `date` with
    /// these `interviewers`: dates not before the interview's, each `to`
    /// naming someone.
    pub(super) fn resolve_tracking(
        &mut self,
        t: Tracking,
        date: Date,
        interviewers: &[Interviewer],
        path: &FieldPath,
    ) -> (Vec<Done>, Option<Date>) {
        let mut done = Vec::with_capacity(t.done.len());
        for pending in t.done {
            let p = path.key("done").index(pending.done.index);
            let mut ok = true;
            if pending.done.on < date {
                ok = false;
                self.error(
                    &p.key("on"),
                    pending.on_span,
                    format!(
                        "{} is before the interview ({date})",
                        quote(&pending.done.on.to_string())
                    ),
                    "`on` is the day you did it, in the employer's zone: the interview's date or later",
                );
            }
            if let (Some(to), Some(span)) = (&pending.done.to, pending.to_span)
                && !interviewers.iter().any(|i| same_name(&i.name, to))
            {
                ok = false;
                self.error(
                    &p.key("to"),
                    span,
                    format!("{} is not one of this interview's interviewers", quote(to)),
                    names_hint(to, interviewers),
                );
            }
            if ok {
                done.push(pending.done);
            }
        }
        let heard_back = match t.heard_back {
            Some((d, span)) if d < date => {
                self.error(
                    &path.key("heard_back"),
                    span,
                    format!("{} is before the interview ({date})", quote(&d.to_string())),
                    "`heard_back` is the day they replied: the interview's date or later",
                );
                None
            }
            other => other.map(|(d, _)| d),
        };
        (done, heard_back)
    }
}

/// SPEC §8 reading: `to` names an interviewer when the two are equal after
/// trimming, ignoring case.
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// "did you mean …?", else the names there are, else how to fix a list
/// with nobody in it.
fn names_hint(wrong: &str, interviewers: &[Interviewer]) -> String {
    if interviewers.is_empty() {
        return "this interview lists no `interviewers`: drop `to`, or add them".to_string();
    }
    let names: Vec<&str> = interviewers.iter().map(|i| i.name.trim()).collect();
    match suggest::closest(wrong.trim(), names.iter().copied()) {
        Some(c) => format!("did you mean \"{c}\"?"),
        None => format!("the interviewers are: {}", names.join(", ")),
    }
}
