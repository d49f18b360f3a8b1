//! The one renderer of diagnostics (SPEC §7): the message, where it is
//! (file, line, column), the source line with the offending value
//! underlined, the field path and the fix. Pure: it returns text, the faces
//! print it.

use super::diagnostic::{Diagnostic, Severity};
use super::terminal::escape;
use std::fmt::Write as _;

/// How the faces show diagnostics: in colour or not, and whether warnings
/// are left out (`--quiet`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    pub quiet: bool,
}

impl Style {
    /// Every diagnostic of `diags` as the faces print it, warnings left out
    /// under `quiet`. `source` is the file's bytes, for the snippets; read
    /// lossily, so a file with a bad byte still shows the line around it.
    pub fn render(&self, diags: &[Diagnostic], source: Option<&[u8]>) -> String {
        let text = source.map(String::from_utf8_lossy);
        let mut out = String::new();
        for d in diags {
            if !d.is_error() && self.quiet {
                continue;
            }
            out.push_str(&d.render(text.as_deref(), self.color));
        }
        out
    }
}

impl Diagnostic {
    /// Renders the diagnostic as the CLI prints it:
    ///
    /// ```text
    /// error: unknown timezone "America/New_Yrok"
    ///   --> interviews.yaml:7:15
    ///    |
    ///  7 |     timezone: America/New_Yrok
    ///    |               ^^^^^^^^^^^^^^^^
    ///    = field: interviews[0].timezone
    ///    = help: did you mean "America/New_York"?
    /// ```
    ///
    /// `source` is the file's text, when at hand, for the snippet.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let (bold_red, bold_yellow, blue, reset) = if color {
            ("\x1b[1;31m", "\x1b[1;33m", "\x1b[1;34m", "\x1b[0m")
        } else {
            ("", "", "", "")
        };
        let mark = match self.severity {
            Severity::Error => bold_red,
            Severity::Warning => bold_yellow,
        };
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => format!("{bold_red}error{reset}"),
            Severity::Warning => format!("{bold_yellow}warning{reset}"),
        };
        // The user's text is in the message, the path, the file name and
        // the source line: escaped, so no byte of it is a terminal command
        // (SPEC §11).
        let _ = writeln!(out, "{label}: {}", escape(&self.message));
        let file = if self.file.is_empty() {
            "<input>".into()
        } else {
            escape(&self.file)
        };
        // The source line; the first line of an empty file is an empty line
        // (so "the file is empty" still points somewhere).
        let line_text = self.pos.filter(|p| p.line > 0).and_then(|p| {
            source
                .and_then(|s| {
                    s.lines()
                        .nth(p.line as usize - 1)
                        .or((p.line == 1).then_some(""))
                })
                .map(|l| (p, l))
        });
        match self.pos.filter(|p| p.line > 0) {
            Some(p) => {
                let _ = writeln!(out, "  {blue}-->{reset} {file}:{}:{}", p.line, p.col);
            }
            None => {
                let _ = writeln!(out, "  {blue}-->{reset} {file}");
            }
        }
        let gutter = line_text
            .map(|(p, _)| p.line.to_string().len())
            .unwrap_or(1);
        let pad = " ".repeat(gutter);
        if let Some((p, text)) = line_text {
            // The line as the terminal shows it: its first 200 characters,
            // escaped (a control character or a tab takes the width of its
            // escape); the marks go under the same characters, escaped the
            // same way.
            let text: String = text.chars().take(200).collect();
            let before = p.col.saturating_sub(1) as usize;
            let head: String = text.chars().take(before).collect();
            let indent = " ".repeat(escape(&head).chars().count());
            let rest: String = text.chars().skip(before).collect();
            let under: String = rest.chars().take(self.len as usize).collect();
            // The whole value, clipped to the line (a block scalar or a
            // collection runs on); never less than one mark.
            let width = escape(&under).chars().count().max(1);
            let marks = "^".repeat(width);
            let _ = writeln!(out, "{pad} {blue}|{reset}");
            let _ = writeln!(
                out,
                "{blue}{}{reset} {blue}|{reset} {}",
                p.line,
                escape(&text)
            );
            let _ = writeln!(out, "{pad} {blue}|{reset} {indent}{mark}{marks}{reset}");
        }
        if !self.path.is_empty() {
            let _ = writeln!(out, "{pad} {blue}={reset} field: {}", escape(&self.path));
        }
        if let Some(h) = &self.hint {
            let _ = writeln!(out, "{pad} {blue}={reset} help: {}", escape(h));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::yaml::Pos;

    #[test]
    fn renders_snippet_with_caret_path_and_help() {
        let src = "interviews:\n  - id: a\n    timezone: America/New_Yrok\n";
        let d = Diagnostic::error(
            "interviews[0].timezone",
            Some(Pos { line: 3, col: 15 }),
            "unknown timezone \"America/New_Yrok\"",
        )
        .with_len(16)
        .with_hint("did you mean \"America/New_York\"?")
        .in_file("in.yaml");
        let want = "error: unknown timezone \"America/New_Yrok\"\n  --> in.yaml:3:15\n  |\n3 |     timezone: America/New_Yrok\n  |               ^^^^^^^^^^^^^^^^\n  = field: interviews[0].timezone\n  = help: did you mean \"America/New_York\"?\n";
        assert_eq!(d.render(Some(src), false), want);
    }

    #[test]
    fn underline_is_clipped_to_the_line_and_never_empty() {
        let src = "a:\n\tb: |\n";
        let d = |col, len| {
            Diagnostic::error("b", Some(Pos { line: 2, col }), "x")
                .with_len(len)
                .render(Some(src), false)
        };
        // A tab is shown as `\t`, two characters wide.
        assert!(
            d(5, 40).contains("\n2 | \\tb: |\n  |      ^\n"),
            "{}",
            d(5, 40)
        );
        assert!(
            d(6, 3).contains("\n  |       ^\n"),
            "past the end: {}",
            d(6, 3)
        );
        assert!(d(2, 0).contains("\n  |   ^\n"), "{}", d(2, 0));
    }

    #[test]
    fn colour_marks_errors_red_and_warnings_yellow() {
        let src = "k: v\n";
        let e = Diagnostic::error("k", Some(Pos { line: 1, col: 4 }), "x");
        assert!(e.render(Some(src), true).contains("\x1b[1;31m^\x1b[0m"));
        let w = Diagnostic::warning("k", Some(Pos { line: 1, col: 4 }), "x");
        assert!(w.render(Some(src), true).contains("\x1b[1;33m^\x1b[0m"));
        assert!(!w.render(Some(src), false).contains('\x1b'));
    }

    /// Issue 13: ESC, BEL, CR, DEL, C1 and bidi controls from the input
    /// never reach the terminal raw; the marks stay under the value.
    #[test]
    fn the_users_text_is_escaped_and_the_marks_follow_it() {
        let src = "a:\n  name: \u{1b}]0;pwned\u{7}\u{202e}x\ry\n";
        let d = Diagnostic::error(
            "a.\u{1b}[2J",
            Some(Pos { line: 2, col: 9 }),
            "bad \u{9b}31m value \u{7f}",
        )
        .with_len(10)
        .with_hint("fix \u{2066}this")
        .in_file("in\u{1b}.yaml");
        let out = d.render(Some(src), false);
        assert!(
            !out.chars()
                .any(|c| crate::error::terminal::needs_escape(c) && c != '\n'),
            "{out:?}"
        );
        assert!(
            out.contains("error: bad \\u{9b}31m value \\u{7f}\n"),
            "{out}"
        );
        assert!(out.contains("--> in\\u{1b}.yaml:2:9"), "{out}");
        assert!(
            out.contains("2 |   name: \\u{1b}]0;pwned\\u{7}\\u{202e}x\\ry\n"),
            "{out}"
        );
        // Under `\u{1b}]0;pwned\u{7}` (10 characters, 19 shown).
        assert!(
            out.contains(&format!("\n  | {}{}\n", " ".repeat(8), "^".repeat(19))),
            "{out}"
        );
        assert!(out.contains("= field: a.\\u{1b}[2J\n"), "{out}");
        assert!(out.contains("= help: fix \\u{2066}this\n"), "{out}");
    }

    #[test]
    fn renders_without_position() {
        let d = Diagnostic::error("", None, "the file is empty").in_file("x.yaml");
        assert_eq!(
            d.render(None, false),
            "error: the file is empty\n  --> x.yaml\n"
        );
    }
}
