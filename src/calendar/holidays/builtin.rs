//! The built-in calendars by name (SPEC §3: `holidays: [US, …]`): which
//! exist, what each covers, and their holidays: the twelve rule-based ones
//! for any year, each computed by its country's file from the rules in
//! `rules`, and the table ones for the years `table` holds.

use super::{au, ca, de, fr, gb, ie, nl, nz, rules, table, us};
use jiff::civil::Date;
use std::ops::RangeInclusive;

/// A built-in holiday calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// United States: federal holidays with their observed days.
    Us,
    /// Canada: the statutory holidays every province shares.
    Ca,
    /// United Kingdom, England (and Wales): bank holidays.
    GbEng,
    /// United Kingdom, Scotland: bank holidays.
    GbSct,
    /// Ireland: public holidays.
    Ie,
    /// Germany: the nationwide public holidays.
    De,
    /// Germany, Bavaria: the nationwide ones plus Bavaria's.
    DeBy,
    /// France: public holidays (metropolitan France outside Alsace-Moselle).
    Fr,
    /// Netherlands: public holidays.
    Nl,
    /// Australia: the public holidays every state shares.
    Au,
    /// Australia, New South Wales: public holidays with substitute days.
    AuNsw,
    /// New Zealand: national public holidays with Mondayised days.
    Nz,
    /// A calendar read from the dated tables: its index in
    /// [`table::all`].
    Table(u16),
}

/// Every calendar, in the order of [`names`].
const ALL: [Calendar; 12] = [
    Calendar::Us,
    Calendar::Ca,
    Calendar::GbEng,
    Calendar::GbSct,
    Calendar::Ie,
    Calendar::De,
    Calendar::DeBy,
    Calendar::Fr,
    Calendar::Nl,
    Calendar::Au,
    Calendar::AuNsw,
    Calendar::Nz,
];

const NAMES: [&str; 12] = [
    "US", "CA", "GB-ENG", "GB-SCT", "IE", "DE", "DE-BY", "FR", "NL", "AU", "AU-NSW", "NZ",
];

/// The names of the built-in calendars, the rule-based ones first, then
/// the table's in order: ISO 3166-1 country codes, with an ISO 3166-2
/// subdivision where the calendar is a region's.
pub fn names() -> &'static [&'static str] {
    static ALL_NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ALL_NAMES.get_or_init(|| {
        NAMES
            .iter()
            .copied()
            .chain(table::all().iter().map(|c| c.name))
            .collect()
    })
}

/// Every built-in calendar, in the order of [`names`].
pub fn every() -> impl Iterator<Item = Calendar> {
    ALL.into_iter()
        .chain((0..table::all().len()).filter_map(|i| u16::try_from(i).ok().map(Calendar::Table)))
}

/// The calendar called `name`, ignoring ASCII case (`us`, `gb-eng`,
/// `in-ka`).
pub fn lookup(name: &str) -> Option<Calendar> {
    NAMES
        .iter()
        .zip(ALL)
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, c)| c)
        .or_else(|| {
            table::find(name)
                .and_then(|i| u16::try_from(i).ok())
                .map(Calendar::Table)
        })
}

/// The holidays of calendar `name` in `years`, one entry per date, sorted;
/// where two holidays share a date their names are joined with "; "
/// ("ANZAC Day; Easter Monday"). `None` when no calendar has that name.
pub fn holidays_in(name: &str, years: RangeInclusive<i16>) -> Option<Vec<(Date, String)>> {
    let calendar = lookup(name)?;
    let mut out: Vec<(Date, String)> = Vec::new();
    for year in years {
        for (date, holiday) in calendar.holidays(year) {
            match out.last_mut() {
                Some((last, names)) if *last == date => {
                    names.push_str("; ");
                    names.push_str(holiday);
                }
                _ => out.push((date, holiday.to_string())),
            }
        }
    }
    Some(out)
}

/// A warning when the table calendar `name` lacks some of `years` (India's
/// calendars end in 2035, with python-holidays' Hindu lunar tables); `None`
/// for a rule-based calendar or one that holds them all.
pub fn coverage_warning(name: &str, years: RangeInclusive<i16>) -> Option<String> {
    let calendar = lookup(name)?;
    let held = calendar.years()?;
    let (lo, hi) = (*years.start(), *years.end());
    (lo < *held.start() || hi > *held.end()).then(|| {
        format!(
            "the built-in calendar {} holds {}-{} only: days outside those years have no holidays from it",
            calendar.name(),
            held.start(),
            held.end()
        )
    })
}

