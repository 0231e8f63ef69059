//! The reader: program text in, [`Datum`]s out (R7RS lexical syntax).
//!
//! [`read_program`] reads every datum of a [`SourceFile`] in order. Every datum carries
//! the span of its full text (a list runs from its open bracket to its close bracket
//! inclusive); quote abbreviations come out expanded, so `'x` is the list
//! `(quote x)` spanning `'x` whose `quote` symbol spans the `'`.
//!
//! Supported: numbers as R7RS writes real numbers (integers, ratios, decimals,
//! `+inf.0`/`-nan.0`, with `#x #b #o #d #e #i` prefixes; fixnums become `Int`,
//! other numbers `Number` holding their canonical text), booleans (`#t #f #true #false`), characters
//! (`#\a`, named ones such as `#\space`, `#\x41`), strings with the R7RS escapes
//! (plus `\0`), identifiers including the peculiar ones (`+ - ... ->x`) and `|...|`
//! symbols, lists with `()` or `[]`, dotted pairs, vectors `#(...)`, bytevectors
//! `#u8(...)` (and Chez's spelling `#vu8(...)`; elements exact integers 0..255), the abbreviations
//! `'x` `` `x `` `,x` `,@x`, `;` and nested `#| |#` comments, `#;` datum comments, the `#!fold-case`
//! / `#!no-fold-case` directives and a `#!/...` script line at the very start.
//! Identifiers are case-sensitive unless `#!fold-case` is in effect. As in most
//! Schemes, a token that starts like a number but is not one (`1+`, `2nd`) is a symbol.
//!
//! Datum labels (`#0=`, `#0#`, R7RS 2.4) are resolved per top-level datum (see
//! [`resolve_labels`]): they stay only inside quoted literals, which may share
//! structure or be circular; elsewhere a reference becomes a copy, and a
//! circular one is an error.
//!
//! Rejected with an error (a [`CompileError`] at the offending text): malformed
//! text. Reading stops at the first error.
//!
//! Structure: small `nom` parsers cut the text into tokens (atoms are complete datums
//! already); `read_program` assembles lists with an explicit stack, so nesting never
//! recurses on the Rust stack. Nesting is nevertheless limited to [`MAX_NESTING`]
//! levels, because every later stage (and `Datum`'s own `Drop`) does recurse.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use nom::bytes::complete::{take_till, take_while, take_while1};
use nom::error::{ErrorKind, ParseError};
use nom::IResult;

use crate::datum::{Datum, DatumKind, SourceFile, Span};
use crate::diagnostics::CompileError;

/// Why a source file could not be loaded.
pub enum LoadError {
    Io(std::io::Error),
    /// A NUL byte at this 1-based line and column: never valid in source
    /// text (a string or symbol writes the character as `\x0;`), and what a
    /// binary file or a device such as /dev/zero starts with, so loading
    /// stops there instead of reading on.
    Nul {
        line: usize,
        col: usize,
    },
}

