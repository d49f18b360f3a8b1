//! The server's life (SPEC §5): the first build of every feed, the watch
//! on its files, the listener, the links, then a regeneration after each
//! burst of changes until Ctrl-C or SIGTERM.
//!
//! What each feed holds and when it changes is the flow's
//! ([`flows::feed::Inputs`]); this face supplies what the flow must not
//! touch (the watcher, the clock, the socket, the terminal) and prints what
//! the flow reports.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

use jiff::{SignedDuration, Timestamp};

use super::http;
use super::routes::{Feed, Feeds, links, random_token};
use super::watch::{self, Signal};
use crate::error::{Exit, Style, terminal};
use crate::flows;
use crate::flows::feed::{Change, Inputs, Update};
use crate::io;

/// What `serve` was asked for.
pub struct Config {
    /// Input files; each is served as `/<token>/<file stem>.ics`.
    pub inputs: Vec<String>,
    pub addr: String,
    /// The secret first path segment; `None`: 128 random bits.
    pub token: Option<String>,
    /// The public base URL behind a reverse proxy, for the printed links.
    pub public_url: Option<String>,
    /// Where each feed is also written, and read back at the next start.
    pub out_dir: Option<PathBuf>,
    pub utc: bool,
    pub keep_cancelled: SignedDuration,
    pub force: bool,
    /// "Now" fixed by `--now` or SOURCE_DATE_EPOCH; `None`: the clock at
    /// each regeneration.
    pub fixed_now: Option<Timestamp>,
    pub style: Style,
    /// One log line per request.
    pub verbose: bool,
    /// Connections served at once (`--max-connections`); `None`: the
    /// default, within the open-file limit.
    pub max_connections: Option<usize>,
}

/// Serves until stopped; returns the exit code.
pub fn run(config: Config) -> Exit {
    let now = || config.fixed_now.unwrap_or_else(io::clock_now);
    let say = |text: &str| {
        if !config.style.quiet {
            eprintln!("{text}");
        }
    };
    let mut inputs = Inputs::new(flows::feed::Settings {
        utc: config.utc,
        keep_cancelled: config.keep_cancelled,
        force: config.force,
        out_dir: config.out_dir.clone(),
    });
    // First build of every feed: any problem is an error before listening.
    for path in &config.inputs {
        let started = match inputs.add(path, now(), io::clock_now()) {
            Ok(s) => s,
            Err(refused) => {
                let failure = &refused.failure;
                eprint!(
                    "{}",
                    failure.render(&config.style, refused.source.as_deref())
                );
                return failure.exit();
            }
        };
        eprint!(
            "{}",
            config
                .style
                .render(&started.warnings, Some(&started.source))
        );
        if let Err(e) = started.written {
            eprintln!("error: {e}");
            return Exit::Io;
        }
        say(&format!(
            "{}: {} events",
            terminal::escape(path),
            started.events
        ));
    }
    let token = match config.token.clone().map_or_else(random_token, Ok) {
        Ok(t) => t,
        Err(why) => {
            eprintln!("error: cannot make a token: {why}\n  = help: pass one with --token");
            return Exit::Io;
        }
    };
    // Watch before serving and before printing the links: an edit saved
    // as soon as the links appear must not be missed. An edit made between
    // the first build and the watch is caught by checking every input once
    // more (the flow re-reads it and does nothing if it is unchanged).
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    }) {
        eprintln!("warning: Ctrl-C will not stop the server cleanly: {e}");
    }
    let recheck = tx.clone();
    let paths: Vec<PathBuf> = config.inputs.iter().map(PathBuf::from).collect();
    let mut watch = match watch::watch(&paths, tx) {
        Ok(w) => w,
        Err(why) => {
            eprintln!("error: {why}");
            return Exit::Io;
        }
    };
    for i in 0..inputs.len() {
        track(&mut watch, i, &inputs.holiday_files(i), inputs.path(i));
    }
    for place in (0..inputs.len()).filter_map(|i| inputs.place(i)) {
        let _ = recheck.send(Signal::Changed(place.to_path_buf()));
    }
    let feeds = Arc::new(Feeds {
        token,
        by_stem: (0..inputs.len())
            .filter_map(|i| {
                let stem = inputs.stem(i).to_string();
                let feed = Feed::new(stem.clone(), inputs.snapshot(i)?);
                Some((stem, Arc::new(feed)))
            })
            .collect::<BTreeMap<_, _>>(),
    });
    let limits = http::Limits::for_this_process(config.max_connections);
    let server = match http::start(&config.addr, Arc::clone(&feeds), config.verbose, limits) {
        Ok(s) => s,
        Err(why) => {
            eprintln!("error: {why}");
            return Exit::Io;
        }
    };
    print_links(&feeds, &inputs, server.addr, config.public_url.as_deref());

    // Regenerate after each burst of changes.
    while let Some(changed) = watch::burst(&rx) {
        for update in inputs.changed(&changed, now(), io::clock_now()) {
            let i = update.input;
            report(&config.style, &inputs, &update);
            if let Change::New { snapshot, .. } = &update.change
                && let Some(feed) = feeds.by_stem.get(inputs.stem(i))
            {
                feed.replace(Arc::clone(snapshot));
            }
            if let Some(files) = &update.watch {
                track(&mut watch, i, files, inputs.path(i));
                // A holiday file saved between the build that named it and
                // the watch on it is caught by checking the input once more.
                if let Some(place) = inputs.place(i) {
                    let _ = recheck.send(Signal::Changed(place.to_path_buf()));
                }
            }
        }
    }
    say("stopping: finishing the requests in progress");
    server.shutdown();
    Exit::Ok
}

