//! inline: copy the bodies of small top-level procedures, and the quick
//! exits of tree-recursive ones, into their calls.
//!
//! In: `ir` after `alpha_rename`. Out: the same language, where some calls
//! `(f a b)` became `(let ((x' a) (y' b)) (inlined SITE body'))`: `body'` is a
//! copy of the body of `(define (f x y) body)` with fresh variables, and
//! `Program::inline_sites[SITE]` records the callee's name and the call, so
//! run-time positions inside the copy still show `f` as a frame of its own.
//!
//! A callee qualifies when it is the program's own procedure (not the
//! prelude's), defined once by a top-level `define` that runs before any code
//! and never `set!` (so the call can only reach this body), takes no rest
//! argument, creates no closures (no `lambda` in its body: a copy then needs
//! no new code and captures nothing) and has at most `MAX_CALLEE_SIZE` nodes.
//! A call qualifies when its argument count fits (a wrong count stays a call,
//! for its run-time arity error) and it is not a procedure's tail call to
//! itself, which codegen already compiles to a jump. A procedure's non-tail
//! call to itself qualifies only in tree recursion (two or more such calls,
//! as in fib or tak), where most calls are leaves that unrolling one level
//! removes: fib 0.438 s -> 0.258 s, tak 0.425 s -> 0.297 s. In linear
//! recursion (ack's one non-tail call) few calls are leaves, and the copy
//! keeps more values alive across calls, in callee-saved registers that
//! every call then saves and restores: unrolled, ack took 1.89 s instead of
//! 1.41 s (1.88 s instead of 1.71 s with the other stack alignment: ack's
//! time depends on where its frames fall in cache lines).
//!
//! A second walk puts a tree-recursive callee's quick exit in front of the
//! calls to it that are still calls, the ones inside the copies included.
//! Such a callee is a top-level procedure as above (of any size, lambdas
//! allowed), or a `letrec` lambda (named `let`, internal `define`) whose
//! variable is never assigned. A
//! quick exit is a body `(if test quick slow)` (either arm may be the quick
//! one) whose test and quick arm are small and evaluated in line (no call,
//! no `set!`, no closure): `(f a)` becomes
//! `(let ((x' a)) (if (inlined SITE test') (inlined SITE quick') (f x')))`.
//! Most calls in tree recursion are leaves, which now cost a comparison
//! instead of a call: fib 241 ms -> 156 ms (callgrind: 17% fewer
//! instructions). The callee tests again when called; only tree recursion
//! wins that bet (see `find_callees`).
//!
//! Before either walk, `deepen` copies into each whole-copy callee's body the
//! bodies of the small procedures it calls, up to `MAX_DEPTH` procedures
//! deep (matrix: `mref`'s copy brings `data` and `cols` along): matrix
//! 551 ms -> 470 ms. A site made inside a copy records the site it is
//! enclosed in (`InlineSite::enclosing`), so a backtrace shows every
//! inlined procedure as a frame.
//!
//! Invariants: a callee's calls to itself are never copied into its own
//! body, so a recursive procedure is unrolled once, where it is called. The
//! arguments are evaluated left to right
//! before the body (or the quick exit), as for a call. Each walk lets a code
//! body grow by at most `growth_allowance` nodes, so compile time stays
//! linear in the program.
//!
//! Why: a call costs a frame, argument moves and the callee's entry check;
//! for fib that is most of the work (see ARCHITECTURE.md for the numbers).

use crate::datum::Span;
use crate::ir::{
    Expr, Folder, GlobalId, IdVec, InlineSite, InlineSiteId, Lambda, Prim, Program, VarId, VarInfo,
};
use closcrt::builtins::table::Library;
use std::collections::HashMap;

/// The largest callee body (in expression nodes) copied into a call.
pub const MAX_CALLEE_SIZE: usize = 40;

/// How many nodes inlining may add to a code body of `size` nodes.
fn growth_allowance(size: usize) -> usize {
    (3 * size).max(120)
}

