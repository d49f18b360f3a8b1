//! Tests of the notes: every step, channel, language and tone with facts
//! present and missing (SPEC §9's rules: no placeholder left, no doubled
//! space or punctuation, no two thank-yous alike, topics credited only to
//! their owner, mailto within 1,800 characters), and the wording tied to the
//! schedule and status.
//!
//! `render_speed` (ignored) measures rendering:
//! `cargo test --release --lib render_speed -- --ignored --nocapture`.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use super::*;
use crate::model::kinds::{Channel, Language, StepKind, Tone};
use jiff::Zoned;
use jiff::civil::date;

pub(super) const LANGUAGES: [Language; 5] = [
    Language::En,
    Language::De,
    Language::Fr,
    Language::Es,
    Language::Nl,
];
pub(super) const TONES: [Tone; 2] = [Tone::Warm, Tone::Formal];
pub(super) const CHANNELS: [Channel; 3] = [Channel::Email, Channel::Phone, Channel::Mail];

/// Topics of the example, in the form each language's sentences take
/// (docs/notes.md "Topics and mention").
pub(super) fn shared_topics(lang: Language) -> Vec<String> {
    let t: &[&str] = match lang {
        Language::En => &["the Q3 pipeline", "the CRM migration"],
        Language::De => &["die Q3-Pipeline", "den CRM-Umzug"],
        Language::Fr => &["le pipeline du troisième trimestre", "la migration du CRM"],
        Language::Es => &["el pipeline del tercer trimestre", "la migración del CRM"],
        Language::Nl => &["de Q3-pijplijn", "de CRM-migratie"],
    };
    t.iter().map(|s| (*s).to_owned()).collect()
}

/// Mark's own topic.
pub(super) fn own_topics(lang: Language) -> Vec<String> {
    vec![
        match lang {
            Language::En => "the territory plan",
            Language::De => "den Gebietsplan",
            Language::Fr => "le plan de territoire",
            Language::Es => "el plan de territorio",
            Language::Nl => "het territoriumplan",
        }
        .to_owned(),
    ]
}

pub(super) fn mention(lang: Language) -> &'static str {
    match lang {
        Language::En => "my two years running the Hamburg sales team",
        Language::De => "meine zwei Jahre in der Vertriebsleitung in Hamburg",
        Language::Fr => "mes deux années à la tête de l'équipe commerciale de Hambourg",
        Language::Es => "mis dos años al frente del equipo comercial de Hamburgo",
        Language::Nl => "mijn twee jaar als teamleider sales in Hamburg",
    }
}

#[track_caller]
pub(super) fn zoned(s: &str) -> Zoned {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
}

/// How much the example knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Known {
    /// Everything: interviewers with titles, greetings and topics, shared
    /// topics, a mention, a decision date, deadlines, a preference, a
    /// second round, a signature.
    All,
    /// Nothing optional: no interviewer, topic, mention, date, name.
    Nothing,
    /// Values that end like sentences ("K.K.", "Sr."), odd spacing.
    Odd,
}

/// The people of the example, per language (own topics in its form).
pub(super) struct People {
    pub list: Vec<Person<'static>>,
}

impl People {
    pub(super) fn new(lang: Language) -> People {
        let own: &'static [String] = Box::leak(own_topics(lang).into_boxed_slice());
        People {
            list: vec![
                Person {
                    name: "Mark Lee",
                    title: Some("Hiring Manager"),
                    email: Some("mark@acme.example"),
                    greeting: None,
                    topics: own,
                },
                Person {
                    name: "Priya Shah",
                    title: Some("Sales Director"),
                    email: None,
                    greeting: None,
                    topics: &[],
                },
                Person {
                    name: "Dr. Ana Ruiz",
                    title: None,
                    email: Some("ana@acme.example"),
                    greeting: None,
                    topics: &[],
                },
            ],
        }
    }
}

