//! A plain-data calendar (VCALENDAR, VEVENT, VALARM) and its writer:
//! RFC 5545 §3.4 (the calendar object), §3.6.1 (VEVENT), §3.6.6 (VALARM),
//! §3.7 (calendar properties), plus RFC 7986 §5.1 NAME and §5.7
//! REFRESH-INTERVAL and their older X-WR-CALNAME / X-PUBLISHED-TTL twins.
//!
//! It knows nothing of interviews: the caller fills in summaries,
//! descriptions and times. What it guarantees is the shape clients accept
//! (SPEC §5): the calendar properties in a fixed order, then VTIMEZONEs,
//! then VEVENTs, each with exactly one UID, DTSTAMP, SEQUENCE, DTSTART,
//! DTEND (never DURATION) and SUMMARY, every property before the first
//! VALARM, no ORGANIZER or ATTENDEE, CRLF everywhere and no BOM. The same
//! calendar always gives the same bytes.
//!
//! No I/O, no clock: DTSTAMP and every other time come in as values.

use jiff::SignedDuration;
use jiff::Timestamp;
use jiff::civil::DateTime;

use super::timezone::VTimezone;
use super::writer::Writer;

/// The years followup writes and reads back (SPEC §11): a date or time
/// outside them is refused wherever one is read (an input, a previous
/// calendar), so no calendar followup writes holds one.
pub const YEARS: std::ops::RangeInclusive<i16> = 1970..=2200;

/// A whole calendar, borrowed for writing.
#[derive(Clone, Copy, Debug)]
pub struct Calendar<'a> {
    /// PRODID (§3.7.3), e.g. `-//followup//followup 0.1.0//EN`.
    pub prodid: &'a str,
    /// Written as both NAME (RFC 7986) and X-WR-CALNAME (Apple, Google).
    pub name: &'a str,
    /// How often subscribers should refetch: REFRESH-INTERVAL (RFC 7986)
    /// and X-PUBLISHED-TTL (Outlook), same value. SPEC §5 default: 1 hour.
    pub refresh: SignedDuration,
    /// One per TZID that any event uses.
    pub timezones: &'a [VTimezone],
    pub events: &'a [Event],
}

/// One VEVENT (§3.6.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// UID (§3.8.4.7): stable, unique; the caller derives it.
    pub uid: String,
    /// DTSTAMP (§3.8.7.2), written in UTC.
    pub dtstamp: Timestamp,
    /// LAST-MODIFIED (§3.8.7.3), written when set.
    pub last_modified: Option<Timestamp>,
    /// SEQUENCE (§3.8.7.4).
    pub sequence: u32,
    pub start: When,
    pub end: When,
    pub summary: String,
    pub description: String,
    /// CATEGORIES (§3.8.1.2), one property; omitted when empty.
    pub categories: Vec<String>,
    /// TRANSP (§3.8.2.7): whether the event blocks free/busy time.
    pub transp: Transp,
    pub status: Status,
    /// Written in order; clients that keep one alarm keep the first.
    pub alarms: Vec<Alarm>,
}

/// A DTSTART or DTEND: UTC, or local time in a zone the calendar carries a
/// VTIMEZONE for. Never floating (SPEC §5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// `DTSTART:20261118T140000Z`
    Utc(Timestamp),
    /// `DTSTART;TZID=Europe/Berlin:20261118T150000`
    Local { tzid: String, dt: DateTime },
}

impl Default for Event {
    /// An event with nothing in it yet (empty texts, times at the Unix
    /// epoch, confirmed): the start of one that is filled in field by field.
    fn default() -> Self {
        Event {
            uid: String::new(),
            dtstamp: Timestamp::UNIX_EPOCH,
            last_modified: None,
            sequence: 0,
            start: When::Utc(Timestamp::UNIX_EPOCH),
            end: When::Utc(Timestamp::UNIX_EPOCH),
            summary: String::new(),
            description: String::new(),
            categories: Vec::new(),
            transp: Transp::Transparent,
            status: Status::Confirmed,
            alarms: Vec::new(),
        }
    }
}

