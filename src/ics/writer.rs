//! Writing content lines, RFC 5545 §3.1 (content lines), §3.2 (parameters)
//! and §3.3 (value types), straight into one byte buffer.
//!
//! [`Writer`] assembles each property in a reused scratch line (name,
//! parameters, `:`, value), then hands it to the folder, which appends it to
//! the output with CRLF. After the first few lines nothing allocates, so the
//! writer can be called per event on hot paths.
//!
//! Values are made safe here, never trusted: TEXT goes through the one
//! escaper ([`escape_text`]); every other value and parameter has its control
//! characters removed, and a parameter value loses its `"` (which §3.2
//! forbids inside one) and is quoted when it contains `:`, `;` or `,`.
//! Property names are the caller's constants and are copied as they are
//! (minus control characters).
//!
//! No I/O, no clock: timestamps come in as values.

use jiff::SignedDuration;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;

use super::escape::escape_text;
use super::fold::write_folded;

/// Writes RFC 5545 content lines into a caller's buffer.
///
/// # Example
///
/// ```
/// use followup::ics::Writer;
///
/// let mut out = Vec::new();
/// let mut w = Writer::new(&mut out);
/// w.begin("VEVENT");
/// w.text("SUMMARY", "Call back; bring notes, CV");
/// w.utc("DTSTAMP", "2026-11-18T14:00:00Z".parse().unwrap());
/// w.end("VEVENT");
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "BEGIN:VEVENT\r\n\
///      SUMMARY:Call back\\; bring notes\\, CV\r\n\
///      DTSTAMP:20261118T140000Z\r\n\
///      END:VEVENT\r\n",
/// );
/// ```
pub struct Writer<'a> {
    out: &'a mut Vec<u8>,
    /// The content line being assembled, reused for every property.
    line: Vec<u8>,
}

