//! Durations applied to instants and to dates (SPEC §4.1 "Durations on
//! instants" and "On dates").
//!
//! On an instant, `m`/`h` are elapsed time; `d`/`w` keep the wall-clock time
//! N days later; `bd` keeps the wall-clock time on the N-th business day
//! after the local date. On a date, `bd` is the N-th business day strictly
//! after it (`0bd`: the date itself if a business day, else the next one);
//! `d`/`w` add days, then move forward to the first business day.
//!
//! Every wall-clock time becomes an instant through [`Zone::resolve`], the
//! RFC 5545 reading of gaps and folds. `None` means out of range (years
//! beyond 9999), which the caller reports.

use crate::calendar::BusinessCalendar;
use crate::model::duration::Duration;
use crate::zone::Zone;
use jiff::civil::{Date, Time};
use jiff::{SignedDuration, Span, Zoned};

/// `t + d` for an instant in the employer zone.
///
/// # Example: `1d` across a DST change keeps the wall clock
///
/// 2026-10-31T12:00 New York + `1d` is 2026-11-01T12:00, 25 hours later;
/// + `24h` is 11:00.
pub fn after_instant(zone: &Zone, cal: &BusinessCalendar, t: &Zoned, d: Duration) -> Option<Zoned> {
    match d {
        Duration::Minutes(m) => t.checked_add(SignedDuration::from_mins(m)).ok(),
        Duration::Days(n) => {
            let local = t.datetime().checked_add(Span::new().days(n)).ok()?;
            zone.resolve(local)
        }
        Duration::BusinessDays(n) => {
            let day = cal.nth_business_day_after(t.date(), n)?;
            zone.resolve(day.to_datetime(t.time()))
        }
    }
}

/// The date `d` after `date`, on a business day.
pub fn after_date(cal: &BusinessCalendar, date: Date, d: Duration) -> Option<Date> {
    match d {
        Duration::BusinessDays(n) => cal.nth_business_day_after(date, n),
        Duration::Days(n) => {
            cal.first_business_day_from(date.checked_add(Span::new().days(n)).ok()?)
        }
        // Validation turns whole-day `h`/`m` into days; anything else reads
        // as the days it completes.
        Duration::Minutes(m) => {
            let days = m.div_euclid(24 * 60);
            cal.first_business_day_from(date.checked_add(Span::new().days(days)).ok()?)
        }
    }
}

/// The date `d` before `date`, on a business day (SPEC §8
/// `offer.decide_before`): `bd` is the N-th business day strictly before
/// `date`; `d`/`w` subtract days, then move back to the last business day.
pub fn before_date(cal: &BusinessCalendar, date: Date, d: Duration) -> Option<Date> {
    let back = |days: i64| -> Option<Date> {
        cal.last_business_day_until(date.checked_sub(Span::new().days(days)).ok()?)
    };
    match d {
        Duration::BusinessDays(n) => cal.nth_business_day_before(date, n),
        Duration::Days(n) => back(n),
        Duration::Minutes(m) => back(m.div_euclid(24 * 60)),
    }
}

/// A wall-clock time on a date in the employer zone.
pub fn at(zone: &Zone, date: Date, time: Time) -> Option<Zoned> {
    zone.resolve(date.to_datetime(time))
}

/// How a rule's date came about, so the agenda can say what pushed a step
/// ("moved past Thanksgiving Day"; see
/// [`BusinessCalendar::days_off_passed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Landing {
    /// The first date the rule counted: the day after the base date for
    /// `bd`, else the date it landed on before moving to a business day.
    pub counted_from: Date,
    /// Where the rule would land with only the weekend in the way (`bd`),
    /// or with nothing in the way (`d`, `w`, `0bd`, a time).
    pub natural: Date,
}

/// The [`Landing`] of [`after_date`]`(cal, date, d)`.
pub fn landing_after_date(cal: &BusinessCalendar, date: Date, d: Duration) -> Option<Landing> {
    let raw = |days: i64| -> Option<Landing> {
        let natural = date.checked_add(Span::new().days(days)).ok()?;
        Some(Landing {
            counted_from: natural,
            natural,
        })
    };
    match d {
        Duration::BusinessDays(0) => raw(0),
        Duration::BusinessDays(n) => Some(Landing {
            counted_from: date.tomorrow().ok()?,
            natural: cal.weekend_only().nth_business_day_after(date, n)?,
        }),
        Duration::Days(n) => raw(n),
        Duration::Minutes(m) => raw(m.div_euclid(24 * 60)),
    }
}

/// The [`Landing`] of [`after_instant`]`(zone, cal, t, d)`, by local date.
pub fn landing_after_instant(
    zone: &Zone,
    cal: &BusinessCalendar,
    t: &Zoned,
    d: Duration,
) -> Option<Landing> {
    match d {
        Duration::BusinessDays(n) => Some(Landing {
            counted_from: t.date().tomorrow().ok()?,
            natural: cal.weekend_only().nth_business_day_after(t.date(), n)?,
        }),
        _ => {
            let natural = after_instant(zone, cal, t, d)?.date();
            Some(Landing {
                counted_from: natural,
                natural,
            })
        }
    }
}

/// A step placed by a date rule: `d` after `date`, at `time`.
pub struct Placed {
    pub at: Zoned,
    pub landing: Landing,
}

