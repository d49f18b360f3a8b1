//! The hot stages, each alone, on 1,000 interviews (about 7,000 events):
//!
//!     cargo bench --bench stages
//!
//! Whole-process figures and the batch come from `bench/run.sh`; these
//! isolate one stage so a change to it shows up without noise from the rest.

use followup::model::validate::{DatesOnly, validate};
use followup::model::yaml;
use followup::notes::Notes;
use followup::pipeline::export::{self, Options};
use followup::pipeline::view as plan;
use followup::policy;

fn main() {
    divan::main();
}

/// 1,000 interviews: the example file's three, repeated with new ids.
fn input() -> String {
    let example = include_str!("../fixtures/example.yaml");
    let at = example.find("interviews:").unwrap_or(0);
    let (head, list) = example.split_at(at);
    let list = list.trim_start_matches("interviews:\n");
    let mut out = String::from(head);
    out.push_str("interviews:\n");
    for i in 0..334 {
        out.push_str(&list.replace("  - id: ", &format!("  - id: r{i}-")));
    }
    out
}

/// The input, validated.
fn model() -> Option<followup::model::Model> {
    let text = input();
    let root = yaml::parse(&text).ok().flatten();
    validate(root, &DatesOnly).0
}

/// The model and its planned steps.
fn planned() -> Option<(followup::model::Model, Vec<policy::Step>)> {
    let model = model()?;
    let (steps, _) = policy::plan(&model).unwrap_or_default();
    Some((model, steps))
}

#[divan::bench]
fn parse(b: divan::Bencher) {
    let text = input();
    b.bench(|| yaml::parse(divan::black_box(&text)).is_ok());
}

#[divan::bench]
fn validate_tree(b: divan::Bencher) {
    let text = input();
    let root = yaml::parse(&text).ok().flatten();
    // `validate` consumes the tree (it drops each interview's subtree once
    // converted); the copy handed in is made outside the timing.
    b.with_inputs(|| root.clone())
        .bench_values(|root| validate(divan::black_box(root), &DatesOnly).0.is_some());
}

#[divan::bench]
fn plan_steps(b: divan::Bencher) {
    let Some(model) = model() else {
        return;
    };
    b.bench(|| {
        let (mut steps, _) = policy::plan(divan::black_box(&model)).unwrap_or_default();
        plan::sort(&model, &mut steps);
        steps.len()
    });
}

#[divan::bench]
fn notes_and_events(b: divan::Bencher) {
    let Some((model, steps)) = planned() else {
        return;
    };
    let notes = Notes::new();
    let opts = Options::new(jiff::Timestamp::UNIX_EPOCH);
    b.bench(|| {
        export::build(&model, divan::black_box(&steps), &notes, &opts).map(|b| b.events.len())
    });
}

#[divan::bench]
fn write_ics(b: divan::Bencher) {
    let Some((model, steps)) = planned() else {
        return;
    };
    let notes = Notes::new();
    let Ok(built) = export::build(
        &model,
        &steps,
        &notes,
        &Options::new(jiff::Timestamp::UNIX_EPOCH),
    ) else {
        return;
    };
    b.bench(|| {
        let mut out = Vec::new();
        divan::black_box(&built).write(&mut out);
        out.len()
    });
}

/// Notes and write in one pass, as a first build runs them
/// (`export::write`): no event is kept once written.
#[divan::bench]
fn notes_and_write(b: divan::Bencher) {
    let Some((model, steps)) = planned() else {
        return;
    };
    let notes = Notes::new();
    let opts = Options::new(jiff::Timestamp::UNIX_EPOCH);
    b.bench(|| {
        let mut out = Vec::new();
        let mut put = |piece: &[u8]| out.extend_from_slice(piece);
        export::write(
            &model,
            divan::black_box(&steps),
            &notes,
            &opts,
            None,
            &mut put,
        )
        .map(|w| w.events)
    });
}
