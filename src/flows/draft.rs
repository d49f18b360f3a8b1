//! `draft` (SPEC §9): the drafted messages of an input, printed in plan
//! order or written as `.eml` files a mail program opens as drafts.
//!
//! `ID`, `STEP` and `--to` narrow what is drafted; each must name
//! something the input has (an interview id, a step kind, an
//! interviewer), else it is refused with the closest match. Without a
//! STEP, only steps still planned are drafted; naming the step (with its
//! interview) drafts it whatever its status, marked done or cancelled.
//! `.eml` files are written one per email draft, each atomically through
//! `io`, into a folder made if missing.

use std::path::{Path, PathBuf};

use super::failure::Failure;
use crate::error::{Diagnostic, Exit};
use crate::io;
use crate::io::holidays::FileHolidays;
use crate::model::kinds::StepKind;
use crate::model::suggest;
use crate::notes::Notes;
use crate::pipeline::drafts::{self, Drafted};
use crate::pipeline::load::load;
use crate::pipeline::view;
use crate::policy::{Step, StepStatus};

/// How the drafts come out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text on standard output (To, Subject, message).
    Text,
    /// One RFC 5322 `.eml` file per email draft, in a folder.
    Eml,
}

/// What to draft, and how.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Only this interview.
    pub id: Option<&'a str>,
    /// Only this step kind (`thank-you`, `check-in`, …).
    pub step: Option<&'a str>,
    /// Only steps to this interviewer (compared trimmed, ignoring case).
    pub to: Option<&'a str>,
    pub format: Format,
    /// Where `.eml` files go (required with [`Format::Eml`]).
    pub out_dir: Option<&'a Path>,
}

/// What a draft run gives.
#[derive(Debug)]
pub struct Outcome {
    /// The drafts as text ([`Format::Text`]); empty otherwise.
    pub text: String,
    /// The `.eml` files written ([`Format::Eml`]).
    pub written: Vec<PathBuf>,
    /// Drafts that are not emails (calls, letters) and so have no file.
    pub not_email: usize,
    /// Nothing matched the request.
    pub nothing: bool,
    /// Warnings, each naming the file.
    pub warnings: Vec<Diagnostic>,
}