impl<'a> Writer<'a> {
    /// A writer appending to `out`.
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Writer {
            out,
            line: Vec::with_capacity(256),
        }
    }

    /// `BEGIN:<component>` (§3.4, §3.6).
    pub fn begin(&mut self, component: &str) {
        self.raw("BEGIN", &[], component);
    }

    /// `END:<component>` (§3.4, §3.6).
    pub fn end(&mut self, component: &str) {
        self.raw("END", &[], component);
    }

    /// A TEXT property (§3.3.11), escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.start(name, &[]);
        escape_text(&mut self.line, value);
        self.finish();
    }

    /// A multi-valued TEXT property such as CATEGORIES (§3.8.1.2): each
    /// value escaped, joined by unescaped commas.
    pub fn text_list<I>(&mut self, name: &str, values: I)
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.start(name, &[]);
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.line.push(b',');
            }
            escape_text(&mut self.line, value.as_ref());
        }
        self.finish();
    }

    /// A property whose value is written verbatim (URI, RECUR, a fixed
    /// keyword such as `PUBLISH`), minus control characters; still folded.
    pub fn raw(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        self.start(name, params);
        push_verbatim(&mut self.line, value);
        self.finish();
    }

    /// An INTEGER property (§3.3.8), e.g. SEQUENCE.
    pub fn integer(&mut self, name: &str, value: u32) {
        self.start(name, &[]);
        push_decimal(&mut self.line, u64::from(value));
        self.finish();
    }

    /// A DATE-TIME in UTC (§3.3.5 form #2): `20261118T140000Z`. Sub-second
    /// precision is dropped.
    pub fn utc(&mut self, name: &str, t: Timestamp) {
        self.start(name, &[]);
        push_datetime(&mut self.line, Offset::UTC.to_datetime(t));
        self.line.push(b'Z');
        self.finish();
    }

    /// A DATE-TIME with a time zone reference (§3.3.5 form #3):
    /// `DTSTART;TZID=Europe/Berlin:20261118T090000`. The calendar must carry
    /// a VTIMEZONE with that TZID.
    pub fn local(&mut self, name: &str, tzid: &str, dt: DateTime) {
        self.start(name, &[("TZID", tzid)]);
        push_datetime(&mut self.line, dt);
        self.finish();
    }

    /// A floating DATE-TIME (§3.3.5 form #1), with neither `Z` nor TZID.
    /// Only for DTSTART inside a VTIMEZONE observance (§3.6.5), which is
    /// local time by definition; events are never floating.
    pub fn floating(&mut self, name: &str, dt: DateTime) {
        self.start(name, &[]);
        push_datetime(&mut self.line, dt);
        self.finish();
    }

    /// A DURATION (§3.3.6) in exact hours, minutes and seconds:
    /// `PT1H`, `-PT15M`, `-PT1H30M`, `PT0S`. Never days or weeks, which are
    /// nominal (a day across a DST change is not 24 hours). Sub-second
    /// precision is dropped.
    pub fn duration(&mut self, name: &str, params: &[(&str, &str)], d: SignedDuration) {
        self.start(name, params);
        push_duration(&mut self.line, d);
        self.finish();
    }

    /// An alarm's TRIGGER, `minutes` whole minutes before (`-PT90M`; `PT0M`
    /// for none), never `-PT1H30M`: SPEC §5 asks for a negative whole-minute
    /// duration, and some importers read only the minutes part.
    pub fn trigger_minutes(&mut self, params: &[(&str, &str)], minutes: u32) {
        self.start("TRIGGER", params);
        if minutes > 0 {
            self.line.push(b'-');
        }
        self.line.extend_from_slice(b"PT");
        push_decimal(&mut self.line, u64::from(minutes));
        self.line.push(b'M');
        self.finish();
    }

    /// A UTC-OFFSET (§3.3.14): `+0100`, `-0330`, `+0000`; `+HHMMSS` when the
    /// offset has seconds (which Outlook does not accept; the VTIMEZONE
    /// generator refuses such zones before it gets here).
    pub fn utc_offset(&mut self, name: &str, offset: Offset) {
        self.start(name, &[]);
        let seconds = offset.seconds();
        self.line.push(if seconds < 0 { b'-' } else { b'+' });
        let seconds = seconds.unsigned_abs();
        push_two_digits(&mut self.line, seconds / 3600);
        push_two_digits(&mut self.line, seconds / 60 % 60);
        if !seconds.is_multiple_of(60) {
            push_two_digits(&mut self.line, seconds % 60);
        }
        self.finish();
    }

    /// Starts a content line: `name`, then `;PARAM=value` for each parameter
    /// (§3.2), then `:`.
    fn start(&mut self, name: &str, params: &[(&str, &str)]) {
        self.line.clear();
        push_verbatim(&mut self.line, name);
        for (param, value) in params {
            self.line.push(b';');
            push_verbatim(&mut self.line, param);
            self.line.push(b'=');
            push_param_value(&mut self.line, value);
        }
        self.line.push(b':');
    }

    fn finish(&mut self) {
        write_folded(self.out, &self.line);
    }
}

/// Copies `value` without its control characters (§3.1 `CONTROL`; tab is
/// kept as whitespace), so no CR or LF can reach the output.
fn push_verbatim(line: &mut Vec<u8>, value: &str) {
    if !value.bytes().any(is_control) {
        line.extend_from_slice(value.as_bytes());
        return;
    }
    line.extend(value.bytes().filter(|&b| !is_control(b)));
}

/// A parameter value (§3.2 `param-value`): `"` is not allowed in one, so it
/// is dropped; the value is quoted when it contains `:`, `;` or `,`.
fn push_param_value(line: &mut Vec<u8>, value: &str) {
    let quote = value.bytes().any(|b| matches!(b, b':' | b';' | b','));
    if quote {
        line.push(b'"');
    }
    line.extend(value.bytes().filter(|&b| b != b'"' && !is_control(b)));
    if quote {
        line.push(b'"');
    }
}

fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

