//! `push` (SPEC §10): every input's delivered steps into a CalDAV calendar
//! (one resource per step) or their drafts into an IMAP Drafts mailbox.
//!
//! Two halves, so each input's diagnostics are shown against its own text:
//! [`prepare`] plans one input (bytes and "now" in; the items to deliver
//! out, which steps through `pipeline::push::delivered`), [`deliver`] syncs
//! every prepared input at once through `crate::push`, which writes only
//! what changed and deletes only what followup wrote. Credentials come in
//! as values (the face reads the environment or runs the command); request
//! logs go to the callback in [`Settings`]. Never prints, never reads the
//! clock or the environment.

use super::failure::Failure;
use crate::error::{Diagnostic, Exit};
use crate::io::holidays::FileHolidays;
use crate::notes::Notes;
use crate::pipeline::export::Options;
use crate::pipeline::load::load;
use crate::pipeline::push::{self as deliver_steps, Item};
use crate::pipeline::view;
use crate::push::caldav::{Client, ClientOptions, Resource, resource_name};
use crate::push::imap::{self, Draft, ImapOptions};
use crate::push::sync::{SyncOptions, SyncReport};
use jiff::Timestamp;
use std::collections::HashMap;

pub use crate::push::sync::{Change, ItemResult};
pub use crate::push::{Credentials, Logger, RequestLog, Secret};

/// Where the push goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A calendar collection's URL; or, with `calendar`, any URL on the
    /// server, from which the calendar of that name is found (RFC 6764),
    /// made by MKCALENDAR when `create` and it does not exist.
    CalDav {
        url: String,
        calendar: Option<String>,
        create: bool,
    },
    /// `imaps://host` or `imap://host` (STARTTLS; plain only on loopback).
    Imap { url: String },
}

impl Target {
    fn drafts(&self) -> bool {
        matches!(self, Target::Imap { .. })
    }
}

/// How to push.
#[derive(Clone)]
pub struct Settings {
    pub target: Target,
    /// Read and decide, write nothing; the report says what would change.
    pub dry_run: bool,
    /// One line per request (`-v`): method, path, status; never a header.
    pub logger: Option<Logger>,
    /// CalDAV requests in flight at once.
    pub parallelism: usize,
}

/// One input, planned: what it delivers.
#[derive(Debug)]
pub struct Prepared {
    pub name: String,
    pub items: Vec<Item>,
    pub warnings: Vec<Diagnostic>,
}

/// Plans the input `name` (its `bytes` given) for `target`: its delivered
/// steps' calendar objects, or their drafts. Holiday files are read beside
/// it. `now` is the DTSTAMP of the objects (not part of their hash).
pub fn prepare(
    name: &str,
    bytes: &[u8],
    now: Timestamp,
    target: &Target,
) -> Result<Prepared, Failure> {
    let holidays = FileHolidays::beside(name);
    let mut loaded = load(name, bytes, &holidays).map_err(|f| Failure::Invalid(f.diagnostics))?;
    view::sort(&loaded.model, &mut loaded.steps);
    let notes = Notes::new();
    let opts = Options::new(now);
    let bug = |d: Diagnostic| Failure::Invalid(vec![d.in_file(name)]);
    let mut warnings = loaded.warnings;
    let items = if target.drafts() {
        deliver_steps::drafts(&loaded.model, &loaded.steps, &notes).map_err(bug)?
    } else {
        let (items, more) =
            deliver_steps::events(&loaded.model, &loaded.steps, &notes, &opts).map_err(bug)?;
        warnings.extend(more.into_iter().map(|d| d.in_file(name)));
        items
    };
    Ok(Prepared {
        name: name.to_string(),
        items,
        warnings,
    })
}

/// One item's line in the report, by UID (or resource name, for one of
/// ours whose step is gone and whose UID only the server knew).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub uid: String,
    pub change: Change,
    pub result: ItemResult,
}

/// What a push did (or, dry, would do).
#[derive(Debug)]
pub struct Pushed {
    /// The calendar's URL or the IMAP URL written to.
    pub destination: String,
    /// `--create` made the calendar (or, dry, would make it).
    pub created_calendar: bool,
    pub report: SyncReport,
    /// Changes first, then unchanged; see [`SyncReport::outcomes`].
    pub lines: Vec<Line>,
}

