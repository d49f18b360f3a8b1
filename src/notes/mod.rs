//! The drafted messages: what each step's event says (SPEC §4 steps, §5
//! SUMMARY and DESCRIPTION).
//!
//! [`Notes::render`] turns the [`Facts`] of one step into a [`Note`]: a
//! one-line SUMMARY for a month view, and a plain-text DESCRIPTION that says
//! why the step matters, when it is due, and then holds the drafted message
//! (an email with its `Subject:` line and a [`mailto`] link, a call script,
//! or a handwritten card), or, for the interview itself, a checklist.
//!
//! The wording lives in `templates/`, one template per step kind and
//! channel (the interview has one for every channel), in askama's
//! Jinja-like syntax. Each template defines four blocks: `summary`, `why`,
//! `subject` (empty when the channel has no subject line) and `body`; this
//! module renders each block, tidies them, adds the "when" line and the
//! link, and assembles the DESCRIPTION.
//!
//! The templates are compiled into Rust when the program is built (askama's
//! derive), not interpreted while drafting: drafting is most of a build's
//! work (one note per event), and an interpreted engine spent about 3 µs per
//! note looking variables up and capturing blocks (docs/PERFORMANCE.md). A
//! template naming a variable that `Ctx` lacks, or calling a block that
//! does not exist, fails the build instead of leaving a blank in a message.
//!
//! Whitespace: askama keeps template text as written, so a tag swallows no
//! newline. Tags therefore start the line of the text they control (`{% if
//! … %}Thank you…`), and `{% endif +%}` (the `+` only documents it) ends a
//! line whose newline is kept. Each part is trimmed afterwards; `summary`
//! and `subject` are made one line.
//!
//! For many notes, [`Shared`] converts what every step of one interview
//! says the same way once, and [`Notes::render_into`] reuses one [`Note`]'s
//! strings from step to step; the text is that of [`Notes::render`].
//!
//! Pure: no I/O, no clock, no randomness. Text is not escaped here (the ics
//! layer escapes and folds); nothing here emits HTML (`.txt` templates are
//! not escaped by askama).
//!
//! # Template variables
//!
//! | name | value |
//! |---|---|
//! | `channel` | `email`, `phone` or `mail` |
//! | `candidate`, `company`, `role` | one line each: trimmed, inner whitespace runs as one space |
//! | `recipient` | `Option` of `{name, first, title}` (`title` an `Option`) |
//! | `recipient_title` | the recipient's title, if both are known |
//! | `who` | the recipient's name, or "the hiring team" |
//! | `variant` | 0–3: the interviewer's index modulo 4, to vary the wording |
//! | `topic` | `Option`: this interviewer's topic (the topics rotated by index) |
//! | `also_topic` | `Option`: the first listed topic, when it is not `topic` (every thank-you email names it) |
//! | `interview_day`, `interview_weekday` | "Tuesday 17 November", "Tuesday" |
//! | `decision_by`, `status_date` | `Option`: "Friday 27 November" |
//! | `occurrence` | 1 for the check-in, 2, 3 … for follow-ups |
//! | `competing` | `Option` of `{company}` |
//! | `offer_deadline` | `Option`: the competing offer's deadline, "Friday 4 December" |
//! | `interviewers`, `topics` | the interview's checklist: `[{name, title, email, missing}]` (all but `name` `Option`s), `[String]` |
//!
//! An `Option` is tested with `{% if let Some(x) = x %}`.

mod mailto;
mod wording;

#[cfg(test)]
mod doc;

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use jiff::Zoned;
use jiff::civil::Date;
use std::sync::Arc;

pub use self::mailto::mailto;
use self::wording::{ClockInZone, LongDate, ShortDate, WhenInZone, greeting_name, weekday};
use crate::model::kinds::{Channel, StepKind};

/// Someone at the employer: an interviewer, or whoever a step goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Person<'a> {
    pub name: &'a str,
    pub title: Option<&'a str>,
    pub email: Option<&'a str>,
}

/// A written offer from another company (SPEC §3 `competing_offer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Competing<'a> {
    pub company: &'a str,
    pub received: Date,
    pub deadline: Option<Date>,
}

