//! Single values: zones, dates, local times, clock times, durations,
//! booleans, contact channels, languages and tones; each read once, quoted
//! in its message when wrong, with the fix.

use super::validator::{Validator, describe, quote};
use crate::error::{Diagnostic, FieldPath};
use crate::ics::YEARS;
use crate::model::duration::{DURATION_HINT, Duration};
use crate::model::kinds::{Channel, Language, Tone};
use crate::model::suggest;
use crate::model::yaml::{Node, Span, Value};
use crate::zone::{self, Zone};
use jiff::civil::{Date, DateTime, Time};

/// The longest zone name accepted, in characters (SPEC §11); the longest
/// IANA name, `America/Argentina/ComodRivadavia`, has 32.
pub(super) const MAX_ZONE_NAME: usize = 64;

impl Validator<'_> {
    pub(super) fn zone(&mut self, node: &Node, path: &FieldPath) -> Option<Zone> {
        let name = self.text_of_at_most(node, path, MAX_ZONE_NAME, "a zone name")?;
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
            Ok(d) if t.trim().len() == 10 => self.in_years(d, &t, node, path).then_some(d),
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

    /// A date of what happened (SPEC §8 `done.on`, `heard_back`, `offer`):
    /// any date [`Self::date`] accepts, which holds it to SPEC §11's years.
    pub(super) fn recent_date(&mut self, node: &Node, path: &FieldPath) -> Option<Date> {
        self.date(node, path)
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
        if is_leap_second(s) {
            self.leap_second(&t, node, path);
            return None;
        }
        match s.parse::<DateTime>() {
            Ok(dt) => self.in_years(dt.date(), &t, node, path).then_some(dt),
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
        if is_leap_second(t.trim()) {
            self.leap_second(&t, node, path);
            return None;
        }
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

    /// Whether `d` (read from `t`) is in the years followup handles
    /// (SPEC §11, [`YEARS`]); an error when it is not.
    fn in_years(&mut self, d: Date, t: &str, node: &Node, path: &FieldPath) -> bool {
        if YEARS.contains(&d.year()) {
            return true;
        }
        self.error(
            path,
            node.span(),
            format!(
                "{} is in the year {}, outside the years {}-{} followup handles",
                quote(t),
                d.year(),
                YEARS.start(),
                YEARS.end()
            ),
            "check the year; dates are written YYYY-MM-DD, e.g. 2026-11-27",
        );
        false
    }

    /// `23:59:60`: a leap second, refused the same way wherever a time is
    /// read (a local date-time, a clock time).
    fn leap_second(&mut self, t: &str, node: &Node, path: &FieldPath) {
        self.error(
            path,
            node.span(),
            format!(
                "{} is a leap second (:60), which no calendar can hold",
                quote(t)
            ),
            "write :59 or the next minute, e.g. 23:59 or 00:00 the next day",
        );
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
                .with_hint(format!(
                    "use a date between the years {} and {}",
                    YEARS.start(),
                    YEARS.end()
                )),
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

/// Whether `s` (a date-time or a clock time) has 60 seconds: `…:60`, with
/// or without fractions.
fn is_leap_second(s: &str) -> bool {
    let time = s.rsplit(['T', 't', ' ']).next().unwrap_or(s);
    let mut parts = time.split(':');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(_), Some(_), Some(sec), None) if sec.split('.').next() == Some("60")
    )
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
