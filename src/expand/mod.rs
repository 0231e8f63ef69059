//! Expander: datums -> core language (`ast::Expr`), with hygienic macros.
//!
//! In: the reader's datums for the whole program. Out: one `ast::Expr` per
//! top-level form (top-level `begin`s flattened; `define-syntax` and `import`
//! produce nothing), where only `quote`, variable reference, `set!`, top-level
//! `define`, `if`, `lambda`, application, `begin`, `let` and `letrec*` remain.
//! Invariants of the output: `Define` appears only at top level; bodies are
//! single expressions; every malformed form has been reported as a
//! `CompileError` at the form's position; every name means what it meant in
//! the source, so later passes may resolve names by plain lexical scoping
//! (`naming` picks local names that make this true).
//!
//! How: datums become `Syn` (`syntax.rs`), whose identifiers may be aliases
//! made by macro expansion. Each identifier is resolved in an `Env` (a chain of
//! scopes) to a `Binding`: a local, a global, a macro, or a form the expander
//! implements (`Special`). So `if` is `if` only where it is not rebound, and an
//! alias of `if` from a macro means `if` even inside a user's `(let ((if ...)))`.
//! `syntax_rules.rs` compiles, matches and instantiates `syntax-rules`;
//! `derived.rs` expands the derived forms; `source_forms.rs` turns
//! `cond-expand`, `include` and `include-ci` into `begin`s (reading included
//! files into the program's `Sources`) and reports `syntax-error`;
//! `naming.rs` names the locals.
//!
//! Example: `(let loop ((i 0)) (when (< i 3) (loop (+ i 1))))` becomes
//! `(let ((#%t1 0)) (letrec* ((loop (lambda (i) (if (< i 3) (loop (+ i 1)) #<void>)))) (loop #%t1)))`.
//!
//! Names the expander invents start with `#%` (temporaries, and `#%NAME` for
//! builtin NAME); hygienically renamed locals and macro-introduced top-level
//! names start with `#:`. The reader produces neither.
//!
//! Libraries (`library.rs`, `toplevel.rs`): each top level (a script's or
//! the REPL's, an R7RS program's, each library's) has its own table of
//! names, and an `Env` chain ends at the top level it belongs to, so a
//! macro's free identifiers mean what they meant in its library wherever it
//! is used. A script's globals keep their names, as they always did; an
//! R7RS program's and a library's are named `#:NAME@K` (K: the top level's
//! number, 0 for the program), unique across the whole program, so
//! libraries' private names never clash and all the files compile as one
//! program; messages show them as `NAME` (`ast::shown_name`). What a
//! standard library exports is `#%NAME` (a builtin or prelude definition),
//! a special form, or a built-in macro (`libraries::standard`). A file
//! whose first form (after any `define-library`) is `import` is an R7RS
//! program and sees only what it imports; `define-library` forms are kept
//! until imported, and an imported library's body is expanded once and
//! placed before the form that first imports it.

mod derived;
mod foreign;
mod library;
mod naming;
pub use naming::as_written;
pub use toplevel::written_global_name;
mod source_forms;
mod syntax;
mod syntax_rules;
mod toplevel;

use crate::ast::{Binding as AstBinding, Expr, Lambda};
use crate::datum::{Datum, Span};
use crate::diagnostics::CompileError;
use crate::libraries::{LibraryName, SearchPath};
use crate::sources::Sources;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::rc::Rc;
use syntax::{Binding, Env, Ident, Syn, SynKind, TopId};
use toplevel::{Resolution, TopScope};

type Result<T> = std::result::Result<T, CompileError>;

/// The forms the expander implements, bound at top level under these names
/// (auxiliary syntax such as `else` included: literals match it by binding).
const SPECIALS: &[&str] = &[
    "quote",
    "quasiquote",
    "unquote",
    "unquote-splicing",
    "lambda",
    "define",
    "if",
    "set!",
    "begin",
    "let",
    "let*",
    "letrec",
    "letrec*",
    "do",
    "cond",
    "case",
    "and",
    "or",
    "when",
    "unless",
    "else",
    "=>",
    "import",
    "define-syntax",
    "define-record-type",
    "let-syntax",
    "letrec-syntax",
    "syntax-rules",
    "...",
    "_",
    "cond-expand",
    "include",
    "include-ci",
    "syntax-error",
    "assert",
    "foreign-procedure",
    "foreign-callback",
];

