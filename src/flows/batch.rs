//! `followup build IN... --out-dir DIR [--combined FILE]`: many inputs, one
//! calendar each, on every core.
//!
//! Each input is independent: read, plan, draft, write its own `.ics` to a
//! temporary file, keep only a small summary. So memory follows the largest
//! single input, not the batch, and the bytes of every output are the same
//! on one thread or many. When all are done, the files are made durable
//! with one filesystem sync and renamed into place ([`io::Deferred`]): one
//! sync per file cost a third of a 2,000-file batch. A bad file is one
//! failed [`Outcome`], its diagnostics naming it, and the rest go on;
//! [`Report::exit`] says whether anything failed.
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

use super::build::Settings;
use super::failure::Failure;
use super::output::{Target, into_file};
use crate::error::{Diagnostic, Exit, terminal};
use crate::ics::split::{Kind, Part, Splitter};
use crate::io::holidays::FileHolidays;
use crate::io::{self, AtomicFile, IoError};
use crate::notes::Notes;
use crate::pipeline::calendar::prepare;
use crate::pipeline::load::Failed;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// A batch: its inputs and where their calendars go.
pub struct Batch<'a> {
    /// Files, folders (searched for `*.yaml` and `*.yml`) or `-`: a list of
    /// paths, one a line, read through `list`.
    pub inputs: &'a [String],
    pub out_dir: &'a Path,
    pub combined: Option<&'a Path>,
    /// Worker threads; `None`: one per core.
    pub jobs: Option<usize>,
    /// Each output is regenerated over its previous version (SPEC §5), so a
    /// nightly batch keeps SEQUENCE and DTSTAMP continuity for subscribers.
    pub settings: Settings,
}

/// What the caller hears while a batch runs (to draw a progress bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// The work starts: this many files.
    Started(usize),
    /// One more file is done (from any worker thread).
    Done,
    /// Every file is done.
    Finished,
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

/// What one input left behind.
#[derive(Debug)]
pub struct Outcome {
    pub events: usize,
    /// Its diagnostics (errors when it failed, else warnings), each naming
    /// the file.
    pub diagnostics: Vec<Diagnostic>,
    /// The input text, kept only when a diagnostic can show a snippet.
    pub source: Option<Vec<u8>>,
    pub failed: bool,
    pub io_error: Option<IoError>,
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
    fn invalid(f: Failed, bytes: Vec<u8>) -> Self {
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

/// What `--combined` did.
#[derive(Debug)]
pub struct Combined {
    /// One line per input whose times in some zones are written in UTC in
    /// the combined calendar (its zone rules differ from another input's).
    pub warnings: Vec<String>,
    pub written: Result<(), IoError>,
}

/// What a batch did, in the order a report shows it.
#[derive(Debug)]
pub struct Report {
    /// Problems met while turning the inputs into files to build: a folder
    /// that cannot be listed, two inputs that would write one output.
    pub listing: Vec<Failure>,
    /// Written outputs that could not be put in place and match no input.
    pub stray: Vec<IoError>,
    /// One per input, in input order.
    pub outcomes: Vec<Outcome>,
    /// `--combined`, when asked for.
    pub combined: Option<Combined>,
}

/// A batch that could not start: the problems met while listing the
/// inputs, then what stopped it.
#[derive(Debug)]
pub struct Aborted {
    pub listing: Vec<Failure>,
    pub failure: Failure,
}

impl Report {
    pub fn files(&self) -> usize {
        self.outcomes.len()
    }

    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.failed).count()
    }

    pub fn events(&self) -> usize {
        self.outcomes.iter().map(|o| o.events).sum()
    }

    /// The exit code (SPEC §2): 3 when a file could not be read or written,
    /// else 2 when an output would replace an input, else 1 when an input
    /// failed (over the size limit included) or two would write one
    /// output, else 0.
    pub fn exit(&self) -> Exit {
        let rank = |e: Exit| match e {
            Exit::Ok => 0,
            Exit::Invalid => 1,
            Exit::Usage => 2,
            Exit::Io => 3,
        };
        let mut all = Vec::new();
        all.extend(self.listing.iter().map(Failure::exit));
        if !self.stray.is_empty() {
            all.push(Exit::Io);
        }
        for o in &self.outcomes {
            match &o.io_error {
                Some(e) => all.push(e.exit()),
                None if o.failed => all.push(Exit::Invalid),
                None => {}
            }
        }
        if self.combined.as_ref().is_some_and(|c| c.written.is_err()) {
            all.push(Exit::Io);
        }
        all.into_iter().max_by_key(|e| rank(*e)).unwrap_or(Exit::Ok)
    }
}

