//! The document: the top level, `candidate`, `defaults` and the
//! `interviews` list, checked in pieces on every core and joined in order
//! (so the diagnostics are those of one pass), then what involves several
//! interviews: duplicate ids, and at most one `accepted` (SPEC §8).

use super::keys::{SETTING_KEYS, TOP_KEYS};
use super::settings::Layer;
use super::source::HolidaySource;
use super::validator::{Validator, find, quote};
use crate::error::{Diagnostic, FieldPath};
use crate::model::types::{Candidate, Interview, Model, Policy, Status};
use crate::model::yaml::{Key, Node, Pos, Span, Value};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::Arc;

/// Validates a parsed document. Returns the model only when there is no
/// error; warnings come back either way. Diagnostics carry no file name: the
/// caller adds it.
///
/// The tree is taken, not borrowed: it is several times the input's size,
/// and each interview's subtree is dropped as soon as that interview is
/// converted, so the tree and the model are never held whole at once
/// (SPEC §11's memory bound).
pub fn validate(
    root: Option<Node>,
    holidays: &dyn HolidaySource,
) -> (Option<Model>, Vec<Diagnostic>) {
    let mut v = Validator {
        diags: Vec::new(),
        holidays,
        zone_cache: HashMap::new(),
        zone_names: None,
        years: 2000..=2040,
        auto_cache: HashMap::new(),
        notes: Vec::new(),
    };
    let model = v.document(root);
    // Report in reading order; problems without a position come last. A
    // warning about a `defaults` entry comes once, not once per piece.
    v.diags
        .sort_by_key(|d| d.pos.map_or((u32::MAX, u32::MAX), |p| (p.line, p.col)));
    v.diags.dedup();
    let ok = !v.diags.iter().any(Diagnostic::is_error);
    (model.filter(|_| ok), v.diags)
}

/// Interviews per piece of the list checked on one core.
pub(super) const VALIDATE_CHUNK: usize = 256;

