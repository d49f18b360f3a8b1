//! IMAP delivery (SPEC §10): make the Drafts mailbox hold exactly the
//! wanted followup drafts, never touching another message.
//!
//! A sync (RFC 3501, RFC 9051 where they agree):
//! 1. connect with implicit TLS (`imaps://`) or STARTTLS, plain only to a
//!    loopback peer ([`session`]), and log in;
//! 2. find the mailbox marked `\Drafts` (RFC 6154, asked with
//!    `LIST ... RETURN (SPECIAL-USE)` where SPECIAL-USE or LIST-EXTENDED is
//!    advertised), else one named `Drafts`;
//! 3. `UID SEARCH HEADER X-Followup-Key ""` finds ours, `UID FETCH` reads
//!    their flags and our two header fields ([`message`]);
//! 4. [`crate::push::sync::plan`] decides; `APPEND` (flags `\Draft \Seen`)
//!    creates; a changed draft is appended anew, then the old copy is
//!    flagged `\Deleted`; a draft no longer wanted is flagged `\Deleted`;
//!    finally `UID EXPUNGE` (UIDPLUS, RFC 4315) removes exactly those UIDs.
//!    Without UIDPLUS a plain EXPUNGE is sent only when no other message in
//!    the mailbox is flagged `\Deleted` (it would remove those too);
//!    otherwise ours stay flagged and the report says so.
//!
//! Interrupted anywhere, the mailbox holds old and new copies each carrying
//! its own hash, some perhaps flagged `\Deleted`: the next run keeps the
//! copy that matches, removes the others, expunges what is flagged.

pub mod message;
pub mod session;
pub mod wire;

use std::collections::HashSet;
use std::time::Duration;

pub use message::{HASH_HEADER, KEY_HEADER};
pub use session::Security;

use crate::push::sync::{self, Action, Held};
pub use crate::push::sync::{Change, ItemResult, Outcome, SyncOptions, SyncReport};
use crate::push::{Credentials, Error, Logger};
use session::Session;
use wire::{Arg, Token};

/// One wanted draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// Stable name of the draft (one per email step), e.g. the event UID.
    pub key: String,
    /// An RFC 5322 message (§9's `.eml`), without our header fields.
    pub message: Vec<u8>,
    /// Hash of `message`; equal hashes mean nothing to write.
    pub hash: String,
}

impl Draft {
    /// A draft with the hash of its message ([`message::message_hash`]).
    pub fn new(key: impl Into<String>, message: Vec<u8>) -> Draft {
        Draft {
            key: key.into(),
            hash: message::message_hash(&message),
            message,
        }
    }
}

/// How to reach the mailbox.
#[derive(Clone)]
pub struct ImapOptions {
    /// Overrides what the URL's scheme implies (`imaps://` is
    /// [`Security::Implicit`], `imap://` is [`Security::Auto`]).
    pub security: Option<Security>,
    /// The mailbox to use instead of finding the Drafts mailbox.
    pub mailbox: Option<String>,
    /// Longest wait for one read or write on the socket.
    pub timeout: Duration,
    /// Receives one [`crate::push::RequestLog`] per command (`-v`).
    pub logger: Option<Logger>,
    /// CA certificates (DER) trusted besides the system's roots
    /// ([`crate::push::tls::pem_certificates`]).
    pub extra_roots: Vec<Vec<u8>>,
}

impl Default for ImapOptions {
    fn default() -> Self {
        ImapOptions {
            security: None,
            mailbox: None,
            timeout: Duration::from_secs(60),
            logger: None,
            extra_roots: Vec::new(),
        }
    }
}

/// Where an `imap://` or `imaps://` URL points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// A mailbox named in the URL's path (RFC 5092 §3), if any.
    pub mailbox: Option<String>,
}

