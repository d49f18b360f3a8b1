//! RFC 5545 content lines and calendar writing.
