//! What the end-to-end test files share: the real executable run from the
//! repository root with a clean environment, and golden files.
//!
//! Each file under tests/ is its own crate and uses only some of this.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fluent runner for the real executable.
pub struct Run {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

pub fn followup(args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_followup"));
    cmd.current_dir(root())
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    Run { cmd, stdin: None }
}

impl Run {
    pub fn dir(mut self, dir: &Path) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn stdin(mut self, bytes: &[u8]) -> Self {
        self.stdin = Some(bytes.to_vec());
        self
    }

    pub fn output(mut self) -> Output {
        self.cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("spawn followup");
        if let Some(bytes) = self.stdin.take() {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(&bytes)
                .expect("write stdin");
        }
        child.wait_with_output().expect("wait")
    }

    #[track_caller]
    pub fn expect(self, code: i32, stdout: &str, stderr: &str) {
        let out = self.output();
        assert_eq!(String::from_utf8_lossy(&out.stderr), stderr, "stderr");
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "stdout");
        assert_eq!(out.status.code(), Some(code), "exit code");
    }
}

/// Compares `got` with the file at `path`, or rewrites it when
/// `UPDATE_EXPECT` is set.
#[track_caller]
pub fn golden(path: &Path, got: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_EXPECT=1)", path.display()));
    assert_eq!(got, want, "{} differs", path.display());
}
