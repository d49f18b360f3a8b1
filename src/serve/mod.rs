//! `followup serve`: each input's calendar as a live HTTP feed (SPEC §5).
//! The HTTP face and the file watcher; what is served and when it is
//! regenerated is [`crate::flows::feed`]'s, testable without either.
//!
//! - `routes`: the feeds behind one token and the pure HTTP decisions:
//!   which URL names which feed, conditional requests, the links to print;
//! - [`http`]: the socket side on hyper over tokio (the accept loop and
//!   its limits: header timeout, head size, connection cap, EMFILE;
//!   headers, HEAD, log lines, shutdown);
//! - [`watch`]: which files changed, from the file system (inotify), and
//!   the bursts of changes that make one regeneration;
//! - `run`: the server's life: first builds, watch, listen, print the
//!   links, regenerate after each burst, stop on Ctrl-C.
//!
//! Behind the default `serve` cargo feature. Never decides what a feed
//! holds: every body comes from the flow.

pub mod http;
mod routes;
mod run;
pub mod watch;

pub use routes::{Feed, Feeds, Links, Reply, Request, check_token, links, random_token};
pub use run::{Config, run};
