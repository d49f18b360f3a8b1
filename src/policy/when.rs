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

/// A wall-clock time on a date in the employer zone.
pub fn at(zone: &Zone, date: Date, time: Time) -> Option<Zoned> {
    zone.resolve(date.to_datetime(time))
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

    #[track_caller]
    fn case(cal: &BusinessCalendar, from: Date, d: Duration, want: Date) {
        assert_eq!(after_date(cal, from, d), Some(want), "{d} after {from}");
    }
}
