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

use crate::ir::{Expr, Folder, IdVec, Lambda, LambdaId, Prim, Program, VarId, VarInfo, Visitor};
use std::collections::{HashMap, HashSet};

pub fn convert_assignments(program: &mut Program) {
    let mut boxed: HashSet<VarId> = program
        .vars
        .iter_enumerated()
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
        cx.fold_in_place(e);
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
        inside: None,
    };
    for e in &program.body {
        w.visit_expr(e);
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
    /// The innermost lambda around the expression being walked.
    inside: Option<LambdaId>,
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
}

impl Visitor for RecordWalk<'_> {
    fn visit_local(&mut self, v: VarId) {
        if self.candidates.contains(&v) {
            self.users.entry(v).or_default().push(self.inside);
        }
    }

    fn visit_set_local(&mut self, v: VarId, x: &Expr) {
        self.visit_local(v);
        self.visit_expr(x);
    }

    fn visit_code(&mut self, l: &Lambda) {
        for &p in l.params.iter().chain(l.rest.iter()) {
            self.binds(p, &l.body);
        }
        let outer = self.inside.replace(l.id);
        self.visit_expr(&l.body);
        self.inside = outer;
    }

    fn visit_let(&mut self, bindings: &[(VarId, Expr)], body: &Expr) {
        for (v, init) in bindings {
            self.visit_expr(init);
            self.binds(*v, body);
        }
        self.visit_expr(body);
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
    vars: &IdVec<VarId, VarInfo>,
) -> bool {
    let lambda = |l: &Lambda, boxed: &mut HashSet<VarId>| {
        let mut inner: Vec<VarId> = l.params.iter().chain(l.rest.iter()).copied().collect();
        if scan(&l.body, true, &mut inner, boxed, vars) {
            boxed.extend(inner.into_iter().filter(|&v| vars[v].assigned));
        }
    };
    let mut any = match e {
        Expr::Call(..) => !tail,
        Expr::Prim(p, ..) => matches!(p, Prim::Apply) && !tail,
        Expr::Lambda(l) => {
            lambda(l, boxed);
            false
        }
        Expr::Let(bindings, _) => {
            bound.extend(bindings.iter().map(|(v, _)| *v));
            false
        }
        Expr::Fix(bindings, _) => {
            for (v, l) in bindings {
                bound.push(*v);
                lambda(l, boxed);
            }
            false
        }
        _ => false,
    };
    e.for_each_operand(tail, |x, tail| any |= scan(x, tail, bound, boxed, vars));
    any
}

/// Boxes the variables in `boxed`: their bindings, references and assignments.
struct Converter<'a> {
    vars: &'a mut IdVec<VarId, VarInfo>,
    boxed: &'a mut HashSet<VarId>,
}

fn make_box(init: Expr) -> Expr {
    Expr::Prim(Prim::MakeBox, vec![init], Default::default())
}

impl Folder for Converter<'_> {
    fn fold_code(&mut self, mut l: Lambda) -> Lambda {
        self.fold_in_place(&mut l.body);
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
                let fresh = self.vars.push(info);
                entry.push((*p, make_box(Expr::Local(fresh))));
                *p = fresh;
            }
        }
        if !entry.is_empty() {
            l.body = Expr::Let(entry, Box::new(std::mem::replace(&mut l.body, Expr::Void)));
        }
        l
    }

    fn fold_local(&mut self, v: VarId) -> Expr {
        if self.boxed.contains(&v) {
            Expr::Prim(Prim::Unbox, vec![Expr::Local(v)], Default::default())
        } else {
            Expr::Local(v)
        }
    }

    fn fold_set_local(&mut self, v: VarId, x: Box<Expr>) -> Expr {
        let x = self.fold_boxed(x);
        if self.boxed.contains(&v) {
            Expr::Prim(Prim::SetBox, vec![Expr::Local(v), *x], Default::default())
        } else {
            Expr::SetLocal(v, x)
        }
    }

    fn fold_let(&mut self, bindings: Vec<(VarId, Expr)>, body: Box<Expr>) -> Expr {
        let bindings = bindings
            .into_iter()
            .map(|(v, init)| {
                let init = self.fold_expr(init);
                (
                    v,
                    if self.boxed.contains(&v) {
                        make_box(init)
                    } else {
                        init
                    },
                )
            })
            .collect();
        Expr::Let(bindings, self.fold_boxed(body))
    }

    fn fold_fix(&mut self, bindings: Vec<(VarId, Lambda)>, body: Box<Expr>) -> Expr {
        if !bindings.iter().any(|(v, _)| self.boxed.contains(v)) {
            let bindings = bindings
                .into_iter()
                .map(|(v, l)| (v, self.fold_code(l)))
                .collect();
            return Expr::Fix(bindings, self.fold_boxed(body));
        }
        // A group with an assigned member: box every member and initialise
        // the boxes in order, as letrec* would.
        self.boxed.extend(bindings.iter().map(|(v, _)| *v));
        let vars: Vec<(VarId, Expr)> = bindings
            .iter()
            .map(|(v, _)| (*v, make_box(Expr::Void)))
            .collect();
        let mut seq: Vec<Expr> = bindings
            .into_iter()
            .map(|(v, l)| {
                let l = self.fold_code(l);
                Expr::Prim(
                    Prim::SetBox,
                    vec![Expr::Local(v), Expr::Lambda(Box::new(l))],
                    Default::default(),
                )
            })
            .collect();
        seq.push(*self.fold_boxed(body));
        Expr::Let(vars, Box::new(Expr::Seq(seq)))
    }
}
