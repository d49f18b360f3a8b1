use super::document::VALIDATE_CHUNK;
use super::*;
use crate::error::Diagnostic;
use crate::model::duration::Duration;
use crate::model::kinds::Channel;
use crate::model::yaml;
use crate::model::{Model, Policy, Status};
use jiff::civil::Time;

fn run(text: &str) -> (Option<Model>, Vec<Diagnostic>) {
    let root = yaml::parse(text).unwrap();
    validate(root, &DatesOnly)
}

const BASE: &str = "interviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    timezone: America/New_York\n";

#[test]
fn minimal_interview_gets_builtin_values() {
    let (m, d) = run(BASE);
    assert!(d.is_empty(), "{d:?}");
    let m = m.unwrap();
    let iv = &m.interviews[0];
    assert_eq!(
        iv.end.datetime(),
        jiff::civil::date(2026, 11, 17).at(15, 0, 0, 0)
    );
    assert_eq!(iv.rules.reminders, vec![15]);
    assert_eq!(iv.rules.send_at, Time::constant(10, 0, 0, 0));
    assert_eq!(iv.rules.policy, Policy::default());
    assert_eq!(iv.contact, Channel::Email);
    assert_eq!(iv.status, Status::Waiting);
}

/// Each bad input yields exactly the diagnostics listed: (path, line, col,
/// message fragment).
#[track_caller]
fn case(text: &str, want: &[(&str, u32, u32, &str)]) {
    let (m, d) = run(text);
    let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
    assert!(m.is_none() || want.is_empty());
    assert_eq!(errors.len(), want.len(), "{errors:#?}");
    for (e, (path, line, col, frag)) in errors.iter().zip(want) {
        assert_eq!(e.path, *path, "{e:?}");
        let pos = e.pos.unwrap_or_default();
        assert_eq!((pos.line, pos.col), (*line, *col), "{e:?}");
        assert!(e.message.contains(frag), "{:?} lacks {frag:?}", e.message);
        assert!(e.hint.is_some(), "{e:?} has no hint");
    }
}

#[test]
fn bad_inputs_are_all_reported_with_locations() {
    case(
        "interviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    timezone: America/New_Yrok\n    statuss: waiting\n",
        &[
            (
                "interviews[0].timezone",
                6,
                15,
                "unknown timezone \"America/New_Yrok\"",
            ),
            ("interviews[0].statuss", 7, 5, "unknown key \"statuss\""),
        ],
    );
    case(
        "interviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-02-30T14:00\n    timezone: UTC\n",
        &[("interviews[0].start", 5, 12, "not a real date")],
    );
    case(
        "interviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    end: 2026-11-17T13:00\n    timezone: UTC\n",
        &[("interviews[0].end", 6, 10, "ends")],
    );
    case(
        &format!(
            "{BASE}  - id: a\n    company: B\n    role: C\n    start: 2026-11-18T14:00\n    timezone: UTC\n"
        ),
        &[("interviews[1].id", 7, 9, "duplicate id \"a\"")],
    );
    case(
        "interviews:\n  - id: a\n    role: AE\n    start: 2026-11-17T14:00\n    timezone: UTC\n",
        &[(
            "interviews[0].company",
            2,
            5,
            "missing required key `company`",
        )],
    );
    case(
        &format!("{BASE}    status: rejected\n"),
        &[("interviews[0].status_date", 7, 13, "needs `status_date`")],
    );
    case(
        &format!("{BASE}    reminders: [15x]\n"),
        &[("interviews[0].reminders[0]", 7, 17, "not a duration")],
    );
    case(
        &format!("{BASE}    weekend: [sat, sunday, funday]\n"),
        &[("interviews[0].weekend[2]", 7, 28, "unknown weekday")],
    );
    case(
        &format!("{BASE}    contact: emial\n"),
        &[("interviews[0].contact", 7, 14, "unknown contact channel")],
    );
    case(
        "candidate:\n  name: X\n",
        &[("interviews", 1, 1, "no `interviews`")],
    );
    case(
        &format!("{BASE}    status: rejectd\n    status_date: 2026-11-20\n"),
        &[("interviews[0].status", 7, 13, "unknown status")],
    );
    case(
        &format!("{BASE}    policy: {{ thank_you: {{ aftr: 1h }} }}\n"),
        &[("interviews[0].policy.thank_you.aftr", 7, 28, "unknown key")],
    );
}

