//! A drafted email as an RFC 5322 message (an `.eml` file), which Outlook,
//! Thunderbird and Apple Mail open as a draft (SPEC §9 `draft --format
//! eml`, §10 `push --imap`).
//!
//! What is written, and why:
//!
//! - `Date`, `From` (when the candidate's address is known), `To` (when the
//!   recipient's address is known and well-formed), `Subject`,
//!   `Message-ID`: the header fields of RFC 5322 §3.6; `Date` is the step's
//!   planned start with its UTC offset (§3.3).
//! - `MIME-Version: 1.0`, `Content-Type: text/plain; charset=utf-8` and a
//!   `Content-Transfer-Encoding` (RFC 2045): `7bit` for plain ASCII, `8bit`
//!   for UTF-8 text, `quoted-printable` (§6.7) when a line passes 998
//!   octets, the limit of RFC 5322 §2.1.1.
//! - Names and subjects that are not plain ASCII as RFC 2047 encoded-words
//!   (`=?UTF-8?Q?…?=`, at most 75 characters each, §2), split between
//!   characters, never inside one.
//! - `X-Unsent: 1`: Outlook opens such a file as an unsent draft instead of
//!   a received message.
//! - Any extra fields the caller asks for (`X-Followup-Key` for the IMAP
//!   client, which finds its drafts by it).
//!
//! Every line ends in CRLF. Written by hand: the format is a few header
//! fields and two encodings, and the mail crates either parse only or pull
//! in a sending stack (docs/decisions.md "Drafts as files").
//!
//! Pure: bytes out, no I/O.

use std::fmt::Write as _;

use jiff::Zoned;

/// A mailbox: an optional display name and an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mailbox<'a> {
    pub name: Option<&'a str>,
    pub address: &'a str,
}

/// The header of one draft.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    pub from: Option<Mailbox<'a>>,
    pub to: Option<Mailbox<'a>>,
    pub subject: &'a str,
    /// RFC 5322 `Date`: the step's planned start.
    pub date: &'a Zoned,
    /// The left part of the `Message-ID` (an event UID works); made a
    /// valid `dot-atom-text` here.
    pub id: &'a str,
    /// More fields, written last: `(name, value)`, both ASCII.
    pub extra: &'a [(&'a str, &'a str)],
}

/// Whether `address` can go in a header as is: `local@domain`, printable
/// ASCII without spaces or the characters that delimit an address.
pub fn plausible_address(address: &str) -> bool {
    let a = address.trim();
    let mut parts = a.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && a.bytes().all(|b| {
            b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'<' | b'>' | b'(' | b')' | b',' | b';' | b':' | b'"' | b'[' | b']' | b'\\'
                )
        })
}

