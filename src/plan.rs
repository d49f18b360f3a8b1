//! The plan view (SPEC §6): the stable JSON interface and the human agenda
//! (an agenda grouped by day in the candidate's zone; see [`to_table`]).
//!
//! Steps are sorted by start instant, then step id, then recipient (null
//! first), then interview id. `plan` shows every step unless `--from`/`--to`
//! narrow it; "now" never changes it.
//!
//! JSON is written by hand into one buffer: the field order is part of the
//! contract and serde_json would need a struct per shape anyway; strings go
//! through `serde_json`'s escaper so they are always valid JSON.

use crate::model::Model;
use crate::policy::{Step, StepStatus};
use jiff::Timestamp;
use jiff::civil::Date;
use std::cmp::Ordering;
use std::fmt::Write as _;

/// SPEC §6 order.
pub fn sort(model: &Model, steps: &mut [Step]) {
    steps.sort_by(|a, b| compare(model, a, b));
}

fn recipient<'m>(model: &'m Model, s: &Step) -> Option<&'m str> {
    let iv = &model.interviews[s.interview];
    s.recipient
        .and_then(|r| iv.interviewers.get(r))
        .map(|p| p.name.as_str())
}

fn compare(model: &Model, a: &Step, b: &Step) -> Ordering {
    a.start
        .cmp(&b.start)
        .then_with(|| a.kind.id().cmp(b.kind.id()))
        .then_with(|| recipient(model, a).cmp(&recipient(model, b)))
        .then_with(|| {
            model.interviews[a.interview]
                .id
                .cmp(&model.interviews[b.interview].id)
        })
        .then_with(|| a.occurrence.cmp(&b.occurrence))
}

/// Keeps the steps whose employer-zone local start date is within
/// `[from, to]` (both inclusive, either open).
pub fn narrow(model: &Model, steps: &mut Vec<Step>, from: Option<Date>, to: Option<Date>) {
    if from.is_none() && to.is_none() {
        return;
    }
    steps.retain(|s| {
        let d = s
            .start
            .to_zoned(model.interviews[s.interview].zone.tz.clone())
            .date();
        from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t)
    });
}

fn utc(t: Timestamp, out: &mut String) {
    let _ = write!(out, "\"{}\"", t.strftime("%Y-%m-%dT%H:%M:%SZ"));
}

fn json_str(s: &str, out: &mut String) {
    match serde_json::to_string(s) {
        Ok(q) => out.push_str(&q),
        Err(_) => out.push_str("null"),
    }
}

/// `{"steps": [...]}` exactly as SPEC §6 shows, one step per line.
pub fn to_json(model: &Model, steps: &[Step]) -> String {
    let mut out = String::with_capacity(64 + steps.len() * 300);
    out.push_str("{\"steps\": [");
    for (i, s) in steps.iter().enumerate() {
        let iv = &model.interviews[s.interview];
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        out.push_str("{\"uid\": ");
        json_str(&s.uid, &mut out);
        out.push_str(", \"interview\": ");
        json_str(&iv.id, &mut out);
        out.push_str(", \"step\": ");
        json_str(s.kind.id(), &mut out);
        out.push_str(", \"recipient\": ");
        match recipient(model, s) {
            Some(r) => json_str(r, &mut out),
            None => out.push_str("null"),
        }
        out.push_str(", \"channel\": ");
        json_str(iv.contact.id(), &mut out);
        out.push_str(", \"start\": ");
        let local = s.start.to_zoned(iv.zone.tz.clone());
        let _ = write!(out, "\"{}\"", local.strftime("%Y-%m-%dT%H:%M:%S%:z"));
        out.push_str(", \"start_utc\": ");
        utc(s.start, &mut out);
        out.push_str(", \"end_utc\": ");
        utc(s.end, &mut out);
        out.push_str(", \"due_utc\": ");
        match s.due {
            Some(d) => utc(d, &mut out),
            None => out.push_str("null"),
        }
        out.push_str(", \"status\": ");
        json_str(s.status.id(), &mut out);
        out.push('}');
    }
    out.push_str(if steps.is_empty() { "]}\n" } else { "\n]}\n" });
    out
}

