//! The pure decision of a sync: given what is wanted (key, hash) and what
//! the server holds of ours (key, hash, handle), what to create, replace,
//! delete and leave alone. No I/O; both clients execute its result.
//!
//! Rules (SPEC §10):
//! - a wanted key with a held copy of the same hash is unchanged;
//! - a wanted key whose held copy differs is replaced (one held copy is the
//!   one to update; CalDAV updates it in place with If-Match);
//! - a wanted key with no held copy is created;
//! - held copies whose key is not wanted are deleted;
//! - extra held copies of one key (left by an interrupted IMAP replace) are
//!   deleted, keeping the one that matches when there is one.
//!
//! What the server holds but followup did not write never reaches this
//! function: each client filters to its own items first.
//!
//! Also here, shared by both clients: [`SyncOptions`] (dry run, stop after
//! N writes) and the [`SyncReport`] with its per-item [`Outcome`]s and
//! SPEC §10's summary line.

use std::collections::HashMap;

/// What one sync does besides syncing.
#[derive(Clone, Debug, Default)]
pub struct SyncOptions {
    /// Read and decide, write nothing; outcomes say what would be done.
    pub dry_run: bool,
    /// Stop starting writes after this many (the rest are reported as not
    /// attempted): what an interrupted run leaves, on purpose.
    pub stop_after_writes: Option<usize>,
}

/// What a sync decided for one resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Create,
    Update,
    Delete,
    Unchanged,
}

/// How that went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemResult {
    /// Written (or nothing to write, for [`Change::Unchanged`]).
    Done,
    /// `dry_run`: nothing was sent.
    DryRun,
    /// 412: the server's copy changed or appeared meanwhile; skipped.
    Conflict(String),
    /// The server refused this one (another status); skipped.
    Failed(String),
    /// Not attempted: `stop_after_writes` was reached.
    NotAttempted,
}

/// One resource's line in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub name: String,
    pub change: Change,
    pub result: ItemResult,
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub created: usize,
    pub updated: usize,
    pub deleted: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    pub failed: usize,
    pub not_attempted: usize,
    pub dry_run: bool,
    /// Requests sent (reads and writes), and writes among them.
    pub requests: usize,
    pub write_requests: usize,
    /// Creates, updates and deletes first, in wanted order, then unchanged.
    pub outcomes: Vec<Outcome>,
    /// What the user should know that is no item's outcome (e.g. drafts
    /// left flagged deleted on a server without UIDPLUS).
    pub warnings: Vec<String>,
}

impl SyncReport {
    /// Counts `outcomes` and keeps them, changes first.
    pub fn tally(&mut self, outcomes: Vec<Outcome>) {
        let (mut changes, mut same): (Vec<Outcome>, Vec<Outcome>) = outcomes
            .into_iter()
            .partition(|o| o.change != Change::Unchanged);
        for o in changes.iter().chain(same.iter()) {
            match (&o.result, o.change) {
                (ItemResult::Done | ItemResult::DryRun, Change::Create) => self.created += 1,
                (ItemResult::Done | ItemResult::DryRun, Change::Update) => self.updated += 1,
                (ItemResult::Done | ItemResult::DryRun, Change::Delete) => self.deleted += 1,
                (ItemResult::Done | ItemResult::DryRun, Change::Unchanged) => self.unchanged += 1,
                (ItemResult::Conflict(_), _) => self.conflicts += 1,
                (ItemResult::Failed(_), _) => self.failed += 1,
                (ItemResult::NotAttempted, _) => self.not_attempted += 1,
            }
        }
        changes.append(&mut same);
        self.outcomes = changes;
    }

    /// SPEC §10's closing line.
    pub fn summary(&self) -> String {
        let verb = if self.dry_run { "would push" } else { "pushed" };
        let mut s = format!(
            "{verb}: {} created, {} updated, {} deleted, {} unchanged",
            self.created, self.updated, self.deleted, self.unchanged
        );
        for (n, what) in [
            (self.conflicts, "skipped (changed on the server)"),
            (self.failed, "failed"),
            (self.not_attempted, "not attempted"),
        ] {
            if n > 0 {
                s.push_str(&format!(", {n} {what}"));
            }
        }
        s
    }
}

/// One held copy of ours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held<H> {
    pub key: String,
    pub hash: String,
    pub handle: H,
}

