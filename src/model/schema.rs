//! The JSON Schema of the input (SPEC §3), for editors and other tools.
//!
//! These types mirror the YAML's *shape* with serde attributes, and
//! `schemars` derives the schema (draft 2020-12) from them: descriptions come
//! from the doc comments, every key has an example, unknown keys are refused
//! (`deny_unknown_fields` → `additionalProperties: false`), vocabularies are
//! enums and textual formats (durations, clock times, dates, local times, ids)
//! carry patterns. Editors (VS Code's YAML extension, anything speaking
//! yaml-language-server) use it to validate and autocomplete as one types.
//!
//! The schema checks shape only. Meaning (a real zone, a real date, `end`
//! after `start`, unique ids, a timezone set somewhere) stays with
//! [`super::validate`], the only producer of a `Model`; a unit test keeps
//! these types' keys equal to the validator's key lists. Where the validator
//! is lenient about spelling (`Sat`, `5 bd`, `30min`, null values), the
//! schema names the canonical spelling only, so an editor nudges towards it.
//!
//! No I/O: [`to_json`] returns the text; `followup schema` prints it and
//! `schema/followup.schema.json` ships it (a test keeps the file in sync).

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use std::borrow::Cow;

/// Durations in any unit: `30m`, `2h`, `1d`, `1w`, `3bd`.
pub(crate) const DURATION_PATTERN: &str = r"^\d+(m|h|d|w|bd)$";
/// Elapsed durations (no business days): `15m`, `2h`, `1d`, `1w`.
pub(crate) const ELAPSED_PATTERN: &str = r"^\d+(m|h|d|w)$";
/// 24-hour clock time, `H:MM` or `HH:MM`, optional seconds.
pub(crate) const CLOCK_PATTERN: &str = r"^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";
/// `HH:MM-HH:MM`.
pub(crate) const WINDOW_PATTERN: &str = r"^ *([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])? *- *([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])? *$";
/// ISO 8601 calendar date.
pub(crate) const DATE_PATTERN: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
/// Local date and time without an offset.
pub(crate) const LOCAL_DATETIME_PATTERN: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$";
/// Interview ids.
pub(crate) const ID_PATTERN: &str = r"^[A-Za-z0-9._-]+$";

/// The whole input file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "followup input",
    description = "Job interviews for `followup`, which turns them into a calendar of follow-up steps. Run `followup schema` for this schema and `followup init` for a commented starter file."
)]
pub struct Input {
    /// You, the job seeker: signs the drafted notes and, with `timezone`,
    /// sets the zone your calendar shows times in.
    #[schemars(example = serde_json::json!({"name": "Beth Carter", "email": "beth@example.com", "timezone": "Europe/Berlin"}))]
    pub candidate: Option<Candidate>,
    /// Settings every interview inherits unless it sets its own.
    #[schemars(example = serde_json::json!({"timezone": "America/New_York", "send_at": "10:00", "reminders": ["15m"]}))]
    pub defaults: Option<Defaults>,
    /// One entry per interview. An empty list is allowed (with a warning):
    /// the calendar then has no events.
    #[schemars(example = serde_json::json!([{"id": "acme-ae", "company": "Acme Corp", "role": "Account Executive", "start": "2026-11-17T14:00", "timezone": "America/New_York"}]))]
    pub interviews: Vec<Interview>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// You, the job seeker.
pub struct Candidate {
    /// Your name, used to sign the drafted messages.
    #[schemars(example = &"Beth Carter")]
    pub name: Option<String>,
    /// Your e-mail address.
    #[schemars(example = &"beth@example.com")]
    pub email: Option<String>,
    /// The zone your calendar shows times in (an IANA name). Without it,
    /// each step is shown in its employer's zone.
    #[schemars(example = &"Europe/Berlin")]
    pub timezone: Option<TimeZone>,
    /// Lines under your name in the drafted messages (a phone number, a
    /// profile link); several lines with YAML's `|`.
    #[schemars(example = &"Beth Carter\n+1 555 0100 · linkedin.com/in/bethcarter")]
    pub signature: Option<String>,
    /// The hours an alarm may ring, in your `timezone`: an alarm that would
    /// ring outside them rings at the window's end the evening before, and
    /// the event says when to schedule the message. Default
    /// `"08:00-21:00"`.
    #[schemars(example = &"07:30-22:00")]
    pub awake: Option<Window>,
}

/// Settings any interview may override (its own key replaces the default;
/// `policy` merges key by key).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// The employer's zone (an IANA name): their business days and hours.
    #[schemars(example = &"America/New_York")]
    pub timezone: Option<TimeZone>,
    /// Days the employer does not work. Default `[sat, sun]`.
    #[schemars(example = serde_json::json!(["sat", "sun"]))]
    pub weekend: Option<Vec<Weekday>>,
    /// Days off besides the weekend: dates, built-in holiday calendars by
    /// name, or `.ics` files (paths relative to the YAML file), mixed.
    /// Default none.
    #[schemars(example = serde_json::json!(["2026-11-26", "2026-12-25"]))]
    pub holidays: Option<Vec<Holiday>>,
    /// The employer's working hours, `[open, close)`. Default `"09:00-17:00"`.
    #[schemars(example = &"09:00-17:00")]
    pub working_hours: Option<Window>,
    /// Local time (employer's zone) for check-ins and other nudges.
    /// Default `"10:00"`.
    #[schemars(example = &"10:00")]
    pub send_at: Option<Clock>,
    /// Interview length when `end` is not given. Default `60m`.
    #[schemars(example = &"45m")]
    pub duration: Option<ElapsedDuration>,
    /// One alarm per entry, that long before each step. Default `[15m]`.
    #[schemars(example = serde_json::json!(["15m", "1h"]))]
    pub reminders: Option<Reminders>,
    /// Preferred channel: `email`, `phone` or `mail`. Default `email`.
    #[schemars(example = &"email")]
    pub contact: Option<Channel>,
    /// Overrides of the follow-up rules.
    #[schemars(example = serde_json::json!({"max_follow_ups": 1}))]
    pub policy: Option<Policy>,
    /// The language of the drafted messages (the reminders stay English).
    /// Default `en`.
    #[schemars(example = &"de")]
    pub language: Option<Language>,
    /// How the drafted messages speak. Default `warm`.
    #[schemars(example = &"formal")]
    pub tone: Option<Tone>,
}

