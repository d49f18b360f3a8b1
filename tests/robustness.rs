//! No input may panic (SPEC §7): arbitrary bytes, every truncation of a real
//! file, and random edits of it all end in either a plan or diagnostics; the
//! same for the `.ics` readers (a previous output, a holiday file).
//!
//! The generated runs take `FOLLOWUP_FUZZ_CASES` cases each (2,000 by
//! default; `scripts/test.sh` runs 100,000, issue 13).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use followup::model::validate::DatesOnly;
use followup::pipeline;
use proptest::prelude::*;

fn example() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/example.yaml"
    ))
    .expect("fixture")
}

/// Loads and, when valid, renders the plan both ways: the whole path a user
/// can reach with `plan`.
fn exercise(bytes: &[u8]) {
    match pipeline::load::load("fuzz.yaml", bytes, &DatesOnly) {
        Ok(mut l) => {
            followup::pipeline::view::sort(&l.model, &mut l.steps);
            let _ = followup::pipeline::view::to_json(&l.model, &l.steps);
            let _ = followup::pipeline::view::to_table(&l.model, &l.steps);
        }
        Err(f) => {
            assert!(!f.diagnostics.is_empty(), "a failure says why");
            for d in &f.diagnostics {
                let _ = d.render(std::str::from_utf8(bytes).ok(), false);
            }
        }
    }
}

#[test]
fn every_truncation_of_the_example_is_handled() {
    let text = example();
    for end in 0..=text.len() {
        exercise(&text[..end]);
    }
}

#[test]
fn hostile_yaml_is_handled() {
    let cases: &[&[u8]] = &[
        b"",
        b"\xef\xbb\xbf",
        b"---\n---\n",
        b"interviews: &a [*a]\n",
        b"a: &a [*a, *a, *a]\nb: &b [*a, *a]\ninterviews: []\n",
        b"interviews:\n  - !!binary aGVsbG8=\n",
        b"interviews:\n  - id: a\n    company: A\n    role: R\n    start: 9999-12-31T23:00\n    timezone: UTC\n",
        b"interviews:\n  - id: a\n    company: A\n    role: R\n    start: 0001-01-01T00:00\n    timezone: Pacific/Kiritimati\n",
        b"interviews:\n  - id: a\n    company: A\n    role: R\n    start: 2026-01-01T00:00\n    timezone: UTC\n    weekend: [mon, tue, wed, thu, fri, sat]\n    holidays: [2026-01-05, 2026-01-12]\n    policy: { max_follow_ups: 100, follow_up: { gap: 5000bd } }\n",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"interviews: {a: b}\n",
        b"? [a, b]\n: c\ninterviews: []\n",
        b"interviews:\n  - 42\n  - [1, 2]\n  - null\n",
    ];
    for c in cases {
        exercise(c);
    }
}

fn cases() -> u32 {
    std::env::var("FOLLOWUP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

/// A real output of the binary: what a regeneration reads back.
fn built_calendar() -> Vec<u8> {
    static BUILT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_followup"))
                .args(["build", "--now", "2026-11-22T09:00:00Z", "-o", "-"])
                .arg(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/fixtures/example.yaml"
                ))
                .output()
                .expect("run followup");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        })
        .clone()
}

fn holiday_file() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/office-closures.ics"
    ))
    .expect("fixture")
}

/// Every reader of `.ics` bytes: the whole-file reader, the index a
/// regeneration builds, and the holiday-file reader.
fn read_ics(bytes: &[u8]) {
    let _ = followup::ics::read::read(bytes);
    let _ = followup::ics::index::index(bytes);
    let _ = followup::calendar::holidays::ics::read(bytes, 2026..=2027);
}

fn edit(mut text: Vec<u8>, edits: Vec<(prop::sample::Index, u8)>) -> Vec<u8> {
    for (at, byte) in edits {
        if text.is_empty() {
            break;
        }
        let i = at.index(text.len());
        text[i] = byte;
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn arbitrary_bytes_never_panic_an_ics_reader(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        read_ics(&bytes);
    }

    #[test]
    fn random_edits_of_a_previous_output_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let text = edit(built_calendar(), edits);
        read_ics(&text);
        read_ics(&text[..cut.index(text.len() + 1)]);
    }

    #[test]
    fn random_edits_of_a_holiday_file_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        read_ics(&edit(holiday_file(), edits));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        exercise(&bytes);
    }

    #[test]
    fn random_edits_of_the_example_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        let mut text = example();
        for (at, byte) in edits {
            let i = at.index(text.len());
            text[i] = byte;
        }
        exercise(&text);
    }
}
