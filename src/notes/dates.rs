//! Dates and clock times for the notes: English for the reminder text
//! around a message, and each message language's own way of writing a date
//! in running text (SPEC §9).
//!
//! English reminder text: day before month ("Wed 18 Nov", "Wednesday 18
//! November"), 24-hour clock, and the place named after the zone's city
//! ("New York time").
//!
//! In a message, a date is written as the language's guides ask
//! (docs/notes.md "Guides"): "Freitag, 27. November" (comma after the
//! weekday, ordinal dot), "vendredi 27 novembre" and "1er décembre" (lower
//! case, `1er` for the first), "viernes 27 de noviembre" (lower case, no
//! comma), "vrijdag 27 november" (lower case). [`DateText`] gives a date
//! with the words around it that the sentences need ("am …", "le …",
//! "del …", "bis …"), and says "today" or "yesterday" instead when that is
//! what the date is from the sending day: a thank-you sent on the day of
//! the interview thanks for "today", never for "Tuesday 17 November".
//!
//! No locale, no clock, no I/O: every function is pure.

use std::fmt::{self, Write as _};

use jiff::Zoned;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::model::kinds::Language;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const DE_WEEKDAYS: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const FR_WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const ES_WEEKDAYS: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const NL_WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

fn weekday_index(date: Date) -> usize {
    usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0)
}

fn month_index(date: Date) -> usize {
    usize::try_from(date.month() - 1).unwrap_or(0)
}

fn weekday_name(date: Date) -> &'static str {
    WEEKDAYS.get(weekday_index(date)).copied().unwrap_or("")
}

fn month_name(date: Date) -> &'static str {
    MONTHS.get(month_index(date)).copied().unwrap_or("")
}

/// The first three letters of an English name ("Wed", "Nov").
fn abbreviated(name: &str) -> &str {
    name.get(..3).unwrap_or(name)
}

/// "Wed 18 Nov": for the line that says when a step is due.
pub(crate) struct ShortDate(pub Date);

impl fmt::Display for ShortDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{} {} {}",
            abbreviated(weekday_name(d)),
            d.day(),
            abbreviated(month_name(d))
        )
    }
}

/// "Wednesday 18 November": for English prose around a message.
pub(crate) struct LongDate(pub Date);

impl fmt::Display for LongDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{} {} {}", weekday_name(d), d.day(), month_name(d))
    }
}

/// A date as a message in `lang` writes it in running text, without the
/// year (the event carries it): "Friday 27 November", "Freitag, 27.
/// November", "vendredi 27 novembre" (`1er` for the first), "viernes 27 de
/// noviembre", "vrijdag 27 november".
pub(crate) struct Spelled(pub Language, pub Date);

impl fmt::Display for Spelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Spelled(lang, d) = *self;
        let (w, m) = (weekday_index(d), month_index(d));
        let pick = |names: &'static [&'static str], i: usize| names.get(i).copied().unwrap_or("");
        match lang {
            Language::En => write!(f, "{} {} {}", pick(&WEEKDAYS, w), d.day(), pick(&MONTHS, m)),
            Language::De => write!(
                f,
                "{}, {}. {}",
                pick(&DE_WEEKDAYS, w),
                d.day(),
                pick(&DE_MONTHS, m)
            ),
            Language::Fr if d.day() == 1 => {
                write!(f, "{} 1er {}", pick(&FR_WEEKDAYS, w), pick(&FR_MONTHS, m))
            }
            Language::Fr => write!(
                f,
                "{} {} {}",
                pick(&FR_WEEKDAYS, w),
                d.day(),
                pick(&FR_MONTHS, m)
            ),
            Language::Es => write!(
                f,
                "{} {} de {}",
                pick(&ES_WEEKDAYS, w),
                d.day(),
                pick(&ES_MONTHS, m)
            ),
            Language::Nl => write!(
                f,
                "{} {} {}",
                pick(&NL_WEEKDAYS, w),
                d.day(),
                pick(&NL_MONTHS, m)
            ),
        }
    }
}

/// Where a date stands from the day a message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relative {
    Yesterday,
    Today,
    Other,
}