impl Validator<'_> {
    pub(super) fn document(&mut self, root: Option<Node>) -> Option<Model> {
        let Some(mut root) = root else {
            self.diags.push(
                Diagnostic::error(
                    "interviews",
                    Some(Pos { line: 1, col: 1 }),
                    "the file has no content: there is no `interviews` list",
                )
                .with_hint(
                    "an input needs an `interviews:` list (is this the right file?); run `followup init` for a starter file",
                ),
            );
            return None;
        };
        let path = FieldPath::root();
        let top = self.map(&root, &path, TOP_KEYS, "the top level")?;
        self.years = scan_years(top);
        // The list's entries, taken out of the tree so that each can be
        // dropped once converted; the rest of the tree is small.
        let at = top.iter().position(|(k, _)| k.name == "interviews");
        let mut items: Vec<Node> = match (&mut root.value, at) {
            (Value::Map(entries), Some(at)) => match entries.get_mut(at).map(|e| &mut e.1.value) {
                Some(Value::Seq(items)) => std::mem::take(items),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let top = root.as_map().unwrap_or(&[]);
        let candidate = match find(top, "candidate") {
            Some(n) => self.candidate(n, &path.key("candidate")),
            None => Candidate::default(),
        };
        let defaults = match find(top, "defaults") {
            Some(n) => self.layer(n, &path.key("defaults"), SETTING_KEYS, "defaults"),
            None => Layer::default(),
        };
        let builtin = Policy::default();
        let default_policy = defaults.policy.over(&builtin);
        let default_rules = Arc::new(self.rules(&defaults, &Layer::default(), &default_policy));

        let Some(list) = top.iter().find(|(k, _)| k.name == "interviews") else {
            self.diags.push(
                Diagnostic::error(
                    "interviews",
                    Some(root.pos),
                    "the document has no `interviews` list",
                )
                .with_hint(
                    "add `interviews:` with one entry per interview (is this the right file?)",
                ),
            );
            return None;
        };
        match &list.1.value {
            Value::Seq(_) | Value::Null => {}
            _ => {
                self.error(
                    &path.key("interviews"),
                    list.1.span(),
                    format!("`interviews` must be a list, found {}", list.1.value.kind()),
                    "start each interview with `- id: ...`",
                );
                return None;
            }
        }
        if items.is_empty() {
            self.diags.push(
                Diagnostic::warning(
                    "interviews",
                    Some(list.1.pos),
                    "the `interviews` list is empty: the calendar will have no events",
                )
                .with_hint("add an interview, or check that this is the right file"),
            );
        }
        // Interviews are independent: each piece of the list is checked by
        // its own validator on any core, and the results joined in order, so
        // the diagnostics come out as one validator would give them.
        let list_path = path.key("interviews");
        type Checked = (Option<Interview>, Vec<Diagnostic>, Vec<String>, Spot);
        let checked: Vec<Checked> = items
            .par_chunks_mut(VALIDATE_CHUNK)
            .enumerate()
            .flat_map_iter(|(c, chunk)| {
                let mut v = self.fork();
                chunk
                    .iter_mut()
                    .enumerate()
                    .map(|(j, item)| {
                        let p = list_path.index(c * VALIDATE_CHUNK + j);
                        let iv = v.interview(item, &p, &defaults, &default_policy, &default_rules);
                        let spot = Spot::of(item);
                        // Converted: its subtree is no longer needed.
                        drop(std::mem::replace(&mut item.value, Value::Null));
                        (
                            iv,
                            std::mem::take(&mut v.diags),
                            std::mem::take(&mut v.notes),
                            spot,
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        drop(items);
        drop(root);
        let mut interviews = Vec::with_capacity(checked.len());
        let mut seen: HashMap<String, u32> = HashMap::with_capacity(checked.len());
        let mut notes: Vec<String> = Vec::new();
        // The first `accepted` interview: its id and line.
        let mut accepted: Option<(String, u32)> = None;
        for (i, (iv, diags, auto_notes, item)) in checked.into_iter().enumerate() {
            self.diags.extend(diags);
            notes.extend(auto_notes);
            if let Some(iv) = iv {
                if iv.status == Status::Accepted {
                    let at = item.status.unwrap_or_else(|| item.pos.into());
                    match &accepted {
                        Some((first, line)) => self.error(
                            &list_path.index(i).key("status"),
                            at,
                            format!(
                                "two interviews are `accepted`: {} (line {line}) and {}; only one offer can be accepted",
                                quote(first),
                                quote(&iv.id)
                            ),
                            "set the older one to `status: withdrawn`",
                        ),
                        None => accepted = Some((iv.id.clone(), at.pos.line)),
                    }
                }
                if let Some(line) = seen.get(&iv.id) {
                    let pos = item.id.unwrap_or_else(|| item.pos.into());
                    self.error(
                        &list_path.index(i).key("id"),
                        pos,
                        format!("duplicate id {}: line {line} already uses it", quote(&iv.id)),
                        "every interview needs its own id; it keeps calendar events stable across edits",
                    );
                } else {
                    seen.insert(iv.id.clone(), item.pos.line);
                }
                interviews.push(iv);
            }
        }
        notes.sort();
        notes.dedup();
        Some(Model {
            candidate,
            interviews,
            holiday_notes: notes,
        })
    }
}

/// Where an interview and two of its values stand, kept for the checks
/// across interviews once its subtree is dropped.
struct Spot {
    pos: Pos,
    /// Its `status` value.
    status: Option<Span>,
    /// Its first `id` value.
    id: Option<Span>,
}

impl Spot {
    fn of(item: &Node) -> Spot {
        let map = item.as_map();
        Spot {
            pos: item.pos,
            status: map.and_then(|m| find(m, "status")).map(Node::span),
            id: map
                .and_then(|m| m.iter().find(|(k, _)| k.name == "id"))
                .map(|(_, v)| v.span()),
        }
    }
}

/// The years the file's interviews fall in, widened by a year before and
/// two after, for expanding named holiday calendars. A cheap pre-scan of
/// `start` values; anything unparsable is ignored here and reported later.
pub(super) fn scan_years(top: &[(Key, Node)]) -> RangeInclusive<i16> {
    let mut lo = i16::MAX;
    let mut hi = i16::MIN;
    if let Some(Value::Seq(items)) = find(top, "interviews").map(|n| &n.value) {
        for item in items {
            let year = item
                .as_map()
                .and_then(|m| find(m, "start"))
                .and_then(|n| n.value.scalar_text())
                .and_then(|t| t.get(0..4).and_then(|y| y.parse::<i16>().ok()));
            if let Some(y) = year {
                lo = lo.min(y);
                hi = hi.max(y);
            }
        }
    }
    if lo > hi {
        return 2000..=2040;
    }
    // Dates outside the years followup handles are refused (SPEC §11);
    // only steps, placed after them, reach a little further.
    let (first, last) = (*crate::ics::YEARS.start(), *crate::ics::YEARS.end());
    lo.saturating_sub(1).clamp(first - 1, last)..=hi.saturating_add(2).clamp(first, last + 15)
}
