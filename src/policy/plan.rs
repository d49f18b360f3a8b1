//! [`plan`]: a model's steps, rule file by rule file (times first), then
//! the cancellation marks of `status`.

use super::step::{Step, StepStatus};
use super::when::Landing;
use super::{check_in, competing_offer, feedback, interview, move_on, status, thank_you, uid};
use crate::error::Diagnostic;
use crate::model::kinds::StepKind;
use crate::model::{Interview, Model};
use jiff::{SignedDuration, Timestamp};

/// The steps of every interview, in input order (the plan view sorts), plus
/// warnings (a competing-offer step that falls on or after the deadline).
pub fn plan(model: &Model) -> Result<(Vec<Step>, Vec<Diagnostic>), Vec<Diagnostic>> {
    use rayon::prelude::*;
    // Interviews are planned independently, on every core; the results are
    // joined in input order, so the steps do not depend on the thread count.
    let planned: Vec<(Vec<Step>, Vec<Diagnostic>, bool)> = model
        .interviews
        .par_iter()
        .enumerate()
        .map(|(i, iv)| {
            let (mut steps, mut warnings) = (Vec::with_capacity(8), Vec::new());
            let ok = plan_interview(i, iv, &mut steps, &mut warnings).is_some();
            if ok {
                status::cancel_by_status(iv, &mut steps);
            }
            (steps, warnings, ok)
        })
        .collect();
    let mut steps = Vec::with_capacity(planned.iter().map(|p| p.0.len()).sum());
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for (i, (mut s, w, ok)) in planned.into_iter().enumerate() {
        warnings.extend(w);
        if ok {
            steps.append(&mut s);
        } else {
            errors.push(
                Diagnostic::error(
                    format!("interviews[{i}]"),
                    None,
                    format!(
                        "the steps of interview \"{}\" fall outside the supported dates",
                        model.interviews[i].id
                    ),
                )
                .with_hint("check the year of `start`, `decision_by` and `status_date`"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    status::cancel_by_rounds(&model.interviews, &mut steps);
    Ok((steps, warnings))
}

/// Appends one interview's steps; `None` if a date leaves jiff's range.
fn plan_interview(
    index: usize,
    iv: &Interview,
    out: &mut Vec<Step>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<()> {
    let step_len = SignedDuration::from_mins(iv.rules.policy.step_duration.minutes().unwrap_or(15));
    let mut push = |kind: StepKind,
                    recipient: Option<usize>,
                    occurrence: u32,
                    start: Timestamp,
                    end: Option<Timestamp>,
                    due: Option<Timestamp>,
                    landing: Option<Landing>|
     -> Option<()> {
        let name = recipient
            .and_then(|r| iv.interviewers.get(r))
            .map(|p| p.name.as_str());
        out.push(Step {
            interview: index,
            kind,
            recipient,
            occurrence,
            start,
            end: match end {
                Some(e) => e,
                None => start.checked_add(step_len).ok()?,
            },
            due,
            status: StepStatus::Planned,
            uid: uid::uid(&iv.id, kind, name, occurrence),
            landing,
        });
        Some(())
    };

    if iv.rules.policy.interview_event {
        let (s, e) = interview::span(iv);
        push(StepKind::Interview, None, 1, s, Some(e), None, None)?;
    }
    let thanks = thank_you::schedule(iv)?;
    for t in &thanks.recipients {
        push(
            StepKind::ThankYou,
            t.recipient,
            t.occurrence,
            thanks.start.timestamp(),
            None,
            Some(thanks.due),
            Some(thanks.landing),
        )?;
    }
    let first = (!iv.interviewers.is_empty()).then_some(0);
    let nudges = check_in::schedule(iv, thanks.start.date())?;
    for (n, p) in nudges.iter().enumerate() {
        let kind = if n == 0 {
            StepKind::CheckIn
        } else {
            StepKind::FollowUp
        };
        let start = p.at.timestamp();
        push(
            kind,
            first,
            n as u32 + 1,
            start,
            None,
            None,
            Some(p.landing),
        )?;
    }
    // "The last" is the latest start (SPEC §4.1): a decision date before the
    // interview can put the check-in before the thank-you.
    let last = nudges
        .last()
        .map(|n| &n.at)
        .filter(|n| n.timestamp() > thanks.start.timestamp())
        .unwrap_or(&thanks.start);
    let rest = [
        (StepKind::MoveOn, move_on::schedule(iv, last)?),
        (StepKind::Feedback, feedback::schedule(iv)?),
        (
            StepKind::CompetingOffer,
            competing_offer::schedule(iv, index, warnings)?,
        ),
    ];
    for (kind, placed) in rest.into_iter() {
        if let Some(p) = placed {
            push(
                kind,
                first,
                1,
                p.at.timestamp(),
                None,
                None,
                Some(p.landing),
            )?;
        }
    }
    Some(())
}
