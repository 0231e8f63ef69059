//! inline: copy the bodies of small top-level procedures into their calls.
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
//! Invariants: copies are made from the callees' original bodies, so
//! inlining goes one level deep: a recursive procedure is unrolled once, and a
//! copy never contains `Inlined`. The arguments are evaluated left to right
//! before the body, as for a call. Each code body grows by at most
//! `growth_allowance` nodes, so compile time stays linear in the program.
//!
//! Why: a call costs a frame, argument moves and the callee's entry check;
//! for fib that is most of the work (see ARCHITECTURE.md for the numbers).

use crate::ir::{Expr, GlobalId, InlineSite, Lambda, Program, VarId, VarInfo};
use std::collections::HashMap;

/// The largest callee body (in expression nodes) copied into a call.
pub const MAX_CALLEE_SIZE: usize = 40;

/// How many nodes inlining may add to a code body of `size` nodes.
fn growth_allowance(size: usize) -> usize {
    (3 * size).max(120)
}

struct Callee {
    name: String,
    params: Vec<VarId>,
    body: Expr,
    /// Nodes in `body`: what each copy adds.
    size: usize,
    /// Makes two or more non-tail calls to itself.
    tree_recursive: bool,
}

pub fn inline(program: &mut Program) {
    let callees = find_callees(program);
    if callees.is_empty() {
        return;
    }
    let mut cx = Inliner {
        callees: &callees,
        vars: &mut program.vars,
        sites: &mut program.inline_sites,
        budget: 0,
    };
    let first = program.first_user_form;
    for form in &mut program.body[first..] {
        if let Expr::SetGlobal(g, value) = form {
            if let Expr::Lambda(l) = &mut **value {
                cx.lambda(l, Some(*g));
                continue;
            }
        }
        cx.budget = growth_allowance(form.node_count());
        cx.walk(form, false, None);
    }
}

fn find_callees(program: &Program) -> HashMap<GlobalId, Callee> {
    let mut callees = HashMap::new();
    for form in &program.body[program.first_user_form..] {
        let Expr::SetGlobal(g, value) = form else {
            continue;
        };
        let Expr::Lambda(l) = &**value else {
            continue;
        };
        let info = &program.globals[*g];
        let size = l.body.node_count();
        let qualifies = !info.assigned
            && info.bound_before_code
            && info.known_lambda == Some(l.id)
            && l.rest.is_none()
            && !l.span.in_prelude()
            && !has_lambda(&l.body)
            && size <= MAX_CALLEE_SIZE;
        if qualifies {
            callees.insert(
                *g,
                Callee {
                    name: l.name.clone(),
                    params: l.params.clone(),
                    body: l.body.clone(),
                    size,
                    tree_recursive: non_tail_calls_to(*g, &l.body, true) >= 2,
                },
            );
        }
    }
    callees
}

struct Inliner<'a> {
    callees: &'a HashMap<GlobalId, Callee>,
    vars: &'a mut Vec<VarInfo>,
    sites: &'a mut Vec<crate::ir::InlineSite>,
    /// Nodes the code body being walked may still grow by.
    budget: usize,
}

impl Inliner<'_> {
    /// Inlines into a lambda's body; `me` is the global it is defined to, if
    /// any (its tail calls to itself are loops and stay calls).
    fn lambda(&mut self, l: &mut Lambda, me: Option<GlobalId>) {
        let outer = std::mem::replace(&mut self.budget, growth_allowance(l.body.node_count()));
        self.walk(&mut l.body, true, me);
        self.budget = outer;
    }

    fn walk(&mut self, e: &mut Expr, tail: bool, me: Option<GlobalId>) {
        match e {
            Expr::Const(_) | Expr::Void | Expr::Local(_) | Expr::Global(..) => {}
            Expr::SetLocal(_, x) | Expr::SetGlobal(_, x) => self.walk(x, false, me),
            Expr::If(c, t, f) => {
                self.walk(c, false, me);
                self.walk(t, tail, me);
                self.walk(f, tail, me);
            }
            Expr::Lambda(l) => self.lambda(l, None),
            Expr::Fix(bindings, body) => {
                for (_, l) in bindings.iter_mut() {
                    self.lambda(l, None);
                }
                self.walk(body, tail, me);
            }
            Expr::Call(f, args, span) => {
                for a in args.iter_mut() {
                    self.walk(a, false, me);
                }
                let Expr::Global(g, _) = **f else {
                    self.walk(f, false, me);
                    return;
                };
                let Some(callee) = self.callees.get(&g) else {
                    return;
                };
                let stays_a_call = me == Some(g) && (tail || !callee.tree_recursive);
                if stays_a_call || callee.params.len() != args.len() || callee.size > self.budget {
                    return;
                }
                self.budget -= callee.size;
                let call = *span;
                let args = std::mem::take(args);
                *e = self.copy_of(g, args, call);
            }
            Expr::Prim(_, args, _) => {
                for a in args.iter_mut() {
                    self.walk(a, false, me);
                }
            }
            Expr::Seq(es) => {
                let n = es.len();
                for (i, x) in es.iter_mut().enumerate() {
                    self.walk(x, tail && i + 1 == n, me);
                }
            }
            Expr::Let(bindings, body) => {
                for (_, init) in bindings.iter_mut() {
                    self.walk(init, false, me);
                }
                self.walk(body, tail, me);
            }
            Expr::Inlined(..) => {}
            Expr::CallDirect(..) | Expr::FreeRef(..) | Expr::Closure(_) | Expr::Closures(..) => {
                unreachable!("inline runs before convert_closures")
            }
        }
    }

    /// `(let ((x' arg) ...) (inlined SITE body'))` for a call of `g`.
    fn copy_of(&mut self, g: GlobalId, args: Vec<Expr>, call: crate::datum::Span) -> Expr {
        let callee = &self.callees[&g];
        let mut renamed = HashMap::new();
        let mut bindings = Vec::with_capacity(args.len());
        for (&p, arg) in callee.params.iter().zip(args) {
            bindings.push((fresh(self.vars, p, &mut renamed), arg));
        }
        let body = copy(&callee.body, self.vars, &mut renamed);
        self.sites.push(InlineSite {
            callee: callee.name.clone(),
            call,
        });
        let site = self.sites.len() - 1;
        Expr::Let(bindings, Box::new(Expr::Inlined(site, Box::new(body))))
    }
}

