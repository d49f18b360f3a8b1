//! YAML text → the located tree, from `granit-parser`'s events, with
//! YAML 1.2 core-schema resolution of plain scalars and the limits that
//! keep hostile input bounded (see the module above for why).

use super::tree::{Key, Node, Pos, Value};

/// A parse failure of the YAML text itself (not of its meaning).
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
    /// The field being read when the text broke off (`interviews[0].topics`),
    /// empty at the top level.
    pub path: String,
}

/// Deeper nesting than this is refused: no real input comes close, and it
/// bounds the work per event.
const MAX_DEPTH: usize = 64;

/// At most this many nodes may be copied by aliases in one document.
pub(super) const MAX_ALIAS_NODES: usize = 1_000_000;

/// Parses YAML text into a located tree.
///
/// An empty document (or one holding only comments) gives `Ok(None)`.
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    parse_counted(text).map(|(root, _)| root)
}

/// [`parse`], and how many nodes aliases copied.
pub(super) fn parse_counted(text: &str) -> Result<(Option<Node>, usize), SyntaxError> {
    let mut b = Builder {
        stack: Vec::new(),
        anchors: Vec::new(),
        alias_budget: MAX_ALIAS_NODES,
        root: None,
        documents: 0,
    };
    for item in granit_parser::Parser::new_from_str(text) {
        let result = match item {
            Ok((event, span)) => {
                let len = span.end.index().saturating_sub(span.start.index());
                b.event(
                    event,
                    pos_of(&span.start),
                    u32::try_from(len).unwrap_or(u32::MAX),
                )
            }
            Err(e) => Err(SyntaxError {
                pos: pos_of(e.marker()),
                message: clean_message(&e.to_string()),
                path: String::new(),
            }),
        };
        if let Err(mut e) = result {
            e.path = b.path();
            return Err(e);
        }
    }
    Ok((b.root, MAX_ALIAS_NODES - b.alias_budget))
}

fn pos_of(m: &granit_parser::Marker) -> Pos {
    Pos {
        line: u32::try_from(m.line()).unwrap_or(u32::MAX),
        col: u32::try_from(m.col()).unwrap_or(u32::MAX).saturating_add(1),
    }
}

/// granit's messages end with " at char N line L column C"; the renderer
/// shows the location itself.
fn clean_message(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg);
    match first.find(" at char ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// A collection being built.
enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    /// Anchored nodes by anchor id (granit numbers them from 1).
    anchors: Vec<Option<Node>>,
    alias_budget: usize,
    root: Option<Node>,
    documents: usize,
}

impl Builder {
    /// Where in the document the next node would go, as a field path.
    fn path(&self) -> String {
        let mut out = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Seq { items, .. } => out.push_str(&format!("[{}]", items.len())),
                Frame::Map { key: Some(k), .. } => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&k.name);
                }
                Frame::Map { key: None, .. } => {}
            }
        }
        out
    }

    fn event(
        &mut self,
        event: granit_parser::Event<'_>,
        pos: Pos,
        len: u32,
    ) -> Result<(), SyntaxError> {
        use granit_parser::Event;
        let err = |message: &str| SyntaxError {
            pos,
            message: message.to_string(),
            path: String::new(),
        };
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(err("more than one YAML document (`---`) in the file"));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == granit_parser::ScalarStyle::Plain;
                let value = match tag.as_deref().map(core_tag) {
                    None if plain => resolve_plain(&text),
                    None => Value::Str(text.into_owned()),
                    Some(Ok(Core::Str | Core::NonSpecific)) => Value::Str(text.into_owned()),
                    Some(Ok(core)) => tagged_scalar(core, &text).map_err(|m| err(&m))?,
                    Some(Err(tag)) => return Err(err(&foreign_tag(&tag))),
                };
                self.node(Node { pos, len, value }, anchor)?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                check_collection_tag(tag.as_deref(), Core::Seq).map_err(|m| err(&m))?;
                self.open(Frame::Seq {
                    pos,
                    anchor,
                    items: Vec::new(),
                })?;
            }
            Event::MappingStart(_, anchor, tag) => {
                check_collection_tag(tag.as_deref(), Core::Map).map_err(|m| err(&m))?;
                self.open(Frame::Map {
                    pos,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                })?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { pos, anchor, items }) => (
                        Node {
                            pos,
                            len: 1,
                            value: Value::Seq(items),
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        pos,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node {
                            pos,
                            len: 1,
                            value: Value::Map(entries),
                        },
                        anchor,
                    ),
                    None => return Err(err("unbalanced collection end")),
                };
                self.node(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some(Some(target)) = self.anchors.get(id) else {
                    return Err(err(
                        "an alias refers to an anchor that is not defined before it",
                    ));
                };
                let size = count(target);
                if size > self.alias_budget {
                    return Err(err("aliases copy too many nodes (is this an alias bomb?)"));
                }
                self.alias_budget -= size;
                let copy = Node {
                    pos,
                    len,
                    value: target.value.clone(),
                };
                self.node(copy, 0)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame) -> Result<(), SyntaxError> {
        let pos = match &frame {
            Frame::Seq { pos, .. } | Frame::Map { pos, .. } => *pos,
        };
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError {
                pos,
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
                path: String::new(),
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    /// Places a finished node in its parent (or as the root).
    fn node(&mut self, node: Node, anchor: usize) -> Result<(), SyntaxError> {
        if anchor != 0 {
            if self.anchors.len() <= anchor {
                self.anchors.resize(anchor + 1, None);
            }
            self.anchors[anchor] = Some(node.clone());
        }
        match self.stack.last_mut() {
            None => {
                self.root = match node.value {
                    // A document of only `~` or nothing is no document.
                    Value::Null => None,
                    _ => Some(node),
                };
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let name = match &node.value {
                        Value::Null => "null".to_string(),
                        v => v.scalar_text().unwrap_or_else(|| v.kind().to_string()),
                    };
                    if let Some((first, _)) = entries.iter().find(|(k, _)| k.name == name) {
                        return Err(SyntaxError {
                            pos: node.pos,
                            message: format!(
                                "duplicate key \"{name}\" (first at line {})",
                                first.pos.line
                            ),
                            path: String::new(),
                        });
                    }
                    *key = Some(Key {
                        pos: node.pos,
                        len: node.len,
                        name,
                    });
                }
                Some(k) => entries.push((k, node)),
            },
        }
        Ok(())
    }
}

