//! [`Notes`]: one step's facts in, its [`Note`] out (SPEC §5 SUMMARY and
//! DESCRIPTION, §9 the drafted message).
//!
//! The DESCRIPTION reads, top to bottom: why the step matters and when it
//! is due (English, `frame`), then the drafted message (its `Subject:` line
//! for an email, the text in the message's language, `compose`), then, for
//! an email with a known address, a `mailto:` link that opens it. An offer
//! decision holds two drafts, to accept and to decline.
//!
//! Pure: no I/O, no clock, no randomness.

use std::fmt::{self, Write as _};

use super::compose::{Message, compose};
use super::dates::{ClockInZone, LongDate, ShortDate, WhenInZone, place};
use super::facts::Facts;
use super::frame::{FrameCtx, frame_name, render_frame};
use super::mailto;
use super::shared::{Shared, person_text};
use super::tidy::{repair, tidy, tidy_in_place, trim_in_place};
use crate::model::kinds::{Channel, Language, StepKind, Tone};
use jiff::Zoned;

/// One rendered note: the event's SUMMARY and DESCRIPTION, and the drafted
/// message's subject and body on their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    /// One line, for a month view: "Thank-you note: Mark Lee, Acme Corp".
    pub summary: String,
    /// The email subject; empty for a call, a letter or the interview.
    pub subject: String,
    /// The message itself (email, letter, card, call script), or the
    /// interview's checklist.
    pub body: String,
    /// An offer decision's second draft, to decline (the first, in
    /// `subject` and `body`, accepts); empty for every other step.
    pub alternative: Message,
    /// Plain text: why, when, the draft, and a `mailto:` link when one fits.
    pub description: String,
}

impl Note {
    /// The drafts this note holds, each with what tells it apart in a
    /// file name (`accept`, `decline`), in order: one for most steps, two
    /// for an offer decision, none for the interview.
    pub fn drafts(&self) -> Vec<Draft<'_>> {
        if self.body.is_empty() {
            return Vec::new();
        }
        if self.alternative.body.is_empty() {
            return vec![Draft {
                part: None,
                subject: &self.subject,
                body: &self.body,
            }];
        }
        vec![
            Draft {
                part: Some("accept"),
                subject: &self.subject,
                body: &self.body,
            },
            Draft {
                part: Some("decline"),
                subject: &self.alternative.subject,
                body: &self.alternative.body,
            },
        ]
    }
}

/// One drafted message of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Draft<'a> {
    /// `accept` or `decline` for an offer decision's two drafts.
    pub part: Option<&'static str>,
    pub subject: &'a str,
    pub body: &'a str,
}

/// A note could not be rendered. The templates are compiled with the
/// program (a template that does not compile, or names a variable that does
/// not exist, fails the build), so only writing the text can fail here, and
/// writing into a `String` does not: this points at a bug.
#[derive(Debug)]
pub struct NoteError {
    pub step: StepKind,
    pub channel: Channel,
    pub template: &'static str,
    cause: askama::Error,
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot draft the {} note ({}) from template `{}`: {}",
            self.step, self.channel, self.template, self.cause
        )
    }
}

impl std::error::Error for NoteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.cause)
    }
}

/// The note renderer. The templates are compiled into the program, so
/// there is nothing to load: this is a handle, free to create and share
/// (`Send + Sync`) across as many renders as a batch needs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Notes;

impl Notes {
    pub fn new() -> Self {
        Notes
    }

    /// Drafts the note for one step.
    ///
    /// Missing data reads naturally: no recipient writes to the team, a
    /// missing topic, mention, round or deadline leaves its sentence out,
    /// no email address drops the link and says where to find one, no
    /// `candidate.name` signs `[Your name]`.
    pub fn render(&self, f: &Facts<'_>) -> Result<Note, NoteError> {
        let mut note = Note::default();
        self.render_into(&Shared::new(f), f, &mut note)?;
        Ok(note)
    }

