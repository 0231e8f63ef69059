//! Datums: the reader's output and the expander's input.
//!
//! A `Datum` is an s-expression in which every node carries the `Span` of the source
//! text it was read from, so every later stage can point back at the program text.
//! Quote abbreviations are already expanded by the reader: `'x` is the list
//! `(quote x)` whose span covers `'x`. Datum labels (`#0=`, `#0#`) survive only
//! inside quoted literals (see `DatumKind::Labelled`).

use std::fmt;

/// A byte range `[lo, hi)` in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub lo: u32,
    pub hi: u32,
}

/// Spans of the prelude (the builtins written in Scheme) are offset by this
/// much, so that later stages can tell them from the program's own.
pub const PRELUDE_SPAN_BASE: u32 = 1 << 31;

impl Span {
    pub fn new(lo: usize, hi: usize) -> Span {
        Span {
            lo: lo as u32,
            hi: hi as u32,
        }
    }

    /// A span the compiler made up: it points at no source text.
    pub fn is_synthetic(self) -> bool {
        self.lo == 0 && self.hi == 0
    }

    /// A span in the prelude's text (see `PRELUDE_SPAN_BASE`).
    pub fn in_prelude(self) -> bool {
        self.lo >= PRELUDE_SPAN_BASE
    }
}

/// A program's source text plus what is needed to turn byte offsets into positions.
#[derive(Clone)]
pub struct SourceFile {
    /// The path as the user gave it; it prefixes every diagnostic.
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// Whether each line is all ASCII, where a column is a byte offset: a
    /// position in a long line then costs no scan of the line.
    ascii_lines: Vec<bool>,
}

impl SourceFile {
    /// A UTF-8 byte-order mark (U+FEFF) at the start of `text`, which some
    /// editors write, is not part of the program: it is dropped here, where
    /// every source file (a program, an `include`d file, a REPL `,load`)
    /// is made, so offsets, lines and columns count from after it.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let mut text = text.into();
        if text.starts_with('\u{FEFF}') {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let ascii_lines = line_starts
            .iter()
            .zip(line_starts.iter().skip(1).chain([&text.len()]))
            .map(|(&lo, &hi)| text.as_bytes()[lo..hi].is_ascii())
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            ascii_lines,
        }
    }

    /// 1-based line and column (columns count characters, not bytes).
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = (offset as usize).min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = if self.ascii_lines[line] {
            offset - start + 1
        } else {
            self.text[start..offset].chars().count() + 1
        };
        (line + 1, col)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e - 1);
        self.text[start..end].trim_end_matches('\r')
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum DatumKind {
    Bool(bool),
    /// Exact integer literal in the fixnum range (63 bits: an `i64`, which
    /// keeps `Datum` at 8-byte alignment, 48 bytes instead of 64).
    Int(i64),
    /// Any other number (bignum, ratio, flonum), as its canonical external
    /// representation (`closcrt::numbers::format`), which reads back exactly.
    Number(String),
    Char(char),
    Str(String),
    Symbol(String),
    /// `(a b c)` has `tail: None`; `(a b . c)` has `tail: Some(c)`. Never empty with a tail.
    List(Vec<Datum>, Option<Box<Datum>>),
    Vector(Vec<Datum>),
    /// `#u8(...)` (or Chez's `#vu8(...)`).
    Bytevector(Vec<u8>),
    /// `#n=datum` (R7RS 2.4). The reader keeps labels only inside a quoted
    /// literal (`'...` or a vector literal) that also holds a reference to
    /// them, so only quoted data (built by codegen, possibly cyclic) has them;
    /// elsewhere references are replaced by copies.
    Labelled(u32, Box<Datum>),
    /// `#n#`: the object labelled `n` in the same quoted literal, to the left
    /// of this reference or enclosing it (a cycle).
    LabelRef(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Datum {
    pub kind: DatumKind,
    pub span: Span,
}

impl Datum {
    pub fn new(kind: DatumKind, span: Span) -> Datum {
        Datum { kind, span }
    }

    /// Moves every span in the datum `by` bytes (see `PRELUDE_SPAN_BASE`).
    pub fn shift_spans(&mut self, by: u32) {
        self.span.lo += by;
        self.span.hi += by;
        match &mut self.kind {
            DatumKind::List(items, tail) => {
                items.iter_mut().for_each(|d| d.shift_spans(by));
                if let Some(t) = tail {
                    t.shift_spans(by);
                }
            }
            DatumKind::Vector(items) => items.iter_mut().for_each(|d| d.shift_spans(by)),
            DatumKind::Labelled(_, d) => d.shift_spans(by),
            _ => {}
        }
    }

    pub fn as_symbol(&self) -> Option<&str> {
        match &self.kind {
            DatumKind::Symbol(s) => Some(s),
            _ => None,
        }
    }

    /// The elements of a proper list (including `()`), or `None`.
    pub fn as_list(&self) -> Option<&[Datum]> {
        match &self.kind {
            DatumKind::List(items, None) => Some(items),
            _ => None,
        }
    }
}

/// Writes the datum in Scheme syntax (used by `--dump-after` and diagnostics).
impl fmt::Display for Datum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DatumKind::Bool(b) => write!(f, "{}", if *b { "#t" } else { "#f" }),
            DatumKind::Int(n) => write!(f, "{n}"),
            DatumKind::Number(text) => write!(f, "{text}"),
            DatumKind::Char(c) => write!(f, "#\\{c}"),
            DatumKind::Str(s) => write!(f, "{s:?}"),
            DatumKind::Symbol(s) => write!(f, "{s}"),
            DatumKind::Labelled(n, d) => write!(f, "#{n}={d}"),
            DatumKind::LabelRef(n) => write!(f, "#{n}#"),
            DatumKind::List(items, tail) => {
                write!(f, "(")?;
                for (i, d) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, " ")?;
                    }
                    write!(f, "{d}")?;
                }
                if let Some(t) = tail {
                    write!(f, " . {t}")?;
                }
                write!(f, ")")
            }
            DatumKind::Bytevector(bytes) => {
                write!(f, "#u8(")?;
                for (i, b) in bytes.iter().enumerate() {
                    if i > 0 {
                        write!(f, " ")?;
                    }
                    write!(f, "{b}")?;
                }
                write!(f, ")")
            }
            DatumKind::Vector(items) => {
                write!(f, "#(")?;
                for (i, d) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, " ")?;
                    }
                    write!(f, "{d}")?;
                }
                write!(f, ")")
            }
        }
    }
}
