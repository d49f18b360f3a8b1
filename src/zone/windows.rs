//! Windows time zone IDs → IANA zones, and the IANA zone any TZID of a
//! foreign calendar means.
//!
//! Outlook, Exchange and Teams name zones by their Windows ID (`W. Europe
//! Standard Time`) or, in older Outlook, by its display name (`(UTC+01:00)
//! Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`); Exchange writes
//! `Customized Time Zone` when a user's zone was edited; Evolution and
//! Thunderbird prefix IANA names (`/mozilla.org/20050126_1/Europe/Berlin`);
//! Google, Zoom and Apple write IANA names. RFC 5545 §3.2.19 only says a TZID
//! names the VTIMEZONE in the same file, so [`Resolver`] reads it in this
//! order, and says what it guessed:
//!
//! 1. an IANA name of the bundled tz database (links too);
//! 2. an IANA name after a prefix (the longest `/`-suffix that is one);
//! 3. a Windows ID: CLDR's windowsZones table, territory `001` (its "golden"
//!    zone), from the generated [`table`];
//! 4. a display name: the Windows zone whose ID it spells ("Pacific Time
//!    (US & Canada)" → `Pacific Standard Time`), then the Windows zone most
//!    of its places belong to (Amsterdam, Berlin, Rome → `W. Europe Standard
//!    Time` → Europe/Berlin), then a CLDR metazone it names ("Brasília" →
//!    America/Sao_Paulo), then zones named after its places;
//! 5. with the file's VTIMEZONE: the zones whose offsets match it through the
//!    event's year, preferring those step 4 named, then X-WR-TIMEZONE, then
//!    CLDR's golden zones (of the largest Windows zone first).
//!
//! A name found in steps 1–4 is not checked against the VTIMEZONE here: the
//! invitation's instants come from the file's own definition, and the
//! reader warns when the local time in the chosen zone differs.
//!
//! `scripts/update-windows-zones.sh` regenerates the table from a pinned
//! `cldr-core` npm package; [`cldr_version`] names the CLDR release. No I/O.

#[rustfmt::skip]
mod table;

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use crate::ics::invite::{ForeignZone, ZoneFound, ZoneQuery, ZoneResolver};

/// The CLDR release the Windows table comes from, e.g. `48`.
pub fn cldr_version() -> &'static str {
    table::CLDR_VERSION
}

/// One Windows zone of CLDR's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowsZone {
    /// The Windows ID, e.g. `W. Europe Standard Time`.
    pub id: &'static str,
    /// Its territory-001 IANA zone, e.g. `Europe/Berlin`.
    pub golden: &'static str,
    /// Every IANA zone CLDR maps it to in some territory (golden first).
    pub zones: &'static [&'static str],
}

/// Every Windows zone of the table, sorted by ID.
pub fn zones() -> impl Iterator<Item = WindowsZone> {
    table::ZONES
        .iter()
        .map(|&(id, golden, zones)| WindowsZone { id, golden, zones })
}

/// Every CLDR metazone with its golden IANA zone (`Brasilia` →
/// `America/Sao_Paulo`).
pub fn metazones() -> impl Iterator<Item = (&'static str, &'static str)> {
    table::METAZONES.iter().copied()
}

/// The IANA zone of a Windows zone ID (CLDR territory 001), compared
/// without regard to case or surrounding space.
///
/// # Example
///
/// ```
/// use followup::zone::windows::to_iana;
/// assert_eq!(to_iana("W. Europe Standard Time"), Some("Europe/Berlin"));
/// assert_eq!(to_iana("pacific standard time"), Some("America/Los_Angeles"));
/// assert_eq!(to_iana("Europe/Berlin"), None);
/// ```
pub fn to_iana(windows_id: &str) -> Option<&'static str> {
    windows_zone(windows_id).map(|z| z.golden)
}