impl Calendar {
    /// The table calendar behind `Table(i)`.
    fn table(&self) -> Option<&'static table::TableCalendar> {
        match self {
            Calendar::Table(i) => table::all().get(usize::from(*i)),
            _ => None,
        }
    }

    /// The years the calendar holds: `None` for a rule-based one (any
    /// year), else the years of its table.
    pub fn years(&self) -> Option<RangeInclusive<i16>> {
        self.table().map(|t| t.first..=t.last)
    }

    /// The country or region, for a table calendar (`Karnataka, India`).
    pub fn region(&self) -> Option<&'static str> {
        self.table().map(|t| t.region)
    }

    /// The name users write (`"GB-ENG"`).
    pub fn name(&self) -> &'static str {
        match self {
            Calendar::Table(_) => self.table().map_or("", |t| t.name),
            Calendar::Us => "US",
            Calendar::Ca => "CA",
            Calendar::GbEng => "GB-ENG",
            Calendar::GbSct => "GB-SCT",
            Calendar::Ie => "IE",
            Calendar::De => "DE",
            Calendar::DeBy => "DE-BY",
            Calendar::Fr => "FR",
            Calendar::Nl => "NL",
            Calendar::Au => "AU",
            Calendar::AuNsw => "AU-NSW",
            Calendar::Nz => "NZ",
        }
    }

    /// What the calendar covers, in a few words.
    pub fn description(&self) -> String {
        let text = match self {
            Calendar::Table(_) => {
                return format!("{} public holidays", self.region().unwrap_or_default());
            }
            Calendar::Us => "United States federal holidays",
            Calendar::Ca => "Canada nationwide statutory holidays",
            Calendar::GbEng => "England and Wales bank holidays",
            Calendar::GbSct => "Scotland bank holidays",
            Calendar::Ie => "Ireland public holidays",
            Calendar::De => "Germany nationwide public holidays",
            Calendar::DeBy => "Bavaria (Germany) public holidays",
            Calendar::Fr => "France public holidays",
            Calendar::Nl => "Netherlands public holidays",
            Calendar::Au => "Australia nationwide public holidays",
            Calendar::AuNsw => "New South Wales (Australia) public holidays",
            Calendar::Nz => "New Zealand national public holidays",
        };
        text.to_string()
    }

    /// Every holiday whose date is in `year`, sorted by date; a holiday and
    /// its observed or substitute day are two entries, and two holidays on
    /// one date are two entries with the same date. Empty for a year `jiff`
    /// cannot represent.
    ///
    /// Properties (tested below): every date is in `year`; the list is
    /// sorted; it is the same list on every call.
    pub fn holidays(&self, year: i16) -> Vec<(Date, &'static str)> {
        if let Some(t) = self.table() {
            return t.holidays(year);
        }
        rules::holidays_of(|y| self.populate(y), year)
    }

    fn populate(self, y: &mut rules::Year) {
        match self {
            Calendar::Us => us::federal(y),
            Calendar::Ca => ca::national(y),
            Calendar::GbEng => gb::england(y),
            Calendar::GbSct => gb::scotland(y),
            Calendar::Ie => ie::public(y),
            Calendar::De => de::national(y),
            Calendar::DeBy => de::bavaria(y),
            Calendar::Fr => fr::public(y),
            Calendar::Nl => nl::public(y),
            Calendar::Au => au::national(y),
            Calendar::AuNsw => au::new_south_wales(y),
            Calendar::Nz => nz::national(y),
            Calendar::Table(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn names_and_lookup_agree() {
        assert_eq!(names().len(), every().count());
        for (name, calendar) in names().iter().zip(every()) {
            assert_eq!(calendar.name(), *name);
            assert_eq!(lookup(name), Some(calendar));
            assert_eq!(lookup(&name.to_lowercase()), Some(calendar));
        }
    }

    #[test]
    fn lookup_cases() {
        case("us", Some(Calendar::Us));
        case("Gb-Eng", Some(Calendar::GbEng));
        case("de-by", Some(Calendar::DeBy));
        case("GB", None);
        case("UK", None);
        case("", None);
        case("US ", None);
    }

    /// Properties of `holidays` for every calendar over a wide range.
    #[test]
    fn every_year_sorted_and_in_year() {
        for calendar in ALL {
            for year in 1900..=2100 {
                let days = calendar.holidays(year);
                assert!(
                    days.iter().all(|(d, _)| d.year() == year),
                    "{calendar:?} {year}"
                );
                assert!(
                    days.windows(2).all(|w| w[0].0 <= w[1].0),
                    "{calendar:?} {year}"
                );
                assert!(days.iter().all(|(_, n)| !n.is_empty()));
                assert_eq!(days, calendar.holidays(year));
            }
        }
    }

    #[test]
    fn extreme_years_do_not_panic() {
        for calendar in ALL {
            for year in [i16::MIN, -9999, -1, 0, 1, 9999, i16::MAX] {
                let _ = calendar.holidays(year);
            }
        }
    }

    #[test]
    fn holidays_in_joins_names_on_one_date() {
        let Some(days) = holidays_in("NZ", 2038..=2038) else {
            panic!("NZ is built in");
        };
        // 2038: Easter Monday is 26 April, Anzac Day (Sunday 25th) is
        // Mondayised onto the same day.
        assert!(days.contains(&(
            date(2038, 4, 26),
            "Easter Monday; Anzac Day (observed)".into()
        )));
        assert!(days.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(holidays_in("XX", 2026..=2026), None);
    }

    #[test]
    fn holidays_in_spans_years() {
        let Some(days) = holidays_in("US", 2021..=2022) else {
            panic!("US is built in");
        };
        // New Year's Day 2022 is a Saturday: observed Friday 31 December 2021.
        assert!(days.contains(&(date(2021, 12, 31), "New Year's Day (observed)".into())));
        assert_eq!(days.first().map(|d| d.0), Some(date(2021, 1, 1)));
        assert_eq!(days.last().map(|d| d.0), Some(date(2022, 12, 26)));
    }

    #[test]
    fn coverage_warnings() {
        assert_eq!(coverage_warning("US", 1990..=2100), None);
        assert_eq!(coverage_warning("JP", 2025..=2028), None);
        assert_eq!(
            coverage_warning("in-ka", 2034..=2037).as_deref(),
            Some(
                "the built-in calendar IN-KA holds 2001-2035 only: days outside those years have no holidays from it"
            )
        );
    }

    #[track_caller]
    fn case(name: &str, want: Option<Calendar>) {
        assert_eq!(lookup(name), want, "{name:?}");
    }
}
