//! One large file parsed on every core.
//!
//! A staffing agency's file holds thousands of interviews, and parsing is
//! the longest stage that runs before anything else can start (about 130 ms
//! of one core for 10,000 interviews, see docs/PERFORMANCE.md). YAML cannot
//! be parsed from the middle in general, but the `interviews` list of a
//! followup file has a shape that makes safe cut points easy to find: the
//! top-level line `interviews:` followed by block-sequence entries that all
//! start at one indentation `n` (`  - id: …`).
//!
//! Why a line `<n spaces>- ` inside that list always starts a new entry
//! (YAML 1.2 §8.2.1, §8.1, §7.3, §7.4): a block scalar there belongs to a
//! node indented more than `n`, so its content is too and the line ends it;
//! a plain scalar continues only on lines indented more than its parent;
//! only quoted scalars and flow collections (`"…"`, `[…]`, `{…}`) could
//! still be open across such a line, and then the piece before the cut ends
//! inside them and fails to parse on its own.
//!
//! So the text is cut at such lines (only between the `interviews:` line and
//! the first line indented less than `n`), each piece after the first is
//! parsed as `interviews:\n` + piece, and the entries are joined in order,
//! with line numbers put back. Whenever anything is unusual (a piece that
//! fails, an alias to an anchor in another piece, a top-level key repeated
//! across pieces, aliases over budget, tabs or lone carriage returns), the
//! whole text is parsed again on one thread, so the result and every error
//! message are those of [`parse`]. Tests compare the two on the
//! fixtures, on generated files and on mutated ones.

use super::parse::{MAX_ALIAS_NODES, SyntaxError, parse, parse_counted};
use super::tree::{Key, Node, Value};
use rayon::prelude::*;

/// Below this size one thread is faster than cutting and joining.
const MIN_PARALLEL: usize = 256 * 1024;

/// How each piece after the first begins, so that it parses as a document.
const HEAD: &str = "interviews:\n";

/// [`parse`], on every core for a large file. Same result, same
/// errors.
pub fn parse_parallel(text: &str) -> Result<Option<Node>, SyntaxError> {
    parse_in(text, MIN_PARALLEL, rayon::current_num_threads())
}

/// [`parse_parallel`] with the size threshold and the number of pieces
/// given (tests cut small texts into many pieces).
pub(super) fn parse_in(
    text: &str,
    min_len: usize,
    pieces: usize,
) -> Result<Option<Node>, SyntaxError> {
    if text.len() >= min_len
        && pieces > 1
        && let Some(cuts) = cut_points(text, pieces)
        && let Some(root) = parse_pieces(text, &cuts)
    {
        return Ok(Some(root));
    }
    parse(text)
}

/// A place to cut: the byte offset of a line `<n spaces>- `, its 1-based
/// line number, and `n`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cut {
    at: usize,
    line: u32,
    indent: usize,
}

/// Lines of `text` with their byte offsets; `\r\n` counts as one break.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        let l = l.strip_suffix('\n').unwrap_or(l);
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// What a line is, seen from the `interviews` list at indentation `n`.
enum Line {
    /// Blank or a comment: says nothing.
    Nothing,
    /// Indented `indent` spaces, then not a tab.
    At { indent: usize, entry: bool },
    /// Indentation that contains a tab: not for us to judge.
    Unclear,
}

fn classify(line: &str) -> Line {
    let body = line.trim_start_matches(' ');
    let indent = line.len() - body.len();
    if body.starts_with('\t') {
        return if body.trim().is_empty() {
            Line::Nothing
        } else {
            Line::Unclear
        };
    }
    if body.is_empty() || body.starts_with('#') {
        return Line::Nothing;
    }
    let entry = body == "-" || body.starts_with("- ");
    Line::At { indent, entry }
}

/// Up to `pieces - 1` cuts of equal size, or `None` when the text does not
/// have the simple shape described in the module docs.
fn cut_points(text: &str, pieces: usize) -> Option<Vec<Cut>> {
    // A lone `\r` is a YAML line break that `lines` would not see.
    let bytes = text.as_bytes();
    if bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
    {
        return None;
    }
    let mut lines = lines(text).zip(1u32..);
    // The top-level key, alone on its line (a comment may follow).
    lines.by_ref().find(|((_, l), _)| {
        l.strip_prefix("interviews:")
            .is_some_and(|rest| rest.trim_start().is_empty() || rest.trim_start().starts_with('#'))
    })?;
    let mut indent = None;
    let mut entries = Vec::new();
    for ((at, l), line) in lines {
        match classify(l) {
            Line::Nothing => continue,
            Line::Unclear => return None,
            Line::At { indent: i, entry } => {
                let n = *indent.get_or_insert(i);
                if !entry && i == n && n > 0 {
                    // Not an entry, at the list's own indentation: unusual.
                    return None;
                }
                if i < n || (i == n && !entry) {
                    break;
                }
                if i == n && l.as_bytes().get(i + 1) == Some(&b' ') {
                    entries.push(Cut {
                        at,
                        line,
                        indent: n,
                    });
                }
            }
        }
    }
    if indent.is_none() || entries.len() < pieces {
        return None;
    }
    // The first entry stays in the first piece; cut near equal sizes.
    let mut cuts: Vec<Cut> = Vec::with_capacity(pieces - 1);
    let span = text.len() / pieces;
    for k in 1..pieces {
        let target = span * k;
        let i = entries.partition_point(|c| c.at < target).max(1);
        if let Some(&c) = entries.get(i)
            && cuts.last().is_none_or(|last| last.at < c.at)
        {
            cuts.push(c);
        }
    }
    (!cuts.is_empty()).then_some(cuts)
}

