//! A previous calendar indexed for a regeneration (SPEC §5), read a piece
//! at a time and never held whole (SPEC §11: a rebuild over a large
//! previous output stays within the memory bound).
//!
//! Each event is read as [`super::read`] reads it (the same checks, the
//! same messages), then kept as an [`Indexed`]: what a merge needs to
//! decide (UID, DTSTAMP, SEQUENCE, LAST-MODIFIED, STATUS, its times), a
//! hash of how it is written without those three stamps, and where its
//! bytes are in the file, so an event that vanished from the input can be
//! read again when it is written out as cancelled. A few hundred bytes
//! per event instead of its few kilobytes of text.
//!
//! No I/O: the caller pushes the bytes.

use std::collections::BTreeSet;
use std::hash::Hasher as _;

use jiff::Timestamp;
use rayon::prelude::*;

use super::calendar::{Event, Status, When};
use super::read::{
    ReadError, check_tzids, event_block_as, header, lines_inclusive, timezone_block,
};
use super::split::{Block, Kind, Part, Splitter};
use super::timezone::VTimezone;
use super::writer::Writer;

/// An event of the previous calendar, as much of it as a merge needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indexed {
    pub uid: Box<str>,
    pub dtstamp: Timestamp,
    pub last_modified: Option<Timestamp>,
    pub sequence: u32,
    pub status: Status,
    pub start: When,
    pub end: When,
    /// [`content_hash`] of the event as our writer writes it.
    pub content: u64,
    /// Where its bytes are in the file (offset, length).
    pub at: u64,
    pub len: u64,
}

impl Indexed {
    /// The entry for `event`, whose bytes are at `at`, `len` in the file.
    pub fn of(event: &Event, at: u64, len: u64) -> Self {
        let mut written = Vec::with_capacity(2048);
        event.write(&mut Writer::new(&mut written));
        Indexed::with_content(event, content_hash(&written), at, len)
    }

    fn with_content(event: &Event, content: u64, at: u64, len: u64) -> Self {
        Indexed {
            uid: event.uid.as_str().into(),
            dtstamp: event.dtstamp,
            last_modified: event.last_modified,
            sequence: event.sequence,
            status: event.status,
            start: event.start.clone(),
            end: event.end.clone(),
            content,
            at,
            len,
        }
    }
}

/// A previous calendar, indexed.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// PRODID (§3.7.3): the caller decides whether it is acceptable.
    pub prodid: String,
    pub timezones: Vec<VTimezone>,
    /// In file order.
    pub events: Vec<Indexed>,
    /// (hash of a UID, position in `events`), sorted; the first event
    /// with a UID is the one a lookup finds.
    by_uid: Vec<(u64, u32)>,
}

impl Index {
    /// The index of `events`, as they would be read from a file (their
    /// offsets are their positions, for a caller that keeps the events).
    pub fn of_events(prodid: &str, timezones: &[VTimezone], events: &[Event]) -> Self {
        let entries = events
            .par_iter()
            .enumerate()
            .map(|(i, e)| Indexed::of(e, i as u64, 0))
            .collect();
        Index::new(prodid.to_string(), timezones.to_vec(), entries)
    }

    fn new(prodid: String, timezones: Vec<VTimezone>, events: Vec<Indexed>) -> Self {
        let mut by_uid: Vec<(u64, u32)> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (uid_hash(&e.uid), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        // Stable: among equal hashes, file order, so the first wins.
        by_uid.sort_by_key(|&(h, _)| h);
        Index {
            prodid,
            timezones,
            events,
            by_uid,
        }
    }

    /// The first event with this UID.
    pub fn find(&self, uid: &str) -> Option<usize> {
        let h = uid_hash(uid);
        let from = self.by_uid.partition_point(|&(x, _)| x < h);
        self.by_uid[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, i)| i as usize)
            .filter(|&i| self.events.get(i).is_some_and(|e| &*e.uid == uid))
            .min()
    }
}

fn uid_hash(uid: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(uid.as_bytes());
    h.finish()
}

