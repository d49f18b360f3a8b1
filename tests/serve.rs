//! `followup serve`, end to end: the real binary on a free loopback port,
//! fetched with a real HTTP client (`ureq`), while the test edits its input.

#![cfg(feature = "serve")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

fn example() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/example.yaml"))
        .unwrap()
}

/// The running binary; killed when dropped. Its stderr is collected.
struct Served {
    child: Child,
    url: String,
    base: String,
    stderr: Arc<Mutex<String>>,
    dir: PathBuf,
}

impl Served {
    /// Starts `followup serve DIR/beth.yaml --addr 127.0.0.1:0` and waits for
    /// the printed links.
    fn start(name: &str, yaml: &str, extra: &[&str]) -> Served {
        Served::start_with(name, yaml, &[], extra)
    }

    /// [`Served::start`], with `files` (name, content) written beside the
    /// input first.
    fn start_with(name: &str, yaml: &str, files: &[(&str, &str)], extra: &[&str]) -> Served {
        Served::launch(name, yaml, files, extra, None)
    }

    /// [`Served::start`] under `prlimit --nofile=N` (util-linux): the
    /// process may hold at most `nofile` open files.
    fn start_limited(name: &str, nofile: u32, extra: &[&str]) -> Served {
        Served::launch(name, &example(), &[], extra, Some(nofile))
    }

    fn launch(
        name: &str,
        yaml: &str,
        files: &[(&str, &str)],
        extra: &[&str],
        nofile: Option<u32>,
    ) -> Served {
        let dir =
            std::env::temp_dir().join(format!("followup-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("beth.yaml"), yaml).unwrap();
        for (file, content) in files {
            std::fs::write(dir.join(file), content).unwrap();
        }
        let mut cmd = match nofile {
            Some(n) => {
                let mut c = Command::new("prlimit");
                c.arg(format!("--nofile={n}:{n}"))
                    .arg("--")
                    .arg(env!("CARGO_BIN_EXE_followup"));
                c
            }
            None => Command::new(env!("CARGO_BIN_EXE_followup")),
        };
        let mut child = cmd
            .arg("serve")
            .arg(dir.join("beth.yaml"))
            .args(["--addr", "127.0.0.1:0", "--token", TOKEN])
            .args(extra)
            .env("NO_COLOR", "1")
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let mut err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut url = None;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(u) = line.trim().strip_prefix("feed:") {
                url = Some(u.trim().to_string());
                break;
            }
        }
        std::thread::spawn(move || for _ in lines {});
        let url = url.unwrap_or_else(|| panic!("no feed link; stderr: {}", stderr.lock().unwrap()));
        let base = url.split(&format!("/{TOKEN}/")).next().unwrap().to_string();
        Served {
            child,
            url,
            base,
            stderr,
            dir,
        }
    }

    fn input(&self) -> PathBuf {
        self.dir.join("beth.yaml")
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

struct Got {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

fn fetch(agent: &ureq::Agent, method: &str, url: &str, headers: &[(&str, &str)]) -> Got {
    let mut req = match method {
        "GET" => agent.get(url),
        "HEAD" => agent.head(url),
        other => panic!("{other}"),
    };
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut resp = req.call().unwrap();
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                v.to_str().unwrap().to_string(),
            )
        })
        .collect();
    let body = resp
        .body_mut()
        .with_config()
        .limit(200_000_000)
        .read_to_vec()
        .unwrap();
    Got {
        status,
        headers,
        body,
    }
}

fn get(url: &str) -> Got {
    fetch(&agent(), "GET", url, &[])
}

/// A raw request, so the client cannot normalise the path.
fn raw(base: &str, request_line: &str) -> String {
    let addr = base.strip_prefix("http://").unwrap();
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{request_line}\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn parses(body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    text.ends_with("END:VCALENDAR\r\n")
        && icalendar::parser::read_calendar(&icalendar::parser::unfold(text)).is_ok()
}

/// Polls until `ok(body)` or `limit`; returns how long it took.
fn wait_for(url: &str, limit: Duration, ok: impl Fn(&Got) -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if ok(&get(url)) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    None
}

#[test]
fn answers_200_304_404_and_head() {
    let s = Served::start("codes", &example(), &[]);
    assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);
    assert!(s.url.ends_with(&format!("/{TOKEN}/beth.ics")));
    let a = agent();
    let ok = fetch(&a, "GET", &s.url, &[]);
    assert_eq!(ok.status, 200);
    assert_eq!(ok.headers["content-type"], "text/calendar; charset=utf-8");
    assert!(parses(&ok.body));
    let etag = ok.headers["etag"].clone();
    let lm = ok.headers["last-modified"].clone();
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "strong: {etag}"
    );
    assert_eq!(
        etag,
        followup::flows::feed::etag(&ok.body),
        "over the exact body"
    );
    assert_eq!(ok.headers["content-length"], ok.body.len().to_string());
    assert!(!ok.headers.contains_key("transfer-encoding"));

