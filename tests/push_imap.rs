//! The IMAP client against a real Dovecot on 127.0.0.1 (started by
//! tests/delivery/servers.sh): plain on loopback, STARTTLS and implicit
//! TLS with a test CA. What the mailbox holds is checked with python
//! imaplib, and writes are counted both in our request log and in
//! Dovecot's mail_log.

#![cfg(feature = "push")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "delivery/support.rs"]
mod support;

use std::collections::BTreeMap;

use followup::push::imap::{self, Change, Draft, ImapOptions, ItemResult, Security, SyncOptions};
use followup::push::{Credentials, Error, tls};
use serde_json::Value;
use support::{Requests, run_python, server_env, unique};

struct Dovecot {
    plain: String,
    imaps: String,
    starttls: String,
    user: String,
    password: String,
    log: String,
    ca: String,
}

impl Dovecot {
    fn get() -> Option<Dovecot> {
        Some(Dovecot {
            plain: server_env("FOLLOWUP_TEST_IMAP_URL")?,
            imaps: server_env("FOLLOWUP_TEST_IMAPS_URL")?,
            starttls: server_env("FOLLOWUP_TEST_IMAP_STARTTLS_URL")?,
            user: server_env("FOLLOWUP_TEST_IMAP_USER")?,
            password: server_env("FOLLOWUP_TEST_IMAP_PASSWORD")?,
            log: server_env("FOLLOWUP_TEST_IMAP_LOG")?,
            ca: server_env("FOLLOWUP_TEST_CA")?,
        })
    }

    fn credentials(&self) -> Credentials {
        Credentials::basic(&self.user, &self.password)
    }

    fn python_env(&self) -> Vec<(&'static str, String)> {
        let rest = self.plain.trim_start_matches("imap://");
        let (host, port) = rest.rsplit_once(':').unwrap();
        vec![
            ("IMAP_HOST", host.to_string()),
            ("IMAP_PORT", port.trim_end_matches('/').to_string()),
            ("IMAP_USER", self.user.clone()),
            ("IMAP_PASSWORD", self.password.clone()),
        ]
    }

    fn python(&self, args: &[&str]) -> String {
        let env = self.python_env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        run_python("imap_client.py", args, &env)
    }

    /// A fresh mailbox for one test.
    fn new_mailbox(&self) -> String {
        let name = unique("Drafts test");
        self.python(&["create", &name]);
        name
    }

