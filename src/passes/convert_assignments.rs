//! convert-assignments: captured, assigned variables -> boxes.
//!
//! In: `ir` after alpha-renaming. Out: the same program in which every variable
//! that is both `set!` and captured by a lambda holds a box (a one-slot heap
//! object): its binding initialises `(%box init)`, references become
//! `(%unbox v)` and assignments `(%set-box! v e)`. Afterwards a `SetLocal` only
//! targets variables that no lambda captures, so codegen can keep those in
//! registers, and closures can copy variable *values* into their records while
//! still sharing *bindings*: two closures that share a mutable binding share its
//! box.
//!
//! A variable that is `set!` but not captured is boxed too when its lambda
//! makes a non-tail call in which a continuation may be captured: resuming
//! a continuation restores the stack as it was at the capture
//! (`runtime/src/continuations.rs`), and a variable is a location whose
//! later assignments the resumed code must see.
//!
//! Example: `(lambda (n) (lambda () (set! n (+ n 1)) n))` becomes
//! `(lambda (n.0) (let ((n.1 (%box n.0))) (lambda () (%set-box! n.1 (+ (%unbox n.1) 1)) (%unbox n.1))))`.

use crate::ir::{Expr, Lambda, Prim, Program, VarId, VarInfo};
use std::collections::HashSet;

pub fn convert_assignments(program: &mut Program) {
    let mut boxed: HashSet<VarId> = program
        .vars
        .iter()
        .enumerate()
        .filter(|(_, v)| v.assigned && v.captured)
        .map(|(i, _)| i)
        .collect();
    let mut bound = Vec::new();
    let mut calls = false;
    for e in &program.body {
        calls |= scan(e, false, &mut bound, &mut boxed, &program.vars);
    }
    if calls {
        boxed.extend(bound.into_iter().filter(|&v| program.vars[v].assigned));
    }
    let mut cx = Converter {
        vars: &mut program.vars,
        boxed: &mut boxed,
    };
    for e in &mut program.body {
        cx.expr(e);
    }
}

/// Whether `e` (in tail position when `tail`) makes a non-tail procedure
/// call, not counting nested lambdas; collects the variables `e` binds into
/// `bound`. Each nested lambda that makes one gets its assigned variables
/// added to `boxed`.
fn scan(
    e: &Expr,
    tail: bool,
    bound: &mut Vec<VarId>,
    boxed: &mut HashSet<VarId>,
    vars: &[VarInfo],
) -> bool {
    let lambda = |l: &Lambda, boxed: &mut HashSet<VarId>| {
        let mut inner: Vec<VarId> = l.params.iter().chain(l.rest.iter()).copied().collect();
        if scan(&l.body, true, &mut inner, boxed, vars) {
            boxed.extend(inner.into_iter().filter(|&v| vars[v].assigned));
        }
    };
    match e {
        Expr::Const(_) | Expr::Void | Expr::Local(_) | Expr::Global(..) => false,
        Expr::SetLocal(_, x) | Expr::SetGlobal(_, x) => scan(x, false, bound, boxed, vars),
        Expr::If(c, t, f) => {
            let a = scan(c, false, bound, boxed, vars);
            let b = scan(t, tail, bound, boxed, vars);
            scan(f, tail, bound, boxed, vars) || a || b
        }
        Expr::Lambda(l) => {
            lambda(l, boxed);
            false
        }
        Expr::Call(f, args, _) => {
            let mut any = !tail;
            any |= scan(f, false, bound, boxed, vars);
            for a in args {
                any |= scan(a, false, bound, boxed, vars);
            }
            any
        }
        Expr::Prim(p, args, _) => {
            let mut any = matches!(p, Prim::Apply) && !tail;
            for a in args {
                any |= scan(a, false, bound, boxed, vars);
            }
            any
        }
        Expr::Seq(es) => {
            let mut any = false;
            for (i, x) in es.iter().enumerate() {
                any |= scan(x, tail && i + 1 == es.len(), bound, boxed, vars);
            }
            any
        }
        Expr::Let(bs, body) => {
            let mut any = false;
            for (v, init) in bs {
                bound.push(*v);
                any |= scan(init, false, bound, boxed, vars);
            }
            scan(body, tail, bound, boxed, vars) || any
        }
        Expr::Fix(bs, body) => {
            for (v, l) in bs {
                bound.push(*v);
                lambda(l, boxed);
            }
            scan(body, tail, bound, boxed, vars)
        }
        Expr::CallDirect(..) | Expr::FreeRef(..) | Expr::Closure(_) | Expr::Closures(..) => {
            unreachable!("convert_assignments runs before convert_closures")
        }
    }
}

