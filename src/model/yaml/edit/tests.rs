//! The editor on odd layouts: each case gives the input, the edits and
//! the whole expected output.

use super::{At, Editor, Fragment};

const I0: &[At<'static>] = &[At::Key("interviews"), At::Index(0)];
const I1: &[At<'static>] = &[At::Key("interviews"), At::Index(1)];

fn done(step: &str, to: Option<&str>, on: &str) -> Fragment {
    let mut pairs = vec![("step", step.to_string())];
    if let Some(to) = to {
        pairs.push(("to", to.to_string()));
    }
    pairs.push(("on", on.to_string()));
    Fragment::map_of_text(pairs)
}

#[track_caller]
fn case(input: &str, edit: impl FnOnce(&mut Editor<'_>), want: &str) {
    let mut e = Editor::new(input).unwrap_or_else(|e| panic!("{e}"));
    edit(&mut e);
    let got = e.finish().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got, want);
}

fn ok<T>(r: Result<T, super::EditError>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn done_goes_under_the_last_item_in_its_style() {
    case(
        "interviews:\n  - id: a\n    done:\n      - { step: thank-you, on: 2026-11-18 }   # sent\n    # a comment\n  - id: b\n",
        |e| ok(e.push(I0, "done", &done("check-in", None, "2026-11-30"))),
        "interviews:\n  - id: a\n    done:\n      - { step: thank-you, on: 2026-11-18 }   # sent\n      - { step: check-in, on: 2026-11-30 }\n    # a comment\n  - id: b\n",
    );
    // Block mapping items, indentless lists, no padding in braces.
    case(
        "interviews:\n- id: a\n  x: {k: v}\n  done:\n  -   step: thank-you\n      on: 2026-11-18\n",
        |e| {
            ok(e.push(
                I0,
                "done",
                &done("thank-you", Some("Mark Lee"), "2026-11-19"),
            ))
        },
        "interviews:\n- id: a\n  x: {k: v}\n  done:\n  -   step: thank-you\n      on: 2026-11-18\n  -   step: thank-you\n      to: Mark Lee\n      on: 2026-11-19\n",
    );
}

#[test]
fn a_new_done_list_follows_the_file() {
    // Block interview: the key at the end, after the comments under it.
    case(
        "interviews:\n  - id: a\n    interviewers:\n    - Ann\n    # done: later\n\n  - id: b\n",
        |e| ok(e.push(I0, "done", &done("thank-you", None, "2026-11-18"))),
        "interviews:\n  - id: a\n    interviewers:\n    - Ann\n    # done: later\n    done:\n    - { step: thank-you, on: 2026-11-18 }\n\n  - id: b\n",
    );
    // An interview written as a flow mapping, and `done: []`.
    case(
        "interviews:\n  - {id: a, role: R}\n  - { id: b, done: [] }\n",
        |e| {
            ok(e.push(I0, "done", &done("thank-you", None, "2026-11-18")));
            ok(e.push(I1, "done", &done("move-on", None, "2026-12-01")));
        },
        "interviews:\n  - {id: a, role: R, done: [{step: thank-you, on: 2026-11-18}]}\n  - { id: b, done: [{step: move-on, on: 2026-12-01}] }\n",
    );
    // Another interview writes `done` as a flow list: so does the new one.
    case(
        "interviews:\n  - id: a\n    done: [{ step: thank-you, on: 2026-11-18 }]\n  - id: b\n",
        |e| ok(e.push(I1, "done", &done("thank-you", None, "2026-11-20"))),
        "interviews:\n  - id: a\n    done: [{ step: thank-you, on: 2026-11-18 }]\n  - id: b\n    done: [{ step: thank-you, on: 2026-11-20 }]\n",
    );
    // `done:` with nothing after it, and a comment.
    case(
        "interviews:\n  - id: a\n    done:   # none yet\n  - id: b\n",
        |e| ok(e.push(I0, "done", &done("thank-you", None, "2026-11-18"))),
        "interviews:\n  - id: a\n    done:   # none yet\n      - { step: thank-you, on: 2026-11-18 }\n  - id: b\n",
    );
}

#[test]
fn crlf_tabs_in_comments_and_no_final_newline_are_kept() {
    case(
        "interviews:\r\n  - id: a\t# tab\r\n    status: waiting\r\n",
        |e| ok(e.set(I0, "heard_back", &Fragment::text("2026-12-02"), None)),
        "interviews:\r\n  - id: a\t# tab\r\n    status: waiting\r\n    heard_back: 2026-12-02\r\n",
    );
    case(
        "interviews:\n  - id: a\n    status: waiting",
        |e| ok(e.set(I0, "heard_back", &Fragment::text("2026-12-02"), None)),
        "interviews:\n  - id: a\n    status: waiting\n    heard_back: 2026-12-02",
    );
}

#[test]
fn set_replaces_in_the_value_s_own_quoting() {
    case(
        "interviews:\n  - id: a\n    status: 'waiting'   # so far\n    heard_back: \"2026-11-20\"\n",
        |e| {
            ok(e.set(I0, "status", &Fragment::text("offer"), None));
            ok(e.set(
                I0,
                "status_date",
                &Fragment::text("2026-12-10"),
                Some("status"),
            ));
            ok(e.set(I0, "heard_back", &Fragment::text("2026-12-02"), None));
        },
        "interviews:\n  - id: a\n    status: 'offer'     # so far\n    status_date: 2026-12-10\n    heard_back: \"2026-12-02\"\n",
    );
    case(
        "interviews:\n  - id: a\n    status:\n",
        |e| ok(e.set(I0, "status", &Fragment::text("rejected"), None)),
        "interviews:\n  - id: a\n    status: rejected\n",
    );
    case(
        "interviews: [{id: a, status: waiting}]\n",
        |e| {
            ok(e.set(I0, "status", &Fragment::text("offer"), None));
            ok(e.set(
                I0,
                "status_date",
                &Fragment::text("2026-12-10"),
                Some("status"),
            ));
            ok(e.set(
                I0,
                "offer",
                &Fragment::map_of_text([("received", "2026-12-10".to_string())]),
                None,
            ));
        },
        "interviews: [{id: a, status: offer, status_date: 2026-12-10, offer: {received: 2026-12-10}}]\n",
    );
}

#[test]
fn add_appends_an_item_like_the_last_one() {
    let iv = Fragment::Map(vec![
        ("id".into(), Fragment::text("c")),
        ("company".into(), Fragment::text("Acme, Inc.")),
        (
            "interviewers".into(),
            Fragment::List(vec![Fragment::map_of_text([
                ("name", "Ann Lee".to_string()),
                ("email", "ann@acme.example".to_string()),
            ])]),
        ),
    ]);
    case(
        "interviews:\n  - id: a\n\n  # b\n  - id: b\n    role: R\n",
        |e| ok(e.push(&[], "interviews", &iv)),
        "interviews:\n  - id: a\n\n  # b\n  - id: b\n    role: R\n\n  - id: c\n    company: Acme, Inc.\n    interviewers:\n      - { name: Ann Lee, email: ann@acme.example }\n",
    );
    // An empty list: the interview comes as a block below its key.
    let iv4 = Fragment::Map(vec![
        ("id".into(), Fragment::text("c")),
        ("company".into(), Fragment::text("Acme, Inc.")),
        ("role".into(), Fragment::text("AE")),
        ("start".into(), Fragment::text("2026-11-17T14:00")),
    ]);
    case(
        "candidate: {name: B}\ninterviews: []   # none yet\n",
        |e| ok(e.push(&[], "interviews", &iv4)),
        "candidate: {name: B}\ninterviews:   # none yet\n  - id: c\n    company: Acme, Inc.\n    role: AE\n    start: 2026-11-17T14:00\n",
    );
    case(
        "interviews:\n",
        |e| ok(e.push(&[], "interviews", &iv4)),
        "interviews:\n  - id: c\n    company: Acme, Inc.\n    role: AE\n    start: 2026-11-17T14:00\n",
    );
    // A flow list with items stays flow.
    case(
        "interviews: [{id: a}]\n",
        |e| ok(e.push(&[], "interviews", &iv)),
        "interviews: [{id: a}, {id: c, company: \"Acme, Inc.\", interviewers: [{name: Ann Lee, email: ann@acme.example}]}]\n",
    );
}

#[test]
fn what_cannot_be_done_safely_is_refused() {
    let mut e = ok(Editor::new("interviews:\n  - id: a\n"));
    assert!(e.set(I1, "status", &Fragment::text("offer"), None).is_err());
    assert!(Editor::new("").is_err());
    assert!(Editor::new("a: [").is_err());
    let mut e = ok(Editor::new("interviews:\n  - id: a\n    done: 3\n"));
    assert!(
        e.push(I0, "done", &done("thank-you", None, "2026-11-18"))
            .is_err()
    );
}
