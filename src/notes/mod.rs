//! The drafted messages: what each step's event says (SPEC §4 steps, §5
//! SUMMARY and DESCRIPTION).
//!
//! [`Notes::render`] turns the [`Facts`] of one step into a [`Note`]: a
//! one-line SUMMARY for a month view, and a plain-text DESCRIPTION that says
//! why the step matters, when it is due, and then holds the drafted message
//! (an email with its `Subject:` line and a [`mailto`] link, a call script,
//! or a handwritten card), or, for the interview itself, a checklist.
//!
//! The wording lives in `templates/`, one minijinja template per step kind
//! and channel (the interview has one for every channel), compiled once in
//! [`Notes::new`]. Each template sets four parts: `summary`, `why`,
//! `subject` (empty when the channel has no subject line) and `body`; this
//! module adds the "when" line and the link, and assembles the DESCRIPTION.
//!
//! For many notes, [`Shared`] converts what every step of one interview
//! says the same way once, and [`Notes::render_into`] reuses one [`Note`]'s
//! strings from step to step; the text is that of [`Notes::render`].
//!
//! Pure: no I/O, no clock, no randomness. Text is not escaped here (the ics
//! layer escapes and folds); nothing here emits HTML.
//!
//! # Template variables
//!
//! | name | value |
//! |---|---|
//! | `step`, `channel` | ids: `thank-you`, `email` … |
//! | `candidate`, `company`, `role` | one line each: trimmed, inner whitespace runs as one space |
//! | `recipient` | `{name, first, title, email}` (title, email may be none), or none |
//! | `who` | the recipient's name, or "the hiring team" |
//! | `index` | 0-based interviewer index, to vary the wording |
//! | `topic` | this interviewer's topic (rotated by `index`), or none |
//! | `first_topic` | the first listed topic, or none: every thank-you names it |
//! | `interview_day`, `interview_weekday` | "Tuesday 17 November", "Tuesday" |
//! | `decision_by`, `status_date` | "Friday 27 November", or none |
//! | `occurrence` | 1 for the check-in, 2, 3 … for follow-ups |
//! | `competing` | `{company, received, deadline}` (deadline may be none), or none |
//! | `interviewers`, `topics` | interview step only: `[{name, title, email, missing}]`, `[str]` |
//!
//! Undefined variables are errors, so a typo in a template fails the tests
//! that render every template instead of leaving a blank in a message.

mod mailto;
mod wording;

#[cfg(test)]
mod doc;

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use jiff::Zoned;
use jiff::civil::Date;
use minijinja::value::{Enumerator, Object, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};
use std::sync::Arc;

pub use self::mailto::mailto;
use self::wording::{LongDate, WhenInZone, greeting_name, weekday};
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

/// A note could not be rendered: a template is broken. The built-in
/// templates are all rendered by the tests, so this points at a bug.
#[derive(Debug)]
pub struct NoteError {
    pub step: StepKind,
    pub channel: Channel,
    pub template: &'static str,
    cause: Cause,
}

#[derive(Debug)]
enum Cause {
    Template(minijinja::Error),
    DoesNotCompile(String),
    MissingPart(&'static str),
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot draft the {} note ({}) from template `{}`: ",
            self.step, self.channel, self.template
        )?;
        match &self.cause {
            Cause::Template(e) => write!(f, "{e}"),
            Cause::DoesNotCompile(e) => write!(f, "it does not compile: {e}"),
            Cause::MissingPart(part) => write!(f, "the template does not set `{part}`"),
        }
    }
}

impl std::error::Error for NoteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.cause {
            Cause::Template(e) => Some(e),
            Cause::DoesNotCompile(_) | Cause::MissingPart(_) => None,
        }
    }
}