impl Endpoint {
    /// Parses `imaps://host[:993][/mailbox]` or `imap://host[:143]`.
    pub fn parse(url: &str) -> Result<Endpoint, Error> {
        let bad = |reason: &str| Error::Url {
            url: crate::push::caldav::url::redact_userinfo(url),
            reason: reason.to_string(),
        };
        let uri: ureq::http::Uri = url
            .trim()
            .parse()
            .map_err(|_| bad("not a valid URL (expected imaps://host or imap://host:port)"))?;
        let (security, default_port) =
            match uri.scheme_str().map(str::to_ascii_lowercase).as_deref() {
                Some("imaps") => (Security::Implicit, 993),
                Some("imap") => (Security::Auto, 143),
                _ => {
                    return Err(bad(
                        "the scheme must be imaps:// (or imap:// with STARTTLS)",
                    ));
                }
            };
        let authority = uri
            .authority()
            .ok_or_else(|| bad("missing the host name"))?;
        if authority.as_str().contains('@') {
            return Err(bad(
                "remove the user and password from the URL; pass --user, and the password \
                 through FOLLOWUP_PASSWORD or --password-command",
            ));
        }
        let host = authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        if host.is_empty() {
            return Err(bad("missing the host name"));
        }
        let path = uri.path().trim_matches('/');
        let mailbox = (!path.is_empty()).then(|| crate::push::caldav::url::decode(path));
        Ok(Endpoint {
            host,
            port: authority.port_u16().unwrap_or(default_port),
            security,
            mailbox,
        })
    }
}

/// Makes the Drafts mailbox at `url` hold exactly `drafts` among
/// followup's messages. Keys must be unique and [`message::valid_key`].
pub fn sync(
    url: &str,
    credentials: &Credentials,
    drafts: &[Draft],
    options: &ImapOptions,
    sync_options: &SyncOptions,
) -> Result<SyncReport, Error> {
    let endpoint = Endpoint::parse(url)?;
    let shown = format!("{}:{}", endpoint.host, endpoint.port);
    if let Some(dup) = sync::duplicate_key(drafts.iter().map(|d| d.key.as_str())) {
        return Err(Error::Protocol {
            host: shown,
            reason: format!("two drafts have the key \"{dup}\" (keys must be unique)"),
        });
    }
    if let Some(bad) = drafts.iter().find(|d| !message::valid_key(&d.key)) {
        return Err(Error::Protocol {
            host: shown,
            reason: format!(
                "draft key \"{}\" must be 1 to 200 printable ASCII characters without spaces",
                bad.key.escape_debug()
            ),
        });
    }
    let security = options.security.unwrap_or(endpoint.security);
    let mut s = Session::connect(
        &endpoint.host,
        endpoint.port,
        security,
        options.timeout,
        options.logger.clone(),
        &options.extra_roots,
    )?;
    s.login(credentials)?;
    let mailbox = match options.mailbox.clone().or(endpoint.mailbox.clone()) {
        Some(m) => m,
        None => find_drafts(&mut s)?,
    };
    let report = sync_mailbox(&mut s, &mailbox, drafts, sync_options)?;
    s.logout();
    Ok(report)
}

