//! `followup build IN... --out-dir DIR [--combined FILE]`: many inputs, one
//! calendar each, on every core.
//!
//! Each input is independent: read, plan, draft, write its own `.ics` to a
//! temporary file, keep only a small summary. So memory follows the largest
//! single input, not the batch, and the bytes of every output are the same
//! on one thread or many. When all are done, the files are made durable
//! with one filesystem sync and renamed into place ([`io::Deferred`]): one
//! sync per file cost a third of a 2,000-file batch. A bad file is
//! reported with its name and the rest go on; the exit code says whether
//! anything failed.
//!
//! UIDs carry the input's path relative to the batch root (SPEC §5: unique
//! across a batch), so two candidates' files that reuse an interview id
//! never collide, in their own files or in `--combined`.
//!
//! Each output is regenerated over its previous version in the folder, as
//! `build -o` does (SPEC §5), so subscribers of a nightly batch see updates,
//! not duplicates.
//!
//! `--combined` is assembled afterwards, in input order, by streaming the
//! written files' VEVENTs into one calendar: nothing is held in memory but
//! one file at a time. Where two inputs needed different VTIMEZONE rules for
//! one zone (its rules changed inside one input's range), the later input's
//! times in that zone are written in UTC in the combined file.

use super::Context;
use crate::error::{Diagnostic, Exit};
use crate::io::holidays::FileHolidays;
use crate::io::{self, AtomicFile, IoError};
use crate::notes::Notes;
use crate::pipeline;
use crate::pipeline::export::Options;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// What a batch needs beyond the inputs.
pub struct Batch<'a> {
    pub out_dir: &'a Path,
    pub combined: Option<&'a Path>,
    pub jobs: Option<usize>,
    pub options: Options,
    /// Each output is regenerated over its previous version (SPEC §5), so a
    /// nightly batch keeps SEQUENCE and DTSTAMP continuity for subscribers.
    pub regen: super::build::Regen,
}

/// One input file and where its calendar goes.
struct Job {
    /// The path to read.
    src: PathBuf,
    /// How messages name it (as the user gave it, or under its folder).
    display: String,
    /// The output's path relative to `out_dir`, without extension; also the
    /// UID namespace.
    rel: PathBuf,
}

/// What one job leaves behind.
struct Outcome {
    events: usize,
    diagnostics: Vec<Diagnostic>,
    /// The input text, kept only when a diagnostic can show a snippet.
    source: Option<Vec<u8>>,
    failed: bool,
    io_error: Option<IoError>,
}

impl Outcome {
    /// The input or its previous output could not be read.
    fn unreadable(e: IoError) -> Self {
        Outcome {
            events: 0,
            diagnostics: Vec::new(),
            source: None,
            failed: true,
            io_error: Some(e),
        }
    }

    /// The input did not validate; `bytes` show its snippets.
    fn invalid(f: pipeline::load::Failed, bytes: Vec<u8>) -> Self {
        Outcome {
            events: 0,
            diagnostics: f.diagnostics,
            source: Some(bytes),
            failed: true,
            io_error: None,
        }
    }

    /// A calendar was made and `written` (or not) to its file; the input
    /// is kept only if a warning shows a snippet of it.
    fn built(
        events: usize,
        warnings: Vec<Diagnostic>,
        bytes: Vec<u8>,
        written: Result<(), IoError>,
    ) -> Self {
        let has_snippets = warnings.iter().any(|d| d.pos.is_some());
        Outcome {
            events,
            source: has_snippets.then_some(bytes),
            diagnostics: warnings,
            failed: written.is_err(),
            io_error: written.err(),
        }
    }
}

