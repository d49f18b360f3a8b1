//! Planned steps → what `push` delivers (SPEC §10): one calendar object per
//! step for a CalDAV collection, one RFC 5322 draft per email step for the
//! Drafts mailbox, each keyed by the step's UID.
//!
//! - [`delivered`] is the one place that decides which steps are on the
//!   server: every other step (cancelled now; done-and-past once SPEC §8's
//!   tracking lands) is left out, so the sync deletes its copy.
//! - [`events`]: each delivered step's VEVENT, byte for byte the one `build`
//!   writes for it (the same [`export::build`]), in a VCALENDAR of its own
//!   with the VTIMEZONE it uses (RFC 4791 §4.1).
//! - [`drafts`]: each delivered email step's message. **Interim**: SPEC §9's
//!   `.eml` writer (`notes::eml`, from `followup draft`) replaces
//!   [`interim_eml`] when it lands; until then this writes a plain RFC 5322
//!   message from the note `build` drafts (subject and body, To the
//!   recipient), which IMAP servers accept as a draft.
//!
//! Pure: "now" comes in as a value; no I/O.

use super::export::{self, Options};
use crate::error::Diagnostic;
use crate::model::Model;
use crate::model::kinds::StepKind;
use crate::notes::{Note, Notes};
use crate::policy::{Step, StepStatus};
use base64::Engine as _;
use std::fmt::Write as _;

/// One item to deliver: the step's UID (the key on the server) and the
/// bytes stored for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub uid: String,
    pub body: Vec<u8>,
}

/// Whether step `s` belongs on the server. The step filter of `push`, and
/// the only one: a step it rejects is deleted from the calendar and the
/// Drafts mailbox on the next push (SPEC §10: cancelled, done-and-past or
/// vanished). Done-and-past steps (SPEC §8) join here when tracking lands.
pub fn delivered(s: &Step) -> bool {
    s.status == StepStatus::Planned
}

/// The calendar object of every delivered step, in the order of `steps`
/// (the caller sorts), and the writer's warnings.
pub fn events(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
    opts: &Options,
) -> Result<(Vec<Item>, Vec<Diagnostic>), Diagnostic> {
    // Built over every step, as `build` does, so zones (and the UTC
    // fallback) are decided over the same range: the same event bytes.
    let built = export::build(model, steps, notes, opts)?;
    let mut items = Vec::new();
    for (i, (s, event)) in steps.iter().zip(&built.events).enumerate() {
        if !delivered(s) {
            continue;
        }
        let mut body = Vec::with_capacity(4096);
        built.write_object(i, &mut body);
        items.push(Item {
            uid: event.uid.clone(),
            body,
        });
    }
    Ok((items, built.warnings))
}

/// The draft of every delivered step that is an email (its note has a
/// subject; calls, cards and the interview itself have none), in the order
/// of `steps`.
pub fn drafts(
    model: &Model,
    steps: &[Step],
    notes: &Notes,
    opts: &Options,
) -> Result<Vec<Item>, Diagnostic> {
    let drafted = export::notes(model, steps, notes, opts)?;
    let mut items = Vec::new();
    for (s, note) in steps.iter().zip(&drafted) {
        if !delivered(s) || s.kind == StepKind::Interview || note.subject.trim().is_empty() {
            continue;
        }
        items.push(Item {
            uid: s.uid.clone(),
            body: interim_eml(model, s, note),
        });
    }
    Ok(items)
}

/// A plain RFC 5322 message for step `s` with its drafted `note`: From
/// the candidate when their address is known, To the recipient when theirs
/// is, Subject, Date (the step's start, in the employer's zone),
/// Message-ID from the UID, `X-Unsent: 1`, and the body as UTF-8 text.
///
/// Interim, to be replaced by SPEC §9's `.eml` writer: it carries no
/// signature or language handling of its own, only what the note holds.
pub fn interim_eml(model: &Model, s: &Step, note: &Note) -> Vec<u8> {
    let iv = &model.interviews[s.interview];
    let mut h = String::with_capacity(512);
    if let Some(email) = model.candidate.email.as_deref() {
        let name = model.candidate.name.as_deref().unwrap_or("");
        let _ = write!(h, "From: {}\r\n", mailbox(name, email));
    }
    let recipient = s.recipient.and_then(|r| iv.interviewers.get(r));
    if let Some(p) = recipient
        && let Some(email) = p.email.as_deref()
    {
        let _ = write!(h, "To: {}\r\n", mailbox(&p.name, email));
    }
    let _ = write!(h, "Subject: {}\r\n", header_text(note.subject.trim()));
    let date = s.start.to_zoned(iv.zone.tz.clone());
    let _ = write!(h, "Date: {}\r\n", date.strftime("%a, %d %b %Y %H:%M:%S %z"));
    let _ = write!(h, "Message-ID: <{}>\r\n", message_id(&s.uid));
    h.push_str("X-Unsent: 1\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n");
    let mut body = String::with_capacity(note.body.len() + 64);
    for line in note.body.trim_end().lines() {
        body.push_str(line.trim_end_matches('\r'));
        body.push_str("\r\n");
    }
    // RFC 5322 §2.1.1: a line is at most 998 octets. Longer text (never
    // seen from our templates) goes base64 rather than being cut.
    if body.lines().all(|l| l.len() <= 998) {
        h.push_str("Content-Transfer-Encoding: 8bit\r\n\r\n");
        let mut out = h.into_bytes();
        out.extend_from_slice(body.as_bytes());
        out
    } else {
        h.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
        let encoded = base64::engine::general_purpose::STANDARD.encode(body.as_bytes());
        for chunk in encoded.as_bytes().chunks(76) {
            h.push_str(std::str::from_utf8(chunk).unwrap_or(""));
            h.push_str("\r\n");
        }
        h.into_bytes()
    }
}

