//! `followup push` end to end: the real binary against Radicale (htpasswd
//! auth, request log), Xandikos and Dovecot on 127.0.0.1, started by
//! tests/delivery/servers.sh. What the servers hold is read back with
//! independent clients (python `caldav` and `icalendar`, `imaplib`) and
//! compared with `followup plan --format json` and `followup build`.

#![cfg(feature = "push")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "delivery/support.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use support::{run_python, server_env, unique};

const EXAMPLE: &str = include_str!("../fixtures/example.yaml");
const NOW: &str = "2026-11-10T09:00:00Z";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_followup"));
    c.env_remove("FOLLOWUP_PASSWORD")
        .env_remove("SOURCE_DATE_EPOCH");
    c
}

fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(unique("followup-push-cli"));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The SPEC §10 line's four counts.
fn counts(stdout: &str) -> (usize, usize, usize, usize) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("pushed: ") || l.starts_with("would push: "))
        .unwrap_or_else(|| panic!("no summary in {stdout}"));
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    (n[0], n[1], n[2], n[3])
}

/// UIDs listed as `create|update|delete UID` lines.
fn listed(stdout: &str, what: &str) -> BTreeSet<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix(what)?.strip_prefix(' '))
        .map(str::to_string)
        .collect()
}

/// Write requests in a `-v` log (stderr).
fn writes(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| {
            [
                "PUT ",
                "DELETE ",
                "MKCALENDAR ",
                "APPEND ",
                "UID STORE ",
                "UID EXPUNGE ",
            ]
            .iter()
            .any(|m| l.starts_with(m))
        })
        .count()
}

