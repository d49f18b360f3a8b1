//! TEXT value escaping, RFC 5545 §3.3.11, and its inverse for reading back.
//!
//! This is the one escaper for every TEXT property (SUMMARY, DESCRIPTION,
//! CATEGORIES, TZNAME, …). It owns four rules:
//!
//! - `\` → `\\`, `;` → `\;`, `,` → `\,`;
//! - a newline (`\n`, a `\r\n` pair or a lone `\r`) → `\n` (lowercase `n`);
//! - other control characters (RFC 5545 §3.1 `CONTROL`: U+0000–U+001F except
//!   tab, and U+007F) are dropped, since no content line may carry them;
//! - everything else, including tab and any non-ASCII text, is copied as is,
//!   except that the value's bidi controls are balanced ([`balance_bidi`]):
//!   an embedding, override or isolate left open is closed at the value's
//!   end, and a closer with nothing to close is dropped, so no value can
//!   reverse the text that follows it in a client's display (SPEC §11).
//!
//! No I/O, no allocation beyond growing the caller's buffer (and a copy of
//! a value whose bidi controls need balancing, which validation has
//! already balanced field by field).

/// Appends `text` to `out`, escaped as an RFC 5545 TEXT value.
///
/// Every special character is ASCII, so scanning bytes never splits a UTF-8
/// character; runs of ordinary bytes are copied in one call.
///
/// # Example: the four escapes
///
/// ```
/// let mut out = Vec::new();
/// followup::ics::escape::escape_text(&mut out, "a\\b;c,d\r\ne");
/// assert_eq!(out, b"a\\\\b\\;c\\,d\\ne");
/// ```
pub fn escape_text(out: &mut Vec<u8>, text: &str) {
    let balanced = balance_bidi(text);
    let mut rest = balanced.as_bytes();
    while let Some(i) = first_special(rest) {
        let (run, tail) = rest.split_at(i);
        out.extend_from_slice(run);
        let Some((&special, tail)) = tail.split_first() else {
            break;
        };
        match special {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b';' => out.extend_from_slice(b"\\;"),
            b',' => out.extend_from_slice(b"\\,"),
            b'\n' => out.extend_from_slice(b"\\n"),
            // `\r\n` is one newline: the `\n` that follows writes it.
            b'\r' if tail.first() == Some(&b'\n') => {}
            b'\r' => out.extend_from_slice(b"\\n"),
            // Any other control character is dropped.
            _ => {}
        }
        rest = tail;
    }
    out.extend_from_slice(rest);
}

/// What a bidi control of Unicode's bidirectional algorithm does (UAX #9
/// §2): opens an embedding or override (LRE, RLE, LRO, RLO; closed by
/// PDF), opens an isolate (LRI, RLI, FSI; closed by PDI), or closes one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bidi {
    Embedding,
    Isolate,
    Pdf,
    Pdi,
}

fn bidi(c: char) -> Option<Bidi> {
    match c {
        '\u{202a}' | '\u{202b}' | '\u{202d}' | '\u{202e}' => Some(Bidi::Embedding),
        '\u{2066}' | '\u{2067}' | '\u{2068}' => Some(Bidi::Isolate),
        '\u{202c}' => Some(Bidi::Pdf),
        '\u{2069}' => Some(Bidi::Pdi),
        _ => None,
    }
}

/// Whether `text` holds a bidi control at all: every one is three bytes
/// starting 0xE2 0x80 or 0xE2 0x81, so prose without them is skipped at
/// memchr's speed.
fn has_bidi_control(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xe2, b).any(|i| {
        matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        )
    })
}

/// `text` with its bidi controls balanced (UAX #9): every embedding,
/// override (U+202A, U+202B, U+202D, U+202E) and isolate (U+2066-U+2068)
/// left open is closed at the end (U+202C PDF, U+2069 PDI, innermost
/// first), and a PDF or PDI that closes nothing is dropped; a PDI also
/// closes the embeddings opened inside its isolate, as the algorithm
/// reads it. So the text cannot change the direction of whatever follows
/// it: a company name with a right-to-left override does not reverse the
/// rest of a SUMMARY. Text without bidi controls is returned as it is.
///
/// # Example: an override closed at the end
///
/// ```
/// use followup::ics::escape::balance_bidi;
/// assert_eq!(balance_bidi("Acme\u{202e}Corp"), "Acme\u{202e}Corp\u{202c}");
/// assert_eq!(balance_bidi("a\u{202c}b\u{2069}"), "ab");
/// assert_eq!(balance_bidi("\u{2067}\u{202e}x\u{2069}"), "\u{2067}\u{202e}x\u{2069}");
/// ```
pub fn balance_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_bidi_control(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut open: Vec<Bidi> = Vec::new();
    for c in text.chars() {
        match bidi(c) {
            Some(kind @ (Bidi::Embedding | Bidi::Isolate)) => {
                open.push(kind);
                out.push(c);
            }
            Some(Bidi::Pdf) => {
                if open.last() == Some(&Bidi::Embedding) {
                    open.pop();
                    out.push(c);
                }
            }
            Some(Bidi::Pdi) => {
                if let Some(at) = open.iter().rposition(|k| *k == Bidi::Isolate) {
                    open.truncate(at);
                    out.push(c);
                }
            }
            None => out.push(c),
        }
    }
    for kind in open.into_iter().rev() {
        out.push(if kind == Bidi::Isolate {
            '\u{2069}'
        } else {
            '\u{202c}'
        });
    }
    std::borrow::Cow::Owned(out)
}

