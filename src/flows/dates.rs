//! Dates typed on the command line (SPEC §8 reading): `YYYY-MM-DD`,
//! `today`, `tomorrow`, `yesterday`, `+3d`, `-2d`, `+1w`, resolved against
//! "today" in the zone the flag is about (the employer's for `--on`).
//!
//! Every date flag of the editing commands goes through [`resolve_date`],
//! one small pure function, so that one parser serves every flag.

use jiff::civil::Date;

/// Reads a date flag's `text` relative to `today`.
///
/// # Example
///
/// ```
/// use followup::flows::dates::resolve_date;
/// use jiff::civil::date;
/// let today = date(2026, 11, 30);
/// assert_eq!(resolve_date("tomorrow", today), Ok(date(2026, 12, 1)));
/// assert_eq!(resolve_date("-2d", today), Ok(date(2026, 11, 28)));
/// assert_eq!(resolve_date("+1w", today), Ok(date(2026, 12, 7)));
/// assert_eq!(resolve_date("2026-11-18", today), Ok(date(2026, 11, 18)));
/// ```
pub fn resolve_date(text: &str, today: Date) -> Result<Date, String> {
    let t = text.trim();
    let shift = |days: i64| {
        today
            .checked_add(jiff::Span::new().days(days))
            .map_err(|_| format!("{text:?} is outside the supported dates"))
    };
    match t.to_ascii_lowercase().as_str() {
        "today" => return Ok(today),
        "tomorrow" => return shift(1),
        "yesterday" => return shift(-1),
        _ => {}
    }
    if let Some(rest) = t.strip_prefix(['+', '-']) {
        let sign = if t.starts_with('-') { -1 } else { 1 };
        let (digits, unit) = rest.split_at(rest.len().saturating_sub(1));
        let per = match unit {
            "d" | "D" => 1,
            "w" | "W" => 7,
            _ => 0,
        };
        if per > 0
            && !digits.is_empty()
            && digits.len() <= 5
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = digits.parse::<i64>()
        {
            return shift(sign * n * per);
        }
    }
    t.parse::<Date>().map_err(|_| {
        format!(
            "{text:?} is not a date: write YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d or +1w"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[track_caller]
    fn case(text: &str, want: Option<Date>) {
        assert_eq!(resolve_date(text, date(2026, 12, 31)).ok(), want, "{text}");
    }

    #[test]
    fn words_offsets_and_iso_dates() {
        case("today", Some(date(2026, 12, 31)));
        case("Today", Some(date(2026, 12, 31)));
        case("yesterday", Some(date(2026, 12, 30)));
        case("tomorrow", Some(date(2027, 1, 1)));
        case("+3d", Some(date(2027, 1, 3)));
        case("-2d", Some(date(2026, 12, 29)));
        case("+1w", Some(date(2027, 1, 7)));
        case("-0d", Some(date(2026, 12, 31)));
        case("2026-02-28", Some(date(2026, 2, 28)));
        case("2026-02-30", None);
        case("+d", None);
        case("3d", None);
        case("+3m", None);
        case("+99999999d", None);
        case("next week", None);
    }
}
