//! closc: a Scheme compiler whose heart is closures.
//!
//! `compile` below is the whole pipeline, in order; each stage is its own
//! module. The drivers in `driver` turn the final program into running code
//! (JIT) or an executable (AOT). See ARCHITECTURE.md for the map.

pub mod ast;
pub mod codegen;
pub mod datum;
pub mod diagnostics;
pub mod driver;
pub mod expand;
pub mod expand_records;
pub mod explain;
pub mod ir;
pub mod lint;
pub mod passes;
pub mod reader;
pub mod repl;

use datum::{Datum, DatumKind, SourceFile};
use diagnostics::CompileError;
use ir::Program;
use passes::alpha_rename::TopEnv;
use std::collections::HashSet;

/// The passes `--dump-after` can stop after, in pipeline order.
pub const PASSES: &[&str] = &[
    "read",
    "expand",
    "alpha-rename",
    "inline",
    "convert-assignments",
    "uncover-free",
    "convert-closures",
    "lift-lambdas",
    "flonum-hints",
];

/// A pass over the resolved program.
type Pass = fn(&mut Program);

/// The Scheme source of the builtins written in Scheme.
const PRELUDE: &str = include_str!("prelude.scm");

/// What `compile_program` produced: a program ready for codegen, or the text of
/// the program after the pass named in `dump_after`.
pub enum Compiled {
    Program(Box<Program>),
    Dump(String),
}

/// How to compile.
#[derive(Default)]
pub struct Options<'a> {
    /// Stop after this pass and return its dump.
    pub dump_after: Option<&'a str>,
    /// Compile against (and extend) a REPL session's top-level environment.
    pub env: Option<&'a mut TopEnv>,
}

/// The result of `compile`: the program or every error found, and the
/// warnings (which never stop compilation).
pub struct Output {
    pub result: Result<Compiled, Vec<CompileError>>,
    pub warnings: Vec<CompileError>,
}

/// Source text -> lifted, closure-converted program. Stops early with a dump
/// when `dump_after` names a pass.
pub fn compile_program(
    file: &SourceFile,
    dump_after: Option<&str>,
) -> Result<Compiled, Vec<CompileError>> {
    compile(
        file,
        Options {
            dump_after,
            env: None,
        },
    )
    .result
}

/// The whole front end. Reports as many errors as it can: the reader stops
/// at its first error, but each top-level form is expanded on its own, and
/// the forms that expanded are still resolved (alpha-renamed) to find unbound
/// names, except names that a form which failed to expand would have defined.
pub fn compile(file: &SourceFile, opts: Options) -> Output {
    let dump_after = opts.dump_after;
    let fail = |errors| Output {
        result: Err(errors),
        warnings: Vec::new(),
    };
    let datums = match reader::read_program(file) {
        Ok(d) => d,
        Err(e) => return fail(vec![e]),
    };
    if dump_after == Some("read") {
        return Output {
            result: Ok(Compiled::Dump(
                datums.iter().map(|d| format!("{d}\n")).collect(),
            )),
            warnings: Vec::new(),
        };
    }
    let (core, mut errors, failed) = expand::expand_program_partial(&datums);
    if !errors.is_empty() {
        // Look for more errors in the forms that did expand.
        let mut would_define = HashSet::new();
        for &i in &failed {
            defined_names(&datums[i], &mut would_define);
        }
        let prelude = expand_prelude();
        if let Err(more) = passes::alpha_rename::alpha_rename(&core, &prelude) {
            errors.extend(more.into_iter().filter(|e| {
                !e.message
                    .strip_prefix("unbound variable `")
                    .and_then(|m| m.strip_suffix('`'))
                    .is_some_and(|name| would_define.contains(name))
            }));
        }
        errors.sort_by_key(|e| e.span.lo);
        return fail(errors);
    }
    if dump_after == Some("expand") {
        return Output {
            result: Ok(Compiled::Dump(
                core.iter().map(|e| format!("{e}\n")).collect(),
            )),
            warnings: Vec::new(),
        };
    }
    let prelude = expand_prelude_for(&core);
    let mut program = match passes::alpha_rename::alpha_rename_in(&core, &prelude, opts.env) {
        Ok(p) => p,
        Err(errors) => return fail(errors),
    };
    program.source = Some(std::sync::Arc::new(file.clone()));
    let warnings = lint::lint(&program);
    let stages: [(&str, Pass); 7] = [
        ("alpha-rename", |_| {}),
        ("inline", passes::inline::inline),
        (
            "convert-assignments",
            passes::convert_assignments::convert_assignments,
        ),
        ("uncover-free", passes::uncover_free::uncover_free),
        (
            "convert-closures",
            passes::convert_closures::convert_closures,
        ),
        ("lift-lambdas", passes::lift_lambdas::lift_lambdas),
        ("flonum-hints", passes::flonum_hints::flonum_hints),
    ];
    for (name, pass) in stages {
        pass(&mut program);
        if dump_after == Some(name) {
            return Output {
                result: Ok(Compiled::Dump(program.dump())),
                warnings,
            };
        }
    }
    Output {
        result: Ok(Compiled::Program(Box::new(program))),
        warnings,
    }
}

