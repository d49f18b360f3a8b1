//! The mergeable settings of `defaults` and of each interview (SPEC §3,
//! §4.1): zone, weekend, holidays, working hours, `send_at`, duration,
//! reminders, contact, policy. Each layer is parsed once into a [`Layer`]
//! of options, so a mistake in `defaults` is reported once, not once per
//! interview; [`Validator::rules`] merges the layers.

use super::keys::WEEKDAYS;
use super::policy::PolicyLayer;
use super::validator::{Validator, find, quote};
use super::values::parse_clock;
use crate::calendar::{BusinessCalendar, WeekdaySet, WorkingHours};
use crate::error::FieldPath;
use crate::model::duration::Duration;
use crate::model::kinds::{Channel, Language, Tone};
use crate::model::suggest;
use crate::model::types::{Policy, Rules};
use crate::model::yaml::{Key, Node, Span, Value};
use crate::zone::Zone;
use jiff::civil::{Date, Time, Weekday};

/// One layer of mergeable settings (built-in, `defaults`, or an interview).
#[derive(Default, Clone)]
pub(super) struct Layer {
    pub(super) zone: Option<Zone>,
    pub(super) weekend: Option<WeekdaySet>,
    pub(super) holidays: Option<Vec<(Date, Option<String>)>>,
    /// Where `auto` stands in `holidays`, when it does.
    pub(super) auto_holidays: Option<(FieldPath, Span)>,
    pub(super) working_hours: Option<WorkingHours>,
    pub(super) send_at: Option<Time>,
    pub(super) duration: Option<Duration>,
    pub(super) reminders: Option<Vec<i64>>,
    pub(super) contact: Option<Channel>,
    pub(super) language: Option<Language>,
    pub(super) tone: Option<Tone>,
    pub(super) policy: PolicyLayer,
}

impl Layer {
    /// Whether this layer sets any of the keys that make up [`Rules`].
    pub(super) fn sets_rules(&self) -> bool {
        self.weekend.is_some()
            || self.holidays.is_some()
            || self.working_hours.is_some()
            || self.send_at.is_some()
            || self.duration.is_some()
            || self.reminders.is_some()
            || self.policy != PolicyLayer::default()
    }
}

impl Validator<'_> {
    /// Parses the mergeable keys of `defaults` or of an interview.
    pub(super) fn layer(
        &mut self,
        node: &Node,
        path: &FieldPath,
        allowed: &[&str],
        what: &str,
    ) -> Layer {
        let Some(m) = self.map(node, path, allowed, what) else {
            return Layer::default();
        };
        self.layer_from(m, path)
    }

    pub(super) fn layer_from(&mut self, m: &[(Key, Node)], path: &FieldPath) -> Layer {
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
        if let Some(n) = find(m, "language") {
            l.language = self.language(n, &path.key("language"));
        }
        if let Some(n) = find(m, "tone") {
            l.tone = self.tone(n, &path.key("tone"));
        }
        if let Some(n) = find(m, "policy") {
            l.policy = self.policy(n, &path.key("policy"));
        }
        l
    }

    pub(super) fn weekend(&mut self, node: &Node, path: &FieldPath) -> Option<WeekdaySet> {
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

    pub(super) fn working_hours(&mut self, node: &Node, path: &FieldPath) -> Option<WorkingHours> {
        self.window(node, path, Window::WORKING_HOURS)
    }

    /// `candidate.awake` (SPEC §8): the same syntax and rules as
    /// `working_hours`.
    pub(super) fn awake(&mut self, node: &Node, path: &FieldPath) -> Option<WorkingHours> {
        self.window(node, path, Window::AWAKE)
    }

    /// A `"HH:MM-HH:MM"` window that opens before it closes on one day.
    fn window(&mut self, node: &Node, path: &FieldPath, what: Window) -> Option<WorkingHours> {
        let t = self.text(node, path)?;
        let parsed = t
            .split_once('-')
            .and_then(|(a, b)| Some((parse_clock(a.trim())?, parse_clock(b.trim())?)));
        match parsed {
            Some((open, close)) if open < close => Some(WorkingHours { open, close }),
            Some(_) => {
                self.error(
                    path,
                    node.span(),
                    format!("{} {} end before they start", what.plural, quote(&t)),
                    format!(
                        "the window must open before it closes on the same day, e.g. \"{}\"",
                        what.example
                    ),
                );
                None
            }
            None => {
                self.error(
                    path,
                    node.span(),
                    format!("{} is not {}", quote(&t), what.singular),
                    format!(
                        "write the window as \"HH:MM-HH:MM\", e.g. \"{}\"",
                        what.example
                    ),
                );
                None
            }
        }
    }

    pub(super) fn reminders(&mut self, node: &Node, path: &FieldPath) -> Option<Vec<i64>> {
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

    /// Merged rules of `top` over `base` over the built-in values.
    pub(super) fn rules(&mut self, top: &Layer, base: &Layer, policy: &Policy) -> Rules {
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
}

/// How the messages about a window name it.
#[derive(Clone, Copy)]
struct Window {
    plural: &'static str,
    singular: &'static str,
    example: &'static str,
}

impl Window {
    const WORKING_HOURS: Window = Window {
        plural: "working hours",
        singular: "a working-hours window",
        example: "09:00-17:00",
    };
    const AWAKE: Window = Window {
        plural: "awake hours",
        singular: "an awake window",
        example: "08:00-21:00",
    };
}

pub(super) fn parse_weekday(s: &str) -> Option<Weekday> {
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