/// `plan --format json`'s steps by UID: (start_utc, status).
fn plan(input: &Path) -> BTreeMap<String, (String, String)> {
    let out = bin()
        .args(["plan", "--format", "json", "--now", NOW])
        .arg(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["uid"].as_str().unwrap().to_string(),
                (
                    s["start_utc"].as_str().unwrap().to_string(),
                    s["status"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

fn planned(plan: &BTreeMap<String, (String, String)>) -> BTreeSet<String> {
    plan.iter()
        .filter(|(_, (_, status))| status == "planned")
        .map(|(uid, _)| uid.clone())
        .collect()
}

/// `build`'s events read back by python icalendar, by UID.
fn built(input: &Path) -> BTreeMap<String, Value> {
    let ics = input.with_extension(format!("{}.ics", unique("b")));
    let out = bin()
        .args(["build", "--now", NOW, "-o"])
        .arg(&ics)
        .arg(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
    let json = run_python("caldav_client.py", &["file", ics.to_str().unwrap()], &[]);
    by_uid(serde_json::from_str(&json).unwrap())
}

fn by_uid(events: Value) -> BTreeMap<String, Value> {
    events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["uid"].as_str().unwrap().to_string(), e.clone()))
        .collect()
}

/// What changes between two builds: everything but the name and stamp.
fn content(e: &Value) -> Value {
    let mut e = e.clone();
    let o = e.as_object_mut().unwrap();
    o.remove("name");
    o.remove("hash");
    e
}

/// One CalDAV server under test.
struct Server {
    root: String,
    /// Xandikos rewrites percent-escapes of reserved characters inside
    /// URLs in TEXT values (`%3A` becomes `:`) when it stores an event;
    /// the comparison undoes that on both sides for it.
    rewrites_urls: bool,
    user: Option<(String, String)>,
    log: Option<String>,
}

impl Server {
    fn radicale() -> Option<Server> {
        Some(Server {
            root: server_env("FOLLOWUP_TEST_RADICALE_URL")?,
            user: Some((
                server_env("FOLLOWUP_TEST_RADICALE_USER")?,
                server_env("FOLLOWUP_TEST_RADICALE_PASSWORD")?,
            )),
            log: server_env("FOLLOWUP_TEST_RADICALE_LOG"),
            rewrites_urls: false,
        })
    }

    fn xandikos() -> Option<Server> {
        Some(Server {
            root: server_env("FOLLOWUP_TEST_XANDIKOS_URL")?,
            user: None,
            log: None,
            rewrites_urls: true,
        })
    }

    /// `followup push INPUT --caldav ROOT --calendar NAME --create -v ARGS`.
    fn push(&self, input: &Path, calendar: &str, extra: &[&str]) -> Output {
        let mut c = bin();
        c.args(["push", "-v", "--now", NOW, "--caldav", &self.root])
            .args(["--calendar", calendar, "--create"])
            .args(extra)
            .arg(input);
        if let Some((user, password)) = &self.user {
            c.args(["--user", user]).env("FOLLOWUP_PASSWORD", password);
        }
        c.output().unwrap()
    }

    fn env(&self) -> Vec<(&str, &str)> {
        match &self.user {
            Some((u, p)) => vec![("CALDAV_USER", u.as_str()), ("CALDAV_PASSWORD", p.as_str())],
            None => vec![],
        }
    }

    fn dump(&self, url: &str) -> BTreeMap<String, Value> {
        let out = run_python("caldav_client.py", &["dump", url], &self.env());
        by_uid(serde_json::from_str(&out).unwrap())
    }

    /// Writes into `calendar_url` in the server's request log since
    /// `mark` (Radicale only).
    fn logged_writes(&self, mark: u64, calendar_url: &str) -> Option<usize> {
        let text = std::fs::read(self.log.as_ref()?).unwrap();
        let text = String::from_utf8_lossy(&text[mark as usize..]);
        let path = calendar_url.trim_start_matches("http://");
        let path = format!("'{}", &path[path.find('/').unwrap()..]);
        Some(
            text.lines()
                .filter(|l| {
                    l.contains("] PUT request for '") || l.contains("] DELETE request for '")
                })
                .filter(|l| l.contains(&path))
                .count(),
        )
    }

    /// What a reader compares: everything but the resource name and stamp.
    fn content(&self, e: &Value) -> Value {
        let mut e = content(e);
        if self.rewrites_urls {
            let o = e.as_object_mut().unwrap();
            let d = o["description"].as_str().unwrap();
            let d = d
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%3B", ";");
            o.insert("description".into(), Value::String(d));
        }
        e
    }

    fn log_mark(&self) -> u64 {
        self.log
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok())
            .map_or(0, |m| m.len())
    }

    /// A resource of another program's, PUT with ureq at `name`.
    fn put_foreign(&self, calendar_url: &str, name: &str, uid: &str) {
        let body = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//elsewhere//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
             DTSTAMP:20261101T090000Z\r\nDTSTART:20261121T150000Z\r\nDTEND:20261121T160000Z\r\n\
             SUMMARY:Lunch (another client)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        let agent = ureq::Agent::new_with_defaults();
        let mut req = agent
            .put(format!("{calendar_url}{name}"))
            .header("Content-Type", "text/calendar; charset=utf-8");
        if let Some((u, p)) = &self.user {
            use base64::Engine as _;
            let pair = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
            req = req.header("Authorization", format!("Basic {pair}"));
        }
        let resp = req.send(body.as_bytes()).unwrap();
        assert!(resp.status().is_success(), "{}", resp.status());
    }
}

/// The calendar URL a push printed (`created calendar URL`) on its first run.
fn calendar_url(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("created calendar "))
        .unwrap_or_else(|| panic!("no 'created calendar' in {stdout}"))
        .to_string()
}

fn lifecycle(server: &Server) {
    let dir = scratch();
    let input = dir.join("jobs.yaml");
    std::fs::write(&input, EXAMPLE).unwrap();
    let name = unique("Jobs");
    let want = planned(&plan(&input));

    // A dry run on a calendar that does not exist makes nothing.
    let out = server.push(&input, &name, &["--dry-run"]);
    let (so, se) = text(&out);
    assert!(out.status.success(), "{se}");
    assert_eq!(counts(&so), (want.len(), 0, 0, 0), "{so}");
    assert_eq!(listed(&so, "create"), want);
    assert_eq!(writes(&se), 0, "{se}");

    // 1. The first push creates every planned step, one PUT each.
    let out = server.push(&input, &name, &[]);
    let (so, se) = text(&out);
    assert!(out.status.success(), "{se}");
    assert_eq!(counts(&so), (want.len(), 0, 0, 0), "{so}");
    let url = calendar_url(&so);
    let puts = se.lines().filter(|l| l.starts_with("PUT ")).count();
    assert_eq!(puts, want.len(), "{se}");
    assert_eq!(writes(&se), want.len() + 1, "PUTs and the MKCALENDAR: {se}");

    // Another program's events: one through python caldav, one PUT at a
    // name like ours but without our stamp.
    run_python(
        "caldav_client.py",
        &["add", &url, "dentist-1@elsewhere"],
        &server.env(),
    );
    server.put_foreign(&url, "followup-lunch.ics", "lunch-1@elsewhere");

    // 2. The independent client sees what plan and build say.
    let seen = server.dump(&url);
    let from_build = built(&input);
    let plan_now = plan(&input);
    for uid in &want {
        let e = &seen[uid];
        assert_eq!(e["dtstart"].as_str().unwrap(), plan_now[uid].0, "{uid}");
        assert_eq!(server.content(e), server.content(&from_build[uid]), "{uid}");
        assert!(!e["triggers"].as_array().unwrap().is_empty(), "{uid}");
        assert!(e["hash"].is_string(), "{uid}");
    }
    let ours: BTreeSet<String> = seen
        .keys()
        .filter(|u| u.ends_with("@followup"))
        .cloned()
        .collect();
    assert_eq!(ours, want, "exactly the planned steps, no cancelled one");

    // 3. A second push writes nothing: our -v log and Radicale's own.
    let mark = server.log_mark();
    let out = server.push(&input, &name, &[]);
    let (so, se) = text(&out);
    assert!(out.status.success(), "{se}");
    assert_eq!(counts(&so), (0, 0, 0, want.len()), "{so}");
    assert_eq!(writes(&se), 0, "{se}");
    if let Some(n) = server.logged_writes(mark, &url) {
        assert_eq!(
            n, 0,
            "the server logged writes on a push with nothing to do"
        );
    }

    // 4. An edit updates exactly the events whose content changed.
    let before = built(&input);
    let edited = EXAMPLE.replace(
        "topics: [Q3 pipeline review, CRM migration to HubSpot, territory planning for the Northeast]",
        "topics: [the Northeast expansion]",
    );
    assert_ne!(edited, EXAMPLE);
    std::fs::write(&input, &edited).unwrap();
    let after = built(&input);
    let changed: BTreeSet<String> = want
        .iter()
        .filter(|u| content(&before[*u]) != content(&after[*u]))
        .cloned()
        .collect();
    assert!(
        !changed.is_empty() && changed.len() < want.len(),
        "{changed:?}"
    );
    let mark = server.log_mark();
    let out = server.push(&input, &name, &[]);
    let (so, se) = text(&out);
    assert!(out.status.success(), "{se}");
    assert_eq!(
        counts(&so),
        (0, changed.len(), 0, want.len() - changed.len()),
        "{so}"
    );
    assert_eq!(listed(&so, "update"), changed);
    assert_eq!(writes(&se), changed.len(), "{se}");
    if let Some(n) = server.logged_writes(mark, &url) {
        assert_eq!(n, changed.len());
    }

    // 5. A status change: the cancelled steps are deleted; a dry run first
    // says so and writes nothing.
    let withdrawn = edited.replace(
        "    competing_offer: { company: Initech, received: 2026-11-24, deadline: 2026-12-04 }\n",
        "    competing_offer: { company: Initech, received: 2026-11-24, deadline: 2026-12-04 }\n    status: withdrawn\n    status_date: 2026-11-25\n",
    );
    assert_ne!(withdrawn, edited);
    std::fs::write(&input, &withdrawn).unwrap();
    let still = planned(&plan(&input));
    let gone: BTreeSet<String> = want.difference(&still).cloned().collect();
    assert!(!gone.is_empty() && still.is_subset(&want), "{gone:?}");
    let out = server.push(&input, &name, &["--dry-run"]);
    let (so, se) = text(&out);
    assert!(
        so.starts_with("would push") || so.contains("would push: "),
        "{so}"
    );
    assert_eq!(listed(&so, "delete").len(), gone.len(), "{so}");
    assert_eq!(writes(&se), 0, "{se}");
    let out = server.push(&input, &name, &[]);
    let (so, se) = text(&out);
    assert!(out.status.success(), "{se}");
    assert_eq!(counts(&so), (0, 0, gone.len(), still.len()), "{so}");
    assert_eq!(
        se.lines().filter(|l| l.starts_with("DELETE ")).count(),
        gone.len(),
        "{se}"
    );

    // 6. What is left: the planned steps and the other programs' events.
    let seen = server.dump(&url);
    let mut expect = still.clone();
    expect.insert("dentist-1@elsewhere".into());
    expect.insert("lunch-1@elsewhere".into());
    assert_eq!(seen.keys().cloned().collect::<BTreeSet<_>>(), expect);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn radicale_push_lifecycle() {
    if let Some(s) = Server::radicale() {
        lifecycle(&s);
    }
}

#[test]
fn xandikos_push_lifecycle() {
    if let Some(s) = Server::xandikos() {
        lifecycle(&s);
    }
}

#[test]
fn wrong_password_exits_3_and_never_shows_it() {
    let Some(server) = Server::radicale() else {
        return;
    };
    let dir = scratch();
    let input = dir.join("jobs.yaml");
    std::fs::write(&input, EXAMPLE).unwrap();
    let (user, _) = server.user.clone().unwrap();
    for how in ["env", "command"] {
        let mut c = bin();
        c.args([
            "push",
            "-v",
            "--caldav",
            &server.root,
            "--calendar",
            "Jobs",
            "--user",
            &user,
        ]);
        match how {
            "env" => c.env("FOLLOWUP_PASSWORD", "not-the-password-1"),
            _ => c.args(["--password-command", "echo not-the-password-1"]),
        };
        let out = c.arg(&input).output().unwrap();
        let (so, se) = text(&out);
        assert_eq!(out.status.code(), Some(3), "{how}: {so}{se}");
        assert!(se.contains("wrong user or password"), "{how}: {se}");
        assert!(!format!("{so}{se}").contains("not-the-password-1"), "{how}");
    }
    // A password command that fails sends nothing and exits 3.
    let out = bin()
        .args(["push", "--caldav", &server.root, "--user", &user])
        .args(["--password-command", "exit 7"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out).1.contains("--password-command failed"),
        "{}",
        text(&out).1
    );
    // No password at all is a usage error.
    let out = bin()
        .args(["push", "--caldav", &server.root, "--user", &user])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("FOLLOWUP_PASSWORD"));
}

/// An input of `n` interviews, each with two interviewers.
fn many(n: usize) -> String {
    let mut y = String::from(
        "candidate: { name: Beth Carter, email: beth@example.com }\n\
         defaults: { timezone: America/New_York, reminders: [15m] }\ninterviews:\n",
    );
    for i in 0..n {
        y.push_str(&format!(
            "  - id: co-{i}\n    company: Company {i}\n    role: Role {i}\n    start: 2026-12-{:02}T{:02}:00\n    interviewers:\n      - {{ name: Ann {i}, email: ann{i}@co.example }}\n      - {{ name: Bob {i}, email: bob{i}@co.example }}\n",
            1 + i % 28,
            9 + i % 7
        ));
    }
    y
}

/// Killed after some PUTs, a rerun finishes the job; a third writes nothing.
fn interrupted(server: &Server, jobs: &str) {
    let dir = scratch();
    let input = dir.join("many.yaml");
    std::fs::write(&input, many(40)).unwrap();
    let want = planned(&plan(&input));
    let name = unique("Killed");
    let mut c = bin();
    c.args([
        "push",
        "-v",
        "--now",
        NOW,
        "--caldav",
        &server.root,
        "--jobs",
        jobs,
    ])
    .args(["--calendar", &name, "--create"])
    .arg(&input)
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    if let Some((user, password)) = &server.user {
        c.args(["--user", user]).env("FOLLOWUP_PASSWORD", password);
    }
    let mut child = c.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut puts = 0;
    for line in BufReader::new(stderr).lines() {
        if line.unwrap().starts_with("PUT ") {
            puts += 1;
            if puts == 20 {
                child.kill().unwrap();
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(puts, 20, "the push ended before 20 PUTs");
    let out = server.push(&input, &name, &[]);
    let (so, se) = text(&out);
    assert!(out.status.success(), "{se}");
    let (created, updated, deleted, unchanged) = counts(&so);
    assert!(created < want.len() && unchanged >= 20, "{so}");
    assert_eq!(
        (created + unchanged + updated, deleted),
        (want.len(), 0),
        "{so}"
    );
    let out = server.push(&input, &name, &[]);
    let (so, se) = text(&out);
    assert_eq!(counts(&so), (0, 0, 0, want.len()), "{so}");
    assert_eq!(writes(&se), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn radicale_killed_push_converges() {
    if let Some(s) = Server::radicale() {
        interrupted(&s, "1");
    }
}

#[test]
fn xandikos_killed_push_converges() {
    if let Some(s) = Server::xandikos() {
        interrupted(&s, "4");
    }
}

/// Drafts on Dovecot: one `\Draft` per planned email step with its To and
/// Subject; a rerun writes nothing; an edit replaces exactly the changed
/// drafts; a status change removes the cancelled; a draft of the user's
/// own survives; a wrong password exits 3.
#[test]
fn dovecot_drafts_lifecycle() {
    let (Some(url), Some(user), Some(password), Some(ca)) = (
        server_env("FOLLOWUP_TEST_IMAP_URL"),
        server_env("FOLLOWUP_TEST_IMAP_USER"),
        server_env("FOLLOWUP_TEST_IMAP_PASSWORD"),
        // Dovecot offers STARTTLS, so followup uses it, with the test CA.
        server_env("FOLLOWUP_TEST_CA"),
    ) else {
        return;
    };
    let addr = url.trim_start_matches("imap://").to_string();
    let (host, port) = addr.split_once(':').unwrap();
    let env = [
        ("IMAP_HOST", host),
        ("IMAP_PORT", port),
        ("IMAP_USER", user.as_str()),
        ("IMAP_PASSWORD", password.as_str()),
    ];
    let mailbox = unique("Drafts-cli");
    run_python("imap_client.py", &["create", &mailbox], &env);
    run_python("imap_client.py", &["add", &mailbox, "My own draft"], &env);
    let target = format!("{url}/{mailbox}");
    let push = |input: &Path, pw: &str| {
        bin()
            .args([
                "push", "-v", "--now", NOW, "--imap", &target, "--user", &user,
            ])
            .env("FOLLOWUP_PASSWORD", pw)
            .env("SSL_CERT_FILE", &ca)
            .arg(input)
            .output()
            .unwrap()
    };
    let dump = || -> Vec<Value> {
        serde_json::from_str::<Value>(&run_python("imap_client.py", &["dump", &mailbox], &env))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let dir = scratch();
    let input = dir.join("jobs.yaml");
    std::fs::write(&input, EXAMPLE).unwrap();

    let out = push(&input, &password);
    let (so, se) = text(&out);
    assert!(out.status.success(), "{se}");
    let (created, ..) = counts(&so);
    let msgs = dump();
    let ours: Vec<&Value> = msgs.iter().filter(|m| m["key"].is_string()).collect();
    assert_eq!(ours.len(), created);
    assert!(created > 0);
    let keys: BTreeSet<String> = ours
        .iter()
        .map(|m| m["key"].as_str().unwrap().to_string())
        .collect();
    assert!(keys.is_subset(&planned(&plan(&input))));
    let mark_thanks = ours
        .iter()
        .find(|m| {
            m["to"]
                .as_str()
                .is_some_and(|t| t.contains("mark.lee@acme.example"))
                && m["key"].as_str().unwrap().contains("thank-you")
        })
        .expect("Mark Lee's thank-you");
    assert!(
        mark_thanks["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "\\Draft")
    );
    assert!(!mark_thanks["subject"].as_str().unwrap().is_empty());
    assert!(mark_thanks["body"].as_str().unwrap().contains("Mark"));
    assert_eq!(
        mark_thanks["message_id"].as_str().unwrap(),
        format!("<{}>", mark_thanks["key"].as_str().unwrap())
    );

    let out = push(&input, &password);
    let (so, se) = text(&out);
    assert_eq!(counts(&so), (0, 0, 0, created), "{so}");
    assert_eq!(writes(&se), 0, "{se}");

    // An edit of acme-ae's topics replaces the drafts whose text changed.
    let edited = EXAMPLE.replace(
        "topics: [Q3 pipeline review, CRM migration to HubSpot, territory planning for the Northeast]",
        "topics: [the Northeast expansion]",
    );
    std::fs::write(&input, &edited).unwrap();
    let out = push(&input, &password);
    let (so, _) = text(&out);
    let (c, u, d, same) = counts(&so);
    assert!((c, d) == (0, 0) && u > 0 && u + same == created, "{so}");
    let after = dump();
    let changed: BTreeSet<String> = after
        .iter()
        .filter(|m| m["key"].is_string())
        .filter(|m| !ours.iter().any(|o| o["hash"] == m["hash"]))
        .map(|m| m["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(changed, listed(&so, "update"), "{so}");
    assert_eq!(after.len(), msgs.len(), "replaced, not added");

    // A status change removes the drafts of the cancelled steps.
    let withdrawn = EXAMPLE.replace("    status: rejected\n    status_date: 2026-11-20\n", "");
    std::fs::write(&input, &withdrawn).unwrap();
    let more = planned(&plan(&input));
    let out = push(&input, &password);
    let (so, se) = text(&out);
    assert!(out.status.success(), "{se}");
    std::fs::write(&input, &edited).unwrap();
    let out = push(&input, &password);
    let (so2, _) = text(&out);
    let removed = listed(&so2, "delete");
    assert_eq!(removed, listed(&so, "create"), "{so}\n{so2}");
    assert!(!removed.is_empty() && removed.is_subset(&more));
    let left = dump();
    assert!(left.iter().any(|m| m["subject"] == "My own draft"));
    assert_eq!(
        left.iter().filter(|m| m["key"].is_string()).count(),
        created
    );

    let out = push(&input, "wrong-pw-2");
    assert_eq!(out.status.code(), Some(3));
    let (so, se) = text(&out);
    assert!(se.contains("wrong user or password"), "{se}");
    assert!(!format!("{so}{se}").contains("wrong-pw-2"));
    let _ = std::fs::remove_dir_all(&dir);
}
