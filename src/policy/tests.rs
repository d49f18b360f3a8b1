//! The policy against SPEC §4/§4.1, one table row per rule or override.
use super::*;
use crate::model::validate::{DatesOnly, validate};
use crate::model::yaml;

/// Each step as `step recipient local-start [cancelled]`, in plan order
/// (start instant, step id, recipient, interview).
fn steps(text: &str) -> Vec<String> {
    let root = yaml::parse(text).unwrap();
    let (model, diags) = validate(root, &DatesOnly);
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
            match s.status {
                StepStatus::Cancelled => line.push_str(" cancelled"),
                StepStatus::Done(d) => line.push_str(&format!(" done {d}")),
                StepStatus::Planned => {}
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
    // SPEC §8: status `offer` without `offer:` thanks them the business day
    // after `status_date`, and status `offer` never cancels it.
    assert_eq!(
        got,
        [
            "a thank-you - 2026-11-18T09:00-05:00",
            "a offer-thanks - 2026-11-20T10:00-05:00"
        ]
    );
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
    let (model, _) = validate(root, &DatesOnly);
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

// ---- SPEC §8: what happened ----------------------------------------------

/// The plan's errors (a `done` entry that marks nothing) as `path line:col
/// message | hint`.
fn plan_errors(text: &str) -> Vec<String> {
    let root = yaml::parse(text).unwrap();
    let (model, diags) = validate(root, &DatesOnly);
    let model = model.unwrap_or_else(|| panic!("{diags:#?}"));
    match plan(&model) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| {
                let p = e.pos.unwrap_or_default();
                format!(
                    "{} {}:{} {} | {}",
                    e.path,
                    p.line,
                    p.col,
                    e.message,
                    e.hint.as_deref().unwrap_or("")
                )
            })
            .collect(),
    }
}

/// Interview `a` at Acme, Tue 17 Nov 14:00-15:00 New York, with `more`.
fn acme(more: &str) -> String {
    doc(
        "  policy: { interview_event: false }\n",
        &format!("  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n{more}"),
    )
}

#[test]
fn done_steps_keep_their_time_and_later_nudges_count_from_the_done_dates() {
    // Every thank-you done on Fri 20 Nov (planned Wed 18): the check-in
    // counts 5bd from the 20th, the follow-up and move-on from there.
    case(
        &acme("    interviewers: [Ann, Bo]\n    done: [{ step: thank-you, on: 2026-11-20 }]\n"),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00 done 2026-11-20",
            "a thank-you Bo 2026-11-18T09:00-05:00 done 2026-11-20",
            "a check-in Ann 2026-11-27T10:00-05:00",
            "a follow-up Ann 2026-12-04T10:00-05:00",
            "a move-on Ann 2026-12-11T10:00-05:00",
        ],
    );
    // Only Ann's done (late): not every thank-you is, so the check-in keeps
    // counting from the planned date.
    case(
        &acme(
            "    interviewers: [Ann, Bo]\n    done: [{ step: thank-you, to: ann, on: 2026-11-20 }]\n",
        ),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00 done 2026-11-20",
            "a thank-you Bo 2026-11-18T09:00-05:00",
            "a check-in Ann 2026-11-25T10:00-05:00",
            "a follow-up Ann 2026-12-02T10:00-05:00",
            "a move-on Ann 2026-12-09T10:00-05:00",
        ],
    );
    // Both done on different days: the latest counts (Mon 23 → Mon 30).
    case(
        &acme(
            "    interviewers: [Ann, Bo]\n    policy: { max_follow_ups: 1, move_on: false }\n    done:\n      - { step: thank-you, to: Bo, on: 2026-11-23 }\n      - { step: thank-you, to: Ann, on: 2026-11-18 }\n",
        ),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00 done 2026-11-18",
            "a thank-you Bo 2026-11-18T09:00-05:00 done 2026-11-23",
            "a check-in Ann 2026-11-30T10:00-05:00",
        ],
    );
    // The check-in sent late (Tue 1 Dec, planned Wed 25 Nov) stays where it
    // was; the follow-up counts from the 1st, move-on from the follow-up's
    // done date (Thu 10 Dec → Thu 17 Dec).
    case(
        &acme(
            "    interviewers: [Ann]\n    done:\n      - { step: follow-up, on: 2026-12-10 }\n      - { step: check-in, on: 2026-12-01 }\n",
        ),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00",
            "a check-in Ann 2026-11-25T10:00-05:00 done 2026-12-01",
            "a follow-up Ann 2026-12-08T10:00-05:00 done 2026-12-10",
            "a move-on Ann 2026-12-17T10:00-05:00",
        ],
    );
    // With a decision date the check-in follows it, whatever the
    // thank-you's done date.
    case(
        &acme(
            "    decision_by: 2026-11-27\n    policy: { max_follow_ups: 1, move_on: false }\n    done: [{ step: thank-you, on: 2026-11-24 }]\n",
        ),
        &[
            "a thank-you - 2026-11-18T09:00-05:00 done 2026-11-24",
            "a check-in - 2026-11-30T10:00-05:00",
        ],
    );
}

