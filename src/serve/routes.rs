//! The feeds behind one token and the pure HTTP decisions, testable
//! without a socket: which URL names which feed (`/<token>/<stem>.ics`,
//! nothing else), conditional requests (RFC 9110 §13.1.2 If-None-Match
//! first, then §13.1.3 If-Modified-Since), the links to print, the token.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use jiff::Timestamp;

use crate::flows::feed::Snapshot;

/// A feed: its name in the URL and its current snapshot, swapped whole on
/// every regeneration (a reader holds an `Arc` to a complete body, never a
/// half-written one).
#[derive(Debug)]
pub struct Feed {
    /// The input's file stem: the feed is `/<token>/<stem>.ics`.
    pub stem: String,
    pub current: RwLock<Arc<Snapshot>>,
}

impl Feed {
    pub fn new(stem: String, snapshot: Arc<Snapshot>) -> Self {
        Feed {
            stem,
            current: RwLock::new(snapshot),
        }
    }

    /// The snapshot being served.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(g) => Arc::clone(&g),
            // A writer never panics while holding the lock (it only swaps
            // an Arc); if one did, the last snapshot is still whole.
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Serves `snapshot` from now on.
    pub fn replace(&self, snapshot: Arc<Snapshot>) {
        match self.current.write() {
            Ok(mut g) => *g = snapshot,
            Err(poisoned) => *poisoned.into_inner() = snapshot,
        }
    }
}

/// Every feed behind one token.
#[derive(Debug)]
pub struct Feeds {
    pub token: String,
    pub by_stem: BTreeMap<String, Arc<Feed>>,
}

/// The parts of a request the answer depends on (never `Accept`, never
/// `Accept-Encoding`: one representation, uncompressed).
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The request target as sent, e.g. `/abc/beth.ics?x=1`.
    pub target: &'a str,
    pub if_none_match: Option<&'a str>,
    pub if_modified_since: Option<&'a str>,
}

/// What to answer.
#[derive(Debug)]
pub enum Reply {
    /// 200 with the body (HEAD: headers only).
    Feed(Arc<Snapshot>),
    /// 304, repeating ETag and Last-Modified.
    NotModified(Arc<Snapshot>),
    /// 404 for every other target: no listing, no hint of what exists.
    NotFound,
    /// 405 for methods other than GET and HEAD.
    MethodNotAllowed,
}

impl Feeds {
    /// The feed a request target names, if any.
    pub fn find(&self, target: &str) -> Option<&Arc<Feed>> {
        let path = target.split(['?', '#']).next().unwrap_or("");
        let rest = path.strip_prefix('/')?;
        let (token, file) = rest.split_once('/')?;
        let file = percent_decode(file)?;
        // Each segment must decode to a plain name: no `/` (from `%2F`),
        // so `..` and friends can only ever be looked up, never walked.
        if file.contains('/') {
            return None;
        }
        if !self.is_token(token) {
            return None;
        }
        let stem = file.strip_suffix(".ics")?;
        self.by_stem.get(stem)
    }

    /// Whether a path segment, percent-decoded, is the feed token (compared
    /// in constant time).
    pub fn is_token(&self, segment: &str) -> bool {
        percent_decode(segment).is_some_and(|t| {
            !t.contains('/') && constant_time_eq(t.as_bytes(), self.token.as_bytes())
        })
    }

    /// RFC 9110 §13.2.2: If-None-Match is evaluated first; If-Modified-Since
    /// only when there is none.
    pub fn respond(&self, req: Request<'_>) -> Reply {
        let Some(feed) = self.find(req.target) else {
            return Reply::NotFound;
        };
        if req.method != "GET" && req.method != "HEAD" {
            return Reply::MethodNotAllowed;
        }
        let snapshot = feed.snapshot();
        let not_modified = match (req.if_none_match, req.if_modified_since) {
            (Some(inm), _) => etag_matches(inm, &snapshot.etag),
            (None, Some(ims)) => parse_http_date(ims)
                .is_some_and(|since| snapshot.last_modified.as_second() <= since.as_second()),
            (None, None) => false,
        };
        if not_modified {
            Reply::NotModified(snapshot)
        } else {
            Reply::Feed(snapshot)
        }
    }

    /// The URL path of a feed: `/<token>/<stem>.ics`, percent-encoded.
    pub fn path(&self, stem: &str) -> String {
        format!(
            "/{}/{}.ics",
            percent_encode(&self.token),
            percent_encode(stem)
        )
    }
}

/// The links to print for a feed at `url` (http or https).
///
/// # Example
///
/// ```
/// let links = followup::serve::links("https://cal.example.com/t0k3n/beth.ics");
/// assert_eq!(links.webcal, "webcal://cal.example.com/t0k3n/beth.ics");
/// assert_eq!(
///     links.google,
///     "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fcal.example.com%2Ft0k3n%2Fbeth.ics"
/// );
/// ```
pub fn links(url: &str) -> Links {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let webcal = format!("webcal://{after_scheme}");
    Links {
        url: url.to_string(),
        google: format!(
            "https://calendar.google.com/calendar/r?cid={}",
            percent_encode(&webcal)
        ),
        webcal,
    }
}

/// A feed's subscription links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// As served (or as `--public-url` says).
    pub url: String,
    /// For Apple Calendar and Outlook desktop (`webcal://`).
    pub webcal: String,
    /// Google Calendar's "add by URL" link.
    pub google: String,
}

