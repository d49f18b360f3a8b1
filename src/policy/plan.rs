//! [`plan`]: a model's steps, rule file by rule file (times first, counting
//! from what was done), the `done` marks, then the cancellation marks of
//! `heard_back`, `status`, an accepted offer and later rounds.

use super::check_in::{Cycle, Nudge};
use super::done::Marks;
use super::step::{Step, StepStatus};
use super::when::Landing;
use super::withdraw::{self, Accepted};
use super::{
    check_in, competing_offer, feedback, interview, move_on, offer, status, thank_you, uid,
};
use crate::error::Diagnostic;
use crate::model::kinds::StepKind;
use crate::model::{Interview, Model};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, Zoned};

/// What planning one interview gave.
struct Planned {
    steps: Vec<Step>,
    warnings: Vec<Diagnostic>,
    /// `done` entries that mark no step (SPEC §8), or the out-of-range
    /// error.
    errors: Vec<Diagnostic>,
}

/// Interviews planned in parallel before their steps are joined.
const PLAN_ROUND: usize = 4096;

/// The steps of every interview, in input order (the plan view sorts), plus
/// warnings (a competing-offer step that falls on or after the deadline).
/// Errors: a `done` entry that marks no step or a step marked already
/// (SPEC §8), dates beyond the supported range.
pub fn plan(model: &Model) -> Result<(Vec<Step>, Vec<Diagnostic>), Vec<Diagnostic>> {
    use rayon::prelude::*;
    let accepted = withdraw::accepted(model);
    // Interviews are planned independently, on every core; the results are
    // joined in input order, so the steps do not depend on the thread count.
    // A round of interviews at a time: each interview's steps are held
    // twice (its own list, then the joined one) only for the round in
    // flight, not for the whole file (SPEC §11's memory bound). The joined
    // list is reserved for a typical plan; capacity never written to is
    // never touched, so it costs no memory.
    let mut steps = Vec::with_capacity(model.interviews.len().saturating_mul(8));
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for (r, round) in model.interviews.chunks(PLAN_ROUND).enumerate() {
        let planned: Vec<Planned> = round
            .par_iter()
            .enumerate()
            .map(|(j, iv)| plan_one(r * PLAN_ROUND + j, iv, accepted.as_ref()))
            .collect();
        for mut p in planned {
            warnings.append(&mut p.warnings);
            errors.append(&mut p.errors);
            steps.append(&mut p.steps);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    status::cancel_by_rounds(&model.interviews, &mut steps);
    Ok((steps, warnings))
}

/// One interview's steps with every mark but the rounds'.
fn plan_one(index: usize, iv: &Interview, accepted: Option<&Accepted<'_>>) -> Planned {
    let mut out = Planned {
        steps: Vec::with_capacity(8),
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    let withdrawing = accepted.filter(|a| withdraw::withdraws(a, index, iv));
    let mut marks = Marks::new(iv, index);
    let placed = place_steps(index, iv, withdrawing, &mut marks, &mut out);
    if placed.is_none() {
        out.steps.clear();
        out.errors = vec![
            Diagnostic::error(
                format!("interviews[{index}]"),
                None,
                format!(
                    "the steps of interview \"{}\" fall outside the supported dates",
                    iv.id
                ),
            )
            .with_hint("check the year of `start`, `decision_by` and `status_date`"),
        ];
        return out;
    }
    out.errors = marks.finish(&out.steps);
    status::cancel_by_status(iv, &mut out.steps);
    if let Some(acc) = withdrawing {
        withdraw::cancel(iv, acc, &mut out.steps);
    }
    out
}

/// Appends one interview's steps, timed and marked done where they were;
/// `None` if a date leaves jiff's range.
fn place_steps(
    index: usize,
    iv: &Interview,
    withdrawing: Option<&Accepted<'_>>,
    marks: &mut Marks<'_>,
    out: &mut Planned,
) -> Option<()> {
    let step_len = SignedDuration::from_mins(iv.rules.policy.step_duration.minutes().unwrap_or(15));
    let steps = &mut out.steps;
    let mut push = |kind: StepKind,
                    recipient: Option<usize>,
                    (occurrence, cycle): (u32, u32),
                    start: Timestamp,
                    end: Option<Timestamp>,
                    due: Option<Timestamp>,
                    landing: Option<Landing>,
                    status: StepStatus|
     -> Option<()> {
        let name = recipient
            .and_then(|r| iv.interviewers.get(r))
            .map(|p| p.name.as_str());
        steps.push(Step {
            interview: index,
            kind,
            recipient,
            occurrence,
            cycle,
            start,
            end: match end {
                Some(e) => e,
                None => start.checked_add(step_len).ok()?,
            },
            due,
            status,
            uid: uid::uid(&iv.id, kind, name, occurrence),
            landing,
        });
        Some(())
    };

    if iv.rules.policy.interview_event {
        let (s, e) = interview::span(iv);
        push(
            StepKind::Interview,
            None,
            (1, 1),
            s,
            Some(e),
            None,
            None,
            StepStatus::Planned,
        )?;
    }
    let thanks = thank_you::schedule(iv)?;
    let recipients: Vec<Option<usize>> = thanks.recipients.iter().map(|t| t.recipient).collect();
    let thanked = marks.thank_yous(&recipients);
    for (t, done) in thanks.recipients.iter().zip(&thanked) {
        push(
            StepKind::ThankYou,
            t.recipient,
            (t.occurrence, 1),
            thanks.start.timestamp(),
            None,
            Some(thanks.due),
            Some(thanks.landing),
            done_or(*done, StepStatus::Planned),
        )?;
    }
    let planned_thanks = thanks.start.date();
    // SPEC §8: the check-in counts from the latest thank-you done date when
    // every thank-you is done.
    let thank_you_date = if thanked.iter().all(Option::is_some) {
        thanked
            .iter()
            .flatten()
            .max()
            .copied()
            .unwrap_or(planned_thanks)
    } else {
        planned_thanks
    };
    // The date move-on counts from: the last of the thank-yous and the
    // nudges, each by its done date when done (SPEC §8), else its planned
    // date (SPEC §4.1: the latest).
    let thanks_last = thanked
        .iter()
        .map(|d| d.unwrap_or(planned_thanks))
        .max()
        .unwrap_or(planned_thanks);

    let first = (!iv.interviewers.is_empty()).then_some(0);
    let p = &iv.rules.policy;
    let n = p.max_follow_ups;
    let counts = (usize::from(n > 0), n.saturating_sub(1) as usize);
    let move_on_count = usize::from(p.move_on_after.is_some());
    let mut cycles = vec![Cycle::First {
        thank_you: thank_you_date,
    }];
    if let Some(hb) = iv.heard_back {
        cycles.push(Cycle::After { heard_back: hb });
    }
    for (c, cycle) in cycles.into_iter().enumerate() {
        let mut done = marks.nudges(c, StepKind::CheckIn, counts.0);
        done.extend(marks.nudges(c, StepKind::FollowUp, counts.1));
        let nudges = check_in::schedule(iv, cycle, &done)?;
        let move_on_done = marks.nudges(c, StepKind::MoveOn, move_on_count);
        let from = match cycle {
            Cycle::First { .. } => thanks_last,
            Cycle::After { heard_back } => thanks_last.max(heard_back),
        };
        let last = nudges.iter().map(Nudge::date).fold(from, Date::max);
        let move_on = move_on::schedule(iv, last)?;
        // Occurrences continue the count after `heard_back`, so the second
        // cycle never reuses a UID of the first.
        let cycle_no = c as u32 + 1;
        let base = c as u32 * n;
        let mut made = Vec::with_capacity(nudges.len() + 1);
        for (i, nudge) in nudges.iter().enumerate() {
            let kind = if i == 0 {
                StepKind::CheckIn
            } else {
                StepKind::FollowUp
            };
            made.push((
                kind,
                base + i as u32 + 1,
                &nudge.placed.at,
                nudge.placed.landing,
                nudge.done,
            ));
        }
        if let Some(m) = &move_on {
            made.push((
                StepKind::MoveOn,
                cycle_no,
                &m.at,
                m.landing,
                move_on_done.first().copied().flatten(),
            ));
        }
        for (kind, occurrence, at, landing, done) in made {
            let status = match heard_back_status(iv, c, at, done) {
                HeardBack::Gone => continue,
                HeardBack::Cancelled => StepStatus::Cancelled,
                HeardBack::Kept => done_or(done, StepStatus::Planned),
            };
            push(
                kind,
                first,
                (occurrence, cycle_no),
                at.timestamp(),
                None,
                None,
                Some(landing),
                status,
            )?;
        }
    }

    let singles = [
        (StepKind::Feedback, feedback::schedule(iv)?),
        (
            StepKind::CompetingOffer,
            competing_offer::schedule(iv, index, withdrawing.is_some(), &mut out.warnings)?,
        ),
    ];
    let offer = offer::schedule(iv)?;
    let withdraw = match withdrawing {
        Some(acc) => Some(withdraw::schedule(iv, acc)?),
        None => None,
    };
    let placed = singles
        .into_iter()
        .chain([
            (StepKind::OfferThanks, offer.thanks),
            (StepKind::Withdraw, withdraw),
        ])
        .map(|(kind, p)| (kind, p.map(|p| (p.at, Some(p.landing)))))
        .chain([(StepKind::OfferDecision, offer.decision.map(|at| (at, None)))]);
    for (kind, p) in placed {
        let done = marks.single(kind, p.is_some());
        if let Some((at, landing)) = p {
            push(
                kind,
                first,
                (1, 1),
                at.timestamp(),
                None,
                None,
                landing,
                done_or(done, StepStatus::Planned),
            )?;
        }
    }
    Some(())
}

/// `Done` on the date it was done, else `otherwise`.
fn done_or(done: Option<Date>, otherwise: StepStatus) -> StepStatus {
    done.map_or(otherwise, StepStatus::Done)
}

/// What `heard_back` does to a nudge (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeardBack {
    Kept,
    /// Not done and on or before `heard_back`.
    Cancelled,
    /// Of the first cycle, not done, after `heard_back`: it no longer
    /// exists (a regeneration marks its event cancelled, as for any step
    /// that vanished).
    Gone,
}

fn heard_back_status(iv: &Interview, cycle: usize, at: &Zoned, done: Option<Date>) -> HeardBack {
    match (iv.heard_back, cycle, done) {
        (Some(hb), 0, None) if at.date() <= hb => HeardBack::Cancelled,
        (Some(_), 0, None) => HeardBack::Gone,
        _ => HeardBack::Kept,
    }
}