    /// [`Notes::render`] for one step of an interview whose shared parts
    /// were converted once by [`Shared::new`], into `note`, whose strings are
    /// cleared and reused (so drafting many notes allocates little).
    ///
    /// `shared` must come from facts of the same interview as `f` (same
    /// candidate, company, role, interviewers, topics, language, tone and
    /// dates); only the step's own facts are read from `f` beyond that.
    pub fn render_into(
        &self,
        shared: &Shared,
        f: &Facts<'_>,
        note: &mut Note,
    ) -> Result<(), NoteError> {
        let parts = &*shared.0;
        let channel = f.written_channel();
        let fail = |template: &'static str| {
            move |cause| NoteError {
                step: f.step,
                channel,
                template,
                cause,
            }
        };
        // The recipient as converted once, else (a recipient who is not
        // the interviewer at `recipient_index`) converted now.
        let own;
        let recipient = match shared.recipient(f) {
            Some(r) => Some(r),
            None => {
                let family_first =
                    super::greeting::family_name_first(f.interview_start.time_zone().iana_name());
                own = f.recipient.and_then(|p| {
                    person_text(&p, parts.language, f.tone == Tone::Formal, family_first)
                });
                own.as_ref()
            }
        };
        note.summary.clear();
        note.subject.clear();
        note.body.clear();
        note.description.clear();

        // The English frame: SUMMARY, why, and the interview's checklist.
        let sent = f.start.date();
        let previous = f.previous.map(|d| ShortDate(d).to_string());
        let decision = f
            .decision_by
            .filter(|d| *d <= sent && f.heard_back.is_none_or(|h| h < *d))
            .map(|d| LongDate(d).to_string());
        let competing_deadline = f.competing.and_then(|c| c.deadline);
        let mut ctx = FrameCtx::shared(parts);
        ctx.channel = channel.id();
        ctx.contact = f.contact.id();
        ctx.recipient = recipient.map(|r| r.name.as_str());
        ctx.who = recipient.map_or("the hiring team", |r| r.name.as_str());
        ctx.round = f.round;
        ctx.number = f.nudge.number;
        ctx.last = f.nudge.last;
        ctx.decision = decision.as_deref();
        ctx.previous = previous.as_deref();
        ctx.deadline = parts
            .competing
            .as_ref()
            .and_then(|c| c.deadline.as_deref())
            .filter(|_| competing_deadline.is_some_and(|d| d > sent));
        ctx.deadline_today = competing_deadline == Some(sent);
        ctx.deadline_passed = competing_deadline.is_some_and(|d| d < sent);
        ctx.prefer = f.competing.is_some_and(|c| c.prefer);
        render_frame(
            f.step,
            &ctx,
            &mut note.summary,
            &mut note.description,
            &mut note.body,
        )
        .map_err(fail(frame_name(f.step)))?;
        // A value that ends a sentence ("K.K.") takes no second period.
        repair(&mut note.summary, 0, Language::En);
        repair(&mut note.description, 0, Language::En);
        tidy_in_place(&mut note.summary);
        trim_in_place(&mut note.description);

        // The message.
        let mut main = Message {
            subject: std::mem::take(&mut note.subject),
            body: std::mem::take(&mut note.body),
        };
        if f.step == StepKind::Interview {
            trim_in_place(&mut main.body);
        } else {
            compose(f, parts, recipient, &mut main, &mut note.alternative)
                .map_err(fail("the message texts (templates/<language>/)"))?;
            tidy_in_place(&mut main.subject);
        }
        note.subject = main.subject;
        note.body = main.body;
        let mut description = std::mem::take(&mut note.description);
        describe(
            &mut description,
            f,
            channel,
            recipient.and_then(|r| r.email.as_deref()),
            recipient.is_some(),
            note,
        );
        if let Some(day) = f.done_on {
            // SPEC §8: what was done reads as done, then what was sent.
            note.summary.insert_str(0, "Done: ");
            description.insert_str(0, &format!("Done on {}.\n\n", ShortDate(day)));
        }
        note.description = description;
        Ok(())
    }
}