/// A new variable like `v`, recorded as its renaming.
fn fresh(vars: &mut Vec<VarInfo>, v: VarId, renamed: &mut HashMap<VarId, VarId>) -> VarId {
    vars.push(vars[v].clone());
    let w = vars.len() - 1;
    renamed.insert(v, w);
    w
}

/// A copy of a lambda-free body whose binders are fresh variables.
fn copy(e: &Expr, vars: &mut Vec<VarInfo>, renamed: &mut HashMap<VarId, VarId>) -> Expr {
    let var = |v: &VarId, renamed: &HashMap<VarId, VarId>| *renamed.get(v).unwrap_or(v);
    let each = |es: &[Expr], vars: &mut Vec<VarInfo>, renamed: &mut HashMap<VarId, VarId>| {
        es.iter().map(|x| copy(x, vars, renamed)).collect()
    };
    match e {
        Expr::Const(_) | Expr::Void | Expr::Global(..) => e.clone(),
        Expr::Local(v) => Expr::Local(var(v, renamed)),
        Expr::SetLocal(v, x) => {
            let x = copy(x, vars, renamed);
            Expr::SetLocal(var(v, renamed), Box::new(x))
        }
        Expr::SetGlobal(g, x) => Expr::SetGlobal(*g, Box::new(copy(x, vars, renamed))),
        Expr::If(c, t, f) => Expr::If(
            Box::new(copy(c, vars, renamed)),
            Box::new(copy(t, vars, renamed)),
            Box::new(copy(f, vars, renamed)),
        ),
        Expr::Call(f, args, span) => {
            let f = copy(f, vars, renamed);
            Expr::Call(Box::new(f), each(args, vars, renamed), *span)
        }
        Expr::Prim(p, args, span) => Expr::Prim(*p, each(args, vars, renamed), *span),
        Expr::Seq(es) => Expr::Seq(each(es, vars, renamed)),
        Expr::Let(bindings, body) => {
            // Inits first: they see the outer variables, not the new ones.
            let inits: Vec<Expr> = bindings
                .iter()
                .map(|(_, init)| copy(init, vars, renamed))
                .collect();
            let bindings = bindings
                .iter()
                .zip(inits)
                .map(|((v, _), init)| (fresh(vars, *v, renamed), init))
                .collect();
            Expr::Let(bindings, Box::new(copy(body, vars, renamed)))
        }
        Expr::Lambda(_)
        | Expr::Fix(..)
        | Expr::Inlined(..)
        | Expr::CallDirect(..)
        | Expr::FreeRef(..)
        | Expr::Closure(_)
        | Expr::Closures(..) => unreachable!("callees are lambda-free bodies after alpha_rename"),
    }
}

/// How many calls to global `g` in `e` are not in tail position (`e` itself
/// is in tail position when `tail`).
fn non_tail_calls_to(g: GlobalId, e: &Expr, tail: bool) -> usize {
    let each = |es: &[Expr]| {
        es.iter()
            .map(|x| non_tail_calls_to(g, x, false))
            .sum::<usize>()
    };
    match e {
        Expr::Call(f, args, _) => {
            let here = matches!(**f, Expr::Global(h, _) if h == g && !tail);
            usize::from(here) + non_tail_calls_to(g, f, false) + each(args)
        }
        Expr::If(c, t, f) => {
            non_tail_calls_to(g, c, false)
                + non_tail_calls_to(g, t, tail)
                + non_tail_calls_to(g, f, tail)
        }
        Expr::Seq(es) => match es.split_last() {
            Some((last, rest)) => each(rest) + non_tail_calls_to(g, last, tail),
            None => 0,
        },
        Expr::Let(bindings, body) => {
            bindings
                .iter()
                .map(|(_, x)| non_tail_calls_to(g, x, false))
                .sum::<usize>()
                + non_tail_calls_to(g, body, tail)
        }
        Expr::SetLocal(_, x) | Expr::SetGlobal(_, x) => non_tail_calls_to(g, x, false),
        Expr::Prim(_, args, _) => each(args),
        _ => 0,
    }
}

fn has_lambda(e: &Expr) -> bool {
    let mut found = false;
    e.visit(&mut |x| found |= matches!(x, Expr::Lambda(_) | Expr::Fix(..)));
    found
}
