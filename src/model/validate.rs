//! From the located YAML tree to a [`Model`], reporting every problem at once.
//!
//! One walk over the tree; each field is checked where it stands and each
//! problem becomes a [`Diagnostic`] with the field path, the line and column,
//! the value quoted and a fix. Unknown keys are errors (SPEC §3: typos must not
//! pass silently) with a "did you mean". Nothing here reads files: holiday
//! calendars by name or `.ics` path come from a [`HolidaySource`].
//!
//! Merging (SPEC §4.1): an interview's key replaces the `defaults` key, lists
//! included; `policy` merges key by key at every depth, built-in first, then
//! `defaults.policy`, then the interview's. Each layer is parsed once into a
//! `Layer` of options, so a mistake in `defaults` is reported once, not once
//! per interview.

use super::duration::{DURATION_HINT, Duration};
use super::kinds::Channel;
use super::suggest;
use super::yaml::{Key, Node, Pos, Span, Value};
use super::{Candidate, CompetingOffer, Interview, Interviewer, Model, Policy, Rules, Status};
use crate::calendar::holidays::{ics::Filter, zones};
use crate::calendar::{BusinessCalendar, WeekdaySet, WorkingHours};
use crate::error::{Diagnostic, FieldPath};
use crate::zone::{self, Zone};
use jiff::civil::{Date, DateTime, Time, Weekday};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::Arc;

/// Holiday entries that are not plain dates: built-in calendars by name and
/// `.ics` files by path. Implemented at the edge (files) and in tests.
pub trait HolidaySource: Sync {
    /// The built-in calendar `name` for the given years, or `None` if no such
    /// calendar exists.
    fn builtin(
        &self,
        name: &str,
        years: RangeInclusive<i16>,
    ) -> Option<Vec<(Date, Option<String>)>>;
    /// Names of the built-in calendars, for suggestions.
    fn builtin_names(&self) -> Vec<String>;
    /// The holidays in an `.ics` file for the given years, `path` as
    /// written (relative to the YAML file), keeping the events `filter`
    /// keeps, or a message saying why it could not be read.
    fn ics_file(
        &self,
        path: &str,
        years: RangeInclusive<i16>,
        filter: &Filter,
    ) -> Result<Vec<(Date, Option<String>)>, String>;
}

/// A source that knows no named calendars and reads no files.
pub struct DatesOnly;

impl HolidaySource for DatesOnly {
    fn builtin(&self, _: &str, _: RangeInclusive<i16>) -> Option<Vec<(Date, Option<String>)>> {
        None
    }
    fn builtin_names(&self) -> Vec<String> {
        Vec::new()
    }
    fn ics_file(
        &self,
        _: &str,
        _: RangeInclusive<i16>,
        _: &Filter,
    ) -> Result<Vec<(Date, Option<String>)>, String> {
        Err("holiday files cannot be read here".to_string())
    }
}

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

/// Validates a parsed document. Returns the model only when there is no
/// error; warnings come back either way. Diagnostics carry no file name: the
/// caller adds it.
pub fn validate(
    root: Option<&Node>,
    holidays: &dyn HolidaySource,
) -> (Option<Model>, Vec<Diagnostic>) {
    let mut v = Validator {
        diags: Vec::new(),
        holidays,
        zone_cache: HashMap::new(),
        zone_names: None,
        years: 2000..=2040,
        auto_cache: HashMap::new(),
        notes: Vec::new(),
    };
    let model = v.document(root);
    // Report in reading order; problems without a position come last. A
    // warning about a `defaults` entry comes once, not once per piece.
    v.diags
        .sort_by_key(|d| d.pos.map_or((u32::MAX, u32::MAX), |p| (p.line, p.col)));
    v.diags.dedup();
    let ok = !v.diags.iter().any(Diagnostic::is_error);
    (model.filter(|_| ok), v.diags)
}

/// Interviews per piece of the list checked on one core.
const VALIDATE_CHUNK: usize = 256;

struct Validator<'h> {
    diags: Vec<Diagnostic>,
    holidays: &'h dyn HolidaySource,
    zone_cache: HashMap<String, Result<Zone, String>>,
    zone_names: Option<Vec<String>>,
    /// Years for which named holiday calendars are expanded.
    years: RangeInclusive<i16>,
    /// Rules with `holidays: [auto]` resolved, by zone and the rules they
    /// were made from.
    auto_cache: HashMap<(String, usize), Arc<Rules>>,
    /// What `auto` chose, for `plan -v`.
    notes: Vec<String>,
}

/// One layer of mergeable settings (built-in, `defaults`, or an interview).
#[derive(Default, Clone)]
struct Layer {
    zone: Option<Zone>,
    weekend: Option<WeekdaySet>,
    holidays: Option<Vec<(Date, Option<String>)>>,
    /// Where `auto` stands in `holidays`, when it does.
    auto_holidays: Option<(FieldPath, Span)>,
    working_hours: Option<WorkingHours>,
    send_at: Option<Time>,
    duration: Option<Duration>,
    reminders: Option<Vec<i64>>,
    contact: Option<Channel>,
    policy: PolicyLayer,
}

impl Layer {
    /// Whether this layer sets any of the keys that make up [`Rules`].
    fn sets_rules(&self) -> bool {
        self.weekend.is_some()
            || self.holidays.is_some()
            || self.working_hours.is_some()
            || self.send_at.is_some()
            || self.duration.is_some()
            || self.reminders.is_some()
            || self.policy != PolicyLayer::default()
    }
}