#[derive(Clone)]
struct Callee {
    name: String,
    params: Vec<VarId>,
    /// The body, when it is small and lambda-free enough to copy whole:
    /// after `deepen`, with its own calls of other small procedures copied in.
    body: Option<Expr>,
    /// The body as written, from which `deepen` starts each round.
    original: Option<Expr>,
    /// Nodes in the body: what each whole copy adds.
    size: usize,
    /// Makes two or more non-tail calls to itself.
    tree_recursive: bool,
    /// The body's quick exit, copied in front of calls not copied whole.
    exit: Option<QuickExit>,
}

/// A body `(if test quick slow)` (or `(if test slow quick)`) whose `test`
/// and `quick` arm make no call, assign nothing, create no closure and have
/// at most `MAX_QUICK_SIZE` nodes each.
#[derive(Clone)]
struct QuickExit {
    test: Expr,
    quick: Expr,
    /// `quick` is the arm taken when `test` is true.
    when_true: bool,
    /// Nodes a guarded call adds: test, quick arm, `let`, `if`, argument references.
    size: usize,
}

/// The largest test or quick arm a quick exit copies.
const MAX_QUICK_SIZE: usize = 8;

impl QuickExit {
    fn of(body: &Expr, nparams: usize) -> Option<QuickExit> {
        let Expr::If(test, t, f) = body else {
            return None;
        };
        if !is_quick(test) {
            return None;
        }
        let (quick, when_true) = if is_quick(t) {
            (t, true)
        } else if is_quick(f) {
            (f, false)
        } else {
            return None;
        };
        Some(QuickExit {
            size: test.node_count() + quick.node_count() + 2 + nparams,
            test: (**test).clone(),
            quick: (**quick).clone(),
            when_true,
        })
    }
}

/// Small, and evaluated entirely in line: constants, variables and runtime
/// builtins (not the `Internal` ones the prelude uses, which may call
/// procedures).
fn is_quick(e: &Expr) -> bool {
    let mut quick = e.node_count() <= MAX_QUICK_SIZE;
    e.visit(&mut |x| {
        quick &= match x {
            Expr::Const(_) | Expr::Void | Expr::Local(_) | Expr::Global(..) | Expr::If(..) => true,
            Expr::Prim(Prim::Builtin(b), ..) => b.builtin().library != Library::Internal,
            _ => false,
        }
    });
    quick
}

pub fn inline(program: &mut Program) {
    let mut callees = find_callees(program);
    if callees.is_empty() {
        return;
    }
    deepen(&mut callees, &mut program.vars, &mut program.inline_sites);
    for copies in [Copies::WholeBodies, Copies::QuickExits] {
        let mut cx = Inliner {
            callees: &callees,
            vars: &mut program.vars,
            sites: &mut program.inline_sites,
            copies,
            budget: 0,
            enclosing: None,
            deepening: None,
        };
        let first = program.first_user_form;
        for form in &mut program.body[first..] {
            if let Expr::SetGlobal(g, value) = form {
                if let Expr::Lambda(l) = &mut **value {
                    cx.lambda(l, Some(Target::Global(*g)));
                    continue;
                }
            }
            cx.budget = growth_allowance(form.node_count());
            cx.walk(form, false, None);
        }
    }
}

/// How many procedures deep a whole copy may go: a copy of `mref` holds
/// copies of `data` and `cols`, the accessors it calls.
const MAX_DEPTH: usize = 4;