/// `d` after `date` on a business day, at the wall-clock `time`.
pub fn place(
    zone: &Zone,
    cal: &BusinessCalendar,
    date: Date,
    d: Duration,
    time: Time,
) -> Option<Placed> {
    let day = after_date(cal, date, d)?;
    Some(Placed {
        at: at(zone, day, time)?,
        landing: landing_after_date(cal, date, d)?,
    })
}

/// `d` before `date` on a business day, at the wall-clock `time`. It has
/// no [`Landing`]: "moved past" describes a rule pushed later, and this one
/// is pulled earlier.
pub fn place_before(
    zone: &Zone,
    cal: &BusinessCalendar,
    date: Date,
    d: Duration,
    time: Time,
) -> Option<Zoned> {
    at(zone, before_date(cal, date, d)?, time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WeekdaySet;
    use crate::zone::lookup;
    use jiff::civil::date;

    #[test]
    fn instants() {
        let ny = lookup("America/New_York").unwrap();
        let cal = BusinessCalendar::new(WeekdaySet::SAT_SUN, vec![]);
        let t = ny.resolve(date(2026, 10, 31).at(12, 0, 0, 0)).unwrap();
        let day = after_instant(&ny, &cal, &t, Duration::Days(1)).unwrap();
        assert_eq!(day.datetime(), date(2026, 11, 1).at(12, 0, 0, 0));
        let hours = after_instant(&ny, &cal, &t, Duration::Minutes(24 * 60)).unwrap();
        assert_eq!(hours.datetime(), date(2026, 11, 1).at(11, 0, 0, 0));
        // Saturday + 1bd → Monday, same wall clock.
        let bd = after_instant(&ny, &cal, &t, Duration::BusinessDays(1)).unwrap();
        assert_eq!(bd.datetime(), date(2026, 11, 2).at(12, 0, 0, 0));
    }

    #[test]
    fn dates() {
        let cal = BusinessCalendar::new(WeekdaySet::SAT_SUN, vec![(date(2026, 11, 26), None)]);
        case(
            &cal,
            date(2026, 11, 25),
            Duration::BusinessDays(1),
            date(2026, 11, 27),
        );
        // `d` lands on Thanksgiving, then moves to Friday.
        case(
            &cal,
            date(2026, 11, 25),
            Duration::Days(1),
            date(2026, 11, 27),
        );
        // `1w` from Saturday lands on Saturday, moves to Monday.
        case(
            &cal,
            date(2026, 11, 21),
            Duration::Days(7),
            date(2026, 11, 30),
        );
        case(
            &cal,
            date(2026, 11, 21),
            Duration::BusinessDays(0),
            date(2026, 11, 23),
        );
        case(
            &cal,
            date(2026, 11, 25),
            Duration::Days(0),
            date(2026, 11, 25),
        );
    }

    #[test]
    fn landings() {
        let cal = BusinessCalendar::new(WeekdaySet::SAT_SUN, vec![(date(2026, 11, 26), None)]);
        let l = |from: Date, natural: Date| Landing {
            counted_from: from,
            natural,
        };
        let wed = date(2026, 11, 25);
        let thu = date(2026, 11, 26);
        assert_eq!(
            landing_after_date(&cal, wed, Duration::BusinessDays(1)),
            Some(l(thu, thu))
        );
        // 5bd from Wednesday: counted from Thursday, Wednesday next week
        // with only the weekend in the way.
        assert_eq!(
            landing_after_date(&cal, wed, Duration::BusinessDays(5)),
            Some(l(thu, date(2026, 12, 2)))
        );
        assert_eq!(
            landing_after_date(&cal, wed, Duration::BusinessDays(0)),
            Some(l(wed, wed))
        );
        let sat = date(2026, 11, 21);
        assert_eq!(
            landing_after_date(&cal, date(2026, 11, 14), Duration::Days(7)),
            Some(l(sat, sat))
        );
        assert_eq!(
            landing_after_date(&cal, date(2026, 11, 19), Duration::Minutes(2 * 24 * 60)),
            Some(l(sat, sat))
        );
    }

    #[test]
    fn dates_before() {
        let cal = BusinessCalendar::new(WeekdaySet::SAT_SUN, vec![(date(2026, 12, 25), None)]);
        let back = |from: Date, d: Duration| before_date(&cal, from, d);
        // Monday 28 Dec after Christmas Friday: 1bd before is Thursday.
        assert_eq!(
            back(date(2026, 12, 28), Duration::BusinessDays(1)),
            Some(date(2026, 12, 24))
        );
        // `2d` before Monday lands on Saturday, moves back to Friday.
        assert_eq!(
            back(date(2026, 11, 30), Duration::Days(2)),
            Some(date(2026, 11, 27))
        );
        // `1w` before Friday 1 Jan lands on Christmas, moves back to Thursday.
        assert_eq!(
            back(date(2027, 1, 1), Duration::Days(7)),
            Some(date(2026, 12, 24))
        );
        assert_eq!(
            back(date(2026, 11, 29), Duration::BusinessDays(0)),
            Some(date(2026, 11, 27))
        );
    }

    #[track_caller]
    fn case(cal: &BusinessCalendar, from: Date, d: Duration, want: Date) {
        assert_eq!(after_date(cal, from, d), Some(want), "{d} after {from}");
    }
}
