//! `followup done | heard | status | add` through the binary (SPEC §8,
//! issue 16): on the commented starter and on a file of odd layout, each
//! edit is checked with `diff` (the system's, an independent tool) to
//! add or change exactly the lines intended, and `followup check` still
//! passes; refusals leave the file byte for byte as it was; `add --invite`
//! reads real invitations end to end, and `plan --format json` then gives
//! the interview's start instant.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2026-12-01T20:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("edit")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn followup(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_followup"))
        .current_dir(dir)
        .args(args)
        .args(["--now", NOW])
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("run followup")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs an edit of `file` in `dir`, checks its exit code and stderr, and
/// returns `diff old new` (the system's diff).
#[track_caller]
fn edit(dir: &Path, file: &str, args: &[&str], code: i32, stderr: &str) -> String {
    let before = dir.join(format!("{file}.before"));
    std::fs::copy(dir.join(file), &before).expect("copy");
    let out = followup(dir, args);
    assert_eq!(text(&out.stderr), stderr, "stderr of {args:?}");
    assert_eq!(out.status.code(), Some(code), "exit code of {args:?}");
    assert_eq!(text(&out.stdout), "", "stdout of {args:?}");
    let d = Command::new("diff")
        .arg(&before)
        .arg(dir.join(file))
        .output()
        .expect("run diff (diffutils)");
    text(&d.stdout)
}

#[track_caller]
fn check_passes(dir: &Path, file: &str) {
    let out = followup(dir, &["check", file]);
    assert_eq!(out.status.code(), Some(0), "check: {}", text(&out.stderr));
}