/// Copies into each whole-copy callee's body the whole bodies of the other
/// callees it calls, so that inlining it brings them along (`MAX_DEPTH`
/// levels): round k rebuilds each body from its original with the bodies of
/// round k - 1. A callee's calls to itself, and to callees that call it
/// back, stay calls (recursion is unrolled only where the body is copied, as
/// before), and a body that would outgrow `2 * MAX_CALLEE_SIZE` keeps the
/// previous round's. Sites made here have no
/// enclosing site: `Copier` gives each copy of them one. Callees are taken in
/// a fixed order, so ids and sites do not depend on hashing.
///
/// Why: accessors called through accessors (matrix: `mref` calls `data` and
/// `cols`, each a call of its own after a one-level copy) left a third of
/// the time in two-instruction procedures. A deepened body may reach twice
/// `MAX_CALLEE_SIZE`: most of it is accessors that compile to a load or two.
fn deepen(
    callees: &mut HashMap<Target, Callee>,
    vars: &mut IdVec<VarId, VarInfo>,
    sites: &mut IdVec<InlineSiteId, InlineSite>,
) {
    let mut order: Vec<Target> = callees
        .iter()
        .filter(|(_, c)| {
            c.original
                .as_ref()
                .is_some_and(|b| calls_whole_callee(b, callees))
        })
        .map(|(&t, _)| t)
        .collect();
    order.sort();
    let calls: HashMap<Target, Vec<Target>> = callees
        .iter()
        .filter_map(|(&t, c)| Some((t, called_callees(c.original.as_ref()?, callees))))
        .collect();
    for _ in 1..MAX_DEPTH {
        let previous = callees.clone();
        for &me in &order {
            let original = previous[&me].original.clone().expect("filtered above");
            let mut body = original;
            let mut cx = Inliner {
                callees: &previous,
                vars,
                sites,
                copies: Copies::WholeBodies,
                budget: growth_allowance(previous[&me].size),
                enclosing: None,
                deepening: Some(&calls),
            };
            cx.walk(&mut body, true, Some(me));
            let size = body.node_count();
            if size <= 2 * MAX_CALLEE_SIZE {
                let callee = callees.get_mut(&me).expect("a callee");
                callee.body = Some(body);
                callee.size = size;
            }
        }
    }
}

/// The callees whose bodies may be copied whole that `body` calls.
fn called_callees(body: &Expr, callees: &HashMap<Target, Callee>) -> Vec<Target> {
    let mut found = Vec::new();
    body.visit(&mut |e| {
        if let Expr::Call(f, ..) = e {
            if let Some(t) =
                Target::of(f).filter(|t| callees.get(t).is_some_and(|c| c.body.is_some()))
            {
                found.push(t);
            }
        }
    });
    found
}

/// Whether `g` is `me`, or reaches a call of `me` within `MAX_DEPTH` steps
/// through the callees' original bodies.
fn calls_back(calls: &HashMap<Target, Vec<Target>>, g: Target, me: Target) -> bool {
    let mut frontier = vec![g];
    for _ in 0..MAX_DEPTH {
        if frontier.contains(&me) {
            return true;
        }
        frontier = frontier
            .iter()
            .filter_map(|t| calls.get(t))
            .flatten()
            .copied()
            .collect();
    }
    frontier.contains(&me)
}

/// Whether `body` calls another procedure whose body may be copied whole.
fn calls_whole_callee(body: &Expr, callees: &HashMap<Target, Callee>) -> bool {
    let mut found = false;
    body.visit(&mut |e| {
        if let Expr::Call(f, ..) = e {
            found |= Target::of(f)
                .and_then(|t| callees.get(&t))
                .is_some_and(|c| c.body.is_some());
        }
    });
    found
}

/// What a walk copies into calls. Whole bodies come first, so quick exits
/// also go in front of the calls inside those copies.
#[derive(Clone, Copy, PartialEq)]
enum Copies {
    WholeBodies,
    QuickExits,
}

/// What a call's operator names: a top-level procedure or a `letrec`-bound one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    Global(GlobalId),
    Local(VarId),
}

impl Target {
    fn of(f: &Expr) -> Option<Target> {
        match *f {
            Expr::Global(g, _) => Some(Target::Global(g)),
            Expr::Local(v) => Some(Target::Local(v)),
            _ => None,
        }
    }
}

