//! The drafted messages on their own, outside the calendar (SPEC §9
//! `draft`, §10 `push --imap`): as plain text in plan order, and each
//! email as an RFC 5322 message with a stable file name and key.
//!
//! [`drafts`] drafts every step but the interview (a meeting has no
//! message), each with what tells it apart: its interview, step, recipient
//! and, for an offer decision, which of its two drafts. [`to_text`] prints
//! them; [`eml`] writes one as a message through `notes::eml`;
//! [`file_name`] names its file; [`email_drafts`] gives every planned
//! email's message with its key, for the IMAP client, which finds its
//! drafts by the `X-Followup-Key` header field.
//!
//! Pure: no I/O.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Zoned;

use super::facts::FactsSource;
use crate::error::Diagnostic;
use crate::model::Model;
use crate::model::kinds::{Channel, StepKind};
use crate::notes::eml::{self, Header, Mailbox};
use crate::notes::{Note, Notes, Shared};
use crate::policy::{Step, StepStatus};

/// One drafted message of one step.
#[derive(Debug, Clone)]
pub struct Drafted {
    /// The step's interview id.
    pub interview: String,
    pub step: StepKind,
    /// The step's event UID.
    pub uid: String,
    /// The step's recipient, as written in the file.
    pub recipient: Option<String>,
    /// The recipient's address, when known.
    pub address: Option<String>,
    /// How the message goes: `email`, `phone` (a call script) or `mail`.
    pub channel: Channel,
    pub status: StepStatus,
    /// The step's start, in the employer zone.
    pub start: Zoned,
    /// `accept` or `decline` for an offer decision's two drafts.
    pub part: Option<&'static str>,
    /// The event's SUMMARY (English).
    pub summary: String,
    /// Empty for a call or a letter.
    pub subject: String,
    pub body: String,
    /// A follow-up's number among the follow-ups of its cycle (0 for any
    /// other step): file names use it.
    pub number: u32,
}

impl Drafted {
    /// A message that can be sent as an email (it has a subject).
    pub fn is_email(&self) -> bool {
        self.channel == Channel::Email && !self.subject.is_empty()
    }

    /// The key that names this draft across runs: the step's UID, with
    /// `#accept`/`#decline` for an offer decision's two drafts.
    pub fn key(&self) -> String {
        match self.part {
            Some(part) => format!("{}#{part}", self.uid),
            None => self.uid.clone(),
        }
    }
}

/// Drafts the message of every step in `steps` (in the order given) that
/// `keep` keeps, but the interview's. `steps` is the whole plan: a
/// follow-up's number and the date it follows up on come from the others.
pub fn drafts(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
    keep: &dyn Fn(&Step) -> bool,
) -> Result<Vec<Drafted>, Diagnostic> {
    let source = FactsSource::new(model, steps);
    let mut shared: BTreeMap<usize, Shared> = BTreeMap::new();
    let mut note = Note::default();
    let mut out = Vec::new();
    for s in steps
        .iter()
        .filter(|s| s.kind != StepKind::Interview && keep(s))
    {
        let iv = &model.interviews[s.interview];
        let sh = shared.entry(s.interview).or_insert_with(|| {
            Shared::new(&source.interview_facts(s.interview, StepKind::Interview, iv.start.clone()))
        });
        let facts = source.facts(s);
        notes.render_into(sh, &facts, &mut note).map_err(|e| {
            Diagnostic::error(
                "",
                None,
                format!("could not draft the note for {}: {e}", s.uid),
            )
            .with_hint("this is a bug in followup; please report it with the input")
        })?;
        let person = s.recipient.and_then(|r| iv.interviewers.get(r));
        for d in note.drafts() {
            out.push(Drafted {
                interview: iv.id.clone(),
                step: s.kind,
                uid: s.uid.clone(),
                recipient: person.map(|p| p.name.clone()),
                address: person.and_then(|p| p.email.clone()),
                channel: facts.channel,
                status: s.status,
                start: iv.zone.at(s.start),
                part: d.part,
                summary: note.summary.clone(),
                subject: d.subject.to_owned(),
                body: d.body.to_owned(),
                number: facts.nudge.number,
            });
        }
    }
    Ok(out)
}

/// The drafts as plain text, in the order given: a heading line, `To:`,
/// `Subject:` (emails), a blank line and the message, a blank line between
/// drafts.
pub fn to_text(drafts: &[Drafted]) -> String {
    let mut out = String::with_capacity(drafts.iter().map(|d| d.body.len() + 200).sum());
    for (i, d) in drafts.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(
            out,
            "== {} · {}{} · {}",
            d.interview,
            d.step,
            d.part.map(|p| format!(" ({p})")).unwrap_or_default(),
            d.start.strftime("%a %-d %b %Y, %H:%M")
        );
        match d.status {
            StepStatus::Planned => {}
            StepStatus::Cancelled => out.push_str(" · cancelled"),
            StepStatus::Done(on) => {
                let _ = write!(out, " · done on {on}");
            }
        }
        out.push('\n');
        out.push_str("To: ");
        match (&d.recipient, &d.address) {
            (Some(name), Some(address)) if d.channel == Channel::Email => {
                let _ = write!(out, "{} <{}>", name.trim(), address.trim());
            }
            (Some(name), _) => out.push_str(name.trim()),
            (None, _) => out.push_str("the team (no interviewer listed)"),
        }
        match d.channel {
            Channel::Email => {}
            Channel::Phone => out.push_str(" (by phone)"),
            Channel::Mail => out.push_str(" (by post)"),
        }
        out.push('\n');
        if !d.subject.is_empty() {
            out.push_str("Subject: ");
            out.push_str(&d.subject);
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&d.body);
        out.push('\n');
    }
    out
}