/// The Windows zone of an ID (case-insensitive).
pub fn windows_zone(windows_id: &str) -> Option<WindowsZone> {
    let id = windows_id.trim();
    zones().find(|z| z.id.eq_ignore_ascii_case(id))
}

/// The Windows zone that CLDR maps an IANA zone from, if any.
pub fn windows_zone_of(iana: &str) -> Option<WindowsZone> {
    zones().find(|z| z.zones.contains(&iana))
}

/// The TZID resolver for invitations ([`crate::ics::invite`]): the bundled
/// tz database, CLDR's tables, and the file's VTIMEZONE.
#[derive(Clone, Copy, Debug, Default)]
pub struct Resolver;

impl ZoneResolver for Resolver {
    fn resolve(&self, query: &ZoneQuery<'_>) -> Result<ZoneFound, String> {
        resolve(query)
    }
}

fn lookup(name: &str) -> Option<(String, TimeZone)> {
    let tz = jiff::tz::db().get(name).ok()?;
    Some((tz.iana_name().unwrap_or(name).to_string(), tz))
}

fn found(name: &str, guess: Option<String>) -> Result<ZoneFound, String> {
    let (name, tz) =
        lookup(name).ok_or_else(|| format!("{name} is not in the bundled tz database"))?;
    Ok(ZoneFound { name, tz, guess })
}

fn resolve(query: &ZoneQuery<'_>) -> Result<ZoneFound, String> {
    // Mozilla once wrote `Pacific Standard Time:`; quotes are the
    // parameter's, not the name's.
    let tzid = query
        .tzid
        .trim()
        .trim_matches('"')
        .trim_end_matches(':')
        .trim();
    // 1. An IANA name.
    if !tzid.is_empty()
        && let Some((name, tz)) = lookup(tzid)
    {
        return Ok(ZoneFound {
            name,
            tz,
            guess: None,
        });
    }
    // 2. A prefixed IANA name: the longest `/`-suffix that is one.
    let spaced = tzid.replace(' ', "_");
    for (i, _) in spaced.match_indices('/') {
        let suffix = &spaced[i + 1..];
        if (suffix.contains('/') || suffix.eq_ignore_ascii_case("UTC"))
            && let Some((name, tz)) = lookup(suffix)
        {
            return Ok(ZoneFound {
                name: name.clone(),
                tz,
                guess: Some(format!("read TZID {tzid:?} as the IANA zone {name}")),
            });
        }
    }
    if spaced != tzid
        && let Some((name, tz)) = lookup(&spaced)
    {
        return Ok(ZoneFound {
            name: name.clone(),
            tz,
            guess: Some(format!("read TZID {tzid:?} as the IANA zone {name}")),
        });
    }
    // 3. A Windows ID.
    if let Some(z) = windows_zone(tzid) {
        return found(
            z.golden,
            Some(format!(
                "the Windows zone {tzid:?} is {} (CLDR {} windowsZones)",
                z.golden,
                cldr_version()
            )),
        );
    }
    // 4. A display name.
    let named = display_name_zones(tzid);
    // 5. The file's VTIMEZONE.
    let Some(vtimezone) = query.vtimezone else {
        return match named.first() {
            Some((zone, why)) => found(zone, Some(format!("TZID {tzid:?} read as {zone} ({why})"))),
            None => Err(format!(
                "TZID {tzid:?} is neither an IANA zone nor a Windows zone, and the file has no \
                 VTIMEZONE that defines it"
            )),
        };
    };
    let matching = zones_matching(vtimezone, query.local.year());
    let pick = named
        .iter()
        .find(|(zone, _)| matching.iter().any(|m| m == zone))
        .map(|(zone, why)| (zone.clone(), why.clone()));
    if let Some((zone, why)) = pick {
        return found(
            &zone,
            Some(format!(
                "TZID {tzid:?} read as {zone} ({why}; its VTIMEZONE agrees)"
            )),
        );
    }
    let hinted = query
        .hint
        .and_then(lookup)
        .map(|(name, _)| name)
        .filter(|h| matching.contains(h));
    let best = hinted.clone().or_else(|| preferred(&matching));
    match best {
        Some(zone) => {
            let others: Vec<&str> = matching
                .iter()
                .filter(|m| **m != zone)
                .map(String::as_str)
                .take(4)
                .collect();
            let how = if hinted.is_some() {
                "the calendar's X-WR-TIMEZONE".to_string()
            } else if others.is_empty() {
                "the only zone with those rules".to_string()
            } else {
                format!(
                    "{} zones have those rules, e.g. {}{}",
                    matching.len(),
                    others.join(", "),
                    if matching.len() > others.len() + 1 {
                        ", …"
                    } else {
                        ""
                    }
                )
            };
            let named_note = match named.first() {
                Some((zone, _)) => format!("; its name suggests {zone}, whose rules differ"),
                None => String::new(),
            };
            found(
                &zone,
                Some(format!(
                    "TZID {tzid:?} read as {zone} from its VTIMEZONE's offsets in {} ({how}){named_note}",
                    query.local.year()
                )),
            )
        }
        None => match named.first() {
            Some((zone, why)) => found(
                zone,
                Some(format!(
                    "TZID {tzid:?} read as {zone} ({why}), although its VTIMEZONE's rules match no \
                     zone of the tz database in {}",
                    query.local.year()
                )),
            ),
            None => Err(format!(
                "TZID {tzid:?} is not a zone name, and its VTIMEZONE's rules match no zone of the \
                 tz database in {}",
                query.local.year()
            )),
        },
    }
}