/// Every template, by name. Names are `<step id>.<channel id>`; the
/// interview is the same whatever the channel.
const TEMPLATES: [(&str, &str); 19] = [
    ("interview", include_str!("templates/interview.txt")),
    (
        "thank-you.email",
        include_str!("templates/thank-you.email.txt"),
    ),
    (
        "thank-you.phone",
        include_str!("templates/thank-you.phone.txt"),
    ),
    (
        "thank-you.mail",
        include_str!("templates/thank-you.mail.txt"),
    ),
    (
        "check-in.email",
        include_str!("templates/check-in.email.txt"),
    ),
    (
        "check-in.phone",
        include_str!("templates/check-in.phone.txt"),
    ),
    ("check-in.mail", include_str!("templates/check-in.mail.txt")),
    (
        "follow-up.email",
        include_str!("templates/follow-up.email.txt"),
    ),
    (
        "follow-up.phone",
        include_str!("templates/follow-up.phone.txt"),
    ),
    (
        "follow-up.mail",
        include_str!("templates/follow-up.mail.txt"),
    ),
    ("move-on.email", include_str!("templates/move-on.email.txt")),
    ("move-on.phone", include_str!("templates/move-on.phone.txt")),
    ("move-on.mail", include_str!("templates/move-on.mail.txt")),
    (
        "feedback.email",
        include_str!("templates/feedback.email.txt"),
    ),
    (
        "feedback.phone",
        include_str!("templates/feedback.phone.txt"),
    ),
    ("feedback.mail", include_str!("templates/feedback.mail.txt")),
    (
        "competing-offer.email",
        include_str!("templates/competing-offer.email.txt"),
    ),
    (
        "competing-offer.phone",
        include_str!("templates/competing-offer.phone.txt"),
    ),
    (
        "competing-offer.mail",
        include_str!("templates/competing-offer.mail.txt"),
    ),
];

fn template_name(step: StepKind, channel: Channel) -> &'static str {
    use Channel::{Email, Mail, Phone};
    use StepKind::*;
    match (step, channel) {
        (Interview, _) => "interview",
        (ThankYou, Email) => "thank-you.email",
        (ThankYou, Phone) => "thank-you.phone",
        (ThankYou, Mail) => "thank-you.mail",
        (CheckIn, Email) => "check-in.email",
        (CheckIn, Phone) => "check-in.phone",
        (CheckIn, Mail) => "check-in.mail",
        (FollowUp, Email) => "follow-up.email",
        (FollowUp, Phone) => "follow-up.phone",
        (FollowUp, Mail) => "follow-up.mail",
        (MoveOn, Email) => "move-on.email",
        (MoveOn, Phone) => "move-on.phone",
        (MoveOn, Mail) => "move-on.mail",
        (Feedback, Email) => "feedback.email",
        (Feedback, Phone) => "feedback.phone",
        (Feedback, Mail) => "feedback.mail",
        (CompetingOffer, Email) => "competing-offer.email",
        (CompetingOffer, Phone) => "competing-offer.phone",
        (CompetingOffer, Mail) => "competing-offer.mail",
    }
}

/// The note renderer: every template compiled once, then shared (it is
/// `Send + Sync`) across as many renders as a batch needs.
pub struct Notes {
    env: Environment<'static>,
    /// Templates that failed to compile, reported when first used.
    broken: Vec<(&'static str, String)>,
}

impl Default for Notes {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Notes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notes")
            .field("templates", &TEMPLATES.len())
            .field("broken", &self.broken)
            .finish()
    }
}