/// The index of the first byte of `bytes` that [`escape_text`] stops at.
///
/// Eight bytes at a time: a word with none of the special bytes (the usual
/// case, prose) is skipped with a few arithmetic operations instead of eight
/// table lookups; a word that may hold one is looked at byte by byte.
fn first_special(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let mut le = [0; 8];
        le.copy_from_slice(word);
        if may_need_escape(u64::from_le_bytes(le))
            && let Some(i) = word.iter().position(|&b| NEEDS_ESCAPE[usize::from(b)])
        {
            return Some(at + i);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| NEEDS_ESCAPE[usize::from(b)])
        .map(|i| at + i)
}

/// Whether the eight bytes of `w` may hold a byte of [`NEEDS_ESCAPE`]: one
/// below 0x20 (a tab too, which is then found not to need it), 0x7F, `\`,
/// `;` or `,`. Never false when one is there (the usual "has a zero byte"
/// and "has a byte less than n" word tricks, which are exact for "any").
fn may_need_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of a byte of `zero(v)` is set where `v` may have a
    // zero byte; all five tests are or-ed and checked once.
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let special = below_space
        | zero(w ^ (ONES * 0x7f))
        | zero(w ^ (ONES * u64::from(b'\\')))
        | zero(w ^ (ONES * u64::from(b';')))
        | zero(w ^ (ONES * u64::from(b',')));
    special & HIGH != 0
}

/// The bytes [`escape_text`] stops at: `\`, `;`, `,`, CR, LF and the other
/// controls (§3.1 `CONTROL`), but not tab. All are ASCII, so a stop is
/// always on a character boundary.
static NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != 0x09;
        b += 1;
    }
    table[0x7f] = true;
    table[b'\\' as usize] = true;
    table[b';' as usize] = true;
    table[b',' as usize] = true;
    table
};

