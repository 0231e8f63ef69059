//! A program's source files, laid end to end in one span space.
//!
//! In: the files of one program, in order (the main program first, later
//! perhaps library files), and the files `include` reads while the program
//! expands, added after them (`Sources::add`). Out: for each file, the base
//! its spans are moved by, so that a `Span` alone says which file it points
//! into; and the inverse, used to print diagnostics against the right file.
//!
//! Invariants: the first file's base is 0, so a one-file program's spans are
//! the reader's own offsets; every file's spans stay below
//! `PRELUDE_SPAN_BASE` (the prelude's space); a file's end-of-text offset
//! (where "missing `)`" points) belongs to it, not to the next file, which
//! starts one byte further.

use crate::datum::{SourceFile, Span, PRELUDE_SPAN_BASE};
use crate::diagnostics::{self, CompileError, Severity};
use std::io::{IsTerminal, Write};

/// The files of one program and where each starts in the span space.
#[derive(Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    bases: Vec<u32>,
    /// Where the next file added starts.
    next: u64,
}

impl Sources {
    /// Lays `files` out in order. Panics if their total size reaches the
    /// prelude's span space (2 GiB), which no reader offset can express anyway.
    pub fn new(files: &[SourceFile]) -> Sources {
        let mut sources = Sources::default();
        for f in files {
            sources
                .add(f.clone())
                .expect("source files larger than 2 GiB in all");
        }
        sources
    }

    /// Lays `file` out after every file so far and returns its base, or
    /// `None` if it would reach the prelude's span space.
    pub fn add(&mut self, file: SourceFile) -> Option<u32> {
        if self.next + file.text.len() as u64 > u64::from(PRELUDE_SPAN_BASE) {
            return None;
        }
        let base = self.next as u32;
        self.next += file.text.len() as u64 + 1;
        self.bases.push(base);
        self.files.push(file);
        Some(base)
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// How far the spans of `files()[i]` are moved.
    pub fn base(&self, i: usize) -> u32 {
        self.bases[i]
    }

    /// The file `span` points into and the span within that file. Spans
    /// beyond every file (the prelude's, or made up) go to the last file
    /// unchanged but for its base, as they went to the only file before
    /// there could be several.
    pub fn locate(&self, span: Span) -> (&SourceFile, Span) {
        let (i, local) = self.locate_index(span);
        (&self.files[i], local)
    }

    /// Like `locate`, with the file as its index in `files()`.
    pub fn locate_index(&self, span: Span) -> (usize, Span) {
        let i = self
            .bases
            .partition_point(|&b| b <= span.lo)
            .saturating_sub(1);
        let base = self.bases[i];
        let local = Span {
            lo: span.lo - base,
            hi: span.hi.saturating_sub(base),
        };
        (i, local)
    }

    /// Writes every error to stderr, each against its own file, separated by
    /// blank lines; colored only when stderr is a terminal.
    pub fn emit(&self, errors: &[CompileError]) {
        self.emit_as(errors, Severity::Error)
    }

    /// Writes every warning to stderr, like `emit`.
    pub fn emit_warnings(&self, warnings: &[CompileError]) {
        self.emit_as(warnings, Severity::Warning)
    }

    fn emit_as(&self, errors: &[CompileError], severity: Severity) {
        if errors.is_empty() {
            return;
        }
        let color = std::io::stderr().is_terminal();
        let rendered: Vec<String> = errors
            .iter()
            .map(|e| {
                let (file, span) = self.locate(e.span);
                let local = CompileError::new(span, e.message.clone());
                diagnostics::render_as(file, &local, severity, color)
            })
            .collect();
        // Nothing sensible to do if stderr itself is broken.
        let _ = std::io::stderr()
            .lock()
            .write_all(rendered.join("\n").as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_find_their_file() {
        let files = [
            SourceFile::new("a.scm", "(a)"),
            SourceFile::new("b.scm", "(b)"),
        ];
        let sources = Sources::new(&files);
        assert_eq!(sources.base(0), 0);
        assert_eq!(sources.base(1), 4);
        // The end of `a.scm` (where a missing `)` is reported) is still `a.scm`.
        let (f, s) = sources.locate(Span::new(3, 3));
        assert_eq!((f.name.as_str(), s), ("a.scm", Span::new(3, 3)));
        let (f, s) = sources.locate(Span::new(5, 6));
        assert_eq!((f.name.as_str(), s), ("b.scm", Span::new(1, 2)));
    }

    /// A file added later (an included one) goes after the others.
    #[test]
    fn added_files_go_last() {
        let mut sources = Sources::new(&[SourceFile::new("a.scm", "(include \"b\")")]);
        assert_eq!(sources.add(SourceFile::new("b", "(b)")), Some(14));
        let (f, s) = sources.locate(Span::new(15, 16));
        assert_eq!((f.name.as_str(), s), ("b", Span::new(1, 2)));
        assert_eq!(sources.files().len(), 2);
    }
}
