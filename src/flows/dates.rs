//! The dates and instants a command line gives (`--from`, `--to`,
//! `--year`, `--now`, SOURCE_DATE_EPOCH), held to the years followup
//! handles (SPEC §11: 1970-2200), like every date an input holds.

use crate::ics::YEARS;
use jiff::Timestamp;
use jiff::civil::Date;

/// Why a year is refused, for a message.
fn outside(year: i16) -> String {
    format!(
        "the year {year} is outside the years {}-{} followup handles",
        YEARS.start(),
        YEARS.end()
    )
}

/// A `YYYY-MM-DD` argument (clap's value parser for `--from`, `--to`).
pub fn date(text: &str) -> Result<Date, String> {
    let d: Date = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a date; write YYYY-MM-DD, e.g. 2026-11-27"))?;
    year(d.year())?;
    Ok(d)
}

/// A year (`--year`).
pub fn year(y: i16) -> Result<i16, String> {
    if YEARS.contains(&y) {
        Ok(y)
    } else {
        Err(outside(y))
    }
}

/// A `--year` argument (clap's value parser).
pub fn year_arg(text: &str) -> Result<i16, String> {
    let y: i16 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a year; write e.g. 2027"))?;
    year(y)
}

/// "Now" from `--now` or SOURCE_DATE_EPOCH, in UTC.
pub fn now(t: Timestamp) -> Result<Timestamp, String> {
    year(t.to_zoned(jiff::tz::TimeZone::UTC).year()).map(|_| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_the_years_are_refused() {
        assert!(date("2026-11-27").is_ok());
        assert!(date("1970-01-01").is_ok() && date("2200-12-31").is_ok());
        assert!(date("0000-01-01").is_err_and(|e| e.contains("1970-2200")));
        assert!(date("9999-12-31").is_err_and(|e| e.contains("year 9999")));
        assert!(date("1969-12-31").is_err());
        assert!(year_arg("2201").is_err() && year_arg("2027") == Ok(2027));
        assert!(now(Timestamp::UNIX_EPOCH).is_ok());
        assert!(
            now("2300-01-01T00:00:00Z"
                .parse()
                .unwrap_or(Timestamp::UNIX_EPOCH))
            .is_err()
        );
    }
}