#[test]
fn edits_of_the_starter_change_only_their_lines() {
    let dir = scratch("starter");
    assert_eq!(
        followup(&dir, &["init", "s.yaml", "-q"]).status.code(),
        Some(0)
    );
    let d = edit(
        &dir,
        "s.yaml",
        &[
            "done",
            "s.yaml",
            "acme-ae",
            "thank-you",
            "--to",
            "mark lee",
            "--on",
            "2026-12-01",
        ],
        0,
        "acme-ae: done thank-you to Mark Lee on 2026-12-01\n",
    );
    assert_eq!(
        d,
        "68a69,70\n>     done:\n>       - { step: thank-you, to: Mark Lee, on: 2026-12-01 }\n"
    );
    check_passes(&dir, "s.yaml");

    let d = edit(
        &dir,
        "s.yaml",
        &[
            "done",
            "s.yaml",
            "acme-ae",
            "thank-you",
            "--to",
            "Priya Shah",
            "--on",
            "today",
        ],
        0,
        "acme-ae: done thank-you to Priya Shah on 2026-12-01\n",
    );
    assert_eq!(
        d,
        "70a71\n>       - { step: thank-you, to: Priya Shah, on: 2026-12-01 }\n"
    );

    let d = edit(
        &dir,
        "s.yaml",
        &["heard", "s.yaml", "acme-ae", "--on", "+9d"],
        0,
        "acme-ae: heard back on 2026-12-10\n",
    );
    assert_eq!(d, "71a72\n>     heard_back: 2026-12-10\n");
    check_passes(&dir, "s.yaml");

    // The comment after the value keeps its column.
    let d = edit(
        &dir,
        "s.yaml",
        &[
            "status",
            "s.yaml",
            "globex-csm",
            "offer",
            "--on",
            "2026-12-10",
            "--deadline",
            "2026-12-17",
        ],
        0,
        "globex-csm: status offer on 2026-12-10, deadline 2026-12-17\n",
    );
    assert_eq!(
        d,
        "84c84,85\n<     status: waiting               # waiting | offer | accepted | rejected | withdrawn\n---\n>     status: offer                 # waiting | offer | accepted | rejected | withdrawn\n>     status_date: 2026-12-10\n88a90\n>     offer: { received: 2026-12-10, deadline: 2026-12-17 }\n"
    );
    check_passes(&dir, "s.yaml");

    // Interviews set apart by a blank line: so is the new one.
    let d = edit(
        &dir,
        "s.yaml",
        &[
            "add",
            "s.yaml",
            "--company",
            "Initech",
            "--role",
            "Data Analyst",
            "--start",
            "2026-12-04T09:00",
            "--interviewer",
            "Ann Lee <ann@initech.example>",
            "--interviewer",
            "Bob Roy",
            "--decision-by",
            "+2w",
        ],
        0,
        "added initech-data-analyst: Initech, Data Analyst, 2026-12-04T09:00 (America/New_York), 2 interviewers\n",
    );
    assert_eq!(
        d,
        "90a91,99\n> \n>   - id: initech-data-analyst\n>     company: Initech\n>     role: Data Analyst\n>     start: 2026-12-04T09:00\n>     interviewers:\n>       - { name: Ann Lee, email: ann@initech.example }\n>       - { name: Bob Roy }\n>     decision_by: 2026-12-15\n"
    );
    check_passes(&dir, "s.yaml");

    // -q silences the line that says what changed.
    let d = edit(
        &dir,
        "s.yaml",
        &["status", "s.yaml", "initech-data-analyst", "rejected", "-q"],
        0,
        "",
    );
    assert_eq!(
        d,
        "99a100,101\n>     status: rejected\n>     status_date: 2026-12-01\n"
    );
    check_passes(&dir, "s.yaml");

    // From an invitation (Zoom): what was guessed and who was left out.
    let ics = root().join("tests/invites/ours/zoom-request.ics");
    let d = edit(
        &dir,
        "s.yaml",
        &["add", "s.yaml", "--invite", ics.to_str().unwrap(), "--me", "beth@example.com", "--id", "globex-se"],
        0,
        "added globex-se: Globex, Solutions Engineer (Round 2), 2026-11-17T09:30 (America/Chicago), 2 interviewers
  guessed: company \"Globex\" from the organizer's domain globex.example (--company to change it)
  guessed: role \"Solutions Engineer (Round 2)\" from the title \"Interview: Solutions Engineer (Round 2)\" (--role to change it)
  guessed: the name Priya Natarajan from the address priya.natarajan@globex.example
  guessed: the name Tom Okafor from the address tom.okafor@globex.example
  left out: beth@example.com (you)
",
    );
    assert_eq!(
        d,
        "101a102,111\n> \n>   - id: globex-se\n>     company: Globex\n>     role: Solutions Engineer (Round 2)\n>     start: 2026-11-17T09:30\n>     end: 2026-11-17T10:15\n>     timezone: America/Chicago\n>     interviewers:\n>       - { name: Priya Natarajan, email: priya.natarajan@globex.example }\n>       - { name: Tom Okafor, email: tom.okafor@globex.example }\n"
    );
    check_passes(&dir, "s.yaml");
}

/// Flow mappings, quotes, CRLF, comments between entries, a `done: []`,
/// an interview written as a flow mapping, tabs in comments, and no final
/// line break.
const ODD: &str = "# odd layout\t(tab)\r\ncandidate: {name: \"Beth Carter\", email: 'beth@example.com'}\t# flow\r\ndefaults: {timezone: America/New_York}\r\ninterviews:\r\n- id: \"acme-ae\"\r\n  company: 'Acme Corp'\r\n  role: \"Account Executive\"\r\n  start: 2026-11-17T14:00\r\n  interviewers:\r\n  - {name: Mark Lee, email: mark@acme.example}\r\n  - name: Priya Shah\r\n  done: []\r\n\r\n# between entries\t(tab)\r\n- {id: globex, company: Globex, role: CSM, start: \"2026-11-18T10:00\", timezone: Europe/Berlin, interviewers: [Jonas Weber]}\r\n# the end, without a line break";