fn find_callees(program: &Program) -> HashMap<Target, Callee> {
    let mut callees = HashMap::new();
    let user_forms = &program.body[program.first_user_form..];
    // A `letrec` lambda whose variable is never assigned is what every call
    // through that variable reaches; it is called only inside the `letrec`,
    // where the variables its quick exit reads are all in scope (and, being
    // alpha-renamed, never shadowed). It is never copied whole: it may be
    // large, and copies of closures would need new code.
    for form in user_forms {
        form.visit(&mut |e| {
            let Expr::Fix(bindings, _) = e else {
                return;
            };
            for (v, l) in bindings {
                if program.vars[*v].assigned || l.rest.is_some() || l.span.in_prelude() {
                    continue;
                }
                let me = Target::Local(*v);
                if let Some(callee) = Callee::of(me, l, false) {
                    callees.insert(me, callee);
                }
            }
        });
    }
    for form in user_forms {
        let Expr::SetGlobal(g, value) = form else {
            continue;
        };
        let Expr::Lambda(l) = &**value else {
            continue;
        };
        let info = &program.globals[*g];
        let only_reaches_this_body = !info.assigned
            && info.bound_before_code
            && info.known_lambda == Some(l.id)
            && l.rest.is_none()
            && !l.span.in_prelude();
        if !only_reaches_this_body {
            continue;
        }
        let me = Target::Global(*g);
        if let Some(callee) = Callee::of(me, l, true) {
            callees.insert(me, callee);
        }
    }
    callees
}

impl Callee {
    /// What calls to `me`, bound to `l`, may copy: its whole body (if
    /// `whole` allows and it is small and lambda-free) and its quick exit;
    /// `None` when neither.
    fn of(me: Target, l: &Lambda, whole: bool) -> Option<Callee> {
        let size = l.body.node_count();
        let body =
            (whole && size <= MAX_CALLEE_SIZE && !has_lambda(&l.body)).then(|| l.body.clone());
        let tree_recursive = non_tail_calls_to(me, &l.body, true) >= 2;
        // Only tree recursion takes its quick exit on most calls (the
        // leaves); a linear recursion takes it once per chain, and every
        // other call would pay for the test twice (deeprec: 6% more
        // instructions with quick exits for every callee).
        let exit = tree_recursive
            .then(|| QuickExit::of(&l.body, l.params.len()))
            .flatten();
        (body.is_some() || exit.is_some()).then(|| Callee {
            name: l.name.clone(),
            params: l.params.clone(),
            original: body.clone(),
            body,
            size,
            tree_recursive,
            exit,
        })
    }
}

struct Inliner<'a> {
    callees: &'a HashMap<Target, Callee>,
    vars: &'a mut IdVec<VarId, VarInfo>,
    sites: &'a mut IdVec<InlineSiteId, InlineSite>,
    copies: Copies,
    /// Nodes the code body being walked may still grow by.
    budget: usize,
    /// The inlined call whose copy the walk is in, if any: the enclosing
    /// site of the sites made there.
    enclosing: Option<InlineSiteId>,
    /// Walking a callee's body for `deepen`, with the callees each callee
    /// calls: its calls to itself, and to callees that call it back within
    /// `MAX_DEPTH` steps, stay calls (mutual recursion is copied one level
    /// deep where it is called, as before).
    deepening: Option<&'a HashMap<Target, Vec<Target>>>,
}