/// The text of the source file at `path`, read in blocks and stopped at
/// the first NUL byte.
pub fn load_source(path: &std::path::Path) -> Result<String, LoadError> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(LoadError::Io)?;
    let mut bytes = Vec::new();
    let mut block = vec![0u8; 1 << 16];
    loop {
        let n = match f.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(LoadError::Io(e)),
        };
        if let Some(i) = block[..n].iter().position(|&b| b == 0) {
            bytes.extend_from_slice(&block[..i]);
            let before = String::from_utf8_lossy(&bytes);
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(LoadError::Nul { line, col });
        }
        bytes.extend_from_slice(&block[..n]);
    }
    String::from_utf8(bytes)
        .map_err(|e| LoadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// How deeply lists, vectors and quote abbreviations may nest.
pub const MAX_NESTING: usize = 1000;

/// Reads every datum of `file`, in order.
pub fn read_program(file: &SourceFile) -> Result<Vec<Datum>, CompileError> {
    read_program_with(file, false)
}

/// Reads every datum of `file`, starting as if `#!fold-case` (`fold_case`
/// true: what `include-ci` reads with) or `#!no-fold-case` began it.
pub fn read_program_with(file: &SourceFile, fold_case: bool) -> Result<Vec<Datum>, CompileError> {
    let mut datums = Vec::new();
    read_each(file, fold_case, |d| datums.push(d))?;
    Ok(datums)
}

/// Reads the datums of `file` one top-level datum at a time, handing each
/// to `keep` as soon as it is complete: memory holds the datums `keep`
/// keeps, not every datum of the file.
pub fn read_each(
    file: &SourceFile,
    fold_case: bool,
    mut keep: impl FnMut(Datum),
) -> Result<(), CompileError> {
    let text = file.text.as_str();
    let total = text.len();
    let mut rest = skip_script_line(text);
    let mut fold_case = fold_case;
    // Datum labels of the current top-level datum: whether each is complete
    // (a reference to an incomplete one is a cycle).
    let mut labels: HashMap<u32, bool> = HashMap::new();
    let mut any_labels = false;
    let mut top = Frame::new(Nest::Top, Span::default());
    let mut stack: Vec<Frame> = Vec::new();
    // Open brackets plus pending quote abbreviations, i.e. how deep the datum being
    // read will end up.
    let mut depth = 0usize;

    loop {
        let (r, ()) = atmosphere(rest).map_err(|e| lex_error(total, e))?;
        let lo = total - r.len();
        let (r, tok) = token(r, fold_case).map_err(|e| lex_error(total, e))?;
        rest = r;
        let span = Span::new(lo, total - rest.len());
        let frame = stack.last_mut().unwrap_or(&mut top);
        match tok {
            Tok::Eof => {
                if let Some(open) = stack.last() {
                    let msg = match open.nest {
                        Nest::List(Bracket::Square) => "unbalanced brackets: missing `]`",
                        _ => "unbalanced parentheses: missing `)`",
                    };
                    return Err(CompileError::new(open.open, msg));
                }
                top.check_no_prefix()?;
                for d in top.items.drain(..) {
                    keep(if any_labels { resolve_labels(d)? } else { d });
                }
                return Ok(());
            }
            Tok::Open(nest) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(too_deep(span));
                }
                stack.push(Frame::new(nest, span));
            }
            Tok::Close(bracket) => {
                let Some(frame) = stack.pop() else {
                    return Err(CompileError::new(
                        span,
                        format!("unexpected `{}`", bracket.close()),
                    ));
                };
                depth -= 1;
                let expected = match frame.nest {
                    Nest::List(b) => b,
                    _ => Bracket::Paren,
                };
                if bracket != expected {
                    let (line, col) = file.line_col(frame.open.lo);
                    return Err(CompileError::new(
                        span,
                        format!(
                            "mismatched brackets: `{}` closes the `{}` opened at {line}:{col}",
                            bracket.close(),
                            &text[frame.open.lo as usize..frame.open.hi as usize],
                        ),
                    ));
                }
                frame.check_no_prefix()?;
                let kind = match (frame.nest, frame.dot) {
                    (_, Dot::After(dot)) => {
                        return Err(CompileError::new(dot, "expected a datum after `.`"))
                    }
                    (Nest::Vector, _) => DatumKind::Vector(frame.items),
                    (Nest::Bytevector, _) => bytevector(frame.items)?,
                    (_, Dot::Tail(tail)) => DatumKind::List(frame.items, Some(Box::new(tail))),
                    (_, Dot::None) => DatumKind::List(frame.items, None),
                };
                let datum = Datum::new(kind, Span::new(frame.open.lo as usize, span.hi as usize));
                stack
                    .last_mut()
                    .unwrap_or(&mut top)
                    .add(datum, &mut depth, &mut labels)?;
            }
            Tok::Dot => frame.dot(span)?,
            Tok::Abbrev(name) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(too_deep(span));
                }
                frame.prefixes.push(Prefix::Abbrev(name, span));
            }
            Tok::DatumComment => frame.prefixes.push(Prefix::Skip(span)),
            Tok::Directive(fold) => fold_case = fold,
            Tok::Atom(kind) => frame.add(Datum::new(kind, span), &mut depth, &mut labels)?,
            Tok::LabelDef(n) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(too_deep(span));
                }
                any_labels = true;
                labels.insert(n, false);
                frame.prefixes.push(Prefix::Label(n, span));
            }
            Tok::LabelRef(n) => {
                if !labels.contains_key(&n) {
                    return Err(CompileError::new(
                        span,
                        format!("undefined datum label `#{n}#`"),
                    ));
                }
                frame.add(
                    Datum::new(DatumKind::LabelRef(n), span),
                    &mut depth,
                    &mut labels,
                )?;
            }
        }
        // A label's scope ends with the outermost datum it appears in.
        if stack.is_empty() && top.prefixes.is_empty() {
            labels.clear();
            for d in top.items.drain(..) {
                keep(if any_labels { resolve_labels(d)? } else { d });
            }
        }
    }
}

/// The bytevector whose elements were read as `items`: each must be an exact
/// integer from 0 to 255 (an error at the first one that is not).
fn bytevector(items: Vec<Datum>) -> Result<DatumKind, CompileError> {
    let mut bytes = Vec::with_capacity(items.len());
    for item in items {
        match item.kind {
            DatumKind::Int(n @ 0..=255) => bytes.push(n as u8),
            _ => {
                return Err(CompileError::new(
                    item.span,
                    format!(
                        "bytevector element must be an exact integer from 0 to 255, not `{item}`"
                    ),
                ))
            }
        }
    }
    Ok(DatumKind::Bytevector(bytes))
}

