//! [`Editor`]: set a key or append a list item at a path, as splices of
//! the original text written in the style of what is around them; then
//! [`Editor::finish`] applies them and checks the result (see `guard`).

use super::super::parse::parse;
use super::super::tree::{Key, Node, Value};
use super::fragment::{FlowStyle, Fragment, double_quoted, flow, scalar, single_quoted};
use super::guard;
use super::outline::{Kind, Outline, Style, colon_after, entry_end, outline};
use super::splice::{EditError, Splice};

/// A list written in flow style on one line that would pass this many
/// bytes is written one item a line instead.
const MAX_LINE: usize = 100;

/// One step of a path from the document's root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At<'a> {
    Key(&'a str),
    Index(usize),
}

fn fail<T>(msg: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(msg.into()))
}

/// Edits of one YAML text. Each edit is computed against the original
/// text; [`Editor::finish`] applies them all at once.
pub struct Editor<'t> {
    text: &'t str,
    root: Outline,
    /// The located tree, changed by each edit as the result must read.
    expected: Node,
    /// The line ending new lines get where a line has none of its own.
    eol: &'static str,
    flow_style: FlowStyle,
    /// Columns from a key to the dash of its block list (`key:\n  - x`: 2).
    list_offset: usize,
    splices: Vec<Splice>,
}

