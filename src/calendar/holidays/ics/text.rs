//! From the bytes of an `.ics` file to its components: decoding, line
//! endings, unfolding and content lines (RFC 5545 §3.1), with a message in
//! our words for whatever is not a calendar; and the DATE and DATE-TIME
//! values (§3.3.4, §3.3.5) the event reader and the recurrence rules share.
//!
//! Real producers write more than the RFC's CRLF: LF alone (most Unix
//! tools), CR alone (old Mac exports), a mix of both after a file was edited
//! by hand, several VCALENDARs one after the other (files joined with
//! `cat`), UTF-16 with a byte-order mark (Windows tools). All of those are
//! read. Other encodings are named in the error, and bytes that are not text
//! are described ("a ZIP archive"), never printed.
//!
//! No I/O; never panics, whatever the bytes.

use super::error::{IcsError, err};
use jiff::civil::{Date, DateTime, Time};

/// Components may nest this deep (VCALENDAR › VEVENT › VALARM is three);
/// deeper is refused.
const MAX_DEPTH: usize = 8;

/// One content line, `NAME;PARAM=VALUE:value` (RFC 5545 §3.1), unfolded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    /// Upper-cased.
    pub name: String,
    /// Keys upper-cased; values without their quotes.
    pub params: Vec<(String, String)>,
    pub value: String,
    /// The 1-based line in the file where the content line starts.
    pub line: usize,
}

impl Line {
    /// The parameter `key` (upper case), if present.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A component (`VEVENT`, `VCALENDAR`, …) with its own properties and the
/// components inside it.
#[derive(Debug, Default)]
pub(super) struct Component {
    /// Upper-cased.
    pub name: String,
    pub properties: Vec<Line>,
    pub components: Vec<Component>,
    /// Where its BEGIN line is.
    pub line: usize,
}

/// The text of `bytes`: UTF-8 (a BOM dropped), or UTF-16 (with a BOM, or
/// without one when the text plainly starts `BEGIN:` in UTF-16). Invalid
/// UTF-8 sequences become U+FFFD: property names and dates are ASCII, so
/// a Windows-1252 export keeps its dates and only a name shows the mark.
pub(super) fn decode(bytes: &[u8]) -> Result<String, IcsError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return err(
            "it is encoded in UTF-32, which is not read; save it as UTF-8 (or UTF-16) and try again",
        );
    }
    let utf16 = |rest: &[u8], little: bool| -> String {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, false));
    }
    if bytes.starts_with(b"B\0E\0G\0") {
        return Ok(utf16(bytes, true));
    }
    if bytes.starts_with(b"\0B\0E\0G") {
        return Ok(utf16(bytes, false));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(what) = not_text(bytes) {
        return err(format!("it is not a calendar but {what}"));
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

/// What `bytes` look like when they are plainly not text: the kind of file
/// for the formats people save by mistake, else a description. `None` for
/// anything that may be text.
fn not_text(bytes: &[u8]) -> Option<String> {
    let magic: &[(&[u8], &str)] = &[
        (
            b"PK\x03\x04",
            "a ZIP archive (unzip it first: Google's export is a .zip of .ics files)",
        ),
        (b"\x1f\x8b", "a gzip-compressed file (decompress it first)"),
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7fELF", "a program (an ELF executable)"),
        (b"BZh", "a bzip2-compressed file (decompress it first)"),
        (b"\xfd7zXZ", "an xz-compressed file (decompress it first)"),
        (b"SQLite format 3", "an SQLite database"),
        (
            b"\xd0\xcf\x11\xe0",
            "a Microsoft Office document (an .xls, .doc or .msg file)",
        ),
    ];
    for (head, what) in magic {
        if bytes.starts_with(head) {
            return Some((*what).to_string());
        }
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if sample.contains(&0) || controls * 20 > sample.len().max(1) {
        return Some(format!(
            "binary data ({} of its first {} bytes are control bytes)",
            controls,
            sample.len()
        ));
    }
    None
}

/// What text that is not iCalendar looks like, for "it is not an iCalendar
/// file (…)".
fn looks_like(text: &str) -> String {
    let head = text.trim_start();
    let lower: String = head
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        "it is an HTML page (a web page was saved instead of the calendar?)".to_string()
    } else if lower.starts_with("<?xml") || lower.starts_with('<') {
        "it is XML (an xCal or other XML file, not iCalendar text)".to_string()
    } else if lower.starts_with('{') || lower.starts_with('[') {
        "it looks like JSON (a jCal or other JSON file, not iCalendar text)".to_string()
    } else if lower.starts_with("begin:vcard") {
        "it is a vCard (contacts), not a calendar".to_string()
    } else if head
        .chars()
        .take(200)
        .filter(|c| c.is_ascii_graphic() || c.is_ascii_whitespace())
        .count()
        * 10
        < head.chars().take(200).count() * 9
    {
        "it does not look like iCalendar text in UTF-8 or UTF-16".to_string()
    } else {
        let first: String = head
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(40)
            .map(|c| if c.is_control() { '\u{fffd}' } else { c })
            .collect();
        format!("its first line is {first:?}")
    }
}

/// The physical lines of `text`, split at CRLF, LF or a lone CR, each with
/// its 1-based number.
fn physical_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut number = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        number += 1;
        match rest.find(['\r', '\n']) {
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some((number, line))
            }
            None => {
                let line = rest;
                rest = "";
                Some((number, line))
            }
        }
    })
}

