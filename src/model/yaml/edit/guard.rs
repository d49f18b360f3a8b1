//! Applying the splices, then not trusting them: the result is refused
//! unless
//!
//! 1. a line diff of the original against the result (longest common
//!    subsequence of whole lines, line endings included) changes no
//!    original line outside the lines each splice was allowed to touch;
//! 2. the result parses, and its tree equals the original tree with the
//!    intended changes made to it (positions aside; mapping keys in any
//!    order);
//! 3. a file written with CRLF line endings gets no bare LF.
//!
//! So a wrong offset, a splice in the wrong entry or a value that reads
//! back differently (a quoting slip) is caught here, and nothing is
//! written: the editor fails closed.

use super::super::parse::parse;
use super::super::tree::{Node, Value};
use super::splice::{EditError, Splice};

/// More differing lines than this, between the first and the last change,
/// and the diff is not attempted (an edit never spans that much).
const MAX_DIFF_CELLS: usize = 4_000_000;

pub(super) fn apply_and_check(
    text: &str,
    mut splices: Vec<Splice>,
    expected: &Node,
) -> Result<String, EditError> {
    // Stable: two insertions at one place keep the order they were made in.
    splices.sort_by_key(|s| s.start);
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for s in &splices {
        if s.start < at {
            return Err(EditError("two edits overlap".to_string()));
        }
        out.push_str(&text[at..s.start]);
        out.push_str(&s.text);
        at = s.end;
    }
    out.push_str(&text[at..]);

    let allowed = |line: usize| splices.iter().any(|s| s.lines.contains(&line));
    if let Some(line) = changed_lines(text, &out)?
        .into_iter()
        .find(|&l| !allowed(l))
    {
        return Err(EditError(format!(
            "the edit would change line {}, outside the entry being edited",
            line + 1
        )));
    }
    match parse(&out) {
        Ok(Some(got)) if same(&got, expected) => {}
        Ok(_) => {
            return Err(EditError(
                "the edited text does not read back as intended".to_string(),
            ));
        }
        Err(e) => {
            return Err(EditError(format!(
                "the edited text is not valid YAML (line {}: {})",
                e.pos.line, e.message
            )));
        }
    }
    if text.contains("\r\n") && !text.replace("\r\n", "").contains('\n') {
        let bare = out.replace("\r\n", "");
        if bare.contains('\n') {
            return Err(EditError(
                "the edit would mix line endings in a CRLF file".to_string(),
            ));
        }
    }
    Ok(out)
}

/// The original lines (0-based) that a line diff of `old` against `new`
/// shows as removed or changed.
fn changed_lines(old: &str, new: &str) -> Result<Vec<usize>, EditError> {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    if (ma.len() + 1).saturating_mul(mb.len() + 1) > MAX_DIFF_CELLS {
        return Err(EditError("the edit spans too much of the file".to_string()));
    }
    // Longest common subsequence, then walk it: lines of `ma` not in it
    // are the ones the edit removed or changed.
    let w = mb.len() + 1;
    let mut lcs = vec![0u32; (ma.len() + 1) * w];
    for i in (0..ma.len()).rev() {
        for j in (0..mb.len()).rev() {
            lcs[i * w + j] = if ma[i] == mb[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut changed = Vec::new();
    while i < ma.len() {
        if j < mb.len() && ma[i] == mb[j] {
            i += 1;
            j += 1;
        } else if j < mb.len() && lcs[i * w + j + 1] >= lcs[(i + 1) * w + j] {
            j += 1;
        } else {
            changed.push(prefix + i);
            i += 1;
        }
    }
    Ok(changed)
}

/// Two trees hold the same values (positions aside; a mapping's keys in
/// any order).
fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .find(|(k2, _)| k2.name == k.name)
                        .is_some_and(|(_, v2)| same(v, v2))
                })
        }
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (x, y) => x == y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_names_changed_and_removed_lines_only() {
        let old = "a\nb\nc\nd\n";
        assert_eq!(changed_lines(old, "a\nb\nx\nc\nd\n").ok(), Some(vec![]));
        assert_eq!(changed_lines(old, "a\nB\nc\nd\n").ok(), Some(vec![1]));
        assert_eq!(changed_lines(old, "a\nc\nd\n").ok(), Some(vec![1]));
        assert_eq!(changed_lines(old, "a\r\nb\nc\nd\n").ok(), Some(vec![0]));
        assert_eq!(changed_lines("a", "a\nb").ok(), Some(vec![0]));
    }

    fn splice(
        start: usize,
        end: usize,
        text: &str,
        lines: std::ops::RangeInclusive<usize>,
    ) -> Splice {
        Splice {
            start,
            end,
            text: text.to_string(),
            lines,
        }
    }

    #[test]
    fn a_wrong_splice_is_refused() {
        let text = "a: 1\nb: 2\nc: 3\n";
        let expected = |t: &str| parse(t).ok().flatten().unwrap_or_else(|| panic!("{t}"));
        // Right: b changed on the line it may touch.
        let ok = apply_and_check(
            text,
            vec![splice(8, 9, "5", 1..=1)],
            &expected("a: 1\nb: 5\nc: 3\n"),
        );
        assert_eq!(ok.as_deref(), Ok("a: 1\nb: 5\nc: 3\n"));
        // A splice on a line outside its range.
        let outside = apply_and_check(
            text,
            vec![splice(14, 15, "5", 1..=1)],
            &expected("a: 1\nb: 2\nc: 5\n"),
        );
        assert!(outside.is_err_and(|e| e.0.contains("line 3")));
        // A value that reads back differently (a quoting slip).
        let slip = apply_and_check(
            text,
            vec![splice(8, 9, "true", 1..=1)],
            &expected("a: 1\nb: 'true'\nc: 3\n"),
        );
        assert!(slip.is_err_and(|e| e.0.contains("does not read back")));
        // Broken YAML.
        let broken = apply_and_check(text, vec![splice(8, 9, "[", 1..=1)], &expected(text));
        assert!(broken.is_err_and(|e| e.0.contains("not valid YAML")));
        // A bare LF in a CRLF file.
        let crlf = "a: 1\r\nb: 2\r\n";
        let mixed = apply_and_check(
            crlf,
            vec![splice(12, 12, "c: 3\n", 1..=1)],
            &expected("a: 1\nb: 2\nc: 3\n"),
        );
        assert!(mixed.is_err_and(|e| e.0.contains("mix line endings")));
        // Overlapping edits.
        let overlap = apply_and_check(
            text,
            vec![splice(8, 9, "5", 1..=1), splice(8, 9, "6", 1..=1)],
            &expected(text),
        );
        assert!(overlap.is_err_and(|e| e.0.contains("overlap")));
    }

    #[test]
    fn trees_compare_without_positions_and_key_order() {
        let p = |t: &str| parse(t).ok().flatten().unwrap_or_else(|| panic!("{t}"));
        assert!(same(&p("a: 1\nb: [x]\n"), &p("{b: [x], a: 1}")));
        assert!(!same(&p("a: 1\n"), &p("a: '1'\n")));
        assert!(!same(&p("a: [x, y]\n"), &p("a: [y, x]\n")));
    }
}
