//! The `followup` binary: hand argv to the CLI, exit with its code.

/// mimalloc: a batch drafts hundreds of thousands of short-lived strings
/// across threads; see docs/PERFORMANCE.md for what it changed.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(followup::cli::run(std::env::args_os()));
}
