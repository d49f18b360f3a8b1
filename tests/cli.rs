//! The binary, driven end to end: exact stdout, exact stderr, exit codes and
//! files. Expected outputs live beside their inputs; run with
//! `UPDATE_EXPECT=1` to rewrite them after a deliberate change, then review
//! the diff.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

const NOW: &str = "2026-11-22T09:00:00Z";

mod common;
use common::{followup, golden, root};

#[test]
fn example_plan_json_is_exact() {
    let out = followup(&[
        "plan",
        "fixtures/example.yaml",
        "--format",
        "json",
        "--now",
        NOW,
    ])
    .output();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    golden(
        &root().join("tests/expected/example.plan.json"),
        &String::from_utf8_lossy(&out.stdout),
    );
}

#[test]
fn plan_json_is_valid_json_in_spec_order() {
    let out = followup(&["plan", "fixtures/example.yaml", "--format", "json"]).output();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let steps = v["steps"].as_array().expect("steps array");
    assert!(!steps.is_empty());
    let keys: Vec<&str> = [
        "uid",
        "interview",
        "step",
        "recipient",
        "channel",
        "start",
        "start_utc",
        "end_utc",
        "due_utc",
        "status",
    ]
    .to_vec();
    for s in steps {
        let obj = s.as_object().expect("object");
        assert_eq!(
            obj.keys().map(String::as_str).collect::<Vec<_>>().len(),
            keys.len()
        );
        for k in &keys {
            assert!(obj.contains_key(*k), "missing {k}");
        }
    }
    let starts: Vec<&str> = steps
        .iter()
        .map(|s| s["start_utc"].as_str().unwrap_or(""))
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

#[test]
fn now_never_changes_the_plan() {
    let a = followup(&[
        "plan",
        "fixtures/example.yaml",
        "--format",
        "json",
        "--now",
        NOW,
    ])
    .output();
    let b = followup(&[
        "plan",
        "fixtures/example.yaml",
        "--format",
        "json",
        "--now",
        "2030-01-01T00:00:00Z",
    ])
    .output();
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn plan_from_to_narrows_by_employer_date() {
    let out = followup(&[
        "plan",
        "fixtures/example.yaml",
        "--format",
        "json",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-01",
    ])
    .output();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let steps = v["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0]["interview"], "acme-ae");
    assert_eq!(steps[0]["step"], "check-in");
}

#[test]
fn bad_inputs_have_exact_messages_exit_1_and_no_stdout() {
    let dir = root().join("tests/bad");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/bad")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for path in names {
        let rel = path
            .strip_prefix(root())
            .expect("relative")
            .to_string_lossy()
            .into_owned();
        for sub in [
            vec!["check", rel.as_str()],
            vec!["plan", rel.as_str(), "--format", "json"],
        ] {
            let out = followup(&sub).output();
            assert_eq!(out.status.code(), Some(1), "{rel}: {sub:?}");
            assert!(out.stdout.is_empty(), "{rel}: nothing on stdout");
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(stderr.starts_with("error: "), "{rel}: {stderr}");
            assert!(stderr.contains(&rel), "{rel}: names the file");
            assert!(stderr.contains("= help: "), "{rel}: gives a fix");
            golden(&path.with_extension("stderr"), &stderr);
        }
    }
}

#[test]
fn empty_interviews_list_is_a_warning_not_an_error() {
    followup(&["plan", "-", "--format", "json"]).stdin(b"interviews: []\n").expect(
        0,
        "{\"steps\": []}\n",
        "warning: the `interviews` list is empty: the calendar will have no events\n  --> -:1:13\n  |\n1 | interviews: []\n  |             ^\n  = field: interviews\n  = help: add an interview, or check that this is the right file\n",
    );
}

#[test]
fn exit_codes_for_usage_and_io_errors() {
    let out = followup(&["plan"]).output();
    assert_eq!(out.status.code(), Some(2));
    let out = followup(&["frobnicate"]).output();
    assert_eq!(out.status.code(), Some(2));
    let out = followup(&["plan", "fixtures/example.yaml", "--now", "yesterday"]).output();
    assert_eq!(out.status.code(), Some(2));
    followup(&["check", "no/such/file.yaml"]).expect(
        3,
        "",
        "error: cannot read no/such/file.yaml: No such file or directory (os error 2)\n",
    );
}

#[test]
fn version_names_the_tz_database() {
    let out = followup(&["--version"]).output();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("followup "), "{text}");
    let tzdb = text
        .split("(tzdb ")
        .nth(1)
        .unwrap_or("")
        .trim_end_matches([')', '\n']);
    assert!(tzdb >= "2026c" && tzdb.len() == 5, "{text}");
}

#[test]
fn vancouver_is_utc_minus_7_on_2026_12_15() {
    let yaml = b"interviews:\n  - id: v\n    company: Hootsuite\n    role: PM\n    start: 2026-12-15T11:00\n    timezone: America/Vancouver\n";
    let out = followup(&["plan", "-", "--format", "json"])
        .stdin(yaml)
        .output();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\"start\": \"2026-12-15T11:00:00-07:00\""),
        "{text}"
    );
    assert!(
        text.contains("\"start_utc\": \"2026-12-15T18:00:00Z\""),
        "{text}"
    );
}