    // No gzip, and the same answer whatever the client accepts.
    for accept in [
        ("Accept-Encoding", "gzip, br"),
        ("Accept", "text/html"),
        ("Accept", "*/*"),
    ] {
        let g = fetch(&a, "GET", &s.url, &[accept]);
        assert_eq!(
            (g.status, &g.body, &g.headers["etag"]),
            (200, &ok.body, &etag)
        );
        assert!(!g.headers.contains_key("content-encoding"));
    }

    // Conditional requests: If-None-Match first, then If-Modified-Since.
    let not_modified = |h: &[(&str, &str)]| {
        let g = fetch(&a, "GET", &s.url, h);
        if g.status == 304 {
            assert!(g.body.is_empty());
            assert_eq!(g.headers["etag"], etag, "304 repeats the ETag");
            assert_eq!(g.headers["last-modified"], lm, "and Last-Modified");
        }
        g.status
    };
    let other = "\"nope\"";
    let weak = format!("W/{etag}");
    let list = format!("\"x\", {etag}");
    assert_eq!(not_modified(&[("If-None-Match", &etag)]), 304);
    assert_eq!(not_modified(&[("If-None-Match", &weak)]), 304);
    assert_eq!(not_modified(&[("If-None-Match", &list)]), 304);
    assert_eq!(not_modified(&[("If-None-Match", other)]), 200);
    assert_eq!(not_modified(&[("If-Modified-Since", &lm)]), 304);
    assert_eq!(
        not_modified(&[("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")]),
        200
    );
    assert_eq!(
        not_modified(&[("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")]),
        304
    );
    assert_eq!(not_modified(&[("If-Modified-Since", "garbage")]), 200);
    assert_eq!(
        not_modified(&[("If-None-Match", other), ("If-Modified-Since", &lm)]),
        200,
        "If-None-Match wins"
    );
    assert_eq!(
        not_modified(&[
            ("If-None-Match", &etag),
            ("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")
        ]),
        304
    );

    // HEAD: the GET's headers, no body.
    let head = fetch(&a, "HEAD", &s.url, &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.headers["etag"], etag);
    assert_eq!(head.headers["content-length"], ok.body.len().to_string());
    assert_eq!(head.headers["content-type"], "text/calendar; charset=utf-8");

    // Everything else is 404: no listing, no traversal, no wrong token.
    for path in [
        "/".to_string(),
        format!("/{TOKEN}/"),
        format!("/{TOKEN}"),
        format!("/{TOKEN}/other.ics"),
        format!("/{TOKEN}/beth"),
        "/0123456789abcdef0123456789abcdee/beth.ics".to_string(),
        "/beth.ics".to_string(),
        "/favicon.ico".to_string(),
    ] {
        let g = get(&format!("{}{path}", s.base));
        assert_eq!(g.status, 404, "{path}");
        assert!(!String::from_utf8_lossy(&g.body).contains("beth"), "{path}");
    }
    for line in [
        format!("GET /{TOKEN}/../{TOKEN}/beth.ics HTTP/1.1"),
        format!("GET /{TOKEN}/..%2Fbeth.ics HTTP/1.1"),
        format!("GET /{TOKEN}%2Fbeth.ics HTTP/1.1"),
        "GET /../../../../etc/passwd HTTP/1.1".to_string(),
        format!("GET /{TOKEN}/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd HTTP/1.1"),
    ] {
        let answer = raw(&s.base, &line);
        assert!(answer.starts_with("HTTP/1.1 404"), "{line}: {answer}");
    }
    let answer = raw(
        &s.base,
        &format!("POST /{TOKEN}/beth.ics HTTP/1.1\r\nContent-Length: 0"),
    );
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    assert!(answer.contains("Allow: GET, HEAD"), "{answer}");
}