fn too_deep(span: Span) -> CompileError {
    CompileError::new(
        span,
        format!("nesting too deep (more than {MAX_NESTING} levels of lists, vectors and quotes)"),
    )
}

/// Skips a `#!/usr/bin/env ...` line at the start of a script.
fn skip_script_line(text: &str) -> &str {
    if text.starts_with("#!/") || text.starts_with("#! ") {
        take_till::<_, _, LexError>(|c| c == '\n')(text).map_or(text, |(rest, _)| rest)
    } else {
        text
    }
}

// ---------------------------------------------------------------------------------
// Assembling datums

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bracket {
    Paren,
    Square,
}

impl Bracket {
    fn close(self) -> char {
        match self {
            Bracket::Paren => ')',
            Bracket::Square => ']',
        }
    }
}

/// What a frame of the reader's stack is collecting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nest {
    Top,
    List(Bracket),
    Vector,
    Bytevector,
}

/// Something waiting, in front of the next datum, to apply to it.
enum Prefix {
    /// `'` `` ` `` `,` `,@`: wrap the datum as `(name datum)`.
    Abbrev(&'static str, Span),
    /// `#;`: drop the datum.
    Skip(Span),
    /// `#n=`: label the datum.
    Label(u32, Span),
}

/// Where a list stands with respect to a dot.
enum Dot {
    None,
    /// The `.` has been read, its tail datum not yet.
    After(Span),
    Tail(Datum),
}

/// A list, vector or the top level being read.
struct Frame {
    nest: Nest,
    /// The open bracket (`(`, `[` or `#(`).
    open: Span,
    items: Vec<Datum>,
    dot: Dot,
    prefixes: Vec<Prefix>,
}

impl Frame {
    fn new(nest: Nest, open: Span) -> Frame {
        Frame {
            nest,
            open,
            items: Vec::new(),
            dot: Dot::None,
            prefixes: Vec::new(),
        }
    }

    /// Adds a complete datum, after applying the pending prefixes to it.
    fn add(
        &mut self,
        mut datum: Datum,
        depth: &mut usize,
        labels: &mut HashMap<u32, bool>,
    ) -> Result<(), CompileError> {
        while let Some(prefix) = self.prefixes.pop() {
            match prefix {
                Prefix::Skip(_) => return Ok(()),
                Prefix::Label(n, span) => {
                    *depth -= 1;
                    if let DatumKind::LabelRef(m) = datum.kind {
                        if labels.get(&m) == Some(&false) {
                            return Err(CompileError::new(
                                span,
                                format!("datum label `#{n}=` labels only the unfinished `#{m}#`"),
                            ));
                        }
                    }
                    labels.insert(n, true);
                    let whole = Span::new(span.lo as usize, datum.span.hi as usize);
                    datum = Datum::new(DatumKind::Labelled(n, Box::new(datum)), whole);
                }
                Prefix::Abbrev(name, span) => {
                    *depth -= 1;
                    let whole = Span::new(span.lo as usize, datum.span.hi as usize);
                    let symbol = Datum::new(DatumKind::Symbol(name.to_string()), span);
                    datum = Datum::new(DatumKind::List(vec![symbol, datum], None), whole);
                }
            }
        }
        match self.dot {
            Dot::None => self.items.push(datum),
            Dot::After(_) => self.dot = Dot::Tail(datum),
            Dot::Tail(_) => {
                return Err(CompileError::new(
                    datum.span,
                    "only one datum may follow `.` in a dotted list",
                ))
            }
        }
        Ok(())
    }

    fn dot(&mut self, span: Span) -> Result<(), CompileError> {
        let msg = match self.nest {
            Nest::Top => "unexpected `.` outside a list",
            Nest::Vector => "unexpected `.`: vectors cannot be dotted",
            Nest::Bytevector => "unexpected `.`: bytevectors cannot be dotted",
            Nest::List(_) if !self.prefixes.is_empty() => "unexpected `.` after a prefix",
            Nest::List(_) if !matches!(self.dot, Dot::None) => "unexpected second `.` in a list",
            Nest::List(_) if self.items.is_empty() => {
                "unexpected `.`: a dotted list needs a datum before the `.`"
            }
            Nest::List(_) => {
                self.dot = Dot::After(span);
                return Ok(());
            }
        };
        Err(CompileError::new(span, msg))
    }