/// `YYYYMMDDTHHMMSS` (§3.3.5). Years before 1 are outside RFC 5545's
/// four-digit DATE and are written as 0000.
fn push_datetime(line: &mut Vec<u8>, dt: DateTime) {
    push_date(line, dt.date());
    line.push(b'T');
    push_two_digits(line, dt.hour().unsigned_abs().into());
    push_two_digits(line, dt.minute().unsigned_abs().into());
    push_two_digits(line, dt.second().unsigned_abs().into());
}

fn push_date(line: &mut Vec<u8>, date: Date) {
    let year = u32::from(date.year().max(0).unsigned_abs());
    push_two_digits(line, year / 100);
    push_two_digits(line, year % 100);
    push_two_digits(line, date.month().unsigned_abs().into());
    push_two_digits(line, date.day().unsigned_abs().into());
}

fn push_duration(line: &mut Vec<u8>, d: SignedDuration) {
    let total = d.as_secs();
    if total < 0 {
        line.push(b'-');
    }
    line.extend_from_slice(b"PT");
    let total = total.unsigned_abs();
    let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
    if total == 0 {
        line.extend_from_slice(b"0S");
        return;
    }
    if hours > 0 {
        push_decimal(line, hours);
        line.push(b'H');
    }
    // §3.3.6's grammar has no hours-then-seconds form: `PT1H0M5S`.
    if minutes > 0 || (hours > 0 && seconds > 0) {
        push_decimal(line, minutes);
        line.push(b'M');
    }
    if seconds > 0 {
        push_decimal(line, seconds);
        line.push(b'S');
    }
}

fn push_two_digits(line: &mut Vec<u8>, n: u32) {
    // Callers pass 0..=99; `% 10` keeps a bad value from writing a non-digit.
    line.push(b'0' + (n / 10 % 10) as u8);
    line.push(b'0' + (n % 10) as u8);
}

