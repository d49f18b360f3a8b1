//! The `due` view (SPEC §8): what is overdue, what is due today and what
//! comes in the next days, each with its message's subject, over one or
//! more inputs.
//!
//! - Overdue: a `planned` step other than the interview whose `due_utc`
//!   (else `end_utc`) is before now; oldest first (by that time). Never a
//!   property of the plan: only this view computes it.
//! - Today: the other planned steps (the interview included) that start
//!   today, in the candidate's zone when set, else in each step's employer
//!   zone.
//! - Upcoming: those that start on one of the `days` days after today.
//!
//! Done and cancelled steps are never listed: nothing is left to do. The
//! JSON is `{"overdue": [...], "today": [...], "upcoming": [...]}` of SPEC
//! §6 step objects plus `"subject"` (the message's subject line; for a
//! call or a card, which have none, the event's summary), and `"file"`
//! when there are several inputs. Pure: "now" comes in as a value.

use super::export;
use super::facts::FactsSource;
use super::view::{self, city, clip, json_str};
use crate::error::Diagnostic;
use crate::model::Model;
use crate::model::kinds::StepKind;
use crate::notes::Notes;
use crate::policy::{Step, StepStatus};
use jiff::civil::Date;
use jiff::{Span, Timestamp, Zoned};
use std::cmp::Ordering;
use std::fmt::Write as _;

/// Whether `s` is overdue at `now` (SPEC §8).
pub fn is_overdue(s: &Step, now: Timestamp) -> bool {
    s.status == StepStatus::Planned && s.kind != StepKind::Interview && s.due.unwrap_or(s.end) < now
}

/// One input's plan.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The file as the user named it.
    pub name: &'a str,
    pub model: &'a Model,
    pub steps: &'a [Step],
}

/// One listed step: its input, its index in that input's steps, and its
/// message's subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub input: usize,
    pub step: usize,
    pub subject: String,
}

/// The three lists.
#[derive(Debug, Default)]
pub struct Due {
    pub overdue: Vec<Entry>,
    pub today: Vec<Entry>,
    pub upcoming: Vec<Entry>,
}

/// Sorts every input's steps into the three lists (SPEC §8): overdue
/// oldest first, the others by start, ties in SPEC §6 order, then input.
pub fn classify(inputs: &[Input<'_>], now: Timestamp, days: u32) -> Result<Due, Diagnostic> {
    let notes = Notes::new();
    let mut due = Due::default();
    for (i, input) in inputs.iter().enumerate() {
        let model = input.model;
        let source = FactsSource::new(model, input.steps);
        for (j, s) in input.steps.iter().enumerate() {
            if s.status != StepStatus::Planned {
                continue;
            }
            let list = if is_overdue(s, now) {
                &mut due.overdue
            } else {
                let zone = match &model.candidate.zone {
                    Some(z) => &z.tz,
                    None => &model.interviews[s.interview].zone.tz,
                };
                let today = zone.to_datetime(now).date();
                let day = zone.to_datetime(s.start).date();
                if day == today {
                    &mut due.today
                } else if day > today && day <= last_day(today, days) {
                    &mut due.upcoming
                } else {
                    continue;
                }
            };
            let note = export::draft(&source, s, &notes)?;
            list.push(Entry {
                input: i,
                step: j,
                subject: if note.subject.is_empty() {
                    note.summary
                } else {
                    note.subject
                },
            });
        }
    }
    let step = |e: &Entry| (&inputs[e.input], &inputs[e.input].steps[e.step]);
    let by_start = |a: &Entry, b: &Entry| -> Ordering {
        let ((ia, sa), (_, sb)) = (step(a), step(b));
        if a.input == b.input {
            view::compare(ia.model, sa, sb)
        } else {
            sa.start
                .cmp(&sb.start)
                .then_with(|| sa.kind.id().cmp(sb.kind.id()))
                .then_with(|| a.input.cmp(&b.input))
        }
    };
    due.overdue.sort_by(|a, b| {
        let (sa, sb) = (step(a).1, step(b).1);
        sa.due
            .unwrap_or(sa.end)
            .cmp(&sb.due.unwrap_or(sb.end))
            .then_with(|| by_start(a, b))
    });
    due.today.sort_by(by_start);
    due.upcoming.sort_by(by_start);
    Ok(due)
}

/// The last day of the upcoming list: `days` after today.
fn last_day(today: Date, days: u32) -> Date {
    today
        .checked_add(Span::new().days(i64::from(days)))
        .unwrap_or(Date::MAX)
}

/// `{"overdue": [...], "today": [...], "upcoming": [...]}`, one step per
/// line.
pub fn to_json(inputs: &[Input<'_>], due: &Due) -> String {
    let mut out = String::with_capacity(256);
    let lists = [
        ("overdue", &due.overdue),
        ("today", &due.today),
        ("upcoming", &due.upcoming),
    ];
    out.push('{');
    for (n, (key, list)) in lists.into_iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "\"{key}\": [");
        for (k, e) in list.iter().enumerate() {
            let input = &inputs[e.input];
            out.push_str(if k == 0 { "\n  " } else { ",\n  " });
            view::step_fields(input.model, &input.steps[e.step], &mut out);
            out.push_str(", \"subject\": ");
            json_str(&e.subject, &mut out);
            if inputs.len() > 1 {
                out.push_str(", \"file\": ");
                json_str(input.name, &mut out);
            }
            out.push('}');
        }
        out.push_str(if list.is_empty() { "]" } else { "\n]" });
    }
    out.push_str("}\n");
    out
}

