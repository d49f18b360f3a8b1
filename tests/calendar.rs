//! `followup build`, end to end: bytes, determinism, UIDs, and a read-back
//! through the `icalendar` crate's parser.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

const NOW: &str = "2026-11-22T09:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs followup with `stdin`, returning (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_followup"))
        .current_dir(root())
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn example() -> Vec<u8> {
    std::fs::read(root().join("fixtures/example.yaml")).unwrap()
}

fn build(yaml: &[u8], extra: &[&str]) -> String {
    let mut args = vec!["build", "-", "--now", NOW];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args, yaml);
    assert_eq!(code, 0, "{err}");
    String::from_utf8(out).expect("UTF-8")
}

fn plan_uids(yaml: &[u8]) -> Vec<String> {
    let (code, out, err) = run(&["plan", "-", "--format", "json"], yaml);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["uid"].as_str().unwrap().to_string())
        .collect()
}

/// Every UID in the file, in order.
fn uids(ics: &str) -> Vec<String> {
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .find(|p| p.name == "UID")
                .map(|p| p.val.to_string())
                .expect("UID")
        })
        .collect()
}

#[test]
fn bytes_are_rfc_5545_content_lines() {
    let ics = build(&example(), &[]);
    let bytes = ics.as_bytes();
    assert!(!ics.starts_with('\u{feff}'), "no BOM");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue; // after the final CRLF
        }
        assert_eq!(line.last(), Some(&b'\r'), "line {i} ends in CRLF");
        let content = &line[..line.len() - 1];
        assert!(!content.contains(&b'\r'), "no bare CR on line {i}");
        assert!(content.len() <= 75, "line {i} is {} octets", content.len());
        assert!(
            std::str::from_utf8(content).is_ok(),
            "line {i} splits a character"
        );
    }
    for required in [
        "VERSION:2.0\r\n",
        "CALSCALE:GREGORIAN\r\n",
        "METHOD:PUBLISH\r\n",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n",
        "X-PUBLISHED-TTL:PT1H\r\n",
        "BEGIN:VTIMEZONE\r\n",
    ] {
        assert!(ics.contains(required), "{required:?}");
    }
    for forbidden in [
        "ORGANIZER",
        "ATTENDEE",
        "METHOD:REQUEST",
        "DURATION:",
        "RRULE:FREQ=DAILY",
    ] {
        assert!(
            !ics.replace("REFRESH-INTERVAL;VALUE=DURATION:", "")
                .contains(forbidden),
            "{forbidden}"
        );
    }
}

#[test]
fn one_event_per_plan_step_with_the_same_uids() {
    let ics = build(&example(), &[]);
    let mut got = uids(&ics);
    let mut want = plan_uids(&example());
    assert_eq!(got.len(), want.len());
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let mut dedup = got.clone();
    dedup.dedup();
    assert_eq!(dedup.len(), got.len(), "UIDs are unique");
    assert!(got.iter().all(|u| u.is_ascii() && u.len() <= 100));
}

#[test]
fn same_input_and_now_give_the_same_bytes() {
    assert_eq!(build(&example(), &[]), build(&example(), &[]));
    let later = {
        let (_, out, _) = run(&["build", "-", "--now", "2027-01-01T00:00:00Z"], &example());
        String::from_utf8(out).unwrap()
    };
    let a = build(&example(), &[]);
    assert_ne!(a, later);
    assert_eq!(
        a.replace("DTSTAMP:20261122T090000Z", "X"),
        later.replace("DTSTAMP:20270101T000000Z", "X"),
        "only DTSTAMP depends on now"
    );
}

#[test]
fn source_date_epoch_sets_dtstamp() {
    let out = Command::new(env!("CARGO_BIN_EXE_followup"))
        .current_dir(root())
        .args(["build", "fixtures/example.yaml"])
        .env("SOURCE_DATE_EPOCH", "1795424400")
        .output()
        .unwrap();
    let ics = String::from_utf8(out.stdout).unwrap();
    assert!(
        ics.contains("DTSTAMP:20261123T090000Z\r\n"),
        "{}",
        &ics[..400.min(ics.len())]
    );
}

