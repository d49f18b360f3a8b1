//! IMAP delivery (placeholder while the CalDAV side builds).
