//! The pipeline: every stage from reading to codegen, in one list.
//!
//! In: the program's source files, in order (the main program; later,
//! library files too). Out: the closure-converted, lifted `ir::Program`
//! that codegen lowers, or, with `--dump-after=STAGE`, the text of the
//! program as that stage left it (`State::dump`); plus the warnings.
//!
//! `STAGES` is the order of the stages and the function that runs each one;
//! that function lives in the stage's own module (a pass) or just below, as
//! a short step that calls its module (read, expand, alpha-rename). The
//! program changes shape along the way (`State`): source files, datums
//! (`reader`), Core AST (`expand`), then one `ir::Program` that every later
//! stage rewrites in place.
//!
//! Decisions and invariants:
//! - Several files are read one by one, their spans moved into one span
//!   space (`sources::Sources`, which also prints diagnostics against the
//!   right file), and their forms are expanded in order as one program: a
//!   file's top-level macros are visible in the files after it. A file that
//!   `include` reads joins the sources during expansion (`Output::sources`
//!   has them all), so diagnostics inside it name it too.
//! - `check` wants every error: each file's reader stops at its first
//!   error, but each top-level form is expanded on its own, and the forms
//!   that expanded are still resolved (alpha-renamed) to find more errors
//!   and the unbound names (warnings), except names that a form which failed
//!   to expand would have defined.
//! - A check (`Run::Check`, the lint) reads the program without changing
//!   it, so a dump after the stage before it is taken after it has run too
//!   and comes with its warnings.
//! - Codegen is generic over the Cranelift module (in memory for the JIT, an
//!   object file for AOT), so `compile` stops before it and the drivers run
//!   it with their module; it is in the list so the list is the whole way.

use crate::ast;
use crate::datum::{Datum, DatumKind, SourceFile};
use crate::diagnostics::CompileError;
use crate::ir::{Level, Program};
use crate::libraries::SearchPath;
use crate::passes::alpha_rename::TopEnv;
use crate::sources::Sources;
use crate::{expand, lint, passes, prelude, reader};
use std::collections::HashSet;
use std::sync::Arc;

/// Every stage, in the order they run.
pub const STAGES: &[Stage] = &[
    // `reader::read_program`, file by file
    Stage {
        name: "read",
        run: Run::Step(read),
        forms: None,
    },
    // `expand::expand_program_partial` (`expand_program_in` in a REPL session)
    Stage {
        name: "expand",
        run: Run::Step(expand),
        forms: None,
    },
    // `passes::alpha_rename` (and `prelude`)
    Stage {
        name: "alpha-rename",
        run: Run::Step(alpha_rename),
        forms: Some(Level::Resolved),
    },
    Stage {
        name: "lint",
        run: Run::Check(lint::lint),
        forms: None,
    },
    Stage {
        name: "receive-values",
        run: Run::Pass(passes::receive_values::receive_values),
        forms: Some(Level::Resolved),
    },
    Stage {
        name: "prune-definitions",
        run: Run::Pass(passes::prune_definitions::prune_definitions),
        forms: Some(Level::Resolved),
    },
    Stage {
        name: "inline",
        run: Run::Pass(passes::inline::inline),
        forms: Some(Level::Inlined),
    },
    Stage {
        name: "propagate-constants",
        run: Run::Pass(passes::propagate_constants::propagate_constants),
        forms: Some(Level::Inlined),
    },
    Stage {
        name: "split-wide-calls",
        run: Run::Pass(passes::split_wide_calls::split_wide_calls),
        forms: Some(Level::Inlined),
    },
    Stage {
        name: "convert-assignments",
        run: Run::Pass(passes::convert_assignments::convert_assignments),
        forms: Some(Level::AssignmentsConverted),
    },
    Stage {
        name: "uncover-free",
        run: Run::Pass(passes::uncover_free::uncover_free),
        forms: Some(Level::FreeUncovered),
    },
    Stage {
        name: "convert-closures",
        run: Run::Pass(passes::convert_closures::convert_closures),
        forms: Some(Level::ClosuresConverted),
    },
    Stage {
        name: "lift-lambdas",
        run: Run::Pass(passes::lift_lambdas::lift_lambdas),
        forms: Some(Level::Lifted),
    },
    Stage {
        name: "flonum-hints",
        run: Run::Pass(passes::flonum_hints::flonum_hints),
        forms: Some(Level::Lifted),
    },
    Stage {
        name: "codegen",
        run: Run::Codegen,
        forms: None,
    },
];