#[test]
fn empty_file_is_an_error_and_empty_list_a_warning() {
    let (m, d) = run("");
    assert!(m.is_none());
    assert!(d[0].is_error());
    let (m, d) = run("interviews: []\n");
    assert_eq!(m.unwrap().interviews.len(), 0);
    assert_eq!(d.len(), 1);
    assert!(!d[0].is_error());
}

#[test]
fn merging_replaces_lists_and_merges_policy_key_by_key() {
    let text = "defaults:\n  timezone: Europe/Berlin\n  weekend: [fri, sat]\n  holidays: [2026-12-24]\n  send_at: \"09:30\"\n  policy:\n    thank_you: { after: 1h }\n    max_follow_ups: 3\n    move_on: false\ninterviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    holidays: [2026-12-31]\n    policy:\n      thank_you: { within: 48h }\n      move_on: { after: 2bd }\n  - id: b\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n";
    let (m, d) = run(text);
    assert!(d.is_empty(), "{d:?}");
    let m = m.unwrap();
    let a = &m.interviews[0].rules;
    assert_eq!(a.policy.thank_you_after, Duration::Minutes(60));
    assert_eq!(a.policy.thank_you_within, Duration::Minutes(48 * 60));
    assert_eq!(a.policy.max_follow_ups, 3);
    assert_eq!(a.policy.move_on_after, Some(Duration::BusinessDays(2)));
    assert_eq!(a.send_at, Time::constant(9, 30, 0, 0));
    assert!(
        a.calendar
            .holiday(jiff::civil::date(2026, 12, 31))
            .is_some()
    );
    assert!(
        a.calendar
            .holiday(jiff::civil::date(2026, 12, 24))
            .is_none()
    );
    assert!(!a.calendar.is_business_day(jiff::civil::date(2026, 11, 20)));
    let b = &m.interviews[1].rules;
    assert_eq!(b.policy.move_on_after, None);
    assert_eq!(b.policy.thank_you_within, Duration::Minutes(24 * 60));
    assert!(
        b.calendar
            .holiday(jiff::civil::date(2026, 12, 24))
            .is_some()
    );
    assert_eq!(m.interviews[1].zone.name, "Europe/Berlin");
}

#[test]
fn yaml_1_2_no_is_text_and_unquoted_clock_is_text() {
    let (m, d) = run(&format!(
        "{BASE}    send_at: 10:30\n    topics: [no, yes]\n"
    ));
    assert!(d.is_empty(), "{d:?}");
    let iv = &m.unwrap().interviews[0];
    assert_eq!(iv.rules.send_at, Time::constant(10, 30, 0, 0));
    assert_eq!(iv.topics, vec!["no".to_string(), "yes".to_string()]);
}

/// A list long enough to be checked in several pieces on several cores
/// gives the diagnostics one pass would: every problem, with its own
/// path and line, in reading order, duplicates found across pieces, and
/// the same on one thread as on four.
#[test]
fn a_long_list_checked_in_pieces_reports_as_one_pass_would() {
    let n = VALIDATE_CHUNK * 2 + 50;
    let mut text = String::from("interviews:\n");
    for i in 0..n {
        // Entry i starts on line 2 + 5 * i.
        let id = if i == n - 1 {
            "iv5".to_owned()
        } else {
            format!("iv{i}")
        };
        let zone = if i == 3 || i == VALIDATE_CHUNK + 1 {
            "Mars/Olympus"
        } else {
            "UTC"
        };
        let start = if i == VALIDATE_CHUNK * 2 {
            "2026-02-30T09:00"
        } else {
            "2026-11-17T14:00"
        };
        text.push_str(&format!(
            "  - id: {id}\n    company: C{i}\n    role: R\n    start: {start}\n    timezone: {zone}\n"
        ));
    }
    let line = |i: usize| 2 + 5 * i as u32;
    let want = [
        ("interviews[3].timezone".to_owned(), line(3) + 4),
        (
            format!("interviews[{}].timezone", VALIDATE_CHUNK + 1),
            line(VALIDATE_CHUNK + 1) + 4,
        ),
        (
            format!("interviews[{}].start", VALIDATE_CHUNK * 2),
            line(VALIDATE_CHUNK * 2) + 3,
        ),
        (format!("interviews[{}].id", n - 1), line(n - 1)),
    ];
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| run(&text))
    };
    let (m, d) = on(4);
    assert!(m.is_none());
    let got: Vec<(String, u32)> = d
        .iter()
        .map(|d| (d.path.clone(), d.pos.unwrap_or_default().line))
        .collect();
    assert_eq!(got, want, "{d:#?}");
    assert!(
        d[3].message
            .contains(&format!("line {} already uses it", line(5))),
        "{:?}",
        d[3]
    );
    let (_, one) = on(1);
    let render = |d: &[Diagnostic]| format!("{d:?}");
    assert_eq!(render(&one), render(&d));
}

