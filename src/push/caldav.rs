//! CalDAV delivery (SPEC §10): make one calendar collection hold exactly
//! the wanted followup events, leaving everything else in it alone.
//!
//! A sync, with state on the server only (RFC 4791, RFC 4918):
//! 1. `PROPFIND Depth: 1` lists the collection (names and ETags);
//! 2. `REPORT calendar-multiget` (RFC 4791 §7.9) reads the bodies of the
//!    members named like ours ([`resource::PREFIX`]), in batches, to find
//!    the `X-FOLLOWUP-HASH` each carries ([`resource`]); a member without it
//!    is not ours and is never touched;
//! 3. [`crate::push::sync::plan`] decides; then, on a small pool of
//!    connections: `PUT` with `If-None-Match: *` creates, `PUT` with
//!    `If-Match: <etag>` updates only what hashes differently, `DELETE` with
//!    `If-Match` removes ours that are no longer wanted. A 412 (someone
//!    changed or created it meanwhile) is reported and skipped.
//!
//! A run that stops midway leaves every resource either old or new, each
//! stamped with its own hash; the next run reads them back and finishes.
//!
//! Discovery (RFC 6764 §6, RFC 5397, RFC 4791 §6.2.1): `/.well-known/caldav`
//! (following redirects with the same method), the current user principal,
//! its `calendar-home-set`, and the calendars in it; MKCALENDAR (RFC 4791
//! §5.3.1) creates one.
//!
//! Submodules: [`url`] (hrefs), [`xml`] (multistatus and request bodies),
//! [`resource`] (names and the hash stamp), [`http`] (one exchange on ureq).

pub mod http;
pub mod resource;
pub mod url;
pub mod xml;

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

pub use resource::{Resource, resource_name};
pub use url::Url;

use crate::push::sync::{self, Action, Held};
pub use crate::push::sync::{Change, ItemResult, Outcome, SyncOptions, SyncReport};
use crate::push::{Credentials, Error, Logger};
use http::{Reply, Transport};

/// How a [`Client`] talks to its server.
#[derive(Clone)]
pub struct ClientOptions {
    /// Requests in flight at once (at least 1). Each is one keep-alive
    /// connection; 4 to 8 suits most servers (docs/PERFORMANCE.md "Push").
    pub parallelism: usize,
    /// The longest one request may take, reply included. Generous: a
    /// server builds a PROPFIND or multiget reply whole before sending its
    /// first byte, and Radicale needs minutes for 60,000 events when its
    /// cache is cold.
    pub timeout: Duration,
    /// Receives one [`crate::push::RequestLog`] per request (`-v`).
    pub logger: Option<Logger>,
    /// CA certificates (DER) trusted besides the system's roots, for a
    /// self-hosted server with its own CA ([`crate::push::tls::pem_certificates`]).
    pub extra_roots: Vec<Vec<u8>>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            parallelism: 4,
            timeout: Duration::from_secs(600),
            logger: None,
            extra_roots: Vec::new(),
        }
    }
}

/// A calendar collection found by discovery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub url: String,
    pub display_name: Option<String>,
    /// Whether it accepts events (no `supported-calendar-component-set`
    /// means it accepts every component).
    pub events: bool,
}

/// A CalDAV client for one server and one set of credentials.
pub struct Client {
    transport: Transport,
    parallelism: usize,
}

/// A member of ours on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stored {
    url: Url,
    etag: Option<String>,
}

/// Members read per calendar-multiget.
const MULTIGET_BATCH: usize = 200;

impl Client {
    pub fn new(credentials: Credentials, options: ClientOptions) -> Result<Client, Error> {
        let parallelism = options.parallelism.clamp(1, 64);
        Ok(Client {
            transport: Transport::new(
                &credentials,
                parallelism,
                options.timeout,
                options.logger,
                &options.extra_roots,
            )?,
            parallelism,
        })
    }

