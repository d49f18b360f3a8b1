//! The two leaf types the editor and its guard share: what an edit
//! writes ([`Splice`]) and why one was refused ([`EditError`]). A leaf so
//! that `guard` can check splices without naming `editor` back.

/// Why an edit could not be made safely; nothing is written then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Replace `start..end` of the original with `text`.
#[derive(Debug)]
pub(super) struct Splice {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The original lines (0-based) this splice may change: from the
    /// edited collection's first line to the line it writes after.
    pub lines: std::ops::RangeInclusive<usize>,
}
