#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use jiff::civil::date;
use proptest::prelude::*;

const FIXTURE: &[u8] = include_bytes!("../../../../fixtures/office-closures.ics");

/// A calendar around `events` (content lines joined with CRLF).
fn calendar(events: &[&str]) -> Vec<u8> {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for e in events {
        text.push_str("BEGIN:VEVENT\r\n");
        for line in e.lines() {
            text.push_str(line.trim());
            text.push_str("\r\n");
        }
        text.push_str("END:VEVENT\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    text.into_bytes()
}

/// The dates (ISO) read from one event over `years`.
#[track_caller]
fn case(event: &str, years: RangeInclusive<i16>, want: &[&str]) {
    let got = match read(&calendar(&[event]), years) {
        Ok(days) => days
            .into_iter()
            .map(|(d, _)| d.to_string())
            .collect::<Vec<_>>(),
        Err(e) => panic!("{event}: {e}"),
    };
    assert_eq!(got, want, "{event}");
}

/// A yearly all-day rule starting on `start` (YYYYMMDD).
#[track_caller]
fn rule(start: &str, rrule: &str, years: RangeInclusive<i16>, want: &[&str]) {
    case(
        &format!("SUMMARY:x\nDTSTART;VALUE=DATE:{start}\nRRULE:{rrule}"),
        years,
        want,
    );
}

#[track_caller]
fn refused(bytes: &[u8], message: &str) {
    match read(bytes, 2026..=2027) {
        Ok(days) => panic!("read {days:?}, expected an error with {message:?}"),
        Err(e) => assert!(e.0.contains(message), "{e} lacks {message:?}"),
    }
}

#[test]
fn all_day_events_cover_their_days() {
    case(
        "SUMMARY:Christmas\nDTSTART;VALUE=DATE:20261225",
        2026..=2026,
        &["2026-12-25"],
    );
    // Without VALUE=DATE the shape still says it is a date.
    case("SUMMARY:x\nDTSTART:20261225", 2026..=2026, &["2026-12-25"]);
    // DTEND is exclusive.
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261224\nDTEND;VALUE=DATE:20261226",
        2026..=2026,
        &["2026-12-24", "2026-12-25"],
    );
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nDTEND;VALUE=DATE:20261226",
        2026..=2026,
        &["2026-12-25"],
    );
    // An end before the start (or equal to it) still closes the day.
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nDTEND;VALUE=DATE:20261225",
        2026..=2026,
        &["2026-12-25"],
    );
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261230\nDURATION:P3D",
        2026..=2027,
        &["2026-12-30", "2026-12-31", "2027-01-01"],
    );
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20270705\nDURATION:P1W",
        2027..=2027,
        &[
            "2027-07-05",
            "2027-07-06",
            "2027-07-07",
            "2027-07-08",
            "2027-07-09",
            "2027-07-10",
            "2027-07-11",
        ],
    );
    // Clipped to the years asked for.
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261230\nDTEND;VALUE=DATE:20270103",
        2027..=2027,
        &["2027-01-01", "2027-01-02"],
    );
    case("SUMMARY:x\nDTSTART;VALUE=DATE:20261225", 2027..=2028, &[]);
}

#[test]
fn timed_events_use_their_local_date() {
    let day = "SUMMARY:day\nDTSTART;VALUE=DATE:20260101";
    let both = |timed: &str, want: &[&str]| {
        let got: Vec<String> = read(&calendar(&[day, timed]), 2026..=2026)
            .unwrap()
            .into_iter()
            .map(|(d, _)| d.to_string())
            .filter(|d| d != "2026-01-01")
            .collect();
        assert_eq!(got, want, "{timed}");
    };
    // TZID: the zone's local date, as written (23:30 in Los Angeles is the
    // next day in UTC; the holiday is the 9th).
    both(
        "SUMMARY:x\nDTSTART;TZID=America/Los_Angeles:20261209T233000",
        &["2026-12-09"],
    );
    // UTC: the UTC date.
    both("SUMMARY:x\nDTSTART:20261216T020000Z", &["2026-12-16"]);
    // Floating: as written.
    both(
        "SUMMARY:x\nDTSTART:20261209T090000\nDTEND:20261209T170000",
        &["2026-12-09"],
    );
    // Past midnight: each date it touches; an end at midnight does not
    // touch its date.
    both(
        "SUMMARY:x\nDTSTART:20261209T220000\nDTEND:20261210T020000",
        &["2026-12-09", "2026-12-10"],
    );
    both(
        "SUMMARY:x\nDTSTART:20261209T000000\nDTEND:20261211T000000",
        &["2026-12-09", "2026-12-10"],
    );
    both(
        "SUMMARY:x\nDTSTART:20261209T120000\nDURATION:PT37H",
        &["2026-12-09", "2026-12-10", "2026-12-11"],
    );
}

#[test]
fn cancelled_events_are_skipped() {
    let days = read(
        &calendar(&[
            "SUMMARY:Open\nDTSTART;VALUE=DATE:20261224",
            "SUMMARY:Off\nSTATUS:CANCELLED\nDTSTART;VALUE=DATE:20261225",
        ]),
        2026..=2026,
    )
    .unwrap();
    assert_eq!(days, vec![(date(2026, 12, 24), Some("Open".into()))]);
}