/// What to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action<H> {
    /// Write wanted item `index` anew.
    Create { index: usize },
    /// Replace `handle` with wanted item `index`.
    Update { index: usize, handle: H },
    /// Remove `handle` (key no longer wanted, or a duplicate).
    Delete { key: String, handle: H },
    /// Wanted item `index` is held as `handle` already.
    Unchanged { index: usize, handle: H },
}

/// The actions turning `held` into `wanted` (`(key, hash)` pairs; keys are
/// unique, which the callers check). Creates, updates and unchanged come
/// in `wanted` order, then deletes in `held` order: deterministic.
pub fn plan<H: Clone>(wanted: &[(&str, &str)], held: &[Held<H>]) -> Vec<Action<H>> {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, h) in held.iter().enumerate() {
        by_key.entry(h.key.as_str()).or_default().push(i);
    }
    let mut used = vec![false; held.len()];
    let mut actions = Vec::with_capacity(wanted.len());
    for (index, (key, hash)) in wanted.iter().enumerate() {
        let copies = by_key.get(key).map(Vec::as_slice).unwrap_or(&[]);
        let same = copies.iter().copied().find(|&i| held[i].hash == *hash);
        match (same, copies.first()) {
            (Some(i), _) => {
                used[i] = true;
                actions.push(Action::Unchanged {
                    index,
                    handle: held[i].handle.clone(),
                });
            }
            (None, Some(&i)) => {
                used[i] = true;
                actions.push(Action::Update {
                    index,
                    handle: held[i].handle.clone(),
                });
            }
            (None, None) => actions.push(Action::Create { index }),
        }
    }
    for (i, h) in held.iter().enumerate() {
        if !used[i] {
            actions.push(Action::Delete {
                key: h.key.clone(),
                handle: h.handle.clone(),
            });
        }
    }
    actions
}

/// The first key that occurs twice in `keys`, if any.
pub fn duplicate_key<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::new();
    keys.into_iter().find(|k| !seen.insert(*k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(key: &str, hash: &str, handle: u32) -> Held<u32> {
        Held {
            key: key.into(),
            hash: hash.into(),
            handle,
        }
    }

    #[track_caller]
    fn case(wanted: &[(&str, &str)], have: &[Held<u32>], want: &[Action<u32>]) {
        assert_eq!(plan(wanted, have), want);
    }

    #[test]
    fn decisions() {
        use Action::*;
        // Nothing held: create all.
        case(
            &[("a", "1"), ("b", "2")],
            &[],
            &[Create { index: 0 }, Create { index: 1 }],
        );
        // Same hash: unchanged; different: update; not wanted: delete.
        case(
            &[("a", "1"), ("b", "2")],
            &[held("a", "1", 10), held("b", "9", 11), held("c", "3", 12)],
            &[
                Unchanged {
                    index: 0,
                    handle: 10,
                },
                Update {
                    index: 1,
                    handle: 11,
                },
                Delete {
                    key: "c".into(),
                    handle: 12,
                },
            ],
        );
        // Duplicates of one key (an interrupted replace): keep the matching
        // copy wherever it is, delete the other.
        case(
            &[("a", "2")],
            &[held("a", "1", 10), held("a", "2", 11)],
            &[
                Unchanged {
                    index: 0,
                    handle: 11,
                },
                Delete {
                    key: "a".into(),
                    handle: 10,
                },
            ],
        );
        // Two stale copies: update the first, delete the second.
        case(
            &[("a", "3")],
            &[held("a", "1", 10), held("a", "2", 11)],
            &[
                Update {
                    index: 0,
                    handle: 10,
                },
                Delete {
                    key: "a".into(),
                    handle: 11,
                },
            ],
        );
        // Nothing wanted: delete everything of ours.
        case(
            &[],
            &[held("a", "1", 10)],
            &[Delete {
                key: "a".into(),
                handle: 10,
            }],
        );
    }

    #[test]
    fn summary_line() {
        let r = SyncReport {
            created: 2,
            unchanged: 5,
            conflicts: 1,
            ..SyncReport::default()
        };
        assert_eq!(
            r.summary(),
            "pushed: 2 created, 0 updated, 0 deleted, 5 unchanged, 1 skipped (changed on the server)"
        );
    }

    #[test]
    fn duplicates() {
        assert_eq!(duplicate_key(["a", "b", "a"]), Some("a"));
        assert_eq!(duplicate_key(["a", "b"]), None);
    }
}
