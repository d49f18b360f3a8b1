//! SPEC §8 through the binary: `followup due` (golden table and JSON for
//! `fixtures/tracking.yaml`), dates relative to today on every date flag,
//! the overdue note of `plan --upcoming`, and the calendar of a tracked
//! search (done events, moved alarms, the interview as OPAQUE). Expected
//! outputs live in `tests/expected/`; `UPDATE_EXPECT=1` rewrites them after
//! a deliberate change.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::process::Output;

/// Thu 3 Dec 2026, 09:00 in Madrid: the morning after Lucía accepted.
const NOW: &str = "2026-12-03T08:00:00Z";
const FIXTURE: &str = "fixtures/tracking.yaml";

mod common;
use common::{followup, golden, root};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    match stdin {
        Some(bytes) => followup(args).stdin(bytes).output(),
        None => followup(args).output(),
    }
}

#[track_caller]
fn stdout_of(args: &[&str]) -> String {
    let out = run(args, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn due_table_and_json_are_exact() {
    golden(
        &root().join("tests/expected/tracking.due.txt"),
        &stdout_of(&["due", FIXTURE, "--now", NOW]),
    );
    let json = stdout_of(&["due", FIXTURE, "--format", "json", "--now", NOW]);
    golden(&root().join("tests/expected/tracking.due.json"), &json);
    // The shape SPEC §8 gives: three lists of §6 step objects plus a
    // subject, and no file for a single input.
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let lists: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(lists, ["overdue", "today", "upcoming"]);
    for key in lists {
        let steps = v[key].as_array().expect("list");
        assert!(!steps.is_empty(), "{key} is empty at {NOW}");
        for s in steps {
            assert!(s["subject"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(s.get("file").is_none());
            assert_eq!(s["status"], "planned");
        }
    }
    // Overdue, oldest first: by the time each was due.
    let due: Vec<&str> = v["overdue"]
        .as_array()
        .expect("list")
        .iter()
        .map(|s| {
            s["due_utc"]
                .as_str()
                .or(s["end_utc"].as_str())
                .expect("a time")
        })
        .collect();
    let mut sorted = due.clone();
    sorted.sort_unstable();
    assert_eq!(due, sorted);
    assert!(due.iter().all(|t| *t < NOW));
}

#[test]
fn the_plan_of_a_tracked_search_is_exact() {
    golden(
        &root().join("tests/expected/tracking.plan.json"),
        &stdout_of(&["plan", FIXTURE, "--format", "json", "--now", NOW]),
    );
    // Only done steps carry `done_on`, and `--now` never changes the plan.
    let json = stdout_of(&["plan", FIXTURE, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    for s in v["steps"].as_array().expect("steps") {
        assert_eq!(s["status"] == "done", s.get("done_on").is_some(), "{s}");
    }
    assert_eq!(
        json,
        stdout_of(&["plan", FIXTURE, "--format", "json", "--now", NOW])
    );
}

#[test]
fn due_over_several_inputs_is_one_list_naming_each_file() {
    let json = stdout_of(&[
        "due",
        FIXTURE,
        "fixtures/example.yaml",
        "--format",
        "json",
        "--days",
        "3",
        "--now",
        NOW,
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let mut files = std::collections::BTreeSet::new();
    for key in ["overdue", "today", "upcoming"] {
        for s in v[key].as_array().expect("list") {
            files.insert(s["file"].as_str().expect("a file").to_string());
        }
    }
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["fixtures/example.yaml", FIXTURE]
    );
    // --days 3: nothing upcoming starts after Sun 6 Dec (Madrid).
    for s in v["upcoming"].as_array().expect("list") {
        assert!(
            s["start_utc"].as_str() < Some("2026-12-06T23:00:00Z"),
            "{s}"
        );
    }
    let table = stdout_of(&["due", FIXTURE, "fixtures/example.yaml", "--now", NOW]);
    // Two candidate zones: each step in its employer's, with the city.
    assert!(
        table.starts_with("Times in each employer's timezone.\n"),
        "{table}"
    );
    assert!(
        table.contains("\n  fixtures/tracking.yaml  Thu 2026-12-03 10:00 New York  withdraw "),
        "{table}"
    );
}

#[test]
fn due_exits_0_with_overdue_steps_and_1_with_an_invalid_input() {
    let out = run(&["due", FIXTURE, "--days", "0", "--now", NOW], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Next 0 days, to Thu 2026-12-03: nothing."),
        "{text}"
    );
    let out = run(
        &["due", FIXTURE, "tests/bad/unknown-key.yaml", "--now", NOW],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing listed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: unknown key \"decison_by\""),
        "{err}"
    );
    assert!(err.contains("--> tests/bad/unknown-key.yaml:8:5"), "{err}");
}

#[test]
fn an_empty_file_lists_nothing_due() {
    let out = run(&["due", "-", "--now", NOW], Some(b"interviews: []\n"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Overdue (when each was due): nothing.\n\nToday: nothing.\n\nNext 7 days: nothing.\n"
    );
}

#[test]
fn relative_dates_work_on_every_date_flag() {
    // Today in Madrid is Thu 3 Dec: the same as writing the dates out.
    let relative = stdout_of(&[
        "plan", FIXTURE, "--format", "json", "--from", "today", "--to", "+1w", "--now", NOW,
    ]);
    let absolute = stdout_of(&[
        "plan",
        FIXTURE,
        "--format",
        "json",
        "--from",
        "2026-12-03",
        "--to",
        "2026-12-10",
    ]);
    assert_eq!(relative, absolute);
    assert!(relative.contains("\"step\": \"withdraw\""), "{relative}");
    assert_eq!(
        stdout_of(&[
            "plan",
            FIXTURE,
            "--from",
            "yesterday",
            "--to",
            "-1d",
            "--now",
            NOW
        ]),
        stdout_of(&[
            "plan",
            FIXTURE,
            "--from",
            "2026-12-02",
            "--to",
            "2026-12-02"
        ]),
    );
    // Without candidate.timezone "today" is UTC's: 23:30 UTC on the 2nd.
    let utc = b"interviews:\n  - { id: a, company: A, role: R, start: 2026-12-02T09:00, timezone: Asia/Tokyo }\n";
    let out = run(
        &[
            "plan",
            "-",
            "--from",
            "today",
            "--to",
            "today",
            "--now",
            "2026-12-02T23:30:00Z",
        ],
        Some(utc),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Wed 2026-12-02\n  09:00  interview"),
        "{text}"
    );
    assert_eq!(
        stdout_of(&[
            "holidays", "US", "--from", "today", "--to", "+4w", "--now", NOW
        ]),
        stdout_of(&[
            "holidays",
            "US",
            "--from",
            "2026-12-03",
            "--to",
            "2026-12-31"
        ]),
    );
    // A misspelt date is a usage error that says what is accepted.
    let out = run(&["plan", FIXTURE, "--from", "tomorow"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"tomorow\" is not a date: write YYYY-MM-DD, today, tomorrow, yesterday, or days or weeks from today such as +3d, -2d, +1w"),
        "{err}"
    );
}

#[test]
fn plan_upcoming_says_how_many_steps_are_overdue() {
    // The four overdue steps `due` lists at NOW are hidden by --upcoming,
    // and counted.
    let out = run(&["plan", FIXTURE, "--upcoming", "--now", NOW], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "note: 4 steps are overdue: followup due fixtures/tracking.yaml\n"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("2026-11-"), "{text}");
    // Without --upcoming nothing is hidden and nothing is said.
    let out = run(&["plan", FIXTURE, "--now", NOW], None);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    followup(&[
        "plan",
        FIXTURE,
        "--upcoming",
        "--format",
        "json",
        "--now",
        "2026-11-01T00:00:00Z",
    ])
    .expect(0, &stdout_of(&["plan", FIXTURE, "--format", "json"]), "");
}

/// The calendar of a tracked search: done events have no alarm and say
/// so; a Tokyo step's alarm rings at 21:00 the evening before in Madrid
/// and its description says when to send; only the interview is OPAQUE.
#[test]
fn tracked_calendar_done_events_moved_alarms_and_opaque_interviews() {
    let ics = stdout_of(&["build", FIXTURE, "--now", NOW]);
    let unfolded = ics.replace("\r\n ", "");
    let event = |uid_start: &str| -> String {
        unfolded
            .split("BEGIN:VEVENT")
            .find(|e| e.contains(&format!("UID:{uid_start}")))
            .unwrap_or_else(|| panic!("no {uid_start}"))
            .to_string()
    };
    // Kaito's check-in: Fri 27 Nov 10:00 Tokyo = 02:00 Madrid; its 15-minute
    // alarm would ring at 01:45 and rings at 21:00 on the 26th: 300 minutes.
    let check_in = event("kaito-pm.check-in.1.");
    assert!(
        check_in.contains("DTSTART;TZID=Europe/Madrid:20261127T020000\r\n"),
        "{check_in}"
    );
    assert!(check_in.contains("TRIGGER:-PT300M\r\n"), "{check_in}");
    assert!(
        check_in.contains("Schedule the email to go out at 10:00 Tokyo time (02:00 in Madrid)."),
        "{check_in}"
    );
    // Its thank-you was done: no alarm, and it says so first.
    let thanks = event("kaito-pm.thank-you.1.");
    assert!(!thanks.contains("BEGIN:VALARM"), "{thanks}");
    assert!(thanks.contains("SUMMARY:Done: "), "{thanks}");
    assert!(
        thanks.contains("DESCRIPTION:Done on Thu 19 Nov.\\n\\n"),
        "{thanks}"
    );
    // The interview at 02:00 in Madrid keeps its alarms: the candidate is
    // up for it.
    let interview = event("kaito-pm.interview.1@");
    assert!(interview.contains("TRANSP:OPAQUE\r\n"), "{interview}");
    assert!(interview.contains("TRIGGER:-PT15M\r\n"), "{interview}");
    // Every interview is OPAQUE and nothing else is.
    let events: Vec<&str> = unfolded.split("BEGIN:VEVENT").skip(1).collect();
    for e in &events {
        let is_interview = e.contains("CATEGORIES:Job search,interview\r\n");
        assert_eq!(e.contains("TRANSP:OPAQUE\r\n"), is_interview, "{e}");
        assert_eq!(e.contains("TRANSP:TRANSPARENT\r\n"), !is_interview, "{e}");
    }
    // A New York check-in at 16:00 Madrid was never moved.
    let acme = event("acme-ae.check-in.1.");
    assert!(acme.contains("SUMMARY:Done: "), "{acme}");
    assert!(!acme.contains("Schedule the email"), "{acme}");
}

/// README's "Day to day" shows the real output of `due` on this fixture.
#[test]
fn the_readme_shows_the_real_due_list() {
    let doc = std::fs::read_to_string(root().join("README.md")).expect("README");
    let head = format!("```console\n$ followup due {FIXTURE} --now {NOW}\n");
    let start = doc.find(&head).expect("a due block in the README") + head.len();
    let block = &doc[start..];
    let block = &block[..block.find("```").expect("end of block")];
    assert_eq!(block, stdout_of(&["due", FIXTURE, "--now", NOW]));
}