/// Every key of SPEC §8 and §9 reaches the model, merged where it merges.
#[test]
fn the_v2_keys_are_resolved() {
    use crate::model::kinds::{Language, StepKind, Tone};
    use jiff::civil::date;
    let text = "candidate:\n  name: Beth\n  signature: |\n    Beth Carter\n    +1 555 0100\n  awake: \"07:30-22:00\"\ndefaults:\n  timezone: America/New_York\n  language: de\n  tone: formal\n  policy: { offer: { thanks_after: 2bd } }\ninterviews:\n  - id: a\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    interviewers:\n      - { name: Mark Lee, greeting: Herr Lee, topics: pipeline }\n      - Ann\n    done:\n      - { step: thank-you, to: \" mark lee \", on: 2026-11-18 }\n      - { step: check-in, on: 2026-11-30 }\n    heard_back: 2026-12-02\n    mention: the CRM story\n    tone: warm\n    status: offer\n    status_date: 2026-12-10\n    offer: { received: 2026-12-10, deadline: 2026-12-17 }\n    competing_offer: { company: Globex, received: 2026-11-24, prefer: true }\n    policy: { offer: { decide_before: 2bd } }\n  - id: b\n    company: B\n    role: R\n    start: 2026-11-18T09:00\n    language: nl\n";
    let (m, d) = run(text);
    assert!(d.is_empty(), "{d:#?}");
    let m = m.unwrap();
    assert_eq!(
        m.candidate.signature.as_deref(),
        Some("Beth Carter\n+1 555 0100\n")
    );
    assert_eq!(m.candidate.awake.open, Time::constant(7, 30, 0, 0));
    assert_eq!(m.candidate.awake.close, Time::constant(22, 0, 0, 0));
    let a = &m.interviews[0];
    assert_eq!((a.language, a.tone), (Language::De, Tone::Warm));
    assert_eq!(a.interviewers[0].greeting.as_deref(), Some("Herr Lee"));
    assert_eq!(a.interviewers[0].topics, vec!["pipeline".to_string()]);
    assert!(a.interviewers[1].topics.is_empty());
    assert_eq!(a.done.len(), 2);
    assert_eq!(a.done[0].step, StepKind::ThankYou);
    assert_eq!(a.done[0].to.as_deref(), Some(" mark lee "));
    assert_eq!(a.done[0].on, date(2026, 11, 18));
    assert_eq!((a.done[0].span.pos.line, a.done[0].span.pos.col), (21, 17));
    assert_eq!((a.done[1].step, a.done[1].index), (StepKind::CheckIn, 1));
    assert_eq!(a.heard_back, Some(date(2026, 12, 2)));
    assert_eq!(a.mention.as_deref(), Some("the CRM story"));
    assert_eq!(a.status, Status::Offer);
    let offer = a.offer.unwrap();
    assert_eq!(
        (offer.received, offer.deadline),
        (date(2026, 12, 10), Some(date(2026, 12, 17)))
    );
    assert!(a.competing_offer.as_ref().unwrap().prefer);
    // policy.offer merges key by key: defaults' thanks_after, own decide_before.
    assert_eq!(a.rules.policy.offer_thanks_after, Duration::BusinessDays(2));
    assert_eq!(
        a.rules.policy.offer_decide_before,
        Duration::BusinessDays(2)
    );
    let b = &m.interviews[1];
    assert_eq!((b.language, b.tone), (Language::Nl, Tone::Formal));
    assert_eq!(b.rules.policy.offer_thanks_after, Duration::BusinessDays(2));
    assert_eq!(
        b.rules.policy.offer_decide_before,
        Duration::BusinessDays(1)
    );
    assert!(b.done.is_empty() && b.heard_back.is_none() && b.offer.is_none());
}

