//! What every step of one interview says the same way, converted once:
//! names tidied, salutations written, dates spelled, topics and the
//! variant seed ready. An interview has about six steps, and converting
//! these per step was a fifth of the drafting time; [`Shared`] is cheap to
//! clone.
//!
//! Pure: no I/O.

use std::sync::Arc;

use jiff::civil::Date;

use super::dates::{LongDate, ShortDate};
use super::facts::{Facts, Person};
use super::greeting::{self, Name, To};
use super::tidy::{non_empty, tidy, tidy_all};
use crate::model::kinds::{Language, Tone};

/// The signature's stand-in when `candidate.name` is missing (SPEC §9).
pub const NAME_PLACEHOLDER: &str = "[Your name]";

/// The interview-wide parts of every note of one interview.
#[derive(Debug, Clone)]
pub struct Shared(pub(super) Arc<Parts>);

#[derive(Debug)]
pub(super) struct Parts {
    pub language: Language,
    pub formal: bool,
    /// `candidate.name`, else [`NAME_PLACEHOLDER`].
    pub candidate: String,
    /// The signature's lines, blank ones at either end dropped.
    pub signature: Vec<String>,
    /// The signature starts with the name: it is not written twice.
    pub signature_has_name: bool,
    pub company: String,
    pub role: String,
    /// French: "d'Account Executive" / "de Data Scientist".
    pub de_role: String,
    pub mention: Option<String>,
    /// The interview's topics, tidied, blank ones left out.
    pub topics: Vec<String>,
    /// Seeds the choice of wording: a hash of the interview's id.
    pub seed: u64,
    /// The interviewers with a name, in order.
    pub people: Vec<PersonText>,
    /// Each interviewer's place in `people`, by interviewer index (none for
    /// a blank name).
    pub by_index: Vec<Option<usize>>,
    /// The salutation to the team (no interviewer listed).
    pub team_greeting: String,
    /// English, for the reminder text: "Friday 27 November", …
    pub decision_by: Option<String>,
    pub status_date: Option<String>,
    pub competing: Option<CompetingText>,
    pub offer_deadline: Option<String>,
    pub heard_back: Option<String>,
}

/// Someone at the employer as the notes print them.
#[derive(Debug)]
pub(super) struct PersonText {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    /// Their own topics, tidied.
    pub topics: Vec<String>,
    /// The salutation line of a written message to them.
    pub greeting: String,
    /// Spanish only: written to with `usted` whatever the tone, because the
    /// salutation cannot use a first name ("Buenos días, Dr. Ruiz:",
    /// "Estimada Sra. Ruiz:"): `tú` after such a salutation reads wrong.
    pub usted: bool,
    /// What is still unknown about them: "title and email", …
    pub missing: Option<&'static str>,
}

/// A competing offer as the reminder text prints it.
#[derive(Debug)]
pub(super) struct CompetingText {
    pub company: String,
    /// English: "Tuesday 1 December".
    pub deadline: Option<String>,
}

impl Shared {
    /// Converts the interview-wide facts of `f` (not its step's own).
    pub fn new(f: &Facts<'_>) -> Self {
        let lang = f.language;
        let formal = f.tone == Tone::Formal;
        let long = |d: Option<Date>| d.map(|d| LongDate(d).to_string());
        let family_first = greeting::family_name_first(f.interview_start.time_zone().iana_name());
        let company = tidy(f.company).into_owned();
        let role = tidy(f.role).into_owned();
        let mut people = Vec::with_capacity(f.interviewers.len());
        let by_index = f
            .interviewers
            .iter()
            .map(|p| {
                person_text(p, lang, formal, family_first).map(|t| {
                    people.push(t);
                    people.len() - 1
                })
            })
            .collect();
        let candidate = non_empty(f.candidate).unwrap_or_else(|| NAME_PLACEHOLDER.to_owned());
        let signature: Vec<String> = f
            .signature
            .map(|s| {
                let lines: Vec<String> = s.lines().map(|l| l.trim_end().to_owned()).collect();
                let first = lines
                    .iter()
                    .position(|l| !l.trim().is_empty())
                    .unwrap_or(lines.len());
                let last = lines
                    .iter()
                    .rposition(|l| !l.trim().is_empty())
                    .map_or(first, |i| i + 1);
                lines[first..last].to_vec()
            })
            .unwrap_or_default();
        let signature_has_name = signature
            .first()
            .is_some_and(|l| l.trim().eq_ignore_ascii_case(candidate.trim()));
        let mut team_greeting = String::new();
        greeting::write(
            &mut team_greeting,
            lang,
            formal,
            &To::Team { company: &company },
        );
        Shared(Arc::new(Parts {
            language: lang,
            formal,
            de_role: if lang == Language::Fr {
                de_role(&role)
            } else {
                String::new()
            },
            candidate,
            signature,
            signature_has_name,
            mention: non_empty(f.mention),
            topics: tidy_all(f.topics),
            seed: fnv1a(f.interview_id.as_bytes()),
            people,
            by_index,
            team_greeting,
            decision_by: long(f.decision_by),
            status_date: long(f.status_date),
            competing: f.competing.map(|c| CompetingText {
                company: tidy(c.company).into_owned(),
                deadline: long(c.deadline),
            }),
            offer_deadline: long(f.offer.and_then(|o| o.deadline)),
            heard_back: f.heard_back.map(|d| ShortDate(d).to_string()),
            company,
            role,
        }))
    }

