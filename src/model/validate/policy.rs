//! `policy` (SPEC §4's keys, and §8's `offer`), in `defaults` or an
//! interview: parsed into a
//! [`PolicyLayer`] of options and merged key by key at every depth,
//! built-in first, then `defaults.policy`, then the interview's.

use super::keys::{
    AFTER_KEYS, CHECK_IN_KEYS, FOLLOW_UP_KEYS, OFFER_POLICY_KEYS, POLICY_KEYS, THANK_YOU_KEYS,
};
use super::validator::{Validator, describe, find};
use crate::error::FieldPath;
use crate::model::duration::Duration;
use crate::model::types::Policy;
use crate::model::yaml::{Key, Node, Value};

#[derive(Default, Clone, PartialEq)]
pub(super) struct PolicyLayer {
    pub(super) interview_event: Option<bool>,
    pub(super) step_duration: Option<Duration>,
    pub(super) thank_you_after: Option<Duration>,
    pub(super) thank_you_within: Option<Duration>,
    pub(super) check_in_after_decision: Option<Duration>,
    pub(super) check_in_without_decision: Option<Duration>,
    pub(super) follow_up_gap: Option<Duration>,
    pub(super) max_follow_ups: Option<u32>,
    /// `Some(false)`: `move_on: false`; `Some(true)`: turned on.
    pub(super) move_on_enabled: Option<bool>,
    pub(super) move_on_after: Option<Duration>,
    pub(super) feedback_after: Option<Duration>,
    pub(super) competing_offer_after: Option<Duration>,
    pub(super) offer_thanks_after: Option<Duration>,
    pub(super) offer_decide_before: Option<Duration>,
}

impl PolicyLayer {
    /// `self` over `base`, leaf by leaf.
    pub(super) fn over(&self, base: &Policy) -> Policy {
        let move_on_after = match self.move_on_enabled {
            Some(false) => None,
            Some(true) => Some(
                self.move_on_after
                    .or(base.move_on_after)
                    .unwrap_or(Duration::BusinessDays(5)),
            ),
            None => match (self.move_on_after, base.move_on_after) {
                (Some(a), _) => Some(a),
                (None, b) => b,
            },
        };
        Policy {
            interview_event: self.interview_event.unwrap_or(base.interview_event),
            step_duration: self.step_duration.unwrap_or(base.step_duration),
            thank_you_after: self.thank_you_after.unwrap_or(base.thank_you_after),
            thank_you_within: self.thank_you_within.unwrap_or(base.thank_you_within),
            check_in_after_decision: self
                .check_in_after_decision
                .unwrap_or(base.check_in_after_decision),
            check_in_without_decision: self
                .check_in_without_decision
                .unwrap_or(base.check_in_without_decision),
            follow_up_gap: self.follow_up_gap.unwrap_or(base.follow_up_gap),
            max_follow_ups: self.max_follow_ups.unwrap_or(base.max_follow_ups),
            move_on_after,
            feedback_after: self.feedback_after.unwrap_or(base.feedback_after),
            competing_offer_after: self
                .competing_offer_after
                .unwrap_or(base.competing_offer_after),
            offer_thanks_after: self.offer_thanks_after.unwrap_or(base.offer_thanks_after),
            offer_decide_before: self.offer_decide_before.unwrap_or(base.offer_decide_before),
        }
    }
}

impl Validator<'_> {
    pub(super) fn policy(&mut self, node: &Node, path: &FieldPath) -> PolicyLayer {
        let mut p = PolicyLayer::default();
        let Some(m) = self.map(node, path, POLICY_KEYS, "policy") else {
            return p;
        };
        if let Some(n) = find(m, "interview_event") {
            p.interview_event = self.bool(n, &path.key("interview_event"));
        }
        if let Some(n) = find(m, "step_duration") {
            p.step_duration = self
                .elapsed_minutes(n, &path.key("step_duration"))
                .map(Duration::Minutes);
        }
        if let Some(n) = find(m, "max_follow_ups") {
            let pp = path.key("max_follow_ups");
            match &n.value {
                Value::Int(i) if (0..=100).contains(i) => p.max_follow_ups = Some(*i as u32),
                _ => self.error(
                    &pp,
                    n.span(),
                    format!(
                        "max_follow_ups must be a whole number from 0 to 100, found {}",
                        describe(n)
                    ),
                    "2 means a check-in and one follow-up; 1 a check-in only; 0 neither",
                ),
            }
        }
        if let Some(sub) = self.sub(m, "thank_you", path, THANK_YOU_KEYS) {
            let pp = path.key("thank_you");
            if let Some(n) = find(sub, "after") {
                p.thank_you_after = self.duration(n, &pp.key("after"));
            }
            if let Some(n) = find(sub, "within") {
                p.thank_you_within = self.duration(n, &pp.key("within"));
            }
        }
        if let Some(sub) = self.sub(m, "check_in", path, CHECK_IN_KEYS) {
            let pp = path.key("check_in");
            if let Some(n) = find(sub, "after_decision") {
                p.check_in_after_decision = self.date_duration(n, &pp.key("after_decision"));
            }
            if let Some(n) = find(sub, "without_decision") {
                p.check_in_without_decision = self.date_duration(n, &pp.key("without_decision"));
            }
        }
        if let Some(sub) = self.sub(m, "follow_up", path, FOLLOW_UP_KEYS)
            && let Some(n) = find(sub, "gap")
        {
            p.follow_up_gap = self.date_duration(n, &path.key("follow_up").key("gap"));
        }
        if let Some(n) = find(m, "move_on") {
            match &n.value {
                Value::Bool(b) => p.move_on_enabled = Some(*b),
                _ => {
                    if let Some(sub) = self.sub(m, "move_on", path, AFTER_KEYS) {
                        p.move_on_enabled = Some(true);
                        if let Some(n) = find(sub, "after") {
                            p.move_on_after =
                                self.date_duration(n, &path.key("move_on").key("after"));
                        }
                    }
                }
            }
        }
        if let Some(sub) = self.sub(m, "feedback", path, AFTER_KEYS)
            && let Some(n) = find(sub, "after")
        {
            p.feedback_after = self.date_duration(n, &path.key("feedback").key("after"));
        }
        if let Some(sub) = self.sub(m, "competing_offer", path, AFTER_KEYS)
            && let Some(n) = find(sub, "after")
        {
            p.competing_offer_after =
                self.date_duration(n, &path.key("competing_offer").key("after"));
        }
        if let Some(sub) = self.sub(m, "offer", path, OFFER_POLICY_KEYS) {
            let pp = path.key("offer");
            if let Some(n) = find(sub, "thanks_after") {
                p.offer_thanks_after = self.date_duration(n, &pp.key("thanks_after"));
            }
            if let Some(n) = find(sub, "decide_before") {
                p.offer_decide_before = self.date_duration(n, &pp.key("decide_before"));
            }
        }
        p
    }

    /// A nested policy mapping such as `thank_you: {after: 2h}`.
    pub(super) fn sub<'n>(
        &mut self,
        m: &'n [(Key, Node)],
        key: &str,
        path: &FieldPath,
        allowed: &[&str],
    ) -> Option<&'n [(Key, Node)]> {
        let n = find(m, key)?;
        self.map(n, &path.key(key), allowed, &format!("policy.{key}"))
    }
}