impl Notes {
    /// Compiles the built-in templates. Never fails: a template that does
    /// not compile is reported by [`Notes::render`] for its steps.
    pub fn new() -> Self {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Nothing is escaped, so a string prints as itself: write it
        // directly instead of through `Display` (the default formatter's
        // `write!`), the bulk of what the templates print.
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text) => out.write_str(text).map_err(minijinja::Error::from),
            None => minijinja::escape_formatter(out, state, value),
        });
        let mut broken = Vec::new();
        // Tags on a line of their own leave no blank line behind.
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build();
        match syntax {
            Ok(syntax) => {
                env.set_syntax(syntax);
                for (name, source) in TEMPLATES {
                    if let Err(e) = env.add_template(name, source) {
                        broken.push((name, e.to_string()));
                    }
                }
            }
            Err(e) => broken.extend(TEMPLATES.map(|(name, _)| (name, e.to_string()))),
        }
        Notes { env, broken }
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
        let name = template_name(f.step, f.channel);
        let fail = |cause| NoteError {
            step: f.step,
            channel: f.channel,
            template: name,
            cause,
        };
        let template = self.env.get_template(name).map_err(|e| {
            fail(match self.broken.iter().find(|(n, _)| *n == name) {
                Some((_, why)) => Cause::DoesNotCompile(why.clone()),
                None => Cause::Template(e),
            })
        })?;
        let captured = template
            .render_captured(shared.context(f))
            .map_err(|e| fail(Cause::Template(e)))?;
        let state = captured.state();
        let part = |key: &'static str| {
            state
                .lookup(key)
                .filter(|v| v.as_str().is_some())
                .ok_or_else(|| fail(Cause::MissingPart(key)))
        };
        let (summary, why, subject, body) = (
            part("summary")?,
            part("why")?,
            part("subject")?,
            part("body")?,
        );
        fn text(v: &Value) -> &str {
            v.as_str().unwrap_or("").trim()
        }
        let line = |v: &Value, out: &mut String| {
            out.clear();
            push_tidy(out, v.as_str().unwrap_or(""));
        };
        line(&summary, &mut note.summary);
        line(&subject, &mut note.subject);
        note.body.clear();
        note.body.push_str(text(&body));
        note.description.clear();
        describe(
            &mut note.description,
            f,
            text(&why),
            &note.subject,
            &note.body,
        );
        Ok(())
    }
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

