//! The keys each mapping of the input may hold (SPEC §3, §8, §9), shared
//! with the JSON Schema's tests so the two never drift apart.

pub(crate) const TOP_KEYS: &[&str] = &["candidate", "defaults", "interviews"];
pub(crate) const CANDIDATE_KEYS: &[&str] = &["name", "email", "timezone", "signature", "awake"];
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
    "language",
    "tone",
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
    "done",
    "heard_back",
    "offer",
    "mention",
    "language",
    "tone",
    "weekend",
    "holidays",
    "working_hours",
    "send_at",
    "duration",
    "reminders",
    "policy",
];
pub(crate) const INTERVIEWER_KEYS: &[&str] = &["name", "email", "title", "greeting", "topics"];
pub(crate) const COMPETING_OFFER_KEYS: &[&str] = &["company", "received", "deadline", "prefer"];
/// The interview's own `offer` (SPEC §8).
pub(crate) const OFFER_KEYS: &[&str] = &["received", "deadline"];
/// One entry of `done` (SPEC §8).
pub(crate) const DONE_KEYS: &[&str] = &["step", "to", "on"];
/// A `holidays` entry that filters a file: `{ file: ./google.ics, only: "Public holiday" }`.
pub(crate) const HOLIDAY_FILE_KEYS: &[&str] = &["file", "only", "except"];
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
    "offer",
];
pub(crate) const THANK_YOU_KEYS: &[&str] = &["after", "within"];
pub(crate) const CHECK_IN_KEYS: &[&str] = &["after_decision", "without_decision"];
pub(crate) const FOLLOW_UP_KEYS: &[&str] = &["gap"];
/// `policy.offer` (SPEC §8).
pub(crate) const OFFER_POLICY_KEYS: &[&str] = &["thanks_after", "decide_before"];
/// `move_on`, `feedback` and `competing_offer` under `policy`.
pub(crate) const AFTER_KEYS: &[&str] = &["after"];
pub(crate) const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
