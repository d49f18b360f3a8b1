//! The keys each mapping of the input may hold (SPEC §3), shared with the
//! JSON Schema's tests so the two never drift apart.

pub(crate) const TOP_KEYS: &[&str] = &["candidate", "defaults", "interviews"];
pub(crate) const CANDIDATE_KEYS: &[&str] = &["name", "email", "timezone"];
/// Keys that `defaults` may set and an interview may override.
pub(crate) const SETTING_KEYS: &[&str] = &[
    "timezone",
    "weekend",
    "holidays",
    "working_hours",
    "send_at",
    "duration",
    "reminders",
    "policy",
    "contact",
];
pub(crate) const INTERVIEW_KEYS: &[&str] = &[
    "id",
    "company",
    "role",
    "start",
    "end",
    "timezone",
    "process",
    "interviewers",
    "contact",
    "decision_by",
    "topics",
    "status",
    "status_date",
    "competing_offer",
    "weekend",
    "holidays",
    "working_hours",
    "send_at",
    "duration",
    "reminders",
    "policy",
];
pub(crate) const INTERVIEWER_KEYS: &[&str] = &["name", "email", "title"];
/// A `holidays` entry that filters a file: `{ file: ./google.ics, only: "Public holiday" }`.
pub(crate) const HOLIDAY_FILE_KEYS: &[&str] = &["file", "only", "except"];
pub(crate) const OFFER_KEYS: &[&str] = &["company", "received", "deadline"];
pub(crate) const POLICY_KEYS: &[&str] = &[
    "interview_event",
    "step_duration",
    "thank_you",
    "check_in",
    "follow_up",
    "max_follow_ups",
    "move_on",
    "feedback",
    "competing_offer",
];
pub(crate) const THANK_YOU_KEYS: &[&str] = &["after", "within"];
pub(crate) const CHECK_IN_KEYS: &[&str] = &["after_decision", "without_decision"];
pub(crate) const FOLLOW_UP_KEYS: &[&str] = &["gap"];
/// `move_on`, `feedback` and `competing_offer` under `policy`.
pub(crate) const AFTER_KEYS: &[&str] = &["after"];
pub(crate) const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
