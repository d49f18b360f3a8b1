//! `followup status INPUT ID STATUS [--on DATE] [--deadline DATE]`
//! (SPEC §3, §8): sets `status` and `status_date`.
//!
//! - `waiting` takes no date: `status_date` is left as it is (SPEC §4.1
//!   ignores it while waiting, and it still says when the status last
//!   changed); `--on` with `waiting` is refused.
//! - `offer` with `--deadline` also writes `offer: { received, deadline }`
//!   (received is the `--on` date), or sets the deadline of the `offer`
//!   already there; without it, a note says how to plan the reminder to
//!   decide.
//! - Whatever validation then says (a second `accepted`, an `offer` key
//!   left under `waiting`) refuses the edit with its diagnostics.

use super::super::dates::resolve_date;
use super::session::{Edited, Refused, Session};
use crate::model::Status;
use crate::model::suggest;
use crate::model::yaml::edit::{At, Editor, Fragment};
use jiff::Timestamp;

/// The change to make.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub id: &'a str,
    pub status: &'a str,
    pub on: Option<&'a str>,
    /// The offer's deadline (only with `offer`).
    pub deadline: Option<&'a str>,
}

/// Sets interview `req.id`'s status in the file at `path`.
pub fn status(path: &str, req: &Request<'_>, now: Timestamp) -> Result<Edited, Refused> {
    let Some(status) = Status::parse(req.status.trim()) else {
        return Err(Refused::usage(format!(
            "unknown status \"{}\"\n  = help: {}",
            req.status.escape_debug(),
            suggest::hint(req.status.trim(), &Status::NAMES)
        )));
    };
    if status == Status::Waiting && req.on.is_some() {
        return Err(Refused::usage(
            "`waiting` takes no date\n  = help: drop --on",
        ));
    }
    if status != Status::Offer && req.deadline.is_some() {
        return Err(Refused::usage(format!(
            "--deadline is the deadline of an offer; the status here is {}\n  = help: drop --deadline, or use the status offer",
            status.id()
        )));
    }
    let s = Session::open(path)?;
    let i = s.find(req.id)?;
    let iv = s.interview(i);
    let here = [At::Key("interviews"), At::Index(i)];
    let mut notes = Vec::new();
    let mut e = match Editor::new(s.text()) {
        Ok(e) => e,
        Err(err) => return s.write(Err(err), String::new(), notes),
    };
    let text = |t: String| Fragment::Text(t);
    if status == Status::Waiting {
        if iv.status == Status::Waiting {
            return Ok(Edited {
                summary: format!("{}: status waiting: already so, nothing changed", iv.id),
                notes,
                warnings: Vec::new(),
                written: s.bytes.clone(),
            });
        }
        if let Some(d) = iv.status_date {
            notes.push(format!(
                "status_date: {d} stays as it was (it is not used while waiting)"
            ));
        }
        let r = e.set(&here, "status", &text("waiting".into()), None);
        return s.write(
            r.and_then(|()| e.finish()),
            format!("{}: status waiting", iv.id),
            notes,
        );
    }
    let on = s.on_date(i, req.on, now)?;
    let mut summary = format!("{}: status {} on {on}", iv.id, status.id());
    let mut r = e
        .set(&here, "status", &text(status.id().into()), None)
        .and_then(|()| e.set(&here, "status_date", &text(on.to_string()), Some("status")));
    if status == Status::Offer {
        let today = iv.zone.at(now).date();
        match req.deadline {
            Some(d) => {
                let deadline = resolve_date(d, today)
                    .map_err(|err| Refused::usage(format!("--deadline {err}")))?;
                summary.push_str(&format!(", deadline {deadline}"));
                r = r.and_then(|()| match iv.offer {
                    Some(_) => {
                        let offer = [here[0], here[1], At::Key("offer")];
                        e.set(&offer, "deadline", &text(deadline.to_string()), Some("received"))
                    }
                    None => e.set(
                        &here,
                        "offer",
                        &Fragment::map_of_text([
                            ("received", on.to_string()),
                            ("deadline", deadline.to_string()),
                        ]),
                        Some("status_date"),
                    ),
                });
            }
            None if iv.offer.is_none() => notes.push(format!(
                "to be reminded before the offer's deadline, add `offer: {{ received: {on}, deadline: YYYY-MM-DD }}` to {} (or run this again with --deadline DATE)",
                iv.id
            )),
            None => {}
        }
    }
    s.write(r.and_then(|()| e.finish()), summary, notes)
}
