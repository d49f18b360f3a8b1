//! No input may panic (SPEC §7): arbitrary bytes, every truncation of a real
//! file, and random edits of it all end in either a plan or diagnostics.

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

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