/// A tag of YAML 1.2's core schema (§10.3: the failsafe `!!str`, `!!seq`,
/// `!!map`, and `!!null`, `!!bool`, `!!int`, `!!float`), or the
/// non-specific `!` (§6.9.1: a scalar so tagged is text).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Core {
    Str,
    Int,
    Float,
    Bool,
    Null,
    Map,
    Seq,
    NonSpecific,
}

/// The core tag `tag` is, or the tag as written when it is another one
/// (`!!binary`, `!custom`, `!<tag:example.com,2000:x>`): SPEC §11 refuses
/// those rather than ignore what they ask for.
fn core_tag(tag: &granit_parser::Tag) -> Result<Core, String> {
    // granit gives the non-specific `!` as an empty handle and `!`.
    if tag.handle().is_empty() && tag.suffix() == "!" {
        return Ok(Core::NonSpecific);
    }
    match tag.core_suffix() {
        Some("str") => Ok(Core::Str),
        Some("int") => Ok(Core::Int),
        Some("float") => Ok(Core::Float),
        Some("bool") => Ok(Core::Bool),
        Some("null") => Ok(Core::Null),
        Some("map") => Ok(Core::Map),
        Some("seq") => Ok(Core::Seq),
        _ => Err(tag.original()),
    }
}

fn foreign_tag(tag: &str) -> String {
    let shown: String = tag.chars().take(80).collect();
    format!(
        "the tag {} is not one of YAML's core schema (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq); followup reads plain values only",
        shown.escape_debug()
    )
}

/// A scalar with an explicit core tag: its text read as that type, or why
/// it is not one.
fn tagged_scalar(tag: Core, text: &str) -> Result<Value, String> {
    let plain = resolve_plain(text);
    let shown: String = text.chars().take(80).collect();
    let wrong = |what: &str| format!("\"{}\" is tagged {what}", shown.escape_debug());
    match (tag, plain) {
        (Core::Int, Value::Int(i)) => Ok(Value::Int(i)),
        // `!!int 007`: the tag says it is a number after all.
        (Core::Int, Value::Str(s)) => s
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| wrong("!!int but is not a whole number")),
        (Core::Float, Value::Float(f)) => Ok(Value::Float(f)),
        (Core::Float, Value::Int(i)) => Ok(Value::Float(i as f64)),
        (Core::Bool, Value::Bool(b)) => Ok(Value::Bool(b)),
        (Core::Null, Value::Null) => Ok(Value::Null),
        (Core::Map | Core::Seq, _) => Err(wrong(if tag == Core::Map {
            "!!map but is a single value"
        } else {
            "!!seq but is a single value"
        })),
        (Core::Float, _) => Err(wrong("!!float but is not a number")),
        (Core::Bool, _) => Err(wrong("!!bool but is not true or false")),
        (Core::Null, _) => Err(wrong("!!null but is not empty, ~ or null")),
        (Core::Int, _) => Err(wrong("!!int but is not a whole number")),
        (Core::Str | Core::NonSpecific, _) => Ok(Value::Str(text.to_string())),
    }
}

/// A collection's tag must be its own kind's (`!!seq` on a list, `!!map`
/// on a mapping) or the non-specific `!`.
fn check_collection_tag(tag: Option<&granit_parser::Tag>, kind: Core) -> Result<(), String> {
    match tag.map(core_tag) {
        None | Some(Ok(Core::NonSpecific)) => Ok(()),
        Some(Ok(t)) if t == kind => Ok(()),
        Some(Ok(_)) => Err(format!(
            "a {} is tagged as something else",
            if kind == Core::Map { "mapping" } else { "list" }
        )),
        Some(Err(tag)) => Err(foreign_tag(&tag)),
    }
}

