//! The outline of a YAML text for editing: every node with the byte range
//! of its source text and whether a collection is written in flow (`{}`,
//! `[]`) or block style, from `granit-parser`'s events (the parser of
//! `model::yaml`), whose spans carry byte offsets.
//!
//! The located tree of `model::yaml` keeps a line and column per node,
//! which is what a diagnostic needs; an edit needs more: where a
//! collection ends, and how it is written. So the editor reads the events
//! again for itself. Aliases count as scalars here (their `*name` text);
//! the editor never writes into one.

use granit_parser::{Event, Parser, ScalarStyle, StructureStyle};

/// One node of the outline.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Outline {
    /// Byte offset where the node's text starts (a flow collection's
    /// bracket, a block collection's first item or key, a scalar's first
    /// character or quote).
    pub start: usize,
    /// Byte offset just past the node's last character of content: a
    /// flow collection's closing bracket, a block collection's last
    /// value, a block scalar's last non-blank character.
    pub end: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// A scalar (or an alias), with its value and how it is written.
    Scalar {
        value: String,
        style: Style,
    },
    Seq {
        flow: bool,
        items: Vec<Outline>,
    },
    Map {
        flow: bool,
        entries: Vec<(Outline, Outline)>,
    },
}

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Single,
    Double,
    /// `|` or `>`.
    Block,
}

