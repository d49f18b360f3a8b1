//! One interview (SPEC §3, §8, §9): its identity, times, people and
//! topics, what happened, its own settings over `defaults`; every problem
//! reported, the interview kept only when it has none.

use super::keys::{INTERVIEW_KEYS, INTERVIEWER_KEYS};
use super::settings::Layer;
use super::validator::{Validator, find, quote};
use crate::error::FieldPath;
use crate::model::types::{Interview, Interviewer, Policy, Rules};
use crate::model::yaml::{Node, Value};
use jiff::Zoned;
use jiff::civil::Date;
use std::sync::Arc;

impl Validator<'_> {
    pub(super) fn interview(
        &mut self,
        node: &Node,
        path: &FieldPath,
        defaults: &Layer,
        default_policy: &Policy,
        default_rules: &Arc<Rules>,
    ) -> Option<Interview> {
        let m = self.map(node, path, INTERVIEW_KEYS, "an interview")?;
        let errors_before = self.error_count();
        let id = self.required_text(
            m,
            "id",
            node,
            path,
            "give the interview a short unique id such as `acme-ae`",
        );
        if let (Some(id), Some(n)) = (&id, find(m, "id"))
            && let Some(bad) = id
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        {
            self.error(
                &path.key("id"),
                n.span(),
                format!("id {} contains {}", quote(id), quote(&bad.to_string())),
                "ids use only letters, digits, `.`, `_` and `-`, e.g. `acme-ae`",
            );
        }
        let company =
            self.required_text(m, "company", node, path, "add `company: <employer name>`");
        let role = self.required_text(m, "role", node, path, "add `role: <job title>`");
        let own = self.layer_from(m, path);
        let zone = match own.zone.clone().or_else(|| defaults.zone.clone()) {
            Some(z) => Some(z),
            None => {
                if find(m, "timezone").is_none() {
                    self.error(
                        &path.key("timezone"),
                        node.pos,
                        "missing `timezone`: the employer's zone is needed to place steps"
                            .to_string(),
                        "add `timezone: America/New_York` (an IANA name) here or under `defaults`",
                    );
                }
                None
            }
        };
        let start_local = self
            .required(
                m,
                "start",
                node,
                path,
                "add `start: 2026-11-17T14:00` (local time in the employer's zone)",
            )
            .and_then(|n| self.local_datetime(n, &path.key("start")));
        let end_local = find(m, "end").and_then(|n| self.local_datetime(n, &path.key("end")));
        let process = self.opt_text(m, "process", path);
        let interviewers = find(m, "interviewers")
            .and_then(|n| self.interviewers(n, &path.key("interviewers")))
            .unwrap_or_default();
        let decision_by =
            find(m, "decision_by").and_then(|n| self.date(n, &path.key("decision_by")));
        let topics = find(m, "topics")
            .and_then(|n| self.topics(n, &path.key("topics")))
            .unwrap_or_default();
        let (status, status_date) = self.status(m, node, path);
        let competing_offer = find(m, "competing_offer")
            .and_then(|n| self.competing_offer(n, &path.key("competing_offer")));
        let offer = m
            .iter()
            .find(|(k, v)| k.name == "offer" && v.value != Value::Null)
            .and_then(|(k, n)| self.offer(n, k, &path.key("offer"), status));
        let tracking = self.tracking(m, path);
        let mention = self
            .opt_text(m, "mention", path)
            .filter(|t| !t.trim().is_empty());

        let rules = if own.sets_rules() {
            let policy = own.policy.over(default_policy);
            Arc::new(self.rules(&own, defaults, &policy))
        } else {
            Arc::clone(default_rules)
        };
        let contact = own.contact.or(defaults.contact).unwrap_or_default();
        let auto = match own.holidays {
            Some(_) => own.auto_holidays.clone(),
            None => defaults.auto_holidays.clone(),
        };
        let rules = match (auto, &zone) {
            (Some(at), Some(z)) => self.auto_rules(rules, z, &at),
            _ => rules,
        };
        let language = own.language.or(defaults.language).unwrap_or_default();
        let tone = own.tone.or(defaults.tone).unwrap_or_default();

        let zone = zone?;
        let start_local = start_local?;
        let start = self.resolve(&zone, start_local, path, find(m, "start").map(Node::span))?;
        let end = match end_local {
            Some(e) => self.resolve(&zone, e, path, find(m, "end").map(Node::span))?,
            None => {
                let minutes = rules.duration.minutes().unwrap_or(60);
                start
                    .checked_add(jiff::SignedDuration::from_mins(minutes))
                    .ok()?
            }
        };
        if end.timestamp() < start.timestamp() {
            let pos = find(m, "end")
                .map(Node::span)
                .unwrap_or_else(|| node.pos.into());
            self.error(
                &path.key("end"),
                pos,
                format!(
                    "the interview ends ({}) before it starts ({})",
                    end.datetime(),
                    start.datetime()
                ),
                "check the date and time of `end`, or drop it to use `duration`",
            );
        }
        if let (Some(d), Some(n)) = (status_date, find(m, "status_date")) {
            self.status_date_near(d, &start, n, &path.key("status_date"));
        }
        let (done, heard_back) = self.resolve_tracking(tracking, start.date(), &interviewers, path);
        if self.error_count() > errors_before {
            return None;
        }
        Some(Interview {
            id: id?,
            company: company?,
            role: role?,
            zone,
            start,
            end,
            process,
            interviewers,
            contact,
            decision_by,
            topics,
            status: status?,
            status_date,
            competing_offer,
            done,
            heard_back,
            offer,
            mention,
            language,
            tone,
            rules,
        })
    }

    /// A status date more than a year before the interview is a mistake
    /// (SPEC §11: a wrong year, `0000-01-01`); shortly before it is real
    /// (a withdrawal before the interview, which cancels it).
    fn status_date_near(&mut self, d: Date, start: &Zoned, n: &Node, path: &FieldPath) {
        let interview = start.date();
        let Ok(floor) = interview.checked_sub(jiff::Span::new().years(1)) else {
            return;
        };
        if d < floor {
            self.error(
                path,
                n.span(),
                format!(
                    "status_date {d} is more than a year before the interview ({interview})"
                ),
                "check the year; a status date is the day the status changed, usually after the interview (a few days before it is fine: a withdrawal)",
            );
        }
    }

    pub(super) fn interviewers(
        &mut self,
        node: &Node,
        path: &FieldPath,
    ) -> Option<Vec<Interviewer>> {
        let items = self.list(node, path, "[{ name: Mark Lee, title: Hiring Manager }]")?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            if item.value.scalar_text().is_some() {
                if let Some(name) = self.text(item, &p) {
                    out.push(Interviewer {
                        name,
                        email: None,
                        title: None,
                        greeting: None,
                        topics: Vec::new(),
                    });
                }
                continue;
            }
            let Some(m) = self.map(item, &p, INTERVIEWER_KEYS, "an interviewer") else {
                continue;
            };
            let name = self.required_text(m, "name", item, &p, "every interviewer needs a `name`");
            let email = self.opt_text(m, "email", &p);
            let title = self.opt_text(m, "title", &p);
            let greeting = self
                .opt_text(m, "greeting", &p)
                .filter(|g| !g.trim().is_empty());
            let topics = find(m, "topics")
                .and_then(|n| self.topics(n, &p.key("topics")))
                .unwrap_or_default();
            if let Some(name) = name {
                out.push(Interviewer {
                    name,
                    email,
                    title,
                    greeting,
                    topics,
                });
            }
        }
        Some(out)
    }

    pub(super) fn topics(&mut self, node: &Node, path: &FieldPath) -> Option<Vec<String>> {
        if node.value.scalar_text().is_some() {
            return self.text(node, path).map(|t| vec![t]);
        }
        let items = self.list(node, path, "[Q3 pipeline, CRM migration]")?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(t) = self.text(item, &path.index(i)) {
                out.push(t);
            }
        }
        Some(out)
    }
}
