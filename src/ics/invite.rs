//! Reading a meeting invitation as Google Calendar, Outlook / Exchange /
//! Microsoft Teams, Zoom and Apple Calendar send them: the iTIP request
//! (RFC 5546 §3.2.2, `METHOD:REQUEST`) or a `METHOD:PUBLISH` export, into a
//! plain [`Invite`]: when the meeting is, in which zone, who is in it, what it
//! is called. SPEC §8 (`followup add --invite`).
//!
//! It owns the RFC 5545 side: which VEVENT is the meeting (§3.6.1, and
//! RFC 5546 §2.1.5 for series and their changed occurrences), its
//! DTSTART/DTEND/DURATION in UTC, with a TZID or floating (§3.3.4, §3.3.5),
//! the file's own VTIMEZONE definitions read the way a client reads them
//! (§3.6.5: any number of observances, yearly rules, RDATEs), and ORGANIZER
//! and ATTENDEE with their parameters (§3.8.4.1, §3.8.4.3, §3.2). The syntax
//! is read as [`super::read`] reads it: [`unfold`], then the `icalendar`
//! crate's parser, then [`unescape_text`] where that parser leaves TEXT
//! escaped.
//!
//! Which IANA zone a TZID means (`W. Europe Standard Time`, an Outlook
//! display name, `/mozilla.org/…/Europe/Berlin`, `Customized Time Zone`) is
//! not RFC 5545's business: it comes in as a value, a [`ZoneResolver`]
//! (`zone::windows::Resolver` knows the tz database and CLDR's Windows
//! table), so this module needs neither.
//!
//! It knows nothing of interviews: "the candidate" is just a list of
//! addresses to leave out ([`Options::own_addresses`]). No I/O, no clock.

use std::borrow::Cow;
use std::collections::BTreeMap;

use icalendar::parser::{Component, Property};
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use super::YearlyRule;
use super::escape::unescape_text;
use super::fold::unfold;
use super::read::duration;

/// What the reader needs besides the bytes.
pub struct Options<'a> {
    /// The candidate's own addresses: never an interviewer (compared without
    /// regard to case).
    pub own_addresses: &'a [String],
    /// Names the IANA zone of each TZID.
    pub zones: &'a dyn ZoneResolver,
}

/// Finds the IANA zone a TZID of a foreign file means.
pub trait ZoneResolver {
    /// The zone for `query`, or why none could be found (a sentence).
    fn resolve(&self, query: &ZoneQuery<'_>) -> Result<ZoneFound, String>;
}

/// One TZID to resolve, with what the file says about it.
#[derive(Clone, Copy, Debug)]
pub struct ZoneQuery<'a> {
    /// As written in the TZID parameter (or X-WR-TIMEZONE).
    pub tzid: &'a str,
    /// The file's VTIMEZONE with that TZID, if it has one.
    pub vtimezone: Option<&'a ForeignZone>,
    /// The local time it is used for (rules are compared around it).
    pub local: DateTime,
    /// The calendar's X-WR-TIMEZONE, an IANA name Google and Apple write.
    pub hint: Option<&'a str>,
}

/// The zone a [`ZoneResolver`] found.
#[derive(Clone, Debug)]
pub struct ZoneFound {
    /// IANA name, e.g. `Europe/Berlin`.
    pub name: String,
    pub tz: TimeZone,
    /// `None` when the TZID is that IANA name; otherwise what was guessed
    /// and from what ("Windows zone `W. Europe Standard Time` → …").
    pub guess: Option<String>,
}

/// A meeting invitation, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Invite {
    /// METHOD (RFC 5546 §1.4), e.g. `REQUEST`, `PUBLISH`; `None` if absent.
    pub method: Option<String>,
    /// PRODID: which program wrote the file.
    pub producer: Option<String>,
    pub uid: Option<String>,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    /// The video call link: Google's X-GOOGLE-CONFERENCE, Teams'
    /// X-MICROSOFT-SKYPETEAMSMEETINGURL, a URL in LOCATION, or a Zoom, Meet,
    /// Teams or Webex link in DESCRIPTION.
    pub meeting_link: Option<String>,
    /// Start and end as local times in [`Invite::zone`]; without a zone,
    /// as written (UTC wall-clock time, or floating time).
    pub start: DateTime,
    pub end: DateTime,
    /// `DTSTART;VALUE=DATE`: no time of day (start is that day's 00:00).
    pub all_day: bool,
    /// The IANA zone of the times, when one could be found.
    pub zone: Option<String>,
    /// The instants, when known (not for floating times without a zone).
    pub start_utc: Option<Timestamp>,
    pub end_utc: Option<Timestamp>,
    pub organizer: Option<Person>,
    /// The organizer's mail domain, lower case (`acme.example`).
    pub organizer_domain: Option<String>,
    /// The people in the meeting: the organizer, then the attendees, less
    /// those in [`Invite::left_out`]; each address once.
    pub people: Vec<Person>,
    /// Attendees that are not interviewers, and why.
    pub left_out: Vec<(Person, LeftOut)>,
    /// What was guessed (the zone of a Windows or custom TZID, which event
    /// of several, a room without CUTYPE), one sentence each.
    pub guessed: Vec<String>,
    /// What the reader noticed and the user should check.
    pub warnings: Vec<String>,
}

/// An ORGANIZER or ATTENDEE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// CN (RFC 5545 §3.2.2), unquoted; `None` when absent or just the address.
    pub name: Option<String>,
    /// The address: the EMAIL parameter (RFC 7986 §6.2) or the `mailto:`
    /// value, as written.
    pub email: Option<String>,
    /// ROLE (§3.2.16), upper case, e.g. `REQ-PARTICIPANT`, `CHAIR`.
    pub role: Option<String>,
    /// CUTYPE (§3.2.3), upper case, e.g. `INDIVIDUAL`, `ROOM`.
    pub cutype: Option<String>,
    /// PARTSTAT (§3.2.12), upper case, e.g. `ACCEPTED`.
    pub partstat: Option<String>,
    pub organizer: bool,
}

/// Why an attendee is not an interviewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOut {
    /// One of [`Options::own_addresses`].
    Candidate,
    /// A room or other resource (CUTYPE, a resource address, or its name).
    Room,
    /// A mailing list (CUTYPE=GROUP) or a shared Google calendar.
    Group,
    /// ROLE=NON-PARTICIPANT: copied for information only (§3.2.16).
    NonParticipant,
    /// PARTSTAT=DECLINED: will not be there.
    Declined,
    /// A no-reply sender address (Zoom's organizer of webinars).
    NoReply,
}

/// Why a file could not be read as an invitation; the message is a sentence
/// ready for a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InviteError(pub String);

impl std::fmt::Display for InviteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InviteError {}

fn err<T>(message: impl Into<String>) -> Result<T, InviteError> {
    Err(InviteError(message.into()))
}

/// A VTIMEZONE as another program wrote it (RFC 5545 §3.6.5): any number of
/// STANDARD and DAYLIGHT observances, each a first onset (DTSTART), maybe a
/// yearly RRULE and RDATEs. Exchange writes one pair starting in 1601,
/// Google and Apple several (one per historical rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignZone {
    pub tzid: String,
    pub observances: Vec<ForeignObservance>,
}