#[test]
fn follow_up_entries_mark_the_earliest_follow_up_in_order_of_on() {
    // Written out of order: Thu 3 Dec marks the first follow-up (planned
    // Wed 2 Dec), Wed 9 Dec the second (5bd after the 3rd: Thu 10 Dec).
    case(
        &acme(
            "    interviewers: [Ann]\n    policy: { max_follow_ups: 3 }\n    done:\n      - { step: follow-up, on: 2026-12-09 }\n      - { step: check-in, on: 2026-11-25 }\n      - { step: follow-up, on: 2026-12-03 }\n",
        ),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00",
            "a check-in Ann 2026-11-25T10:00-05:00 done 2026-11-25",
            "a follow-up Ann 2026-12-02T10:00-05:00 done 2026-12-03",
            "a follow-up Ann 2026-12-10T10:00-05:00 done 2026-12-09",
            "a move-on Ann 2026-12-16T10:00-05:00",
        ],
    );
}

#[test]
fn done_wins_over_cancelled() {
    // Rejected on Fri 20 Nov: the check-in after it is cancelled unless it
    // was done; the feedback request comes either way.
    case(
        &acme(
            "    interviewers: [Ann]\n    policy: { max_follow_ups: 2, move_on: false }\n    status: rejected\n    status_date: 2026-11-20\n    done: [{ step: check-in, on: 2026-11-19 }]\n",
        ),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00",
            "a feedback Ann 2026-11-23T10:00-05:00",
            "a check-in Ann 2026-11-25T10:00-05:00 done 2026-11-19",
            "a follow-up Ann 2026-11-26T10:00-05:00 cancelled",
        ],
    );
}

#[test]
fn heard_back_restarts_the_nudges() {
    // First cycle: check-in Wed 25 Nov, follow-up Wed 2 Dec, move-on Wed 9
    // Dec. They replied on Fri 27 Nov: the check-in (on or before it, not
    // done) is cancelled, the rest of the first cycle is gone, and a new
    // cycle counts 5bd from the 27th.
    case(
        &acme("    interviewers: [Ann]\n    heard_back: 2026-11-27\n"),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00",
            "a check-in Ann 2026-11-25T10:00-05:00 cancelled",
            "a check-in Ann 2026-12-04T10:00-05:00",
            "a follow-up Ann 2026-12-11T10:00-05:00",
            "a move-on Ann 2026-12-18T10:00-05:00",
        ],
    );
    // The check-in was sent (before the reply): it stays, done. A check-in
    // entry after the reply marks the new cycle's check-in, and the new
    // follow-up counts from its done date (Mon 7 Dec → Mon 14 Dec).
    case(
        &acme(
            "    interviewers: [Ann]\n    heard_back: 2026-11-27\n    done:\n      - { step: check-in, on: 2026-12-07 }\n      - { step: check-in, on: 2026-11-25 }\n",
        ),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00",
            "a check-in Ann 2026-11-25T10:00-05:00 done 2026-11-25",
            "a check-in Ann 2026-12-04T10:00-05:00 done 2026-12-07",
            "a follow-up Ann 2026-12-14T10:00-05:00",
            "a move-on Ann 2026-12-21T10:00-05:00",
        ],
    );
    // A decision date after the reply: the new check-in follows it (1bd
    // after Mon 7 Dec), as does the first cycle's, which is gone.
    case(
        &acme(
            "    decision_by: 2026-12-07\n    policy: { move_on: false }\n    heard_back: 2026-11-27\n",
        ),
        &[
            "a thank-you - 2026-11-18T09:00-05:00",
            "a check-in - 2026-12-08T10:00-05:00",
            "a follow-up - 2026-12-15T10:00-05:00",
        ],
    );
    // A follow-up done after the reply belongs to the new cycle even while
    // the old one's follow-up was never sent; max_follow_ups counts anew.
    case(
        &acme(
            "    policy: { max_follow_ups: 2, move_on: false }\n    heard_back: 2026-12-03\n    done:\n      - { step: follow-up, on: 2026-12-17 }\n      - { step: follow-up, on: 2026-12-01 }\n",
        ),
        &[
            "a thank-you - 2026-11-18T09:00-05:00",
            "a check-in - 2026-11-25T10:00-05:00 cancelled",
            "a follow-up - 2026-12-02T10:00-05:00 done 2026-12-01",
            "a check-in - 2026-12-10T10:00-05:00",
            "a follow-up - 2026-12-17T10:00-05:00 done 2026-12-17",
        ],
    );
}

