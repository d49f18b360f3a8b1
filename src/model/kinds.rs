//! The small vocabularies shared by the policy, the notes and the plan:
//! which kind of step, and over which channel it goes (SPEC §3, §4).

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
}

impl StepKind {
    pub const ALL: [StepKind; 7] = [
        StepKind::Interview,
        StepKind::ThankYou,
        StepKind::CheckIn,
        StepKind::FollowUp,
        StepKind::MoveOn,
        StepKind::Feedback,
        StepKind::CompetingOffer,
    ];

    /// The step id as SPEC §4 and §6 spell it.
    pub fn id(self) -> &'static str {
        match self {
            StepKind::Interview => "interview",
            StepKind::ThankYou => "thank-you",
            StepKind::CheckIn => "check-in",
            StepKind::FollowUp => "follow-up",
            StepKind::MoveOn => "move-on",
            StepKind::Feedback => "feedback",
            StepKind::CompetingOffer => "competing-offer",
        }
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

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
