//! A located YAML tree: every node keeps the line and column it came from.
//!
//! Why a tree instead of deserializing straight into typed structs: SPEC §7
//! asks for *every* problem in one pass, each with a location and a field
//! path. A derived `Deserialize` stops at the first error and cannot say where
//! a semantically wrong value (an unknown zone, `end` before `start`) sits.
//! So `serde-saphyr` parses the text (YAML 1.2 scalars, strict booleans,
//! budgets) into this small tree of [`Node`]s, each wrapped in
//! `serde_saphyr::Spanned`, and [`super::validate`] walks it once, collecting
//! diagnostics as it goes.
//!
//! No I/O here: the caller hands in the text.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A position in the source, 1-based; `0` means unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// Where a value or key stands and how many characters of source it takes:
/// what a diagnostic underlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub pos: Pos,
    /// Characters from `pos`; at least 1.
    pub len: u32,
}

impl From<Pos> for Span {
    /// A bare position: one character (a caret).
    fn from(pos: Pos) -> Self {
        Span { pos, len: 1 }
    }
}

/// One YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    /// Length of the value's source text in characters (quotes included),
    /// for underlining it in a diagnostic; may run past the line for
    /// collections and block scalars (the renderer clips it).
    pub len: u32,
    pub value: Value,
}

/// The YAML 1.2 core-schema reading of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in source order; keys are scalars rendered as text.
    Map(Vec<(Key, Node)>),
}

/// A mapping key: its text and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub pos: Pos,
    /// Length of the key's source text in characters.
    pub len: u32,
    pub name: String,
}

impl Value {
    /// What the user would call this kind of value, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a number",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// Scalars as the text the user most likely meant; `None` for collections
    /// and null. Numbers come back in their canonical spelling; leading zeros
    /// and underscores are kept as strings by the parser options, so `007`
    /// stays `"007"`.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }
}

impl Key {
    /// The key's text in the source.
    pub fn span(&self) -> Span {
        Span {
            pos: self.pos,
            len: self.len.max(1),
        }
    }
}

impl Node {
    /// The value's text in the source: exact for scalars (quotes included),
    /// the first character for collections.
    pub fn span(&self) -> Span {
        let len = match self.value {
            Value::Seq(_) | Value::Map(_) => 1,
            _ => self.len.max(1),
        };
        Span { pos: self.pos, len }
    }

    /// The mapping entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
}

/// A parse failure of the YAML text itself (not of its meaning).
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parses YAML text into a located tree.
///
/// An empty document (or one holding only comments) gives `Ok(None)`.
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_events: 200_000_000,
            max_nodes: 100_000_000,
            max_total_scalar_bytes: 2_000_000_000,
            max_depth: 64,
        },
    };
    let parsed: Result<Option<Spanned<RawNode>>, _> =
        serde_saphyr::from_str_with_options(text, options);
    match parsed {
        Ok(Some(s)) => Ok(Some(from_spanned(s))),
        Ok(None) => Ok(None),
        Err(e) => {
            let pos = e
                .location()
                .map(|l| Pos {
                    line: l.line() as u32,
                    col: l.column() as u32,
                })
                .unwrap_or_default();
            Err(SyntaxError {
                pos,
                message: clean_message(&e.to_string()),
            })
        }
    }
}

/// serde-saphyr's messages end with " at line X, column Y"; the renderer adds
/// the location itself, so strip the duplicate.
fn clean_message(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg);
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn from_spanned(s: Spanned<RawNode>) -> Node {
    let pos = Pos {
        line: s.referenced.line() as u32,
        col: s.referenced.column() as u32,
    };
    let len = u32::try_from(s.referenced.span().len()).unwrap_or(u32::MAX);
    Node {
        pos,
        len,
        value: s.value.0,
    }
}

