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

use crate::calendar::DayOff;
use crate::error::terminal::escape;
use crate::model::Model;
use crate::policy::{Step, StepStatus};
use jiff::Timestamp;
use jiff::civil::Date;
use std::cmp::Ordering;
use std::fmt::Write as _;

/// SPEC §6 order.
pub fn sort(model: &Model, steps: &mut [Step]) {
    use rayon::slice::ParallelSliceMut;
    // Stable, like `sort_by`: equal steps keep their order on any thread
    // count. The steps' places are sorted, not the steps: a stable parallel
    // sort of the steps themselves takes a scratch copy of them (about 45 MB
    // for a 20 MB input, SPEC §11), one of the places 4 bytes a step.
    let Ok(n) = u32::try_from(steps.len()) else {
        steps.par_sort_by(|a, b| compare(model, a, b));
        return;
    };
    let mut order: Vec<u32> = (0..n).collect();
    order.par_sort_by(|&a, &b| compare(model, &steps[a as usize], &steps[b as usize]));
    // Put the step from place `order[i]` at place `i`, one cycle of the
    // permutation at a time; a place done is marked by `order[i] == i`.
    for start in 0..order.len() {
        let mut i = start;
        loop {
            let j = order[i] as usize;
            order[i] = i as u32;
            if j == start || j == i {
                break;
            }
            steps.swap(i, j);
            i = j;
        }
    }
}

pub(crate) fn recipient<'m>(model: &'m Model, s: &Step) -> Option<&'m str> {
    let iv = &model.interviews[s.interview];
    s.recipient
        .and_then(|r| iv.interviewers.get(r))
        .map(|p| p.name.as_str())
}

pub(crate) fn compare(model: &Model, a: &Step, b: &Step) -> Ordering {
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

pub(crate) fn json_str(s: &str, out: &mut String) {
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
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        step_fields(model, s, &mut out);
        out.push('}');
    }
    out.push_str(if steps.is_empty() { "]}\n" } else { "\n]}\n" });
    out
}

/// One step's SPEC §6 object, without its closing brace (a view may add
/// fields): `{"uid": …, …, "status": …` and, for a done step (SPEC §8),
/// `"done_on"`.
pub fn step_fields(model: &Model, s: &Step, out: &mut String) {
    let iv = &model.interviews[s.interview];
    out.push_str("{\"uid\": ");
    json_str(&s.uid, out);
    out.push_str(", \"interview\": ");
    json_str(&iv.id, out);
    out.push_str(", \"step\": ");
    json_str(s.kind.id(), out);
    out.push_str(", \"recipient\": ");
    match recipient(model, s) {
        Some(r) => json_str(r, out),
        None => out.push_str("null"),
    }
    out.push_str(", \"channel\": ");
    json_str(iv.contact.for_step(s.kind).id(), out);
    out.push_str(", \"start\": ");
    let local = s.start.to_zoned(iv.zone.tz.clone());
    let _ = write!(out, "\"{}\"", local.strftime("%Y-%m-%dT%H:%M:%S%:z"));
    out.push_str(", \"start_utc\": ");
    utc(s.start, out);
    out.push_str(", \"end_utc\": ");
    utc(s.end, out);
    out.push_str(", \"due_utc\": ");
    match s.due {
        Some(d) => utc(d, out),
        None => out.push_str("null"),
    }
    out.push_str(", \"status\": ");
    json_str(s.status.id(), out);
    // SPEC §8: a done step says when; other steps have no such key, so
    // their objects stay exactly SPEC §6's.
    if let Some(d) = s.status.done_on() {
        let _ = write!(out, ", \"done_on\": \"{d}\"");
    }
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
/// marks a cancelled step. A step that holidays or the weekend pushed to a
/// later date says so on the line below ("moved past Thanksgiving Day"; see
/// [`moved_past`]). Deterministic: no clock, no terminal width.
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
        status: String,
        cancelled: bool,
        moved: Option<String>,
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
                // The user's text, escaped for the terminal (SPEC §11).
                to: clip(&escape(recipient(model, s).unwrap_or("-")), 24),
                company: clip(&escape(&iv.company), 24),
                status: match s.status.done_on() {
                    Some(d) => format!("done {d}"),
                    None => s.status.id().to_string(),
                },
                cancelled: s.status == StepStatus::Cancelled,
                moved: s.landing.and_then(|l| {
                    moved_past(&iv.rules.calendar.days_off_passed(
                        l.counted_from,
                        l.natural,
                        employer.date(),
                    ))
                    .map(|m| escape(&m).into_owned())
                }),
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
        if let Some(moved) = &r.moved {
            let _ = writeln!(out, "  {:w_time$}  {moved}", "");
        }
    }
    out
}

