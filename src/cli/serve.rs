//! `followup serve INPUT.yaml... [--addr 127.0.0.1:8080] [--token T]`: each
//! input's calendar as a live feed at `/<token>/<stem>.ics`, regenerated
//! when the input changes (SPEC §5).
//!
//! Every regeneration is merged with the body served last, so SEQUENCE
//! carries on and vanished steps are served as cancelled; with `--out-dir`
//! the feeds are also written there (atomically) and read back at the next
//! start, so that continuity survives restarts. An edit that does not
//! validate is logged with its location and the last good feed stays up.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::build::Regen;
use super::{Context, read_input};
use crate::error::Exit;
use crate::io::holidays::FileHolidays;
use crate::notes::Notes;
use crate::pipeline::export::Options;
use crate::serve::watch::{self, Signal};
use crate::serve::{Feed, Feeds, Snapshot, http, links, random_token};
use crate::{io, pipeline};

/// A burst of writes is over when the inputs have been quiet this long.
const QUIET: Duration = Duration::from_millis(150);
/// …or, while writes keep coming, at the latest after this long.
const AT_MOST: Duration = Duration::from_millis(500);

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  followup serve interviews.yaml\n  followup serve beth.yaml sam.yaml --addr 0.0.0.0:8080 --public-url https://cal.example.com\n  followup serve interviews.yaml --out-dir /var/www/feeds   # also publish the files\n\nSee the README (Subscribe) for reverse proxies and adding the feed in Google, Outlook and Apple Calendar."
)]
pub struct Args {
    /// Input files; each is served as `/<token>/<file stem>.ics`.
    #[arg(value_name = "INPUT.yaml", required = true)]
    inputs: Vec<String>,
    /// Address to listen on. Loopback unless you say otherwise; port 0
    /// picks a free one (the links show which).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: String,
    /// The secret first path segment of every feed (letters, digits,
    /// `-._~`). Default: 128 random bits, new at every start.
    #[arg(long, value_name = "T")]
    token: Option<String>,
    /// The feed's public base URL behind a reverse proxy (e.g.
    /// `https://cal.example.com`), for the printed links.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Also write each feed to `DIR/<stem>.ics` (atomically) at every
    /// regeneration, and continue from those files at the next start.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Write every time in UTC, with no VTIMEZONE.
    #[arg(long)]
    utc: bool,
    #[command(flatten)]
    regen: Regen,
}

/// One input and what was last made of it.
struct Input {
    path: String,
    stem: String,
    /// The bytes last read, so a touch without an edit costs nothing.
    bytes: Vec<u8>,
    /// The `.ics` holiday files the last build named, and their bytes as
    /// read before that build (`None`: missing or unreadable), for the same
    /// reason.
    holidays: Vec<(PathBuf, Option<Vec<u8>>)>,
    feed: Arc<Feed>,
}

/// The current bytes of each of `files` (`None` when they cannot be read).
fn snapshot(files: impl IntoIterator<Item = PathBuf>) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).ok();
            (f, bytes)
        })
        .collect()
}