impl Inliner<'_> {
    /// Inlines into a lambda's body; `me` is the global or `letrec` variable
    /// it is bound to, if any (its tail calls to itself are loops and stay
    /// calls).
    fn lambda(&mut self, l: &mut Lambda, me: Option<Target>) {
        let outer = std::mem::replace(&mut self.budget, growth_allowance(l.body.node_count()));
        self.walk(&mut l.body, true, me);
        self.budget = outer;
    }

    fn walk(&mut self, e: &mut Expr, tail: bool, me: Option<Target>) {
        match e {
            Expr::Lambda(l) => self.lambda(l, None),
            Expr::Fix(bindings, body) => {
                for (v, l) in bindings.iter_mut() {
                    self.lambda(l, Some(Target::Local(*v)));
                }
                self.walk(body, tail, me);
            }
            Expr::Call(f, args, span) => {
                for a in args.iter_mut() {
                    self.walk(a, false, me);
                }
                let Some(g) = Target::of(f) else {
                    self.walk(f, false, me);
                    return;
                };
                let Some(callee) = self.callees.get(&g) else {
                    return;
                };
                // A wrong argument count stays a call, for its arity error;
                // a tail call to itself is a loop.
                let calls_back_here = self
                    .deepening
                    .is_some_and(|calls| me.is_some_and(|me| calls_back(calls, g, me)));
                if callee.params.len() != args.len() || (me == Some(g) && tail) || calls_back_here {
                    return;
                }
                let added = match self.copies {
                    Copies::WholeBodies if callee.body.is_none() => return,
                    Copies::WholeBodies if me == Some(g) && !callee.tree_recursive => return,
                    Copies::WholeBodies => callee.size,
                    Copies::QuickExits => match &callee.exit {
                        Some(exit) => exit.size,
                        None => return,
                    },
                };
                if added > self.budget {
                    return;
                }
                self.budget -= added;
                let call = *span;
                let args = std::mem::take(args);
                *e = match self.copies {
                    Copies::WholeBodies => self.copy_of(g, args, call),
                    Copies::QuickExits => self.guarded(g, (**f).clone(), args, call),
                };
            }
            // Whole copies are one level deep; quick exits go in front of
            // the calls inside them too.
            Expr::Inlined(site, body) => {
                if self.copies == Copies::QuickExits {
                    let outer = self.enclosing.replace(*site);
                    self.walk(body, tail, me);
                    self.enclosing = outer;
                }
            }
            _ => e.for_each_operand_mut(tail, |x, tail| self.walk(x, tail, me)),
        }
    }

    /// `(let ((x' arg) ...) (inlined SITE body'))` for a call of `g`.
    fn copy_of(&mut self, g: Target, args: Vec<Expr>, call: Span) -> Expr {
        let callee = &self.callees[&g];
        let body = callee.body.as_ref().expect("only whole-copy callees");
        let (bindings, mut renamed) = self.bind_params(callee, args);
        let site = self.site(callee, call);
        let body = Copier::new(self.vars, &mut renamed, self.sites, site).fold_expr(body.clone());
        Expr::Let(bindings, Box::new(Expr::Inlined(site, Box::new(body))))
    }

    /// `(let ((x' arg) ...) (if (inlined SITE test') (inlined SITE quick') (f x' ...)))`
    /// for a call `(f arg ...)` of `g` (arms swapped when the quick one is
    /// the false arm): the callee's quick exit runs in line, and only the
    /// other case makes the call (whose callee tests again: it cannot know).
    fn guarded(&mut self, g: Target, f: Expr, args: Vec<Expr>, call: Span) -> Expr {
        let callee = &self.callees[&g];
        let exit = callee
            .exit
            .as_ref()
            .expect("only callees with a quick exit");
        let (bindings, mut renamed) = self.bind_params(callee, args);
        let site = self.site(callee, call);
        let test =
            Copier::new(self.vars, &mut renamed, self.sites, site).fold_expr(exit.test.clone());
        let quick =
            Copier::new(self.vars, &mut renamed, self.sites, site).fold_expr(exit.quick.clone());
        let args = bindings.iter().map(|&(x, _)| Expr::Local(x)).collect();
        let call = Expr::Call(Box::new(f), args, call);
        let test = Expr::Inlined(site, Box::new(test));
        let quick = Expr::Inlined(site, Box::new(quick));
        let (t, f) = if exit.when_true {
            (quick, call)
        } else {
            (call, quick)
        };
        Expr::Let(
            bindings,
            Box::new(Expr::If(Box::new(test), Box::new(t), Box::new(f))),
        )
    }

    /// Fresh variables for the callee's parameters, bound to the arguments.
    fn bind_params(
        &mut self,
        callee: &Callee,
        args: Vec<Expr>,
    ) -> (Vec<(VarId, Expr)>, HashMap<VarId, VarId>) {
        let mut renamed = HashMap::new();
        let bindings = callee
            .params
            .iter()
            .zip(args)
            .map(|(&p, arg)| (fresh(self.vars, p, &mut renamed), arg))
            .collect();
        (bindings, renamed)
    }

    fn site(&mut self, callee: &Callee, call: Span) -> InlineSiteId {
        self.sites.push(InlineSite {
            callee: callee.name.clone(),
            call,
            enclosing: self.enclosing,
        })
    }
}