/// Everything one step's note may mention. Times are in the employer zone.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub step: StepKind,
    pub channel: Channel,
    /// The candidate's name, used to sign messages.
    pub candidate: &'a str,
    pub company: &'a str,
    pub role: &'a str,
    /// Who the step goes to; `None` writes to "the hiring team".
    pub recipient: Option<Person<'a>>,
    /// 0-based index of the recipient among the interviewers: picks the
    /// topic and varies the wording, so no two thank-you notes read alike.
    pub recipient_index: usize,
    /// Everyone listed for the interview (its checklist names them all).
    pub interviewers: &'a [Person<'a>],
    pub topics: &'a [String],
    pub interview_start: Zoned,
    pub decision_by: Option<Date>,
    /// 1 for the check-in; 2, 3 … for the follow-ups after it.
    pub occurrence: u32,
    pub competing: Option<Competing<'a>>,
    pub status_date: Option<Date>,
    /// When the step is scheduled.
    pub start: Zoned,
    /// The latest time to act (the thank-you's send-by time), if any.
    pub due: Option<Zoned>,
    /// The employer-zone date the step was done (SPEC §8): the SUMMARY
    /// starts `Done: ` and the DESCRIPTION "Done on …".
    pub done_on: Option<Date>,
    /// When an alarm was moved into the candidate's waking hours (SPEC §8
    /// `awake`): the step's start in the candidate's zone (else the zone
    /// the calendar shows), for the sentence saying when to send.
    pub awake_moved: Option<Zoned>,
}

/// One rendered note: the event's SUMMARY and DESCRIPTION, and the drafted
/// message's subject and body on their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    /// One line, for a month view: "Thank-you note: Mark Lee, Acme Corp".
    pub summary: String,
    /// The email subject; empty for a call, a card or the interview.
    pub subject: String,
    /// The message itself (email, call script, card), or the checklist.
    pub body: String,
    /// Plain text: why, when, the draft, and a `mailto:` link when one fits.
    pub description: String,
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

/// What the templates see: the variables of the module documentation, as
/// plain borrowed text. Built per step from the interview's [`Shared`]
/// parts and the step's own facts; building it copies no text.
struct Ctx<'a> {
    channel: &'static str,
    candidate: &'a str,
    company: &'a str,
    role: &'a str,
    recipient: Option<&'a PersonText>,
    recipient_title: Option<&'a str>,
    who: &'a str,
    variant: usize,
    topic: Option<&'a str>,
    also_topic: Option<&'a str>,
    interview_day: &'a str,
    interview_weekday: &'a str,
    decision_by: Option<&'a str>,
    status_date: Option<&'a str>,
    occurrence: u32,
    competing: Option<&'a CompetingText>,
    offer_deadline: Option<&'a str>,
    interviewers: &'a [PersonText],
    topics: &'a [String],
}

/// Someone at the employer as the templates print them: a step's
/// recipient, or a line of the interview checklist.
#[derive(Debug)]
struct PersonText {
    name: String,
    /// What a greeting calls them.
    first: String,
    title: Option<String>,
    email: Option<String>,
    /// What is still unknown about them: "title and email", …
    missing: Option<&'static str>,
}

/// A competing offer as the templates print it.
#[derive(Debug)]
struct CompetingText {
    company: String,
    deadline: Option<String>,
}

/// One template per step kind and channel (the interview has one for every
/// channel), each rendering its four parts as blocks. `askama` compiles
/// them into Rust with the program: no template is parsed or looked up
/// while drafting, and a variable a template names must exist in [`Ctx`].
///
/// One table gives each (step, channel) its template type and file; the
/// macro makes the types, [`template_name`] and the dispatch in
/// [`render_parts`] from it, so the three cannot disagree.
macro_rules! templates {
    ($($pat:pat => $name:ident: $path:tt,)*) => {
        $(
            #[derive(askama::Template)]
            #[template(path = $path, blocks = ["summary", "why", "subject", "body"])]
            struct $name<'a>(&'a Ctx<'a>);

            impl<'a> std::ops::Deref for $name<'a> {
                type Target = Ctx<'a>;
                fn deref(&self) -> &Ctx<'a> {
                    self.0
                }
            }
        )*

        /// The template file of a step kind and channel, in `templates/`.
        fn template_name(step: StepKind, channel: Channel) -> &'static str {
            use Channel::{Email, Mail, Phone};
            use StepKind::*;
            match (step, channel) {
                $($pat => $path,)*
            }
        }

        /// The four parts of one note, rendered into reused strings:
        /// `summary` and `subject` as they come (tidied to one line
        /// afterwards), `why` straight into the start of the DESCRIPTION,
        /// `body` into its own string.
        fn render_parts(ctx: &Ctx<'_>, f: &Facts<'_>, note: &mut Note) -> askama::Result<()> {
            use askama::Template as _;
            use Channel::{Email, Mail, Phone};
            use StepKind::*;
            match (f.step, f.channel) {
                $($pat => {
                    let t = $name(ctx);
                    t.as_summary().render_into(&mut note.summary)?;
                    t.as_subject().render_into(&mut note.subject)?;
                    t.as_why().render_into(&mut note.description)?;
                    t.as_body().render_into(&mut note.body)
                })*
            }
        }
    };
}