#[derive(Default, Clone, PartialEq)]
struct PolicyLayer {
    interview_event: Option<bool>,
    step_duration: Option<Duration>,
    thank_you_after: Option<Duration>,
    thank_you_within: Option<Duration>,
    check_in_after_decision: Option<Duration>,
    check_in_without_decision: Option<Duration>,
    follow_up_gap: Option<Duration>,
    max_follow_ups: Option<u32>,
    /// `Some(false)`: `move_on: false`; `Some(true)`: turned on.
    move_on_enabled: Option<bool>,
    move_on_after: Option<Duration>,
    feedback_after: Option<Duration>,
    competing_offer_after: Option<Duration>,
}

impl PolicyLayer {
    /// `self` over `base`, leaf by leaf.
    fn over(&self, base: &Policy) -> Policy {
        let move_on_after = match self.move_on_enabled {
            Some(false) => None,
            Some(true) => Some(
                self.move_on_after
                    .or(base.move_on_after)
                    .unwrap_or(Duration::BusinessDays(5)),
            ),
            None => match (self.move_on_after, base.move_on_after) {
                (Some(a), _) => Some(a),
                (None, b) => b,
            },
        };
        Policy {
            interview_event: self.interview_event.unwrap_or(base.interview_event),
            step_duration: self.step_duration.unwrap_or(base.step_duration),
            thank_you_after: self.thank_you_after.unwrap_or(base.thank_you_after),
            thank_you_within: self.thank_you_within.unwrap_or(base.thank_you_within),
            check_in_after_decision: self
                .check_in_after_decision
                .unwrap_or(base.check_in_after_decision),
            check_in_without_decision: self
                .check_in_without_decision
                .unwrap_or(base.check_in_without_decision),
            follow_up_gap: self.follow_up_gap.unwrap_or(base.follow_up_gap),
            max_follow_ups: self.max_follow_ups.unwrap_or(base.max_follow_ups),
            move_on_after,
            feedback_after: self.feedback_after.unwrap_or(base.feedback_after),
            competing_offer_after: self
                .competing_offer_after
                .unwrap_or(base.competing_offer_after),
        }
    }
}

fn find<'n>(entries: &'n [(Key, Node)], key: &str) -> Option<&'n Node> {
    entries
        .iter()
        .find(|(k, v)| k.name == key && v.value != Value::Null)
        .map(|(_, v)| v)
}

fn quote(s: &str) -> String {
    let shown: String = s.chars().take(80).collect();
    format!("\"{}\"", shown.escape_debug())
}

/// Describes a value for a message: its text quoted, or its kind.
fn describe(node: &Node) -> String {
    match node.value.scalar_text() {
        Some(t) => quote(&t),
        None => node.value.kind().to_string(),
    }
}

impl<'h> Validator<'h> {
    /// Records an error at `at`: a value or key (underlined whole) or a
    /// bare position (one caret).
    fn error(
        &mut self,
        path: &FieldPath,
        at: impl Into<Span>,
        message: String,
        hint: impl Into<String>,
    ) {
        let at: Span = at.into();
        let hint: String = hint.into();
        let d = Diagnostic::error(path.as_str(), Some(at.pos), message).with_len(at.len);
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    /// A validator for a piece of the work, with the same settings and
    /// zones found so far, and no diagnostics of its own yet.
    fn fork(&self) -> Validator<'h> {
        Validator {
            diags: Vec::new(),
            holidays: self.holidays,
            zone_cache: self.zone_cache.clone(),
            zone_names: None,
            years: self.years.clone(),
            auto_cache: HashMap::new(),
            notes: Vec::new(),
        }
    }

