//! A drafted message, built from sentence slots (SPEC §9).
//!
//! Each step kind and channel has a layout: a subject, the salutation,
//! paragraphs of slots (opening, specific, interest, ask, close …), the
//! sign-off and the name; a call has its script and voicemail instead.
//! A slot whose fact is missing (no topic, no mention, a first round, no
//! deadline) is left out whole, so a missing field never leaves a hole;
//! a paragraph whose slots are all left out disappears.
//!
//! Which variant of a slot is written is decided here, deterministically:
//! a hash of the interview's id, the step kind and the slot, plus an
//! offset that differs between the notes of one interview (the recipient's
//! index for thank-yous, the follow-up's number, the cycle). A template has
//! n variants and writes number `v % n`, so two recipients at indexes i and
//! j get the same variant of a slot only when n divides i - j: with slots
//! of 2, 3 and 4 variants, up to twelve interviewers get notes that differ
//! in at least one sentence, and the first three differ in every slot
//! (docs/decisions.md "Drafted messages").
//!
//! Pure: no I/O.

use jiff::civil::Date;

use super::dates::DateText;
use super::facts::Facts;
use super::shared::{Parts, PersonText};
use super::texts::{Slot, SlotCtx, render_slot};
use super::tidy::{repair, trim_in_place};
use crate::model::kinds::{Channel, Language, StepKind};

/// A drafted message: the subject (empty for a call or a letter) and the
/// text. Offer decisions have a second one (accept, then decline).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

impl Message {
    pub(super) fn clear(&mut self) {
        self.subject.clear();
        self.body.clear();
    }
}

/// The ordinals for a later round ("second" …), index 0 for round 2; past
/// the tenth round the round is not named.
fn ordinal(lang: Language, round: u32) -> Option<&'static str> {
    const EN: [&str; 9] = [
        "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    ];
    const DE: [&str; 9] = [
        "zweite", "dritte", "vierte", "fünfte", "sechste", "siebte", "achte", "neunte", "zehnte",
    ];
    const FR: [&str; 9] = [
        "deuxième",
        "troisième",
        "quatrième",
        "cinquième",
        "sixième",
        "septième",
        "huitième",
        "neuvième",
        "dixième",
    ];
    // Feminine: "la segunda entrevista", "esta segunda fase".
    const ES: [&str; 9] = [
        "segunda", "tercera", "cuarta", "quinta", "sexta", "séptima", "octava", "novena", "décima",
    ];
    const NL: [&str; 9] = [
        "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende",
    ];
    let i = usize::try_from(round.checked_sub(2)?).ok()?;
    let table = match lang {
        Language::En => &EN,
        Language::De => &DE,
        Language::Fr => &FR,
        Language::Es => &ES,
        Language::Nl => &NL,
    };
    table.get(i).copied()
}

fn another_company(lang: Language) -> &'static str {
    match lang {
        Language::En => "another company",
        Language::De => "ein anderes Unternehmen",
        Language::Fr => "une autre entreprise",
        Language::Es => "otra empresa",
        Language::Nl => "een ander bedrijf",
    }
}

/// SplitMix64's finaliser: spreads the bits of a seed.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The facts a layout asks about, decided once per message.
struct Decided<'a> {
    topic: Option<&'a str>,
    /// The topic is the recipient's own (may be credited to them).
    own_topic: bool,
    /// The decision date can be quoted: named, after any `heard_back`, and
    /// not after the sending day.
    decision: bool,
    /// The deadline (the competing offer's or this employer's offer's) is
    /// still ahead or today.
    deadline: bool,
    round: bool,
    mention: bool,
}

