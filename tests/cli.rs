//! The binary, driven end to end: exact stdout, exact stderr, exit codes and
//! files. Expected outputs live beside their inputs; run with
//! `UPDATE_EXPECT=1` to rewrite them after a deliberate change, then review
//! the diff.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const NOW: &str = "2026-11-22T09:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fluent runner for the real executable.
struct Run {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

fn followup(args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_followup"));
    cmd.current_dir(root())
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    Run { cmd, stdin: None }
}

impl Run {
    fn stdin(mut self, bytes: &[u8]) -> Self {
        self.stdin = Some(bytes.to_vec());
        self
    }

    fn output(mut self) -> Output {
        self.cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("spawn followup");
        if let Some(bytes) = self.stdin.take() {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(&bytes)
                .expect("write stdin");
        }
        child.wait_with_output().expect("wait")
    }

    #[track_caller]
    fn expect(self, code: i32, stdout: &str, stderr: &str) {
        let out = self.output();
        assert_eq!(String::from_utf8_lossy(&out.stderr), stderr, "stderr");
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "stdout");
        assert_eq!(out.status.code(), Some(code), "exit code");
    }
}

/// Compares `got` with the file at `path`, or rewrites it when
/// `UPDATE_EXPECT` is set.
#[track_caller]
fn golden(path: &Path, got: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_EXPECT=1)", path.display()));
    assert_eq!(got, want, "{} differs", path.display());
}

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
