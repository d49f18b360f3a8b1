//! Text from the input made safe to show on a terminal or in a log (SPEC
//! §11): the one escaper every face uses for what it prints of the user's
//! text (the diagnostic renderer, the plan's agenda, I/O errors naming
//! paths, `serve`'s log lines).
//!
//! A name, a file name or a request line can carry bytes a terminal obeys:
//! ESC starts a control sequence (colours, cursor moves, window titles,
//! hyperlinks), BEL rings, CR overwrites the line; C1 controls (U+0080 to
//! U+009F) are the same commands on terminals that read them; and the bidi
//! controls of Unicode's bidirectional algorithm (UAX #9: embeddings and
//! overrides U+202A-U+202E, isolates U+2066-U+2069, marks U+200E, U+200F,
//! U+061C) reorder what follows them on screen, so a log line can read as
//! something it is not. Each of these is written as a visible escape:
//! `\t`, `\n`, `\r`, or `\u{1b}` (lower-case hex, as Rust's `escape_debug`
//! writes it); the line and paragraph separators U+2028/U+2029 too, since
//! they end a line in some viewers. Everything else, including every other
//! non-ASCII character and the backslash, is kept as it is, so escaping is
//! idempotent: escaping escaped text changes nothing.
//!
//! Pure: text in, text out.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is escaped on a terminal.
pub fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` with every control and bidi character escaped (line breaks
/// too): for one line of a log, a field of a table, a path.
///
/// # Example: an escape sequence and a right-to-left override
///
/// ```
/// use followup::error::terminal::escape;
/// assert_eq!(escape("Acme\u{1b}[2J\u{202e}Corp"), "Acme\\u{1b}[2J\\u{202e}Corp");
/// assert_eq!(escape("plain Zoë"), "plain Zoë");
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_keeping(text, false)
}

/// [`escape`], but the line breaks (`\n`) that separate the lines of a
/// message are kept: for text we compose of several lines around the
/// user's.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_keeping(text, true)
}

fn escape_keeping(text: &str, newlines: bool) -> Cow<'_, str> {
    let wanted = |c: char| needs_escape(c) && !(newlines && c == '\n');
    let Some(first) = text.find(wanted) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if !wanted(c) {
            out.push(c);
            continue;
        }
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped() {
        case("a\u{1b}]0;title\u{7}b", "a\\u{1b}]0;title\\u{7}b");
        case("x\ry", "x\\ry");
        case("tab\there", "tab\\there");
        case("del\u{7f} c1\u{9b}2J", "del\\u{7f} c1\\u{9b}2J");
        case("\u{202e}gpj.exe", "\\u{202e}gpj.exe");
        case(
            "\u{2066}\u{2067}\u{2068}\u{2069}",
            "\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
        );
        case("\u{200e}\u{200f}\u{61c}", "\\u{200e}\\u{200f}\\u{61c}");
        case("line\u{2028}sep", "line\\u{2028}sep");
        case("Zoë — 你好 ✓ \\", "Zoë — 你好 ✓ \\");
        assert_eq!(escape_lines("a\nb\u{1b}\n"), "a\nb\\u{1b}\n");
        assert_eq!(escape("a\nb"), "a\\nb");
    }

    #[test]
    fn escaping_twice_changes_nothing() {
        for s in ["\u{1b}[31m", "\u{202e}x", "a\\u{1b}", "\u{0}\u{9f}"] {
            let once = escape(s).into_owned();
            assert_eq!(escape(&once), once);
            assert!(!once.chars().any(needs_escape), "{once}");
        }
    }

    #[track_caller]
    fn case(text: &str, want: &str) {
        assert_eq!(escape(text), want, "{text:?}");
    }
}