    /// Makes the collection at `collection` hold exactly `wanted` among
    /// followup's resources. Names must be unique and start with
    /// [`resource::PREFIX`].
    pub fn sync(
        &self,
        collection: &str,
        wanted: &[Resource],
        options: &SyncOptions,
    ) -> Result<SyncReport, Error> {
        let base = Url::parse(collection)?.as_collection();
        let host = base.host().to_string();
        if let Some(dup) = sync::duplicate_key(wanted.iter().map(|r| r.name.as_str())) {
            return Err(Error::Protocol {
                host,
                reason: format!("two resources are named \"{dup}\" (names must be unique)"),
            });
        }
        if let Some(bad) = wanted.iter().find(|r| !resource::is_our_name(&r.name)) {
            return Err(Error::Protocol {
                host,
                reason: format!(
                    "resource name \"{}\" must start with \"{}\" and end with .ics",
                    bad.name,
                    resource::PREFIX
                ),
            });
        }
        let (req0, write0) = self.transport.counts();

        let members = self.list(&base)?;
        let held = self.read_ours(&base, &members)?;
        let keys: Vec<(&str, &str)> = wanted
            .iter()
            .map(|r| (r.name.as_str(), r.hash.as_str()))
            .collect();
        let actions = sync::plan(&keys, &held);

        let mut report = SyncReport {
            dry_run: options.dry_run,
            ..SyncReport::default()
        };
        let started = AtomicUsize::new(0);
        let outcomes = self.pool(&actions, |action| {
            let (name, change) = match action {
                Action::Create { index } => (wanted[*index].name.clone(), Change::Create),
                Action::Update { index, .. } => (wanted[*index].name.clone(), Change::Update),
                Action::Delete { key, .. } => (key.clone(), Change::Delete),
                Action::Unchanged { index, .. } => {
                    return Ok(Outcome {
                        name: wanted[*index].name.clone(),
                        change: Change::Unchanged,
                        result: ItemResult::Done,
                    });
                }
            };
            let result = if options.dry_run {
                ItemResult::DryRun
            } else if options
                .stop_after_writes
                .is_some_and(|max| started.fetch_add(1, Ordering::SeqCst) >= max)
            {
                ItemResult::NotAttempted
            } else {
                self.write(&base, wanted, action)?
            };
            Ok(Outcome {
                name,
                change,
                result,
            })
        })?;
        report.tally(outcomes);
        let (req1, write1) = self.transport.counts();
        report.requests = req1 - req0;
        report.write_requests = write1 - write0;
        Ok(report)
    }

    /// The collection's non-collection members, by decoded path.
    fn list(&self, base: &Url) -> Result<Vec<(Url, Option<String>)>, Error> {
        let reply = self.transport.send(
            "PROPFIND",
            base,
            &[("Depth", "1"), ("Content-Type", XML)],
            Some(xml::propfind_members().into_bytes()),
        )?;
        let entries = self.multistatus("PROPFIND", base, reply, "a calendar collection")?;
        let mut members = Vec::new();
        for e in entries {
            let url = base.resolve(&e.href)?;
            if url.same_resource(base) {
                if !e.is_calendar {
                    return Err(Error::NotFound {
                        host: base.host().to_string(),
                        what: format!(
                            "{} is not a calendar collection (use the calendar's own URL, or \
                             the server's root with --calendar NAME)",
                            base.path
                        ),
                    });
                }
                continue;
            }
            if !e.is_collection {
                members.push((url, e.etag));
            }
        }
        // A server that omits the collection itself from the listing is
        // taken at its word; a non-calendar then refuses the first PUT.
        Ok(members)
    }

    /// Ours among `members`: named like ours and stamped with a hash.
    fn read_ours(
        &self,
        base: &Url,
        members: &[(Url, Option<String>)],
    ) -> Result<Vec<Held<Stored>>, Error> {
        let candidates: Vec<&(Url, Option<String>)> = members
            .iter()
            .filter(|(u, _)| resource::is_our_name(&u.last_segment()))
            .collect();
        let batches: Vec<&[&(Url, Option<String>)]> = candidates.chunks(MULTIGET_BATCH).collect();
        let found = self.pool(&batches, |batch| {
            let body = xml::multiget(batch.iter().map(|(u, _)| u.path.as_str()));
            let reply = self.transport.send(
                "REPORT",
                base,
                &[("Depth", "1"), ("Content-Type", XML)],
                Some(body.into_bytes()),
            )?;
            let entries = self.multistatus("REPORT", base, reply, "a calendar collection")?;
            let listed: HashMap<String, &Option<String>> = batch
                .iter()
                .map(|(u, etag)| (url::decode(&u.path), etag))
                .collect();
            let mut held = Vec::new();
            for e in entries {
                let url = base.resolve(&e.href)?;
                let Some(listed_etag) = listed.get(&url::decode(&url.path)) else {
                    continue;
                };
                let Some(hash) = e.calendar_data.as_deref().and_then(resource::read_stamp) else {
                    continue;
                };
                held.push(Held {
                    key: url.last_segment(),
                    hash,
                    handle: Stored {
                        etag: e.etag.or_else(|| (*listed_etag).clone()),
                        url,
                    },
                });
            }
            Ok(held)
        })?;
        Ok(found.into_iter().flatten().collect())
    }

