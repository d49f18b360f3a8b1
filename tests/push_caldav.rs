//! The CalDAV client against real servers on 127.0.0.1: Radicale (htpasswd
//! auth) and Xandikos, started by tests/delivery/servers.sh. What the
//! server holds is checked with python `caldav`, an independent client, and
//! the write count both from our request log and from Radicale's own log.

#![cfg(feature = "push")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "delivery/support.rs"]
mod support;

use std::collections::BTreeSet;

use followup::push::caldav::{
    Change, Client, ClientOptions, ItemResult, Resource, SyncOptions, SyncReport,
};
use followup::push::{Credentials, Error};
use serde_json::Value;
use support::{Requests, event, run_python, server_env, unique};

/// One CalDAV server under test.
struct Server {
    name: &'static str,
    root: String,
    user: Option<String>,
    password: Option<String>,
    /// Radicale's request log (info level).
    log: Option<String>,
}

impl Server {
    fn radicale() -> Option<Server> {
        Some(Server {
            name: "radicale",
            root: server_env("FOLLOWUP_TEST_RADICALE_URL")?,
            user: server_env("FOLLOWUP_TEST_RADICALE_USER"),
            password: server_env("FOLLOWUP_TEST_RADICALE_PASSWORD"),
            log: server_env("FOLLOWUP_TEST_RADICALE_LOG"),
        })
    }

    fn xandikos() -> Option<Server> {
        Some(Server {
            name: "xandikos",
            root: server_env("FOLLOWUP_TEST_XANDIKOS_URL")?,
            user: None,
            password: None,
            log: None,
        })
    }

    fn credentials(&self) -> Credentials {
        match (&self.user, &self.password) {
            (Some(u), Some(p)) => Credentials::basic(u, p),
            _ => Credentials::None,
        }
    }

    fn client(&self, requests: &Requests, parallelism: usize) -> Client {
        Client::new(
            self.credentials(),
            ClientOptions {
                parallelism,
                logger: Some(requests.logger()),
                ..ClientOptions::default()
            },
        )
        .unwrap()
    }

    /// A new calendar for one test, made by MKCALENDAR through discovery.
    fn new_calendar(&self, client: &Client) -> String {
        let name = unique(&format!("Jobs {}", self.name));
        let (cal, created) = client.find_calendar(&self.root, &name, true).unwrap();
        assert!(created, "{name} should not exist yet");
        cal.url
    }

    /// python caldav's view of a calendar, one JSON object per event.
    fn dump(&self, url: &str) -> Vec<Value> {
        let mut env = vec![];
        if let (Some(u), Some(p)) = (&self.user, &self.password) {
            env.push(("CALDAV_USER", u.as_str()));
            env.push(("CALDAV_PASSWORD", p.as_str()));
        }
        let out = run_python("caldav_client.py", &["dump", url], &env);
        serde_json::from_str::<Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    fn add_foreign(&self, url: &str, uid: &str) {
        let mut env = vec![];
        if let (Some(u), Some(p)) = (&self.user, &self.password) {
            env.push(("CALDAV_USER", u.as_str()));
            env.push(("CALDAV_PASSWORD", p.as_str()));
        }
        run_python("caldav_client.py", &["add", url, uid], &env);
    }

    /// The server log's length now (to count requests after this point).
    fn log_mark(&self) -> u64 {
        self.log
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok())
            .map_or(0, |m| m.len())
    }

    /// Writes (PUT, DELETE) to `calendar_path` that the server logged since
    /// `mark`; `None` for a server without a request log.
    fn logged_writes(&self, mark: u64, calendar_path: &str) -> Option<usize> {
        let path = self.log.as_ref()?;
        let text = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&text[mark as usize..]);
        Some(
            text.lines()
                .filter(|l| {
                    (l.contains("] PUT request for '") || l.contains("] DELETE request for '"))
                        && l.contains(&format!("'{calendar_path}"))
                })
                .count(),
        )
    }
}

fn uid(i: usize) -> String {
    format!("acme-{i}.check-in.1@followup")
}

