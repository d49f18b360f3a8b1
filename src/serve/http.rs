//! The socket side of `serve`, on hyper 1 (HTTP/1.1) over tokio: an accept
//! loop, one task per connection, [`Feeds::respond`] deciding every answer,
//! written with exact headers (RFC 9110): `Content-Type: text/calendar;
//! charset=utf-8`, ETag, Last-Modified, `Cache-Control: no-cache`
//! (revalidate, the ETag makes that cheap) and a Content-Length (never
//! chunked, never compressed). HEAD gets the headers of the GET.
//!
//! What keeps a hostile or broken client from taking the server down
//! (SPEC §11; the figures are [`Limits`]):
//!
//! - a request's headers must arrive within [`HEADER_TIMEOUT`] of the
//!   moment the server starts reading them (hyper's `header_read_timeout`),
//!   so a client that sends a partial header (slowloris) or nothing at all
//!   is disconnected, and an idle kept-alive connection is closed after as
//!   long;
//! - a connection's read buffer is at most [`MAX_HEADER_BYTES`]: a larger
//!   request head gets `431 Request Header Fields Too Large` and the
//!   connection is closed, so memory per connection stays bounded;
//! - at most `max_connections` connections are served at once; the
//!   others wait in the kernel's listen queue;
//! - the accept loop never ends on an error: when the process runs out of
//!   file descriptors (EMFILE, ENFILE) or memory for sockets, it waits a
//!   moment (50 ms, doubling to 1 s while the errors last) and tries
//!   again, so the feed is back as soon as descriptors are free.
//!
//! Logs (`--verbose`) show `<token>` where the feed token stands, never the
//! token, and the rest of the request line escaped (`error::terminal`).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::Semaphore;

use super::routes::{Feeds, Reply, Request as FeedRequest};
use crate::error::terminal;
use crate::flows::feed::Snapshot;

/// A client has this long to send a request's whole head (SPEC §11: at
/// most 10 s).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest request head read, in bytes (hyper's read buffer; its
/// minimum is 8 KiB). A feed request is a few hundred bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Connections served at once by default (fewer when the open-file limit
/// is low: see [`Limits::for_this_process`]).
pub const MAX_CONNECTIONS: usize = 512;

/// File descriptors kept free of connections: the inputs, the output
/// folder, the watcher and the runtime need some.
const RESERVED_FDS: u64 = 32;

/// How long shutting down waits for requests in progress.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What the server allows each client.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub max_header_bytes: usize,
}

impl Limits {
    /// The defaults, with at most as many connections as the process's
    /// open-file limit leaves room for (less [`RESERVED_FDS`]), unless
    /// `max_connections` asks for a number.
    pub fn for_this_process(max_connections: Option<usize>) -> Limits {
        let max_connections = max_connections.unwrap_or_else(|| {
            let room = open_file_limit()
                .map(|n| n.saturating_sub(RESERVED_FDS).max(1))
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(MAX_CONNECTIONS);
            MAX_CONNECTIONS.min(room)
        });
        Limits {
            max_connections: max_connections.max(1),
            header_timeout: HEADER_TIMEOUT,
            max_header_bytes: MAX_HEADER_BYTES,
        }
    }
}

/// The soft limit on open files (RLIMIT_NOFILE), when there is one.
fn open_file_limit() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        rustix::process::getrlimit(rustix::process::Resource::Nofile).current
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// A running server.
pub struct Running {
    runtime: tokio::runtime::Runtime,
    accepting: tokio::task::JoinHandle<()>,
    /// Every connection is watched by it, to end them gently at the stop.
    graceful: Arc<GracefulShutdown>,
    /// The address actually bound (`:0` picks a free port).
    pub addr: SocketAddr,
}

