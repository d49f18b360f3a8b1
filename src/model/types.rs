//! The resolved model (SPEC §3, §4.1, §8, §9): what validation produces
//! and everything downstream trusts. Zones looked up, `defaults` merged,
//! durations parsed; no raw YAML left.

use super::duration::Duration;
use super::kinds::{Channel, Language, StepKind, Tone};
use super::yaml::Span;
use crate::calendar::{BusinessCalendar, WorkingHours};
use crate::zone::Zone;
use jiff::Zoned;
use jiff::civil::{Date, Time};
use std::sync::Arc;

/// A validated input file.
#[derive(Debug, Clone)]
pub struct Model {
    pub candidate: Candidate,
    pub interviews: Vec<Interview>,
    /// What `holidays: [auto]` chose for each zone (`plan -v` prints them).
    pub holiday_notes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub name: Option<String>,
    pub email: Option<String>,
    /// The zone the calendar displays times in; `None`: each employer's.
    pub zone: Option<Zone>,
    /// Text under the name in a drafted message (SPEC §9), as written
    /// (several lines with YAML's `|`).
    pub signature: Option<String>,
    /// The hours an alarm may ring, in the candidate's zone (else the
    /// display zone): SPEC §8 `awake`, `"08:00-21:00"` by default.
    pub awake: WorkingHours,
}

impl Default for Candidate {
    fn default() -> Self {
        Candidate {
            name: None,
            email: None,
            zone: None,
            signature: None,
            awake: Candidate::AWAKE,
        }
    }
}

impl Candidate {
    /// SPEC §8: `awake` when the file does not say.
    pub const AWAKE: WorkingHours = WorkingHours {
        open: Time::constant(8, 0, 0, 0),
        close: Time::constant(21, 0, 0, 0),
    };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interviewer {
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    /// How to address them in a message (`Dr. Ruiz`, SPEC §9).
    pub greeting: Option<String>,
    /// What was discussed with this person (SPEC §9); credited to them only.
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Waiting,
    Offer,
    /// You accepted this employer's offer (SPEC §8).
    Accepted,
    Rejected,
    Withdrawn,
}

impl Status {
    pub const NAMES: [&'static str; 5] = ["waiting", "offer", "accepted", "rejected", "withdrawn"];

    pub fn id(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::Offer => "offer",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "waiting" => Some(Status::Waiting),
            "offer" => Some(Status::Offer),
            "accepted" => Some(Status::Accepted),
            "rejected" => Some(Status::Rejected),
            "withdrawn" => Some(Status::Withdrawn),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetingOffer {
    pub company: String,
    pub received: Date,
    pub deadline: Option<Date>,
    /// You prefer this employer to the competing one (SPEC §9: only then
    /// may a message say "you remain my first choice").
    pub prefer: bool,
}

/// This employer's offer (SPEC §8 `offer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub received: Date,
    pub deadline: Option<Date>,
}

/// One `done` entry (SPEC §8): a step carried out, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// Never [`StepKind::Interview`] (validation refuses it).
    pub step: StepKind,
    /// For a thank-you: the interviewer it went to, as written (validation
    /// checks that it names one); `None`: every step of the kind it marks.
    pub to: Option<String>,
    /// The employer-zone date it was done; never before the interview's.
    pub on: Date,
    /// Where the entry's `step` stands in the file, for the errors of
    /// matching it to a step (which happen after validation, in the policy).
    pub span: Span,
    /// Its index in the interview's `done` list (the field path).
    pub index: usize,
}

/// One interview, with every default merged in.
#[derive(Debug, Clone)]
pub struct Interview {
    pub id: String,
    pub company: String,
    pub role: String,
    /// The employer zone (SPEC §4).
    pub zone: Zone,
    pub start: Zoned,
    pub end: Zoned,
    pub process: Option<String>,
    pub interviewers: Vec<Interviewer>,
    pub contact: Channel,
    pub decision_by: Option<Date>,
    pub topics: Vec<String>,
    pub status: Status,
    /// Present whenever `status` is not `waiting` (validation enforces it);
    /// ignored with `waiting` (SPEC §4.1).
    pub status_date: Option<Date>,
    pub competing_offer: Option<CompetingOffer>,
    /// What was carried out (SPEC §8), in the order written.
    pub done: Vec<Done>,
    /// They replied without a decision on this date (SPEC §8): the nudges
    /// restart after it.
    pub heard_back: Option<Date>,
    /// Their offer (SPEC §8); only with status `offer`, `accepted`,
    /// `rejected` or `withdrawn` (validation enforces it).
    pub offer: Option<Offer>,
    /// A point for the messages to add (SPEC §9).
    pub mention: Option<String>,
    /// The drafted messages' language and tone (SPEC §9), merged over
    /// `defaults`.
    pub language: Language,
    pub tone: Tone,
    /// The working rules after merging; shared between interviews that set
    /// none of their own.
    pub rules: Arc<Rules>,
}

/// The mergeable settings of SPEC §3 `defaults`, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub calendar: BusinessCalendar,
    pub working_hours: WorkingHours,
    pub send_at: Time,
    /// Interview length when `end` is not given.
    pub duration: Duration,
    /// Minutes before each step, primary first.
    pub reminders: Vec<i64>,
    pub policy: Policy,
}

/// SPEC §4's policy keys, merged (built-in, `defaults.policy`, interview).
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub interview_event: bool,
    pub step_duration: Duration,
    pub thank_you_after: Duration,
    pub thank_you_within: Duration,
    pub check_in_after_decision: Duration,
    pub check_in_without_decision: Duration,
    pub follow_up_gap: Duration,
    pub max_follow_ups: u32,
    /// `None` when `move_on: false`.
    pub move_on_after: Option<Duration>,
    pub feedback_after: Duration,
    pub competing_offer_after: Duration,
    /// SPEC §8: `offer-thanks` this long after the offer arrived.
    pub offer_thanks_after: Duration,
    /// SPEC §8: `offer-decision` this long before the offer's deadline
    /// (`N bd before D` is the N-th business day strictly before D).
    pub offer_decide_before: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            interview_event: true,
            step_duration: Duration::Minutes(15),
            thank_you_after: Duration::Minutes(120),
            thank_you_within: Duration::Minutes(24 * 60),
            check_in_after_decision: Duration::BusinessDays(1),
            check_in_without_decision: Duration::BusinessDays(5),
            follow_up_gap: Duration::BusinessDays(5),
            max_follow_ups: 2,
            move_on_after: Some(Duration::BusinessDays(5)),
            feedback_after: Duration::BusinessDays(1),
            competing_offer_after: Duration::BusinessDays(1),
            offer_thanks_after: Duration::BusinessDays(1),
            offer_decide_before: Duration::BusinessDays(1),
        }
    }
}
