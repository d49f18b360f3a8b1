//! What a feed publishes: one version of its body, with the validators
//! HTTP needs (a strong ETag, RFC 9110 §8.8.3; Last-Modified, §8.8.2).
//! Pure: the time of a version comes in as a value.

use jiff::Timestamp;
use std::sync::Arc;

/// One version of a feed, shared by every request that serves it.
#[derive(Debug)]
pub struct Snapshot {
    pub body: Arc<[u8]>,
    /// Strong ETag over the exact body, quotes included.
    pub etag: String,
    /// When the body last changed (whole seconds, as HTTP dates are).
    pub last_modified: Timestamp,
    /// `last_modified` as an IMF-fixdate (RFC 9110 §5.6.7).
    pub last_modified_http: String,
}

impl Snapshot {
    /// A snapshot of `body`, changed at `at` (truncated to the second).
    pub fn new(body: Vec<u8>, at: Timestamp) -> Self {
        let at = Timestamp::from_second(at.as_second()).unwrap_or(at);
        Snapshot {
            etag: etag(&body),
            body: body.into(),
            last_modified: at,
            last_modified_http: http_date(at),
        }
    }

    /// The snapshot after a regeneration that produced `body` at `at`:
    /// `None` when the body is unchanged (same bytes, same ETag, same
    /// Last-Modified). Last-Modified moves forward by at least a second, so
    /// an If-Modified-Since from the previous version never hides this one.
    pub fn next(&self, body: Vec<u8>, at: Timestamp) -> Option<Snapshot> {
        if *self.body == *body {
            return None;
        }
        let floor = self
            .last_modified
            .checked_add(jiff::SignedDuration::from_secs(1))
            .unwrap_or(self.last_modified);
        Some(Snapshot::new(body, at.max(floor)))
    }
}

/// A strong ETag (RFC 9110 §8.8.3) over the exact body: its length, a
/// 64-bit FNV-1a and a SipHash of it. Not a security measure (the token
/// is); it only has to change whenever the body does.
pub fn etag(body: &[u8]) -> String {
    use std::hash::Hasher as _;
    let fnv = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let mut sip = std::hash::DefaultHasher::new();
    sip.write(body);
    format!("\"{:x}-{fnv:016x}{:016x}\"", body.len(), sip.finish())
}

/// An IMF-fixdate (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(t: Timestamp) -> String {
    jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&t)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: &str = "2026-11-22T09:00:00Z";

    #[test]
    fn a_new_body_gets_a_new_etag_and_a_later_last_modified() {
        let t0: Timestamp = T0.parse().unwrap();
        let a = Snapshot::new(b"one".to_vec(), t0);
        assert!(a.next(b"one".to_vec(), t0).is_none());
        let b = a.next(b"two".to_vec(), t0).unwrap();
        assert_ne!(a.etag, b.etag);
        assert_eq!(b.last_modified.as_second(), t0.as_second() + 1);
        assert_eq!(etag(b""), etag(b""));
        assert_ne!(etag(b"ab"), etag(b"ba"));
        assert!(etag(b"x").starts_with('"') && etag(b"x").ends_with('"'));
    }

    #[test]
    fn http_dates_are_imf_fixdates() {
        let t: Timestamp = T0.parse().unwrap();
        assert_eq!(http_date(t), "Sun, 22 Nov 2026 09:00:00 GMT");
        assert_eq!(
            Snapshot::new(b"x".to_vec(), t).last_modified_http,
            http_date(t)
        );
    }
}
