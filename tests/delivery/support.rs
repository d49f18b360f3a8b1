//! What the push integration tests share: the servers' addresses from the
//! environment (tests/delivery/servers.sh env), the rule for a missing
//! server, plausible event bodies, a request-log collector, and the
//! independent clients in the test venv.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use followup::push::{Logger, RequestLog};

/// The variable's value; when it is missing, the test fails under CI (the
/// servers are part of the run: scripts/test.sh starts them) and is
/// skipped with a printed reason elsewhere.
pub fn server_env(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Some(v),
        _ => {
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
            assert!(
                !ci,
                "{var} is not set under CI: scripts/test.sh must start the delivery servers \
                 (tests/delivery/servers.sh start) before cargo test"
            );
            eprintln!(
                "skipped: {var} is not set (start the servers with tests/delivery/servers.sh start \
                 and `eval \"$(tests/delivery/servers.sh env)\"`)"
            );
            None
        }
    }
}

/// A name no other test (or earlier run) uses.
pub fn unique(prefix: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}-{}-{}-{nanos:x}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// Collects request logs; the logger to hand to a client.
#[derive(Clone, Default)]
pub struct Requests(pub Arc<Mutex<Vec<RequestLog>>>);

impl Requests {
    pub fn logger(&self) -> Logger {
        let store = self.0.clone();
        Arc::new(move |r: &RequestLog| {
            if let Ok(mut v) = store.lock() {
                v.push(r.clone());
            }
        })
    }

    /// Takes what was logged so far.
    pub fn take(&self) -> Vec<RequestLog> {
        self.0
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }
}

/// A VCALENDAR shaped like followup's (SPEC §5): a VTIMEZONE, one VEVENT
/// with a TZID start, a description, a VALARM.
pub fn event(uid: &str, summary: &str, day: u32, hour: u32) -> Vec<u8> {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followup//push tests//EN\r\nCALSCALE:GREGORIAN\r\n\
BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n\
BEGIN:STANDARD\r\nDTSTART:19701101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nTZNAME:EST\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:19700308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n\
END:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T090000Z\r\nSEQUENCE:0\r\n\
DTSTART;TZID=America/New_York:202612{day:02}T{hour:02}0000\r\nDTEND;TZID=America/New_York:202612{day:02}T{hour:02}1500\r\n\
SUMMARY:{summary}\r\nDESCRIPTION:Why this step\\, and the drafted message.\\nDear Mark\\,\\nthank you.\r\n\
CATEGORIES:Job search\r\nTRANSP:TRANSPARENT\r\nCLASS:PRIVATE\r\nSTATUS:CONFIRMED\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:{summary}\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    .into_bytes()
}

/// The venv's python (scripts/test.sh makes it; FOLLOWUP_TEST_PYTHON
/// overrides).
pub fn python() -> PathBuf {
    std::env::var_os("FOLLOWUP_TEST_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/delivery/venv/bin/python")
        })
}

/// Runs tests/delivery/<script> with `args` and `env`; its stdout.
pub fn run_python(script: &str, args: &[&str], env: &[(&str, &str)]) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/delivery")
        .join(script);
    let out = Command::new(python())
        .arg(&path)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} {script}: {e}", python().display()));
    assert!(
        out.status.success(),
        "{script} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