fn relative(date: Date, sent: Date) -> Relative {
    if date == sent {
        Relative::Today
    } else if sent.yesterday().ok() == Some(date) {
        Relative::Yesterday
    } else {
        Relative::Other
    }
}

/// The phrases a message needs for one date, in one language, seen from
/// the day it is sent.
pub(crate) enum DateText {
    /// The interview day as an adverbial ("on Tuesday 17 November",
    /// "today", "yesterday").
    Met,
    /// The interview day after a noun ("notre entretien du mardi 17
    /// novembre", "d'hier"; "la entrevista del martes…", "de ayer";
    /// "het gesprek van dinsdag…", "van gisteren"; German "vom").
    MetOf,
    /// A decision date the employer named: "by Friday 27 November" (said on
    /// that day: "today").
    DecisionBy,
    /// An offer's deadline: as `DecisionBy`, with Spanish "antes del".
    DeadlineBy,
}

impl DateText {
    /// The phrase for `date` in `lang`, for a message sent on `sent`.
    pub(crate) fn write(&self, out: &mut String, lang: Language, date: Date, sent: Date) {
        use Language::*;
        let rel = relative(date, sent);
        let fixed: Option<&str> = match (self, rel, lang) {
            (DateText::Met | DateText::MetOf, Relative::Today, En) => Some("today"),
            (DateText::Met | DateText::MetOf, Relative::Yesterday, En) => Some("yesterday"),
            (DateText::Met, Relative::Today, De) => Some("heute"),
            (DateText::Met, Relative::Yesterday, De) => Some("gestern"),
            (DateText::MetOf, Relative::Today, De) => Some("von heute"),
            (DateText::MetOf, Relative::Yesterday, De) => Some("von gestern"),
            (DateText::Met, Relative::Today, Fr) => Some("aujourd'hui"),
            (DateText::Met, Relative::Yesterday, Fr) => Some("hier"),
            (DateText::MetOf, Relative::Today, Fr) => Some("d'aujourd'hui"),
            (DateText::MetOf, Relative::Yesterday, Fr) => Some("d'hier"),
            (DateText::Met, Relative::Today, Es) => Some("hoy"),
            (DateText::Met, Relative::Yesterday, Es) => Some("ayer"),
            (DateText::MetOf, Relative::Today, Es) => Some("de hoy"),
            (DateText::MetOf, Relative::Yesterday, Es) => Some("de ayer"),
            (DateText::Met, Relative::Today, Nl) => Some("vandaag"),
            (DateText::Met, Relative::Yesterday, Nl) => Some("gisteren"),
            (DateText::MetOf, Relative::Today, Nl) => Some("van vandaag"),
            (DateText::MetOf, Relative::Yesterday, Nl) => Some("van gisteren"),
            (DateText::DecisionBy | DateText::DeadlineBy, Relative::Today, lang) => {
                Some(match lang {
                    En => "today",
                    De => "noch heute",
                    Fr => "d'ici ce soir",
                    Es if matches!(self, DateText::DecisionBy) => "para hoy",
                    Es => "hoy mismo",
                    Nl => "vandaag nog",
                })
            }
            _ => None,
        };
        if let Some(text) = fixed {
            out.push_str(text);
            return;
        }
        let lead = match (self, lang) {
            (DateText::Met | DateText::MetOf, En) => "on ",
            (DateText::Met, De) => "am ",
            (DateText::MetOf, De) => "vom ",
            (DateText::Met, Fr) => "le ",
            (DateText::MetOf, Fr) => "du ",
            (DateText::Met, Es) => "el ",
            (DateText::MetOf, Es) => "del ",
            (DateText::Met, Nl) => "op ",
            (DateText::MetOf, Nl) => "van ",
            (DateText::DecisionBy | DateText::DeadlineBy, En) => "by ",
            (DateText::DecisionBy | DateText::DeadlineBy, De) => "bis ",
            (DateText::DecisionBy | DateText::DeadlineBy, Fr) => "d'ici le ",
            (DateText::DecisionBy, Es) => "para el ",
            (DateText::DeadlineBy, Es) => "antes del ",
            (DateText::DecisionBy | DateText::DeadlineBy, Nl) => "uiterlijk ",
        };
        out.push_str(lead);
        let _ = write!(out, "{}", Spelled(lang, date));
    }
}

