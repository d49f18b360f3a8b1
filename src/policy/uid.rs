//! Event UIDs (SPEC §5): ASCII, at most 100 bytes, a name-based function of
//! (interview id, step, recipient, occurrence).
//!
//! Readable where it can be (`acme-ae.thank-you.1.3f9c2a1b7d4e6f80@followup`):
//! the interview id and step are spelled out, the recipient's name enters as
//! a 64-bit FNV-1a hash (names may be any Unicode; the hash is written by
//! hand because it is eight lines and must never change between releases,
//! which a crate's default hasher does not promise). Ids too long to fit are
//! hashed too. Nothing else enters, so edits of times, topics or titles keep
//! the UID, and a different step never gets an old UID.

use crate::model::kinds::StepKind;
use std::fmt::Write as _;

const DOMAIN: &str = "@followup";

/// FNV-1a, 64-bit (Fowler–Noll–Vo; parameters from the public FNV spec).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub fn uid(interview_id: &str, step: StepKind, recipient: Option<&str>, occurrence: u32) -> String {
    let mut out = String::with_capacity(64);
    // Interview ids are [A-Za-z0-9._-]+ (validated), so ASCII already.
    if interview_id.len() <= 48 {
        out.push_str(interview_id);
    } else {
        out.push('x');
        push_hex(&mut out, fnv1a(interview_id.as_bytes()));
    }
    let _ = write!(out, ".{}.{}", step.id(), occurrence);
    if let Some(name) = recipient {
        out.push('.');
        push_hex(&mut out, fnv1a(name.as_bytes()));
    }
    out.push_str(DOMAIN);
    out
}

/// A UID made unique across a batch: `namespace` (the input's path relative
/// to the batch root) enters as a hash before the domain. Falls back to two
/// hashes when the readable form would pass 100 bytes.
pub fn namespaced(uid: &str, namespace: &str) -> String {
    let mut out = String::with_capacity(uid.len() + 17);
    namespaced_into(&mut out, uid, fnv1a(namespace.as_bytes()));
    out
}

/// [`namespaced`] appended to `out`, with the namespace already hashed
/// (a batch file's events share one namespace: hashed once, not per event).
pub fn namespaced_into(out: &mut String, uid: &str, namespace_hash: u64) {
    let local = uid.strip_suffix(DOMAIN).unwrap_or(uid);
    if local.len() + 1 + 16 + DOMAIN.len() <= 100 {
        out.push_str(local);
    } else {
        push_hex(out, fnv1a(local.as_bytes()));
    }
    out.push('.');
    push_hex(out, namespace_hash);
    out.push_str(DOMAIN);
}

/// `{:016x}` without the formatting machinery.
fn push_hex(out: &mut String, v: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for shift in (0..16).rev() {
        out.push(char::from(HEX[((v >> (shift * 4)) & 0xf) as usize]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaced_matches_its_formatted_definition() {
        for (uid, ns) in [
            (
                "acme-ae.thank-you.1.3f9c2a1b7d4e6f80@followup",
                "alice/interviews.yaml",
            ),
            ("a@followup", ""),
            (&*format!("{}@followup", "y".repeat(80)), "deep/path.yaml"),
            (&*format!("{}@followup", "z".repeat(74)), "n"),
            (&*format!("{}@followup", "z".repeat(75)), "n"),
            ("no-domain", "x"),
        ] {
            let local = uid.strip_suffix(DOMAIN).unwrap_or(uid);
            let h = fnv1a(ns.as_bytes());
            let readable = format!("{local}.{h:016x}{DOMAIN}");
            let want = if readable.len() <= 100 {
                readable
            } else {
                format!("{:016x}.{h:016x}{DOMAIN}", fnv1a(local.as_bytes()))
            };
            assert_eq!(namespaced(uid, ns), want, "{uid} in {ns}");
        }
    }

    #[test]
    fn uids_are_stable_ascii_and_short() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let a = uid("acme-ae", StepKind::ThankYou, Some("Mark Lee"), 1);
        assert_eq!(
            a,
            format!("acme-ae.thank-you.1.{:016x}@followup", fnv1a(b"Mark Lee"))
        );
        assert_ne!(a, uid("acme-ae", StepKind::ThankYou, Some("Jo Park"), 1));
        assert_ne!(a, uid("acme-ae", StepKind::ThankYou, Some("Mark Lee"), 2));
        assert_ne!(a, uid("acme-ae", StepKind::CheckIn, Some("Mark Lee"), 1));
        let long = "x".repeat(500);
        let l = uid(
            &long,
            StepKind::CompetingOffer,
            Some("名前 😀"),
            4_000_000_000,
        );
        assert!(l.len() <= 100 && l.is_ascii(), "{l}");
        let a1 = namespaced(&a, "alice/interviews.yaml");
        let a2 = namespaced(&a, "bob/interviews.yaml");
        assert_ne!(a1, a2);
        assert!(a1.starts_with("acme-ae.thank-you.1.") && a1.ends_with("@followup"));
        let n = namespaced(&l, &"deep/".repeat(50));
        assert!(n.len() <= 100 && n.is_ascii(), "{n}");
    }
}
