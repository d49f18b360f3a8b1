//! The located tree: every node keeps the line and column it came from.

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
    /// for underlining it in a diagnostic; 1 for collections.
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