#[test]
fn edits_show_up_within_2_seconds_and_bad_edits_keep_the_last_good_feed() {
    let s = Served::start("edits", &example(), &[]);
    let first = get(&s.url);
    let first_etag = first.headers["etag"].clone();
    let mut seen: Vec<(String, Vec<u8>)> = vec![(first_etag.clone(), first.body.clone())];

    // A real edit: the decision date moves.
    let edited = example().replace("decision_by: 2026-11-30", "decision_by: 2026-12-02");
    std::fs::write(s.input(), &edited).unwrap();
    let took = wait_for(&s.url, Duration::from_secs(2), |g| {
        g.headers["etag"] != first_etag
    })
    .unwrap_or_else(|| panic!("no update within 2 s; stderr: {}", s.stderr()));
    eprintln!("the edit was served after {took:?}");
    let second = get(&s.url);
    assert!(parses(&second.body));
    let text = String::from_utf8(second.body.clone()).unwrap();
    assert!(
        text.contains("SEQUENCE:1\r\n"),
        "SEQUENCE carries on across regenerations"
    );
    assert!(text.contains("LAST-MODIFIED:"));
    seen.push((second.headers["etag"].clone(), second.body.clone()));

    // Saved again unchanged: nothing changes, not even Last-Modified.
    std::fs::write(s.input(), &edited).unwrap();
    std::thread::sleep(Duration::from_millis(600));
    let same = get(&s.url);
    assert_eq!(same.body, second.body);
    assert_eq!(same.headers["etag"], second.headers["etag"]);
    assert_eq!(
        same.headers["last-modified"],
        second.headers["last-modified"]
    );

    // An invalid edit: the last good feed stays, the error is logged with
    // its location.
    std::fs::write(
        s.input(),
        edited.replace("timezone: Europe/Berlin", "timezone: Europe/Berlni"),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(3);
    while !s.stderr().contains("Europe/Berlni") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(25));
    }
    let log = s.stderr();
    assert!(
        log.contains("error: unknown timezone \"Europe/Berlni\""),
        "{log}"
    );
    assert!(log.contains("beth.yaml:35:15"), "{log}");
    assert!(
        log.contains("still serving the last good beth.ics"),
        "{log}"
    );
    let kept = get(&s.url);
    assert_eq!(kept.status, 200);
    assert_eq!(kept.body, second.body);
    assert_eq!(kept.headers["etag"], second.headers["etag"]);

    // Fixed again, with the interview cancelled: SEQUENCE+1 and CANCELLED.
    let rejected = edited.replace(
        "    decision_by: 2026-12-02\n",
        "    decision_by: 2026-12-02\n    status: rejected\n    status_date: 2026-11-20\n",
    );
    std::fs::write(s.input(), &rejected).unwrap();
    wait_for(&s.url, Duration::from_secs(2), |g| g.body != second.body)
        .unwrap_or_else(|| panic!("no update within 2 s; stderr: {}", s.stderr()));
    let third = get(&s.url);
    let text = String::from_utf8(third.body.clone()).unwrap();
    assert!(text.contains("SEQUENCE:2\r\n"), "{text}");
    assert!(text.contains("UID:acme-ae.feedback."));
    seen.push((third.headers["etag"].clone(), third.body.clone()));

    // The ETag changed exactly when the body did.
    for (i, (ea, ba)) in seen.iter().enumerate() {
        for (eb, bb) in &seen[i + 1..] {
            assert_eq!(ea == eb, ba == bb);
        }
    }
}

#[test]
fn ctrl_c_stops_cleanly() {
    let mut s = Served::start("stop", &example(), &[]);
    assert_eq!(get(&s.url).status, 200);
    let pid = s.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "{}", s.stderr());
}