/// The forms of `SPECIALS` that are closc's, in the library `(closc)`, not
/// R7RS syntax.
const CLOSC_SPECIALS: &[&str] = &["assert"];

/// Derived forms written as `syntax-rules` (see the file's header).
const BUILTIN_MACROS: &str = include_str!("builtin_macros.scm");

/// How many macro expansions may nest (one inside the output of another)
/// before expansion is declared infinite.
pub(super) const MAX_EXPANSION_DEPTH: usize = 1000;

/// The expander runs on its own thread with this much stack, so deep (but
/// bounded) expansions cannot overflow the caller's stack; on a thread started
/// by `closcrt::control::run::on_scheme_stack` (four times as big) it runs in place.
const EXPANDER_STACK: usize = 256 << 20;

#[derive(Clone)]
pub struct Expander {
    /// Base names of the locals, indexed by `Binding::Local`.
    locals: Vec<String>,
    gensym_counter: usize,
    alias_counter: u64,
    /// Every top level, by `TopId`: 0 is the program's (a script's, an R7RS
    /// program's or the REPL session's), then one per library expanded.
    tops: Vec<TopScope>,
    /// The top level whose forms are being expanded.
    current_top: TopId,
    /// What free plain names mean in syntax the expander wrote itself.
    system_top: HashMap<Rc<str>, Binding>,
    /// Top-level definitions of macro-introduced identifiers, by alias id.
    top_aliases: HashMap<u64, Binding>,
    /// Nesting of macro expansions on the current path.
    depth: usize,
    /// The program's files, to which `include` adds (none for the prelude).
    sources: Option<Sources>,
    /// Where `import` looks for library files.
    search: Rc<SearchPath>,
    /// Libraries loaded or being loaded, by name.
    libraries: HashMap<LibraryName, library::LibraryState>,
    /// `define-library` forms read but not expanded yet (no import so far).
    declared: HashMap<LibraryName, Syn>,
    /// Library files read so far.
    library_files: HashSet<PathBuf>,
    /// For each library file read (by its name in the sources), the
    /// directory of the search path it was found in.
    library_roots: HashMap<String, PathBuf>,
    /// The libraries being loaded, outermost first (to name an import cycle).
    loading: Vec<LibraryName>,
    /// Expanded library bodies not yet placed in the output.
    library_code: Vec<Expr>,
    /// Whether `(closc base)` has been imported into a script's top level.
    script_extras: bool,
}

