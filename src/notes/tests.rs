//! Tests of the notes: key content per step and channel, the variation
//! between interviewers, missing and awkward data, and plain text only.
//!
//! `render_speed` (ignored) measures rendering:
//! `cargo test --release --lib render_speed -- --ignored --nocapture`.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use super::*;
use jiff::civil::date;

/// Mark has everything, Priya has no email, Jun has no title.
pub(super) const INTERVIEWERS: [Person<'static>; 3] = [
    Person {
        name: "Mark Lee",
        title: Some("Hiring Manager"),
        email: Some("mark@acme.example"),
    },
    Person {
        name: "Priya Shah",
        title: Some("Sales Director"),
        email: None,
    },
    Person {
        name: "Jun Park",
        title: None,
        email: Some("jun@acme.example"),
    },
];

pub(super) fn topics() -> Vec<String> {
    vec!["Q3 pipeline".to_owned(), "CRM migration".to_owned()]
}

#[track_caller]
pub(super) fn zoned(s: &str) -> Zoned {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
}

/// The SPEC §3 example: Beth Carter's interview at Acme Corp, with the
/// steps at the times the default policy gives them.
pub(super) fn facts<'a>(
    step: StepKind,
    channel: Channel,
    recipient_index: usize,
    interviewers: &'a [Person<'a>],
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
    let recipient = match step {
        StepKind::Interview => None,
        _ => interviewers.get(recipient_index).copied(),
    };
    Facts {
        step,
        channel,
        candidate: "Beth Carter",
        company: "Acme Corp",
        role: "Account Executive",
        recipient,
        recipient_index,
        interviewers,
        topics,
        interview_start: ny("2026-11-17T14:00"),
        decision_by: Some(date(2026, 11, 27)),
        occurrence: match step {
            StepKind::FollowUp => 2,
            _ => 1,
        },
        competing: Some(Competing {
            company: "Globex",
            received: date(2026, 11, 24),
            deadline: Some(date(2026, 12, 1)),
        }),
        status_date: (step == StepKind::Feedback).then(|| date(2026, 12, 3)),
        start,
        due,
        done_on: None,
        awake_moved: None,
    }
}

/// The same interview with nothing optional known.
fn bare(step: StepKind, channel: Channel) -> Facts<'static> {
    let mut f = facts(step, channel, 0, &[], &[]);
    f.decision_by = None;
    f.competing = None;
    f.status_date = None;
    f
}

/// One renderer for all tests, as a batch would share it.
static NOTES: std::sync::LazyLock<Notes> = std::sync::LazyLock::new(Notes::new);

#[track_caller]
fn render(f: &Facts<'_>) -> Note {
    NOTES
        .render(f)
        .unwrap_or_else(|e| panic!("{}.{}: {e}", f.step, f.channel))
}

/// Renders `f` and checks the parts hold every `want` and no `not`.
#[track_caller]
fn case(f: &Facts<'_>, want: &[&str], not: &[&str]) -> Note {
    let note = render(f);
    let all = format!(
        "SUMMARY {}\nSUBJECT {}\n{}",
        note.summary, note.subject, note.description
    );
    for w in want {
        assert!(
            all.contains(w),
            "{}.{}: missing {w:?} in\n{all}",
            f.step,
            f.channel
        );
    }
    for n in not {
        assert!(
            !all.contains(n),
            "{}.{}: unwanted {n:?} in\n{all}",
            f.step,
            f.channel
        );
    }
    note
}

use Channel::{Email, Mail, Phone};
use StepKind::*;

/// Every step kind and channel has a template file, and renders the four
/// parts (askama checks at build time that each template compiles; this
/// checks the dispatch names a file that exists and fills every part).
#[test]
fn every_step_and_channel_renders_every_part() {
    let topics = topics();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/notes/templates/");
    for step in StepKind::ALL {
        for channel in [Email, Phone, Mail] {
            let name = template_name(step, channel);
            assert!(std::path::Path::new(dir).join(name).is_file(), "{name}");
            let note = render(&facts(step, channel, 0, &INTERVIEWERS, &topics));
            assert!(!note.summary.is_empty(), "{name}: no summary");
            assert!(!note.body.is_empty(), "{name}: no body");
            let why = note.description.split("\n\n").next().unwrap_or("");
            assert!(why.len() > 40, "{name}: no why: {why:?}");
            assert_eq!(
                note.subject.is_empty(),
                step == Interview || channel != Email,
                "{name}: subject {:?}",
                note.subject
            );
        }
    }
}

