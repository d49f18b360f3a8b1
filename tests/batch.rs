//! Batch builds (issue 5): a folder of good and bad files, determinism
//! across thread counts, and a combined calendar with unique UIDs.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "2026-11-22T09:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("followup-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A folder with good inputs (two of which reuse the same interview ids),
/// one in a subfolder, and two bad ones.
fn inputs(dir: &Path) {
    let example = std::fs::read_to_string(root().join("fixtures/example.yaml")).unwrap();
    std::fs::create_dir_all(dir.join("team")).unwrap();
    std::fs::write(dir.join("alice.yaml"), &example).unwrap();
    std::fs::write(
        dir.join("bob.yml"),
        example.replace("Beth Carter", "Bob Stone"),
    )
    .unwrap();
    std::fs::write(
        dir.join("team/carol.yaml"),
        example.replace("Beth Carter", "Carol Ng"),
    )
    .unwrap();
    std::fs::write(
        dir.join("broken.yaml"),
        "interviews:\n  - id: x\n    company: [\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/bad/unknown-timezone.yaml"),
        dir.join("typo.yaml"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not an input").unwrap();
}

fn followup(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_followup"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

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
                .unwrap()
                .val
                .to_string()
        })
        .collect()
}

#[test]
fn good_files_are_written_bad_ones_named_and_exit_is_1() {
    let dir = scratch("mixed");
    inputs(&dir.join("in"));
    let out = dir.join("out");
    let (code, stderr) = followup(&[
        "build",
        dir.join("in").to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--now",
        NOW,
    ]);
    assert_eq!(code, 1, "{stderr}");
    let files = tree(&out);
    assert_eq!(
        files.keys().cloned().collect::<Vec<_>>(),
        ["alice.ics", "bob.ics", "team/carol.ics"],
        "{stderr}"
    );
    for (name, bytes) in &files {
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(uids(&text).len(), 19, "{name}");
    }
    assert!(stderr.contains("broken.yaml"), "{stderr}");
    assert!(stderr.contains("typo.yaml:7:15"), "{stderr}");
    assert!(
        stderr.contains("batch: 5 files, 3 written, 2 failed, 57 events"),
        "{stderr}"
    );
}

#[test]
fn one_thread_and_all_threads_give_identical_bytes() {
    let dir = scratch("threads");
    inputs(&dir.join("in"));
    let input = dir.join("in");
    let mut trees = Vec::new();
    for jobs in ["1", "4"] {
        let out = dir.join(format!("out-{jobs}"));
        let combined = dir.join(format!("all-{jobs}.ics"));
        let (code, stderr) = followup(&[
            "build",
            input.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--combined",
            combined.to_str().unwrap(),
            "--jobs",
            jobs,
            "--now",
            NOW,
        ]);
        assert_eq!(code, 1, "{stderr}");
        trees.push((tree(&out), std::fs::read(&combined).unwrap()));
    }
    assert!(!trees[0].0.is_empty());
    assert_eq!(trees[0], trees[1]);
}

#[test]
fn combined_calendar_has_every_event_once_with_unique_uids() {
    let dir = scratch("combined");
    inputs(&dir.join("in"));
    let combined = dir.join("all.ics");
    let (code, stderr) = followup(&[
        "build",
        dir.join("in").to_str().unwrap(),
        "--out-dir",
        dir.join("out").to_str().unwrap(),
        "--combined",
        combined.to_str().unwrap(),
        "--now",
        NOW,
    ]);
    assert_eq!(code, 1, "{stderr}");
    let text = std::fs::read_to_string(&combined).unwrap();
    let all = uids(&text);
    assert_eq!(all.len(), 3 * 19);
    let mut dedup = all.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(
        dedup.len(),
        all.len(),
        "no duplicate UIDs across inputs that reuse interview ids"
    );
    assert!(all.iter().all(|u| u.is_ascii() && u.len() <= 100));
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
}

#[test]
fn paths_can_come_on_stdin_and_a_single_file_without_out_dir_is_refused() {
    let dir = scratch("stdin");
    inputs(&dir.join("in"));
    let list = format!(
        "{}\n\n{}\n",
        dir.join("in/alice.yaml").display(),
        dir.join("in/team/carol.yaml").display()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_followup"))
        .args([
            "build",
            "-",
            "--out-dir",
            dir.join("out").to_str().unwrap(),
            "--now",
            NOW,
            "-q",
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert_eq!(tree(&dir.join("out")).len(), 2);
    let (code, stderr) = followup(&["build", dir.join("in").to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--out-dir"), "{stderr}");
}

#[test]
fn a_nightly_rerun_regenerates_each_output_over_its_previous_version() {
    let dir = scratch("nightly");
    inputs(&dir.join("in"));
    let input = dir.join("in");
    let out = dir.join("out");
    let run = |now: &str| {
        followup(&[
            "build",
            input.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--now",
            now,
            "-q",
        ])
    };
    run(NOW);
    let first = tree(&out);
    // The next night, nothing edited: the same bytes, even with a later now.
    run("2026-11-23T02:00:00Z");
    assert_eq!(tree(&out), first);
    // Alice's decision date moves: only her calendar changes, and only by
    // SEQUENCE updates of existing UIDs (no duplicates for subscribers).
    let alice = dir.join("in/alice.yaml");
    let text = std::fs::read_to_string(&alice).unwrap();
    std::fs::write(
        &alice,
        text.replace("decision_by: 2026-11-30", "decision_by: 2026-12-02"),
    )
    .unwrap();
    run("2026-11-24T02:00:00Z");
    let third = tree(&out);
    assert_eq!(third["bob.ics"], first["bob.ics"]);
    assert_eq!(third["team/carol.ics"], first["team/carol.ics"]);
    let before = String::from_utf8(first["alice.ics"].clone()).unwrap();
    let after = String::from_utf8(third["alice.ics"].clone()).unwrap();
    assert_ne!(before, after);
    let (mut a, mut b) = (uids(&before), uids(&after));
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert!(after.contains("SEQUENCE:1\r\n"));
}