    fn document(&mut self, root: Option<&Node>) -> Option<Model> {
        let Some(root) = root else {
            self.diags.push(
                Diagnostic::error(
                    "interviews",
                    Some(Pos { line: 1, col: 1 }),
                    "the file has no content: there is no `interviews` list",
                )
                .with_hint(
                    "an input needs an `interviews:` list (is this the right file?); run `followup init` for a starter file",
                ),
            );
            return None;
        };
        let path = FieldPath::root();
        let top = self.map(root, &path, TOP_KEYS, "the top level")?;
        self.years = scan_years(top);
        let candidate = match find(top, "candidate") {
            Some(n) => self.candidate(n, &path.key("candidate")),
            None => Candidate::default(),
        };
        let defaults = match find(top, "defaults") {
            Some(n) => self.layer(n, &path.key("defaults"), SETTING_KEYS, "defaults"),
            None => Layer::default(),
        };
        let builtin = Policy::default();
        let default_policy = defaults.policy.over(&builtin);
        let default_rules = Arc::new(self.rules(&defaults, &Layer::default(), &default_policy));

        let Some(list) = top.iter().find(|(k, _)| k.name == "interviews") else {
            self.diags.push(
                Diagnostic::error(
                    "interviews",
                    Some(root.pos),
                    "the document has no `interviews` list",
                )
                .with_hint(
                    "add `interviews:` with one entry per interview (is this the right file?)",
                ),
            );
            return None;
        };
        let items: &[Node] = match &list.1.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                self.error(
                    &path.key("interviews"),
                    list.1.span(),
                    format!("`interviews` must be a list, found {}", list.1.value.kind()),
                    "start each interview with `- id: ...`",
                );
                return None;
            }
        };
        if items.is_empty() {
            self.diags.push(
                Diagnostic::warning(
                    "interviews",
                    Some(list.1.pos),
                    "the `interviews` list is empty: the calendar will have no events",
                )
                .with_hint("add an interview, or check that this is the right file"),
            );
        }
        // Interviews are independent: each piece of the list is checked by
        // its own validator on any core, and the results joined in order, so
        // the diagnostics come out as one validator would give them.
        let list_path = path.key("interviews");
        let checked: Vec<(Option<Interview>, Vec<Diagnostic>, Vec<String>)> = items
            .par_chunks(VALIDATE_CHUNK)
            .enumerate()
            .flat_map_iter(|(c, chunk)| {
                let mut v = self.fork();
                chunk
                    .iter()
                    .enumerate()
                    .map(|(j, item)| {
                        let p = list_path.index(c * VALIDATE_CHUNK + j);
                        let iv = v.interview(item, &p, &defaults, &default_policy, &default_rules);
                        (
                            iv,
                            std::mem::take(&mut v.diags),
                            std::mem::take(&mut v.notes),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut interviews = Vec::with_capacity(items.len());
        let mut seen: HashMap<String, u32> = HashMap::with_capacity(items.len());
        let mut notes: Vec<String> = Vec::new();
        for (i, (item, (iv, diags, auto_notes))) in items.iter().zip(checked).enumerate() {
            self.diags.extend(diags);
            notes.extend(auto_notes);
            if let Some(iv) = iv {
                if let Some(line) = seen.get(&iv.id) {
                    let pos = item
                        .as_map()
                        .and_then(|m| m.iter().find(|(k, _)| k.name == "id"))
                        .map(|(_, v)| v.span())
                        .unwrap_or_else(|| item.pos.into());
                    self.error(
                        &list_path.index(i).key("id"),
                        pos,
                        format!("duplicate id {}: line {line} already uses it", quote(&iv.id)),
                        "every interview needs its own id; it keeps calendar events stable across edits",
                    );
                } else {
                    seen.insert(iv.id.clone(), item.pos.line);
                }
                interviews.push(iv);
            }
        }
        notes.sort();
        notes.dedup();
        Some(Model {
            candidate,
            interviews,
            holiday_notes: notes,
        })
    }

    /// Checks that `node` is a mapping with only `allowed` keys.
    fn map<'n>(
        &mut self,
        node: &'n Node,
        path: &FieldPath,
        allowed: &[&str],
        what: &str,
    ) -> Option<&'n [(Key, Node)]> {
        let Value::Map(entries) = &node.value else {
            self.error(
                path,
                node.span(),
                format!(
                    "{what} must be a mapping of `key: value` lines, found {}",
                    describe(node)
                ),
                "",
            );
            return None;
        };
        for (k, _) in entries {
            if !allowed.contains(&k.name.as_str()) {
                self.error(
                    &path.key(&k.name),
                    k.span(),
                    format!("unknown key {} in {what}", quote(&k.name)),
                    suggest::hint(&k.name, allowed),
                );
            }
        }
        Some(entries)
    }

    fn text(&mut self, node: &Node, path: &FieldPath) -> Option<String> {
        match node.value.scalar_text() {
            Some(t) => Some(t),
            None => {
                self.error(
                    path,
                    node.span(),
                    format!("expected text, found {}", node.value.kind()),
                    "write a single value on the same line as the key",
                );
                None
            }
        }
    }

    fn opt_text(&mut self, entries: &[(Key, Node)], key: &str, path: &FieldPath) -> Option<String> {
        find(entries, key).and_then(|n| self.text(n, &path.key(key)))
    }

    /// The value of a required key, or a "missing" error at its parent.
    fn required<'n>(
        &mut self,
        entries: &'n [(Key, Node)],
        key: &str,
        parent: &Node,
        path: &FieldPath,
        hint: &str,
    ) -> Option<&'n Node> {
        let found = find(entries, key);
        if found.is_none() {
            self.error(
                &path.key(key),
                parent.pos,
                format!("missing required key `{key}`"),
                hint,
            );
        }
        found
    }

    fn required_text(
        &mut self,
        entries: &[(Key, Node)],
        key: &str,
        parent: &Node,
        path: &FieldPath,
        hint: &str,
    ) -> Option<String> {
        let n = self.required(entries, key, parent, path, hint)?;
        let t = self.text(n, &path.key(key))?;
        if t.trim().is_empty() {
            self.error(&path.key(key), n.span(), format!("`{key}` is empty"), hint);
            return None;
        }
        Some(t)
    }

    fn candidate(&mut self, node: &Node, path: &FieldPath) -> Candidate {
        let Some(m) = self.map(node, path, CANDIDATE_KEYS, "candidate") else {
            return Candidate::default();
        };
        Candidate {
            name: self.opt_text(m, "name", path),
            email: self.opt_text(m, "email", path),
            zone: find(m, "timezone").and_then(|n| self.zone(n, &path.key("timezone"))),
        }
    }

    fn zone(&mut self, node: &Node, path: &FieldPath) -> Option<Zone> {
        let name = self.text(node, path)?;
        let found = match self.zone_cache.get(&name) {
            Some(z) => z.clone(),
            None => {
                let z = zone::lookup(&name).ok_or_else(|| {
                    let names = self.zone_names.get_or_insert_with(zone::names);
                    match suggest::closest(&name, names.iter().map(String::as_str)) {
                        Some(c) => format!(
                            "did you mean \"{c}\"? Zones are IANA names such as America/New_York"
                        ),
                        None => "use an IANA zone name such as America/New_York or Europe/Berlin"
                            .to_string(),
                    }
                });
                self.zone_cache.insert(name.clone(), z.clone());
                z
            }
        };
        match found {
            Ok(z) => Some(z),
            Err(hint) => {
                self.error(
                    path,
                    node.span(),
                    format!("unknown timezone {}", quote(&name)),
                    hint,
                );
                None
            }
        }
    }

    fn date(&mut self, node: &Node, path: &FieldPath) -> Option<Date> {
        let t = self.text(node, path)?;
        match t.trim().parse::<Date>() {
            Ok(d) if t.trim().len() == 10 => Some(d),
            _ => {
                let why = if looks_like_date(t.trim()) {
                    format!("{} is not a real date", quote(&t))
                } else {
                    format!("expected a date, found {}", quote(&t))
                };
                self.error(
                    path,
                    node.span(),
                    why,
                    "write dates as YYYY-MM-DD, e.g. 2026-11-27",
                );
                None
            }
        }
    }

    fn local_datetime(&mut self, node: &Node, path: &FieldPath) -> Option<DateTime> {
        let t = self.text(node, path)?;
        let s = t.trim();
        let hint = "write a local time as YYYY-MM-DDTHH:MM, e.g. 2026-11-17T14:00 (the timezone gives the offset)";
        if s.ends_with('Z') || s.ends_with('z') || has_offset(s) {
            self.error(
                path,
                node.span(),
                format!(
                    "{} carries a UTC offset, but local times take theirs from `timezone`",
                    quote(&t)
                ),
                "drop the offset (e.g. 2026-11-17T14:00) and set `timezone` to the employer's zone",
            );
            return None;
        }
        if s.len() == 10 && s.parse::<Date>().is_ok() {
            self.error(
                path,
                node.span(),
                format!("{} has a date but no time", quote(&t)),
                hint,
            );
            return None;
        }
        match s.parse::<DateTime>() {
            Ok(dt) => Some(dt),
            Err(_) => {
                let why = if looks_like_date(s) {
                    format!("{} is not a real date and time", quote(&t))
                } else {
                    format!("expected a local date and time, found {}", quote(&t))
                };
                self.error(path, node.span(), why, hint);
                None
            }
        }
    }

    fn clock(&mut self, node: &Node, path: &FieldPath) -> Option<Time> {
        let t = self.text(node, path)?;
        match parse_clock(t.trim()) {
            Some(c) => Some(c),
            None => {
                self.error(
                    path,
                    node.span(),
                    format!("expected a clock time, found {}", quote(&t)),
                    "write a 24-hour time in quotes, e.g. \"10:00\"",
                );
                None
            }
        }
    }

    fn duration(&mut self, node: &Node, path: &FieldPath) -> Option<Duration> {
        let t = self.text(node, path)?;
        match Duration::parse(&t) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(
                    path,
                    node.span(),
                    format!("{} is not a duration: {}", quote(&t), e.0),
                    DURATION_HINT,
                );
                None
            }
        }
    }

    /// A duration of elapsed time (`m`, `h`, or `d`/`w` read as 24 h days):
    /// interview length, step length, reminders.
    fn elapsed_minutes(&mut self, node: &Node, path: &FieldPath) -> Option<i64> {
        match self.duration(node, path)? {
            Duration::Minutes(m) => Some(m),
            Duration::Days(d) => Some(d * 24 * 60),
            Duration::BusinessDays(_) => {
                self.error(
                    path,
                    node.span(),
                    format!(
                        "{} counts business days, which make no sense here",
                        describe(node)
                    ),
                    "use minutes, hours or days: `15m`, `2h`, `1d`",
                );
                None
            }
        }
    }

    /// A duration counted from a date: `d`, `w` or `bd`; `m`/`h` only in
    /// whole days (`48h` reads as `2d`).
    fn date_duration(&mut self, node: &Node, path: &FieldPath) -> Option<Duration> {
        match self.duration(node, path)? {
            Duration::Minutes(m) if m % (24 * 60) == 0 => Some(Duration::Days(m / (24 * 60))),
            Duration::Minutes(_) => {
                self.error(
                    path,
                    node.span(),
                    format!(
                        "{} is counted from a date, so it needs whole days",
                        describe(node)
                    ),
                    "use business days or days: `1bd`, `5bd`, `2d`, `1w`",
                );
                None
            }
            d => Some(d),
        }
    }

    fn bool(&mut self, node: &Node, path: &FieldPath) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if s == "true" || s == "false" => Some(s == "true"),
            _ => {
                self.error(
                    path,
                    node.span(),
                    format!("expected true or false, found {}", describe(node)),
                    "write `true` or `false` (YAML 1.2: `yes`/`no` are text)",
                );
                None
            }
        }
    }

    fn list<'n>(&mut self, node: &'n Node, path: &FieldPath, example: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.error(
                    path,
                    node.span(),
                    format!("expected a list, found {}", describe(node)),
                    format!("write a list in brackets, e.g. {example}"),
                );
                None
            }
        }
    }

    /// Parses the mergeable keys of `defaults` or of an interview.
    fn layer(&mut self, node: &Node, path: &FieldPath, allowed: &[&str], what: &str) -> Layer {
        let Some(m) = self.map(node, path, allowed, what) else {
            return Layer::default();
        };
        self.layer_from(m, path)
    }

    fn layer_from(&mut self, m: &[(Key, Node)], path: &FieldPath) -> Layer {
        let mut l = Layer::default();
        if let Some(n) = find(m, "timezone") {
            l.zone = self.zone(n, &path.key("timezone"));
        }
        if let Some(n) = find(m, "weekend") {
            l.weekend = self.weekend(n, &path.key("weekend"));
        }
        if let Some(n) = find(m, "holidays")
            && let Some((days, auto)) = self.holiday_list(n, &path.key("holidays"))
        {
            l.holidays = Some(days);
            l.auto_holidays = auto;
        }
        if let Some(n) = find(m, "working_hours") {
            l.working_hours = self.working_hours(n, &path.key("working_hours"));
        }
        if let Some(n) = find(m, "send_at") {
            l.send_at = self.clock(n, &path.key("send_at"));
        }
        if let Some(n) = find(m, "duration") {
            l.duration = self
                .elapsed_minutes(n, &path.key("duration"))
                .map(Duration::Minutes);
        }
        if let Some(n) = find(m, "reminders") {
            l.reminders = self.reminders(n, &path.key("reminders"));
        }
        if let Some(n) = find(m, "contact") {
            l.contact = self.channel(n, &path.key("contact"));
        }
        if let Some(n) = find(m, "policy") {
            l.policy = self.policy(n, &path.key("policy"));
        }
        l
    }

    fn weekend(&mut self, node: &Node, path: &FieldPath) -> Option<WeekdaySet> {
        let items = self.list(node, path, "[sat, sun]")?;
        let mut set = WeekdaySet::empty();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            let Some(t) = self.text(item, &p) else {
                ok = false;
                continue;
            };
            match parse_weekday(&t) {
                Some(w) => set.insert(w),
                None => {
                    ok = false;
                    self.error(
                        &p,
                        item.span(),
                        format!("unknown weekday {}", quote(&t)),
                        suggest::hint(&t, WEEKDAYS),
                    );
                }
            }
        }
        if ok && set.is_full() {
            self.error(
                path,
                node.span(),
                "every day of the week is a weekend, so no step could ever be placed".to_string(),
                "list only the days the employer does not work, e.g. [sat, sun]",
            );
            return None;
        }
        ok.then_some(set)
    }

    /// The dates of a `holidays` list, and where `auto` stands in it (the
    /// employer zone's calendar, added once the zone is known).
    #[allow(clippy::type_complexity)]
    fn holiday_list(
        &mut self,
        node: &Node,
        path: &FieldPath,
    ) -> Option<(Vec<(Date, Option<String>)>, Option<(FieldPath, Span)>)> {
        let items = self.list(node, path, "[2026-12-25, US, ./closures.ics, auto]")?;
        let mut out = Vec::new();
        let mut auto = None;
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            if let Value::Map(_) = item.value {
                match self.holiday_file_entry(item, &p) {
                    Some(days) => out.extend(days),
                    None => ok = false,
                }
                continue;
            }
            let Some(t) = self.text(item, &p) else {
                ok = false;
                continue;
            };
            let s = t.trim();
            if s.eq_ignore_ascii_case("auto") {
                auto = Some((p, item.span()));
            } else if looks_like_date(s) {
                match self.date(item, &p) {
                    Some(d) => out.push((d, None)),
                    None => ok = false,
                }
            } else if s.to_ascii_lowercase().ends_with(".ics") {
                match self
                    .holidays
                    .ics_file(s, self.years.clone(), &Filter::default())
                {
                    Ok(days) => out.extend(days),
                    Err(why) => {
                        ok = false;
                        self.error(
                            &p,
                            item.span(),
                            format!("cannot read holiday file {}: {why}", quote(s)),
                            "paths are relative to the YAML file's folder; `followup holidays FILE.ics` shows what a file gives",
                        );
                    }
                }
            } else {
                match self.holidays.builtin(s, self.years.clone()) {
                    Some(days) => {
                        out.extend(days);
                        if let Some(w) =
                            crate::calendar::holidays::coverage_warning(s, self.years.clone())
                        {
                            self.diags.push(
                                Diagnostic::warning(p.as_str(), Some(item.pos), w)
                                    .with_len(item.span().len)
                                    .with_hint(
                                        "add the missing days as dates or from an .ics file",
                                    ),
                            );
                        }
                    }
                    None => {
                        ok = false;
                        let names = self.holidays.builtin_names();
                        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                        let hint = match suggest::closest(s, refs.iter().copied()) {
                            Some(c) => format!("did you mean \"{c}\"?"),
                            None if refs.is_empty() => {
                                "write holidays as dates (2026-12-25) or paths to .ics files"
                                    .to_string()
                            }
                            None => "write a date (2026-12-25), an .ics path, `auto` (the employer zone's calendar) or a built-in calendar (`followup holidays --list` names them)".to_string(),
                        };
                        self.error(
                            &p,
                            item.span(),
                            format!(
                                "{} is not a date, an .ics file or a known holiday calendar",
                                quote(s)
                            ),
                            hint,
                        );
                    }
                }
            }
        }
        ok.then_some((out, auto))
    }

    /// `{ file: ./google.ics, only: "Public holiday", except: [...] }`.
    fn holiday_file_entry(
        &mut self,
        node: &Node,
        path: &FieldPath,
    ) -> Option<Vec<(Date, Option<String>)>> {
        let m = self.map(node, path, HOLIDAY_FILE_KEYS, "a holiday file entry")?;
        let file = self.required_text(m, "file", node, path, "add `file: ./holidays.ics`");
        let mut words = |key: &str| -> Option<Vec<String>> {
            let Some(n) = find(m, key) else {
                return Some(Vec::new());
            };
            let p = path.key(key);
            let items: Vec<&Node> = match &n.value {
                Value::Seq(items) => items.iter().collect(),
                _ => vec![n],
            };
            let mut out = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let ip = if matches!(n.value, Value::Seq(_)) {
                    p.index(i)
                } else {
                    p.clone()
                };
                let t = self.text(item, &ip)?;
                if t.trim().is_empty() {
                    self.error(&ip, item.span(), format!("`{key}` is empty"), "give the words to look for in SUMMARY, DESCRIPTION or CATEGORIES, e.g. \"Public holiday\"");
                    return None;
                }
                out.push(t.trim().to_string());
            }
            Some(out)
        };
        let filter = Filter {
            only: words("only")?,
            except: words("except")?,
        };
        let file = file?;
        let at = find(m, "file").map_or_else(|| node.span(), Node::span);
        match self
            .holidays
            .ics_file(file.trim(), self.years.clone(), &filter)
        {
            Ok(days) => Some(days),
            Err(why) => {
                self.error(
                    &path.key("file"),
                    at,
                    format!("cannot read holiday file {}: {why}", quote(file.trim())),
                    "paths are relative to the YAML file's folder; `followup holidays FILE.ics` shows what a file gives",
                );
                None
            }
        }
    }

    /// `rules` with the calendar of `zone`'s country added (`holidays:
    /// [auto]`), warning at `at` when there is none.
    fn auto_rules(&mut self, rules: Arc<Rules>, zone: &Zone, at: &(FieldPath, Span)) -> Arc<Rules> {
        let key = (zone.name.clone(), Arc::as_ptr(&rules) as usize);
        if let Some(r) = self.auto_cache.get(&key) {
            return Arc::clone(r);
        }
        let resolved = zones::resolve(&zone.name, self.years.clone());
        if let Some(w) = resolved.warning {
            self.diags.push(
                Diagnostic::warning(at.0.as_str(), Some(at.1.pos), w)
                    .with_len(at.1.len)
                    .with_hint("list the dates, an .ics file, or a calendar from `followup holidays --list` beside or instead of `auto`"),
            );
        }
        self.notes.push(resolved.note);
        let mut r = (*rules).clone();
        r.calendar = r.calendar.with_holidays(resolved.days);
        let r = Arc::new(r);
        self.auto_cache.insert(key, Arc::clone(&r));
        r
    }

    fn working_hours(&mut self, node: &Node, path: &FieldPath) -> Option<WorkingHours> {
        let t = self.text(node, path)?;
        let hint = "write the window as \"HH:MM-HH:MM\", e.g. \"09:00-17:00\"";
        let parsed = t
            .split_once('-')
            .and_then(|(a, b)| Some((parse_clock(a.trim())?, parse_clock(b.trim())?)));
        match parsed {
            Some((open, close)) if open < close => Some(WorkingHours { open, close }),
            Some(_) => {
                self.error(
                    path,
                    node.span(),
                    format!("working hours {} end before they start", quote(&t)),
                    "the window must open before it closes on the same day, e.g. \"09:00-17:00\"",
                );
                None
            }
            None => {
                self.error(
                    path,
                    node.span(),
                    format!("{} is not a working-hours window", quote(&t)),
                    hint,
                );
                None
            }
        }
    }

    fn reminders(&mut self, node: &Node, path: &FieldPath) -> Option<Vec<i64>> {
        if let Value::Seq(items) = &node.value {
            let mut out = Vec::with_capacity(items.len());
            let mut ok = true;
            for (i, item) in items.iter().enumerate() {
                match self.elapsed_minutes(item, &path.index(i)) {
                    Some(m) => out.push(m),
                    None => ok = false,
                }
            }
            ok.then_some(out)
        } else {
            self.elapsed_minutes(node, path).map(|m| vec![m])
        }
    }

    fn channel(&mut self, node: &Node, path: &FieldPath) -> Option<Channel> {
        let t = self.text(node, path)?;
        match Channel::parse(t.trim()) {
            Some(c) => Some(c),
            None => {
                self.error(
                    path,
                    node.span(),
                    format!("unknown contact channel {}", quote(&t)),
                    suggest::hint(&t, &Channel::NAMES),
                );
                None
            }
        }
    }

    fn policy(&mut self, node: &Node, path: &FieldPath) -> PolicyLayer {
        let mut p = PolicyLayer::default();
        let Some(m) = self.map(node, path, POLICY_KEYS, "policy") else {
            return p;
        };
        if let Some(n) = find(m, "interview_event") {
            p.interview_event = self.bool(n, &path.key("interview_event"));
        }
        if let Some(n) = find(m, "step_duration") {
            p.step_duration = self
                .elapsed_minutes(n, &path.key("step_duration"))
                .map(Duration::Minutes);
        }
        if let Some(n) = find(m, "max_follow_ups") {
            let pp = path.key("max_follow_ups");
            match &n.value {
                Value::Int(i) if (0..=100).contains(i) => p.max_follow_ups = Some(*i as u32),
                _ => self.error(
                    &pp,
                    n.span(),
                    format!(
                        "max_follow_ups must be a whole number from 0 to 100, found {}",
                        describe(n)
                    ),
                    "2 means a check-in and one follow-up; 1 a check-in only; 0 neither",
                ),
            }
        }
        if let Some(sub) = self.sub(m, "thank_you", path, THANK_YOU_KEYS) {
            let pp = path.key("thank_you");
            if let Some(n) = find(sub, "after") {
                p.thank_you_after = self.duration(n, &pp.key("after"));
            }
            if let Some(n) = find(sub, "within") {
                p.thank_you_within = self.duration(n, &pp.key("within"));
            }
        }
        if let Some(sub) = self.sub(m, "check_in", path, CHECK_IN_KEYS) {
            let pp = path.key("check_in");
            if let Some(n) = find(sub, "after_decision") {
                p.check_in_after_decision = self.date_duration(n, &pp.key("after_decision"));
            }
            if let Some(n) = find(sub, "without_decision") {
                p.check_in_without_decision = self.date_duration(n, &pp.key("without_decision"));
            }
        }
        if let Some(sub) = self.sub(m, "follow_up", path, FOLLOW_UP_KEYS)
            && let Some(n) = find(sub, "gap")
        {
            p.follow_up_gap = self.date_duration(n, &path.key("follow_up").key("gap"));
        }
        if let Some(n) = find(m, "move_on") {
            match &n.value {
                Value::Bool(b) => p.move_on_enabled = Some(*b),
                _ => {
                    if let Some(sub) = self.sub(m, "move_on", path, AFTER_KEYS) {
                        p.move_on_enabled = Some(true);
                        if let Some(n) = find(sub, "after") {
                            p.move_on_after =
                                self.date_duration(n, &path.key("move_on").key("after"));
                        }
                    }
                }
            }
        }
        if let Some(sub) = self.sub(m, "feedback", path, AFTER_KEYS)
            && let Some(n) = find(sub, "after")
        {
            p.feedback_after = self.date_duration(n, &path.key("feedback").key("after"));
        }
        if let Some(sub) = self.sub(m, "competing_offer", path, AFTER_KEYS)
            && let Some(n) = find(sub, "after")
        {
            p.competing_offer_after =
                self.date_duration(n, &path.key("competing_offer").key("after"));
        }
        p
    }

    /// A nested policy mapping such as `thank_you: {after: 2h}`.
    fn sub<'n>(
        &mut self,
        m: &'n [(Key, Node)],
        key: &str,
        path: &FieldPath,
        allowed: &[&str],
    ) -> Option<&'n [(Key, Node)]> {
        let n = find(m, key)?;
        self.map(n, &path.key(key), allowed, &format!("policy.{key}"))
    }

    /// Merged rules of `top` over `base` over the built-in values.
    fn rules(&mut self, top: &Layer, base: &Layer, policy: &Policy) -> Rules {
        let weekend = top.weekend.or(base.weekend).unwrap_or(WeekdaySet::SAT_SUN);
        let holidays = top
            .holidays
            .clone()
            .or_else(|| base.holidays.clone())
            .unwrap_or_default();
        Rules {
            calendar: BusinessCalendar::new(weekend, holidays),
            working_hours: top.working_hours.or(base.working_hours).unwrap_or_default(),
            send_at: top
                .send_at
                .or(base.send_at)
                .unwrap_or(Time::constant(10, 0, 0, 0)),
            duration: top
                .duration
                .or(base.duration)
                .unwrap_or(Duration::Minutes(60)),
            reminders: top
                .reminders
                .clone()
                .or_else(|| base.reminders.clone())
                .unwrap_or_else(|| vec![15]),
            policy: policy.clone(),
        }
    }

    fn interview(
        &mut self,
        node: &Node,
        path: &FieldPath,
        defaults: &Layer,
        default_policy: &Policy,
        default_rules: &Arc<Rules>,
    ) -> Option<Interview> {
        let m = self.map(node, path, INTERVIEW_KEYS, "an interview")?;
        let errors_before = self.error_count();
        let id = self.required_text(
            m,
            "id",
            node,
            path,
            "give the interview a short unique id such as `acme-ae`",
        );
        if let (Some(id), Some(n)) = (&id, find(m, "id"))
            && let Some(bad) = id
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        {
            self.error(
                &path.key("id"),
                n.span(),
                format!("id {} contains {}", quote(id), quote(&bad.to_string())),
                "ids use only letters, digits, `.`, `_` and `-`, e.g. `acme-ae`",
            );
        }
        let company =
            self.required_text(m, "company", node, path, "add `company: <employer name>`");
        let role = self.required_text(m, "role", node, path, "add `role: <job title>`");
        let own = self.layer_from(m, path);
        let zone = match own.zone.clone().or_else(|| defaults.zone.clone()) {
            Some(z) => Some(z),
            None => {
                if find(m, "timezone").is_none() {
                    self.error(
                        &path.key("timezone"),
                        node.pos,
                        "missing `timezone`: the employer's zone is needed to place steps"
                            .to_string(),
                        "add `timezone: America/New_York` (an IANA name) here or under `defaults`",
                    );
                }
                None
            }
        };
        let start_local = self
            .required(
                m,
                "start",
                node,
                path,
                "add `start: 2026-11-17T14:00` (local time in the employer's zone)",
            )
            .and_then(|n| self.local_datetime(n, &path.key("start")));
        let end_local = find(m, "end").and_then(|n| self.local_datetime(n, &path.key("end")));
        let process = self.opt_text(m, "process", path);
        let interviewers = find(m, "interviewers")
            .and_then(|n| self.interviewers(n, &path.key("interviewers")))
            .unwrap_or_default();
        let decision_by =
            find(m, "decision_by").and_then(|n| self.date(n, &path.key("decision_by")));
        let topics = find(m, "topics")
            .and_then(|n| self.topics(n, &path.key("topics")))
            .unwrap_or_default();
        let status = match find(m, "status") {
            Some(n) => {
                let t = self.text(n, &path.key("status"));
                match t.as_deref().map(str::trim).map(Status::parse) {
                    Some(Some(s)) => Some(s),
                    Some(None) => {
                        let t = t.unwrap_or_default();
                        self.error(
                            &path.key("status"),
                            n.span(),
                            format!("unknown status {}", quote(&t)),
                            suggest::hint(&t, &Status::NAMES),
                        );
                        None
                    }
                    None => None,
                }
            }
            None => Some(Status::Waiting),
        };
        let status_date =
            find(m, "status_date").and_then(|n| self.date(n, &path.key("status_date")));
        if let Some(s) = status
            && s != Status::Waiting
            && status_date.is_none()
            && find(m, "status_date").is_none()
        {
            let pos = find(m, "status")
                .map(Node::span)
                .unwrap_or_else(|| node.pos.into());
            self.error(
                &path.key("status_date"),
                pos,
                "a status other than `waiting` needs `status_date`".to_string(),
                "add `status_date: YYYY-MM-DD`, the day the status changed",
            );
        }
        let competing_offer = find(m, "competing_offer")
            .and_then(|n| self.competing_offer(n, &path.key("competing_offer")));

        let rules = if own.sets_rules() {
            let policy = own.policy.over(default_policy);
            Arc::new(self.rules(&own, defaults, &policy))
        } else {
            Arc::clone(default_rules)
        };
        let contact = own.contact.or(defaults.contact).unwrap_or_default();
        let auto = match own.holidays {
            Some(_) => own.auto_holidays.clone(),
            None => defaults.auto_holidays.clone(),
        };
        let rules = match (auto, &zone) {
            (Some(at), Some(z)) => self.auto_rules(rules, z, &at),
            _ => rules,
        };

        let zone = zone?;
        let start_local = start_local?;
        let start = self.resolve(&zone, start_local, path, find(m, "start").map(Node::span))?;
        let end = match end_local {
            Some(e) => self.resolve(&zone, e, path, find(m, "end").map(Node::span))?,
            None => {
                let minutes = rules.duration.minutes().unwrap_or(60);
                start
                    .checked_add(jiff::SignedDuration::from_mins(minutes))
                    .ok()?
            }
        };
        if end.timestamp() < start.timestamp() {
            let pos = find(m, "end")
                .map(Node::span)
                .unwrap_or_else(|| node.pos.into());
            self.error(
                &path.key("end"),
                pos,
                format!(
                    "the interview ends ({}) before it starts ({})",
                    end.datetime(),
                    start.datetime()
                ),
                "check the date and time of `end`, or drop it to use `duration`",
            );
        }
        if self.error_count() > errors_before {
            return None;
        }
        Some(Interview {
            id: id?,
            company: company?,
            role: role?,
            zone,
            start,
            end,
            process,
            interviewers,
            contact,
            decision_by,
            topics,
            status: status?,
            status_date,
            competing_offer,
            rules,
        })
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    fn resolve(
        &mut self,
        zone: &Zone,
        local: DateTime,
        path: &FieldPath,
        at: Option<Span>,
    ) -> Option<jiff::Zoned> {
        let z = zone.resolve(local);
        if z.is_none() {
            self.diags.push(
                Diagnostic::error(
                    path.as_str(),
                    at.map(|s| s.pos),
                    format!("{local} is out of the supported range"),
                )
                .with_len(at.map_or(1, |s| s.len))
                .with_hint("use a date between the years 1 and 9999"),
            );
        }
        z
    }

    fn interviewers(&mut self, node: &Node, path: &FieldPath) -> Option<Vec<Interviewer>> {
        let items = self.list(node, path, "[{ name: Mark Lee, title: Hiring Manager }]")?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            if let Some(name) = item.value.scalar_text() {
                out.push(Interviewer {
                    name,
                    email: None,
                    title: None,
                });
                continue;
            }
            let Some(m) = self.map(item, &p, INTERVIEWER_KEYS, "an interviewer") else {
                continue;
            };
            let name = self.required_text(m, "name", item, &p, "every interviewer needs a `name`");
            let email = self.opt_text(m, "email", &p);
            let title = self.opt_text(m, "title", &p);
            if let Some(name) = name {
                out.push(Interviewer { name, email, title });
            }
        }
        Some(out)
    }

    fn topics(&mut self, node: &Node, path: &FieldPath) -> Option<Vec<String>> {
        if let Some(t) = node.value.scalar_text() {
            return Some(vec![t]);
        }
        let items = self.list(node, path, "[Q3 pipeline, CRM migration]")?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(t) = self.text(item, &path.index(i)) {
                out.push(t);
            }
        }
        Some(out)
    }

    fn competing_offer(&mut self, node: &Node, path: &FieldPath) -> Option<CompetingOffer> {
        let m = self.map(node, path, OFFER_KEYS, "competing_offer")?;
        let company = self.required_text(
            m,
            "company",
            node,
            path,
            "name the company that made the offer",
        );
        let received = self
            .required(
                m,
                "received",
                node,
                path,
                "add `received: YYYY-MM-DD`, the day the offer arrived",
            )
            .and_then(|n| self.date(n, &path.key("received")));
        let deadline = find(m, "deadline").and_then(|n| self.date(n, &path.key("deadline")));
        Some(CompetingOffer {
            company: company?,
            received: received?,
            deadline,
        })
    }
}