/// One interview. `defaults` keys may be set here too and win over them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    /// A short unique id (letters, digits, `.`, `_`, `-`). It keeps the
    /// calendar events stable across edits: do not change it later.
    #[schemars(example = &"acme-ae")]
    pub id: Id,
    /// The employer.
    #[schemars(example = &"Acme Corp")]
    pub company: String,
    /// The job title.
    #[schemars(example = &"Account Executive")]
    pub role: String,
    /// When the interview starts: local time in `timezone`, no offset.
    #[schemars(example = &"2026-11-17T14:00")]
    pub start: LocalDateTime,
    /// When it ends; else `start` + `duration`.
    #[schemars(example = &"2026-11-17T15:00")]
    pub end: Option<LocalDateTime>,
    /// The employer's zone (an IANA name); required here or in `defaults`.
    #[schemars(example = &"America/New_York")]
    pub timezone: Option<TimeZone>,
    /// Rounds of one hiring process share this name; a later round cancels
    /// the earlier rounds' pending nudges.
    #[schemars(example = &"acme")]
    pub process: Option<String>,
    /// The people you met; each gets a thank-you note. A bare name is
    /// enough.
    #[schemars(example = serde_json::json!([{"name": "Mark Lee", "email": "mark@acme.example", "title": "Hiring Manager"}]))]
    pub interviewers: Option<Vec<InterviewerEntry>>,
    /// Preferred channel: `email`, `phone` or `mail`. Default `email`.
    #[schemars(example = &"email")]
    pub contact: Option<Channel>,
    /// The date they said they would decide by.
    #[schemars(example = &"2026-11-27")]
    pub decision_by: Option<Date>,
    /// Specifics from the conversation for the notes to mention.
    #[schemars(example = serde_json::json!(["Q3 pipeline", "CRM migration"]))]
    pub topics: Option<Topics>,
    /// Where the application stands. Default `waiting`.
    #[schemars(example = &"waiting")]
    pub status: Option<Status>,
    /// The day the status changed; required when `status` is not
    /// `waiting`.
    #[schemars(example = &"2026-12-03")]
    pub status_date: Option<Date>,
    /// Another offer with a deadline: plans a heads-up while waiting.
    #[schemars(example = serde_json::json!({"company": "Globex", "received": "2026-11-24", "deadline": "2026-12-01"}))]
    pub competing_offer: Option<CompetingOffer>,
    /// The steps you carried out, in any order: each marked step is shown
    /// as done, without alarms, and later nudges count from its date.
    #[schemars(example = serde_json::json!([{"step": "thank-you", "on": "2026-11-18"}, {"step": "check-in", "on": "2026-11-30"}]))]
    pub done: Option<Vec<DoneEntry>>,
    /// The day they replied without a decision: the nudges restart after
    /// it.
    #[schemars(example = &"2026-12-02")]
    pub heard_back: Option<Date>,
    /// Their offer, with status `offer` (or `accepted`, `rejected`,
    /// `withdrawn` once decided): plans a thank-you for it and a reminder
    /// before its deadline.
    #[schemars(example = serde_json::json!({"received": "2026-12-10", "deadline": "2026-12-17"}))]
    pub offer: Option<Offer>,
    /// A point for the messages to add: a skill, a story, something you
    /// forgot to say.
    #[schemars(example = &"I led the migration of our CRM to Salesforce")]
    pub mention: Option<String>,
    /// The language of this interview's drafted messages (overrides
    /// `defaults.language`).
    #[schemars(example = &"fr")]
    pub language: Option<Language>,
    /// How this interview's drafted messages speak (overrides
    /// `defaults.tone`).
    #[schemars(example = &"warm")]
    pub tone: Option<Tone>,
    /// Days the employer does not work (overrides `defaults.weekend`).
    #[schemars(example = serde_json::json!(["fri", "sat"]))]
    pub weekend: Option<Vec<Weekday>>,
    /// Days off (replaces `defaults.holidays`): dates, built-in calendars
    /// or `.ics` files.
    #[schemars(example = serde_json::json!(["2026-12-24", "2026-12-25"]))]
    pub holidays: Option<Vec<Holiday>>,
    /// The employer's working hours (overrides `defaults.working_hours`).
    #[schemars(example = &"08:30-16:30")]
    pub working_hours: Option<Window>,
    /// Local time for nudges (overrides `defaults.send_at`).
    #[schemars(example = &"09:30")]
    pub send_at: Option<Clock>,
    /// Interview length when `end` is not given (overrides
    /// `defaults.duration`).
    #[schemars(example = &"30m")]
    pub duration: Option<ElapsedDuration>,
    /// Alarms before each step (overrides `defaults.reminders`).
    #[schemars(example = serde_json::json!(["1h"]))]
    pub reminders: Option<Reminders>,
    /// Rule overrides for this interview, merged key by key over
    /// `defaults.policy`.
    #[schemars(example = serde_json::json!({"move_on": false}))]
    pub policy: Option<Policy>,
}