/// Parses the pieces on every core and joins them; `None` when the result
/// might differ from a parse of the whole.
fn parse_pieces(text: &str, cuts: &[Cut]) -> Option<Node> {
    // A piece ends after the next entry's indentation, not before it: the
    // parser's span of a block scalar reaches the next token, so the last
    // scalar of a piece gets the length it has in the whole text.
    // Each piece: (from, to, line of `from`; 0 for the first piece).
    let starts = std::iter::once((0, 0)).chain(cuts.iter().map(|c| (c.at, c.line)));
    let ends = cuts.iter().map(|c| c.at + c.indent).chain([text.len()]);
    let bounds: Vec<(usize, usize, u32)> = starts
        .zip(ends)
        .map(|((from, line), to)| (from, to, line))
        .collect();
    let parsed: Vec<Option<(Option<Node>, usize)>> = bounds
        .par_iter()
        .map(|&(from, to, line)| {
            let piece = text.get(from..to)?;
            if line == 0 {
                parse_counted(piece).ok()
            } else {
                let mut doc = String::with_capacity(HEAD.len() + piece.len());
                doc.push_str(HEAD);
                doc.push_str(piece);
                let (mut root, aliases) = parse_counted(&doc).ok()?;
                // Line 2 of `doc` is line `line` of the text.
                if let Some(root) = root.as_mut() {
                    shift_lines(root, line.saturating_sub(2));
                }
                Some((root, aliases))
            }
        })
        .collect();
    let mut parsed = parsed.into_iter();
    let (first, mut aliases) = parsed.next()??;
    let mut root = first?;
    let Value::Map(top) = &mut root.value else {
        return None;
    };
    let (key, list) = top.last_mut()?;
    if key.name != "interviews" {
        return None;
    }
    let Value::Seq(items) = &mut list.value else {
        return None;
    };
    let last = cuts.len();
    let mut tail: Vec<(Key, Node)> = Vec::new();
    for (i, piece) in parsed.enumerate() {
        let (piece, used) = piece?;
        aliases += used;
        let Value::Map(entries) = piece?.value else {
            return None;
        };
        let mut entries = entries.into_iter();
        let (key, more) = entries.next()?;
        let Value::Seq(more) = more.value else {
            return None;
        };
        if key.name != "interviews" {
            return None;
        }
        items.extend(more);
        // Keys after the list can only be in the last piece.
        if i + 1 == last {
            tail.extend(entries);
        } else if entries.next().is_some() {
            return None;
        }
    }
    if aliases > MAX_ALIAS_NODES {
        return None;
    }
    for (k, v) in tail {
        if top.iter().any(|(t, _)| t.name == k.name) {
            return None;
        }
        top.push((k, v));
    }
    Some(root)
}