/// Issue 6: `holidays: [US]` skips Thanksgiving; a date that also closes the
/// Friday moves the check-in to Monday.
#[test]
fn issue_6_us_thanksgiving_moves_the_check_in() {
    let yaml = |holidays: &str| {
        format!(
            "interviews:\n  - id: a\n    company: A\n    role: R\n    start: 2026-11-20T14:00\n    timezone: America/New_York\n    holidays: {holidays}\n    decision_by: 2026-11-25\n"
        )
    };
    let check_in = |holidays: &str| -> String {
        let out = followup(&["plan", "-", "--format", "json"])
            .stdin(yaml(holidays).as_bytes())
            .output();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .find(|s| s["step"] == "check-in")
            .map(|s| s["start"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    assert_eq!(check_in("[US]"), "2026-11-27T10:00:00-05:00");
    assert_eq!(check_in("[US, 2026-11-27]"), "2026-11-30T10:00:00-05:00");
    assert_eq!(check_in("[]"), "2026-11-26T10:00:00-05:00");
}

/// Issue 6: an `.ics` file of office closures beside the YAML moves
/// business days. The same input without it, and the plan JSON of both.
#[test]
fn issue_6_an_ics_file_of_closures_moves_the_plan() {
    let yaml = std::fs::read_to_string(root().join("fixtures/closures.yaml")).expect("fixture");
    let starts = |out: Output| -> Vec<(String, String)> {
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        assert_eq!(out.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| {
                (
                    format!(
                        "{} {}",
                        s["interview"].as_str().unwrap(),
                        s["step"].as_str().unwrap()
                    ),
                    s["start"].as_str().unwrap()[..10].to_string(),
                )
            })
            .collect()
    };
    let with = starts(followup(&["plan", "fixtures/closures.yaml", "--format", "json"]).output());
    // Without the file (from standard input, so nothing is read beside it).
    let without_yaml = yaml.replace("[US, ./office-closures.ics]", "[US]");
    assert_ne!(without_yaml, yaml);
    let without = starts(
        followup(&["plan", "-", "--format", "json"])
            .stdin(without_yaml.as_bytes())
            .output(),
    );
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        without,
        pairs(&[
            ("acme-ae interview", "2026-11-24"),
            ("acme-ae thank-you", "2026-11-25"),
            // Thanksgiving (US) only.
            ("acme-ae check-in", "2026-11-27"),
            ("acme-ae follow-up", "2026-12-04"),
            ("acme-ae move-on", "2026-12-11"),
            ("acme-se interview", "2026-12-18"),
            ("acme-se thank-you", "2026-12-18"),
            // Christmas Day and New Year's Day (US) only.
            ("acme-se check-in", "2026-12-24"),
            ("acme-se move-on", "2027-01-04"),
        ])
    );
    assert_eq!(
        with,
        pairs(&[
            ("acme-ae interview", "2026-11-24"),
            ("acme-ae thank-you", "2026-11-25"),
            // The day after Thanksgiving (a yearly rule) and the weekend.
            ("acme-ae check-in", "2026-11-30"),
            // Founder's Day, the first Friday of December (yearly).
            ("acme-ae follow-up", "2026-12-08"),
            // The offsite (a timed event) and inventory day (UTC).
            ("acme-ae move-on", "2026-12-17"),
            ("acme-se interview", "2026-12-18"),
            ("acme-se thank-you", "2026-12-18"),
            // The winter shutdown, 24 December to 1 January.
            ("acme-se check-in", "2027-01-04"),
            ("acme-se move-on", "2027-01-11"),
        ])
    );
}

/// The agenda says what moved each step.
#[test]
fn closures_plan_table_is_exact() {
    let out = followup(&["plan", "fixtures/closures.yaml", "--now", NOW]).output();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    golden(
        &root().join("tests/expected/closures.plan.txt"),
        &String::from_utf8_lossy(&out.stdout),
    );
}

#[test]
fn holidays_of_a_built_in_calendar() {
    followup(&["holidays", "us", "--year", "2027"]).expect(
        0,
        "US (United States federal holidays), 2027

2027-01-01  Fri  New Year's Day
2027-01-18  Mon  Birthday of Martin Luther King, Jr.
2027-02-15  Mon  Washington's Birthday
2027-05-31  Mon  Memorial Day
2027-06-18  Fri  Juneteenth National Independence Day (observed)
2027-06-19  Sat  Juneteenth National Independence Day
2027-07-04  Sun  Independence Day
2027-07-05  Mon  Independence Day (observed)
2027-09-06  Mon  Labor Day
2027-10-11  Mon  Columbus Day
2027-11-11  Thu  Veterans Day
2027-11-25  Thu  Thanksgiving Day
2027-12-24  Fri  Christmas Day (observed)
2027-12-25  Sat  Christmas Day
2027-12-31  Fri  New Year's Day (observed)
",
        "",
    );
    followup(&[
        "holidays",
        "GB-ENG",
        "--from",
        "2026-12-20",
        "--to",
        "2027-01-10",
        "--format",
        "json",
    ])
    .expect(
        0,
        r#"{"holidays": [
  {"date": "2026-12-25", "name": "Christmas Day"},
  {"date": "2026-12-26", "name": "Boxing Day"},
  {"date": "2026-12-28", "name": "Boxing Day (substitute day)"},
  {"date": "2027-01-01", "name": "New Year's Day"}
]}
"#,
        "",
    );
    // Two holidays on one date: one entry, names joined.
    let out = followup(&["holidays", "nz", "--year", "2038", "--format", "json"]).output();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(r#"{"date": "2038-04-26", "name": "Easter Monday; Anzac Day (observed)"}"#),
        "{text}"
    );
    // The current year by default, from --now.
    let out = followup(&["holidays", "DE-BY", "--now", "2031-03-01T12:00:00Z"]).output();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(
            "DE-BY (Bavaria (Germany) public holidays), 2031\n\n2031-01-01  Wed  New Year's Day\n"
        ),
        "{text}"
    );
    followup(&[
        "holidays",
        "fr",
        "--from",
        "2026-05-09",
        "--to",
        "2026-05-13",
    ])
    .expect(
        0,
        "FR (France public holidays), 2026-05-09 to 2026-05-13\n\nNo holidays in this period.\n",
        "",
    );
}