/// The years the file's interviews fall in, widened by a year before and
/// two after, for expanding named holiday calendars. A cheap pre-scan of
/// `start` values; anything unparsable is ignored here and reported later.
fn scan_years(top: &[(Key, Node)]) -> RangeInclusive<i16> {
    let mut lo = i16::MAX;
    let mut hi = i16::MIN;
    if let Some(Value::Seq(items)) = find(top, "interviews").map(|n| &n.value) {
        for item in items {
            let year = item
                .as_map()
                .and_then(|m| find(m, "start"))
                .and_then(|n| n.value.scalar_text())
                .and_then(|t| t.get(0..4).and_then(|y| y.parse::<i16>().ok()));
            if let Some(y) = year {
                lo = lo.min(y);
                hi = hi.max(y);
            }
        }
    }
    if lo > hi {
        return 2000..=2040;
    }
    lo.saturating_sub(1).max(1)..=hi.saturating_add(2).min(9999)
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

fn has_offset(s: &str) -> bool {
    // An offset follows the time: look for + or - after a 'T' or space.
    match s.find(['T', 't', ' ']) {
        Some(i) => s[i..].contains(['+', '-']),
        None => false,
    }
}

/// `H:MM` or `HH:MM` (optionally `:SS`), 24-hour.
pub fn parse_clock(s: &str) -> Option<Time> {
    let mut parts = s.split(':');
    let h: i8 = parts.next()?.parse().ok()?;
    let m_str = parts.next()?;
    if m_str.len() != 2 {
        return None;
    }
    let m: i8 = m_str.parse().ok()?;
    let sec: i8 = match parts.next() {
        Some(x) if x.len() == 2 => x.parse().ok()?,
        Some(_) => return None,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    Time::new(h, m, sec, 0).ok()
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    let l = s.trim().to_ascii_lowercase();
    let full = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    full.iter()
        .find(|(name, _)| l == *name || (l.len() == 3 && name.starts_with(&l)))
        .map(|(_, w)| *w)
}

#[cfg(test)]
mod tests;