/// One stage: its name (as `--dump-after` takes it), what runs it, and
/// which forms the program may contain after it.
pub struct Stage {
    pub name: &'static str,
    pub run: Run,
    /// The language the stage leaves the program in (`ir::Level`), checked
    /// after the stage in debug builds; none for the stages before the
    /// program is an `ir::Program` and for those that change nothing.
    pub forms: Option<Level>,
}

/// How a stage runs.
pub enum Run {
    /// Turns one state into the next, or fails with every error it found.
    Step(fn(State, &mut Context) -> Result<State, Vec<CompileError>>),
    /// Rewrites the program in place.
    Pass(fn(&mut Program)),
    /// Reads the program and returns warnings; changes nothing.
    Check(fn(&Program) -> Vec<CompileError>),
    /// Lowers the program to machine code: `crate::codegen::compile_program`,
    /// run by `crate::driver::jit` and `crate::driver::aot` with their module.
    Codegen,
}

impl Stage {
    /// Whether `--dump-after` can stop after it: it makes a new state.
    pub fn dumps(&self) -> bool {
        matches!(self.run, Run::Step(_) | Run::Pass(_))
    }
}

/// The names `--dump-after` takes, in pipeline order.
pub fn dump_names() -> impl Iterator<Item = &'static str> {
    STAGES.iter().filter(|s| s.dumps()).map(|s| s.name)
}

/// The program as it is between two stages.
pub enum State {
    /// Not read yet: the files are in `Context::sources`.
    Sources,
    /// The top-level forms of every file, in order.
    Datums(Vec<Datum>),
    /// The forms expanded to Core AST.
    Core(Vec<ast::Expr>),
    /// Resolved: alpha-rename and every later pass.
    Program(Box<Program>),
}

impl State {
    /// The text `--dump-after` prints.
    pub fn dump(&self) -> String {
        match self {
            State::Sources => String::new(),
            State::Datums(datums) => datums.iter().map(|d| format!("{d}\n")).collect(),
            State::Core(core) => core.iter().map(|e| format!("{e}\n")).collect(),
            State::Program(program) => program.dump(),
        }
    }

    fn shape(&self) -> &'static str {
        match self {
            State::Sources => "source files",
            State::Datums(_) => "datums",
            State::Core(_) => "Core AST",
            State::Program(_) => "a program",
        }
    }
}

/// What the stages share besides the state.
pub struct Context<'a> {
    /// The program's files; `include` adds to them while the program expands.
    sources: Sources,
    /// A REPL session's top level, compiled against and extended.
    env: Option<&'a mut TopLevel>,
    /// Where `import` finds library files.
    search: SearchPath,
    warnings: Vec<CompileError>,
}

/// A REPL session's top level: what earlier inputs defined, as the expander
/// (macros, hidden globals) and alpha-rename (every global's slot) see it.
#[derive(Clone, Default)]
pub struct TopLevel {
    pub names: TopEnv,
    pub syntax: expand::TopSyntax,
}

/// How to compile.
#[derive(Default)]
pub struct Options<'a> {
    /// Stop after this stage and return its dump.
    pub dump_after: Option<&'a str>,
    /// Compile against (and extend) a REPL session's top level.
    pub env: Option<&'a mut TopLevel>,
    /// Where `import` finds library files (`-I`, `-A`, `CLOSC_LIBRARY_PATH`).
    pub search: SearchPath,
}

/// What `compile` produced: a program ready for codegen, or the text of the
/// program after the stage named in `Options::dump_after`.
pub enum Compiled {
    Program(Box<Program>),
    Dump(String),
}

/// The result of `compile`: the program or every error found, and the
/// warnings (which never stop compilation).
pub struct Output {
    pub result: Result<Compiled, Vec<CompileError>>,
    pub warnings: Vec<CompileError>,
    /// The program's files and those it included: what errors and warnings
    /// are printed against.
    pub sources: Sources,
}