/// A new variable like `v`, recorded as its renaming.
fn fresh(vars: &mut IdVec<VarId, VarInfo>, v: VarId, renamed: &mut HashMap<VarId, VarId>) -> VarId {
    let w = vars.push(vars[v].clone());
    renamed.insert(v, w);
    w
}

/// Makes a copy of a lambda-free body whose binders are fresh variables,
/// inlined at site `site`. The calls inlined into the body (by `deepen`) get
/// sites of their own in the copy, enclosed by `site` (or by the copy of
/// their own enclosing site), so a backtrace shows every procedure.
struct Copier<'a> {
    vars: &'a mut IdVec<VarId, VarInfo>,
    renamed: &'a mut HashMap<VarId, VarId>,
    sites: &'a mut IdVec<InlineSiteId, InlineSite>,
    site: InlineSiteId,
    /// The body's sites and their copies.
    resited: HashMap<InlineSiteId, InlineSiteId>,
}

impl<'a> Copier<'a> {
    fn new(
        vars: &'a mut IdVec<VarId, VarInfo>,
        renamed: &'a mut HashMap<VarId, VarId>,
        sites: &'a mut IdVec<InlineSiteId, InlineSite>,
        site: InlineSiteId,
    ) -> Self {
        Copier {
            vars,
            renamed,
            sites,
            site,
            resited: HashMap::new(),
        }
    }

    fn var(&self, v: VarId) -> VarId {
        *self.renamed.get(&v).unwrap_or(&v)
    }
}

impl Folder for Copier<'_> {
    fn fold_local(&mut self, v: VarId) -> Expr {
        Expr::Local(self.var(v))
    }

    fn fold_inlined(&mut self, inner: InlineSiteId, body: Box<Expr>) -> Expr {
        // Made before the body's own sites, which it encloses: an enclosing
        // site always comes first.
        let original = &self.sites[inner];
        let enclosing = match original.enclosing {
            Some(e) => self.resited[&e],
            None => self.site,
        };
        let copy = InlineSite {
            callee: original.callee.clone(),
            call: original.call,
            enclosing: Some(enclosing),
        };
        let copy = self.sites.push(copy);
        self.resited.insert(inner, copy);
        Expr::Inlined(copy, self.fold_boxed(body))
    }

    fn fold_set_local(&mut self, v: VarId, x: Box<Expr>) -> Expr {
        let x = self.fold_boxed(x);
        Expr::SetLocal(self.var(v), x)
    }

    fn fold_let(&mut self, bindings: Vec<(VarId, Expr)>, body: Box<Expr>) -> Expr {
        // Inits first: they see the outer variables, not the new ones.
        let inits: Vec<(VarId, Expr)> = bindings
            .into_iter()
            .map(|(v, init)| (v, self.fold_expr(init)))
            .collect();
        let bindings = inits
            .into_iter()
            .map(|(v, init)| (fresh(self.vars, v, self.renamed), init))
            .collect();
        Expr::Let(bindings, self.fold_boxed(body))
    }
}

/// How many calls to `g` in `e` are not in tail position (`e` itself is in
/// tail position when `tail`).
fn non_tail_calls_to(g: Target, e: &Expr, tail: bool) -> usize {
    let here = matches!(e, Expr::Call(f, ..) if !tail && Target::of(f) == Some(g));
    let mut n = usize::from(here);
    e.for_each_operand(tail, |x, tail| n += non_tail_calls_to(g, x, tail));
    n
}

fn has_lambda(e: &Expr) -> bool {
    let mut found = false;
    e.visit(&mut |x| found |= matches!(x, Expr::Lambda(_) | Expr::Fix(..)));
    found
}
