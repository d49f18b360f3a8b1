//! The walker's state and the checks of shape every part shares: a
//! mapping with known keys only, text, a required key, a list. Each problem
//! becomes a [`Diagnostic`] at the value's position, with the field path.

use super::source::HolidaySource;
use crate::error::{Diagnostic, FieldPath};
use crate::model::suggest;
use crate::model::types::Rules;
use crate::model::yaml::{Key, Node, Span, Value};
use crate::zone::Zone;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::Arc;

/// The one walker over the tree: the diagnostics so far, the holiday
/// source, the zones already looked up, and what `holidays: [auto]` gave.
pub(super) struct Validator<'h> {
    pub(super) diags: Vec<Diagnostic>,
    pub(super) holidays: &'h dyn HolidaySource,
    pub(super) zone_cache: HashMap<String, Result<Zone, String>>,
    pub(super) zone_names: Option<Vec<String>>,
    /// Years for which named holiday calendars are expanded.
    pub(super) years: RangeInclusive<i16>,
    /// Rules with `holidays: [auto]` resolved, by zone and the rules they
    /// were made from.
    pub(super) auto_cache: HashMap<(String, usize), Arc<Rules>>,
    /// What `auto` chose, for `plan -v`.
    pub(super) notes: Vec<String>,
}

/// The longest text value, in characters (SPEC §11): far more than any
/// name, title or topic needs, and it keeps one value from filling a
/// calendar (a 50 MB company name would be repeated in every event).
pub(super) const MAX_TEXT: usize = 500;

/// The value of `key` in a mapping, unless it is absent or null.
pub(super) fn find<'n>(entries: &'n [(Key, Node)], key: &str) -> Option<&'n Node> {
    entries
        .iter()
        .find(|(k, v)| k.name == key && v.value != Value::Null)
        .map(|(_, v)| v)
}

/// A value as messages quote it: at most 80 characters (then `…`),
/// escaped.
pub(super) fn quote(s: &str) -> String {
    let shown: String = s.chars().take(80).collect();
    let more = if shown.len() < s.len() { "…" } else { "" };
    format!("\"{}\"{more}", shown.escape_debug())
}

/// Describes a value for a message: its text quoted, or its kind.
pub(super) fn describe(node: &Node) -> String {
    match node.value.scalar_text() {
        Some(t) => quote(&t),
        None => node.value.kind().to_string(),
    }
}

impl<'h> Validator<'h> {
    /// Records an error at `at`: a value or key (underlined whole) or a
    /// bare position (one caret).
    pub(super) fn error(
        &mut self,
        path: &FieldPath,
        at: impl Into<Span>,
        message: String,
        hint: impl Into<String>,
    ) {
        let at: Span = at.into();
        let hint: String = hint.into();
        let d = Diagnostic::error(path.as_str(), Some(at.pos), message).with_len(at.len);
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    /// A validator for a piece of the work, with the same settings and
    /// zones found so far, and no diagnostics of its own yet.
    pub(super) fn fork(&self) -> Validator<'h> {
        Validator {
            diags: Vec::new(),
            holidays: self.holidays,
            zone_cache: self.zone_cache.clone(),
            zone_names: None,
            years: self.years.clone(),
            auto_cache: HashMap::new(),
            notes: Vec::new(),
        }
    }
}

impl Validator<'_> {
    /// Checks that `node` is a mapping with only `allowed` keys.
    pub(super) fn map<'n>(
        &mut self,
        node: &'n Node,
        path: &FieldPath,
        allowed: &[&str],
        what: &str,
    ) -> Option<&'n [(Key, Node)]> {
        let Value::Map(entries) = &node.value else {
            self.error(
                path,
                node.span(),
                format!(
                    "{what} must be a mapping of `key: value` lines, found {}",
                    describe(node)
                ),
                "",
            );
            return None;
        };
        for (k, _) in entries {
            if !allowed.contains(&k.name.as_str()) {
                self.error(
                    &path.key(&k.name),
                    k.span(),
                    format!("unknown key {} in {what}", quote(&k.name)),
                    suggest::hint(&k.name, allowed),
                );
            }
        }
        Some(entries)
    }

    /// A text value: at most [`MAX_TEXT`] characters (SPEC §11), its bidi
    /// controls balanced so it cannot change the direction of the text it
    /// is put in (see `ics::escape::balance_bidi`).
    pub(super) fn text(&mut self, node: &Node, path: &FieldPath) -> Option<String> {
        self.text_of_at_most(node, path, MAX_TEXT, "a field")
    }

    /// [`Validator::text`] with its own limit, `what` naming the value in
    /// the message ("a zone name").
    pub(super) fn text_of_at_most(
        &mut self,
        node: &Node,
        path: &FieldPath,
        limit: usize,
        what: &str,
    ) -> Option<String> {
        match node.value.scalar_text() {
            Some(t) if t.len() > limit && t.chars().count() > limit => {
                self.error(
                    path,
                    node.span(),
                    format!(
                        "{} is {} characters long; followup takes at most {limit} characters in {what}",
                        quote(&t),
                        t.chars().count()
                    ),
                    format!("shorten it to {limit} characters or fewer"),
                );
                None
            }
            Some(t) => Some(match crate::ics::escape::balance_bidi(&t) {
                std::borrow::Cow::Borrowed(_) => t,
                std::borrow::Cow::Owned(balanced) => balanced,
            }),
            None => {
                self.error(
                    path,
                    node.span(),
                    format!("expected text, found {}", node.value.kind()),
                    "write a single value on the same line as the key",
                );
                None
            }
        }
    }

    pub(super) fn opt_text(
        &mut self,
        entries: &[(Key, Node)],
        key: &str,
        path: &FieldPath,
    ) -> Option<String> {
        find(entries, key).and_then(|n| self.text(n, &path.key(key)))
    }

    /// The value of a required key, or a "missing" error at its parent.
    pub(super) fn required<'n>(
        &mut self,
        entries: &'n [(Key, Node)],
        key: &str,
        parent: &Node,
        path: &FieldPath,
        hint: &str,
    ) -> Option<&'n Node> {
        let found = find(entries, key);
        if found.is_none() {
            self.error(
                &path.key(key),
                parent.pos,
                format!("missing required key `{key}`"),
                hint,
            );
        }
        found
    }

    pub(super) fn required_text(
        &mut self,
        entries: &[(Key, Node)],
        key: &str,
        parent: &Node,
        path: &FieldPath,
        hint: &str,
    ) -> Option<String> {
        let n = self.required(entries, key, parent, path, hint)?;
        let t = self.text(n, &path.key(key))?;
        if t.trim().is_empty() {
            self.error(&path.key(key), n.span(), format!("`{key}` is empty"), hint);
            return None;
        }
        Some(t)
    }

    pub(super) fn list<'n>(
        &mut self,
        node: &'n Node,
        path: &FieldPath,
        example: &str,
    ) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.error(
                    path,
                    node.span(),
                    format!("expected a list, found {}", describe(node)),
                    format!("write a list in brackets, e.g. {example}"),
                );
                None
            }
        }
    }

    pub(super) fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }
}