#[test]
fn v2_defaults_when_nothing_is_said() {
    use crate::model::kinds::{Language, Tone};
    let (m, d) = run(BASE);
    assert!(d.is_empty(), "{d:?}");
    let m = m.unwrap();
    assert_eq!(m.candidate.awake, crate::model::Candidate::AWAKE);
    assert_eq!(m.candidate.signature, None);
    let iv = &m.interviews[0];
    assert_eq!((iv.language, iv.tone), (Language::En, Tone::Warm));
    assert_eq!(
        iv.rules.policy.offer_thanks_after,
        Duration::BusinessDays(1)
    );
    assert_eq!(
        iv.rules.policy.offer_decide_before,
        Duration::BusinessDays(1)
    );
}

/// SPEC §8/§9 validation, each problem at its value with its fix (the
/// hint's text is checked where it carries the suggestion).
#[test]
fn bad_v2_keys_are_reported_with_locations() {
    let with = |extra: &str| format!("{BASE}    interviewers: [Mark Lee, Ann]\n{extra}");
    // Line 8 is the first extra line.
    case(
        &with("    done: [{ step: thank-yuo, on: 2026-11-18 }]\n"),
        &[(
            "interviews[0].done[0].step",
            8,
            20,
            "unknown step \"thank-yuo\"",
        )],
    );
    case(
        &with("    done: [{ step: interview, on: 2026-11-17 }]\n"),
        &[("interviews[0].done[0].step", 8, 20, "cannot be marked done")],
    );
    case(
        &with("    done: [{ step: thank-you, to: Mark Le, on: 2026-11-18 }]\n"),
        &[(
            "interviews[0].done[0].to",
            8,
            35,
            "not one of this interview's interviewers",
        )],
    );
    case(
        &with("    done: [{ step: thank-you, on: 2026-11-16 }]\n"),
        &[(
            "interviews[0].done[0].on",
            8,
            35,
            "before the interview (2026-11-17)",
        )],
    );
    case(
        &with("    done: [{ step: check-in, on: 2201-01-01 }]\n"),
        &[(
            "interviews[0].done[0].on",
            8,
            34,
            "outside the years 1970-2200 followup handles",
        )],
    );
    case(
        &with("    done: [{ step: check-in }]\n"),
        &[(
            "interviews[0].done[0].on",
            8,
            12,
            "missing required key `on`",
        )],
    );
    case(
        &with("    done: [{ step: check-in, on: 2026-11-30, when: x }]\n"),
        &[("interviews[0].done[0].when", 8, 46, "unknown key \"when\"")],
    );
    case(
        &with("    heard_back: 1969-12-31\n"),
        &[(
            "interviews[0].heard_back",
            8,
            17,
            "outside the years 1970-2200 followup handles",
        )],
    );
    case(
        &with("    heard_back: 2026-11-01\n"),
        &[("interviews[0].heard_back", 8, 17, "before the interview")],
    );
    case(
        &with("    offer: { received: 2026-12-10 }\n"),
        &[("interviews[0].offer", 8, 5, "the status is `waiting`")],
    );
    case(
        &with(
            "    status: offer\n    status_date: 2026-12-10\n    offer: { received: 1900-12-10 }\n",
        ),
        &[("interviews[0].offer.received", 10, 24, "outside the years")],
    );
    case(
        &with(
            "    status: offer\n    status_date: 2026-12-10\n    offer: { received: 2026-12-10, deadline: 2026-12-09 }\n",
        ),
        &[(
            "interviews[0].offer.deadline",
            10,
            46,
            "before it was received",
        )],
    );
    case(
        &with("    language: dutch\n    tone: formel\n"),
        &[
            (
                "interviews[0].language",
                8,
                15,
                "unknown language \"dutch\"",
            ),
            ("interviews[0].tone", 9, 11, "unknown tone \"formel\""),
        ],
    );
    case(
        "candidate:\n  awake: \"22:00-07:00\"\n  signatur: x\ninterviews: []\n",
        &[
            (
                "candidate.awake",
                2,
                10,
                "awake hours \"22:00-07:00\" end before they start",
            ),
            ("candidate.signatur", 3, 3, "unknown key \"signatur\""),
        ],
    );
    case(
        &with(
            "    heard_bak: 2026-12-02\n    competing_offer: { company: G, received: 2026-11-20, prefr: true }\n    policy: { offer: { thanks_afterr: 2bd, decide_before: 2h } }\n",
        ),
        &[
            ("interviews[0].heard_bak", 8, 5, "unknown key"),
            ("interviews[0].competing_offer.prefr", 9, 58, "unknown key"),
            (
                "interviews[0].policy.offer.thanks_afterr",
                10,
                24,
                "unknown key",
            ),
            (
                "interviews[0].policy.offer.decide_before",
                10,
                59,
                "needs whole days",
            ),
        ],
    );
}

