//! `thank-you` (SPEC §4, seeds 000–004): one note per interviewer, soon after
//! the interview but inside the employer's working hours when that still
//! meets the deadline.
//!
//! t0 = end + `thank_you.after`. If t0 is inside working hours on a business
//! day, send then. Otherwise t1 = the opening of the next working-hours
//! window; send at t1 if t1 ≤ end + `thank_you.within` (equality counts),
//! else at t0 (late evening beats missing the deadline). Due: end + within.
//!
//! # Example: evening interview
//!
//! Ends 15:00 New York; t0 = 17:00 is outside [09:00, 17:00); the next window
//! opens 09:00 the next day, within 24 h: send 09:00, due 15:00 next day.

use super::when::{Landing, after_instant, landing_after_instant};
use crate::model::Interview;
use jiff::{Timestamp, Zoned};

/// When the thank-yous go out, and to whom.
pub struct ThankYous {
    pub start: Zoned,
    /// From t0's date to `start`'s (the next window may be days later).
    pub landing: Landing,
    pub due: Timestamp,
    pub recipients: Vec<Recipient>,
}

pub struct Recipient {
    pub recipient: Option<usize>,
    /// 1, or the n-th interviewer sharing the same name.
    pub occurrence: u32,
}

pub fn schedule(iv: &Interview) -> Option<ThankYous> {
    let rules = &iv.rules;
    let cal = &rules.calendar;
    let t0 = after_instant(&iv.zone, cal, &iv.end, rules.policy.thank_you_after)?;
    let due = after_instant(&iv.zone, cal, &iv.end, rules.policy.thank_you_within)?;
    let start = if cal.in_working_hours(rules.working_hours, t0.datetime()) {
        t0
    } else {
        let open = cal.next_window_open(rules.working_hours, t0.datetime())?;
        let t1 = iv.zone.resolve(open)?;
        if t1.timestamp() <= due.timestamp() {
            t1
        } else {
            t0
        }
    };
    let recipients = if iv.interviewers.is_empty() {
        vec![Recipient {
            recipient: None,
            occurrence: 1,
        }]
    } else {
        iv.interviewers
            .iter()
            .enumerate()
            .map(|(i, p)| Recipient {
                recipient: Some(i),
                occurrence: 1 + iv.interviewers[..i]
                    .iter()
                    .filter(|q| q.name == p.name)
                    .count() as u32,
            })
            .collect()
    };
    Some(ThankYous {
        start,
        landing: landing_after_instant(&iv.zone, cal, &iv.end, rules.policy.thank_you_after)?,
        due: due.timestamp(),
        recipients,
    })
}