/// `Name <address>` (RFC 5322 §3.4), the name quoted or encoded as needed;
/// the bare address when there is no name.
fn mailbox(name: &str, email: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return email.to_string();
    }
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~ ".contains(c);
    let shown = if name.chars().all(atext) {
        name.to_string()
    } else if name.is_ascii() && !name.chars().any(|c| c.is_ascii_control()) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        encoded_words(name)
    };
    format!("{shown} <{email}>")
}

/// An unstructured header value (RFC 5322 §3.2.5): printable ASCII short
/// enough for one line as it is, else RFC 2047 encoded-words.
fn header_text(text: &str) -> String {
    let plain = text.len() <= 66 && text.chars().all(|c| c == ' ' || c.is_ascii_graphic());
    if plain {
        text.to_string()
    } else {
        encoded_words(text)
    }
}

/// `text` as RFC 2047 `B` encoded-words, each at most 75 characters
/// (RFC 2047 §2) and never splitting a character, folded onto lines of
/// their own.
fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        // 45 bytes encode to 60 characters, plus the 12 of =?UTF-8?B??=.
        if i + c.len_utf8() - start > 45 {
            words.push(&text[start..end]);
            start = i;
        }
        end = i + c.len_utf8();
    }
    if start < text.len() {
        words.push(&text[start..]);
    }
    words
        .iter()
        .map(|w| {
            format!(
                "=?UTF-8?B?{}?=",
                base64::engine::general_purpose::STANDARD.encode(w.as_bytes())
            )
        })
        .collect::<Vec<_>>()
        .join("\r\n ")
}

