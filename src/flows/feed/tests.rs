//! The feed flow driven as `serve` drives it, with injected changes and a
//! fixed clock: no socket, no watcher. The files are real, in a scratch
//! folder.

use super::*;
use crate::flows::Failure;
use crate::io;
use jiff::{SignedDuration, Timestamp};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const T0: &str = "2026-11-10T09:00:00Z";
const T1: &str = "2026-11-11T09:00:00Z";

/// Two interviews with Acme, whose offices close on the days of
/// `closures.ics` beside the file.
const ACME: &str = "\
candidate:
  name: Beth Carter
defaults:
  timezone: America/New_York
  holidays: [./closures.ics]
interviews:
  - id: acme-ae
    company: Acme Corp
    role: Account Executive
    start: 2026-11-17T14:00
    end: 2026-11-17T15:00
    interviewers:
      - { name: Mark Lee, email: mark@acme.example }
  - id: acme-se
    company: Acme Corp
    role: Sales Engineer
    start: 2026-11-19T11:00
";

/// One interview that lists no holiday file.
const GLOBEX: &str = "\
interviews:
  - id: globex-csm
    company: Globex
    role: Customer Success Manager
    start: 2026-11-18T10:30
    timezone: Europe/Berlin
";

/// A holiday calendar closing the offices on the given dates.
fn closures(dates: &[&str]) -> String {
    let mut out =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//closures//EN\r\n");
    for (i, d) in dates.iter().enumerate() {
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:closed-{i}@acme.example\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:{d}\r\nSUMMARY:Office closed\r\nEND:VEVENT\r\n"
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("followup-feed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn settings(out_dir: Option<PathBuf>) -> Settings {
    Settings {
        utc: false,
        keep_cancelled: SignedDuration::from_hours(30 * 24),
        force: false,
        out_dir,
    }
}

/// The inputs started on `acme.yaml` and `globex.yaml` in `dir`, at T0.
fn started(dir: &Path, out_dir: Option<PathBuf>) -> Inputs {
    write(dir, "closures.ics", &closures(&["20261225"]));
    let acme = write(dir, "acme.yaml", ACME);
    let globex = write(dir, "globex.yaml", GLOBEX);
    let mut inputs = Inputs::new(settings(out_dir));
    for path in [&acme, &globex] {
        let started = inputs
            .add(path, at(T0), at(T0))
            .unwrap_or_else(|r| panic!("{path}: {:?}", r.failure));
        assert!(started.events > 0);
        assert!(started.written.is_ok());
    }
    inputs
}

/// The watcher's report of a change to `name` in `dir`.
fn change(dir: &Path, name: &str) -> BTreeSet<PathBuf> {
    BTreeSet::from([io::canonical_place(&dir.join(name))])
}

/// Each VEVENT of a body by UID: (SEQUENCE, the event's lines but
/// DTSTAMP, SEQUENCE and LAST-MODIFIED).
fn events(body: &[u8]) -> BTreeMap<String, (u32, String)> {
    let text = std::str::from_utf8(body).unwrap();
    let mut out = BTreeMap::new();
    for block in text.split("BEGIN:VEVENT\r\n").skip(1) {
        let block = &block[..block.find("END:VEVENT\r\n").unwrap()];
        let mut uid = String::new();
        let mut sequence = 0;
        let mut rest = String::new();
        for line in block.split("\r\n") {
            if let Some(u) = line.strip_prefix("UID:") {
                uid = u.to_string();
            } else if let Some(s) = line.strip_prefix("SEQUENCE:") {
                sequence = s.parse().unwrap();
            } else if !line.starts_with("DTSTAMP:") && !line.starts_with("LAST-MODIFIED:") {
                rest.push_str(line);
                rest.push('\n');
            }
        }
        out.insert(uid, (sequence, rest));
    }
    out
}

#[test]
fn an_edit_publishes_a_new_body_with_sequence_one_for_what_changed() {
    let dir = scratch("edit");
    let mut inputs = started(&dir, None);
    let before = inputs.snapshot(0).unwrap();
    let globex = inputs.snapshot(1).unwrap();
    // The second interview moves by two hours.
    write(
        &dir,
        "acme.yaml",
        &ACME.replace("2026-11-19T11:00", "2026-11-19T13:00"),
    );
    let updates = inputs.changed(&change(&dir, "acme.yaml"), at(T1), at(T1));
    let [update] = updates.as_slice() else {
        panic!("one input changed: {updates:?}");
    };
    assert_eq!(update.input, 0);
    assert!(update.watch.is_none(), "the same holiday file is named");
    let Change::New {
        snapshot,
        changes,
        written,
        ..
    } = &update.change
    else {
        panic!("a new body: {:?}", update.change);
    };
    assert!(written.is_ok());
    assert_ne!(snapshot.etag, before.etag);
    assert!(snapshot.last_modified > before.last_modified);
    assert!(std::sync::Arc::ptr_eq(
        snapshot,
        &inputs.snapshot(0).unwrap()
    ));
    // Every event of the moved interview got SEQUENCE 1; the other
    // interview's kept SEQUENCE 0 and their bytes.
    let (old, new) = (events(&before.body), events(&snapshot.body));
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    let mut moved = Vec::new();
    for (uid, (sequence, lines)) in &new {
        let (old_sequence, old_lines) = &old[uid];
        assert_eq!(*old_sequence, 0, "{uid}");
        if lines == old_lines {
            assert_eq!(*sequence, 0, "{uid} is unchanged");
        } else {
            assert_eq!(*sequence, 1, "{uid} changed");
            assert!(
                uid.contains("acme-se"),
                "{uid} is not the moved interview's"
            );
            moved.push(uid.as_str());
        }
    }
    // The interview itself and its thank-you moved (what counts from the
    // thank-you's date, unchanged, stays).
    assert!(
        moved.iter().any(|u| u.starts_with("acme-se.interview")),
        "{moved:?}"
    );
    assert!(
        moved.iter().any(|u| u.starts_with("acme-se.thank-you")),
        "{moved:?}"
    );
    let moved = moved.len();
    assert_eq!(changes.changed, moved);
    assert_eq!(changes.unchanged, new.len() - moved);
    // The other input was not touched.
    assert!(std::sync::Arc::ptr_eq(
        &globex,
        &inputs.snapshot(1).unwrap()
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_edit_keeps_the_last_good_body_and_says_why() {
    let dir = scratch("bad");
    let mut inputs = started(&dir, None);
    let good = inputs.snapshot(0).unwrap();
    write(
        &dir,
        "acme.yaml",
        &ACME.replace("America/New_York", "America/New_Yrok"),
    );
    let updates = inputs.changed(&change(&dir, "acme.yaml"), at(T1), at(T1));
    let [update] = updates.as_slice() else {
        panic!("one input changed: {updates:?}");
    };
    let Change::Invalid {
        diagnostics,
        source,
    } = &update.change
    else {
        panic!("invalid: {:?}", update.change);
    };
    assert!(
        diagnostics[0]
            .message
            .contains("unknown timezone \"America/New_Yrok\"")
    );
    assert!(diagnostics[0].file.ends_with("acme.yaml"));
    assert!(std::str::from_utf8(source).unwrap().contains("New_Yrok"));
    assert_eq!(
        inputs.snapshot(0).unwrap().etag,
        good.etag,
        "still the last good body"
    );
    // Fixed again: published again, over the last good body.
    write(&dir, "acme.yaml", ACME);
    let updates = inputs.changed(&change(&dir, "acme.yaml"), at(T1), at(T1));
    assert!(
        matches!(updates[0].change, Change::Same { .. }),
        "{updates:?}"
    );
    // An unreadable input keeps it too.
    std::fs::remove_file(dir.join("acme.yaml")).unwrap();
    let updates = inputs.changed(&change(&dir, "acme.yaml"), at(T1), at(T1));
    assert!(
        matches!(updates[0].change, Change::Unreadable(_)),
        "{updates:?}"
    );
    assert_eq!(inputs.snapshot(0).unwrap().etag, good.etag);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_holiday_file_change_regenerates_the_inputs_that_list_it() {
    let dir = scratch("holidays");
    let mut inputs = started(&dir, None);
    assert_eq!(inputs.holiday_files(0), [dir.join("closures.ics")]);
    assert!(inputs.holiday_files(1).is_empty());
    let before = inputs.snapshot(0).unwrap();
    let globex = inputs.snapshot(1).unwrap();
    // Acme closes the day after the first interview: its thank-you and
    // what counts from it move. Both inputs are in the change set's
    // folder, but only the file acme.yaml lists changed.
    write(&dir, "closures.ics", &closures(&["20261118", "20261225"]));
    let updates = inputs.changed(&change(&dir, "closures.ics"), at(T1), at(T1));
    let [update] = updates.as_slice() else {
        panic!("only acme.yaml lists closures.ics: {updates:?}");
    };
    assert_eq!(update.input, 0);
    let Change::New { snapshot, .. } = &update.change else {
        panic!("a new body: {:?}", update.change);
    };
    assert_ne!(snapshot.body, before.body);
    assert!(std::sync::Arc::ptr_eq(
        &globex,
        &inputs.snapshot(1).unwrap()
    ));
    // Touched again with the same bytes: nothing to do.
    write(&dir, "closures.ics", &closures(&["20261118", "20261225"]));
    assert!(
        inputs
            .changed(&change(&dir, "closures.ics"), at(T1), at(T1))
            .is_empty()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unchanged_input_keeps_its_snapshot_and_etag() {
    let out = scratch("same-out");
    let dir = scratch("same");
    let mut inputs = started(&dir, Some(out.clone()));
    let first = inputs.snapshot(0).unwrap();
    assert_eq!(std::fs::read(out.join("acme.ics")).unwrap(), *first.body);
    // Saved without an edit: no update at all.
    write(&dir, "acme.yaml", ACME);
    let all = change(&dir, "acme.yaml")
        .into_iter()
        .chain(change(&dir, "globex.yaml"))
        .collect();
    assert!(inputs.changed(&all, at(T1), at(T1)).is_empty());
    // An edit that changes no event (a comment): rebuilt, same body.
    write(&dir, "acme.yaml", &format!("# Beth's applications\n{ACME}"));
    let updates = inputs.changed(&change(&dir, "acme.yaml"), at(T1), at(T1));
    assert!(
        matches!(updates[0].change, Change::Same { .. }),
        "{updates:?}"
    );
    let again = inputs.snapshot(0).unwrap();
    assert!(std::sync::Arc::ptr_eq(&first, &again));
    assert_eq!(again.etag, first.etag);
    assert_eq!(again.last_modified, first.last_modified);
    // A path that names no input's file changes nothing.
    let other = change(&dir, "notes.txt");
    assert!(inputs.changed(&other, at(T1), at(T1)).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn inputs_are_checked_before_anything_is_built() {
    let paths = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(check_inputs(&paths(&["a.yaml", "dir/b.yaml"])).is_ok());
    let Err(Failure::Message(_, m)) = check_inputs(&paths(&["a.yaml", "dir/a.yml"])) else {
        panic!("two feeds named a");
    };
    assert!(
        m.starts_with("two inputs would both be served as a.ics"),
        "{m}"
    );
    assert!(check_inputs(&paths(&["-"])).is_err());
}