pub fn run(ctx: &Context, inputs: &[String], batch: Batch<'_>) -> Exit {
    let started = Instant::now();
    let (jobs, mut worst) = match expand(ctx, inputs) {
        Ok(j) => j,
        Err(e) => return e,
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(batch.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return Exit::Io;
        }
    };
    let notes = Notes::new();
    let deferred = io::Deferred::default();
    let progress = progress_bar(ctx, jobs.len());
    let done = AtomicUsize::new(0);
    let mut outcomes: Vec<Outcome> = deferred.writing_back_during(|| {
        pool.install(|| {
            jobs.par_iter()
                .map(|job| {
                    let o = one(job, &batch, &notes, &deferred);
                    done.fetch_add(1, Ordering::Relaxed);
                    if let Some(p) = &progress {
                        p.inc(1);
                    }
                    o
                })
                .collect()
        })
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    // Put every written file in place, durably, before reporting; a file
    // that could not be is its job's failure.
    for e in deferred.finish() {
        let job = jobs
            .iter()
            .position(|j| out_path(batch.out_dir, &j.rel) == e.path);
        match job.and_then(|i| outcomes.get_mut(i)) {
            Some(o) => {
                o.failed = true;
                o.io_error = Some(e);
            }
            None => {
                eprintln!("error: {e}");
                worst = Exit::Io;
            }
        }
    }

    let mut events = 0;
    let mut failed = 0;
    for o in &outcomes {
        ctx.report(&o.diagnostics, o.source.as_deref());
        if let Some(e) = &o.io_error {
            eprintln!("error: {e}");
            worst = Exit::Io;
        }
        if o.failed {
            failed += 1;
            if worst == Exit::Ok {
                worst = Exit::Invalid;
            }
        }
        events += o.events;
    }
    if let Some(path) = batch.combined {
        let written: Vec<&Job> = jobs
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| !o.failed)
            .map(|(j, _)| j)
            .collect();
        if let Err(e) = combine(ctx, path, batch.out_dir, &written) {
            eprintln!("error: {e}");
            worst = Exit::Io;
        }
    }
    if !ctx.global.quiet {
        eprintln!(
            "batch: {} files, {} written, {} failed, {} events, {:.2} s",
            jobs.len(),
            jobs.len() - failed,
            failed,
            events,
            started.elapsed().as_secs_f64()
        );
    }
    worst
}

fn progress_bar(ctx: &Context, len: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal as _;
    if ctx.global.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Turns the command line into jobs: files as given, folders walked for
/// `*.yaml`/`*.yml`, `-` read as a list of paths from stdin.
fn expand(ctx: &Context, inputs: &[String]) -> Result<(Vec<Job>, Exit), Exit> {
    let mut worst = Exit::Ok;
    let mut jobs = Vec::new();
    for input in inputs {
        if input == "-" {
            let list = io::read_stdin().map_err(|e| ctx.io_error(&e))?;
            let text = String::from_utf8_lossy(&list);
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                add_path(ctx, line, &mut jobs, &mut worst);
            }
        } else {
            add_path(ctx, input, &mut jobs, &mut worst);
        }
    }
    // Two inputs must not write the same output (a.yaml and a.yml, or two
    // folders with the same layout).
    let mut seen: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut unique = Vec::with_capacity(jobs.len());
    for job in jobs {
        if let Some(first) = seen.get(&job.rel) {
            eprintln!(
                "error: {} and {} would both write {}.ics; rename one, or build them in separate batches",
                first,
                job.display,
                job.rel.display()
            );
            worst = Exit::Invalid;
            continue;
        }
        seen.insert(job.rel.clone(), job.display.clone());
        unique.push(job);
    }
    Ok((unique, worst))
}

fn add_path(ctx: &Context, input: &str, jobs: &mut Vec<Job>, worst: &mut Exit) {
    let path = PathBuf::from(input);
    if io::is_dir(&path) {
        match io::yaml_files_under(&path) {
            Ok(files) => {
                for f in files {
                    let rel = f.strip_prefix(&path).unwrap_or(&f).with_extension("");
                    jobs.push(Job {
                        display: f.display().to_string(),
                        src: f,
                        rel,
                    });
                }
            }
            Err(e) => *worst = ctx.io_error(&e),
        }
    } else {
        jobs.push(Job {
            rel: mirror(&path),
            display: input.to_string(),
            src: path,
        });
    }
}

/// The output path for an input named directly: its relative path as given
/// when that stays inside the output folder, else its file name.
fn mirror(path: &Path) -> PathBuf {
    let inside = path.is_relative()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let rel: PathBuf = if inside {
        path.components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .collect()
    } else {
        path.file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("input"))
    };
    rel.with_extension("")
}

