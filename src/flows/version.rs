//! `--version` (SPEC §4): the program's version and the bundled tz
//! database's, so a report says which zone rules were used.

/// `followup 0.1.0 (tzdb 2026e)`.
pub fn line() -> String {
    format!(
        "followup {} (tzdb {})",
        env!("CARGO_PKG_VERSION"),
        crate::zone::tzdb_version()
    )
}