    /// Errors if a `'` or `#;` is still waiting for its datum.
    fn check_no_prefix(&self) -> Result<(), CompileError> {
        match self.prefixes.last() {
            None => Ok(()),
            Some(Prefix::Skip(span)) => {
                Err(CompileError::new(*span, "expected a datum after `#;`"))
            }
            Some(Prefix::Label(n, span)) => Err(CompileError::new(
                *span,
                format!("expected a datum after `#{n}=`"),
            )),
            Some(Prefix::Abbrev(name, span)) => {
                let prefix = match *name {
                    "quote" => "`'`",
                    "quasiquote" => "`` ` ``",
                    "unquote" => "`,`",
                    _ => "`,@`",
                };
                Err(CompileError::new(
                    *span,
                    format!("expected a datum after {prefix}"),
                ))
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Datum labels

/// Rewrites the labels of top-level datum `d` for the later stages (see
/// `DatumKind::Labelled`): inside a quoted literal (the datum of a `(quote x)`
/// form, or a vector literal, outside any other literal) the labels it both
/// defines and references stay, so codegen can build the shared or cyclic
/// object; every other reference becomes a copy of the labelled datum, which
/// is impossible for a cycle: an error (R7RS 2.4 allows circular references
/// only in literals). Unreferenced labels disappear.
fn resolve_labels(d: Datum) -> Result<Datum, CompileError> {
    let mut r = Resolver {
        defs: HashMap::new(),
        literal: None,
        literals: 0,
        used: HashSet::new(),
    };
    r.resolve(d)
}

struct Resolver {
    /// Each label seen so far: its datum once complete (labels kept), and the
    /// literal it was defined in.
    defs: HashMap<u32, (Option<Datum>, Option<usize>)>,
    /// The quoted literal being walked, by number.
    literal: Option<usize>,
    literals: usize,
    /// Labels referenced within the current literal.
    used: HashSet<u32>,
}

impl Resolver {
    fn resolve(&mut self, d: Datum) -> Result<Datum, CompileError> {
        let span = d.span;
        let kind = match d.kind {
            DatumKind::Labelled(n, inner) => {
                self.defs.insert(n, (None, self.literal));
                let inner = self.resolve(*inner)?;
                self.defs.insert(n, (Some(inner.clone()), self.literal));
                if self.literal.is_none() {
                    return Ok(inner);
                }
                DatumKind::Labelled(n, Box::new(inner))
            }
            DatumKind::LabelRef(n) => {
                let Some((datum, literal)) = self.defs.get(&n) else {
                    // Defined in a datum comment, say.
                    return Err(CompileError::new(
                        span,
                        format!("undefined datum label `#{n}#`"),
                    ));
                };
                if self.literal.is_some() && *literal == self.literal {
                    self.used.insert(n);
                    DatumKind::LabelRef(n)
                } else {
                    let copy = datum
                        .as_ref()
                        .and_then(|d| self.copy_without_labels(d, &mut Vec::new()));
                    return copy.ok_or_else(|| {
                        CompileError::new(
                            span,
                            format!(
                                "datum label `#{n}#` outside a quoted literal refers to \
                                 circular data (only literals may be circular)"
                            ),
                        )
                    });
                }
            }
            DatumKind::List(items, tail) => {
                let quote = self.literal.is_none()
                    && tail.is_none()
                    && items.len() == 2
                    && items[0].as_symbol() == Some("quote");
                if quote {
                    let mut items = items.into_iter();
                    let head = items.next().expect("two items");
                    let body = self.literal_body(items.next().expect("two items"))?;
                    DatumKind::List(vec![head, body], None)
                } else {
                    let items = items
                        .into_iter()
                        .map(|i| self.resolve(i))
                        .collect::<Result<_, _>>()?;
                    let tail = match tail {
                        Some(t) => Some(Box::new(self.resolve(*t)?)),
                        None => None,
                    };
                    DatumKind::List(items, tail)
                }
            }
            DatumKind::Vector(items) if self.literal.is_none() => {
                return self.literal_body(Datum::new(DatumKind::Vector(items), span));
            }
            DatumKind::Vector(items) => DatumKind::Vector(
                items
                    .into_iter()
                    .map(|i| self.resolve(i))
                    .collect::<Result<_, _>>()?,
            ),
            k => k,
        };
        Ok(Datum::new(kind, span))
    }

    /// Resolves `d` as a quoted literal of its own, then drops the labels
    /// nothing in it references.
    fn literal_body(&mut self, d: Datum) -> Result<Datum, CompileError> {
        self.literal = Some(self.literals);
        self.literals += 1;
        let used = std::mem::take(&mut self.used);
        let d = self.resolve(d);
        self.literal = None;
        let used = std::mem::replace(&mut self.used, used);
        Ok(drop_unused_labels(d?, &used))
    }

    /// `d` with every label removed and every reference replaced by a copy,
    /// or `None` if `d` is circular (refers to a label in `open`, or to an
    /// incomplete one).
    fn copy_without_labels(&self, d: &Datum, open: &mut Vec<u32>) -> Option<Datum> {
        let kind = match &d.kind {
            DatumKind::Labelled(n, inner) => {
                open.push(*n);
                let copy = self.copy_without_labels(inner, open);
                open.pop();
                return copy;
            }
            DatumKind::LabelRef(n) => {
                if open.contains(n) {
                    return None;
                }
                let target = self.defs.get(n)?.0.as_ref()?;
                open.push(*n);
                let copy = self.copy_without_labels(target, open);
                open.pop();
                return copy;
            }
            DatumKind::List(items, tail) => DatumKind::List(
                items
                    .iter()
                    .map(|i| self.copy_without_labels(i, open))
                    .collect::<Option<_>>()?,
                match tail {
                    Some(t) => Some(Box::new(self.copy_without_labels(t, open)?)),
                    None => None,
                },
            ),
            DatumKind::Vector(items) => DatumKind::Vector(
                items
                    .iter()
                    .map(|i| self.copy_without_labels(i, open))
                    .collect::<Option<_>>()?,
            ),
            k => k.clone(),
        };
        Some(Datum::new(kind, d.span))
    }
}

/// `d` without the `Labelled` wrappers of labels not in `used`.
fn drop_unused_labels(d: Datum, used: &HashSet<u32>) -> Datum {
    let span = d.span;
    let kind = match d.kind {
        DatumKind::Labelled(n, inner) => {
            let inner = drop_unused_labels(*inner, used);
            if !used.contains(&n) {
                return inner;
            }
            DatumKind::Labelled(n, Box::new(inner))
        }
        DatumKind::List(items, tail) => DatumKind::List(
            items
                .into_iter()
                .map(|i| drop_unused_labels(i, used))
                .collect(),
            tail.map(|t| Box::new(drop_unused_labels(*t, used))),
        ),
        DatumKind::Vector(items) => DatumKind::Vector(
            items
                .into_iter()
                .map(|i| drop_unused_labels(i, used))
                .collect(),
        ),
        k => k,
    };
    Datum::new(kind, span)
}

// ---------------------------------------------------------------------------------
// Tokens

enum Tok {
    Open(Nest),
    Close(Bracket),
    Dot,
    Abbrev(&'static str),
    DatumComment,
    /// `#!fold-case` (true) or `#!no-fold-case` (false).
    Directive(bool),
    /// A complete non-list datum.
    Atom(DatumKind),
    /// `#n=`
    LabelDef(u32),
    /// `#n#`
    LabelRef(u32),
    Eof,
}

/// A lexical error. Positions are kept as "bytes of input left", which is all a `nom`
/// parser knows; [`lex_error`] turns that into an offset.
#[derive(Debug)]
struct LexError {
    /// Length of the input remaining at the start of the offending text.
    rest: usize,
    /// Length of the offending text in bytes.
    len: usize,
    msg: Cow<'static, str>,
}

impl<'a> ParseError<&'a str> for LexError {
    fn from_error_kind(input: &'a str, kind: ErrorKind) -> Self {
        LexError {
            rest: input.len(),
            len: 0,
            msg: format!("syntax error ({kind:?})").into(),
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type LResult<'a, O> = IResult<&'a str, O, LexError>;

/// A hard error on `len` bytes starting where `at` starts.
fn fail<'a, O>(at: &str, len: usize, msg: impl Into<Cow<'static, str>>) -> LResult<'a, O> {
    Err(nom::Err::Failure(LexError {
        rest: at.len(),
        len: len.min(at.len()),
        msg: msg.into(),
    }))
}

fn lex_error(total: usize, err: nom::Err<LexError>) -> CompileError {
    match err {
        nom::Err::Error(e) | nom::Err::Failure(e) => {
            let lo = total - e.rest.min(total);
            CompileError::new(Span::new(lo, lo + e.len), e.msg)
        }
        nom::Err::Incomplete(_) => {
            CompileError::new(Span::new(total, total), "unexpected end of input")
        }
    }
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '"' | ';' | '|')
}

fn not_delimiters(input: &str) -> LResult<'_, &str> {
    take_while(|c| !is_delimiter(c))(input)
}

/// Skips whitespace and comments (`;` to end of line, nested `#| ... |#`).
fn atmosphere(mut input: &str) -> LResult<'_, ()> {
    loop {
        input = take_while::<_, _, LexError>(char::is_whitespace)(input)?.0;
        if input.starts_with(';') {
            input = take_till::<_, _, LexError>(|c| c == '\n')(input)?.0;
        } else if input.starts_with("#|") {
            input = block_comment(input)?.0;
        } else {
            return Ok((input, ()));
        }
    }
}

/// A `#| ... |#` comment, which may nest; `input` starts with `#|`.
fn block_comment(input: &str) -> LResult<'_, ()> {
    let mut depth = 1usize;
    let mut rest = &input[2..];
    loop {
        rest = take_till::<_, _, LexError>(|c| c == '#' || c == '|')(rest)?.0;
        if rest.is_empty() {
            return fail(input, 2, "unterminated block comment: missing `|#`");
        } else if rest.starts_with("#|") {
            depth += 1;
            rest = &rest[2..];
        } else if rest.starts_with("|#") {
            depth -= 1;
            rest = &rest[2..];
            if depth == 0 {
                return Ok((rest, ()));
            }
        } else {
            rest = &rest[1..];
        }
    }
}

/// The next token; `input` starts at a non-blank character or is empty.
fn token(input: &str, fold_case: bool) -> LResult<'_, Tok> {
    let Some(c) = input.chars().next() else {
        return Ok((input, Tok::Eof));
    };
    let after = &input[c.len_utf8()..];
    match c {
        '(' => Ok((after, Tok::Open(Nest::List(Bracket::Paren)))),
        '[' => Ok((after, Tok::Open(Nest::List(Bracket::Square)))),
        ')' => Ok((after, Tok::Close(Bracket::Paren))),
        ']' => Ok((after, Tok::Close(Bracket::Square))),
        '\'' => Ok((after, Tok::Abbrev("quote"))),
        '`' => Ok((after, Tok::Abbrev("quasiquote"))),
        ',' => match after.strip_prefix('@') {
            Some(rest) => Ok((rest, Tok::Abbrev("unquote-splicing"))),
            None => Ok((after, Tok::Abbrev("unquote"))),
        },
        '"' => string(input),
        '|' => bar_symbol(input),
        '#' => hash(input, fold_case),
        _ => bare(input, fold_case),
    }
}

/// A token without a `#` or bracket in front: a number, an identifier or `.`.
fn bare(input: &str, fold_case: bool) -> LResult<'_, Tok> {
    let (rest, text) = take_while1(|c| !is_delimiter(c))(input)?;
    if text == "." {
        return Ok((rest, Tok::Dot));
    }
    let kind = match number(text) {
        Some(kind) => kind,
        None if closcrt::numbers::is_ratio_over_zero(text, 10) => {
            return fail(
                input,
                text.len(),
                format!("bad number literal `{text}`: division by zero"),
            );
        }
        None => {
            if let Some((i, c)) = text.char_indices().find(|&(_, c)| !is_identifier_char(c)) {
                let msg = if i == 0 {
                    format!("unexpected character `{}`", printable(c))
                } else {
                    format!("invalid character `{}` in identifier", printable(c))
                };
                return fail(&input[i..], c.len_utf8(), msg);
            }
            let name = if fold_case {
                text.to_lowercase()
            } else {
                text.to_string()
            };
            DatumKind::Symbol(name)
        }
    };
    Ok((rest, Tok::Atom(kind)))
}

/// `c` as it should appear in a message.
fn printable(c: char) -> String {
    if c.is_control() {
        c.escape_debug().to_string()
    } else {
        c.to_string()
    }
}

/// Characters allowed in identifiers: R7RS's, plus `#` after the first character
/// (which can never be `#` here) and any non-ASCII character that is not a control or
/// blank character.
fn is_identifier_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "!$%&*/:<=>?^_~+-.@#".contains(c)
    } else {
        !c.is_control() && !c.is_whitespace()
    }
}

