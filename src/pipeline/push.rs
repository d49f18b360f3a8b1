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
//! - [`drafts`]: each planned email step's message, the same RFC 5322
//!   draft `followup draft --format eml` writes (`pipeline::drafts`,
//!   `notes::eml`), keyed by the step's UID (`#accept`/`#decline` for an
//!   offer decision's two drafts).
//!
//! Pure: "now" comes in as a value; no I/O.

use super::export::{self, Options};
use crate::error::Diagnostic;
use crate::model::Model;
use crate::notes::Notes;
use crate::policy::{Step, StepStatus};

/// One item to deliver: the step's UID (the key on the server) and the
/// bytes stored for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub uid: String,
    pub body: Vec<u8>,
}

/// Whether step `s` belongs on the server at `now`. The step filter of
/// `push`'s calendar side, and the only one: a step it rejects is deleted
/// from the calendar on the next push (SPEC §10: cancelled, done-and-past
/// or vanished). A done step stays while it has not ended, as the record
/// `build` writes for it ("Done: …"); once past, it has nothing left to
/// remind of.
pub fn delivered(s: &Step, now: jiff::Timestamp) -> bool {
    match s.status {
        StepStatus::Planned => true,
        StepStatus::Done(_) => s.end > now,
        StepStatus::Cancelled => false,
    }
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
        if !delivered(s, opts.now) {
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

/// The draft of every planned email step (calls, cards and the interview
/// itself have none), in the order of `steps`, keyed as
/// [`super::drafts::Drafted::key`] says. Only planned steps: a draft is a
/// message still to send, so a done or cancelled step's draft leaves the
/// mailbox (SPEC §10).
pub fn drafts(model: &Model, steps: &[Step], notes: &Notes) -> Result<Vec<Item>, Diagnostic> {
    Ok(super::drafts::email_drafts(model, steps, notes)?
        .into_iter()
        .map(|(uid, body)| Item { uid, body })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::StepKind;
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
        let planned: Vec<&Step> = loaded.steps.iter().filter(|s| delivered(s, now)).collect();
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

    /// One draft per planned email step, the message `draft --format
    /// eml` writes: headers, a blank line, the note's body.
    #[test]
    fn drafts_are_the_email_steps_notes() {
        let notes = Notes::new();
        let mut loaded = load("x.yaml", EXAMPLE.as_bytes(), &DatesOnly).ok().unwrap();
        view::sort(&loaded.model, &mut loaded.steps);
        let drafted = drafts(&loaded.model, &loaded.steps, &notes).unwrap();
        assert!(!drafted.is_empty());
        let mark = drafted
            .iter()
            .find(|d| d.uid.starts_with("acme-ae.thank-you"))
            .unwrap();
        let text = String::from_utf8(mark.body.clone()).unwrap();
        let (head, body) = text
            .split_once("\r\n\n")
            .or_else(|| text.split_once("\r\n\r\n"))
            .unwrap();
        assert!(head.contains("Beth Carter"), "{head}");
        assert!(head.contains("\nTo: "), "{head}");
        assert!(
            head.contains(&format!("Message-ID: <{}>", mark.uid)),
            "{head}"
        );
        assert!(head.contains("X-Unsent: 1"));
        assert!(body.contains("Beth Carter"), "{body}");
        for d in &drafted {
            let uid = d.uid.split('#').next().unwrap_or(&d.uid);
            let step = loaded.steps.iter().find(|s| s.uid == uid).unwrap();
            assert!(
                step.status == StepStatus::Planned && step.kind != StepKind::Interview,
                "{}",
                d.uid
            );
        }
    }

    /// SPEC §10: cancelled and done-and-past steps leave the server; a
    /// done step that has not ended yet stays, as does any planned one.
    #[test]
    fn done_and_past_steps_are_not_delivered() {
        let mut loaded = load("x.yaml", EXAMPLE.as_bytes(), &DatesOnly).ok().unwrap();
        view::sort(&loaded.model, &mut loaded.steps);
        let mut s = loaded
            .steps
            .iter()
            .find(|s| s.status == StepStatus::Planned)
            .unwrap()
            .clone();
        let before = s
            .start
            .checked_sub(jiff::SignedDuration::from_hours(1))
            .unwrap();
        let after = s
            .end
            .checked_add(jiff::SignedDuration::from_hours(1))
            .unwrap();
        assert!(delivered(&s, before) && delivered(&s, after));
        s.status = StepStatus::Done(jiff::civil::date(2026, 11, 18));
        assert!(delivered(&s, before));
        assert!(!delivered(&s, after));
        s.status = StepStatus::Cancelled;
        assert!(!delivered(&s, before));
    }
}