/// The message: header fields, a blank line, the body, CRLF line ends.
pub fn write(h: &Header<'_>, body: &str) -> Vec<u8> {
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("Date: ");
    let _ = write!(out, "{}", h.date.strftime("%a, %d %b %Y %H:%M:%S %z"));
    out.push_str("\r\n");
    if let Some(from) = h.from.filter(|m| plausible_address(m.address)) {
        field_mailbox(&mut out, "From", &from);
    }
    if let Some(to) = h.to.filter(|m| plausible_address(m.address)) {
        field_mailbox(&mut out, "To", &to);
    }
    field_text(&mut out, "Subject", h.subject);
    out.push_str("Message-ID: <");
    push_id(&mut out, h.id);
    out.push_str("@followup>\r\n");
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str("Content-Type: text/plain; charset=utf-8\r\n");
    let longest = body.lines().map(str::len).max().unwrap_or(0);
    let encoding = if longest > 998 {
        "quoted-printable"
    } else if body.is_ascii() {
        "7bit"
    } else {
        "8bit"
    };
    out.push_str("Content-Transfer-Encoding: ");
    out.push_str(encoding);
    out.push_str("\r\n");
    out.push_str("X-Unsent: 1\r\n");
    for (name, value) in h.extra {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    if encoding == "quoted-printable" {
        push_quoted_printable(&mut out, body);
    } else {
        for line in body.lines() {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.into_bytes()
}

/// `Name: <mailbox>`: the display name as a plain phrase, a quoted string
/// or encoded-words, as it needs.
fn field_mailbox(out: &mut String, field: &str, m: &Mailbox<'_>) {
    out.push_str(field);
    out.push_str(": ");
    let name = m.name.map(str::trim).filter(|n| !n.is_empty());
    if let Some(name) = name {
        let atext = |c: char| c.is_ascii_alphanumeric() || " !#$%&'*+-/=?^_`{|}~".contains(c);
        if name.chars().all(atext) {
            out.push_str(name);
        } else if name.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
            out.push('"');
            for c in name.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            push_encoded_words(out, name, field.len() + 2, true);
        }
        out.push(' ');
    }
    out.push('<');
    out.push_str(m.address.trim());
    out.push_str(">\r\n");
}

/// An unstructured field (`Subject`): folded at spaces when long, or
/// encoded-words when it is not printable ASCII.
fn field_text(out: &mut String, field: &str, value: &str) {
    out.push_str(field);
    out.push_str(": ");
    if value.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
        // Fold before a space once a line would pass 78 characters.
        let mut line = field.len() + 2;
        for (i, word) in value.split(' ').enumerate() {
            if i > 0 {
                if line + 1 + word.len() > 78 {
                    out.push_str("\r\n");
                    line = 0;
                }
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += word.len();
        }
    } else {
        push_encoded_words(out, value, field.len() + 2, false);
    }
    out.push_str("\r\n");
}

/// RFC 2047 Q encoded-words for `text`, each at most 75 characters (the
/// first shorter by `indent`, the field name before it, so that no line
/// passes 78) and on a line of its own after the first, split between
/// characters. `phrase`: the stricter character set of a display name
/// (§5 (3)).
fn push_encoded_words(out: &mut String, text: &str, indent: usize, phrase: bool) {
    const OPEN: &str = "=?UTF-8?Q?";
    const CLOSE: &str = "?=";
    let keep = |b: u8| {
        if phrase {
            b.is_ascii_alphanumeric() || matches!(b, b'!' | b'*' | b'+' | b'-' | b'/')
        } else {
            b.is_ascii_graphic() && !matches!(b, b'=' | b'?' | b'_')
        }
    };
    let mut word = String::new();
    let mut words: Vec<String> = Vec::new();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let mut piece = String::new();
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            if b == b' ' {
                piece.push('_');
            } else if keep(b) {
                piece.push(char::from(b));
            } else {
                let _ = write!(piece, "={b:02X}");
            }
        }
        let room = if words.is_empty() {
            78 - indent.min(40)
        } else {
            75
        }
        .min(75);
        if !word.is_empty() && OPEN.len() + word.len() + piece.len() + CLOSE.len() > room {
            words.push(std::mem::take(&mut word));
        }
        word.push_str(&piece);
    }
    if !word.is_empty() || words.is_empty() {
        words.push(word);
    }
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n ");
        }
        out.push_str(OPEN);
        out.push_str(w);
        out.push_str(CLOSE);
    }
}

/// The `Message-ID`'s left part: `id` with anything outside RFC 5322's
/// `atext` as `-`, and no empty dot-separated part.
fn push_id(out: &mut String, id: &str) {
    // A UID's own domain (`…@followup`) is the one written after it.
    let id = id.rsplit_once('@').map_or(id, |(local, _)| local);
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    let mut first = true;
    for part in id.split('.').filter(|p| !p.is_empty()) {
        if !first {
            out.push('.');
        }
        first = false;
        for c in part.chars() {
            out.push(if atext(c) { c } else { '-' });
        }
    }
    if first {
        out.push_str("draft");
    }
}