#[test]
fn names_are_summaries_joined_per_date() {
    let days = read(
        &calendar(&[
            "SUMMARY:Christmas Day\nDTSTART;VALUE=DATE:20261225",
            "SUMMARY:Winter shutdown\nDTSTART;VALUE=DATE:20261224\nDTEND;VALUE=DATE:20261227",
            // Text escapes are read; line breaks and runs of spaces collapse.
            "SUMMARY:Office closed\\, all\\nsites  \nDTSTART;VALUE=DATE:20261226",
            "DTSTART;VALUE=DATE:20261228",
            "SUMMARY:Christmas Day\nDTSTART;VALUE=DATE:20261225",
        ]),
        2026..=2026,
    )
    .unwrap();
    assert_eq!(
        days,
        vec![
            (date(2026, 12, 24), Some("Winter shutdown".into())),
            (
                date(2026, 12, 25),
                Some("Christmas Day; Winter shutdown".into())
            ),
            (
                date(2026, 12, 26),
                Some("Winter shutdown; Office closed, all sites".into())
            ),
            (date(2026, 12, 28), None),
        ]
    );
}

#[test]
fn yearly_rules_agree_with_python_dateutil() {
    // Expected dates from python-dateutil 2.9's rrulestr, an independent
    // RFC 5545 implementation.
    rule(
        "20181106",
        "FREQ=YEARLY;INTERVAL=2;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
        2018..=2030,
        &[
            "2018-11-06",
            "2020-11-03",
            "2022-11-08",
            "2024-11-05",
            "2026-11-03",
            "2028-11-07",
            "2030-11-05",
        ],
    );
    rule(
        "20181123",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29",
        2025..=2030,
        &[
            "2025-11-28",
            "2026-11-27",
            "2027-11-26",
            "2028-11-24",
            "2029-11-23",
            "2030-11-29",
        ],
    );
    rule(
        "20191206",
        "FREQ=YEARLY;BYMONTH=12;BYDAY=1FR",
        2026..=2028,
        &["2026-12-04", "2027-12-03", "2028-12-01"],
    );
    // Ordinals count within the year without BYMONTH.
    rule(
        "20200101",
        "FREQ=YEARLY;BYDAY=20MO",
        2026..=2028,
        &["2026-05-18", "2027-05-17", "2028-05-15"],
    );
    rule(
        "20200101",
        "FREQ=YEARLY;BYDAY=-1SU",
        2022..=2023,
        &["2022-12-25", "2023-12-31"],
    );
    rule(
        "20200525",
        "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
        2026..=2028,
        &["2026-05-25", "2027-05-31", "2028-05-29"],
    );
    rule(
        "20001123",
        "FREQ=YEARLY;BYDAY=4TH;BYMONTH=11",
        2026..=2030,
        &[
            "2026-11-26",
            "2027-11-25",
            "2028-11-23",
            "2029-11-22",
            "2030-11-28",
        ],
    );
    // BYMONTHDAY without BYMONTH: every month.
    rule(
        "20261031",
        "FREQ=YEARLY;BYMONTHDAY=-1",
        2026..=2026,
        &["2026-10-31", "2026-11-30", "2026-12-31"],
    );
    // 29 February: leap years only (an invalid date is skipped, §3.3.10).
    rule(
        "20240229",
        "FREQ=YEARLY",
        2025..=2032,
        &["2028-02-29", "2032-02-29"],
    );
    rule(
        "20250701",
        "FREQ=YEARLY;COUNT=3",
        2020..=2036,
        &["2025-07-01", "2026-07-01", "2027-07-01"],
    );
    rule(
        "20250701",
        "FREQ=YEARLY;UNTIL=20280101",
        2020..=2036,
        &["2025-07-01", "2026-07-01", "2027-07-01"],
    );
    rule(
        "20250701",
        "FREQ=YEARLY;UNTIL=20270701T000000Z",
        2020..=2036,
        &["2025-07-01", "2026-07-01", "2027-07-01"],
    );
    rule(
        "20210120",
        "FREQ=YEARLY;INTERVAL=4;BYMONTH=1;BYMONTHDAY=20",
        2026..=2034,
        &["2029-01-20", "2033-01-20"],
    );
    rule(
        "20260115",
        "FREQ=YEARLY;BYMONTH=2,8",
        2026..=2027,
        &[
            "2026-01-15",
            "2026-02-15",
            "2026-08-15",
            "2027-02-15",
            "2027-08-15",
        ],
    );
    // DTSTART counts towards COUNT even before the range.
    rule(
        "20260105",
        "FREQ=YEARLY;BYMONTH=1;BYDAY=MO;COUNT=6",
        2027..=2030,
        &["2027-01-04", "2027-01-11"],
    );
    // Lower case and spaces are read.
    rule(
        "20191206",
        "freq=yearly; bymonth=12; byday=1fr",
        2026..=2026,
        &["2026-12-04"],
    );
}

