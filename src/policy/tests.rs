//! The policy against SPEC §4/§4.1, one table row per rule or override.
use super::*;
use crate::model::validate::{DatesOnly, validate};
use crate::model::yaml;

/// Each step as `step recipient local-start [cancelled]`, in plan order
/// (start instant, step id, recipient, interview).
fn steps(text: &str) -> Vec<String> {
    let root = yaml::parse(text).unwrap();
    let (model, diags) = validate(root.as_ref(), &DatesOnly);
    let model = model.unwrap_or_else(|| panic!("{diags:#?}"));
    let (mut steps, _) = plan(&model).unwrap();
    steps.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.kind.id().cmp(b.kind.id()))
            .then(a.recipient.cmp(&b.recipient))
    });
    steps
        .iter()
        .map(|s| {
            let iv = &model.interviews[s.interview];
            let who = s
                .recipient
                .map(|r| iv.interviewers[r].name.clone())
                .unwrap_or_else(|| "-".into());
            let local = s.start.to_zoned(iv.zone.tz.clone());
            let mut line = format!(
                "{} {} {} {}",
                iv.id,
                s.kind.id(),
                who,
                local.strftime("%Y-%m-%dT%H:%M%:z")
            );
            if s.status == StepStatus::Cancelled {
                line.push_str(" cancelled");
            }
            line
        })
        .collect()
}

fn doc(defaults: &str, interviews: &str) -> String {
    format!("defaults:\n  timezone: America/New_York\n{defaults}interviews:\n{interviews}")
}

#[track_caller]
fn case(text: &str, want: &[&str]) {
    let got = steps(text);
    assert_eq!(got, want, "\n{}", got.join("\n"));
}

#[test]
fn spec_example_thank_you_next_morning() {
    case(
        &doc(
            "",
            "  - id: acme\n    company: Acme\n    role: AE\n    start: 2026-11-17T14:00\n    end: 2026-11-17T15:00\n    interviewers: [{ name: Mark Lee }]\n",
        ),
        &[
            "acme interview - 2026-11-17T14:00-05:00",
            "acme thank-you Mark Lee 2026-11-18T09:00-05:00",
            // 5bd after Wed 18 Nov: 25 Nov; follow-up 5bd later: 2 Dec.
            "acme check-in Mark Lee 2026-11-25T10:00-05:00",
            "acme follow-up Mark Lee 2026-12-02T10:00-05:00",
            "acme move-on Mark Lee 2026-12-09T10:00-05:00",
        ],
    );
}

#[test]
fn thank_you_in_working_hours_goes_at_t0() {
    case(
        &doc(
            "  policy: { interview_event: false, max_follow_ups: 0, move_on: false }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T09:00\n",
        ),
        // Ends 10:00, t0 = 12:00 inside the window.
        &["a thank-you - 2026-11-17T12:00-05:00"],
    );
}

#[test]
fn thank_you_falls_back_to_t0_when_the_window_opens_too_late() {
    // Friday 16:00–17:00; t0 = 19:00 Fri; next window Monday 09:00 is past
    // Sat 17:00 (end + 24h): send at t0.
    case(
        &doc(
            "  policy: { interview_event: false, max_follow_ups: 0, move_on: false }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-20T16:00\n",
        ),
        &["a thank-you - 2026-11-20T19:00-05:00"],
    );
    // t1 exactly at the due time still counts: ends 09:00, after 0m, within 0m.
    case(
        &doc(
            "  policy: { interview_event: false, max_follow_ups: 0, move_on: false, thank_you: { after: 0m, within: 0m } }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T08:00\n",
        ),
        &["a thank-you - 2026-11-17T09:00-05:00"],
    );
}

#[test]
fn thank_you_same_day_window_when_t0_is_before_opening() {
    // Night interview 04:00–05:00, t0 07:00 before opening: 09:00 same day.
    case(
        &doc(
            "  policy: { interview_event: false, max_follow_ups: 0, move_on: false }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T04:00\n",
        ),
        &["a thank-you - 2026-11-17T09:00-05:00"],
    );
}

#[test]
fn check_in_after_decision_skips_holiday_and_weekend() {
    case(
        &doc(
            "  holidays: [2026-11-26, 2026-11-27]\n  policy: { interview_event: false, move_on: false }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n    decision_by: 2026-11-25\n",
        ),
        &[
            "a thank-you - 2026-11-18T09:00-05:00",
            "a check-in - 2026-11-30T10:00-05:00",
            "a follow-up - 2026-12-07T10:00-05:00",
        ],
    );
}

