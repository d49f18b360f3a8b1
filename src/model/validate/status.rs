//! Where an application stands (SPEC §3, §4 "Status", §8): `status`,
//! `status_date` (required unless `waiting`), `competing_offer` and the
//! employer's own `offer` (only with a status that follows an offer).

use super::keys::{COMPETING_OFFER_KEYS, OFFER_KEYS};
use super::validator::{Validator, find, quote};
use crate::error::FieldPath;
use crate::model::suggest;
use crate::model::types::{CompetingOffer, Offer, Status};
use crate::model::yaml::{Key, Node};
use jiff::civil::Date;

impl Validator<'_> {
    /// `status` and `status_date`: a status other than `waiting` needs the
    /// date it changed. `None` for a status that is not one of SPEC §3's.
    pub(super) fn status(
        &mut self,
        m: &[(Key, Node)],
        node: &Node,
        path: &FieldPath,
    ) -> (Option<Status>, Option<Date>) {
        let status = match find(m, "status") {
            Some(n) => {
                let t = self.text(n, &path.key("status"));
                match t.as_deref().map(str::trim).map(Status::parse) {
                    Some(Some(s)) => Some(s),
                    Some(None) => {
                        let t = t.unwrap_or_default();
                        self.error(
                            &path.key("status"),
                            n.span(),
                            format!("unknown status {}", quote(&t)),
                            suggest::hint(&t, &Status::NAMES),
                        );
                        None
                    }
                    None => None,
                }
            }
            None => Some(Status::Waiting),
        };
        let status_date =
            find(m, "status_date").and_then(|n| self.date(n, &path.key("status_date")));
        if let Some(s) = status
            && s != Status::Waiting
            && status_date.is_none()
            && find(m, "status_date").is_none()
        {
            let pos = find(m, "status")
                .map(Node::span)
                .unwrap_or_else(|| node.pos.into());
            self.error(
                &path.key("status_date"),
                pos,
                "a status other than `waiting` needs `status_date`".to_string(),
                "add `status_date: YYYY-MM-DD`, the day the status changed",
            );
        }
        (status, status_date)
    }

    pub(super) fn competing_offer(
        &mut self,
        node: &Node,
        path: &FieldPath,
    ) -> Option<CompetingOffer> {
        let m = self.map(node, path, COMPETING_OFFER_KEYS, "competing_offer")?;
        let company = self.required_text(
            m,
            "company",
            node,
            path,
            "name the company that made the offer",
        );
        let received = self
            .required(
                m,
                "received",
                node,
                path,
                "add `received: YYYY-MM-DD`, the day the offer arrived",
            )
            .and_then(|n| self.date(n, &path.key("received")));
        let deadline = find(m, "deadline").and_then(|n| self.date(n, &path.key("deadline")));
        let prefer = find(m, "prefer")
            .and_then(|n| self.bool(n, &path.key("prefer")))
            .unwrap_or(false);
        Some(CompetingOffer {
            company: company?,
            received: received?,
            deadline,
            prefer,
        })
    }

    /// The employer's own `offer` (SPEC §8): `received`, `deadline` not
    /// before it. `status` is the interview's (when valid): an offer with
    /// `waiting` is an error, since the status is what says there is one.
    pub(super) fn offer(
        &mut self,
        node: &Node,
        key: &Key,
        path: &FieldPath,
        status: Option<Status>,
    ) -> Option<Offer> {
        let m = self.map(node, path, OFFER_KEYS, "offer")?;
        let received = self
            .required(
                m,
                "received",
                node,
                path,
                "add `received: YYYY-MM-DD`, the day the offer arrived",
            )
            .and_then(|n| self.recent_date(n, &path.key("received")));
        let deadline_node = find(m, "deadline");
        let deadline = deadline_node.and_then(|n| self.recent_date(n, &path.key("deadline")));
        if let (Some(r), Some(d), Some(n)) = (received, deadline, deadline_node)
            && d < r
        {
            self.error(
                &path.key("deadline"),
                n.span(),
                format!(
                    "the offer's deadline {} is before it was received ({r})",
                    quote(&d.to_string())
                ),
                "check both dates: `deadline` is the last day to answer",
            );
            return None;
        }
        if status == Some(Status::Waiting) {
            self.error(
                path,
                key.span(),
                "`offer` is set but the status is `waiting`".to_string(),
                "set `status: offer` and `status_date` (the day the offer came), or remove `offer`",
            );
            return None;
        }
        Some(Offer {
            received: received?,
            deadline,
        })
    }
}
