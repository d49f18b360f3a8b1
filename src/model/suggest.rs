//! "Did you mean …?" for keys, zones, weekdays, channels and statuses.
//!
//! Uses `strsim`'s Damerau–Levenshtein and Jaro–Winkler scores: the first
//! catches typos (`timezome`), the second long names with a slip
//! (`America/New_Yrok`). A case-insensitive exact match always wins. No
//! time is spent on a value longer than [`MAX_SUGGESTED`] characters
//! (SPEC §11): edit distance is quadratic, and no typo of a key or a zone
//! name is that long.

/// Values longer than this many characters get no suggestion.
pub const MAX_SUGGESTED: usize = 64;

/// The closest candidate to `wrong`, if one is close enough to be a likely
/// typo; `None` at once for a value longer than [`MAX_SUGGESTED`].
pub fn closest<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    if wrong.len() > MAX_SUGGESTED && wrong.chars().count() > MAX_SUGGESTED {
        return None;
    }
    let lower = wrong.to_lowercase();
    let mut best: Option<(&'a str, f64)> = None;
    for c in candidates {
        let cl = c.to_lowercase();
        if cl == lower {
            return Some(c);
        }
        let distance = strsim::damerau_levenshtein(&lower, &cl);
        let jw = strsim::jaro_winkler(&lower, &cl);
        let allowed = (cl.chars().count() / 3).clamp(1, 3);
        let score = if distance <= allowed {
            2.0 - distance as f64 / 10.0
        } else if jw >= 0.9 {
            jw
        } else {
            continue;
        };
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

/// `did you mean "x"?` or the list of valid values when none is close.
pub fn hint(wrong: &str, candidates: &[&str]) -> String {
    match closest(wrong, candidates.iter().copied()) {
        Some(c) => format!("did you mean \"{c}\"?"),
        None => format!("expected one of: {}", candidates.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        case("timezome", &["timezone", "topics"], Some("timezone"));
        case(
            "America/New_Yrok",
            &["America/New_York", "America/Newark"],
            Some("America/New_York"),
        );
        case("europe/berlin", &["Europe/Berlin"], Some("Europe/Berlin"));
        case(
            "rejectd",
            &["waiting", "offer", "rejected", "withdrawn"],
            Some("rejected"),
        );
        case("xyz", &["waiting", "offer"], None);
        case("saturday", &["sat", "sun"], None);
        // Issue 13: a long value gets no suggestion (and costs no time).
        let long = format!("America/New_York{}", "k".repeat(MAX_SUGGESTED));
        case(&long, &["America/New_York"], None);
        case(&"a".repeat(1_000_000), &["a"], None);
    }

    #[track_caller]
    fn case(wrong: &str, cands: &[&str], want: Option<&str>) {
        assert_eq!(closest(wrong, cands.iter().copied()), want, "{wrong}");
    }
}
