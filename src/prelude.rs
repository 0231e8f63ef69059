//! The prelude: the builtins written in Scheme (`prelude.scm`), and which of
//! its definitions a program needs.
//!
//! In: the program's Core AST (the expander's output). Out: the prelude
//! definitions it can reach, expanded, for alpha-rename to put before the
//! program's own forms; or (`expand_all`) every definition, for `check`'s
//! look at a program that did not fully expand.
//!
//! Invariants: prelude spans lie past `PRELUDE_SPAN_BASE`, each at the offset
//! it has in `prelude.scm`, whether the prelude is read whole or form by form;
//! selected forms keep their prelude order.

use crate::datum::{self, Datum, DatumKind, SourceFile};
use crate::{ast, expand, reader};
use std::collections::HashSet;

/// The Scheme source of the builtins written in Scheme.
const PRELUDE: &str = include_str!("prelude.scm");

/// The prelude's forms, their spans moved past `PRELUDE_SPAN_BASE`.
fn read_prelude() -> Vec<Datum> {
    let file = SourceFile::new("<prelude>", PRELUDE);
    let mut datums = reader::read_program(&file).expect("the prelude reads");
    datums
        .iter_mut()
        .for_each(|d| d.shift_spans(datum::PRELUDE_SPAN_BASE));
    datums
}

/// Every prelude definition, expanded.
pub fn expand_all() -> Vec<ast::Expr> {
    expand::expand_program(&read_prelude()).expect("the prelude expands")
}

/// The prelude definitions `core` can reach, expanded; the others are never
/// read or expanded (reading the whole prelude took 0.42 ms of `closc run`
/// hello's 3 ms). Reachability is over names: the symbols in a definition's
/// text, then, since a macro use can expand into a prelude name, the
/// references in its expansion, to a fixpoint.
pub fn expand_for(core: &[ast::Expr]) -> Vec<ast::Expr> {
    let forms = prelude_forms();
    let index: std::collections::HashMap<&str, usize> = forms
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.name.map(|n| (n, i)))
        .collect();
    let mut selected = vec![false; forms.len()];
    let mut refs = HashSet::new();
    core.iter().for_each(|e| referenced_names(e, &mut refs));
    let mut out = Vec::new();
    loop {
        let mut work: Vec<usize> = refs
            .iter()
            .filter_map(|r| index.get(r.strip_prefix("#%").unwrap_or(r)).copied())
            .collect();
        let mut batch: Vec<(usize, Datum)> = Vec::new();
        while let Some(i) = work.pop() {
            if std::mem::replace(&mut selected[i], true) {
                continue;
            }
            let datum = forms[i].read();
            let mut symbols = HashSet::new();
            datum_symbols(&datum, &mut symbols);
            work.extend(
                symbols
                    .iter()
                    .filter_map(|s| index.get(s.as_str()).copied()),
            );
            batch.push((i, datum));
        }
        if batch.is_empty() {
            return out;
        }
        // In prelude order, as the forms stand in the prelude.
        batch.sort_unstable_by_key(|&(i, _)| i);
        let batch: Vec<Datum> = batch.into_iter().map(|(_, d)| d).collect();
        let expanded = expand::expand_program(&batch).expect("the prelude expands");
        refs.clear();
        expanded.iter().for_each(|e| referenced_names(e, &mut refs));
        out.extend(expanded);
    }
}

/// One top-level form of the prelude, as text.
struct PreludeForm {
    /// What it defines, if it is a `define`.
    name: Option<&'static str>,
    /// Its byte offset in the prelude.
    offset: usize,
    text: &'static str,
}

impl PreludeForm {
    /// The form's datum, with the spans it would have had if the whole
    /// prelude had been read (moved past `PRELUDE_SPAN_BASE`).
    fn read(&self) -> Datum {
        let file = SourceFile::new("<prelude>", self.text);
        let mut datums = reader::read_program(&file).expect("the prelude reads");
        assert_eq!(datums.len(), 1, "one prelude form per column-0 `(`");
        let mut d = datums.pop().expect("one datum");
        d.shift_spans(datum::PRELUDE_SPAN_BASE + self.offset as u32);
        d
    }
}

/// The prelude split into its top-level forms without reading it: each form
/// starts with `(` in column 0 and runs to the next such line (the prelude
/// keeps every other line indented or a comment; a test checks that the
/// split matches the reader).
fn prelude_forms() -> Vec<PreludeForm> {
    let mut starts: Vec<usize> = PRELUDE.match_indices("\n(").map(|(i, _)| i + 1).collect();
    if PRELUDE.starts_with('(') {
        starts.insert(0, 0);
    }
    let ends = starts.iter().skip(1).copied().chain([PRELUDE.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| {
            let text = &PRELUDE[start..end];
            let name = ["(define (", "(define "]
                .iter()
                .find_map(|head| text.strip_prefix(head))
                .and_then(|rest| {
                    rest.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
                        .next()
                })
                .filter(|n| !n.is_empty());
            PreludeForm {
                name,
                offset: start,
                text,
            }
        })
        .collect()
}

/// `name` of a prelude form `(define (name ...) ...)` or `(define name ...)`.
#[cfg(test)]
fn prelude_definition_name(d: &Datum) -> Option<String> {
    let items = d.as_list()?;
    if items.first()?.as_symbol()? != "define" {
        return None;
    }
    match &items.get(1)?.kind {
        DatumKind::Symbol(s) => Some(s.clone()),
        DatumKind::List(xs, _) => xs.first()?.as_symbol().map(str::to_string),
        _ => None,
    }
}

pub(crate) fn datum_symbols(d: &Datum, out: &mut HashSet<String>) {
    match &d.kind {
        DatumKind::Symbol(s) => {
            out.insert(s.clone());
        }
        DatumKind::List(items, tail) => {
            items.iter().for_each(|x| datum_symbols(x, out));
            if let Some(t) = tail {
                datum_symbols(t, out);
            }
        }
        DatumKind::Vector(items) => items.iter().for_each(|x| datum_symbols(x, out)),
        _ => {}
    }
}

/// Every variable name referenced or assigned in `e`.
fn referenced_names(e: &ast::Expr, out: &mut HashSet<String>) {
    use ast::Expr as E;
    match e {
        E::Quote(_) | E::Void => {}
        E::Ref(n, _) => {
            out.insert(n.clone());
        }
        E::Set(n, x, _) => {
            out.insert(n.clone());
            referenced_names(x, out);
        }
        E::Define(_, x, _) => referenced_names(x, out),
        E::If(a, b, c) => {
            referenced_names(a, out);
            referenced_names(b, out);
            referenced_names(c, out);
        }
        E::Lambda(l) => referenced_names(&l.body, out),
        E::Call(f, args, _) => {
            referenced_names(f, out);
            args.iter().for_each(|a| referenced_names(a, out));
        }
        E::Begin(es) => es.iter().for_each(|x| referenced_names(x, out)),
        E::Let(bs, body) | E::Letrec(bs, body) => {
            bs.iter().for_each(|b| referenced_names(&b.init, out));
            referenced_names(body, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The column-0 split of the prelude finds the forms the reader finds,
    /// with the same names and the same spans.
    #[test]
    fn prelude_split_matches_the_reader() {
        let read = read_prelude();
        let forms = prelude_forms();
        assert_eq!(read.len(), forms.len());
        for (d, f) in read.iter().zip(&forms) {
            assert_eq!(prelude_definition_name(d).as_deref(), f.name);
            let again = f.read();
            assert_eq!(again.to_string(), d.to_string());
            assert_eq!(again.span, d.span);
        }
    }
}