/// Expands a whole program (its top-level forms in order).
pub fn expand_program(forms: &[Datum]) -> std::result::Result<Vec<Expr>, Vec<CompileError>> {
    let (out, errors, _) = expand_program_partial(forms);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Expands every top-level form it can: the expansions of the forms that
/// expanded (in order), the error of each form that did not, and the indices
/// of those forms. `closc check` uses it to go on to later passes and report
/// more than one error.
pub fn expand_program_partial(forms: &[Datum]) -> (Vec<Expr>, Vec<CompileError>, Vec<usize>) {
    expand_program_partial_in(forms, None, &SearchPath::default())
}

/// `expand_program_partial` for forms read from `sources`, which the files
/// that `include` and `import` read are added to (without it, both are
/// errors), finding libraries along `search`.
pub fn expand_program_partial_in(
    forms: &[Datum],
    sources: Option<&mut Sources>,
    search: &SearchPath,
) -> (Vec<Expr>, Vec<CompileError>, Vec<usize>) {
    if closcrt::control::run::has_scheme_stack() {
        return expand_on_this_thread(forms, sources, search);
    }
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("expand".into())
            .stack_size(EXPANDER_STACK)
            .spawn_scoped(s, || expand_on_this_thread(forms, sources, search))
            .expect("spawn the expander thread")
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// A REPL session's syntactic top level: the macros and macro-introduced
/// (hidden) globals that earlier inputs defined, and the counters that keep
/// hidden names and aliases unique over the whole session.
#[derive(Clone)]
pub struct TopSyntax(Expander);

impl Default for TopSyntax {
    fn default() -> TopSyntax {
        TopSyntax(Expander::new())
    }
}

impl TopSyntax {
    /// The top level of an environment made by `environment`: strict, like
    /// an R7RS program's, so it sees only what its first input imports.
    pub fn strict() -> TopSyntax {
        let mut ex = Expander::new();
        ex.tops[0].strict = true;
        TopSyntax(ex)
    }

    /// Binds `name` at this top level to the builtin `builtin`, whatever
    /// the top level imports (how `eval` refers to the objects it keeps).
    pub fn bind_builtin(&mut self, name: &str, builtin: &str) {
        self.0.tops[0]
            .names
            .insert(name.into(), Binding::Global(format!("#%{builtin}").into()));
    }
}

/// `expand_program_partial` against (and extending) a session's top level.
/// It runs on the calling thread, which must have a big stack (the REPL runs
/// under `closcrt::control::run::on_scheme_stack`): the state it extends is
/// not `Send`.
pub fn expand_program_in(
    forms: &[Datum],
    top: &mut TopSyntax,
    sources: Option<&mut Sources>,
    search: &SearchPath,
) -> (Vec<Expr>, Vec<CompileError>, Vec<usize>) {
    top.0.search = Rc::new(search.clone());
    expand_with(&mut top.0, forms, sources)
}

fn expand_on_this_thread(
    forms: &[Datum],
    sources: Option<&mut Sources>,
    search: &SearchPath,
) -> (Vec<Expr>, Vec<CompileError>, Vec<usize>) {
    let mut ex = Expander::new();
    ex.search = Rc::new(search.clone());
    // A file whose first form (after any `define-library`) is `import` is
    // an R7RS program: it sees only what it imports.
    let first = forms.iter().find(
        |d| !matches!(d.as_list(), Some([head, ..]) if head.as_symbol() == Some("define-library")),
    );
    if matches!(first.and_then(|d| d.as_list()), Some([head, ..]) if head.as_symbol() == Some("import"))
    {
        ex.tops[0] = TopScope {
            strict: true,
            ..TopScope::default()
        };
    }
    expand_with(&mut ex, forms, sources)
}

fn expand_with(
    ex: &mut Expander,
    forms: &[Datum],
    sources: Option<&mut Sources>,
) -> (Vec<Expr>, Vec<CompileError>, Vec<usize>) {
    let mut sources = sources;
    ex.sources = sources.as_deref_mut().map(std::mem::take);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    ex.current_top = 0;
    let top = Env::top(0);
    let mut failed = Vec::new();
    if ex.sources.is_some() && !ex.tops[0].strict && !ex.script_extras {
        // A script (and the REPL) sees closc's extras without importing them.
        match ex.import_script_extras(forms) {
            Ok(imported) => ex.script_extras = imported,
            Err(e) => {
                ex.script_extras = true;
                errors.push(e);
            }
        }
    }
    for (i, form) in forms.iter().enumerate() {
        ex.depth = 0;
        let before = out.len();
        if let Err(e) = ex.expand_toplevel(Syn::from_datum(form), &top, &mut out) {
            // Drop what a `begin` produced before its failing part.
            out.truncate(before);
            errors.push(e);
            failed.push(i);
        }
    }
    naming::name_locals(&mut out, &ex.locals);
    if let (Some(sources), Some(grown)) = (sources, ex.sources.take()) {
        *sources = grown;
    }
    (out, errors, failed)
}

fn err<T>(span: Span, msg: impl Into<String>) -> Result<T> {
    Err(CompileError::new(span, msg))
}

/// A reference to a builtin that user bindings cannot shadow.
fn builtin(name: &str, span: Span) -> Expr {
    Expr::Ref(format!("#%{name}"), span)
}

fn call(f: Expr, args: Vec<Expr>, span: Span) -> Expr {
    Expr::Call(Box::new(f), args, span)
}

fn begin(mut exprs: Vec<Expr>) -> Expr {
    if exprs.len() == 1 {
        exprs.pop().unwrap()
    } else if exprs.is_empty() {
        Expr::Void
    } else {
        Expr::Begin(exprs)
    }
}

fn if_(c: Expr, t: Expr, e: Expr) -> Expr {
    Expr::If(Box::new(c), Box::new(t), Box::new(e))
}

fn let_(bindings: Vec<AstBinding>, body: Expr) -> Expr {
    if bindings.is_empty() {
        body
    } else {
        Expr::Let(bindings, Box::new(body))
    }
}

/// The output name of local `n` until `naming` gives it its final name.
fn local_name(n: usize) -> String {
    format!("\u{0}{n}")
}

/// A definition's right-hand side, kept as syntax until the whole body is scanned.
enum DefRhs {
    Value(Option<Syn>),
    /// `(define (name . formals) body...)`.
    Procedure(Syn, Vec<Syn>),
}

/// One form of a body after its head has been expanded.
enum BodyItem {
    Define {
        name: String,
        base: String,
        span: Span,
        form_span: Span,
        rhs: DefRhs,
        depth: usize,
    },
    Expr(Syn, usize),
}

/// Parsed lambda parameters: the required ones and the rest parameter.
type Formals = (Vec<(Ident, Span)>, Option<(Ident, Span)>);

impl Expander {
    fn new() -> Expander {
        let mut top = HashMap::new();
        for &s in SPECIALS {
            top.insert(Rc::from(s), Binding::Special(s));
        }
        // A script sees closc's own forms through its `(closc base)` import,
        // so that its own definition of such a name wins everywhere in it.
        let mut script_top = top.clone();
        for s in CLOSC_SPECIALS {
            script_top.remove(*s);
        }
        let mut ex = Expander {
            locals: Vec::new(),
            gensym_counter: 0,
            alias_counter: 0,
            system_top: top,
            tops: vec![TopScope {
                names: script_top,
                ..TopScope::default()
            }],
            current_top: 0,
            top_aliases: HashMap::new(),
            depth: 0,
            sources: None,
            search: Rc::default(),
            libraries: HashMap::new(),
            declared: HashMap::new(),
            library_files: HashSet::new(),
            library_roots: HashMap::new(),
            loading: Vec::new(),
            library_code: Vec::new(),
            script_extras: false,
        };
        ex.define_builtin_macros();
        ex
    }

    /// Compiles `builtin_macros.scm` in the system environment and binds its
    /// macros at top level (where user definitions may shadow them) and in
    /// the system table (where nothing can).
    fn define_builtin_macros(&mut self) {
        let file = crate::datum::SourceFile::new("<builtin-macros>", BUILTIN_MACROS);
        let forms = crate::reader::read_program(&file).expect("the builtin macros read");
        let system = Env::system();
        for form in &forms {
            let syn = Syn::from_datum(form);
            let items = syn.as_list().expect("(define-syntax name spec)");
            let name = items[1]
                .as_ident()
                .expect("a macro name")
                .name()
                .to_string();
            let mac = self
                .compile_syntax_rules(&items[2], &system, &name, true)
                .expect("the builtin macros compile");
            let b = Binding::Macro(Rc::new(mac));
            self.system_top.insert(name.as_str().into(), b.clone());
            self.tops[0].names.insert(name.as_str().into(), b);
        }
    }

    fn gensym(&mut self, hint: &str) -> String {
        self.gensym_counter += 1;
        format!("#%{hint}{}", self.gensym_counter)
    }

    /// What `id` means in `env`.
    fn lookup(&self, id: &Ident, env: &Env) -> Binding {
        self.lookup_in(id, env, false)
    }

    /// What `id` means for matching a `syntax-rules` literal: its binding, but
    /// a name that no top level binds is the plain name whatever top level it
    /// is free in, so an identifier unbound where a library's macro is
    /// defined matches the same name unbound in the importer (R7RS 4.3.2: both
    /// unbound, same name).
    fn literal_meaning(&self, id: &Ident, env: &Env) -> Binding {
        self.lookup_in(id, env, true)
    }

    fn lookup_in(&self, id: &Ident, env: &Env, unbound_by_name: bool) -> Binding {
        match self.resolve(id, env) {
            Resolution::Bound(b) => b,
            Resolution::Free(Some(top), n)
                if unbound_by_name && !self.tops[top].names.contains_key(&n) =>
            {
                Binding::Global(n)
            }
            Resolution::Free(Some(top), n) => self.tops[top].free_name(top, &n),
            Resolution::Free(None, n) => self
                .system_top
                .get(&n)
                .cloned()
                .unwrap_or_else(|| Binding::Global(format!("#%{n}").into())),
        }
    }

    fn is_special(&self, id: &Ident, env: &Env, name: &str) -> bool {
        matches!(self.lookup(id, env), Binding::Special(s) if s == name)
    }

    /// Is `s` an identifier meaning the special form or auxiliary keyword `name`?
    fn is_keyword(&self, s: &Syn, env: &Env, name: &str) -> bool {
        s.as_ident()
            .is_some_and(|id| self.is_special(id, env, name))
    }

    /// The binding of a form's head identifier, if the form is a non-empty list headed by one.
    fn head_binding(&self, form: &Syn, env: &Env) -> Option<Binding> {
        match &form.kind {
            SynKind::List(items, _) if !items.is_empty() => {
                items[0].as_ident().map(|id| self.lookup(id, env))
            }
            _ => None,
        }
    }

    /// Creates local `id` in `env`'s innermost scope; returns its output name.
    fn bind_local(&mut self, id: &Ident, env: &Env) -> String {
        let n = self.locals.len();
        self.locals.push(id.name().to_string());
        env.bind(id.clone(), Binding::Local(n));
        local_name(n)
    }

    /// Expands macro uses (and `cond-expand`, `include`) at the head of
    /// `form` until its head is neither. Returns the form and its head's binding.
    fn expand_head(&mut self, mut form: Syn, env: &Env) -> Result<(Syn, Option<Binding>)> {
        // `syntax-error` reports at the form this chain of expansions started
        // from: the use the program wrote, where a macro's output is another
        // macro's use.
        let use_span = form.span;
        loop {
            match self.head_binding(&form, env) {
                Some(Binding::Special(kw @ ("cond-expand" | "include" | "include-ci"))) => {
                    form = self.expand_source_form(kw, &form)?;
                }
                Some(Binding::Special("syntax-error")) => {
                    form = self.syntax_error(&form, use_span)?;
                }
                Some(Binding::Special("assert")) => {
                    form = self.assert_form(&form)?;
                }
                Some(Binding::Macro(m)) => {
                    self.depth += 1;
                    if self.depth > MAX_EXPANSION_DEPTH {
                        return err(
                            form.span,
                            format!(
                                "macro expansion nested too deeply (more than {MAX_EXPANSION_DEPTH} levels) in a use of {}: infinite recursion?",
                                m.name
                            ),
                        );
                    }
                    form = self.expand_macro_use(&m, &form, env)?;
                }
                b => return Ok((form, b)),
            }
        }
    }

    fn proper_list<'a>(&self, form: &'a Syn) -> Result<&'a [Syn]> {
        match form.as_list() {
            Some(items) => Ok(items),
            None => err(form.span, "malformed form: expected a proper list"),
        }
    }

    /// `(define name expr)`, `(define name)`, `(define (name . formals) body...)`:
    /// the name, its span and the right-hand side (not yet expanded).
    fn parse_define(&mut self, form: &Syn, _env: &Env) -> Result<(Ident, Span, DefRhs)> {
        let items = self.proper_list(form)?;
        if items.len() < 2 {
            return err(
                form.span,
                "malformed define: expected (define name expr) or (define (name args...) body...)",
            );
        }
        match &items[1].kind {
            SynKind::Ident(id) => match items.len() {
                2 => Ok((id.clone(), items[1].span, DefRhs::Value(None))),
                3 => Ok((
                    id.clone(),
                    items[1].span,
                    DefRhs::Value(Some(items[2].clone())),
                )),
                _ => err(
                    form.span,
                    "malformed define: too many expressions after the name",
                ),
            },
            SynKind::List(sig, tail) if !sig.is_empty() => {
                let Some(id) = sig[0].as_ident() else {
                    return err(
                        sig[0].span,
                        "malformed define: procedure name must be an identifier",
                    );
                };
                if items.len() < 3 {
                    return err(form.span, "malformed define: procedure has no body");
                }
                let formals = Syn::list(sig[1..].to_vec(), tail.as_deref().cloned(), items[1].span);
                Ok((
                    id.clone(),
                    sig[0].span,
                    DefRhs::Procedure(formals, items[2..].to_vec()),
                ))
            }
            _ => err(
                items[1].span,
                "malformed define: expected a name or (name args...)",
            ),
        }
    }

    fn expand_define_rhs(
        &mut self,
        rhs: DefRhs,
        name: &str,
        span: Span,
        env: &Env,
    ) -> Result<Expr> {
        match rhs {
            DefRhs::Value(None) => Ok(Expr::Void),
            DefRhs::Value(Some(e)) => {
                let mut value = self.expand(&e, env)?;
                match &mut value {
                    Expr::Lambda(l) => {
                        l.name.get_or_insert_with(|| name.to_string());
                    }
                    // A `case-lambda`: its clauses carry the name.
                    Expr::Call(f, clauses, _) if matches!(&**f, Expr::Ref(g, _) if g == "#%%case-lambda") => {
                        for clause in clauses {
                            if let Expr::Lambda(l) = clause {
                                l.name.get_or_insert_with(|| name.to_string());
                            }
                        }
                    }
                    _ => {}
                }
                Ok(value)
            }
            DefRhs::Procedure(formals, body) => Ok(Expr::Lambda(self.make_lambda(
                &formals,
                &body,
                env,
                span,
                Some(name.to_string()),
            )?)),
        }
    }

    /// `(define-syntax keyword (syntax-rules ...))`.
    fn parse_define_syntax(
        &mut self,
        form: &Syn,
        env: &Env,
    ) -> Result<(Ident, syntax_rules::Macro)> {
        match self.proper_list(form)? {
            [_, name, spec] => match name.as_ident() {
                Some(id) => {
                    let mac = self.compile_syntax_rules(spec, env, id.name(), false)?;
                    Ok((id.clone(), mac))
                }
                None => err(
                    name.span,
                    "malformed define-syntax: the keyword must be an identifier",
                ),
            },
            _ => err(
                form.span,
                "malformed define-syntax: expected (define-syntax keyword (syntax-rules ...))",
            ),
        }
    }

    fn parse_formals(&self, formals: &Syn) -> Result<Formals> {
        let (items, tail): (&[Syn], Option<&Syn>) = match &formals.kind {
            SynKind::Ident(_) => (&[], Some(formals)),
            SynKind::List(items, tail) => (items, tail.as_deref()),
            _ => return err(formals.span, "malformed lambda: bad parameter list"),
        };
        let mut params: Vec<(Ident, Span)> = Vec::new();
        // A set (of what makes two identifiers equal: a plain name, or an
        // alias's id), so that a lambda of thousands of parameters is checked
        // in linear time.
        let mut seen: HashSet<(Option<Rc<str>>, u64)> = HashSet::new();
        let mut check = |d: &Syn| -> Result<(Ident, Span)> {
            let Some(id) = d.as_ident() else {
                return err(
                    d.span,
                    format!("malformed parameter list: `{d}` is not an identifier"),
                );
            };
            let key = match id {
                Ident::Plain(name) => (Some(name.clone()), 0),
                Ident::Alias(alias) => (None, alias.id),
            };
            if !seen.insert(key) {
                return err(d.span, format!("duplicate parameter `{}`", id.name()));
            }
            Ok((id.clone(), d.span))
        };
        for d in items {
            let p = check(d)?;
            params.push(p);
        }
        let rest = match tail {
            Some(t) => Some(check(t)?),
            None => None,
        };
        Ok((params, rest))
    }

    fn make_lambda(
        &mut self,
        formals: &Syn,
        body: &[Syn],
        env: &Env,
        span: Span,
        name: Option<String>,
    ) -> Result<Lambda> {
        let (params, rest) = self.parse_formals(formals)?;
        let scope = env.extend();
        let params = params
            .iter()
            .map(|(id, s)| (self.bind_local(id, &scope), *s))
            .collect();
        let rest = rest.map(|(id, s)| (self.bind_local(&id, &scope), s));
        let body = self.expand_body(body, &scope, span)?;
        Ok(Lambda {
            params,
            rest,
            body: Box::new(body),
            name,
            span,
        })
    }

    /// A body: definitions (possibly produced by macros, possibly interleaved
    /// with `define-syntax`) followed by expressions, as one `letrec*`.
    fn expand_body(&mut self, body: &[Syn], env: &Env, span: Span) -> Result<Expr> {
        if body.is_empty() {
            return err(span, "malformed form: empty body");
        }
        let scope = env.extend();
        let base_depth = self.depth;
        // Scan: expand each form's head far enough to see whether it defines
        // something, binding defined names as they appear, so that every init
        // and expression is later expanded with all of them in scope.
        let mut items = Vec::new();
        let mut queue: std::collections::VecDeque<(Syn, usize)> =
            body.iter().map(|f| (f.clone(), base_depth)).collect();
        while let Some((form, depth)) = queue.pop_front() {
            self.depth = depth;
            let (form, head) = self.expand_head(form, &scope)?;
            let depth = self.depth;
            match head {
                Some(Binding::Special("define")) => {
                    let (id, name_span, rhs) = self.parse_define(&form, &scope)?;
                    if scope.binds_here(&id) {
                        return err(
                            name_span,
                            format!("duplicate definition of `{}` in a body", id.name()),
                        );
                    }
                    let name = self.bind_local(&id, &scope);
                    items.push(BodyItem::Define {
                        name,
                        base: id.name().to_string(),
                        span: name_span,
                        form_span: form.span,
                        rhs,
                        depth,
                    });
                }
                Some(Binding::Special("define-syntax")) => {
                    let (id, mac) = self.parse_define_syntax(&form, &scope)?;
                    scope.bind(id, Binding::Macro(Rc::new(mac)));
                }
                Some(Binding::Special("begin")) => {
                    let inner = self.proper_list(&form)?;
                    for f in inner[1..].iter().rev() {
                        queue.push_front((f.clone(), depth));
                    }
                }
                Some(Binding::Special("define-record-type")) => {
                    let defines = self.record_definitions(&form)?;
                    queue.push_front((defines, depth));
                }
                _ => items.push(BodyItem::Expr(form, depth)),
            }
        }
        let last_define = items
            .iter()
            .rposition(|i| matches!(i, BodyItem::Define { .. }))
            .map_or(0, |p| p + 1);
        if last_define == items.len() {
            self.depth = base_depth;
            return err(span, "malformed body: no expression after the definitions");
        }
        let mut bindings = Vec::new();
        let mut exprs = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            match item {
                BodyItem::Define {
                    name,
                    base,
                    span: name_span,
                    form_span,
                    rhs,
                    depth,
                } => {
                    self.depth = depth;
                    let init = self.expand_define_rhs(rhs, &base, form_span, &scope)?;
                    bindings.push(AstBinding {
                        name,
                        span: name_span,
                        init,
                    });
                }
                BodyItem::Expr(form, depth) => {
                    self.depth = depth;
                    let e = self.expand(&form, &scope)?;
                    if i < last_define {
                        // An expression between definitions keeps its place in the order.
                        bindings.push(AstBinding {
                            name: self.gensym("ignored"),
                            span: form.span,
                            init: e,
                        });
                    } else {
                        exprs.push(e);
                    }
                }
            }
        }
        self.depth = base_depth;
        if bindings.is_empty() {
            Ok(begin(exprs))
        } else {
            Ok(Expr::Letrec(bindings, Box::new(begin(exprs))))
        }
    }

    fn expand_seq(&mut self, forms: &[Syn], env: &Env) -> Result<Vec<Expr>> {
        forms.iter().map(|f| self.expand(f, env)).collect()
    }

    pub fn expand(&mut self, form: &Syn, env: &Env) -> Result<Expr> {
        let saved = self.depth;
        let r = match &form.kind {
            SynKind::List(items, _) if !items.is_empty() => {
                let (form, head) = self.expand_head(form.clone(), env)?;
                self.expand_expanded_head(&form, head, env)
            }
            _ => self.expand_expanded_head(form, None, env),
        };
        self.depth = saved;
        r
    }

    /// Expands `form`, whose head (if any) is not a macro and has binding `head`.
    fn expand_expanded_head(
        &mut self,
        form: &Syn,
        head: Option<Binding>,
        env: &Env,
    ) -> Result<Expr> {
        match &form.kind {
            SynKind::Ident(id) => self.expand_ref(id, form.span, env),
            SynKind::List(items, _) if items.is_empty() => {
                err(form.span, "missing procedure in application `()`")
            }
            SynKind::List(items, tail) => {
                if let Some(Binding::Special(kw)) = head {
                    return self.expand_special(kw, form, env);
                }
                if tail.is_some() {
                    return err(form.span, "malformed application: improper list");
                }
                let f = self.expand(&items[0], env)?;
                let args = self.expand_seq(&items[1..], env)?;
                Ok(call(f, args, form.span))
            }
            SynKind::Vector(_) | SynKind::Atom(_) => Ok(Expr::Quote(form.strip())),
        }
    }

    fn expand_ref(&mut self, id: &Ident, span: Span, env: &Env) -> Result<Expr> {
        match self.lookup(id, env) {
            Binding::Local(n) => Ok(Expr::Ref(local_name(n), span)),
            Binding::Global(g) => Ok(Expr::Ref(g.to_string(), span)),
            Binding::Macro(_) | Binding::Special(_) => err(
                span,
                format!("invalid use of syntactic keyword `{}`", id.name()),
            ),
        }
    }

    /// `(let-syntax ((keyword (syntax-rules ...)) ...) body...)` and `letrec-syntax`.
    fn expand_let_syntax(
        &mut self,
        form: &Syn,
        args: &[Syn],
        env: &Env,
        rec: bool,
    ) -> Result<Expr> {
        let kw = if rec { "letrec-syntax" } else { "let-syntax" };
        if args.len() < 2 {
            return err(
                form.span,
                format!(
                    "malformed {kw}: expected ({kw} ((keyword (syntax-rules ...)) ...) body...)"
                ),
            );
        }
        let Some(specs) = args[0].as_list() else {
            return err(args[0].span, format!("malformed {kw}: bad binding list"));
        };
        let scope = env.extend();
        let def_env = if rec { scope.clone() } else { env.clone() };
        let mut seen: Vec<Ident> = Vec::new();
        let mut pending = Vec::new();
        for spec in specs {
            let (id, rules) = match spec.as_list() {
                Some([name, rules]) if name.as_ident().is_some() => {
                    (name.as_ident().unwrap().clone(), rules)
                }
                _ => {
                    return err(
                        spec.span,
                        format!("malformed {kw}: expected (keyword (syntax-rules ...))"),
                    )
                }
            };
            if seen.contains(&id) {
                return err(spec.span, format!("duplicate binding `{}`", id.name()));
            }
            seen.push(id.clone());
            let mac = Binding::Macro(Rc::new(self.compile_syntax_rules(
                rules,
                &def_env,
                id.name(),
                false,
            )?));
            pending.push((id, mac));
        }
        for (id, mac) in pending {
            scope.bind(id, mac);
        }
        self.expand_body(&args[1..], &scope, form.span)
    }

    fn expand_special(&mut self, kw: &'static str, form: &Syn, env: &Env) -> Result<Expr> {
        let items = self.proper_list(form)?;
        let span = form.span;
        let args = &items[1..];
        match kw {
            "quote" => match args {
                [d] => Ok(Expr::Quote(d.strip())),
                _ => err(span, "malformed quote: expected (quote datum)"),
            },
            "quasiquote" => match args {
                [d] => self.quasi(d, 1, env),
                _ => err(span, "malformed quasiquote: expected (quasiquote template)"),
            },
            "unquote" | "unquote-splicing" => err(span, format!("{kw} outside of quasiquote")),
            "lambda" => {
                if args.len() < 2 {
                    return err(span, "malformed lambda: expected (lambda formals body...)");
                }
                Ok(Expr::Lambda(self.make_lambda(
                    &args[0],
                    &args[1..],
                    env,
                    span,
                    None,
                )?))
            }
            "define" => err(
                span,
                "define is only allowed at top level or at the start of a body",
            ),
            "define-syntax" | "define-record-type" => err(
                span,
                format!("{kw} is only allowed at top level or at the start of a body"),
            ),
            "let-syntax" => self.expand_let_syntax(form, args, env, false),
            "letrec-syntax" => self.expand_let_syntax(form, args, env, true),
            "syntax-rules" => err(span, "syntax-rules is only allowed in a syntax definition"),
            "import" => err(span, "import is only allowed at top level"),
            "foreign-procedure" => self.foreign_procedure(args, span),
            "foreign-callback" => self.foreign_callback(args, span, env),
            "if" => match args {
                [c, t] => Ok(if_(self.expand(c, env)?, self.expand(t, env)?, Expr::Void)),
                [c, t, e] => Ok(if_(
                    self.expand(c, env)?,
                    self.expand(t, env)?,
                    self.expand(e, env)?,
                )),
                _ => err(span, "malformed if: expected (if test then [else])"),
            },
            "set!" => match args {
                [name, value] => match name.as_ident() {
                    Some(id) => {
                        self.check_assignable(id, env, name.span)?;
                        let target = match self.lookup(id, env) {
                            Binding::Local(n) => local_name(n),
                            Binding::Global(g) => g.to_string(),
                            _ => {
                                return err(
                                    name.span,
                                    format!(
                                        "set!: cannot assign syntactic keyword `{}`",
                                        id.name()
                                    ),
                                )
                            }
                        };
                        Ok(Expr::Set(
                            target,
                            Box::new(self.expand(value, env)?),
                            name.span,
                        ))
                    }
                    None => err(name.span, "malformed set!: expected a variable name"),
                },
                _ => err(span, "malformed set!: expected (set! name expr)"),
            },
            "begin" => {
                if args.is_empty() {
                    return Ok(Expr::Void);
                }
                Ok(begin(self.expand_seq(args, env)?))
            }
            "else" | "=>" | "..." | "_" => {
                err(span, format!("invalid use of auxiliary syntax `{kw}`"))
            }
            _ => self.expand_derived(kw, form, args, env),
        }
    }
}
