//! Times the YAML stage alone on one file: granit-parser's raw events, and
//! the located tree `followup` builds from them.
//!
//!     cargo run --release --example yamlspeed -- FILE.yaml
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    for _ in 0..5 {
        let t = Instant::now();
        let events = granit_parser::Parser::new_from_str(&text)
            .filter(Result::is_ok)
            .count();
        let raw = t.elapsed();
        let t = Instant::now();
        let tree = followup::model::yaml::parse(&text);
        let built = t.elapsed();
        println!(
            "events {raw:?} ({events}), located tree {built:?} (ok: {})",
            tree.is_ok()
        );
    }
}