/// An interviewer: a bare name, or name with e-mail and title.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum InterviewerEntry {
    Name(String),
    Person(Interviewer),
}

/// Someone who interviewed you.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interviewer {
    /// Their name, as you would address them.
    #[schemars(example = &"Mark Lee")]
    pub name: String,
    /// Their e-mail address: the drafted note gets a `mailto:` link.
    #[schemars(example = &"mark@acme.example")]
    pub email: Option<String>,
    /// Their job title.
    #[schemars(example = &"Hiring Manager")]
    pub title: Option<String>,
    /// How to address them in a message, when not by their first name.
    #[schemars(example = &"Dr. Ruiz")]
    pub greeting: Option<String>,
    /// What you discussed with this person; their thank-you mentions it.
    #[schemars(example = serde_json::json!(["the Q3 pipeline"]))]
    pub topics: Option<Topics>,
}

/// An offer from elsewhere that the employer should hear about.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetingOffer {
    /// Who made the offer.
    #[schemars(example = &"Globex")]
    pub company: String,
    /// The day it arrived.
    #[schemars(example = &"2026-11-24")]
    pub received: Date,
    /// The day you must answer it by.
    #[schemars(example = &"2026-12-01")]
    pub deadline: Option<Date>,
    /// You prefer this employer to the competing one: only then does the
    /// heads-up say they remain your first choice. Default `false`.
    #[schemars(example = true)]
    pub prefer: Option<bool>,
}

/// This employer's offer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// The day it arrived.
    #[schemars(example = &"2026-12-10")]
    pub received: Date,
    /// The day you must answer it by.
    #[schemars(example = &"2026-12-17")]
    pub deadline: Option<Date>,
}

/// A step you carried out.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DoneEntry {
    /// Which step (the interview itself cannot be marked done). A
    /// check-in or follow-up marks the earliest one not yet marked.
    #[schemars(example = &"thank-you")]
    pub step: DoneStep,
    /// For a thank-you: the interviewer it went to; without it, every
    /// thank-you of the interview.
    #[schemars(example = &"Mark Lee")]
    pub to: Option<String>,
    /// The day you did it (the employer's date), not before the
    /// interview.
    #[schemars(example = &"2026-11-18")]
    pub on: Date,
}