/// The 4TH Thursday of November is the US calendar's Thanksgiving, every
/// year: two implementations of one rule agree.
#[test]
fn thanksgiving_rule_matches_the_built_in_us_calendar() {
    let Some(us) = super::super::lookup("US") else {
        panic!("US is built in");
    };
    let days = read(
        &calendar(&[
            "SUMMARY:Thanksgiving Day\nDTSTART;VALUE=DATE:19991125\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
        ]),
        2000..=2040,
    )
    .unwrap();
    let want: Vec<Date> = (2000..=2040)
        .flat_map(|y| us.holidays(y))
        .filter(|(_, n)| *n == "Thanksgiving Day")
        .map(|(d, _)| d)
        .collect();
    assert_eq!(days.iter().map(|d| d.0).collect::<Vec<_>>(), want);
}

#[test]
fn a_yearly_span_reaches_into_the_next_year() {
    rule(
        "20241224",
        "FREQ=YEARLY\nDTEND;VALUE=DATE:20250102",
        2027..=2027,
        &[
            "2027-01-01",
            "2027-12-24",
            "2027-12-25",
            "2027-12-26",
            "2027-12-27",
            "2027-12-28",
            "2027-12-29",
            "2027-12-30",
            "2027-12-31",
        ],
    );
}

#[test]
fn exdate_rdate_and_overrides() {
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20241204\nRRULE:FREQ=YEARLY\nEXDATE;VALUE=DATE:20261204,20281204\nEXDATE:20271204",
        2026..=2029,
        &["2029-12-04"],
    );
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261204\nRDATE;VALUE=DATE:20270105,20270601",
        2026..=2027,
        &["2026-12-04", "2027-01-05", "2027-06-01"],
    );
    // A moved instance and a cancelled one (RECURRENCE-ID, §3.8.4.4).
    let days = read(
        &calendar(&[
            "UID:f\nSUMMARY:Founder's Day\nDTSTART;VALUE=DATE:20191206\nRRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=1FR",
            "UID:f\nSUMMARY:Founder's Day (moved)\nRECURRENCE-ID;VALUE=DATE:20271203\nDTSTART;VALUE=DATE:20271210",
            "UID:f\nSTATUS:CANCELLED\nRECURRENCE-ID;VALUE=DATE:20281201\nDTSTART;VALUE=DATE:20281201",
        ]),
        2026..=2029,
    )
    .unwrap();
    assert_eq!(
        days,
        vec![
            (date(2026, 12, 4), Some("Founder's Day".into())),
            (date(2027, 12, 10), Some("Founder's Day (moved)".into())),
            (date(2029, 12, 7), Some("Founder's Day".into())),
        ]
    );
}

#[test]
fn line_endings_folding_and_bom() {
    let crlf = calendar(&["SUMMARY:Winter shutdown\nDTSTART;VALUE=DATE:20261224"]);
    let lf: Vec<u8> = String::from_utf8(crlf.clone())
        .unwrap()
        .replace("\r\n", "\n")
        .into_bytes();
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend_from_slice(&crlf);
    let folded = String::from_utf8(crlf.clone())
        .unwrap()
        .replace("SUMMARY:Winter shutdown", "SUMMARY:Winter sh\r\n utdown")
        .into_bytes();
    let want = vec![(date(2026, 12, 24), Some("Winter shutdown".into()))];
    for bytes in [crlf, lf, bom, folded] {
        assert_eq!(read(&bytes, 2026..=2026).unwrap(), want);
    }
}