/// Drafts the message of step `f` into `main` (and, for an offer decision,
/// the decline into `alt`).
pub(super) fn compose(
    f: &Facts<'_>,
    parts: &Parts,
    recipient: Option<&PersonText>,
    main: &mut Message,
    alt: &mut Message,
) -> askama::Result<()> {
    main.clear();
    alt.clear();
    if f.step == StepKind::Interview {
        return Ok(());
    }
    let lang = parts.language;
    let sent = f.start.date();
    let date_text = |kind: DateText, d: Option<Date>| {
        let mut s = String::new();
        if let Some(d) = d {
            kind.write(&mut s, lang, d, sent);
        }
        s
    };
    let meeting = f.interview_start.date();
    let met = date_text(DateText::Met, Some(meeting));
    let met_of = date_text(DateText::MetOf, Some(meeting));
    let decision_ok = f
        .decision_by
        .filter(|d| *d <= sent && f.heard_back.is_none_or(|h| h < *d));
    let deadline = match f.step {
        StepKind::CompetingOffer => f.competing.and_then(|c| c.deadline),
        _ => f.offer.and_then(|o| o.deadline),
    }
    .filter(|d| *d >= sent);
    let decision_by = date_text(DateText::DecisionBy, decision_ok);
    let deadline_by = date_text(DateText::DeadlineBy, deadline);
    let round = ordinal(lang, f.round);
    // Offsets between the notes of one interview: the recipient's index
    // (thank-yous), the follow-up's number and the cycle (nudges). A later
    // round is another interview, so another seed, and its round sentence
    // sets it apart anyway.
    let offset = u32::try_from(f.recipient_index % 1024).unwrap_or(0)
        + f.nudge.number
        + 3 * f.nudge.cycle.saturating_sub(1);
    let step_seed = parts.seed ^ mix(u64::from(f.step as u8) + 1);
    // Topics: the recipient's own first (credited to them), else a shared
    // one (never credited to anyone), rotated between recipients.
    let own = recipient.map(|r| r.topics.as_slice()).unwrap_or(&[]);
    let pick = |list: &'_ [String]| -> Option<usize> {
        (!list.is_empty()).then(|| {
            let h = (mix(step_seed ^ 0x7031) >> 40) as usize;
            (h + f.recipient_index) % list.len()
        })
    };
    let (topic, own_topic) = match (pick(own), pick(&parts.topics)) {
        (Some(i), _) => (own.get(i).map(String::as_str), true),
        (None, Some(i)) => (parts.topics.get(i).map(String::as_str), false),
        (None, None) => (None, false),
    };
    let team = recipient.is_none();
    let decided = Decided {
        topic,
        own_topic,
        decision: decision_ok.is_some(),
        deadline: deadline.is_some(),
        round: round.is_some(),
        mention: parts.mention.is_some(),
    };
    let hello = if f.start.time().hour() >= 14 {
        "Buenas tardes"
    } else {
        "Buenos días"
    };
    // Dutch has no plural "je": a note to a whole team uses the formal
    // texts (u); Spanish has texts of its own for a team (ustedes).
    let formal =
        parts.formal || (team && lang == Language::Nl) || recipient.is_some_and(|r| r.usted);
    let ctx = SlotCtx {
        slot: Slot::Subject,
        v: 0,
        formal,
        team: team && lang == Language::Es,
        company: &parts.company,
        role: &parts.role,
        de_role: &parts.de_role,
        candidate: &parts.candidate,
        topic: topic.unwrap_or(""),
        mention: parts.mention.as_deref().unwrap_or(""),
        met: &met,
        met_of: &met_of,
        decision_by: &decision_by,
        deadline_by: &deadline_by,
        // A competing-offer step exists only with a competing offer
        // (SPEC §3 asks for its company); the noun stands in otherwise.
        competing: parts
            .competing
            .as_ref()
            .map_or(another_company(lang), |c| c.company.as_str()),
        round: round.unwrap_or(""),
        hello,
    };
    let greeting = recipient.map_or(parts.team_greeting.as_str(), |r| r.greeting.as_str());
    let mut w = Writer {
        lang,
        step: f.step,
        ctx,
        seed: step_seed,
        offset,
    };
    let channel = f.written_channel();
    match channel {
        Channel::Phone => w.call(f, &decided, &mut main.body)?,
        Channel::Email | Channel::Mail => {
            let email = channel == Channel::Email;
            let card = f.step == StepKind::ThankYou && channel == Channel::Mail;
            w.letter(f, &decided, email, card, false, greeting, parts, main)?;
            if f.step == StepKind::OfferDecision {
                w.letter(f, &decided, email, card, true, greeting, parts, alt)?;
            }
        }
    }
    for m in [main, alt] {
        repair(&mut m.subject, 0, lang);
        repair(&mut m.body, 0, lang);
        trim_in_place(&mut m.subject);
        trim_in_place(&mut m.body);
    }
    Ok(())
}

/// Writes slots into a message.
struct Writer<'a> {
    lang: Language,
    step: StepKind,
    ctx: SlotCtx<'a>,
    seed: u64,
    offset: u32,
}