/// "Wed 18 Nov, 15:00 New York time", or "Wed 18 Nov, 15:00 UTC+05:30" for a
/// zone without a city (a fixed offset, `UTC`, `Etc/…`).
///
/// # Example: a city with an underscore
///
/// `America/Argentina/Buenos_Aires` reads "Buenos Aires time": the last
/// segment of the zone id, underscores as spaces.
pub(crate) struct WhenInZone<'a>(pub &'a Zoned);

impl fmt::Display for WhenInZone<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let z = self.0;
        let t = z.time();
        write!(
            f,
            "{}, {:02}:{:02} ",
            ShortDate(z.date()),
            t.hour(),
            t.minute()
        )?;
        match city(z.time_zone()) {
            Some(city) => {
                for c in city.chars() {
                    f.write_char(if c == '_' { ' ' } else { c })?;
                }
                f.write_str(" time")
            }
            None => write_utc_offset(f, z.offset().seconds()),
        }
    }
}

/// "10:00 Tokyo time", or "10:00 UTC+09:00" for a zone without a city.
pub(crate) struct ClockInZone<'a>(pub &'a Zoned);

impl fmt::Display for ClockInZone<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let z = self.0;
        let t = z.time();
        write!(f, "{:02}:{:02} ", t.hour(), t.minute())?;
        match place(z) {
            Some(city) => write!(f, "{city} time"),
            None => write_utc_offset(f, z.offset().seconds()),
        }
    }
}

/// The place an instant's zone is named after ("Buenos Aires"), if any.
pub(crate) fn place(z: &Zoned) -> Option<String> {
    city(z.time_zone()).map(|c| c.replace('_', " "))
}

/// The city part of an IANA zone id, when it names a place.
fn city(tz: &TimeZone) -> Option<&str> {
    let name = tz.iana_name()?;
    // `Etc/GMT+5` is five hours *behind* UTC (POSIX sign): never show it.
    if name.starts_with("Etc/") || matches!(name, "UTC" | "GMT" | "UCT" | "Zulu" | "Universal") {
        return None;
    }
    let last = name.rsplit('/').next().unwrap_or(name);
    (!last.is_empty()).then_some(last)
}