#[test]
fn notes_are_shareable_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Notes>();
}

#[test]
fn summaries() {
    let topics = topics();
    let t = |step, channel| render(&facts(step, channel, 0, &INTERVIEWERS, &topics)).summary;
    assert_eq!(
        t(Interview, Email),
        "Interview: Acme Corp, Account Executive"
    );
    assert_eq!(t(ThankYou, Email), "Thank-you note: Mark Lee, Acme Corp");
    assert_eq!(t(ThankYou, Phone), "Call Mark Lee to say thanks: Acme Corp");
    assert_eq!(
        t(ThankYou, Mail),
        "Mail a thank-you card: Mark Lee, Acme Corp"
    );
    assert_eq!(t(CheckIn, Email), "Check in: Acme Corp (Account Executive)");
    assert_eq!(
        t(CheckIn, Phone),
        "Call to check in: Acme Corp (Account Executive)"
    );
    assert_eq!(
        t(FollowUp, Email),
        "Follow-up #2: Acme Corp (Account Executive)"
    );
    assert_eq!(t(MoveOn, Mail), "Move on from Acme Corp");
    assert_eq!(
        t(Feedback, Email),
        "Ask for feedback: Acme Corp (Account Executive)"
    );
    assert_eq!(
        t(CompetingOffer, Email),
        "Tell Acme Corp about the Globex offer"
    );
    assert_eq!(
        t(CompetingOffer, Phone),
        "Call Acme Corp about the Globex offer"
    );
    assert_eq!(
        render(&bare(ThankYou, Email)).summary,
        "Thank-you note: Acme Corp"
    );
    assert_eq!(
        render(&bare(CompetingOffer, Email)).summary,
        "Tell Acme Corp about the other offer"
    );
}

#[test]
fn thank_you_email() {
    let topics = topics();
    let mark = facts(ThankYou, Email, 0, &INTERVIEWERS, &topics);
    let note = case(
        &mark,
        &[
            "Hi Mark,",
            "Acme Corp",
            "Account Executive",
            "Q3 pipeline",
            "Hiring Manager",
            "Tuesday 17 November",
            "Beth Carter",
            "Send by Wed 18 Nov, 15:00 New York time.",
            "Subject: Thank you: Account Executive interview",
            "Open this draft in your mail app:\nmailto:mark@acme.example?subject=Thank%20you%3A%20Account%20Executive%20interview&body=Hi%20Mark%2C%0D%0A%0D%0A",
        ],
        &["CRM migration"],
    );
    // The draft appears whole in the description, the link last.
    assert!(note.description.contains(&note.body));
    let link = note.description.lines().last().unwrap_or_default();
    assert_eq!(link, mailto("mark@acme.example", &note.subject, &note.body));
}