/// The rest of the DESCRIPTION, appended to `d` (which holds the why): when,
/// the draft(s), then the link (SPEC §5).
fn describe(
    d: &mut String,
    f: &Facts<'_>,
    channel: Channel,
    email: Option<&str>,
    has_recipient: bool,
    note: &Note,
) {
    d.reserve(4 * note.body.len() + 4 * note.subject.len() + 200);
    d.push_str("\n\n");
    // Writing into a String cannot fail.
    let _ = write_when(d, f, channel);
    if let Some(shown) = &f.awake_moved {
        let _ = write_awake(d, f, channel, shown);
    }
    let two = !note.alternative.body.is_empty();
    let drafts = [
        (two.then_some("To accept:"), &note.subject, &note.body),
        (
            two.then_some("To decline:"),
            &note.alternative.subject,
            &note.alternative.body,
        ),
    ];
    for (label, subject, body) in drafts {
        if body.is_empty() {
            continue;
        }
        if let Some(label) = label {
            d.push_str("\n\n");
            d.push_str(label);
        }
        if !subject.is_empty() {
            d.push_str("\n\nSubject: ");
            d.push_str(subject);
        }
        d.push_str("\n\n");
        d.push_str(body);
        if channel == Channel::Email && !subject.is_empty() {
            match (has_recipient, email) {
                (_, Some(email)) => {
                    d.push_str("\n\n");
                    if !mailto::push_mailto_fitting(d, email, subject, body) {
                        d.push_str(
                            "This draft is too long for a link that opens it in your mail app: copy it from above.",
                        );
                    }
                }
                (true, None) => {
                    d.push_str("\n\nNo email address on file for ");
                    if let Some(p) = f.recipient {
                        d.push_str(&tidy(p.name));
                    }
                    d.push_str(": ask the recruiter, or look on LinkedIn.");
                }
                (false, None) => d.push_str(
                    "\n\nNo interviewer on file: send this to your recruiter or whoever arranged the interview.",
                ),
            }
        }
    }
}

/// "Send by Wed 18 Nov, 15:00 New York time." and the like.
fn write_when(d: &mut String, f: &Facts<'_>, channel: Channel) -> fmt::Result {
    let (lead, at) = match (f.step, &f.due) {
        (StepKind::Interview, _) => ("Interview on ", &f.start),
        (_, Some(due)) => (
            match channel {
                Channel::Email => "Send by ",
                Channel::Phone => "Call by ",
                Channel::Mail => "Post by ",
            },
            due,
        ),
        (_, None) => ("Planned for ", &f.start),
    };
    d.push_str(lead);
    write!(d, "{}", WhenInZone(at))?;
    d.push('.');
    Ok(())
}

/// SPEC §8 `awake`: the alarm rings earlier than the step, so say when the
/// message should go out: "Schedule the email to go out at 10:00 Tokyo time
/// (02:00 in Madrid)."
fn write_awake(d: &mut String, f: &Facts<'_>, channel: Channel, shown: &Zoned) -> fmt::Result {
    d.push(' ');
    match channel {
        Channel::Email => write!(
            d,
            "Schedule the email to go out at {}",
            ClockInZone(&f.start)
        )?,
        Channel::Phone => write!(d, "The call is for {}", ClockInZone(&f.start))?,
        Channel::Mail => write!(d, "This is planned for {}", ClockInZone(&f.start))?,
    }
    if shown.datetime() != f.start.datetime() {
        let day = if shown.date() == f.start.date() {
            String::new()
        } else {
            format!("{} ", ShortDate(shown.date()))
        };
        let t = shown.time();
        write!(d, " ({day}{:02}:{:02}", t.hour(), t.minute())?;
        match place(shown) {
            Some(city) => write!(d, " in {city})")?,
            None => d.push_str(" your time)"),
        }
    }
    match channel {
        Channel::Email => d.push('.'),
        _ => d.push_str(": the reminder rings earlier, while you are awake."),
    }
    Ok(())
}