#[test]
fn out_dir_keeps_sequence_across_restarts() {
    let out = std::env::temp_dir().join(format!("followup-serve-outdir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let out_arg = out.to_str().unwrap().to_string();
    let edited = example().replace("decision_by: 2026-11-30", "decision_by: 2026-12-02");
    {
        let s = Served::start("outdir1", &example(), &["--out-dir", &out_arg]);
        let served = get(&s.url).body;
        assert_eq!(std::fs::read(out.join("beth.ics")).unwrap(), served);
    }
    let s = Served::start("outdir2", &edited, &["--out-dir", &out_arg]);
    let body = String::from_utf8(get(&s.url).body).unwrap();
    assert!(body.contains("SEQUENCE:1\r\n"), "continues from the file");
    assert_eq!(std::fs::read_to_string(out.join("beth.ics")).unwrap(), body);
    drop(s);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn refuses_to_start_on_bad_input_or_flags() {
    let dir = std::env::temp_dir().join(format!("followup-serve-bad-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "interviews: [{id: a}]\n").unwrap();
    let good = dir.join("beth.yaml");
    std::fs::write(&good, example()).unwrap();
    let again = dir.join("b/beth.yaml");
    std::fs::write(&again, example()).unwrap();
    let run = |args: &[&Path], extra: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_followup"))
            .arg("serve")
            .args(args)
            .args(["--addr", "127.0.0.1:0"])
            .args(extra)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, err) = run(&[&bad], &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("bad.yaml:1:"), "{err}");
    let (code, err) = run(&[&good], &["--token", "a/b"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, err) = run(&[&good, &again], &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("both be served as beth.ics"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A bounded load test on loopback: `FOLLOWUP_LOAD_REQUESTS` GETs (default
/// 5,000) from 4 client threads, while the input is rewritten 100 times
/// (plain `write`, so the server also sees half-written files). Every
/// answer must be a 200 with a body that parses and whose ETag is the
/// ETag of that body. Prints requests/s, p50 and p99 (see
/// docs/serve-load.md for figures from a release build).
#[test]
fn load_while_the_input_is_rewritten_100_times() {
    let total: usize = std::env::var("FOLLOWUP_LOAD_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let time_limit = Duration::from_secs(120);
    let s = Served::start("load", &example(), &[]);
    let versions = [
        example(),
        example().replace("decision_by: 2026-11-30", "decision_by: 2026-12-02"),
        example().replace("Q3 pipeline review", "Q4 forecast"),
    ];
    // The writer paces itself by the requests issued, so the 100 rewrites
    // are spread over the whole run whatever the machine's speed.
    let issued = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let (input, versions) = (s.input(), versions.clone());
        let (issued, done) = (Arc::clone(&issued), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut rewrites = 0;
            while rewrites < 100 && !done.load(Ordering::SeqCst) {
                if issued.load(Ordering::SeqCst) * 100 >= rewrites * total {
                    std::fs::write(&input, &versions[rewrites % versions.len()]).unwrap();
                    rewrites += 1;
                } else {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            // End on a known version.
            std::fs::write(&input, &versions[1]).unwrap();
            rewrites
        })
    };
    let good_bodies: Arc<Mutex<HashMap<String, bool>>> = Arc::default();
    let started = Instant::now();
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let (url, issued, good) =
                (s.url.clone(), Arc::clone(&issued), Arc::clone(&good_bodies));
            std::thread::spawn(move || {
                let a = agent();
                let mut latencies = Vec::new();
                let mut failures = Vec::new();
                while issued.fetch_add(1, Ordering::SeqCst) < total
                    && started.elapsed() < time_limit
                {
                    let t = Instant::now();
                    let result = a.get(&url).call().and_then(|mut r| {
                        let status = r.status().as_u16();
                        let etag = r
                            .headers()
                            .get("etag")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string();
                        r.body_mut().read_to_vec().map(|b| (status, etag, b))
                    });
                    latencies.push(t.elapsed());
                    match result {
                        Ok((200, etag, body)) => {
                            if etag != followup::flows::feed::etag(&body) {
                                failures.push(format!("ETag {etag} is not the body's"));
                                continue;
                            }
                            let known = good.lock().unwrap().get(&etag).copied();
                            let ok = known.unwrap_or_else(|| {
                                let ok = parses(&body);
                                good.lock().unwrap().insert(etag.clone(), ok);
                                ok
                            });
                            if !ok {
                                failures.push(format!("body {etag} does not parse"));
                            }
                        }
                        Ok((status, _, _)) => failures.push(format!("status {status}")),
                        Err(e) => failures.push(format!("{e}")),
                    }
                }
                (latencies, failures)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut failures = Vec::new();
    for c in clients {
        let (l, f) = c.join().unwrap();
        latencies.extend(l);
        failures.extend(f);
    }
    let elapsed = started.elapsed();
    done.store(true, Ordering::SeqCst);
    let rewrites = writer.join().unwrap();
    assert_eq!(
        rewrites, 100,
        "the input was rewritten 100 times during the load"
    );
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    eprintln!(
        "load: {} requests in {elapsed:.2?} = {:.0} requests/s; p50 {:.2?}, p99 {:.2?}; {} failed; {} distinct bodies, all parsed",
        latencies.len(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        failures.len(),
        good_bodies.lock().unwrap().len(),
    );
    assert!(
        failures.is_empty(),
        "{:?}",
        &failures[..failures.len().min(10)]
    );
    assert_eq!(latencies.len(), total, "all requests within {time_limit:?}");
    assert!(
        good_bodies.lock().unwrap().len() >= 2,
        "the feed changed during the test"
    );
    // After the last write, the last version is served.
    let final_body = wait_for(&s.url, Duration::from_secs(3), |g| {
        String::from_utf8_lossy(&g.body).contains("Wednesday 2 December")
    });
    assert!(
        final_body.is_some(),
        "the last version is served; {}",
        s.stderr()
    );
}

#[test]
fn an_edited_holiday_file_regenerates_the_feed() {
    let fixture = |name: &str| {
        std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures")
                .join(name),
        )
        .unwrap()
    };
    let closures = fixture("office-closures.ics");
    let s = Served::start_with(
        "holiday-file",
        &fixture("closures.yaml"),
        &[("office-closures.ics", &closures)],
        &[],
    );
    let first = get(&s.url);
    let first_etag = first.headers["etag"].clone();
    let body = String::from_utf8(first.body.clone()).unwrap();
    // The day of the first thank-you, as served.
    let thank_you = body
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(".thank-you."))
        .expect("a thank-you event");
    let day: String = thank_you
        .lines()
        .find(|l| l.starts_with("DTSTART"))
        .and_then(|l| l.rsplit(':').next())
        .map(|v| v.chars().take(8).collect())
        .expect("its DTSTART");
    // The office closes for four weeks from that day.
    let start: jiff::civil::Date = jiff::fmt::strtime::parse("%Y%m%d", &day)
        .unwrap()
        .to_date()
        .unwrap();
    let end = start.checked_add(jiff::Span::new().days(28)).unwrap();
    let closure = format!(
        "BEGIN:VEVENT\r\nUID:closed-for-the-test@example.com\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nSUMMARY:Office move\r\nEND:VEVENT\r\nEND:VCALENDAR",
        start.strftime("%Y%m%d"),
        end.strftime("%Y%m%d")
    );
    let edited = closures.replacen("END:VCALENDAR", &closure, 1);
    assert_ne!(edited, closures);
    // Past the start-up re-check of the inputs (it would catch the edit
    // without the watch): this edit must come through the watch.
    std::thread::sleep(Duration::from_millis(800));
    std::fs::write(s.dir.join("office-closures.ics"), &edited).unwrap();
    wait_for(&s.url, Duration::from_secs(2), |g| {
        g.headers["etag"] != first_etag
    })
    .unwrap_or_else(|| panic!("no update within 2 s; stderr: {}", s.stderr()));
    let second = String::from_utf8(get(&s.url).body).unwrap();
    assert!(parses(second.as_bytes()));
    let moved = second
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(".thank-you."))
        .expect("the thank-you is still there");
    assert!(
        !moved
            .lines()
            .any(|l| l.starts_with("DTSTART") && l.contains(&format!(":{day}"))),
        "the thank-you still falls on the closed day {day}:\n{moved}"
    );
    assert!(s.stderr().contains("updated beth.ics"), "{}", s.stderr());
}

// Issue 13, items 5, 7 and 10 (SPEC §11): clients that hold connections
// open, send their headers slowly or without end, and try to smuggle control
// bytes into the log. Every loop here has a deadline.

/// The server process's resident memory, in KiB (`VmRSS`).
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// The pid of `followup` itself: under `prlimit` the child is `prlimit`,
/// which execs it, so the pid is the same.
fn connect(base: &str) -> std::net::TcpStream {
    let addr = base.strip_prefix("http://").unwrap();
    let s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s
}

/// Whether the server has closed `s`: a read gives end of file or a reset.
/// Waits at most until `deadline`.
fn closed_by_server(s: &mut std::net::TcpStream, deadline: Instant) -> bool {
    let mut buf = [0u8; 4096];
    while Instant::now() < deadline {
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

#[test]
fn issue13_running_out_of_file_descriptors_never_ends_the_listener() {
    // 64 descriptors, and a connection cap far above them, so the accept
    // loop itself meets EMFILE (tiny_http's accept thread panicked here and
    // the process lived on without a listener).
    let mut s = Served::start_limited("emfile", 64, &["--max-connections", "1000"]);
    assert_eq!(get(&s.url).status, 200);
    let idle: Vec<_> = (0..200).map(|_| connect(&s.base)).collect();
    // Until the server has met the limit (it says so once), at most 10 s.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.stderr().contains("cannot accept connections") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        s.stderr().contains("cannot accept connections"),
        "the server never ran out of descriptors: {}",
        s.stderr()
    );
    assert!(s.child.try_wait().unwrap().is_none(), "the server died");
    drop(idle);
    // The descriptors come back, and so does the feed.
    let got = wait_for(&s.url, Duration::from_secs(15), |g| g.status == 200);
    assert!(
        got.is_some(),
        "no feed after the descriptors came back: {}",
        s.stderr()
    );
    assert!(parses(&get(&s.url).body));
    assert!(!s.stderr().contains("panicked"), "{}", s.stderr());
    // And again: the listener survives more than one shortage.
    let idle: Vec<_> = (0..200).map(|_| connect(&s.base)).collect();
    std::thread::sleep(Duration::from_millis(500));
    drop(idle);
    assert!(wait_for(&s.url, Duration::from_secs(15), |g| g.status == 200).is_some());
}

#[test]
fn issue13_the_default_connection_cap_follows_the_open_file_limit() {
    // 64 descriptors and no --max-connections: the cap is what the limit
    // leaves room for (64 - 32), so 100 silent clients beyond it wait in the
    // kernel's listen queue instead of exhausting the process's descriptors.
    let mut s = Served::start_limited("cap", 64, &[]);
    let idle: Vec<_> = (0..100).map(|_| connect(&s.base)).collect();
    std::thread::sleep(Duration::from_secs(1));
    assert!(s.child.try_wait().unwrap().is_none(), "the server died");
    assert!(
        !s.stderr().contains("cannot accept connections"),
        "the cap let the process run out of descriptors: {}",
        s.stderr()
    );
    // The queue drains as the silent clients go (or time out).
    drop(idle);
    let got = wait_for(&s.url, Duration::from_secs(15), |g| g.status == 200);
    assert!(got.is_some(), "never served: {}", s.stderr());
    assert!(!s.stderr().contains("cannot accept connections"));
}

#[test]
fn issue13_silent_and_slow_clients_are_disconnected_within_the_header_timeout() {
    let s = Served::start("slowloris", &example(), &[]);
    let start = Instant::now();
    let mut silent: Vec<_> = (0..10).map(|_| connect(&s.base)).collect();
    let mut slow: Vec<_> = (0..10).map(|_| connect(&s.base)).collect();
    // The slow ones send a header a byte every 200 ms, never ending it.
    let head = format!("GET /{TOKEN}/beth.ics HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    let dribbler = {
        let mut writers: Vec<_> = slow.iter().map(|c| c.try_clone().unwrap()).collect();
        std::thread::spawn(move || {
            let bytes = head.bytes().chain(std::iter::repeat(b'a'));
            for b in bytes.take(150) {
                writers.retain_mut(|w| w.write_all(&[b]).is_ok());
                if writers.is_empty() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    // Meanwhile, a real client is served at once.
    let g = get(&s.url);
    assert_eq!(g.status, 200);
    assert!(parses(&g.body));
    // SPEC §11: at most 10 s for the head; 20 s is the test's patience.
    let deadline = start + Duration::from_secs(20);
    for c in silent.iter_mut().chain(slow.iter_mut()) {
        assert!(
            closed_by_server(c, deadline),
            "a client was still connected after {:?}",
            start.elapsed()
        );
    }
    let took = start.elapsed();
    eprintln!("20 slow clients disconnected after {took:?}");
    assert!(
        took >= Duration::from_secs(5),
        "closed before the header timeout"
    );
    dribbler.join().unwrap();
    assert_eq!(get(&s.url).status, 200);
}

#[test]
fn issue13_an_oversized_request_head_is_cut_off_with_431() {
    let s = Served::start("bighead", &example(), &[]);
    let pid = s.child.id();
    let before = rss_kib(pid);

    // A head of 20 KiB (the cap is 16 KiB), sent whole: the answer is 431.
    let mut c = connect(&s.base);
    let big = format!(
        "GET /{TOKEN}/beth.ics HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20 * 1024)
    );
    c.write_all(big.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = c.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 431"),
        "expected 431, got: {answer:.200}"
    );

    // Eight clients at once, each trying to send a 256 MiB header line:
    // the server stops reading long before (what the sockets' buffers hold
    // on loopback is a few MiB), and its memory does not follow.
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let mut c = connect(&s.base);
            std::thread::spawn(move || {
                let chunk = vec![b'a'; 64 * 1024];
                let mut sent = 0usize;
                let _ = c.write_all(format!("GET /{TOKEN}/x HTTP/1.1\r\nX: ").as_bytes());
                c.set_write_timeout(Some(Duration::from_secs(15))).unwrap();
                while sent < 256 << 20 {
                    match c.write(&chunk) {
                        Ok(n) => sent += n,
                        Err(_) => break,
                    }
                }
                sent
            })
        })
        .collect();
    let sent: Vec<usize> = clients.into_iter().map(|t| t.join().unwrap()).collect();
    let after = rss_kib(pid);
    eprintln!(
        "header flood: sent per client before the cut {:?} MiB; server RSS {before} KiB -> {after} KiB",
        sent.iter().map(|n| n >> 20).collect::<Vec<_>>()
    );
    for n in &sent {
        assert!(*n < 64 << 20, "the server read {n} bytes of one header");
    }
    assert!(
        after < before + 64 * 1024,
        "RSS grew from {before} KiB to {after} KiB"
    );
    assert_eq!(get(&s.url).status, 200);
}

#[test]
fn issue13_verbose_logs_show_neither_the_token_nor_raw_control_bytes() {
    let s = Served::start("logs", &example(), &["--verbose"]);
    assert_eq!(get(&s.url).status, 200);
    let other = s.url.replace("beth.ics", "nope.ics");
    assert_eq!(get(&other).status, 404);
    assert_eq!(fetch(&agent(), "HEAD", &s.url, &[]).status, 200);
    // The token percent-encoded, in a query, and as the whole path.
    let encoded: String = TOKEN.bytes().map(|b| format!("%{b:02X}")).collect();
    for target in [
        format!("/{encoded}/beth.ics"),
        format!("/{TOKEN}"),
        format!("/{TOKEN}/beth.ics?x=1"),
    ] {
        let answer = raw(&s.base, &format!("GET {target} HTTP/1.1"));
        assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
    }
    // Raw bytes a terminal acts on: ESC sequences, BEL, a right-to-left
    // override (UTF-8), in the path and in a header.
    for target in [
        "/\u{1b}[2J\u{1b}]0;owned\u{7}/x.ics",
        "/abc\u{202e}gpj.ics",
        "/\u{9b}31m",
    ] {
        let addr = s.base.strip_prefix("http://").unwrap();
        let mut c = std::net::TcpStream::connect(addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = c.write_all(
            format!("GET {target} HTTP/1.1\r\nHost: \u{1b}[31m\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        let mut out = Vec::new();
        let _ = c.read_to_end(&mut out);
        assert!(out.starts_with(b"HTTP/1.1 "), "no answer for {target:?}");
    }
    // The log lines are written as the answers go out; give them a moment.
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.stderr().lines().filter(|l| l.contains(" -> ")).count() < 7 && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = s.stderr();
    assert!(
        log.contains("GET /<token>/beth.ics -> 200"),
        "requests are logged: {log}"
    );
    assert!(log.contains("GET /<token>/nope.ics -> 404"), "{log}");
    assert!(log.contains("HEAD /<token>/beth.ics -> 200"), "{log}");
    assert!(!log.contains(TOKEN), "the token is in the log: {log}");
    assert!(
        !log.contains(&encoded),
        "the encoded token is in the log: {log}"
    );
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!log.contains(bad), "raw {bad:?} in the log: {log:?}");
    }
}

/// Issue 13 item 9: `serve --out-dir` wrote every version 0644, whatever
/// the file was before. A private file stays private through the
/// regenerations.
#[test]
fn issue13_out_dir_keeps_a_private_file_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let out = std::env::temp_dir().join(format!("followup-serve-private-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let out_arg = out.to_str().unwrap().to_string();
    let s = Served::start("private", &example(), &["--out-dir", &out_arg]);
    let first = get(&s.url);
    let file = out.join("beth.ics");
    assert_eq!(std::fs::read(&file).unwrap(), first.body);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let edited = example().replace("decision_by: 2026-11-30", "decision_by: 2026-12-02");
    std::fs::write(s.input(), edited).unwrap();
    let etag = first.headers["etag"].clone();
    wait_for(&s.url, Duration::from_secs(5), |g| {
        g.headers["etag"] != etag
    })
    .unwrap_or_else(|| panic!("no update within 5 s; stderr: {}", s.stderr()));
    let served = get(&s.url).body;
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read(&file).unwrap() != served && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read(&file).unwrap(),
        served,
        "the new version is written"
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o600, "the file was {mode:o} after the regeneration");
    drop(s);
    let _ = std::fs::remove_dir_all(&out);
}

/// Issue 13 item 6: an input replaced by a FIFO blocked regeneration for
/// good (reading it waits for a writer that never comes). It is refused at
/// once, the last good feed stays, and a real file again is picked up.
#[test]
fn issue13_an_input_replaced_by_a_fifo_does_not_block_regeneration() {
    let s = Served::start("fifo", &example(), &[]);
    let first = get(&s.url);
    let etag = first.headers["etag"].clone();
    std::fs::remove_file(s.input()).unwrap();
    let made = Command::new("mkfifo").arg(s.input()).status().unwrap();
    assert!(made.success());
    // The server notices the change and refuses the FIFO; the feed stays.
    let deadline = Instant::now() + Duration::from_secs(5);
    let refused = || {
        s.stderr()
            .contains("is a FIFO (named pipe), not a regular file")
    };
    while !refused() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(refused(), "{}", s.stderr());
    assert!(s.stderr().contains("still serving the last good beth.ics"));
    let during = get(&s.url);
    assert_eq!((during.status, &during.headers["etag"]), (200, &etag));
    // A regular file again: regeneration goes on.
    std::fs::remove_file(s.input()).unwrap();
    let edited = example().replace("decision_by: 2026-11-30", "decision_by: 2026-12-02");
    std::fs::write(s.input(), edited).unwrap();
    wait_for(&s.url, Duration::from_secs(5), |g| {
        g.headers["etag"] != etag
    })
    .unwrap_or_else(|| {
        panic!(
            "regeneration stopped after the FIFO; stderr: {}",
            s.stderr()
        )
    });
}
