//! Credentials for the delivery clients, kept out of every output.
//!
//! [`Secret`] has no `Display`, and its `Debug` prints `Secret(***)`, so a
//! password or token cannot reach a log line or an error message by a
//! `{:?}` or a `{}` by mistake. SPEC §10: credentials come from the
//! environment or a command, never from the YAML, and are never printed.

use base64::Engine as _;

/// A password or token. Read it only through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How to authenticate.
#[derive(Clone, Debug)]
pub enum Credentials {
    /// No authentication (a server behind its own proxy, e.g. Xandikos).
    None,
    /// A user name and password: HTTP Basic (RFC 7617) for CalDAV, LOGIN
    /// (RFC 3501 §6.2.3) for IMAP.
    Basic { user: String, password: Secret },
    /// An OAuth 2.0 bearer token (RFC 6750), for CalDAV. The IMAP client
    /// has no OAuth mechanism and refuses it with a clear error.
    Bearer(Secret),
}

impl Credentials {
    /// A user and password.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials::Basic {
            user: user.into(),
            password: Secret::new(password),
        }
    }

    /// The HTTP `Authorization` header value, if any.
    pub(crate) fn http_authorization(&self) -> Option<String> {
        match self {
            Credentials::None => None,
            Credentials::Basic { user, password } => {
                let pair = format!("{user}:{}", password.expose());
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ))
            }
            Credentials::Bearer(token) => Some(format!("Bearer {}", token.expose())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let c = Credentials::basic("beth", "hunter2");
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("beth"), "{shown}");
        let t = Credentials::Bearer(Secret::new("tok-123"));
        assert!(!format!("{t:?}").contains("tok-123"));
    }

    #[test]
    fn basic_header_is_rfc7617() {
        // RFC 7617 §2's example pair.
        let c = Credentials::basic("Aladdin", "open sesame");
        assert_eq!(
            c.http_authorization().as_deref(),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        assert_eq!(Credentials::None.http_authorization(), None);
    }
}
