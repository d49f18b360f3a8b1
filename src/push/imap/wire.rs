//! The IMAP syntax we speak (RFC 3501 §9, RFC 7888 LITERAL+): arguments
//! quoted or sent as literals, and server responses read into tokens.
//!
//! Pure: bytes in, values out. A response is one logical line with its
//! literals inline (`{n}\r\n` then n bytes), as [`super::session`] reads
//! it; [`tokens`] turns the data part into atoms, strings and lists. A
//! `BODY[HEADER.FIELDS (A B)]` item name is one atom, brackets and all.

/// One piece of a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// An atom, a number, `NIL`, a flag (`\Drafts`) or an item name.
    Atom(String),
    /// A quoted string or a literal's bytes.
    String(Vec<u8>),
    /// A parenthesised list.
    List(Vec<Token>),
}

impl Token {
    pub fn atom(&self) -> Option<&str> {
        match self {
            Token::Atom(a) => Some(a),
            _ => None,
        }
    }

    /// An astring or nstring's bytes (`NIL` is `None`).
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Token::String(b) => Some(b),
            Token::Atom(a) if a.eq_ignore_ascii_case("NIL") => None,
            Token::Atom(a) => Some(a.as_bytes()),
            Token::List(_) => None,
        }
    }
}

/// Splits response data into tokens. Stops at unbalanced `)`.
pub fn tokens(data: &[u8]) -> Result<Vec<Token>, String> {
    let mut pos = 0;
    let list = parse_list(data, &mut pos, false)?;
    Ok(list)
}

fn parse_list(data: &[u8], pos: &mut usize, nested: bool) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    loop {
        while *pos < data.len() && data[*pos] == b' ' {
            *pos += 1;
        }
        let Some(&c) = data.get(*pos) else {
            return if nested {
                Err("a list is not closed".into())
            } else {
                Ok(out)
            };
        };
        match c {
            b'(' => {
                *pos += 1;
                out.push(Token::List(parse_list(data, pos, true)?));
            }
            b')' => {
                *pos += 1;
                return if nested {
                    Ok(out)
                } else {
                    Err("unbalanced ')'".into())
                };
            }
            b'"' => {
                *pos += 1;
                let mut s = Vec::new();
                loop {
                    match data.get(*pos) {
                        None => return Err("a quoted string is not closed".into()),
                        Some(b'\\') => {
                            let Some(&e) = data.get(*pos + 1) else {
                                return Err("a quoted string is not closed".into());
                            };
                            s.push(e);
                            *pos += 2;
                        }
                        Some(b'"') => {
                            *pos += 1;
                            break;
                        }
                        Some(&b) => {
                            s.push(b);
                            *pos += 1;
                        }
                    }
                }
                out.push(Token::String(s));
            }
            b'{' => {
                let close = data[*pos..]
                    .iter()
                    .position(|&b| b == b'}')
                    .ok_or("a literal's length is not closed")?;
                let spec = &data[*pos + 1..*pos + close];
                let spec = spec.strip_suffix(b"+").unwrap_or(spec);
                let n: usize = std::str::from_utf8(spec)
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .ok_or("a literal's length is not a number")?;
                let start = *pos + close + 1;
                let start = if data.get(start..start + 2) == Some(b"\r\n") {
                    start + 2
                } else {
                    return Err("a literal's length is not followed by CRLF".into());
                };
                let bytes = data
                    .get(start..start + n)
                    .ok_or("a literal is shorter than announced")?;
                out.push(Token::String(bytes.to_vec()));
                *pos = start + n;
            }
            _ => {
                // An atom, with any [...] inside it taken whole (section
                // specs contain spaces and parentheses).
                let start = *pos;
                let mut depth = 0usize;
                while let Some(&b) = data.get(*pos) {
                    match b {
                        b'[' => depth += 1,
                        b']' => depth = depth.saturating_sub(1),
                        b' ' | b'(' | b')' if depth == 0 => break,
                        b'\r' | b'\n' => break,
                        _ => {}
                    }
                    *pos += 1;
                }
                if *pos == start {
                    // A stray CR or LF: skip it.
                    *pos += 1;
                    continue;
                }
                out.push(Token::Atom(
                    String::from_utf8_lossy(&data[start..*pos]).into_owned(),
                ));
            }
        }
    }
}

/// A status response's parts: `OK [CODE args] text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// `OK`, `NO`, `BAD`, `BYE` or `PREAUTH`, uppercase.
    pub kind: String,
    /// The response code's words, uppercase name first (`APPENDUID`, ...).
    pub code: Vec<String>,
    pub text: String,
}

/// Reads `OK [CODE ...] text` (what follows the tag or `*`).
pub fn status(rest: &[u8]) -> Status {
    let rest = String::from_utf8_lossy(rest);
    let rest = rest.trim_end_matches(['\r', '\n']);
    let (kind, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    let (code, text) = match tail.strip_prefix('[') {
        Some(inner) => match inner.split_once(']') {
            Some((code, text)) => (
                code.split_whitespace().map(str::to_string).collect(),
                text.trim_start().to_string(),
            ),
            None => (Vec::new(), tail.to_string()),
        },
        None => (Vec::new(), tail.to_string()),
    };
    let mut code: Vec<String> = code;
    if let Some(first) = code.first_mut() {
        *first = first.to_ascii_uppercase();
    }
    Status {
        kind: kind.to_ascii_uppercase(),
        code,
        text,
    }
}

/// One argument of a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Sent as written (atoms, lists, sequence sets).
    Raw(String),
    /// Sent as a literal (`{n}` then the bytes).
    Literal(Vec<u8>),
}

