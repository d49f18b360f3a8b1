//! The VTIMEZONE component, RFC 5545 §3.6.5, in the narrow shape Outlook and
//! Google accept (SPEC §5): one STANDARD and at most one DAYLIGHT
//! observance, each starting in 1970, with a yearly `BYMONTH`/`BYDAY` rule or
//! none at all.
//!
//! This module owns the plain data, its writing, and reading it back the way
//! a calendar client does ([`VTimezone::offset_at`], [`VTimezone::to_timestamp`]):
//! an observance's DTSTART is local time in its TZOFFSETFROM (§3.6.5), its
//! RRULE repeats that onset every year (§3.8.5.3, §3.3.10), and the offset in
//! force at an instant is the TZOFFSETTO of the latest onset before it.
//! Deriving a VTIMEZONE from the tz database is `zone::vtimezone`'s job.
//!
//! No I/O, no clock.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::Offset;

use super::writer::Writer;

/// A VTIMEZONE: a TZID and the observances that define its offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VTimezone {
    /// The TZID that DATE-TIME properties refer to, e.g. `Europe/Berlin`.
    pub tzid: String,
    /// Written as STANDARD: the lower offset of the pair, or the only one.
    pub standard: Observance,
    /// Written as DAYLIGHT: the higher offset of the pair, if the zone
    /// changes offset at all.
    pub daylight: Option<Observance>,
}

/// One STANDARD or DAYLIGHT sub-component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observance {
    /// DTSTART: the first onset, as local time in `offset_from`. With a
    /// rule, it must be the rule's date in its year (clients take DTSTART
    /// as the first occurrence of the RRULE).
    pub start: DateTime,
    /// TZOFFSETFROM: the offset in force just before each onset.
    pub offset_from: Offset,
    /// TZOFFSETTO: the offset from each onset on.
    pub offset_to: Offset,
    /// TZNAME, e.g. `CET`; omitted when `None`.
    pub name: Option<String>,
    /// The yearly RRULE; `None` for a single onset at DTSTART.
    pub rule: Option<YearlyRule>,
}

/// `RRULE:FREQ=YEARLY;BYMONTH=<month>;BYDAY=<week><weekday>`: the onset
/// falls on the `week`-th `weekday` of `month` (1..=4), or the last one
/// (`week == -1`).
///
/// # Example
///
/// ```
/// use followup::ics::YearlyRule;
/// use jiff::civil::{date, Weekday};
///
/// let last_sunday_of_march = YearlyRule { month: 3, week: -1, weekday: Weekday::Sunday };
/// assert_eq!(last_sunday_of_march.to_string(), "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
/// assert_eq!(last_sunday_of_march.date_in(2026), Some(date(2026, 3, 29)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearlyRule {
    pub month: i8,
    pub week: i8,
    pub weekday: Weekday,
}

impl YearlyRule {
    /// The date this rule picks in `year`, or `None` if it names no date.
    pub fn date_in(&self, year: i16) -> Option<Date> {
        Date::new(year, self.month, 1)
            .ok()?
            .nth_weekday_of_month(self.week, self.weekday)
            .ok()
    }
}

/// The RRULE value (§3.3.10).
impl fmt::Display for YearlyRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = match self.weekday {
            Weekday::Monday => "MO",
            Weekday::Tuesday => "TU",
            Weekday::Wednesday => "WE",
            Weekday::Thursday => "TH",
            Weekday::Friday => "FR",
            Weekday::Saturday => "SA",
            Weekday::Sunday => "SU",
        };
        write!(
            f,
            "FREQ=YEARLY;BYMONTH={};BYDAY={}{day}",
            self.month, self.week
        )
    }
}

impl Observance {
    /// The instant of this observance's onset in `year` (local years), if it
    /// has one.
    fn onset_in(&self, year: i16) -> Option<Timestamp> {
        let date = match self.rule {
            Some(rule) => rule.date_in(year)?,
            None if year == self.start.year() => self.start.date(),
            None => return None,
        };
        let local = date.to_datetime(self.start.time());
        if local < self.start {
            return None;
        }
        self.offset_from.to_timestamp(local).ok()
    }