    /// Executes one create, update or delete.
    fn write(
        &self,
        base: &Url,
        wanted: &[Resource],
        action: &Action<Stored>,
    ) -> Result<ItemResult, Error> {
        let (method, url, precondition, body) = match action {
            Action::Create { index } => {
                let r = &wanted[*index];
                (
                    "PUT",
                    base.member(&r.name),
                    ("If-None-Match", "*".to_string()),
                    Some(resource::stamp(&r.body, &r.hash)),
                )
            }
            Action::Update { index, handle } => {
                let r = &wanted[*index];
                let Some(etag) = &handle.etag else {
                    return Ok(ItemResult::Failed(
                        "the server gave no ETag, so it cannot be updated safely".into(),
                    ));
                };
                (
                    "PUT",
                    handle.url.clone(),
                    ("If-Match", etag.clone()),
                    Some(resource::stamp(&r.body, &r.hash)),
                )
            }
            Action::Delete { handle, .. } => {
                let Some(etag) = &handle.etag else {
                    return Ok(ItemResult::Failed(
                        "the server gave no ETag, so it cannot be deleted safely".into(),
                    ));
                };
                (
                    "DELETE",
                    handle.url.clone(),
                    ("If-Match", etag.clone()),
                    None,
                )
            }
            Action::Unchanged { .. } => return Ok(ItemResult::Done),
        };
        let mut headers = vec![(precondition.0, precondition.1.as_str())];
        if body.is_some() {
            headers.push(("Content-Type", "text/calendar; charset=utf-8"));
        }
        let reply = self.transport.send(method, &url, &headers, body)?;
        Ok(match reply.status {
            200..=299 => ItemResult::Done,
            // Already gone: what a delete wanted.
            404 if method == "DELETE" => ItemResult::Done,
            412 => ItemResult::Conflict(match action {
                Action::Create { .. } => {
                    "a resource of that name exists already on the server".into()
                }
                _ => "changed on the server since it was read".into(),
            }),
            status => {
                ItemResult::Failed(format!("{method} answered {status}{}", brief(&reply.body)))
            }
        })
    }

    /// Every calendar in the user's calendar home, found from `server`
    /// (a root such as `https://caldav.example.com/`, or any URL on it).
    pub fn calendars(&self, server: &str) -> Result<Vec<Calendar>, Error> {
        let start = Url::parse(server)?;
        let home = self.home(&start)?;
        let reply = self.transport.send(
            "PROPFIND",
            &home,
            &[("Depth", "1"), ("Content-Type", XML)],
            Some(xml::propfind_discovery().into_bytes()),
        )?;
        let entries = self.multistatus("PROPFIND", &home, reply, "a calendar home")?;
        let mut out = Vec::new();
        for e in entries {
            if !e.is_calendar {
                continue;
            }
            let url = home.resolve(&e.href)?.as_collection();
            let events = e
                .components
                .as_ref()
                .is_none_or(|c| c.iter().any(|c| c == "VEVENT"));
            out.push(Calendar {
                url: url.as_string(),
                display_name: e.display_name,
                events,
            });
        }
        Ok(out)
    }

