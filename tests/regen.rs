//! Regeneration (SPEC §5), end to end through the real binary: build, edit,
//! build again over the same file, and compare event by event.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "2026-11-22T09:00:00Z";
const LATER: &str = "2026-11-25T12:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example() -> String {
    std::fs::read_to_string(root().join("fixtures/example.yaml")).unwrap()
}

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("followup-regen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `followup build INPUT -o OUT --now NOW EXTRA...`; (code, stderr).
fn build(input: &Path, out: &Path, now: &str, extra: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_followup"))
        .arg("build")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(["--now", now])
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[track_caller]
fn build_ok(input: &Path, out: &Path, now: &str, extra: &[&str]) {
    let (code, err) = build(input, out, now, extra);
    assert_eq!(code, 0, "{err}");
}

/// One VEVENT as written.
#[derive(Debug, Clone, PartialEq)]
struct Ev {
    /// The exact bytes from BEGIN:VEVENT to END:VEVENT.
    raw: String,
    /// Unfolded properties other than DTSTAMP, SEQUENCE, LAST-MODIFIED.
    content: String,
    sequence: u32,
    dtstamp: String,
    last_modified: Option<String>,
    status: String,
    summary: String,
}

/// Every VEVENT by UID; also checks the file parses with `icalendar`.
fn events(path: &Path) -> BTreeMap<String, Ev> {
    let text = std::fs::read_to_string(path).unwrap();
    icalendar::parser::read_calendar(&icalendar::parser::unfold(&text)).expect("parses");
    let mut out = BTreeMap::new();
    for chunk in text.split("BEGIN:VEVENT\r\n").skip(1) {
        let end = chunk.find("END:VEVENT\r\n").unwrap() + "END:VEVENT\r\n".len();
        let raw = format!("BEGIN:VEVENT\r\n{}", &chunk[..end]);
        let unfolded = raw.replace("\r\n ", "");
        let prop = |name: &str| {
            unfolded
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{name}:")))
                .map(str::to_string)
        };
        let content: String = unfolded
            .lines()
            .filter(|l| {
                !l.starts_with("DTSTAMP:")
                    && !l.starts_with("SEQUENCE:")
                    && !l.starts_with("LAST-MODIFIED:")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let ev = Ev {
            raw: raw.clone(),
            content,
            sequence: prop("SEQUENCE").unwrap().parse().unwrap(),
            dtstamp: prop("DTSTAMP").unwrap(),
            last_modified: prop("LAST-MODIFIED"),
            status: prop("STATUS").unwrap(),
            summary: prop("SUMMARY").unwrap(),
        };
        let uid = prop("UID").unwrap();
        assert!(out.insert(uid.clone(), ev).is_none(), "UID {uid} twice");
    }
    out
}

fn stamp(now: &str) -> String {
    let t: jiff::Timestamp = now.parse().unwrap();
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[test]
fn rebuilding_without_an_edit_gives_the_same_bytes_even_later() {
    let s = Scratch::new("same");
    let input = s.write("in.yaml", &example());
    let out = s.path("out.ics");
    build_ok(&input, &out, NOW, &[]);
    let first = std::fs::read(&out).unwrap();
    build_ok(&input, &out, LATER, &[]);
    assert_eq!(std::fs::read(&out).unwrap(), first);
    build_ok(&input, &out, "2026-12-15T00:00:00Z", &[]);
    assert_eq!(std::fs::read(&out).unwrap(), first, "still within 30 days");
    let entries = std::fs::read_dir(&s.0).unwrap().count();
    assert_eq!(entries, 2, "no temp files left behind");
}

#[test]
fn an_edited_decision_date_bumps_exactly_the_affected_events() {
    let s = Scratch::new("decision");
    let before = example();
    let after = before.replace("decision_by: 2026-11-30", "decision_by: 2026-12-02");
    assert_ne!(before, after);
    let input = s.write("in.yaml", &before);
    let out = s.path("out.ics");
    build_ok(&input, &out, NOW, &[]);
    let old = events(&out);
    s.write("in.yaml", &after);
    build_ok(&input, &out, LATER, &[]);
    let new = events(&out);

    // The oracle: a fresh first build of the edited input says which
    // events now read differently.
    let fresh_in = s.write("fresh.yaml", &after);
    let fresh_out = s.path("fresh.ics");
    build_ok(&fresh_in, &fresh_out, NOW, &[]);
    let fresh = events(&fresh_out);
    assert_eq!(
        new.keys().collect::<Vec<_>>(),
        old.keys().collect::<Vec<_>>(),
        "same steps"
    );
    let mut bumped = Vec::new();
    for (uid, e) in &new {
        let o = &old[uid];
        if fresh[uid].content == o.content {
            assert_eq!(e.raw, o.raw, "{uid}: unchanged, byte for byte");
        } else {
            assert_eq!(e.content, fresh[uid].content, "{uid}: the new content");
            assert_eq!(e.sequence, o.sequence + 1, "{uid}");
            assert_eq!(e.dtstamp, stamp(LATER), "{uid}");
            assert_eq!(e.last_modified.as_deref(), Some(stamp(LATER).as_str()));
            bumped.push(uid.as_str());
        }
    }
    // The interview (its checklist names the date), the check-in and what
    // follows it: acme-ae's, nobody else's.
    assert!(
        bumped.iter().all(|u| u.starts_with("acme-ae.")),
        "{bumped:?}"
    );
    for step in ["interview", "check-in", "follow-up", "move-on"] {
        assert!(
            bumped
                .iter()
                .any(|u| u.starts_with(&format!("acme-ae.{step}."))),
            "{step} in {bumped:?}"
        );
    }
    assert!(
        !bumped.iter().any(|u| u.contains(".thank-you.")),
        "{bumped:?}"
    );
}

#[test]
fn a_rejection_cancels_later_steps_and_adds_the_feedback_step() {
    let s = Scratch::new("rejected");
    let before = example();
    let after = before.replace(
        "    decision_by: 2026-11-30\n",
        "    decision_by: 2026-11-30\n    status: rejected\n    status_date: 2026-11-20\n",
    );
    let input = s.write("in.yaml", &before);
    let out = s.path("out.ics");
    build_ok(&input, &out, NOW, &[]);
    let old = events(&out);
    s.write("in.yaml", &after);
    build_ok(&input, &out, LATER, &[]);
    let new = events(&out);
    let acme = |m: &BTreeMap<String, Ev>| {
        m.iter()
            .filter(|(u, _)| u.starts_with("acme-ae."))
            .map(|(u, e)| (u.clone(), e.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    let (old_acme, new_acme) = (acme(&old), acme(&new));
    let mut cancelled = 0;
    for (uid, o) in &old_acme {
        let e = &new_acme[uid];
        if uid.contains(".check-in.") || uid.contains(".follow-up.") || uid.contains(".move-on.") {
            assert_eq!(e.status, "CANCELLED", "{uid}");
            assert_eq!(e.sequence, o.sequence + 1, "{uid}");
            cancelled += 1;
        } else {
            // The interview and the thank-yous were before 2026-11-20.
            assert_eq!(e.status, "CONFIRMED", "{uid}");
        }
    }
    assert!(cancelled >= 3);
    let added: Vec<&String> = new_acme
        .keys()
        .filter(|u| !old_acme.contains_key(*u))
        .collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].starts_with("acme-ae.feedback."), "{added:?}");
    let feedback = &new_acme[added[0]];
    assert_eq!(
        (feedback.sequence, feedback.status.as_str()),
        (0, "CONFIRMED")
    );
    // Other interviews are untouched.
    for (uid, o) in old.iter().filter(|(u, _)| !u.starts_with("acme-ae.")) {
        assert_eq!(new[uid].raw, o.raw, "{uid}");
    }
}

#[test]
fn vanished_steps_stay_cancelled_for_keep_cancelled_then_drop_out() {
    let s = Scratch::new("vanished");
    let before = example();
    // Remove the Globex interview from the file altogether.
    let start = before.find("  - id: globex-csm").unwrap();
    let end = before.find("  - id: initech-sdr").unwrap();
    let after = format!("{}{}", &before[..start], &before[end..]);
    let input = s.write("in.yaml", &before);
    let out = s.path("out.ics");
    build_ok(&input, &out, NOW, &[]);
    let old = events(&out);
    s.write("in.yaml", &after);
    build_ok(&input, &out, LATER, &[]);
    let new = events(&out);
    let globex: Vec<&String> = old
        .keys()
        .filter(|u| u.starts_with("globex-csm."))
        .collect();
    assert!(globex.len() >= 4);
    for uid in &globex {
        let (o, e) = (&old[*uid], &new[*uid]);
        assert_eq!(e.status, "CANCELLED", "{uid}");
        assert_eq!(e.sequence, o.sequence + 1);
        assert_eq!(e.summary, o.summary, "keeps its last content");
        assert_eq!(e.last_modified.as_deref(), Some(stamp(LATER).as_str()));
    }
    // Again, no edit: identical bytes, however often.
    let kept = std::fs::read(&out).unwrap();
    build_ok(
        &input,
        &out,
        "2026-12-20T00:00:00Z",
        &["--keep-cancelled", "60d"],
    );
    assert_eq!(std::fs::read(&out).unwrap(), kept);
    // 30 days after they were cancelled they drop out; so does the step
    // cancelled in the plan since the first build (initech's follow-up).
    build_ok(&input, &out, "2026-12-25T12:00:00Z", &[]);
    let gone = events(&out);
    assert!(globex.iter().all(|u| !gone.contains_key(*u)));
    assert!(
        !gone.values().any(|e| e.status == "CANCELLED"),
        "{:?}",
        gone.keys()
    );
    // And they do not come back.
    build_ok(&input, &out, "2026-12-26T12:00:00Z", &[]);
    assert_eq!(
        events(&out).keys().collect::<Vec<_>>(),
        gone.keys().collect::<Vec<_>>()
    );
    // No SEQUENCE ever went down.
    for (uid, e) in &gone {
        assert!(e.sequence >= old.get(uid).map_or(0, |o| o.sequence));
    }
}

#[test]
fn keep_cancelled_zero_drops_them_at_the_next_build() {
    let s = Scratch::new("zero");
    let input = s.write("in.yaml", &example());
    let out = s.path("out.ics");
    build_ok(&input, &out, NOW, &[]);
    assert!(events(&out).values().any(|e| e.status == "CANCELLED"));
    build_ok(&input, &out, NOW, &["--keep-cancelled", "0d"]);
    assert!(!events(&out).values().any(|e| e.status == "CANCELLED"));
    let (code, err) = build(&input, &out, NOW, &["--keep-cancelled", "3bd"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("business days"), "{err}");
}

#[test]
fn a_foreign_or_corrupt_previous_file_is_refused_and_left_untouched() {
    let s = Scratch::new("foreign");
    let input = s.write("in.yaml", &example());
    let ours = s.path("ours.ics");
    build_ok(&input, &ours, NOW, &[]);
    let good = std::fs::read_to_string(&ours).unwrap();
    let foreign = good.replace(
        "PRODID:-//followup//followup",
        "PRODID:-//Google Inc//Google Calendar",
    );
    let cut = good[..good.len() / 2].to_string();
    for (name, text, why) in [
        (
            "foreign.ics",
            foreign.as_str(),
            "it was not written by followup (PRODID \"-//Google Inc//Google Calendar",
        ),
        (
            "cut.ics",
            cut.as_str(),
            "it does not end with END:VCALENDAR (cut short?)",
        ),
        (
            "notes.ics",
            "my notes\n",
            "it does not start with BEGIN:VCALENDAR",
        ),
        ("empty.ics", "", "it is empty"),
    ] {
        let out = s.write(name, text);
        let (code, err) = build(&input, &out, LATER, &[]);
        assert_eq!(code, 1, "{name}: {err}");
        let want = format!("error: cannot regenerate over {}: {why}", out.display());
        assert!(err.starts_with(&want), "{name}: {err}");
        assert!(err.contains("--force"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            text,
            "{name} untouched"
        );
        // --force replaces it with a first build.
        let (code, err) = build(&input, &out, LATER, &["--force"]);
        assert_eq!(code, 0, "{err}");
        assert!(err.starts_with("warning: cannot regenerate over"), "{err}");
        let replaced = events(&out);
        assert!(
            replaced
                .values()
                .all(|e| e.sequence == 0 && e.dtstamp == stamp(LATER))
        );
    }
    // An invalid input wins over everything: exit 1, the file untouched.
    let bad = s.write("bad.yaml", "interviews: [{id: a}]\n");
    let before = std::fs::read(&ours).unwrap();
    let (code, _) = build(&bad, &ours, LATER, &["--force"]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read(&ours).unwrap(), before);
}

#[test]
fn sequence_never_decreases_over_many_edits() {
    let s = Scratch::new("many");
    let base = example();
    let versions = [
        base.clone(),
        base.replace("decision_by: 2026-11-30", "decision_by: 2026-12-02"),
        base.replace("Q3 pipeline review", "Q4 forecast"),
        base.clone(),
        base.replace("  - id: globex-csm", "  - id: globex-csm-2"),
        base.clone(),
    ];
    let input = s.path("in.yaml");
    let out = s.path("out.ics");
    let mut high: BTreeMap<String, u32> = BTreeMap::new();
    for (i, v) in versions.iter().enumerate() {
        std::fs::write(&input, v).unwrap();
        let now = format!("2026-11-{:02}T09:00:00Z", 22 + i);
        build_ok(&input, &out, &now, &[]);
        for (uid, e) in events(&out) {
            let was = high.entry(uid.clone()).or_insert(0);
            assert!(e.sequence >= *was, "{uid}: {} after {was}", e.sequence);
            *was = e.sequence;
        }
    }
    // globex-csm vanished, then came back: an update, not a new event.
    let back = events(&out);
    let globex = back
        .iter()
        .find(|(u, _)| u.starts_with("globex-csm.interview"))
        .unwrap()
        .1;
    assert_eq!(globex.status, "CONFIRMED");
    assert_eq!(globex.sequence, 2, "cancelled (1), then back (2)");
}
