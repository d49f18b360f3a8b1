//! Content hashes: what a pushed resource or draft carries so that a later
//! run knows, without local state, whether it still holds what is wanted.
//!
//! 128 bits of SHA-256 (ring's), as 32 lowercase hex digits: short enough
//! for one unfolded iCalendar line or header, far beyond accidental
//! collisions among a user's few thousand items.

/// The hash of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let mut out = String::with_capacity(32);
    for b in &digest.as_ref()[..16] {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    out
}

/// The hash of an iCalendar object, ignoring its `DTSTAMP` lines (with
/// their folded continuations): DTSTAMP is "when this copy was made"
/// (RFC 5545 §3.8.7.2), so a rebuild at another time that changes nothing
/// else must hash the same, or every push would rewrite every event.
pub fn calendar_hash(body: &[u8]) -> String {
    let mut kept = Vec::with_capacity(body.len());
    let mut skipping = false;
    for line in body.split_inclusive(|&b| b == b'\n') {
        let continuation = matches!(line.first(), Some(b' ' | b'\t'));
        if continuation {
            if !skipping {
                kept.extend_from_slice(line);
            }
            continue;
        }
        skipping = starts_with_name(line, b"DTSTAMP");
        if !skipping {
            kept.extend_from_slice(line);
        }
    }
    content_hash(&kept)
}

/// Whether a content line's property name is `name` (ASCII case-insensitive,
/// followed by `:` or `;`).
pub(crate) fn starts_with_name(line: &[u8], name: &[u8]) -> bool {
    line.len() > name.len()
        && line[..name.len()].eq_ignore_ascii_case(name)
        && matches!(line[name.len()], b':' | b';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_prefix() {
        // FIPS 180-2 test vector "abc".
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223");
    }

    #[test]
    fn calendar_hash_ignores_dtstamp_only() {
        let a =
            b"BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Hi\r\nEND:VEVENT\r\n";
        let b =
            b"BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20270505T101010Z\r\nSUMMARY:Hi\r\nEND:VEVENT\r\n";
        let c =
            b"BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20270505T101010Z\r\nSUMMARY:Ho\r\nEND:VEVENT\r\n";
        assert_eq!(calendar_hash(a), calendar_hash(b));
        assert_ne!(calendar_hash(b), calendar_hash(c));
        // A folded DTSTAMP continuation is skipped with it; a folded
        // SUMMARY continuation is kept.
        let d = b"BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:2027\r\n 0505T101010Z\r\nSUMMARY:H\r\n i\r\nEND:VEVENT\r\n";
        let e = b"BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:H\r\n i\r\nEND:VEVENT\r\n";
        let f = b"BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:H\r\nEND:VEVENT\r\n";
        assert_eq!(calendar_hash(d), calendar_hash(e));
        assert_ne!(calendar_hash(e), calendar_hash(f));
        // DTSTAMPX is another property.
        assert!(!starts_with_name(b"DTSTAMPX:1", b"DTSTAMP"));
        assert!(starts_with_name(b"dtstamp;X=1:1", b"DTSTAMP"));
    }
}