/// The follow-up rules (SPEC §4); every key optional, defaults in each
/// description.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Put the interview itself in the calendar, with a checklist. Default
    /// `true`.
    #[schemars(example = true)]
    pub interview_event: Option<bool>,
    /// How long each step's event lasts. Default `15m`.
    #[schemars(example = &"15m")]
    pub step_duration: Option<ElapsedDuration>,
    /// When the thank-you note goes out.
    #[schemars(example = serde_json::json!({"after": "2h", "within": "24h"}))]
    pub thank_you: Option<ThankYouPolicy>,
    /// When to check in.
    #[schemars(example = serde_json::json!({"after_decision": "1bd", "without_decision": "5bd"}))]
    pub check_in: Option<CheckInPolicy>,
    /// Spacing of further nudges.
    #[schemars(example = serde_json::json!({"gap": "5bd"}))]
    pub follow_up: Option<FollowUpPolicy>,
    /// Check-in plus follow-ups: 2 means a check-in and one follow-up, 1 a
    /// check-in only, 0 neither. Default 2.
    #[schemars(example = 2, range(min = 0, max = 100))]
    pub max_follow_ups: Option<u32>,
    /// When to close the loop and move on; `false` turns the step off.
    /// Default `{ after: 5bd }`.
    #[schemars(example = serde_json::json!({"after": "5bd"}))]
    pub move_on: Option<MoveOn>,
    /// After a rejection: when to ask for feedback.
    #[schemars(example = serde_json::json!({"after": "1bd"}))]
    pub feedback: Option<AfterPolicy>,
    /// After a competing offer arrives: when to tell the employer.
    #[schemars(example = serde_json::json!({"after": "1bd"}))]
    pub competing_offer: Option<AfterPolicy>,
    /// After their offer arrives: when to thank them, and when to remind
    /// you to answer before its deadline.
    #[schemars(example = serde_json::json!({"thanks_after": "1bd", "decide_before": "1bd"}))]
    pub offer: Option<OfferPolicy>,
}

/// `policy.offer`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferPolicy {
    /// After the offer is received. Default `1bd`.
    #[schemars(example = &"1bd")]
    pub thanks_after: Option<DurationText>,
    /// Before the offer's deadline (`1bd`: the business day before it).
    /// Default `1bd`.
    #[schemars(example = &"2bd")]
    pub decide_before: Option<DurationText>,
}

/// `policy.thank_you`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThankYouPolicy {
    /// How long after the interview ends. Default `2h`.
    #[schemars(example = &"2h")]
    pub after: Option<DurationText>,
    /// The latest it should go out, counted from the end. Default `24h`.
    #[schemars(example = &"24h")]
    pub within: Option<DurationText>,
}

/// `policy.check_in`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInPolicy {
    /// After `decision_by`. Default `1bd`.
    #[schemars(example = &"1bd")]
    pub after_decision: Option<DurationText>,
    /// After the thank-you when no decision date was given. Default `5bd`.
    #[schemars(example = &"5bd")]
    pub without_decision: Option<DurationText>,
}

/// `policy.follow_up`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpPolicy {
    /// After the previous nudge. Default `5bd`.
    #[schemars(example = &"5bd")]
    pub gap: Option<DurationText>,
}

/// `policy.move_on`: `false`, `true`, or when.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum MoveOn {
    Switch(bool),
    After(AfterPolicy),
}

/// A step timed from an earlier date.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AfterPolicy {
    /// How long after; business days (`bd`) are usual. Default `1bd`
    /// (`5bd` for `move_on`).
    #[schemars(example = &"1bd")]
    pub after: Option<DurationText>,
}

/// Alarms: one duration or a list.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Reminders {
    One(ElapsedDuration),
    Many(Vec<ElapsedDuration>),
}

