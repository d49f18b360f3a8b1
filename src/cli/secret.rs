//! `push`'s credentials (SPEC §10): a user with the password from
//! `FOLLOWUP_PASSWORD` or `--password-command`, or a bearer token from
//! `--token-command`; never from the YAML or argv, never printed (not even
//! the command's output when it fails: only its exit status).

use crate::error::Exit;
use crate::flows::push::{Credentials, Secret};
use std::process::{Command, Stdio};

/// The variable `--user`'s password is read from.
pub const PASSWORD_VAR: &str = "FOLLOWUP_PASSWORD";

/// The credentials the options ask for; prints why and returns the exit
/// code when they cannot be had.
pub fn credentials(
    user: Option<&str>,
    password_command: Option<&str>,
    token_command: Option<&str>,
) -> Result<Credentials, Exit> {
    if let Some(cmd) = token_command {
        return Ok(Credentials::Bearer(Secret::new(run(
            cmd,
            "--token-command",
        )?)));
    }
    let Some(user) = user else {
        return Ok(Credentials::None);
    };
    let password = match (password_command, std::env::var(PASSWORD_VAR)) {
        (Some(cmd), _) => run(cmd, "--password-command")?,
        (None, Ok(p)) if !p.is_empty() => p,
        (None, _) => {
            eprintln!(
                "error: --user {user} needs a password\n  = help: set {PASSWORD_VAR} in the \
                 environment, or pass --password-command 'pass show caldav' (a command that \
                 prints it)"
            );
            return Err(Exit::Usage);
        }
    };
    Ok(Credentials::Basic {
        user: user.to_string(),
        password: Secret::new(password),
    })
}

/// Runs `cmd` with the shell and returns its first line of output: the
/// secret. Its standard error goes to the user's terminal (a password
/// manager may prompt there); its output never reaches a message.
fn run(cmd: &str, option: &str) -> Result<String, Exit> {
    let out = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {option}: cannot run the shell: {e}");
            return Err(Exit::Io);
        }
    };
    if !out.status.success() {
        eprintln!("error: {option} failed ({}); nothing was sent", out.status);
        return Err(Exit::Io);
    }
    let text = String::from_utf8(out.stdout).unwrap_or_default();
    let secret = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if secret.is_empty() {
        eprintln!("error: {option} printed nothing (or not UTF-8); nothing was sent");
        return Err(Exit::Io);
    }
    Ok(secret.to_string())
}