/// Accents and case folded away, for comparing place names ("Brasília" is
/// CLDR's "Brasilia"); letters outside Latin-1 and Latin Extended-A are kept.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à'..='å' | 'À'..='Å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'Ç' | 'ć' | 'č' => 'c',
            'è'..='ë' | 'È'..='Ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'į' | 'ı' => 'i',
            'ñ' | 'Ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            '_' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The zones an Outlook display name names, best first, each with why.
///
/// # Example
///
/// `(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`: four of
/// its places are IANA zones that CLDR lists under `W. Europe Standard
/// Time`, whose golden zone is Europe/Berlin.
pub fn display_name_zones(tzid: &str) -> Vec<(String, String)> {
    // `(UTC+01:00) `, `(GMT+01.00) `, `(GMT) ` and the like.
    let text = match tzid.trim().strip_prefix('(') {
        Some(rest)
            if rest.get(..3).is_some_and(|p| {
                p.eq_ignore_ascii_case("UTC") || p.eq_ignore_ascii_case("GMT")
            }) =>
        {
            rest.split_once(')').map_or(rest, |(_, t)| t).trim()
        }
        _ => tzid.trim(),
    };
    let folded = fold(text);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |zone: &str, why: String| {
        if !out.iter().any(|(z, _)| z == zone) && lookup(zone).is_some() {
            out.push((zone.to_string(), why));
        }
    };
    // The Windows ID it spells: "Pacific Time (US & Canada)" for
    // `Pacific Standard Time`.
    for z in zones() {
        if let Some(base) = z.id.strip_suffix(" Standard Time") {
            let spelled = fold(&format!("{base} Time"));
            if folded.starts_with(&spelled) {
                push(z.golden, format!("it spells the Windows zone {:?}", z.id));
            }
        }
    }
    // Its places, each an IANA zone's city, voting for their Windows zone.
    let places: Vec<String> = folded
        .split([',', '/', ';', '&', '(', ')'])
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let cities: Vec<String> = places.iter().filter_map(|place| city_zone(place)).collect();
    let mut votes: Vec<(WindowsZone, usize)> = Vec::new();
    for city in &cities {
        if let Some(z) = windows_zone_of(city) {
            match votes.iter_mut().find(|(v, _)| v.id == z.id) {
                Some((_, n)) => *n += 1,
                None => votes.push((z, 1)),
            }
        }
    }
    // Most votes first; a tie keeps the order of the places.
    votes.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    for (z, n) in &votes {
        push(
            z.golden,
            format!("{n} of its places belong to the Windows zone {:?}", z.id),
        );
    }
    // A metazone it names: "Brasília" is CLDR's `Brasilia`.
    for (meta, golden) in metazones() {
        let spelled = fold(meta);
        if places.contains(&spelled) {
            push(golden, format!("it names the CLDR metazone {meta:?}"));
        }
    }
    for city in &cities {
        push(city, "it names that place".to_string());
    }
    out
}