/// `n` wanted events, summary `"{tag} {i}"`.
fn plan(range: std::ops::Range<usize>, tag: &str) -> Vec<Resource> {
    range
        .map(|i| {
            Resource::from_event(
                &uid(i),
                event(
                    &uid(i),
                    &format!("{tag} {i}"),
                    1 + (i % 28) as u32,
                    9 + (i % 8) as u32,
                ),
            )
        })
        .collect()
}

fn path_of(url: &str) -> String {
    followup::push::caldav::Url::parse(url).unwrap().path
}

fn names(report: &SyncReport, change: Change) -> BTreeSet<String> {
    report
        .outcomes
        .iter()
        .filter(|o| o.change == change && o.result == ItemResult::Done)
        .map(|o| o.name.clone())
        .collect()
}

fn uids(dump: &[Value]) -> BTreeSet<String> {
    dump.iter()
        .map(|e| e["uid"].as_str().unwrap().to_string())
        .collect()
}

/// create all; re-run writes nothing; an edit updates exactly the edited;
/// a removal deletes exactly the removed; another client's event survives
/// every step; python caldav sees the same UIDs, instants and alarms.
fn lifecycle(server: &Server) {
    let requests = Requests::default();
    let client = server.client(&requests, 4);
    let cal = server.new_calendar(&client);
    let cal_path = path_of(&cal);
    server.add_foreign(&cal, "dentist-1@elsewhere");
    requests.take();

    // 1. First sync creates all, one PUT each.
    let wanted = plan(0..12, "Check in");
    let r = client.sync(&cal, &wanted, &SyncOptions::default()).unwrap();
    assert_eq!(
        (r.created, r.updated, r.deleted, r.unchanged),
        (12, 0, 0, 0),
        "{r:?}"
    );
    let log = requests.take();
    assert_eq!(log.iter().filter(|l| l.write).count(), 12, "{log:?}");
    assert!(
        log.iter()
            .filter(|l| l.write)
            .all(|l| l.method == "PUT" && l.status == "201"),
        "{log:?}"
    );

    let dump = server.dump(&cal);
    let mut want_uids: BTreeSet<String> = (0..12).map(uid).collect();
    want_uids.insert("dentist-1@elsewhere".into());
    assert_eq!(uids(&dump), want_uids);
    for e in &dump {
        let u = e["uid"].as_str().unwrap();
        if u.starts_with("dentist") {
            assert_eq!(e["hash"], Value::Null, "the foreign event carries no stamp");
            continue;
        }
        let i: usize = u["acme-".len()..u.find('.').unwrap()].parse().unwrap();
        // 09:00 New York in December is 14:00 UTC.
        let want_start = format!("2026-12-{:02}T{:02}:00:00Z", 1 + i % 28, 14 + i % 8);
        assert_eq!(e["dtstart"], want_start.as_str(), "{e}");
        assert_eq!(e["triggers"], serde_json::json!(["-PT15M"]), "{e}");
        assert_eq!(e["summary"], format!("Check in {i}").as_str());
        assert_eq!(
            e["description"],
            "Why this step, and the drafted message.\nDear Mark,\nthank you."
        );
        assert_eq!(e["hash"], wanted[i].hash.as_str());
        assert_eq!(e["name"], wanted[i].name.as_str());
    }

    // 2. Nothing changed: no write request, by our log and the server's.
    let mark = server.log_mark();
    let r = client.sync(&cal, &wanted, &SyncOptions::default()).unwrap();
    assert_eq!(
        (r.created, r.updated, r.deleted, r.unchanged),
        (0, 0, 0, 12),
        "{r:?}"
    );
    assert_eq!(r.write_requests, 0);
    let log = requests.take();
    assert!(log.iter().all(|l| !l.write), "{log:?}");
    assert!(
        log.iter()
            .all(|l| l.method == "PROPFIND" || l.method == "REPORT"),
        "{log:?}"
    );
    if let Some(n) = server.logged_writes(mark, &cal_path) {
        assert_eq!(n, 0, "{} logged writes on a no-change sync", server.name);
    }

    // A rebuild at another time (only DTSTAMP differs) writes nothing either.
    let restamped: Vec<Resource> = (0..12)
        .map(|i| {
            let body = String::from_utf8(event(
                &uid(i),
                &format!("Check in {i}"),
                1 + (i % 28) as u32,
                9 + (i % 8) as u32,
            ))
            .unwrap()
            .replace("DTSTAMP:20261101T090000Z", "DTSTAMP:20261202T101010Z");
            Resource::from_event(&uid(i), body.into_bytes())
        })
        .collect();
    let r = client
        .sync(&cal, &restamped, &SyncOptions::default())
        .unwrap();
    assert_eq!((r.unchanged, r.write_requests), (12, 0), "{r:?}");
    requests.take();

    // 3. Two edits: exactly those two are updated, with If-Match.
    let mut edited = wanted.clone();
    for i in [3, 7] {
        edited[i] = Resource::from_event(&uid(i), event(&uid(i), &format!("Call back {i}"), 2, 11));
    }
    let mark = server.log_mark();
    let r = client.sync(&cal, &edited, &SyncOptions::default()).unwrap();
    assert_eq!(
        (r.created, r.updated, r.deleted, r.unchanged),
        (0, 2, 0, 10),
        "{r:?}"
    );
    assert_eq!(
        names(&r, Change::Update),
        [3, 7].iter().map(|&i| wanted[i].name.clone()).collect()
    );
    if let Some(n) = server.logged_writes(mark, &cal_path) {
        assert_eq!(n, 2);
    }
    requests.take();

    // 4. Three no longer wanted: exactly those are deleted.
    let kept: Vec<Resource> = edited
        .iter()
        .enumerate()
        .filter(|(i, _)| ![0, 5, 11].contains(i))
        .map(|(_, r)| r.clone())
        .collect();
    let r = client.sync(&cal, &kept, &SyncOptions::default()).unwrap();
    assert_eq!(
        (r.created, r.updated, r.deleted, r.unchanged),
        (0, 0, 3, 9),
        "{r:?}"
    );
    assert_eq!(
        names(&r, Change::Delete),
        [0, 5, 11].iter().map(|&i| wanted[i].name.clone()).collect()
    );
    let log = requests.take();
    assert!(
        log.iter().filter(|l| l.write).all(|l| l.method == "DELETE"),
        "{log:?}"
    );

    let dump = server.dump(&cal);
    let mut want_uids: BTreeSet<String> = (0..12)
        .filter(|i| ![0, 5, 11].contains(i))
        .map(uid)
        .collect();
    want_uids.insert("dentist-1@elsewhere".into());
    assert_eq!(
        uids(&dump),
        want_uids,
        "the foreign event survives, ours are exactly the wanted"
    );
    let e3 = dump.iter().find(|e| e["uid"] == uid(3).as_str()).unwrap();
    assert_eq!(e3["summary"], "Call back 3");

    // 5. Nothing wanted: every one of ours goes, the foreign one stays.
    let r = client.sync(&cal, &[], &SyncOptions::default()).unwrap();
    assert_eq!(r.deleted, 9, "{r:?}");
    assert_eq!(
        uids(&server.dump(&cal)),
        BTreeSet::from(["dentist-1@elsewhere".to_string()])
    );
}

