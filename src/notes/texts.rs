//! The drafted messages' sentences, in five languages (SPEC §9): one
//! compiled template per language and step kind, each a table of sentence
//! slots with their variants.
//!
//! `templates/<language>/<step>.txt` holds every slot of one step kind in
//! one language: for each [`Slot`], the variants of each register (warm,
//! formal and, for Spanish, the team register), chosen with `v % n`.
//! `templates/<language>/common.txt` holds the sign-offs. A template only
//! knows the slot it is asked for: which slots a message has, in which
//! order, and which variant, is `compose`'s business. A slot a template
//! does not define renders nothing (its `else` arm); `compose` treats that
//! as a bug and the tests render every slot it asks for.
//!
//! The templates are compiled with the program (askama), like the English
//! frame around them, so a placeholder that [`SlotCtx`] lacks fails the
//! build. Placeholders are plain borrowed text; the dates come already
//! phrased for the language (`met` is "on Tuesday 17 November", "today" or
//! "yesterday"), so no template needs to know the sending date.
//!
//! Pure: no I/O. Text is not escaped (`.txt` templates are not).

use crate::model::kinds::{Language, StepKind};

/// One sentence (or a few) of a message: the unit a message is built from
/// and a missing fact removes. Names follow the message's parts; `Card*`
/// are the handwritten thank-you card's, `Call*` and `Voicemail*` the call
/// script's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Slot {
    Subject,
    SubjectRound,
    SubjectLast,
    SubjectAccept,
    SubjectDecline,
    Opening,
    OpeningLast,
    OpeningDecision,
    OpeningNoDecision,
    Round,
    SpecificOwn,
    SpecificShared,
    SpecificNone,
    Specific,
    Mention,
    Interest,
    InterestNeutral,
    Preference,
    Appreciation,
    Thanks,
    NewsDeadline,
    NewsNoDeadline,
    Ask,
    AskDeadline,
    AskNoDeadline,
    AnswerDeadline,
    AnswerNoDeadline,
    AcceptOpening,
    AcceptNext,
    AcceptClose,
    DeclineOpening,
    DeclineThanks,
    DeclineClose,
    Close,
    CloseLast,
    CardOpening,
    CardRound,
    CardSpecificOwn,
    CardSpecificShared,
    CardClose,
    CallIntro,
    CallIntroLast,
    CallIntroDecision,
    CallIntroNoDecision,
    CallIntroDeadline,
    CallIntroNoDeadline,
    CallPreference,
    CallInterestNeutral,
    CallAnswerDeadline,
    CallAnswerNoDeadline,
    CallAccept,
    CallDecline,
    /// Every question of the call, one per line (the caller picks).
    CallAsk,
    CallClose,
    Voicemail,
    VoicemailLast,
    VoicemailDecision,
    VoicemailNoDecision,
    VoicemailDeadline,
    VoicemailNoDeadline,
    SignOff,
    CardSignOff,
}

impl Slot {
    /// A small number per slot, mixed into the variant choice so that two
    /// slots of one message do not move in step.
    pub(super) fn salt(self) -> u64 {
        self as u64
    }
}

