//! Forms that choose or fetch the source to expand: `cond-expand` (R7RS
//! 4.2.1), `include` and `include-ci` (4.1.7), `syntax-error` (4.3.3), and
//! closc's `assert`, which needs the form's source position.
//!
//! In: a form whose head is bound to one of these. Out: for the first three,
//! a `(begin form...)` whose `begin` means the core `begin` wherever it ends
//! up, so the result splices into the top level or a body like any `begin`
//! and is an expression elsewhere; `syntax-error` is always a compile error.
//!
//! Decisions:
//! - Feature requirements are matched by name (`and`, `or`, `not`,
//!   `library`, `else`), as Guile does; when no clause holds, R7RS leaves
//!   the result unspecified and closc, like Guile 3, reports an error at the
//!   form. The features are those
//!   `(features)` returns at run time (`closcrt::builtins::system`), so the
//!   two cannot disagree. `(library NAME)` asks the library resolver
//!   (`Expander::library_available`): true when `import` would find it.
//! - An included file is added to the program's sources (`Sources::add`), so
//!   its forms carry spans into it and diagnostics name it; it is found
//!   relative to the directory of the file the `include` form is in (for a
//!   bundled library, among the bundled files: `libraries::read_source`).
//! - `(assert EXPR)` becomes `(or EXPR (error "FILE:LINE:COL: assertion
//!   failed" 'EXPR))` with a core `or`, `quote` and the builtin `error`: its
//!   value is EXPR's when true; the error names the expression as written
//!   and where the `assert` form is.
//! - `syntax-error` is reported at the macro use whose expansion (through
//!   any chain of macros expanding to macro uses) produced it, with its
//!   irritants written after the message as `error` writes them.

use super::syntax::{AliasData, Env, Ident, Syn, SynKind};
use super::{err, Expander, Result, MAX_EXPANSION_DEPTH};
use crate::datum::{Datum, DatumKind, SourceFile, Span};
use std::rc::Rc;

impl Expander {
    /// An identifier meaning the core form or system binding `name` wherever
    /// it is placed (a fresh alias nothing can bind, of the system's `name`).
    pub(super) fn system_ident(&mut self, name: &str) -> Ident {
        self.alias_counter += 1;
        Ident::Alias(Rc::new(AliasData {
            id: self.alias_counter,
            orig: Ident::plain(name),
            env: Env::system(),
        }))
    }

    /// `(begin forms...)` with a `begin` no binding can capture.
    fn system_begin(&mut self, forms: Vec<Syn>, span: Span) -> Syn {
        let head = Syn::ident(self.system_ident("begin"), span);
        Syn::list(std::iter::once(head).chain(forms).collect(), None, span)
    }

    /// Rewrites a use of `cond-expand`, `include` or `include-ci` into a `begin`.
    pub(super) fn expand_source_form(&mut self, kw: &str, form: &Syn) -> Result<Syn> {
        let items = self.proper_list(form)?;
        let forms = match kw {
            "cond-expand" => self.cond_expand(form.span, &items[1..])?,
            _ => {
                self.depth += 1;
                if self.depth > MAX_EXPANSION_DEPTH {
                    return err(
                        form.span,
                        format!(
                            "{kw} nested too deeply (more than {MAX_EXPANSION_DEPTH} levels): does a file include itself?"
                        ),
                    );
                }
                self.include(kw, form.span, &items[1..])?
            }
        };
        Ok(self.system_begin(forms, form.span))
    }

    /// The body of the first `cond-expand` clause whose requirement holds.
    pub(super) fn cond_expand(&mut self, span: Span, clauses: &[Syn]) -> Result<Vec<Syn>> {
        for (i, clause) in clauses.iter().enumerate() {
            let Some([req, body @ ..]) = clause.as_list() else {
                return err(
                    clause.span,
                    "malformed cond-expand: each clause must be (feature-requirement form...)",
                );
            };
            let holds = if req.as_ident().is_some_and(|id| id.name() == "else") {
                if i + 1 != clauses.len() {
                    return err(
                        clause.span,
                        "malformed cond-expand: the else clause must be the last",
                    );
                }
                true
            } else {
                self.requirement_holds(&req.strip())?
            };
            if holds {
                return Ok(body.to_vec());
            }
        }
        // R7RS leaves this unspecified; Guile 3 makes it a syntax error.
        err(
            span,
            "cond-expand: no clause's feature requirement holds (add an else clause)",
        )
    }

    /// The forms of every file an `include` names, in order.
    pub(super) fn include(&mut self, kw: &str, span: Span, names: &[Syn]) -> Result<Vec<Syn>> {
        if names.is_empty() {
            return err(
                span,
                format!("malformed {kw}: expected ({kw} \"file\" ...)"),
            );
        }
        let dir = self.directory_of(span);
        let mut forms = Vec::new();
        for name in names {
            let SynKind::Atom(Datum {
                kind: DatumKind::Str(file_name),
                ..
            }) = &name.kind
            else {
                return err(
                    name.span,
                    format!("malformed {kw}: `{name}` is not a string naming a file"),
                );
            };
            let path = dir.join(file_name);
            let shown = path.display().to_string();
            let text = match crate::libraries::read_source(&path) {
                Ok(text) => text,
                Err(e) => {
                    return err(
                        name.span,
                        format!("{kw}: cannot read {shown:?}: {}", os_reason(&e)),
                    )
                }
            };
            let file = SourceFile::new(shown, text);
            forms.extend(self.read_file(file, kw == "include-ci", name.span)?);
        }
        Ok(forms)
    }