    /// The latest onset at or before `t`, with `onset_in` giving this
    /// observance's onset in a year ([`Observance::onset_in`], or a table of
    /// it).
    /// `year` is `t`'s year in UTC.
    fn latest_onset(
        &self,
        t: Timestamp,
        year: i16,
        onset_in: impl Fn(i16) -> Option<Timestamp>,
    ) -> Option<Timestamp> {
        if self.rule.is_none() {
            return onset_in(self.start.year()).filter(|&onset| onset <= t);
        }
        // Onsets are yearly and local years differ from UTC years by less
        // than a day, so the latest one is in one of these three years.
        [year.saturating_add(1), year, year.saturating_sub(1)]
            .into_iter()
            .filter_map(onset_in)
            .find(|&onset| onset <= t)
    }

    fn write(&self, w: &mut Writer<'_>, component: &str) {
        w.begin(component);
        w.floating("DTSTART", self.start);
        w.utc_offset("TZOFFSETFROM", self.offset_from);
        w.utc_offset("TZOFFSETTO", self.offset_to);
        if let Some(name) = &self.name {
            w.text("TZNAME", name);
        }
        if let Some(rule) = self.rule {
            w.raw("RRULE", &[], &rule.to_string());
        }
        w.end(component);
    }
}

impl VTimezone {
    /// The observances, STANDARD first.
    pub fn observances(&self) -> impl Iterator<Item = &Observance> {
        std::iter::once(&self.standard).chain(self.daylight.as_ref())
    }

    /// The UTC offset a client reading this VTIMEZONE uses at `t`: the
    /// TZOFFSETTO of the latest onset at or before `t`. Before the first
    /// onset RFC 5545 says nothing; clients take the earliest observance's
    /// TZOFFSETFROM, and so does this.
    ///
    /// # Example: Europe/Berlin
    ///
    /// ```
    /// use followup::ics::{Observance, VTimezone, YearlyRule};
    /// use jiff::{civil::{datetime, Weekday}, tz::offset};
    ///
    /// let last_sunday = |month| Some(YearlyRule { month, week: -1, weekday: Weekday::Sunday });
    /// let berlin = VTimezone {
    ///     tzid: "Europe/Berlin".into(),
    ///     standard: Observance {
    ///         start: datetime(1970, 10, 25, 3, 0, 0, 0),
    ///         offset_from: offset(2),
    ///         offset_to: offset(1),
    ///         name: Some("CET".into()),
    ///         rule: last_sunday(10),
    ///     },
    ///     daylight: Some(Observance {
    ///         start: datetime(1970, 3, 29, 2, 0, 0, 0),
    ///         offset_from: offset(1),
    ///         offset_to: offset(2),
    ///         name: Some("CEST".into()),
    ///         rule: last_sunday(3),
    ///     }),
    /// };
    /// assert_eq!(berlin.offset_at("2026-03-29T00:59:59Z".parse()?), offset(1));
    /// assert_eq!(berlin.offset_at("2026-03-29T01:00:00Z".parse()?), offset(2));
    /// # Ok::<(), jiff::Error>(())
    /// ```
    pub fn offset_at(&self, t: Timestamp) -> Offset {
        self.offset_at_by(t, |_, o, year| o.onset_in(year))
    }

    /// [`VTimezone::offset_at`], with `onset_in(i, o, year)` giving the
    /// onset of observance `o` (the `i`-th of [`VTimezone::observances`]) in
    /// `year`.
    fn offset_at_by(
        &self,
        t: Timestamp,
        onset_in: impl Fn(usize, &Observance, i16) -> Option<Timestamp>,
    ) -> Offset {
        let year = Offset::UTC.to_datetime(t).year();
        let latest = self
            .observances()
            .enumerate()
            .filter_map(|(i, o)| {
                o.latest_onset(t, year, |year| onset_in(i, o, year))
                    .map(|onset| (onset, o.offset_to))
            })
            .max_by_key(|&(onset, _)| onset);
        match latest {
            Some((_, offset)) => offset,
            None => {
                let earliest = self.observances().min_by_key(|o| o.start);
                earliest.map_or(self.standard.offset_from, |o| o.offset_from)
            }
        }
    }

    /// Every instant in `[from, until]` at which a client reading this
    /// VTIMEZONE switches to an observance, in order, with the offset it
    /// switches to. (An onset that repeats the offset already in force is
    /// listed too; it changes nothing.)
    pub fn onsets(&self, from: Timestamp, until: Timestamp) -> Vec<(Timestamp, Offset)> {
        let first_year = Offset::UTC.to_datetime(from).year().saturating_sub(1);
        let last_year = Offset::UTC.to_datetime(until).year().saturating_add(1);
        let mut onsets: Vec<(Timestamp, Offset)> = self
            .observances()
            .flat_map(|o| {
                (first_year..=last_year)
                    .filter_map(move |y| o.onset_in(y).map(|t| (t, o.offset_to)))
            })
            .filter(|&(t, _)| from <= t && t <= until)
            .collect();
        onsets.sort();
        onsets
    }

