//! What an edit writes: a [`Fragment`] of YAML (text, a mapping, a list),
//! and how one is spelled in flow style. Scalars stay plain wherever the
//! parser reads them back as the same text (YAML 1.2: `on`, `no` and dates
//! are plain text), else they are double-quoted.

use super::super::parse::parse;
use super::super::tree::Value;

/// A piece of YAML to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fragment {
    /// Text (a date, a name, an id): written plain when that reads back
    /// as the same text, else double-quoted.
    Text(String),
    /// A mapping, its keys in the order to write them.
    Map(Vec<(String, Fragment)>),
    List(Vec<Fragment>),
}

impl Fragment {
    pub fn text(s: impl Into<String>) -> Fragment {
        Fragment::Text(s.into())
    }

    /// A mapping from `(key, text)` pairs, in that order.
    pub fn map_of_text<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Fragment {
        Fragment::Map(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), Fragment::Text(v)))
                .collect(),
        )
    }

    /// The value the located tree reads this fragment as.
    pub(super) fn to_value(&self) -> Value {
        match self {
            Fragment::Text(t) => Value::Str(t.clone()),
            Fragment::List(items) => Value::Seq(items.iter().map(node_of).collect()),
            Fragment::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, v)| {
                        (
                            super::super::tree::Key {
                                pos: Default::default(),
                                len: 0,
                                name: k.clone(),
                            },
                            node_of(v),
                        )
                    })
                    .collect(),
            ),
        }
    }
}

fn node_of(f: &Fragment) -> super::super::tree::Node {
    super::super::tree::Node {
        pos: Default::default(),
        len: 0,
        value: f.to_value(),
    }
}

/// How flow collections are spelled in this file: `{ a: 1 }` or `{a: 1}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FlowStyle {
    /// A space inside the braces of a mapping.
    pub padded: bool,
}

/// `text` as a scalar: plain when the parser reads it back as the same
/// text (in flow context when `in_flow`), else double-quoted.
pub(super) fn scalar(text: &str, in_flow: bool) -> String {
    if plain_reads_back(text, in_flow) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

/// `text` in single quotes when it can be (one line, no control
/// characters), else double-quoted: for replacing a single-quoted value
/// in its own style.
pub(super) fn single_quoted(text: &str) -> String {
    if text.chars().any(char::is_control) {
        double_quoted(text)
    } else {
        format!("'{}'", text.replace('\'', "''"))
    }
}

pub(super) fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `text` written plain reads back as the same text: the real
/// parser is the judge (YAML 1.2 core schema, so `on` and `2026-11-18` are
/// text, `true`, `42` and `~` are not). Leading or trailing spaces, line
/// breaks and `#` never stay plain.
fn plain_reads_back(text: &str, in_flow: bool) -> bool {
    if text.is_empty()
        || text.trim() != text
        || text.chars().any(char::is_control)
        || text.contains('#')
    {
        return false;
    }
    if in_flow {
        let Ok(Some(node)) = parse(&format!("[{text}]")) else {
            return false;
        };
        matches!(&node.value, Value::Seq(items) if items.len() == 1 && items[0].value == Value::Str(text.to_string()))
    } else {
        let Ok(Some(node)) = parse(&format!("k: {text}")) else {
            return false;
        };
        matches!(&node.value, Value::Map(m) if m.len() == 1 && m[0].1.value == Value::Str(text.to_string()))
    }
}

/// A fragment in flow style, on one line.
pub(super) fn flow(f: &Fragment, style: FlowStyle) -> String {
    match f {
        Fragment::Text(t) => scalar(t, true),
        Fragment::List(items) => {
            let inner: Vec<String> = items.iter().map(|i| flow(i, style)).collect();
            format!("[{}]", inner.join(", "))
        }
        Fragment::Map(entries) if entries.is_empty() => "{}".to_string(),
        Fragment::Map(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", scalar(k, true), flow(v, style)))
                .collect();
            if style.padded {
                format!("{{ {} }}", inner.join(", "))
            } else {
                format!("{{{}}}", inner.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, in_flow: bool, want: &str) {
        assert_eq!(scalar(text, in_flow), want, "{text:?}");
    }

    #[test]
    fn scalars_stay_plain_when_they_read_back_the_same() {
        case("2026-11-18", false, "2026-11-18");
        case("on", false, "on");
        case("no", true, "no");
        case("Mark Lee", true, "Mark Lee");
        case("Acme, Inc.", false, "Acme, Inc.");
        case("Acme, Inc.", true, "\"Acme, Inc.\"");
        case("true", false, "\"true\"");
        case("42", true, "\"42\"");
        case("~", false, "\"~\"");
        case("C# developer", false, "\"C# developer\"");
        case("Role: Lead", false, "\"Role: Lead\"");
        case("- x", false, "\"- x\"");
        case(" padded", false, "\" padded\"");
        case("say \"hi\"\n", false, "\"say \\\"hi\\\"\\n\"");
        case("O'Neil", true, "O'Neil");
        case("[x]", false, "\"[x]\"");
        case("", false, "\"\"");
    }

    #[test]
    fn flow_fragments_follow_the_file_s_brace_spacing() {
        let f = Fragment::map_of_text([
            ("step", "thank-you".to_string()),
            ("to", "Lee, Mark".to_string()),
            ("on", "2026-11-18".to_string()),
        ]);
        assert_eq!(
            flow(&f, FlowStyle { padded: true }),
            "{ step: thank-you, to: \"Lee, Mark\", on: 2026-11-18 }"
        );
        assert_eq!(
            flow(
                &Fragment::List(vec![f.clone()]),
                FlowStyle { padded: false }
            ),
            "[{step: thank-you, to: \"Lee, Mark\", on: 2026-11-18}]"
        );
        assert_eq!(single_quoted("it's"), "'it''s'");
    }
}
