//! `holidays: [auto]`: the built-in calendar of the employer's zone's
//! country, from the tz database's zone-to-country table (`zone.tab` of the
//! release the binary bundles, 2026e; `scripts/gen-zones.py` regenerates
//! `zones/data.rs` from PyPI's `tzdata` at the matching version).
//!
//! A zone belongs to one country in `zone.tab` (Europe/Zurich is CH, not
//! also Liechtenstein's). Two countries get a region's calendar instead of
//! a national one, since theirs has none that offices follow: the United
//! Kingdom (Europe/London: England and Wales, `GB-ENG`) and Australia, where
//! each state zone names its state (Australia/Sydney: `AU-NSW`). A zone
//! whose country has no built-in calendar, or that has no country at all
//! (Etc/UTC), gives no calendar: the caller warns.
//!
//! No I/O, no clock.
//!
//! # Example
//!
//! ```
//! use followup::calendar::holidays::zones::{self, Auto};
//!
//! let Auto::Calendar { calendar, country } = zones::auto("Asia/Tokyo") else {
//!     return Err("Tokyo has a calendar".into());
//! };
//! assert_eq!((calendar.name(), country), ("JP", "JP"));
//! assert!(matches!(zones::auto("Etc/UTC"), Auto::NoCalendar { country: None }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[rustfmt::skip]
mod data;

use super::builtin::{Calendar, holidays_in, lookup};
use jiff::civil::Date;
use std::ops::RangeInclusive;

pub use data::RELEASE;

/// What `auto` resolves to for a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auto {
    /// The calendar, and the zone's country (ISO 3166-1).
    Calendar {
        calendar: Calendar,
        country: &'static str,
    },
    /// No built-in calendar: the zone's country when it has one.
    NoCalendar { country: Option<&'static str> },
}

/// The ISO 3166-1 code of the country `zone.tab` gives `zone` (an IANA
/// name or one of its links), if any.
pub fn country_of(zone: &str) -> Option<&'static str> {
    data::ZONES
        .binary_search_by(|(z, _)| (*z).cmp(zone))
        .ok()
        .and_then(|i| data::ZONES.get(i))
        .map(|(_, c)| *c)
}

/// Zones of a region whose calendar is the one offices there follow.
const REGIONS: &[(&str, &str)] = &[
    ("Australia/Adelaide", "AU-SA"),
    ("Australia/Brisbane", "AU-QLD"),
    ("Australia/Broken_Hill", "AU-NSW"),
    ("Australia/Darwin", "AU-NT"),
    ("Australia/Hobart", "AU-TAS"),
    ("Australia/Lindeman", "AU-QLD"),
    ("Australia/Lord_Howe", "AU-NSW"),
    ("Australia/Melbourne", "AU-VIC"),
    ("Australia/Perth", "AU-WA"),
    ("Australia/Sydney", "AU-NSW"),
    // Links in the tz database to the zones above.
    ("Australia/ACT", "AU-ACT"),
    ("Australia/Canberra", "AU-ACT"),
    ("Australia/NSW", "AU-NSW"),
    ("Australia/North", "AU-NT"),
    ("Australia/Queensland", "AU-QLD"),
    ("Australia/South", "AU-SA"),
    ("Australia/Tasmania", "AU-TAS"),
    ("Australia/Victoria", "AU-VIC"),
    ("Australia/West", "AU-WA"),
];

/// The built-in calendar `holidays: [auto]` means for an employer in
/// `zone`.
pub fn auto(zone: &str) -> Auto {
    if let Some((_, name)) = REGIONS.iter().find(|(z, _)| *z == zone)
        && let Some(calendar) = lookup(name)
    {
        return Auto::Calendar {
            calendar,
            country: "AU",
        };
    }
    let Some(country) = country_of(zone) else {
        return Auto::NoCalendar { country: None };
    };
    let name = match country {
        "GB" => "GB-ENG",
        other => other,
    };
    match lookup(name) {
        Some(calendar) => Auto::Calendar { calendar, country },
        None => Auto::NoCalendar {
            country: Some(country),
        },
    }
}

/// What `holidays: [auto]` gives an employer in one zone, for the years a
/// plan needs: the days, a note saying what was chosen (for `plan -v`), and
/// a warning when there is nothing or not everything to give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub days: Vec<(Date, Option<String>)>,
    /// `Asia/Tokyo: JP (Japan public holidays, 2000-2060)`.
    pub note: String,
    /// No calendar for the zone's country, or years outside its table.
    pub warning: Option<String>,
}