/// Drafts the messages of the input `name` (its `bytes` given); holiday
/// files are read beside it.
pub fn draft(name: &str, bytes: &[u8], req: &Request<'_>) -> Result<Outcome, Failure> {
    let holidays = FileHolidays::beside(name);
    let mut loaded = load(name, bytes, &holidays).map_err(|f| Failure::Invalid(f.diagnostics))?;
    let model = &loaded.model;
    let usage = |msg: String| Failure::Message(Exit::Usage, msg);

    // Each filter must name something the input has.
    let interview = match req.id {
        Some(id) => {
            let ids: Vec<&str> = model.interviews.iter().map(|iv| iv.id.as_str()).collect();
            match model.interviews.iter().position(|iv| iv.id == id) {
                Some(i) => Some(i),
                None => {
                    return Err(usage(format!(
                        "{name} has no interview with the id \"{id}\"\n  = help: {}",
                        suggest::hint(id, &ids)
                    )));
                }
            }
        }
        None => None,
    };
    let kind = match req.step {
        Some(step) => match StepKind::parse(step) {
            Some(k) if k != StepKind::Interview => Some(k),
            Some(_) => {
                return Err(usage(
                    "the interview is a meeting and has no message to draft\n  = help: name a step such as thank-you, check-in or follow-up".to_string(),
                ));
            }
            None => {
                let kinds: Vec<&str> = StepKind::ALL
                    .iter()
                    .filter(|k| **k != StepKind::Interview)
                    .map(|k| k.id())
                    .collect();
                return Err(usage(format!(
                    "\"{step}\" is not a step\n  = help: {}",
                    suggest::hint(step, &kinds)
                )));
            }
        },
        None => None,
    };
    let to = match req.to {
        Some(to) => {
            let names: Vec<&str> = model
                .interviews
                .iter()
                .enumerate()
                .filter(|(i, _)| interview.is_none_or(|w| w == *i))
                .flat_map(|(_, iv)| iv.interviewers.iter().map(|p| p.name.as_str()))
                .collect();
            let wanted = to.trim();
            if !names.iter().any(|n| n.trim().eq_ignore_ascii_case(wanted)) {
                let within = match req.id {
                    Some(id) => format!("interview \"{id}\""),
                    None => name.to_string(),
                };
                return Err(usage(if names.is_empty() {
                    format!("{within} lists no interviewers, so nothing goes to \"{to}\"")
                } else {
                    format!(
                        "{within} has no interviewer named \"{to}\"\n  = help: {}",
                        suggest::hint(wanted, &names)
                    )
                }));
            }
            Some(wanted)
        }
        None => None,
    };

    view::sort(model, &mut loaded.steps);
    // Naming the interview and the step drafts it whatever its status.
    let any_status = interview.is_some() && kind.is_some();
    let keep = |s: &Step| {
        interview.is_none_or(|i| s.interview == i)
            && kind.is_none_or(|k| s.kind == k)
            && to.is_none_or(|to| {
                s.recipient
                    .and_then(|r| model.interviews[s.interview].interviewers.get(r))
                    .is_some_and(|p| p.name.trim().eq_ignore_ascii_case(to))
            })
            && (any_status || s.status == StepStatus::Planned)
    };
    let notes = Notes::new();
    let drafted = drafts::drafts(model, &loaded.steps, &notes, &keep)
        .map_err(|d| Failure::Invalid(vec![d.in_file(name)]))?;
    let mut warnings = loaded.warnings;
    warnings.extend(
        crate::pipeline::facts::warnings(model)
            .into_iter()
            .map(|d| d.in_file(name)),
    );
    let nothing = drafted.is_empty();
    match req.format {
        Format::Text => Ok(Outcome {
            text: drafts::to_text(&drafted),
            written: Vec::new(),
            not_email: 0,
            nothing,
            warnings,
        }),
        Format::Eml => {
            let dir = req.out_dir.ok_or_else(|| {
                usage("--format eml writes files: give the folder with --out-dir DIR".to_string())
            })?;
            let (emails, others): (Vec<&Drafted>, Vec<&Drafted>) =
                drafted.iter().partition(|d| d.is_email());
            let owned: Vec<Drafted> = emails.iter().map(|d| (*d).clone()).collect();
            let names = drafts::file_names(&owned);
            let mut written = Vec::with_capacity(owned.len());
            for (d, file) in owned.iter().zip(names) {
                let path = dir.join(file);
                io::create_folder_for(&path)?;
                io::write_atomic(&path, &drafts::eml(model, d, false))?;
                written.push(path);
            }
            Ok(Outcome {
                text: String::new(),
                written,
                not_email: others.len(),
                nothing,
                warnings,
            })
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    const INPUT: &str = "\
candidate: { name: Beth Carter, email: beth@example.com }
interviews:
  - id: acme-ae
    company: Acme Corp
    role: Account Executive
    start: 2026-11-17T14:00
    timezone: America/New_York
    interviewers:
      - { name: Mark Lee, email: mark@acme.example }
      - { name: Zoë Ng }
    topics: [the Q3 pipeline]
  - id: globex
    company: Globex
    role: Analyst
    start: 2026-11-18T10:00
    timezone: Europe/Berlin
    contact: phone
    language: de
    interviewers: [Jonas Weber]
";

    fn req(format: Format) -> Request<'static> {
        Request {
            id: None,
            step: None,
            to: None,
            format,
            out_dir: None,
        }
    }

    #[track_caller]
    fn refused(r: Request<'_>, want: &str) {
        match draft("in.yaml", INPUT.as_bytes(), &r) {
            Err(Failure::Message(Exit::Usage, msg)) => assert!(msg.contains(want), "{msg}"),
            other => panic!("expected a refusal with {want:?}, got {other:?}"),
        }
    }

    #[test]
    fn unknown_filters_are_refused_with_suggestions() {
        let mut r = req(Format::Text);
        r.id = Some("acme");
        refused(r, "did you mean \"acme-ae\"?");
        let mut r = req(Format::Text);
        r.step = Some("thankyou");
        refused(r, "did you mean \"thank-you\"?");
        let mut r = req(Format::Text);
        r.to = Some("Mark Le");
        refused(r, "did you mean \"Mark Lee\"?");
        let mut r = req(Format::Text);
        r.step = Some("interview");
        refused(r, "meeting");
        let mut r = req(Format::Eml);
        r.id = Some("acme-ae");
        refused(r, "--out-dir");
    }

    #[test]
    fn text_in_plan_order() {
        let out = draft("in.yaml", INPUT.as_bytes(), &req(Format::Text)).unwrap();
        let headings: Vec<&str> = out.text.lines().filter(|l| l.starts_with("== ")).collect();
        // Plan order (SPEC §6: by start in UTC): Globex's thank-you at 13:00
        // in Berlin (12:00 UTC) comes before Acme's at 09:00 in New York
        // (14:00 UTC), though its local time is later.
        let order: Vec<String> = headings
            .iter()
            .map(|h| {
                h.trim_start_matches("== ")
                    .split(" · ")
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            order,
            [
                "globex thank-you",
                "acme-ae thank-you",
                "acme-ae thank-you",
                "globex check-in",
                "acme-ae check-in",
                "globex follow-up",
                "acme-ae follow-up",
                "globex move-on",
                "acme-ae move-on",
            ],
            "{headings:?}"
        );
        assert!(
            out.text
                .contains("To: Mark Lee <mark@acme.example>\nSubject: "),
            "{}",
            out.text
        );
        assert!(
            out.text.contains("To: Jonas Weber (by phone)"),
            "{}",
            out.text
        );
        let mut r = req(Format::Text);
        r.id = Some("acme-ae");
        r.step = Some("thank-you");
        r.to = Some(" zoë ng ");
        let out = draft("in.yaml", INPUT.as_bytes(), &r).unwrap();
        assert_eq!(out.text.matches("== ").count(), 1, "{}", out.text);
        assert!(out.text.contains("To: Zoë Ng\n"), "{}", out.text);
    }

    #[test]
    fn eml_files_for_email_drafts_only() {
        let dir = std::env::temp_dir().join(format!("followup-draft-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut r = req(Format::Eml);
        r.out_dir = Some(&dir);
        let out = draft("in.yaml", INPUT.as_bytes(), &r).unwrap();
        let names: Vec<String> = out
            .written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.contains(&"acme-ae-thank-you-mark-lee.eml".to_string()),
            "{names:?}"
        );
        assert!(
            names.contains(&"acme-ae-thank-you-zoe-ng.eml".to_string()),
            "{names:?}"
        );
        // Globex prefers the phone: its thank-you is an email, its nudges calls.
        assert!(
            names.contains(&"globex-thank-you-jonas-weber.eml".to_string()),
            "{names:?}"
        );
        assert!(
            !names.iter().any(|n| n.starts_with("globex-check-in")),
            "{names:?}"
        );
        assert!(out.not_email > 0);
        let eml = std::fs::read_to_string(dir.join("acme-ae-thank-you-mark-lee.eml")).unwrap();
        assert!(eml.contains("\r\nX-Unsent: 1\r\n"), "{eml}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