/// An astring argument: quoted when it can be (printable ASCII), a literal
/// otherwise (RFC 3501 §4.3: CR, LF, NUL and 8-bit bytes need one).
pub fn astring(value: &[u8]) -> Arg {
    if value.iter().all(|&b| (0x20..0x7f).contains(&b)) {
        let mut s = String::with_capacity(value.len() + 2);
        s.push('"');
        for &b in value {
            if b == b'"' || b == b'\\' {
                s.push('\\');
            }
            s.push(char::from(b));
        }
        s.push('"');
        Arg::Raw(s)
    } else {
        Arg::Literal(value.to_vec())
    }
}

/// A UID set: `1:3,7,9:10` from sorted, deduplicated UIDs.
pub fn uid_set(uids: &[u32]) -> String {
    let mut sorted = uids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = String::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        if !out.is_empty() {
            out.push(',');
        }
        if start == end {
            out.push_str(&start.to_string());
        } else {
            out.push_str(&format!("{start}:{end}"));
        }
        i += 1;
    }
    out
}

/// Whether a logical line ends with a literal announcement `{n}` or
/// `{n+}` (before its CRLF); its length if so.
pub fn trailing_literal(line: &[u8]) -> Option<usize> {
    let line = line
        .strip_suffix(b"\r\n")
        .or_else(|| line.strip_suffix(b"\n"))?;
    let line = line.strip_suffix(b"}")?;
    let open = line.iter().rposition(|&b| b == b'{')?;
    let spec = &line[open + 1..];
    let spec = spec.strip_suffix(b"+").unwrap_or(spec);
    if spec.is_empty() || !spec.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(spec).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom(s: &str) -> Token {
        Token::Atom(s.into())
    }

    fn string(s: &str) -> Token {
        Token::String(s.as_bytes().to_vec())
    }

    #[track_caller]
    fn case(input: &str, want: Vec<Token>) {
        assert_eq!(tokens(input.as_bytes()).unwrap(), want);
    }

    #[test]
    fn tokenizes_responses() {
        case(
            r#"LIST (\HasNoChildren \Drafts) "/" Drafts"#,
            vec![
                atom("LIST"),
                Token::List(vec![atom("\\HasNoChildren"), atom("\\Drafts")]),
                string("/"),
                atom("Drafts"),
            ],
        );
        case(
            r#"LIST () NIL "Entw\"urfe""#,
            vec![
                atom("LIST"),
                Token::List(vec![]),
                atom("NIL"),
                string("Entw\"urfe"),
            ],
        );
        case(
            "12 FETCH (UID 40 FLAGS (\\Draft \\Seen) BODY[HEADER.FIELDS (X-A X-B)] {10}\r\nX-A: 1\r\n\r\n)",
            vec![
                atom("12"),
                atom("FETCH"),
                Token::List(vec![
                    atom("UID"),
                    atom("40"),
                    atom("FLAGS"),
                    Token::List(vec![atom("\\Draft"), atom("\\Seen")]),
                    atom("BODY[HEADER.FIELDS (X-A X-B)]"),
                    string("X-A: 1\r\n\r\n"),
                ]),
            ],
        );
        case(
            "SEARCH 1 4 9",
            vec![atom("SEARCH"), atom("1"), atom("4"), atom("9")],
        );
        case("SEARCH", vec![atom("SEARCH")]);
        assert!(tokens(b"(a").is_err());
        assert!(tokens(b"\"a").is_err());
        assert!(tokens(b"{5}\r\nab").is_err());
        assert!(tokens(b"{x}\r\nab").is_err());
    }

    #[test]
    fn statuses() {
        let s = status(b"OK [APPENDUID 38505 3955] APPEND completed\r\n");
        assert_eq!(s.kind, "OK");
        assert_eq!(s.code, vec!["APPENDUID", "38505", "3955"]);
        assert_eq!(s.text, "APPEND completed");
        let s = status(b"no [authenticationfailed] Authentication failed.");
        assert_eq!(
            (s.kind.as_str(), s.code[0].as_str()),
            ("NO", "AUTHENTICATIONFAILED")
        );
        let s = status(b"BAD");
        assert_eq!(
            (s.kind.as_str(), s.code.len(), s.text.as_str()),
            ("BAD", 0, "")
        );
    }

    #[test]
    fn arguments() {
        assert_eq!(astring(b"Drafts"), Arg::Raw("\"Drafts\"".into()));
        assert_eq!(astring(b"a\"b\\c"), Arg::Raw(r#""a\"b\\c""#.into()));
        assert_eq!(
            astring("pässword".as_bytes()),
            Arg::Literal("pässword".as_bytes().to_vec())
        );
        assert_eq!(astring(b"a\r\nb"), Arg::Literal(b"a\r\nb".to_vec()));
        assert_eq!(uid_set(&[9, 1, 2, 3, 7, 10, 3]), "1:3,7,9:10");
        assert_eq!(uid_set(&[5]), "5");
    }

    #[test]
    fn literal_announcements() {
        assert_eq!(trailing_literal(b"* 1 FETCH (BODY[] {42}\r\n"), Some(42));
        assert_eq!(trailing_literal(b"A1 LOGIN {3+}\r\n"), Some(3));
        assert_eq!(trailing_literal(b"* OK {x}\r\n"), None);
        assert_eq!(trailing_literal(b"* OK done\r\n"), None);
        assert_eq!(trailing_literal(b"* OK {}\r\n"), None);
    }
}