#[test]
fn the_fixture_reads_as_documented() {
    let days = read(FIXTURE, 2026..=2027).unwrap();
    let got: Vec<String> = days
        .iter()
        .map(|(d, n)| format!("{d} {}", n.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(
        got,
        [
            "2026-11-03 Election Day",
            "2026-11-27 Day after Thanksgiving",
            "2026-12-04 Founder's Day",
            // 2026-12-08: the cancelled picnic is not here.
            "2026-12-09 Offsite (offices closed)",
            "2026-12-16 Inventory day",
            "2026-12-24 Winter shutdown",
            "2026-12-25 Winter shutdown",
            "2026-12-26 Winter shutdown",
            "2026-12-27 Winter shutdown",
            "2026-12-28 Winter shutdown",
            "2026-12-29 Winter shutdown",
            "2026-12-30 Winter shutdown",
            "2026-12-31 Winter shutdown",
            "2027-01-01 Winter shutdown",
            "2027-07-05 Summer shutdown",
            "2027-07-06 Summer shutdown",
            "2027-07-07 Summer shutdown",
            "2027-07-08 Summer shutdown",
            "2027-07-09 Summer shutdown",
            "2027-11-26 Day after Thanksgiving",
            // Moved from the 3rd by an override.
            "2027-12-10 Founder's Day",
        ]
    );
}

#[test]
fn what_is_refused() {
    refused(b"", "it is empty");
    refused(b"  \r\n", "it is empty");
    refused(b"%PDF-1.7\n...", "not a calendar but a PDF document");
    refused(b"BEGIN:VCARD\r\nEND:VCARD\r\n", "not an iCalendar file");
    let whole = calendar(&["SUMMARY:x\nDTSTART;VALUE=DATE:20261225"]);
    refused(&whole[..whole.len() - 8], "cut short");
    refused(&calendar(&[]), "it holds no events");
    refused(
        &calendar(&["SUMMARY:x\nSTATUS:CANCELLED\nDTSTART;VALUE=DATE:20261225"]),
        "every event in it is cancelled",
    );
    refused(
        &calendar(&["SUMMARY:Standup\nDTSTART;TZID=Europe/Berlin:20261209T090000"]),
        "no all-day events",
    );
    let one = |event: &str, message: &str| {
        refused(
            &calendar(&["SUMMARY:ok\nDTSTART;VALUE=DATE:20260101", event]),
            message,
        );
    };
    one("SUMMARY:x", "event 2 (\"x\", line 8) has no DTSTART");
    one("UID:u1", "event 2 (UID \"u1\", line 8) has no DTSTART");
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261332",
        "has DTSTART \"20261332\", not a date",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225T100000",
        "VALUE=DATE with a date-time",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nDTSTART;VALUE=DATE:20261226",
        "more than one DTSTART",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nDURATION:1 day",
        "not a duration",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nDURATION:-P1D",
        "negative DURATION",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;RSCALE=CHINESE",
        "RSCALE=CHINESE (a non-Gregorian calendar) is not supported",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=FORTNIGHTLY",
        "FREQ \"FORTNIGHTLY\" is not one of",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRRULE:BYMONTH=12",
        "it has no FREQ",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;BYMONTH=13",
        "BYMONTH \"13\" is not 1 to 12",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;BYDAY=5XX",
        "BYDAY \"5XX\"",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;BYDAY=0MO",
        "BYDAY \"0MO\"",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;COUNT=0",
        "COUNT is not a positive number",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;FREQ=YEARLY",
        "FREQ is given twice",
    );
    one(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRDATE;VALUE=PERIOD:20261226T090000Z",
        "not a period such as",
    );
    let deep = format!(
        "BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n",
        "BEGIN:X\r\n".repeat(20)
    );
    refused(deep.as_bytes(), "nest more than");
}

#[test]
fn a_huge_recurrence_is_refused_not_expanded() {
    let events: Vec<String> = (0..120)
        .map(|i| {
            format!(
                "SUMMARY:x{i}\nDTSTART;VALUE=DATE:00010101\nRRULE:FREQ=YEARLY;COUNT=100000;BYMONTH=2;BYMONTHDAY=30"
            )
        })
        .collect();
    let refs: Vec<&str> = events.iter().map(String::as_str).collect();
    refused(&calendar(&refs), "needs more than 2000000 steps");
}

#[test]
fn extreme_years_do_not_panic() {
    for years in [
        i16::MIN..=i16::MAX,
        -9999..=-9999,
        9999..=9999,
        RangeInclusive::new(5, 1),
    ] {
        let _ = read(FIXTURE, years);
    }
    let _ = read(
        &calendar(&[
            "SUMMARY:x\nDTSTART;VALUE=DATE:99991231\nDURATION:P99999999W\nRRULE:FREQ=YEARLY;INTERVAL=32000",
        ]),
        9990..=9999,
    );
}

fn dates(bytes: &[u8], years: RangeInclusive<i16>) -> Vec<Date> {
    read(bytes, years)
        .map(|d| d.into_iter().map(|(d, _)| d).collect())
        .unwrap_or_default()
}

proptest! {
    /// Never panics, whatever the bytes.
    #[test]
    fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = read(&bytes, 2026..=2027);
    }

    /// Never panics on a real file cut anywhere or with a byte changed.
    #[test]
    fn damaged_fixture_is_read_or_refused(cut in 0..FIXTURE.len(), at in 0..FIXTURE.len(), byte in any::<u8>()) {
        let _ = read(&FIXTURE[..cut], 2026..=2027);
        let mut changed = FIXTURE.to_vec();
        changed[at] = byte;
        let _ = read(&changed, 2026..=2027);
    }

    /// Text that looks like iCalendar (random lines of its vocabulary) never
    /// panics either.
    #[test]
    fn ical_shaped_text_is_read_or_refused(lines in proptest::collection::vec(prop_oneof![
        Just("BEGIN:VEVENT".to_string()),
        Just("END:VEVENT".to_string()),
        Just("BEGIN:VALARM".to_string()),
        Just("END:VALARM".to_string()),
        "DTSTART(;VALUE=DATE)?:[0-9]{8}(T[0-9]{6}Z?)?",
        "DTEND(;VALUE=DATE)?:[0-9]{8}(T[0-9]{6}Z?)?",
        "DURATION:[-+]?P([0-9]{1,3}[WD])?(T[0-9]{1,3}[HMS])?",
        "RRULE:FREQ=YEARLY(;BYMONTH=[0-9]{1,2})?(;BYDAY=[-+]?[0-9]{0,2}(MO|FR|XX))?(;BYMONTHDAY=-?[0-9]{1,2})?(;COUNT=[0-9]{1,3})?(;INTERVAL=[0-9])?",
        "EXDATE:[0-9]{8}",
        "STATUS:CANCELLED",
        "SUMMARY:[a-z\\\\;, ]{0,12}",
        " [a-z]{0,5}",
    ], 0..30)) {
        let text = format!("BEGIN:VCALENDAR\r\n{}\r\nEND:VCALENDAR\r\n", lines.join("\r\n"));
        let _ = read(text.as_bytes(), 2026..=2027);
    }

    /// Every date is in the range, strictly increasing; a wider range gives a
    /// superset.
    #[test]
    fn dates_are_in_range_sorted_and_monotone(lo in 2015i16..2035, len in 0i16..6, more in 0i16..4) {
        let got = dates(FIXTURE, lo..=lo + len);
        prop_assert!(got.iter().all(|d| (lo..=lo + len).contains(&d.year())));
        prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
        let wider = dates(FIXTURE, lo - more..=lo + len + more);
        prop_assert!(got.iter().all(|d| wider.contains(d)));
    }
}

