//! The process exit codes of SPEC §2.

/// SPEC §2 exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Invalid = 1,
    Usage = 2,
    Io = 3,
}