/// The SPEC §3 example: Beth Carter's interview at Acme Corp (New York,
/// Tue 17 Nov 2026, 14:00), each step at the time the default policy gives
/// it, written in `lang` and `tone`.
#[allow(clippy::too_many_arguments)]
pub(super) fn facts<'a>(
    step: StepKind,
    channel: Channel,
    lang: Language,
    tone: Tone,
    known: Known,
    recipient_index: usize,
    people: &'a [Person<'a>],
    topics: &'a [String],
) -> Facts<'a> {
    let ny = |t: &str| zoned(&format!("{t}[America/New_York]"));
    let (start, due) = match step {
        StepKind::Interview => (ny("2026-11-17T14:00"), None),
        StepKind::ThankYou => (ny("2026-11-18T09:00"), Some(ny("2026-11-18T15:00"))),
        StepKind::CheckIn => (ny("2026-11-30T10:00"), None),
        StepKind::FollowUp => (ny("2026-12-07T10:00"), None),
        StepKind::MoveOn => (ny("2026-12-14T10:00"), None),
        StepKind::Feedback => (ny("2026-12-04T10:00"), None),
        StepKind::CompetingOffer => (ny("2026-11-25T10:00"), None),
        StepKind::OfferThanks => (ny("2026-12-11T10:00"), None),
        StepKind::OfferDecision => (ny("2026-12-16T10:00"), None),
        StepKind::Withdraw => (ny("2026-12-18T10:00"), None),
    };
    let all = known != Known::Nothing;
    let people = if all { people } else { &[] };
    let recipient = match step {
        StepKind::Interview => None,
        _ => people.get(recipient_index).copied(),
    };
    let (company, role) = match known {
        Known::Odd => ("  Sakura Analytics K.K. ", "Sr."),
        _ => ("Acme Corp", "Account Executive"),
    };
    Facts {
        step,
        channel: channel.for_step(step),
        contact: channel,
        language: lang,
        tone,
        interview_id: "acme-ae",
        candidate: all.then_some("Beth Carter"),
        signature: (known == Known::All).then_some("Beth Carter\n+1 555 0100\n"),
        company,
        role,
        recipient,
        recipient_index,
        interviewers: people,
        topics: if all { topics } else { &[] },
        mention: all.then(|| mention(lang)),
        interview_start: ny("2026-11-17T14:00"),
        round: if known == Known::All { 2 } else { 1 },
        decision_by: all.then(|| date(2026, 11, 27)),
        heard_back: None,
        nudge: match step {
            StepKind::FollowUp => Nudge {
                number: 1,
                cycle: 1,
                last: false,
            },
            _ => Nudge {
                number: 0,
                cycle: 1,
                last: false,
            },
        },
        previous: all.then(|| date(2026, 11, 18)),
        competing: all.then_some(Competing {
            company: "Globex",
            received: date(2026, 11, 24),
            deadline: Some(date(2026, 12, 1)),
            prefer: false,
        }),
        offer: all.then_some(Offer {
            received: date(2026, 12, 10),
            deadline: Some(date(2026, 12, 17)),
        }),
        status_date: (step == StepKind::Feedback).then(|| date(2026, 12, 3)),
        start,
        due,
        done_on: None,
        awake_moved: None,
    }
}

/// One renderer for all tests, as a batch would share it.
static NOTES: std::sync::LazyLock<Notes> = std::sync::LazyLock::new(Notes::new);

#[track_caller]
pub(super) fn render(f: &Facts<'_>) -> Note {
    NOTES
        .render(f)
        .unwrap_or_else(|e| panic!("{}.{}: {e}", f.step, f.channel))
}

/// Percent-decodes a `mailto:` part.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Phrases that rank one employer above the others, in each language.
const RANKING_CLAIMS: &[&str] = &[
    "first choice",
    "top of my list",
    "my preferred",
    "erste wahl",
    "premier choix",
    "primera opción",
    "eerste keuze",
];

/// SPEC §9's rules for one rendered note.
#[track_caller]
fn check_clean(note: &Note, f: &Facts<'_>) {
    let at = format!(
        "{}.{} {}/{} {:?}",
        f.step, f.channel, f.language, f.tone, f.recipient
    );
    // SPEC §9: no message ranks the employer above others unless the file
    // says `competing_offer.prefer: true` (issue 15: two companies were
    // each told they were the first choice).
    if !f.competing.is_some_and(|c| c.prefer) {
        let body = note.body.to_lowercase();
        for claim in RANKING_CLAIMS {
            assert!(!body.contains(claim), "{at}: {claim:?} in\n{}", note.body);
        }
    }
    assert!(
        !note.summary.is_empty() && !note.summary.contains('\n'),
        "{at}: {note:?}"
    );
    assert!(!note.subject.contains('\n'), "{at}");
    assert!(!note.body.is_empty(), "{at}");
    assert!(note.description.contains(&note.body), "{at}");
    assert!(note.description.len() < 8_000, "{at}");
    let d = &note.description;
    // No placeholder but `[Your name]`.
    let without = d.replace(NAME_PLACEHOLDER, "");
    for bad in ['{', '}', '[', ']'] {
        assert!(!without.contains(bad), "{at}: {bad:?} in\n{d}");
    }
    // No doubled or misplaced punctuation, no gap.
    for bad in [
        // (".," is allowed: "Acme Inc., and" is right.)
        ",,", "..", " ,", " .", ",.", ";;", "::", " ;", "\n\n\n", "\t", "()", "( ", " )",
    ] {
        let hit = d.match_indices(bad).any(|(i, _)| {
            // An ellipsis is not a doubled period.
            !(bad == ".." && d[i..].starts_with("..."))
        });
        assert!(!hit, "{at}: {bad:?} in\n{d}");
    }
    for line in d.lines() {
        assert!(!line.ends_with(' '), "{at}: trailing space in {line:?}");
        // Indentation is fine; a gap inside a line is a missing word.
        assert!(!line.trim_start().contains("  "), "{at}: gap in {line:?}");
        assert!(
            !line.starts_with(' ') || line.starts_with("  -"),
            "{at}: {line:?}"
        );
    }
    // A German, French, Spanish or Dutch message never shows an English
    // stand-in for a missing value.
    for bad in ["None", "none", "undefined", "null"] {
        assert!(!without.contains(bad), "{at}: {bad:?} in\n{d}");
    }
    // The links: at most 1,800 characters, decoding to the message (or its
    // first paragraphs and the overflow line).
    for link in d.lines().filter(|l| l.starts_with("mailto:")) {
        assert!(link.len() <= MAX_LINK, "{at}: {} characters", link.len());
        assert!(link.bytes().all(|b| b.is_ascii_graphic()), "{at}: {link}");
        let (_, query) = link.split_once('?').unwrap();
        let (subject, body) = query.split_once("&body=").unwrap();
        let subject = decode(subject.strip_prefix("subject=").unwrap());
        let body = decode(body).replace("\r\n", "\n");
        let drafts = note.drafts();
        let draft = drafts
            .iter()
            .find(|x| x.subject == subject)
            .unwrap_or_else(|| panic!("{at}: link subject {subject:?}"));
        if body != draft.body {
            let cut = body
                .strip_suffix(OVERFLOW)
                .unwrap_or_else(|| panic!("{at}: the link's body is not the draft:\n{body}"));
            assert!(draft.body.starts_with(cut), "{at}: not a prefix:\n{cut}");
            assert!(
                cut.is_empty() || cut.ends_with("\n\n"),
                "{at}: cut mid-paragraph"
            );
        }
    }
}

