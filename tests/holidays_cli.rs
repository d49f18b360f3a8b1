//! Issue 14 through the binary: `holidays --list`, filtered `.ics` entries
//! (`{file, only, except}`), `holidays: [auto]` with its `plan -v` note and
//! its warning, and the reader's messages for files that are not calendars.
//! Exact stderr and exit codes.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_followup"))
        .current_dir(dir)
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run followup")
}

/// A fresh folder under the target dir with these files.
fn folder(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, bytes) in files {
        std::fs::write(dir.join(path), bytes).unwrap();
    }
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const GOOGLE: &[u8] = include_bytes!("holidays/corpus/ours/ours-google-style.ics");
const APPLE: &[u8] = include_bytes!("holidays/corpus/ours/ours-apple-china-style.ics");

#[test]
fn list_names_every_calendar_with_its_years() {
    let out = run(&root(), &["holidays", "--list"]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(
        "300 built-in holiday calendars (the table ones from python-holidays 0.109):\n\n"
    ));
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} is not listed"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("NZ"),
        "NZ New Zealand national public holidays rules, any year"
    );
    assert_eq!(
        line("IN-KA"),
        "IN-KA Karnataka, India public holidays 2001-2035"
    );
    assert_eq!(
        line("ES-MD"),
        "ES-MD Madrid, Spain public holidays 2008-2060"
    );
    for name in [
        "IN-MH", "CN", "JP", "SG", "KR", "HK", "BR", "MX", "ES", "IT", "PT", "PL", "SE", "NO",
        "DK", "FI", "CH", "AT", "BE", "CZ", "ZA", "NG", "KE", "AE", "IL", "TR", "PH", "MY", "ID",
        "TH", "VN", "AR", "CL", "CO",
    ] {
        // Every one holds the years up to 2060, or to 2035 for India's.
        let years = line(name)
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(
            years == "2000-2060"
                || (name == "ES" && years == "2008-2060")
                || (name == "IN-MH" && years == "2001-2035"),
            "{}",
            line(name)
        );
    }
}

#[test]
fn a_table_calendar_by_name() {
    let out = run(
        &root(),
        &[
            "holidays",
            "jp",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
        ],
    );
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "JP (Japan public holidays), 2026-01-01 to 2026-01-31\n\n2026-01-01  Thu  New Year's Day\n2026-01-12  Mon  Coming of Age Day\n"
    );
}

#[test]
fn only_and_except_on_the_command_line() {
    let dir = folder(
        "filters-cli",
        &[("google.ics", GOOGLE), ("apple.ics", APPLE)],
    );
    let out = run(
        &dir,
        &[
            "holidays",
            "google.ics",
            "--year",
            "2027",
            "--only",
            "public holiday",
        ],
    );
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "google.ics, 2027\n\n2027-01-01  Fri  New Year's Day\n2027-01-18  Mon  Martin Luther King Jr. Day\n"
    );
    let out = run(
        &dir,
        &[
            "holidays",
            "apple.ics",
            "--year",
            "2027",
            "--except",
            "班",
            "--format",
            "json",
        ],
    );
    assert_eq!(text(&out.stderr), "");
    let days = text(&out.stdout);
    assert_eq!(days.matches("\"date\"").count(), 8, "{days}");
    assert!(
        !days.contains("2027-01-31") && !days.contains("2027-02-20"),
        "{days}"
    );
    let out = run(&dir, &["holidays", "US", "--only", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: --only and --except pick events of an .ics file; \"US\" is a built-in calendar\n  = help: drop them, or give an .ics file\n"
    );
}