    /// The forms of `file`, which joins the program's sources (so its spans
    /// and diagnostics point into it); `at` is where to report that it
    /// cannot.
    pub(super) fn read_file(
        &mut self,
        file: SourceFile,
        fold_case: bool,
        at: Span,
    ) -> Result<Vec<Syn>> {
        let shown = file.name.clone();
        let read = crate::reader::read_program_with(&file, fold_case);
        let Some(sources) = self.sources.as_mut() else {
            return err(at, format!("cannot read {shown:?} here"));
        };
        let Some(base) = sources.add(file) else {
            return err(at, format!("{shown:?}: the program is too large"));
        };
        match read {
            Ok(datums) => Ok(datums
                .into_iter()
                .map(|mut d| {
                    d.shift_spans(base);
                    Syn::from_datum(&d)
                })
                .collect()),
            Err(mut e) => {
                e.span.lo += base;
                e.span.hi += base;
                Err(e)
            }
        }
    }

    /// `(syntax-error "message" irritant...)`: the user's error, at `at`.
    pub(super) fn syntax_error(&self, form: &Syn, at: Span) -> Result<Syn> {
        let items = self.proper_list(form)?;
        let message = match items.get(1).map(|m| &m.kind) {
            Some(SynKind::Atom(Datum {
                kind: DatumKind::Str(s),
                ..
            })) => s.clone(),
            _ => {
                return err(
                    form.span,
                    "malformed syntax-error: expected (syntax-error \"message\" irritant...)",
                )
            }
        };
        // As `error` prints its message and irritants.
        let mut text = message;
        if items.len() > 2 {
            text.push(':');
        }
        for irritant in &items[2..] {
            text.push_str(&format!(" {}", irritant.strip()));
        }
        err(at, text)
    }
}

impl Expander {
    /// `(assert EXPR)`: EXPR's value if true, else an error reporting EXPR
    /// and the form's FILE:LINE:COL.
    pub(super) fn assert_form(&mut self, form: &Syn) -> Result<Syn> {
        let items = self.proper_list(form)?;
        let [_, expr] = items else {
            return err(form.span, "malformed assert: expected (assert expression)");
        };
        let position = match self.sources.as_ref() {
            Some(sources) => {
                let (file, local) = sources.locate(form.span);
                let (line, col) = file.line_col(local.lo);
                format!("{}:{line}:{col}: ", file.name)
            }
            None => String::new(),
        };
        let span = form.span;
        let message = Syn::from_datum(&Datum::new(
            DatumKind::Str(format!("{position}assertion failed")),
            span,
        ));
        let quoted = Syn::list(
            vec![
                Syn::ident(self.system_ident("quote"), span),
                Syn::from_datum(&expr.strip()),
            ],
            None,
            span,
        );
        let call = Syn::list(
            vec![
                Syn::ident(self.system_ident("error"), span),
                message,
                quoted,
            ],
            None,
            span,
        );
        Ok(Syn::list(
            vec![
                Syn::ident(self.system_ident("or"), span),
                expr.clone(),
                call,
            ],
            None,
            span,
        ))
    }
}

/// The OS's reason without Rust's `(os error N)` suffix.
fn os_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

impl Expander {
    /// Whether a `cond-expand` feature requirement holds for closc.
    fn requirement_holds(&self, req: &Datum) -> Result<bool> {
        let bad = |d: &Datum| {
            err(
                d.span,
                format!("malformed cond-expand: bad feature requirement `{d}`"),
            )
        };
        match &req.kind {
            DatumKind::Symbol(s) => {
                Ok(closcrt::builtins::system::feature_names().contains(&s.as_str()))
            }
            DatumKind::List(items, None) if !items.is_empty() => {
                let args = &items[1..];
                match items[0].as_symbol() {
                    Some("and") => {
                        for a in args {
                            if !self.requirement_holds(a)? {
                                return Ok(false);
                            }
                        }
                        Ok(true)
                    }
                    Some("or") => {
                        for a in args {
                            if self.requirement_holds(a)? {
                                return Ok(true);
                            }
                        }
                        Ok(false)
                    }
                    Some("not") => match args {
                        [a] => Ok(!self.requirement_holds(a)?),
                        _ => bad(req),
                    },
                    Some("library") => match args {
                        [name @ Datum {
                            kind: DatumKind::List(_, None),
                            ..
                        }] => Ok(self.library_available(name)),
                        _ => bad(req),
                    },
                    _ => bad(req),
                }
            }
            _ => bad(req),
        }
    }
}
