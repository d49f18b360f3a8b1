//! The small vocabularies shared by the policy, the notes and the plan:
//! which kind of step, over which channel it goes (SPEC §3, §4, §8), and in
//! which language and tone its message is drafted (SPEC §9).

use std::fmt;

/// One kind of follow-up step (SPEC §4's step ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StepKind {
    Interview,
    ThankYou,
    CheckIn,
    FollowUp,
    MoveOn,
    Feedback,
    CompetingOffer,
    /// Thanks for an offer (SPEC §8, status `offer`).
    OfferThanks,
    /// The reminder to decide before an offer's deadline (SPEC §8).
    OfferDecision,
    /// A courteous note withdrawing, after accepting elsewhere (SPEC §8).
    Withdraw,
}

impl StepKind {
    pub const ALL: [StepKind; 10] = [
        StepKind::Interview,
        StepKind::ThankYou,
        StepKind::CheckIn,
        StepKind::FollowUp,
        StepKind::MoveOn,
        StepKind::Feedback,
        StepKind::CompetingOffer,
        StepKind::OfferThanks,
        StepKind::OfferDecision,
        StepKind::Withdraw,
    ];

    /// The step id as SPEC §4, §6 and §8 spell it.
    pub fn id(self) -> &'static str {
        match self {
            StepKind::Interview => "interview",
            StepKind::ThankYou => "thank-you",
            StepKind::CheckIn => "check-in",
            StepKind::FollowUp => "follow-up",
            StepKind::MoveOn => "move-on",
            StepKind::Feedback => "feedback",
            StepKind::CompetingOffer => "competing-offer",
            StepKind::OfferThanks => "offer-thanks",
            StepKind::OfferDecision => "offer-decision",
            StepKind::Withdraw => "withdraw",
        }
    }

    /// The kind whose id is `s` (`thank-you`, …).
    pub fn parse(s: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.id() == s)
    }

    /// Whether a `done` entry may name this kind (SPEC §8): every step but
    /// the interview, which is a meeting, not something one carries out.
    pub fn can_be_done(self) -> bool {
        self != StepKind::Interview
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The preferred way to reach the employer (`contact`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Channel {
    #[default]
    Email,
    Phone,
    Mail,
}

impl Channel {
    pub const NAMES: [&'static str; 3] = ["email", "phone", "mail"];

    pub fn id(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Mail => "mail",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        match s {
            "email" => Some(Channel::Email),
            "phone" => Some(Channel::Phone),
            "mail" => Some(Channel::Mail),
            _ => None,
        }
    }
}

impl Channel {
    /// The channel a step of `kind` goes by when the employer prefers
    /// `self` (SPEC §4.1): the contact channel, except that a thank-you is
    /// always written (SPEC §9): by email under `contact: phone`.
    pub fn for_step(self, kind: StepKind) -> Channel {
        match (kind, self) {
            (StepKind::ThankYou, Channel::Phone) => Channel::Email,
            (_, c) => c,
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The language a drafted message is written in (SPEC §9 `language`); the
/// reminder text around it stays English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    En,
    De,
    Fr,
    Es,
    Nl,
}

impl Language {
    pub const NAMES: [&'static str; 5] = ["en", "de", "fr", "es", "nl"];

    pub fn id(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
            Language::Fr => "fr",
            Language::Es => "es",
            Language::Nl => "nl",
        }
    }

    pub fn parse(s: &str) -> Option<Language> {
        match s {
            "en" => Some(Language::En),
            "de" => Some(Language::De),
            "fr" => Some(Language::Fr),
            "es" => Some(Language::Es),
            "nl" => Some(Language::Nl),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How a drafted message speaks (SPEC §9 `tone`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tone {
    #[default]
    Warm,
    Formal,
}

impl Tone {
    pub const NAMES: [&'static str; 2] = ["warm", "formal"];

    pub fn id(self) -> &'static str {
        match self {
            Tone::Warm => "warm",
            Tone::Formal => "formal",
        }
    }

    pub fn parse(s: &str) -> Option<Tone> {
        match s {
            "warm" => Some(Tone::Warm),
            "formal" => Some(Tone::Formal),
            _ => None,
        }
    }
}

impl fmt::Display for Tone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
