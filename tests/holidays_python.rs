//! The built-in holiday calendars against an independent implementation,
//! the python `holidays` package (issue 6, "Verification").
//!
//! `tests/holidays/compare.sh` runs the ignored test below to write our
//! dates as JSON, has `tests/holidays/dump.py` write python-holidays' dates,
//! and compares them with `tests/holidays/compare.py`, allowing only the
//! differences listed in `tests/holidays/known-differences.txt`.
//!
//! The test that always runs holds that allow-list to account: every entry
//! names a built-in calendar, says truthfully which side has the date, and
//! is explained in `docs/holidays.md`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use followup::calendar::holidays;
use jiff::civil::Date;
use std::path::PathBuf;

/// The years the comparison covers (issue 14: "every built-in calendar
/// over 2000-2060").
const FIRST: i16 = 2000;
const LAST: i16 = 2060;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `{"years": [2000, 2060], "coverage": {"IN": [2001, 2035], ...},
/// "calendars": {"US": [["2000-01-01", "New Year's Day"], ...], ...}}` to
/// the path in `FOLLOWUP_HOLIDAYS_DUMP`; `coverage` names the table
/// calendars that hold fewer years than that.
#[test]
#[ignore = "run by tests/holidays/compare.sh"]
fn dump_builtin_calendars() {
    let path = std::env::var_os("FOLLOWUP_HOLIDAYS_DUMP")
        .expect("set FOLLOWUP_HOLIDAYS_DUMP to the JSON file to write");
    let mut calendars = Vec::new();
    let mut coverage = Vec::new();
    for name in holidays::names() {
        if let Some(years) = holidays::lookup(name).and_then(|c| c.years())
            && (*years.start() > FIRST || *years.end() < LAST)
        {
            coverage.push(format!(
                "{}: [{}, {}]",
                serde_json::to_string(name).unwrap(),
                years.start(),
                years.end()
            ));
        }
        let days = holidays::holidays_in(name, FIRST..=LAST).expect("a built-in name");
        let days: Vec<[String; 2]> = days
            .into_iter()
            .map(|(date, holiday)| [date.to_string(), holiday])
            .collect();
        calendars.push(format!(
            "{}: {}",
            serde_json::to_string(name).unwrap(),
            serde_json::to_string(&days).unwrap()
        ));
    }
    let json = format!(
        "{{\"years\": [{FIRST}, {LAST}], \"coverage\": {{{}}}, \"calendars\": {{\n{}\n}}}}\n",
        coverage.join(", "),
        calendars.join(",\n")
    );
    std::fs::write(&path, json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// One line of `known-differences.txt`: `CALENDAR DATE ours|python REASON`.
struct Known {
    line: usize,
    calendar: String,
    date: String,
    side: String,
    reason: String,
}

fn known_differences() -> Vec<Known> {
    let path = root().join("tests/holidays/known-differences.txt");
    let text = std::fs::read_to_string(&path).expect("known-differences.txt");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| {
            let mut parts = l.split_whitespace();
            let mut next = || parts.next().unwrap_or_default().to_string();
            let (calendar, date, side) = (next(), next(), next());
            let reason = parts.collect::<Vec<_>>().join(" ");
            Known {
                line: i + 1,
                calendar,
                date,
                side,
                reason,
            }
        })
        .collect()
}

#[test]
fn known_differences_are_true_and_documented() {
    let docs = std::fs::read_to_string(root().join("docs/holidays.md")).expect("docs/holidays.md");
    let mut seen = std::collections::HashSet::new();
    for k in known_differences() {
        let at = format!("known-differences.txt:{}", k.line);
        let calendar = holidays::lookup(&k.calendar)
            .unwrap_or_else(|| panic!("{at}: {:?} is not a built-in calendar", k.calendar));
        let date: Date = k
            .date
            .parse()
            .unwrap_or_else(|e| panic!("{at}: {:?}: {e}", k.date));
        assert!(
            (FIRST..=LAST).contains(&date.year()),
            "{at}: {date} is outside the compared years"
        );
        assert!(!k.reason.is_empty(), "{at}: give a reason");
        assert!(
            seen.insert((k.calendar.clone(), date)),
            "{at}: listed twice"
        );
        let ours = calendar
            .holidays(date.year())
            .iter()
            .any(|(d, _)| *d == date);
        match k.side.as_str() {
            "ours" => assert!(ours, "{at}: {} has no holiday on {date}", k.calendar),
            "python" => assert!(!ours, "{at}: {} has a holiday on {date}", k.calendar),
            other => panic!("{at}: side {other:?} is neither ours nor python"),
        }
        assert!(
            docs.contains(&k.date),
            "{at}: docs/holidays.md does not mention {date}"
        );
    }
}