#[test]
fn each_interviewer_gets_a_different_thank_you() {
    let topics = topics();
    for channel in [Email, Phone, Mail] {
        let notes: Vec<Note> = (0..INTERVIEWERS.len())
            .map(|i| render(&facts(ThankYou, channel, i, &INTERVIEWERS, &topics)))
            .collect();
        for (i, a) in notes.iter().enumerate() {
            for b in notes.iter().skip(i + 1) {
                assert_ne!(a.body, b.body, "{channel}");
                // Not only the name differs: the sentences after the greeting do.
                let rest = |n: &Note| {
                    n.body
                        .lines()
                        .skip(1)
                        .take(3)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                assert_ne!(rest(a), rest(b), "{channel}");
            }
        }
    }
    // Topics rotate with the interviewer, the first topic is always named,
    // titles are mentioned.
    case(
        &facts(ThankYou, Email, 1, &INTERVIEWERS, &topics),
        &[
            "Hi Priya,",
            "CRM migration",
            "Sales Director",
            "Acme Corp",
            "Account Executive",
            // Every thank-you names the first topic too.
            "Q3 pipeline",
        ],
        &["mailto:"],
    );
    case(
        &facts(ThankYou, Email, 2, &INTERVIEWERS, &topics),
        &["Hi Jun,", "Q3 pipeline", "mailto:jun@acme.example?subject="],
        &[],
    );
    let subjects: Vec<String> = (0..4)
        .map(|i| {
            let people = [INTERVIEWERS[0]; 4];
            render(&facts(ThankYou, Email, i, &people, &topics)).subject
        })
        .collect();
    for (i, s) in subjects.iter().enumerate() {
        assert!(!subjects[i + 1..].contains(s), "{subjects:?}");
    }
}

#[test]
fn missing_email_says_where_to_find_one() {
    let topics = topics();
    case(
        &facts(ThankYou, Email, 1, &INTERVIEWERS, &topics),
        &["No email address on file for Priya Shah"],
        &["mailto:"],
    );
    case(
        &bare(CheckIn, Email),
        &["No interviewer on file", "Hello Acme Corp team,"],
        &["mailto:"],
    );
    // Other channels have no link and no such line.
    case(
        &facts(ThankYou, Phone, 0, &INTERVIEWERS, &topics),
        &[],
        &["mailto:", "No email address", "Subject:"],
    );
}

#[test]
fn phone_steps_hold_a_call_script() {
    let topics = topics();
    for step in [ThankYou, CheckIn, FollowUp, Feedback, CompetingOffer] {
        case(
            &facts(step, Phone, 0, &INTERVIEWERS, &topics),
            &[
                "Say:\n\"Hi Mark, this is Beth Carter",
                "If you get voicemail:",
                "Account Executive",
            ],
            &["Subject:", "mailto:"],
        );
    }
    case(
        &facts(ThankYou, Phone, 0, &INTERVIEWERS, &topics),
        &[
            "Call script",
            "Ask for Mark Lee (Hiring Manager).",
            "Ask:",
            "Q3 pipeline",
            "Call by Wed 18 Nov, 15:00 New York time.",
        ],
        &[],
    );
    case(
        &facts(MoveOn, Phone, 0, &INTERVIEWERS, &topics),
        &["Closing call (optional", "Note to self"],
        &[],
    );
}

#[test]
fn mail_steps_are_letters() {
    let topics = topics();
    for step in [
        ThankYou,
        CheckIn,
        FollowUp,
        MoveOn,
        Feedback,
        CompetingOffer,
    ] {
        let note = case(
            &facts(step, Mail, 0, &INTERVIEWERS, &topics),
            &["Dear Mark Lee,", "\nBeth Carter"],
            &["Subject:", "mailto:", "Call script"],
        );
        assert!(note.subject.is_empty());
    }
    case(
        &facts(ThankYou, Mail, 0, &INTERVIEWERS, &topics),
        &[
            "Post by Wed 18 Nov, 15:00 New York time.",
            "Q3 pipeline",
            "Hiring Manager",
        ],
        &[],
    );
}

#[test]
fn interview_checklist() {
    let topics = topics();
    case(
        &facts(Interview, Email, 0, &INTERVIEWERS, &topics),
        &[
            "Interview on Tue 17 Nov, 14:00 New York time.",
            "next steps",
            "They expect to decide by Friday 27 November",
            "Your file says email.",
            "- Mark Lee, Hiring Manager, mark@acme.example\n",
            "- Priya Shah, Sales Director (still missing: email)\n",
            "- Jun Park, jun@acme.example (still missing: title)\n",
            "Topics to prepare:\n- Q3 pipeline\n- CRM migration\n",
        ],
        &["Subject:", "mailto:", "None listed"],
    );
    case(
        &bare(Interview, Phone),
        &[
            "When do they expect to make a decision?",
            "Your file says phone.",
            "Nobody is listed yet",
            "Topics to prepare:\n- None listed.",
        ],
        &["Subject:"],
    );
}

#[test]
fn check_in_and_follow_ups() {
    let topics = topics();
    let check_in = case(
        &facts(CheckIn, Email, 0, &INTERVIEWERS, &topics),
        &[
            "by Friday 27 November",
            "Planned for Mon 30 Nov, 10:00 New York time.",
            "Subject: Checking in: Account Executive role",
            "mailto:mark@acme.example?subject=Checking%20in",
        ],
        &[],
    );
    case(
        &bare(CheckIn, Email),
        &["No decision date was given"],
        &["27 November"],
    );
    let follow_up = case(
        &facts(FollowUp, Email, 0, &INTERVIEWERS, &topics),
        &["Follow-up #2", "earlier note", "One more short"],
        &[],
    );
    assert!(follow_up.body.len() < check_in.body.len());
    let mut third = facts(FollowUp, Email, 0, &INTERVIEWERS, &topics);
    third.occurrence = 3;
    case(
        &third,
        &[
            "Follow-up #3",
            "already written 2 times",
            "let it be the last",
        ],
        &[],
    );
}

#[test]
fn move_on_feedback_and_competing_offer() {
    let topics = topics();
    case(
        &facts(MoveOn, Email, 0, &INTERVIEWERS, &topics),
        &[
            "Note to self",
            "other openings",
            "future openings",
            "Planned for Mon 14 Dec",
        ],
        &[],
    );
    case(
        &facts(Feedback, Email, 0, &INTERVIEWERS, &topics),
        &[
            "Thank you for letting me know",
            "constructive feedback",
            "Thursday 3 December",
        ],
        &[],
    );
    case(
        &facts(CompetingOffer, Email, 0, &INTERVIEWERS, &topics),
        &[
            "written offer from Globex",
            "reply by Tuesday 1 December",
            "first choice",
            "when you expect to decide?",
        ],
        &[],
    );
    case(
        &bare(CompetingOffer, Mail),
        &["written offer from another company", "A letter takes days"],
        &["reply by"],
    );
}

/// Names and topics with characters other layers must escape pass through
/// untouched (the ics layer escapes), and nothing breaks on them.
#[test]
fn awkward_names_pass_through() {
    let people = [Person {
        name: "Zoë 🚀 O'Brien; Jr., \\ 李",
        title: Some("VP, Sales; EMEA \\ APAC"),
        email: Some("zoe+hr@例え.jp"),
    }];
    let topics = vec!["R&D <budget> 100%".to_owned(), "  ".to_owned()];
    let mut f = facts(ThankYou, Email, 0, &people, &topics);
    f.company = "Ünïcode, Inc.; \\o/";
    f.role = "Engineer #1 (C++/Rust)";
    let note = case(
        &f,
        &[
            "Zoë 🚀 O'Brien; Jr., \\ 李",
            "VP, Sales; EMEA \\ APAC",
            "Ünïcode, Inc.; \\o/",
            "R&D <budget> 100%",
            "mailto:zoe+hr@%E4%BE%8B%E3%81%88.jp?subject=",
        ],
        &[],
    );
    // The name has a comma, so it is used whole in the greeting.
    assert!(
        note.body.starts_with("Hi Zoë 🚀 O'Brien; Jr., \\ 李,"),
        "{}",
        note.body
    );
}

/// Every step and channel, with full, bare and odd data: renders, reads as
/// plain text, and carries no template leftovers or gaps.
#[test]
fn every_step_and_channel_renders_cleanly() {
    let notes = Notes::new();
    let topics = topics();
    let newline_name = [Person {
        name: "Mark\nLee",
        title: Some(""),
        email: Some("  "),
    }];
    for step in StepKind::ALL {
        for channel in [Email, Phone, Mail] {
            let variants = [
                facts(step, channel, 0, &INTERVIEWERS, &topics),
                facts(step, channel, 7, &INTERVIEWERS, &topics),
                bare(step, channel),
                facts(step, channel, 0, &newline_name, &[]),
            ];
            for f in &variants {
                let note = notes
                    .render(f)
                    .unwrap_or_else(|e| panic!("{step}.{channel}: {e}"));
                check_plain(&note, f);
            }
        }
    }
}

#[track_caller]
fn check_plain(note: &Note, f: &Facts<'_>) {
    let at = format!("{}.{} {:?}", f.step, f.channel, f.recipient);
    assert!(
        !note.summary.is_empty() && !note.summary.contains('\n'),
        "{at}: {note:?}"
    );
    assert!(!note.subject.contains('\n'), "{at}");
    assert!(!note.body.is_empty(), "{at}");
    assert!(note.description.contains(&note.body), "{at}");
    assert!(note.description.len() < 8_000, "{at}");
    let d = &note.description;
    for bad in [
        "{{",
        "}}",
        "{%",
        "%}",
        "\n\n\n",
        " ,",
        " .",
        "\t",
        "none",
        "None,",
        "undefined",
    ] {
        assert!(!d.contains(bad), "{at}: {bad:?} in\n{d}");
    }
    for line in d.lines() {
        assert!(!line.ends_with(' '), "{at}: trailing space in {line:?}");
        // Indentation is fine; a gap inside a line is a missing word.
        assert!(!line.trim_start().contains("  "), "{at}: gap in {line:?}");
    }
    assert!(!has_html_tag(d), "{at}: HTML in\n{d}");
}

/// `<b>`, `</p>`, `<a href=…>`: a `<` opening a tag name or a closing tag.
fn has_html_tag(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

#[test]
fn html_detector_works() {
    assert!(has_html_tag("a <b>bold</b>"));
    assert!(has_html_tag("<!-- x -->"));
    assert!(!has_html_tag("1 < 2 and 3 <= 4"));
}

/// Rendering speed, for the batch use of SPEC §1. Prints the figure.
#[test]
#[ignore = "timing; run with --release --ignored --nocapture"]
fn render_speed() {
    use std::time::Instant;
    let notes = Notes::new();
    let topics = topics();
    let all: Vec<Facts<'_>> = StepKind::ALL
        .into_iter()
        .flat_map(|step| [Email, Phone, Mail].map(|c| (step, c)))
        .flat_map(|(step, c)| (0..3).map(move |i| (step, c, i)))
        .map(|(step, c, i)| facts(step, c, i, &INTERVIEWERS, &topics))
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
        company in "(\\PC|\n|\t){0,20}",
        role in "\\PC{0,20}",
        topics in proptest::collection::vec("\\PC{0,15}", 0..4),
        index in proptest::num::usize::ANY,
        step in proptest::sample::select(StepKind::ALL.to_vec()),
        channel in proptest::sample::select(vec![Email, Phone, Mail]),
    ) {
        let people = [Person { name: &name, title: title.as_deref(), email: email.as_deref() }];
        let mut f = facts(step, channel, 0, &people, &topics);
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

/// SPEC §8: a done step reads as done, then shows what was sent.
#[test]
fn a_done_step_says_so_first() {
    let mut f = facts(ThankYou, Email, 0, &INTERVIEWERS, &[]);
    let plain = render(&f);
    f.done_on = Some(date(2026, 11, 19));
    let done = render(&f);
    assert_eq!(done.summary, format!("Done: {}", plain.summary));
    assert_eq!(
        done.description,
        format!("Done on Thu 19 Nov.\n\n{}", plain.description)
    );
    assert_eq!(done.subject, plain.subject);
}

/// SPEC §8 `awake`: when an alarm rings earlier, one sentence says when
/// the message goes out, in the employer's time and the candidate's.
#[test]
fn a_moved_alarm_says_when_to_send() {
    let tokyo = zoned("2026-11-25T10:00[Asia/Tokyo]");
    let mut f = facts(CheckIn, Email, 0, &INTERVIEWERS, &[]);
    f.start = tokyo.clone();
    f.awake_moved = Some(zoned("2026-11-25T02:00[Europe/Madrid]"));
    case(
        &f,
        &[
            "Planned for Wed 25 Nov, 10:00 Tokyo time. Schedule the email to go out at 10:00 Tokyo time (02:00 in Madrid).\n\n",
        ],
        &[],
    );
    // The candidate's date differs: it is named.
    f.awake_moved = Some(zoned("2026-11-24T20:00[America/New_York]"));
    case(
        &f,
        &["Schedule the email to go out at 10:00 Tokyo time (Tue 24 Nov 20:00 in New York)."],
        &[],
    );
    // A call cannot be scheduled: it says when it is for.
    f.channel = Phone;
    f.awake_moved = Some(zoned("2026-11-25T02:00[Europe/Madrid]"));
    case(
        &f,
        &[
            "The call is for 10:00 Tokyo time (02:00 in Madrid): the reminder rings earlier, while you are awake.",
        ],
        &[],
    );
    // Same zone: no repetition.
    f.channel = Email;
    f.awake_moved = Some(tokyo);
    case(
        &f,
        &["Schedule the email to go out at 10:00 Tokyo time.\n"],
        &["(10:00"],
    );
    f.awake_moved = None;
    case(&f, &[], &["Schedule", "while you are awake"]);
}