/// What a slot template sees: the placeholders as plain text (empty when
/// the slot that would use them is never asked for), the register, and
/// which slot and variant to write.
pub(super) struct SlotCtx<'a> {
    pub slot: Slot,
    /// The variant seed; a template writes variant `v % n` of `n`.
    pub v: u32,
    /// The formal register (`tone: formal`).
    pub formal: bool,
    /// Spanish only: the message goes to a team (no interviewer listed),
    /// written with `ustedes` whatever the tone.
    pub team: bool,
    pub company: &'a str,
    pub role: &'a str,
    /// French: "d'Account Executive", "de Data Scientist" (elided before a
    /// vowel); other languages: empty.
    pub de_role: &'a str,
    /// `candidate.name`, else `[Your name]`.
    pub candidate: &'a str,
    pub topic: &'a str,
    pub mention: &'a str,
    /// The interview day as an adverbial: "on Tuesday 17 November", or
    /// "today"/"yesterday" seen from the sending date.
    pub met: &'a str,
    /// The interview day after a noun: "(our interview) du mardi 17
    /// novembre", "de ayer"; English uses `met`'s form.
    pub met_of: &'a str,
    /// "by Friday 27 November" (or "today") for the decision date.
    pub decision_by: &'a str,
    /// "by Tuesday 1 December" (or "today") for an offer's deadline.
    pub deadline_by: &'a str,
    /// The competing offer's company.
    pub competing: &'a str,
    /// The round as an ordinal word ("second") from round 2 on.
    pub round: &'a str,
    /// Spanish calls: "Buenos días", or "Buenas tardes" from 14:00.
    pub hello: &'a str,
}

/// One template per language and step kind, plus each language's
/// `common.txt` (the sign-offs): one table gives each its type and file, and
/// the macro makes the types and the dispatch in [`render_slot`], so the two
/// cannot disagree.
macro_rules! texts {
    ($($lang:ident, $step:pat => $name:ident: $path:literal,)*) => {
        $(
            #[derive(askama::Template)]
            #[template(path = $path)]
            struct $name<'a>(&'a SlotCtx<'a>);

            impl<'a> std::ops::Deref for $name<'a> {
                type Target = SlotCtx<'a>;
                fn deref(&self) -> &SlotCtx<'a> {
                    self.0
                }
            }
        )*

        /// Appends the slot `ctx.slot` of `step`'s texts in `lang` (`None`:
        /// the language's common texts, the sign-offs) to `out`.
        pub(super) fn render_slot(
            lang: Language,
            step: Option<StepKind>,
            ctx: &SlotCtx<'_>,
            out: &mut String,
        ) -> askama::Result<()> {
            use askama::Template as _;
            use StepKind::*;
            match (lang, step) {
                $((Language::$lang, $step) => $name(ctx).render_into(out),)*
                (_, Some(Interview)) => Ok(()),
            }
        }

        /// Every template file, for the tests.
        #[cfg(test)]
        pub(super) const FILES: &[&str] = &[$($path,)*];
    };
}