/// Reads an escaped TEXT value back: the inverse of [`escape_text`].
///
/// `\\`, `\;`, `\,`, `\n` and `\N` are decoded; any other backslash is kept
/// as written (a lenient reading of files from other producers).
///
/// Property (tested below): `unescape_text(escape_text(s)) == s` once `s` has
/// its newlines normalised to `\n` and its other control characters removed.
pub fn unescape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Runs without a backslash are copied whole.
    while let Some((run, escape)) = rest.split_once('\\') {
        out.push_str(run);
        let mut chars = escape.chars();
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(escaped @ ('\\' | ';' | ',')) => out.push(escaped),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::ics::testing::any_text;
    use proptest::prelude::*;

    /// What escaping keeps of `s`: newlines normalised, controls dropped.
    fn normalised(s: &str) -> String {
        let kept: String = s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || !(c.is_ascii_control()))
            .collect();
        balance_bidi(&kept).into_owned()
    }

    #[test]
    fn escapes() {
        case("", "");
        case("plain text", "plain text");
        case("a\\b", "a\\\\b");
        case("a;b,c", "a\\;b\\,c");
        case("line1\nline2", "line1\\nline2");
        case("line1\r\nline2", "line1\\nline2");
        case("line1\rline2", "line1\\nline2");
        case("two\r\n\r\nbreaks", "two\\n\\nbreaks");
        case("cr at end\r", "cr at end\\n");
        case("tab\tkept", "tab\tkept");
        case("bell\u{7}del\u{7f}nul\0gone", "belldelnulgone");
        case("C1 \u{85} kept", "C1 \u{85} kept");
        case("colon: kept", "colon: kept");
        case("\"quotes\" kept", "\"quotes\" kept");
        case("Grüße, 你好; 🎉\\", "Grüße\\, 你好\\; 🎉\\\\");
        case("\\n is not a newline", "\\\\n is not a newline");
    }

    #[test]
    fn every_special_byte_is_found_at_every_offset() {
        for special in (0u8..=255).filter(|&b| NEEDS_ESCAPE[usize::from(b)]) {
            for at in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[at] = special;
                assert_eq!(first_special(&bytes), Some(at), "{special:#x} at {at}");
            }
        }
        // Near misses: tab, space, the neighbours of each special byte.
        let near = b"\t +-:<[]^_`\x7e\x80\xff";
        assert_eq!(first_special(&near.repeat(3)), None);
    }

    /// Issue 13: a right-to-left override in a company name must not
    /// reverse the rest of a SUMMARY.
    #[test]
    fn bidi_controls_are_balanced_within_each_value() {
        case(
            "Thank-you note: Acme \u{202e}Corp",
            "Thank-you note: Acme \u{202e}Corp\u{202c}",
        );
        bidi_case("no controls — “quotes” …", "no controls — “quotes” …");
        bidi_case(
            "\u{202a}\u{202b}\u{202d}x",
            "\u{202a}\u{202b}\u{202d}x\u{202c}\u{202c}\u{202c}",
        );
        bidi_case(
            "\u{2066}a\u{2067}b\u{2068}c",
            "\u{2066}a\u{2067}b\u{2068}c\u{2069}\u{2069}\u{2069}",
        );
        bidi_case("\u{202e}a\u{202c}b", "\u{202e}a\u{202c}b");
        bidi_case("\u{202c}\u{2069}stray", "stray");
        bidi_case("\u{2067}\u{202e}x\u{2069}y", "\u{2067}\u{202e}x\u{2069}y");
        bidi_case(
            "\u{202e}\u{2067}x\u{202c}",
            "\u{202e}\u{2067}x\u{2069}\u{202c}",
        );
        // Marks change no state: kept as they are.
        bidi_case("\u{200f}\u{200e}\u{61c}", "\u{200f}\u{200e}\u{61c}");
    }

    #[track_caller]
    fn bidi_case(input: &str, want: &str) {
        assert_eq!(balance_bidi(input), want, "{input:?}");
        assert_eq!(balance_bidi(want), want, "balancing twice changes nothing");
    }

    proptest! {
        /// Whatever the text, its balanced form opens as many embeddings
        /// and isolates as it closes, and drops nothing but closers.
        #[test]
        fn balanced_text_closes_what_it_opens(parts in proptest::collection::vec(
            prop::sample::select(vec!["a", "\u{202a}", "\u{202b}", "\u{202c}", "\u{202d}", "\u{202e}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}"]),
            0..30,
        )) {
            let s = parts.concat();
            let b = balance_bidi(&s);
            let mut open = Vec::new();
            for c in b.chars() {
                match c {
                    '\u{202a}' | '\u{202b}' | '\u{202d}' | '\u{202e}' => open.push('e'),
                    '\u{2066}'..='\u{2068}' => open.push('i'),
                    '\u{202c}' => prop_assert_eq!(open.pop(), Some('e')),
                    '\u{2069}' => {
                        let at = open.iter().rposition(|k| *k == 'i');
                        prop_assert!(at.is_some());
                        open.truncate(at.unwrap_or(0));
                    }
                    _ => {}
                }
            }
            prop_assert!(open.is_empty(), "{:?}", b);
            prop_assert_eq!(b.matches('a').count(), s.matches('a').count());
        }
    }

    #[test]
    fn unescapes() {
        unescape_case("a\\\\b\\;c\\,d\\ne\\Nf", "a\\b;c,d\ne\nf");
        unescape_case("unknown \\: kept", "unknown \\: kept");
        unescape_case("trailing \\", "trailing \\");
        unescape_case("你好\\n🎉", "你好\n🎉");
    }

    proptest! {
        /// The word-at-a-time search finds what a byte-by-byte one finds,
        /// whatever the bytes and wherever they fall in a word.
        #[test]
        fn first_special_is_the_bytewise_search(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let bytewise = bytes.iter().position(|&b| NEEDS_ESCAPE[usize::from(b)]);
            prop_assert_eq!(first_special(&bytes), bytewise);
        }

        /// escape → unescape gives back the text, up to newline form and
        /// dropped controls.
        #[test]
        fn escape_round_trips(s in any_text()) {
            let mut out = Vec::new();
            escape_text(&mut out, &s);
            let escaped = String::from_utf8(out).unwrap();
            prop_assert!(!escaped.contains(['\r', '\n']));
            prop_assert_eq!(unescape_text(&escaped), normalised(&s));
        }
    }

    #[track_caller]
    fn case(input: &str, want: &str) {
        let mut out = b"prefix:".to_vec();
        escape_text(&mut out, input);
        let got = String::from_utf8(out).unwrap();
        assert_eq!(
            got.strip_prefix("prefix:"),
            Some(want),
            "escaping {input:?}"
        );
        assert_eq!(
            unescape_text(want),
            normalised(input),
            "unescaping {want:?}"
        );
    }

    #[track_caller]
    fn unescape_case(input: &str, want: &str) {
        assert_eq!(unescape_text(input), want, "unescaping {input:?}");
    }
}
