//! Push throughput against a real CalDAV server (docs/PERFORMANCE.md,
//! "Push"). Not a unit benchmark: one run of each phase, timed.
//!
//!   eval "$(tests/delivery/servers.sh env)"
//!   cargo bench --bench push -- COUNT PARALLELISM[,PARALLELISM...]
//!
//! For each parallelism: a fresh calendar (MKCALENDAR), then
//! 1. create: the first push of COUNT events;
//! 2. no-op: the same push again (reads only);
//! 3. edit: 1 % of the events changed;
//! 4. delete: nothing wanted any more.
//! Each phase prints its requests, seconds and requests per second. The
//! events are shaped like followup's (a VTIMEZONE, a ~700-byte
//! description, one VALARM), about 1.6 KB each.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::time::Instant;

#[cfg(feature = "push")]
fn main() {
    use followup::push::Credentials;
    use followup::push::caldav::{Client, ClientOptions, Resource, SyncOptions};

    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let count: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let pools: Vec<usize> = args
        .get(1)
        .map(|a| a.split(',').filter_map(|p| p.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 8]);
    let root = std::env::var("FOLLOWUP_TEST_RADICALE_URL")
        .expect("FOLLOWUP_TEST_RADICALE_URL (eval \"$(tests/delivery/servers.sh env)\")");
    let credentials = match (
        std::env::var("FOLLOWUP_TEST_RADICALE_USER"),
        std::env::var("FOLLOWUP_TEST_RADICALE_PASSWORD"),
    ) {
        (Ok(u), Ok(p)) => Credentials::basic(u, p),
        _ => Credentials::None,
    };
    let make = |tag: &str, i: usize| {
        let uid = format!("cand{:05}-co{}.step{}.1@followup", i / 6, i % 3, i % 6);
        Resource::from_event(&uid, body(&uid, tag, i))
    };
    let wanted: Vec<Resource> = (0..count).map(|i| make("Check in", i)).collect();
    let bytes: usize = wanted.iter().map(|r| r.body.len()).sum();
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
        let name = format!("bench-{count}-p{pool}-{}", std::process::id());
        let (cal, _) = client.find_calendar(&root, &name, true).unwrap();
        let phase = |label: &str, want: &[Resource]| {
            let t = Instant::now();
            let r = client.sync(&cal.url, want, &SyncOptions::default()).unwrap();
            let s = t.elapsed().as_secs_f64();
            assert_eq!(r.failed + r.conflicts + r.not_attempted, 0, "{}", r.summary());
            println!(
                "  parallel {pool:>2} {label:<7} {:>6} requests ({:>6} writes) {s:>8.1} s {:>7.0} req/s  [{}]",
                r.requests,
                r.write_requests,
                r.requests as f64 / s,
                r.summary()
            );
        };
        phase("create", &wanted);
        phase("no-op", &wanted);
        let edited: Vec<Resource> = (0..count)
            .map(|i| if i % 100 == 7 { make("Call back", i) } else { wanted[i].clone() })
            .collect();
        phase("edit 1%", &edited);
        phase("delete", &[]);
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