fn out_path(out_dir: &Path, rel: &Path) -> PathBuf {
    let mut p = out_dir.join(rel);
    let name = p
        .file_name()
        .map(|n| format!("{}.ics", n.to_string_lossy()))
        .unwrap_or_else(|| "calendar.ics".to_string());
    p.set_file_name(name);
    p
}

fn one(job: &Job, batch: &Batch<'_>, notes: &Notes, deferred: &io::Deferred) -> Outcome {
    let bytes = match io::read(&job.src) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::unreadable(e);
        }
    };
    let mut opts = batch.options.clone();
    opts.uid_namespace = Some(job.rel.to_string_lossy().replace('\\', "/"));
    let holidays = FileHolidays::beside(&job.src.to_string_lossy());
    let target = out_path(batch.out_dir, &job.rel);
    let previous_bytes = match io::read_if_exists(&target) {
        Ok(p) => p,
        Err(e) => {
            return Outcome::unreadable(e);
        }
    };
    let Some(previous_bytes) = previous_bytes else {
        return first_build(job, bytes, &holidays, notes, &opts, &target, deferred);
    };
    let target_name = target.display().to_string();
    let previous = pipeline::calendar::Previous {
        name: &target_name,
        bytes: &previous_bytes,
        keep_cancelled: batch.regen.keep_cancelled,
        force: batch.regen.force,
    };
    match pipeline::calendar::calendar_with_previous(
        &job.display,
        &bytes,
        &holidays,
        notes,
        &opts,
        Some(&previous),
    ) {
        Ok(cal) => {
            let written = if previous_bytes == cal.bytes {
                // Unchanged: leave the file and its mtime alone.
                Ok(())
            } else {
                target
                    .parent()
                    .map(std::fs::create_dir_all)
                    .transpose()
                    .map_err(|source| IoError {
                        path: target.clone(),
                        action: "create the folder for",
                        source,
                    })
                    .and_then(|_| io::write_atomic_deferred(&target, &cal.bytes, deferred))
            };
            Outcome::built(cal.events, cal.warnings, bytes, written)
        }
        Err(f) => Outcome::invalid(f, bytes),
    }
}

/// An input with no previous output: its calendar goes to the file as it
/// is made (see `build`'s `first_build`).
fn first_build(
    job: &Job,
    bytes: Vec<u8>,
    holidays: &FileHolidays,
    notes: &Notes,
    opts: &Options,
    target: &Path,
    deferred: &io::Deferred,
) -> Outcome {
    let mut file = io::Streaming::new(target, true);
    let streamed = pipeline::calendar::calendar_streamed(
        &job.display,
        &bytes,
        holidays,
        notes,
        opts,
        &mut |piece| file.put(piece),
    );
    match streamed {
        Ok(s) => {
            let written = file.finish_deferred(deferred);
            Outcome::built(s.events, s.warnings, bytes, written)
        }
        Err(f) => Outcome::invalid(f, bytes),
    }
}

