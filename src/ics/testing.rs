//! Test helpers shared by the `ics` modules: proptest strategies for text
//! that stresses escaping and folding, and byte-level checks of RFC 5545 §3.1
//! content lines. Compiled only for tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;

/// Strings rich in what escaping and folding must handle: backslashes,
/// separators, newlines of every form, controls, emoji (including ZWJ
/// sequences), CJK and combining marks, mixed with plain words.
pub fn any_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => any::<char>().prop_map(String::from),
            3 => prop::sample::select(vec![
                "\\", ";", ",", "\n", "\r", "\r\n", "\t", "\\n", "\\\\", ":", "\"",
                "🎉", "👩‍👩‍👧", "你好", "e\u{301}", "a\u{300}\u{316}", "\u{0}", "\u{7f}", " ",
            ])
            .prop_map(String::from),
            2 => "[a-z ]{1,8}",
        ],
        0..120,
    )
    .prop_map(|parts| parts.concat())
}

/// Asserts the RFC 5545 §3.1 byte rules on a whole stream: no BOM, every
/// line ends in CRLF (so no bare CR or LF), no physical line over 75 octets
/// excluding the CRLF, each line valid UTF-8 on its own (no character split
/// by a fold), and no fold between a backslash and the character it escapes.
#[track_caller]
pub fn assert_content_lines(bytes: &[u8]) {
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "starts with a BOM");
    assert!(bytes.ends_with(b"\r\n"), "does not end in CRLF");
    // Split after each LF; every piece must then end in CR.
    let body = &bytes[..bytes.len() - 1];
    let lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    for (n, line) in lines.iter().enumerate() {
        let line = line
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("line {n} does not end in CRLF: {line:?}"));
        assert!(!line.contains(&b'\r'), "bare CR in line {n}: {line:?}");
        assert!(
            line.len() <= 75,
            "line {n} has {} octets: {line:?}",
            line.len()
        );
        let text = std::str::from_utf8(line)
            .unwrap_or_else(|e| panic!("line {n} is not UTF-8 on its own ({e}): {line:?}"));
        let folded = lines.get(n + 1).is_some_and(|next| next.starts_with(b" "));
        let trailing = text.bytes().rev().take_while(|&b| b == b'\\').count();
        assert!(
            !(folded && trailing % 2 == 1),
            "line {n} is folded after an opening backslash: {text:?}"
        );
    }
}