/// `text` (a whole token, prefixes included) read as a number: `Int` for a
/// fixnum, `Number` with the canonical text for any other number; `None` when
/// it is not a number. The runtime's parser decides, so the compiler and
/// `string->number`/`read` agree on every literal. An exact number too big
/// for its decimal text to be cheap (`#e1e1000000`: writing a million digits
/// takes seconds) keeps the token's own text, which that parser reads back
/// to the same number.
fn number(text: &str) -> Option<DatumKind> {
    use closcrt::numbers::{self, Num};
    /// Bits beyond which an exact integer's decimal text costs more than
    /// reading the token again.
    const CHEAP_BITS: u64 = 1 << 14;
    Some(match numbers::parse(text, 10)? {
        Num::Fix(n) if closcrt::memory::value::fits_fixnum(n as i128) => DatumKind::Int(n),
        Num::Big(b) if b.bits() > CHEAP_BITS => DatumKind::Number(text.to_string()),
        Num::Rat(r) if r.numer().bits() + r.denom().bits() > CHEAP_BITS => {
            DatumKind::Number(text.to_string())
        }
        n => DatumKind::Number(numbers::format(&n, 10)),
    })
}

/// Everything that starts with `#`.
fn hash(input: &str, fold_case: bool) -> LResult<'_, Tok> {
    let after = &input[1..];
    match after.chars().next() {
        Some('(') => return Ok((&input[2..], Tok::Open(Nest::Vector))),
        Some(';') => return Ok((&input[2..], Tok::DatumComment)),
        Some('\\') => return character(input, fold_case),
        Some('!') => return directive(input),
        _ => {}
    }
    let (rest, word) = not_delimiters(after)?;
    let len = 1 + word.len();
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "t" | "true" => return Ok((rest, Tok::Atom(DatumKind::Bool(true)))),
        "f" | "false" => return Ok((rest, Tok::Atom(DatumKind::Bool(false)))),
        "" => return fail(input, 1, "unexpected `#`"),
        _ => {}
    }
    if lower.starts_with(['x', 'b', 'o', 'd', 'e', 'i']) {
        return prefixed_number(input, &input[..len]).map(|kind| (rest, Tok::Atom(kind)));
    }
    if (lower == "u8" || lower == "vu8") && rest.starts_with('(') {
        return Ok((&rest[1..], Tok::Open(Nest::Bytevector)));
    }
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        return label(input);
    }
    fail(
        input,
        len,
        format!("unknown `#` syntax `{}`", &input[..len]),
    )
}