    /// The instant a client reads for local time `dt` in this zone, by
    /// RFC 5545 §3.3.5: a local time that occurs twice means the first
    /// occurrence; one that does not occur (a spring-forward gap) is read
    /// with the offset in force before the gap, so it lands that much later.
    /// `None` only if the arithmetic leaves jiff's range.
    ///
    /// # Example: New York's gap and fold
    ///
    /// 2026-03-08 02:30 does not exist: it reads as 03:30 EDT (07:30Z).
    /// 2026-11-01 01:30 happens twice: it reads as the first, EDT (05:30Z).
    pub fn to_timestamp(&self, dt: DateTime) -> Option<Timestamp> {
        self.to_timestamp_by(dt, |t| self.offset_at(t))
    }

    /// [`VTimezone::to_timestamp`], with `offset_at` for
    /// [`VTimezone::offset_at`].
    fn to_timestamp_by(
        &self,
        dt: DateTime,
        offset_at: impl Fn(Timestamp) -> Offset,
    ) -> Option<Timestamp> {
        // The candidate offsets, each once (a pair of observances names its
        // two offsets twice).
        let mut offsets = [None; 4];
        let mut n = 0;
        for offset in self
            .observances()
            .flat_map(|o| [o.offset_from, o.offset_to])
        {
            if !offsets.contains(&Some(offset))
                && let Some(slot) = offsets.get_mut(n)
            {
                *slot = Some(offset);
                n += 1;
            }
        }
        let offsets = offsets.into_iter().flatten();
        let valid = offsets
            .clone()
            .filter_map(|o| o.to_timestamp(dt).ok().filter(|&t| offset_at(t) == o))
            .min();
        if valid.is_some() {
            return valid;
        }
        // A gap: every candidate offset lands on the far side of its own
        // onset. The offset before the gap is the one in force at `dt` read
        // with the highest offset (the earliest candidate instant).
        let highest = offsets.max()?;
        let before = offset_at(highest.to_timestamp(dt).ok()?);
        before.to_timestamp(dt).ok()
    }

    /// This VTIMEZONE prepared to be read at many instants between the
    /// years `from` and `until` (UTC years): see [`Reading`].
    pub fn reading(&self, from: i16, until: i16) -> Reading<'_> {
        let years = from..=until.max(from);
        let onsets = years
            .map(|year| {
                let mut row = [None; 2];
                for (slot, o) in row.iter_mut().zip(self.observances()) {
                    *slot = o.onset_in(year);
                }
                row
            })
            .collect();
        Reading {
            v: self,
            first_year: from,
            onsets,
        }
    }

    /// Writes `BEGIN:VTIMEZONE` … `END:VTIMEZONE`, STANDARD then DAYLIGHT.
    pub fn write(&self, w: &mut Writer<'_>) {
        w.begin("VTIMEZONE");
        // The TZID property is TEXT (§3.8.3.1); the TZID parameter is not.
        w.text("TZID", &self.tzid);
        self.standard.write(w, "STANDARD");
        if let Some(daylight) = &self.daylight {
            daylight.write(w, "DAYLIGHT");
        }
        w.end("VTIMEZONE");
    }
}

/// A [`VTimezone`] read at many instants: every observance's onset in each
/// year of a range is worked out once, up front, instead of in every call.
/// [`Reading::offset_at`] and [`Reading::to_timestamp`] run the same code
/// as [`VTimezone::offset_at`] and [`VTimezone::to_timestamp`] and give the
/// same answers (years outside the range are worked out as they come). The
/// VTIMEZONE builder checks each of a calendar's instants through them.
#[derive(Clone, Debug)]
pub struct Reading<'a> {
    v: &'a VTimezone,
    first_year: i16,
    /// Per year from `first_year`: each observance's onset, in the order
    /// of [`VTimezone::observances`].
    onsets: Vec<[Option<Timestamp>; 2]>,
}