/// Resolves `auto` for `zone` over `years`. A zone without a calendar
/// gives no days and a warning rather than an error: the plan still works
/// (weekends only), and the message says how to add the holidays.
pub fn resolve(zone: &str, years: RangeInclusive<i16>) -> Resolved {
    match auto(zone) {
        Auto::Calendar { calendar, .. } => {
            let coverage = match calendar.years() {
                Some(y) => format!("{}-{}", y.start(), y.end()),
                None => "rules, any year".to_string(),
            };
            let warning = calendar.years().and_then(|held| {
                let (lo, hi) = (*years.start(), *years.end());
                (lo < *held.start() || hi > *held.end()).then(|| {
                    format!(
                        "`auto` chose {} for {zone}, whose built-in table holds {}-{} only: dates outside those years have no holidays",
                        calendar.name(),
                        held.start(),
                        held.end()
                    )
                })
            });
            let days = holidays_in(calendar.name(), years)
                .unwrap_or_default()
                .into_iter()
                .map(|(d, n)| (d, Some(n)))
                .collect();
            Resolved {
                days,
                note: format!(
                    "{zone}: {} ({}, {coverage})",
                    calendar.name(),
                    calendar.description()
                ),
                warning,
            }
        }
        Auto::NoCalendar { country } => {
            let whose = match country {
                Some(c) => format!("{zone} is in {c}, which has no built-in holiday calendar"),
                None => format!("{zone} belongs to no country in the tz database"),
            };
            Resolved {
                days: Vec::new(),
                note: format!("{zone}: no built-in calendar, no holidays"),
                warning: Some(format!("`auto` found no holidays: {whose}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_bundled_release() {
        assert_eq!(RELEASE, crate::zone::tzdb_version());
        assert!(data::ZONES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// Every zone the bundled database knows that has a country in
    /// zone.tab resolves; most of them to a calendar.
    #[test]
    fn every_zone_with_a_country() {
        let mut with_calendar = 0;
        for name in crate::zone::names() {
            if let Auto::Calendar { calendar, .. } = auto(&name) {
                with_calendar += 1;
                assert!(!calendar.name().is_empty());
            }
        }
        assert!(with_calendar > 400, "{with_calendar}");
    }

    #[test]
    fn zones() {
        case("America/New_York", Some("US"));
        case("US/Eastern", Some("US"));
        case("Asia/Kolkata", Some("IN"));
        case("Asia/Calcutta", Some("IN"));
        case("Europe/London", Some("GB-ENG"));
        case("Europe/Amsterdam", Some("NL"));
        case("Australia/Sydney", Some("AU-NSW"));
        case("Australia/Perth", Some("AU-WA"));
        case("America/Sao_Paulo", Some("BR"));
        case("Asia/Singapore", Some("SG"));
        case("Europe/Madrid", Some("ES"));
        case("Etc/UTC", None);
        // The one country in zone.tab that python-holidays has no calendar
        // for: the British Indian Ocean Territory.
        case("Indian/Chagos", None);
        assert_eq!(
            auto("Indian/Chagos"),
            Auto::NoCalendar {
                country: Some("IO")
            }
        );
        case("Antarctica/Troll", Some("AQ"));
        case("Not/AZone", None);
    }

    #[test]
    fn resolved_notes_and_warnings() {
        let r = resolve("Asia/Tokyo", 2026..=2027);
        assert_eq!(r.note, "Asia/Tokyo: JP (Japan public holidays, 2000-2060)");
        assert_eq!(r.warning, None);
        assert!(r.days.iter().any(
            |(d, n)| d.to_string() == "2026-01-12" && n.as_deref() == Some("Coming of Age Day")
        ));
        let r = resolve("America/New_York", 2026..=2026);
        assert_eq!(
            r.note,
            "America/New_York: US (United States federal holidays, rules, any year)"
        );
        let r = resolve("Asia/Kolkata", 2040..=2041);
        assert!(r.warning.is_some_and(|w| w.contains("2001-2035 only")));
        let r = resolve("Etc/UTC", 2026..=2026);
        assert!(r.days.is_empty());
        assert_eq!(
            r.warning.as_deref(),
            Some("`auto` found no holidays: Etc/UTC belongs to no country in the tz database")
        );
    }

    #[track_caller]
    fn case(zone: &str, want: Option<&str>) {
        let got = match auto(zone) {
            Auto::Calendar { calendar, .. } => Some(calendar.name()),
            Auto::NoCalendar { .. } => None,
        };
        assert_eq!(got, want, "{zone}");
    }
}