templates! {
    (Interview, _) => InterviewTpl: "interview.txt",
    (ThankYou, Email) => ThankYouEmail: "thank-you.email.txt",
    (ThankYou, Phone) => ThankYouPhone: "thank-you.phone.txt",
    (ThankYou, Mail) => ThankYouMail: "thank-you.mail.txt",
    (CheckIn, Email) => CheckInEmail: "check-in.email.txt",
    (CheckIn, Phone) => CheckInPhone: "check-in.phone.txt",
    (CheckIn, Mail) => CheckInMail: "check-in.mail.txt",
    (FollowUp, Email) => FollowUpEmail: "follow-up.email.txt",
    (FollowUp, Phone) => FollowUpPhone: "follow-up.phone.txt",
    (FollowUp, Mail) => FollowUpMail: "follow-up.mail.txt",
    (MoveOn, Email) => MoveOnEmail: "move-on.email.txt",
    (MoveOn, Phone) => MoveOnPhone: "move-on.phone.txt",
    (MoveOn, Mail) => MoveOnMail: "move-on.mail.txt",
    (Feedback, Email) => FeedbackEmail: "feedback.email.txt",
    (Feedback, Phone) => FeedbackPhone: "feedback.phone.txt",
    (Feedback, Mail) => FeedbackMail: "feedback.mail.txt",
    (CompetingOffer, Email) => CompetingOfferEmail: "competing-offer.email.txt",
    (CompetingOffer, Phone) => CompetingOfferPhone: "competing-offer.phone.txt",
    (CompetingOffer, Mail) => CompetingOfferMail: "competing-offer.mail.txt",
    (OfferThanks, Email) => OfferThanksEmail: "offer-thanks.email.txt",
    (OfferThanks, Phone) => OfferThanksPhone: "offer-thanks.phone.txt",
    (OfferThanks, Mail) => OfferThanksMail: "offer-thanks.mail.txt",
    (OfferDecision, Email) => OfferDecisionEmail: "offer-decision.email.txt",
    (OfferDecision, Phone) => OfferDecisionPhone: "offer-decision.phone.txt",
    (OfferDecision, Mail) => OfferDecisionMail: "offer-decision.mail.txt",
    (Withdraw, Email) => WithdrawEmail: "withdraw.email.txt",
    (Withdraw, Phone) => WithdrawPhone: "withdraw.phone.txt",
    (Withdraw, Mail) => WithdrawMail: "withdraw.mail.txt",
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
    /// Missing data reads naturally: no recipient writes to "the hiring
    /// team", no title or topic leaves that sentence out, no email address
    /// drops the link and says where to find one.
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
    /// candidate, company, role, interviewers, topics and dates); only the
    /// step's own facts are read from `f` beyond that.
    pub fn render_into(
        &self,
        shared: &Shared,
        f: &Facts<'_>,
        note: &mut Note,
    ) -> Result<(), NoteError> {
        let own = shared.own_recipient(f);
        let ctx = shared.context(f, own.as_ref());
        note.summary.clear();
        note.subject.clear();
        note.body.clear();
        note.description.clear();
        render_parts(&ctx, f, note).map_err(|cause| NoteError {
            step: f.step,
            channel: f.channel,
            template: template_name(f.step, f.channel),
            cause,
        })?;
        tidy_in_place(&mut note.summary);
        tidy_in_place(&mut note.subject);
        trim_in_place(&mut note.body);
        // `why` went into the DESCRIPTION; the rest follows it.
        trim_in_place(&mut note.description);
        describe(&mut note.description, f, &note.subject, &note.body);
        if let Some(day) = f.done_on {
            // SPEC §8: what was done reads as done, then what was sent.
            note.summary.insert_str(0, "Done: ");
            note.description
                .insert_str(0, &format!("Done on {}.\n\n", ShortDate(day)));
        }
        Ok(())
    }
}