#[test]
fn holidays_of_an_ics_file() {
    let out = followup(&[
        "holidays",
        "fixtures/office-closures.ics",
        "--from",
        "2026-01-01",
        "--to",
        "2027-12-31",
        "--format",
        "json",
    ])
    .output();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    golden(
        &root().join("tests/expected/office-closures.holidays.json"),
        &String::from_utf8_lossy(&out.stdout),
    );
    followup(&[
        "holidays",
        "fixtures/office-closures.ics",
        "--from",
        "2026-11-25",
        "--to",
        "2026-12-10",
    ])
    .expect(
        0,
        "fixtures/office-closures.ics, 2026-11-25 to 2026-12-10

2026-11-27  Fri  Day after Thanksgiving
2026-12-04  Fri  Founder's Day
2026-12-09  Wed  Offsite (offices closed)
",
        "",
    );
}

#[test]
fn holidays_errors_and_exit_codes() {
    // An unknown name is a usage error, with a suggestion and a pointer to
    // the list.
    followup(&["holidays", "USA"]).expect(
        2,
        "",
        "error: \"USA\" is not a built-in holiday calendar or an .ics file
  = help: did you mean \"US\"? `followup holidays --list` names the 300 built-in calendars; or give the path of an .ics file
",
    );
    followup(&["holidays", "gb_eng", "--year", "2027"]).expect(
        2,
        "",
        "error: \"gb_eng\" is not a built-in holiday calendar or an .ics file
  = help: did you mean \"GB-ENG\"? `followup holidays --list` names the 300 built-in calendars; or give the path of an .ics file
",
    );
    followup(&["holidays", "US", "--from", "2027-02-01", "--to", "2027-01-01"]).expect(
        2,
        "",
        "error: --from 2027-02-01 is after --to 2027-01-01\n  = help: give the earlier date first\n",
    );
    let out = followup(&[
        "holidays",
        "US",
        "--year",
        "2027",
        "--from",
        "2027-01-01",
        "--to",
        "2027-02-01",
    ])
    .output();
    assert_eq!(out.status.code(), Some(2));
    // A file that is not there: I/O error.
    followup(&["holidays", "no/such/closures.ics"]).expect(
        3,
        "",
        "error: cannot read no/such/closures.ics: No such file or directory (os error 2)\n",
    );
    // A file that is not a holiday calendar: invalid input.
    let dir = scratch("holidays-bad-ics");
    std::fs::write(
        dir.join("payday.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:p\r\nDTSTART;VALUE=DATE:20261201\r\nRRULE:FREQ=FORTNIGHTLY\r\nSUMMARY:Payday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.ics"), "Christmas: 25 December\n").unwrap();
    followup(&["holidays", "payday.ics", "--year", "2027"]).dir(&dir).expect(
        1,
        "",
        "error: cannot read holiday file payday.ics: event 1 (\"Payday\", line 4) has RRULE \"FREQ=FORTNIGHTLY\": FREQ \"FORTNIGHTLY\" is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY
  = help: docs/holidays.md says what is read from an .ics file and what is refused
",
    );
    followup(&["holidays", "notes.ics", "--year", "2027"]).dir(&dir).expect(
        1,
        "",
        "error: cannot read holiday file notes.ics: it is not an iCalendar file (it does not start with BEGIN:VCALENDAR: its first line is \"Christmas: 25 December\")
  = help: docs/holidays.md says what is read from an .ics file and what is refused
",
    );
}