    fn dump(&self, mailbox: &str) -> Vec<Value> {
        serde_json::from_str::<Value>(&self.python(&["dump", mailbox]))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// Plain IMAP on loopback into `mailbox`, logging into `requests`.
    fn options(&self, mailbox: Option<&str>, requests: &Requests) -> ImapOptions {
        ImapOptions {
            security: Some(Security::Plain),
            mailbox: mailbox.map(str::to_string),
            logger: Some(requests.logger()),
            ..ImapOptions::default()
        }
    }

    fn log_mark(&self) -> u64 {
        std::fs::metadata(&self.log).map_or(0, |m| m.len())
    }

    /// Dovecot's mail_log events of `kind` (`save`, `expunge`,
    /// `flag_change`) in `mailbox` since `mark`.
    fn logged(&self, mark: u64, kind: &str, mailbox: &str) -> usize {
        let text = std::fs::read(&self.log).unwrap();
        let text = String::from_utf8_lossy(&text[mark as usize..]);
        text.lines()
            .filter(|l| l.contains(&format!("Info: {kind}: box={mailbox},")))
            .count()
    }
}

/// An RFC 5322 draft like §9's .eml (8-bit UTF-8 body).
fn eml(i: usize, subject: &str) -> Vec<u8> {
    format!(
        "From: Beth Carter <beth@example.com>\r\nTo: Mark Lee <mark{i}@acme.example>\r\n\
Subject: {subject}\r\nDate: Wed, 18 Nov 2026 09:00:00 -0500\r\n\
Message-ID: <acme-{i}.thank-you.1@followup>\r\nX-Unsent: 1\r\nMIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
Dear Mark,\r\n\r\nthank you for the conversation about the Q3 pipeline.\r\n\r\nGrüße,\r\nBeth\r\n"
    )
    .into_bytes()
}

fn key(i: usize) -> String {
    format!("acme-{i}.thank-you.1@followup")
}

fn drafts(range: std::ops::Range<usize>, tag: &str) -> Vec<Draft> {
    range
        .map(|i| Draft::new(key(i), eml(i, &format!("{tag} {i}"))))
        .collect()
}

/// Ours by key (subject), and the foreign ones' subjects.
fn held(dump: &[Value]) -> (BTreeMap<String, String>, Vec<String>) {
    let mut ours = BTreeMap::new();
    let mut foreign = Vec::new();
    for m in dump {
        let subject = m["subject"].as_str().unwrap_or("").to_string();
        match m["key"].as_str() {
            Some(k) => {
                assert!(
                    ours.insert(k.to_string(), subject).is_none(),
                    "two copies of {k}: {dump:?}"
                );
            }
            None => foreign.push(subject),
        }
    }
    (ours, foreign)
}

fn want(items: &[(usize, &str)]) -> BTreeMap<String, String> {
    items
        .iter()
        .map(|(i, tag)| (key(*i), format!("{tag} {i}")))
        .collect()
}

#[test]
fn dovecot_lifecycle() {
    let Some(d) = Dovecot::get() else { return };
    let requests = Requests::default();
    let mailbox = d.new_mailbox();
    d.python(&["add", &mailbox, "My own draft"]);
    let opts = d.options(Some(&mailbox), &requests);
    let creds = d.credentials();

    // 1. First run appends every draft, flagged \Draft.
    let mark = d.log_mark();
    let first = drafts(0..6, "Thank you");
    let r = imap::sync(&d.plain, &creds, &first, &opts, &SyncOptions::default()).unwrap();
    assert_eq!(
        (r.created, r.updated, r.deleted, r.unchanged),
        (6, 0, 0, 0),
        "{r:?}"
    );
    let log = requests.take();
    assert_eq!(
        log.iter()
            .filter(|l| l.method == "APPEND" && l.status == "OK")
            .count(),
        6
    );
    assert_eq!(
        d.logged(mark, "save", &mailbox),
        6,
        "Dovecot logged 6 saves"
    );
    let dump = d.dump(&mailbox);
    let (ours, foreign) = held(&dump);
    assert_eq!(
        ours,
        want(&[
            (0, "Thank you"),
            (1, "Thank you"),
            (2, "Thank you"),
            (3, "Thank you"),
            (4, "Thank you"),
            (5, "Thank you")
        ])
    );
    assert_eq!(foreign, vec!["My own draft".to_string()]);
    for m in dump.iter().filter(|m| m["key"].is_string()) {
        assert!(
            m["flags"]
                .as_array()
                .unwrap()
                .contains(&Value::from("\\Draft")),
            "{m}"
        );
        let i: usize = m["key"].as_str().unwrap()["acme-".len()..]
            .split('.')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(m["to"], format!("Mark Lee <mark{i}@acme.example>").as_str());
        assert_eq!(
            m["message_id"],
            format!("<acme-{i}.thank-you.1@followup>").as_str()
        );
        assert_eq!(
            m["body"],
            "Dear Mark,\r\n\r\nthank you for the conversation about the Q3 pipeline.\r\n\r\nGrüße,\r\nBeth\r\n"
        );
        assert_eq!(m["hash"], first[i].hash.as_str());
    }

    // 2. Nothing changed: no write command, none in Dovecot's log.
    let mark = d.log_mark();
    let r = imap::sync(&d.plain, &creds, &first, &opts, &SyncOptions::default()).unwrap();
    assert_eq!((r.unchanged, r.write_requests), (6, 0), "{r:?}");
    assert!(requests.take().iter().all(|l| !l.write));
    for kind in ["save", "expunge", "flag_change"] {
        assert_eq!(
            d.logged(mark, kind, &mailbox),
            0,
            "{kind} on a no-change run"
        );
    }

    // 3. Two edited: exactly those replaced (one save and one expunge each).
    let mut edited = first.clone();
    for i in [1, 4] {
        edited[i] = Draft::new(key(i), eml(i, &format!("Thanks again {i}")));
    }
    let mark = d.log_mark();
    let r = imap::sync(&d.plain, &creds, &edited, &opts, &SyncOptions::default()).unwrap();
    assert_eq!(
        (r.created, r.updated, r.deleted, r.unchanged),
        (0, 2, 0, 4),
        "{r:?}"
    );
    let updated: Vec<&str> = r
        .outcomes
        .iter()
        .filter(|o| o.change == Change::Update)
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(updated, vec![key(1).as_str(), key(4).as_str()]);
    assert_eq!(d.logged(mark, "save", &mailbox), 2);
    assert_eq!(d.logged(mark, "expunge", &mailbox), 2);
    let (ours, foreign) = held(&d.dump(&mailbox));
    assert_eq!(
        ours,
        want(&[
            (0, "Thank you"),
            (1, "Thanks again"),
            (2, "Thank you"),
            (3, "Thank you"),
            (4, "Thanks again"),
            (5, "Thank you")
        ])
    );
    assert_eq!(foreign, vec!["My own draft".to_string()]);
    requests.take();

    // 4. Two no longer wanted (done or cancelled): exactly those removed.
    let kept: Vec<Draft> = edited
        .iter()
        .filter(|d| d.key != key(0) && d.key != key(5))
        .cloned()
        .collect();
    let mark = d.log_mark();
    let r = imap::sync(&d.plain, &creds, &kept, &opts, &SyncOptions::default()).unwrap();
    assert_eq!(
        (r.created, r.updated, r.deleted, r.unchanged),
        (0, 0, 2, 4),
        "{r:?}"
    );
    assert_eq!(d.logged(mark, "expunge", &mailbox), 2);
    assert_eq!(d.logged(mark, "save", &mailbox), 0);
    let log = requests.take();
    assert!(log.iter().any(|l| l.method == "UID EXPUNGE"), "{log:?}");
    let (ours, foreign) = held(&d.dump(&mailbox));
    assert_eq!(
        ours,
        want(&[
            (1, "Thanks again"),
            (2, "Thank you"),
            (3, "Thank you"),
            (4, "Thanks again")
        ])
    );
    assert_eq!(foreign, vec!["My own draft".to_string()]);

    // 5. A dry run of "none wanted" reports 4 deletions and writes nothing.
    let mark = d.log_mark();
    let dry = SyncOptions {
        dry_run: true,
        ..SyncOptions::default()
    };
    let r = imap::sync(&d.plain, &creds, &[], &opts, &dry).unwrap();
    assert_eq!((r.deleted, r.write_requests), (4, 0), "{r:?}");
    assert_eq!(
        d.logged(mark, "expunge", &mailbox) + d.logged(mark, "flag_change", &mailbox),
        0
    );
}

#[test]
fn dovecot_interrupted_then_converges() {
    let Some(d) = Dovecot::get() else { return };
    let requests = Requests::default();
    let mailbox = d.new_mailbox();
    d.python(&["add", &mailbox, "Keep me"]);
    let opts = d.options(Some(&mailbox), &requests);
    let creds = d.credentials();
    imap::sync(
        &d.plain,
        &creds,
        &drafts(0..6, "A"),
        &opts,
        &SyncOptions::default(),
    )
    .unwrap();

    // Wanted next: 0..3 edited (append + flag each), 3..4 kept, 4..6 gone
    // (flag each), 6..9 new (append each): 6 + 2 + 3 = 11 writes, then
    // the expunge. Stop after 4: a replace is left half done (appended,
    // old copy not flagged) or flagged but not expunged.
    let mut next = drafts(0..3, "B");
    next.extend(drafts(3..4, "A"));
    next.extend(drafts(6..9, "B"));
    for stop in [4, 1] {
        let opts_stop = SyncOptions {
            stop_after_writes: Some(stop),
            ..SyncOptions::default()
        };
        let r = imap::sync(&d.plain, &creds, &next, &opts, &opts_stop).unwrap();
        // Exactly `stop` writes went out, no expunge, the rest waits.
        assert_eq!(r.write_requests, stop, "{r:?}");
        assert!(r.not_attempted > 0, "{r:?}");
    }
    let r = imap::sync(&d.plain, &creds, &next, &opts, &SyncOptions::default()).unwrap();
    assert_eq!(r.not_attempted + r.failed + r.conflicts, 0, "{r:?}");
    let r = imap::sync(&d.plain, &creds, &next, &opts, &SyncOptions::default()).unwrap();
    assert_eq!((r.unchanged, r.write_requests), (7, 0), "converged: {r:?}");
    let dump = d.dump(&mailbox);
    assert!(
        dump.iter().all(|m| !m["flags"]
            .as_array()
            .unwrap()
            .contains(&Value::from("\\Deleted"))),
        "nothing is left flagged deleted: {dump:?}"
    );
    let (ours, foreign) = held(&dump);
    assert_eq!(
        ours,
        want(&[
            (0, "B"),
            (1, "B"),
            (2, "B"),
            (3, "A"),
            (6, "B"),
            (7, "B"),
            (8, "B")
        ])
    );
    assert_eq!(foreign, vec!["Keep me".to_string()]);
}

#[test]
fn dovecot_finds_drafts_by_special_use() {
    let Some(d) = Dovecot::get() else { return };
    let requests = Requests::default();
    let opts = d.options(None, &requests);
    let k = unique("special-use");
    let mine = vec![Draft::new(k.clone(), eml(0, "Found the Drafts mailbox"))];
    let r = imap::sync(
        &d.plain,
        &d.credentials(),
        &mine,
        &opts,
        &SyncOptions::default(),
    )
    .unwrap();
    assert!(r.created == 1 || r.unchanged == 1, "{r:?}");
    let log = requests.take();
    assert!(log.iter().any(|l| l.method == "LIST"), "{log:?}");
    assert!(
        log.iter()
            .any(|l| l.method == "APPEND" && l.target == "Drafts"),
        "{log:?}"
    );
    let dump = d.dump("Drafts");
    assert!(dump.iter().any(|m| m["key"] == k.as_str()), "{dump:?}");
    // Leave the shared Drafts mailbox as it was: this key goes again (the
    // other tests' keys in Drafts, if any, are theirs and stay).
    let others: Vec<Draft> = dump
        .iter()
        .filter_map(|m| m["key"].as_str())
        .filter(|key| *key != k)
        .map(|key| Draft {
            key: key.to_string(),
            message: Vec::new(),
            hash: String::new(),
        })
        .collect();
    assert!(
        others.is_empty(),
        "only this test writes to Drafts: {dump:?}"
    );
    let r = imap::sync(
        &d.plain,
        &d.credentials(),
        &[],
        &opts,
        &SyncOptions::default(),
    )
    .unwrap();
    assert_eq!(r.deleted, 1);
}

#[test]
fn dovecot_wrong_password_is_an_auth_error() {
    let Some(d) = Dovecot::get() else { return };
    let requests = Requests::default();
    let opts = d.options(Some("Drafts"), &requests);
    let e = imap::sync(
        &d.plain,
        &Credentials::basic(&d.user, "not-the-password"),
        &drafts(0..1, "x"),
        &opts,
        &SyncOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Auth { .. }), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains("wrong user or password") && text.contains("127.0.0.1"),
        "{text}"
    );
    assert!(!text.contains("not-the-password"));
    let log = requests.take();
    let shown: String = log.iter().map(|l| format!("{l} {l:?}\n")).collect();
    assert!(shown.contains("LOGIN"), "{shown}");
    assert!(!shown.contains("not-the-password"), "{shown}");
}

