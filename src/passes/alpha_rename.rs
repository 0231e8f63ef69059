//! alpha-rename: core language with names -> `ir` with unique variables.
//!
//! In: the expanded user program and the expanded prelude (`ast::Expr`).
//! Out: an `ir::Program` in which every local binder has a fresh `VarId`
//! (shadowing is gone), top-level names are `GlobalId`s, calls to builtins are
//! `Prim(Builtin)` with their arity checked (a wrong count becomes
//! `Prim(BuiltinArityError)`), a builtin used as a value becomes a global bound to
//! a small wrapper lambda, and `letrec*` is `Fix` when every init is a lambda,
//! otherwise split into blocks that refer to nothing bound after them, each a
//! `Fix` of lambdas, a `Let` of one init, or `Let` + `SetLocal` (a read that
//! may come before its variable's assignment checked for the unassigned
//! marker: `passes::letrec_order`).
//!
//! A name that is neither local, global, builtin nor prelude is unbound, which
//! R7RS makes an error only when the reference is evaluated: it becomes a
//! global that nothing defines (so its slot keeps the unbound marker and
//! codegen's check on reading it raises `unbound variable: NAME`), and each
//! reference and `set!` of it is a warning. A `set!` of it reads it first,
//! so that it raises the same error instead of defining it. In a REPL session
//! such a global is an ordinary one that a later input may define.
//!
//! Resolution order in user code: local, user global, builtin, prelude global.
//! In prelude code: local, builtin, prelude global (never a user global), and the
//! prelude-only name `%%apply` is `Prim(Apply)`. Prelude definitions are included
//! only when referenced, so a program pays only for what it uses.
//!
//! Also computed here: `VarInfo::assigned`/`captured` and `GlobalInfo::assigned`/
//! `known_lambda`, which later passes rely on.

use super::letrec_order;
use crate::ast;
use crate::datum::{Datum, DatumKind, Span};
use crate::diagnostics::CompileError;
use crate::ir::{
    Expr, FfiType, ForeignSig, GlobalId, GlobalInfo, IdVec, Lambda, LambdaId, Prim, Program, VarId,
    VarInfo,
};
use closcrt::builtins::table::{Arity, BuiltinId, Library};
use std::collections::{HashMap, HashSet};

struct Renamer<'p> {
    vars: IdVec<VarId, VarInfo>,
    /// The lambda each variable is bound in (none at top level).
    var_owner: IdVec<VarId, Option<LambdaId>>,
    globals: IdVec<GlobalId, GlobalInfo>,
    global_defs: IdVec<GlobalId, usize>,
    user_globals: HashMap<String, GlobalId>,
    prelude_globals: HashMap<String, GlobalId>,
    builtin_wrappers: HashMap<BuiltinId, GlobalId>,
    prelude_src: HashMap<String, &'p ast::Expr>,
    /// Definitions created on demand (prelude, builtin wrappers), emitted before user code.
    support_defs: Vec<Expr>,
    pending_prelude: Vec<(GlobalId, String)>,
    /// The local names in scope, innermost last (for `pop_scopes`), and
    /// each name's bindings, innermost last: lookups take constant time
    /// however many names a scope binds (a big `letrec`).
    scopes: Vec<String>,
    bindings: HashMap<String, Vec<VarId>>,
    current_lambda: Option<LambdaId>,
    /// The variables of the `letrec*` groups being renamed whose inits are
    /// not all lambdas: each one's group (an index in `letrec_inits`) and
    /// position in it. A read of one from an init at or before its own may
    /// come first: it is checked (`passes::letrec_order`).
    letrec_pending: HashMap<VarId, (usize, usize)>,
    /// For each such group being renamed, the init being renamed.
    letrec_inits: Vec<usize>,
    lambda_count: usize,
    lambda_arity: IdVec<LambdaId, (usize, bool)>,
    in_prelude: bool,
    /// User globals made for unbound names, which no definition binds.
    undefined: HashSet<GlobalId>,
    errors: Vec<CompileError>,
    warnings: Vec<CompileError>,
}