/// A `holidays` entry naming an `.ics` file that cannot be used is an input
/// error at that entry, with the file named, in `defaults` or an interview.
#[test]
fn a_bad_holiday_file_is_reported_at_its_entry() {
    let dir = scratch("yaml-bad-ics");
    std::fs::create_dir_all(dir.join("cal")).unwrap();
    std::fs::write(dir.join("cal/timed.ics"), "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261201T090000Z\r\nSUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").unwrap();
    std::fs::write(
        dir.join("cal/in.yaml"),
        "defaults:\n  holidays: [US, ./missing.ics]\ninterviews:\n  - id: a\n    company: A\n    role: R\n    start: 2026-11-20T14:00\n    timezone: America/New_York\n    holidays: [2026-11-27, timed.ics]\n",
    )
    .unwrap();
    followup(&["check", "cal/in.yaml"]).dir(&dir).expect(
        1,
        "",
        "error: cannot read holiday file \"./missing.ics\": No such file or directory (os error 2) (looked for cal/missing.ics)
  --> cal/in.yaml:2:18
  |
2 |   holidays: [US, ./missing.ics]
  |                  ^^^^^^^^^^^^^
  = field: defaults.holidays[1]
  = help: paths are relative to the YAML file's folder; `followup holidays FILE.ics` shows what a file gives
error: cannot read holiday file \"timed.ics\": it holds no all-day events: holiday calendars mark each holiday as one, and timed events alone look like a calendar of meetings
  --> cal/in.yaml:9:28
  |
9 |     holidays: [2026-11-27, timed.ics]
  |                            ^^^^^^^^^
  = field: interviews[0].holidays[1]
  = help: paths are relative to the YAML file's folder; `followup holidays FILE.ics` shows what a file gives
",
    );
}