/// The dates a timed event covers over `years`; an all-day event in 1990
/// keeps the file a holiday calendar without adding a date in the window.
#[track_caller]
fn timed(event: &str, years: RangeInclusive<i16>, want: &[&str]) {
    let bytes = calendar(&["SUMMARY:anchor\nDTSTART;VALUE=DATE:19900101", event]);
    let got: Vec<String> = match read(&bytes, years) {
        Ok(days) => days.into_iter().map(|(d, _)| d.to_string()).collect(),
        Err(e) => panic!("{event}: {e}"),
    };
    assert_eq!(got, want, "{event}");
}

/// Every frequency, checked against python-dateutil 2.9's expansion of the
/// same rule (where DTSTART matches the rule, so both read it alike).
#[test]
fn every_frequency_agrees_with_python_dateutil() {
    // Thunderbird's Japan calendar: Coming of Age Day as a 12-monthly rule.
    rule(
        "20240108",
        "FREQ=MONTHLY;INTERVAL=12;BYDAY=2MO",
        2026..=2027,
        &["2026-01-12", "2027-01-11"],
    );
    rule(
        "20260130",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6",
        2026..=2026,
        &[
            "2026-01-30",
            "2026-02-27",
            "2026-03-31",
            "2026-04-30",
            "2026-05-29",
            "2026-06-30",
        ],
    );
    rule(
        "20260302",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=5",
        2026..=2027,
        &[
            "2026-03-02",
            "2026-03-06",
            "2026-03-16",
            "2026-03-20",
            "2026-03-30",
        ],
    );
    rule(
        "20260101",
        "FREQ=DAILY;INTERVAL=10;UNTIL=20260301",
        2026..=2027,
        &[
            "2026-01-01",
            "2026-01-11",
            "2026-01-21",
            "2026-01-31",
            "2026-02-10",
            "2026-02-20",
        ],
    );
    timed(
        "SUMMARY:h\nDTSTART:20261224T090000\nRRULE:FREQ=HOURLY;INTERVAL=7;COUNT=6",
        2026..=2027,
        &["2026-12-24", "2026-12-25"],
    );
    timed(
        "SUMMARY:m\nDTSTART:20261231T230000\nRRULE:FREQ=MINUTELY;INTERVAL=30;COUNT=4",
        2026..=2027,
        &["2026-12-31", "2027-01-01"],
    );
    timed(
        "SUMMARY:s\nDTSTART:20261231T235900\nRRULE:FREQ=SECONDLY;INTERVAL=20;COUNT=5",
        2026..=2027,
        &["2026-12-31", "2027-01-01"],
    );
    rule(
        "20261228",
        "FREQ=YEARLY;BYWEEKNO=1,-1;BYDAY=MO",
        2026..=2027,
        &["2026-12-28", "2027-01-04", "2027-12-27"],
    );
    rule(
        "20260410",
        "FREQ=YEARLY;BYYEARDAY=100,-1",
        2026..=2027,
        &["2026-04-10", "2026-12-31", "2027-04-10", "2027-12-31"],
    );
    rule(
        "20261126",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=TH;BYSETPOS=4",
        2026..=2027,
        &["2026-11-26", "2027-11-25"],
    );
    // WKST moves which weeks INTERVAL=2 keeps (RFC 5545 §3.3.10's example).
    rule(
        "20260804",
        "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=TU,SU;COUNT=4",
        2026..=2026,
        &["2026-08-04", "2026-08-16", "2026-08-18", "2026-08-30"],
    );
    rule(
        "20260804",
        "FREQ=WEEKLY;WKST=MO;INTERVAL=2;BYDAY=TU,SU;COUNT=4",
        2026..=2026,
        &["2026-08-04", "2026-08-09", "2026-08-18", "2026-08-23"],
    );
}

