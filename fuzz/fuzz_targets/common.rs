//! What the text-input targets share: fuzz bytes -> a source file as
//! `closc check` would see it, and the guard that keeps the expander from
//! reading files named by the input.
//!
//! Inputs that are not UTF-8 or hold a NUL byte are skipped: `closc`'s
//! loader rejects both before the reader runs (`reader::load_source`).
//! Inputs naming `include` in any spelling are skipped before expansion: an
//! `(include "/dev/zero")` would read forever, which is the file system's
//! doing, not a bug in the expander; the reader's datums are checked, so an
//! escaped spelling like `|incl\x75;de|` is caught too.

#![allow(dead_code)]

use closc::datum::{Datum, DatumKind, SourceFile};

/// The source file `data` is, if `closc check` would read it.
pub fn source(data: &[u8]) -> Option<SourceFile> {
    let text = std::str::from_utf8(data).ok()?;
    if text.contains('\0') {
        return None;
    }
    Some(SourceFile::new("fuzz.scm", text))
}

/// Whether any symbol among `datums` could name `include`,
/// `include-ci` or `include-library-declarations` (which read files).
pub fn names_a_file(datums: &[Datum]) -> bool {
    datums.iter().any(reads_files)
}

fn reads_files(d: &Datum) -> bool {
    match &d.kind {
        DatumKind::Symbol(s) => s.to_lowercase().contains("include"),
        DatumKind::List(items, tail) => {
            items.iter().any(reads_files) || tail.as_deref().is_some_and(reads_files)
        }
        DatumKind::Vector(items) => items.iter().any(reads_files),
        DatumKind::Labelled(_, d) => reads_files(d),
        _ => false,
    }
}

/// The source file `data` is, if the front end may safely expand it.
pub fn expandable(data: &[u8]) -> Option<SourceFile> {
    let file = source(data)?;
    match closc::reader::read_program(&file) {
        Ok(datums) if !names_a_file(&datums) => Some(file),
        _ => None,
    }
}

/// Renders every error and warning as `closc check` prints them, each
/// against its own file (rendering is part of what is fuzzed: a span that
/// does not fit its file would panic there).
pub fn render(
    sources: &closc::sources::Sources,
    errors: Vec<closc::diagnostics::CompileError>,
    warnings: Vec<closc::diagnostics::CompileError>,
) {
    use closc::diagnostics::{render_as, CompileError, Severity};
    let all = errors
        .iter()
        .map(|e| (e, Severity::Error))
        .chain(warnings.iter().map(|w| (w, Severity::Warning)));
    for (e, severity) in all {
        let (file, span) = sources.locate(e.span);
        let local = CompileError::new(span, e.message.clone());
        let _ = render_as(file, &local, severity, false);
    }
}
