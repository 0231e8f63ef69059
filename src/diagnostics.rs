//! Compile errors and how they are shown to the user.
//!
//! In: a [`SourceFile`] and [`CompileError`]s (a byte [`Span`] into that file plus a
//! message). Out: text such as
//!
//! ```text
//! prog.scm:3:10: error: unterminated string
//!   |
//! 3 | (display "abc
//!   |          ^
//! ```
//!
//! The first line is always exactly `FILE:LINE:COL: error: MESSAGE` (1-based line and
//! column, columns counting characters); tests and editors match on it. The snippet
//! below it is drawn by `codespan-reporting` (ASCII style) and underlines the span;
//! a span covering several lines is underlined only up to the end of its first line.

use std::io::{IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Chars, Config};

use crate::datum::{SourceFile, Span};

/// An error found while compiling a program: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub span: Span,
    pub message: String,
}

impl CompileError {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        CompileError {
            span,
            message: message.into(),
        }
    }
}

/// How bad a diagnostic is: an error stops compilation, a warning does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    fn ansi(self) -> &'static str {
        match self {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
        }
    }
}

/// Renders one error: the `FILE:LINE:COL: error: MESSAGE` line, then the source line
/// with the span underlined. `color`: ANSI colors or not. The result ends in a newline.
pub fn render(file: &SourceFile, err: &CompileError, color: bool) -> String {
    render_as(file, err, Severity::Error, color)
}

/// `render` with the given severity (`FILE:LINE:COL: warning: MESSAGE` for warnings).
pub fn render_as(file: &SourceFile, err: &CompileError, severity: Severity, color: bool) -> String {
    // `SourceFile::line_col` wants an offset on a character boundary.
    let (lo, _) = underline_range(&file.text, err.span);
    let (line, col) = file.line_col(lo as u32);
    let label = severity.label();
    let mut out = if color {
        format!(
            "\x1b[1m{}:{line}:{col}: {}{label}\x1b[0m\x1b[1m: {}\x1b[0m\n",
            file.name,
            severity.ansi(),
            err.message
        )
    } else {
        format!("{}:{line}:{col}: {label}: {}\n", file.name, err.message)
    };
    out.push_str(&snippet(file, err.span, color));
    out
}

/// Writes every error to stderr, separated by blank lines; colored only when stderr
/// is a terminal.
pub fn emit(file: &SourceFile, errs: &[CompileError]) {
    emit_as(file, errs, Severity::Error)
}

/// Writes every warning to stderr, like `emit`.
pub fn emit_warnings(file: &SourceFile, warnings: &[CompileError]) {
    emit_as(file, warnings, Severity::Warning)
}

fn emit_as(file: &SourceFile, errs: &[CompileError], severity: Severity) {
    if errs.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal();
    let mut text = String::new();
    for (i, err) in errs.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&render_as(file, err, severity, color));
    }
    // Nothing sensible to do if stderr itself is broken.
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// The byte range to underline: `span` clamped into the text, moved onto character
/// boundaries and cut at the end of the line it starts on. May be empty.
fn underline_range(text: &str, span: Span) -> (usize, usize) {
    let mut lo = (span.lo as usize).min(text.len());
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let line_end = text[lo..].find('\n').map_or(text.len(), |i| lo + i).max(lo);
    let line_end = if text[lo..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    let mut hi = (span.hi as usize).clamp(lo, line_end);
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    (lo, hi)
}

/// The source snippet under the header line (empty if it cannot be drawn).
fn snippet(file: &SourceFile, span: Span, color: bool) -> String {
    let (lo, hi) = underline_range(&file.text, span);
    let files = SimpleFile::new(file.name.as_str(), file.text.as_str());
    // The severity shows in our own header; the snippet only underlines.
    let diagnostic = Diagnostic::error().with_labels(vec![Label::primary((), lo..hi)]);
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    let mut buf = Vec::new();
    let ok = if color {
        emit_to(&mut Ansi::new(&mut buf), &config, &files, &diagnostic)
    } else {
        emit_to(&mut NoColor::new(&mut buf), &config, &files, &diagnostic)
    };
    if !ok {
        return String::new();
    }
    let rendered = String::from_utf8_lossy(&buf);
    // codespan starts with its own header line (`error: `) and a locus line
    // (`--> FILE:LINE:COL`); our header replaces both.
    let mut rest: &str = &rendered;
    for _ in 0..2 {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    let mut out = rest.trim_end_matches('\n').to_string();
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn emit_to(
    writer: &mut dyn WriteColor,
    config: &Config,
    files: &SimpleFile<&str, &str>,
    diagnostic: &Diagnostic<()>,
) -> bool {
    term::emit(writer, config, files, diagnostic).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, lo: usize, hi: usize, msg: &str) -> String {
        let file = SourceFile::new("t.scm", text);
        render(&file, &CompileError::new(Span::new(lo, hi), msg), false)
    }

    #[test]
    fn header_and_caret() {
        let text = "(define x 1)\n\n(display \"abc\n";
        let out = show(text, 23, 27, "unterminated string");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "t.scm:3:10: error: unterminated string");
        assert!(lines.contains(&"3 | (display \"abc"), "{out}");
        assert!(lines.contains(&"  |          ^^^^"), "{out}");
        assert!(!out.contains('\x1b'));
        assert!(out.ends_with('\n') && !out.ends_with("\n\n"));
    }

    #[test]
    fn multi_line_span_underlines_first_line_only() {
        let out = show("(a\n b)\n", 0, 6, "oops");
        assert!(out.starts_with("t.scm:1:1: error: oops\n"), "{out}");
        assert!(out.contains("1 | (a\n  | ^^\n"), "{out}");
        assert!(!out.contains(" b)"), "{out}");
    }

    #[test]
    fn columns_count_characters() {
        let out = show("(λ λ\n", 4, 6, "bad");
        assert!(out.starts_with("t.scm:1:4: error: bad\n"), "{out}");
        assert!(out.contains("1 | (λ λ\n  |    ^\n"), "{out}");
    }

    #[test]
    fn color_only_when_asked() {
        let file = SourceFile::new("t.scm", "(a\n");
        let err = CompileError::new(Span::new(0, 1), "m");
        let colored = render(&file, &err, true);
        assert!(colored.contains('\x1b'));
        assert!(colored.contains("t.scm:1:1: "));
    }

    #[test]
    fn never_panics_on_odd_spans() {
        for text in ["", "\n", "abc", "abc\n", "a\r\nb\r\n", "λ", "\n\n\n"] {
            let file = SourceFile::new("t.scm", text);
            let n = text.len() + 3;
            for lo in 0..n {
                for hi in 0..n {
                    for color in [false, true] {
                        let out = render(&file, &CompileError::new(Span::new(lo, hi), "m"), color);
                        assert!(out.contains("error"));
                    }
                }
            }
        }
        assert!(show("", 0, 0, "empty").starts_with("t.scm:1:1: error: empty\n"));
        let out = show("(a\n", 3, 3, "eof");
        assert!(out.starts_with("t.scm:2:1: error: eof\n"), "{out}");
    }
}
