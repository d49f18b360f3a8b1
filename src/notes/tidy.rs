//! Small text repairs shared by the notes: one-line names, trimming in
//! place, and the punctuation fixes a filled-in sentence may need (SPEC §9:
//! no doubled space or period when a value ends the way a sentence does).
//!
//! Pure: no I/O.

use std::borrow::Cow;

use crate::model::kinds::Language;

/// One clean line: trimmed, with inner runs of whitespace (a newline in a
/// YAML name, a tab) as one space. Borrows unless there is something to fix.
pub(super) fn tidy(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    // Plain ASCII (the usual case) is checked byte by byte.
    let clean = if s.is_ascii() {
        let mut prev_space = false;
        s.bytes().all(|b| {
            let space = b.is_ascii_whitespace() || b == 0x0b;
            let ok = !space || (b == b' ' && !prev_space);
            prev_space = space;
            ok
        })
    } else {
        let mut prev_space = false;
        s.chars().all(|c| {
            let ok = !c.is_whitespace() || (c == ' ' && !prev_space);
            prev_space = c.is_whitespace();
            ok
        })
    };
    if clean {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(one_line(s))
    }
}

/// `s` with every run of whitespace as one space, trimmed.
pub(super) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`tidy`], owned; `None` for a missing or blank value.
pub(super) fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(tidy).filter(|s| !s.is_empty()).map(Cow::into_owned)
}

/// Each of `list` tidied, the blank ones left out.
pub(super) fn tidy_all(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|t| tidy(t))
        .filter(|t| !t.is_empty())
        .map(Cow::into_owned)
        .collect()
}

/// Replaces `s` by [`tidy`]`(s)` when that differs.
pub(super) fn tidy_in_place(s: &mut String) {
    if let Cow::Owned(clean) = tidy(s) {
        *s = clean;
    } else {
        trim_in_place(s);
    }
}

/// Trims `s` without reallocating.
pub(super) fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
}

/// The repairs a sentence may need once its values are in, applied to
/// `s[from..]`:
///
/// - a sentence's period after a value that already ends one is dropped:
///   "Sakura Analytics K.K." + "." stays "K.K.", "Yahoo!" + "." stays
///   "Yahoo!" (an ellipsis "..." is kept);
/// - in French, the space before `:` `;` `?` `!` becomes a no-break space
///   (U+00A0), as French typography asks, so the sign never starts a line.
///
/// Cheap when there is nothing to do: one scan for the bytes concerned.
pub(super) fn repair(s: &mut String, from: usize, lang: Language) {
    let tail = s.get(from..).unwrap_or("");
    let needs_period = tail
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b'.');
    let needs_french = lang == Language::Fr
        && tail
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b' ' && matches!(w[1], b':' | b';' | b'?' | b'!'));
    if !needs_period && !needs_french {
        return;
    }
    let mut out = String::with_capacity(tail.len() + 8);
    let chars: Vec<char> = tail.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '.' || c == '!' || c == '?' {
            // A run of sentence marks: keep an ellipsis, drop a period that
            // only repeats the end of the run.
            let start = i;
            while i < chars.len() && matches!(chars[i], '.' | '!' | '?') {
                i += 1;
            }
            let run = &chars[start..i];
            let dots = run.iter().filter(|&&c| c == '.').count();
            if dots == run.len() && dots >= 3 {
                out.push_str("...");
            } else if run.len() >= 2 && run[run.len() - 1] == '.' {
                // "K.K.." → "K.K.", "Yahoo!." → "Yahoo!": the marks before
                // the last period already end the sentence.
                let mut kept: Vec<char> = run[..run.len() - 1].to_vec();
                while kept.len() >= 2 && kept[kept.len() - 1] == '.' && kept[kept.len() - 2] == '.'
                {
                    kept.pop();
                }
                out.extend(kept);
            } else {
                out.extend(run);
            }
            continue;
        }
        if needs_french && c == ' ' && matches!(chars.get(i + 1), Some(':' | ';' | '?' | '!')) {
            out.push('\u{a0}');
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    s.truncate(from);
    s.push_str(&out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(lang: Language, input: &str, want: &str) {
        let mut s = String::from("x ");
        s.push_str(input);
        repair(&mut s, 2, lang);
        assert_eq!(&s[2..], want, "{input:?}");
    }

    #[test]
    fn repairs() {
        use Language::*;
        case(
            En,
            "I joined Sakura Analytics K.K..",
            "I joined Sakura Analytics K.K.",
        );
        case(En, "at Yahoo!.", "at Yahoo!");
        case(En, "a pause... then.", "a pause... then.");
        case(En, "odd....", "odd...");
        case(En, "Ready? Yes.", "Ready? Yes.");
        case(En, "nothing to do here, see.", "nothing to do here, see.");
        case(
            Fr,
            "Des nouvelles ? Oui : bien !",
            "Des nouvelles\u{a0}? Oui\u{a0}: bien\u{a0}!",
        );
        case(Fr, "déjà\u{a0}? bien.", "déjà\u{a0}? bien.");
        case(De, "Neuigkeiten ? ja", "Neuigkeiten ? ja");
        case(En, "Inc.. And K.K..", "Inc. And K.K.");
    }

    #[test]
    fn tidies() {
        assert_eq!(tidy("  Mark\n Lee "), "Mark Lee");
        assert_eq!(tidy("Zoë  Ng"), "Zoë Ng");
        assert_eq!(non_empty(Some("  ")), None);
        let mut s = String::from("  a  b ");
        tidy_in_place(&mut s);
        assert_eq!(s, "a b");
    }
}