/// The human agenda: steps grouped by day in the candidate's zone
/// (`candidate.timezone`), else each employer's, one line per step with
/// time, step, recipient, company and status.
///
/// # Example: candidate in New York, employer in Berlin
///
/// ```text
/// Thu 2026-11-19
///   04:30 (10:30 Berlin)   interview    -             Globex      planned
/// ```
///
/// The employer's local time follows in brackets when their zone differs
/// (with the weekday when their date differs too); an `x` in the margin
/// marks a cancelled step. Deterministic: no clock, no terminal width.
pub fn to_table(model: &Model, steps: &[Step]) -> String {
    let display = model.candidate.zone.as_ref();
    let mut zones: Vec<&str> = steps
        .iter()
        .map(|s| model.interviews[s.interview].zone.name.as_str())
        .collect();
    zones.sort_unstable();
    zones.dedup();
    let mut out = String::new();
    if steps.is_empty() {
        out.push_str("No steps to show.\n");
        return out;
    }
    match (display, zones.as_slice()) {
        (Some(z), _) => {
            let _ = write!(out, "Times in {} (your timezone)", z.name);
            if zones.iter().any(|e| *e != z.name) {
                out.push_str("; the employer's local time in brackets where it differs");
            }
        }
        (None, [only]) => {
            let _ = write!(out, "Times in {only} (the employer's timezone)");
        }
        (None, _) => out.push_str(
            "Times in each employer's timezone (set candidate.timezone to see them in yours)",
        ),
    }
    out.push_str(".\n");
    if steps.iter().any(|s| s.status == StepStatus::Cancelled) {
        out.push_str("x marks a cancelled step.\n");
    }
    out.push('\n');

    struct Row {
        day: Date,
        /// Display-zone wall-clock time, for ordering within a day when
        /// each step is shown in its own employer's zone.
        clock: jiff::civil::Time,
        time: String,
        step: &'static str,
        to: String,
        company: String,
        status: &'static str,
        cancelled: bool,
    }
    let mut rows: Vec<Row> = steps
        .iter()
        .map(|s| {
            let iv = &model.interviews[s.interview];
            let employer = s.start.to_zoned(iv.zone.tz.clone());
            let shown = match display {
                Some(z) => s.start.to_zoned(z.tz.clone()),
                None => employer.clone(),
            };
            let mut time = shown.strftime("%H:%M").to_string();
            match display {
                Some(z) if z.name != iv.zone.name && shown.datetime() != employer.datetime() => {
                    let day = if employer.date() == shown.date() {
                        String::new()
                    } else {
                        employer.strftime("%a ").to_string()
                    };
                    let _ = write!(
                        time,
                        " ({day}{} {})",
                        employer.strftime("%H:%M"),
                        city(&iv.zone.name)
                    );
                }
                None if zones.len() > 1 => {
                    let _ = write!(time, " {}", city(&iv.zone.name));
                }
                _ => {}
            }
            Row {
                day: shown.date(),
                clock: shown.time(),
                time,
                step: s.kind.id(),
                to: clip(recipient(model, s).unwrap_or("-"), 24),
                company: clip(&iv.company, 24),
                status: s.status.id(),
                cancelled: s.status == StepStatus::Cancelled,
            }
        })
        .collect();
    // Stable: steps arrive in SPEC §6 order, which breaks every tie.
    rows.sort_by_key(|r| (r.day, r.clock));
    let width = |f: fn(&Row) -> usize| rows.iter().map(f).max().unwrap_or(0);
    let w_time = width(|r| r.time.chars().count());
    let w_step = width(|r| r.step.len());
    let w_to = width(|r| r.to.chars().count());
    let w_company = width(|r| r.company.chars().count());
    let mut day = None;
    for r in &rows {
        if day != Some(r.day) {
            if day.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", r.day.strftime("%a %Y-%m-%d"));
            day = Some(r.day);
        }
        let mark = if r.cancelled { 'x' } else { ' ' };
        let line = format!(
            "{mark} {:<w_time$}  {:<w_step$}  {:<w_to$}  {:<w_company$}  {}",
            r.time, r.step, r.to, r.company, r.status
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `America/New_York` → `New York`: the place a reader recognises.
fn city(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n - 1).collect();
        c.push('…');
        c
    }
}

/// Keeps the steps that start at or after `now` (`plan --upcoming`).
pub fn upcoming(steps: &mut Vec<Step>, now: Timestamp) {
    steps.retain(|s| s.start >= now);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_names() {
        assert_eq!(city("America/New_York"), "New York");
        assert_eq!(city("America/Argentina/Buenos_Aires"), "Buenos Aires");
        assert_eq!(city("UTC"), "UTC");
    }

    #[test]
    fn clip_marks_what_it_cut() {
        assert_eq!(clip("Acme", 24), "Acme");
        assert_eq!(clip("Sales Development Representative", 8), "Sales D…");
    }
}