fn tls_options(
    d: &Dovecot,
    mailbox: &str,
    requests: &Requests,
    security: Option<Security>,
) -> ImapOptions {
    ImapOptions {
        security,
        mailbox: Some(mailbox.to_string()),
        logger: Some(requests.logger()),
        extra_roots: tls::pem_certificates(&std::fs::read(&d.ca).unwrap()).unwrap(),
        ..ImapOptions::default()
    }
}

#[test]
fn dovecot_implicit_tls_and_starttls() {
    let Some(d) = Dovecot::get() else { return };
    let requests = Requests::default();
    let mailbox = d.new_mailbox();
    // imaps:// (implicit TLS) creates, imap:// with STARTTLS sees it as
    // unchanged, and so does imap:// in its default (STARTTLS when offered).
    let want = drafts(0..2, "Over TLS");
    let opts = tls_options(&d, &mailbox, &requests, None);
    let r = imap::sync(
        &d.imaps,
        &d.credentials(),
        &want,
        &opts,
        &SyncOptions::default(),
    )
    .unwrap();
    assert_eq!(r.created, 2, "{r:?}");
    let opts = tls_options(&d, &mailbox, &requests, Some(Security::StartTls));
    let r = imap::sync(
        &d.starttls,
        &d.credentials(),
        &want,
        &opts,
        &SyncOptions::default(),
    )
    .unwrap();
    assert_eq!(r.unchanged, 2, "{r:?}");
    assert!(
        requests
            .take()
            .iter()
            .any(|l| l.method == "STARTTLS" && l.status == "OK")
    );
    let opts = tls_options(&d, &mailbox, &requests, None);
    let r = imap::sync(
        &d.starttls,
        &d.credentials(),
        &want,
        &opts,
        &SyncOptions::default(),
    )
    .unwrap();
    assert_eq!(r.unchanged, 2, "{r:?}");
    assert!(requests.take().iter().any(|l| l.method == "STARTTLS"));
    let (ours, _) = held(&d.dump(&mailbox));
    assert_eq!(ours.len(), 2);

    // Without the test CA the certificate is not trusted: a TLS error
    // naming the host, for both ways in.
    for url in [&d.imaps, &d.starttls] {
        let opts = ImapOptions {
            mailbox: Some(mailbox.clone()),
            ..ImapOptions::default()
        };
        let e =
            imap::sync(url, &d.credentials(), &want, &opts, &SyncOptions::default()).unwrap_err();
        assert!(matches!(e, Error::Tls { .. }), "{url}: {e:?}");
        assert!(e.to_string().contains("localhost:"), "{e}");
    }
}