/// The content lines of `text`, unfolded (a line starting with a space or
/// tab continues the one before, RFC 5545 §3.1), empty lines dropped.
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (n, line) in physical_lines(text) {
        match (line.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(more), Some((_, last))) => last.push_str(more),
            _ if line.trim().is_empty() => {}
            _ => out.push((n, line.to_string())),
        }
    }
    out
}

/// Splits `NAME;P=V;Q="a:b":value`. `None` when there is no name or colon.
fn content_line(n: usize, text: &str) -> Option<Line> {
    let name_end = text.find([';', ':'])?;
    let name = text[..name_end].trim();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let mut params = Vec::new();
    let mut rest = &text[name_end..];
    // Parameters, each `;KEY=value[,value]`, where a value may be quoted
    // and then hold `;`, `:` and `,`.
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after.find('=')?;
        let key = after[..eq].trim().to_ascii_uppercase();
        let mut value = String::new();
        let mut i = eq + 1;
        let bytes = after.as_bytes();
        let mut quoted = false;
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'"' {
                quoted = !quoted;
            } else if !quoted && (c == b';' || c == b':') {
                break;
            }
            i += 1;
        }
        value.push_str(after[eq + 1..i].trim_matches('"'));
        params.push((key, value));
        rest = &after[i..];
    }
    let value = rest.strip_prefix(':')?;
    Some(Line {
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_string(),
        line: n,
    })
}

