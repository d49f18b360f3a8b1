//! What a note may say: the facts of one step, as plain borrowed data
//! (SPEC §3, §4, §8, §9). The pipeline fills them from the model and the
//! plan (`pipeline::facts`); the notes never see either.

use jiff::Zoned;
use jiff::civil::Date;

use crate::model::kinds::{Channel, Language, StepKind, Tone};

/// Someone at the employer: an interviewer, or whoever a step goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Person<'a> {
    pub name: &'a str,
    pub title: Option<&'a str>,
    pub email: Option<&'a str>,
    /// How to address them (`greeting`), used as typed: "Dr. Ruiz",
    /// "Tanaka-san", "Frau Weber".
    pub greeting: Option<&'a str>,
    /// What was discussed with this person; credited to them only.
    pub topics: &'a [String],
}

/// A written offer from another company (SPEC §3 `competing_offer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Competing<'a> {
    pub company: &'a str,
    pub received: Date,
    pub deadline: Option<Date>,
    /// The candidate prefers this employer: only then may a message say so.
    pub prefer: bool,
}

/// This employer's offer (SPEC §8 `offer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub received: Date,
    pub deadline: Option<Date>,
}

/// Where a check-in or follow-up stands among the nudges of its cycle (a
/// cycle starts with a check-in; `heard_back` starts a new one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Nudge {
    /// 0 for the check-in; 1, 2 … for the follow-ups after it, as the
    /// notes show them ("Follow-up 1").
    pub number: u32,
    /// 1 for the first cycle, 2 after the first `heard_back`, …
    pub cycle: u32,
    /// The last nudge the policy plans in this cycle: only its message
    /// says it is the last.
    pub last: bool,
}

/// Everything one step's note may mention. Times are in the employer zone.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub step: StepKind,
    /// The channel the step goes by (SPEC §4.1: the interview's `contact`,
    /// except a thank-you under `phone`, which is written).
    pub channel: Channel,
    /// The interview's `contact`: how the employer prefers to hear.
    pub contact: Channel,
    /// The message's language and tone (SPEC §9).
    pub language: Language,
    pub tone: Tone,
    /// The interview's id: with the step and recipient it seeds the choice
    /// of wording, so a message reads the same on every run.
    pub interview_id: &'a str,
    /// `candidate.name`; `None` signs with `[Your name]`.
    pub candidate: Option<&'a str>,
    /// `candidate.signature`: lines under the name.
    pub signature: Option<&'a str>,
    pub company: &'a str,
    pub role: &'a str,
    /// Who the step goes to; `None` writes to the team.
    pub recipient: Option<Person<'a>>,
    /// 0-based index of the recipient among the interviewers: varies the
    /// wording, so no two notes of one interview read alike.
    pub recipient_index: usize,
    /// Everyone listed for the interview (its checklist names them all).
    pub interviewers: &'a [Person<'a>],
    /// The interview's topics: shared, never credited to one person.
    pub topics: &'a [String],
    /// A point to add (`mention`).
    pub mention: Option<&'a str>,
    pub interview_start: Zoned,
    /// 1 for a first interview; 2, 3 … for later rounds of its `process`.
    pub round: u32,
    pub decision_by: Option<Date>,
    pub heard_back: Option<Date>,
    /// For a check-in or follow-up: its place among the nudges.
    pub nudge: Nudge,
    /// The date of the message this step follows up on (the thank-you for
    /// a check-in, the previous nudge for a follow-up, the last one for
    /// move-on), when there is one.
    pub previous: Option<Date>,
    pub competing: Option<Competing<'a>>,
    pub offer: Option<Offer>,
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

impl Facts<'_> {
    /// The channel the message is drafted for: a thank-you is always
    /// written (SPEC §9), whatever `channel` says.
    pub(super) fn written_channel(&self) -> Channel {
        match (self.step, self.channel) {
            (StepKind::ThankYou, Channel::Phone) => Channel::Email,
            (_, c) => c,
        }
    }
}