impl Pushed {
    /// SPEC §10's closing line: `pushed: N created, M updated, ...`.
    pub fn summary(&self) -> String {
        self.report.summary()
    }
}

/// Syncs every prepared input into `settings.target`. A UID in two inputs
/// is refused (exit 1) before anything is sent; a network, TLS or login
/// failure, or a calendar that is not there, is a [`Failure`] with exit 3.
pub fn deliver(
    inputs: &[Prepared],
    credentials: Credentials,
    settings: &Settings,
) -> Result<Pushed, Failure> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for p in inputs {
        for item in &p.items {
            if let Some(other) = seen.insert(&item.uid, &p.name) {
                return Err(Failure::Message(
                    Exit::Invalid,
                    format!(
                        "the step {} is in both {other} and {}\n  = help: push them one at a \
                         time into different calendars, or rename the interview id in one",
                        item.uid, p.name
                    ),
                ));
            }
        }
    }
    let items: Vec<&Item> = inputs.iter().flat_map(|p| &p.items).collect();
    let sync = SyncOptions {
        dry_run: settings.dry_run,
        stop_after_writes: None,
    };
    let failed = |e: crate::push::Error| Failure::Message(Exit::Io, e.to_string());
    match &settings.target {
        Target::Imap { url } => {
            let drafts: Vec<Draft> = items
                .iter()
                .map(|i| Draft::new(i.uid.clone(), i.body.clone()))
                .collect();
            let options = ImapOptions {
                logger: settings.logger.clone(),
                ..ImapOptions::default()
            };
            let report = imap::sync(url, &credentials, &drafts, &options, &sync).map_err(failed)?;
            Ok(finish(url.clone(), false, report, |key| key.to_string()))
        }
        Target::CalDav {
            url,
            calendar,
            create,
        } => {
            let client = Client::new(
                credentials,
                ClientOptions {
                    parallelism: settings.parallelism,
                    logger: settings.logger.clone(),
                    ..ClientOptions::default()
                },
            )
            .map_err(failed)?;
            let resources: Vec<Resource> = items
                .iter()
                .map(|i| Resource::from_event(&i.uid, i.body.clone()))
                .collect();
            let names: HashMap<String, String> = items
                .iter()
                .map(|i| (resource_name(&i.uid), i.uid.clone()))
                .collect();
            let uid_of = |name: &str| match names.get(name) {
                Some(uid) => uid.clone(),
                None => name.to_string(),
            };
            let (collection, created) = match calendar {
                None => (url.clone(), false),
                Some(name) => {
                    match client.find_calendar(url, name, *create && !settings.dry_run) {
                        Ok((c, made)) => (c.url, made),
                        // Dry, a calendar --create would make: everything
                        // would be created in it; nothing is sent.
                        Err(crate::push::Error::NotFound { .. }) if *create => {
                            let mut report = SyncReport {
                                dry_run: true,
                                ..SyncReport::default()
                            };
                            report.tally(dry_creates(&resources));
                            return Ok(finish(name.clone(), true, report, uid_of));
                        }
                        Err(e) => return Err(failed(e)),
                    }
                }
            };
            let report = client
                .sync(&collection, &resources, &sync)
                .map_err(failed)?;
            Ok(finish(collection, created, report, uid_of))
        }
    }
}

/// Every resource as a dry-run create.
fn dry_creates(resources: &[Resource]) -> Vec<crate::push::sync::Outcome> {
    resources
        .iter()
        .map(|r| crate::push::sync::Outcome {
            name: r.name.clone(),
            change: Change::Create,
            result: ItemResult::DryRun,
        })
        .collect()
}

fn finish(
    destination: String,
    created_calendar: bool,
    report: SyncReport,
    uid_of: impl Fn(&str) -> String,
) -> Pushed {
    let lines = report
        .outcomes
        .iter()
        .map(|o| Line {
            uid: uid_of(&o.name),
            change: o.change,
            result: o.result.clone(),
        })
        .collect();
    Pushed {
        destination,
        created_calendar,
        report,
        lines,
    }
}