/// What every regeneration shares.
struct Maker<'a> {
    ctx: &'a Context,
    notes: Notes,
    utc: bool,
    regen: Regen,
    /// `--now` or SOURCE_DATE_EPOCH fixes DTSTAMP; otherwise the clock at
    /// each regeneration.
    fixed_now: bool,
    out_dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    if let Some(token) = &args.token
        && let Err(why) = check_token(token)
    {
        eprintln!(
            "error: --token {token:?} {why}\n  = help: use letters, digits and -._~ only, e.g. the default (omit --token)"
        );
        return Exit::Usage;
    }
    let mut stems = BTreeSet::new();
    for path in &args.inputs {
        if path == "-" {
            eprintln!("error: serve needs input files to watch, not standard input");
            return Exit::Usage;
        }
        let stem = stem_of(path);
        if !stems.insert(stem.clone()) {
            eprintln!(
                "error: two inputs would both be served as {stem}.ics\n  = help: rename one of the files (the feed is named after the file)"
            );
            return Exit::Usage;
        }
    }
    if let Err(e) = ctx.now() {
        return e;
    }
    let maker = Maker {
        ctx,
        notes: Notes::new(),
        utc: args.utc,
        regen: args.regen.clone(),
        fixed_now: ctx.global.now.is_some() || std::env::var_os("SOURCE_DATE_EPOCH").is_some(),
        out_dir: args.out_dir.clone(),
    };

    // First build of every feed: any problem is an error before listening.
    let mut inputs = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        match maker.first(path) {
            Ok(input) => inputs.push(input),
            Err(exit) => return exit,
        }
    }
    let token = match args.token.clone().map_or_else(random_token, Ok) {
        Ok(t) => t,
        Err(why) => {
            eprintln!("error: cannot make a token: {why}\n  = help: pass one with --token");
            return Exit::Io;
        }
    };
    // Watch before serving and before printing the links: an edit saved
    // as soon as the links appear must not be missed. An edit made between
    // the first build and the watch is caught by checking every input once
    // more (`again` re-reads it and does nothing if it is unchanged).
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    }) {
        eprintln!("warning: Ctrl-C will not stop the server cleanly: {e}");
    }
    let recheck = tx.clone();
    let paths: Vec<PathBuf> = inputs.iter().map(|i| PathBuf::from(&i.path)).collect();
    let mut watch = match watch::watch(&paths, tx) {
        Ok(w) => w,
        Err(why) => {
            eprintln!("error: {why}");
            return Exit::Io;
        }
    };
    for (i, input) in inputs.iter().enumerate() {
        let files: Vec<PathBuf> = input.holidays.iter().map(|(f, _)| f.clone()).collect();
        if let Err(why) = watch.track(i, &files) {
            eprintln!(
                "warning: {why}\n  = note: edits to that holiday file are not seen until {} is saved again",
                input.path
            );
        }
    }
    for i in 0..inputs.len() {
        let _ = recheck.send(Signal::Changed(i));
    }
    drop(recheck);
    let feeds = Arc::new(Feeds {
        token,
        by_stem: inputs
            .iter()
            .map(|i| (i.stem.clone(), Arc::clone(&i.feed)))
            .collect::<BTreeMap<_, _>>(),
    });
    let server = match http::start(&args.addr, Arc::clone(&feeds), ctx.global.verbose) {
        Ok(s) => s,
        Err(why) => {
            eprintln!("error: {why}");
            return Exit::Io;
        }
    };
    print_links(&feeds, &inputs, server.addr, args.public_url.as_deref());

    // Wait for changes; regenerate after each burst.
    while let Ok(first) = rx.recv() {
        let mut changed = BTreeSet::new();
        let mut stopping = first == Signal::Stop;
        if let Signal::Changed(i) = first {
            changed.insert(i);
        }
        let started = Instant::now();
        while !stopping && started.elapsed() < AT_MOST {
            match rx.recv_timeout(QUIET) {
                Ok(Signal::Changed(i)) => {
                    changed.insert(i);
                }
                Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => stopping = true,
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        if stopping {
            break;
        }
        for i in changed {
            if let Some(input) = inputs.get_mut(i) {
                maker.again(i, input, &mut watch);
            }
        }
    }
    if !ctx.global.quiet {
        eprintln!("stopping: finishing the requests in progress");
    }
    server.shutdown();
    Exit::Ok
}

impl Maker<'_> {
    fn now(&self) -> Timestamp {
        if self.fixed_now {
            // Checked once at start; cannot fail later.
            self.ctx.now().unwrap_or_else(|_| io::clock_now())
        } else {
            io::clock_now()
        }
    }

    fn options(&self, now: Timestamp) -> Options {
        let mut opts = Options::new(now);
        opts.utc = self.utc;
        opts
    }

    fn out_path(&self, stem: &str) -> Option<PathBuf> {
        self.out_dir.as_ref().map(|d| d.join(format!("{stem}.ics")))
    }

    /// The first build of `path`, continuing from `--out-dir` when there is
    /// a file there.
    fn first(&self, path: &str) -> Result<Input, Exit> {
        let stem = stem_of(path);
        let bytes = read_input(path).map_err(|e| self.ctx.io_error(&e))?;
        let out = self.out_path(&stem);
        let previous_bytes = match &out {
            Some(p) => io::read_if_exists(p).map_err(|e| self.ctx.io_error(&e))?,
            None => None,
        };
        let out_name = out.as_ref().map(|p| p.display().to_string());
        let previous = match (&previous_bytes, &out_name) {
            (Some(b), Some(name)) => Some(pipeline::calendar::Previous {
                name,
                bytes: b,
                keep_cancelled: self.regen.keep_cancelled,
                force: self.regen.force,
            }),
            _ => None,
        };
        let now = self.now();
        let holidays = FileHolidays::beside(path);
        let cal = pipeline::calendar::calendar_with_previous(
            path,
            &bytes,
            &holidays,
            &self.notes,
            &self.options(now),
            previous.as_ref(),
        )
        .map_err(|f| {
            self.ctx.report(&f.diagnostics, Some(&bytes));
            Exit::Invalid
        })?;
        self.ctx.report(&cal.warnings, Some(&bytes));
        if let Some(out) = &out
            && previous_bytes.as_deref() != Some(cal.bytes.as_slice())
        {
            io::write_atomic(out, &cal.bytes).map_err(|e| self.ctx.io_error(&e))?;
        }
        if !self.ctx.global.quiet {
            eprintln!("{path}: {} events", cal.events);
        }
        Ok(Input {
            path: path.to_string(),
            stem: stem.clone(),
            bytes,
            holidays: snapshot(holidays.files()),
            feed: Arc::new(Feed::new(stem, Snapshot::new(cal.bytes, io::clock_now()))),
        })
    }

    /// Regenerates `input` after a change; on any problem, logs it and
    /// keeps serving what was served.
    fn again(&self, index: usize, input: &mut Input, watch: &mut watch::Watch) {
        let bytes = match read_input(&input.path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!(
                    "error: {e}\n  = note: still serving the last good {}.ics",
                    input.stem
                );
                return;
            }
        };
        // Read before the build: a holiday file saved during it is seen as
        // changed next time, not taken as built.
        let holidays_now = snapshot(input.holidays.iter().map(|(f, _)| f.clone()));
        if bytes == input.bytes && holidays_now == input.holidays {
            return;
        }
        let holidays = FileHolidays::beside(&input.path);
        let built = self.rebuild(input, &bytes, &holidays);
        input.bytes = bytes;
        let named = holidays.files();
        if named.iter().ne(input.holidays.iter().map(|(f, _)| f)) {
            if let Err(why) = watch.track(index, &named) {
                eprintln!(
                    "warning: {why}\n  = note: edits to that holiday file are not seen until {} is saved again",
                    input.path
                );
            }
            input.holidays = snapshot(named);
        } else {
            input.holidays = holidays_now;
        }
        if let Some(next) = built {
            input.feed.replace(next);
        }
    }

    /// Builds `input` again from `bytes` over what is served; logs any
    /// problem and returns `None` to keep serving the last good feed.
    fn rebuild(&self, input: &Input, bytes: &[u8], holidays: &FileHolidays) -> Option<Snapshot> {
        let served = input.feed.snapshot();
        let previous = pipeline::calendar::Previous {
            name: &input.stem,
            bytes: &served.body,
            keep_cancelled: self.regen.keep_cancelled,
            force: true,
        };
        let now = self.now();
        let cal = match pipeline::calendar::calendar_with_previous(
            &input.path,
            bytes,
            holidays,
            &self.notes,
            &self.options(now),
            Some(&previous),
        ) {
            Ok(c) => c,
            Err(f) => {
                self.ctx.report(&f.diagnostics, Some(bytes));
                eprintln!(
                    "note: still serving the last good {}.ics; fix the file and save it again",
                    input.stem
                );
                return None;
            }
        };
        self.ctx.report(&cal.warnings, Some(bytes));
        let Some(next) = served.next(cal.bytes, io::clock_now()) else {
            if !self.ctx.global.quiet {
                eprintln!("{}: no change in the calendar", input.path);
            }
            return None;
        };
        if let Some(out) = self.out_path(&input.stem)
            && let Err(e) = io::write_atomic(&out, &next.body)
        {
            eprintln!("error: {e}\n  = note: the feed is updated all the same");
        }
        if !self.ctx.global.quiet {
            let c = cal.changes.unwrap_or_default();
            eprintln!(
                "{}: updated {}.ics: {} changed, {} new, {} vanished (cancelled), {} dropped, {} unchanged",
                input.path, input.stem, c.changed, c.added, c.disappeared, c.dropped, c.unchanged
            );
        }
        Some(next)
    }
}

fn print_links(feeds: &Feeds, inputs: &[Input], addr: std::net::SocketAddr, public: Option<&str>) {
    let base = match public {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => format!("http://{addr}"),
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "Serving on http://{addr} (Ctrl-C stops)");
    for input in inputs {
        let l = links(&format!("{base}{}", feeds.path(&input.stem)));
        let _ = writeln!(out, "\n{} ({}):", input.stem, input.path);
        let _ = writeln!(out, "  feed:   {}", l.url);
        let _ = writeln!(out, "  webcal: {}", l.webcal);
        let _ = writeln!(out, "  Google: {}", l.google);
    }
    if public.is_none() {
        let _ = writeln!(
            out,
            "\nCalendar services fetch from the internet: put this behind HTTPS (a reverse proxy) and\npass --public-url to print the public links. See the README, section Subscribe."
        );
    }
    let _ = out.flush();
}

/// The feed's name: the input's file stem.
fn stem_of(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "calendar".to_string())
}

fn check_token(token: &str) -> Result<(), &'static str> {
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
