//! The drafted messages.