    /// The calendar whose display name is `name` (else whose last path
    /// segment is), found from `server`. With `create`, one is made by
    /// MKCALENDAR when none has that name; the `bool` says whether it was.
    pub fn find_calendar(
        &self,
        server: &str,
        name: &str,
        create: bool,
    ) -> Result<(Calendar, bool), Error> {
        let calendars = self.calendars(server)?;
        let by_name = calendars
            .iter()
            .find(|c| c.display_name.as_deref() == Some(name))
            .or_else(|| {
                calendars.iter().find(|c| {
                    c.display_name.is_none()
                        && Url::parse(&c.url).is_ok_and(|u| u.last_segment() == name)
                })
            });
        if let Some(c) = by_name {
            return Ok((c.clone(), false));
        }
        if create {
            return Ok((self.create_calendar(server, name)?, true));
        }
        let host = Url::parse(server)?.host().to_string();
        let names: Vec<String> = calendars
            .iter()
            .map(|c| {
                format!(
                    "\"{}\"",
                    c.display_name.clone().unwrap_or_else(|| Url::parse(&c.url)
                        .map(|u| u.last_segment())
                        .unwrap_or_default())
                )
            })
            .collect();
        Err(Error::NotFound {
            host,
            what: if names.is_empty() {
                format!(
                    "no calendar named \"{name}\" (the account has no calendars; add --create to make one)"
                )
            } else {
                format!(
                    "no calendar named \"{name}\"; there are {} (or add --create to make one)",
                    names.join(", ")
                )
            },
        })
    }

    /// Makes a calendar for events named `name` in the user's calendar home
    /// (MKCALENDAR, RFC 4791 §5.3.1), under a path made from the name.
    pub fn create_calendar(&self, server: &str, name: &str) -> Result<Calendar, Error> {
        let start = Url::parse(server)?;
        let home = self.home(&start)?;
        let taken: Vec<String> = self
            .calendars(server)?
            .iter()
            .filter_map(|c| Url::parse(&c.url).ok().map(|u| u.last_segment()))
            .collect();
        let slug = slug(name);
        let mut segment = slug.clone();
        let mut n = 2;
        while taken.contains(&segment) {
            segment = format!("{slug}-{n}");
            n += 1;
        }
        let url = home.member(&segment).as_collection();
        let reply = self.transport.send(
            "MKCALENDAR",
            &url,
            &[("Content-Type", XML)],
            Some(xml::mkcalendar(name).into_bytes()),
        )?;
        if !(200..300).contains(&reply.status) {
            return Err(status_error("MKCALENDAR", &url, &reply));
        }
        Ok(Calendar {
            url: url.as_string(),
            display_name: Some(name.to_string()),
            events: true,
        })
    }

    /// The calendar home of the user, from any URL on the server.
    fn home(&self, start: &Url) -> Result<Url, Error> {
        let principal = self.principal(start)?;
        let (url, entries) = self.propfind_following("PROPFIND", &principal, "0")?;
        let home = entries
            .iter()
            .find_map(|e| e.home_sets.first().cloned())
            .ok_or_else(|| Error::NotFound {
                host: url.host().to_string(),
                what: format!(
                    "the principal {} names no calendar-home-set (is this a CalDAV server?)",
                    url.path
                ),
            })?;
        Ok(url.resolve(&home)?.as_collection())
    }

    /// The current user's principal: from `/.well-known/caldav` (RFC 6764
    /// §5), else from the URL given.
    fn principal(&self, start: &Url) -> Result<Url, Error> {
        let mut well_known = start.clone();
        well_known.path = "/.well-known/caldav".into();
        let mut last_problem = None;
        for candidate in [well_known, start.clone()] {
            match self.propfind_following("PROPFIND", &candidate, "0") {
                Ok((url, entries)) => {
                    if let Some(p) = entries.iter().find_map(|e| e.principal.clone()) {
                        return url.resolve(&p);
                    }
                    last_problem = Some(format!("{} names no current-user-principal", url.path));
                }
                Err(Error::Status { status, target, .. }) => {
                    last_problem = Some(format!("{target} answered {status}"));
                }
                Err(e) => return Err(e),
            }
        }
        Err(Error::NotFound {
            host: start.host().to_string(),
            what: format!(
                "no CalDAV service found ({}); give the calendar's own URL instead",
                last_problem.unwrap_or_default()
            ),
        })
    }