/// RFC 5545 §3.8.5.3: DTSTART is the first instance even where the rule
/// would not give it, and counts towards COUNT.
#[test]
fn dtstart_is_the_first_instance() {
    rule(
        "20260101",
        "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3",
        2026..=2026,
        &["2026-01-01", "2026-01-15", "2026-02-15"],
    );
}

#[test]
fn several_calendars_in_one_file() {
    let mut bytes = calendar(&["SUMMARY:a\nDTSTART;VALUE=DATE:20261225"]);
    bytes.extend_from_slice(&calendar(&["SUMMARY:b\nDTSTART;VALUE=DATE:20261226"]));
    assert_eq!(
        read(&bytes, 2026..=2026).unwrap(),
        [
            (date(2026, 12, 25), Some("a".into())),
            (date(2026, 12, 26), Some("b".into()))
        ]
    );
    // The same UID in two calendars: an override in one leaves the other.
    let one = calendar(&[
        "UID:x\nSUMMARY:a\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY",
        "UID:x\nSUMMARY:a moved\nRECURRENCE-ID;VALUE=DATE:20271225\nDTSTART;VALUE=DATE:20271227",
    ]);
    let two = calendar(&["UID:x\nSUMMARY:b\nDTSTART;VALUE=DATE:20271225"]);
    let both = [one, two].concat();
    let names: Vec<_> = read(&both, 2027..=2027).unwrap();
    assert_eq!(
        names,
        [
            (date(2027, 12, 25), Some("b".into())),
            (date(2027, 12, 27), Some("a moved".into()))
        ]
    );
}

#[test]
fn mixed_line_endings() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\nBEGIN:VEVENT\r\nSUMMARY:Boxing\n Day\rDTSTART;VALUE=DATE:20261226\nEND:VEVENT\r\nEND:VCALENDAR\n";
    assert_eq!(
        read(text.as_bytes(), 2026..=2026).unwrap(),
        [(date(2026, 12, 26), Some("BoxingDay".into()))]
    );
}

/// An all-day event's date-time RDATE adds that date, as one whole day: it
/// does not become a 24-hour block into the next day (RFC 5545 §3.8.5.2:
/// RDATE takes DTSTART's value type).
#[test]
fn an_all_day_events_date_time_rdate_is_its_date() {
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRDATE:20261231T090000",
        2026..=2027,
        &["2026-12-25", "2026-12-31"],
    );
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261225\nRDATE;VALUE=PERIOD:20261229T090000Z/PT48H",
        2026..=2027,
        &["2026-12-25", "2026-12-29"],
    );
    // A timed event's period lasts what the period says.
    timed(
        "SUMMARY:x\nDTSTART:20261201T090000\nRDATE;VALUE=PERIOD:20261230T220000/PT4H,20261228T090000/20261228T100000",
        2026..=2027,
        &["2026-12-01", "2026-12-28", "2026-12-30", "2026-12-31"],
    );
}

/// DTEND in its own zone: 22:00 in Berlin to 07:00 in New York (13:00 in
/// Berlin) runs into the next Berlin day; 10:00 Berlin to 03:00 the next
/// day in Tokyo (19:00 Berlin) does not, though read as Berlin time it
/// would.
#[test]
fn dtend_is_read_in_its_own_zone() {
    timed(
        "SUMMARY:x\nDTSTART;TZID=Europe/Berlin:20261210T100000\nDTEND;TZID=Asia/Tokyo:20261211T030000",
        2026..=2026,
        &["2026-12-10"],
    );
    timed(
        "SUMMARY:x\nDTSTART;TZID=Europe/Berlin:20261210T220000\nDTEND;TZID=America/New_York:20261211T070000",
        2026..=2026,
        &["2026-12-10", "2026-12-11"],
    );
    timed(
        "SUMMARY:x\nDTSTART;TZID=Europe/Berlin:20261210T220000\nDTEND:20261210T235900Z",
        2026..=2026,
        &["2026-12-10", "2026-12-11"],
    );
}

#[test]
fn durations() {
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261224\nDURATION:P3D",
        2026..=2026,
        &["2026-12-24", "2026-12-25", "2026-12-26"],
    );
    case(
        "SUMMARY:x\nDTSTART;VALUE=DATE:20261224\nDURATION:P1W",
        2026..=2026,
        &[
            "2026-12-24",
            "2026-12-25",
            "2026-12-26",
            "2026-12-27",
            "2026-12-28",
            "2026-12-29",
            "2026-12-30",
        ],
    );
    timed(
        "SUMMARY:x\nDTSTART:20261224T200000\nDURATION:PT5H",
        2026..=2026,
        &["2026-12-24", "2026-12-25"],
    );
    timed(
        "SUMMARY:x\nDTSTART:20261224T200000\nDURATION:PT4H",
        2026..=2026,
        &["2026-12-24"],
    );
}