#[test]
fn edits_of_an_odd_file_keep_its_layout() {
    let dir = scratch("odd");
    std::fs::write(dir.join("odd.yaml"), ODD).unwrap();
    check_passes(&dir, "odd.yaml");
    let d = edit(
        &dir,
        "odd.yaml",
        &[
            "done",
            "odd.yaml",
            "acme-ae",
            "thank-you",
            "--to",
            "Mark Lee",
            "--on",
            "2026-11-17",
        ],
        0,
        "acme-ae: done thank-you to Mark Lee on 2026-11-17\n",
    );
    assert_eq!(
        d,
        "12c12\n<   done: []\r\n---\n>   done: [{step: thank-you, to: Mark Lee, on: 2026-11-17}]\r\n"
    );
    let d = edit(
        &dir,
        "odd.yaml",
        &["heard", "odd.yaml", "globex", "--on", "2026-11-20"],
        0,
        "globex: heard back on 2026-11-20\n",
    );
    assert_eq!(
        d,
        "15c15\n< - {id: globex, company: Globex, role: CSM, start: \"2026-11-18T10:00\", timezone: Europe/Berlin, interviewers: [Jonas Weber]}\r\n---\n> - {id: globex, company: Globex, role: CSM, start: \"2026-11-18T10:00\", timezone: Europe/Berlin, interviewers: [Jonas Weber], heard_back: 2026-11-20}\r\n"
    );
    let d = edit(
        &dir,
        "odd.yaml",
        &[
            "status",
            "odd.yaml",
            "acme-ae",
            "rejected",
            "--on",
            "2026-11-25",
        ],
        0,
        "acme-ae: status rejected on 2026-11-25\n",
    );
    assert_eq!(
        d,
        "12a13,14\n>   status: rejected\r\n>   status_date: 2026-11-25\r\n"
    );
    check_passes(&dir, "odd.yaml");
    let d = edit(
        &dir,
        "odd.yaml",
        &[
            "add",
            "odd.yaml",
            "--company",
            "Initech",
            "--role",
            "Data Analyst",
            "--start",
            "2026-12-04T09:00",
            "--timezone",
            "Europe/Berlin",
            "--id",
            "initech",
        ],
        0,
        "added initech: Initech, Data Analyst, 2026-12-04T09:00 (Europe/Berlin), no interviewers\n",
    );
    assert_eq!(
        d,
        "18c18,20\n< # the end, without a line break\n\\ No newline at end of file\n---\n> # the end, without a line break\r\n> \r\n> - {id: initech, company: Initech, role: Data Analyst, start: 2026-12-04T09:00, timezone: Europe/Berlin}\n\\ No newline at end of file\n"
    );
    check_passes(&dir, "odd.yaml");
    let after = std::fs::read_to_string(dir.join("odd.yaml")).unwrap();
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "only CRLF line breaks"
    );
}

#[test]
fn refusals_leave_the_file_untouched() {
    let dir = scratch("refusals");
    assert_eq!(
        followup(&dir, &["init", "s.yaml", "-q"]).status.code(),
        Some(0)
    );
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["done", "s.yaml", "acme", "thank-you"],
            2,
            "error: no interview with id \"acme\" in s.yaml\n  = help: did you mean \"acme-ae\"? The ids are: acme-ae, globex-csm\n",
        ),
        (
            &["done", "s.yaml", "acme-ae", "thank-yu"],
            2,
            "error: \"thank-yu\" is not a step\n  = help: did you mean \"thank-you\"? acme-ae has thank-you to Mark Lee (2026-12-02), thank-you to Priya Shah (2026-12-02), check-in (2026-12-09), follow-up (2026-12-16), move-on (2026-12-23)\n",
        ),
        (
            &["done", "s.yaml", "acme-ae", "feedback"],
            2,
            "error: acme-ae has no feedback step\n  = help: it has thank-you to Mark Lee (2026-12-02), thank-you to Priya Shah (2026-12-02), check-in (2026-12-09), follow-up (2026-12-16), move-on (2026-12-23)\n",
        ),
        (
            &[
                "done",
                "s.yaml",
                "acme-ae",
                "thank-you",
                "--to",
                "Mark Leigh",
            ],
            2,
            "error: \"Mark Leigh\" is not one of acme-ae's interviewers\n  = help: did you mean \"Mark Lee\"? The interviewers are: Mark Lee, Priya Shah\n",
        ),
        (
            &["done", "s.yaml", "acme-ae", "thank-you", "--to", "Jonas"],
            2,
            "error: \"Jonas\" is not one of acme-ae's interviewers\n  = help: the interviewers are: Mark Lee, Priya Shah\n",
        ),
        (
            &["status", "s.yaml", "acme-ae", "hired"],
            2,
            "error: unknown status \"hired\"\n  = help: expected one of: waiting, offer, accepted, rejected, withdrawn\n",
        ),
        (
            &["heard", "s.yaml", "acme-ae", "--on", "next week"],
            2,
            "error: --on \"next week\" is not a date: write YYYY-MM-DD, today, tomorrow, yesterday, or days or weeks from today such as +3d, -2d, +1w\n",
        ),
        (
            &[
                "add",
                "s.yaml",
                "--company",
                "A",
                "--role",
                "R",
                "--start",
                "2026-12-04T09:00",
                "--id",
                "acme-ae",
            ],
            2,
            "error: s.yaml already has an interview with id \"acme-ae\"\n  = help: choose another, e.g. --id acme-ae-2\n",
        ),
        (
            &["done", "-", "acme-ae", "thank-you"],
            2,
            "error: an edit needs a file to change, not standard input\n  = help: name the YAML file, e.g. followup done interviews.yaml acme-ae thank-you\n",
        ),
    ];
    for (args, code, stderr) in cases {
        assert_eq!(
            edit(&dir, "s.yaml", args, *code, stderr),
            "",
            "{args:?} changed the file"
        );
    }
}