#[test]
fn filtered_entries_in_the_yaml() {
    let yaml = b"defaults:\n  timezone: America/New_York\n  holidays:\n    - { file: ./google.ics, only: Public holiday }\ninterviews:\n  - { id: a, company: A, role: R, start: 2027-01-15T14:00 }\n";
    let dir = folder("filters-yaml", &[("google.ics", GOOGLE), ("in.yaml", yaml)]);
    let out = run(&dir, &["plan", "in.yaml", "--format", "json"]);
    assert_eq!(text(&out.stderr), "");
    // Interview Friday 15 January 2027; the check-in 5bd after the
    // thank-you (Monday 18th is MLK Day, a public holiday): Monday 25th.
    let plan = text(&out.stdout);
    assert!(plan.contains("\"step\": \"check-in\", \"recipient\": null, \"channel\": \"email\", \"start\": \"2027-01-25T10:00:00-05:00\""), "{plan}");

    let bad = b"defaults:\n  timezone: America/New_York\n  holidays: [{ file: ./google.ics, onyl: Public }]\ninterviews:\n  - { id: a, company: A, role: R, start: 2027-01-15T14:00 }\n";
    let dir = folder(
        "filters-yaml-bad",
        &[("google.ics", GOOGLE), ("in.yaml", bad)],
    );
    let out = run(&dir, &["check", "in.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: unknown key \"onyl\" in a holiday file entry\n  --> in.yaml:3:36\n  |\n3 |   holidays: [{ file: ./google.ics, onyl: Public }]\n  |                                    ^^^^\n  = field: defaults.holidays[0].onyl\n  = help: did you mean \"only\"?\n"
    );

    let nothing = b"defaults:\n  timezone: America/New_York\n  holidays: [{ file: ./google.ics, only: [Bank holiday] }]\ninterviews:\n  - { id: a, company: A, role: R, start: 2027-01-15T14:00 }\n";
    let dir = folder(
        "filters-yaml-nothing",
        &[("google.ics", GOOGLE), ("in.yaml", nothing)],
    );
    let out = run(&dir, &["check", "in.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: cannot read holiday file \"./google.ics\": none of its 3 events is kept by only \"Bank holiday\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn auto_is_the_zones_country_and_plan_v_says_so() {
    let yaml = b"defaults:\n  holidays: [auto]\ninterviews:\n  - { id: tokyo, company: A, role: R, start: 2026-01-09T14:00, timezone: Asia/Tokyo }\n  - { id: berlin, company: B, role: R, start: 2026-12-23T14:00, timezone: Europe/Berlin }\n";
    let dir = folder("auto", &[("in.yaml", yaml)]);
    let out = run(&dir, &["plan", "-v", "in.yaml", "--format", "json"]);
    assert_eq!(
        text(&out.stderr),
        "note: holidays `auto` for Asia/Tokyo: JP (Japan public holidays, 2000-2060)\nnote: holidays `auto` for Europe/Berlin: DE (Germany nationwide public holidays, rules, any year)\n"
    );
    let plan = text(&out.stdout);
    // Tokyo: the thank-you stays on Friday 9 January (Monday 12th is Coming
    // of Age Day, so the next window is past its due time); the check-in
    // 5bd after it skips that Monday: the 19th, not the 16th.
    assert!(plan.contains("\"interview\": \"tokyo\", \"step\": \"check-in\", \"recipient\": null, \"channel\": \"email\", \"start\": \"2026-01-19T10:00:00+09:00\""), "{plan}");
    // Berlin: the thank-you on Thursday 24 December; Christmas Day and New
    // Year's Day are off, so 5bd after it is 4 January, not 31 December.
    assert!(plan.contains("\"interview\": \"berlin\", \"step\": \"check-in\", \"recipient\": null, \"channel\": \"email\", \"start\": \"2027-01-04T10:00:00+01:00\""), "{plan}");
    // Without -v, no note.
    let out = run(&dir, &["plan", "in.yaml", "--format", "json"]);
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn auto_without_a_calendar_warns() {
    let yaml = b"defaults:\n  timezone: Etc/UTC\n  holidays: [auto]\ninterviews:\n  - { id: a, company: A, role: R, start: 2026-11-17T14:00 }\n  - { id: b, company: A, role: R, start: 2026-11-18T14:00 }\n";
    let dir = folder("auto-none", &[("in.yaml", yaml)]);
    let out = run(&dir, &["check", "in.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stderr),
        "warning: `auto` found no holidays: Etc/UTC belongs to no country in the tz database\n  --> in.yaml:3:14\n  |\n3 |   holidays: [auto]\n  |              ^^^^\n  = field: defaults.holidays[0]\n  = help: list the dates, an .ics file, or a calendar from `followup holidays --list` beside or instead of `auto`\nok: in.yaml: 2 interviews, 10 steps\n"
    );
}

#[test]
fn files_that_are_not_calendars_are_named_not_printed() {
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text(APPLE).encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let junk: Vec<u8> = (0u8..=255).cycle().skip(1).take(300).collect();
    let dir = folder(
        "not-calendars",
        &[
            ("utf16.ics", &utf16),
            ("junk.ics", &junk),
            (
                "page.ics",
                b"<!DOCTYPE html><html><body>Sign in</body></html>",
            ),
            ("zip.ics", b"PK\x03\x04\x14\x00\x00\x00"),
        ],
    );
    let out = run(
        &dir,
        &[
            "holidays",
            "utf16.ics",
            "--year",
            "2027",
            "--format",
            "json",
        ],
    );
    assert_eq!(text(&out.stderr), "");
    assert!(
        text(&out.stdout).contains("\"2027-02-06\", \"name\": \"春节\""),
        "{}",
        text(&out.stdout)
    );
    for (file, want) in [
        ("junk.ics", "it is not a calendar but binary data ("),
        (
            "page.ics",
            "it is not an iCalendar file (it does not start with BEGIN:VCALENDAR: it is an HTML page (a web page was saved instead of the calendar?))",
        ),
        (
            "zip.ics",
            "it is not a calendar but a ZIP archive (unzip it first: Google's export is a .zip of .ics files)",
        ),
    ] {
        let out = run(&dir, &["holidays", file, "--year", "2027"]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with(&format!("error: cannot read holiday file {file}: {want}")),
            "{err}"
        );
        assert!(err.chars().all(|c| c == '\n' || !c.is_control()), "{err:?}");
    }
}