#[test]
fn radicale_lifecycle() {
    if let Some(s) = Server::radicale() {
        lifecycle(&s);
    }
}

#[test]
fn xandikos_lifecycle() {
    if let Some(s) = Server::xandikos() {
        lifecycle(&s);
    }
}

/// Writes stop after k; the re-run finishes the job, and a third run
/// finds nothing to do.
fn interrupted_then_converges(server: &Server, parallelism: usize) {
    let requests = Requests::default();
    let client = server.client(&requests, parallelism);
    let cal = server.new_calendar(&client);
    server.add_foreign(&cal, "lunch-2@elsewhere");
    let first = plan(0..10, "First");
    client.sync(&cal, &first, &SyncOptions::default()).unwrap();

    // The new plan: 0..4 edited, 4..10 kept, 10..16 new, nothing removed...
    // then also remove 8 and 9: creates, updates and deletes all pending.
    let mut second = plan(0..4, "Second");
    second.extend(first[4..8].iter().cloned());
    second.extend(plan(10..16, "Second"));
    let stop = SyncOptions {
        stop_after_writes: Some(5),
        ..SyncOptions::default()
    };
    requests.take();
    let r = client.sync(&cal, &second, &stop).unwrap();
    assert_eq!(r.write_requests, 5, "{r:?}");
    assert_eq!(requests.take().iter().filter(|l| l.write).count(), 5);
    // 4 updates + 6 creates + 2 deletes = 12 writes wanted; 7 left undone.
    assert_eq!(r.not_attempted, 7, "{r:?}");

    let r = client.sync(&cal, &second, &SyncOptions::default()).unwrap();
    assert_eq!(
        r.write_requests, 7,
        "the re-run does exactly what was left: {r:?}"
    );
    assert_eq!(r.not_attempted + r.conflicts + r.failed, 0);
    let r = client.sync(&cal, &second, &SyncOptions::default()).unwrap();
    assert_eq!((r.write_requests, r.unchanged), (0, 14), "{r:?}");

    let dump = server.dump(&cal);
    let mut want: BTreeSet<String> = (0..8).chain(10..16).map(uid).collect();
    want.insert("lunch-2@elsewhere".into());
    assert_eq!(uids(&dump), want);
    for e in dump.iter().filter(|e| e["uid"] != "lunch-2@elsewhere") {
        let wanted = second.iter().find(|r| {
            std::str::from_utf8(&r.body)
                .unwrap()
                .contains(&format!("UID:{}\r\n", e["uid"].as_str().unwrap()))
        });
        assert_eq!(e["hash"].as_str(), wanted.map(|r| r.hash.as_str()), "{e}");
    }
}