/// The mailbox to write drafts into: the one with the `\Drafts` attribute,
/// else one named `Drafts` (any case, at the top or under INBOX).
pub fn find_drafts(s: &mut Session) -> Result<String, Error> {
    let mut args = vec![Arg::Raw("\"\"".into()), Arg::Raw("\"*\"".into())];
    if s.has("SPECIAL-USE") || s.has("LIST-EXTENDED") {
        args.push(Arg::Raw("RETURN (SPECIAL-USE)".into()));
    }
    let done = s.run("LIST", "", false, &args)?;
    if !done.ok() {
        return Err(Error::Protocol {
            host: s.host().to_string(),
            reason: format!("LIST failed: {}", done.status.text),
        });
    }
    let mut by_name = None;
    for line in &done.untagged {
        let Ok(t) = wire::tokens(line) else { continue };
        if !t
            .first()
            .and_then(Token::atom)
            .is_some_and(|a| a.eq_ignore_ascii_case("LIST"))
        {
            continue;
        }
        let (Some(Token::List(attrs)), Some(name)) = (t.get(1), t.get(3).and_then(Token::bytes))
        else {
            continue;
        };
        let name = String::from_utf8_lossy(name).into_owned();
        if attrs
            .iter()
            .filter_map(Token::atom)
            .any(|a| a.eq_ignore_ascii_case("\\Drafts"))
        {
            return Ok(name);
        }
        let delim = t
            .get(2)
            .and_then(Token::bytes)
            .map(|d| String::from_utf8_lossy(d).into_owned());
        let leaf = match &delim {
            Some(d) if !d.is_empty() => name.rsplit(d.as_str()).next().unwrap_or(&name).to_string(),
            _ => name.clone(),
        };
        let top_or_inbox = match &delim {
            Some(d) if !d.is_empty() => {
                !name.contains(d.as_str()) || name.eq_ignore_ascii_case(&format!("INBOX{d}{leaf}"))
            }
            _ => true,
        };
        if by_name.is_none() && top_or_inbox && leaf.eq_ignore_ascii_case("Drafts") {
            by_name = Some(name);
        }
    }
    by_name.ok_or_else(|| Error::NotFound {
        host: s.host().to_string(),
        what: "no Drafts mailbox (none is marked \\Drafts and none is named Drafts); \
               create one in your mail program, or name one in the URL (imaps://host/Drafts)"
            .into(),
    })
}

/// A message of ours in the mailbox.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stored {
    uid: u32,
}

fn sync_mailbox(
    s: &mut Session,
    mailbox: &str,
    drafts: &[Draft],
    options: &SyncOptions,
) -> Result<SyncReport, Error> {
    let (req0, write0) = (s.requests, s.writes);
    let verb = if options.dry_run { "EXAMINE" } else { "SELECT" };
    let done = s.run(verb, mailbox, false, &[wire::astring(mailbox.as_bytes())])?;
    if !done.ok() {
        return Err(Error::NotFound {
            host: s.host().to_string(),
            what: format!(
                "cannot open the mailbox \"{mailbox}\": {}",
                done.status.text
            ),
        });
    }

    // Ours: both fields present. Flagged \Deleted ones are leftovers of an
    // interrupted run: not held (they are going), but expunged at the end.
    let (held, mut leftovers) = read_ours(s, mailbox)?;
    let keys: Vec<(&str, &str)> = drafts
        .iter()
        .map(|d| (d.key.as_str(), d.hash.as_str()))
        .collect();
    let actions = sync::plan(&keys, &held);

    let mut report = SyncReport {
        dry_run: options.dry_run,
        ..SyncReport::default()
    };
    let mut outcomes = Vec::with_capacity(actions.len());
    let mut writes_started = 0usize;
    let mut stopped = false;
    let mut may_write = |stopped: &mut bool| {
        if options
            .stop_after_writes
            .is_some_and(|max| writes_started >= max)
        {
            *stopped = true;
            return false;
        }
        writes_started += 1;
        true
    };
    let mut to_expunge: Vec<u32> = Vec::new();
    for action in &actions {
        let (key, change) = match action {
            Action::Create { index } => (drafts[*index].key.clone(), Change::Create),
            Action::Update { index, .. } => (drafts[*index].key.clone(), Change::Update),
            Action::Delete { key, .. } => (key.clone(), Change::Delete),
            Action::Unchanged { index, .. } => {
                outcomes.push(Outcome {
                    name: drafts[*index].key.clone(),
                    change: Change::Unchanged,
                    result: ItemResult::Done,
                });
                continue;
            }
        };
        let result = if options.dry_run {
            ItemResult::DryRun
        } else {
            match action {
                Action::Create { index } | Action::Update { index, .. } => {
                    if !may_write(&mut stopped) {
                        ItemResult::NotAttempted
                    } else {
                        let d = &drafts[*index];
                        let appended = append(s, mailbox, d)?;
                        match (appended, action) {
                            (ItemResult::Done, Action::Update { handle, .. }) => {
                                // The new copy is in; now the old one goes.
                                if !may_write(&mut stopped) {
                                    ItemResult::Done
                                } else {
                                    let r = flag_deleted(s, mailbox, handle.uid)?;
                                    if r == ItemResult::Done {
                                        to_expunge.push(handle.uid);
                                    }
                                    r
                                }
                            }
                            (r, _) => r,
                        }
                    }
                }
                Action::Delete { handle, .. } => {
                    if !may_write(&mut stopped) {
                        ItemResult::NotAttempted
                    } else {
                        let r = flag_deleted(s, mailbox, handle.uid)?;
                        if r == ItemResult::Done {
                            to_expunge.push(handle.uid);
                        }
                        r
                    }
                }
                Action::Unchanged { .. } => ItemResult::Done,
            }
        };
        outcomes.push(Outcome {
            name: key,
            change,
            result,
        });
    }
    report.tally(outcomes);

    to_expunge.append(&mut leftovers);
    if !options.dry_run && !stopped && !to_expunge.is_empty() {
        expunge(s, mailbox, &to_expunge, &mut report)?;
    }
    report.requests = s.requests - req0;
    report.write_requests = s.writes - write0;
    Ok(report)
}