/// TRANSP for a VEVENT (§3.8.2.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Transp {
    /// Blocks free/busy time: a real meeting.
    Opaque,
    /// Does not: a reminder.
    #[default]
    Transparent,
}

impl Transp {
    /// The property value, e.g. `OPAQUE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Transp::Opaque => "OPAQUE",
            Transp::Transparent => "TRANSPARENT",
        }
    }
}

/// STATUS for a VEVENT (§3.8.1.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Confirmed,
    Tentative,
    Cancelled,
}

impl Status {
    /// The property value, e.g. `CANCELLED`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "CONFIRMED",
            Status::Tentative => "TENTATIVE",
            Status::Cancelled => "CANCELLED",
        }
    }
}

/// A display alarm (§3.6.6): `ACTION:DISPLAY`, `TRIGGER:-PT<n>M` relative
/// to the event's start, or `TRIGGER;RELATED=END:-PT<n>M` before its end
/// (§3.8.6.3), so the trigger stays a negative duration either way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alarm {
    pub minutes_before: u32,
    /// Count from the event's end instead of its start.
    pub before_end: bool,
    /// DESCRIPTION, which §3.6.6 requires for DISPLAY alarms; an empty one
    /// is replaced by the event's SUMMARY (or `Reminder` if that is empty
    /// too), since clients reject or blank an alarm without text.
    pub description: String,
}

impl Calendar<'_> {
    /// Appends the whole calendar to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        self.write_head(out);
        let mut w = Writer::new(out);
        for event in self.events {
            event.write(&mut w);
        }
        w.end("VCALENDAR");
    }

    /// Appends everything before the first VEVENT: the calendar's
    /// properties and its VTIMEZONEs. With [`Event::write`] for each event
    /// and [`Calendar::write_tail`] it lets a caller write the events in
    /// parallel pieces and join them; the bytes are those of [`Self::write`].
    pub fn write_head(&self, out: &mut Vec<u8>) {
        let mut w = Writer::new(out);
        w.begin("VCALENDAR");
        w.raw("VERSION", &[], "2.0");
        w.text("PRODID", self.prodid);
        w.raw("CALSCALE", &[], "GREGORIAN");
        w.raw("METHOD", &[], "PUBLISH");
        w.text("NAME", self.name);
        w.text("X-WR-CALNAME", self.name);
        w.duration("REFRESH-INTERVAL", &[("VALUE", "DURATION")], self.refresh);
        w.duration("X-PUBLISHED-TTL", &[], self.refresh);
        for timezone in self.timezones {
            timezone.write(&mut w);
        }
    }

    /// Appends the end of the calendar.
    pub fn write_tail(out: &mut Vec<u8>) {
        Writer::new(out).end("VCALENDAR");
    }

    /// Appends one event as a calendar object of its own, as a CalDAV
    /// collection stores it (RFC 4791 §4.1): VERSION, PRODID, CALSCALE,
    /// the VTIMEZONEs of `self` whose TZID the event uses, the event. No
    /// METHOD (RFC 4791 §4.1 forbids it in a calendar collection) and no
    /// NAME or refresh interval (those describe a feed, not one event).
    /// The VEVENT's bytes are those [`Self::write`] gives it.
    pub fn write_object(&self, event: &Event, out: &mut Vec<u8>) {
        let mut w = Writer::new(out);
        w.begin("VCALENDAR");
        w.raw("VERSION", &[], "2.0");
        w.text("PRODID", self.prodid);
        w.raw("CALSCALE", &[], "GREGORIAN");
        for timezone in self.timezones {
            if [&event.start, &event.end]
                .iter()
                .any(|t| matches!(t, When::Local { tzid, .. } if *tzid == timezone.tzid))
            {
                timezone.write(&mut w);
            }
        }
        event.write(&mut w);
        w.end("VCALENDAR");
    }
}