#[test]
fn an_edit_that_would_make_the_file_invalid_writes_nothing() {
    let dir = scratch("invalid");
    assert_eq!(
        followup(&dir, &["init", "s.yaml", "-q"]).status.code(),
        Some(0)
    );
    // Done before the interview: the validator's own error, shown on the
    // line the edit would have written.
    let out = followup(
        &dir,
        &[
            "done",
            "s.yaml",
            "acme-ae",
            "check-in",
            "--on",
            "2026-11-20",
        ],
    );
    let before = std::fs::read(dir.join("s.yaml")).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("s.yaml:70:"), "{err}");
    assert!(err.contains("interviews[0].done[0].on"), "{err}");
    assert!(
        err.contains("\"2026-11-20\" is before the interview (2026-12-01)"),
        "{err}"
    );
    assert!(err.ends_with("nothing was written: the change would make s.yaml invalid (the lines above are as the edit would have written them)\n"), "{err}");
    assert_eq!(std::fs::read(dir.join("s.yaml")).unwrap(), before);
    // Two accepted offers.
    assert_eq!(
        followup(&dir, &["status", "s.yaml", "acme-ae", "accepted", "-q"])
            .status
            .code(),
        Some(0)
    );
    let before = std::fs::read(dir.join("s.yaml")).unwrap();
    let out = followup(&dir, &["status", "s.yaml", "globex-csm", "accepted"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("two interviews are `accepted`"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(dir.join("s.yaml")).unwrap(), before);
    // A file with errors is refused before anything is edited.
    std::fs::write(
        dir.join("bad.yaml"),
        "interviews:\n  - id: a\n    compny: X\n",
    )
    .unwrap();
    let out = followup(&dir, &["heard", "bad.yaml", "a"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).ends_with(
            "nothing was changed: bad.yaml has errors; fix them first (followup check bad.yaml)\n"
        ),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(dir.join("bad.yaml")).unwrap(),
        b"interviews:\n  - id: a\n    compny: X\n"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_input_keeps_its_link_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("link");
    assert_eq!(
        followup(&dir, &["init", "real.yaml", "-q"]).status.code(),
        Some(0)
    );
    std::fs::set_permissions(
        dir.join("real.yaml"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    std::os::unix::fs::symlink("real.yaml", dir.join("link.yaml")).unwrap();
    assert_eq!(
        followup(&dir, &["heard", "link.yaml", "acme-ae", "-q"])
            .status
            .code(),
        Some(0)
    );
    assert!(
        std::fs::symlink_metadata(dir.join("link.yaml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let meta = std::fs::metadata(dir.join("real.yaml")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(
        std::fs::read_to_string(dir.join("real.yaml"))
            .unwrap()
            .contains("heard_back: 2026-12-01")
    );
}

// --- add --invite ----------------------------------------------------------

/// One `[id]` block of tests/invites' expectations.
struct Case {
    id: String,
    fields: Vec<(String, String)>,
}

impl Case {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<Case> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(id) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push(Case {
                id: id.to_string(),
                fields: Vec::new(),
            });
        } else if let (Some((k, v)), Some(case)) = (line.split_once('='), out.last_mut()) {
            case.fields
                .push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

/// Adds the invitation `ics` to a fresh file through the binary and checks
/// the interview's start instant (from `plan --format json`), its zone and
/// its interviewers' addresses against the expectations. Returns the
/// problems (empty: it passed).
fn add_invite(dir: &Path, case: &Case, ics: &Path) -> Vec<String> {
    let own: Vec<&str> = case
        .get("own")
        .map(|o| o.split(',').map(str::trim).collect())
        .unwrap_or_default();
    let email = own.first().copied().unwrap_or("candidate@example.invalid");
    let file = format!("{}.yaml", case.id);
    std::fs::write(
        dir.join(&file),
        format!("candidate:\n  name: Test Candidate\n  email: {email}\ndefaults:\n  timezone: Europe/Berlin\ninterviews: []\n"),
    )
    .unwrap();
    let ics = ics.to_string_lossy().into_owned();
    let mut args: Vec<String> = vec![
        "add".into(),
        file.clone(),
        "--invite".into(),
        ics,
        "--id".into(),
        "new".into(),
    ];
    for me in own.iter().skip(1) {
        args.extend(["--me".to_string(), me.to_string()]);
    }
    if case.get("zone") == Some("-") {
        args.extend(["--timezone".to_string(), "UTC".to_string()]);
    }
    let mut out = followup(dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
    // What the invitation cannot say is asked for, as a user would answer.
    for _ in 0..2 {
        let err = text(&out.stderr);
        if out.status.code() != Some(2) {
            break;
        }
        if err.contains("--company") {
            args.extend(["--company".to_string(), "Corpus Co".to_string()]);
        } else if err.contains("--role") {
            args.extend(["--role".to_string(), "Engineer".to_string()]);
        } else {
            break;
        }
        out = followup(dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let mut problems = Vec::new();
    if let Some(want) = case.get("error") {
        if out.status.code() != Some(1) || !text(&out.stderr).contains(want) {
            problems.push(format!(
                "want a refusal containing {want:?}, got {:?} {}",
                out.status.code(),
                text(&out.stderr)
            ));
        }
        return problems;
    }
    if out.status.code() != Some(0) {
        return vec![format!("add failed: {}", text(&out.stderr))];
    }
    let plan = followup(dir, &["plan", &file, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&plan.stdout).expect("plan JSON");
    let start = json["steps"]
        .as_array()
        .and_then(|s| {
            s.iter()
                .find(|s| s["interview"] == "new" && s["step"] == "interview")
        })
        .map(|s| s["start_utc"].as_str().unwrap_or_default().to_string());
    let want_start = case.get("start_utc").unwrap_or("-");
    if start.as_deref() != Some(want_start) {
        problems.push(format!("start_utc: want {want_start}, got {start:?}"));
    }
    // The written YAML, read by an independent parser.
    let yaml: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(dir.join(&file)).unwrap()).expect("YAML");
    let iv = &yaml["interviews"][0];
    let zone = iv["timezone"].as_str().unwrap_or("Europe/Berlin");
    let want_zone = match case.get("zone") {
        Some("-") | None => "UTC",
        Some(z) => z,
    };
    if zone != want_zone {
        problems.push(format!("zone: want {want_zone}, got {zone}"));
    }
    let got: Vec<String> = iv["interviewers"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| p["email"].as_str().unwrap_or("-").to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let want: Vec<String> = case
        .get("people")
        .unwrap_or_default()
        .split(" | ")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            p.rsplit_once('<')
                .map_or("-", |(_, a)| a.trim_end_matches('>'))
                .to_lowercase()
        })
        .collect();
    if got != want {
        problems.push(format!("interviewers: want {want:?}, got {got:?}"));
    }
    problems
}

#[test]
fn add_invite_reads_our_invitations_end_to_end() {
    let dir = scratch("invites-ours");
    let ours = root().join("tests/invites/ours");
    let mut checked = 0;
    let mut problems = Vec::new();
    for case in cases(&ours.join("expected.txt")) {
        // Floating times need the user's zone and give no instant to check.
        if case.get("start_utc") == Some("-") {
            continue;
        }
        let file = ours.join(case.get("file").unwrap_or_default());
        for p in add_invite(&dir, &case, &file) {
            problems.push(format!("{}: {p}", case.id));
        }
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} invitations");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The real invitations of tests/invites/MANIFEST, downloaded by
/// tests/invites/fetch.sh (scripts/test.sh runs this).
#[test]
#[ignore = "needs tests/invites/fetch.sh (network); scripts/test.sh runs it"]
fn add_invite_reads_real_invitations_end_to_end() {
    let corpus = std::env::var_os("FOLLOWUP_INVITE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/invite-corpus"));
    let dir = scratch("invites-real");
    let manifest = std::fs::read_to_string(root().join("tests/invites/MANIFEST")).unwrap();
    let producers: std::collections::HashMap<&str, &str> = manifest
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            Some((*f.first()?, *f.get(6)?))
        })
        .collect();
    let mut read = Vec::new();
    let mut problems = Vec::new();
    for case in cases(&root().join("tests/invites/expected.txt")) {
        if case.get("start_utc") == Some("-") {
            continue;
        }
        let file = corpus.join(format!("{}.ics", case.id));
        assert!(
            file.exists(),
            "{} is missing: run tests/invites/fetch.sh",
            file.display()
        );
        let found = add_invite(&dir, &case, &file);
        let producer = producers.get(case.id.as_str()).copied().unwrap_or("?");
        eprintln!(
            "{:<26} {:<22} {:<21} {:<20} {}",
            case.id,
            producer,
            case.get("start_utc").unwrap_or("-"),
            case.get("zone").unwrap_or("-"),
            if found.is_empty() { "ok" } else { "FAILED" }
        );
        if found.is_empty() && case.get("error").is_none() {
            read.push((
                case.id.clone(),
                producer.split('-').next().unwrap_or(producer).to_string(),
            ));
        }
        problems.extend(found.into_iter().map(|p| format!("{}: {p}", case.id)));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let producers: std::collections::BTreeSet<&str> =
        read.iter().map(|(_, p)| p.as_str()).collect();
    eprintln!(
        "add --invite: {} real invitations from {} producers: {producers:?}",
        read.len(),
        producers.len()
    );
    assert!(read.len() >= 8 && producers.len() >= 3, "{read:?}");
}

#[test]
fn help_completions_and_man_show_the_editing_commands() {
    let dir = scratch("help");
    let subs = ["done", "heard", "status", "add"];
    for shell in ["bash", "zsh", "fish"] {
        let script = text(&followup(&dir, &["completions", shell]).stdout);
        for sub in subs {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
        assert!(
            script.contains("invite") && script.contains("deadline"),
            "{shell} flags"
        );
    }
    let page = text(&followup(&dir, &["man"]).stdout);
    let top = text(&followup(&dir, &["--help"]).stdout);
    for sub in subs {
        assert!(
            page.contains(&format!("followup\\-{sub}")) || page.contains(sub),
            "man names {sub}"
        );
        assert!(
            top.contains(&format!("followup {sub} interviews.yaml")),
            "--help shows {sub}"
        );
        let help = text(&followup(&dir, &[sub, "--help"]).stdout);
        assert!(
            help.contains("Examples:") && help.contains(&format!("followup {sub} interviews.yaml")),
            "{sub} --help: {help}"
        );
    }
}
