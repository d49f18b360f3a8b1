//! `followup serve INPUT.yaml... [--addr 127.0.0.1:8080] [--token T]`: each
//! input's calendar as a live feed at `/<token>/<stem>.ics`, regenerated
//! when the input changes (SPEC §5). The server is `crate::serve`; what
//! it publishes is `flows::feed`'s.

use super::context::Context;
use super::regen::Regen;
use crate::error::Exit;
use crate::flows::feed::check_inputs;
use crate::serve::{self, Config, check_token};
use std::path::PathBuf;

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
    /// Clients served at once; more wait in the queue (default 512, or
    /// fewer when the open-file limit is low).
    #[arg(long, value_name = "N")]
    max_connections: Option<usize>,
    #[command(flatten)]
    regen: Regen,
}

pub fn run(ctx: &Context, args: Args) -> Exit {
    if let Some(token) = &args.token
        && let Err(why) = check_token(token)
    {
        // The token is a secret: never echoed, not even a wrong one.
        eprintln!(
            "error: the --token given {why}\n  = help: use letters, digits and -._~ only, e.g. the default (omit --token)"
        );
        return Exit::Usage;
    }
    if let Err(f) = check_inputs(&args.inputs) {
        return ctx.fail(&f, None);
    }
    let now = match ctx.now() {
        Ok(n) => n,
        Err(e) => return e,
    };
    serve::run(Config {
        inputs: args.inputs,
        addr: args.addr,
        token: args.token,
        public_url: args.public_url,
        out_dir: args.out_dir,
        utc: args.utc,
        keep_cancelled: args.regen.keep_cancelled,
        force: args.regen.force,
        fixed_now: ctx.now_is_fixed().then_some(now),
        style: ctx.style,
        verbose: ctx.global.verbose,
        max_connections: args.max_connections,
    })
}
