//! URLs as CalDAV uses them: an origin plus a percent-encoded path, and the
//! resolution of the `href`s a server answers with (RFC 4918 §8.3: an href
//! is an absolute URI or an absolute path; RFC 3986 §5.2 for the rest).

use crate::push::Error;

/// An `http`/`https` URL without user info, query or fragment.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// `host[:port]`, as written.
    pub authority: String,
    /// The percent-encoded path, starting with `/`.
    pub path: String,
}

impl Url {
    /// Parses a URL given by the user. User info is refused (credentials
    /// belong in the environment or a command, SPEC §10, and a URL gets
    /// printed); so are other schemes.
    pub fn parse(text: &str) -> Result<Url, Error> {
        let bad = |reason: &str| Error::Url {
            url: redact_userinfo(text),
            reason: reason.to_string(),
        };
        let uri: ureq::http::Uri = text
            .trim()
            .parse()
            .map_err(|_| bad("not a valid URL (expected https://host/path/)"))?;
        let scheme = match uri.scheme_str().map(str::to_ascii_lowercase) {
            Some(s) if s == "http" || s == "https" => s,
            Some(_) => {
                return Err(bad(
                    "the scheme must be https:// (or http:// on this machine)",
                ));
            }
            None => return Err(bad("missing https:// in front")),
        };
        let authority = uri
            .authority()
            .ok_or_else(|| bad("missing the host name"))?
            .as_str()
            .to_string();
        if authority.contains('@') {
            return Err(bad(
                "remove the user and password from the URL; pass --user, and the password \
                 through FOLLOWUP_PASSWORD or --password-command",
            ));
        }
        if uri.query().is_some() {
            return Err(bad("a query (?...) is not expected in a CalDAV URL"));
        }
        let path = match uri.path() {
            "" => "/".to_string(),
            p => p.to_string(),
        };
        Ok(Url {
            scheme,
            authority,
            path,
        })
    }

    /// The host (and port) to name in messages.
    pub fn host(&self) -> &str {
        &self.authority
    }

    /// The URL as text.
    pub fn as_string(&self) -> String {
        format!("{}://{}{}", self.scheme, self.authority, self.path)
    }

    /// The same URL with a path ending in `/` (a collection).
    pub fn as_collection(&self) -> Url {
        let mut u = self.clone();
        if !u.path.ends_with('/') {
            u.path.push('/');
        }
        u
    }

    /// Resolves an href or `Location` from this URL's server.
    pub fn resolve(&self, href: &str) -> Result<Url, Error> {
        let href = href.trim();
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Url::parse(href);
        }
        let mut u = self.clone();
        if href.starts_with('/') {
            u.path = href.to_string();
        } else {
            let dir = match self.path.rfind('/') {
                Some(i) => &self.path[..=i],
                None => "/",
            };
            u.path = format!("{dir}{href}");
        }
        Ok(u)
    }

    /// This collection's member named `name` (percent-encoded here).
    pub fn member(&self, name: &str) -> Url {
        let mut u = self.as_collection();
        u.path.push_str(&encode_segment(name));
        u
    }

    /// Whether two URLs name the same resource (the paths compared
    /// decoded, since servers choose their own encoding of the same path).
    pub fn same_resource(&self, other: &Url) -> bool {
        self.authority.eq_ignore_ascii_case(&other.authority)
            && decode(self.path.trim_end_matches('/')) == decode(other.path.trim_end_matches('/'))
    }

    /// The decoded last segment of the path (a resource's name).
    pub fn last_segment(&self) -> String {
        let trimmed = self.path.trim_end_matches('/');
        let seg = trimmed.rsplit('/').next().unwrap_or("");
        decode(seg)
    }
}

/// Removes `user:password@` from a URL for display.
pub fn redact_userinfo(text: &str) -> String {
    match (text.find("://"), text.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let end = text[s + 3..].find('/').map_or(text.len(), |i| s + 3 + i);
            if at < end {
                return format!("{}://***@{}", &text[..s], &text[at + 1..]);
            }
            text.to_string()
        }
        _ => text.to_string(),
    }
}

/// Percent-encodes a path segment: unreserved characters (RFC 3986 §2.3)
/// and `@` stay, everything else is `%XX`.
pub fn encode_segment(seg: &str) -> String {
    let mut out = String::with_capacity(seg.len());
    for &b in seg.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes (invalid escapes are kept as written; invalid UTF-8 is
/// replaced, which only makes such a name not ours).
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |c: u8| char::from(c).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn resolves(base: &str, href: &str, want: &str) {
        let base = Url::parse(base).unwrap();
        assert_eq!(base.resolve(href).unwrap().as_string(), want);
    }

    #[test]
    fn resolution() {
        resolves("http://h:1/a/b/", "/c/", "http://h:1/c/");
        resolves("http://h:1/a/b/", "x.ics", "http://h:1/a/b/x.ics");
        resolves("http://h:1/a/b", "x.ics", "http://h:1/a/x.ics");
        resolves("http://h:1/a/", "https://other/p/", "https://other/p/");
    }

    #[test]
    fn parse_refuses_userinfo_and_other_schemes() {
        let e = Url::parse("https://beth:hunter2@cal.example/dav/").unwrap_err();
        let text = e.to_string();
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("remove the user and password"), "{text}");
        assert!(Url::parse("ftp://h/").is_err());
        assert!(Url::parse("cal.example/dav").is_err());
        assert_eq!(Url::parse("http://h:8/").unwrap().path, "/");
        assert_eq!(Url::parse("http://h:8").unwrap().path, "/");
    }

    #[test]
    fn segments() {
        assert_eq!(encode_segment("a b@c.ics"), "a%20b@c.ics");
        assert_eq!(decode("a%20b%40c.ics"), "a b@c.ics");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%e2%82%ac"), "€");
        let a = Url::parse("http://h/cal/x%40y.ics").unwrap();
        let b = Url::parse("http://H/cal/x@y.ics").unwrap();
        assert!(a.same_resource(&b));
        assert_eq!(a.last_segment(), "x@y.ics");
    }
}