/// The suggestions and choices SPEC §8 asks for.
#[test]
fn v2_hints_suggest_names_steps_and_choices() {
    let hint = |text: &str| -> String {
        let (_, d) = run(text);
        d.iter()
            .find(|d| d.is_error())
            .and_then(|d| d.hint.clone())
            .unwrap_or_default()
    };
    let with = |extra: &str| format!("{BASE}    interviewers: [Mark Lee, Ann Wu]\n{extra}");
    assert_eq!(
        hint(&with("    done: [{ step: chek-in, on: 2026-11-30 }]\n")),
        "did you mean \"check-in\"?"
    );
    assert_eq!(
        hint(&with(
            "    done: [{ step: thank-you, to: Mark Le, on: 2026-11-18 }]\n"
        )),
        "did you mean \"Mark Lee\"?"
    );
    assert_eq!(
        hint(&with(
            "    done: [{ step: thank-you, to: Zed, on: 2026-11-18 }]\n"
        )),
        "the interviewers are: Mark Lee, Ann Wu"
    );
    assert_eq!(
        hint(&format!(
            "{BASE}    done: [{{ step: thank-you, to: Zed, on: 2026-11-18 }}]\n"
        )),
        "this interview lists no `interviewers`: drop `to`, or add them"
    );
    assert_eq!(
        hint(&with("    language: dee\n")),
        "did you mean \"de\"? The choices are en, de, fr, es, nl"
    );
    assert_eq!(
        hint(&with("    tone: friendly\n")),
        "the choices are warm, formal"
    );
    assert_eq!(
        hint(&with("    heard_bak: 2026-12-02\n")),
        "did you mean \"heard_back\"?"
    );
    assert!(hint(&with("    offer: { received: 2026-12-10 }\n")).contains("set `status: offer`"),);
}

#[test]
fn at_most_one_accepted_interview() {
    let iv = |id: &str, line_status: &str| {
        format!(
            "  - id: {id}\n    company: C\n    role: R\n    start: 2026-11-17T14:00\n    timezone: UTC\n{line_status}"
        )
    };
    let accepted = "    status: accepted\n    status_date: 2026-12-01\n";
    let text = format!(
        "interviews:\n{}{}{}",
        iv("a", accepted),
        iv("b", ""),
        iv("c", accepted)
    );
    case(
        &text,
        &[(
            "interviews[2].status",
            19,
            13,
            "two interviews are `accepted`: \"a\" (line 7) and \"c\"",
        )],
    );
    let (_, d) = run(&text);
    assert_eq!(
        d[0].hint.as_deref(),
        Some("set the older one to `status: withdrawn`")
    );
    // One is fine, and `status: offer` without `offer:` too.
    let ok = format!(
        "interviews:\n{}{}",
        iv("a", accepted),
        iv("b", "    status: offer\n    status_date: 2026-12-01\n")
    );
    let (m, d) = run(&ok);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(m.unwrap().interviews[0].status, Status::Accepted);
}
