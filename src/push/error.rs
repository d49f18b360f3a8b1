//! What can go wrong when talking to a server, as values with clear text.
//!
//! Every message names the host (never a URL with user info, never a
//! credential) and says what to do. The CLI maps all of these to exit 3
//! (SPEC §10: a network or auth failure exits 3).

use std::fmt;

/// A delivery failure that ends the run. Per-item problems (a 412, a
/// refused item) are not errors: they are outcomes in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A URL that cannot be used as given.
    Url { url: String, reason: String },
    /// The server refused the credentials (HTTP 401, IMAP `NO` to LOGIN).
    Auth { host: String, token: bool },
    /// The host name did not resolve.
    Dns { host: String },
    /// No connection (refused, unreachable, reset).
    Connect { host: String, reason: String },
    /// The TLS handshake or certificate check failed.
    Tls { host: String, reason: String },
    /// No answer in time.
    Timeout { host: String },
    /// Plain text to a host that is not on this machine.
    PlainRefused { host: String },
    /// An answer the protocol does not allow, or one we cannot use.
    Protocol { host: String, reason: String },
    /// A request the server answered with an unexpected status.
    Status {
        host: String,
        method: String,
        target: String,
        status: String,
        reason: String,
    },
    /// A calendar or mailbox that is not there.
    NotFound { host: String, what: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Url { url, reason } => write!(f, "cannot use the URL \"{url}\": {reason}"),
            Error::Auth { host, token: false } => write!(
                f,
                "{host}: wrong user or password (the server refused the login); \
                 check --user and the password (FOLLOWUP_PASSWORD or --password-command)"
            ),
            Error::Auth { host, token: true } => write!(
                f,
                "{host}: the server refused the token (401); \
                 check that --token-command prints a current access token"
            ),
            Error::Dns { host } => {
                write!(
                    f,
                    "{host}: host name not found (check the URL and the network)"
                )
            }
            Error::Connect { host, reason } => write!(f, "{host}: cannot connect: {reason}"),
            Error::Tls { host, reason } => write!(f, "{host}: TLS failed: {reason}"),
            Error::Timeout { host } => write!(f, "{host}: no answer in time (timed out)"),
            Error::PlainRefused { host } => write!(
                f,
                "{host}: refusing to send credentials without TLS to a host that is not \
                 this machine; use imaps:// (port 993) or a server that offers STARTTLS"
            ),
            Error::Protocol { host, reason } => write!(f, "{host}: unexpected answer: {reason}"),
            Error::Status {
                host,
                method,
                target,
                status,
                reason,
            } => write!(
                f,
                "{host}: {method} {target} failed with {status}: {reason}"
            ),
            Error::NotFound { host, what } => write!(f, "{host}: {what}"),
        }
    }
}

impl std::error::Error for Error {}