/// Our messages: (held, UIDs of ours already flagged \Deleted).
fn read_ours(s: &mut Session, mailbox: &str) -> Result<(Vec<Held<Stored>>, Vec<u32>), Error> {
    let done = s.run(
        "UID SEARCH",
        mailbox,
        false,
        &[Arg::Raw(format!("HEADER {KEY_HEADER} \"\""))],
    )?;
    if !done.ok() {
        return Err(Error::Protocol {
            host: s.host().to_string(),
            reason: format!("UID SEARCH failed: {}", done.status.text),
        });
    }
    let mut uids: Vec<u32> = Vec::new();
    for line in &done.untagged {
        let Ok(t) = wire::tokens(line) else { continue };
        if t.first()
            .and_then(Token::atom)
            .is_some_and(|a| a.eq_ignore_ascii_case("SEARCH"))
        {
            uids.extend(
                t[1..]
                    .iter()
                    .filter_map(Token::atom)
                    .filter_map(|a| a.parse::<u32>().ok()),
            );
        }
    }
    if uids.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let done = s.run(
        "UID FETCH",
        mailbox,
        false,
        &[
            Arg::Raw(wire::uid_set(&uids)),
            Arg::Raw(format!(
                "(UID FLAGS BODY.PEEK[HEADER.FIELDS ({KEY_HEADER} {HASH_HEADER})])"
            )),
        ],
    )?;
    if !done.ok() {
        return Err(Error::Protocol {
            host: s.host().to_string(),
            reason: format!("UID FETCH failed: {}", done.status.text),
        });
    }
    let wanted: HashSet<u32> = uids.into_iter().collect();
    let mut held = Vec::new();
    let mut leftovers = Vec::new();
    for line in &done.untagged {
        let Ok(t) = wire::tokens(line) else { continue };
        if !t
            .get(1)
            .and_then(Token::atom)
            .is_some_and(|a| a.eq_ignore_ascii_case("FETCH"))
        {
            continue;
        }
        let Some(Token::List(items)) = t.get(2) else {
            continue;
        };
        let mut uid = None;
        let mut deleted = false;
        let mut fields = (None, None);
        for pair in items.chunks(2) {
            let [name, value] = pair else { continue };
            let Some(name) = name.atom() else { continue };
            let upper = name.to_ascii_uppercase();
            if upper == "UID" {
                uid = value.atom().and_then(|a| a.parse::<u32>().ok());
            } else if upper == "FLAGS" {
                if let Token::List(flags) = value {
                    deleted = flags
                        .iter()
                        .filter_map(Token::atom)
                        .any(|f| f.eq_ignore_ascii_case("\\Deleted"));
                }
            } else if upper.starts_with("BODY[")
                && let Some(block) = value.bytes()
            {
                fields = message::read_fields(block);
            }
        }
        let (Some(uid), (Some(key), Some(hash))) = (uid, fields) else {
            continue;
        };
        if !wanted.contains(&uid) {
            continue;
        }
        if deleted {
            leftovers.push(uid);
        } else {
            held.push(Held {
                key,
                hash,
                handle: Stored { uid },
            });
        }
    }
    held.sort_by_key(|h| h.handle.uid);
    Ok((held, leftovers))
}