/// Builds every input of `batch`, on `batch.jobs` threads. `list` reads
/// the list of paths that an input `-` stands for (standard input, read by
/// the caller); `progress` hears of each file done.
pub fn run(
    batch: &Batch<'_>,
    list: &mut dyn FnMut() -> Result<Vec<u8>, IoError>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Report, Aborted> {
    let (jobs, mut listing) = expand(batch.inputs, list)?;
    let jobs = outputs_not_inputs(jobs, batch.out_dir, &mut listing);
    if let Some(combined) = batch.combined
        && let Some(why) = combined_clash(combined, batch.out_dir, &jobs)
    {
        return Err(Aborted {
            listing,
            failure: Failure::Message(Exit::Usage, why),
        });
    }
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(batch.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            return Err(Aborted {
                listing,
                failure: Failure::Message(Exit::Io, format!("cannot start worker threads: {e}")),
            });
        }
    };
    let notes = Notes::new();
    let deferred = io::Deferred::default();
    progress(Progress::Started(jobs.len()));
    let mut outcomes: Vec<Outcome> = deferred.writing_back_during(|| {
        pool.install(|| {
            jobs.par_iter()
                .map(|job| {
                    let o = one(job, batch, &notes, &deferred);
                    progress(Progress::Done);
                    o
                })
                .collect()
        })
    });
    progress(Progress::Finished);
    // Put every written file in place, durably, before reporting; a file
    // that could not be is its job's failure.
    let mut stray = Vec::new();
    for e in deferred.finish() {
        let job = jobs
            .iter()
            .position(|j| out_path(batch.out_dir, &j.rel) == e.path);
        match job.and_then(|i| outcomes.get_mut(i)) {
            Some(o) => {
                o.failed = true;
                o.io_error = Some(e);
            }
            None => stray.push(e),
        }
    }
    let combined = batch.combined.map(|path| {
        let written: Vec<&Job> = jobs
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| !o.failed)
            .map(|(j, _)| j)
            .collect();
        combine(path, batch.out_dir, &written)
    });
    Ok(Report {
        listing,
        stray,
        outcomes,
        combined,
    })
}

/// Turns the inputs into jobs: files as given, folders walked for
/// `*.yaml`/`*.yml`, `-` read as a list of paths.
fn expand(
    inputs: &[String],
    list: &mut dyn FnMut() -> Result<Vec<u8>, IoError>,
) -> Result<(Vec<Job>, Vec<Failure>), Aborted> {
    let mut problems = Vec::new();
    let mut jobs = Vec::new();
    for input in inputs {
        if input == "-" {
            let list = match list() {
                Ok(l) => l,
                Err(e) => {
                    return Err(Aborted {
                        listing: problems,
                        failure: Failure::Io(e),
                    });
                }
            };
            let text = String::from_utf8_lossy(&list);
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                add_path(line, &mut jobs, &mut problems);
            }
        } else {
            add_path(input, &mut jobs, &mut problems);
        }
    }
    // Two inputs must not write the same output (a.yaml and a.yml, or two
    // folders with the same layout).
    let mut seen: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut unique = Vec::with_capacity(jobs.len());
    for job in jobs {
        if let Some(first) = seen.get(&job.rel) {
            problems.push(Failure::Message(
                Exit::Invalid,
                format!(
                    "{} and {} would both write {}.ics; rename one, or build them in separate batches",
                    first,
                    job.display,
                    job.rel.display()
                ),
            ));
            continue;
        }
        seen.insert(job.rel.clone(), job.display.clone());
        unique.push(job);
    }
    Ok((unique, problems))
}

fn add_path(input: &str, jobs: &mut Vec<Job>, problems: &mut Vec<Failure>) {
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
            Err(e) => problems.push(Failure::Io(e)),
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
    let mut opts = batch.settings.options();
    opts.uid_namespace = Some(job.rel.to_string_lossy().replace('\\', "/"));
    let holidays = FileHolidays::beside(&job.src.to_string_lossy());
    let target = out_path(batch.out_dir, &job.rel);
    let loaded = match prepare(&job.display, &bytes, &holidays) {
        Ok(l) => l,
        Err(f) => return Outcome::invalid(f, bytes),
    };
    // Each output is regenerated over its previous version (SPEC §5), as
    // `build -o` does; its folder is made where missing.
    let into = Target {
        path: &target,
        make_folder: true,
        later: Some(deferred),
    };
    match into_file(&job.display, &loaded, notes, &opts, into, &batch.settings) {
        Ok(r) => Outcome::built(r.events, r.warnings, bytes, r.written),
        Err(Failure::Invalid(diagnostics)) => Outcome::invalid(Failed { diagnostics }, bytes),
        Err(Failure::Io(e)) => Outcome::unreadable(e),
        Err(Failure::Message(_, why)) => Outcome::invalid(
            Failed {
                diagnostics: vec![Diagnostic::error("", None, why).in_file(&job.display)],
            },
            bytes,
        ),
    }
}