/// A short, printable quote of a line for a message.
fn shown(text: &str) -> String {
    // (used for BEGIN/END names)
    let cut: String = text
        .chars()
        .take(60)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if text.chars().count() > 60 {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Every top-level component of `text` (one per VCALENDAR in the file).
pub(super) fn components(text: &str) -> Result<Vec<Component>, IcsError> {
    let lines = logical_lines(text);
    let Some((_, first)) = lines.first() else {
        return err("it is empty");
    };
    if !first.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        return err(format!(
            "it is not an iCalendar file (it does not start with BEGIN:VCALENDAR: {})",
            looks_like(text)
        ));
    }
    let mut roots = Vec::new();
    let mut stack: Vec<Component> = Vec::new();
    let count = lines.len();
    for (i, (n, raw)) in lines.into_iter().enumerate() {
        // A line that is not `NAME:value` (a stray note, a broken
        // X- property) is passed over, as python's icalendar does: what a
        // holiday needs is checked where it is used.
        let Some(line) = content_line(n, &raw) else {
            continue;
        };
        match line.name.as_str() {
            "BEGIN" => {
                if stack.len() >= MAX_DEPTH {
                    return err(format!(
                        "its components nest more than {MAX_DEPTH} deep (line {n}), which no calendar does"
                    ));
                }
                let name = line.value.trim().to_ascii_uppercase();
                if stack.is_empty() && name != "VCALENDAR" {
                    return err(format!(
                        "line {n} begins a {} outside any VCALENDAR",
                        shown(&name)
                    ));
                }
                stack.push(Component {
                    name,
                    line: n,
                    ..Component::default()
                });
            }
            "END" => {
                let name = line.value.trim().to_ascii_uppercase();
                if stack.is_empty() {
                    return err(format!(
                        "line {n} ends a {} that was never begun",
                        shown(&name)
                    ));
                }
                let Some(depth) = stack.iter().rposition(|c| c.name == name) else {
                    if i + 1 == count
                        && stack
                            .last()
                            .is_some_and(|open| open.name.starts_with(&name))
                    {
                        return err(format!(
                            "it is cut short: its last line is END:{} (was the file truncated?)",
                            shown(&name)
                        ));
                    }
                    // An END that closes nothing open (a typo such as
                    // END:VTOOD) is passed over, as python's icalendar does.
                    continue;
                };
                // Components left open inside it end with it.
                while stack.len() > depth + 1 {
                    if let Some(inner) = stack.pop()
                        && let Some(parent) = stack.last_mut()
                    {
                        parent.components.push(inner);
                    }
                }
                let Some(open) = stack.pop() else {
                    continue;
                };
                match stack.last_mut() {
                    Some(parent) => parent.components.push(open),
                    None => roots.push(open),
                }
            }
            // A property between calendars is ignored, like other text
            // there.
            _ => {
                if let Some(c) = stack.last_mut() {
                    c.properties.push(line);
                }
            }
        }
    }
    if let Some(open) = stack.first() {
        let inner = stack.last().unwrap_or(open);
        return err(format!(
            "it is cut short: the {} begun at line {} has no END:{} (was the file truncated?)",
            inner.name, inner.line, inner.name
        ));
    }
    Ok(roots)
}

/// `YYYYMMDD` (a DATE, at midnight) or `YYYYMMDDTHHMMSS[Z]` as written.
pub(super) fn date_or_time(v: &str) -> Option<(DateTime, bool)> {
    let v = v.trim();
    let digits = |s: &str| -> Option<i16> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let small = |s: &str| digits(s).and_then(|n| i8::try_from(n).ok());
    let date = Date::new(
        digits(v.get(0..4)?)?,
        small(v.get(4..6)?)?,
        small(v.get(6..8)?)?,
    )
    .ok()?;
    if v.len() == 8 {
        return Some((date.to_datetime(Time::midnight()), true));
    }
    let rest = v.get(8..)?;
    let rest = rest.strip_suffix(['Z', 'z']).unwrap_or(rest);
    let clock = rest.strip_prefix(['T', 't'])?;
    if clock.len() != 6 {
        return None;
    }
    // RFC 5545 allows a leap second (60); a holiday does not care.
    let second = small(clock.get(4..6)?)?.min(59);
    let time = Time::new(
        small(clock.get(0..2)?)?,
        small(clock.get(2..4)?)?,
        second,
        0,
    )
    .ok()?;
    Some((date.to_datetime(time), false))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn line_endings_of_every_kind() {
        for sep in ["\r\n", "\n", "\r"] {
            let text = ["BEGIN:VCALENDAR", "X:1", "END:VCALENDAR", ""].join(sep);
            let roots = components(&text).unwrap();
            assert_eq!(roots.len(), 1, "{sep:?}");
            assert_eq!(roots[0].properties[0].value, "1");
        }
        // Mixed: CRLF with a few LF and CR lines, and a fold after a LF.
        let text = "BEGIN:VCALENDAR\r\nX:1\nY:2\rZ:a\n b\r\nEND:VCALENDAR\n";
        let roots = components(text).unwrap();
        let props: Vec<_> = roots[0]
            .properties
            .iter()
            .map(|l| (l.name.as_str(), l.value.as_str(), l.line))
            .collect();
        assert_eq!(props, [("X", "1", 2), ("Y", "2", 3), ("Z", "ab", 4)]);
    }

    #[test]
    fn parameters_quoted_and_not() {
        let l = content_line(
            1,
            "DTSTART;TZID=\"America/New_York\";VALUE=DATE-TIME:20261225T090000",
        )
        .unwrap();
        assert_eq!(l.name, "DTSTART");
        assert_eq!(l.param("TZID"), Some("America/New_York"));
        assert_eq!(l.param("VALUE"), Some("DATE-TIME"));
        assert_eq!(l.value, "20261225T090000");
        let l = content_line(1, "X-A;LABEL=\"a:b;c\":v:w").unwrap();
        assert_eq!(l.param("LABEL"), Some("a:b;c"));
        assert_eq!(l.value, "v:w");
        assert_eq!(content_line(1, "no colon here"), None);
        assert_eq!(content_line(1, ":value"), None);
    }

    #[test]
    fn several_calendars_in_one_file() {
        let text = "BEGIN:VCALENDAR\nX:1\nEND:VCALENDAR\n\nBEGIN:VCALENDAR\nX:2\nEND:VCALENDAR\n";
        assert_eq!(components(text).unwrap().len(), 2);
    }

    #[test]
    fn encodings() {
        let text = "BEGIN:VCALENDAR\r\nSUMMARY:Día\r\nEND:VCALENDAR\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        for bytes in [le, be, bare] {
            assert_eq!(decode(&bytes).unwrap(), text);
        }
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom8).unwrap(), text);
        let e = decode(&[0xFF, 0xFE, 0, 0, b'B', 0, 0, 0]).unwrap_err();
        assert!(e.0.contains("UTF-32"), "{e}");
        let e = decode(b"PK\x03\x04\x14\0\0\0").unwrap_err();
        assert!(e.0.contains("ZIP archive"), "{e}");
        let e = decode(&[0x01, 0x02, 0x03, 0x9c, 0x00, 0xff]).unwrap_err();
        assert!(e.0.contains("binary data"), "{e}");
        assert!(!e.0.contains('\u{1}'), "{e}");
    }

    #[test]
    fn what_is_not_a_calendar_is_described() {
        let e = components("<!DOCTYPE html><html>").unwrap_err();
        assert!(e.0.contains("HTML page"), "{e}");
        let e = components("BEGIN:VCALENDAR\nBEGIN:VEVENT\nX:1\n").unwrap_err();
        assert!(e.0.contains("cut short: the VEVENT begun at line 2"), "{e}");
        // An END that closes an outer component closes the inner ones too;
        // one that closes nothing is passed over.
        let roots =
            components("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTOOD\nX:1\nEND:VCALENDAR\n").unwrap();
        assert_eq!(roots[0].components[0].properties.len(), 1);
        let roots =
            components("BEGIN:VCALENDAR\nBEGIN:VEVENT\ngarbage\nX:1\nEND:VEVENT\nEND:VCALENDAR")
                .unwrap();
        assert_eq!(
            roots[0].components[0].properties.len(),
            1,
            "the stray line is passed over"
        );
    }
}