fn push_decimal(line: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    line.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::ics::testing::assert_content_lines;
    use jiff::civil::datetime;

    #[test]
    fn triggers_are_whole_minutes_before() {
        for m in [0, 1, 9, 10, 15, 60, 90, 1440, 99_999, u32::MAX] {
            let want = if m == 0 {
                "TRIGGER:PT0M".to_string()
            } else {
                format!("TRIGGER:-PT{m}M")
            };
            case(|w| w.trigger_minutes(&[], m), &want);
        }
        case(
            |w| w.trigger_minutes(&[("RELATED", "END")], 10),
            "TRIGGER;RELATED=END:-PT10M",
        );
    }

    #[test]
    fn properties() {
        case(|w| w.begin("VCALENDAR"), "BEGIN:VCALENDAR");
        case(|w| w.end("VEVENT"), "END:VEVENT");
        case(
            |w| w.text("SUMMARY", "a;b,c\\d\ne"),
            "SUMMARY:a\\;b\\,c\\\\d\\ne",
        );
        case(|w| w.text("DESCRIPTION", ""), "DESCRIPTION:");
        case(
            |w| w.text_list("CATEGORIES", ["Follow-up", "Acme, Inc"]),
            "CATEGORIES:Follow-up,Acme\\, Inc",
        );
        case(
            |w| w.text_list("CATEGORIES", Vec::<String>::new()),
            "CATEGORIES:",
        );
        case(|w| w.raw("METHOD", &[], "PUBLISH"), "METHOD:PUBLISH");
        case(
            |w| w.raw("URL", &[], "mailto:a@b.example?subject=Hi,%20there"),
            "URL:mailto:a@b.example?subject=Hi,%20there",
        );
        case(
            |w| w.raw("X-RAW", &[], "no\r\nbreaks\u{7}"),
            "X-RAW:nobreaks",
        );
        case(
            |w| w.raw("X", &[("A", "plain"), ("B", "x:y;z,w")], "v"),
            "X;A=plain;B=\"x:y;z,w\":v",
        );
        case(|w| w.raw("X", &[("A", "say \"hi\"")], "v"), "X;A=say hi:v");
        case(|w| w.integer("SEQUENCE", 0), "SEQUENCE:0");
        case(|w| w.integer("SEQUENCE", u32::MAX), "SEQUENCE:4294967295");
    }

    #[test]
    fn date_times() {
        let ts = |s: &str| s.parse::<Timestamp>().unwrap();
        case(
            |w| w.utc("DTSTAMP", ts("2026-11-18T14:00:00Z")),
            "DTSTAMP:20261118T140000Z",
        );
        case(
            |w| w.utc("DTSTAMP", ts("2026-01-02T03:04:05.999Z")),
            "DTSTAMP:20260102T030405Z",
        );
        case(
            |w| w.utc("DTSTAMP", ts("0999-12-31T23:59:59Z")),
            "DTSTAMP:09991231T235959Z",
        );
        case(
            |w| {
                w.local(
                    "DTSTART",
                    "Europe/Berlin",
                    datetime(2026, 11, 18, 9, 0, 0, 0),
                )
            },
            "DTSTART;TZID=Europe/Berlin:20261118T090000",
        );
        case(
            |w| w.local("DTSTART", "Odd;Zone", datetime(2026, 11, 18, 9, 0, 0, 0)),
            "DTSTART;TZID=\"Odd;Zone\":20261118T090000",
        );
        case(
            |w| w.floating("DTSTART", datetime(1970, 11, 1, 2, 0, 0, 0)),
            "DTSTART:19701101T020000",
        );
    }

    #[test]
    fn durations() {
        let d = |secs: i64| SignedDuration::from_secs(secs);
        case(
            |w| w.duration("TRIGGER", &[], d(-15 * 60)),
            "TRIGGER:-PT15M",
        );
        case(
            |w| w.duration("TRIGGER", &[], d(-90 * 60)),
            "TRIGGER:-PT1H30M",
        );
        case(
            |w| w.duration("TRIGGER", &[], d(-24 * 3600)),
            "TRIGGER:-PT24H",
        );
        case(|w| w.duration("X", &[], d(3605)), "X:PT1H0M5S");
        case(|w| w.duration("X", &[], d(61)), "X:PT1M1S");
        case(|w| w.duration("X", &[], d(7)), "X:PT7S");
        case(|w| w.duration("X", &[], d(0)), "X:PT0S");
        case(
            |w| w.duration("REFRESH-INTERVAL", &[("VALUE", "DURATION")], d(3600)),
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        );
    }

    #[test]
    fn utc_offsets() {
        let o = |secs: i32| Offset::from_seconds(secs).unwrap();
        case(|w| w.utc_offset("TZOFFSETTO", o(3600)), "TZOFFSETTO:+0100");
        case(|w| w.utc_offset("TZOFFSETTO", o(0)), "TZOFFSETTO:+0000");
        case(
            |w| w.utc_offset("TZOFFSETTO", o(-(3 * 3600 + 1800))),
            "TZOFFSETTO:-0330",
        );
        case(
            |w| w.utc_offset("TZOFFSETTO", o(12 * 3600 + 45 * 60)),
            "TZOFFSETTO:+1245",
        );
        case(
            |w| w.utc_offset("TZOFFSETTO", o(-(17 * 60 + 30))),
            "TZOFFSETTO:-001730",
        );
    }

    #[test]
    fn long_values_are_folded() {
        let long = "Grüße 你好 🎉 ".repeat(20);
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        w.text("DESCRIPTION", &long);
        w.raw(
            "URL",
            &[],
            &format!("mailto:x@y.example?body={}", "%20".repeat(40)),
        );
        assert_content_lines(&out);
        let back = crate::ics::fold::unfold(std::str::from_utf8(&out).unwrap());
        let mut lines = back.split_terminator("\r\n");
        assert_eq!(lines.next(), Some(format!("DESCRIPTION:{long}").as_str()));
    }

    #[track_caller]
    fn case(write: impl FnOnce(&mut Writer<'_>), want: &str) {
        let mut out = Vec::new();
        write(&mut Writer::new(&mut out));
        assert_content_lines(&out);
        assert_eq!(String::from_utf8(out).unwrap(), format!("{want}\r\n"));
    }
}