/// Topics: one or a list.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Topics {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
/// An application's state; `accepted`: you accepted this employer's offer
/// (at most one interview).
pub enum Status {
    Waiting,
    Offer,
    Accepted,
    Rejected,
    Withdrawn,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
/// A step that can be marked done.
pub enum DoneStep {
    ThankYou,
    CheckIn,
    FollowUp,
    MoveOn,
    Feedback,
    CompetingOffer,
    OfferThanks,
    OfferDecision,
    Withdraw,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
/// The language of the drafted messages.
pub enum Language {
    En,
    De,
    Fr,
    Es,
    Nl,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
/// How the drafted messages speak.
pub enum Tone {
    Warm,
    Formal,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
/// How to reach the employer.
pub enum Channel {
    Email,
    Phone,
    Mail,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
/// A day of the week, short or spelled out.
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// A string schema with a pattern, for the textual formats.
macro_rules! text_format {
    ($name:ident, $title:literal, $description:literal, $pattern:expr) => {
        #[derive(Debug, Deserialize)]
        #[doc = $description]
        pub struct $name(pub String);

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $title.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "description": $description,
                    "pattern": $pattern,
                })
            }
        }
    };
}

text_format!(
    DurationText,
    "Duration",
    "A whole number and a unit: `m` minutes, `h` hours, `d` calendar days, `w` weeks, `bd` business days.",
    DURATION_PATTERN
);
text_format!(
    ElapsedDuration,
    "ElapsedDuration",
    "A length of time: `m` minutes, `h` hours, `d` days, `w` weeks (business days make no sense here).",
    ELAPSED_PATTERN
);
text_format!(
    Clock,
    "ClockTime",
    "A 24-hour local time; quote it: \"10:00\".",
    CLOCK_PATTERN
);
text_format!(
    Window,
    "WorkingHours",
    "Opening and closing time, \"HH:MM-HH:MM\", opening first.",
    WINDOW_PATTERN
);
text_format!(Date, "Date", "A calendar date, YYYY-MM-DD.", DATE_PATTERN);
text_format!(
    LocalDateTime,
    "LocalDateTime",
    "A local date and time, YYYY-MM-DDTHH:MM, without offset: the timezone gives it.",
    LOCAL_DATETIME_PATTERN
);
text_format!(Id, "Id", "Letters, digits, `.`, `_` and `-`.", ID_PATTERN);

/// An IANA zone name.
#[derive(Debug, Deserialize)]
pub struct TimeZone(pub String);

impl JsonSchema for TimeZone {
    fn schema_name() -> Cow<'static, str> {
        "TimeZone".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An IANA time zone name such as America/New_York or Europe/Berlin.",
            "minLength": 1,
            "examples": ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC"],
        })
    }
}

/// A holiday entry: a date, a built-in calendar, `auto`, an `.ics` path,
/// or an `.ics` file with a filter.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Holiday {
    Entry(String),
    File(HolidayFile),
}

/// `{ file: ./google.ics, only: "Public holiday" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayFile {
    pub file: String,
    pub only: Option<Words>,
    #[serde(rename = "except")]
    pub except_: Option<Words>,
}

/// One text or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Words {
    One(String),
    Many(Vec<String>),
}

impl JsonSchema for Holiday {
    fn schema_name() -> Cow<'static, str> {
        "Holiday".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let words = serde_json::json!({
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            ],
        });
        json_schema!({
            "description": "A date (YYYY-MM-DD), the name of a built-in holiday calendar (`followup holidays --list`), `auto` (the calendar of the employer zone's country), the path of an .ics file relative to the YAML file, or an .ics file with a filter: {file, only, except}.",
            "anyOf": [
                {
                    "type": "string",
                    "minLength": 1,
                    "examples": ["2026-12-25", "auto", "JP", "./office-closures.ics"],
                },
                {
                    "type": "object",
                    "description": "An .ics file, keeping the events whose SUMMARY, DESCRIPTION or CATEGORIES contain one of `only` (any case) and none of `except`.",
                    "properties": {
                        "file": {"type": "string", "minLength": 1, "description": "The .ics file, relative to the YAML file."},
                        "only": words.clone(),
                        "except": words,
                    },
                    "required": ["file"],
                    "additionalProperties": false,
                    "examples": [{"file": "./google-holidays.ics", "only": "Public holiday"}],
                },
            ],
        })
    }
}

/// The schema as pretty-printed JSON with a final newline: what
/// `followup schema` prints and `schema/followup.schema.json` holds.
pub fn to_json() -> String {
    let mut schema = schemars::schema_for!(Input);
    // Through the Schema (not `to_value`): its serializer puts `$schema`,
    // `title` and `description` first, which reads better.
    if let Some(map) = schema.as_object_mut() {
        map.values_mut().for_each(unwrap_descriptions);
        if let Some(serde_json::Value::String(d)) = map.get_mut("description") {
            *d = d.replace('\n', " ");
        }
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Doc comments are wrapped at 80 columns; editors show a description as
/// written, so join each paragraph's lines into one.
fn unwrap_descriptions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    serde_json::Value::String(text) if key == "description" => {
                        *text = text
                            .split("\n\n")
                            .map(|para| para.split('\n').collect::<Vec<_>>().join(" "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    _ => unwrap_descriptions(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
