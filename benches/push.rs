//! Push throughput against a real CalDAV server (docs/PERFORMANCE.md,
//! "Push"). Not a unit benchmark: one run of each phase, timed.
//!
//!   eval "$(tests/delivery/servers.sh env)"
//!   cargo bench --bench push -- COUNT PARALLELISM[,...] [PHASE,...]
//!
//! For each parallelism: a fresh calendar (MKCALENDAR) on the server at
//! PUSH_BENCH_URL (default: the test Radicale; PUSH_BENCH_USER and
//! PUSH_BENCH_PASSWORD, else Radicale's), or the existing calendar at
//! PUSH_BENCH_CALENDAR; then the phases, by default all four in order:
//! - `create`: the first push of COUNT events;
//! - `noop`: the same push again (reads only);
//! - `edit`: 1 % of the events changed (`edit10`: ten of them);
//! - `delete`: nothing wanted any more.
//!
//! Each phase prints its requests, seconds and requests per second.
//!
//!   cargo bench --bench push -- COUNT 1 seed=DIR
//!
//! writes the COUNT resources as the server would store them after a
//! create (stamped, one file each) into DIR, to fill a Radicale collection
//! folder directly when creating them by PUT would take hours.
//!
//! The events are shaped like followup's (a VTIMEZONE, a ~700-byte
//! description, one VALARM), about 1.2 KB each.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[cfg(feature = "push")]
use std::time::Instant;