struct Converter<'a> {
    vars: &'a mut Vec<VarInfo>,
    boxed: &'a mut HashSet<VarId>,
}

fn take(e: &mut Expr) -> Expr {
    std::mem::replace(e, Expr::Void)
}

fn make_box(init: Expr) -> Expr {
    Expr::Prim(Prim::MakeBox, vec![init], Default::default())
}

impl Converter<'_> {
    fn lambda(&mut self, l: &mut Lambda) {
        self.expr(&mut l.body);
        // A boxed parameter arrives as a plain value under a fresh name and is
        // boxed on entry under its original id.
        let mut entry = Vec::new();
        for p in l.params.iter_mut().chain(l.rest.iter_mut()) {
            if self.boxed.contains(p) {
                let info = VarInfo {
                    name: self.vars[*p].name.clone(),
                    assigned: false,
                    captured: false,
                    span: self.vars[*p].span,
                };
                self.vars.push(info);
                let fresh = self.vars.len() - 1;
                entry.push((*p, make_box(Expr::Local(fresh))));
                *p = fresh;
            }
        }
        if !entry.is_empty() {
            l.body = Expr::Let(entry, Box::new(take(&mut l.body)));
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        match e {
            Expr::Const(_) | Expr::Void | Expr::Global(..) => {}
            Expr::Local(v) => {
                if self.boxed.contains(v) {
                    *e = Expr::Prim(Prim::Unbox, vec![Expr::Local(*v)], Default::default());
                }
            }
            Expr::SetLocal(v, value) => {
                self.expr(value);
                if self.boxed.contains(v) {
                    *e = Expr::Prim(
                        Prim::SetBox,
                        vec![Expr::Local(*v), take(value)],
                        Default::default(),
                    );
                }
            }
            Expr::SetGlobal(_, value) => self.expr(value),
            Expr::If(c, t, f) => {
                self.expr(c);
                self.expr(t);
                self.expr(f);
            }
            Expr::Lambda(l) => self.lambda(l),
            Expr::Call(f, args, _) => {
                self.expr(f);
                args.iter_mut().for_each(|a| self.expr(a));
            }
            Expr::Prim(_, args, _) | Expr::Seq(args) => args.iter_mut().for_each(|a| self.expr(a)),
            Expr::Let(bindings, body) => {
                for (v, init) in bindings.iter_mut() {
                    self.expr(init);
                    if self.boxed.contains(v) {
                        *init = make_box(take(init));
                    }
                }
                self.expr(body);
            }
            Expr::Fix(bindings, body) => {
                if bindings.iter().any(|(v, _)| self.boxed.contains(v)) {
                    // A group with an assigned member: box every member and
                    // initialise the boxes in order, as letrec* would.
                    for (v, _) in bindings.iter() {
                        self.boxed.insert(*v);
                    }
                    let bindings = std::mem::take(bindings);
                    let mut seq = Vec::new();
                    let vars: Vec<(VarId, Expr)> = bindings
                        .iter()
                        .map(|(v, _)| (*v, make_box(Expr::Void)))
                        .collect();
                    for (v, mut l) in bindings {
                        self.lambda(&mut l);
                        seq.push(Expr::Prim(
                            Prim::SetBox,
                            vec![Expr::Local(v), Expr::Lambda(Box::new(l))],
                            Default::default(),
                        ));
                    }
                    self.expr(body);
                    seq.push(take(body));
                    *e = Expr::Let(vars, Box::new(Expr::Seq(seq)));
                } else {
                    bindings.iter_mut().for_each(|(_, l)| self.lambda(l));
                    self.expr(body);
                }
            }
            Expr::CallDirect(..) | Expr::FreeRef(..) | Expr::Closure(_) | Expr::Closures(..) => {
                unreachable!("convert_assignments runs before convert_closures")
            }
        }
    }
}