/// The IANA zone whose last segment is `place` (folded), among the
/// canonical regions.
fn city_zone(place: &str) -> Option<String> {
    if place.is_empty() {
        return None;
    }
    jiff::tz::db()
        .available()
        .map(|n| n.to_string())
        .filter(|n| is_regional(n))
        .find(|n| n.rsplit('/').next().is_some_and(|city| fold(city) == place))
}

/// Names of places (`Europe/Berlin`), not the database's legacy aliases
/// (`US/Eastern`, `EST5EDT`, `Etc/GMT+5`).
fn is_regional(name: &str) -> bool {
    const REGIONS: &[&str] = &[
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    ];
    name.split_once('/')
        .is_some_and(|(region, _)| REGIONS.contains(&region))
}

/// The zones of the tz database whose offsets agree with `v` through the
/// local year `year` (every onset of `v` in it, and noon of every day), by
/// name; `UTC` when `v` is UTC all year.
pub fn zones_matching(v: &ForeignZone, year: i16) -> Vec<String> {
    let Ok(from) = DateTime::new(year, 1, 1, 0, 0, 0, 0)
        .and_then(|d| d.to_zoned(TimeZone::UTC))
        .map(|z| z.timestamp())
    else {
        return Vec::new();
    };
    let Ok(until) = from.checked_add(SignedDuration::from_hours(24 * 366)) else {
        return Vec::new();
    };
    // The instants to compare at: each day's noon UTC, and two minutes
    // either side of every onset `v` has in the year. Windows writes a
    // change at midnight as 23:59:59 the day before (Brazil's old rules
    // in Outlook: `DTSTART:16010101T235959`, `BYDAY=2SA`), a second before
    // the tz database's: the margin lets that match.
    let mut checks: Vec<(Timestamp, Offset)> = Vec::new();
    let mut t = from.checked_add(SignedDuration::from_hours(12)).ok();
    while let Some(now) = t.filter(|now| *now < until) {
        checks.push((now, v.offset_at(now)));
        t = now.checked_add(SignedDuration::from_hours(24)).ok();
    }
    let margin = SignedDuration::from_mins(2);
    for (onset, offset) in v.onsets(from, until) {
        if let Ok(before) = onset.checked_sub(margin) {
            checks.push((before, v.offset_at(before)));
        }
        if let Ok(after) = onset.checked_add(margin) {
            checks.push((after, offset));
        }
    }
    if checks.iter().all(|(_, o)| *o == Offset::UTC) {
        return vec!["UTC".to_string()];
    }
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.to_string())
        .filter(|n| is_regional(n))
        .filter(|n| {
            jiff::tz::db()
                .get(n)
                .is_ok_and(|tz| checks.iter().all(|(t, offset)| tz.to_offset(*t) == *offset))
        })
        .collect();
    names.sort();
    names
}