/// The DESCRIPTION, appended to `d`: why, when, the draft, then the link
/// (SPEC §5).
fn describe(d: &mut String, f: &Facts<'_>, why: &str, subject: &str, body: &str) {
    d.reserve(why.len() + 4 * body.len() + 4 * subject.len() + 200);
    d.push_str(why);
    d.push_str("\n\n");
    // Writing into a String cannot fail.
    let _ = write_when(d, f);
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
/// six steps, and building the whole context per step was a fifth of the
/// drafting time. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Shared(Arc<Parts>);

#[derive(Debug)]
struct Parts {
    candidate: Value,
    company: Value,
    role: Value,
    /// The topics, tidied, blank ones left out.
    topics: Vec<Value>,
    interview_day: Value,
    interview_weekday: Value,
    decision_by: Value,
    status_date: Value,
    competing: Value,
    /// `recipient` and `who` for a step addressed to each interviewer, by
    /// index.
    recipients: Vec<(Value, Value)>,
}

impl Shared {
    /// Converts the interview-wide facts of `f` (not its step's own).
    pub fn new(f: &Facts<'_>) -> Self {
        let long = |d: Option<Date>| Value::from(d.map(|d| LongDate(d).to_string()));
        let start_day = f.interview_start.date();
        Shared(Arc::new(Parts {
            candidate: Value::from(tidy(f.candidate)),
            company: Value::from(tidy(f.company)),
            role: Value::from(tidy(f.role)),
            topics: f
                .topics
                .iter()
                .map(|t| tidy(t))
                .filter(|t| !t.is_empty())
                .map(Value::from)
                .collect(),
            interview_day: Value::from(LongDate(start_day).to_string()),
            interview_weekday: Value::from(weekday(start_day)),
            decision_by: long(f.decision_by),
            status_date: long(f.status_date),
            competing: Value::from(f.competing.map(|c| {
                context! {
                    company => tidy(c.company),
                    received => LongDate(c.received).to_string(),
                    deadline => c.deadline.map(|d| LongDate(d).to_string()),
                }
            })),
            recipients: f
                .interviewers
                .iter()
                .map(|p| recipient_values(Some(*p)))
                .collect(),
        }))
    }

    /// The whole template context of the step `f`.
    fn context(&self, f: &Facts<'_>) -> Value {
        let parts = &self.0;
        // The usual case, a step addressed to one of the interviewers, uses
        // the values converted once; any other recipient is converted here.
        let cached = f
            .recipient
            .filter(|p| f.interviewers.get(f.recipient_index) == Some(p))
            .and_then(|_| parts.recipients.get(f.recipient_index));
        let (recipient, who) = match cached {
            Some(values) => values.clone(),
            None => recipient_values(f.recipient),
        };
        let topic = match parts.topics.len() {
            0 => Value::from(()),
            n => parts.topics[f.recipient_index % n].clone(),
        };
        // Lists only the interview uses are left undefined for other steps,
        // which both saves work and makes a misuse an error.
        let (interviewers, topics) = if f.step == StepKind::Interview {
            (
                f.interviewers
                    .iter()
                    .filter(|p| !p.name.trim().is_empty())
                    .map(|p| {
                        context! {
                            name => tidy(p.name),
                            title => non_empty(p.title),
                            email => non_empty(p.email),
                            missing => missing(p),
                        }
                    })
                    .collect(),
                parts.topics.iter().cloned().collect(),
            )
        } else {
            (Value::UNDEFINED, Value::UNDEFINED)
        };
        Value::from_object(StepContext {
            parts: Arc::clone(parts),
            step: f.step,
            channel: f.channel,
            recipient,
            who,
            index: f.recipient_index,
            topic,
            occurrence: f.occurrence,
            interviewers,
            topics,
        })
    }
}

/// `recipient` and `who` for a step addressed to `p`.
fn recipient_values(p: Option<Person<'_>>) -> (Value, Value) {
    let recipient = p.filter(|p| !p.name.trim().is_empty());
    (
        Value::from(recipient.map(|p| {
            context! {
                name => tidy(p.name),
                first => greeting_name(&tidy(p.name)),
                title => non_empty(p.title),
                email => non_empty(p.email),
            }
        })),
        Value::from(recipient.map_or(Cow::Borrowed("the hiring team"), |p| tidy(p.name))),
    )
}

/// The template context of one step: its own values, then the interview's.
#[derive(Debug)]
struct StepContext {
    parts: Arc<Parts>,
    step: StepKind,
    channel: Channel,
    recipient: Value,
    who: Value,
    index: usize,
    topic: Value,
    occurrence: u32,
    interviewers: Value,
    topics: Value,
}

/// The variable names, as the module documentation lists them.
const VARIABLES: &[&str] = &[
    "step",
    "channel",
    "candidate",
    "company",
    "role",
    "recipient",
    "who",
    "index",
    "topic",
    "first_topic",
    "interview_day",
    "interview_weekday",
    "decision_by",
    "status_date",
    "occurrence",
    "competing",
    "interviewers",
    "topics",
];

impl Object for StepContext {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let p = &self.parts;
        Some(match key.as_str()? {
            "step" => Value::from(self.step.id()),
            "channel" => Value::from(self.channel.id()),
            "candidate" => p.candidate.clone(),
            "company" => p.company.clone(),
            "role" => p.role.clone(),
            "recipient" => self.recipient.clone(),
            "who" => self.who.clone(),
            "index" => Value::from(self.index),
            "topic" => self.topic.clone(),
            "first_topic" => p.topics.first().cloned().unwrap_or(Value::from(())),
            "interview_day" => p.interview_day.clone(),
            "interview_weekday" => p.interview_weekday.clone(),
            "decision_by" => p.decision_by.clone(),
            "status_date" => p.status_date.clone(),
            "occurrence" => Value::from(self.occurrence),
            "competing" => p.competing.clone(),
            "interviewers" => self.interviewers.clone(),
            "topics" => self.topics.clone(),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(VARIABLES)
    }
}

#[cfg(test)]
mod tests;