impl Outline {
    /// An empty plain scalar: a key with nothing after its colon.
    pub fn is_empty_value(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { value, style: Style::Plain } if value.is_empty())
            || matches!(&self.kind, Kind::Scalar { value, style: Style::Plain } if value == "~" || value == "null")
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<(&Outline, &Outline)> {
        match &self.kind {
            Kind::Map { entries, .. } => entries
                .iter()
                .find(|(k, _)| matches!(&k.kind, Kind::Scalar { value, .. } if value == key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The `i`-th item of a sequence.
    pub fn item(&self, i: usize) -> Option<&Outline> {
        match &self.kind {
            Kind::Seq { items, .. } => items.get(i),
            _ => None,
        }
    }
}

/// A collection being read.
enum Open {
    Seq {
        start: usize,
        flow: bool,
        items: Vec<Outline>,
    },
    Map {
        start: usize,
        flow: bool,
        entries: Vec<(Outline, Outline)>,
        key: Option<Outline>,
    },
}

/// Reads the outline of `text`: `Ok(None)` for an empty document, `Err`
/// with the parser's message when the text is not YAML.
pub(super) fn outline(text: &str) -> Result<Option<Outline>, String> {
    let mut stack: Vec<Open> = Vec::new();
    let mut root = None;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| e.to_string())?;
        let range = span
            .byte_range()
            .ok_or_else(|| "the parser gave no byte offsets".to_string())?;
        let node = match event {
            Event::Scalar(value, style, _, _) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::Single,
                    ScalarStyle::DoubleQuoted => Style::Double,
                    _ => Style::Block,
                };
                let end = if style == Style::Block {
                    content_end(text, range.start, range.end)
                } else {
                    range.end
                };
                Some(Outline {
                    start: range.start,
                    end,
                    kind: Kind::Scalar {
                        value: value.into_owned(),
                        style,
                    },
                })
            }
            Event::Alias(_) => Some(Outline {
                start: range.start,
                end: range.end,
                kind: Kind::Scalar {
                    value: text.get(range.clone()).unwrap_or_default().to_string(),
                    style: Style::Plain,
                },
            }),
            Event::SequenceStart(style, _, _) => {
                stack.push(Open::Seq {
                    start: range.start,
                    flow: style == StructureStyle::Flow,
                    items: Vec::new(),
                });
                None
            }
            Event::MappingStart(style, _, _) => {
                stack.push(Open::Map {
                    start: range.start,
                    flow: style == StructureStyle::Flow,
                    entries: Vec::new(),
                    key: None,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq { start, flow, items }) => {
                    let end = if flow {
                        range.end
                    } else {
                        items.last().map_or(start, |i| i.end)
                    };
                    Some(Outline {
                        start,
                        end,
                        kind: Kind::Seq { flow, items },
                    })
                }
                Some(Open::Map {
                    start,
                    flow,
                    entries,
                    ..
                }) => {
                    let end = if flow {
                        range.end
                    } else {
                        entries.last().map_or(start, |(k, v)| entry_end(text, k, v))
                    };
                    Some(Outline {
                        start,
                        end,
                        kind: Kind::Map { flow, entries },
                    })
                }
                None => return Err("unbalanced collection end".to_string()),
            },
            _ => None,
        };
        let Some(node) = node else { continue };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    Ok(root.filter(|r| !r.is_empty_value()))
}

/// Where a mapping entry's text ends: its value's end, or for a key with
/// no value, just past the colon after the key.
pub(super) fn entry_end(text: &str, key: &Outline, value: &Outline) -> usize {
    if value.start == value.end || value.end <= key.end {
        colon_after(text, key.end).map_or(key.end, |c| c + 1)
    } else {
        value.end
    }
}

/// The byte offset of the `:` that follows a key ending at `from`
/// (spaces and a closing quote may come between).
pub(super) fn colon_after(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let skip = rest
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    (rest.as_bytes().get(skip) == Some(&b':')).then_some(from + skip)
}

/// The end of a block scalar's content: its span reaches into the blank
/// lines and indentation after it, which belong to nobody.
fn content_end(text: &str, start: usize, end: usize) -> usize {
    let slice = text.get(start..end).unwrap_or_default();
    start + slice.trim_end_matches([' ', '\t', '\r', '\n']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Outline {
        match outline(text) {
            Ok(Some(o)) => o,
            other => panic!("{other:?}"),
        }
    }

    #[track_caller]
    fn case(text: &str, path: &[&str], want: &str) {
        let r = root(text);
        let mut node = &r;
        for p in path {
            node = match p.parse::<usize>() {
                Ok(i) => node.item(i).unwrap_or_else(|| panic!("no item {i}")),
                Err(_) => node.get(p).unwrap_or_else(|| panic!("no key {p}")).1,
            };
        }
        assert_eq!(&text[node.start..node.end], want, "{path:?} in {text:?}");
    }

    #[test]
    fn ranges_cover_each_node_s_text() {
        let t = "a:\n  - { x: 1, y: [2, 3] }   # c\n  - k: v\n    m: |\n      two\n      lines\n\n  - 'q'\nb: {}\n";
        case(t, &["a", "0"], "{ x: 1, y: [2, 3] }");
        case(t, &["a", "0", "y"], "[2, 3]");
        case(t, &["a", "1"], "k: v\n    m: |\n      two\n      lines");
        // A block scalar's range is its content; the `|` stays outside.
        case(t, &["a", "1", "m"], "two\n      lines");
        case(t, &["a", "2"], "'q'");
        case(
            t,
            &["a"],
            "- { x: 1, y: [2, 3] }   # c\n  - k: v\n    m: |\n      two\n      lines\n\n  - 'q'",
        );
        case(t, &["b"], "{}");
    }

    #[test]
    fn a_key_without_value_ends_at_its_colon() {
        let t = "a:\n  b: 1\n  c:\n";
        case(t, &["a"], "b: 1\n  c:");
        let r = root(t);
        let (_, c) = r
            .get("a")
            .and_then(|(_, a)| a.get("c"))
            .unwrap_or_else(|| panic!());
        assert!(c.is_empty_value());
    }

    #[test]
    fn crlf_and_flow_styles_are_kept_apart() {
        let t = "a: [1]\r\nb:\r\n  - x\r\n";
        let r = root(t);
        assert!(matches!(
            r.get("a").map(|(_, v)| &v.kind),
            Some(Kind::Seq { flow: true, .. })
        ));
        assert!(matches!(
            r.get("b").map(|(_, v)| &v.kind),
            Some(Kind::Seq { flow: false, .. })
        ));
        case(t, &["b"], "- x");
    }

    #[test]
    fn empty_documents_and_bad_yaml() {
        assert_eq!(outline(""), Ok(None));
        assert_eq!(outline("# only a comment\n"), Ok(None));
        assert!(outline("a: [1, 2\n").is_err());
    }
}
