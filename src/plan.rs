//! The plan view (SPEC §6): the stable JSON interface and the human agenda.
//!
//! Steps are sorted by start instant, then step id, then recipient (null
//! first), then interview id. `plan` shows every step unless `--from`/`--to`
//! narrow it; "now" never changes it.
//!
//! JSON is written by hand into one buffer: the field order is part of the
//! contract and serde_json would need a struct per shape anyway; strings go
//! through `serde_json`'s escaper so they are always valid JSON.

use crate::model::Model;
use crate::policy::Step;
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

/// A plain agenda: one line per step, in the employer's local time.
pub fn to_table(model: &Model, steps: &[Step]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<22} {:<16} {:<18} {:<24} {:<10} INTERVIEW",
        "START (EMPLOYER TIME)", "STEP", "RECIPIENT", "COMPANY", "STATUS"
    );
    for s in steps {
        let iv = &model.interviews[s.interview];
        let local = s.start.to_zoned(iv.zone.tz.clone());
        let _ = writeln!(
            out,
            "{:<22} {:<16} {:<18} {:<24} {:<10} {}",
            local.strftime("%a %Y-%m-%d %H:%M"),
            s.kind.id(),
            clip(recipient(model, s).unwrap_or("-"), 18),
            clip(&iv.company, 24),
            s.status.id(),
            iv.id
        );
    }
    out
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