/// One STANDARD or DAYLIGHT sub-component of a [`ForeignZone`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignObservance {
    pub daylight: bool,
    /// DTSTART: the first onset, local time in `offset_from`.
    pub start: DateTime,
    pub offset_from: Offset,
    pub offset_to: Offset,
    /// The yearly RRULE, if any (and one this reader understands).
    pub rule: Option<YearlyRule>,
    /// The rule's UNTIL (§3.3.10), an instant.
    pub until: Option<Timestamp>,
    /// RDATE onsets (local times in `offset_from`).
    pub rdates: Vec<DateTime>,
}

impl ForeignObservance {
    /// The onset at local time `local`, as an instant.
    fn at(&self, local: DateTime) -> Option<Timestamp> {
        self.offset_from.to_timestamp(local).ok()
    }

    /// The onsets its RRULE gives in the local years `years` (none before
    /// DTSTART or after UNTIL).
    fn rule_onsets(&self, years: std::ops::RangeInclusive<i16>) -> Vec<Timestamp> {
        let Some(rule) = self.rule else {
            return Vec::new();
        };
        years
            .filter_map(|year| rule.date_in(year))
            .map(|date| date.to_datetime(self.start.time()))
            .filter(|&local| local >= self.start)
            .filter_map(|local| self.at(local))
            .filter(|t| self.until.is_none_or(|u| *t <= u))
            .collect()
    }

    /// DTSTART and the RDATEs, as instants.
    fn single_onsets(&self) -> impl Iterator<Item = Timestamp> + '_ {
        std::iter::once(self.start)
            .chain(self.rdates.iter().copied())
            .filter_map(|local| self.at(local))
    }
}

impl ForeignZone {
    /// The offset a client reading this VTIMEZONE uses at `t`: the
    /// TZOFFSETTO of the latest onset at or before `t` (§3.6.5); before the
    /// first onset, the earliest observance's TZOFFSETFROM.
    pub fn offset_at(&self, t: Timestamp) -> Offset {
        let year = Offset::UTC.to_datetime(t).year();
        // A yearly rule's latest onset before `t` is in `t`'s year or the one
        // before (local years differ from UTC years by less than a day).
        let window = year.saturating_sub(1)..=year.saturating_add(1);
        let latest = self
            .observances
            .iter()
            .flat_map(|o| {
                o.single_onsets()
                    .chain(o.rule_onsets(window.clone()))
                    .filter(|&onset| onset <= t)
                    .map(move |onset| (onset, o.offset_to))
            })
            .max_by_key(|&(onset, _)| onset);
        match latest {
            Some((_, offset)) => offset,
            None => self
                .observances
                .iter()
                .min_by_key(|o| o.start)
                .map_or(Offset::UTC, |o| o.offset_from),
        }
    }

    /// The onsets in `[from, until)`, in order, with the offset each brings.
    pub fn onsets(&self, from: Timestamp, until: Timestamp) -> Vec<(Timestamp, Offset)> {
        let first = Offset::UTC.to_datetime(from).year().saturating_sub(1);
        let last = Offset::UTC.to_datetime(until).year().saturating_add(1);
        let mut all: Vec<(Timestamp, Offset)> = self
            .observances
            .iter()
            .flat_map(|o| {
                o.single_onsets()
                    .chain(o.rule_onsets(first..=last))
                    .map(move |t| (t, o.offset_to))
            })
            .filter(|&(t, _)| from <= t && t < until)
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// The instant a client reads for local time `dt` here (RFC 5545
    /// §3.3.5): the first of two occurrences in a fold; in a gap, the offset
    /// before the gap (so the time moves forward by the gap's length).
    pub fn to_timestamp(&self, dt: DateTime) -> Option<Timestamp> {
        let mut offsets: Vec<Offset> = self
            .observances
            .iter()
            .flat_map(|o| [o.offset_from, o.offset_to])
            .collect();
        offsets.sort();
        offsets.dedup();
        let valid = offsets
            .iter()
            .filter_map(|o| o.to_timestamp(dt).ok().filter(|&t| self.offset_at(t) == *o))
            .min();
        if valid.is_some() {
            return valid;
        }
        let highest = offsets.last()?;
        let before = self.offset_at(highest.to_timestamp(dt).ok()?);
        before.to_timestamp(dt).ok()
    }
}

/// Reads a meeting invitation.
///
/// # Example: a Google Calendar request in UTC
///
/// ```
/// use followup::ics::invite::{read, Options};
/// let file = "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n\
///     VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:20261117T190000Z\r\n\
///     DTEND:20261117T200000Z\r\nUID:x@google.com\r\nSUMMARY:Interview\r\n\
///     ORGANIZER;CN=Mark Lee:mailto:mark@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
/// let invite = read(file.as_bytes(), &Options {
///     own_addresses: &[],
///     zones: &followup::zone::windows::Resolver,
/// })?;
/// assert_eq!(invite.start_utc, Some("2026-11-17T19:00:00Z".parse()?));
/// assert_eq!(invite.people[0].name.as_deref(), Some("Mark Lee"));
/// assert_eq!(invite.organizer_domain.as_deref(), Some("acme.example"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read(bytes: &[u8], options: &Options<'_>) -> Result<Invite, InviteError> {
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            warnings.push(
                "the file is not UTF-8 text (RFC 5545 §3.1.4); its odd bytes were replaced".into(),
            );
            String::from_utf8_lossy(bytes)
        }
    };
    let unfolded = unfold(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let Some((calendar_text, dropped)) = calendars_only(&unfolded) else {
        return err("it holds no calendar (no BEGIN:VCALENDAR … END:VCALENDAR)");
    };
    if dropped > 0 {
        warnings.push(format!(
            "{dropped} line(s) that are not iCalendar content lines (RFC 5545 §3.1) were skipped"
        ));
    }
    let components = icalendar::parser::read_components(&calendar_text).map_err(|e| {
        let first: String = e.lines().take(3).collect::<Vec<_>>().join(" ");
        InviteError(format!("it is not valid iCalendar: {}", first.trim()))
    })?;
    let calendars: Vec<&Component<'_>> = components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VCALENDAR"))
        .collect();
    let mut file = File::default();
    for calendar in &calendars {
        file.method = file.method.or_else(|| value(calendar, "METHOD"));
        file.producer = file.producer.or_else(|| value(calendar, "PRODID"));
        file.hint = file.hint.or_else(|| value(calendar, "X-WR-TIMEZONE"));
        for c in &calendar.components {
            let name = c.name.as_str();
            if name.eq_ignore_ascii_case("VTIMEZONE") {
                match foreign_zone(c) {
                    Ok(z) => {
                        file.zones.insert(z.tzid.clone(), z);
                    }
                    Err(why) => warnings.push(why),
                }
            } else if name.eq_ignore_ascii_case("VEVENT") {
                file.events.push(c);
            }
        }
    }
    if file
        .method
        .as_deref()
        .is_some_and(|m| m.eq_ignore_ascii_case("CANCEL"))
    {
        return err("it cancels a meeting (METHOD:CANCEL) rather than inviting to one");
    }
    let mut guessed = Vec::new();
    let chosen = choose_event(&file, &mut guessed, &mut warnings)?;
    let when = place(&chosen, &file, options, &mut guessed, &mut warnings)?;
    let event = chosen.event;
    let (organizer, people, left_out) = people(event, options, &mut guessed);
    let organizer_domain = organizer
        .as_ref()
        .and_then(|o| o.email.as_deref())
        .and_then(|e| e.rsplit_once('@'))
        .map(|(_, domain)| domain.trim().to_ascii_lowercase())
        .filter(|d| !d.is_empty());
    let summary = text_value(event, "SUMMARY").map(|s| s.trim().to_string());
    // Outlook keeps a cancelled meeting in the calendar with its title
    // prefixed (an export carries no METHOD:CANCEL to say so).
    if summary.as_deref().is_some_and(|s| {
        let lower = s.to_lowercase();
        lower.starts_with("canceled:") || lower.starts_with("cancelled:")
    }) {
        warnings.push("its title says the meeting was cancelled".into());
    }
    let location = text_value(event, "LOCATION").filter(|s| !s.trim().is_empty());
    let description = text_value(event, "DESCRIPTION").filter(|s| !s.trim().is_empty());
    let meeting_link = meeting_link(event, location.as_deref(), description.as_deref());
    Ok(Invite {
        method: file.method.clone(),
        producer: file.producer.clone(),
        uid: value(event, "UID"),
        summary: summary.filter(|s| !s.is_empty()),
        location,
        description,
        meeting_link,
        start: when.start,
        end: when.end,
        all_day: when.all_day,
        zone: when.zone,
        start_utc: when.start_utc,
        end_utc: when.end_utc,
        organizer,
        organizer_domain,
        people,
        left_out,
        guessed,
        warnings,
    })
}