#[test]
fn heard_back_never_reuses_a_uid_of_the_first_cycle() {
    let uids = |text: &str| -> Vec<(String, String, u32)> {
        let root = yaml::parse(text).unwrap();
        let (model, _) = validate(root, &DatesOnly);
        let (steps, _) = plan(&model.unwrap()).unwrap();
        steps
            .iter()
            .map(|s| (s.uid.clone(), s.kind.id().to_string(), s.cycle))
            .collect()
    };
    let first = uids(&acme(
        "    interviewers: [Ann]\n    policy: { max_follow_ups: 3 }\n",
    ));
    let both = uids(&acme(
        "    interviewers: [Ann]\n    policy: { max_follow_ups: 3 }\n    heard_back: 2026-11-27\n",
    ));
    let hash = format!("{:016x}", uid::fnv1a(b"Ann"));
    let second: Vec<&str> = both
        .iter()
        .filter(|(_, _, c)| *c == 2)
        .map(|(u, _, _)| u.as_str())
        .collect();
    assert_eq!(
        second,
        [
            format!("a.check-in.4.{hash}@followup"),
            format!("a.follow-up.5.{hash}@followup"),
            format!("a.follow-up.6.{hash}@followup"),
            format!("a.move-on.2.{hash}@followup"),
        ]
    );
    for u in &second {
        assert!(!first.iter().any(|(f, _, _)| f == u), "{u} reused");
    }
    let mut all: Vec<&str> = both.iter().map(|(u, _, _)| u.as_str()).collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), both.len(), "UIDs unique in the plan");
}