impl Writer<'_> {
    /// Appends one slot, with the variant this message gets.
    fn slot(&mut self, slot: Slot, out: &mut String) -> askama::Result<()> {
        let h = mix(self.seed ^ mix(slot.salt().wrapping_add(0x5107)));
        self.ctx.slot = slot;
        self.ctx.v = ((h >> 40) as u32).wrapping_add(self.offset);
        let step = match slot {
            Slot::SignOff | Slot::CardSignOff => None,
            _ => Some(self.step),
        };
        render_slot(self.lang, step, &self.ctx, out)
    }

    /// Appends a paragraph of the slots given (the missing ones left out),
    /// each separated by a space, and a blank line after it.
    fn paragraph(&mut self, slots: &[Option<Slot>], out: &mut String) -> askama::Result<()> {
        let before = out.len();
        for slot in slots.iter().flatten() {
            if out.len() > before {
                out.push(' ');
            }
            self.slot(*slot, out)?;
        }
        if out.len() > before {
            out.push_str("\n\n");
        }
        Ok(())
    }

    /// An email or a letter: subject (email only), salutation, paragraphs,
    /// sign-off, name and signature. `decline`: the offer decision's second
    /// message.
    #[allow(clippy::too_many_arguments)] // one call site, each argument its own fact
    fn letter(
        &mut self,
        f: &Facts<'_>,
        d: &Decided<'_>,
        email: bool,
        card: bool,
        decline: bool,
        greeting: &str,
        parts: &Parts,
        m: &mut Message,
    ) -> askama::Result<()> {
        use Slot::*;
        let when = |b: bool, s: Slot| b.then_some(s);
        let last = f.nudge.last;
        if email {
            let subject = match f.step {
                StepKind::ThankYou if d.round => SubjectRound,
                StepKind::FollowUp if last => SubjectLast,
                StepKind::OfferDecision if decline => SubjectDecline,
                StepKind::OfferDecision => SubjectAccept,
                _ => Subject,
            };
            self.slot(subject, &mut m.subject)?;
        }
        let b = &mut m.body;
        b.push_str(greeting);
        b.push_str("\n\n");
        let specific =
            |own: Slot, shared: Slot| d.topic.map(|_| if d.own_topic { own } else { shared });
        match f.step {
            StepKind::ThankYou if card => {
                self.paragraph(
                    &[
                        Some(CardOpening),
                        when(d.round, CardRound),
                        specific(CardSpecificOwn, CardSpecificShared),
                    ],
                    b,
                )?;
                self.paragraph(&[Some(CardClose)], b)?;
            }
            StepKind::ThankYou => {
                self.paragraph(&[Some(Opening), when(d.round, Round)], b)?;
                self.paragraph(
                    &[
                        Some(specific(SpecificOwn, SpecificShared).unwrap_or(SpecificNone)),
                        when(d.mention, Mention),
                    ],
                    b,
                )?;
                self.paragraph(&[Some(Interest), Some(Close)], b)?;
            }
            StepKind::CheckIn => {
                let opening = if d.decision {
                    OpeningDecision
                } else {
                    OpeningNoDecision
                };
                self.paragraph(&[Some(opening)], b)?;
                self.paragraph(&[Some(Interest), d.topic.map(|_| Specific)], b)?;
                self.paragraph(&[Some(Ask), Some(Close)], b)?;
            }
            StepKind::FollowUp => {
                self.paragraph(&[Some(if last { OpeningLast } else { Opening })], b)?;
                self.paragraph(&[Some(Interest)], b)?;
                self.paragraph(&[Some(if last { CloseLast } else { Close })], b)?;
            }
            StepKind::MoveOn | StepKind::Withdraw => {
                self.paragraph(&[Some(Opening)], b)?;
                self.paragraph(&[Some(Thanks)], b)?;
                self.paragraph(&[Some(Close)], b)?;
            }
            StepKind::Feedback => {
                self.paragraph(&[Some(Opening), Some(Appreciation)], b)?;
                self.paragraph(&[Some(Ask)], b)?;
                self.paragraph(&[Some(Close)], b)?;
            }
            StepKind::CompetingOffer => {
                let prefer = f.competing.is_some_and(|c| c.prefer);
                self.paragraph(
                    &[Some(if d.deadline {
                        NewsDeadline
                    } else {
                        NewsNoDeadline
                    })],
                    b,
                )?;
                self.paragraph(
                    &[
                        Some(if prefer { Preference } else { InterestNeutral }),
                        Some(if d.deadline {
                            AskDeadline
                        } else {
                            AskNoDeadline
                        }),
                    ],
                    b,
                )?;
                self.paragraph(&[Some(Close)], b)?;
            }
            StepKind::OfferThanks => {
                self.paragraph(&[Some(Opening)], b)?;
                self.paragraph(
                    &[Some(if d.deadline {
                        AnswerDeadline
                    } else {
                        AnswerNoDeadline
                    })],
                    b,
                )?;
                self.paragraph(&[Some(Close)], b)?;
            }
            StepKind::OfferDecision if decline => {
                self.paragraph(&[Some(DeclineOpening)], b)?;
                self.paragraph(&[Some(DeclineThanks)], b)?;
                self.paragraph(&[Some(DeclineClose)], b)?;
            }
            StepKind::OfferDecision => {
                self.paragraph(&[Some(AcceptOpening)], b)?;
                self.paragraph(&[Some(AcceptNext)], b)?;
                self.paragraph(&[Some(AcceptClose)], b)?;
            }
            StepKind::Interview => {}
        }
        self.slot(if card { CardSignOff } else { SignOff }, b)?;
        b.push('\n');
        if !parts.signature_has_name {
            b.push_str(&parts.candidate);
            b.push('\n');
        }
        for line in &parts.signature {
            b.push_str(line);
            b.push('\n');
        }
        Ok(())
    }

    /// A call: what to say, what to ask, how to close, and the voicemail.
    /// The labels around the quotes are reminder text and stay English
    /// (SPEC §9).
    fn call(&mut self, f: &Facts<'_>, d: &Decided<'_>, b: &mut String) -> askama::Result<()> {
        use Slot::*;
        let last = f.nudge.last;
        b.push_str("Call script\n");
        match f.recipient {
            Some(p) if !p.name.trim().is_empty() => {
                b.push_str("Ask for ");
                b.push_str(&super::tidy::tidy(p.name));
                if let Some(t) = p.title.map(super::tidy::tidy).filter(|t| !t.is_empty()) {
                    b.push_str(" (");
                    b.push_str(&t);
                    b.push(')');
                }
                b.push_str(".\n");
            }
            _ => b.push_str("Ask for whoever arranged the interview.\n"),
        }
        let (say, ask, close, voicemail): (Vec<Slot>, bool, bool, Slot) = match f.step {
            StepKind::CheckIn => (
                vec![if d.decision {
                    CallIntroDecision
                } else {
                    CallIntroNoDecision
                }],
                true,
                true,
                if d.decision {
                    VoicemailDecision
                } else {
                    VoicemailNoDecision
                },
            ),
            StepKind::FollowUp => (
                vec![if last { CallIntroLast } else { CallIntro }],
                true,
                true,
                if last { VoicemailLast } else { Voicemail },
            ),
            StepKind::Feedback => (vec![CallIntro], true, true, Voicemail),
            StepKind::CompetingOffer => {
                let prefer = f.competing.is_some_and(|c| c.prefer);
                (
                    vec![
                        if d.deadline {
                            CallIntroDeadline
                        } else {
                            CallIntroNoDeadline
                        },
                        if prefer {
                            CallPreference
                        } else {
                            CallInterestNeutral
                        },
                    ],
                    true,
                    true,
                    if d.deadline {
                        VoicemailDeadline
                    } else {
                        VoicemailNoDeadline
                    },
                )
            }
            StepKind::OfferThanks => (
                vec![
                    CallIntro,
                    if d.deadline {
                        CallAnswerDeadline
                    } else {
                        CallAnswerNoDeadline
                    },
                ],
                true,
                true,
                if d.deadline {
                    VoicemailDeadline
                } else {
                    VoicemailNoDeadline
                },
            ),
            StepKind::MoveOn | StepKind::Withdraw => (vec![CallIntro], false, false, Voicemail),
            // A thank-you is written (Facts::written_channel); an offer
            // decision has two scripts, below.
            StepKind::OfferDecision | StepKind::ThankYou | StepKind::Interview => {
                (Vec::new(), false, true, Voicemail)
            }
        };
        if f.step == StepKind::OfferDecision {
            b.push_str("\nTo accept, say:\n");
            self.quoted(&[CallAccept], b)?;
            b.push_str("\nTo decline, say:\n");
            self.quoted(&[CallDecline], b)?;
        } else {
            b.push_str(if matches!(f.step, StepKind::MoveOn) {
                "\nSay, or leave as a voicemail:\n"
            } else {
                "\nSay:\n"
            });
            self.quoted(&say, b)?;
        }
        if ask {
            b.push_str("\nAsk:\n");
            let from = b.len();
            self.slot(CallAsk, b)?;
            // One question per line, each quoted.
            let asks: Vec<String> = b[from..]
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| format!("\"{l}\"\n"))
                .collect();
            b.truncate(from);
            for a in asks {
                b.push_str(&a);
            }
        }
        if close {
            b.push_str("\nClose:\n");
            self.quoted(&[CallClose], b)?;
        }
        if f.step != StepKind::MoveOn {
            b.push_str("\nIf you get voicemail:\n\"");
            self.slot(voicemail, b)?;
            b.push_str("\" Then give your phone number, slowly, twice.\n");
        }
        Ok(())
    }

    /// Appends the slots as one quoted line.
    fn quoted(&mut self, slots: &[Slot], b: &mut String) -> askama::Result<()> {
        b.push('"');
        for (i, s) in slots.iter().enumerate() {
            if i > 0 {
                b.push(' ');
            }
            self.slot(*s, b)?;
        }
        b.push_str("\"\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(Language::En, 1), None);
        assert_eq!(ordinal(Language::En, 2), Some("second"));
        assert_eq!(ordinal(Language::De, 3), Some("dritte"));
        assert_eq!(ordinal(Language::Es, 2), Some("segunda"));
        assert_eq!(ordinal(Language::Fr, 11), None);
        assert_eq!(ordinal(Language::Nl, 0), None);
    }
}