/// Replaces `s` by [`tidy`]`(s)` when that differs (rarely: names with
/// inner line breaks or tabs).
fn tidy_in_place(s: &mut String) {
    if let Cow::Owned(clean) = tidy(s) {
        *s = clean;
    } else {
        trim_in_place(s);
    }
}

/// Trims `s` without reallocating.
fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
}

/// SUMMARY and subject are single lines, whatever the names hold.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends [`tidy`]`(s)`.
fn push_tidy(out: &mut String, s: &str) {
    out.push_str(&tidy(s));
}

/// The rest of the DESCRIPTION, appended to `d` (which holds the why): when,
/// the draft, then the link
/// (SPEC §5).
fn describe(d: &mut String, f: &Facts<'_>, subject: &str, body: &str) {
    d.reserve(4 * body.len() + 4 * subject.len() + 200);
    d.push_str("\n\n");
    // Writing into a String cannot fail.
    let _ = write_when(d, f);
    if let Some(shown) = &f.awake_moved {
        let _ = write_awake(d, f, shown);
    }
    if !subject.is_empty() {
        d.push_str("\n\nSubject: ");
        d.push_str(subject);
    }
    d.push_str("\n\n");
    d.push_str(body);
    if f.channel == Channel::Email && !subject.is_empty() {
        let recipient = f.recipient.filter(|p| !p.name.trim().is_empty());
        let email = recipient
            .and_then(|p| p.email)
            .map(str::trim)
            .filter(|e| !e.is_empty());
        match (recipient, email) {
            (_, Some(email)) => {
                d.push_str("\n\nOpen this draft in your mail app:\n");
                mailto::push_mailto(d, email, subject, body);
            }
            (Some(p), None) => {
                d.push_str("\n\nNo email address on file for ");
                push_tidy(d, p.name);
                d.push_str(": ask the recruiter, or look on LinkedIn.");
            }
            (None, None) => d.push_str(
                "\n\nNo interviewer on file: send this to your recruiter or whoever arranged the interview.",
            ),
        }
    }
}