/// The calendar(s) of a text, from the first `BEGIN:VCALENDAR` line to the
/// last `END:VCALENDAR` line, keeping only content lines (§3.1: a name of
/// letters, digits and dashes, then `;` or `:`). A file saved from a mail
/// may carry headers before and a signature after, and hand-edited files
/// carry blank lines or text that lost its escaping; the `icalendar` parser
/// reads none of them. The count of lines dropped comes back too.
fn calendars_only(unfolded: &str) -> Option<(String, usize)> {
    let lines: Vec<&str> = unfolded.lines().map(|l| l.trim_end_matches('\r')).collect();
    let first = lines
        .iter()
        .position(|l| l.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR"))?;
    let last = lines
        .iter()
        .rposition(|l| l.trim().eq_ignore_ascii_case("END:VCALENDAR"))?;
    if last < first {
        return None;
    }
    let mut out = String::new();
    let mut dropped = 0;
    let mut open_quote = false;
    for line in &lines[first..=last] {
        // A line break inside a quoted parameter value is a fold that lost
        // its leading space (Outlook's CDO wrote `CN="'name` and
        // `@example.net'"` on two lines): join the halves.
        if open_quote {
            out.truncate(out.len().saturating_sub(2));
        } else if line.trim().is_empty() {
            continue;
        } else if !is_content_line(line) {
            dropped += 1;
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
        open_quote ^= quotes_before_value(line, open_quote) % 2 == 1;
    }
    Some((out, dropped))
}

/// The count of `"` in the part of `line` before its value (the first `:`
/// outside quotes), starting inside a quoted value if `open`.
fn quotes_before_value(line: &str, open: bool) -> usize {
    let mut inside = open;
    let mut count = 0;
    for c in line.chars() {
        match c {
            '"' => {
                inside = !inside;
                count += 1;
            }
            ':' if !inside => break,
            _ => {}
        }
    }
    count
}

fn is_content_line(line: &str) -> bool {
    let name_end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(line.len());
    name_end > 0 && matches!(line.as_bytes().get(name_end), Some(b';' | b':'))
}

#[derive(Default)]
struct File<'c> {
    method: Option<String>,
    producer: Option<String>,
    hint: Option<String>,
    zones: BTreeMap<String, ForeignZone>,
    events: Vec<&'c Component<'c>>,
}

impl File<'_> {
    fn zone(&self, tzid: &str) -> Option<&ForeignZone> {
        self.zones.get(tzid).or_else(|| {
            self.zones
                .values()
                .find(|z| z.tzid.trim().eq_ignore_ascii_case(tzid.trim()))
        })
    }
}