/// The jobs whose output is not one of the batch's inputs (SPEC §11: an
/// output never replaces what is read); each other one is a problem of
/// the listing, and is not built.
fn outputs_not_inputs(jobs: Vec<Job>, out_dir: &Path, problems: &mut Vec<Failure>) -> Vec<Job> {
    let inputs: BTreeMap<(u64, u64), &str> = jobs
        .iter()
        .filter_map(|j| Some((io::file_id(&j.src)?, j.display.as_str())))
        .collect();
    let clashes: Vec<Option<String>> = jobs
        .iter()
        .map(|j| {
            let target = out_path(out_dir, &j.rel);
            let input = inputs.get(&io::file_id(&target)?)?;
            Some(format!(
                "the calendar of {} would be written over the input {} ({}); followup never writes over what it reads\n  = help: build into another --out-dir",
                terminal::escape(&j.display),
                terminal::escape(input),
                terminal::escape(&target.display().to_string())
            ))
        })
        .collect();
    let mut kept = Vec::with_capacity(jobs.len());
    for (job, clash) in jobs.into_iter().zip(clashes) {
        match clash {
            Some(why) => problems.push(Failure::Message(Exit::Usage, why)),
            None => kept.push(job),
        }
    }
    kept
}

/// Why `--combined` cannot be `combined`: one of the batch's inputs, or
/// one of its outputs (by path, links followed, or by device and inode),
/// which it would replace or be replaced by (SPEC §11).
fn combined_clash(combined: &Path, out_dir: &Path, jobs: &[Job]) -> Option<String> {
    let shown = terminal::escape(&combined.display().to_string()).into_owned();
    let id = io::file_id(combined);
    let place = io::place(combined);
    for job in jobs {
        if id.is_some() && io::file_id(&job.src) == id {
            return Some(format!(
                "--combined {shown} is the input {}; followup never writes over what it reads\n  = help: name another file for the combined calendar",
                terminal::escape(&job.display)
            ));
        }
        let target = out_path(out_dir, &job.rel);
        if io::place(&target) == place || (id.is_some() && io::file_id(&target) == id) {
            return Some(format!(
                "--combined {shown} is also where the calendar of {} goes; the two would overwrite each other\n  = help: put the combined calendar outside --out-dir, or give it a name no input's calendar has, e.g. --combined all-candidates.ics",
                terminal::escape(&job.display)
            ));
        }
    }
    None
}

/// Streams every written calendar's events into one file.
fn combine(path: &Path, out_dir: &Path, jobs: &[&Job]) -> Combined {
    let mut warnings = Vec::new();
    let written = combine_into(path, out_dir, jobs, &mut warnings);
    Combined { warnings, written }
}

fn combine_into(
    path: &Path,
    out_dir: &Path,
    jobs: &[&Job],
    warnings: &mut Vec<String>,
) -> Result<(), IoError> {
    // Pass 1: one VTIMEZONE per TZID; note which inputs disagree.
    let mut zones: BTreeMap<String, String> = BTreeMap::new();
    let mut to_utc: Vec<Vec<String>> = Vec::with_capacity(jobs.len());
    for job in jobs {
        let mut mine = Vec::new();
        each_block(&out_path(out_dir, &job.rel), Kind::Timezone, &mut |block| {
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
            Ok(())
        })?;
        if !mine.is_empty() {
            warnings.push(format!(
                "{}: times in {} are written in UTC in the combined calendar (its zone rules differ from another input's range)",
                job.display,
                mine.join(", ")
            ));
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
        each_block(&out_path(out_dir, &job.rel), Kind::Event, &mut |event| {
            if utc.is_empty() {
                out.write(event.as_bytes())
            } else {
                out.write(with_utc_times(event, utc).as_bytes())
            }
        })?;
    }
    out.write(b"END:VCALENDAR\r\n")?;
    out.commit()
}

/// Hands every `kind` block of the calendar at `path` (one of ours, just
/// written) to `take`, in order, reading the file a piece at a time (a
/// batch's calendar is never held whole).
fn each_block(
    path: &Path,
    kind: Kind,
    take: &mut dyn FnMut(&str) -> Result<(), IoError>,
) -> Result<(), IoError> {
    let Some(file) = io::open_previous(path)? else {
        return Err(IoError::new(
            path,
            "read back",
            std::io::ErrorKind::NotFound.into(),
        ));
    };
    let mut splitter = Splitter::new();
    let mut failed: Option<IoError> = None;
    let mut found = |part: Part| -> Result<(), crate::ics::read::ReadError> {
        if let Part::Block(b) = part
            && b.kind == kind
            && failed.is_none()
            && let Err(e) = take(&b.text)
        {
            failed = Some(e);
        }
        Ok(())
    };
    let mut read = Ok(());
    file.read_pieces(&mut |piece| {
        if read.is_ok() {
            read = splitter.push(piece, &mut found);
        }
    })?;
    read.and_then(|()| splitter.finish(&mut found))
        .map_err(|e| {
            IoError::refused(
                path,
                "read back",
                std::io::ErrorKind::InvalidData,
                e.to_string(),
            )
        })?;
    match failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
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