/// "Send by Wed 18 Nov, 15:00 New York time." and the like.
fn write_when(d: &mut String, f: &Facts<'_>) -> fmt::Result {
    let (lead, at) = match (f.step, &f.due) {
        (StepKind::Interview, _) => ("Interview on ", &f.start),
        (_, Some(due)) => (
            match f.channel {
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
fn write_awake(d: &mut String, f: &Facts<'_>, shown: &Zoned) -> fmt::Result {
    d.push(' ');
    match f.channel {
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
        match wording::place(shown) {
            Some(city) => write!(d, " in {city})")?,
            None => d.push_str(" your time)"),
        }
    }
    match f.channel {
        Channel::Email => d.push('.'),
        _ => d.push_str(": the reminder rings earlier, while you are awake."),
    }
    Ok(())
}

/// One clean line: trimmed, with inner runs of whitespace (a newline in a
/// YAML name, a tab) as one space. Borrows unless there is something to fix.
fn tidy(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    // Plain ASCII (the usual case) is checked byte by byte.
    let clean = if s.is_ascii() {
        let mut prev_space = false;
        s.bytes().all(|b| {
            let space = b.is_ascii_whitespace() || b == 0x0b;
            let ok = !space || (b == b' ' && !prev_space);
            prev_space = space;
            ok
        })
    } else {
        let mut prev_space = false;
        s.chars().all(|c| {
            let ok = !c.is_whitespace() || (c == ' ' && !prev_space);
            prev_space = c.is_whitespace();
            ok
        })
    };
    if clean {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(one_line(s))
    }
}

fn non_empty(s: Option<&str>) -> Option<Cow<'_, str>> {
    s.map(tidy).filter(|s| !s.is_empty())
}

/// What is still unknown about an interviewer: "title and email", …
fn missing(p: &Person<'_>) -> Option<&'static str> {
    match (non_empty(p.title).is_none(), non_empty(p.email).is_none()) {
        (true, true) => Some("title and email"),
        (true, false) => Some("title"),
        (false, true) => Some("email"),
        (false, false) => None,
    }
}

/// The template variables that every step of one interview shares, each
/// converted once (names tidied, dates spelled out): an interview has about
/// six steps, and converting them per step was a fifth of the drafting
/// time. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Shared(Arc<Parts>);

#[derive(Debug)]
struct Parts {
    candidate: String,
    company: String,
    role: String,
    /// The topics, tidied, blank ones left out.
    topics: Vec<String>,
    interview_day: String,
    interview_weekday: &'static str,
    decision_by: Option<String>,
    status_date: Option<String>,
    competing: Option<CompetingText>,
    /// The interviewers with a name, in order: the interview checklist's
    /// people, and the recipients of steps addressed to them.
    people: Vec<PersonText>,
    /// Each interviewer's place in `people`, by interviewer index (none for
    /// a blank name).
    by_index: Vec<Option<usize>>,
}

impl Shared {
    /// Converts the interview-wide facts of `f` (not its step's own).
    pub fn new(f: &Facts<'_>) -> Self {
        let long = |d: Option<Date>| d.map(|d| LongDate(d).to_string());
        let start_day = f.interview_start.date();
        let mut people = Vec::with_capacity(f.interviewers.len());
        let by_index = f
            .interviewers
            .iter()
            .map(|p| {
                person_text(*p).map(|t| {
                    people.push(t);
                    people.len() - 1
                })
            })
            .collect();
        Shared(Arc::new(Parts {
            candidate: tidy(f.candidate).into_owned(),
            company: tidy(f.company).into_owned(),
            role: tidy(f.role).into_owned(),
            topics: f
                .topics
                .iter()
                .map(|t| tidy(t))
                .filter(|t| !t.is_empty())
                .map(Cow::into_owned)
                .collect(),
            interview_day: LongDate(start_day).to_string(),
            interview_weekday: weekday(start_day),
            decision_by: long(f.decision_by),
            status_date: long(f.status_date),
            competing: f.competing.map(|c| CompetingText {
                company: tidy(c.company).into_owned(),
                deadline: long(c.deadline),
            }),
            people,
            by_index,
        }))
    }

    /// The recipient of the step `f` when it is not the interviewer the
    /// shared parts already converted (the usual case is, and returns none).
    fn own_recipient(&self, f: &Facts<'_>) -> Option<PersonText> {
        let cached = f
            .recipient
            .is_some_and(|p| f.interviewers.get(f.recipient_index) == Some(&p));
        if cached {
            None
        } else {
            f.recipient.and_then(person_text)
        }
    }

    /// The template variables of the step `f`. `own` is
    /// [`Shared::own_recipient`]`(f)`.
    fn context<'a>(&'a self, f: &Facts<'_>, own: Option<&'a PersonText>) -> Ctx<'a> {
        let p = &*self.0;
        let recipient = match own {
            Some(r) => Some(r),
            None if f.recipient.is_some() => p
                .by_index
                .get(f.recipient_index)
                .copied()
                .flatten()
                .and_then(|i| p.people.get(i)),
            None => None,
        };
        let topic = match p.topics.len() {
            0 => None,
            n => Some(p.topics[f.recipient_index % n].as_str()),
        };
        let first_topic = p.topics.first().map(String::as_str);
        Ctx {
            channel: f.channel.id(),
            candidate: &p.candidate,
            company: &p.company,
            role: &p.role,
            recipient,
            recipient_title: recipient.and_then(|r| r.title.as_deref()),
            who: recipient.map_or("the hiring team", |r| &r.name),
            variant: f.recipient_index % 4,
            topic,
            also_topic: first_topic.filter(|&t| Some(t) != topic),
            interview_day: &p.interview_day,
            interview_weekday: p.interview_weekday,
            decision_by: p.decision_by.as_deref(),
            status_date: p.status_date.as_deref(),
            occurrence: f.occurrence,
            competing: p.competing.as_ref(),
            offer_deadline: p.competing.as_ref().and_then(|c| c.deadline.as_deref()),
            interviewers: &p.people,
            topics: &p.topics,
        }
    }
}

/// How the templates print `p` (none for a blank name).
fn person_text(p: Person<'_>) -> Option<PersonText> {
    if p.name.trim().is_empty() {
        return None;
    }
    let name = tidy(p.name).into_owned();
    Some(PersonText {
        first: greeting_name(&name).to_owned(),
        title: non_empty(p.title).map(Cow::into_owned),
        email: non_empty(p.email).map(Cow::into_owned),
        missing: missing(&p),
        name,
    })
}

#[cfg(test)]
mod tests;