/// Streams every written calendar's events into one file.
fn combine(ctx: &Context, path: &Path, out_dir: &Path, jobs: &[&Job]) -> Result<(), IoError> {
    // Pass 1: one VTIMEZONE per TZID; note which inputs disagree.
    let mut zones: BTreeMap<String, String> = BTreeMap::new();
    let mut to_utc: Vec<Vec<String>> = Vec::with_capacity(jobs.len());
    for job in jobs {
        let text = read_text(&out_path(out_dir, &job.rel))?;
        let mut mine = Vec::new();
        for block in blocks(&text, "VTIMEZONE") {
            let tzid = block
                .lines()
                .find_map(|l| l.strip_prefix("TZID:"))
                .unwrap_or("")
                .trim_end_matches('\r')
                .to_string();
            match zones.get(&tzid) {
                None => {
                    zones.insert(tzid, block.to_string());
                }
                Some(existing) if existing == block => {}
                Some(_) => mine.push(tzid),
            }
        }
        if !mine.is_empty() && !ctx.global.quiet {
            eprintln!(
                "warning: {}: times in {} are written in UTC in the combined calendar (its zone rules differ from another input's range)",
                job.display,
                mine.join(", ")
            );
        }
        to_utc.push(mine);
    }
    // Pass 2: header, zones, then each input's events in order.
    let mut out = AtomicFile::create(path)?;
    let header = concat!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followup//followup ",
        env!("CARGO_PKG_VERSION"),
        "//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
        "NAME:Interview follow-ups (combined)\r\nX-WR-CALNAME:Interview follow-ups (combined)\r\n",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n"
    );
    out.write(header.as_bytes())?;
    for block in zones.values() {
        out.write(block.as_bytes())?;
    }
    for (job, utc) in jobs.iter().zip(&to_utc) {
        let text = read_text(&out_path(out_dir, &job.rel))?;
        for event in blocks(&text, "VEVENT") {
            if utc.is_empty() {
                out.write(event.as_bytes())?;
            } else {
                out.write(with_utc_times(event, utc).as_bytes())?;
            }
        }
    }
    out.write(b"END:VCALENDAR\r\n")?;
    out.commit()
}

fn read_text(path: &Path) -> Result<String, IoError> {
    let bytes = io::read(path)?;
    String::from_utf8(bytes).map_err(|_| IoError {
        path: path.to_path_buf(),
        action: "read back",
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"),
    })
}

/// Every `BEGIN:NAME` … `END:NAME\r\n` block of our own output, in order.
fn blocks<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
    let begin = format!("BEGIN:{name}\r\n");
    let end = format!("END:{name}\r\n");
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(b) = rest.find(&begin) {
        let Some(e) = rest[b..].find(&end) else { break };
        let stop = b + e + end.len();
        out.push(&text[offset + b..offset + stop]);
        offset += stop;
        rest = &text[offset..];
    }
    out
}

/// Rewrites `DTSTART;TZID=Z:…`/`DTEND;TZID=Z:…` lines for the zones in
/// `zones` as UTC. Our writer never folds these lines (an IANA name is at
/// most 32 octets) and writes only unambiguous local times, so the
/// conversion is exact.
fn with_utc_times(event: &str, zones: &[String]) -> String {
    let mut out = String::with_capacity(event.len());
    for line in event.split_inclusive("\r\n") {
        let converted = ["DTSTART;TZID=", "DTEND;TZID="].iter().find_map(|prefix| {
            let rest = line.strip_prefix(prefix)?;
            let (tzid, value) = rest.trim_end_matches("\r\n").split_once(':')?;
            if !zones.iter().any(|z| z == tzid) {
                return None;
            }
            let dt: jiff::civil::DateTime = jiff::fmt::strtime::parse("%Y%m%dT%H%M%S", value)
                .ok()?
                .to_datetime()
                .ok()?;
            let zone = crate::zone::lookup(tzid)?;
            let t = zone.resolve(dt)?.timestamp();
            let name = prefix.split(';').next().unwrap_or("DTSTART");
            Some(format!("{name}:{}\r\n", t.strftime("%Y%m%dT%H%M%SZ")))
        });
        match converted {
            Some(c) => out.push_str(&c),
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_mirror_relative_paths() {
        case("a.yaml", "a");
        case("./team/bob.yml", "team/bob");
        case("../elsewhere/carol.yaml", "carol");
        case("/abs/dave.yaml", "dave");
    }

    #[track_caller]
    fn case(input: &str, want: &str) {
        assert_eq!(mirror(Path::new(input)), PathBuf::from(want), "{input}");
    }

    #[test]
    fn blocks_and_utc_rewrite() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=America/New_York:20261118T090000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let evs = blocks(text, "VEVENT");
        assert_eq!(evs.len(), 2);
        assert!(evs[1].starts_with("BEGIN:VEVENT\r\nUID:b"));
        let utc = with_utc_times(evs[0], &["America/New_York".to_string()]);
        assert!(utc.contains("DTSTART:20261118T140000Z\r\n"), "{utc}");
        let kept = with_utc_times(evs[0], &["Europe/Berlin".to_string()]);
        assert_eq!(kept, evs[0]);
    }
}