impl<'t> Editor<'t> {
    /// Reads `text` for editing; a text that is not YAML, or an empty
    /// document, is refused.
    pub fn new(text: &'t str) -> Result<Editor<'t>, EditError> {
        let root = match outline(text) {
            Ok(Some(r)) => r,
            Ok(None) => return fail("the file is empty"),
            Err(e) => return fail(format!("the file is not valid YAML: {e}")),
        };
        let expected = match parse(text) {
            Ok(Some(n)) => n,
            Ok(None) => return fail("the file is empty"),
            Err(e) => return fail(format!("the file is not valid YAML: {}", e.message)),
        };
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut e = Editor {
            text,
            root,
            expected,
            eol,
            flow_style: FlowStyle { padded: true },
            list_offset: 2,
            splices: Vec::new(),
        };
        e.learn_style();
        Ok(e)
    }

    /// The file's habits: the spacing inside the first flow mapping's
    /// braces, and how far the first block list under a key is indented.
    fn learn_style(&mut self) {
        let mut padded = None;
        let mut offset = None;
        let mut stack = vec![&self.root];
        while let Some(n) = stack.pop() {
            match &n.kind {
                Kind::Map { flow, entries } => {
                    if *flow && !entries.is_empty() && padded.is_none() {
                        padded = Some(self.text.as_bytes().get(n.start + 1) == Some(&b' '));
                    }
                    for (k, v) in entries.iter().rev() {
                        if let Kind::Seq { flow: false, .. } = v.kind
                            && offset.is_none()
                            && self.indent_of(k.start).is_some()
                            && let Some(dash) = self.dash_before(v.start)
                        {
                            offset = Some(self.col(dash).saturating_sub(self.col(k.start)));
                        }
                        stack.push(v);
                    }
                }
                Kind::Seq { items, .. } => stack.extend(items.iter().rev()),
                Kind::Scalar { .. } => {}
            }
        }
        self.flow_style.padded = padded.unwrap_or(true);
        self.list_offset = offset.unwrap_or(2);
    }

    /// Sets `key` of the mapping at `path` to `value`: the value is
    /// replaced in place when the key is there, else a new entry is
    /// written after the entry `after` (when given and present) or at the
    /// end of the mapping.
    pub fn set(
        &mut self,
        path: &[At<'_>],
        key: &str,
        value: &Fragment,
        after: Option<&str>,
    ) -> Result<(), EditError> {
        let map = self.node(path)?.clone();
        let Kind::Map { flow: in_flow, .. } = map.kind else {
            return fail(format!("{} is not a mapping", show(path)));
        };
        match (map.get(key), value) {
            (Some((k, v)), Fragment::Text(t)) => {
                let (k, v) = (k.clone(), v.clone());
                self.replace_scalar(&map, &k, &v, t, in_flow)?;
            }
            (Some(_), _) => {
                return fail(format!(
                    "{} already has `{key}`; not replacing a whole list or mapping",
                    show(path)
                ));
            }
            (None, _) => self.add_entry(&map, path, key, value, after)?,
        }
        set_in(&mut self.expected, path, key, value.to_value())
    }

    /// Appends `item` to the list under `key` of the mapping at `path`,
    /// creating the list when the key is missing or empty.
    pub fn push(&mut self, path: &[At<'_>], key: &str, item: &Fragment) -> Result<(), EditError> {
        let map = self.node(path)?.clone();
        let Kind::Map { flow: in_flow, .. } = map.kind else {
            return fail(format!("{} is not a mapping", show(path)));
        };
        match map.get(key) {
            None => {
                let list = Fragment::List(vec![item.clone()]);
                let as_flow = in_flow || self.sibling_list_is_flow(path, key);
                self.add_list_entry(&map, key, &list, as_flow)?;
            }
            Some((k, v)) if !in_flow && (v.is_empty_value() || is_empty_flow_list(v)) => {
                let (k, v) = (k.clone(), v.clone());
                if v.start != v.end && !wants_block(item) {
                    // `done: ~`, `done: []`: the list comes in its place.
                    let text = flow(&Fragment::List(vec![item.clone()]), self.flow_style);
                    self.splice(&map, v.start, v.end, text)?;
                } else {
                    if v.start != v.end {
                        // `interviews: []` before a whole interview: the
                        // brackets go, the item comes as a block below.
                        let from = self.text[..v.start].trim_end_matches(' ').len();
                        self.splice(&map, from.max(k.end + 1), v.end, String::new())?;
                    }
                    let indent =
                        format!("{}{}", self.key_indent(&map), " ".repeat(self.list_offset));
                    let lines = match item {
                        Fragment::Map(entries) if wants_block(item) => self.block_item(
                            &format!("{indent}- "),
                            &format!("{indent}  "),
                            entries,
                            None,
                        ),
                        other => vec![format!("{indent}- {}", flow(other, self.flow_style))],
                    };
                    self.insert_lines_after(&map, k.end, &lines)?;
                }
            }
            Some((_, v)) => {
                let v = v.clone();
                self.append_item(&v, item)?;
            }
        }
        push_in(&mut self.expected, path, key, item.to_value())
    }

    /// Applies the edits and checks the result (see `guard`): the text,
    /// or why it cannot be trusted.
    pub fn finish(self) -> Result<String, EditError> {
        guard::apply_and_check(self.text, self.splices, &self.expected)
    }

    // --- the edits ---------------------------------------------------------

    fn replace_scalar(
        &mut self,
        map: &Outline,
        key: &Outline,
        value: &Outline,
        text: &str,
        in_flow: bool,
    ) -> Result<(), EditError> {
        let Kind::Scalar { style, .. } = value.kind else {
            return fail("the value to replace is a list or a mapping");
        };
        if value.start == value.end {
            // `key:` with nothing after it: the value goes after the colon.
            let Some(colon) = colon_after(self.text, key.end) else {
                return fail("no colon after the key");
            };
            return self.splice(
                map,
                colon + 1,
                colon + 1,
                format!(" {}", scalar(text, in_flow)),
            );
        }
        let written = match style {
            Style::Single => single_quoted(text),
            Style::Double => double_quoted(text),
            Style::Plain | Style::Block => scalar(text, in_flow),
        };
        // A comment after the value keeps its column where it can.
        let rest = &self.text[value.end..self.next_line(value.end)];
        let spaces = rest.bytes().take_while(|&b| b == b' ').count();
        if !in_flow && spaces > 0 && rest[spaces..].starts_with('#') {
            let old = self.text[value.start..value.end].chars().count();
            let pad = (old + spaces)
                .saturating_sub(written.chars().count())
                .max(1);
            let written = format!("{written}{}", " ".repeat(pad));
            return self.splice(map, value.start, value.end + spaces, written);
        }
        self.splice(map, value.start, value.end, written)
    }

    fn add_entry(
        &mut self,
        map: &Outline,
        path: &[At<'_>],
        key: &str,
        value: &Fragment,
        after: Option<&str>,
    ) -> Result<(), EditError> {
        if let Fragment::List(_) = value {
            let as_flow = self.sibling_list_is_flow(path, key);
            return self.add_list_entry(map, key, value, as_flow);
        }
        let Kind::Map { flow: in_flow, .. } = map.kind else {
            return fail("not a mapping");
        };
        let written = match value {
            Fragment::Text(t) => scalar(t, in_flow),
            other => flow(other, self.flow_style),
        };
        let entry = format!("{}: {written}", scalar(key, in_flow));
        if in_flow {
            return self.add_flow_entry(map, &entry);
        }
        let indent = self.key_indent(map);
        let anchor = self.block_anchor(map, after);
        self.insert_lines_after(map, anchor, &[format!("{indent}{entry}")])
    }

    /// A new `key:` holding a list: `key: [..]` in a flow mapping (or when
    /// `as_flow`), else the key and one line per item, each item a flow
    /// mapping.
    fn add_list_entry(
        &mut self,
        map: &Outline,
        key: &str,
        list: &Fragment,
        as_flow: bool,
    ) -> Result<(), EditError> {
        let Kind::Map { flow: in_flow, .. } = map.kind else {
            return fail("not a mapping");
        };
        let entry_key = scalar(key, in_flow);
        if in_flow {
            let entry = format!("{entry_key}: {}", flow(list, self.flow_style));
            return self.add_flow_entry(map, &entry);
        }
        let indent = self.key_indent(map);
        let anchor = self.block_anchor(map, None);
        let mut lines = Vec::new();
        match list {
            Fragment::List(items) if !as_flow => {
                lines.push(format!("{indent}{entry_key}:"));
                let pad = " ".repeat(self.list_offset);
                for item in items {
                    lines.push(format!("{indent}{pad}- {}", flow(item, self.flow_style)));
                }
            }
            other => lines.push(format!(
                "{indent}{entry_key}: {}",
                flow(other, self.flow_style)
            )),
        }
        self.insert_lines_after(map, anchor, &lines)
    }

    /// `, entry` after the last entry of a flow mapping (or the entry
    /// alone inside empty braces).
    fn add_flow_entry(&mut self, map: &Outline, entry: &str) -> Result<(), EditError> {
        let Kind::Map { entries, .. } = &map.kind else {
            return fail("not a mapping");
        };
        match entries.last() {
            None => {
                let pad = if self.flow_style.padded { " " } else { "" };
                self.splice(
                    map,
                    map.start + 1,
                    map.end - 1,
                    format!("{pad}{entry}{pad}"),
                )
            }
            Some((k, v)) => {
                let end = entry_end(self.text, k, v);
                self.after_last_flow_item(map, end, entry)
            }
        }
    }

    /// Writes `item` after a flow collection's last item ending at `end`,
    /// minding a trailing comma.
    fn after_last_flow_item(
        &mut self,
        coll: &Outline,
        end: usize,
        item: &str,
    ) -> Result<(), EditError> {
        let close = coll.end.saturating_sub(1);
        let between = self.text.get(end..close).unwrap_or_default();
        match between.find(',') {
            Some(comma) => {
                let at = end + comma + 1;
                self.splice(coll, at, at, format!(" {item},"))
            }
            None => self.splice(coll, end, end, format!(", {item}")),
        }
    }

    /// Appends to an existing list, in the style of its last item.
    fn append_item(&mut self, list: &Outline, item: &Fragment) -> Result<(), EditError> {
        let Kind::Seq {
            flow: is_flow,
            items,
        } = &list.kind
        else {
            return fail("the value is not a list");
        };
        if *is_flow {
            let written = flow(item, self.flow_style);
            return match items.last() {
                None => self.splice(list, list.start + 1, list.end - 1, written),
                Some(last) => self.after_last_flow_item(list, last.end, &written),
            };
        }
        let Some(last) = items.last() else {
            return fail("an empty block list");
        };
        let Some(dash) = self.dash_before(last.start) else {
            return fail("cannot find the dash of the list's last item");
        };
        let Some(prefix) = self.indent_of(dash) else {
            return fail("the list's last item does not start its line");
        };
        let prefix = prefix.to_string();
        let lines = match (&last.kind, item) {
            (Kind::Map { flow: false, .. }, Fragment::Map(entries))
                if self.line_start(last.start) == self.line_start(dash) =>
            {
                // A block mapping item: `- k: v` then the keys under the first.
                let gap = self.text[dash + 1..last.start].to_string();
                let under = format!("{prefix}{}", " ".repeat(last.start - dash));
                self.block_item(&format!("{prefix}-{gap}"), &under, entries, Some(last))
            }
            _ => vec![format!("{prefix}- {}", flow(item, self.flow_style))],
        };
        // Items set apart by a blank line get one more.
        let mut lines = lines;
        if let [.., before, _] = items.as_slice() {
            let gap: Vec<&str> = self.text[before.end..dash].split('\n').collect();
            if gap.len() > 2 && gap[1..gap.len() - 1].iter().any(|l| l.trim().is_empty()) {
                lines.insert(0, String::new());
            }
        }
        let anchor = self.after_comments(list.end, self.col(dash));
        // The edit may touch the lines from the last item on, no others.
        let last = last.clone();
        self.insert_lines_after(&last, anchor, &lines)
    }

    /// A mapping as a block list item: `lead` before the first key (the
    /// indentation and the dash), `under` before the others. A list value
    /// follows `sibling`'s list under the same key: flow if that is flow
    /// (and the line stays short), else one line per item.
    fn block_item(
        &self,
        lead: &str,
        under: &str,
        entries: &[(String, Fragment)],
        sibling: Option<&Outline>,
    ) -> Vec<String> {
        let pad = " ".repeat(self.list_offset);
        let mut lines = Vec::new();
        for (i, (k, v)) in entries.iter().enumerate() {
            let lead = if i == 0 { lead } else { under };
            let key = scalar(k, false);
            // Mirrored only when its items have the shape of ours (a
            // flow list of bare names says nothing of a list of mappings).
            let flow_list = match (sibling.and_then(|s| s.get(k)).map(|(_, v)| &v.kind), v) {
                (Some(Kind::Seq { flow: true, items }), Fragment::List(ours)) => {
                    let maps = |n: &Outline| matches!(n.kind, Kind::Map { .. });
                    let ours_maps = ours.iter().any(|f| matches!(f, Fragment::Map(_)));
                    items.first().is_none_or(|i| maps(i) == ours_maps)
                }
                _ => false,
            };
            let one_line = format!("{lead}{key}: {}", flow(v, self.flow_style));
            match v {
                Fragment::Text(t) => lines.push(format!("{lead}{key}: {}", scalar(t, false))),
                Fragment::List(items)
                    if !items.is_empty() && (!flow_list || one_line.len() > MAX_LINE) =>
                {
                    lines.push(format!("{lead}{key}:"));
                    for item in items {
                        lines.push(format!("{under}{pad}- {}", flow(item, self.flow_style)));
                    }
                }
                _ => lines.push(one_line),
            }
        }
        lines
    }

    /// Where a new entry of a block mapping goes: after the entry `after`,
    /// else after the last entry and the comments indented under it.
    fn block_anchor(&self, map: &Outline, after: Option<&str>) -> usize {
        if let Some((k, v)) = after.and_then(|a| map.get(a)) {
            return entry_end(self.text, k, v);
        }
        let col = match &map.kind {
            Kind::Map { entries, .. } => entries.first().map_or(0, |(k, _)| self.col(k.start)),
            _ => 0,
        };
        self.after_comments(map.end, col)
    }

    /// The indentation of a block mapping's keys: copied from the last key
    /// that starts its line, else spaces to the first key's column.
    fn key_indent(&self, map: &Outline) -> String {
        let Kind::Map { entries, .. } = &map.kind else {
            return String::new();
        };
        if let Some(indent) = entries
            .iter()
            .rev()
            .find_map(|(k, _)| self.indent_of(k.start))
        {
            return indent.to_string();
        }
        " ".repeat(entries.first().map_or(0, |(k, _)| self.col(k.start)))
    }

    /// Whether another item of the list holding the mapping at `path`
    /// writes `key` as a flow list: a new list then follows it.
    fn sibling_list_is_flow(&self, path: &[At<'_>], key: &str) -> bool {
        let Some((At::Index(_), parent)) = path.split_last() else {
            return false;
        };
        let Ok(Outline {
            kind: Kind::Seq { items, .. },
            ..
        }) = self.node(parent)
        else {
            return false;
        };
        items
            .iter()
            .filter_map(|i| i.get(key))
            .find_map(|(_, v)| match v.kind {
                Kind::Seq { flow, .. } => Some(flow),
                _ => None,
            })
            .unwrap_or(false)
    }

    // --- text positions ----------------------------------------------------

    fn node(&self, path: &[At<'_>]) -> Result<&Outline, EditError> {
        let mut n = &self.root;
        for step in path {
            n = match step {
                At::Key(k) => n.get(k).map(|(_, v)| v),
                At::Index(i) => n.item(*i),
            }
            .ok_or_else(|| EditError(format!("{} is not in the file", show(path))))?;
        }
        Ok(n)
    }

    fn line_start(&self, pos: usize) -> usize {
        self.text[..pos].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Just past the line break of the line holding `pos` (the text's end
    /// on a last line without one).
    fn next_line(&self, pos: usize) -> usize {
        self.text[pos..]
            .find('\n')
            .map_or(self.text.len(), |i| pos + i + 1)
    }

    fn col(&self, pos: usize) -> usize {
        pos - self.line_start(pos)
    }

    fn line_of(&self, pos: usize) -> usize {
        self.text.as_bytes()[..pos.min(self.text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    }

    /// The whitespace before `pos` on its line, when only whitespace is.
    fn indent_of(&self, pos: usize) -> Option<&'t str> {
        let s = &self.text[self.line_start(pos)..pos];
        s.bytes().all(|b| b == b' ').then_some(s)
    }

    /// The `-` of the block list item whose content starts at `pos`.
    fn dash_before(&self, pos: usize) -> Option<usize> {
        let before = self.text[..pos].trim_end_matches([' ', '\t', '\r', '\n']);
        before.ends_with('-').then(|| before.len() - 1)
    }

    /// Past the comment lines right after the line of `pos` that are
    /// indented at least `col` (they belong to what ends there); stops at
    /// a blank line or anything else.
    fn after_comments(&self, pos: usize, col: usize) -> usize {
        let mut end = pos;
        loop {
            let next = self.next_line(end);
            if next >= self.text.len() {
                return end;
            }
            let line = &self.text[next..self.next_line(next)];
            let trimmed = line.trim_start_matches(' ');
            let indent = line.len() - trimmed.len();
            if !trimmed.starts_with('#') || indent < col {
                return end;
            }
            end = next + line.trim_end_matches(['\r', '\n']).len();
        }
    }

    /// The line ending of the line holding `pos`, else the file's.
    fn eol_at(&self, pos: usize) -> &'static str {
        let next = self.next_line(pos);
        if self.text[..next].ends_with("\r\n") {
            "\r\n"
        } else if self.text[..next].ends_with('\n') {
            "\n"
        } else {
            self.eol
        }
    }

    /// New lines after the line holding `pos`, with its line ending; on a
    /// last line without one, the file keeps ending without one.
    fn insert_lines_after(
        &mut self,
        coll: &Outline,
        pos: usize,
        lines: &[String],
    ) -> Result<(), EditError> {
        let eol = self.eol_at(pos);
        let at = self.next_line(pos);
        let body = lines.join(eol);
        let text = if at == self.text.len() && !self.text.ends_with('\n') {
            format!("{eol}{body}")
        } else {
            format!("{body}{eol}")
        };
        self.splice(coll, at, at, text)
    }

    fn splice(
        &mut self,
        coll: &Outline,
        start: usize,
        end: usize,
        text: String,
    ) -> Result<(), EditError> {
        if start > end || end > self.text.len() || !self.text.is_char_boundary(start) {
            return fail("an edit fell outside the text");
        }
        let first = self.line_of(coll.start.min(start));
        // An insertion at a line's start changes no line of the original.
        let last_pos = if start == end && start > 0 && self.text.as_bytes()[start - 1] == b'\n' {
            start - 1
        } else {
            end
        };
        let last = self.line_of(last_pos).max(first);
        self.splices.push(Splice {
            start,
            end,
            text,
            lines: first..=last,
        });
        Ok(())
    }
}

/// `[]`.
fn is_empty_flow_list(v: &Outline) -> bool {
    matches!(&v.kind, Kind::Seq { flow: true, items } if items.is_empty())
}

/// A mapping too large for one line (a whole interview) goes in block
/// style where the list it joins has no items to follow.
fn wants_block(item: &Fragment) -> bool {
    matches!(item, Fragment::Map(entries) if entries.len() > 3)
}

fn show(path: &[At<'_>]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            At::Key(k) if out.is_empty() => out.push_str(k),
            At::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            At::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        "the top level".to_string()
    } else {
        out
    }
}

// --- the expected tree ------------------------------------------------------

fn node_at<'n>(mut n: &'n mut Node, path: &[At<'_>]) -> Result<&'n mut Node, EditError> {
    for step in path {
        n = match (step, &mut n.value) {
            (At::Key(k), Value::Map(entries)) => entries
                .iter_mut()
                .find(|(key, _)| key.name == *k)
                .map(|(_, v)| v),
            (At::Index(i), Value::Seq(items)) => items.get_mut(*i),
            _ => None,
        }
        .ok_or_else(|| EditError(format!("{} is not in the file", show(path))))?;
    }
    Ok(n)
}

fn entry<'n>(n: &'n mut Node, key: &str) -> Result<&'n mut Node, EditError> {
    let Value::Map(entries) = &mut n.value else {
        return fail("not a mapping");
    };
    if let Some(i) = entries.iter().position(|(k, _)| k.name == key) {
        return Ok(&mut entries[i].1);
    }
    entries.push((
        Key {
            pos: Default::default(),
            len: 0,
            name: key.to_string(),
        },
        Node {
            pos: Default::default(),
            len: 0,
            value: Value::Null,
        },
    ));
    match entries.last_mut() {
        Some((_, v)) => Ok(v),
        None => fail("not a mapping"),
    }
}

fn set_in(root: &mut Node, path: &[At<'_>], key: &str, value: Value) -> Result<(), EditError> {
    entry(node_at(root, path)?, key)?.value = value;
    Ok(())
}

fn push_in(root: &mut Node, path: &[At<'_>], key: &str, item: Value) -> Result<(), EditError> {
    let list = entry(node_at(root, path)?, key)?;
    let node = Node {
        pos: Default::default(),
        len: 0,
        value: item,
    };
    match &mut list.value {
        Value::Seq(items) => items.push(node),
        v @ Value::Null => *v = Value::Seq(vec![node]),
        _ => return fail("not a list"),
    }
    Ok(())
}
