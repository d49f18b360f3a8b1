//! `mailto:` links that open a drafted email (RFC 6068), no longer than
//! mail programs follow (SPEC §9).
//!
//! A dozen lines of percent-encoding, written here rather than pulled in as a
//! dependency: only the byte classes below matter. Windows hands a link to
//! the mail program through a path limited to about 2,000 characters, and
//! browsers and Outlook drop longer links without a word, so a link is at
//! most [`MAX_LINK`] characters, counted after encoding: when the whole
//! draft does not fit, the link carries the subject, the paragraphs that
//! fit and [`OVERFLOW`], a line saying where the rest is. Pure, no I/O.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// How [`push_encoded`] writes each byte: `[len, bytes…]`, the byte itself
/// (`len` 1) or its `%XX` escape (`len` 3); `len` 0 marks CR and LF, which
/// are line breaks. `address` keeps `@` and `+` as well as RFC 3986
/// `unreserved`.
const fn encoding(address: bool) -> [[u8; 4]; 256] {
    let mut table = [[0; 4]; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (address && matches!(b, b'@' | b'+'));
        table[i] = if matches!(b, b'\r' | b'\n') {
            [0; 4]
        } else if keep {
            [1, b, 0, 0]
        } else {
            [3, b'%', HEX[i >> 4], HEX[i & 0x0F]]
        };
        i += 1;
    }
    table
}

/// [`encoding`] for the subject and body: only `unreserved` is kept.
static QUERY: [[u8; 4]; 256] = encoding(false);
/// [`encoding`] for the address.
static ADDRESS: [[u8; 4]; 256] = encoding(true);

/// Percent-encodes `s` onto `out`. Every line break (`\n`, `\r\n` or a
/// lone `\r`) becomes `%0D%0A`, as RFC 6068 §5 asks of a body. In the
/// address (`address`), `@` and `+` are kept.
///
/// Each byte's encoding is looked up and copied into a small buffer on the
/// stack, appended a few hundred bytes at a time: a body is mostly short
/// words between encoded spaces, and appending each piece to the `String`
/// on its own cost more than the encoding itself.
fn push_encoded(out: &mut String, s: &str, address: bool) {
    let table = if address { &ADDRESS } else { &QUERY };
    let mut buf = [0u8; 256];
    let mut n = 0;
    let mut after_cr = false;
    for b in s.bytes() {
        // Room for the longest output of one byte (`%0D%0A`).
        if n + 6 > buf.len() {
            push_ascii(out, &buf[..n]);
            n = 0;
        }
        let [len, code @ ..] = table[usize::from(b)];
        if len == 0 {
            // A line break; the LF of a CRLF was written with its CR.
            if !(after_cr && b == b'\n') {
                buf[n..n + 6].copy_from_slice(b"%0D%0A");
                n += 6;
            }
            after_cr = b == b'\r';
            continue;
        }
        after_cr = false;
        buf[n..n + 3].copy_from_slice(&code);
        n += usize::from(len);
    }
    push_ascii(out, &buf[..n]);
}

/// Appends bytes that [`push_encoded`] made, all ASCII.
fn push_ascii(out: &mut String, ascii: &[u8]) {
    out.push_str(std::str::from_utf8(ascii).unwrap_or(""));
}

/// A `mailto:` URI (RFC 6068) that opens a new email to `email` with
/// `subject` and `body` filled in.
///
/// Subject and body are percent-encoded as UTF-8 with nothing but RFC 3986
/// `unreserved` characters left bare: spaces are `%20` (never `+`), `&`, `?`,
/// `#`, `%`, `+` and `=` are encoded, and line breaks are `%0D%0A`.
///
/// ```
/// use followup::notes::mailto;
///
/// assert_eq!(
///     mailto("mark@acme.example", "Q&A?", "Hi Mark,\nThanks!"),
///     "mailto:mark@acme.example?subject=Q%26A%3F&body=Hi%20Mark%2C%0D%0AThanks%21",
/// );
/// ```
///
/// # Properties
///
/// The link is printable ASCII with no spaces, whatever the input; and
/// percent-decoding its subject gives the subject back, and its body the
/// body with every line break as CRLF (tested with proptest below).
///
/// # Example: an address with a `+` tag
///
/// `beth+jobs@example.com` keeps its `+`, which RFC 6068 allows in the
/// address; in the subject and body a `+` is `%2B`, because some mail
/// clients read a bare `+` there as a space.
pub fn mailto(email: &str, subject: &str, body: &str) -> String {
    let mut out = String::with_capacity(
        "mailto:?subject=&body=".len() + email.len() + 3 * (subject.len() + body.len()),
    );
    push_mailto(&mut out, email, subject, body);
    out
}

/// The longest `mailto:` link written, in characters (all ASCII).
pub const MAX_LINK: usize = 1_800;

/// Ends a link's body when the whole draft did not fit in it.
pub const OVERFLOW: &str =
    "(The rest of this message is in the calendar event: copy it from there.)";

/// The characters [`push_encoded`] writes for `s`.
fn encoded_len(s: &str, address: bool) -> usize {
    let table = if address { &ADDRESS } else { &QUERY };
    let mut n = 0;
    let mut after_cr = false;
    for b in s.bytes() {
        let len = usize::from(table[usize::from(b)][0]);
        if len == 0 {
            if !(after_cr && b == b'\n') {
                n += 6;
            }
            after_cr = b == b'\r';
            continue;
        }
        after_cr = false;
        n += len;
    }
    n
}

