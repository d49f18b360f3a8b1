use super::document::VALIDATE_CHUNK;
use super::*;
use crate::error::Diagnostic;
use crate::model::duration::Duration;
use crate::model::kinds::Channel;
use crate::model::yaml;
use crate::model::{Model, Policy, Status};
use jiff::civil::Time;

fn run(text: &str) -> (Option<Model>, Vec<Diagnostic>) {
    let root = yaml::parse(text).unwrap();
    validate(root.as_ref(), &DatesOnly)
}

const BASE: &str = "interviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    timezone: America/New_York\n";

#[test]
fn minimal_interview_gets_builtin_values() {
    let (m, d) = run(BASE);
    assert!(d.is_empty(), "{d:?}");
    let m = m.unwrap();
    let iv = &m.interviews[0];
    assert_eq!(
        iv.end.datetime(),
        jiff::civil::date(2026, 11, 17).at(15, 0, 0, 0)
    );
    assert_eq!(iv.rules.reminders, vec![15]);
    assert_eq!(iv.rules.send_at, Time::constant(10, 0, 0, 0));
    assert_eq!(iv.rules.policy, Policy::default());
    assert_eq!(iv.contact, Channel::Email);
    assert_eq!(iv.status, Status::Waiting);
}

/// Each bad input yields exactly the diagnostics listed: (path, line, col,
/// message fragment).
#[track_caller]
fn case(text: &str, want: &[(&str, u32, u32, &str)]) {
    let (m, d) = run(text);
    let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
    assert!(m.is_none() || want.is_empty());
    assert_eq!(errors.len(), want.len(), "{errors:#?}");
    for (e, (path, line, col, frag)) in errors.iter().zip(want) {
        assert_eq!(e.path, *path, "{e:?}");
        let pos = e.pos.unwrap_or_default();
        assert_eq!((pos.line, pos.col), (*line, *col), "{e:?}");
        assert!(e.message.contains(frag), "{:?} lacks {frag:?}", e.message);
        assert!(e.hint.is_some(), "{e:?} has no hint");
    }
}

#[test]
fn bad_inputs_are_all_reported_with_locations() {
    case(
        "interviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    timezone: America/New_Yrok\n    statuss: waiting\n",
        &[
            (
                "interviews[0].timezone",
                6,
                15,
                "unknown timezone \"America/New_Yrok\"",
            ),
            ("interviews[0].statuss", 7, 5, "unknown key \"statuss\""),
        ],
    );
    case(
        "interviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-02-30T14:00\n    timezone: UTC\n",
        &[("interviews[0].start", 5, 12, "not a real date")],
    );
    case(
        "interviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    end: 2026-11-17T13:00\n    timezone: UTC\n",
        &[("interviews[0].end", 6, 10, "ends")],
    );
    case(
        &format!(
            "{BASE}  - id: a\n    company: B\n    role: C\n    start: 2026-11-18T14:00\n    timezone: UTC\n"
        ),
        &[("interviews[1].id", 7, 9, "duplicate id \"a\"")],
    );
    case(
        "interviews:\n  - id: a\n    role: AE\n    start: 2026-11-17T14:00\n    timezone: UTC\n",
        &[(
            "interviews[0].company",
            2,
            5,
            "missing required key `company`",
        )],
    );
    case(
        &format!("{BASE}    status: rejected\n"),
        &[("interviews[0].status_date", 7, 13, "needs `status_date`")],
    );
    case(
        &format!("{BASE}    reminders: [15x]\n"),
        &[("interviews[0].reminders[0]", 7, 17, "not a duration")],
    );
    case(
        &format!("{BASE}    weekend: [sat, sunday, funday]\n"),
        &[("interviews[0].weekend[2]", 7, 28, "unknown weekday")],
    );
    case(
        &format!("{BASE}    contact: emial\n"),
        &[("interviews[0].contact", 7, 14, "unknown contact channel")],
    );
    case(
        "candidate:\n  name: X\n",
        &[("interviews", 1, 1, "no `interviews`")],
    );
    case(
        &format!("{BASE}    status: rejectd\n    status_date: 2026-11-20\n"),
        &[("interviews[0].status", 7, 13, "unknown status")],
    );
    case(
        &format!("{BASE}    policy: {{ thank_you: {{ aftr: 1h }} }}\n"),
        &[("interviews[0].policy.thank_you.aftr", 7, 28, "unknown key")],
    );
}

#[test]
fn empty_file_is_an_error_and_empty_list_a_warning() {
    let (m, d) = run("");
    assert!(m.is_none());
    assert!(d[0].is_error());
    let (m, d) = run("interviews: []\n");
    assert_eq!(m.unwrap().interviews.len(), 0);
    assert_eq!(d.len(), 1);
    assert!(!d[0].is_error());
}