/// Adds `by` to the line of every position in `node`.
fn shift_lines(node: &mut Node, by: u32) {
    node.pos.line = node.pos.line.saturating_add(by);
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| shift_lines(n, by)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            k.pos.line = k.pos.line.saturating_add(by);
            shift_lines(v, by);
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Both ways of parsing `text` agree, result and error alike, for every
    /// number of pieces from 2 to 6.
    #[track_caller]
    fn same(text: &str) {
        let whole = format!("{:?}", parse(text));
        for pieces in 2..=6 {
            let split = format!("{:?}", parse_in(text, 0, pieces));
            assert_eq!(split, whole, "{pieces} pieces of:\n{text}");
        }
    }

    /// The cut path itself ran (rather than the fallback) for `text`.
    #[track_caller]
    fn was_cut(text: &str, pieces: usize) -> bool {
        cut_points(text, pieces).is_some_and(|cuts| parse_pieces(text, &cuts).is_some())
    }

    fn item(i: usize, extra: &str) -> String {
        format!(
            "  - id: iv{i}\n    company: \"Company {i}\"\n    start: 2026-12-0{}T10:00\n    interviewers:\n      - {{ name: \"Zoë {i}\", email: z{i}@example.com }}\n{extra}",
            1 + i % 9
        )
    }

    fn doc(items: &[String], after: &str) -> String {
        format!(
            "candidate:\n  name: Sam\ndefaults:\n  reminders: [15m]\ninterviews:\n{}{after}",
            items.concat()
        )
    }

    #[test]
    fn the_fixtures_parse_the_same_in_pieces() {
        for name in ["example.yaml", "closures.yaml"] {
            let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            same(&text);
            assert!(was_cut(&text, 2), "{name} was not cut");
        }
    }

    #[test]
    fn a_plain_list_is_cut_and_lines_are_kept() {
        let items: Vec<String> = (0..40).map(|i| item(i, "")).collect();
        let text = doc(&items, "");
        same(&text);
        assert!(was_cut(&text, 4));
        let root = parse_in(&text, 0, 4).unwrap().unwrap();
        let Value::Map(top) = &root.value else {
            panic!("not a map")
        };
        let Value::Seq(list) = &top[2].1.value else {
            panic!("no list")
        };
        assert_eq!(list.len(), 40);
        // Entry 39 starts on line 5 + 39 * 5 + 1.
        assert_eq!(list[39].pos.line, 5 + 39 * 5 + 1);
        assert_eq!(list[39].pos.col, 5);
    }

    #[test]
    fn hazards_fall_back_or_agree() {
        let items: Vec<String> = (0..12).map(|i| item(i, "")).collect();
        let with = |i: usize, extra: &str| {
            let mut v = items.clone();
            v[i] = item(i, extra);
            v
        };
        let cases = [
            // A top-level block scalar after the list holds lines that look
            // like entries.
            doc(&items, "notes: |\n  - id: fake\n  - id: fake2\n"),
            // A quoted scalar and a flow list open across entry lines.
            doc(
                &with(3, "    notes: \"open\n  - id: inside\n  - id: inside2\"\n"),
                "",
            ),
            doc(&with(3, "    topics: [a,\n  - id: inside, b]\n"), ""),
            // Block scalars inside entries.
            doc(
                &with(5, "    notes: |\n      - id: not an entry\n      two\n"),
                "",
            ),
            doc(
                &with(5, "    notes: >-\n      folded\n\n      - more\n"),
                "",
            ),
            doc(&with(5, "    notes: |+\n      keep\n\n"), ""),
            doc(&with(5, "    notes: |-\n      strip\n\n\n"), ""),
            doc(&with(5, "    notes: plain\n      continued\n\n"), ""),
            // Anchors and aliases, within and across pieces.
            doc(&with(1, "    tz: &z Europe/Berlin\n"), ""),
            doc(
                &{
                    let mut v = with(1, "    tz: &z Europe/Berlin\n");
                    v[10] = item(10, "    tz: *z\n");
                    v
                },
                "",
            ),
            // Keys after the list, one of them repeated from before it.
            doc(&items, "policy:\n  max_follow_ups: 2\n"),
            doc(&items, "candidate:\n  name: Twice\n"),
            // Comments at every indentation, blank lines, a document end.
            doc(
                &with(6, "# a comment at column 0\n\n  # at the list's\n"),
                "",
            ),
            doc(&items, "...\n"),
            doc(&items, "---\nmore: doc\n"),
            // A tab, a lone carriage return, Windows line ends.
            doc(&with(4, "\t- x\n"), ""),
            doc(&with(4, "    notes: a\rb\n"), ""),
            doc(&items, "").replace('\n', "\r\n"),
            // A syntax error late in the file.
            doc(&with(11, "    bad: [\n"), ""),
            // Entries at column 0, and indented by four.
            doc(&items, "").replace("\n  ", "\n"),
            doc(&items, "").replace("\n  ", "\n    "),
            // A list that is not the value's only form.
            doc(&items, "").replace("interviews:\n", "interviews: &all\n"),
            doc(&items, "").replace("interviews:\n", "interviews: # the list\n"),
        ];
        for text in &cases {
            same(text);
        }
        // The usual shapes still take the cut path.
        assert!(was_cut(&cases[0], 2), "keys after the list");
        assert!(was_cut(&cases[3], 2), "block scalars in entries");
        assert!(was_cut(&cases[17], 2), "CRLF");
        assert!(was_cut(&cases[19], 2), "column 0");
        assert!(!was_cut(&cases[1], 2) || !was_cut(&cases[1], 3));
    }

    proptest! {
        /// Random edits of a valid file: a line cut, duplicated or moved,
        /// or a hazard inserted anywhere; both parses always agree.
        #[test]
        fn edited_files_parse_the_same(
            n in 4usize..24,
            edits in proptest::collection::vec((0usize..1000, 0usize..12), 0..4),
        ) {
            let items: Vec<String> = (0..n).map(|i| item(i, "")).collect();
            let text = doc(&items, "policy:\n  max_follow_ups: 2\n");
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            let hazards = [
                "notes: |", "  - id: x", "- id: y", "\"", "[", "]", "  # c", "&a", "*a",
                "\t", "interviews:", "...",
            ];
            for (at, what) in edits {
                let at = at % lines.len();
                match what {
                    0 => { lines.remove(at); }
                    1 => { let l = lines[at].clone(); lines.insert(at, l); }
                    k => {
                        let h = hazards[k % hazards.len()];
                        if k % 2 == 0 {
                            lines.insert(at, h.to_string());
                        } else {
                            lines[at].push_str(h);
                        }
                    }
                }
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            let text = lines.join("\n") + "\n";
            let whole = format!("{:?}", parse(&text));
            for pieces in 2..=4 {
                prop_assert_eq!(format!("{:?}", parse_in(&text, 0, pieces)), whole.clone());
            }
        }
    }
}