/// `#n=` or `#n#`; `input` starts with `#` and a digit.
fn label(input: &str) -> LResult<'_, Tok> {
    let (rest, digits) = take_while1(|c: char| c.is_ascii_digit())(&input[1..])?;
    let len = 1 + digits.len() + 1;
    let Ok(n) = digits.parse::<u32>() else {
        return fail(input, len, format!("datum label `#{digits}` is too large"));
    };
    match rest.chars().next() {
        Some('=') => Ok((&rest[1..], Tok::LabelDef(n))),
        Some('#') => Ok((&rest[1..], Tok::LabelRef(n))),
        _ => fail(
            input,
            len - 1,
            format!("bad datum label `#{digits}`: expected `#{digits}=` or `#{digits}#`"),
        ),
    }
}

/// A number with `#x #b #o #d #e #i` prefixes; `text` is the whole token.
fn prefixed_number(input: &str, text: &str) -> Result<DatumKind, nom::Err<LexError>> {
    let bad = |msg: Cow<'static, str>| {
        nom::Err::Failure(LexError {
            rest: input.len(),
            len: text.len(),
            msg,
        })
    };
    // Duplicate prefixes get their own message; the rest is `number`'s job.
    let mut radix = None;
    let mut exact = None;
    let mut body = text;
    while let Some(after) = body.strip_prefix('#') {
        let Some(p) = after.chars().next() else {
            break;
        };
        let slot = match p.to_ascii_lowercase() {
            'x' => (&mut radix, 16),
            'b' => (&mut radix, 2),
            'o' => (&mut radix, 8),
            'd' => (&mut radix, 10),
            'e' => (&mut exact, 1),
            'i' => (&mut exact, 0),
            _ => break,
        };
        if slot.0.replace(slot.1).is_some() {
            return Err(bad(format!("bad number prefixes in `{text}`").into()));
        }
        body = &after[1..];
    }
    number(text).ok_or_else(|| bad(format!("bad number literal `{text}`").into()))
}

