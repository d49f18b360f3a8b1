//! A calendar's bytes cut into its top-level components as they arrive, a
//! piece at a time, so that reading one back never needs it whole in
//! memory (SPEC §11: a regeneration over a large previous file stays
//! within its memory bound).
//!
//! Components are found by the `BEGIN:`/`END:` lines that start physical
//! lines (RFC 5545 §3.1: a folded line's continuation starts with white
//! space, so it never looks like one). Each physical line is checked to be
//! UTF-8 and handed on with a CRLF ending, so a file whose line endings
//! became bare LF (an editor, a version control checkout) reads as the one
//! written. The calendar's own properties ([`Part::Header`]) come first,
//! then each VTIMEZONE and VEVENT ([`Part::Block`]) with where it stands
//! in the file; anything else, a file cut short, trailing bytes, a line or
//! component beyond the size limits is an error.
//!
//! No I/O: the caller pushes the bytes.

/// Why a file could not be read back; the message is ready for a
/// diagnostic ("the file is not …", "event 3 (UID x) has no DTSTAMP").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A physical line longer than this is refused (our writer folds at 75
/// octets; no calendar program writes megabyte lines).
pub const MAX_LINE: usize = 1 << 20;

/// A component (or the calendar's header) larger than this is refused: an
/// event followup writes is a few kilobytes (its texts are at most 500
/// characters each, SPEC §11).
pub const MAX_BLOCK: usize = 16 << 20;

/// What the splitter found.
#[derive(Debug)]
pub enum Part {
    /// `BEGIN:VCALENDAR` and the calendar's properties, up to its first
    /// component (CRLF line endings).
    Header(String),
    /// A top-level component.
    Block(Block),
}

/// A VTIMEZONE or VEVENT block as written (CRLF line endings, still
/// folded), and where its bytes are in the file.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: Kind,
    pub text: String,
    /// Offset of its first byte in the file, and its length there (which
    /// differs from `text.len()` when the file's lines end with bare LF).
    pub at: u64,
    pub len: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Timezone,
    Event,
}

/// Cuts pushed bytes into [`Part`]s.
#[derive(Debug, Default)]
pub struct Splitter {
    /// A physical line not yet complete.
    partial: Vec<u8>,
    /// Offset in the file of the first byte of `partial`.
    offset: u64,
    /// Any line seen yet (the first must open the calendar).
    started: bool,
    depth: usize,
    /// The calendar's own lines before its first component.
    header: String,
    /// The header was handed over.
    header_done: bool,
    block: Option<Block>,
    /// The calendar was closed: only blank lines may follow.
    closed: bool,
}

/// An error message as [`ReadError`].
fn err<T>(message: impl Into<String>) -> Result<T, ReadError> {
    Err(ReadError(message.into()))
}

impl Splitter {
    pub fn new() -> Self {
        Splitter::default()
    }

    /// Takes the next `bytes` of the file and hands every part they
    /// complete to `found`.
    pub fn push(
        &mut self,
        bytes: &[u8],
        found: &mut dyn FnMut(Part) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let mut rest = bytes;
        while let Some(i) = memchr::memchr(b'\n', rest) {
            let (line, tail) = rest.split_at(i + 1);
            rest = tail;
            if self.partial.is_empty() {
                self.line(line, found)?;
            } else {
                self.partial.extend_from_slice(line);
                let whole = std::mem::take(&mut self.partial);
                self.line(&whole, found)?;
            }
        }
        if self.partial.len() + rest.len() > MAX_LINE {
            return err(format!("it has a line longer than {} MiB", MAX_LINE >> 20));
        }
        self.partial.extend_from_slice(rest);
        Ok(())
    }

    /// The end of the file: checks the calendar was complete.
    pub fn finish(
        mut self,
        found: &mut dyn FnMut(Part) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        if !self.partial.is_empty() {
            let last = std::mem::take(&mut self.partial);
            self.line(&last, found)?;
        }
        if !self.started {
            return err("it is empty");
        }
        if !self.closed {
            return err("it does not end with END:VCALENDAR (cut short?)");
        }
        Ok(())
    }

    /// One physical line, with its line ending (or none, at the end).
    fn line(
        &mut self,
        raw: &[u8],
        found: &mut dyn FnMut(Part) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let at = self.offset;
        self.offset += raw.len() as u64;
        if raw.len() > MAX_LINE {
            return err(format!("it has a line longer than {} MiB", MAX_LINE >> 20));
        }
        let Ok(mut text) = std::str::from_utf8(raw) else {
            return err("it is not UTF-8 text");
        };
        if !self.started {
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
            if text.trim().is_empty() {
                // Blank lines before the calendar: nothing yet.
                return Ok(());
            }
            if !text.starts_with("BEGIN:VCALENDAR") {
                return err("it does not start with BEGIN:VCALENDAR");
            }
            self.started = true;
        }
        let content = text.trim_end_matches(['\r', '\n']);
        if self.closed {
            if content.trim().is_empty() {
                return Ok(());
            }
            return err("it does not end with END:VCALENDAR (cut short?)");
        }
        let mut ends_block = None;
        if let Some(name) = content.strip_prefix("BEGIN:") {
            self.depth += 1;
            if self.depth == 2 {
                let kind = match name {
                    "VTIMEZONE" => Kind::Timezone,
                    "VEVENT" => Kind::Event,
                    other => {
                        return err(format!("it holds a {other}, which followup never writes"));
                    }
                };
                self.header_over(found)?;
                self.block = Some(Block {
                    kind,
                    text: String::new(),
                    at,
                    len: 0,
                });
            }
        } else if let Some(name) = content.strip_prefix("END:") {
            if self.depth == 0 {
                return err(format!("it has an END:{name} without a BEGIN"));
            }
            self.depth -= 1;
            match self.depth {
                1 => {
                    let kind = self.block.as_ref().map(|b| b.kind);
                    let want = match kind {
                        Some(Kind::Timezone) => "VTIMEZONE",
                        _ => "VEVENT",
                    };
                    if name != want {
                        return err(format!("a {want} ends with END:{name}"));
                    }
                    ends_block = Some(());
                }
                0 => {
                    if name != "VCALENDAR" {
                        return err("it holds more or less than one VCALENDAR");
                    }
                    self.closed = true;
                    // A calendar without components: its header now.
                    return self.header_over(found);
                }
                _ => {}
            }
        }
        // Append the line, with a CRLF ending, to what it belongs to.
        let into = match (self.block.as_mut(), self.header_done) {
            (Some(b), _) => {
                b.len += raw.len() as u64;
                &mut b.text
            }
            (None, false) => &mut self.header,
            (None, true) => {
                // Between components, at the calendar's level: a property
                // after the first component (never written by followup,
                // but harmless); kept out of the header.
                return Ok(());
            }
        };
        if into.len() + content.len() + 2 > MAX_BLOCK {
            return err(format!(
                "it has a component larger than {} MiB",
                MAX_BLOCK >> 20
            ));
        }
        into.push_str(content);
        into.push_str("\r\n");
        if ends_block.is_some()
            && let Some(block) = self.block.take()
        {
            found(Part::Block(block))?;
        }
        Ok(())
    }

    /// Hands the header over, once.
    fn header_over(
        &mut self,
        found: &mut dyn FnMut(Part) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        if self.header_done {
            return Ok(());
        }
        self.header_done = true;
        found(Part::Header(std::mem::take(&mut self.header)))
    }
}
