//! Issue 13, run as an attacker and a careless user would (SPEC §11): the
//! real binary handed planted links, FIFOs, devices, its own input as its
//! output, private files, a killed run's leftovers, inputs over the limits,
//! control and bidi characters, impossible dates and foreign YAML tags.
//!
//! Every run has a time limit: a regression that makes followup wait on a
//! FIFO or a device fails the test instead of hanging it.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::io::{Read as _, Write as _};
use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-22T09:00:00Z";
const LATER: &str = "2026-11-23T09:00:00Z";

/// How long any one run may take before it counts as hung.
const LIMIT: Duration = Duration::from_secs(60);

fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/example.yaml"
    ))
    .unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .unwrap()
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("followup-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Out {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

impl Out {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs `cmd` to its end, feeding `stdin`; panics when it takes longer than
/// [`LIMIT`] (it is killed first).
fn finish(mut cmd: Command, stdin: Option<Vec<u8>>) -> Out {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .env_remove("SOURCE_DATE_EPOCH")
    .env("NO_COLOR", "1");
    let mut child = cmd.spawn().unwrap();
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        // The child may stop reading early (a limit): a broken pipe then.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_reader = std::thread::spawn(move || {
        let mut b = String::new();
        let _ = err.read_to_string(&mut b);
        b
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hung: still running after {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Out {
        code: status.code(),
        stdout: reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

/// `followup ARGS` in `dir`.
fn followup(dir: &Path, args: &[&str]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_followup"));
    cmd.current_dir(dir).args(args);
    finish(cmd, None)
}

/// `followup ARGS` in `dir`, with `stdin`.
fn followup_with(dir: &Path, args: &[&str], stdin: Vec<u8>) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_followup"));
    cmd.current_dir(dir).args(args);
    finish(cmd, Some(stdin))
}

/// `sh -c SCRIPT` in `dir`, with `$FOLLOWUP` naming the binary.
fn sh(dir: &Path, script: &str) -> Out {
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir)
        .args(["-c", script])
        .env("FOLLOWUP", env!("CARGO_BIN_EXE_followup"));
    finish(cmd, None)
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[track_caller]
fn assert_calendar(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap();
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n"),
        "{}",
        &text[..text.len().min(200)]
    );
    assert!(text.ends_with("END:VCALENDAR\r\n"));
}

// --- 1. Files ---------------------------------------------------------------

/// Issue 13 item 1: the temporary name was `.out.ics.<pid>.tmp`, opened
/// with `File::create`, which followed a link planted under that name.
#[test]
fn issue13_a_link_planted_at_the_old_temporary_name_is_not_written_through() {
    let dir = scratch("planted");
    std::fs::write(dir.join("victim.txt"), "precious\n").unwrap();
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    // `exec` keeps the shell's process id, so `$$` is followup's.
    let out = sh(
        &dir,
        &format!(
            "ln -s victim.txt .out.ics.$$.tmp && exec \"$FOLLOWUP\" build ex.yaml -o out.ics --now {NOW}"
        ),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let victim = std::fs::read_to_string(dir.join("victim.txt")).unwrap();
    assert!(
        victim == "precious\n",
        "the victim was overwritten: {:?}…",
        &victim[..victim.len().min(40)]
    );
    assert_calendar(&std::fs::read(dir.join("out.ics")).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 3: `-o` through a link replaced the link with a regular
/// file and left the target stale.
#[test]
fn issue13_output_through_a_link_writes_its_target_and_keeps_the_link() {
    let dir = scratch("link");
    std::fs::create_dir(dir.join("real")).unwrap();
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    // Dangling at first: the first build creates the file it names.
    std::os::unix::fs::symlink("real/cal.ics", dir.join("link.ics")).unwrap();
    let first = followup(&dir, &["build", "ex.yaml", "-o", "link.ics", "--now", NOW]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let edited = example().replace("decision_by: 2026-11-30", "decision_by: 2026-12-02");
    std::fs::write(dir.join("ex.yaml"), edited).unwrap();
    let second = followup(
        &dir,
        &["build", "ex.yaml", "-o", "link.ics", "--now", LATER],
    );
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(
        std::fs::symlink_metadata(dir.join("link.ics"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let cal = std::fs::read_to_string(dir.join("real/cal.ics")).unwrap();
    assert!(
        cal.contains("SEQUENCE:1\r\n"),
        "regenerated over the target"
    );
    assert_eq!(std::fs::read(dir.join("link.ics")).unwrap(), cal.as_bytes());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 6: a FIFO as input hung the run.
#[test]
fn issue13_a_fifo_input_is_refused_at_once() {
    let dir = scratch("fifo-in");
    mkfifo(&dir.join("in.yaml"));
    for cmd in ["build", "check", "plan"] {
        let out = followup(&dir, &[cmd, "in.yaml"]);
        assert_eq!(out.code, Some(3), "{cmd}: {}", out.stderr);
        assert!(
            out.stderr.contains("cannot read in.yaml: it is a FIFO"),
            "{cmd}: {}",
            out.stderr
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 6: a FIFO as output was read as the previous calendar
/// (and hung); `--force` does not make it replaceable.
#[test]
fn issue13_a_fifo_output_is_never_read_or_replaced() {
    let dir = scratch("fifo-out");
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    mkfifo(&dir.join("out.ics"));
    for force in [false, true] {
        let mut args = vec!["build", "ex.yaml", "-o", "out.ics"];
        if force {
            args.push("--force");
        }
        let out = followup(&dir, &args);
        assert_eq!(out.code, Some(3), "{}", out.stderr);
        assert!(
            out.stderr.contains("out.ics: it is a FIFO"),
            "{}",
            out.stderr
        );
        assert!(
            std::fs::symlink_metadata(dir.join("out.ics"))
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 6: a FIFO as a holiday file hung the run.
#[test]
fn issue13_a_fifo_holiday_file_is_refused() {
    let dir = scratch("fifo-holidays");
    std::fs::write(dir.join("c.yaml"), fixture("closures.yaml")).unwrap();
    mkfifo(&dir.join("office-closures.ics"));
    let out = followup(&dir, &["check", "c.yaml"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("cannot read holiday file \"./office-closures.ics\": it is a FIFO"),
        "{}",
        out.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 6: a FIFO named `*.yaml` in a batch folder hung the
/// batch; now it fails alone and the other inputs are built.
#[test]
fn issue13_a_fifo_in_a_batch_folder_fails_alone() {
    let dir = scratch("fifo-batch");
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/a.yaml"), example()).unwrap();
    mkfifo(&dir.join("in/b.yaml"));
    let out = followup(&dir, &["build", "in", "--out-dir", "out", "--now", NOW]);
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    assert!(
        out.stderr.contains("in/b.yaml: it is a FIFO"),
        "{}",
        out.stderr
    );
    assert_calendar(&std::fs::read(dir.join("out/a.ics")).unwrap());
    assert!(!dir.join("out/b.ics").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 items 4 and 6: `-o /dev/full` was read as the previous
/// calendar; `--force` replaced a device node. Devices are neither.
#[test]
fn issue13_devices_are_never_read_or_replaced() {
    let dir = scratch("devices");
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    for (out, force) in [
        ("/dev/full", false),
        ("/dev/full", true),
        ("/dev/null", true),
    ] {
        let mut args = vec!["build", "ex.yaml", "-o", out];
        if force {
            args.push("--force");
        }
        let run = followup(&dir, &args);
        assert_eq!(run.code, Some(3), "{out}: {}", run.stderr);
        assert!(
            run.stderr.contains("it is a device, not a regular file"),
            "{}",
            run.stderr
        );
    }
    if is_root() {
        // A device node in an ordinary folder: still a device.
        let node = dir.join("node.ics");
        assert!(
            Command::new("mknod")
                .arg(&node)
                .args(["c", "1", "3"])
                .status()
                .unwrap()
                .success()
        );
        let run = followup(&dir, &["build", "ex.yaml", "-o", "node.ics", "--force"]);
        assert_eq!(run.code, Some(3), "{}", run.stderr);
        assert!(
            std::fs::symlink_metadata(&node)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    } else {
        eprintln!("not root: the device node case is left out");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 6: `-o /dev/stdout | wc` hung (the pipe was read as the
/// previous calendar); it is standard output, streamed.
#[test]
fn issue13_output_to_dev_stdout_is_standard_output() {
    let dir = scratch("dev-stdout");
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    let to_stdout = followup(&dir, &["build", "ex.yaml", "--now", NOW]);
    for name in ["/dev/stdout", "/proc/self/fd/1"] {
        let out = followup(&dir, &["build", "ex.yaml", "-o", name, "--now", NOW]);
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        assert_eq!(out.stdout, to_stdout.stdout, "{name}");
    }
    assert_calendar(&to_stdout.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 4: `-o ex.yaml --force` replaced the input YAML itself;
/// also through a hard link, a symbolic link, and onto a holiday file.
#[test]
fn issue13_an_output_that_is_an_input_is_refused() {
    let dir = scratch("input-output");
    let yaml = fixture("closures.yaml");
    std::fs::write(dir.join("c.yaml"), &yaml).unwrap();
    std::fs::write(
        dir.join("office-closures.ics"),
        fixture("office-closures.ics"),
    )
    .unwrap();
    std::fs::hard_link(dir.join("c.yaml"), dir.join("hard.ics")).unwrap();
    std::os::unix::fs::symlink("c.yaml", dir.join("soft.ics")).unwrap();
    for out in [
        "c.yaml",
        "./c.yaml",
        "hard.ics",
        "soft.ics",
        "office-closures.ics",
    ] {
        let run = followup(
            &dir,
            &["build", "c.yaml", "-o", out, "--force", "--now", NOW],
        );
        assert_eq!(run.code, Some(2), "{out}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("followup never writes over what it reads"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(dir.join("c.yaml")).unwrap(), yaml);
    assert_eq!(
        std::fs::read_to_string(dir.join("office-closures.ics")).unwrap(),
        fixture("office-closures.ics")
    );
    // A batch whose output would be an input (a YAML named `.ics`).
    std::fs::write(dir.join("cal.ics"), example()).unwrap();
    let run = followup(
        &dir,
        &[
            "build",
            "cal.ics",
            "--out-dir",
            ".",
            "--force",
            "--now",
            NOW,
        ],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("would be written over the input cal.ics"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("cal.ics")).unwrap(),
        example()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 2: `--combined` onto one of the batch's own outputs,
/// run twice, gave duplicate UIDs and live events served as cancelled.
#[test]
fn issue13_combined_may_not_be_a_batch_output_or_input() {
    let dir = scratch("combined");
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/all.yaml"), example()).unwrap();
    std::fs::write(dir.join("in/beth.yaml"), example()).unwrap();
    for combined in ["out/all.ics", "out/../out/all.ics", "in/beth.yaml"] {
        for _ in 0..2 {
            let run = followup(
                &dir,
                &[
                    "build",
                    "in",
                    "--out-dir",
                    "out",
                    "--combined",
                    combined,
                    "--now",
                    NOW,
                ],
            );
            assert_eq!(run.code, Some(2), "{combined}: {}", run.stderr);
            assert!(
                run.stderr.contains(&format!("--combined {combined}")),
                "{}",
                run.stderr
            );
        }
    }
    assert!(!dir.join("out/all.ics").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("in/beth.yaml")).unwrap(),
        example()
    );
    // Through a link into the output folder, and as a hard link to an
    // output that exists.
    let ok = followup(&dir, &["build", "in", "--out-dir", "out", "--now", NOW]);
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    std::os::unix::fs::symlink("out/beth.ics", dir.join("via-link.ics")).unwrap();
    std::fs::hard_link(dir.join("out/beth.ics"), dir.join("hard.ics")).unwrap();
    for combined in ["via-link.ics", "hard.ics"] {
        let run = followup(
            &dir,
            &[
                "build",
                "in",
                "--out-dir",
                "out",
                "--combined",
                combined,
                "--now",
                NOW,
            ],
        );
        assert_eq!(run.code, Some(2), "{combined}: {}", run.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 11: `-o adir` said "cannot read adir".
#[test]
fn issue13_an_output_folder_is_named_as_one() {
    let dir = scratch("out-folder");
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    std::fs::create_dir(dir.join("adir")).unwrap();
    let run = followup(&dir, &["build", "ex.yaml", "-o", "adir", "--force"]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("adir: it is a folder, not a regular file"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 9: a rebuild turned a 0600 calendar into 0644 (and, as
/// root, changed its owner); a new file follows the umask.
#[test]
fn issue13_a_private_calendar_stays_private() {
    let dir = scratch("private");
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    let first = sh(
        &dir,
        &format!("umask 077 && exec \"$FOLLOWUP\" build ex.yaml -o new.ics --now {NOW}"),
    );
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(
        mode(&dir.join("new.ics")),
        0o600,
        "a new file under umask 077"
    );
    let first = sh(
        &dir,
        &format!("umask 022 && exec \"$FOLLOWUP\" build ex.yaml -o out.ics --now {NOW}"),
    );
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(
        mode(&dir.join("out.ics")),
        0o644,
        "a new file under umask 022"
    );
    std::fs::set_permissions(dir.join("out.ics"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let root = is_root();
    if root {
        std::os::unix::fs::chown(dir.join("out.ics"), Some(4242), Some(4343)).unwrap();
    }
    let edited = example().replace("decision_by: 2026-11-30", "decision_by: 2026-12-02");
    std::fs::write(dir.join("ex.yaml"), edited).unwrap();
    let again = sh(
        &dir,
        &format!("umask 022 && exec \"$FOLLOWUP\" build ex.yaml -o out.ics --now {LATER}"),
    );
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    let meta = std::fs::metadata(dir.join("out.ics")).unwrap();
    assert!(
        std::fs::read_to_string(dir.join("out.ics"))
            .unwrap()
            .contains("SEQUENCE:1\r\n")
    );
    assert_eq!(meta.permissions().mode() & 0o7777, 0o600, "stays private");
    if root {
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343), "keeps its owner");
    } else {
        eprintln!("not root: the owner case is left out");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 12: the temporary files a killed run left (up to the
/// output's size each) stayed forever. The next run in the folder removes
/// those of dead processes, and never one of a run still going.
#[test]
fn issue13_temporaries_of_dead_runs_are_removed_by_the_next_run() {
    let dir = scratch("orphans");
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    let mut gone = Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let dead = gone.id();
    let orphan = format!(".out.ics.followup-{dead}-0123456789abcdef.tmp");
    let other_orphan = format!(".elsewhere.ics.followup-{dead}-fedcba9876543210.tmp");
    let live = format!(
        ".out.ics.followup-{}-0123456789abcdef.tmp",
        std::process::id()
    );
    let not_ours = ".out.ics.12345.tmp".to_string();
    for name in [&orphan, &other_orphan, &live, &not_ours] {
        std::fs::write(dir.join(name), "half a calendar").unwrap();
    }
    let run = followup(&dir, &["build", "ex.yaml", "-o", "out.ics", "--now", NOW]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        !dir.join(&orphan).exists(),
        "the dead run's temporary file is removed"
    );
    assert!(!dir.join(&other_orphan).exists());
    assert!(dir.join(&live).exists(), "a live process's is kept");
    assert!(
        dir.join(&not_ours).exists(),
        "a file that is not ours is kept"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

// --- 2. Sizes ---------------------------------------------------------------

/// Issue 13 item 8: `check` of a 200 MB file took 28 s and 6.8 GB; an
/// input over 64 MiB is refused before it is read, naming the limit.
#[test]
fn issue13_an_input_over_64_mib_is_refused_at_once() {
    let dir = scratch("big");
    let big = std::fs::File::create(dir.join("big.yaml")).unwrap();
    big.set_len((64 << 20) + 1).unwrap();
    drop(big);
    for args in [
        &["check", "big.yaml"][..],
        &["build", "big.yaml", "-o", "big.ics"],
    ] {
        let run = followup(&dir, args);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("over followup's limit of 64 MiB per input file"),
            "{}",
            run.stderr
        );
    }
    assert!(!dir.join("big.ics").exists());
    // From a pipe: read up to the limit, then refused.
    let mut piped = example().into_bytes();
    piped.resize((64 << 20) + 10, b'#');
    let run = followup_with(&dir, &["check", "-"], piped);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot read <stdin>: it is 65 MiB, over followup's limit"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A YAML input with `company` and `timezone` of the given values.
fn with_values(company: &str, timezone: &str) -> String {
    format!(
        "interviews:\n  - id: a\n    company: \"{company}\"\n    role: R\n    start: 2026-11-17T14:00\n    timezone: \"{timezone}\"\n"
    )
}

/// Issue 13 item 8: a 50 MB `company` gave 262 MB of warnings and a 1 MB
/// `timezone` 66 s of "did you mean"; each is one error naming the limit.
#[test]
fn issue13_long_text_fields_are_one_error_naming_the_limit() {
    let dir = scratch("long-text");
    let cases = [
        (
            with_values(&"x".repeat(501), "UTC"),
            "followup takes at most 500 characters in a field",
        ),
        (
            with_values(&"x".repeat(5_000_000), "UTC"),
            "is 5000000 characters long",
        ),
        (
            with_values("Acme", &"America/New_York".repeat(5)),
            "at most 64 characters in a zone name",
        ),
        (
            with_values("Acme", &"y".repeat(1_000_000)),
            "is 1000000 characters long; followup takes at most 64 characters in a zone name",
        ),
    ];
    for (yaml, want) in cases {
        std::fs::write(dir.join("in.yaml"), &yaml).unwrap();
        let run = followup(&dir, &["build", "in.yaml", "-o", "out.ics"]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(
            run.stderr.contains(want),
            "{want}: {}",
            &run.stderr[..run.stderr.len().min(2000)]
        );
        assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
        assert!(!run.stderr.contains("warning"), "no warnings");
        assert!(!run.stderr.contains("did you mean"), "no suggestion");
        assert!(
            run.stderr.len() < 4_000,
            "{} bytes of messages",
            run.stderr.len()
        );
    }
    assert!(!dir.join("out.ics").exists());
    // 500 characters are fine.
    std::fs::write(dir.join("in.yaml"), with_values(&"é".repeat(500), "UTC")).unwrap();
    let run = followup(&dir, &["check", "in.yaml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

// --- 3. Text ----------------------------------------------------------------

/// Issue 13 item 10: `plan` printed ESC, BEL, CR and DEL from names raw;
/// diagnostics showed them too.
#[test]
fn issue13_control_characters_never_reach_the_terminal_raw() {
    let dir = scratch("controls");
    let yaml = "interviews:\n  - id: a\n    company: \"Acme\\e]0;pwned\\a\\r\\x7f\\x9b2J\"\n    role: R\n    start: 2026-11-17T14:00\n    timezone: UTC\n    interviewers: [\"Mark\\e[31m\"]\n";
    std::fs::write(dir.join("in.yaml"), yaml).unwrap();
    let raw = |s: &str| {
        s.chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
    };
    let plan = followup(&dir, &["plan", "in.yaml"]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    assert!(!raw(&plan.text()), "{:?}", plan.text());
    assert!(plan.text().contains("Mark\\u{1b}[31m"), "{}", plan.text());
    let bad = yaml.replace("timezone: UTC", "timezone: \"Mars\\e[2J\\u202e\"");
    std::fs::write(dir.join("bad.yaml"), bad).unwrap();
    let check = followup(&dir, &["check", "bad.yaml"]);
    assert_eq!(check.code, Some(1));
    assert!(!raw(&check.stderr), "{:?}", check.stderr);
    assert!(check.stderr.contains("\\u{1b}[2J"), "{}", check.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 10: a U+202E in `company` reversed the rest of the
/// SUMMARY in every client.
#[test]
fn issue13_a_right_to_left_override_does_not_reverse_the_summary() {
    let dir = scratch("bidi");
    let yaml = example().replace("company: Acme Corp", "company: \"Acme \\u202eCorp\"");
    assert_ne!(yaml, example());
    std::fs::write(dir.join("in.yaml"), yaml).unwrap();
    let run = followup(&dir, &["build", "in.yaml", "--now", NOW]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = run.text().replace("\r\n ", "");
    let summaries: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("SUMMARY:") && l.contains('\u{202e}'))
        .collect();
    assert!(!summaries.is_empty());
    for line in text.lines() {
        let opened = line.matches('\u{202e}').count();
        let closed = line.matches('\u{202c}').count();
        assert_eq!(opened, closed, "unbalanced: {line:?}");
    }
    for s in summaries {
        assert!(
            s.contains("Acme \u{202e}Corp\u{202c}"),
            "closed right after the company: {s:?}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// --- 4. Dates, tags, previous files -------------------------------------------

/// Issue 13 item 11: `status_date: 0000-01-01` was accepted (a feedback
/// event in year 0); `9999-12-31T23:00` was refused with a message
/// contradicting that; each year outside 1970-2200 is one clear error.
#[test]
fn issue13_years_outside_1970_to_2200_are_errors() {
    let dir = scratch("years");
    let base = "interviews:\n  - id: a\n    company: A\n    role: R\n    timezone: UTC\n";
    for (extra, field) in [
        (
            "    start: 2026-11-17T14:00\n    status: rejected\n    status_date: 0000-01-01\n",
            "interviews[0].status_date",
        ),
        ("    start: 9999-12-31T23:00\n", "interviews[0].start"),
        ("    start: 1969-12-31T10:00\n", "interviews[0].start"),
        (
            "    start: 2026-11-17T14:00\n    decision_by: 2201-01-01\n",
            "interviews[0].decision_by",
        ),
        (
            "    start: 2026-11-17T14:00\n    holidays: [0001-01-01]\n",
            "interviews[0].holidays[0]",
        ),
    ] {
        std::fs::write(dir.join("in.yaml"), format!("{base}{extra}")).unwrap();
        let run = followup(&dir, &["check", "in.yaml"]);
        assert_eq!(run.code, Some(1), "{extra}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("outside the years 1970-2200 followup handles"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("= field: {field}")),
            "{}",
            run.stderr
        );
    }
    std::fs::write(
        dir.join("ok.yaml"),
        format!("{base}    start: 2026-11-17T14:00\n"),
    )
    .unwrap();
    for args in [
        &["plan", "ok.yaml", "--from", "0000-01-01"][..],
        &["build", "ok.yaml", "--now", "2300-01-01T00:00:00Z"],
        &["holidays", "US", "--year", "9999"],
    ] {
        let run = followup(&dir, args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("1970-2200"), "{}", run.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 11: a status date years before the interview is a
/// mistake; a week before is a real withdrawal (the interview cancelled).
#[test]
fn issue13_a_status_date_more_than_a_year_before_the_interview_is_an_error() {
    let dir = scratch("status-date");
    let yaml = |d: &str| {
        format!(
            "interviews:\n  - id: a\n    company: A\n    role: R\n    timezone: UTC\n    start: 2026-11-17T14:00\n    status: withdrawn\n    status_date: {d}\n"
        )
    };
    std::fs::write(dir.join("in.yaml"), yaml("2025-11-16")).unwrap();
    let run = followup(&dir, &["check", "in.yaml"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "status_date 2025-11-16 is more than a year before the interview (2026-11-17)"
        ),
        "{}",
        run.stderr
    );
    std::fs::write(dir.join("in.yaml"), yaml("2026-11-10")).unwrap();
    let run = followup(&dir, &["plan", "in.yaml", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let plan = run.text();
    assert!(
        plan.contains("\"step\": \"interview\"") || plan.contains("\"step\":\"interview\""),
        "{plan}"
    );
    assert!(
        !plan.contains("\"planned\""),
        "everything cancelled: {plan}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 11: `23:59:60` became 23:59:59 in `start` but was
/// refused in `send_at`; it is the same clear error everywhere.
#[test]
fn issue13_a_leap_second_is_refused_the_same_way_everywhere() {
    let dir = scratch("leap");
    let base = "interviews:\n  - id: a\n    company: A\n    role: R\n    timezone: UTC\n";
    for (extra, field) in [
        ("    start: 2026-12-31T23:59:60\n", "start"),
        (
            "    start: 2026-12-31T22:00\n    end: 2026-12-31T23:59:60\n",
            "end",
        ),
        (
            "    start: 2026-12-31T22:00\n    send_at: \"23:59:60\"\n",
            "send_at",
        ),
    ] {
        std::fs::write(dir.join("in.yaml"), format!("{base}{extra}")).unwrap();
        let run = followup(&dir, &["check", "in.yaml"]);
        assert_eq!(run.code, Some(1), "{extra}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("is a leap second (:60), which no calendar can hold"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains(&format!("= field: interviews[0].{field}")),
            "{}",
            run.stderr
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 11: `!!binary` and custom tags were silently ignored.
#[test]
fn issue13_yaml_tags_outside_the_core_schema_are_errors() {
    let dir = scratch("tags");
    for (value, want) in [
        (
            "!!binary QWNtZQ==",
            "the tag !!binary is not one of YAML's core schema",
        ),
        (
            "!custom Acme",
            "the tag !custom is not one of YAML's core schema",
        ),
        (
            "!!int Acme",
            "\"Acme\" is tagged !!int but is not a whole number",
        ),
    ] {
        let yaml = example().replace("company: Acme Corp", &format!("company: {value}"));
        std::fs::write(dir.join("in.yaml"), yaml).unwrap();
        let run = followup(&dir, &["check", "in.yaml"]);
        assert_eq!(run.code, Some(1), "{value}: {}", run.stderr);
        assert!(run.stderr.contains(want), "{}", run.stderr);
    }
    let yaml = example().replace("company: Acme Corp", "company: !!str Acme Corp");
    std::fs::write(dir.join("in.yaml"), yaml).unwrap();
    assert_eq!(followup(&dir, &["check", "in.yaml"]).code, Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Builds `ex.yaml` (the example) into `out.ics` in a new folder, and
/// returns the folder.
fn built(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("ex.yaml"), example()).unwrap();
    let run = followup(&dir, &["build", "ex.yaml", "-o", "out.ics", "--now", NOW]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    dir
}

/// Issue 13 item 11: a previous SEQUENCE of 2147483647 was bumped past
/// RFC 5545's integers; it stays at the limit, with a warning.
#[test]
fn issue13_sequence_stays_within_rfc_5545_integers() {
    let dir = built("sequence");
    let cal = std::fs::read_to_string(dir.join("out.ics")).unwrap();
    assert_eq!(
        cal.matches("SEQUENCE:0\r\n").count(),
        cal.matches("BEGIN:VEVENT").count()
    );
    std::fs::write(
        dir.join("out.ics"),
        cal.replace("SEQUENCE:0\r\n", "SEQUENCE:2147483647\r\n"),
    )
    .unwrap();
    let edited = example().replace("Q3 pipeline review", "Q4 forecast");
    std::fs::write(dir.join("ex.yaml"), edited).unwrap();
    let run = followup(&dir, &["build", "ex.yaml", "-o", "out.ics", "--now", LATER]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("already had SEQUENCE 2147483647, RFC 5545's largest integer"),
        "{}",
        run.stderr
    );
    let after = std::fs::read_to_string(dir.join("out.ics")).unwrap();
    assert!(!after.contains("SEQUENCE:2147483648"));
    assert!(
        after.contains("LAST-MODIFIED:20261123T090000Z"),
        "the change is still stamped"
    );
    // Beyond the integers: not a file followup wrote.
    std::fs::write(
        dir.join("out.ics"),
        after.replace("SEQUENCE:2147483647", "SEQUENCE:4294967295"),
    )
    .unwrap();
    let run = followup(&dir, &["build", "ex.yaml", "-o", "out.ics", "--now", LATER]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("has SEQUENCE 4294967295, beyond RFC 5545's integers"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 11: a bad DTSTAMP in a previous file was reported as
/// "has no SEQUENCE"; years outside 1970-2200 there are refused too.
#[test]
fn issue13_a_bad_dtstamp_in_a_previous_file_is_named() {
    let dir = built("dtstamp");
    let cal = std::fs::read_to_string(dir.join("out.ics")).unwrap();
    for (bad, want) in [
        // A DTSTAMP run into the next line: main said "has no SEQUENCE".
        (
            "DTSTAMP:20261122T090000ZSEQUENCE:0",
            "has DTSTAMP \"20261122T090000ZSEQUENCE:0\", not a UTC date-time",
        ),
        (
            "DTSTAMP:2026-11-22",
            "has DTSTAMP \"2026-11-22\", not a UTC date-time",
        ),
        (
            "DTSTAMP:20261122T090000",
            "has DTSTAMP \"20261122T090000\", not a UTC date-time",
        ),
        (
            "DTSTAMP:00011122T090000Z",
            "has DTSTAMP in the year 1, outside the years 1970-2200",
        ),
    ] {
        let broken = if bad.ends_with("SEQUENCE:0") {
            cal.replacen("DTSTAMP:20261122T090000Z\r\nSEQUENCE:0", bad, 1)
        } else {
            cal.replacen("DTSTAMP:20261122T090000Z", bad, 1)
        };
        assert_ne!(broken, cal);
        std::fs::write(dir.join("out.ics"), broken).unwrap();
        let run = followup(&dir, &["build", "ex.yaml", "-o", "out.ics", "--now", LATER]);
        assert_eq!(run.code, Some(1), "{bad}: {}", run.stderr);
        assert!(run.stderr.contains(want), "{bad}: {}", run.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 item 11: a previous file whose lines end in bare LF (an editor,
/// a checkout) gave the raw parser's output; it is read like the original.
#[test]
fn issue13_a_previous_file_with_lf_line_endings_is_read() {
    let dir = built("lf");
    let cal = std::fs::read_to_string(dir.join("out.ics")).unwrap();
    std::fs::write(dir.join("out.ics"), cal.replace("\r\n", "\n")).unwrap();
    let run = followup(
        &dir,
        &["build", "ex.yaml", "-o", "out.ics", "--now", LATER, "-v"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(" 0 changed"),
        "nothing changed: {}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("out.ics")).unwrap(),
        cal,
        "written back with CRLF"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