/// `#!fold-case` and `#!no-fold-case`.
fn directive(input: &str) -> LResult<'_, Tok> {
    let (rest, word) = not_delimiters(&input[2..])?;
    match word {
        "fold-case" => Ok((rest, Tok::Directive(true))),
        "no-fold-case" => Ok((rest, Tok::Directive(false))),
        _ => fail(
            input,
            2 + word.len(),
            format!("unknown directive `#!{word}`"),
        ),
    }
}

/// `#\a`, `#\space`, `#\x41`, ...; `input` starts with `#\`.
fn character(input: &str, fold_case: bool) -> LResult<'_, Tok> {
    let body = &input[2..];
    let Some(first) = body.chars().next() else {
        return fail(input, 2, "missing character after `#\\`");
    };
    let after = &body[first.len_utf8()..];
    // Only an alphabetic character can start a name (R7RS: `#\(a` is `#\(` then `a`).
    let (rest, more) = if first.is_alphabetic() {
        not_delimiters(after)?
    } else {
        (after, "")
    };
    if more.is_empty() {
        return Ok((rest, Tok::Atom(DatumKind::Char(first))));
    }
    let name = &body[..first.len_utf8() + more.len()];
    let len = 2 + name.len();
    let folded;
    let key = if fold_case {
        folded = name.to_lowercase();
        folded.as_str()
    } else {
        name
    };
    let named = closcrt::io::char_names::source_char_named(key);
    if let Some(c) = named {
        return Ok((rest, Tok::Atom(DatumKind::Char(c))));
    }
    if let Some(hex) = key.strip_prefix('x') {
        if hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                Some(c) => Ok((rest, Tok::Atom(DatumKind::Char(c)))),
                None => fail(input, len, format!("invalid character code `#\\{name}`")),
            };
        }
    }
    fail(input, len, format!("unknown character name `#\\{name}`"))
}

