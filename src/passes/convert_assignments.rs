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
//! Example: `(lambda (n) (list (lambda () (set! n (+ n 1)) n) (lambda () n)))`
//! becomes `(lambda (n.0) (let ((n.1 (%box n.0))) (list (lambda () (%set-box!
//! n.1 (+ (%unbox n.1) 1)) (%unbox n.1)) (lambda () (%unbox n.1)))))`.
//!
//! **Variables kept in the record.** A box is not needed when exactly one
//! closure record is ever made per binding and only that closure uses the
//! variable: the record's slot can be the variable. That holds when the
//! binding form's whole body is the lambda — `(let ((n 0)) (lambda () ...))`
//! or `(lambda (balance) (lambda (amount) ...))`, the counter and the bank
//! account — and every use of the variable is in that lambda's own body (not
//! in a lambda nested in it, which would copy the value). No call can happen
//! between the binding and the record, so no continuation can re-enter there
//! and make a second record for the same binding. Such variables are listed
//! in `Program::in_record` and left alone here; `convert_closures` turns
//! their assignments into stores into the record. A counter's closure then
//! holds the count itself: one allocation instead of two, one load instead
//! of two.

use crate::ir::{Expr, Lambda, LambdaId, Prim, Program, VarId, VarInfo};
use std::collections::{HashMap, HashSet};

pub fn convert_assignments(program: &mut Program) {
    let mut boxed: HashSet<VarId> = program
        .vars
        .iter()
        .enumerate()
        .filter(|(_, v)| v.assigned && v.captured)
        .map(|(i, _)| i)
        .collect();
    let in_record = kept_in_record(program, &boxed);
    let mut bound = Vec::new();
    let mut calls = false;
    for e in &program.body {
        calls |= scan(e, false, &mut bound, &mut boxed, &program.vars);
    }
    if calls {
        boxed.extend(bound.into_iter().filter(|&v| program.vars[v].assigned));
    }
    boxed.retain(|v| !in_record.contains(v));
    let mut cx = Converter {
        vars: &mut program.vars,
        boxed: &mut boxed,
    };
    for e in &mut program.body {
        cx.expr(e);
    }
    program.in_record = in_record;
}

/// The candidates (assigned, captured variables) that can live in a closure
/// record instead of a box (see the module documentation).
fn kept_in_record(program: &Program, candidates: &HashSet<VarId>) -> HashSet<VarId> {
    let mut w = RecordWalk {
        candidates,
        site: HashMap::new(),
        users: HashMap::new(),
    };
    for e in &program.body {
        w.expr(e, None);
    }
    w.site
        .into_iter()
        .filter(|(v, lambda)| {
            w.users
                .get(v)
                .is_some_and(|users| users.iter().all(|u| *u == Some(*lambda)))
        })
        .map(|(v, _)| v)
        .collect()
}

struct RecordWalk<'a> {
    candidates: &'a HashSet<VarId>,
    /// Candidate -> the lambda that is the whole body of its binding form.
    site: HashMap<VarId, LambdaId>,
    /// Candidate -> the innermost lambda around each of its uses.
    users: HashMap<VarId, Vec<Option<LambdaId>>>,
}

impl RecordWalk<'_> {
    /// The lambda that is the whole of `body`, if it is one.
    fn sole_lambda(body: &Expr) -> Option<LambdaId> {
        match body {
            Expr::Lambda(l) => Some(l.id),
            Expr::Seq(es) if es.len() == 1 => Self::sole_lambda(&es[0]),
            _ => None,
        }
    }

    fn binds(&mut self, v: VarId, body: &Expr) {
        if self.candidates.contains(&v) {
            if let Some(l) = Self::sole_lambda(body) {
                self.site.insert(v, l);
            }
        }
    }

    fn used(&mut self, v: VarId, inside: Option<LambdaId>) {
        if self.candidates.contains(&v) {
            self.users.entry(v).or_default().push(inside);
        }
    }

    fn lambda(&mut self, l: &Lambda) {
        for &p in l.params.iter().chain(l.rest.iter()) {
            self.binds(p, &l.body);
        }
        self.expr(&l.body, Some(l.id));
    }

    fn expr(&mut self, e: &Expr, inside: Option<LambdaId>) {
        match e {
            Expr::Const(_) | Expr::Void | Expr::Global(..) => {}
            Expr::Local(v) => self.used(*v, inside),
            Expr::SetLocal(v, x) => {
                self.used(*v, inside);
                self.expr(x, inside);
            }
            Expr::SetGlobal(_, x) | Expr::Inlined(_, x) => self.expr(x, inside),
            Expr::If(c, t, f) => {
                self.expr(c, inside);
                self.expr(t, inside);
                self.expr(f, inside);
            }
            Expr::Lambda(l) => self.lambda(l),
            Expr::Call(f, args, _) => {
                self.expr(f, inside);
                args.iter().for_each(|a| self.expr(a, inside));
            }
            Expr::Prim(_, args, _) | Expr::Seq(args) => {
                args.iter().for_each(|a| self.expr(a, inside))
            }
            Expr::Let(bindings, body) => {
                for (v, init) in bindings {
                    self.expr(init, inside);
                    self.binds(*v, body);
                }
                self.expr(body, inside);
            }
            Expr::Fix(bindings, body) => {
                bindings.iter().for_each(|(_, l)| self.lambda(l));
                self.expr(body, inside);
            }
            Expr::CallDirect(..) | Expr::FreeRef(..) | Expr::Closure(_) | Expr::Closures(..) => {
                unreachable!("convert_assignments runs before convert_closures")
            }
        }
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
        Expr::Inlined(_, x) => scan(x, tail, bound, boxed, vars),
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
            Expr::SetGlobal(_, value) | Expr::Inlined(_, value) => self.expr(value),
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
