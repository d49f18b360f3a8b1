//! The examples of the top-level `--help`.

/// The top-level `--help`'s examples (`serve` only where it is built in).
pub fn top_level() -> String {
    let serve = if cfg!(feature = "serve") {
        "  followup serve interviews.yaml            # a feed to subscribe to\n"
    } else {
        ""
    };
    format!(
        "Examples:
  followup init                        # a commented starter interviews.yaml
  followup build interviews.yaml -o followups.ics
  followup check interviews.yaml
  followup plan interviews.yaml --format json
  followup plan interviews.yaml --from today --to +2w
  followup due interviews.yaml              # each morning: overdue, today, next 7 days
  followup draft interviews.yaml acme-ae    # the drafted messages of one interview
  followup holidays US --year 2027          # the days off a calendar gives
  followup add interviews.yaml --invite invite.ics    # a new interview from its invitation
  followup done interviews.yaml acme-ae thank-you     # you sent it: its alarm goes
  followup heard interviews.yaml acme-ae              # they replied: the nudges restart
  followup status interviews.yaml acme-ae offer --deadline 2026-12-17
{serve}
Exit codes: 0 ok, 1 invalid input (nothing written), 2 usage error, 3 I/O error."
    )
}
