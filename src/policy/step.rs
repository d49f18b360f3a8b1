//! A planned follow-up step (SPEC §4, §6, §8): what, to whom, when, and
//! whether it still stands or was done. Plain data, shared by every rule
//! file.

use super::when::Landing;
use crate::model::kinds::StepKind;
use jiff::Timestamp;
use jiff::civil::Date;

/// Whether a step still stands, or was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Planned,
    Cancelled,
    /// Carried out on this employer-zone date (SPEC §8 `done`): a fact,
    /// never cancelled, never moved.
    Done(Date),
}

impl StepStatus {
    /// The status as SPEC §6 and §8 spell it in the JSON.
    pub fn id(self) -> &'static str {
        match self {
            StepStatus::Planned => "planned",
            StepStatus::Cancelled => "cancelled",
            StepStatus::Done(_) => "done",
        }
    }

    /// The date a done step was carried out.
    pub fn done_on(self) -> Option<Date> {
        match self {
            StepStatus::Done(d) => Some(d),
            _ => None,
        }
    }
}

/// One follow-up step of one interview.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Index into `Model::interviews`.
    pub interview: usize,
    pub kind: StepKind,
    /// Index into the interview's `interviewers`; `None`: nobody named.
    pub recipient: Option<usize>,
    /// What keeps UIDs apart (SPEC §5): 1 for most steps; check-in is 1 and
    /// follow-ups 2, 3, …; the n-th thank-you to interviewers sharing one
    /// name. The nudges after `heard_back` continue the count (with
    /// `max_follow_ups` N: check-in N+1, follow-ups N+2 …; move-on 2), so
    /// no UID of the first cycle is reused (docs/decisions.md "UIDs").
    pub occurrence: u32,
    /// The cycle of nudges a check-in, follow-up or move-on belongs to:
    /// 1, or 2 for those after `heard_back` (SPEC §8); 1 for other steps.
    pub cycle: u32,
    pub start: Timestamp,
    pub end: Timestamp,
    pub due: Option<Timestamp>,
    pub status: StepStatus,
    pub uid: String,
    /// How a rule placed the step (`None` for the interview itself), so the
    /// agenda can say which days off pushed it.
    pub landing: Option<Landing>,
}
