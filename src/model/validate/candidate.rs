//! `candidate` (SPEC §3): name, email, display zone.

use super::keys::CANDIDATE_KEYS;
use super::validator::{Validator, find};
use crate::error::FieldPath;
use crate::model::types::Candidate;
use crate::model::yaml::Node;

impl Validator<'_> {
    pub(super) fn candidate(&mut self, node: &Node, path: &FieldPath) -> Candidate {
        let Some(m) = self.map(node, path, CANDIDATE_KEYS, "candidate") else {
            return Candidate::default();
        };
        Candidate {
            name: self.opt_text(m, "name", path),
            email: self.opt_text(m, "email", path),
            zone: find(m, "timezone").and_then(|n| self.zone(n, &path.key("timezone"))),
        }
    }
}