/// The body of the wrapper of a variadic builtin `b` (`+` passed to a fold):
/// called with exactly two arguments, it calls the builtin inline instead of
/// going through the argument list (`apply` is `(#%apply-builtin b args)`).
fn two_argument_fast_path(b: BuiltinId, args: VarId, apply: Expr, span: Span) -> Expr {
    let prim = |name: &str, xs: Vec<Expr>| {
        let i = BuiltinId::named(name).expect("a core builtin");
        Expr::Prim(Prim::Builtin(i), xs, span)
    };
    let args = || Expr::Local(args);
    let second_cell = || prim("cdr", vec![args()]);
    let false_ = || Box::new(Expr::Const(Datum::new(DatumKind::Bool(false), span)));
    let exactly_two = Expr::If(
        Box::new(prim("pair?", vec![args()])),
        Box::new(Expr::If(
            Box::new(prim("pair?", vec![second_cell()])),
            Box::new(prim("null?", vec![prim("cdr", vec![second_cell()])])),
            false_(),
        )),
        false_(),
    );
    let call = Expr::Prim(
        Prim::Builtin(b),
        vec![prim("car", vec![args()]), prim("car", vec![second_cell()])],
        span,
    );
    Expr::If(Box::new(exactly_two), Box::new(call), Box::new(apply))
}

/// Top-level bindings that outlive one compilation: the REPL compiles each
/// input against the globals of the inputs before it. Every global keeps its
/// `GlobalId` (its slot in the REPL's global table) for the whole session.
#[derive(Clone, Default)]
pub struct TopEnv {
    pub globals: IdVec<GlobalId, GlobalInfo>,
    user: HashMap<String, GlobalId>,
    prelude: HashMap<String, GlobalId>,
    builtin_wrappers: HashMap<BuiltinId, GlobalId>,
    /// Globals of unbound names that no input has defined yet.
    undefined: HashSet<GlobalId>,
}

impl TopEnv {
    /// Every name a definition has bound so far, hidden ones included.
    pub fn defined_names(&self) -> impl Iterator<Item = &str> {
        self.user
            .iter()
            .filter(|(_, g)| !self.undefined.contains(g))
            .map(|(n, _)| n.as_str())
    }

    /// The user-defined top-level names, sorted (without the hidden ones
    /// the expander makes up).
    pub fn user_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .user
            .iter()
            .filter(|(n, g)| !n.starts_with('#') && !self.undefined.contains(g))
            .map(|(n, _)| n.clone())
            .collect();
        names.sort();
        names
    }
}

/// Renames `program` (with the `prelude` definitions it reaches); the
/// warnings (unbound names) are added to `warnings` whether or not it fails.
pub fn alpha_rename(
    program: &[ast::Expr],
    prelude: &[ast::Expr],
    warnings: &mut Vec<CompileError>,
) -> Result<Program, Vec<CompileError>> {
    alpha_rename_in(program, prelude, None, warnings)
}