/// What to do with warnings (`closc -W`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Warnings {
    /// Print them (`-W all`).
    Show,
    /// Drop them (`-W none`).
    Hide,
    /// Each one is an error (`-W error`): nothing runs.
    Fail,
}

impl Output {
    /// The result under `mode`, and the warnings to print as warnings. With
    /// `Warnings::Fail` the warnings join the errors, in source order.
    pub fn apply(self, mode: Warnings) -> (Result<Compiled, Vec<CompileError>>, Vec<CompileError>) {
        match (mode, self.result) {
            (Warnings::Show, result) => (result, self.warnings),
            (Warnings::Hide, result) => (result, Vec::new()),
            (Warnings::Fail, result) if self.warnings.is_empty() => (result, Vec::new()),
            (Warnings::Fail, result) => {
                let mut errors = result.err().unwrap_or_default();
                errors.extend(self.warnings);
                errors.sort_by_key(|e| e.span.lo);
                (Err(errors), Vec::new())
            }
        }
    }
}

/// Runs every stage before codegen over the program made of `files`, or
/// stops after `opts.dump_after` with its dump. Errors and warnings carry
/// spans of the span space `Output::sources` lays out (`files`, then the
/// files they include).
pub fn compile(files: &[SourceFile], opts: Options) -> Output {
    let (result, warnings, sources) = run_until(files, opts.dump_after, opts.env, opts.search);
    let result = result.map(|state| match (opts.dump_after, state) {
        (Some(_), state) => Compiled::Dump(state.dump()),
        (None, State::Program(program)) => Compiled::Program(program),
        (None, state) => unreachable!("the front end ended with {}", state.shape()),
    });
    Output {
        result,
        warnings,
        sources,
    }
}

/// Runs the stages up to and including `stop_after` (every stage before
/// codegen without it) and returns the state they left, the warnings, and
/// the program's files with those it included.
pub fn run_until(
    files: &[SourceFile],
    stop_after: Option<&str>,
    env: Option<&mut TopLevel>,
    search: SearchPath,
) -> (Result<State, Vec<CompileError>>, Vec<CompileError>, Sources) {
    debug_assert!(
        stop_after.is_none_or(|name| STAGES.iter().any(|s| s.name == name)),
        "no stage is named {stop_after:?}"
    );
    let mut cx = Context {
        sources: Sources::new(files),
        env,
        search,
        warnings: Vec::new(),
    };
    let result = run_stages(stop_after, &mut cx);
    // In source order, whichever stage found them.
    cx.warnings.sort_by_key(|w| w.span.lo);
    (result, cx.warnings, cx.sources)
}

fn run_stages(stop_after: Option<&str>, cx: &mut Context) -> Result<State, Vec<CompileError>> {
    let mut state = State::Sources;
    let mut stopping = false;
    for stage in STAGES {
        match stage.run {
            Run::Check(check) => {
                let warnings = check(program(&mut state, stage));
                cx.warnings.extend(warnings);
            }
            _ if stopping => break,
            Run::Step(step) => state = step(state, cx)?,
            Run::Pass(pass) => pass(program(&mut state, stage)),
            Run::Codegen => break,
        }
        if cfg!(debug_assertions) {
            check_forms(&state, stage);
        }
        stopping |= stop_after == Some(stage.name);
    }
    Ok(state)
}

/// Panics with an internal error naming `stage` when the program it left
/// contains a form its level rules out (`Stage::forms`).
fn check_forms(state: &State, stage: &Stage) {
    if let (Some(level), State::Program(program)) = (stage.forms, state) {
        if let Err(form) = program.check_forms(level) {
            panic!(
                "internal error: after stage `{}` the program contains {form}",
                stage.name
            );
        }
    }
}

/// The program a stage after alpha-rename works on.
fn program<'s>(state: &'s mut State, stage: &Stage) -> &'s mut Program {
    match state {
        State::Program(program) => program,
        other => panic!(
            "internal error: stage `{}` runs on a program, not {}",
            stage.name,
            other.shape()
        ),
    }
}