/// The deserialization target: a `Value` whose children are spanned.
struct RawNode(Value);

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor).map(RawNode)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or_else(|_| Value::Str(v.to_string())))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or_else(|_| Value::Str(v.to_string())))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or_else(|_| Value::Str(v.to_string())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(from_spanned(item));
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(k) = map.next_key::<Spanned<RawNode>>()? {
            let key = from_spanned(k);
            let name = match &key.value {
                Value::Null => "null".to_string(),
                v => v.scalar_text().unwrap_or_else(|| v.kind().to_string()),
            };
            let value = map.next_value::<Spanned<RawNode>>()?;
            entries.push((
                Key {
                    pos: key.pos,
                    len: key.len,
                    name,
                },
                from_spanned(value),
            ));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, want: Value) {
        let got = parse(text).ok().flatten().map(|n| n.value);
        assert_eq!(got, Some(want), "parsing {text:?}");
    }

    fn s(x: &str) -> Value {
        Value::Str(x.to_string())
    }

    #[test]
    fn yaml_1_2_scalars() {
        case("10:00", s("10:00"));
        case("no", s("no"));
        case("yes", s("yes"));
        case("false", Value::Bool(false));
        case("007", s("007"));
        case("42", Value::Int(42));
        case("2026-11-17T14:00", s("2026-11-17T14:00"));
        case("'true'", s("true"));
        case(
            "a: ~",
            Value::Map(vec![(
                Key {
                    pos: Pos { line: 1, col: 1 },
                    len: 1,
                    name: "a".into(),
                },
                Node {
                    pos: Pos { line: 1, col: 4 },
                    len: 1,
                    value: Value::Null,
                },
            )]),
        );
    }

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let root = parse("a: 1\nbb:\n  - x\n  - y: 2\n").ok().flatten();
        let Some(Node {
            value: Value::Map(m),
            ..
        }) = root
        else {
            panic!("not a map");
        };
        assert_eq!(m[0].0.pos, Pos { line: 1, col: 1 });
        assert_eq!(m[0].1.pos, Pos { line: 1, col: 4 });
        assert_eq!(m[1].0.pos, Pos { line: 2, col: 1 });
        let Value::Seq(items) = &m[1].1.value else {
            panic!("not a seq")
        };
        assert_eq!(items[0].pos, Pos { line: 3, col: 5 });
        let Value::Map(inner) = &items[1].value else {
            panic!("not a map")
        };
        assert_eq!(inner[0].0.pos, Pos { line: 4, col: 5 });
        assert_eq!(inner[0].1.pos, Pos { line: 4, col: 8 });
    }

    #[test]
    fn spans_cover_the_source_text_of_scalars_and_keys() {
        let text = "a: hello\nb: \"10:00\"\nc: { gap: five days }\nd: [15m, 2bd]\n\"q k\": 'it''s'\ne:\n  x: 1\n";
        let Some(Node {
            value: Value::Map(m),
            ..
        }) = parse(text).ok().flatten()
        else {
            panic!("not a map");
        };
        let span = |n: &Node| (n.span().pos.line, n.span().pos.col, n.span().len);
        assert_eq!(span(&m[0].1), (1, 4, 5));
        assert_eq!(span(&m[1].1), (2, 4, 7), "quotes included");
        let Value::Map(c) = &m[2].1.value else {
            panic!("not a map")
        };
        assert_eq!(span(&c[0].1), (3, 11, 9), "a flow scalar with a space");
        assert_eq!(c[0].0.span().len, 3);
        let Value::Seq(d) = &m[3].1.value else {
            panic!("not a seq")
        };
        assert_eq!(span(&d[1]), (4, 10, 3));
        assert_eq!(m[4].0.span().len, 5, "a quoted key");
        assert_eq!(span(&m[4].1), (5, 8, 7));
        assert_eq!(span(&m[5].1), (7, 3, 1), "a collection is one caret");
    }

    #[test]
    fn empty_and_comment_only_documents_are_none() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("# nothing\n"), Ok(None));
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let err = parse("a: [1, 2\nb: 3\n").err();
        assert!(err.is_some_and(|e| e.pos.line >= 1));
    }
}