#[cfg(feature = "push")]
fn main() {
    use followup::push::Credentials;
    use followup::push::caldav::{Client, ClientOptions, Resource, SyncOptions};

    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let count: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let pools: Vec<usize> = args
        .get(1)
        .map(|a| a.split(',').filter_map(|p| p.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 8]);
    let phases: Vec<String> = args
        .get(2)
        .map(|a| a.split(',').map(str::to_string).collect())
        .unwrap_or_else(|| {
            ["create", "noop", "edit", "delete"]
                .map(String::from)
                .to_vec()
        });
    let var = |name: &str, fallback: &str| std::env::var(name).or_else(|_| std::env::var(fallback));
    let root = var("PUSH_BENCH_URL", "FOLLOWUP_TEST_RADICALE_URL").expect(
        "PUSH_BENCH_URL or FOLLOWUP_TEST_RADICALE_URL (eval \"$(tests/delivery/servers.sh env)\")",
    );
    let credentials = match (
        var("PUSH_BENCH_USER", "FOLLOWUP_TEST_RADICALE_USER"),
        var("PUSH_BENCH_PASSWORD", "FOLLOWUP_TEST_RADICALE_PASSWORD"),
    ) {
        (Ok(u), Ok(p))
            if std::env::var("PUSH_BENCH_URL").is_err()
                || std::env::var("PUSH_BENCH_USER").is_ok() =>
        {
            Credentials::basic(u, p)
        }
        _ => Credentials::None,
    };
    let make = |tag: &str, i: usize| {
        let uid = format!("cand{:05}-co{}.step{}.1@followup", i / 6, i % 3, i % 6);
        Resource::from_event(&uid, body(&uid, tag, i))
    };
    let wanted: Vec<Resource> = (0..count).map(|i| make("Check in", i)).collect();
    let bytes: usize = wanted.iter().map(|r| r.body.len()).sum();
    if let Some(dir) = phases.iter().find_map(|p| p.strip_prefix("seed=")) {
        let t = Instant::now();
        std::fs::create_dir_all(dir).unwrap();
        for r in &wanted {
            let stored = followup::push::caldav::resource::stamp(&r.body, &r.hash);
            std::fs::write(std::path::Path::new(dir).join(&r.name), stored).unwrap();
        }
        println!(
            "seeded {count} resources into {dir} in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        return;
    }
    println!(
        "push bench: {count} events, {:.1} MB, server {root}",
        bytes as f64 / 1e6
    );
    for &pool in &pools {
        let client = Client::new(
            credentials.clone(),
            ClientOptions {
                parallelism: pool,
                ..ClientOptions::default()
            },
        )
        .unwrap();
        let cal = match std::env::var("PUSH_BENCH_CALENDAR") {
            Ok(url) => url,
            Err(_) => {
                let name = format!("bench-{count}-p{pool}-{}", std::process::id());
                client.find_calendar(&root, &name, true).unwrap().0.url
            }
        };
        let phase = |label: &str, want: &[Resource]| {
            let t = Instant::now();
            let r = client.sync(&cal, want, &SyncOptions::default()).unwrap();
            let s = t.elapsed().as_secs_f64();
            assert_eq!(
                r.failed + r.conflicts + r.not_attempted,
                0,
                "{}",
                r.summary()
            );
            println!(
                "  parallel {pool:>2} {label:<7} {:>6} requests ({:>6} writes) {s:>8.1} s {:>7.0} req/s  [{}]",
                r.requests,
                r.write_requests,
                r.requests as f64 / s,
                r.summary()
            );
        };
        for p in &phases {
            match p.as_str() {
                "create" => phase("create", &wanted),
                "noop" => phase("no-op", &wanted),
                "edit" | "edit10" => {
                    let every = if p == "edit" {
                        100
                    } else {
                        count.div_ceil(10).max(1)
                    };
                    let edited: Vec<Resource> = (0..count)
                        .map(|i| {
                            if i % every == 7 % every {
                                make("Call back", i)
                            } else {
                                wanted[i].clone()
                            }
                        })
                        .collect();
                    phase(if p == "edit" { "edit 1%" } else { "edit 10" }, &edited);
                    // Back to the wanted set, so a following phase starts
                    // from it (not timed).
                    client.sync(&cal, &wanted, &SyncOptions::default()).unwrap();
                }
                "delete" => phase("delete", &[]),
                other => panic!("unknown phase {other}"),
            }
        }
    }
}

#[cfg(not(feature = "push"))]
fn main() {
    eprintln!("the push bench needs the `push` feature");
}

/// A followup-shaped VCALENDAR for event `i`.
#[cfg(feature = "push")]
fn body(uid: &str, tag: &str, i: usize) -> Vec<u8> {
    let day = 1 + i % 28;
    let hour = 9 + i % 8;
    let mut description = String::from(
        "Why: a short note within a day keeps you in mind (seeds 000\\, 001).\\nDue: 18 Nov 17:00.\\n\\nSubject: Thank you\\n\\n",
    );
    description.push_str(&format!(
        "Dear Candidate {i}\\,\\n\\nthank you for taking the time to talk with me today about the role. I enjoyed hearing how the team plans the Q3 pipeline and the CRM migration\\, and I am even more interested in the position.\\n\\nBest regards\\,\\nBeth"
    ));
    let mut s = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followup//push bench//EN\r\nCALSCALE:GREGORIAN\r\n\
BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n\
BEGIN:STANDARD\r\nDTSTART:19701101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:19700308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\n\
END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T090000Z\r\nSEQUENCE:0\r\n\
DTSTART;TZID=America/New_York:202612{day:02}T{hour:02}0000\r\nDTEND;TZID=America/New_York:202612{day:02}T{hour:02}1500\r\n\
SUMMARY:{tag}: Mark Lee\\, Company {i}\r\n"
    );
    // Fold the description at 75 octets (all ASCII here).
    let line = format!("DESCRIPTION:{description}");
    let b = line.as_bytes();
    let mut start = 0;
    while start < b.len() {
        let end = (start + if start == 0 { 75 } else { 74 }).min(b.len());
        if start > 0 {
            s.push(' ');
        }
        s.push_str(&line[start..end]);
        s.push_str("\r\n");
        start = end;
    }
    s.push_str(
        "CATEGORIES:Job search\r\nTRANSP:TRANSPARENT\r\nCLASS:PRIVATE\r\nSTATUS:CONFIRMED\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Follow up\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    s.into_bytes()
}