/// RFC 2045 §6.7 quoted-printable, lines of at most 76 characters with
/// soft breaks, CRLF hard breaks.
fn push_quoted_printable(out: &mut String, body: &str) {
    for line in body.lines() {
        let bytes = line.as_bytes();
        let mut len = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let plain = (b.is_ascii_graphic() && b != b'=') || (b == b' ' && !last);
            let piece_len = if plain { 1 } else { 3 };
            if len + piece_len > 75 {
                out.push_str("=\r\n");
                len = 0;
            }
            if plain {
                out.push(char::from(b));
            } else {
                let _ = write!(out, "={b:02X}");
            }
            len += piece_len;
        }
        out.push_str("\r\n");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn start() -> Zoned {
        "2026-11-18T09:00[America/New_York]".parse().unwrap()
    }

    fn header<'a>(z: &'a Zoned, subject: &'a str, to: Option<Mailbox<'a>>) -> Header<'a> {
        Header {
            from: None,
            to,
            subject,
            date: z,
            id: "acme-ae.thank-you.1.3f9c@followup",
            extra: &[],
        }
    }

    #[test]
    fn plain_ascii_draft() {
        let z = start();
        let to = Mailbox {
            name: Some("Mark Lee"),
            address: "mark@acme.example",
        };
        let m = String::from_utf8(write(
            &header(&z, "Thank you", Some(to)),
            "Hi Mark,\n\nThanks.\n",
        ))
        .unwrap();
        assert_eq!(
            m,
            "Date: Wed, 18 Nov 2026 09:00:00 -0500\r\n\
             To: Mark Lee <mark@acme.example>\r\n\
             Subject: Thank you\r\n\
             Message-ID: <acme-ae.thank-you.1.3f9c@followup>\r\n\
             MIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\
             Content-Transfer-Encoding: 7bit\r\n\
             X-Unsent: 1\r\n\
             \r\n\
             Hi Mark,\r\n\r\nThanks.\r\n"
        );
    }

    #[test]
    fn non_ascii_names_and_subjects_are_encoded_words() {
        let z = start();
        let to = Mailbox {
            name: Some("Zoë Ng"),
            address: "zoe@acme.example",
        };
        let m = String::from_utf8(write(
            &header(
                &z,
                "Vielen Dank für das Gespräch – Account Executive",
                Some(to),
            ),
            "Grüße",
        ))
        .unwrap();
        assert!(
            m.contains("To: =?UTF-8?Q?Zo=C3=AB_Ng?= <zoe@acme.example>\r\n"),
            "{m}"
        );
        assert!(
            m.contains("Subject: =?UTF-8?Q?Vielen_Dank_f=C3=BCr_das_Gespr=C3=A4ch_"),
            "{m}"
        );
        assert!(m.contains("Content-Transfer-Encoding: 8bit\r\n"), "{m}");
        for line in m.lines() {
            assert!(line.len() <= 78, "{line:?}");
        }
    }

    #[test]
    fn specials_are_quoted_and_odd_addresses_left_out() {
        let z = start();
        let to = Mailbox {
            name: Some("Lee, \"Mark\""),
            address: "mark@acme.example",
        };
        let m = String::from_utf8(write(&header(&z, "x", Some(to)), "x")).unwrap();
        assert!(
            m.contains("To: \"Lee, \\\"Mark\\\"\" <mark@acme.example>\r\n"),
            "{m}"
        );
        let bad = Mailbox {
            name: None,
            address: "not an address",
        };
        let m = String::from_utf8(write(&header(&z, "x", Some(bad)), "x")).unwrap();
        assert!(!m.contains("To:"), "{m}");
        assert!(plausible_address(" a+b@c.d "));
        assert!(!plausible_address("a@b@c"));
        assert!(!plausible_address("é@b.c"));
    }

    #[test]
    fn long_lines_are_quoted_printable() {
        let z = start();
        let body = format!("{}=é\n", "word ".repeat(250));
        let m = String::from_utf8(write(&header(&z, "x", None), &body)).unwrap();
        assert!(m.contains("Content-Transfer-Encoding: quoted-printable\r\n"));
        for line in m.lines() {
            assert!(line.len() <= 78, "{line:?}");
        }
        assert!(m.contains("=3D=C3=A9\r\n"), "{m}");
    }

    #[test]
    fn ids_are_dot_atoms() {
        let mut s = String::new();
        push_id(&mut s, "..a b..c@followup");
        assert_eq!(s, "a-b.c");
    }
}