/// Every step, channel, language and tone, with everything known, with
/// nothing known, and with values that end like sentences: renders, and
/// keeps every rule of SPEC §9 (`check_clean`).
#[test]
fn every_step_channel_language_and_tone_renders_cleanly() {
    let mut rendered = 0;
    for lang in LANGUAGES {
        let people = People::new(lang);
        let topics = shared_topics(lang);
        for tone in TONES {
            for step in StepKind::ALL {
                for channel in CHANNELS {
                    for known in [Known::All, Known::Nothing, Known::Odd] {
                        for i in 0..people.list.len() {
                            let mut f =
                                facts(step, channel, lang, tone, known, i, &people.list, &topics);
                            if step == StepKind::CompetingOffer && known == Known::Nothing {
                                // The step exists only with a competing offer.
                                f.competing = Some(Competing {
                                    company: "Globex",
                                    received: date(2026, 11, 24),
                                    deadline: None,
                                    prefer: false,
                                });
                            }
                            let note = render(&f);
                            check_clean(&note, &f);
                            rendered += 1;
                            if known == Known::Odd {
                                assert!(
                                    !note.description.contains("K.K.."),
                                    "{}",
                                    note.description
                                );
                                assert!(!note.description.contains("Sr.."), "{}", note.description);
                            }
                            if known == Known::Nothing {
                                assert!(
                                    note.description.contains(NAME_PLACEHOLDER)
                                        || step == StepKind::Interview,
                                    "{step} {lang}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(rendered, 5 * 2 * 10 * 3 * 3 * 3);
}

/// A note's body without the names of anyone in it: what must differ
/// between two interviewers' thank-yous.
fn without_names(body: &str) -> String {
    let mut b = body.to_owned();
    for name in [
        "Mark Lee",
        "Mark",
        "Priya Shah",
        "Priya",
        "Dr. Ana Ruiz",
        "Dr. Ruiz",
        "Ana Ruiz",
        "Ana",
        "Person 3",
        "Person 4",
        "Person 5",
        "Person 6",
    ] {
        b = b.replace(name, "");
    }
    b
}

/// SPEC §9: no two thank-yous of one interview are the same beyond the
/// names, in every language, tone and written channel, for panels of up to
/// six people (with and without topics).
#[test]
fn no_two_thank_yous_of_one_interview_read_alike() {
    let names = [
        "Mark Lee",
        "Priya Shah",
        "Dr. Ana Ruiz",
        "Person 3",
        "Person 4",
        "Person 5",
        "Person 6",
    ];
    let panel: Vec<Person<'static>> = names
        .iter()
        .map(|n| Person {
            name: n,
            title: None,
            email: Some("x@acme.example"),
            greeting: None,
            topics: &[],
        })
        .collect();
    for lang in LANGUAGES {
        let topics = shared_topics(lang);
        for tone in TONES {
            for channel in [Channel::Email, Channel::Mail] {
                for with_topics in [true, false] {
                    let t: &[String] = if with_topics { &topics } else { &[] };
                    let bodies: Vec<String> = (0..panel.len())
                        .map(|i| {
                            let mut f = facts(
                                StepKind::ThankYou,
                                channel,
                                lang,
                                tone,
                                Known::All,
                                i,
                                &panel,
                                t,
                            );
                            f.round = 1;
                            f.mention = None;
                            without_names(&render(&f).body)
                        })
                        .collect();
                    for (i, a) in bodies.iter().enumerate() {
                        for (j, b) in bodies.iter().enumerate().skip(i + 1) {
                            assert_ne!(
                                a, b,
                                "{lang}/{tone} {channel} topics={with_topics}: {i} and {j}"
                            );
                        }
                    }
                }
            }
        }
    }
}

/// SPEC §9: an interviewer's topic is credited to them only: it never
/// appears in another interviewer's note; each thank-you names a topic
/// when one is known (its recipient's own first, else a shared one).
#[test]
fn topics_are_credited_to_their_owner_only() {
    for lang in LANGUAGES {
        let shared = shared_topics(lang);
        let alpha = vec![format!("alpha {}", lang.id())];
        let beta = vec![format!("beta {}", lang.id())];
        let panel = [
            Person {
                name: "Mark Lee",
                title: None,
                email: Some("mark@acme.example"),
                greeting: None,
                topics: &alpha,
            },
            Person {
                name: "Priya Shah",
                title: None,
                email: Some("priya@acme.example"),
                greeting: None,
                topics: &beta,
            },
            Person {
                name: "Jun Park",
                title: None,
                email: Some("jun@acme.example"),
                greeting: None,
                topics: &[],
            },
        ];
        for tone in TONES {
            for step in StepKind::ALL {
                for channel in CHANNELS {
                    for (i, own, other) in
                        [(0, &alpha, &beta), (1, &beta, &alpha), (2, &beta, &alpha)]
                    {
                        let f = facts(step, channel, lang, tone, Known::All, i, &panel, &shared);
                        let note = render(&f);
                        let all = format!("{}\n{}", note.subject, note.description);
                        let at = format!("{step}.{channel} {lang}/{tone} to {i}");
                        if step == StepKind::Interview {
                            continue;
                        }
                        assert!(!all.contains(&other[0]), "{at}: {} in\n{all}", other[0]);
                        if i == 2 {
                            assert!(!all.contains(&own[0]), "{at}: {} in\n{all}", own[0]);
                        }
                        if step == StepKind::ThankYou {
                            let named = if i < 2 {
                                note.body.contains(&own[0])
                            } else {
                                shared.iter().any(|t| note.body.contains(t.as_str()))
                            };
                            assert!(named, "{at}: no topic in\n{}", note.body);
                        }
                    }
                }
            }
        }
    }
}

/// A shared topic is never credited to the recipient: its sentences
/// name no "you" or "our".
#[test]
fn shared_topics_are_credited_to_no_one() {
    let credit = |lang: Language| -> &'static [&'static str] {
        match lang {
            Language::En => &[" you", " your ", " our ", "Your ", "Our "],
            Language::De => &[" Sie ", " Ihr", " unser", "Unser"],
            Language::Fr => &[
                " vous ", " votre ", " vos ", " notre ", " nos ", "Notre ", "Votre ",
            ],
            Language::Es => &[
                " tu ", " tú ", " te ", " usted", " su ", " sus ", " nuestr", "Nuestr", " les ",
                " le ",
            ],
            Language::Nl => &[" je ", " jij ", " jouw ", " u ", " uw ", " ons ", " onze "],
        }
    };
    for lang in LANGUAGES {
        for tone in TONES {
            for team in [false, true] {
                let v = super::texts::tests_support::slot_variants(
                    lang,
                    tone,
                    team,
                    StepKind::ThankYou,
                    super::texts::Slot::SpecificShared,
                );
                let card = super::texts::tests_support::slot_variants(
                    lang,
                    tone,
                    team,
                    StepKind::ThankYou,
                    super::texts::Slot::CardSpecificShared,
                );
                let check_in = super::texts::tests_support::slot_variants(
                    lang,
                    tone,
                    team,
                    StepKind::CheckIn,
                    super::texts::Slot::Specific,
                );
                for s in v.iter().chain(card.iter()).chain(check_in.iter()) {
                    let padded = format!(" {s} ");
                    for w in credit(lang) {
                        assert!(!padded.contains(w), "{lang}/{tone}: {w:?} in {s:?}");
                    }
                }
            }
        }
    }
}

/// SPEC §9: "you remain my first choice" only with `prefer: true`.
#[test]
fn a_preference_only_when_the_file_says_so() {
    for lang in LANGUAGES {
        let people = People::new(lang);
        let topics = shared_topics(lang);
        for tone in TONES {
            let prefs = super::texts::tests_support::slot_variants(
                lang,
                tone,
                false,
                StepKind::CompetingOffer,
                super::texts::Slot::Preference,
            );
            let call_prefs = super::texts::tests_support::slot_variants(
                lang,
                tone,
                false,
                StepKind::CompetingOffer,
                super::texts::Slot::CallPreference,
            );
            assert!(prefs.len() >= 2 && call_prefs.len() >= 2, "{lang}/{tone}");
            for channel in CHANNELS {
                let mut f = facts(
                    StepKind::CompetingOffer,
                    channel,
                    lang,
                    tone,
                    Known::All,
                    0,
                    &people.list,
                    &topics,
                );
                let neutral = render(&f).body;
                for p in prefs.iter().chain(call_prefs.iter()) {
                    assert!(
                        !neutral.contains(p.as_str()),
                        "{lang}/{tone} {channel}: {p}"
                    );
                }
                f.competing = f.competing.map(|c| Competing { prefer: true, ..c });
                let preferring = render(&f).body;
                assert!(
                    prefs
                        .iter()
                        .chain(call_prefs.iter())
                        .any(|p| preferring.contains(p.as_str())),
                    "{lang}/{tone} {channel}:\n{preferring}"
                );
            }
        }
    }
}

/// SPEC §9: a later round says so: its subject and opening differ from
/// the first round's, to the same person.
#[test]
fn a_later_round_says_so() {
    for lang in LANGUAGES {
        let people = People::new(lang);
        let topics = shared_topics(lang);
        for tone in TONES {
            for i in 0..3 {
                let mut f = facts(
                    StepKind::ThankYou,
                    Channel::Email,
                    lang,
                    tone,
                    Known::All,
                    i,
                    &people.list,
                    &topics,
                );
                f.round = 1;
                let first = render(&f);
                f.round = 2;
                let second = render(&f);
                assert_ne!(first.subject, second.subject, "{lang}/{tone}");
                let opening = |n: &Note| n.body.split("\n\n").nth(1).unwrap_or("").to_owned();
                assert_ne!(opening(&first), opening(&second), "{lang}/{tone}");
                let ordinal = match lang {
                    Language::En => "second",
                    Language::De => "zweite",
                    Language::Fr => "deuxième",
                    Language::Es => "segunda",
                    Language::Nl => "tweede",
                };
                assert!(
                    second.body.contains(ordinal) || second.subject.contains(ordinal),
                    "{lang}/{tone}:\n{}",
                    second.body
                );
                assert!(
                    !first.body.contains(ordinal) && !first.subject.contains(ordinal),
                    "{lang}/{tone}"
                );
                assert!(second.summary.ends_with("(round 2)"), "{}", second.summary);
            }
        }
    }
}

/// SPEC §9: only the last follow-up planned says it is the last.
#[test]
fn only_the_last_follow_up_says_it_is_the_last() {
    for lang in LANGUAGES {
        let people = People::new(lang);
        let topics = shared_topics(lang);
        for tone in TONES {
            let last_texts: Vec<String> = [
                super::texts::Slot::SubjectLast,
                super::texts::Slot::OpeningLast,
                super::texts::Slot::CloseLast,
                super::texts::Slot::CallIntroLast,
                super::texts::Slot::VoicemailLast,
            ]
            .into_iter()
            .flat_map(|s| {
                super::texts::tests_support::slot_variants(lang, tone, false, StepKind::FollowUp, s)
            })
            .collect();
            for channel in CHANNELS {
                let mut f = facts(
                    StepKind::FollowUp,
                    channel,
                    lang,
                    tone,
                    Known::All,
                    0,
                    &people.list,
                    &topics,
                );
                let note = render(&f);
                for t in &last_texts {
                    assert!(
                        !note.body.contains(t.as_str()) && note.subject != *t,
                        "{lang}/{tone} {channel}: {t}"
                    );
                }
                assert!(
                    note.summary.starts_with("Follow-up 1:")
                        || note.summary.starts_with("Follow-up call 1:")
                        || note.summary.starts_with("Follow-up letter 1:"),
                    "{}",
                    note.summary
                );
                f.nudge.last = true;
                let last = render(&f);
                assert!(
                    last_texts
                        .iter()
                        .any(|t| last.body.contains(t.as_str()) || last.subject == *t),
                    "{lang}/{tone} {channel}:\n{}",
                    last.body
                );
                assert!(last.summary.contains("(the last)"), "{}", last.summary);
            }
        }
    }
}

/// SPEC §9: wording fits the sending date: a deadline on the day the
/// message goes out is "today", a passed one is not mentioned; a thank-you
/// sent the day of the interview thanks for "today".
#[test]
fn tense_fits_the_sending_date() {
    let people = People::new(Language::En);
    let topics = shared_topics(Language::En);
    let mut f = facts(
        StepKind::CompetingOffer,
        Channel::Email,
        Language::En,
        Tone::Warm,
        Known::All,
        0,
        &people.list,
        &topics,
    );
    f.competing = Some(Competing {
        company: "Globex",
        received: date(2026, 11, 24),
        deadline: Some(date(2026, 11, 25)),
        prefer: false,
    });
    let today = render(&f);
    assert!(
        !today.body.contains("Wednesday 25 November"),
        "{}",
        today.body
    );
    assert!(today.body.contains("today"), "{}", today.body);
    assert!(
        today.description.contains("Its deadline is today"),
        "{}",
        today.description
    );
    f.competing = f.competing.map(|c| Competing {
        deadline: Some(date(2026, 11, 24)),
        ..c
    });
    let passed = render(&f);
    assert!(
        !passed.body.contains("24 November") && !passed.body.contains("today"),
        "{}",
        passed.body
    );
    // A thank-you on the day of the interview, and the day after.
    let mut t = facts(
        StepKind::ThankYou,
        Channel::Email,
        Language::En,
        Tone::Warm,
        Known::All,
        0,
        &people.list,
        &topics,
    );
    t.round = 1;
    for (start, word, not) in [
        ("2026-11-17T16:00", "today", "17 November"),
        ("2026-11-18T09:00", "yesterday", "17 November"),
        ("2026-11-19T09:00", "17 November", "yesterday"),
    ] {
        t.start = zoned(&format!("{start}[America/New_York]"));
        for i in 0..3 {
            t.recipient_index = i;
            t.recipient = Some(people.list[i]);
            let n = render(&t);
            let text = format!("{}\n{}", n.subject, n.body);
            if text.contains("today") || text.contains("yesterday") || text.contains("17 November")
            {
                assert!(
                    text.contains(word) && !text.contains(not),
                    "{start}:\n{text}"
                );
            }
        }
    }
    // A check-in quotes the decision date only once it has passed.
    let mut c = facts(
        StepKind::CheckIn,
        Channel::Email,
        Language::En,
        Tone::Warm,
        Known::All,
        0,
        &people.list,
        &topics,
    );
    assert!(render(&c).body.contains("27 November"));
    c.heard_back = Some(date(2026, 11, 28));
    let restarted = render(&c);
    assert!(
        !restarted.body.contains("27 November"),
        "{}",
        restarted.body
    );
    assert!(
        restarted.description.contains("They replied on Sat 28 Nov"),
        "{}",
        restarted.description
    );
    c.heard_back = None;
    c.start = zoned("2026-11-26T10:00[America/New_York]");
    assert!(!render(&c).body.contains("27 November"));
    // The reminder text never promises "the next business day".
    for step in StepKind::ALL {
        for channel in CHANNELS {
            let f = facts(
                step,
                channel,
                Language::En,
                Tone::Warm,
                Known::All,
                0,
                &people.list,
                &topics,
            );
            assert!(
                !render(&f).description.contains("next business day"),
                "{step}"
            );
        }
    }
}

/// SPEC §9: under `contact: phone` the thank-you is an email; the nudges,
/// feedback, competing offer and offer steps are calls with a voicemail.
#[test]
fn phone_contact_calls_except_the_thank_you() {
    for lang in LANGUAGES {
        let people = People::new(lang);
        let topics = shared_topics(lang);
        for tone in TONES {
            for step in StepKind::ALL {
                let f = facts(
                    step,
                    Channel::Phone,
                    lang,
                    tone,
                    Known::All,
                    0,
                    &people.list,
                    &topics,
                );
                let note = render(&f);
                match step {
                    StepKind::Interview => {}
                    StepKind::ThankYou => {
                        assert!(!note.subject.is_empty(), "{lang}");
                        assert!(note.description.contains("prefers the phone"), "{lang}");
                        assert!(note.description.contains("mailto:mark@acme.example"));
                    }
                    StepKind::MoveOn => {
                        assert!(note.body.starts_with("Call script\n"), "{}", note.body);
                        assert!(note.body.contains("Say, or leave as a voicemail:"));
                    }
                    _ => {
                        assert!(
                            note.body
                                .starts_with("Call script\nAsk for Mark Lee (Hiring Manager).\n"),
                            "{step} {lang}: {}",
                            note.body
                        );
                        assert!(
                            note.body.contains("If you get voicemail:\n\""),
                            "{step} {lang}"
                        );
                        assert!(note.subject.is_empty());
                        // About 20 seconds: at most 75 words.
                        let vm = note
                            .body
                            .split("If you get voicemail:\n")
                            .nth(1)
                            .unwrap_or("");
                        let words = vm
                            .split("Then give")
                            .next()
                            .unwrap_or("")
                            .split_whitespace()
                            .count();
                        assert!(
                            (25..=75).contains(&words),
                            "{step} {lang}/{tone}: {words} words: {vm}"
                        );
                    }
                }
            }
        }
    }
}

/// Greetings never guess (SPEC §9): no "Hi Tanaka,", "Hi Dr. Ana Ruiz,",
/// "Hi Lee, Mark,"; a typed greeting is used as written.
#[test]
fn greetings_never_guess() {
    let people = [
        Person {
            name: "Tanaka Kōji",
            ..Person::default()
        },
        Person {
            name: "Dr. Ana Ruiz",
            ..Person::default()
        },
        Person {
            name: "Lee, Mark",
            ..Person::default()
        },
        Person {
            name: "Tanaka Kōji",
            greeting: Some("Tanaka-san"),
            ..Person::default()
        },
    ];
    let mut f = facts(
        StepKind::ThankYou,
        Channel::Email,
        Language::En,
        Tone::Warm,
        Known::All,
        0,
        &people,
        &[],
    );
    f.interview_start = zoned("2026-11-17T14:00[Asia/Tokyo]");
    f.start = zoned("2026-11-18T09:00[Asia/Tokyo]");
    let greet = |f: &Facts<'_>, i: usize| {
        let mut f = f.clone();
        f.recipient_index = i;
        f.recipient = Some(people[i]);
        render(&f).body.lines().next().unwrap_or("").to_owned()
    };
    assert_eq!(greet(&f, 0), "Dear Tanaka Kōji,");
    assert_eq!(greet(&f, 1), "Hi Dr. Ruiz,");
    assert_eq!(greet(&f, 2), "Hi Mark,");
    assert_eq!(greet(&f, 3), "Hi Tanaka-san,");
    f.language = Language::De;
    f.tone = Tone::Formal;
    assert_eq!(greet(&f, 0), "Guten Tag Tanaka Kōji,");
}

/// The name: `[Your name]` when missing, the signature's lines under it,
/// not twice when the signature starts with it.
#[test]
fn signature_and_placeholder() {
    let people = People::new(Language::En);
    let mut f = facts(
        StepKind::CheckIn,
        Channel::Email,
        Language::En,
        Tone::Warm,
        Known::All,
        0,
        &people.list,
        &[],
    );
    let body = render(&f).body;
    assert!(body.ends_with("\nBeth Carter\n+1 555 0100"), "{body}");
    assert_eq!(body.matches("Beth Carter").count(), 1, "{body}");
    f.signature = Some("Account Executive\n  linkedin.com/in/beth  \n");
    let body = render(&f).body;
    assert!(
        body.ends_with("\nBeth Carter\nAccount Executive\n  linkedin.com/in/beth"),
        "{body}"
    );
    f.candidate = None;
    f.signature = None;
    let body = render(&f).body;
    assert!(body.ends_with(&format!("\n{NAME_PLACEHOLDER}")), "{body}");
}

/// An offer decision holds two drafts, to accept and to decline, each with
/// its own link.
#[test]
fn offer_decision_has_two_drafts() {
    let people = People::new(Language::De);
    let f = facts(
        StepKind::OfferDecision,
        Channel::Email,
        Language::De,
        Tone::Formal,
        Known::All,
        0,
        &people.list,
        &[],
    );
    let note = render(&f);
    let drafts = note.drafts();
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[0].part, Some("accept"));
    assert_eq!(drafts[1].part, Some("decline"));
    assert_ne!(drafts[0].subject, drafts[1].subject);
    assert!(note.description.contains("To accept:") && note.description.contains("To decline:"));
    assert_eq!(
        note.description.matches("mailto:mark@acme.example").count(),
        2
    );
}

/// A draft too long for one link: the link keeps the paragraphs that fit
/// and says where the rest is.
#[test]
fn long_drafts_get_a_shorter_link() {
    let people = People::new(Language::En);
    let long = vec!["the ".to_owned() + &"very ".repeat(60) + "long topic"];
    let mut f = facts(
        StepKind::ThankYou,
        Channel::Email,
        Language::En,
        Tone::Warm,
        Known::All,
        0,
        &people.list,
        &long,
    );
    let own = vec!["the ".to_owned() + &"long ".repeat(200) + "list"];
    let mut mark = people.list[0];
    mark.topics = &own;
    let list = [mark];
    f.interviewers = &list;
    f.recipient = Some(mark);
    f.mention = Some(
        "my ten years of écritures comptables and 200 other things, all of them worth telling",
    );
    let note = render(&f);
    let link = note
        .description
        .lines()
        .find(|l| l.starts_with("mailto:"))
        .unwrap_or_default();
    assert!(link.len() <= MAX_LINK, "{link}");
    let body = decode(link.split_once("&body=").unwrap().1);
    let kept = body
        .strip_suffix(OVERFLOW)
        .unwrap_or_else(|| panic!("no overflow line: {body}"));
    // The greeting and at least one whole paragraph made it into the link
    // (check_clean holds that they are the message's first paragraphs).
    assert!(kept.starts_with("Hi Mark,\r\n\r\n"), "{body}");
    assert!(kept.matches("\r\n\r\n").count() >= 2, "{body}");
    check_clean(&note, &f);
}

#[test]
fn notes_are_shareable_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Notes>();
}

/// Names and topics with characters other layers must escape pass through
/// untouched (the ics layer escapes), and nothing breaks on them.
#[test]
fn awkward_names_pass_through() {
    let people = [Person {
        name: "Zoë 🚀 O'Brien; Jr. \\ 李",
        title: Some("VP, Sales; EMEA \\ APAC"),
        email: Some("zoe+hr@例え.jp"),
        ..Person::default()
    }];
    let topics = vec!["R&D <budget> 100%".to_owned(), "  ".to_owned()];
    let mut f = facts(
        StepKind::ThankYou,
        Channel::Email,
        Language::En,
        Tone::Formal,
        Known::All,
        0,
        &people,
        &topics,
    );
    f.company = "Ünïcode, Inc.; \\o/";
    f.role = "Engineer #1 (C++/Rust)";
    let note = render(&f);
    for want in [
        "Ünïcode, Inc.; \\o/",
        "R&D <budget> 100%",
        "mailto:zoe+hr@%E4%BE%8B%E3%81%88.jp?subject=",
    ] {
        assert!(
            note.description.contains(want),
            "{want} in\n{}",
            note.description
        );
    }
    assert!(
        note.body.starts_with("Dear Zoë 🚀 O'Brien; Jr. \\ 李,"),
        "{}",
        note.body
    );
}

/// Rendering speed, for the batch use of SPEC §1. Prints the figure.
#[test]
#[ignore = "timing; run with --release --ignored --nocapture"]
fn render_speed() {
    use std::time::Instant;
    let notes = Notes::new();
    let people = People::new(Language::En);
    let topics = shared_topics(Language::En);
    let all: Vec<Facts<'_>> = StepKind::ALL
        .into_iter()
        .flat_map(|step| CHANNELS.map(|c| (step, c)))
        .flat_map(|(step, c)| (0..3).map(move |i| (step, c, i)))
        .map(|(step, c, i)| {
            facts(
                step,
                c,
                Language::En,
                Tone::Warm,
                Known::All,
                i,
                &people.list,
                &topics,
            )
        })
        .collect();
    const N: usize = 50_000;
    let mut bytes = 0;
    let started = Instant::now();
    for i in 0..N {
        let note = notes.render(&all[i % all.len()]).unwrap();
        bytes += note.description.len();
    }
    let elapsed = started.elapsed();
    println!(
        "rendered {N} notes in {elapsed:.2?}: {:.1} µs per note, {} bytes of DESCRIPTION on average",
        elapsed.as_secs_f64() * 1e6 / N as f64,
        bytes / N
    );
}

proptest::proptest! {
    /// Whatever the names, titles, topics and indexes hold, every step and
    /// channel renders, and the draft and SUMMARY keep their shape.
    #[test]
    fn any_text_renders(
        name in "\\PC{0,30}",
        title in proptest::option::of("\\PC{0,20}"),
        email in proptest::option::of("(\\PC|\n){0,20}"),
        greeting in proptest::option::of("\\PC{0,20}"),
        company in "(\\PC|\n|\t){0,20}",
        role in "\\PC{0,20}",
        topics in proptest::collection::vec("\\PC{0,15}", 0..4),
        index in proptest::num::usize::ANY,
        step in proptest::sample::select(StepKind::ALL.to_vec()),
        channel in proptest::sample::select(CHANNELS.to_vec()),
        lang in proptest::sample::select(LANGUAGES.to_vec()),
        tone in proptest::sample::select(TONES.to_vec()),
    ) {
        let people = [Person { name: &name, title: title.as_deref(), email: email.as_deref(), greeting: greeting.as_deref(), topics: &topics }];
        let mut f = facts(step, channel, lang, tone, Known::All, 0, &people, &topics);
        f.recipient_index = index;
        f.company = &company;
        f.role = &role;
        let note = NOTES.render(&f);
        proptest::prop_assert!(note.is_ok(), "{:?}", note);
        let note = note.unwrap_or_else(|e| panic!("{e}"));
        proptest::prop_assert!(!note.summary.contains(['\n', '\r']));
        proptest::prop_assert!(!note.subject.contains(['\n', '\r']));
        proptest::prop_assert!(note.description.contains(&note.body));
    }
}

/// Every language's template file is compiled in: a file added to
/// `templates/<language>/` but missing from the `texts!` table would
/// otherwise be silently unused, and one listed but missing fails the
/// build.
#[test]
fn every_text_template_is_in_the_table() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/notes/templates");
    let mut on_disk = Vec::new();
    for lang in ["en", "de", "fr", "es", "nl"] {
        for entry in std::fs::read_dir(format!("{root}/{lang}")).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            on_disk.push(format!("{lang}/{name}"));
        }
    }
    let mut listed: Vec<String> = super::texts::FILES
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    on_disk.sort();
    listed.sort();
    assert_eq!(on_disk, listed);
    // One file per step kind with a message, and the sign-offs, per language.
    assert_eq!(listed.len(), 5 * 10);
}

/// SPEC §8: a done step reads as done, then shows what was sent.
#[test]
fn a_done_step_says_so_first() {
    let people = People::new(Language::En);
    let topics = shared_topics(Language::En);
    let mut f = facts(
        StepKind::ThankYou,
        Channel::Email,
        Language::En,
        Tone::Warm,
        Known::All,
        0,
        &people.list,
        &topics,
    );
    let plain = render(&f);
    f.done_on = Some(date(2026, 11, 19));
    let done = render(&f);
    assert_eq!(done.summary, format!("Done: {}", plain.summary));
    assert_eq!(
        done.description,
        format!("Done on Thu 19 Nov.\n\n{}", plain.description)
    );
    assert_eq!(done.subject, plain.subject);
    assert_eq!(done.body, plain.body);
}

/// SPEC §8 `awake`: when an alarm rings earlier, one sentence after the
/// "when" line says when the message goes out, in the employer's time and
/// the candidate's.
#[test]
fn a_moved_alarm_says_when_to_send() {
    let people = People::new(Language::En);
    let topics = shared_topics(Language::En);
    let tokyo = zoned("2026-11-25T10:00[Asia/Tokyo]");
    let mut f = facts(
        StepKind::CheckIn,
        Channel::Email,
        Language::En,
        Tone::Warm,
        Known::All,
        0,
        &people.list,
        &topics,
    );
    f.start = tokyo.clone();
    let d = |f: &Facts<'_>| render(f).description;
    f.awake_moved = Some(zoned("2026-11-25T02:00[Europe/Madrid]"));
    assert!(
        d(&f).contains(
            "Planned for Wed 25 Nov, 10:00 Tokyo time. Schedule the email to go out at 10:00 Tokyo time (02:00 in Madrid).\n\n"
        ),
        "{}",
        d(&f)
    );
    // The candidate's date differs: it is named.
    f.awake_moved = Some(zoned("2026-11-24T20:00[America/New_York]"));
    assert!(
        d(&f).contains(
            "Schedule the email to go out at 10:00 Tokyo time (Tue 24 Nov 20:00 in New York)."
        ),
        "{}",
        d(&f)
    );
    // A call cannot be scheduled: it says when it is for.
    f.channel = Channel::Phone;
    f.awake_moved = Some(zoned("2026-11-25T02:00[Europe/Madrid]"));
    assert!(
        d(&f).contains(
            "The call is for 10:00 Tokyo time (02:00 in Madrid): the reminder rings earlier, while you are awake."
        ),
        "{}",
        d(&f)
    );
    // Same zone: no repetition.
    f.channel = Channel::Email;
    f.awake_moved = Some(tokyo);
    let same = d(&f);
    assert!(
        same.contains("Schedule the email to go out at 10:00 Tokyo time.\n"),
        "{same}"
    );
    assert!(!same.contains("(10:00"), "{same}");
    f.awake_moved = None;
    let none = d(&f);
    assert!(
        !none.contains("Schedule") && !none.contains("while you are awake"),
        "{none}"
    );
}