/// A fresh, empty folder under Cargo's per-target temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn starter() -> String {
    std::fs::read_to_string(root().join("src/flows/starter.yaml")).expect("starter")
}

const INIT_NEXT_STEPS: &str = "wrote interviews.yaml: two example interviews to replace with yours
next:
  followup check interviews.yaml
  followup plan interviews.yaml
  followup build interviews.yaml -o followups.ics   # then import followups.ics into your calendar
editor help (its first line points here):
  followup schema > followup.schema.json
";

#[test]
fn init_writes_the_starter_exactly_and_refuses_to_overwrite() {
    let dir = scratch("init");
    let file = dir.join("interviews.yaml");
    followup(&["init"]).dir(&dir).expect(0, "", INIT_NEXT_STEPS);
    assert_eq!(std::fs::read_to_string(&file).expect("written"), starter());
    assert!(starter().starts_with("# yaml-language-server: $schema=./followup.schema.json\n"));

    std::fs::write(&file, "mine\n").expect("edit");
    followup(&["init"]).dir(&dir).expect(
        2,
        "",
        "error: interviews.yaml already exists; not replacing it\n  = help: pass --force to replace it, or name another file: followup init other.yaml\n",
    );
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "mine\n");

    followup(&["init", "--force", "-q"])
        .dir(&dir)
        .expect(0, "", "");
    assert_eq!(std::fs::read_to_string(&file).expect("replaced"), starter());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn init_to_another_folder_points_at_the_schema_beside_it() {
    let dir = scratch("init-elsewhere");
    std::fs::create_dir_all(dir.join("jobs")).expect("mkdir");
    let out = followup(&["init", "jobs/2026.yaml"]).dir(&dir).output();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("followup check jobs/2026.yaml\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("followup schema > jobs/followup.schema.json\n"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("jobs/2026.yaml")).expect("written"),
        starter()
    );
}

#[test]
fn init_dash_prints_the_starter() {
    let dir = scratch("init-stdout");
    followup(&["init", "-"]).dir(&dir).expect(0, &starter(), "");
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 0);
}

/// The README quick start, step by step, as a new user types it.
#[test]
fn quick_start_init_check_build_makes_a_calendar() {
    let dir = scratch("quick-start");
    followup(&["init"]).dir(&dir).expect(0, "", INIT_NEXT_STEPS);
    followup(&["check", "interviews.yaml"]).dir(&dir).expect(
        0,
        "",
        "ok: interviews.yaml: 2 interviews, 11 steps\n",
    );
    followup(&["build", "interviews.yaml", "-o", "followups.ics"])
        .dir(&dir)
        .expect(0, "", "");
    let ics = std::fs::read_to_string(dir.join("followups.ics")).expect("calendar written");
    assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 11, "{ics}");
    let parsed: icalendar::Calendar = ics.parse().expect("an RFC 5545 parser reads it");
    assert_eq!(
        parsed.components.len(),
        11 + 1,
        "11 events and the VTIMEZONE of the candidate's zone"
    );
    followup(&["schema"]).dir(&dir).expect(
        0,
        &std::fs::read_to_string(root().join("schema/followup.schema.json")).expect("schema"),
        "",
    );
}

#[test]
fn shipped_schema_is_what_followup_schema_prints() {
    let out = followup(&["schema"]).output();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    golden(
        &root().join("schema/followup.schema.json"),
        &String::from_utf8_lossy(&out.stdout),
    );
}

#[test]
fn completions_for_every_shell_and_bash_parses_them() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = followup(&["completions", shell]).output();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for sub in [
            "build",
            "check",
            "plan",
            "init",
            "schema",
            "completions",
            "man",
            "due",
        ] {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
        if shell == "bash" {
            let path = scratch("completions").join("followup.bash");
            std::fs::write(&path, script.as_bytes()).expect("write");
            let check = Command::new("bash")
                .arg("-n")
                .arg(&path)
                .output()
                .expect("bash");
            assert!(
                check.status.success(),
                "bash -n: {}",
                String::from_utf8_lossy(&check.stderr)
            );
        }
    }
    let out = followup(&["completions", "tcsh"]).output();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page_is_roff_and_names_every_subcommand() {
    let out = followup(&["man"]).output();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH followup 1"), "{page}");
    for sub in [
        "build",
        "check",
        "plan",
        "init",
        "schema",
        "completions",
        "man",
        "holidays",
        "due",
    ] {
        assert!(page.contains(sub), "names {sub}");
    }
}