#[test]
fn radicale_interrupted_then_converges() {
    if let Some(s) = Server::radicale() {
        interrupted_then_converges(&s, 1);
    }
}

#[test]
fn xandikos_interrupted_then_converges_in_parallel() {
    if let Some(s) = Server::xandikos() {
        interrupted_then_converges(&s, 4);
    }
}

#[test]
fn radicale_wrong_password_is_an_auth_error() {
    let Some(s) = Server::radicale() else { return };
    let requests = Requests::default();
    let client = Client::new(
        Credentials::basic(s.user.clone().unwrap(), "not-the-password"),
        ClientOptions {
            logger: Some(requests.logger()),
            ..ClientOptions::default()
        },
    )
    .unwrap();
    let cal = format!("{}{}/jobs/", s.root, s.user.as_deref().unwrap());
    let e = client
        .sync(&cal, &plan(0..2, "x"), &SyncOptions::default())
        .unwrap_err();
    assert!(matches!(e, Error::Auth { token: false, .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.contains("wrong user or password"), "{text}");
    assert!(text.contains("127.0.0.1"), "names the host: {text}");
    assert!(!text.contains("not-the-password"), "{text}");
    // The log line has method, path, status; never the credentials.
    let log = requests.take();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].status, "401");
    let shown = format!("{} {:?}", log[0], log[0]);
    assert!(
        !shown.contains("not-the-password") && !shown.contains("Basic"),
        "{shown}"
    );

    // Discovery says the same.
    let e = client.calendars(&s.root).unwrap_err();
    assert!(matches!(e, Error::Auth { .. }), "{e:?}");
}

#[test]
fn connection_refused_names_the_host() {
    // A port nothing listens on: bind one, read its number, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(Credentials::None, ClientOptions::default()).unwrap();
    let e = client
        .sync(
            &format!("http://127.0.0.1:{port}/cal/"),
            &[],
            &SyncOptions::default(),
        )
        .unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, Error::Connect { .. }), "{e:?}");
    assert!(
        text.contains(&format!("127.0.0.1:{port}")) && text.contains("refused"),
        "{text}"
    );
}

