//! One IMAP connection: TCP, TLS (implicit, RFC 8314, or STARTTLS, RFC
//! 3501 §6.2.1), the greeting, login, and tagged commands with their
//! untagged responses. Synchronous, one command at a time.
//!
//! Plain text is refused unless the connected peer address is a loopback
//! address (checked on the socket, not the name). Every command is logged
//! as its name, the mailbox and the result: never its arguments, so a
//! password never reaches a log line.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;

use super::wire::{self, Arg, Status};
use crate::push::{Credentials, Error, Logger, RequestLog, tls};

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (`imaps://`, port 993).
    Implicit,
    /// Plain, then STARTTLS; refused when the server does not offer it.
    StartTls,
    /// STARTTLS when offered; without it, plain to a loopback peer only
    /// (what `imap://` means).
    Auto,
    /// Never TLS: to a loopback peer only.
    Plain,
}

/// The largest response read (a FETCH of a few thousand header blocks is
/// well under this).
const RESPONSE_LIMIT: usize = 64 << 20;

enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// A finished command.
#[derive(Debug)]
pub struct Completion {
    pub status: Status,
    /// Untagged responses that came with it, without the leading `* `.
    pub untagged: Vec<Vec<u8>>,
}

impl Completion {
    pub fn ok(&self) -> bool {
        self.status.kind == "OK"
    }
}

pub struct Session {
    stream: Option<Stream>,
    buf: Vec<u8>,
    host: String,
    next_tag: u32,
    capabilities: Vec<String>,
    logger: Option<Logger>,
    pub requests: usize,
    pub writes: usize,
    pub secure: bool,
    extra_roots: Vec<Vec<u8>>,
}

