//! The resolved model (SPEC §3, §4.1): what validation produces and
//! everything downstream trusts. Zones looked up, `defaults` merged,
//! durations parsed; no raw YAML left.

use super::duration::Duration;
use super::kinds::Channel;
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

#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub name: Option<String>,
    pub email: Option<String>,
    /// The zone the calendar displays times in; `None`: each employer's.
    pub zone: Option<Zone>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interviewer {
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Waiting,
    Offer,
    Rejected,
    Withdrawn,
}

impl Status {
    pub const NAMES: [&'static str; 4] = ["waiting", "offer", "rejected", "withdrawn"];

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "waiting" => Some(Status::Waiting),
            "offer" => Some(Status::Offer),
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
        }
    }
}