/// The property `name` of `c` (first one; names compare without case).
fn prop<'c>(c: &'c Component<'_>, name: &str) -> Option<&'c Property<'c>> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn props<'c>(c: &'c Component<'_>, name: &'c str) -> impl Iterator<Item = &'c Property<'c>> {
    c.properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

/// A property's value, trimmed, if present and not empty.
fn value(c: &Component<'_>, name: &str) -> Option<String> {
    prop(c, name)
        .map(|p| p.val.as_str().trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A TEXT property's value, unescaped (§3.3.11). The `icalendar` parser
/// unescapes the TEXT properties it knows when their name is upper case.
fn text_value(c: &Component<'_>, name: &str) -> Option<String> {
    let p = prop(c, name)?;
    let v = p.val.as_str();
    if p.name.as_str().bytes().any(|b| b.is_ascii_lowercase()) {
        Some(unescape_text(v))
    } else {
        Some(v.to_string())
    }
}

fn param<'p>(p: &'p Property<'_>, key: &str) -> Option<&'p str> {
    p.params
        .iter()
        .find(|q| q.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|q| q.val.as_ref())
        .map(|v| v.as_str())
}

/// `YYYYMMDDTHHMMSS` (§3.3.5), seconds 60 read as 59.
fn datetime(v: &str) -> Option<DateTime> {
    let b = v.as_bytes();
    if b.len() != 15 || !b[8].eq_ignore_ascii_case(&b'T') {
        return None;
    }
    let date = date(v.get(..8)?)?;
    let num = |r: std::ops::Range<usize>| -> Option<i8> {
        let s = v.get(r)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    // A leap second (60) is read as 59 (§3.3.12 allows it; jiff does not).
    let second = num(13..15)?;
    let second = if second == 60 { 59 } else { second };
    DateTime::new(
        date.year(),
        date.month(),
        date.day(),
        num(9..11)?,
        num(11..13)?,
        second,
        0,
    )
    .ok()
}

/// `YYYYMMDD` (§3.3.4).
fn date(v: &str) -> Option<Date> {
    if v.len() != 8 || !v.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i16 = v.get(0..4)?.parse().ok()?;
    let month: i8 = v.get(4..6)?.parse().ok()?;
    let day: i8 = v.get(6..8)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// `+0100`, `-0330`, `+053045`, `-0000` (§3.3.14).
fn utc_offset(v: &str) -> Option<Offset> {
    let v = v.trim();
    let sign = match v.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = v.get(1..)?;
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let part = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<i32>().ok());
    let seconds = part(0..2)? * 3600 + part(2..4)? * 60 + part(4..6).unwrap_or(0);
    Offset::from_seconds(sign * seconds).ok()
}

/// A VTIMEZONE's yearly RRULE as producers write it: Exchange adds
/// `INTERVAL=1` and `WKST`, older Outlook writes `BYDAY=5SU` for the last
/// Sunday, Lotus Notes `BYMONTHDAY=8,9,…,14;BYDAY=SU` for the second. The
/// result is the rule and its UNTIL; `None` for a rule of another shape.
fn yearly_rule(v: &str) -> Option<(YearlyRule, Option<Timestamp>)> {
    let mut freq = None;
    let mut month = None;
    let mut byday = None;
    let mut monthdays: Option<Vec<i8>> = None;
    let mut until = None;
    for part in v.split(';').filter(|p| !p.trim().is_empty()) {
        let (k, val) = part.split_once('=')?;
        let val = val.trim();
        match k.trim().to_ascii_uppercase().as_str() {
            "FREQ" => freq = Some(val.to_ascii_uppercase()),
            "BYMONTH" => month = val.parse::<i8>().ok().filter(|m| (1..=12).contains(m)),
            "BYDAY" => byday = Some(val.to_ascii_uppercase()),
            "BYMONTHDAY" => {
                monthdays = Some(
                    val.split(',')
                        .filter_map(|d| d.trim().parse().ok())
                        .collect(),
                )
            }
            "INTERVAL" if val == "1" => {}
            "WKST" => {}
            "UNTIL" => {
                until = match val.strip_suffix(['Z', 'z']) {
                    Some(v) => datetime(v)?.to_zoned(TimeZone::UTC).ok()?.timestamp(),
                    None => date(val)
                        .map(|d| d.to_datetime(jiff::civil::Time::MAX))
                        .or_else(|| datetime(val))?
                        .to_zoned(TimeZone::UTC)
                        .ok()?
                        .timestamp(),
                }
                .into()
            }
            _ => return None,
        }
    }
    if freq.as_deref() != Some("YEARLY") {
        return None;
    }
    let byday = byday?;
    let split = byday.len().checked_sub(2)?;
    let (week, day) = (byday.get(..split)?, byday.get(split..)?);
    let weekday = match day {
        "MO" => jiff::civil::Weekday::Monday,
        "TU" => jiff::civil::Weekday::Tuesday,
        "WE" => jiff::civil::Weekday::Wednesday,
        "TH" => jiff::civil::Weekday::Thursday,
        "FR" => jiff::civil::Weekday::Friday,
        "SA" => jiff::civil::Weekday::Saturday,
        "SU" => jiff::civil::Weekday::Sunday,
        _ => return None,
    };
    let week: i8 = match (week.trim_start_matches('+'), monthdays) {
        ("", Some(days)) => {
            // Seven days in a row starting on the 1st, 8th, 15th or 22nd: the
            // 1st to 4th such weekday; ending on the month's last day: the last.
            let first = *days.iter().min()?;
            if days.len() != 7 {
                return None;
            }
            match first {
                1 => 1,
                8 => 2,
                15 => 3,
                22 => 4,
                -7 => -1,
                _ => return None,
            }
        }
        ("5", None) => -1,
        (w, None) => w.parse().ok()?,
        _ => return None,
    };
    if !(week == -1 || (1..=4).contains(&week)) {
        return None;
    }
    Some((
        YearlyRule {
            month: month?,
            week,
            weekday,
        },
        until,
    ))
}

fn foreign_zone(c: &Component<'_>) -> Result<ForeignZone, String> {
    let Some(tzid) = prop(c, "TZID").map(|p| p.val.as_str().trim().to_string()) else {
        return Err("a VTIMEZONE without TZID was left out".into());
    };
    let mut observances = Vec::new();
    for sub in &c.components {
        let daylight = match sub.name.as_str().to_ascii_uppercase().as_str() {
            "STANDARD" => false,
            "DAYLIGHT" => true,
            _ => continue,
        };
        let what = || format!("VTIMEZONE {tzid:?}");
        let start = value(sub, "DTSTART")
            .and_then(|v| datetime(&v))
            .ok_or_else(|| format!("{} has an observance without a valid DTSTART", what()))?;
        let offset = |name: &str| {
            value(sub, name)
                .and_then(|v| utc_offset(&v))
                .ok_or_else(|| format!("{} has an observance without a valid {name}", what()))
        };
        let (offset_from, offset_to) = (offset("TZOFFSETFROM")?, offset("TZOFFSETTO")?);
        let (rule, until) = match value(sub, "RRULE") {
            Some(r) => {
                let (rule, until) = yearly_rule(&r).ok_or_else(|| {
                    format!("{} has an RRULE this reader does not know: {r}", what())
                })?;
                (Some(rule), until)
            }
            None => (None, None),
        };
        let rdates = props(sub, "RDATE")
            .flat_map(|p| p.val.as_str().split(','))
            .filter_map(|v| datetime(v.trim()))
            .collect();
        observances.push(ForeignObservance {
            daylight,
            start,
            offset_from,
            offset_to,
            rule,
            until,
            rdates,
        });
    }
    if observances.is_empty() {
        return Err(format!("VTIMEZONE {tzid:?} has no STANDARD or DAYLIGHT"));
    }
    Ok(ForeignZone { tzid, observances })
}

/// A DATE-TIME or DATE as written.
#[derive(Clone, Debug, PartialEq)]
enum Written {
    Utc(Timestamp),
    /// With a TZID (possibly empty, as Exchange writes `TZID=`) or floating.
    Local {
        dt: DateTime,
        tzid: Option<String>,
    },
    Date(Date),
}

fn written(p: &Property<'_>) -> Result<Written, String> {
    let v = p.val.as_str().trim();
    let name = p.name.as_str().to_ascii_uppercase();
    let bad = || format!("{name} {v:?} is not a date or date-time (RFC 5545 §3.3.4, §3.3.5)");
    if param(p, "VALUE").is_some_and(|t| t.eq_ignore_ascii_case("DATE")) || v.len() == 8 {
        return date(v).map(Written::Date).ok_or_else(bad);
    }
    if let Some(utc) = v.strip_suffix(['Z', 'z']) {
        return datetime(utc)
            .and_then(|dt| dt.to_zoned(TimeZone::UTC).ok())
            .map(|z| Written::Utc(z.timestamp()))
            .ok_or_else(bad);
    }
    let dt = datetime(v).ok_or_else(bad)?;
    let tzid = p
        .params
        .iter()
        .find(|q| q.key.as_str().eq_ignore_ascii_case("TZID"))
        .map(|q| {
            q.val
                .as_ref()
                .map(|v| v.as_str().trim().trim_matches('"').to_string())
                .unwrap_or_default()
        });
    Ok(Written::Local { dt, tzid })
}

/// The VEVENT to use, with how it relates to its series.
struct Chosen<'c> {
    event: &'c Component<'c>,
    start: Written,
}

fn is_cancelled(c: &Component<'_>) -> bool {
    value(c, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
}

/// Picks the meeting among the file's VEVENTs: not cancelled; of several
/// meetings, one with people (an invitation has them), then the earliest;
/// of a series, the first occurrence, or the changed occurrence that
/// replaces it (RECURRENCE-ID, RFC 5545 §3.8.4.4); of a file with only
/// changed occurrences, the earliest.
fn choose_event<'c>(
    file: &File<'c>,
    guessed: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Chosen<'c>, InviteError> {
    if file.events.is_empty() {
        return err("it holds no event (no VEVENT)");
    }
    let mut usable = Vec::new();
    for (i, &event) in file.events.iter().enumerate() {
        match prop(event, "DTSTART").map(written) {
            Some(Ok(start)) => usable.push((event, start)),
            Some(Err(why)) => warnings.push(format!("event {} was left out: {why}", i + 1)),
            None => warnings.push(format!("event {} was left out: it has no DTSTART", i + 1)),
        }
    }
    let all = usable.len();
    usable.retain(|(event, _)| !is_cancelled(event));
    if usable.is_empty() {
        return if all > 0 {
            err("its event is cancelled (STATUS:CANCELLED)")
        } else {
            err("none of its events has a valid DTSTART")
        };
    }
    // One meeting (UID) per invitation: of several, prefer those with people.
    let uid = |e: &Component<'_>| value(e, "UID").unwrap_or_default();
    let mut uids: Vec<String> = usable.iter().map(|(e, _)| uid(e)).collect();
    uids.sort();
    uids.dedup();
    if uids.len() > 1 {
        let with_people: Vec<String> = uids
            .iter()
            .filter(|u| {
                usable.iter().any(|(e, _)| {
                    uid(e) == **u
                        && (prop(e, "ORGANIZER").is_some() || prop(e, "ATTENDEE").is_some())
                })
            })
            .cloned()
            .collect();
        let pool = if with_people.is_empty() {
            uids.clone()
        } else {
            with_people
        };
        let earliest = usable
            .iter()
            .filter(|(e, _)| pool.contains(&uid(e)))
            .min_by(|(_, a), (_, b)| sort_key(a).cmp(&sort_key(b)))
            .map(|(e, _)| uid(e))
            .unwrap_or_default();
        guessed.push(format!(
            "the file holds {} different events; used the earliest{} (UID {earliest})",
            uids.len(),
            if pool.len() < uids.len() {
                " with an organizer or attendees"
            } else {
                ""
            }
        ));
        usable.retain(|(e, _)| uid(e) == earliest);
    }
    let (masters, overrides): (Vec<_>, Vec<_>) = usable
        .into_iter()
        .partition(|(e, _)| prop(e, "RECURRENCE-ID").is_none());
    let recurrence_id = |e: &Component<'_>| prop(e, "RECURRENCE-ID").and_then(|p| written(p).ok());
    if let Some((master, start)) = masters.into_iter().next() {
        let recurs = prop(master, "RRULE").is_some() || prop(master, "RDATE").is_some();
        if !recurs {
            return Ok(Chosen {
                event: master,
                start,
            });
        }
        if let Some((changed, changed_start)) = overrides
            .iter()
            .find(|(e, _)| recurrence_id(e).as_ref() == Some(&start))
        {
            guessed.push(format!(
                "the meeting repeats; used its first occurrence, which was moved to {}",
                describe(changed_start)
            ));
            return Ok(Chosen {
                event: changed,
                start: changed_start.clone(),
            });
        }
        guessed.push(format!(
            "the meeting repeats ({}); used its first occurrence, {}",
            value(master, "RRULE").unwrap_or_else(|| "RDATE".into()),
            describe(&start)
        ));
        return Ok(Chosen {
            event: master,
            start,
        });
    }
    let Some((event, start)) = overrides
        .into_iter()
        .min_by(|(_, a), (_, b)| sort_key(a).cmp(&sort_key(b)))
    else {
        return err("it holds no event that is not cancelled");
    };
    guessed.push(format!(
        "the file holds one changed occurrence of a repeating meeting (RECURRENCE-ID {}); used it",
        recurrence_id(event).map_or_else(|| "?".into(), |w| describe(&w))
    ));
    Ok(Chosen { event, start })
}

/// Orders written times roughly (UTC and local times compared as written):
/// only used to pick the earliest of several events.
fn sort_key(w: &Written) -> DateTime {
    match w {
        Written::Utc(t) => Offset::UTC.to_datetime(*t),
        Written::Local { dt, .. } => *dt,
        Written::Date(d) => d.to_datetime(jiff::civil::Time::midnight()),
    }
}

fn describe(w: &Written) -> String {
    match w {
        Written::Utc(t) => format!("{t}"),
        Written::Local { dt, tzid: Some(z) } => format!("{dt} ({z})"),
        Written::Local { dt, tzid: None } => format!("{dt} (floating)"),
        Written::Date(d) => format!("{d}"),
    }
}

/// Start, end and zone of the chosen event.
struct Placed {
    start: DateTime,
    end: DateTime,
    all_day: bool,
    zone: Option<String>,
    start_utc: Option<Timestamp>,
    end_utc: Option<Timestamp>,
}

/// A zone found for the times, with the file's own definition of it.
struct InZone<'f> {
    found: Option<ZoneFound>,
    vtimezone: Option<&'f ForeignZone>,
}

impl InZone<'_> {
    /// The instant of a local time: by the file's VTIMEZONE when it has
    /// one (RFC 5545 §3.6.5: it defines the TZID), else by the tz database.
    fn instant(&self, dt: DateTime) -> Option<Timestamp> {
        match (self.vtimezone, &self.found) {
            (Some(v), _) => v.to_timestamp(dt),
            (None, Some(found)) => found.tz.to_ambiguous_timestamp(dt).compatible().ok(),
            (None, None) => None,
        }
    }
}

fn place(
    chosen: &Chosen<'_>,
    file: &File<'_>,
    options: &Options<'_>,
    guessed: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Placed, InviteError> {
    let event = chosen.event;
    let hint = file.hint.as_deref();
    let resolve = |tzid: &str,
                   vtimezone: Option<&ForeignZone>,
                   local: DateTime,
                   guessed: &mut Vec<String>|
     -> Result<ZoneFound, String> {
        let found = options.zones.resolve(&ZoneQuery {
            tzid,
            vtimezone,
            local,
            hint,
        })?;
        guessed.extend(found.guess.clone());
        Ok(found)
    };
    // The zone of times that name none (UTC, floating, dates): X-WR-TIMEZONE
    // (Google and Apple write the calendar's zone there), else the file's
    // only VTIMEZONE.
    let implied = |local: DateTime, what: &str, guessed: &mut Vec<String>| -> Option<InZone<'_>> {
        let (tzid, source) = match (hint, file.zones.len()) {
            (Some(h), _) => (h.to_string(), "the calendar's X-WR-TIMEZONE"),
            (None, 1) => (
                file.zones.keys().next()?.clone(),
                "the file's only VTIMEZONE",
            ),
            _ => return None,
        };
        let vtimezone = file.zone(&tzid);
        let found = resolve(&tzid, vtimezone, local, guessed).ok()?;
        guessed.push(format!(
            "the times are {what}; took the zone {} from {source}",
            found.name
        ));
        Some(InZone {
            found: Some(found),
            vtimezone: if what == "in UTC" { None } else { vtimezone },
        })
    };

    let mut all_day = false;
    let (zone, start_local, start_utc) = match &chosen.start {
        Written::Local {
            dt,
            tzid: Some(tzid),
        } => {
            let vtimezone = file.zone(tzid);
            let zone = match resolve(tzid, vtimezone, *dt, guessed) {
                Ok(found) => InZone {
                    found: Some(found),
                    vtimezone,
                },
                Err(why) if vtimezone.is_some() => {
                    warnings.push(format!(
                        "{why}; the times follow the file's VTIMEZONE {tzid:?}, but no zone name was found"
                    ));
                    InZone {
                        found: None,
                        vtimezone,
                    }
                }
                Err(why) => return err(why),
            };
            let t = zone.instant(*dt);
            (zone, *dt, t)
        }
        Written::Local { dt, tzid: None } => match implied(*dt, "floating (no zone)", guessed) {
            Some(zone) => {
                let t = zone.instant(*dt);
                (zone, *dt, t)
            }
            None => {
                warnings.push(
                        "the times are floating (no zone, RFC 5545 §3.3.5 form #1) and the file names none".into(),
                    );
                (
                    InZone {
                        found: None,
                        vtimezone: None,
                    },
                    *dt,
                    None,
                )
            }
        },
        Written::Utc(t) => {
            let wall = Offset::UTC.to_datetime(*t);
            let zone = implied(wall, "in UTC", guessed).unwrap_or_else(|| {
                warnings.push("the times are in UTC and the file names no zone".into());
                InZone {
                    found: None,
                    vtimezone: None,
                }
            });
            (zone, wall, Some(*t))
        }
        Written::Date(d) => {
            all_day = true;
            warnings.push(format!(
                "it is an all-day event on {d} (no time of day): set the start time"
            ));
            let midnight = d.to_datetime(jiff::civil::Time::midnight());
            let zone = implied(midnight, "a date without time", guessed).unwrap_or(InZone {
                found: None,
                vtimezone: None,
            });
            let t = zone.instant(midnight);
            (zone, midnight, t)
        }
    };
    // Local times in the chosen IANA zone. When the file's VTIMEZONE and the
    // tz database disagree, the instant (what every attendee's client shows)
    // wins and the local time follows it.
    let local_in_zone = |t: Option<Timestamp>, written: DateTime| match (&zone.found, t) {
        (Some(found), Some(t)) => t.to_zoned(found.tz.clone()).datetime(),
        _ => written,
    };
    let start = local_in_zone(start_utc, start_local);
    if start != start_local
        && let Some(found) = &zone.found
        && !matches!(chosen.start, Written::Utc(_))
    {
        let by_database = found
            .tz
            .to_ambiguous_timestamp(start_local)
            .compatible()
            .ok();
        if by_database == start_utc {
            warnings.push(format!(
                "{start_local} does not exist in {} (the clocks go forward that night); read as \
                 {start}, as RFC 5545 §3.3.5 says",
                found.name
            ));
        } else {
            warnings.push(format!(
                "the file's definition of its zone and the tz database's {} disagree on \
                 {start_local}: used the file's instant, {start} in {}",
                found.name, found.name
            ));
        }
    }

    // The end: DTEND, else DURATION, else (§3.6.1) one day for a date and
    // the start itself for a date-time.
    let end_written = prop(event, "DTEND")
        .map(written)
        .transpose()
        .map_err(InviteError)?;
    let length = value(event, "DURATION").and_then(|v| duration(&v));
    let (end, end_utc) = match (end_written, length) {
        (Some(Written::Utc(t)), _) => (local_in_zone(Some(t), Offset::UTC.to_datetime(t)), Some(t)),
        (Some(Written::Local { dt, tzid }), _) => {
            let same = tzid.as_deref() == written_tzid(&chosen.start);
            let t = if same {
                zone.instant(dt)
            } else if let Some(tzid) = tzid.as_deref() {
                let vtimezone = file.zone(tzid);
                let other = resolve(tzid, vtimezone, dt, guessed).ok();
                InZone {
                    found: other,
                    vtimezone,
                }
                .instant(dt)
            } else {
                zone.instant(dt)
            };
            (local_in_zone(t, dt), t)
        }
        (Some(Written::Date(d)), _) => {
            let dt = d.to_datetime(jiff::civil::Time::midnight());
            let t = zone.instant(dt);
            (local_in_zone(t, dt), t)
        }
        (None, Some(length)) => match start_utc {
            Some(t) => {
                let t = t.checked_add(length).ok();
                (local_in_zone(t, start), t)
            }
            None => (start.checked_add(length).unwrap_or(start), None),
        },
        (None, None) if all_day => {
            let dt = start
                .checked_add(SignedDuration::from_hours(24))
                .unwrap_or(start);
            (
                dt,
                start_utc.and_then(|t| t.checked_add(SignedDuration::from_hours(24)).ok()),
            )
        }
        (None, None) => {
            warnings.push("it has neither DTEND nor DURATION: it ends when it starts".into());
            (start, start_utc)
        }
    };
    if let (Some(s), Some(e)) = (start_utc, end_utc)
        && e < s
    {
        warnings.push("it ends before it starts".into());
    }
    Ok(Placed {
        start,
        end,
        all_day,
        zone: zone.found.map(|f| f.name),
        start_utc,
        end_utc,
    })
}

fn written_tzid(w: &Written) -> Option<&str> {
    match w {
        Written::Local { tzid, .. } => tzid.as_deref(),
        _ => None,
    }
}

/// RFC 6868 parameter value encoding: `^'` is a double quote, `^n` a
/// newline, `^^` a caret.
fn decode_param(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '^' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\'') => out.push('"'),
            Some('n' | 'N') => out.push('\n'),
            Some('^') => out.push('^'),
            Some(other) => {
                out.push('^');
                out.push(other);
            }
            None => out.push('^'),
        }
    }
    out
}

