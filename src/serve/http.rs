//! The socket side of `serve`, on `tiny_http`: a few worker threads take
//! requests from the server's queue, ask [`Feeds::respond`] what to answer
//! and write it with exact headers (RFC 9110): `Content-Type:
//! text/calendar; charset=utf-8`, ETag, Last-Modified, `Cache-Control:
//! no-cache` (revalidate, the ETag makes that cheap), a Content-Length
//! (never chunked, never compressed). HEAD is answered with the headers of
//! the GET (tiny_http leaves the body out).

use std::io::Cursor;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Response, Server, StatusCode};

use super::routes::{Feeds, Reply, Request};
use crate::flows::feed::Snapshot;

/// How many threads answer requests. A feed is one small body in memory;
/// a handful of threads keeps a slow client from holding up the rest.
const WORKERS: usize = 4;

/// A running server.
pub struct Running {
    server: Arc<Server>,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
    /// The address actually bound (`:0` picks a free port).
    pub addr: std::net::SocketAddr,
}

/// Binds `addr` and starts answering from `feeds`. `log` gets one line per
/// request when set (`--verbose`).
pub fn start(addr: &str, feeds: Arc<Feeds>, log: bool) -> Result<Running, String> {
    let listener = listen(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let server = Server::from_listener(listener, None)
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let bound = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| format!("cannot listen on {addr}: not an IP address"))?;
    let server = Arc::new(server);
    let stop = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::with_capacity(WORKERS);
    for i in 0..WORKERS {
        let (server, stop, feeds) = (Arc::clone(&server), Arc::clone(&stop), Arc::clone(&feeds));
        let worker = std::thread::Builder::new()
            .name(format!("http-{i}"))
            .spawn(move || work(&server, &stop, &feeds, log))
            .map_err(|e| format!("cannot start a server thread: {e}"))?;
        workers.push(worker);
    }
    Ok(Running {
        server,
        stop,
        workers,
        addr: bound,
    })
}

/// A listening socket with TCP_NODELAY, which accepted connections inherit:
/// tiny_http writes a response's headers and body in two writes, and with
/// Nagle's algorithm the body's last segment would wait for the client's
/// delayed ACK (~40 ms per request on a kept-alive connection).
fn listen(addr: &str) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    use std::net::ToSocketAddrs as _;
    let mut last = None;
    for a in addr.to_socket_addrs()? {
        let attempt = (|| {
            let socket = Socket::new(Domain::for_address(a), Type::STREAM, Some(Protocol::TCP))?;
            socket.set_reuse_address(true)?;
            socket.set_tcp_nodelay(true)?;
            socket.bind(&a.into())?;
            socket.listen(128)?;
            Ok(socket.into())
        })();
        match attempt {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("the address names no host")))
}

impl Running {
    /// Stops taking requests, lets the workers finish the ones they have,
    /// and waits for them.
    pub fn shutdown(self) {
        self.stop.store(true, Ordering::SeqCst);
        self.server.unblock();
        for w in self.workers {
            let _ = w.join();
        }
    }
}

fn work(server: &Server, stop: &AtomicBool, feeds: &Feeds, log: bool) {
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            // A client that went away mid-request: nothing to answer.
            Err(_) => continue,
        };
        let header = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
        };
        let (inm, ims) = (header("If-None-Match"), header("If-Modified-Since"));
        let method = request.method().as_str().to_string();
        let reply = feeds.respond(Request {
            method: &method,
            target: request.url(),
            if_none_match: inm.as_deref(),
            if_modified_since: ims.as_deref(),
        });
        let (status, response) = match reply {
            Reply::Feed(s) => (200, feed_response(&s, 200)),
            Reply::NotModified(s) => (304, feed_response(&s, 304)),
            Reply::NotFound => (404, text_response(404, "Not Found\n", None)),
            Reply::MethodNotAllowed => (
                405,
                text_response(405, "Method Not Allowed\n", header_of("Allow", "GET, HEAD")),
            ),
        };
        if log {
            eprintln!("{method} {} -> {status}", request.url());
        }
        // A client that hung up before the answer: its loss, not an error.
        let _ = request.respond(response);
    }
}

/// The body as a reader, without copying it per request.
struct Body(Arc<[u8]>);

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

fn header_of(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// A 200 with the body, or a 304 with the same headers and no body. Both
/// carry the 200's Content-Length, which RFC 9110 §8.6 allows on a 304 and
/// which keeps tiny_http from choosing chunked encoding.
fn feed_response(s: &Snapshot, status: u16) -> Response<Cursor<Body>> {
    let headers = [
        header_of("Content-Type", "text/calendar; charset=utf-8"),
        header_of("ETag", &s.etag),
        header_of("Last-Modified", &s.last_modified_http),
        header_of("Cache-Control", "no-cache"),
        header_of("Server", "followup"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let body = if status == 200 {
        Arc::clone(&s.body)
    } else {
        Arc::from(&[][..])
    };
    Response::new(
        StatusCode(status),
        headers,
        Cursor::new(Body(body)),
        Some(s.body.len()),
        None,
    )
    .with_chunked_threshold(usize::MAX)
}

fn text_response(status: u16, text: &str, extra: Option<Header>) -> Response<Cursor<Body>> {
    let headers = [
        header_of("Content-Type", "text/plain; charset=utf-8"),
        header_of("Server", "followup"),
        extra,
    ]
    .into_iter()
    .flatten()
    .collect();
    Response::new(
        StatusCode(status),
        headers,
        Cursor::new(Body(Arc::from(text.as_bytes()))),
        Some(text.len()),
        None,
    )
    .with_chunked_threshold(usize::MAX)
}