/// Binds `addr` and starts answering from `feeds`. `log` writes one line
/// per request to stderr (`--verbose`).
pub fn start(addr: &str, feeds: Arc<Feeds>, log: bool, limits: Limits) -> Result<Running, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(std::thread::available_parallelism().map_or(2, |n| n.get().min(4)))
        .thread_name("http")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server's threads: {e}"))?;
    let listener = runtime
        .block_on(listen(addr))
        .map_err(|e| format!("cannot listen on {}: {e}", terminal::escape(addr)))?;
    let bound = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {}: {e}", terminal::escape(addr)))?;
    let graceful = Arc::new(GracefulShutdown::new());
    let accepting = runtime.spawn(accept_loop(
        listener,
        feeds,
        log,
        limits,
        Arc::clone(&graceful),
    ));
    Ok(Running {
        runtime,
        accepting,
        graceful,
        addr: bound,
    })
}

/// A listening socket for the first address `addr` resolves to that can
/// be bound.
async fn listen(addr: &str) -> std::io::Result<TcpListener> {
    use std::net::ToSocketAddrs as _;
    let mut last = None;
    for a in addr.to_socket_addrs()? {
        let attempt = (|| {
            let socket = if a.is_ipv4() {
                TcpSocket::new_v4()?
            } else {
                TcpSocket::new_v6()?
            };
            socket.set_reuseaddr(true)?;
            // Accepted sockets inherit it; each is set again on accept.
            socket.set_nodelay(true)?;
            socket.bind(a)?;
            socket.listen(1024)
        })();
        match attempt {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("the address names no host")))
}

impl Running {
    /// Stops taking connections, lets those in progress finish their
    /// requests (up to a few seconds), and stops.
    pub fn shutdown(self) {
        let Running {
            runtime,
            accepting,
            graceful,
            ..
        } = self;
        accepting.abort();
        runtime.block_on(async {
            let _ = accepting.await;
            if let Ok(graceful) = Arc::try_unwrap(graceful) {
                let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
            }
        });
        runtime.shutdown_timeout(Duration::from_secs(1));
    }
}

/// Accepts connections until the task is stopped, each on a task of its
/// own, at most `limits.max_connections` at once; never gives up on an
/// error.
async fn accept_loop(
    listener: TcpListener,
    feeds: Arc<Feeds>,
    log: bool,
    limits: Limits,
    graceful: Arc<GracefulShutdown>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192))
        // `Content-Type`, not `content-type`: names are case-insensitive
        // (RFC 9110 §5.1), but some older calendar clients match them
        // exactly, and tiny_http sent them title-cased.
        .title_case_headers(true)
        .keep_alive(true);
    let mut backoff = Duration::ZERO;
    loop {
        // A free slot first: beyond the cap, connections wait in the
        // kernel's queue instead of taking descriptors and memory here.
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => {
                backoff = Duration::ZERO;
                stream
            }
            Err(e) => {
                // Out of descriptors (EMFILE, ENFILE), of socket memory, or
                // a client gone before it was accepted: wait a moment and
                // try again, longer while it lasts. The listener stays.
                if backoff.is_zero() {
                    eprintln!("warning: cannot accept connections: {e}; trying again");
                }
                backoff = (backoff * 2).clamp(Duration::from_millis(50), Duration::from_secs(1));
                drop(slot);
                tokio::time::sleep(backoff).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let feeds = Arc::clone(&feeds);
        let service = service_fn(move |req: Request<Incoming>| {
            let answer = answer(&feeds, &req, log);
            async move { Ok::<_, Infallible>(answer) }
        });
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that hung up, timed out or sent garbage: its loss.
            let _ = conn.await;
            drop(slot);
        });
    }
}

/// The answer to `req`, and its log line.
fn answer(feeds: &Feeds, req: &Request<Incoming>, log: bool) -> Response<Full<Bytes>> {
    let header = |name: header::HeaderName| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (inm, ims) = (
        header(header::IF_NONE_MATCH),
        header(header::IF_MODIFIED_SINCE),
    );
    let target = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string());
    let reply = feeds.respond(FeedRequest {
        method: req.method().as_str(),
        target: &target,
        if_none_match: inm.as_deref(),
        if_modified_since: ims.as_deref(),
    });
    let head = req.method() == Method::HEAD;
    let response = match reply {
        Reply::Feed(s) => feed_response(&s, StatusCode::OK, head),
        Reply::NotModified(s) => feed_response(&s, StatusCode::NOT_MODIFIED, true),
        Reply::NotFound => text_response(StatusCode::NOT_FOUND, "Not Found\n", None, head),
        Reply::MethodNotAllowed => text_response(
            StatusCode::METHOD_NOT_ALLOWED,
            "Method Not Allowed\n",
            Some((header::ALLOW, "GET, HEAD")),
            head,
        ),
    };
    if log {
        eprintln!(
            "{}",
            log_line(feeds, req.method().as_str(), &target, response.status())
        );
    }
    response
}