#[test]
fn utf16_with_a_bom_is_read_and_junk_is_described() {
    let text = String::from_utf8(calendar(&[
        "SUMMARY:Día de Reyes\nDTSTART;VALUE=DATE:20270106",
    ]))
    .unwrap();
    for little in [true, false] {
        let mut bytes: Vec<u8> = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            bytes.extend(if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        assert_eq!(
            read(&bytes, 2027..=2027).unwrap(),
            [(date(2027, 1, 6), Some("Día de Reyes".into()))]
        );
    }
    let junk: Vec<u8> = (0u8..=255).rev().cycle().take(600).collect();
    match read(&junk, 2026..=2026) {
        Ok(d) => panic!("read {d:?}"),
        Err(e) => {
            assert!(e.0.contains("does not look like iCalendar text"), "{e}");
            assert!(e.0.chars().all(|c| !c.is_control()), "{e:?}");
        }
    }
    refused(&[0xFF, 0xFE, 0, 0, b'B', 0, 0, 0], "UTF-32");
}

/// Rules that would run for ever, or nearly, stop within the budget: a
/// COUNT in the hundreds of millions, a rule that never matches, a huge
/// INTERVAL. Those without COUNT need only the window's years.
#[test]
fn expansion_is_bounded() {
    rule(
        "20000101",
        "FREQ=DAILY;COUNT=100000000",
        2026..=2026,
        &(0..365)
            .map(|i| {
                date(2026, 1, 1)
                    .checked_add(jiff::Span::new().days(i))
                    .unwrap()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    rule(
        "19000101",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        2026..=2027,
        &[],
    );
    rule(
        "19000101",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31;COUNT=100000000",
        2026..=2027,
        &[],
    );
    rule(
        "20260101",
        "FREQ=YEARLY;INTERVAL=1000000000",
        2026..=2027,
        &["2026-01-01"],
    );
    rule(
        "20260101",
        "FREQ=SECONDLY;INTERVAL=2147483647",
        2026..=2027,
        &["2026-01-01"],
    );
    // No COUNT: a minutely rule since 1970 jumps to the window.
    timed(
        "SUMMARY:x\nDTSTART:19700101T000000\nRRULE:FREQ=MINUTELY;INTERVAL=7;BYHOUR=9;BYMINUTE=0,1,2,3,4,5,6",
        2026..=2026,
        &(1..=365)
            .filter_map(|i| {
                let d = date(2026, 1, 1)
                    .checked_add(jiff::Span::new().days(i - 1))
                    .ok()?;
                Some(d.to_string())
            })
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    // With COUNT it must be counted from DTSTART: refused, with the rule named.
    let bytes =
        calendar(&["SUMMARY:x\nDTSTART;VALUE=DATE:20000101\nRRULE:FREQ=SECONDLY;COUNT=100000000"]);
    match read(&bytes, 2026..=2026) {
        Ok(_) => panic!("a secondly count from 2000 is too long to follow"),
        Err(e) => assert!(
            e.0.contains("event 1 (\"x\", line 4)'s recurrence needs more than"),
            "{e}"
        ),
    }
}

#[test]
fn filters_on_summary_description_and_categories() {
    let file = calendar(&[
        "SUMMARY:New Year's Day\nDESCRIPTION:Public holiday\nDTSTART;VALUE=DATE:20270101",
        "SUMMARY:Valentine's Day\nDESCRIPTION:Observance\\nTo hide observances, go to Google Calendar Settings\nDTSTART;VALUE=DATE:20270214",
        "SUMMARY:春节\nDTSTART;VALUE=DATE:20270206\nDTEND;VALUE=DATE:20270214\nCATEGORIES:Holiday",
        "SUMMARY:上班\nDTSTART;VALUE=DATE:20270220\nCATEGORIES:Workday",
    ]);
    let f = |only: &[&str], except: &[&str]| {
        let filter = Filter {
            only: only.iter().map(|s| s.to_string()).collect(),
            except: except.iter().map(|s| s.to_string()).collect(),
        };
        read_filtered(&file, 2027..=2027, &filter).map(|d| {
            d.into_iter()
                .map(|(d, _)| d.to_string())
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(f(&["public HOLIDAY"], &[]).unwrap(), ["2027-01-01"]);
    assert_eq!(f(&[], &["observance", "班"]).unwrap().len(), 1 + 8);
    assert_eq!(f(&["holiday"], &["observance"]).unwrap().len(), 1 + 8);
    assert_eq!(f(&[], &["workday"]).unwrap().len(), 1 + 1 + 8);
    let e = f(&["Bank holiday"], &[]).unwrap_err();
    assert!(
        e.0.contains("none of its 4 events is kept by only \"Bank holiday\""),
        "{e}"
    );
}

fn arb_rule() -> impl Strategy<Value = String> {
    let freq = prop_oneof![
        Just("SECONDLY"),
        Just("MINUTELY"),
        Just("HOURLY"),
        Just("DAILY"),
        Just("WEEKLY"),
        Just("MONTHLY"),
        Just("YEARLY"),
    ];
    let part = prop_oneof![
        (1u64..5_000_000_000).prop_map(|n| format!("INTERVAL={n}")),
        (1u64..200_000_000).prop_map(|n| format!("COUNT={n}")),
        (1990u32..2040).prop_map(|y| format!("UNTIL={y}0101")),
        (-400i32..400).prop_map(|n| format!("BYSETPOS={n}")),
        (-40i32..40).prop_map(|n| format!("BYMONTHDAY={n}")),
        (0i32..14).prop_map(|n| format!("BYMONTH={n}")),
        (-370i32..370).prop_map(|n| format!("BYYEARDAY={n}")),
        (-55i32..55).prop_map(|n| format!("BYWEEKNO={n}")),
        (0i32..25).prop_map(|n| format!("BYHOUR={n}")),
        (0i32..61).prop_map(|n| format!("BYMINUTE={n},{}", (n + 7) % 60)),
        (0i32..61).prop_map(|n| format!("BYSECOND={n}")),
        (-6i32..6, 0usize..7).prop_map(|(n, d)| {
            let day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][d];
            if n == 0 {
                format!("BYDAY={day}")
            } else {
                format!("BYDAY={n}{day}")
            }
        }),
        (0usize..7).prop_map(|d| format!("WKST={}", ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][d])),
    ];
    (freq, proptest::collection::vec(part, 0..5)).prop_map(|(f, parts)| {
        let mut seen = std::collections::HashSet::new();
        let mut rule = format!("FREQ={f}");
        for p in parts {
            let key = p.split('=').next().unwrap_or_default().to_string();
            if seen.insert(key) {
                rule.push(';');
                rule.push_str(&p);
            }
        }
        rule
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Any rule, however odd, is read or refused with a message, in a
    /// bounded time (the budget), and what it gives is in the window.
    #[test]
    fn random_rules_terminate_within_the_budget(
        rule in arb_rule(),
        start_year in 1950i16..2030,
        all_day in any::<bool>(),
        lo in 2020i16..2030,
    ) {
        let start = if all_day {
            format!("DTSTART;VALUE=DATE:{start_year}0615")
        } else {
            format!("DTSTART:{start_year}0615T101500")
        };
        let bytes = calendar(&[
            "SUMMARY:anchor\nDTSTART;VALUE=DATE:19000101",
            &format!("SUMMARY:r\n{start}\nRRULE:{rule}"),
        ]);
        let t = std::time::Instant::now();
        let got = read(&bytes, lo..=lo + 2);
        // Generous: a debug build on a loaded machine; the budget makes
        // the real bound.
        prop_assert!(t.elapsed() < std::time::Duration::from_secs(30), "{rule}");
        if let Ok(days) = got {
            prop_assert!(days.iter().all(|(d, _)| (lo..=lo + 2).contains(&d.year())));
            prop_assert!(days.windows(2).all(|w| w[0].0 < w[1].0));
        }
    }
}

/// RECURRENCE-ID;RANGE=THISANDFUTURE moves the instance it names and every
/// later one by as much (RFC 5545 §3.8.4.4), with the override's length.
#[test]
fn this_and_future_moves_later_instances() {
    let file = calendar(&[
        "UID:m\nSUMMARY:Monthly\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=MONTHLY;COUNT=5",
        "UID:m\nSUMMARY:Monthly (moved)\nRECURRENCE-ID;RANGE=THISANDFUTURE;VALUE=DATE:20260301\nDTSTART;VALUE=DATE:20260302\nDTEND;VALUE=DATE:20260304",
    ]);
    let got: Vec<String> = read(&file, 2026..=2026)
        .unwrap()
        .into_iter()
        .map(|(d, _)| d.to_string())
        .collect();
    assert_eq!(
        got,
        [
            "2026-01-01",
            "2026-02-01",
            "2026-03-02",
            "2026-03-03",
            "2026-04-02",
            "2026-04-03",
            "2026-05-02",
            "2026-05-03"
        ]
    );
}

/// An override of an instance the series no longer has (its date excluded,
/// or past UNTIL) is dropped; one whose series is not in the file stands
/// alone; of two versions, the higher SEQUENCE is read.
#[test]
fn stale_overrides_and_sequences() {
    let file = calendar(&[
        "UID:s\nSUMMARY:Series\nDTSTART;VALUE=DATE:20260105\nRRULE:FREQ=WEEKLY;COUNT=3\nEXDATE;VALUE=DATE:20260112",
        "UID:s\nSUMMARY:Moved\nRECURRENCE-ID;VALUE=DATE:20260112\nDTSTART;VALUE=DATE:20260113",
        "UID:o\nSUMMARY:Orphan\nRECURRENCE-ID;VALUE=DATE:20260201\nDTSTART;VALUE=DATE:20260202",
        "UID:v\nSUMMARY:Old\nSEQUENCE:1\nDTSTART;VALUE=DATE:20260301",
        "UID:v\nSUMMARY:New\nSEQUENCE:2\nDTSTART;VALUE=DATE:20260302",
    ]);
    let got: Vec<String> = read(&file, 2026..=2026)
        .unwrap()
        .into_iter()
        .map(|(d, n)| format!("{d} {}", n.unwrap_or_default()))
        .collect();
    assert_eq!(
        got,
        [
            "2026-01-05 Series",
            "2026-01-19 Series",
            "2026-02-02 Orphan",
            "2026-03-02 New"
        ]
    );
}