fn append(s: &mut Session, mailbox: &str, d: &Draft) -> Result<ItemResult, Error> {
    let body = message::prepare(&d.message, &d.key, &d.hash);
    let done = s.run(
        "APPEND",
        mailbox,
        true,
        &[
            wire::astring(mailbox.as_bytes()),
            Arg::Raw("(\\Draft \\Seen)".into()),
            Arg::Literal(body),
        ],
    )?;
    Ok(if done.ok() {
        ItemResult::Done
    } else {
        ItemResult::Failed(format!("APPEND refused: {}", done.status.text))
    })
}

fn flag_deleted(s: &mut Session, mailbox: &str, uid: u32) -> Result<ItemResult, Error> {
    let done = s.run(
        "UID STORE",
        mailbox,
        true,
        &[
            Arg::Raw(uid.to_string()),
            Arg::Raw("+FLAGS.SILENT (\\Deleted)".into()),
        ],
    )?;
    Ok(if done.ok() {
        ItemResult::Done
    } else {
        ItemResult::Failed(format!("STORE refused: {}", done.status.text))
    })
}

/// Removes exactly `uids` (ours, flagged \Deleted).
fn expunge(
    s: &mut Session,
    mailbox: &str,
    uids: &[u32],
    report: &mut SyncReport,
) -> Result<(), Error> {
    if s.has("UIDPLUS") {
        let done = s.run(
            "UID EXPUNGE",
            mailbox,
            true,
            &[Arg::Raw(wire::uid_set(uids))],
        )?;
        if !done.ok() {
            report
                .warnings
                .push(format!("UID EXPUNGE refused: {}", done.status.text));
        }
        return Ok(());
    }
    // No UIDPLUS: EXPUNGE removes every \Deleted message, so only when
    // every one of them is ours.
    let done = s.run("UID SEARCH", mailbox, false, &[Arg::Raw("DELETED".into())])?;
    let ours: HashSet<u32> = uids.iter().copied().collect();
    let mut others = false;
    for line in &done.untagged {
        let Ok(t) = wire::tokens(line) else { continue };
        if t.first()
            .and_then(Token::atom)
            .is_some_and(|a| a.eq_ignore_ascii_case("SEARCH"))
        {
            others |= t[1..]
                .iter()
                .filter_map(Token::atom)
                .filter_map(|a| a.parse::<u32>().ok())
                .any(|u| !ours.contains(&u));
        }
    }
    if !done.ok() || others {
        report.warnings.push(
            "the server has no UIDPLUS and other messages in the mailbox are marked deleted: \
             followup's replaced drafts stay marked deleted instead of being expunged"
                .into(),
        );
        return Ok(());
    }
    let done = s.run("EXPUNGE", mailbox, true, &[])?;
    if !done.ok() {
        report
            .warnings
            .push(format!("EXPUNGE refused: {}", done.status.text));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let e = Endpoint::parse("imaps://imap.example.com").unwrap();
        assert_eq!(
            (e.host.as_str(), e.port, e.security),
            ("imap.example.com", 993, Security::Implicit)
        );
        let e = Endpoint::parse("imap://127.0.0.1:1143/Entw%C3%BCrfe").unwrap();
        assert_eq!((e.port, e.security), (1143, Security::Auto));
        assert_eq!(e.mailbox.as_deref(), Some("Entwürfe"));
        let e = Endpoint::parse("imap://[::1]:1143").unwrap();
        assert_eq!(e.host, "::1");
        let err = Endpoint::parse("imaps://beth:pw@imap.example.com")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("pw@"), "{err}");
        assert!(Endpoint::parse("https://imap.example.com").is_err());
    }
}
