//! Content-line folding and the line terminator, RFC 5545 §3.1.
//!
//! This is the one folder and the one place in the crate that writes CRLF.
//! A content line longer than 75 octets is split into physical lines of at
//! most 75 octets each (excluding the CRLF); every continuation line starts
//! with a single space, which counts toward its 75. A fold never splits a
//! UTF-8 character and never separates a backslash from the character it
//! escapes (RFC 5545 allows the latter, but some readers unescape before
//! they unfold). [`unfold`] undoes it for reading back.
//!
//! No I/O; the only allocation is the caller's buffer growing.

/// The longest physical line, in octets, not counting the CRLF (§3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// Appends one content line to `out`, folded, with a CRLF after every
/// physical line.
///
/// `line` must be UTF-8 and contain no CR or LF: the [`Writer`] guarantees
/// both (TEXT values are escaped, other values have their control
/// characters removed).
///
/// [`Writer`]: super::writer::Writer
///
/// # Example: a long line becomes two
///
/// ```
/// let mut out = Vec::new();
/// let line = format!("SUMMARY:{}", "x".repeat(80));
/// followup::ics::fold::write_folded(&mut out, line.as_bytes());
/// let text = String::from_utf8(out).unwrap();
/// let physical: Vec<&str> = text.split_terminator("\r\n").collect();
/// assert_eq!(physical[0].len(), 75);
/// assert_eq!(physical[1], format!(" {}", "x".repeat(13)));
/// ```
pub fn write_folded(out: &mut Vec<u8>, line: &[u8]) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let (head, tail) = rest.split_at(fold_point(rest, room));
        out.extend_from_slice(head);
        out.extend_from_slice(b"\r\n ");
        rest = tail;
        // The leading space of a continuation line takes one octet.
        room = MAX_LINE_OCTETS - 1;
    }
    out.extend_from_slice(rest);
    out.extend_from_slice(b"\r\n");
}

/// Where to fold `rest` (longer than `room`) so the head fits in `room`
/// octets and ends on a UTF-8 character boundary outside an escape pair.
///
/// `rest` starts at a boundary of both kinds (the start of the line or a
/// previous fold point), so backslash pairs can be counted from its start.
fn fold_point(rest: &[u8], room: usize) -> usize {
    let mut cut = room;
    // Back up to the first byte of the character that would be split.
    while cut > 0 && rest.get(cut).is_some_and(|&b| is_utf8_continuation(b)) {
        cut -= 1;
    }
    // An odd run of backslashes before the cut means the last one opens an
    // escape pair whose second character starts at `cut`: keep them together.
    let backslashes = rest[..cut]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    if backslashes % 2 == 1 {
        cut -= 1;
    }
    // `room` is at least 74 and we backed up at most 3 + 1 octets, so `cut`
    // is never 0; guard anyway so a fold always makes progress.
    if cut == 0 { room } else { cut }
}

fn is_utf8_continuation(b: u8) -> bool {
    b & 0b1100_0000 == 0b1000_0000
}