impl Event {
    /// Writes `BEGIN:VEVENT` … `END:VEVENT`, every property before the
    /// first VALARM (Outlook drops properties that follow one).
    pub fn write(&self, w: &mut Writer<'_>) {
        w.begin("VEVENT");
        // UID is TEXT (§3.8.4.7): escaped like any other.
        w.text("UID", &self.uid);
        w.utc("DTSTAMP", self.dtstamp);
        w.integer("SEQUENCE", self.sequence);
        self.start.write(w, "DTSTART");
        self.end.write(w, "DTEND");
        w.text("SUMMARY", &self.summary);
        w.text("DESCRIPTION", &self.description);
        if !self.categories.is_empty() {
            w.text_list("CATEGORIES", &self.categories);
        }
        // Reminders must not block free/busy time; a meeting does (SPEC §5,
        // §8).
        w.raw("TRANSP", &[], self.transp.as_str());
        w.raw("CLASS", &[], "PRIVATE");
        w.raw("STATUS", &[], self.status.as_str());
        if let Some(modified) = self.last_modified {
            w.utc("LAST-MODIFIED", modified);
        }
        for alarm in &self.alarms {
            let text = [
                alarm.description.as_str(),
                self.summary.as_str(),
                "Reminder",
            ]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .unwrap_or("Reminder");
            w.begin("VALARM");
            w.raw("ACTION", &[], "DISPLAY");
            w.text("DESCRIPTION", text);
            let related: &[(&str, &str)] = if alarm.before_end {
                &[("RELATED", "END")]
            } else {
                &[]
            };
            w.trigger_minutes(related, alarm.minutes_before);
            w.end("VALARM");
        }
        w.end("VEVENT");
    }
}