#[test]
fn uids_survive_edits_of_topics_times_and_titles() {
    let before = uids(&build(&example(), &[]));
    let edited = String::from_utf8(example())
        .unwrap()
        .replace("Q3 pipeline review", "Q4 forecast")
        .replace("2026-11-17T14:00", "2026-11-18T11:00")
        .replace("2026-11-17T15:00", "2026-11-18T12:00")
        .replace("Hiring Manager", "Sales Manager")
        .replace("decision_by: 2026-11-30", "decision_by: 2026-12-04");
    let after = uids(&build(edited.as_bytes(), &[]));
    let (mut a, mut b) = (before, after);
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn utc_flag_writes_no_vtimezone_and_only_utc_times() {
    let ics = build(&example(), &["--utc"]);
    assert!(!ics.contains("VTIMEZONE"));
    assert!(!ics.contains("TZID="));
    for line in ics
        .lines()
        .filter(|l| l.starts_with("DTSTART") || l.starts_with("DTEND"))
    {
        assert!(line.ends_with('Z'), "{line}");
    }
}

#[test]
fn ambiguous_fall_back_times_are_written_in_utc() {
    let yaml = b"defaults:\n  timezone: America/New_York\n  weekend: []\n  send_at: \"01:30\"\n  policy: { interview_event: false, max_follow_ups: 1, move_on: false }\ninterviews:\n  - id: a\n    company: A\n    role: R\n    start: 2026-10-30T14:00\n    decision_by: 2026-10-31\n";
    let ics = build(yaml, &[]);
    assert!(ics.contains("DTSTART:20261101T053000Z\r\n"), "{ics}");
    assert!(
        ics.contains("DTSTART;TZID=America/New_York:20261031T090000\r\n"),
        "{ics}"
    );
}

#[test]
fn alarms_follow_reminders_and_the_interview_wraps_up() {
    let ics = build(&example(), &[]);
    let interview = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:acme-ae.interview.1@followup"))
        .unwrap();
    let triggers: Vec<&str> = interview
        .lines()
        .filter(|l| l.starts_with("TRIGGER"))
        .collect();
    assert_eq!(
        triggers,
        [
            "TRIGGER:-PT15M",
            "TRIGGER:-PT60M",
            "TRIGGER;RELATED=END:-PT10M"
        ]
    );
    let props_before_alarm = interview.split("BEGIN:VALARM").next().unwrap();
    for p in [
        "UID:",
        "DTSTAMP:",
        "SEQUENCE:0",
        "DTSTART",
        "DTEND",
        "SUMMARY:",
        "DESCRIPTION:",
        // SPEC §8: the interview is a real meeting and blocks free/busy.
        "TRANSP:OPAQUE",
        "CLASS:PRIVATE",
        "STATUS:CONFIRMED",
        "CATEGORIES:",
    ] {
        assert!(
            props_before_alarm.contains(p),
            "{p} before the first VALARM"
        );
    }
    // Every other step stays TRANSPARENT: one OPAQUE per interview.
    let opaque = ics.matches("TRANSP:OPAQUE\r\n").count();
    let interviews = ics.matches("CATEGORIES:Job search,interview\r\n").count();
    assert_eq!(opaque, interviews);
    assert_eq!(
        ics.matches("TRANSP:TRANSPARENT\r\n").count(),
        ics.matches("BEGIN:VEVENT").count() - interviews
    );
}

#[test]
fn cancelled_steps_are_status_cancelled_and_thank_you_is_personal() {
    let ics = build(&example(), &[]);
    let unfolded = icalendar::parser::unfold(&ics);
    let follow = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:initech-sdr.follow-up.2."))
        .unwrap();
    assert!(follow.contains("STATUS:CANCELLED"));
    let thanks = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("SUMMARY:Thank-you note: Priya Shah"))
        .unwrap();
    for needle in [
        "Hi Priya\\,",
        "Acme Corp",
        "Account Executive",
        "mailto:priya.shah@acme.example?subject=",
    ] {
        assert!(thanks.contains(needle), "{needle} in {thanks}");
    }
    // SPEC §9: the interview's topics are shared; each thank-you names one
    // of them (Priya has no topics of her own), and the two thank-yous of
    // the interview do not say the same thing beyond the names.
    let topics = [
        "Q3 pipeline review",
        "CRM migration to HubSpot",
        "territory planning for the Northeast",
    ];
    assert!(topics.iter().any(|t| thanks.contains(t)), "{thanks}");
    let mark = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("SUMMARY:Thank-you note: Mark Lee"))
        .unwrap();
    let body = |e: &str, first: &str, email: &str| {
        let d = e
            .split("DESCRIPTION:")
            .nth(1)
            .unwrap()
            .split("\r\n")
            .next()
            .unwrap();
        d.split("Subject: ")
            .nth(1)
            .unwrap()
            .split("Best regards")
            .next()
            .unwrap()
            .replace(first, "NAME")
            .replace(email, "EMAIL")
    };
    assert_ne!(
        body(thanks, "Priya", "priya.shah@acme.example"),
        body(mark, "Mark", "mark.lee@acme.example")
    );
}

#[test]
fn a_bad_input_writes_nothing_and_keeps_the_old_file() {
    let dir = std::env::temp_dir().join(format!("followup-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("out.ics");
    std::fs::write(&out, "previous").unwrap();
    let (code, stdout, _) = run(
        &["build", "-", "-o", out.to_str().unwrap()],
        b"interviews: [{id: a}]\n",
    );
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
    let fresh = dir.join("fresh.ics");
    let (code, _, _) = run(&["build", "-", "-o", fresh.to_str().unwrap()], b"");
    assert_eq!(code, 1);
    assert!(!fresh.exists());
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temp files left behind");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A first build into a new file is written as it is made (never held whole
/// in memory): the bytes are those printed to standard output, and a file
/// that cannot be written is an I/O error naming it, with nothing left
/// behind, exactly as when the calendar was written at the end.
#[test]
fn a_first_build_streamed_to_a_file_matches_stdout() {
    let dir = std::env::temp_dir().join(format!("followup-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let stdout = build(&example(), &[]);
    let out = dir.join("out.ics");
    let (code, printed, err) = run(
        &["build", "-", "--now", NOW, "-o", out.to_str().unwrap()],
        &example(),
    );
    assert_eq!((code, printed.len(), err.as_str()), (0, 0, ""));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout);

    let missing = dir.join("no-such-folder").join("out.ics");
    let (code, _, err) = run(
        &["build", "-", "--now", NOW, "-o", missing.to_str().unwrap()],
        &example(),
    );
    assert_eq!(code, 3, "{err}");
    assert!(
        err.starts_with(&format!("error: cannot write {}: ", missing.display())),
        "{err}"
    );
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(entries.len(), 1, "only out.ics: {entries:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