#[test]
fn offer_thanks_and_a_decision_before_a_deadline_on_the_monday_after_a_holiday() {
    // Offer received Thu 10 Dec, deadline Mon 28 Dec, Christmas Friday off:
    // thanks Fri 11 Dec, decision Thu 24 Dec. Status `offer` cancels the
    // nudges after 10 Dec but never the offer's steps.
    let offer = "    interviewers: [Ann]\n    decision_by: 2026-12-14\n    policy: { max_follow_ups: 1 }\n    offer: { received: 2026-12-10, deadline: 2026-12-28 }\n";
    let text = |status: &str| {
        doc(
            "  holidays: [2026-12-25]\n  policy: { interview_event: false }\n",
            &format!(
                "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n{offer}{status}"
            ),
        )
    };
    case(
        &text("    status: offer\n    status_date: 2026-12-10\n"),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00",
            "a offer-thanks Ann 2026-12-11T10:00-05:00",
            "a check-in Ann 2026-12-15T10:00-05:00 cancelled",
            "a move-on Ann 2026-12-22T10:00-05:00 cancelled",
            "a offer-decision Ann 2026-12-24T10:00-05:00",
        ],
    );
    // Accepted on Mon 14 Dec: the two steps exist and are cancelled after
    // that date like any step.
    case(
        &text(
            "    status: accepted\n    status_date: 2026-12-14\n    done: [{ step: offer-thanks, on: 2026-12-11 }]\n",
        ),
        &[
            "a thank-you Ann 2026-11-18T09:00-05:00",
            "a offer-thanks Ann 2026-12-11T10:00-05:00 done 2026-12-11",
            "a check-in Ann 2026-12-15T10:00-05:00 cancelled",
            "a move-on Ann 2026-12-22T10:00-05:00 cancelled",
            "a offer-decision Ann 2026-12-24T10:00-05:00 cancelled",
        ],
    );
    // `decide_before: 2bd` and `thanks_after: 0bd`; status `offer` without
    // `offer:` thanks them after `status_date` and plans no decision.
    case(
        &doc(
            "  holidays: [2026-12-25]\n  policy: { interview_event: false, max_follow_ups: 0, move_on: false, offer: { thanks_after: 0bd, decide_before: 2bd } }\n",
            "  - id: a\n    company: A\n    role: R\n    start: 2026-11-17T14:00\n    status: offer\n    status_date: 2026-12-12\n    offer: { received: 2026-12-12, deadline: 2026-12-28 }\n  - id: b\n    company: B\n    role: R\n    start: 2026-11-17T14:00\n    status: offer\n    status_date: 2026-12-12\n",
        ),
        &[
            "a thank-you - 2026-11-18T09:00-05:00",
            "b thank-you - 2026-11-18T09:00-05:00",
            "a offer-thanks - 2026-12-14T10:00-05:00",
            "b offer-thanks - 2026-12-14T10:00-05:00",
            "a offer-decision - 2026-12-23T10:00-05:00",
        ],
    );
}

#[test]
fn accepting_an_offer_withdraws_from_the_other_interviews() {
    // `a` (New York) accepted on Thu 3 Dec. `b` (Berlin, waiting) withdraws
    // on Fri 4 Dec at its 10:00; `c` (Dubai, Fri-Sat weekend, status offer)
    // on Sun 6 Dec at its 08:30. Their steps after 3 Dec are cancelled,
    // done steps and the withdraw step excepted; `b`'s competing-offer step
    // is gone. `d` is a later round of `a`'s process and `e` was rejected:
    // neither withdraws.
    case(
        "defaults:\n  timezone: America/New_York\n  policy: { interview_event: false, max_follow_ups: 1, move_on: false }\ninterviews:\n  - id: a\n    company: A\n    role: R\n    process: acme\n    start: 2026-11-17T14:00\n    status: accepted\n    status_date: 2026-12-03\n  - id: b\n    company: B\n    role: R\n    start: 2026-11-19T10:00\n    timezone: Europe/Berlin\n    interviewers: [Jonas]\n    policy: { max_follow_ups: 2 }\n    competing_offer: { company: G, received: 2026-12-01 }\n    done: [{ step: thank-you, on: 2026-11-20 }]\n  - id: c\n    company: C\n    role: R\n    start: 2026-11-23T10:00\n    timezone: Asia/Dubai\n    weekend: [fri, sat]\n    send_at: \"08:30\"\n    status: offer\n    status_date: 2026-11-30\n    offer: { received: 2026-11-30, deadline: 2026-12-10 }\n  - id: d\n    company: A\n    role: R\n    process: acme\n    start: 2026-11-24T14:00\n  - id: e\n    company: E\n    role: R\n    start: 2026-11-18T10:00\n    status: rejected\n    status_date: 2026-11-20\n",
        &[
            "a thank-you - 2026-11-18T09:00-05:00",
            "e thank-you - 2026-11-18T13:00-05:00",
            "b thank-you Jonas 2026-11-19T13:00+01:00 done 2026-11-20",
            "c thank-you - 2026-11-23T13:00+04:00",
            "e feedback - 2026-11-23T10:00-05:00",
            "d thank-you - 2026-11-25T09:00-05:00",
            "a check-in - 2026-11-25T10:00-05:00 cancelled",
            "e check-in - 2026-11-25T10:00-05:00 cancelled",
            "b check-in Jonas 2026-11-27T10:00+01:00",
            "c check-in - 2026-11-30T08:30+04:00",
            "c offer-thanks - 2026-12-01T08:30+04:00",
            "d check-in - 2026-12-02T10:00-05:00",
            "b follow-up Jonas 2026-12-04T10:00+01:00 cancelled",
            "b withdraw Jonas 2026-12-04T10:00+01:00",
            "c withdraw - 2026-12-06T08:30+04:00",
            "c offer-decision - 2026-12-09T08:30+04:00 cancelled",
        ],
    );
}

