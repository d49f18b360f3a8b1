//! Times each stage of one build on one input, so the slowest is visible:
//!
//!     cargo run --release --example stages -- FILE.yaml [RUNS]
//!
//! Stages: YAML parse (text → located tree), validate (tree → model),
//! plan (policy), notes (drafting every message), write (events → bytes).
//! A first build runs the last two as one pass (`export::write`, no event
//! kept once written); "notes+write" times that pass on its own, and
//! "total" is parse + validate + plan + notes+write, what `build` does.
//! Prints the median and min–max over RUNS (default 5) in milliseconds.

use followup::model::validate::{DatesOnly, validate};
use followup::model::yaml;
use followup::notes::Notes;
use followup::pipeline::export::{self, Options};
use followup::pipeline::view as plan;
use followup::policy;
use std::time::Instant;

/// The binary's allocator, so the stages cost what they cost in `build`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: stages FILE.yaml [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(3);
        }
    };
    let now = "2026-11-22T00:00:00Z"
        .parse()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let notes = Notes::new();
    let names = [
        "parse",
        "validate",
        "plan",
        "notes+events",
        "write",
        "notes+write",
        "total",
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    let mut events = 0;
    let mut bytes = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let Ok(root) = yaml::parse_parallel(&text) else {
            eprintln!("{path}: not valid YAML");
            std::process::exit(1);
        };
        let t1 = Instant::now();
        let (model, _) = validate(root, &DatesOnly);
        let Some(model) = model else {
            eprintln!("{path}: not a valid input");
            std::process::exit(1);
        };
        let t2 = Instant::now();
        let Ok((mut steps, _)) = policy::plan(&model) else {
            std::process::exit(1);
        };
        plan::sort(&model, &mut steps);
        let t3 = Instant::now();
        let Ok(built) = export::build(&model, &steps, &notes, &Options::new(now)) else {
            std::process::exit(1);
        };
        let t4 = Instant::now();
        let mut out = Vec::with_capacity(steps.len() * 2048);
        built.write(&mut out);
        let t5 = Instant::now();
        events = built.events.len();
        bytes = out.len();
        drop((built, out));
        let t6 = Instant::now();
        let mut out = Vec::with_capacity(steps.len() * 2048);
        let mut put = |piece: &[u8]| out.extend_from_slice(piece);
        if export::write(&model, &steps, &notes, &Options::new(now), None, &mut put).is_err() {
            std::process::exit(1);
        }
        let t7 = Instant::now();
        if out.len() != bytes {
            eprintln!("one pass and two passes differ");
            std::process::exit(1);
        }
        let one_pass = t7.duration_since(t6);
        let stages = [(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5), (t6, t7)];
        for (i, (a, b)) in stages.iter().enumerate() {
            times[i].push(b.duration_since(*a).as_secs_f64() * 1000.0);
        }
        let total = t3.duration_since(t0) + one_pass;
        times[6].push(total.as_secs_f64() * 1000.0);
    }
    println!(
        "{path}: {events} events, {:.1} MB out, {runs} runs",
        bytes as f64 / 1e6
    );
    for (name, t) in names.iter().zip(times.iter_mut()) {
        t.sort_by(f64::total_cmp);
        println!(
            "  {name:<13} median {:>8.1} ms   (min {:.1}, max {:.1})",
            t[t.len() / 2],
            t[0],
            t[t.len() - 1]
        );
    }
}