/// "UTC", "UTC-05:00", "UTC+05:30".
fn write_utc_offset(f: &mut impl fmt::Write, seconds: i32) -> fmt::Result {
    if seconds == 0 {
        return f.write_str("UTC");
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    write!(f, "UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
#[allow(clippy::panic)] // a test fails by panicking
mod tests {
    use super::*;
    use jiff::civil::date;

    #[track_caller]
    fn zoned(s: &str) -> Zoned {
        match s.parse() {
            Ok(z) => z,
            Err(e) => panic!("bad test zoned {s}: {e}"),
        }
    }

    #[track_caller]
    fn case_when(input: &str, want: &str) {
        assert_eq!(WhenInZone(&zoned(input)).to_string(), want, "{input}");
    }

    #[test]
    fn when_in_zone() {
        case_when(
            "2026-11-18T15:00[America/New_York]",
            "Wed 18 Nov, 15:00 New York time",
        );
        case_when(
            "2026-12-01T09:05[America/Argentina/Buenos_Aires]",
            "Tue 1 Dec, 09:05 Buenos Aires time",
        );
        case_when("2026-06-01T10:00[UTC]", "Mon 1 Jun, 10:00 UTC");
        case_when("2026-06-01T10:00[Etc/GMT+5]", "Mon 1 Jun, 10:00 UTC-05:00");
        case_when(
            "2026-06-01T10:00+05:30[+05:30]",
            "Mon 1 Jun, 10:00 UTC+05:30",
        );
        case_when(
            "2026-03-29T03:30[Europe/Berlin]",
            "Sun 29 Mar, 03:30 Berlin time",
        );
    }

    #[test]
    fn english_dates() {
        assert_eq!(ShortDate(date(2026, 11, 27)).to_string(), "Fri 27 Nov");
        assert_eq!(
            LongDate(date(2026, 11, 27)).to_string(),
            "Friday 27 November"
        );
    }

    #[track_caller]
    fn case_spelled(lang: Language, d: Date, want: &str) {
        assert_eq!(Spelled(lang, d).to_string(), want, "{lang}");
    }

    #[test]
    fn dates_in_each_language() {
        let d = date(2026, 11, 27);
        case_spelled(Language::En, d, "Friday 27 November");
        case_spelled(Language::De, d, "Freitag, 27. November");
        case_spelled(Language::Fr, d, "vendredi 27 novembre");
        case_spelled(Language::Es, d, "viernes 27 de noviembre");
        case_spelled(Language::Nl, d, "vrijdag 27 november");
        // The first of the month.
        let first = date(2026, 12, 1);
        case_spelled(Language::Fr, first, "mardi 1er décembre");
        case_spelled(Language::De, first, "Dienstag, 1. Dezember");
        case_spelled(Language::Es, first, "martes 1 de diciembre");
        // Accented names.
        case_spelled(Language::De, date(2027, 3, 3), "Mittwoch, 3. März");
        case_spelled(Language::Fr, date(2027, 2, 1), "lundi 1er février");
    }

    #[track_caller]
    fn case_text(kind: DateText, lang: Language, d: Date, sent: Date, want: &str) {
        let mut out = String::new();
        kind.write(&mut out, lang, d, sent);
        assert_eq!(out, want, "{lang} {d} sent {sent}");
    }

    /// # Example: the sending day decides "today", "yesterday" or the date
    #[test]
    fn phrases_seen_from_the_sending_day() {
        use Language::*;
        let tue = date(2026, 11, 17);
        let wed = date(2026, 11, 18);
        let mon = date(2026, 11, 23);
        case_text(DateText::Met, En, tue, tue, "today");
        case_text(DateText::Met, En, tue, wed, "yesterday");
        case_text(DateText::Met, En, tue, mon, "on Tuesday 17 November");
        case_text(DateText::Met, De, tue, mon, "am Dienstag, 17. November");
        case_text(DateText::MetOf, De, tue, wed, "von gestern");
        case_text(DateText::Met, Fr, tue, tue, "aujourd'hui");
        case_text(DateText::MetOf, Fr, tue, wed, "d'hier");
        case_text(DateText::MetOf, Fr, tue, mon, "du mardi 17 novembre");
        case_text(DateText::MetOf, Es, tue, mon, "del martes 17 de noviembre");
        case_text(DateText::Met, Es, tue, wed, "ayer");
        case_text(DateText::MetOf, Nl, tue, tue, "van vandaag");
        case_text(DateText::Met, Nl, tue, mon, "op dinsdag 17 november");
        // A deadline on the sending day is "today", never the date.
        case_text(DateText::DeadlineBy, En, mon, mon, "today");
        case_text(DateText::DeadlineBy, En, mon, wed, "by Monday 23 November");
        case_text(DateText::DeadlineBy, De, mon, mon, "noch heute");
        case_text(
            DateText::DeadlineBy,
            Fr,
            mon,
            wed,
            "d'ici le lundi 23 novembre",
        );
        case_text(
            DateText::DeadlineBy,
            Es,
            mon,
            wed,
            "antes del lunes 23 de noviembre",
        );
        case_text(
            DateText::DecisionBy,
            Es,
            mon,
            wed,
            "para el lunes 23 de noviembre",
        );
        case_text(DateText::DecisionBy, Es, mon, mon, "para hoy");
        case_text(DateText::DeadlineBy, Nl, mon, mon, "vandaag nog");
        // The day before is not "yesterday" for a deadline.
        case_text(DateText::DeadlineBy, En, tue, wed, "by Tuesday 17 November");
    }

    #[test]
    fn clock_in_zone() {
        let s = |z: &str| ClockInZone(&zoned(z)).to_string();
        assert_eq!(s("2026-11-25T10:00[Asia/Tokyo]"), "10:00 Tokyo time");
        assert_eq!(s("2026-11-25T10:05[Etc/GMT-9]"), "10:05 UTC+09:00");
        assert_eq!(
            place(&zoned("2026-11-25T10:00[America/New_York]")).as_deref(),
            Some("New York")
        );
    }
}