/// The zone to prefer among zones with the same rules: a CLDR golden zone
/// (of the Windows zone with the most IANA zones: `Eastern Standard Time`
/// before `Haiti Standard Time`), else the first by name.
fn preferred(matching: &[String]) -> Option<String> {
    let golden = zones()
        .filter(|z| matching.iter().any(|m| m == z.golden))
        .max_by(|a, b| {
            a.zones
                .len()
                .cmp(&b.zones.len())
                .then_with(|| b.golden.cmp(a.golden))
        });
    golden
        .map(|z| z.golden.to_string())
        .or_else(|| matching.first().cloned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::ics::YearlyRule;
    use crate::ics::invite::ForeignObservance;
    use jiff::civil::{Weekday, datetime};
    use jiff::tz::offset;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any truncation or one-byte change of a real-shaped Outlook
        /// invitation, read with this resolver: an answer, never a panic.
        #[test]
        fn never_panics_on_damaged_invitations(cut in 0usize..4000, at in 0usize..4000, byte in proptest::prelude::any::<u8>()) {
            let mut bytes = include_bytes!("../../tests/invites/ours/exchange-customized-london.ics").to_vec();
            let at = at % bytes.len();
            bytes[at] = byte;
            bytes.truncate(cut.max(1).min(bytes.len()));
            let _ = crate::ics::invite::read(&bytes, &crate::ics::invite::Options { own_addresses: &[], zones: &Resolver });
        }
    }

    #[test]
    fn the_table_is_sorted_complete_and_known_to_the_tz_database() {
        let ids: Vec<&str> = zones().map(|z| z.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "sorted, no duplicates");
        assert!(ids.len() > 130, "{} Windows zones", ids.len());
        for z in zones() {
            assert_eq!(z.zones.first(), Some(&z.golden), "{}", z.id);
            for name in z.zones.iter().chain([&z.golden]) {
                assert!(
                    jiff::tz::db().get(name).is_ok(),
                    "{name} (for {:?}) is not in the bundled tz database",
                    z.id
                );
            }
        }
        for (meta, golden) in metazones() {
            assert!(jiff::tz::db().get(golden).is_ok(), "{golden} ({meta})");
        }
        assert_eq!(cldr_version(), "48");
    }

    #[test]
    fn windows_ids_round_trip() {
        for (id, want) in [
            ("W. Europe Standard Time", "Europe/Berlin"),
            ("Romance Standard Time", "Europe/Paris"),
            ("GMT Standard Time", "Europe/London"),
            ("Eastern Standard Time", "America/New_York"),
            ("Central Standard Time", "America/Chicago"),
            ("Mountain Standard Time", "America/Denver"),
            ("Pacific Standard Time", "America/Los_Angeles"),
            ("US Mountain Standard Time", "America/Phoenix"),
            ("India Standard Time", "Asia/Calcutta"),
            ("Tokyo Standard Time", "Asia/Tokyo"),
            ("AUS Eastern Standard Time", "Australia/Sydney"),
            ("E. South America Standard Time", "America/Sao_Paulo"),
            ("UTC", "Etc/UTC"),
        ] {
            assert_eq!(to_iana(id), Some(want), "{id}");
            assert_eq!(to_iana(&format!("  {}  ", id.to_uppercase())), Some(want));
            // Back: the golden zone's Windows zone is the one we came from.
            assert_eq!(windows_zone_of(want).map(|z| z.id), Some(id), "{want}");
        }
        assert_eq!(to_iana("Nowhere Standard Time"), None);
    }

    #[test]
    fn display_names() {
        display_case(
            "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
            "Europe/Berlin",
        );
        display_case(
            "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris",
            "Europe/Paris",
        );
        display_case("(GMT+01.00) Sarajevo/Warsaw/Zagreb", "Europe/Warsaw");
        display_case(
            "(UTC+02:00) Athens, Bucharest, Istanbul",
            "Europe/Bucharest",
        );
        display_case("(UTC+07:00) Bangkok, Hanoi, Jakarta", "Asia/Bangkok");
        display_case("Pacific Time (US & Canada), Tijuana", "America/Los_Angeles");
        display_case("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York");
        display_case("(UTC-03:00) Brasília", "America/Sao_Paulo");
        assert_eq!(display_name_zones("Customized Time Zone"), vec![]);
    }

    #[track_caller]
    fn display_case(tzid: &str, want: &str) {
        let got = display_name_zones(tzid);
        assert_eq!(
            got.first().map(|(z, _)| z.as_str()),
            Some(want),
            "{tzid}: {got:?}"
        );
    }

    fn eastern() -> ForeignZone {
        let sunday = |month, week| {
            Some(YearlyRule {
                month,
                week,
                weekday: Weekday::Sunday,
            })
        };
        ForeignZone {
            tzid: "Customized Time Zone".into(),
            observances: vec![
                ForeignObservance {
                    daylight: false,
                    start: datetime(1601, 1, 1, 2, 0, 0, 0),
                    offset_from: offset(-4),
                    offset_to: offset(-5),
                    rule: sunday(11, 1),
                    until: None,
                    rdates: vec![],
                },
                ForeignObservance {
                    daylight: true,
                    start: datetime(1601, 1, 1, 2, 0, 0, 0),
                    offset_from: offset(-5),
                    offset_to: offset(-4),
                    rule: sunday(3, 2),
                    until: None,
                    rdates: vec![],
                },
            ],
        }
    }

    #[test]
    fn custom_zones_are_matched_by_their_rules() {
        let v = eastern();
        let matching = zones_matching(&v, 2026);
        assert!(
            matching.contains(&"America/New_York".to_string()),
            "{matching:?}"
        );
        assert!(matching.contains(&"America/Toronto".to_string()));
        assert!(!matching.contains(&"America/Chicago".to_string()));
        assert!(
            !matching.contains(&"America/Havana".to_string()),
            "Cuba's dates differ"
        );
        let got = resolve(&ZoneQuery {
            tzid: "Customized Time Zone",
            vtimezone: Some(&v),
            local: datetime(2026, 11, 17, 14, 0, 0, 0),
            hint: None,
        })
        .unwrap();
        assert_eq!(got.name, "America/New_York");
        assert!(
            got.guess
                .unwrap()
                .contains("from its VTIMEZONE's offsets in 2026")
        );
        // With a hint among the matches, the hint wins.
        let got = resolve(&ZoneQuery {
            tzid: "Customized Time Zone",
            vtimezone: Some(&v),
            local: datetime(2026, 11, 17, 14, 0, 0, 0),
            hint: Some("America/Toronto"),
        })
        .unwrap();
        assert_eq!(got.name, "America/Toronto");
    }

    #[test]
    fn tzids_as_producers_write_them() {
        let local = datetime(2026, 11, 17, 14, 0, 0, 0);
        for (tzid, want, guessed) in [
            ("Europe/Berlin", "Europe/Berlin", false),
            ("\"America/New_York\"", "America/New_York", false),
            (
                "/mozilla.org/20050126_1/Europe/Berlin",
                "Europe/Berlin",
                true,
            ),
            (
                "/freeassociation.sourceforge.net/Tzfile/Europe/Berlin",
                "Europe/Berlin",
                true,
            ),
            (
                "/citadel.org/20260108_1/America/Indiana/Vevay",
                "America/Indiana/Vevay",
                true,
            ),
            ("/Europe/Berlin", "Europe/Berlin", true),
            ("America/Los Angeles", "America/Los_Angeles", true),
            ("W. Europe Standard Time", "Europe/Berlin", true),
            ("Pacific Standard Time:", "America/Los_Angeles", true),
        ] {
            let got = resolve(&ZoneQuery {
                tzid,
                vtimezone: None,
                local,
                hint: None,
            })
            .unwrap_or_else(|e| panic!("{tzid}: {e}"));
            assert_eq!(got.name, want, "{tzid}");
            assert_eq!(got.guess.is_some(), guessed, "{tzid}: {:?}", got.guess);
        }
        let err = resolve(&ZoneQuery {
            tzid: "BRT",
            vtimezone: None,
            local,
            hint: None,
        })
        .unwrap_err();
        assert!(err.contains("no VTIMEZONE"), "{err}");
    }

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Brasília"), "brasilia");
        assert_eq!(fold("São_Paulo"), "sao paulo");
        assert_eq!(fold("Zürich"), "zurich");
    }
}