fn person(p: &Property<'_>, organizer: bool) -> Person {
    let upper = |key: &str| param(p, key).map(|v| v.trim().to_ascii_uppercase());
    // The address: RFC 7986's EMAIL parameter, else the value without its
    // scheme (`mailto:`, any case; Zoom writes the bare address).
    let value = p.val.as_str().trim();
    let address = value
        .get(..7)
        .filter(|s| s.eq_ignore_ascii_case("mailto:"))
        .map_or(value, |_| &value[7..]);
    let email = param(p, "EMAIL")
        .map(|e| e.trim().trim_matches('"').to_string())
        .or_else(|| Some(address.trim().to_string()))
        .filter(|e| e.contains('@') && !e.contains('/'));
    // Outlook's CDO quotes names twice (`CN="'Ann Lee'"`).
    let name = param(p, "CN")
        .map(decode_param)
        .map(|n| {
            n.trim()
                .trim_matches(['"', '\''])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|n| !n.is_empty())
        .filter(|n| {
            // Google writes the address as CN when there is no name.
            let bare: String = n.chars().filter(|c| !c.is_whitespace()).collect();
            !email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(&bare))
        });
    Person {
        name,
        email,
        role: upper("ROLE"),
        cutype: upper("CUTYPE"),
        partstat: upper("PARTSTAT"),
        organizer,
    }
}