/// Undoes folding (§3.1): removes every CRLF (or bare LF, leniently) that is
/// followed by a single space or tab, and that whitespace character.
///
/// Property (tested below): `unfold(write_folded(line)) == line + CRLF` for
/// any UTF-8 line without CR or LF.
pub fn unfold(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Start of the text not yet copied; line breaks are found with memchr
    // (SIMD), which matters when a regeneration unfolds 100 MB.
    let mut from = 0;
    for i in memchr::memchr_iter(b'\n', bytes) {
        if i < from || !matches!(bytes.get(i + 1), Some(b' ' | b'\t')) {
            continue;
        }
        let end = if i > from && bytes[i - 1] == b'\r' {
            i - 1
        } else {
            i
        };
        out.push_str(&text[from..end]);
        from = i + 2;
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::ics::testing::{any_text, assert_content_lines};
    use proptest::prelude::*;

    #[test]
    fn short_lines_are_not_folded() {
        case("", &[""]);
        case("VERSION:2.0", &["VERSION:2.0"]);
        let exactly_75 = "x".repeat(75);
        case(&exactly_75, &[&exactly_75]);
    }

    #[test]
    fn long_ascii_lines_fold_at_75_then_74() {
        let line = "x".repeat(76);
        case(&line, &[&"x".repeat(75), " x"]);
        let line = "y".repeat(75 + 74 + 1);
        case(
            &line,
            &[&"y".repeat(75), &format!(" {}", "y".repeat(74)), " y"],
        );
    }

    #[test]
    fn folds_before_a_multibyte_character_that_would_straddle() {
        // 74 ASCII octets, then a 4-octet emoji: it cannot end line one.
        let line = format!("{}🎉tail", "a".repeat(74));
        case(&line, &[&"a".repeat(74), " 🎉tail"]);
        // CJK: 3 octets each, 25 of them fill line one exactly.
        let line = "你".repeat(26);
        case(&line, &[&"你".repeat(25), " 你"]);
        // 73 ASCII + 3-octet 你: 76 octets, 你 moves down whole.
        let line = format!("{}你", "b".repeat(73));
        case(&line, &[&"b".repeat(73), " 你"]);
        // A combining mark is its own character: the fold may fall between
        // the base letter and the mark, but never inside the mark's octets.
        let line = format!("{}e\u{301}", "c".repeat(74));
        case(&line, &[&format!("{}e", "c".repeat(74)), " \u{301}"]);
    }

    #[test]
    fn never_folds_inside_an_escape_pair() {
        // `\,` straddling octets 75/76: the pair moves down together.
        let line = format!("{}\\,z", "d".repeat(74));
        case(&line, &[&"d".repeat(74), " \\,z"]);
        // `\\` straddling: same.
        let line = format!("{}\\\\z", "d".repeat(74));
        case(&line, &[&"d".repeat(74), " \\\\z"]);
        // `\\` ending exactly at octet 75 is a whole pair: fold after it.
        let line = format!("{}\\\\z", "d".repeat(73));
        case(&line, &[&format!("{}\\\\", "d".repeat(73)), " z"]);
        // A backslash before a multi-byte character.
        let line = format!("{}\\🎉", "d".repeat(73));
        case(&line, &[&"d".repeat(73), " \\🎉"]);
    }

    #[test]
    fn backslashes_at_every_offset_around_the_fold() {
        for prefix in 60..=80 {
            for run in 1..=6 {
                let line = format!("{}{}n tail", "p".repeat(prefix), "\\".repeat(run));
                let mut out = Vec::new();
                write_folded(&mut out, line.as_bytes());
                assert_content_lines(&out);
                let back = unfold(std::str::from_utf8(&out).unwrap());
                assert_eq!(back, format!("{line}\r\n"), "prefix {prefix}, run {run}");
            }
        }
    }

    #[test]
    fn unfold_accepts_tab_and_bare_lf_continuations() {
        assert_eq!(unfold("ab\r\n\tcd\r\nX:1\r\n"), "abcd\r\nX:1\r\n");
        assert_eq!(unfold("ab\n cd\nX:1"), "abcd\nX:1");
        // Only one whitespace character is removed.
        assert_eq!(unfold("ab\r\n  cd"), "ab cd");
    }

    proptest! {
        /// fold → unfold gives back the line, and every physical line keeps
        /// the §3.1 byte rules.
        #[test]
        fn fold_round_trips(text in any_text(), prefix in 1usize..80) {
            // Folding takes escaped content lines: no CR or LF in them, and
            // a property name first (so never a leading U+FEFF, which the
            // stream check rightly calls a BOM).
            let line = format!("{}{}", "p".repeat(prefix), text.replace(['\r', '\n'], ""));
            let mut out = Vec::new();
            write_folded(&mut out, line.as_bytes());
            assert_content_lines(&out);
            prop_assert_eq!(unfold(std::str::from_utf8(&out).unwrap()), format!("{line}\r\n"));
        }
    }

    #[track_caller]
    fn case(line: &str, want: &[&str]) {
        let mut out = Vec::new();
        write_folded(&mut out, line.as_bytes());
        assert_content_lines(&out);
        let want: String = want.iter().map(|l| format!("{l}\r\n")).collect();
        assert_eq!(
            String::from_utf8(out.clone()).unwrap(),
            want,
            "folding {line:?}"
        );
        assert_eq!(unfold(&want), format!("{line}\r\n"), "unfolding {want:?}");
    }
}
