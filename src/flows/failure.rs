//! Why a flow gave up, and the exit code that calls for (SPEC §2).

use crate::error::terminal::escape_lines;
use crate::error::{Diagnostic, Exit, Style};
use crate::io::IoError;

/// Why a flow could not do its work.
#[derive(Debug)]
pub enum Failure {
    /// The input is invalid: every diagnostic, each naming its file (exit 1;
    /// nothing was written).
    Invalid(Vec<Diagnostic>),
    /// A file could not be read or written (exit 3), or an input is over
    /// the size limit (exit 1).
    Io(IoError),
    /// Anything else, as one message (with its `= help:` lines) and the exit
    /// code it calls for: an argument the flow found wrong (2), a file that
    /// is not what it must be (1), a resource the system refused (3).
    Message(Exit, String),
}

impl Failure {
    pub fn exit(&self) -> Exit {
        match self {
            Failure::Invalid(_) => Exit::Invalid,
            Failure::Io(e) => e.exit(),
            Failure::Message(exit, _) => *exit,
        }
    }

    /// The failure as the faces print it; `source` is the input's bytes,
    /// for the diagnostics' snippets.
    pub fn render(&self, style: &Style, source: Option<&[u8]>) -> String {
        match self {
            Failure::Invalid(diagnostics) => style.render(diagnostics, source),
            Failure::Io(e) => format!("error: {e}\n"),
            // A message may name a path or quote an argument: escaped, as
            // everything shown of the user's text (SPEC §11).
            Failure::Message(_, message) => format!("error: {}\n", escape_lines(message)),
        }
    }
}

impl From<IoError> for Failure {
    fn from(e: IoError) -> Self {
        Failure::Io(e)
    }
}