/// Words that name a room, not a person: a whole word of CN ("Conf Rm 4",
/// "Room 2.14", "Besprechungsraum Nord"), never a part of one ("Vlad
/// Salagean" is a person).
const ROOM_WORDS: &[&str] = &[
    "room",
    "rooms",
    "rm",
    "conf",
    "conference",
    "boardroom",
    "meetingroom",
    "raum",
    "besprechungsraum",
    "konferenzraum",
    "salle",
    "sala",
    "zaal",
    "vergaderruimte",
];

/// Why an attendee is not an interviewer, if it is not: RFC 5545's CUTYPE
/// and ROLE first; then what rooms look like where producers leave CUTYPE
/// out (Outlook rooms are resource mailboxes with names like "Conf Room
/// 3A"; Google's room addresses end in `@resource.calendar.google.com`).
fn left_out(p: &Person, own: &[String], guessed: &mut Vec<String>) -> Option<LeftOut> {
    let email = p.email.as_deref().unwrap_or_default().to_ascii_lowercase();
    if !email.is_empty() && own.iter().any(|o| o.trim().eq_ignore_ascii_case(&email)) {
        return Some(LeftOut::Candidate);
    }
    match p.cutype.as_deref() {
        Some("ROOM" | "RESOURCE") => return Some(LeftOut::Room),
        Some("GROUP") => return Some(LeftOut::Group),
        _ => {}
    }
    if email.ends_with("@resource.calendar.google.com") {
        return Some(LeftOut::Room);
    }
    // A Google calendar (not a person) invited as a whole.
    if email.ends_with("@group.calendar.google.com")
        || email.ends_with("@import.calendar.google.com")
    {
        return Some(LeftOut::Group);
    }
    let local = email.split('@').next().unwrap_or_default();
    if ["no-reply", "noreply", "do-not-reply", "donotreply"].contains(&local) {
        return Some(LeftOut::NoReply);
    }
    if p.role.as_deref() == Some("NON-PARTICIPANT") {
        return Some(LeftOut::NonParticipant);
    }
    if p.partstat.as_deref() == Some("DECLINED") {
        return Some(LeftOut::Declined);
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut said = words(p.name.as_deref().unwrap_or_default());
    said.extend(words(local));
    if p.cutype.is_none() && said.iter().any(|w| ROOM_WORDS.contains(&w.as_str())) {
        guessed.push(format!(
            "{} looks like a room (its name), so it is not an interviewer",
            p.name
                .as_deref()
                .or(p.email.as_deref())
                .unwrap_or("an attendee")
        ));
        return Some(LeftOut::Room);
    }
    None
}

type People = (Option<Person>, Vec<Person>, Vec<(Person, LeftOut)>);

fn people(event: &Component<'_>, options: &Options<'_>, guessed: &mut Vec<String>) -> People {
    let organizer = prop(event, "ORGANIZER").map(|p| person(p, true));
    let mut kept: Vec<Person> = Vec::new();
    let mut left: Vec<(Person, LeftOut)> = Vec::new();
    let all = organizer
        .iter()
        .cloned()
        .chain(props(event, "ATTENDEE").map(|p| person(p, false)));
    for p in all {
        if p.name.is_none() && p.email.is_none() {
            continue;
        }
        let same = |k: &Person| match (&k.email, &p.email) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        };
        // The organizer is often listed again as an attendee: one person.
        if let Some(k) = kept.iter_mut().find(|k| same(k)) {
            if k.name.is_none() {
                k.name = p.name;
            }
            continue;
        }
        if left.iter().any(|(k, _)| same(k)) {
            continue;
        }
        match left_out(&p, options.own_addresses, guessed) {
            Some(why) => left.push((p, why)),
            None => kept.push(p),
        }
    }
    (organizer, kept, left)
}