texts! {
    En, None => EnCommon: "en/common.txt",
    En, Some(ThankYou) => EnThankYou: "en/thank-you.txt",
    En, Some(CheckIn) => EnCheckIn: "en/check-in.txt",
    En, Some(FollowUp) => EnFollowUp: "en/follow-up.txt",
    En, Some(MoveOn) => EnMoveOn: "en/move-on.txt",
    En, Some(Feedback) => EnFeedback: "en/feedback.txt",
    En, Some(CompetingOffer) => EnCompetingOffer: "en/competing-offer.txt",
    En, Some(OfferThanks) => EnOfferThanks: "en/offer-thanks.txt",
    En, Some(OfferDecision) => EnOfferDecision: "en/offer-decision.txt",
    En, Some(Withdraw) => EnWithdraw: "en/withdraw.txt",
    De, None => DeCommon: "de/common.txt",
    De, Some(ThankYou) => DeThankYou: "de/thank-you.txt",
    De, Some(CheckIn) => DeCheckIn: "de/check-in.txt",
    De, Some(FollowUp) => DeFollowUp: "de/follow-up.txt",
    De, Some(MoveOn) => DeMoveOn: "de/move-on.txt",
    De, Some(Feedback) => DeFeedback: "de/feedback.txt",
    De, Some(CompetingOffer) => DeCompetingOffer: "de/competing-offer.txt",
    De, Some(OfferThanks) => DeOfferThanks: "de/offer-thanks.txt",
    De, Some(OfferDecision) => DeOfferDecision: "de/offer-decision.txt",
    De, Some(Withdraw) => DeWithdraw: "de/withdraw.txt",
    Fr, None => FrCommon: "fr/common.txt",
    Fr, Some(ThankYou) => FrThankYou: "fr/thank-you.txt",
    Fr, Some(CheckIn) => FrCheckIn: "fr/check-in.txt",
    Fr, Some(FollowUp) => FrFollowUp: "fr/follow-up.txt",
    Fr, Some(MoveOn) => FrMoveOn: "fr/move-on.txt",
    Fr, Some(Feedback) => FrFeedback: "fr/feedback.txt",
    Fr, Some(CompetingOffer) => FrCompetingOffer: "fr/competing-offer.txt",
    Fr, Some(OfferThanks) => FrOfferThanks: "fr/offer-thanks.txt",
    Fr, Some(OfferDecision) => FrOfferDecision: "fr/offer-decision.txt",
    Fr, Some(Withdraw) => FrWithdraw: "fr/withdraw.txt",
    Es, None => EsCommon: "es/common.txt",
    Es, Some(ThankYou) => EsThankYou: "es/thank-you.txt",
    Es, Some(CheckIn) => EsCheckIn: "es/check-in.txt",
    Es, Some(FollowUp) => EsFollowUp: "es/follow-up.txt",
    Es, Some(MoveOn) => EsMoveOn: "es/move-on.txt",
    Es, Some(Feedback) => EsFeedback: "es/feedback.txt",
    Es, Some(CompetingOffer) => EsCompetingOffer: "es/competing-offer.txt",
    Es, Some(OfferThanks) => EsOfferThanks: "es/offer-thanks.txt",
    Es, Some(OfferDecision) => EsOfferDecision: "es/offer-decision.txt",
    Es, Some(Withdraw) => EsWithdraw: "es/withdraw.txt",
    Nl, None => NlCommon: "nl/common.txt",
    Nl, Some(ThankYou) => NlThankYou: "nl/thank-you.txt",
    Nl, Some(CheckIn) => NlCheckIn: "nl/check-in.txt",
    Nl, Some(FollowUp) => NlFollowUp: "nl/follow-up.txt",
    Nl, Some(MoveOn) => NlMoveOn: "nl/move-on.txt",
    Nl, Some(Feedback) => NlFeedback: "nl/feedback.txt",
    Nl, Some(CompetingOffer) => NlCompetingOffer: "nl/competing-offer.txt",
    Nl, Some(OfferThanks) => NlOfferThanks: "nl/offer-thanks.txt",
    Nl, Some(OfferDecision) => NlOfferDecision: "nl/offer-decision.txt",
    Nl, Some(Withdraw) => NlWithdraw: "nl/withdraw.txt",
}

/// For the tests: the distinct texts a slot can write, with the example's
/// values (company "Acme Corp", role "Account Executive", candidate "Beth
/// Carter", competing "Globex").
#[cfg(test)]
pub(super) mod tests_support {
    use super::*;
    use crate::model::kinds::Tone;

    pub(crate) fn slot_variants(
        lang: Language,
        tone: Tone,
        team: bool,
        step: StepKind,
        slot: Slot,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in 0..24 {
            let ctx = SlotCtx {
                slot,
                v,
                formal: tone == Tone::Formal,
                team: team && lang == Language::Es,
                company: "Acme Corp",
                role: "Account Executive",
                de_role: "d'Account Executive",
                candidate: "Beth Carter",
                topic: "TOPIC",
                mention: "MENTION",
                met: "MET",
                met_of: "MET_OF",
                decision_by: "DECISION",
                deadline_by: "DEADLINE",
                competing: "Globex",
                round: "ROUND",
                hello: "Buenos días",
            };
            let mut s = String::new();
            let step = match slot {
                Slot::SignOff | Slot::CardSignOff => None,
                _ => Some(step),
            };
            if render_slot(lang, step, &ctx, &mut s).is_ok() {
                crate::notes::tidy::repair(&mut s, 0, lang);
                let s = s.trim().to_owned();
                if !s.is_empty() && !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out
    }
}