/// How many nodes an alias to `n` copies.
fn count(n: &Node) -> usize {
    match &n.value {
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(_, v)| 1 + count(v)).sum::<usize>(),
        _ => 1,
    }
}

/// The YAML 1.2 core schema for plain scalars (spec §10.3.2), with two
/// deliberate narrowings: integers written with leading zeros (`007`) or
/// underscores stay text, since here they are ids or names, not numbers.
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        let leading_zero = unsigned.len() > 1 && unsigned.starts_with('0');
        if !leading_zero && let Ok(i) = s.parse::<i64>() {
            return Value::Int(i);
        }
        return Value::Str(s.to_string());
    }
    if let Some(oct) = s.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Int(i);
    }
    if let Some(hex) = s.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Int(i);
    }
    if is_core_float(s)
        && let Ok(f) = s.parse::<f64>()
    {
        return Value::Float(f);
    }
    Value::Str(s.to_string())
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_core_float(s: &str) -> bool {
    let b = s.strip_prefix(['-', '+']).unwrap_or(s).as_bytes();
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
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
    fn core_schema_numbers_and_tags() {
        case("-12", Value::Int(-12));
        case("0x1F", Value::Int(31));
        case("0o17", Value::Int(15));
        case("1_000", s("1_000"));
        case("1.5", Value::Float(1.5));
        case("2e3", Value::Float(2000.0));
        case("1.2.3", s("1.2.3"));
        case("!!str 42", s("42"));
        case("! 42", s("42"));
        case("!!int 007", Value::Int(7));
        case("!!int \"12\"", Value::Int(12));
        case("!!float 3", Value::Float(3.0));
        case("!!bool true", Value::Bool(true));
        case(
            "!!map {a: 1}",
            Value::Map(vec![(
                Key {
                    pos: Pos { line: 1, col: 8 },
                    len: 1,
                    name: "a".into(),
                },
                Node {
                    pos: Pos { line: 1, col: 11 },
                    len: 1,
                    value: Value::Int(1),
                },
            )]),
        );
        case("\"42\"", s("42"));
        case("On", s("On"));
        assert_eq!(resolve_plain("NULL"), Value::Null);
    }

    #[test]
    fn aliases_copy_and_bombs_are_refused() {
        let root = parse("a: &x [1, 2]\nb: *x\n").ok().flatten();
        let m = root.as_ref().and_then(Node::as_map).map(<[_]>::to_vec);
        let m = m.unwrap_or_default();
        assert_eq!(m[0].1.value, m[1].1.value);
        assert_eq!(m[1].1.pos, Pos { line: 2, col: 4 });
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let prev = format!("*a{}", i - 1);
            bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let err = parse(&bomb).err().map(|e| e.message).unwrap_or_default();
        assert!(err.contains("alias"), "{err}");
    }

    #[test]
    fn duplicate_keys_deep_nesting_and_documents_are_errors() {
        let dup = parse("a: 1\nb: 2\na: 3\n").err();
        assert_eq!(
            dup,
            Some(SyntaxError {
                pos: Pos { line: 3, col: 1 },
                message: "duplicate key \"a\" (first at line 1)".into(),
                path: String::new(),
            })
        );
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(
            parse(&deep)
                .err()
                .is_some_and(|e| e.message.contains("nesting"))
        );
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
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

    /// Issue 13: tags outside YAML's core schema were ignored.
    #[test]
    fn tags_outside_the_core_schema_are_errors() {
        for (text, want) in [
            (
                "a: !!binary aGVsbG8=\n",
                "the tag !!binary is not one of YAML's core schema",
            ),
            (
                "a: !custom x\n",
                "the tag !custom is not one of YAML's core schema",
            ),
            (
                "a: !<tag:example.com,2000:x> 1\n",
                "the tag !<tag:example.com,2000:x> is not one",
            ),
            ("a: !!set {x: ~}\n", "the tag !!set is not one"),
            ("a: !!omap [x: 1]\n", "the tag !!omap is not one"),
            (
                "a: !!int ten\n",
                "\"ten\" is tagged !!int but is not a whole number",
            ),
            (
                "a: !!bool yes\n",
                "\"yes\" is tagged !!bool but is not true or false",
            ),
            ("a: !!float x\n", "is tagged !!float but is not a number"),
            ("a: !!null x\n", "is tagged !!null"),
            ("a: !!map x\n", "is tagged !!map but is a single value"),
            ("a: !!seq {b: 1}\n", "a mapping is tagged as something else"),
            ("a: !!map [1]\n", "a list is tagged as something else"),
        ] {
            let e = parse(text).err().map(|e| e.message).unwrap_or_default();
            assert!(e.contains(want), "{text:?}: {e:?}");
        }
        assert!(parse("a: !!str x\nb: !!seq [1]\nc: ! {d: !!null ~}\n").is_ok());
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
