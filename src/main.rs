//! The `followup` binary: hand argv to the CLI, exit with its code.
fn main() {
    std::process::exit(followup::cli::run(std::env::args_os()));
}