#[test]
fn done_entries_that_mark_nothing_are_errors_naming_the_steps() {
    let ann = "    interviewers: [Ann, Bo]\n    policy: { max_follow_ups: 1, move_on: false }\n";
    // Line 12 holds the first `done` entry.
    assert_eq!(
        plan_errors(&acme(&format!(
            "{ann}    done:\n      - {{ step: feedback, on: 2026-11-20 }}\n"
        ))),
        [
            "interviews[0].done[0].step 12:17 \"a\" has no feedback step to mark done | the steps that can be marked: thank-you to Ann (2026-11-18), thank-you to Bo (2026-11-18), check-in to Ann (2026-11-25)"
        ]
    );
    assert_eq!(
        plan_errors(&acme(&format!(
            "{ann}    done:\n      - {{ step: check-in, on: 2026-11-25 }}\n      - {{ step: check-in, on: 2026-11-26 }}\n"
        ))),
        [
            "interviews[0].done[1].step 13:17 \"a\": every check-in is already marked done, by line 12 | one entry per step: remove this one or the one on line 12"
        ]
    );
    assert_eq!(
        plan_errors(&acme(&format!(
            "{ann}    done:\n      - {{ step: thank-you, to: Bo, on: 2026-11-18 }}\n      - {{ step: thank-you, to: BO , on: 2026-11-19 }}\n      - {{ step: thank-you, to: Ann, on: 2026-11-18 }}\n      - {{ step: thank-you, on: 2026-11-18 }}\n"
        ))),
        [
            "interviews[0].done[1].step 13:17 \"a\": the thank-you to BO is already marked done, by line 12 | one entry per step: remove this one or the one on line 12",
            "interviews[0].done[3].step 15:17 \"a\": every thank-you is already marked done, by lines 12 and 14 | one entry per step: remove this one or the ones on lines 12 and 14",
        ]
    );
    assert_eq!(
        plan_errors(&acme(&format!(
            "{ann}    done:\n      - {{ step: check-in, to: Bo, on: 2026-11-25 }}\n"
        ))),
        [
            "interviews[0].done[0].step 12:17 \"a\" has no check-in to Bo to mark done | the steps that can be marked: thank-you to Ann (2026-11-18), thank-you to Bo (2026-11-18), check-in to Ann (2026-11-25)"
        ]
    );
    // After `heard_back` there is one check-in and no follow-up.
    assert_eq!(
        plan_errors(&acme(&format!(
            "{ann}    heard_back: 2026-11-27\n    done:\n      - {{ step: follow-up, on: 2026-12-08 }}\n"
        ))),
        [
            "interviews[0].done[0].step 13:17 \"a\" has no follow-up after heard_back (2026-11-27) to mark done | the steps that can be marked: thank-you to Ann (2026-11-18), thank-you to Bo (2026-11-18), check-in to Ann (2026-11-25), check-in to Ann (2026-12-04)"
        ]
    );
    // Two offer-thanks entries, one step.
    assert_eq!(
        plan_errors(&acme(&format!(
            "{ann}    status: offer\n    status_date: 2026-12-01\n    done:\n      - {{ step: offer-thanks, on: 2026-12-02 }}\n      - {{ step: offer-thanks, on: 2026-12-03 }}\n"
        ))),
        [
            "interviews[0].done[1].step 15:17 \"a\": the offer-thanks step is already marked done, by line 14 | one entry per step: remove this one or the one on line 14"
        ]
    );
}