/// A hash of an event's bytes as written (folded, CRLF), leaving out its
/// DTSTAMP, SEQUENCE and LAST-MODIFIED lines: two events with the same
/// hash are written the same once their stamps are the same, which is
/// what "unchanged" means for a regeneration (docs/decisions.md). The
/// three are never folded (each is under 75 octets), and no other line of
/// an event starts with their names (continuation lines start with a
/// space), so leaving out whole physical lines is exact.
///
/// SipHash-1-3 with std's fixed keys: the same bytes give the same hash in
/// every run of one build of the program (hashes are only ever compared
/// within one run).
pub fn content_hash(written: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    let mut from = 0;
    for end in memchr::memchr_iter(b'\n', written)
        .map(|i| i + 1)
        .chain(std::iter::once(written.len()))
    {
        let line = &written[from..end];
        from = end;
        if !(line.starts_with(b"DTSTAMP:")
            || line.starts_with(b"SEQUENCE:")
            || line.starts_with(b"LAST-MODIFIED:"))
        {
            h.write(line);
        }
    }
    h.finish()
}

/// Event blocks collected before they are read on every core.
const BATCH_BYTES: usize = 8 << 20;

/// Indexes a calendar pushed a piece at a time.
#[derive(Default)]
pub struct Indexer {
    splitter: Splitter,
    prodid: Option<String>,
    timezones: Vec<VTimezone>,
    events: Vec<Indexed>,
    batch: Vec<Block>,
    batch_bytes: usize,
    /// Events read so far, for their numbers in messages.
    counted: usize,
}

impl Indexer {
    pub fn new() -> Self {
        Indexer::default()
    }

    /// The next `bytes` of the file.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), ReadError> {
        let mut parts = Vec::new();
        self.splitter.push(bytes, &mut |p| {
            parts.push(p);
            Ok(())
        })?;
        self.take(parts)
    }

    /// The end of the file: the index, or why the file cannot be one.
    pub fn finish(mut self) -> Result<Index, ReadError> {
        let mut parts = Vec::new();
        let splitter = std::mem::take(&mut self.splitter);
        splitter.finish(&mut |p| {
            parts.push(p);
            Ok(())
        })?;
        self.take(parts)?;
        self.flush()?;
        let known: BTreeSet<&str> = self.timezones.iter().map(|t| t.tzid.as_str()).collect();
        for e in &self.events {
            let stub = Event {
                uid: e.uid.to_string(),
                start: e.start.clone(),
                end: e.end.clone(),
                ..Event::default()
            };
            check_tzids(&stub, &known)?;
        }
        Ok(Index::new(
            self.prodid.unwrap_or_default(),
            self.timezones,
            self.events,
        ))
    }

    fn take(&mut self, parts: Vec<Part>) -> Result<(), ReadError> {
        for part in parts {
            match part {
                Part::Header(text) => self.prodid = Some(header(&text)?),
                Part::Block(b) if b.kind == Kind::Timezone => {
                    self.timezones.push(timezone_block(&b.text)?);
                }
                Part::Block(b) => {
                    self.batch_bytes += b.text.len();
                    self.batch.push(b);
                    if self.batch_bytes >= BATCH_BYTES {
                        self.flush()?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads the collected event blocks, on every core.
    fn flush(&mut self) -> Result<(), ReadError> {
        let first = self.counted + 1;
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        self.counted += batch.len();
        let read: Vec<Result<Indexed, ReadError>> = batch
            .par_iter()
            .enumerate()
            .map(|(i, b)| index_block(b, first + i))
            .collect();
        for r in read {
            self.events.push(r?);
        }
        Ok(())
    }
}

/// One event block's entry.
fn index_block(b: &Block, n: usize) -> Result<Indexed, ReadError> {
    let (event, ours) = event_block_as(&b.text, n)?;
    // A block our writer wrote is hashed as it stands; any other is hashed
    // as our writer would write it.
    if ours {
        Ok(Indexed::with_content(
            &event,
            content_hash(b.text.as_bytes()),
            b.at,
            b.len,
        ))
    } else {
        Ok(Indexed::of(&event, b.at, b.len))
    }
}

/// Indexes a whole calendar held in memory.
pub fn index(bytes: &[u8]) -> Result<Index, ReadError> {
    let mut ix = Indexer::new();
    ix.push(bytes)?;
    ix.finish()
}

/// The event whose bytes are `text` (read again from the file at an
/// [`Indexed`]'s place), numbered `n` in messages.
pub fn event_at(text: &str, n: usize) -> Result<Event, ReadError> {
    // Read again as the splitter hands blocks on: CRLF line endings.
    let normal: String = lines_inclusive(text)
        .map(|l| l.trim_end_matches(['\r', '\n']))
        .flat_map(|l| [l, "\r\n"])
        .collect();
    event_block_as(&normal, n).map(|(e, _)| e)
}