#[test]
fn every_subcommand_help_has_an_example() {
    let out = followup(&["--help"]).output();
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(help.contains("Examples:"), "{help}");
    let subs: Vec<String> = help
        .split("Commands:")
        .nth(1)
        .expect("a command list")
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|s| s != "help")
        .collect();
    assert!(subs.len() >= 7, "{subs:?}");
    for sub in subs {
        let out = followup(&[&sub, "--help"]).output();
        assert_eq!(out.status.code(), Some(0), "{sub}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Example"),
            "{sub} --help has no example:\n{text}"
        );
        assert!(text.contains(&format!("followup {sub}")), "{sub}: {text}");
    }
}

#[test]
fn example_plan_table_is_exact() {
    let out = followup(&["plan", "fixtures/example.yaml", "--now", NOW]).output();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    golden(
        &root().join("tests/expected/example.plan.txt"),
        &String::from_utf8_lossy(&out.stdout),
    );
}

#[test]
fn plan_upcoming_hides_what_started_before_now() {
    // 2026-12-01 15:00 UTC is 10:00 in New York: Mark Lee's check-in starts
    // exactly then and stays; everything earlier goes.
    let now = "2026-12-01T15:00:00Z";
    let out = followup(&[
        "plan",
        "fixtures/example.yaml",
        "--format",
        "json",
        "--upcoming",
        "--now",
        now,
    ])
    .output();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let steps = v["steps"].as_array().expect("steps");
    assert_eq!(steps[0]["step"], "check-in");
    assert_eq!(steps[0]["start_utc"], now);
    assert!(steps.iter().all(|s| s["start_utc"].as_str() >= Some(now)));
    let all = followup(&["plan", "fixtures/example.yaml", "--format", "json"]).output();
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).expect("json");
    let later = all["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter(|s| s["start_utc"].as_str() >= Some(now))
        .count();
    assert_eq!(steps.len(), later);

    let table = followup(&["plan", "fixtures/example.yaml", "--upcoming", "--now", now]).output();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("\n\nTue 2026-12-01\n  10:00 "), "{text}");
    assert!(!text.contains("2026-11-"), "{text}");
    // Everything is past; what was missed is counted on stderr (SPEC §8),
    // and -q keeps it quiet.
    followup(&[
        "plan",
        "fixtures/example.yaml",
        "--upcoming",
        "--now",
        "2030-01-01T00:00:00Z",
    ])
    .expect(
        0,
        "No steps to show.\n",
        "note: 14 steps are overdue: followup due fixtures/example.yaml\n",
    );
    followup(&[
        "plan",
        "fixtures/example.yaml",
        "--upcoming",
        "-q",
        "--now",
        "2030-01-01T00:00:00Z",
    ])
    .expect(0, "No steps to show.\n", "");
}

#[test]
fn plan_table_without_candidate_zone_uses_each_employers_zone() {
    let yaml = b"interviews:
  - { id: a, company: Acme, role: AE, start: 2026-11-17T14:00, timezone: America/New_York, policy: { interview_event: true, max_follow_ups: 0, move_on: false } }
  - { id: g, company: Globex, role: CSM, start: 2026-11-17T10:30, timezone: Europe/Berlin, status: withdrawn, status_date: 2026-11-16, interviewers: [Jonas Weber], policy: { max_follow_ups: 0, move_on: false } }
";
    followup(&["plan", "-"]).stdin(yaml).expect(
        0,
        "Times in each employer's timezone (set candidate.timezone to see them in yours).
x marks a cancelled step.

Tue 2026-11-17
x 10:30 Berlin    interview  -            Globex  cancelled
x 13:30 Berlin    thank-you  Jonas Weber  Globex  cancelled
  14:00 New York  interview  -            Acme    planned

Wed 2026-11-18
  09:00 New York  thank-you  -            Acme    planned
",
        "",
    );
}