impl Session {
    /// Connects, reads the greeting, and secures the connection as asked.
    pub fn connect(
        host: &str,
        port: u16,
        security: Security,
        timeout: Duration,
        logger: Option<Logger>,
        extra_roots: &[Vec<u8>],
    ) -> Result<Session, Error> {
        let shown = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        // An address that is plainly not this machine is refused before a
        // packet is sent; a name is checked on the connected socket below.
        if security == Security::Plain
            && host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| !ip.is_loopback())
        {
            return Err(Error::PlainRefused { host: shown });
        }
        let tcp = dial(host, port, &shown, timeout)?;
        let loopback = tcp.peer_addr().is_ok_and(|a| a.ip().is_loopback());
        if security == Security::Plain && !loopback {
            return Err(Error::PlainRefused { host: shown });
        }
        let mut session = Session {
            stream: Some(Stream::Plain(tcp)),
            buf: Vec::new(),
            host: shown.clone(),
            next_tag: 1,
            capabilities: Vec::new(),
            logger,
            requests: 0,
            writes: 0,
            secure: false,
            extra_roots: extra_roots.to_vec(),
        };
        if security == Security::Implicit {
            session.start_tls(host)?;
        }
        session.greeting()?;
        let want_tls = match security {
            Security::Implicit | Security::Plain => false,
            Security::StartTls => true,
            Security::Auto => session.has("STARTTLS") || !loopback,
        };
        if want_tls {
            if !session.has("STARTTLS") {
                return Err(Error::Tls {
                    host: shown,
                    reason: "the server does not offer STARTTLS; use imaps:// (port 993)".into(),
                });
            }
            let done = session.run("STARTTLS", "", false, &[])?;
            if !done.ok() {
                return Err(Error::Tls {
                    host: shown,
                    reason: format!("STARTTLS refused: {}", done.status.text),
                });
            }
            if !session.buf.is_empty() {
                // Bytes after the OK would be plain text injected before
                // the handshake (RFC 3501 §6.2.1 forbids it; CVE-2011-0411).
                return Err(Error::Tls {
                    host: shown,
                    reason: "the server sent data after agreeing to STARTTLS".into(),
                });
            }
            session.start_tls(host)?;
            session.refresh_capabilities()?;
        }
        if !session.secure && !loopback {
            return Err(Error::PlainRefused { host: shown });
        }
        Ok(session)
    }

    /// The host (and port) to name in messages.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether the server advertised `capability` (case-insensitive).
    pub fn has(&self, capability: &str) -> bool {
        self.capabilities
            .iter()
            .any(|c| c.eq_ignore_ascii_case(capability))
    }

    fn start_tls(&mut self, host: &str) -> Result<(), Error> {
        let name = ServerName::try_from(host.to_string()).map_err(|_| Error::Tls {
            host: self.host.clone(),
            reason: format!("\"{host}\" is not a valid TLS server name"),
        })?;
        let config: Arc<rustls::ClientConfig> = tls::client_config(&self.extra_roots)?;
        let mut conn = rustls::ClientConnection::new(config, name).map_err(|e| Error::Tls {
            host: self.host.clone(),
            reason: e.to_string(),
        })?;
        let Some(Stream::Plain(mut tcp)) = self.stream.take() else {
            return Err(Error::Tls {
                host: self.host.clone(),
                reason: "TLS was already started".into(),
            });
        };
        // Handshake now, so certificate problems are reported as such.
        while conn.is_handshaking() {
            conn.complete_io(&mut tcp).map_err(|e| self.io_error(e))?;
        }
        self.stream = Some(Stream::Tls(Box::new(rustls::StreamOwned::new(conn, tcp))));
        self.secure = true;
        Ok(())
    }

    fn greeting(&mut self) -> Result<(), Error> {
        let line = self.read_response()?;
        let Some(rest) = line.strip_prefix(b"* ") else {
            return Err(self.protocol("the greeting is not an untagged response"));
        };
        let status = wire::status(rest);
        match status.kind.as_str() {
            "OK" | "PREAUTH" => {}
            "BYE" => {
                return Err(Error::Connect {
                    host: self.host.clone(),
                    reason: format!("the server refused the connection: {}", status.text),
                });
            }
            _ => return Err(self.protocol("the greeting is neither OK, PREAUTH nor BYE")),
        }
        if status.code.first().map(String::as_str) == Some("CAPABILITY") {
            self.capabilities = status.code[1..].to_vec();
            Ok(())
        } else {
            self.refresh_capabilities()
        }
    }

    fn refresh_capabilities(&mut self) -> Result<(), Error> {
        let done = self.run("CAPABILITY", "", false, &[])?;
        self.capabilities = done
            .untagged
            .iter()
            .filter_map(|u| wire::tokens(u).ok())
            .filter(|t| {
                t.first()
                    .and_then(wire::Token::atom)
                    .is_some_and(|a| a.eq_ignore_ascii_case("CAPABILITY"))
            })
            .flat_map(|t| {
                t.into_iter()
                    .skip(1)
                    .filter_map(|t| t.atom().map(str::to_string))
            })
            .collect();
        Ok(())
    }

    /// Logs in (LOGIN, or AUTHENTICATE PLAIN where LOGIN is disabled).
    pub fn login(&mut self, credentials: &Credentials) -> Result<(), Error> {
        let (user, password) = match credentials {
            Credentials::Basic { user, password } => (user.as_str(), password.expose()),
            Credentials::Bearer(_) => {
                return Err(Error::Protocol {
                    host: self.host.clone(),
                    reason: "IMAP with an OAuth token is not supported; use a user and an \
                             app password"
                        .into(),
                });
            }
            Credentials::None => {
                return Err(Error::Auth {
                    host: self.host.clone(),
                    token: false,
                });
            }
        };
        let done = if self.has("LOGINDISABLED") {
            if !self.has("AUTH=PLAIN") {
                return Err(self.protocol("the server allows neither LOGIN nor AUTHENTICATE PLAIN"));
            }
            // RFC 4616: authzid NUL authcid NUL passwd, base64 (RFC 4959
            // initial response when SASL-IR is there, else after the +).
            use base64::Engine as _;
            let blob =
                base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"));
            self.authenticate_plain(&blob)?
        } else {
            self.run(
                "LOGIN",
                "",
                false,
                &[
                    wire::astring(user.as_bytes()),
                    wire::astring(password.as_bytes()),
                ],
            )?
        };
        if !done.ok() {
            return Err(Error::Auth {
                host: self.host.clone(),
                token: false,
            });
        }
        if done.status.code.first().map(String::as_str) == Some("CAPABILITY") {
            self.capabilities = done.status.code[1..].to_vec();
            Ok(())
        } else {
            self.refresh_capabilities()
        }
    }

    fn authenticate_plain(&mut self, blob: &str) -> Result<Completion, Error> {
        if self.has("SASL-IR") {
            return self.run(
                "AUTHENTICATE",
                "",
                false,
                &[Arg::Raw("PLAIN".into()), Arg::Raw(blob.to_string())],
            );
        }
        let tag = self.tag();
        self.send(format!("{tag} AUTHENTICATE PLAIN\r\n").as_bytes())?;
        let started = Instant::now();
        loop {
            let line = self.read_response()?;
            if line.starts_with(b"+") {
                self.send(format!("{blob}\r\n").as_bytes())?;
                continue;
            }
            if let Some(done) = self.tagged(
                &tag,
                &line,
                &mut Vec::new(),
                started,
                "AUTHENTICATE",
                "",
                false,
            )? {
                return Ok(done);
            }
        }
    }

    /// Runs one command; `name` is its words before the arguments
    /// (`UID FETCH`), `target` the mailbox it is about (for the log),
    /// `write` whether it changes the mailbox.
    pub fn run(
        &mut self,
        name: &str,
        target: &str,
        write: bool,
        args: &[Arg],
    ) -> Result<Completion, Error> {
        let tag = self.tag();
        let started = Instant::now();
        let literal_plus = self.has("LITERAL+");
        let mut untagged = Vec::new();
        let mut out = format!("{tag} {name}").into_bytes();
        for arg in args {
            out.push(b' ');
            match arg {
                Arg::Raw(text) => out.extend_from_slice(text.as_bytes()),
                Arg::Literal(bytes) => {
                    let plus = if literal_plus { "+" } else { "" };
                    out.extend_from_slice(format!("{{{}{plus}}}\r\n", bytes.len()).as_bytes());
                    if !literal_plus {
                        // A synchronising literal: wait for "+" (RFC 3501
                        // §7.5); a tagged reply instead refuses the command.
                        self.send(&out)?;
                        out.clear();
                        loop {
                            let line = self.read_response()?;
                            if line.starts_with(b"+") {
                                break;
                            }
                            if let Some(done) = self.tagged(
                                &tag,
                                &line,
                                &mut untagged,
                                started,
                                name,
                                target,
                                write,
                            )? {
                                return Ok(done);
                            }
                        }
                    }
                    out.extend_from_slice(bytes);
                }
            }
        }
        out.extend_from_slice(b"\r\n");
        self.send(&out)?;
        loop {
            let line = self.read_response()?;
            if let Some(done) =
                self.tagged(&tag, &line, &mut untagged, started, name, target, write)?
            {
                return Ok(done);
            }
        }
    }

    /// Handles one response line while waiting for `tag`: collects
    /// untagged data, returns the completion when the tagged line comes.
    #[allow(clippy::too_many_arguments)]
    fn tagged(
        &mut self,
        tag: &str,
        line: &[u8],
        untagged: &mut Vec<Vec<u8>>,
        started: Instant,
        name: &str,
        target: &str,
        write: bool,
    ) -> Result<Option<Completion>, Error> {
        if let Some(rest) = line.strip_prefix(b"* ") {
            let status = wire::status(rest);
            if status.kind == "BYE" && !name.eq_ignore_ascii_case("LOGOUT") {
                return Err(Error::Connect {
                    host: self.host.clone(),
                    reason: format!("the server closed the session: {}", status.text),
                });
            }
            untagged.push(trim_crlf(rest).to_vec());
            return Ok(None);
        }
        if line.starts_with(b"+") {
            return Ok(None);
        }
        let Some(rest) = line
            .strip_prefix(tag.as_bytes())
            .and_then(|r| r.strip_prefix(b" "))
        else {
            return Err(self.protocol("a reply with a tag that was never sent"));
        };
        let status = wire::status(rest);
        self.requests += 1;
        if write {
            self.writes += 1;
        }
        if let Some(logger) = &self.logger {
            logger(&RequestLog {
                method: name.to_string(),
                target: target.to_string(),
                status: status.kind.clone(),
                write,
                elapsed: started.elapsed(),
            });
        }
        Ok(Some(Completion {
            status,
            untagged: std::mem::take(untagged),
        }))
    }

    fn tag(&mut self) -> String {
        let tag = format!("F{}", self.next_tag);
        self.next_tag += 1;
        tag
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let Some(stream) = self.stream.as_mut() else {
            return Err(self.protocol("the connection is closed"));
        };
        let result = stream.write_all(bytes).and_then(|()| stream.flush());
        result.map_err(|e| self.io_error(e))
    }

    /// One logical response: a line, with every literal it announces and
    /// the rest of the line after it.
    fn read_response(&mut self) -> Result<Vec<u8>, Error> {
        let mut logical = Vec::new();
        loop {
            let line = self.read_line()?;
            logical.extend_from_slice(&line);
            match wire::trailing_literal(&line) {
                Some(n) => {
                    if logical.len() + n > RESPONSE_LIMIT {
                        return Err(self.protocol("a response larger than 64 MiB"));
                    }
                    let bytes = self.read_exact(n)?;
                    logical.extend_from_slice(&bytes);
                }
                None => return Ok(logical),
            }
            if logical.len() > RESPONSE_LIMIT {
                return Err(self.protocol("a response larger than 64 MiB"));
            }
        }
    }

    fn read_line(&mut self) -> Result<Vec<u8>, Error> {
        loop {
            if let Some(i) = self.buf.iter().position(|&b| b == b'\n') {
                return Ok(self.buf.drain(..=i).collect());
            }
            if self.buf.len() > RESPONSE_LIMIT {
                return Err(self.protocol("a response line larger than 64 MiB"));
            }
            self.fill()?;
        }
    }

    fn read_exact(&mut self, n: usize) -> Result<Vec<u8>, Error> {
        while self.buf.len() < n {
            self.fill()?;
        }
        Ok(self.buf.drain(..n).collect())
    }

    fn fill(&mut self) -> Result<(), Error> {
        let mut chunk = [0u8; 16 * 1024];
        let Some(stream) = self.stream.as_mut() else {
            return Err(self.protocol("the connection is closed"));
        };
        let read = stream.read(&mut chunk);
        match read {
            Ok(0) => Err(Error::Connect {
                host: self.host.clone(),
                reason: "the server closed the connection".into(),
            }),
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                Ok(())
            }
            Err(e) => Err(self.io_error(e)),
        }
    }

    /// Says goodbye; errors are ignored (the work is done).
    pub fn logout(mut self) {
        let _ = self.run("LOGOUT", "", false, &[]);
    }

    fn protocol(&self, reason: &str) -> Error {
        Error::Protocol {
            host: self.host.clone(),
            reason: reason.to_string(),
        }
    }

    fn io_error(&self, e: std::io::Error) -> Error {
        io_error(&self.host, e)
    }
}

fn trim_crlf(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Resolves and connects, trying each address in turn.
fn dial(host: &str, port: u16, shown: &str, timeout: Duration) -> Result<TcpStream, Error> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|_| Error::Dns {
            host: shown.to_string(),
        })?
        .collect();
    if addrs.is_empty() {
        return Err(Error::Dns {
            host: shown.to_string(),
        });
    }
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout.min(Duration::from_secs(15))) {
            Ok(s) => {
                let _ = s.set_read_timeout(Some(timeout));
                let _ = s.set_write_timeout(Some(timeout));
                let _ = s.set_nodelay(true);
                return Ok(s);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => io_error(shown, e),
        None => Error::Dns {
            host: shown.to_string(),
        },
    })
}

fn io_error(host: &str, e: std::io::Error) -> Error {
    let host = host.to_string();
    if let Some(tls) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return Error::Tls {
            host,
            reason: tls.to_string(),
        };
    }
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => Error::Timeout { host },
        std::io::ErrorKind::ConnectionRefused => Error::Connect {
            host,
            reason: "connection refused (is the server running, and is the port right?)".into(),
        },
        _ => Error::Connect {
            host,
            reason: e.to_string(),
        },
    }
}