/// A string literal; `input` starts with `"`.
fn string(input: &str) -> LResult<'_, Tok> {
    let mut out = String::new();
    let mut rest = &input[1..];
    loop {
        let (r, chunk) = take_till::<_, _, LexError>(|c| c == '"' || c == '\\')(rest)?;
        out.push_str(chunk);
        if let Some(r) = r.strip_prefix('"') {
            return Ok((r, Tok::Atom(DatumKind::Str(out))));
        } else if r.is_empty() {
            return fail(input, 1, "unterminated string: missing `\"`");
        }
        let (r, c) = escape(r, true).map_err(|e| unterminated(e, input, "string: missing `\"`"))?;
        out.extend(c);
        rest = r;
    }
}

/// A `|...|` symbol; `input` starts with `|`.
fn bar_symbol(input: &str) -> LResult<'_, Tok> {
    let mut out = String::new();
    let mut rest = &input[1..];
    loop {
        let (r, chunk) = take_till::<_, _, LexError>(|c| c == '|' || c == '\\')(rest)?;
        out.push_str(chunk);
        if let Some(r) = r.strip_prefix('|') {
            return Ok((r, Tok::Atom(DatumKind::Symbol(out))));
        } else if r.is_empty() {
            return fail(input, 1, "unterminated `|` symbol: missing `|`");
        }
        let (r, c) =
            escape(r, false).map_err(|e| unterminated(e, input, "`|` symbol: missing `|`"))?;
        out.extend(c);
        rest = r;
    }
}

/// An escape hitting the end of the input is reported as the unterminated literal.
fn unterminated(err: nom::Err<LexError>, open: &str, what: &str) -> nom::Err<LexError> {
    match err {
        nom::Err::Failure(e) if e.rest == 0 => nom::Err::Failure(LexError {
            rest: open.len(),
            len: 1,
            msg: format!("unterminated {what}").into(),
        }),
        e => e,
    }
}

/// An escape sequence in a string (`in_string`) or `|symbol|`; `input` starts with
/// `\`. Yields `None` for a line continuation. An error at the very end of the input
/// (`rest == 0`) means the literal is unterminated.
fn escape(input: &str, in_string: bool) -> LResult<'_, Option<char>> {
    let body = &input[1..];
    let Some(c) = body.chars().next() else {
        return fail(body, 0, "");
    };
    let after = &body[c.len_utf8()..];
    let simple = match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'a' => '\x07',
        'b' => '\x08',
        '0' => '\0',
        '\\' | '"' | '|' => c,
        'x' | 'X' => {
            let (r, hex) = take_while::<_, _, LexError>(|c: char| c.is_ascii_hexdigit())(after)?;
            let Some(r) = r.strip_prefix(';') else {
                if r.is_empty() {
                    return fail(r, 0, "");
                }
                return fail(
                    input,
                    input.len() - r.len(),
                    "bad hex escape: expected `\\x<hex digits>;`",
                );
            };
            let code = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
            return match code {
                Some(c) if !hex.is_empty() => Ok((r, Some(c))),
                _ => fail(
                    input,
                    input.len() - r.len(),
                    "bad hex escape: not a Unicode scalar value",
                ),
            };
        }
        ' ' | '\t' | '\n' | '\r' if in_string => {
            // Line continuation: \ <blanks> <line ending> <blanks>.
            let blank = |c| c == ' ' || c == '\t';
            let (r, _) = take_while::<_, _, LexError>(blank)(body)?;
            let r = if let Some(r) = r.strip_prefix("\r\n") {
                r
            } else if let Some(r) = r.strip_prefix(['\n', '\r']) {
                r
            } else if r.is_empty() {
                return fail(r, 0, "");
            } else {
                return fail(
                    input,
                    1,
                    "`\\` followed by blanks must end the line (line continuation)",
                );
            };
            let (r, _) = take_while::<_, _, LexError>(blank)(r)?;
            return Ok((r, None));
        }
        _ => {
            return fail(
                input,
                1 + c.len_utf8(),
                format!(
                    "unknown escape `\\{}` in {}",
                    printable(c),
                    if in_string { "string" } else { "`|` symbol" }
                ),
            )
        }
    };
    Ok((after, Some(simple)))
}

#[cfg(test)]
mod tests;