/// The names a top-level form defines, read off its datum (used only to keep
/// `check` quiet about names whose definition failed to expand).
fn defined_names(form: &Datum, out: &mut HashSet<String>) {
    let DatumKind::List(items, _) = &form.kind else {
        return;
    };
    let symbol = |d: &Datum| match &d.kind {
        DatumKind::Symbol(s) => Some(s.clone()),
        _ => None,
    };
    let head = |d: &Datum| match &d.kind {
        DatumKind::List(xs, _) => xs.first().and_then(symbol),
        DatumKind::Symbol(s) => Some(s.clone()),
        _ => None,
    };
    match items.first().and_then(symbol).as_deref() {
        Some("begin") => items[1..].iter().for_each(|f| defined_names(f, out)),
        Some("define") | Some("define-syntax") => {
            if let Some(name) = items.get(1).and_then(head) {
                out.insert(name);
            }
        }
        Some("define-values") => {
            if let Some(Datum {
                kind: DatumKind::List(names, tail),
                ..
            }) = items.get(1)
            {
                out.extend(names.iter().chain(tail.as_deref()).filter_map(symbol));
            }
        }
        Some("define-record-type") => {
            // (define-record-type name (ctor field ...) pred (field acc [mod]) ...)
            for (i, d) in items.iter().enumerate().skip(1) {
                match (i, &d.kind) {
                    (1..=3, _) => out.extend(head(d)),
                    (_, DatumKind::List(xs, _)) => out.extend(xs.iter().skip(1).filter_map(symbol)),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// The prelude's forms, their spans moved past `PRELUDE_SPAN_BASE`.
fn read_prelude() -> Vec<Datum> {
    let file = SourceFile::new("<prelude>", PRELUDE);
    let mut datums = reader::read_program(&file).expect("the prelude reads");
    datums
        .iter_mut()
        .for_each(|d| d.shift_spans(datum::PRELUDE_SPAN_BASE));
    datums
}

fn expand_prelude() -> Vec<ast::Expr> {
    expand::expand_program(&read_prelude()).expect("the prelude expands")
}

/// The prelude definitions `core` can reach, expanded; the others are never
/// read or expanded (reading the whole prelude took 0.42 ms of `closc run`
/// hello's 3 ms). Reachability is over names: the symbols in a definition's
/// text, then, since a macro use can expand into a prelude name, the
/// references in its expansion, to a fixpoint.
fn expand_prelude_for(core: &[ast::Expr]) -> Vec<ast::Expr> {
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

fn datum_symbols(d: &Datum, out: &mut HashSet<String>) {
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