#[test]
fn custom_weekend_and_send_at() {
    // Dubai: Sat–Sun weekend since 2022, but use Fri–Sat to test.
    case(
        "defaults:\n  timezone: Asia/Dubai\n  weekend: [fri, sat]\n  send_at: \"08:30\"\n  policy: { interview_event: false, max_follow_ups: 1 }\ninterviews:\n  - id: a\n    company: A\n    role: R\n    start: 2026-11-19T15:00\n    decision_by: 2026-11-19\n",
        &[
            // Ends Thu 16:00, t0 18:00; next window Sun 09:00 is past Fri 16:00 due.
            "a thank-you - 2026-11-19T18:00+04:00",
            "a check-in - 2026-11-22T08:30+04:00",
            "a move-on - 2026-11-29T08:30+04:00",
        ],
    );
}

#[test]
fn max_follow_ups_counts_the_check_in() {
    let base = "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n";
    let one = steps(&doc(
        "  policy: { interview_event: false, max_follow_ups: 1, move_on: false }\n",
        base,
    ));
    assert_eq!(one.len(), 2);
    let three = steps(&doc(
        "  policy: { interview_event: false, max_follow_ups: 3, follow_up: { gap: 2bd } }\n",
        base,
    ));
    assert_eq!(
        three,
        [
            "a thank-you - 2026-11-18T09:00-05:00",
            "a check-in - 2026-11-25T10:00-05:00",
            "a follow-up - 2026-11-27T10:00-05:00",
            "a follow-up - 2026-12-01T10:00-05:00",
            "a move-on - 2026-12-08T10:00-05:00",
        ]
    );
    // 0: neither; move-on counts from the thank-you.
    case(
        &doc(
            "  policy: { interview_event: false, max_follow_ups: 0 }\n",
            base,
        ),
        &[
            "a thank-you - 2026-11-18T09:00-05:00",
            "a move-on - 2026-11-25T10:00-05:00",
        ],
    );
}

#[test]
fn rejection_cancels_later_steps_and_adds_feedback() {
    case(
        &doc(
            "",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n    interviewers: [Ann, Bo]\n    status: rejected\n    status_date: 2026-11-17\n",
        ),
        &[
            "a interview - 2026-11-17T14:00-05:00",
            "a thank-you Ann 2026-11-18T09:00-05:00 cancelled",
            "a thank-you Bo 2026-11-18T09:00-05:00 cancelled",
            "a feedback Ann 2026-11-18T10:00-05:00",
            "a check-in Ann 2026-11-25T10:00-05:00 cancelled",
            "a follow-up Ann 2026-12-02T10:00-05:00 cancelled",
            "a move-on Ann 2026-12-09T10:00-05:00 cancelled",
        ],
    );
}

#[test]
fn offer_has_no_competing_offer_step_and_waiting_does() {
    let iv = "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n    competing_offer: { company: Globex, received: 2026-11-20, deadline: 2026-12-01 }\n";
    let got = steps(&doc(
        "  policy: { interview_event: false, max_follow_ups: 0, move_on: false }\n",
        iv,
    ));
    assert_eq!(
        got,
        [
            "a thank-you - 2026-11-18T09:00-05:00",
            "a competing-offer - 2026-11-23T10:00-05:00"
        ]
    );
    let offer = format!("{iv}    status: offer\n    status_date: 2026-11-19\n");
    let got = steps(&doc(
        "  policy: { interview_event: false, max_follow_ups: 0, move_on: false }\n",
        &offer,
    ));
    assert_eq!(got, ["a thank-you - 2026-11-18T09:00-05:00"]);
}

#[test]
fn later_round_cancels_earlier_nudges_after_its_start() {
    case(
        &doc(
            "  policy: { interview_event: false, max_follow_ups: 1 }\n",
            "  - id: r2\n    company: A\n    role: R\n    process: p\n    start: 2026-11-24T09:30\n  - id: r1\n    company: A\n    role: R\n    process: p\n    start: 2026-11-17T14:00\n",
        ),
        &[
            "r1 thank-you - 2026-11-18T09:00-05:00",
            "r2 thank-you - 2026-11-24T12:30-05:00",
            "r1 check-in - 2026-11-25T10:00-05:00 cancelled",
            "r2 check-in - 2026-12-01T10:00-05:00",
            "r1 move-on - 2026-12-02T10:00-05:00 cancelled",
            "r2 move-on - 2026-12-08T10:00-05:00",
        ],
    );
}

