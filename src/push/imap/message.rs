//! A draft as it is stored: the caller's RFC 5322 message with our two
//! header fields in front, and how they are read back.
//!
//! `X-Followup-Key` names the draft (stable across runs: one per email
//! step), `X-Followup-Hash` is the hash of the caller's message. A message
//! is ours only when it carries both. RFC 5322 §3.6.8 allows such optional
//! fields; servers keep header fields as appended.

use crate::push::hash;

pub const KEY_HEADER: &str = "X-Followup-Key";
pub const HASH_HEADER: &str = "X-Followup-Hash";

/// Whether a key can go in a header field and an IMAP search as is:
/// 1 to 200 printable ASCII characters without spaces.
pub fn valid_key(key: &str) -> bool {
    (1..=200).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

/// The message to append: CRLF line ends (RFC 5322 §2.1, required by
/// APPEND), our fields first, any earlier copies of them removed.
pub fn prepare(message: &[u8], key: &str, hash: &str) -> Vec<u8> {
    let crlf = to_crlf(message);
    let (head, body) = split(&crlf);
    let mut out = Vec::with_capacity(crlf.len() + 128);
    out.extend_from_slice(format!("{KEY_HEADER}: {key}\r\n{HASH_HEADER}: {hash}\r\n").as_bytes());
    let mut skipping = false;
    for line in head.split_inclusive(|&b| b == b'\n') {
        if matches!(line.first(), Some(b' ' | b'\t')) {
            if !skipping {
                out.extend_from_slice(line);
            }
            continue;
        }
        skipping = is_field(line, KEY_HEADER) || is_field(line, HASH_HEADER);
        if !skipping {
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(body);
    out
}

/// Our two fields from a header block (as FETCH BODY[HEADER.FIELDS]
/// returns it), unfolded (RFC 5322 §2.2.3).
pub fn read_fields(block: &[u8]) -> (Option<String>, Option<String>) {
    let text = String::from_utf8_lossy(block);
    let mut key = None;
    let mut hash = None;
    let mut current: Option<(String, String)> = None;
    let mut finish = |field: Option<(String, String)>| {
        if let Some((name, value)) = field {
            let value = value.trim().to_string();
            if value.is_empty() {
                return;
            }
            if name.eq_ignore_ascii_case(KEY_HEADER) {
                key.get_or_insert(value);
            } else if name.eq_ignore_ascii_case(HASH_HEADER) {
                hash.get_or_insert(value);
            }
        }
    };
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = current.as_mut() {
                v.push_str(line);
            }
            continue;
        }
        finish(current.take());
        if let Some((name, value)) = line.split_once(':') {
            current = Some((name.trim().to_string(), value.to_string()));
        }
    }
    finish(current.take());
    (key, hash)
}

/// The hash to keep for a message: over the caller's bytes with CRLF line
/// ends, so LF and CRLF copies of one draft hash alike.
pub fn message_hash(message: &[u8]) -> String {
    hash::content_hash(&to_crlf(message))
}

fn is_field(line: &[u8], name: &str) -> bool {
    line.len() > name.len()
        && line[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        && line[name.len()..].trim_ascii_start().first() == Some(&b':')
}

/// Header block (with its last CRLF) and the rest (blank line and body).
fn split(message: &[u8]) -> (&[u8], &[u8]) {
    if message.starts_with(b"\r\n") {
        return (&[], message);
    }
    match message.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(i) => message.split_at(i + 2),
        None => (message, &[]),
    }
}

fn to_crlf(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + message.len() / 40);
    let mut prev = 0u8;
    for &b in message {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        prev = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_puts_our_fields_first_and_replaces_old_ones() {
        let m = b"X-Followup-Key: old\nSubject: Thank you\nX-Followup-Hash: 1\n 2\nTo: a@b\n\nDear Mark,\nthanks.\n";
        let p = String::from_utf8(prepare(m, "acme.thank-you.1", "abc")).unwrap();
        assert_eq!(
            p,
            "X-Followup-Key: acme.thank-you.1\r\nX-Followup-Hash: abc\r\nSubject: Thank you\r\nTo: a@b\r\n\r\nDear Mark,\r\nthanks.\r\n"
        );
        assert_eq!(
            read_fields(p.as_bytes()),
            (Some("acme.thank-you.1".into()), Some("abc".into()))
        );
    }

    #[test]
    fn read_fields_unfolds_and_ignores_case() {
        let block = b"x-followup-key: a\r\n b\r\nX-FOLLOWUP-HASH:  h1 \r\n\r\n";
        assert_eq!(read_fields(block), (Some("a b".into()), Some("h1".into())));
        assert_eq!(read_fields(b"\r\n"), (None, None));
        assert_eq!(read_fields(b"X-Followup-Key:\r\n"), (None, None));
    }

    #[test]
    fn keys_and_hashes() {
        assert!(valid_key("acme-ae.thank-you.1@followup"));
        assert!(!valid_key("a b"));
        assert!(!valid_key(""));
        assert!(!valid_key("é"));
        assert_eq!(message_hash(b"a\nb\n"), message_hash(b"a\r\nb\r\n"));
        assert_ne!(message_hash(b"a\nb\n"), message_hash(b"a\nc\n"));
    }
}