/// `alpha_rename`, optionally against (and updating) a persistent top-level
/// environment. With an environment, globals from earlier compilations are
/// reused and nothing is assumed about their values (they may be unbound or
/// redefined later), every user global is treated as assigned (so calls go
/// through the global binding and a redefinition takes effect everywhere),
/// and prelude definitions compiled earlier are not compiled again. `env` is
/// updated only when renaming succeeds.
pub fn alpha_rename_in(
    program: &[ast::Expr],
    prelude: &[ast::Expr],
    env: Option<&mut TopEnv>,
    warnings: &mut Vec<CompileError>,
) -> Result<Program, Vec<CompileError>> {
    let mut prelude_src = HashMap::new();
    for d in prelude {
        if let ast::Expr::Define(name, value, _) = d {
            prelude_src.insert(name.clone(), &**value);
        }
    }
    let mut r = Renamer {
        vars: IdVec::new(),
        var_owner: IdVec::new(),
        globals: IdVec::new(),
        global_defs: IdVec::new(),
        user_globals: HashMap::new(),
        prelude_globals: HashMap::new(),
        builtin_wrappers: HashMap::new(),
        prelude_src,
        support_defs: Vec::new(),
        pending_prelude: Vec::new(),
        scopes: Vec::new(),
        bindings: HashMap::new(),
        current_lambda: None,
        letrec_pending: HashMap::new(),
        letrec_inits: Vec::new(),
        lambda_count: 0,
        lambda_arity: IdVec::new(),
        in_prelude: false,
        undefined: HashSet::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let incremental = env.is_some();
    if let Some(env) = env.as_deref() {
        r.globals = env
            .globals
            .iter()
            .map(|g| GlobalInfo {
                name: g.name.clone(),
                assigned: true,
                known_lambda: None,
                bound_before_code: false,
            })
            .collect();
        r.global_defs = r.globals.iter().map(|_| 1).collect();
        r.user_globals = env.user.clone();
        r.prelude_globals = env.prelude.clone();
        r.builtin_wrappers = env.builtin_wrappers.clone();
        r.undefined = env.undefined.clone();
    }
    for form in program {
        r.collect_defines(form);
    }
    let mut body: Vec<Expr> = program.iter().map(|f| r.rename(f)).collect();
    // Prelude definitions referenced so far may reference more of the prelude.
    while let Some((g, name)) = r.pending_prelude.pop() {
        let src = r.prelude_src[&name];
        r.in_prelude = true;
        let value = r.rename(src);
        r.in_prelude = false;
        r.note_global_definition(g, &value);
        r.support_defs.push(Expr::SetGlobal(g, Box::new(value)));
    }
    warnings.append(&mut r.warnings);
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    let mut all = std::mem::take(&mut r.support_defs);
    let user_forms = body.len();
    all.append(&mut body);
    // Leading top-level forms that bind a global to a lambda or a constant run
    // no Scheme code, so their globals are bound before any code can read them.
    for form in &all {
        match form {
            Expr::SetGlobal(g, value)
                if matches!(**value, Expr::Lambda(_) | Expr::Const(_) | Expr::Void) =>
            {
                r.globals[*g].bound_before_code = true;
            }
            _ => break,
        }
    }
    if incremental {
        for &g in r.user_globals.values() {
            r.globals[g].assigned = true;
            r.globals[g].known_lambda = None;
        }
    }
    if let Some(env) = env {
        env.globals = r.globals.clone();
        env.user = r.user_globals;
        env.prelude = r.prelude_globals;
        env.builtin_wrappers = r.builtin_wrappers;
        env.undefined = r.undefined;
    }
    let first_user_form = all.len() - user_forms;
    Ok(Program {
        vars: r.vars,
        globals: r.globals,
        body: all,
        functions: IdVec::new(),
        lambda_count: r.lambda_count,
        lambda_arity: r.lambda_arity,
        first_user_form,
        link: Default::default(),
        sources: None,
        in_record: Default::default(),
        inline_sites: IdVec::new(),
        flonum_hints: Default::default(),
    })
}

impl<'p> Renamer<'p> {
    fn collect_defines(&mut self, form: &ast::Expr) {
        match form {
            ast::Expr::Define(name, _, _) => match self.user_globals.get(name) {
                // Named by an earlier REPL input while it was unbound.
                Some(g) => {
                    self.undefined.remove(g);
                }
                None => {
                    let g = self.new_global(name);
                    self.user_globals.insert(name.clone(), g);
                }
            },
            ast::Expr::Begin(forms) => forms.iter().for_each(|f| self.collect_defines(f)),
            _ => {}
        }
    }

    fn new_global(&mut self, name: &str) -> GlobalId {
        self.global_defs.push(0);
        self.globals.push(GlobalInfo {
            name: name.to_string(),
            assigned: false,
            known_lambda: None,
            bound_before_code: false,
        })
    }

    fn new_var(&mut self, name: &str) -> VarId {
        self.new_var_at(name, Span::default())
    }

    fn new_var_at(&mut self, name: &str, span: Span) -> VarId {
        self.var_owner.push(self.current_lambda);
        self.vars.push(VarInfo {
            name: name.to_string(),
            assigned: false,
            captured: false,
            span,
        })
    }

    fn lookup_local(&self, name: &str) -> Option<VarId> {
        self.bindings.get(name).and_then(|vs| vs.last()).copied()
    }

    /// Binds local `name` to `v`, shadowing any outer binding.
    fn push_scope(&mut self, name: &str, v: VarId) {
        self.scopes.push(name.to_string());
        self.bindings.entry(name.to_string()).or_default().push(v);
    }

    /// Ends the bindings made since `self.scopes.len()` was `mark`.
    fn pop_scopes(&mut self, mark: usize) {
        for name in self.scopes.drain(mark..).rev() {
            let vs = self.bindings.get_mut(&name).expect("bound by push_scope");
            vs.pop();
            if vs.is_empty() {
                self.bindings.remove(&name);
            }
        }
    }

    fn touch_local(&mut self, v: VarId) {
        if self.var_owner[v] != self.current_lambda {
            self.vars[v].captured = true;
        }
    }

    /// A free name (not local): user global, builtin or prelude global.
    fn resolve_global_name(&mut self, name: &str) -> Option<Resolved> {
        // A `#%` name the program defines itself (a hidden definition made by
        // the expander) is that global; otherwise `#%x` means builtin `x`.
        if !self.in_prelude {
            if let Some(&g) = self.user_globals.get(name) {
                return Some(Resolved::Global(g));
            }
        }
        let internal = name.strip_prefix("#%");
        let name = internal.unwrap_or(name);
        if let Some(b) = BuiltinId::named(name) {
            // `Internal` builtins are the runtime's helpers for the prelude.
            if b.builtin().library != Library::Internal || self.in_prelude || internal.is_some() {
                return Some(Resolved::Builtin(b));
            }
        }
        if let Some(&g) = self.prelude_globals.get(name) {
            return Some(Resolved::Global(g));
        }
        if self.prelude_src.contains_key(name) {
            let g = self.new_global(name);
            self.prelude_globals.insert(name.to_string(), g);
            self.pending_prelude.push((g, name.to_string()));
            return Some(Resolved::Global(g));
        }
        None
    }

    /// The global of `name`, which no definition binds (a user global made
    /// for it on first use), with a warning at `span`. In the prelude an
    /// unbound name is a bug: an error.
    fn unbound(&mut self, name: &str, span: Span) -> GlobalId {
        let shown = crate::expand::as_written(ast::shown_name(name));
        let message = format!("unbound variable `{shown}`");
        if self.in_prelude {
            self.errors.push(CompileError::new(span, message));
        } else {
            self.warnings.push(CompileError::new(span, message));
        }
        if let Some(&g) = self.user_globals.get(name) {
            return g;
        }
        let g = self.new_global(name);
        self.user_globals.insert(name.to_string(), g);
        self.undefined.insert(g);
        g
    }

    /// The global a free `name` refers to or assigns, with a warning at
    /// `span` when nothing defines it; `Err` with the builtin for a
    /// builtin.
    fn global_or_unbound(&mut self, name: &str, span: Span) -> Result<GlobalId, BuiltinId> {
        match self.resolve_global_name(name) {
            Some(Resolved::Global(g)) if self.undefined.contains(&g) => {
                Ok(self.unbound(name, span))
            }
            Some(Resolved::Global(g)) => Ok(g),
            Some(Resolved::Builtin(b)) => Err(b),
            None => Ok(self.unbound(name, span)),
        }
    }

    fn rename_ref(&mut self, name: &str, span: Span) -> Expr {
        if let Some(v) = self.lookup_local(name) {
            self.touch_local(v);
            if let Some(&(group, j)) = self.letrec_pending.get(&v) {
                if j >= self.letrec_inits[group] {
                    let name = crate::expand::as_written(crate::ast::shown_name(name));
                    let name = Datum::new(DatumKind::Symbol(name.to_string()), span);
                    let check = Prim::Builtin(letrec_order::check_builtin());
                    return Expr::Prim(check, vec![Expr::Local(v), Expr::Const(name)], span);
                }
            }
            return Expr::Local(v);
        }
        match self.global_or_unbound(name, span) {
            Ok(g) => Expr::Global(g, span),
            Err(b) => Expr::Global(self.builtin_wrapper(b, span), span),
        }
    }

    /// The global holding builtin `b` as a first-class procedure.
    fn builtin_wrapper(&mut self, b: BuiltinId, span: Span) -> GlobalId {
        if let Some(&g) = self.builtin_wrappers.get(&b) {
            return g;
        }
        let builtin = b.builtin();
        let g = self.new_global(builtin.name);
        self.builtin_wrappers.insert(b, g);
        let saved = self.current_lambda;
        let id = self.new_lambda_id();
        self.current_lambda = Some(id);
        let lambda = match builtin.arity {
            Arity::Exactly(n) => {
                let params: Vec<VarId> = (0..n).map(|i| self.new_var(&format!("x{i}"))).collect();
                let args = params.iter().map(|&p| Expr::Local(p)).collect();
                self.lambda_arity.push((params.len(), false));
                let body = Expr::Prim(Prim::Builtin(b), args, span);
                Lambda::new(id, params, None, body, builtin.name.into(), span)
            }
            arity => {
                let rest = self.new_var("args");
                self.lambda_arity.push((0, true));
                let apply = Expr::Prim(Prim::ApplyBuiltin(b), vec![Expr::Local(rest)], span);
                let body = if arity.accepts(2) {
                    two_argument_fast_path(b, rest, apply, span)
                } else {
                    apply
                };
                Lambda::new(id, vec![], Some(rest), body, builtin.name.into(), span)
            }
        };
        self.current_lambda = saved;
        let value = Expr::Lambda(Box::new(lambda));
        self.note_global_definition(g, &value);
        self.support_defs.push(Expr::SetGlobal(g, Box::new(value)));
        g
    }

    fn new_lambda_id(&mut self) -> LambdaId {
        self.lambda_count += 1;
        LambdaId::new(self.lambda_count - 1)
    }

    fn note_global_definition(&mut self, g: GlobalId, value: &Expr) {
        self.global_defs[g] += 1;
        let info = &mut self.globals[g];
        if self.global_defs[g] > 1 {
            info.assigned = true;
            info.known_lambda = None;
        } else if let Expr::Lambda(l) = value {
            info.known_lambda = Some(l.id);
        }
    }

    /// Fresh variables for `l`'s required and rest parameters, each pushed
    /// in scope (the caller pops them after the body).
    fn bind_params(&mut self, l: &ast::Lambda) -> (Vec<VarId>, Option<VarId>) {
        let mut bind = |(n, span): &(String, Span)| {
            let v = self.new_var_at(n, *span);
            self.push_scope(n, v);
            v
        };
        let params = l.params.iter().map(&mut bind).collect();
        let rest = l.rest.as_ref().map(bind);
        (params, rest)
    }

    fn rename_lambda(&mut self, l: &ast::Lambda, default_name: Option<&str>) -> Lambda {
        if l.params.len() > MAX_PARAMS {
            return self.rename_wide_lambda(l, default_name);
        }
        let id = self.new_lambda_id();
        let saved_lambda = self.current_lambda;
        self.current_lambda = Some(id);
        let mark = self.scopes.len();
        let (params, rest) = self.bind_params(l);
        self.lambda_arity.push((params.len(), rest.is_some()));
        let body = self.rename(&l.body);
        self.pop_scopes(mark);
        self.current_lambda = saved_lambda;
        let name = l
            .name
            .clone()
            .or(default_name.map(String::from))
            .unwrap_or_default();
        Lambda::new(id, params, rest, body, name, l.span)
    }

    /// A lambda with more required parameters than a machine call passes
    /// (`MAX_PARAMS`) takes all its arguments as one rest list, which
    /// `%wide-arguments` checks against the lambda's arity (with the message
    /// of any arity error) and turns into a vector; the parameters are bound
    /// to its slots. Calls that wide go through `apply` anyway
    /// (`split_wide_calls`).
    fn rename_wide_lambda(&mut self, l: &ast::Lambda, default_name: Option<&str>) -> Lambda {
        let id = self.new_lambda_id();
        let saved_lambda = self.current_lambda;
        self.current_lambda = Some(id);
        let mark = self.scopes.len();
        let args = self.new_var_at("#%arguments", l.span);
        let slots = self.new_var_at("#%argument-slots", l.span);
        let (params, rest) = self.bind_params(l);
        self.lambda_arity.push((0, true));
        let body = self.rename(&l.body);
        self.pop_scopes(mark);
        self.current_lambda = saved_lambda;
        let name = l
            .name
            .clone()
            .or(default_name.map(String::from))
            .unwrap_or_default();
        let span = l.span;
        let constant = |kind| Expr::Const(Datum::new(kind, span));
        let n = params.len() as i64;
        let arity = if rest.is_some() { -(n + 1) } else { n };
        let shown = if name.is_empty() {
            DatumKind::Bool(false)
        } else {
            let written = crate::expand::as_written(crate::ast::shown_name(&name));
            DatumKind::Symbol(written.to_string())
        };
        let builtin = |n: &str| Prim::Builtin(BuiltinId::named(n).expect("a builtin"));
        let spread = Expr::Prim(
            builtin("%wide-arguments"),
            vec![
                Expr::Local(args),
                constant(DatumKind::Int(arity)),
                constant(shown),
            ],
            span,
        );
        let slot = |i: usize| {
            Expr::Prim(
                builtin("vector-ref"),
                vec![Expr::Local(slots), constant(DatumKind::Int(i as i64))],
                span,
            )
        };
        // Only the parameters the body uses are bound (thousands of unused
        // ones would be as many unused-variable warnings).
        let mut used = HashSet::new();
        body.visit(&mut |e| {
            if let Expr::Local(v) | Expr::SetLocal(v, _) = e {
                used.insert(*v);
            }
        });
        let bindings = params.iter().chain(&rest).enumerate();
        let body = Expr::Let(
            vec![(slots, spread)],
            Box::new(Expr::Let(
                bindings
                    .filter(|(_, v)| used.contains(*v))
                    .map(|(i, &v)| (v, slot(i)))
                    .collect(),
                Box::new(body),
            )),
        );
        Lambda::new(id, Vec::new(), Some(args), body, name, span)
    }

    fn rename(&mut self, e: &ast::Expr) -> Expr {
        match e {
            ast::Expr::Quote(d) => Expr::Const(d.clone()),
            ast::Expr::Void => Expr::Void,
            ast::Expr::Ref(name, span) => self.rename_ref(name, *span),
            ast::Expr::Set(name, value, span) => {
                let value = self.rename(value);
                if let Some(v) = self.lookup_local(name) {
                    self.touch_local(v);
                    self.vars[v].assigned = true;
                    return Expr::SetLocal(v, Box::new(value));
                }
                match self.global_or_unbound(name, *span) {
                    Ok(g) if self.undefined.contains(&g) => {
                        // Read it after computing the value: the read raises
                        // `unbound variable` unless (in a REPL session) a later
                        // input has defined it.
                        let tmp = self.new_var("#%value");
                        self.globals[g].assigned = true;
                        Expr::Let(
                            vec![(tmp, value)],
                            Box::new(Expr::Seq(vec![
                                Expr::Global(g, *span),
                                Expr::SetGlobal(g, Box::new(Expr::Local(tmp))),
                            ])),
                        )
                    }
                    Ok(g) => {
                        self.globals[g].assigned = true;
                        self.globals[g].known_lambda = None;
                        Expr::SetGlobal(g, Box::new(value))
                    }
                    Err(_) => {
                        // `#%NAME`: a standard name a strict top level imported.
                        let message = match name.strip_prefix("#%") {
                            Some(imported) => {
                                format!("cannot set! `{imported}`: imported bindings are immutable")
                            }
                            None => format!(
                                "cannot set! the builtin `{name}`; define it first to replace it"
                            ),
                        };
                        self.errors.push(CompileError::new(*span, message));
                        Expr::Void
                    }
                }
            }
            ast::Expr::Define(name, value, _) => {
                let g = self.user_globals[name];
                let value = match &**value {
                    ast::Expr::Lambda(l) => {
                        Expr::Lambda(Box::new(self.rename_lambda(l, Some(name))))
                    }
                    other => self.rename(other),
                };
                self.note_global_definition(g, &value);
                Expr::SetGlobal(g, Box::new(value))
            }
            ast::Expr::If(c, t, f) => Expr::If(
                Box::new(self.rename(c)),
                Box::new(self.rename(t)),
                Box::new(self.rename(f)),
            ),
            ast::Expr::Lambda(l) => Expr::Lambda(Box::new(self.rename_lambda(l, None))),
            ast::Expr::Call(f, args, span) => self.rename_call(f, args, *span),
            ast::Expr::Begin(es) => Expr::Seq(es.iter().map(|e| self.rename(e)).collect()),
            ast::Expr::Let(bindings, body) => {
                let inits: Vec<Expr> = bindings.iter().map(|b| self.rename(&b.init)).collect();
                let mark = self.scopes.len();
                let mut out = Vec::new();
                for (b, init) in bindings.iter().zip(inits) {
                    let v = self.new_var_at(&b.name, b.span);
                    self.push_scope(&b.name, v);
                    out.push((v, init));
                }
                let body = self.rename(body);
                self.pop_scopes(mark);
                Expr::Let(out, Box::new(body))
            }
            ast::Expr::Letrec(bindings, body) => {
                let mark = self.scopes.len();
                let vars: Vec<VarId> = bindings
                    .iter()
                    .map(|b| {
                        let v = self.new_var_at(&b.name, b.span);
                        self.push_scope(&b.name, v);
                        v
                    })
                    .collect();
                let all_lambdas = bindings
                    .iter()
                    .all(|b| matches!(b.init, ast::Expr::Lambda(_)));
                let result = if all_lambdas {
                    let lambdas = bindings
                        .iter()
                        .zip(&vars)
                        .map(|(b, &v)| match &b.init {
                            ast::Expr::Lambda(l) => (v, self.rename_lambda(l, Some(&b.name))),
                            _ => unreachable!("checked: every init is a lambda"),
                        })
                        .collect();
                    Expr::Fix(lambdas, Box::new(self.rename(body)))
                } else {
                    // A read that may come before its variable's init is
                    // wrapped in a check here (see `rename_ref`), which
                    // `letrec_star` drops where it cannot fail.
                    let group = self.letrec_inits.len();
                    self.letrec_inits.push(0);
                    for (j, &v) in vars.iter().enumerate() {
                        self.letrec_pending.insert(v, (group, j));
                    }
                    let mut inits = Vec::with_capacity(bindings.len());
                    for (i, b) in bindings.iter().enumerate() {
                        self.letrec_inits[group] = i;
                        inits.push(match &b.init {
                            ast::Expr::Lambda(l) => {
                                Expr::Lambda(Box::new(self.rename_lambda(l, Some(&b.name))))
                            }
                            other => self.rename(other),
                        });
                    }
                    self.letrec_inits.pop();
                    for v in &vars {
                        self.letrec_pending.remove(v);
                    }
                    let spans: Vec<Span> = bindings.iter().map(|b| b.span).collect();
                    let body = self.rename(body);
                    self.letrec_star(&vars, &spans, inits, body)
                };
                self.pop_scopes(mark);
                result
            }
        }
    }

    /// A `letrec*` group whose inits are not all lambdas (`inits` renamed,
    /// `body` too), split into blocks bound one inside the next: a block
    /// ends where no init so far refers to a variable after it. So
    /// `(define n 10) (define (f x) ... n ...) (define (g) ... (f 1) ...)`
    /// becomes a `let` of `n` around a `Fix` of `f`, around a `Fix` of `g`,
    /// and the procedures keep their direct calls and loops. A block of
    /// lambdas is a `Fix`; a single init that does not refer to its own
    /// variable is a `Let`; any other block binds its variables and then
    /// assigns them in order (reads that may come before the assignment
    /// are checked: `letrec_order`).
    ///
    /// A block that is a `Let` makes a fresh binding each time its init
    /// returns, where the assignments make one per entry to the group; only
    /// re-entering an init's continuation, which R6RS forbids and R7RS
    /// leaves unsaid, can tell them apart (Chez splits the same way).
    fn letrec_star(
        &mut self,
        vars: &[VarId],
        spans: &[Span],
        mut inits: Vec<Expr>,
        body: Expr,
    ) -> Expr {
        let index: HashMap<VarId, usize> = vars.iter().enumerate().map(|(j, &v)| (v, j)).collect();
        // The last variable of the group each init refers to.
        let last_ref: Vec<Option<usize>> = inits
            .iter()
            .map(|init| {
                let mut last = None;
                init.visit(&mut |e| {
                    if let Expr::Local(v) | Expr::SetLocal(v, _) = e {
                        last = last.max(index.get(v).copied());
                    }
                });
                last
            })
            .collect();
        let mut blocks = Vec::new();
        let mut start = 0;
        let mut reach = 0;
        for (i, r) in last_ref.iter().enumerate() {
            reach = reach.max(r.unwrap_or(i)).max(i);
            if reach == i {
                blocks.push(start..i + 1);
                start = i + 1;
            }
        }
        let mut out = body;
        for block in blocks.into_iter().rev() {
            let mut block_inits = inits.split_off(block.start);
            let block_vars = &vars[block.clone()];
            let checked = letrec_order::drop_safe_checks(&mut block_inits, block_vars);
            let self_free = last_ref[block.start].is_none_or(|j| j < block.start);
            out = if block_inits.iter().all(|e| matches!(e, Expr::Lambda(_))) {
                debug_assert!(checked.is_empty(), "making lambdas reads nothing");
                let lambdas = block_vars
                    .iter()
                    .zip(block_inits)
                    .map(|(&v, e)| match e {
                        Expr::Lambda(l) => (v, *l),
                        _ => unreachable!("checked: every init is a lambda"),
                    })
                    .collect();
                Expr::Fix(lambdas, Box::new(out))
            } else if block.len() == 1 && self_free {
                let init = block_inits.pop().expect("one init");
                Expr::Let(vec![(block_vars[0], init)], Box::new(out))
            } else {
                let unassigned = BuiltinId::named("%unassigned").expect("a builtin");
                let mut start = Vec::with_capacity(block.len());
                let mut seq = Vec::with_capacity(block.len() + 1);
                for ((&v, init), &span) in block_vars.iter().zip(block_inits).zip(&spans[block]) {
                    self.vars[v].assigned = true;
                    start.push((
                        v,
                        if checked.contains(&v) {
                            Expr::Prim(Prim::Builtin(unassigned), vec![], span)
                        } else {
                            Expr::Void
                        },
                    ));
                    seq.push(Expr::SetLocal(v, Box::new(init)));
                }
                seq.push(out);
                Expr::Let(start, Box::new(Expr::Seq(seq)))
            };
        }
        out
    }

    fn rename_call(&mut self, f: &ast::Expr, args: &[ast::Expr], span: Span) -> Expr {
        if let ast::Expr::Ref(name, _) = f {
            if self.lookup_local(name).is_none() {
                if [
                    ast::FOREIGN_CALL,
                    ast::FOREIGN_SYMBOL,
                    ast::FOREIGN_CALLBACK,
                ]
                .contains(&name.as_str())
                {
                    return self.foreign_prim(name, args, span);
                }
                if self.in_prelude && name == "%%apply" {
                    let args = args.iter().map(|a| self.rename(a)).collect();
                    return Expr::Prim(Prim::Apply, args, span);
                }
                match self.resolve_global_name(name) {
                    Some(Resolved::Builtin(b)) => {
                        let args: Vec<Expr> = args.iter().map(|a| self.rename(a)).collect();
                        let prim = if b.builtin().arity.accepts(args.len() as u64) {
                            Prim::Builtin(b)
                        } else {
                            Prim::BuiltinArityError(b)
                        };
                        return Expr::Prim(prim, args, span);
                    }
                    // A global, or unbound: `rename_ref` below.
                    Some(Resolved::Global(_)) | None => {}
                }
            }
        }
        let f = self.rename(f);
        let args: Vec<Expr> = args.iter().map(|a| self.rename(a)).collect();
        // A call too wide for one function (or for a machine call) is split
        // later, by `split_wide_calls`.
        Expr::Call(Box::new(f), args, span)
    }
}

impl Renamer<'_> {
    /// The two calls `foreign-procedure` expands to (`ast::FOREIGN_CALL`,
    /// `ast::FOREIGN_SYMBOL`), whose shape the expander guarantees.
    fn foreign_prim(&mut self, name: &str, args: &[ast::Expr], span: Span) -> Expr {
        if name == ast::FOREIGN_SYMBOL {
            let args = args.iter().map(|a| self.rename(a)).collect();
            return Expr::Prim(Prim::ForeignSymbol, args, span);
        }
        let Some((ast::Expr::Quote(sig), rest)) = args.split_first() else {
            unreachable!("foreign-procedure makes (#%%foreign-call 'SIG ...)")
        };
        let DatumKind::List(names, None) = &sig.kind else {
            unreachable!("a foreign signature is a list")
        };
        let types: Vec<FfiType> = names
            .iter()
            .map(|d| match &d.kind {
                DatumKind::Symbol(s) => FfiType::named(s).expect("the expander checked it"),
                _ => unreachable!("a foreign type is a symbol"),
            })
            .collect();
        let sig = ForeignSig::new(&types[1..], types[0]).expect("the expander checked it");
        let args = rest.iter().map(|a| self.rename(a)).collect();
        let prim = if name == ast::FOREIGN_CALLBACK {
            Prim::ForeignCallback(sig)
        } else {
            Prim::ForeignCall(sig)
        };
        Expr::Prim(prim, args, span)
    }
}

/// The most required parameters a lambda takes as machine arguments: they
/// travel in registers and a stack area the machine's return instruction
/// pops (at most 64 KiB), and `apply`'s dispatch has code for each fixed
/// arity up to the largest. A wider lambda takes one rest list
/// (`rename_wide_lambda`).
pub const MAX_PARAMS: usize = 1024;

enum Resolved {
    Global(GlobalId),
    Builtin(BuiltinId),
}
