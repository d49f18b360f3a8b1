//! A calendar resource as followup pushes it: its name, its body with the
//! hash stamped in, and how a stored copy is recognised as ours.
//!
//! Ours = the name starts with [`PREFIX`] AND the stored body carries an
//! `X-FOLLOWUP-HASH` property (RFC 5545 §3.8.8.2 allows `X-` properties on
//! VEVENT). The hash is read back from the stored body rather than compared
//! byte for byte, since servers re-serialise what they store (Radicale
//! rewrites through vobject; others add a VTIMEZONE or reorder). A name of
//! ours whose body lacks the stamp is not ours: it is never touched.

use crate::push::hash;

/// Every resource followup writes has a name starting with this.
pub const PREFIX: &str = "followup-";

/// The property that carries the content hash, on the VEVENT.
pub const HASH_PROPERTY: &str = "X-FOLLOWUP-HASH";

/// One wanted resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// The file name inside the collection (`followup-….ics`).
    pub name: String,
    /// One VCALENDAR (RFC 5545), CRLF line ends.
    pub body: Vec<u8>,
    /// The content hash stamped into the stored copy; equal hashes mean
    /// nothing to write.
    pub hash: String,
}

impl Resource {
    /// The resource for an event with this UID and body: the name from
    /// [`resource_name`], the hash from [`hash::calendar_hash`] (DTSTAMP
    /// ignored, so a rebuild at another time writes nothing).
    pub fn from_event(uid: &str, body: Vec<u8>) -> Resource {
        Resource {
            name: resource_name(uid),
            hash: hash::calendar_hash(&body),
            body,
        }
    }
}

/// The resource name for an event UID: `followup-<uid>.ics`, with every
/// character outside `[A-Za-z0-9._-]` replaced by `_` and then, when
/// anything was replaced, `-` and 16 hex digits of the UID's FNV-1a hash
/// so that two UIDs never share a name. Names stay plain in any URL and on
/// any server's file system (RFC 4791 §4.1 leaves names to the client).
pub fn resource_name(uid: &str) -> String {
    let mut clean = String::with_capacity(uid.len());
    let mut replaced = false;
    for c in uid.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            clean.push(c);
        } else {
            clean.push('_');
            replaced = true;
        }
    }
    if replaced {
        let fnv = uid.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        format!("{PREFIX}{clean}-{fnv:016x}.ics")
    } else {
        format!("{PREFIX}{clean}.ics")
    }
}

/// Whether a resource name is one followup could have written.
pub fn is_our_name(name: &str) -> bool {
    name.starts_with(PREFIX) && name.ends_with(".ics")
}

/// The body to store: `body` with `X-FOLLOWUP-HASH:<hash>` as the first
/// property of its first VEVENT (so before any VALARM, SPEC §5), or of the
/// VCALENDAR when it has no VEVENT. An existing stamp is replaced.
pub fn stamp(body: &[u8], hash: &str) -> Vec<u8> {
    let eol: &[u8] = if body.windows(2).any(|w| w == b"\r\n") {
        b"\r\n"
    } else {
        b"\n"
    };
    let mut out = Vec::with_capacity(body.len() + HASH_PROPERTY.len() + hash.len() + 3);
    let mut placed = false;
    let mut in_old_stamp = false;
    let lines: Vec<&[u8]> = body.split_inclusive(|&b| b == b'\n').collect();
    let has_vevent = lines
        .iter()
        .any(|l| trim_eol(l).eq_ignore_ascii_case(b"BEGIN:VEVENT"));
    for line in lines {
        if matches!(line.first(), Some(b' ' | b'\t')) {
            if !in_old_stamp {
                out.extend_from_slice(line);
            }
            continue;
        }
        in_old_stamp = hash::starts_with_name(line, HASH_PROPERTY.as_bytes());
        if in_old_stamp {
            continue;
        }
        out.extend_from_slice(line);
        let anchor: &[u8] = if has_vevent {
            b"BEGIN:VEVENT"
        } else {
            b"BEGIN:VCALENDAR"
        };
        if !placed && trim_eol(line).eq_ignore_ascii_case(anchor) {
            if !line.ends_with(b"\n") {
                out.extend_from_slice(eol);
            }
            out.extend_from_slice(HASH_PROPERTY.as_bytes());
            out.push(b':');
            out.extend_from_slice(hash.as_bytes());
            out.extend_from_slice(eol);
            placed = true;
        }
    }
    out
}

/// The hash stamped in a stored body, if any (unfolded, RFC 5545 §3.1;
/// parameters ignored).
pub fn read_stamp(body: &str) -> Option<String> {
    let mut lines = body.split('\n').peekable();
    while let Some(line) = lines.next() {
        if !hash::starts_with_name(line.as_bytes(), HASH_PROPERTY.as_bytes()) {
            continue;
        }
        let mut value = line.trim_end_matches('\r').to_string();
        while let Some(next) = lines.peek() {
            match next.strip_prefix(' ').or_else(|| next.strip_prefix('\t')) {
                Some(rest) => {
                    value.push_str(rest.trim_end_matches('\r'));
                    lines.next();
                }
                None => break,
            }
        }
        let v = value.split_once(':')?.1.trim();
        return (!v.is_empty()).then(|| v.to_string());
    }
    None
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            resource_name("acme-ae.check-in.1"),
            "followup-acme-ae.check-in.1.ics"
        );
        let n = resource_name("acme-ae.thank-you.1@followup");
        assert!(
            n.starts_with("followup-acme-ae.thank-you.1_followup-"),
            "{n}"
        );
        assert!(n.ends_with(".ics"));
        // Two UIDs that clean to the same text still get two names.
        assert_ne!(resource_name("a@b"), resource_name("a_b"));
        assert_ne!(resource_name("a@b"), resource_name("a#b"));
        assert!(is_our_name(&n));
        assert!(!is_our_name("holiday.ics"));
    }

    #[test]
    fn stamp_goes_first_in_the_vevent_and_reads_back() {
        let body = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let s = stamp(body, "abc");
        assert_eq!(
            String::from_utf8(s.clone()).unwrap(),
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nX-FOLLOWUP-HASH:abc\r\nUID:x\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        assert_eq!(
            read_stamp(std::str::from_utf8(&s).unwrap()).as_deref(),
            Some("abc")
        );
        // Restamping replaces, never doubles.
        let again = stamp(&s, "def");
        let text = String::from_utf8(again).unwrap();
        assert_eq!(text.matches("X-FOLLOWUP-HASH").count(), 1);
        assert_eq!(read_stamp(&text).as_deref(), Some("def"));
    }

    #[test]
    fn read_stamp_unfolds_and_ignores_case_and_params() {
        assert_eq!(
            read_stamp("BEGIN:VEVENT\r\nx-followup-hash;X=1:ab\r\n c\r\nEND:VEVENT\r\n").as_deref(),
            Some("abc")
        );
        assert_eq!(read_stamp("BEGIN:VEVENT\nUID:x\nEND:VEVENT\n"), None);
        assert_eq!(read_stamp("X-FOLLOWUP-HASHES:1\n"), None);
    }
}