/// Appends "Open this draft in your mail app:" and a `mailto:` link of at
/// most [`MAX_LINK`] characters to `out`: the whole draft when it fits,
/// else the subject, the body's first paragraphs (whole ones, as many as
/// fit) and [`OVERFLOW`]. Returns false, having written nothing, when not
/// even the subject and that line fit (a subject of hundreds of
/// characters).
///
/// # Example: a long draft
///
/// A body of 40 paragraphs of 60 characters encodes to about 2,900
/// characters: the link keeps the paragraphs that fit within 1,800 with
/// the overflow line, and decoding its body gives those paragraphs, a blank
/// line and [`OVERFLOW`].
pub(crate) fn push_mailto_fitting(
    out: &mut String,
    email: &str,
    subject: &str,
    body: &str,
) -> bool {
    let email = email.trim();
    let head =
        "mailto:?subject=&body=".len() + encoded_len(email, true) + encoded_len(subject, false);
    if head + encoded_len(body, false) <= MAX_LINK {
        out.push_str("Open this draft in your mail app:\n");
        push_mailto(out, email, subject, body);
        return true;
    }
    // Paragraph ends: the body is cut only between paragraphs.
    let tail = 6 + 6 + encoded_len(OVERFLOW, false);
    let mut best: Option<usize> = None;
    let mut used = 0;
    let mut from = 0;
    while let Some(at) = body[from..].find("\n\n").map(|i| from + i) {
        used += encoded_len(&body[from..at], false) + if from == 0 { 0 } else { 12 };
        if head + used + tail > MAX_LINK {
            break;
        }
        best = Some(at);
        from = at + 2;
    }
    if head + encoded_len(OVERFLOW, false) > MAX_LINK {
        return false;
    }
    out.push_str(
        "Open the start of this draft in your mail app (the link has room for part of it only):\n",
    );
    out.push_str("mailto:");
    push_encoded(out, email, true);
    out.push_str("?subject=");
    push_encoded(out, subject, false);
    out.push_str("&body=");
    if let Some(end) = best {
        push_encoded(out, &body[..end], false);
        out.push_str("%0D%0A%0D%0A");
    }
    push_encoded(out, OVERFLOW, false);
    true
}

/// [`mailto`], appended to `out` (the DESCRIPTION being assembled) instead
/// of allocated on its own.
pub(crate) fn push_mailto(out: &mut String, email: &str, subject: &str, body: &str) {
    out.push_str("mailto:");
    push_encoded(out, email.trim(), true);
    out.push_str("?subject=");
    push_encoded(out, subject, false);
    out.push_str("&body=");
    push_encoded(out, body, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(email: &str, subject: &str, body: &str, want: &str) {
        assert_eq!(mailto(email, subject, body), want);
    }

    #[test]
    fn encodes_rfc_6068() {
        case(
            "mark@acme.example",
            "Thank you",
            "Hi",
            "mailto:mark@acme.example?subject=Thank%20you&body=Hi",
        );
        // Delimiters of the URI itself.
        case(
            "a@b.c",
            "R&D? #1 at 100% = +",
            "x",
            "mailto:a@b.c?subject=R%26D%3F%20%231%20at%20100%25%20%3D%20%2B&body=x",
        );
        // Every kind of line break becomes exactly one CRLF.
        case(
            "a@b.c",
            "",
            "one\ntwo\r\nthree\rfour\n",
            "mailto:a@b.c?subject=&body=one%0D%0Atwo%0D%0Athree%0D%0Afour%0D%0A",
        );
        // Non-ASCII is UTF-8, byte by byte.
        case(
            "a@b.c",
            "Zoë 🚀",
            "李",
            "mailto:a@b.c?subject=Zo%C3%AB%20%F0%9F%9A%80&body=%E6%9D%8E",
        );
        // Characters the ics layer escapes pass through encoded, not escaped.
        case(
            "a@b.c",
            "a;b,c\\d",
            "",
            "mailto:a@b.c?subject=a%3Bb%2Cc%5Cd&body=",
        );
        // The address keeps `@` and `+`; anything odd in it is encoded.
        case(
            " beth+jobs@example.com ",
            "",
            "",
            "mailto:beth+jobs@example.com?subject=&body=",
        );
        case(
            "o'hara?x=1@example.com",
            "",
            "",
            "mailto:o%27hara%3Fx%3D1@example.com?subject=&body=",
        );
    }

    /// Reverses the encoding, for the round-trip property.
    fn decode(s: &str) -> Vec<u8> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn round_trips(email in "\\PC{0,20}", subject in "\\PC{0,40}", body in "(\\PC|\r|\n){0,200}") {
            let link = mailto(&email, &subject, &body);
            proptest::prop_assert!(link.bytes().all(|b| b.is_ascii_graphic()));
            let (_, query) = link.split_once('?').unwrap_or_default();
            let (s, b) = query.split_once("&body=").unwrap_or_default();
            let s = s.strip_prefix("subject=").unwrap_or_default();
            proptest::prop_assert_eq!(decode(s), subject.as_bytes());
            let crlf = body.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n");
            proptest::prop_assert_eq!(decode(b), crlf.as_bytes());
        }
    }

    #[test]
    fn output_is_plain_ascii_without_spaces() {
        let link = mailto("ü@例え.jp", "\t\u{0} x", "é\n\"<b>\"");
        assert!(link.bytes().all(|b| b.is_ascii_graphic()), "{link}");
    }
}