/// Discovery from the server root finds the calendar by display name;
/// MKCALENDAR made it; an unknown name lists the ones there are.
fn discovery(server: &Server) {
    let requests = Requests::default();
    let client = server.client(&requests, 2);
    let name = unique("Bewerbungen & Co");
    let (made, created) = client.find_calendar(&server.root, &name, true).unwrap();
    assert!(created);
    assert!(
        made.url.starts_with(server.root.trim_end_matches('/')),
        "{made:?}"
    );
    assert!(
        requests
            .take()
            .iter()
            .any(|l| l.method == "MKCALENDAR" && l.status == "201")
    );

    let (found, created) = client.find_calendar(&server.root, &name, false).unwrap();
    assert!(!created);
    assert_eq!(found.url, made.url);
    assert_eq!(found.display_name.as_deref(), Some(name.as_str()));
    assert!(found.events);
    // --create again finds it instead of making a second one.
    let (again, created) = client.find_calendar(&server.root, &name, true).unwrap();
    assert!(!created);
    assert_eq!(again.url, made.url);

    let e = client
        .find_calendar(&server.root, "No such calendar", false)
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("no calendar named \"No such calendar\""),
        "{text}"
    );
    assert!(text.contains(&name), "lists what exists: {text}");

    // The found URL works for a sync, and python caldav sees the event.
    let r = client
        .sync(&found.url, &plan(0..1, "Found"), &SyncOptions::default())
        .unwrap();
    assert_eq!(r.created, 1);
    assert_eq!(uids(&server.dump(&found.url)), BTreeSet::from([uid(0)]));
}

#[test]
fn radicale_discovery_and_mkcalendar() {
    if let Some(s) = Server::radicale() {
        discovery(&s);
    }
}

#[test]
fn xandikos_discovery_and_mkcalendar() {
    if let Some(s) = Server::xandikos() {
        discovery(&s);
    }
}

/// A dry run reads and reports, writes nothing.
#[test]
fn radicale_dry_run_writes_nothing() {
    let Some(s) = Server::radicale() else { return };
    let requests = Requests::default();
    let client = s.client(&requests, 2);
    let cal = s.new_calendar(&client);
    client
        .sync(&cal, &plan(0..3, "A"), &SyncOptions::default())
        .unwrap();
    requests.take();
    let mark = s.log_mark();
    let mut next = plan(1..3, "B");
    next.extend(plan(5..7, "A"));
    let dry = SyncOptions {
        dry_run: true,
        ..SyncOptions::default()
    };
    let r = client.sync(&cal, &next, &dry).unwrap();
    assert_eq!(
        (r.created, r.updated, r.deleted, r.unchanged),
        (2, 2, 1, 0),
        "{r:?}"
    );
    assert!(
        r.summary()
            .starts_with("would push: 2 created, 2 updated, 1 deleted"),
        "{}",
        r.summary()
    );
    assert_eq!(r.write_requests, 0);
    assert!(requests.take().iter().all(|l| !l.write));
    assert_eq!(s.logged_writes(mark, &path_of(&cal)), Some(0));
    assert_eq!(uids(&s.dump(&cal)), (0..3).map(uid).collect());
}

/// A resource at one of our names that we did not write (no stamp) is not
/// ours: never updated or deleted; creating over it is a 412, reported and
/// skipped; the others go through.
#[test]
fn xandikos_foreign_resource_at_our_name_is_left_alone() {
    let Some(s) = Server::xandikos() else { return };
    let requests = Requests::default();
    let client = s.client(&requests, 2);
    let cal = s.new_calendar(&client);
    let wanted = plan(0..3, "Ours");
    // Another client writes a plain event at the name followup would use.
    let foreign_url = format!("{}{}", cal, wanted[1].name);
    let agent = ureq::Agent::new_with_defaults();
    let resp = agent
        .put(&foreign_url)
        .header("Content-Type", "text/calendar")
        .send(event("someone-else@x", "Not ours", 3, 10))
        .unwrap();
    assert_eq!(resp.status(), 201);

    for _ in 0..2 {
        let r = client.sync(&cal, &wanted, &SyncOptions::default()).unwrap();
        assert_eq!((r.created, r.conflicts), (2, 1), "{r:?}");
        let c = r
            .outcomes
            .iter()
            .find(|o| o.name == wanted[1].name)
            .unwrap();
        assert!(
            matches!(&c.result, ItemResult::Conflict(m) if m.contains("exists already")),
            "{c:?}"
        );
        // Then nothing to create any more but the 412 again, and never a delete.
        let r = client.sync(&cal, &[], &SyncOptions::default()).unwrap();
        assert_eq!(r.deleted, 2, "only ours: {r:?}");
    }
    let dump = s.dump(&cal);
    assert_eq!(uids(&dump), BTreeSet::from(["someone-else@x".to_string()]));
}