impl Reading<'_> {
    /// [`VTimezone::offset_at`].
    pub fn offset_at(&self, t: Timestamp) -> Offset {
        self.v
            .offset_at_by(t, |i, o, year| self.onset_in(i, o, year))
    }

    /// [`VTimezone::to_timestamp`].
    pub fn to_timestamp(&self, dt: DateTime) -> Option<Timestamp> {
        self.v.to_timestamp_by(dt, |t| self.offset_at(t))
    }

    fn onset_in(&self, i: usize, o: &Observance, year: i16) -> Option<Timestamp> {
        let row = usize::try_from(i32::from(year) - i32::from(self.first_year))
            .ok()
            .and_then(|r| self.onsets.get(r));
        match row.and_then(|row| row.get(i)) {
            Some(onset) => *onset,
            None => o.onset_in(year),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::ics::testing::assert_content_lines;
    use jiff::civil::datetime;
    use jiff::tz::offset;

    fn new_york() -> VTimezone {
        let sunday = |month, week| {
            Some(YearlyRule {
                month,
                week,
                weekday: Weekday::Sunday,
            })
        };
        VTimezone {
            tzid: "America/New_York".into(),
            standard: Observance {
                start: datetime(1970, 11, 1, 2, 0, 0, 0),
                offset_from: offset(-4),
                offset_to: offset(-5),
                name: Some("EST".into()),
                rule: sunday(11, 1),
            },
            daylight: Some(Observance {
                start: datetime(1970, 3, 8, 2, 0, 0, 0),
                offset_from: offset(-5),
                offset_to: offset(-4),
                name: Some("EDT".into()),
                rule: sunday(3, 2),
            }),
        }
    }

    fn kolkata() -> VTimezone {
        let ist = Offset::from_seconds(5 * 3600 + 1800).unwrap();
        VTimezone {
            tzid: "Asia/Kolkata".into(),
            standard: Observance {
                start: datetime(1970, 1, 1, 0, 0, 0, 0),
                offset_from: ist,
                offset_to: ist,
                name: Some("IST".into()),
                rule: None,
            },
            daylight: None,
        }
    }

    proptest::proptest! {
        /// A [`Reading`] answers as the VTIMEZONE itself does, for instants
        /// inside its years and outside them (1969–2040 against a reading
        /// of 2020–2030), and for local times in gaps and folds.
        #[test]
        fn reading_answers_as_the_vtimezone_does(
            secs in -31_536_000i64..2_240_000_000,
            zone in 0..2usize,
        ) {
            let v = [new_york(), kolkata()][zone].clone();
            let reading = v.reading(2020, 2030);
            let t = Timestamp::from_second(secs).unwrap();
            proptest::prop_assert_eq!(reading.offset_at(t), v.offset_at(t));
            let local = v.offset_at(t).to_datetime(t);
            proptest::prop_assert_eq!(reading.to_timestamp(local), v.to_timestamp(local));
            // An hour either side lands in the gaps and folds near onsets.
            for hour in [-1, 1] {
                let dt = local.checked_add(jiff::SignedDuration::from_hours(hour)).unwrap();
                proptest::prop_assert_eq!(reading.to_timestamp(dt), v.to_timestamp(dt));
            }
        }
    }

    #[test]
    fn rules_pick_dates() {
        let rule = |month, week| YearlyRule {
            month,
            week,
            weekday: Weekday::Sunday,
        };
        rule_case(rule(3, 2), 1970, Some("1970-03-08"));
        rule_case(rule(3, 2), 2026, Some("2026-03-08"));
        rule_case(rule(11, 1), 2026, Some("2026-11-01"));
        rule_case(rule(10, -1), 2026, Some("2026-10-25"));
        rule_case(rule(9, -1), 2027, Some("2027-09-26"));
        rule_case(rule(2, 5), 2026, None);
    }

    #[test]
    fn offsets_as_a_client_reads_them() {
        let ny = new_york();
        offset_case(&ny, "2026-03-08T06:59:59Z", -5 * 3600);
        offset_case(&ny, "2026-03-08T07:00:00Z", -4 * 3600);
        offset_case(&ny, "2026-07-01T12:00:00Z", -4 * 3600);
        offset_case(&ny, "2026-11-01T05:59:59Z", -4 * 3600);
        offset_case(&ny, "2026-11-01T06:00:00Z", -5 * 3600);
        offset_case(&ny, "2026-12-31T23:59:59Z", -5 * 3600);
        offset_case(&ny, "2027-01-01T03:00:00Z", -5 * 3600);
        // Before the first onset (1970-03-08): the earliest observance's
        // TZOFFSETFROM.
        offset_case(&ny, "1969-06-01T00:00:00Z", -5 * 3600);
        offset_case(&kolkata(), "2026-06-01T00:00:00Z", 5 * 3600 + 1800);
        offset_case(&kolkata(), "1960-06-01T00:00:00Z", 5 * 3600 + 1800);
    }

    #[test]
    fn onsets_in_a_range() {
        let ny = new_york();
        let got = ny.onsets(
            "2026-01-01T00:00:00Z".parse().unwrap(),
            "2027-03-14T07:00:00Z".parse().unwrap(),
        );
        let want: Vec<(Timestamp, Offset)> = [
            ("2026-03-08T07:00:00Z", -4),
            ("2026-11-01T06:00:00Z", -5),
            ("2027-03-14T07:00:00Z", -4),
        ]
        .iter()
        .map(|(t, h)| (t.parse().unwrap(), offset(*h)))
        .collect();
        assert_eq!(got, want);
        let k = kolkata();
        assert_eq!(
            k.onsets(
                "1971-01-01T00:00:00Z".parse().unwrap(),
                "2030-01-01T00:00:00Z".parse().unwrap()
            ),
            vec![]
        );
    }

    #[test]
    fn local_times_as_a_client_reads_them() {
        let ny = new_york();
        local_case(
            &ny,
            datetime(2026, 7, 1, 9, 0, 0, 0),
            "2026-07-01T13:00:00Z",
        );
        local_case(
            &ny,
            datetime(2026, 12, 1, 9, 0, 0, 0),
            "2026-12-01T14:00:00Z",
        );
        // Gap: 02:30 does not exist; read with EST, i.e. 03:30 EDT.
        local_case(
            &ny,
            datetime(2026, 3, 8, 2, 30, 0, 0),
            "2026-03-08T07:30:00Z",
        );
        // Fold: 01:30 occurs twice; the first (EDT).
        local_case(
            &ny,
            datetime(2026, 11, 1, 1, 30, 0, 0),
            "2026-11-01T05:30:00Z",
        );
        local_case(
            &kolkata(),
            datetime(2026, 11, 1, 1, 30, 0, 0),
            "2026-10-31T20:00:00Z",
        );
    }

    #[test]
    fn writes_the_component() {
        write_case(
            &new_york(),
            "BEGIN:VTIMEZONE\n\
             TZID:America/New_York\n\
             BEGIN:STANDARD\n\
             DTSTART:19701101T020000\n\
             TZOFFSETFROM:-0400\n\
             TZOFFSETTO:-0500\n\
             TZNAME:EST\n\
             RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\n\
             END:STANDARD\n\
             BEGIN:DAYLIGHT\n\
             DTSTART:19700308T020000\n\
             TZOFFSETFROM:-0500\n\
             TZOFFSETTO:-0400\n\
             TZNAME:EDT\n\
             RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\n\
             END:DAYLIGHT\n\
             END:VTIMEZONE\n",
        );
        write_case(
            &kolkata(),
            "BEGIN:VTIMEZONE\n\
             TZID:Asia/Kolkata\n\
             BEGIN:STANDARD\n\
             DTSTART:19700101T000000\n\
             TZOFFSETFROM:+0530\n\
             TZOFFSETTO:+0530\n\
             TZNAME:IST\n\
             END:STANDARD\n\
             END:VTIMEZONE\n",
        );
    }

    #[track_caller]
    fn rule_case(rule: YearlyRule, year: i16, want: Option<&str>) {
        let want = want.map(|d| d.parse::<Date>().unwrap());
        assert_eq!(rule.date_in(year), want, "{rule} in {year}");
    }

    #[track_caller]
    fn offset_case(tz: &VTimezone, t: &str, want_seconds: i32) {
        let got = tz.offset_at(t.parse().unwrap());
        assert_eq!(got.seconds(), want_seconds, "{} at {t}", tz.tzid);
    }

    #[track_caller]
    fn local_case(tz: &VTimezone, dt: DateTime, want: &str) {
        assert_eq!(
            tz.to_timestamp(dt),
            Some(want.parse().unwrap()),
            "{} at {dt}",
            tz.tzid
        );
    }

    #[track_caller]
    fn write_case(tz: &VTimezone, want: &str) {
        let mut out = Vec::new();
        tz.write(&mut Writer::new(&mut out));
        assert_content_lines(&out);
        assert_eq!(String::from_utf8(out).unwrap(), want.replace('\n', "\r\n"));
    }
}
