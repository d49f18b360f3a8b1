//! The reminder text around a drafted message, in English whatever the
//! message's language (SPEC §9): the event's SUMMARY, why the step matters,
//! and, for the interview, its checklist.
//!
//! One template per step kind in `templates/frame/`, each with the blocks
//! `summary` and `why` (the interview's also `body`), compiled with the
//! program like the message texts. The wording follows the real schedule:
//! a check-in quotes the decision date only when it has passed, a
//! follow-up is numbered among the follow-ups and says it is the last only
//! when it is the last one planned.
//!
//! Pure: no I/O.

use super::shared::{Parts, PersonText};
use crate::model::kinds::StepKind;

/// What the frame templates see.
pub(super) struct FrameCtx<'a> {
    /// The written channel: `email`, `phone` or `mail`.
    pub channel: &'static str,
    /// The interview's `contact`.
    pub contact: &'static str,
    pub company: &'a str,
    pub role: &'a str,
    /// The recipient's name.
    pub recipient: Option<&'a str>,
    /// The recipient's name, or "the hiring team".
    pub who: &'a str,
    pub round: u32,
    /// A follow-up's number among the follow-ups of its cycle.
    pub number: u32,
    /// The last nudge planned in its cycle.
    pub last: bool,
    /// The decision date, when a check-in may quote it ("Friday 27
    /// November").
    pub decision: Option<&'a str>,
    /// The interview's decision date, for its checklist.
    pub decision_by: Option<&'a str>,
    pub heard_back: Option<&'a str>,
    /// When the message this step follows up on went out ("Wed 18 Nov").
    pub previous: Option<&'a str>,
    pub competing: Option<&'a str>,
    /// The competing offer's deadline while it is ahead.
    pub deadline: Option<&'a str>,
    pub deadline_today: bool,
    pub deadline_passed: bool,
    pub prefer: bool,
    pub offer_deadline: Option<&'a str>,
    pub status_date: Option<&'a str>,
    /// The interview has a `mention`.
    pub mention: bool,
    pub interviewers: &'a [PersonText],
    pub topics: &'a [String],
}

impl<'a> FrameCtx<'a> {
    /// The parts every step of an interview shares.
    pub(super) fn shared(p: &'a Parts) -> FrameCtx<'a> {
        FrameCtx {
            channel: "email",
            contact: "email",
            company: &p.company,
            role: &p.role,
            recipient: None,
            who: "the hiring team",
            round: 1,
            number: 0,
            last: false,
            decision: None,
            decision_by: p.decision_by.as_deref(),
            heard_back: p.heard_back.as_deref(),
            previous: None,
            competing: p.competing.as_ref().map(|c| c.company.as_str()),
            deadline: None,
            deadline_today: false,
            deadline_passed: false,
            prefer: false,
            offer_deadline: p.offer_deadline.as_deref(),
            status_date: p.status_date.as_deref(),
            mention: p.mention.is_some(),
            interviewers: &p.people,
            topics: &p.topics,
        }
    }
}

macro_rules! frames {
    ($($kind:ident => $name:ident: $path:literal,)*) => {
        $(
            #[derive(askama::Template)]
            #[template(path = $path, blocks = ["summary", "why"])]
            struct $name<'a>(&'a FrameCtx<'a>);

            impl<'a> std::ops::Deref for $name<'a> {
                type Target = FrameCtx<'a>;
                fn deref(&self) -> &FrameCtx<'a> {
                    self.0
                }
            }
        )*

        /// Appends the SUMMARY of `step` to `summary`, and why it matters to
        /// `why`; for the interview, its checklist to `body`.
        pub(super) fn render_frame(
            step: StepKind,
            ctx: &FrameCtx<'_>,
            summary: &mut String,
            why: &mut String,
            body: &mut String,
        ) -> askama::Result<()> {
            use askama::Template as _;
            match step {
                StepKind::Interview => {
                    let t = InterviewFrame(ctx);
                    t.as_summary().render_into(summary)?;
                    t.as_why().render_into(why)?;
                    t.as_body().render_into(body)
                }
                $(StepKind::$kind => {
                    let t = $name(ctx);
                    t.as_summary().render_into(summary)?;
                    t.as_why().render_into(why)
                })*
            }
        }

        /// The frame template of a step kind, for error messages.
        pub(super) fn frame_name(step: StepKind) -> &'static str {
            match step {
                StepKind::Interview => "frame/interview.txt",
                $(StepKind::$kind => $path,)*
            }
        }
    };
}

#[derive(askama::Template)]
#[template(path = "frame/interview.txt", blocks = ["summary", "why", "body"])]
struct InterviewFrame<'a>(&'a FrameCtx<'a>);

impl<'a> std::ops::Deref for InterviewFrame<'a> {
    type Target = FrameCtx<'a>;
    fn deref(&self) -> &FrameCtx<'a> {
        self.0
    }
}

frames! {
    ThankYou => ThankYouFrame: "frame/thank-you.txt",
    CheckIn => CheckInFrame: "frame/check-in.txt",
    FollowUp => FollowUpFrame: "frame/follow-up.txt",
    MoveOn => MoveOnFrame: "frame/move-on.txt",
    Feedback => FeedbackFrame: "frame/feedback.txt",
    CompetingOffer => CompetingOfferFrame: "frame/competing-offer.txt",
    OfferThanks => OfferThanksFrame: "frame/offer-thanks.txt",
    OfferDecision => OfferDecisionFrame: "frame/offer-decision.txt",
    Withdraw => WithdrawFrame: "frame/withdraw.txt",
}
