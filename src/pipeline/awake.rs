//! `candidate.awake` (SPEC §8): an alarm never rings while the candidate
//! sleeps.
//!
//! An alarm whose fire time, in the candidate's zone (else the zone the
//! calendar shows the step in), falls outside the awake window moves to the
//! window's end at or before that time: 03:00 rings at 21:00 the evening
//! before, 22:30 at 21:00 the same evening. Its TRIGGER stays a negative
//! whole-minute duration before the start (RFC 5545 §3.8.6.3), longer by
//! the move. The window's two ends count as awake, so an alarm at 21:00
//! sharp stays where it is.
//!
//! Pure: the zone and the window come in as values.

use crate::calendar::WorkingHours;
use crate::zone::Zone;
use jiff::civil::DateTime;
use jiff::{SignedDuration, Timestamp};

/// The alarm's new minutes before `start` when `minutes_before` makes it
/// ring outside `awake` in `zone`; `None` when it rings while awake.
///
/// # Example: a Tokyo employer, a candidate in Madrid
///
/// A check-in at 10:00 Tokyo (JST, +09:00) is 02:00 in Madrid (CET);
/// its 15-minute alarm would ring at 01:45 and rings at 21:00 the evening
/// before instead: 5 h 00 min before the start, `-PT300M`.
pub fn moved(
    start: Timestamp,
    minutes_before: u32,
    zone: &Zone,
    awake: WorkingHours,
) -> Option<u32> {
    let fire = start
        .checked_sub(SignedDuration::from_mins(i64::from(minutes_before)))
        .ok()?;
    let local = zone.tz.to_datetime(fire);
    let day = local.date();
    let target: DateTime = if local.time() < awake.open {
        day.yesterday().ok()?.to_datetime(awake.close)
    } else if local.time() > awake.close {
        day.to_datetime(awake.close)
    } else {
        return None;
    };
    let at = zone.resolve(target)?.timestamp();
    // A gap at the window's end could move the time forward past the
    // original: then the alarm stays where it was.
    if at >= fire {
        return None;
    }
    // Whole minutes, rounded up so the alarm rings at or before `at`.
    let seconds = start.duration_since(at).as_secs();
    u32::try_from((seconds + 59).div_euclid(60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::lookup;
    use jiff::Timestamp;
    use jiff::civil::Time;

    const AWAKE: WorkingHours = WorkingHours {
        open: Time::constant(8, 0, 0, 0),
        close: Time::constant(21, 0, 0, 0),
    };

    #[track_caller]
    fn case(start: &str, zone: &str, minutes: u32, want: Option<u32>) {
        let z = lookup(zone).unwrap();
        let t: Timestamp = start.parse().unwrap();
        assert_eq!(
            moved(t, minutes, &z, AWAKE),
            want,
            "{start} -{minutes}m in {zone}"
        );
        if let Some(m) = want {
            // It rings at 21:00 local, at or before the original time.
            let fire = t
                .checked_sub(SignedDuration::from_mins(i64::from(m)))
                .unwrap();
            assert_eq!(z.at(fire).time(), Time::constant(21, 0, 0, 0));
            assert!(m >= minutes);
        }
    }

    #[test]
    fn alarms_move_to_the_evening_before_or_the_same_evening() {
        // 10:00 Tokyo = 02:00 Madrid: 01:45 → 21:00 the evening before.
        case("2026-11-25T01:00:00Z", "Europe/Madrid", 15, Some(300));
        // 22:45 start, 15 min alarm at 22:30 → 21:00 the same evening.
        case("2026-11-25T21:45:00Z", "Europe/Madrid", 15, Some(105));
        // Inside the window, and its two ends: unchanged.
        case("2026-11-25T09:00:00Z", "Europe/Madrid", 15, None);
        case("2026-11-25T07:15:00Z", "Europe/Madrid", 15, None);
        case("2026-11-25T20:15:00Z", "Europe/Madrid", 15, None);
        // 07:59 is outside: back to 21:00 the day before.
        case("2026-11-25T07:14:00Z", "Europe/Madrid", 15, Some(674));
        // A long reminder that fires the night before moves too.
        case("2026-11-25T09:00:00Z", "Europe/Madrid", 600, Some(780));
        // The evening before is across a DST change (Madrid, 25 Oct 2026):
        // 21:00 CEST on the 24th is 19:00Z; the start 02:00 CET is 01:00Z.
        case("2026-10-25T01:00:00Z", "Europe/Madrid", 15, Some(360));
    }
}