    /// The recipient of `f` as converted here, when it is the interviewer
    /// at `f.recipient_index` (the usual case).
    pub(super) fn recipient(&self, f: &Facts<'_>) -> Option<&PersonText> {
        let p = &*self.0;
        let cached = f
            .recipient
            .is_some_and(|r| f.interviewers.get(f.recipient_index) == Some(&r));
        if !cached {
            return None;
        }
        p.by_index
            .get(f.recipient_index)
            .copied()
            .flatten()
            .and_then(|i| p.people.get(i))
    }
}

/// How the notes print `p` (none for a blank name).
pub(super) fn person_text(
    p: &Person<'_>,
    lang: Language,
    formal: bool,
    family_first: bool,
) -> Option<PersonText> {
    if p.name.trim().is_empty() {
        return None;
    }
    let name = tidy(p.name).into_owned();
    let typed = non_empty(p.greeting);
    let mut salutation = String::with_capacity(name.len() + 16);
    let usted;
    {
        let read = Name::read(&name, family_first);
        usted = lang == Language::Es
            && !formal
            && match typed.as_deref() {
                Some(g) => greeting::is_title(g.split_whitespace().next().unwrap_or("")),
                None => read.given.is_none(),
            };
        greeting::write(
            &mut salutation,
            lang,
            formal || usted,
            &To::Person {
                name: &read,
                typed: typed.as_deref(),
            },
        );
    }
    let title = non_empty(p.title);
    let email = non_empty(p.email);
    let missing = match (title.is_none(), email.is_none()) {
        (true, true) => Some("title and email"),
        (true, false) => Some("title"),
        (false, true) => Some("email"),
        (false, false) => None,
    };
    Some(PersonText {
        topics: tidy_all(p.topics),
        greeting: salutation,
        usted,
        name,
        title,
        email,
        missing,
    })
}

/// French "de" + the role, elided before a vowel: "d'Account Executive",
/// "de Data Scientist" (no elision before `h`: English titles such as "Head
/// of Sales" start with a sounded h).
fn de_role(role: &str) -> String {
    let elide = role
        .chars()
        .next()
        .is_some_and(|c| "aeiouyAEIOUYàâäéèêëîïôöùûüÿÀÂÄÉÈÊËÎÏÔÖÙÛÜŸœŒæÆ".contains(c));
    let mut out = String::with_capacity(role.len() + 3);
    out.push_str(if elide { "d'" } else { "de " });
    out.push_str(role);
    out
}

/// FNV-1a, 64-bit (the public FNV parameters): a hash that never changes
/// between releases, so the wording chosen for a message is stable.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_elision() {
        assert_eq!(de_role("Account Executive"), "d'Account Executive");
        assert_eq!(de_role("Data Scientist"), "de Data Scientist");
        assert_eq!(de_role("ingénieur logiciel"), "d'ingénieur logiciel");
        assert_eq!(de_role("Head of Sales"), "de Head of Sales");
        assert_eq!(de_role("Écrivain"), "d'Écrivain");
    }
}