/// `GET /<token>/beth.ics -> 200`: the request line with the feed token
/// replaced by `<token>` and everything else escaped for the terminal.
pub fn log_line(feeds: &Feeds, method: &str, target: &str, status: StatusCode) -> String {
    let shown = match target.strip_prefix('/').and_then(|t| t.split_once('/')) {
        Some((first, rest)) if feeds.is_token(first) => format!("/<token>/{rest}"),
        _ if feeds.is_token(target.trim_start_matches('/')) => "/<token>".to_string(),
        _ => target.to_string(),
    };
    terminal::escape(&format!("{method} {shown} -> {}", status.as_u16())).into_owned()
}

/// The body as bytes, without copying it per request.
struct Body(Arc<[u8]>);

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// A 200 with the body (HEAD: its headers only), or a 304 with the same
/// headers and no body. Both carry the 200's Content-Length (RFC 9110
/// §8.6 allows it on a 304 and on HEAD).
fn feed_response(s: &Snapshot, status: StatusCode, headers_only: bool) -> Response<Full<Bytes>> {
    let body = if headers_only {
        Bytes::new()
    } else {
        Bytes::from_owner(Body(Arc::clone(&s.body)))
    };
    let mut r = Response::new(Full::new(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    for (name, value) in [
        (header::ETAG, s.etag.as_str()),
        (header::LAST_MODIFIED, s.last_modified_http.as_str()),
    ] {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::SERVER, HeaderValue::from_static("followup"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(s.body.len()));
    r
}

fn text_response(
    status: StatusCode,
    text: &'static str,
    extra: Option<(header::HeaderName, &'static str)>,
    headers_only: bool,
) -> Response<Full<Bytes>> {
    let body = if headers_only {
        Bytes::new()
    } else {
        Bytes::from_static(text.as_bytes())
    };
    let mut r = Response::new(Full::new(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::SERVER, HeaderValue::from_static("followup"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(text.len()));
    if let Some((name, value)) = extra {
        h.insert(name, HeaderValue::from_static(value));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn feeds() -> Feeds {
        Feeds {
            token: "s3cr3t".to_string(),
            by_stem: BTreeMap::new(),
        }
    }

    /// The token never reaches a log line, and neither do raw control
    /// bytes of the request.
    #[test]
    fn log_lines_hide_the_token_and_escape_the_request() {
        let f = feeds();
        case(
            &f,
            "GET",
            "/s3cr3t/beth.ics",
            200,
            "GET /<token>/beth.ics -> 200",
        );
        case(&f, "GET", "/s3cr3t", 404, "GET /<token> -> 404");
        case(
            &f,
            "GET",
            "/s3cr3%74/x.ics",
            404,
            "GET /<token>/x.ics -> 404",
        );
        case(
            &f,
            "HEAD",
            "/other/beth.ics",
            404,
            "HEAD /other/beth.ics -> 404",
        );
        case(
            &f,
            "GET",
            "/s3cr3t/\u{1b}[2J\u{202e}.ics",
            404,
            "GET /<token>/\\u{1b}[2J\\u{202e}.ics -> 404",
        );
    }

    #[track_caller]
    fn case(f: &Feeds, method: &str, target: &str, status: u16, want: &str) {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
        assert_eq!(log_line(f, method, target, status), want);
    }

    #[test]
    fn limits_follow_the_open_file_limit() {
        let l = Limits::for_this_process(None);
        assert!(l.max_connections >= 1 && l.max_connections <= MAX_CONNECTIONS);
        assert_eq!(Limits::for_this_process(Some(0)).max_connections, 1);
        assert_eq!(Limits::for_this_process(Some(2000)).max_connections, 2000);
        assert!(l.header_timeout <= Duration::from_secs(10));
    }
}