/// Hosts of video calls whose links are worth keeping.
const MEETING_HOSTS: &[&str] = &[
    "zoom.us/",
    "zoom.com/",
    "meet.google.com/",
    "teams.microsoft.com/",
    "teams.live.com/",
    "webex.com/",
    "whereby.com/",
    "gotomeeting.com/",
    "chime.aws/",
];

fn meeting_link(
    event: &Component<'_>,
    location: Option<&str>,
    description: Option<&str>,
) -> Option<String> {
    let is_url = |s: &str| s.starts_with("https://") || s.starts_with("http://");
    for name in [
        "X-GOOGLE-CONFERENCE",
        "X-MICROSOFT-SKYPETEAMSMEETINGURL",
        "URL",
    ] {
        if let Some(v) = value(event, name).filter(|v| is_url(v))
            && (name != "URL" || MEETING_HOSTS.iter().any(|h| v.contains(h)))
        {
            return Some(v);
        }
    }
    if let Some(l) = location.map(str::trim).filter(|l| is_url(l)) {
        return Some(l.to_string());
    }
    description?
        .split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')'))
        .find(|w| is_url(w) && MEETING_HOSTS.iter().any(|h| w.contains(h)))
        .map(|w| w.trim_end_matches(['.', ',', ';']).to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn reads_values() {
        assert_eq!(
            datetime("20261117T140000"),
            Some(jiff::civil::datetime(2026, 11, 17, 14, 0, 0, 0))
        );
        assert_eq!(datetime("20261117T250000"), None);
        assert_eq!(datetime("20261117"), None);
        assert_eq!(date("20260229"), None);
        assert_eq!(utc_offset("-0000"), Some(Offset::UTC));
        assert_eq!(utc_offset("+0530").map(|o| o.seconds()), Some(19_800));
        assert_eq!(utc_offset("0100"), None);
        assert_eq!(decode_param("a ^'b^' ^^ ^nc"), "a \"b\" ^ \nc");
    }

    #[test]
    fn reads_the_rules_producers_write() {
        rule_case(
            "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
            Some((10, -1)),
        );
        rule_case(
            "FREQ=YEARLY;WKST=MO;INTERVAL=1;BYMONTH=4;BYDAY=1SU",
            Some((4, 1)),
        );
        rule_case("FREQ=YEARLY;BYDAY=5SU;BYMONTH=3", Some((3, -1)));
        rule_case(
            "FREQ=YEARLY;BYMONTH=3;BYDAY=SU;BYMONTHDAY=8,9,10,11,12,13,14",
            Some((3, 2)),
        );
        rule_case(
            "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;UNTIL=20060402T070000Z",
            Some((3, 2)),
        );
        rule_case("FREQ=YEARLY;INTERVAL=2;BYDAY=1SU;BYMONTH=4", None);
        rule_case("FREQ=MONTHLY;BYDAY=1SU", None);
        let (_, until) =
            yearly_rule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;UNTIL=20060402T070000Z").unwrap();
        assert_eq!(until, Some("2006-04-02T07:00:00Z".parse().unwrap()));
    }

    fn berlin() -> ForeignZone {
        let sunday = |month| {
            Some(YearlyRule {
                month,
                week: -1,
                weekday: jiff::civil::Weekday::Sunday,
            })
        };
        let observance = |daylight, start, from: i8, to: i8, month| ForeignObservance {
            daylight,
            start,
            offset_from: jiff::tz::offset(from),
            offset_to: jiff::tz::offset(to),
            rule: sunday(month),
            until: None,
            rdates: vec![],
        };
        ForeignZone {
            tzid: "W. Europe Standard Time".into(),
            observances: vec![
                observance(
                    false,
                    jiff::civil::datetime(1601, 1, 1, 3, 0, 0, 0),
                    2,
                    1,
                    10,
                ),
                observance(true, jiff::civil::datetime(1601, 1, 1, 2, 0, 0, 0), 1, 2, 3),
            ],
        }
    }

    /// # Example: a gap and a fold in a VTIMEZONE as Exchange writes it
    ///
    /// 2027-03-28 02:30 does not exist in Berlin: RFC 5545 §3.3.5 reads it
    /// with the offset before the gap (+01:00), 01:30Z. 2026-10-25 02:30
    /// happens twice: the first (+02:00), 00:30Z.
    #[test]
    fn foreign_zones_read_gaps_and_folds_as_rfc_5545_says() {
        let z = berlin();
        let at = |y, mo, d, h, mi| z.to_timestamp(jiff::civil::datetime(y, mo, d, h, mi, 0, 0));
        assert_eq!(
            at(2027, 3, 28, 2, 30),
            Some("2027-03-28T01:30:00Z".parse().unwrap())
        );
        assert_eq!(
            at(2026, 10, 25, 2, 30),
            Some("2026-10-25T00:30:00Z".parse().unwrap())
        );
        assert_eq!(
            at(2026, 7, 1, 12, 0),
            Some("2026-07-01T10:00:00Z".parse().unwrap())
        );
        assert_eq!(
            at(2026, 12, 1, 12, 0),
            Some("2026-12-01T11:00:00Z".parse().unwrap())
        );
        let onsets = z.onsets(
            "2026-01-01T00:00:00Z".parse().unwrap(),
            "2027-01-01T00:00:00Z".parse().unwrap(),
        );
        let want: Vec<(Timestamp, Offset)> = vec![
            ("2026-03-29T01:00:00Z".parse().unwrap(), jiff::tz::offset(2)),
            ("2026-10-25T01:00:00Z".parse().unwrap(), jiff::tz::offset(1)),
        ];
        assert_eq!(onsets, want);
    }

    /// The Europe/Berlin zone a client like Apple writes: one observance per
    /// historical rule, the newer with a later DTSTART.
    #[test]
    fn later_observances_take_over() {
        let mut z = berlin();
        // A 1980 rule (first Sunday of April) that ended with UNTIL in 1980.
        z.observances.push(ForeignObservance {
            daylight: true,
            start: jiff::civil::datetime(1980, 4, 6, 2, 0, 0, 0),
            offset_from: jiff::tz::offset(1),
            offset_to: jiff::tz::offset(2),
            rule: Some(YearlyRule {
                month: 4,
                week: 1,
                weekday: jiff::civil::Weekday::Sunday,
            }),
            until: Some("1980-04-06T01:00:00Z".parse().unwrap()),
            rdates: vec![],
        });
        assert_eq!(
            z.offset_at("2026-04-02T12:00:00Z".parse().unwrap()),
            jiff::tz::offset(2),
            "the last Sunday of March rule, not the ended April one"
        );
    }

    fn options() -> Options<'static> {
        Options {
            own_addresses: &[],
            zones: &NoZones,
        }
    }

    /// A resolver that knows no zone: the reader must still work from the
    /// file's own VTIMEZONE.
    struct NoZones;

    impl ZoneResolver for NoZones {
        fn resolve(&self, query: &ZoneQuery<'_>) -> Result<ZoneFound, String> {
            Err(format!("no zone for {:?}", query.tzid))
        }
    }

    const SMALL: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\n\
        TZID:Customized Time Zone\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n\
        TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n\
        BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Customized Time Zone:20261117T100000\r\n\
        DURATION:PT1H\r\nORGANIZER;CN=\"Rao, Anil\":MAILTO:anil@acme.example\r\n\
        END:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn without_a_zone_name_the_vtimezone_still_gives_the_instant() {
        let invite = read(SMALL.as_bytes(), &options()).unwrap();
        assert_eq!(invite.zone, None);
        assert_eq!(
            invite.start_utc,
            Some("2026-11-17T04:30:00Z".parse().unwrap())
        );
        assert_eq!(
            invite.end_utc,
            Some("2026-11-17T05:30:00Z".parse().unwrap())
        );
        assert!(
            invite.warnings[0].contains("no zone for"),
            "{:?}",
            invite.warnings
        );
        assert_eq!(invite.people[0].name.as_deref(), Some("Rao, Anil"));
        assert_eq!(invite.people[0].email.as_deref(), Some("anil@acme.example"));
    }

    #[test]
    fn refuses_what_is_no_invitation() {
        refusal_case(b"", "it holds no calendar");
        refusal_case(b"hello", "it holds no calendar");
        refusal_case(
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
            "it holds no event",
        );
        refusal_case(
            SMALL
                .replace("DTSTART;TZID=Customized Time Zone:20261117T100000\r\n", "")
                .as_bytes(),
            "none of its events has a valid DTSTART",
        );
        refusal_case(
            SMALL
                .replace("20261117T100000", "20261317T100000")
                .as_bytes(),
            "none of its events has a valid DTSTART",
        );
    }

    #[track_caller]
    fn refusal_case(bytes: &[u8], want: &str) {
        match read(bytes, &options()) {
            Ok(i) => panic!("read {i:?}"),
            Err(InviteError(e)) => assert!(e.contains(want), "{e}"),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any bytes: an answer, never a panic.
        #[test]
        fn never_panics_on_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let _ = read(&bytes, &options());
        }

        /// Any truncation or one-byte change of an invitation: an answer,
        /// never a panic (zone::windows's tests do the same with the real
        /// resolver).
        #[test]
        fn never_panics_on_damaged_invitations(cut in 0usize..2000, at in 0usize..2000, byte in proptest::prelude::any::<u8>()) {
            let mut bytes = SMALL.as_bytes().to_vec();
            let at = at % bytes.len();
            bytes[at] = byte;
            bytes.truncate(cut.max(1).min(bytes.len()));
            let _ = read(&bytes, &options());
        }
    }

    #[track_caller]
    fn rule_case(v: &str, want: Option<(i8, i8)>) {
        let got = yearly_rule(v).map(|(r, _)| (r.month, r.week));
        assert_eq!(got, want, "{v}");
    }
}
