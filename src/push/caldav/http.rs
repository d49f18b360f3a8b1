//! One HTTP exchange with a CalDAV server, on ureq: the credentials added,
//! the request logged (method, path, status: never a header), the failure
//! turned into an [`Error`] that names the host.
//!
//! ureq is set to return every status as a value (WebDAV answers 207, 412
//! and 404 as part of normal work), to allow WebDAV's methods, and not to
//! follow redirects by itself: RFC 6764 discovery follows them with the
//! same method (ureq would switch a PROPFIND to GET).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::url::Url;
use crate::push::{Credentials, Error, Logger, RequestLog, tls};

/// The largest reply body read (a 60,000-event PROPFIND is ~20 MB; a
/// multiget batch a few MB).
const BODY_LIMIT: u64 = 1 << 30;

/// A reply, read whole.
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

/// The connection pool, the credentials and the counters of one client.
pub struct Transport {
    agent: ureq::Agent,
    authorization: Option<String>,
    token: bool,
    logger: Option<Logger>,
    requests: AtomicUsize,
    writes: AtomicUsize,
}

impl Transport {
    pub fn new(
        credentials: &Credentials,
        pool: usize,
        timeout: Duration,
        logger: Option<Logger>,
        extra_roots: &[Vec<u8>],
    ) -> Result<Transport, Error> {
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .max_redirects(0)
            .max_idle_connections_per_host(pool.max(1))
            .max_idle_connections(pool.max(1) * 4)
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_global(Some(timeout))
            .user_agent(concat!("followup/", env!("CARGO_PKG_VERSION")));
        let roots = tls::roots_with(extra_roots);
        // A machine without a trust store can still push over http to
        // itself; https then fails with the store's message.
        if let Ok(roots) = roots {
            let certs: Vec<ureq::tls::Certificate<'static>> = roots
                .iter()
                .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned())
                .collect();
            config = config.tls_config(
                ureq::tls::TlsConfig::builder()
                    .provider(ureq::tls::TlsProvider::Rustls)
                    .root_certs(ureq::tls::RootCerts::Specific(Arc::new(certs)))
                    .unversioned_rustls_crypto_provider(tls::provider())
                    .build(),
            );
        }
        Ok(Transport {
            agent: config.build().new_agent(),
            authorization: credentials.http_authorization(),
            token: matches!(credentials, Credentials::Bearer(_)),
            logger,
            requests: AtomicUsize::new(0),
            writes: AtomicUsize::new(0),
        })
    }

    /// Requests sent so far, and how many of them were writes.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.requests.load(Ordering::Relaxed),
            self.writes.load(Ordering::Relaxed),
        )
    }

    /// Sends one request. A 401 is an error here (every caller would stop
    /// on it); every other status is the caller's to judge.
    pub fn send(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Result<Reply, Error> {
        if url.scheme == "https" {
            // Surface a missing trust store as itself, not as a handshake
            // failure.
            tls::system_roots()?;
        }
        let write = matches!(method, "PUT" | "DELETE" | "MKCALENDAR" | "PROPPATCH");
        let mut builder = ureq::http::Request::builder()
            .method(method)
            .uri(url.as_string());
        if let Some(auth) = &self.authorization {
            builder = builder.header("Authorization", auth);
        }
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = builder
            .body(body.unwrap_or_default())
            .map_err(|e| Error::Url {
                url: url.as_string(),
                reason: e.to_string(),
            })?;
        self.requests.fetch_add(1, Ordering::Relaxed);
        if write {
            self.writes.fetch_add(1, Ordering::Relaxed);
        }
        let started = Instant::now();
        let result = self.agent.run(request);
        let log = |status: String| {
            if let Some(logger) = &self.logger {
                logger(&RequestLog {
                    method: method.to_string(),
                    target: url.path.clone(),
                    status,
                    write,
                    elapsed: started.elapsed(),
                });
            }
        };
        let mut response = match result {
            Ok(r) => r,
            Err(e) => {
                log("-".into());
                return Err(map_error(e, url.host()));
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header("etag");
        let location = header("location");
        let body = response
            .body_mut()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_vec();
        log(status.to_string());
        let body = body.map_err(|e| map_error(e, url.host()))?;
        if status == 401 {
            return Err(Error::Auth {
                host: url.host().to_string(),
                token: self.token,
            });
        }
        Ok(Reply {
            status,
            etag,
            location,
            body,
        })
    }
}

/// ureq's failures, in words that name the host and the likely fix.
fn map_error(e: ureq::Error, host: &str) -> Error {
    let host = host.to_string();
    match e {
        ureq::Error::HostNotFound => Error::Dns { host },
        ureq::Error::Timeout(_) => Error::Timeout { host },
        ureq::Error::Io(io) => {
            let reason = match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    "connection refused (is the server running, and is the port right?)".to_string()
                }
                std::io::ErrorKind::TimedOut => return Error::Timeout { host },
                _ => io.to_string(),
            };
            Error::Connect { host, reason }
        }
        ureq::Error::ConnectionFailed => Error::Connect {
            host,
            reason: "connection failed".into(),
        },
        ureq::Error::Rustls(e) => Error::Tls {
            host,
            reason: e.to_string(),
        },
        ureq::Error::Tls(e) => Error::Tls {
            host,
            reason: e.to_string(),
        },
        other => Error::Protocol {
            host,
            reason: other.to_string(),
        },
    }
}