/// The morning list: the three sections, each step on a line with its
/// day and time (an overdue step's due time, else its start), step,
/// recipient, employer and subject (and file, for several inputs). Times
/// are in the candidate's zone, else each employer's (with the city when
/// the lists hold several zones).
///
/// # Example
///
/// ```text
/// Times in Europe/Berlin (your timezone).
///
/// Overdue (when each was due):
///   Wed 2026-11-18 21:00  thank-you  Mark Lee  Acme Corp  Thank you for your time today
///
/// Today, Sun 2026-11-22: nothing.
///
/// Next 7 days, to Sun 2026-11-29:
///   Wed 2026-11-25 16:00  check-in   Mark Lee  Acme Corp  Checking in: Account Executive
/// ```
pub fn to_table(inputs: &[Input<'_>], due: &Due, now: Timestamp, days: u32) -> String {
    // The candidate's zone, when every input sets the same one.
    let first = inputs.first().and_then(|i| i.model.candidate.zone.as_ref());
    let display = first.filter(|z| {
        inputs
            .iter()
            .all(|i| i.model.candidate.zone.as_ref().map(|c| &c.name) == Some(&z.name))
    });
    let mut zones: Vec<&str> = due
        .overdue
        .iter()
        .chain(&due.today)
        .chain(&due.upcoming)
        .map(|e| {
            let input = &inputs[e.input];
            input.model.interviews[input.steps[e.step].interview]
                .zone
                .name
                .as_str()
        })
        .collect();
    zones.sort_unstable();
    zones.dedup();
    let mut out = String::new();
    match (display, zones.as_slice()) {
        (Some(z), _) => {
            let _ = writeln!(out, "Times in {} (your timezone).", z.name);
        }
        (None, []) => {}
        (None, [only]) => {
            let _ = writeln!(out, "Times in {only} (the employer's timezone).");
        }
        (None, _) => out.push_str("Times in each employer's timezone.\n"),
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let many_zones = display.is_none() && zones.len() > 1;
    // Overdue steps show when they were due (their order), the others
    // when they start.
    let rows = |list: &[Entry], overdue: bool| -> Vec<[String; 6]> {
        list.iter()
            .map(|e| {
                let input = &inputs[e.input];
                let s = &input.steps[e.step];
                let iv = &input.model.interviews[s.interview];
                let t = if overdue {
                    s.due.unwrap_or(s.end)
                } else {
                    s.start
                };
                let at: Zoned = match display {
                    Some(z) => z.at(t),
                    None => iv.zone.at(t),
                };
                let mut when = at.strftime("%a %Y-%m-%d %H:%M").to_string();
                if many_zones {
                    let _ = write!(when, " {}", city(&iv.zone.name));
                }
                [
                    if inputs.len() > 1 {
                        input.name.to_string()
                    } else {
                        String::new()
                    },
                    when,
                    s.kind.id().to_string(),
                    clip(view::recipient(input.model, s).unwrap_or("-"), 24),
                    clip(&iv.company, 24),
                    clip(&e.subject, 60),
                ]
            })
            .collect()
    };
    let sections = [
        (
            "Overdue (when each was due)".to_string(),
            rows(&due.overdue, true),
        ),
        (
            today_label(display.map(|z| z.at(now).date())),
            rows(&due.today, false),
        ),
        (
            match display {
                Some(z) => {
                    let end = last_day(z.at(now).date(), days);
                    format!("Next {days} days, to {}", end.strftime("%a %Y-%m-%d"))
                }
                None => format!("Next {days} days"),
            },
            rows(&due.upcoming, false),
        ),
    ];
    let width = |k: usize| {
        sections
            .iter()
            .flat_map(|(_, r)| r.iter())
            .map(|r| r[k].chars().count())
            .max()
            .unwrap_or(0)
    };
    let w: Vec<usize> = (0..6).map(width).collect();
    for (n, (title, rows)) in sections.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if rows.is_empty() {
            let _ = writeln!(out, "{title}: nothing.");
            continue;
        }
        let _ = writeln!(out, "{title}:");
        for r in rows {
            let mut line = String::from(" ");
            for (k, cell) in r.iter().enumerate() {
                if w[k] == 0 {
                    continue;
                }
                let _ = write!(line, " {cell:<width$} ", width = w[k]);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// "Today, Sun 2026-11-22" in the candidate's zone; "Today" when each
/// employer's today counts.
fn today_label(day: Option<Date>) -> String {
    match day {
        Some(d) => format!("Today, {}", d.strftime("%a %Y-%m-%d")),
        None => "Today".to_string(),
    }
}
