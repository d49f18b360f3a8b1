//! `candidate` (SPEC §3, §8, §9): name, email, display zone, signature and
//! the hours an alarm may ring (`awake`).

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
            // Kept as written (several lines with `|`); a blank one is none.
            signature: self
                .opt_text(m, "signature", path)
                .filter(|s| !s.trim().is_empty()),
            awake: find(m, "awake")
                .and_then(|n| self.awake(n, &path.key("awake")))
                .unwrap_or(Candidate::AWAKE),
        }
    }
}