/// `d` as an RFC 5322 message (an `.eml` file). `key`: also write the
/// `X-Followup-Key` header field (for the IMAP client, which also adds its
/// own when it appends).
pub fn eml(model: &Model, d: &Drafted, key: bool) -> Vec<u8> {
    let candidate = &model.candidate;
    let from = candidate.email.as_deref().map(|address| Mailbox {
        name: candidate.name.as_deref(),
        address,
    });
    let to = d.address.as_deref().map(|address| Mailbox {
        name: d.recipient.as_deref(),
        address,
    });
    let id = match d.part {
        Some(part) => format!("{}.{part}", d.uid.split('@').next().unwrap_or(&d.uid)),
        None => d.uid.clone(),
    };
    let key_value = d.key();
    let extra = [("X-Followup-Key", key_value.as_str())];
    eml::write(
        &Header {
            from,
            to,
            subject: &d.subject,
            date: &d.start,
            id: &id,
            extra: if key { &extra } else { &[] },
        },
        &d.body,
    )
}

/// File names for `drafts`, in order: `<interview>-<step>[-<n>][-<part>]
/// [-<recipient>].eml`, where `<n>` is a follow-up's number, `<part>`
/// `accept` or `decline`, and `<recipient>` the recipient's name made an
/// ASCII slug ("Zoë Ng" → `zoe-ng`); a name that would repeat one before
/// it gets `-2`, `-3`.
pub fn file_names(drafts: &[Drafted]) -> Vec<String> {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    drafts
        .iter()
        .map(|d| {
            let mut base = format!("{}-{}", d.interview, d.step.id());
            if d.step == StepKind::FollowUp && d.number > 0 {
                let _ = write!(base, "-{}", d.number);
            }
            if let Some(part) = d.part {
                base.push('-');
                base.push_str(part);
            }
            if let Some(name) = &d.recipient {
                let s = slug(name);
                if !s.is_empty() {
                    base.push('-');
                    base.push_str(&s);
                }
            }
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let _ = write!(base, "-{n}");
            }
            base.push_str(".eml");
            base
        })
        .collect()
}

/// An ASCII file-name slug: lower case letters and digits, accents
/// dropped ("Zoë" → `zoe`, "Jürgen Weiß" → `jurgen-weiss`), anything else
/// a single `-`, at most 40 characters. Empty for a name with no Latin
/// letter or digit (a CJK name): the file name then has no recipient part.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        let mapped: &str = match c {
            'a'..='z' | '0'..='9' => {
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf);
                push_slug(&mut out, s, &mut dash);
                continue;
            }
            'A'..='Z' => {
                let lower = c.to_ascii_lowercase();
                let mut buf = [0u8; 4];
                push_slug(&mut out, lower.encode_utf8(&mut buf), &mut dash);
                continue;
            }
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                "a"
            }
            'æ' | 'Æ' => "ae",
            'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
            'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ě' => {
                "e"
            }
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
            'ł' | 'Ł' => "l",
            'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
            | 'Ō' => "o",
            'œ' | 'Œ' => "oe",
            'ř' | 'Ř' => "r",
            'ś' | 'š' | 'Ś' | 'Š' => "s",
            'ß' => "ss",
            'ť' | 'Ť' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
            'ý' | 'ÿ' | 'Ý' => "y",
            'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
            _ => {
                dash = !out.is_empty();
                continue;
            }
        };
        push_slug(&mut out, mapped, &mut dash);
    }
    if out.len() > 40 {
        out.truncate(40);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn push_slug(out: &mut String, s: &str, dash: &mut bool) {
    if *dash {
        out.push('-');
        *dash = false;
    }
    out.push_str(s);
}

/// Every planned email's draft as an RFC 5322 message, with its key (SPEC
/// §10 `push --imap`: `push::imap::Draft::new(key, message)`): steps that
/// are cancelled or done have no draft, nor do calls and letters.
pub fn email_drafts(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let planned = |s: &Step| s.status == StepStatus::Planned;
    Ok(drafts(model, steps, notes, &planned)?
        .iter()
        .filter(|d| d.status == StepStatus::Planned && d.is_email())
        .map(|d| (d.key(), eml(model, d, false)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Mark Lee"), "mark-lee");
        assert_eq!(slug("  Zoë   Ng "), "zoe-ng");
        assert_eq!(slug("Jürgen Weiß"), "jurgen-weiss");
        assert_eq!(slug("Lee, Mark"), "lee-mark");
        assert_eq!(slug("李明"), "");
        assert_eq!(slug("O'Brien-Smith 3rd"), "o-brien-smith-3rd");
        assert_eq!(slug(&"x".repeat(60)).len(), 40);
        assert_eq!(slug("../etc/passwd"), "etc-passwd");
    }
}
