//! `followup draft` end to end (SPEC §9): the text printed and the `.eml`
//! files written, the files read back by Python's standard `email` package
//! (tests/drafts/read_eml.py), a parser independent of ours. The headers
//! must say what the plan says (Date = the step's start, Message-ID from
//! its UID, `X-Unsent: 1`), and each file's body must be the text `draft`
//! prints for the same step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn followup(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_followup"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The Python that reads the files: scripts/test.sh's venv when it is set,
/// else the system's python3 (the `email` package is in its standard
/// library).
fn python() -> String {
    std::env::var("FOLLOWUP_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

fn read_eml(files: &[PathBuf]) -> Vec<serde_json::Value> {
    let out = Command::new(python())
        .arg(root().join("tests/drafts/read_eml.py"))
        .args(files)
        .output()
        .expect("python3 runs (scripts/test.sh installs it)");
    assert!(
        out.status.success(),
        "python email refused a draft: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// `draft`'s text output, split into its drafts: the heading line
/// (`interview · step · when`) and what follows it.
fn text_blocks(text: &str) -> Vec<(String, String)> {
    text.split("== ")
        .filter(|b| !b.is_empty())
        .map(|b| {
            let (head, rest) = b.split_once('\n').unwrap();
            (head.to_owned(), rest.to_owned())
        })
        .collect()
}

fn plan(input: &str) -> Vec<serde_json::Value> {
    let (code, out, err) = followup(&["plan", input, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["steps"].as_array().unwrap().clone()
}

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("followup-drafts-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn emls(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Every `.eml` of `input` parses without a defect and says what the plan
/// and the text output say.
fn check_emls(input: &str, name: &str) -> (Vec<serde_json::Value>, String) {
    let dir = out_dir(name);
    let (code, _, err) = followup(&[
        "draft",
        input,
        "--format",
        "eml",
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let files = emls(&dir);
    assert!(!files.is_empty());
    let read = read_eml(&files);
    let steps = plan(input);
    let by_uid: BTreeMap<String, &serde_json::Value> = steps
        .iter()
        .map(|s| (s["uid"].as_str().unwrap().to_owned(), s))
        .collect();
    let (code, text, _) = followup(&["draft", input]);
    assert_eq!(code, 0);
    let blocks = text_blocks(&text);
    for m in &read {
        let file = m["file"].as_str().unwrap();
        assert_eq!(m["x_unsent"], "1", "{file}");
        assert_eq!(m["content_type"], "text/plain", "{file}");
        assert_eq!(m["charset"], "utf-8", "{file}");
        // Message-ID is the step's UID in angle brackets.
        let id = m["message_id"].as_str().unwrap();
        let uid = id
            .strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .unwrap();
        let step = by_uid
            .get(uid)
            .unwrap_or_else(|| panic!("{file}: {uid} is no step of the plan"));
        // Date is the step's start, in the employer's offset.
        assert_eq!(m["date"], step["start"], "{file}");
        // To: the recipient named by the plan, with the address the file gives.
        let recipient = step["recipient"].as_str().unwrap();
        // (No `To` when the file gives no address: SPEC §9.)
        let addresses = m["to_addresses"].as_array().unwrap().len();
        match m["to"].as_str() {
            Some(to) => {
                assert!(to.starts_with(recipient), "{file}: {to}");
                assert_eq!(addresses, 1, "{file}");
            }
            None => assert_eq!(addresses, 0, "{file}"),
        }
        // The file name: <interview>-<step>[-<recipient>].eml.
        let base = Path::new(file).file_name().unwrap().to_str().unwrap();
        let prefix = format!(
            "{}-{}",
            step["interview"].as_str().unwrap(),
            step["step"].as_str().unwrap()
        );
        assert!(
            base.starts_with(&prefix) && base.ends_with(".eml"),
            "{base}"
        );
        // The body and subject are the ones `draft` prints for that step.
        let subject = m["subject"].as_str().unwrap();
        let body = m["body"].as_str().unwrap().replace("\r\n", "\n");
        let printed = blocks
            .iter()
            .find(|(head, rest)| {
                head.starts_with(&format!(
                    "{} · {} · ",
                    step["interview"].as_str().unwrap(),
                    step["step"].as_str().unwrap()
                )) && rest.contains(&format!("To: {recipient}"))
                    && rest.contains(&format!("Subject: {subject}\n"))
            })
            .unwrap_or_else(|| panic!("{file}: no printed draft with subject {subject:?}"));
        let printed_body = printed.1.split_once("\n\n").unwrap().1;
        assert_eq!(body.trim_end(), printed_body.trim_end(), "{file}");
        assert!(
            !body.contains("  ") && !body.contains(".."),
            "{file}: {body}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    (read, text)
}

#[test]
fn example_drafts_are_rfc5322_messages_python_reads() {
    let (read, text) = check_emls("fixtures/example.yaml", "example");
    // One file per planned email draft: Acme's two thank-yous and its
    // nudges, Globex's thank-you (an email although Globex prefers the
    // phone), Initech's.
    assert_eq!(read.len(), 10, "{read:?}");
    // Bill Lumbergh has no email in the file: his drafts have no `To`.
    let without_to: Vec<&str> = read
        .iter()
        .filter(|m| m["to"].is_null())
        .map(|m| m["file"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        without_to,
        [
            "initech-sdr-check-in-bill-lumbergh.eml",
            "initech-sdr-feedback-bill-lumbergh.eml",
            "initech-sdr-thank-you-bill-lumbergh.eml"
        ]
    );
    for m in &read {
        assert_eq!(m["from"], "Beth Carter <beth@example.com>");
        assert!(
            m["body"].as_str().unwrap().contains("\nBeth Carter\n"),
            "{}",
            m["body"]
        );
    }
    // Globex's nudges are calls: printed with a script, no file.
    assert!(text.contains("globex-csm · check-in"), "{text}");
    assert!(
        !read
            .iter()
            .any(|m| m["file"].as_str().unwrap().contains("globex-csm-check-in"))
    );
}

#[test]
fn drafts_in_four_languages_are_utf8_messages_signed_your_name() {
    let input = "tests/drafts/languages.yaml";
    let (read, _) = check_emls(input, "languages");
    assert_eq!(read.len(), 17);
    let subject = |file: &str| {
        read.iter()
            .find(|m| m["file"].as_str().unwrap().ends_with(file))
            .map(|m| m["subject"].as_str().unwrap().to_owned())
            .unwrap()
    };
    // Non-ASCII subjects survive the RFC 2047 encoding intact.
    assert!(subject("berlin-thank-you-anna-schulz.eml").contains("für das Gespräch"));
    assert!(subject("paris-thank-you-helene-dubois.eml").contains("échange"));
    for m in &read {
        let body = m["body"].as_str().unwrap();
        // No name: the placeholder, then the signature lines.
        assert!(
            body.contains("\n[Your name]\n+1 555 0100\nlinkedin.com/in/sam"),
            "{body}"
        );
        assert_eq!(m["from"], "sam@example.com");
    }
    // Each language's salutation, as its guides write it (docs/notes.md).
    let first_line = |file: &str| {
        read.iter()
            .find(|m| m["file"].as_str().unwrap().ends_with(file))
            .map(|m| {
                m["body"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .unwrap()
    };
    assert_eq!(
        first_line("berlin-thank-you-anna-schulz.eml"),
        "Sehr geehrte Frau Dr. Schulz,"
    );
    assert_eq!(
        first_line("berlin-thank-you-jorg-weiss.eml"),
        "Guten Tag Jörg Weiß,"
    );
    assert_eq!(
        first_line("madrid-thank-you-ana-ruiz.eml"),
        "Estimada Dra. Ruiz:"
    );
    assert_eq!(
        first_line("utrecht-thank-you-kim-de-vries.eml"),
        "Beste Kim,"
    );
    // The warning, once for the file, on every command that drafts.
    let (_, _, err) = followup(&["draft", input]);
    assert_eq!(err.matches("candidate.name is not set").count(), 1, "{err}");
    let dir = out_dir("languages-build");
    std::fs::create_dir_all(&dir).unwrap();
    let ics = dir.join("out.ics");
    let (code, _, err) = followup(&["build", input, "-o", ics.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("candidate.name is not set").count(), 1, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn draft_refuses_what_the_input_does_not_have() {
    let (code, _, err) = followup(&["draft", "fixtures/example.yaml", "acme"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean \"acme-ae\""), "{err}");
    let (code, _, err) = followup(&["draft", "fixtures/example.yaml", "--format", "eml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--out-dir"), "{err}");
}