/// Whether an If-None-Match list matches `etag` (weak comparison, as
/// RFC 9110 §13.1.2 asks: `W/` is ignored; `*` matches any).
fn etag_matches(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

/// Parses an HTTP date; `None` (the header is then ignored, §13.1.3) when
/// it is not an IMF-fixdate or RFC 2822 date.
pub fn parse_http_date(s: &str) -> Option<Timestamp> {
    jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(s.trim())
        .ok()
}

/// Percent-encodes all but RFC 3986's unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; `None` for a malformed escape or non-UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Compares without an early exit, so response times say nothing about how
/// much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A new 128-bit token from the OS's random number generator, as 32 hex
/// digits.
pub fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("the OS gave no random bytes: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `token` can be the first path segment of every feed: letters,
/// digits and `-._~` (RFC 3986's unreserved characters), not `.` or `..`,
/// at most 200 characters. The error says what is wrong with it.
pub fn check_token(token: &str) -> Result<(), &'static str> {
    if token.is_empty() {
        return Err("is empty");
    }
    if token.len() > 200 {
        return Err("is longer than 200 characters");
    }
    if !token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
    {
        return Err("has characters that are not safe in a URL path");
    }
    if token == "." || token == ".." {
        return Err("is a path segment with a meaning of its own");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    const T0: &str = "2026-11-22T09:00:00Z";

    fn feeds() -> Feeds {
        let snapshot = Snapshot::new(b"BEGIN:VCALENDAR\r\n".to_vec(), T0.parse().unwrap());
        let mut by_stem = BTreeMap::new();
        by_stem.insert(
            "beth".to_string(),
            Arc::new(Feed::new("beth".into(), Arc::new(snapshot))),
        );
        by_stem.insert(
            "a b".to_string(),
            Arc::new(Feed::new(
                "a b".into(),
                Arc::new(Snapshot::new(b"x".to_vec(), T0.parse().unwrap())),
            )),
        );
        Feeds {
            token: "s3cret".into(),
            by_stem,
        }
    }

    fn get(target: &str) -> Request<'_> {
        Request {
            method: "GET",
            target,
            if_none_match: None,
            if_modified_since: None,
        }
    }

    #[test]
    fn only_token_and_stem_name_a_feed() {
        let f = feeds();
        for (target, found) in [
            ("/s3cret/beth.ics", Some("beth")),
            ("/s3cret/beth.ics?refresh=1", Some("beth")),
            ("/s3cr%65t/beth.ics", Some("beth")),
            ("/s3cret/a%20b.ics", Some("a b")),
            ("/s3cret/beth", None),
            ("/s3cret/beth.ICS", None),
            ("/s3cret/", None),
            ("/s3cret", None),
            ("/", None),
            ("", None),
            ("*", None),
            ("/S3CRET/beth.ics", None),
            ("/s3cre/beth.ics", None),
            ("/s3cret/../s3cret/beth.ics", None),
            ("/s3cret/..%2Fbeth.ics", None),
            ("/s3cret%2Fbeth.ics", None),
            ("/s3cret/beth.ics/", None),
            ("//s3cret/beth.ics", None),
            ("/s3cret/%zz.ics", None),
            ("/s3cret/%E2%28.ics", None),
            ("http://host/s3cret/beth.ics", None),
        ] {
            assert_eq!(
                f.find(target).map(|feed| feed.stem.as_str()),
                found,
                "{target}"
            );
        }
        assert_eq!(f.path("a b"), "/s3cret/a%20b.ics");
    }

    #[test]
    fn conditional_requests() {
        let f = feeds();
        let snap = f.by_stem["beth"].snapshot();
        let etag = snap.etag.clone();
        let lm = snap.last_modified_http.clone();
        assert_eq!(lm, "Sun, 22 Nov 2026 09:00:00 GMT");
        let with = |inm: Option<&'static str>, ims: Option<&'static str>| {
            let inm: Option<&'static str> = inm.map(|s| &*String::leak(s.replace("ETAG", &etag)));
            f.respond(Request {
                if_none_match: inm,
                if_modified_since: ims,
                ..get("/s3cret/beth.ics")
            })
        };
        let is_304 = |r: Reply| matches!(r, Reply::NotModified(_));
        assert!(!is_304(with(None, None)));
        assert!(is_304(with(Some("ETAG"), None)));
        assert!(is_304(with(Some("\"x\", W/ETAG"), None)));
        assert!(is_304(with(Some("*"), None)));
        assert!(!is_304(with(Some("\"other\""), None)));
        // If-None-Match wins over If-Modified-Since, either way.
        assert!(!is_304(with(
            Some("\"other\""),
            Some("Sun, 22 Nov 2026 09:00:00 GMT")
        )));
        assert!(is_304(with(
            Some("ETAG"),
            Some("Sun, 01 Nov 2026 09:00:00 GMT")
        )));
        assert!(is_304(with(None, Some("Sun, 22 Nov 2026 09:00:00 GMT"))));
        assert!(is_304(with(None, Some("Mon, 23 Nov 2026 09:00:00 GMT"))));
        assert!(!is_304(with(None, Some("Sun, 22 Nov 2026 08:59:59 GMT"))));
        assert!(!is_304(with(None, Some("yesterday"))));
        assert!(matches!(
            f.respond(Request {
                method: "POST",
                ..get("/s3cret/beth.ics")
            }),
            Reply::MethodNotAllowed
        ));
        assert!(matches!(
            f.respond(Request {
                method: "POST",
                ..get("/nope")
            }),
            Reply::NotFound
        ));
    }

    #[test]
    fn links_for_a_feed() {
        let l = links("http://127.0.0.1:8080/t/beth.ics");
        assert_eq!(l.webcal, "webcal://127.0.0.1:8080/t/beth.ics");
        assert_eq!(
            l.google,
            "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F127.0.0.1%3A8080%2Ft%2Fbeth.ics"
        );
    }

    #[test]
    fn tokens_are_128_bit_hex_and_differ() {
        let a = random_token().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, random_token().unwrap());
    }
}