/// Watches the holiday files of input `i` from now on; a folder that cannot
/// be watched is a warning.
fn track(watch: &mut watch::Watch, i: usize, files: &[PathBuf], path: &str) {
    if let Err(why) = watch.track(i, files) {
        eprintln!(
            "warning: {why}\n  = note: edits to that holiday file are not seen until {path} is saved again"
        );
    }
}

/// Prints what a regeneration did, in one write, so that a reader of the
/// log never sees a diagnostic without the note that follows it.
fn report(style: &Style, inputs: &Inputs, update: &Update) {
    let (path, stem) = (inputs.path(update.input), inputs.stem(update.input));
    let mut out = String::new();
    match &update.change {
        Change::Unreadable(e) => {
            let _ = writeln!(
                out,
                "error: {e}\n  = note: still serving the last good {stem}.ics"
            );
        }
        Change::Invalid {
            diagnostics,
            source,
        } => {
            out.push_str(&style.render(diagnostics, Some(source)));
            let _ = writeln!(
                out,
                "note: still serving the last good {stem}.ics; fix the file and save it again"
            );
        }
        Change::Same { warnings, source } => {
            out.push_str(&style.render(warnings, Some(source)));
            if !style.quiet {
                let _ = writeln!(out, "{path}: no change in the calendar");
            }
        }
        Change::New {
            warnings,
            source,
            changes: c,
            written,
            ..
        } => {
            out.push_str(&style.render(warnings, Some(source)));
            if let Err(e) = written {
                let _ = writeln!(
                    out,
                    "error: {e}\n  = note: the feed is updated all the same"
                );
            }
            if !style.quiet {
                let _ = writeln!(
                    out,
                    "{path}: updated {stem}.ics: {} changed, {} new, {} vanished (cancelled), {} dropped, {} unchanged",
                    c.changed, c.added, c.disappeared, c.dropped, c.unchanged
                );
            }
        }
    }
    // Paths and stems are the user's file names: escaped (SPEC §11).
    eprint!("{}", terminal::escape_lines(&out));
}

fn print_links(feeds: &Feeds, inputs: &Inputs, addr: std::net::SocketAddr, public: Option<&str>) {
    let base = match public {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => format!("http://{addr}"),
    };
    let mut out = String::new();
    let _ = writeln!(out, "Serving on http://{addr} (Ctrl-C stops)");
    for i in 0..inputs.len() {
        let (path, stem) = (inputs.path(i), inputs.stem(i));
        let l = links(&format!("{base}{}", feeds.path(stem)));
        let _ = writeln!(out, "\n{stem} ({path}):");
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
    // The links are a courtesy: a closed stdout does not stop the server.
    let _ = io::write_stdout(terminal::escape_lines(&out).as_bytes());
}