/// "moved past Thanksgiving Day", "moved past Christmas Day and the
/// weekend", "moved past holidays (Dec 24, Dec 25) and the weekend": the
/// days off a step was pushed past, in date order, each name once (joined
/// names split apart), unnamed holidays by date. `None` when there are none.
pub fn moved_past(days: &[(Date, DayOff<'_>)]) -> Option<String> {
    enum Part<'a> {
        Name(&'a str),
        Unnamed,
        Weekend,
    }
    let mut parts: Vec<Part<'_>> = Vec::new();
    let mut unnamed: Vec<Date> = Vec::new();
    let mut weekends = 0;
    let mut previous: Option<(Date, bool)> = None;
    for (date, off) in days {
        match off {
            DayOff::Holiday(Some(names)) => {
                for name in names.split("; ") {
                    if !parts
                        .iter()
                        .any(|p| matches!(p, Part::Name(n) if *n == name))
                    {
                        parts.push(Part::Name(name));
                    }
                }
            }
            DayOff::Holiday(None) => {
                if unnamed.is_empty() {
                    parts.push(Part::Unnamed);
                }
                unnamed.push(*date);
            }
            DayOff::Weekend => {
                if weekends == 0 {
                    parts.push(Part::Weekend);
                }
                // A new weekend unless the day before was one too.
                let after_weekend_day =
                    previous.is_some_and(|(d, w)| w && d.tomorrow().ok() == Some(*date));
                if !after_weekend_day {
                    weekends += 1;
                }
            }
        }
        previous = Some((*date, matches!(off, DayOff::Weekend)));
    }
    let words: Vec<String> = parts
        .iter()
        .map(|p| match p {
            Part::Name(n) => n.to_string(),
            Part::Unnamed => {
                let dates: Vec<String> = unnamed
                    .iter()
                    .map(|d| d.strftime("%b %-d").to_string())
                    .collect();
                match dates.as_slice() {
                    [one] => format!("a holiday ({one})"),
                    _ => format!("holidays ({})", dates.join(", ")),
                }
            }
            Part::Weekend if weekends == 1 => "the weekend".to_string(),
            Part::Weekend => format!("{weekends} weekends"),
        })
        .collect();
    let list = match words.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    Some(format!("moved past {list}"))
}

/// `America/New_York` → `New York`: the place a reader recognises.
pub(crate) fn city(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

pub(crate) fn clip(s: &str, n: usize) -> String {
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
    fn moved_past_cases() {
        use jiff::civil::date;
        let h = |d, n| (date(2026, 12, d), DayOff::Holiday(n));
        let w = |d| (date(2026, 12, d), DayOff::Weekend);
        case(&[], None);
        case(
            &[h(4, Some("Founder's Day"))],
            Some("moved past Founder's Day"),
        );
        case(&[w(5), w(6)], Some("moved past the weekend"));
        case(
            &[h(25, Some("Christmas Day")), w(26), w(27)],
            Some("moved past Christmas Day and the weekend"),
        );
        // Joined names split apart, each said once, in date order.
        case(
            &[
                h(24, Some("Winter shutdown")),
                h(25, Some("Christmas Day; Winter shutdown")),
                w(26),
                w(27),
                h(28, Some("Winter shutdown")),
                h(31, Some("Winter shutdown")),
                (
                    date(2027, 1, 1),
                    DayOff::Holiday(Some("New Year's Day; Winter shutdown")),
                ),
                (date(2027, 1, 2), DayOff::Weekend),
                (date(2027, 1, 3), DayOff::Weekend),
            ],
            Some("moved past Winter shutdown, Christmas Day, 2 weekends and New Year's Day"),
        );
        case(&[h(24, None)], Some("moved past a holiday (Dec 24)"));
        case(
            &[h(24, None), h(25, None), w(26), w(27)],
            Some("moved past holidays (Dec 24, Dec 25) and the weekend"),
        );
    }

    #[track_caller]
    fn case(days: &[(Date, DayOff<'_>)], want: Option<&str>) {
        assert_eq!(moved_past(days).as_deref(), want, "{days:?}");
    }

    /// Issue 13: ESC, BEL, CR and DEL in names reached the terminal raw.
    #[test]
    fn the_agenda_escapes_the_users_text() {
        let yaml = "interviews:\n  - id: a\n    company: \"Acme\\e[2J\\a\\r\\x7f\\u202eCorp\"\n    role: R\n    start: 2026-11-17T14:00\n    timezone: UTC\n    interviewers: [\"Mark\\e]0;x\\a\"]\n";
        let loaded = crate::pipeline::load::load(
            "t.yaml",
            yaml.as_bytes(),
            &crate::model::validate::DatesOnly,
        )
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
        let table = to_table(&loaded.model, &loaded.steps);
        assert!(
            !table
                .chars()
                .any(|c| crate::error::terminal::needs_escape(c) && c != '\n'),
            "{table:?}"
        );
        assert!(table.contains("Acme\\u{1b}[2J\\u{7}\\r\\u{…"), "{table}");
        assert!(table.contains("Mark\\u{1b}]0;x\\u{7}"), "{table}");
    }

    #[test]
    fn clip_marks_what_it_cut() {
        assert_eq!(clip("Acme", 24), "Acme");
        assert_eq!(clip("Sales Development Representative", 8), "Sales D…");
    }
}