#[test]
fn plain_text_to_another_host_is_refused_before_connecting() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): refused before any packet.
    let opts = ImapOptions {
        security: Some(Security::Plain),
        ..ImapOptions::default()
    };
    let e = imap::sync(
        "imap://192.0.2.1:143",
        &Credentials::basic("beth", "pw"),
        &[],
        &opts,
        &SyncOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::PlainRefused { .. }), "{e:?}");
    assert!(e.to_string().contains("192.0.2.1:143"), "{e}");
}

#[test]
fn outcomes_name_each_draft() {
    let Some(d) = Dovecot::get() else { return };
    let requests = Requests::default();
    let mailbox = d.new_mailbox();
    let opts = d.options(Some(&mailbox), &requests);
    let r = imap::sync(
        &d.plain,
        &d.credentials(),
        &drafts(0..2, "O"),
        &opts,
        &SyncOptions::default(),
    )
    .unwrap();
    assert_eq!(
        r.outcomes
            .iter()
            .map(|o| (o.name.clone(), o.change, o.result.clone()))
            .collect::<Vec<_>>(),
        vec![
            (key(0), Change::Create, ItemResult::Done),
            (key(1), Change::Create, ItemResult::Done)
        ]
    );
    assert_eq!(
        r.summary(),
        "pushed: 2 created, 0 updated, 0 deleted, 0 unchanged"
    );
}