/// read: each file's text to datums (`reader`), their spans moved to the
/// file's place in the span space, every file's forms in order.
fn read(_: State, cx: &mut Context) -> Result<State, Vec<CompileError>> {
    let mut datums = Vec::new();
    let mut errors = Vec::new();
    // A program (not a REPL input, whose values are printed) drops the
    // top-level literals before its last form as the reader hands them over:
    // evaluating them has no effect, and a file of data then takes memory for
    // what it keeps only.
    let drops_literals = cx.env.is_none();
    let mut last_literal = None;
    for (i, file) in cx.sources.files().iter().enumerate() {
        let base = cx.sources.base(i);
        let read = reader::read_each(file, false, |mut d| {
            if base != 0 {
                d.shift_spans(base);
            }
            if drops_literals && is_literal(&d) {
                last_literal = Some(d);
            } else {
                last_literal = None;
                datums.push(d);
            }
        });
        match read {
            Ok(()) => {}
            Err(mut e) => {
                e.span.lo += base;
                e.span.hi += base;
                errors.push(e);
            }
        }
    }
    datums.extend(last_literal);
    if errors.is_empty() {
        Ok(State::Datums(datums))
    } else {
        Err(errors)
    }
}

/// Whether top-level datum `d` is a self-evaluating literal (R7RS 4.1.2).
fn is_literal(d: &Datum) -> bool {
    use crate::datum::DatumKind::*;
    matches!(
        d.kind,
        Bool(_) | Int(_) | Number(_) | Char(_) | Str(_) | Bytevector(_) | Vector(_)
    )
}

/// expand: datums to Core AST (`expand`), form by form, adding the files
/// `include` reads to the program's sources; see the module doc for what it
/// reports when some forms fail.
fn expand(state: State, cx: &mut Context) -> Result<State, Vec<CompileError>> {
    let State::Datums(datums) = state else {
        unreachable!("expand runs on datums, not {}", state.shape())
    };
    let (core, mut errors, failed) = match cx.env.as_deref_mut() {
        Some(top) => {
            expand::expand_program_in(&datums, &mut top.syntax, Some(&mut cx.sources), &cx.search)
        }
        None => expand::expand_program_partial_in(&datums, Some(&mut cx.sources), &cx.search),
    };
    if errors.is_empty() {
        return Ok(State::Core(core));
    }
    // Look for more errors in the forms that did expand.
    let mut would_define = HashSet::new();
    for &i in &failed {
        defined_names(&datums[i], &mut would_define);
    }
    let prelude = prelude::expand_all();
    let mut warnings = Vec::new();
    if let Err(more) = passes::alpha_rename::alpha_rename(&core, &prelude, &mut warnings) {
        errors.extend(more);
    }
    cx.warnings.extend(warnings.into_iter().filter(|w| {
        !w.message
            .strip_prefix("unbound variable `")
            .and_then(|m| m.strip_suffix('`'))
            .is_some_and(|name| would_define.contains(name))
    }));
    errors.sort_by_key(|e| e.span.lo);
    Err(errors)
}

/// alpha-rename: Core AST plus the prelude definitions it reaches
/// (`prelude::expand_for`) to one resolved `ir::Program`
/// (`passes::alpha_rename`), against the REPL's environment if there is one.
fn alpha_rename(state: State, cx: &mut Context) -> Result<State, Vec<CompileError>> {
    let State::Core(core) = state else {
        unreachable!("alpha-rename runs on Core AST, not {}", state.shape())
    };
    let prelude = prelude::expand_for(&core);
    let mut program = passes::alpha_rename::alpha_rename_in(
        &core,
        &prelude,
        cx.env.as_deref_mut().map(|top| &mut top.names),
        &mut cx.warnings,
    )?;
    // Codegen's position table names the file of every position.
    program.sources = Some(Arc::new(cx.sources.clone()));
    // A REPL input joins the session's global table (later passes, such as
    // prune-definitions, must keep every global a later input may name).
    program.link.external_globals = cx.env.is_some();
    Ok(State::Program(Box::new(program)))
}