    /// PROPFIND for discovery properties, following up to 5 redirects with
    /// the same method (RFC 6764 §5: clients follow the well-known
    /// redirect). Returns the final URL and its entries.
    fn propfind_following(
        &self,
        method: &str,
        start: &Url,
        depth: &str,
    ) -> Result<(Url, Vec<xml::Entry>), Error> {
        let mut url = start.clone();
        for _ in 0..6 {
            let reply = self.transport.send(
                method,
                &url,
                &[("Depth", depth), ("Content-Type", XML)],
                Some(xml::propfind_discovery().into_bytes()),
            )?;
            if matches!(reply.status, 301 | 302 | 303 | 307 | 308) {
                let Some(loc) = &reply.location else {
                    return Err(status_error(method, &url, &reply));
                };
                url = url.resolve(loc)?;
                continue;
            }
            let entries = self.multistatus(method, &url, reply, "a CalDAV resource")?;
            return Ok((url, entries));
        }
        Err(Error::Protocol {
            host: start.host().to_string(),
            reason: format!("too many redirects from {}", start.path),
        })
    }

    /// A 207 reply's entries, or the error its status means.
    fn multistatus(
        &self,
        method: &str,
        url: &Url,
        reply: Reply,
        expected: &str,
    ) -> Result<Vec<xml::Entry>, Error> {
        match reply.status {
            207 => xml::parse_multistatus(&reply.body).map_err(|reason| Error::Protocol {
                host: url.host().to_string(),
                reason: format!("{method} {}: {reason}", url.path),
            }),
            404 => Err(Error::NotFound {
                host: url.host().to_string(),
                what: format!(
                    "nothing at {} (expected {expected}; check the URL)",
                    url.path
                ),
            }),
            _ => Err(status_error(method, url, &reply)),
        }
    }

    /// Runs `f` over `items` on up to `parallelism` threads, keeping the
    /// order of `items` in the result. The first `Err` stops the others
    /// from starting new items and is returned.
    fn pool<T: Sync, R: Send>(
        &self,
        items: &[T],
        f: impl Fn(&T) -> Result<R, Error> + Sync,
    ) -> Result<Vec<R>, Error> {
        let threads = self.parallelism.min(items.len());
        if threads <= 1 {
            return items.iter().map(f).collect();
        }
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let first_error: Mutex<Option<Error>> = Mutex::new(None);
        let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    while !stop.load(Ordering::SeqCst) {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(item) = items.get(i) else { break };
                        match f(item) {
                            Ok(r) => mine.push((i, r)),
                            Err(e) => {
                                stop.store(true, Ordering::SeqCst);
                                if let Ok(mut slot) = first_error.lock() {
                                    slot.get_or_insert(e);
                                }
                            }
                        }
                    }
                    if let Ok(mut all) = results.lock() {
                        all.append(&mut mine);
                    }
                });
            }
        });
        if let Some(e) = first_error.into_inner().ok().flatten() {
            return Err(e);
        }
        let mut all = results.into_inner().unwrap_or_default();
        all.sort_by_key(|(i, _)| *i);
        Ok(all.into_iter().map(|(_, r)| r).collect())
    }
}

const XML: &str = "application/xml; charset=utf-8";

fn status_error(method: &str, url: &Url, reply: &Reply) -> Error {
    Error::Status {
        host: url.host().to_string(),
        method: method.to_string(),
        target: url.path.clone(),
        status: reply.status.to_string(),
        reason: match reply.status {
            403 => "forbidden (the account may not write here)".to_string(),
            405 => "method not allowed (is this a CalDAV collection?)".to_string(),
            _ => format!("unexpected status{}", brief(&reply.body)),
        },
    }
}

/// The start of a reply body, for a message: one line, printable ASCII.
fn brief(body: &[u8]) -> String {
    let text: String = String::from_utf8_lossy(body)
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .take(160)
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    }
}

/// A path segment for a new calendar: lowercase ASCII letters, digits and
/// `-` from the name; `calendar` when nothing is left.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "calendar".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Job search"), "job-search");
        assert_eq!(slug("  Bewerbungen 2026! "), "bewerbungen-2026");
        assert_eq!(slug("日本"), "calendar");
    }

    #[test]
    fn brief_is_one_printable_line() {
        assert_eq!(brief(b"a\r\n\x1b[31mb  c"), " (a [31mb c)");
        assert_eq!(brief(b""), "");
    }
}