/// The schema's shape errors (checked with python-jsonschema by
/// `tests/schema/check.sh`) are errors for `followup check` too: the schema
/// never lets through what the tool refuses for its shape.
#[test]
fn schema_shape_errors_are_check_errors_too() {
    let mut names: Vec<_> = std::fs::read_dir(root().join("tests/schema/bad"))
        .expect("tests/schema/bad")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for path in names {
        let rel = path.strip_prefix(root()).expect("relative");
        let out = followup(&["check", &rel.to_string_lossy()]).output();
        assert_eq!(out.status.code(), Some(1), "{}", rel.display());
    }
}

/// The fenced block in `README.md` that starts with `$ command`,
/// without that line.
fn doc_block(command: &str) -> String {
    let doc = std::fs::read_to_string(root().join("README.md")).expect("README");
    let start = doc
        .find(&format!("```console\n$ {command}\n"))
        .unwrap_or_else(|| panic!("no block for {command}"));
    let body = &doc[start..];
    let body = &body[body.find('\n').expect("line") + 1..];
    let body = &body[body.find('\n').expect("line") + 1..];
    body[..body.find("```").expect("end of block")].to_string()
}

#[test]
fn quickstart_shows_the_real_plan_of_the_starter() {
    let dir = scratch("doc-plan");
    followup(&["init", "-q"]).dir(&dir).expect(0, "", "");
    followup(&["plan", "interviews.yaml"]).dir(&dir).expect(
        0,
        &doc_block("followup plan interviews.yaml"),
        "",
    );
}

#[test]
fn quickstart_shows_the_real_diagnostics_for_two_typos() {
    let dir = scratch("doc-check");
    let typos = starter()
        .replace("timezone: Europe/Berlin ", "timezone: Europe/Berln  ")
        .replace("    decision_by: 2026-12-08", "    decison_by: 2026-12-08 ");
    assert_ne!(typos, starter());
    std::fs::write(dir.join("interviews.yaml"), typos).expect("write");
    followup(&["check", "interviews.yaml"]).dir(&dir).expect(
        1,
        "",
        &doc_block("followup check interviews.yaml"),
    );
}

#[test]
fn quickstart_reference_names_every_key_of_the_schema() {
    let doc = std::fs::read_to_string(root().join("README.md")).expect("README");
    let reference = &doc[doc.find("## Reference").expect("a reference section")..];
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/followup.schema.json")).expect("schema"),
    )
    .expect("json");
    let mut objects = vec![&schema];
    objects.extend(schema["$defs"].as_object().expect("$defs").values());
    let mut keys = 0;
    for obj in objects {
        for key in obj["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|p| p.0)
        {
            keys += 1;
            assert!(
                reference.contains(&format!("`{key}`")),
                "the reference does not explain `{key}`"
            );
        }
    }
    assert!(keys > 40);
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let bin = env!("CARGO_BIN_EXE_followup");
    let args = ["check", "tests/bad/unknown-key.yaml"];
    // A pipe: no colour even without NO_COLOR.
    let piped = Command::new(bin)
        .current_dir(root())
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run");
    assert!(!piped.stderr.contains(&0x1b), "no escapes in a pipe");
    // A terminal, through util-linux `script`, where it exists.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped the terminal half: no `script` here");
        return;
    }
    let on_tty = |no_color: Option<&str>| {
        let mut cmd = Command::new("script");
        cmd.current_dir(root())
            .args(["-qec", &format!("{bin} {}", args.join(" ")), "/dev/null"])
            .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        String::from_utf8_lossy(&cmd.output().expect("script").stdout).into_owned()
    };
    let coloured = on_tty(None);
    assert!(
        coloured.contains("\x1b[1;31m^^^^^^^^^^\x1b[0m"),
        "the underline is red: {coloured:?}"
    );
    assert!(!on_tty(Some("1")).contains('\x1b'));
    assert!(
        on_tty(Some("")).contains('\x1b'),
        "an empty NO_COLOR is unset"
    );
}