/// The program `text` is after `stage`, for the passes' unit tests.
#[cfg(test)]
pub(crate) fn program_after(text: &str, stage: &str) -> Program {
    let files = [SourceFile::new("test.scm", text)];
    match run_until(&files, Some(stage), None, SearchPath::default()).0 {
        Ok(State::Program(program)) => *program,
        Ok(other) => panic!("after `{stage}` the program is {}", other.shape()),
        Err(errors) => panic!("does not compile: {errors:?}"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dump_names_are_the_stages_that_make_a_state() {
        let names: Vec<&str> = dump_names().collect();
        assert_eq!(
            names,
            [
                "read",
                "expand",
                "alpha-rename",
                "receive-values",
                "prune-definitions",
                "inline",
                "propagate-constants",
                "split-wide-calls",
                "convert-assignments",
                "uncover-free",
                "convert-closures",
                "lift-lambdas",
                "flonum-hints",
            ]
        );
        assert_eq!(STAGES.last().map(|s| s.name), Some("codegen"));
    }

    /// A program of two files: the second uses the first's definition, and
    /// an error and a warning in the second are located in the second.
    #[test]
    fn several_files_make_one_program() {
        let files = [
            SourceFile::new("lib.scm", "(define (twice x) (* 2 x))\n"),
            SourceFile::new("main.scm", "(display (twice 21))\n"),
        ];
        let out = compile(&files, Options::default());
        assert!(matches!(out.result, Ok(Compiled::Program(_))));

        let files = [
            SourceFile::new("lib.scm", "(define (twice x) (* 2 x))\n"),
            SourceFile::new("main.scm", "(display (twice 21))\n(display nope)\n(if)\n"),
        ];
        let out = compile(&files, Options::default());
        let Err(errors) = out.result else {
            panic!("`(if)` is malformed");
        };
        let sources = Sources::new(&files);
        let located = |e: &CompileError| {
            let (file, span) = sources.locate(e.span);
            (file.name.clone(), file.line_col(span.lo), e.message.clone())
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(located(&errors[0]).0, "main.scm");
        assert_eq!(located(&errors[0]).1, (3, 1));
        let warnings: Vec<_> = out.warnings.iter().map(located).collect();
        assert_eq!(
            warnings,
            [(
                "main.scm".to_string(),
                (2, 10),
                "unbound variable `nope`".to_string()
            )]
        );
    }

    /// An unbound name is a global that nothing defines, read with the
    /// unbound check; each reference is a warning, in source order with
    /// the lint's; under `Warnings::Fail` every warning is an error.
    #[test]
    fn unbound_names_are_warnings_and_undefined_globals() {
        let text = "(define (f) (let ((unused 1)) (g 1)))\n(define (h) (set! g 2) g)\n";
        let files = [SourceFile::new("test.scm", text)];
        let out = compile(&files, Options::default());
        let messages: Vec<&str> = out.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unused variable `unused`",
                "unbound variable `g`",
                "unbound variable `g`",
                "unbound variable `g`",
            ]
        );
        let program = program_after(text, "alpha-rename");
        let g: Vec<_> = program.globals.iter().filter(|g| g.name == "g").collect();
        assert_eq!(g.len(), 1, "one global for every use of `g`");
        assert!(!g[0].bound_before_code && g[0].known_lambda.is_none());

        let (result, shown) = compile(&files, Options::default()).apply(Warnings::Fail);
        assert!(shown.is_empty());
        assert_eq!(result.err().map(|e| e.len()), Some(4));
        let (result, shown) = compile(&files, Options::default()).apply(Warnings::Hide);
        assert!(result.is_ok() && shown.is_empty());
    }

    /// Each file's reader error is reported against that file.
    #[test]
    fn reader_errors_of_every_file() {
        let files = [
            SourceFile::new("a.scm", "(display 1"),
            SourceFile::new("b.scm", "(display 2))"),
        ];
        let Err(errors) = compile(&files, Options::default()).result else {
            panic!("neither file reads");
        };
        let sources = Sources::new(&files);
        let located: Vec<(&str, (usize, usize))> = errors
            .iter()
            .map(|e| {
                let (file, span) = sources.locate(e.span);
                (file.name.as_str(), file.line_col(span.lo))
            })
            .collect();
        assert_eq!(located, [("a.scm", (1, 1)), ("b.scm", (1, 12))]);
    }
}
