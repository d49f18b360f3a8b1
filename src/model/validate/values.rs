//! Single values: zones, dates, local times, clock times, durations,
//! booleans, contact channels, languages and tones; each read once, quoted
//! in its message when wrong, with the fix.

use super::validator::{Validator, describe, quote};
use crate::error::{Diagnostic, FieldPath};
use crate::model::duration::{DURATION_HINT, Duration};
use crate::model::kinds::{Channel, Language, Tone};
use crate::model::suggest;
use crate::model::yaml::{Node, Span, Value};
use crate::zone::{self, Zone};
use jiff::civil::{Date, DateTime, Time};

impl Validator<'_> {
    pub(super) fn zone(&mut self, node: &Node, path: &FieldPath) -> Option<Zone> {
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

    pub(super) fn date(&mut self, node: &Node, path: &FieldPath) -> Option<Date> {
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

    /// A date of what happened (SPEC §8 `done.on`, `heard_back`, `offer`),
    /// in the years SPEC §11 accepts: 1970 to 2200.
    pub(super) fn recent_date(&mut self, node: &Node, path: &FieldPath) -> Option<Date> {
        let d = self.date(node, path)?;
        if !(1970..=2200).contains(&d.year()) {
            self.error(
                path,
                node.span(),
                format!("{} is outside the years 1970 to 2200", describe(node)),
                "check the year",
            );
            return None;
        }
        Some(d)
    }

    pub(super) fn local_datetime(&mut self, node: &Node, path: &FieldPath) -> Option<DateTime> {
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

    pub(super) fn clock(&mut self, node: &Node, path: &FieldPath) -> Option<Time> {
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

    pub(super) fn duration(&mut self, node: &Node, path: &FieldPath) -> Option<Duration> {
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
    pub(super) fn elapsed_minutes(&mut self, node: &Node, path: &FieldPath) -> Option<i64> {
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
    pub(super) fn date_duration(&mut self, node: &Node, path: &FieldPath) -> Option<Duration> {
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

    pub(super) fn bool(&mut self, node: &Node, path: &FieldPath) -> Option<bool> {
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

    pub(super) fn channel(&mut self, node: &Node, path: &FieldPath) -> Option<Channel> {
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

    /// `language` (SPEC §9): the drafted messages' language.
    pub(super) fn language(&mut self, node: &Node, path: &FieldPath) -> Option<Language> {
        let t = self.text(node, path)?;
        if let Some(l) = Language::parse(t.trim()) {
            return Some(l);
        }
        self.error(
            path,
            node.span(),
            format!("unknown language {}", quote(&t)),
            choices(&t, &Language::NAMES),
        );
        None
    }

    /// `tone` (SPEC §9): how the drafted messages speak.
    pub(super) fn tone(&mut self, node: &Node, path: &FieldPath) -> Option<Tone> {
        let t = self.text(node, path)?;
        if let Some(tone) = Tone::parse(t.trim()) {
            return Some(tone);
        }
        self.error(
            path,
            node.span(),
            format!("unknown tone {}", quote(&t)),
            choices(&t, &Tone::NAMES),
        );
        None
    }

    pub(super) fn resolve(
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
}

/// "did you mean \"de\"? The choices are en, de, fr, es, nl", or the
/// choices alone when none is close: a short vocabulary is always listed.
fn choices(wrong: &str, names: &[&str]) -> String {
    let all = names.join(", ");
    match suggest::closest(wrong.trim(), names.iter().copied()) {
        Some(c) => format!("did you mean \"{c}\"? The choices are {all}"),
        None => format!("the choices are {all}"),
    }
}

pub(super) fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

pub(super) fn has_offset(s: &str) -> bool {
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