#[test]
fn merging_replaces_lists_and_merges_policy_key_by_key() {
    let text = "defaults:\n  timezone: Europe/Berlin\n  weekend: [fri, sat]\n  holidays: [2026-12-24]\n  send_at: \"09:30\"\n  policy:\n    thank_you: { after: 1h }\n    max_follow_ups: 3\n    move_on: false\ninterviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    holidays: [2026-12-31]\n    policy:\n      thank_you: { within: 48h }\n      move_on: { after: 2bd }\n  - id: b\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n";
    let (m, d) = run(text);
    assert!(d.is_empty(), "{d:?}");
    let m = m.unwrap();
    let a = &m.interviews[0].rules;
    assert_eq!(a.policy.thank_you_after, Duration::Minutes(60));
    assert_eq!(a.policy.thank_you_within, Duration::Minutes(48 * 60));
    assert_eq!(a.policy.max_follow_ups, 3);
    assert_eq!(a.policy.move_on_after, Some(Duration::BusinessDays(2)));
    assert_eq!(a.send_at, Time::constant(9, 30, 0, 0));
    assert!(
        a.calendar
            .holiday(jiff::civil::date(2026, 12, 31))
            .is_some()
    );
    assert!(
        a.calendar
            .holiday(jiff::civil::date(2026, 12, 24))
            .is_none()
    );
    assert!(!a.calendar.is_business_day(jiff::civil::date(2026, 11, 20)));
    let b = &m.interviews[1].rules;
    assert_eq!(b.policy.move_on_after, None);
    assert_eq!(b.policy.thank_you_within, Duration::Minutes(24 * 60));
    assert!(
        b.calendar
            .holiday(jiff::civil::date(2026, 12, 24))
            .is_some()
    );
    assert_eq!(m.interviews[1].zone.name, "Europe/Berlin");
}

#[test]
fn yaml_1_2_no_is_text_and_unquoted_clock_is_text() {
    let (m, d) = run(&format!(
        "{BASE}    send_at: 10:30\n    topics: [no, yes]\n"
    ));
    assert!(d.is_empty(), "{d:?}");
    let iv = &m.unwrap().interviews[0];
    assert_eq!(iv.rules.send_at, Time::constant(10, 30, 0, 0));
    assert_eq!(iv.topics, vec!["no".to_string(), "yes".to_string()]);
}

/// A list long enough to be checked in several pieces on several cores
/// gives the diagnostics one pass would: every problem, with its own
/// path and line, in reading order, duplicates found across pieces, and
/// the same on one thread as on four.
#[test]
fn a_long_list_checked_in_pieces_reports_as_one_pass_would() {
    let n = VALIDATE_CHUNK * 2 + 50;
    let mut text = String::from("interviews:\n");
    for i in 0..n {
        // Entry i starts on line 2 + 5 * i.
        let id = if i == n - 1 {
            "iv5".to_owned()
        } else {
            format!("iv{i}")
        };
        let zone = if i == 3 || i == VALIDATE_CHUNK + 1 {
            "Mars/Olympus"
        } else {
            "UTC"
        };
        let start = if i == VALIDATE_CHUNK * 2 {
            "2026-02-30T09:00"
        } else {
            "2026-11-17T14:00"
        };
        text.push_str(&format!(
            "  - id: {id}\n    company: C{i}\n    role: R\n    start: {start}\n    timezone: {zone}\n"
        ));
    }
    let line = |i: usize| 2 + 5 * i as u32;
    let want = [
        ("interviews[3].timezone".to_owned(), line(3) + 4),
        (
            format!("interviews[{}].timezone", VALIDATE_CHUNK + 1),
            line(VALIDATE_CHUNK + 1) + 4,
        ),
        (
            format!("interviews[{}].start", VALIDATE_CHUNK * 2),
            line(VALIDATE_CHUNK * 2) + 3,
        ),
        (format!("interviews[{}].id", n - 1), line(n - 1)),
    ];
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| run(&text))
    };
    let (m, d) = on(4);
    assert!(m.is_none());
    let got: Vec<(String, u32)> = d
        .iter()
        .map(|d| (d.path.clone(), d.pos.unwrap_or_default().line))
        .collect();
    assert_eq!(got, want, "{d:#?}");
    assert!(
        d[3].message
            .contains(&format!("line {} already uses it", line(5))),
        "{:?}",
        d[3]
    );
    let (_, one) = on(1);
    let render = |d: &[Diagnostic]| format!("{d:?}");
    assert_eq!(render(&one), render(&d));
}