#[test]
fn dst_gap_moves_send_at_forward_and_fold_takes_first() {
    // send_at 02:30 on spring-forward Sunday... use an all-days calendar.
    case(
        "defaults:\n  timezone: America/New_York\n  weekend: []\n  send_at: \"02:30\"\n  policy: { interview_event: false, max_follow_ups: 1, move_on: false }\ninterviews:\n  - id: a\n    company: A\n    role: R\n    start: 2027-03-12T14:00\n    decision_by: 2027-03-13\n",
        &[
            "a thank-you - 2027-03-13T09:00-05:00",
            "a check-in - 2027-03-14T03:30-04:00",
        ],
    );
    case(
        "defaults:\n  timezone: America/New_York\n  weekend: []\n  send_at: \"01:30\"\n  policy: { interview_event: false, max_follow_ups: 1, move_on: false }\ninterviews:\n  - id: a\n    company: A\n    role: R\n    start: 2026-10-30T14:00\n    decision_by: 2026-10-31\n",
        &[
            "a thank-you - 2026-10-31T09:00-04:00",
            "a check-in - 2026-11-01T01:30-04:00",
        ],
    );
}

#[test]
fn lord_howe_half_hour_dst_and_dublin() {
    // Lord Howe gap 2026-10-04 02:00→02:30: send_at 02:15 reads as 02:45 +11.
    case(
        "defaults:\n  timezone: Australia/Lord_Howe\n  weekend: []\n  send_at: \"02:15\"\n  policy: { interview_event: false, max_follow_ups: 1, move_on: false }\ninterviews:\n  - id: a\n    company: A\n    role: R\n    start: 2026-10-02T10:00\n    decision_by: 2026-10-03\n",
        &[
            "a thank-you - 2026-10-02T13:00+10:30",
            "a check-in - 2026-10-04T02:45+11:00",
        ],
    );
    // Dublin fold 2026-10-25 01:00–02:00: first occurrence is IST (+01:00).
    case(
        "defaults:\n  timezone: Europe/Dublin\n  weekend: []\n  send_at: \"01:30\"\n  policy: { interview_event: false, max_follow_ups: 1, move_on: false }\ninterviews:\n  - id: a\n    company: A\n    role: R\n    start: 2026-10-23T10:00\n    decision_by: 2026-10-24\n",
        &[
            "a thank-you - 2026-10-23T13:00+01:00",
            "a check-in - 2026-10-25T01:30+01:00",
        ],
    );
}

#[test]
fn competing_offer_on_deadline_warns() {
    let text = doc(
        "  policy: { interview_event: false, max_follow_ups: 0, move_on: false }\n",
        "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n    competing_offer: { company: Globex, received: 2026-11-20, deadline: 2026-11-23 }\n",
    );
    let root = yaml::parse(&text).unwrap();
    let (model, _) = validate(root.as_ref(), &DatesOnly);
    let (_, warnings) = plan(&model.unwrap()).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("2026-11-23"),
        "{:?}",
        warnings[0]
    );
}

#[test]
fn year_end_and_thank_you_in_bd() {
    case(
        &doc(
            "  holidays: [2026-12-25, 2027-01-01]\n  policy: { interview_event: false, max_follow_ups: 1, move_on: false, thank_you: { after: 1bd, within: 2bd } }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-12-24T11:00\n",
        ),
        &[
            // end Thu 24 Dec 12:00 + 1bd = Mon 28 Dec 12:00 (in hours).
            "a thank-you - 2026-12-28T12:00-05:00",
            // 5bd after Mon 28 Dec skipping New Year's Day: Tue 5 Jan.
            "a check-in - 2027-01-05T10:00-05:00",
        ],
    );
}

#[test]
fn move_on_counts_from_the_latest_start_even_before_the_thank_you() {
    // A decision date before the interview puts the check-in first; move-on
    // counts from the thank-you, the latest start.
    case(
        &doc(
            "  policy: { interview_event: false, max_follow_ups: 1 }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n    decision_by: 2026-11-10\n",
        ),
        &[
            "a check-in - 2026-11-11T10:00-05:00",
            "a thank-you - 2026-11-18T09:00-05:00",
            "a move-on - 2026-11-25T10:00-05:00",
        ],
    );
}

#[test]
fn status_date_with_waiting_is_ignored_and_generic_thank_you() {
    case(
        &doc(
            "  policy: { interview_event: true, max_follow_ups: 1, move_on: false }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n    status_date: 2026-11-01\n",
        ),
        &[
            "a interview - 2026-11-17T14:00-05:00",
            "a thank-you - 2026-11-18T09:00-05:00",
            "a check-in - 2026-11-25T10:00-05:00",
        ],
    );
}

#[test]
fn withdrawn_cancels_the_interview_step_too() {
    case(
        &doc(
            "  policy: { max_follow_ups: 0, move_on: false }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n    interviewers: [Ann]\n    status: withdrawn\n    status_date: 2026-11-16\n",
        ),
        &[
            "a interview - 2026-11-17T14:00-05:00 cancelled",
            "a thank-you Ann 2026-11-18T09:00-05:00 cancelled",
        ],
    );
}