/// The Message-ID for a UID: the UID itself when it has the `id-left @
/// id-right` shape of RFC 5322 §3.6.4 (followup's UIDs do), else a hash.
fn message_id(uid: &str) -> String {
    let dot_atom = |p: &str| {
        !p.is_empty()
            && !p.starts_with('.')
            && !p.ends_with('.')
            && !p.contains("..")
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
    };
    match uid.split_once('@') {
        Some((left, right)) if dot_atom(left) && dot_atom(right) => uid.to_string(),
        _ => format!(
            "{:016x}@followup.invalid",
            crate::policy::uid::fnv1a(uid.as_bytes())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::DatesOnly;
    use crate::pipeline::calendar::calendar;
    use crate::pipeline::load::load;
    use crate::pipeline::view;
    use jiff::Timestamp;

    const EXAMPLE: &str = include_str!("../../fixtures/example.yaml");

    fn vevents(bytes: &[u8]) -> Vec<String> {
        let text = String::from_utf8_lossy(bytes);
        text.split("BEGIN:VEVENT\r\n")
            .skip(1)
            .map(|e| e.split("END:VEVENT\r\n").next().unwrap_or("").to_string())
            .collect()
    }

    /// Each delivered step's object holds, byte for byte, the VEVENT
    /// `build` writes for it, with exactly the VTIMEZONEs it names and no
    /// METHOD (RFC 4791 §4.1); cancelled steps have none.
    #[test]
    fn objects_hold_builds_events_and_only_delivered_steps() {
        let now: Timestamp = "2026-11-10T09:00:00Z".parse().unwrap();
        let opts = Options::new(now);
        let notes = Notes::new();
        let built = calendar("x.yaml", EXAMPLE.as_bytes(), &DatesOnly, &notes, &opts)
            .ok()
            .unwrap();
        let whole = vevents(&built.bytes);
        let mut loaded = load("x.yaml", EXAMPLE.as_bytes(), &DatesOnly).ok().unwrap();
        view::sort(&loaded.model, &mut loaded.steps);
        let (items, _) = events(&loaded.model, &loaded.steps, &notes, &opts).unwrap();
        let planned: Vec<&Step> = loaded.steps.iter().filter(|s| delivered(s)).collect();
        assert!(
            planned.len() < loaded.steps.len(),
            "the fixture has cancelled steps"
        );
        assert_eq!(items.len(), planned.len());
        for (item, step) in items.iter().zip(planned) {
            assert_eq!(item.uid, step.uid);
            let text = String::from_utf8(item.body.clone()).unwrap();
            let [event] = vevents(&item.body).try_into().unwrap();
            assert!(whole.contains(&event), "{}", item.uid);
            assert!(!text.contains("METHOD:") && !text.contains("X-WR-CALNAME"));
            assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
            for line in event.lines().filter(|l| l.contains(";TZID=")) {
                let tzid = line
                    .split(";TZID=")
                    .nth(1)
                    .unwrap()
                    .split(':')
                    .next()
                    .unwrap();
                assert!(
                    text.contains(&format!("BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n")),
                    "{tzid}"
                );
            }
            assert!(text.matches("BEGIN:VTIMEZONE").count() <= 1);
        }
    }

    /// One draft per delivered email step, a message Python's email
    /// package would read: headers, a blank line, the note's body.
    #[test]
    fn drafts_are_the_email_steps_notes() {
        let now: Timestamp = "2026-11-10T09:00:00Z".parse().unwrap();
        let opts = Options::new(now);
        let notes = Notes::new();
        let mut loaded = load("x.yaml", EXAMPLE.as_bytes(), &DatesOnly).ok().unwrap();
        view::sort(&loaded.model, &mut loaded.steps);
        let drafted = drafts(&loaded.model, &loaded.steps, &notes, &opts).unwrap();
        assert!(!drafted.is_empty());
        let mark = drafted
            .iter()
            .find(|d| d.uid.starts_with("acme-ae.thank-you"))
            .unwrap();
        let text = String::from_utf8(mark.body.clone()).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(
            head.contains("From: Beth Carter <beth@example.com>\r\n"),
            "{head}"
        );
        assert!(head.contains("\r\nTo: "), "{head}");
        assert!(head.contains(&format!("Message-ID: <{}>", mark.uid)));
        assert!(head.contains("X-Unsent: 1"));
        assert!(body.contains("Beth Carter"), "{body}");
        assert_eq!(body.matches('\n').count(), body.matches("\r\n").count());
        for d in &drafted {
            let step = loaded.steps.iter().find(|s| s.uid == d.uid).unwrap();
            assert!(
                delivered(step) && step.kind != StepKind::Interview,
                "{}",
                d.uid
            );
        }
    }

    #[test]
    fn names_are_quoted_or_encoded_as_rfc_5322_needs() {
        assert_eq!(mailbox("Mark Lee", "m@x.org"), "Mark Lee <m@x.org>");
        assert_eq!(mailbox("Lee, Mark", "m@x.org"), "\"Lee, Mark\" <m@x.org>");
        assert_eq!(mailbox("", "m@x.org"), "m@x.org");
        // RFC 2047 §8's example shape: the UTF-8 bytes in base64.
        assert_eq!(mailbox("José", "j@x.org"), "=?UTF-8?B?Sm9zw6k=?= <j@x.org>");
    }

    #[test]
    fn long_or_non_ascii_subjects_become_encoded_words_of_75_at_most() {
        assert_eq!(header_text("Thank you"), "Thank you");
        let long = "Merci pour l’entretien d’aujourd’hui — équipe données, poste analyste";
        let enc = header_text(long);
        let mut decoded = Vec::new();
        for word in enc.split("\r\n ") {
            assert!(word.len() <= 75, "{word}");
            let inner = word
                .strip_prefix("=?UTF-8?B?")
                .and_then(|w| w.strip_suffix("?="))
                .unwrap();
            decoded.extend(
                base64::engine::general_purpose::STANDARD
                    .decode(inner)
                    .unwrap(),
            );
        }
        assert_eq!(String::from_utf8(decoded).unwrap(), long);
    }

    #[test]
    fn message_ids_come_from_uids_of_the_right_shape() {
        assert_eq!(
            message_id("acme.thank-you.1@followup"),
            "acme.thank-you.1@followup"
        );
        let hashed = message_id("a b@c");
        assert!(hashed.ends_with("@followup.invalid") && !hashed.contains(' '));
    }
}