impl When {
    fn write(&self, w: &mut Writer<'_>, name: &str) {
        match self {
            When::Utc(t) => w.utc(name, *t),
            When::Local { tzid, dt } => w.local(name, tzid, *dt),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::ics::fold::unfold;
    use crate::ics::testing::{any_text, assert_content_lines};
    use crate::ics::timezone::{Observance, YearlyRule};
    use jiff::civil::datetime;
    use jiff::tz::offset;
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn berlin() -> VTimezone {
        VTimezone {
            tzid: "Europe/Berlin".into(),
            standard: Observance {
                start: datetime(1970, 10, 25, 3, 0, 0, 0),
                offset_from: offset(2),
                offset_to: offset(1),
                name: Some("CET".into()),
                rule: Some(YearlyRule {
                    month: 10,
                    week: -1,
                    weekday: jiff::civil::Weekday::Sunday,
                }),
            },
            daylight: None,
        }
    }

    fn event(summary: &str, description: &str) -> Event {
        Event {
            uid: "thank-you.acme-ae.mark-lee.0@followup".into(),
            dtstamp: ts("2026-11-10T08:00:00Z"),
            last_modified: None,
            sequence: 0,
            start: When::Local {
                tzid: "Europe/Berlin".into(),
                dt: datetime(2026, 11, 18, 15, 0, 0, 0),
            },
            end: When::Utc(ts("2026-11-18T14:15:00Z")),
            summary: summary.into(),
            description: description.into(),
            categories: vec!["Follow-up".into(), "Acme, Corp".into()],
            transp: Transp::Transparent,
            status: Status::Confirmed,
            alarms: vec![
                Alarm {
                    minutes_before: 15,
                    before_end: false,
                    description: "Send the note".into(),
                },
                Alarm {
                    minutes_before: 90,
                    before_end: true,
                    description: String::new(),
                },
            ],
        }
    }

    fn write(calendar: &Calendar<'_>) -> String {
        let mut out = Vec::new();
        calendar.write(&mut out);
        assert_content_lines(&out);
        String::from_utf8(out).unwrap()
    }

    fn calendar<'a>(timezones: &'a [VTimezone], events: &'a [Event]) -> Calendar<'a> {
        Calendar {
            prodid: "-//followup//test//EN",
            name: "Follow-ups: Beth",
            refresh: SignedDuration::from_hours(1),
            timezones,
            events,
        }
    }

    #[test]
    fn writes_the_exact_shape() {
        let mut cancelled = event(
            "Thank-you note: Mark Lee, Acme Corp",
            "Why; when, what.\nDear Mark,",
        );
        cancelled.status = Status::Cancelled;
        cancelled.sequence = 3;
        cancelled.last_modified = Some(ts("2026-11-12T09:30:00Z"));
        cancelled.categories.clear();
        case(
            calendar(&[berlin()], &[cancelled]),
            "BEGIN:VCALENDAR\n\
             VERSION:2.0\n\
             PRODID:-//followup//test//EN\n\
             CALSCALE:GREGORIAN\n\
             METHOD:PUBLISH\n\
             NAME:Follow-ups: Beth\n\
             X-WR-CALNAME:Follow-ups: Beth\n\
             REFRESH-INTERVAL;VALUE=DURATION:PT1H\n\
             X-PUBLISHED-TTL:PT1H\n\
             BEGIN:VTIMEZONE\n\
             TZID:Europe/Berlin\n\
             BEGIN:STANDARD\n\
             DTSTART:19701025T030000\n\
             TZOFFSETFROM:+0200\n\
             TZOFFSETTO:+0100\n\
             TZNAME:CET\n\
             RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
             END:STANDARD\n\
             END:VTIMEZONE\n\
             BEGIN:VEVENT\n\
             UID:thank-you.acme-ae.mark-lee.0@followup\n\
             DTSTAMP:20261110T080000Z\n\
             SEQUENCE:3\n\
             DTSTART;TZID=Europe/Berlin:20261118T150000\n\
             DTEND:20261118T141500Z\n\
             SUMMARY:Thank-you note: Mark Lee\\, Acme Corp\n\
             DESCRIPTION:Why\\; when\\, what.\\nDear Mark\\,\n\
             TRANSP:TRANSPARENT\n\
             CLASS:PRIVATE\n\
             STATUS:CANCELLED\n\
             LAST-MODIFIED:20261112T093000Z\n\
             BEGIN:VALARM\n\
             ACTION:DISPLAY\n\
             DESCRIPTION:Send the note\n\
             TRIGGER:-PT15M\n\
             END:VALARM\n\
             BEGIN:VALARM\n\
             ACTION:DISPLAY\n\
             DESCRIPTION:Thank-you note: Mark Lee\\, Acme Corp\n\
             TRIGGER;RELATED=END:-PT90M\n\
             END:VALARM\n\
             END:VEVENT\n\
             END:VCALENDAR\n",
        );
        case(
            calendar(&[], &[]),
            "BEGIN:VCALENDAR\n\
             VERSION:2.0\n\
             PRODID:-//followup//test//EN\n\
             CALSCALE:GREGORIAN\n\
             METHOD:PUBLISH\n\
             NAME:Follow-ups: Beth\n\
             X-WR-CALNAME:Follow-ups: Beth\n\
             REFRESH-INTERVAL;VALUE=DURATION:PT1H\n\
             X-PUBLISHED-TTL:PT1H\n\
             END:VCALENDAR\n",
        );
    }

    #[test]
    fn categories_and_blank_alarm_text() {
        let mut e = event("", "d");
        e.alarms = vec![Alarm {
            minutes_before: 0,
            before_end: false,
            description: " ".into(),
        }];
        let text = write(&calendar(&[], &[e]));
        assert!(
            text.contains("\r\nCATEGORIES:Follow-up,Acme\\, Corp\r\n"),
            "{text}"
        );
        assert!(
            text.contains("\r\nDESCRIPTION:Reminder\r\nTRIGGER:PT0M\r\n"),
            "{text}"
        );
    }

    #[test]
    fn every_property_precedes_the_first_alarm_and_none_repeats() {
        let text = write(&calendar(&[], &[event("s", "d")]));
        let unfolded = unfold(&text);
        let event_lines: Vec<&str> = unfolded
            .split("\r\n")
            .skip_while(|l| *l != "BEGIN:VEVENT")
            .take_while(|l| *l != "BEGIN:VALARM")
            .collect();
        for name in [
            "UID",
            "DTSTAMP",
            "SEQUENCE",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
            "STATUS",
        ] {
            let count = event_lines
                .iter()
                .filter(|l| l.split([':', ';']).next() == Some(name))
                .count();
            assert_eq!(count, 1, "{name} in {event_lines:?}");
        }
        let after_alarm = unfolded.split("BEGIN:VALARM").skip(1).collect::<String>();
        for line in after_alarm.split("\r\n") {
            let name = line.split([':', ';']).next().unwrap_or("");
            assert!(
                ["", "ACTION", "DESCRIPTION", "TRIGGER", "END", "BEGIN"].contains(&name),
                "{name} after a VALARM"
            );
        }
        for forbidden in ["\nORGANIZER", "\nATTENDEE", "\nDURATION", "\u{feff}"] {
            assert!(!unfolded.contains(forbidden), "{forbidden:?}");
        }
    }

    #[test]
    fn output_is_deterministic() {
        let events = [event("s", "d"), event("t", "e")];
        let timezones = [berlin()];
        assert_eq!(
            write(&calendar(&timezones, &events)),
            write(&calendar(&timezones, &events))
        );
    }

    /// Reads `text` back with the independent `icalendar` parser (which
    /// unescapes TEXT values itself) and returns each VEVENT's SUMMARY and
    /// DESCRIPTION.
    fn read_back(text: &str) -> Vec<(String, String)> {
        use icalendar::Component;
        let unfolded = icalendar::parser::unfold(text);
        let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
        let calendar = icalendar::Calendar::from(parsed);
        calendar
            .components
            .iter()
            .filter_map(|c| match c {
                icalendar::CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .map(|e| {
                let summary = e.get_summary().unwrap_or_default().to_string();
                let description = e.get_description().unwrap_or_default().to_string();
                (summary, description)
            })
            .collect()
    }

    #[test]
    fn reads_back_with_the_icalendar_parser() {
        let summary = "Thank-you note: Mark Lee, Acme Corp; 你好 🎉 e\u{301}";
        let description = format!(
            "Why\\this; step,\nDear Mark,\r\n{}",
            "long line ".repeat(40)
        );
        let events = [event(summary, &description)];
        let text = write(&calendar(&[berlin()], &events));
        let want = (summary.to_string(), description.replace("\r\n", "\n"));
        assert_eq!(read_back(&text), vec![want]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any summary and description survive write → icalendar parse →
        /// unescape, up to newline form, dropped control characters and
        /// balanced bidi controls.
        #[test]
        fn any_text_reads_back(summary in any_text(), description in any_text()) {
            let events = [event(&summary, &description)];
            let text = write(&calendar(&[], &events));
            let normalised = |s: &str| -> String {
                let kept: String = s.replace("\r\n", "\n").replace('\r', "\n").chars()
                    .filter(|&c| c == '\n' || c == '\t' || !c.is_ascii_control())
                    .collect();
                crate::ics::escape::balance_bidi(&kept).into_owned()
            };
            let got = read_back(&text);
            prop_assert_eq!(got, vec![(normalised(&summary), normalised(&description))]);
        }
    }

    #[track_caller]
    fn case(calendar: Calendar<'_>, want: &str) {
        assert_eq!(write(&calendar), want.replace('\n', "\r\n"));
    }
}
