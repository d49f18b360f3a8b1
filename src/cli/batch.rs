//! `followup build IN... --out-dir DIR [--combined FILE]`: the batch mode
//! of `build` (`flows::batch`), with a progress bar on a terminal and the
//! summary line.

use super::context::Context;
use crate::error::{Exit, terminal};
use crate::flows::batch::{self, Batch, Progress};
use crate::flows::build::Settings;
use crate::io;
use std::io::IsTerminal as _;
use std::path::Path;

pub fn run(
    ctx: &Context,
    inputs: &[String],
    out_dir: &Path,
    combined: Option<&Path>,
    jobs: Option<usize>,
    settings: Settings,
) -> Exit {
    let started = io::Stopwatch::start();
    let batch = Batch {
        inputs,
        out_dir,
        combined,
        jobs,
        settings,
    };
    let show_bar = !ctx.global.quiet && std::io::stderr().is_terminal();
    let bar = std::sync::OnceLock::new();
    let progress = |p: Progress| match p {
        Progress::Started(files) if show_bar => {
            let _ = bar.set(progress_bar(files));
        }
        Progress::Done => {
            if let Some(b) = bar.get() {
                b.inc(1);
            }
        }
        Progress::Finished => {
            if let Some(b) = bar.get() {
                b.finish_and_clear();
            }
        }
        Progress::Started(_) => {}
    };
    let report = match batch::run(&batch, &mut io::read_stdin, &progress) {
        Ok(r) => r,
        Err(aborted) => {
            for f in &aborted.listing {
                ctx.fail(f, None);
            }
            return ctx.fail(&aborted.failure, None);
        }
    };
    for f in &report.listing {
        ctx.fail(f, None);
    }
    for e in &report.stray {
        ctx.io_error(e);
    }
    for o in &report.outcomes {
        ctx.report(&o.diagnostics, o.source.as_deref());
        if let Some(e) = &o.io_error {
            ctx.io_error(e);
        }
    }
    if let Some(c) = &report.combined {
        if !ctx.global.quiet {
            for w in &c.warnings {
                eprintln!("warning: {}", terminal::escape(w));
            }
        }
        if let Err(e) = &c.written {
            ctx.io_error(e);
        }
    }
    if !ctx.global.quiet {
        eprintln!(
            "batch: {} files, {} written, {} failed, {} events, {:.2} s",
            report.files(),
            report.files() - report.failed(),
            report.failed(),
            report.events(),
            started.elapsed().as_secs_f64()
        );
    }
    report.exit()
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}
