//! convert-closures: lambdas -> explicit flat closure records.
//!
//! In: `ir` with free variables annotated. Out: every `Lambda` is a
//! `Closure { code, free }` whose free-variable values are copied into the
//! record when it is made; inside the code, a free variable is read as
//! `FreeRef(slot)` from the closure record the code receives as its hidden first
//! argument; `Fix` is `Closures`, whose records may point at each other. Calls
//! whose operator is known to be a particular lambda (a `letrec`/`let`-bound or
//! top-level-defined lambda that is never assigned) and whose argument count
//! fits it become `CallDirect`; all others stay `Call` and will go through the
//! record's code pointer with an arity check. A well-known `letrec` lambda
//! with at most one free variable gets no record (`well_known::plan`): its
//! `Closures` binding is marked as having no record, its calls pass the free
//! variable (or `#f`) as the closure, and its body reads that variable from
//! its closure argument (`Lambda::closure_var`).
//!
//! Example: `(let ((k 1)) (lambda (x) (+ x k)))` becomes
//! `(let ((k 1)) (make-closure (lambda (x) (+ x (free-ref 0 k))) k))`.

use super::{prelude_tail_calls, well_known};
use crate::datum::{Datum, DatumKind, Span};
use crate::ir::{
    arity_fits, ClosureAlloc, Code, Expr, Folder, GlobalId, IdVec, Lambda, LambdaId, Prim, Program,
    VarId,
};
use std::collections::HashMap;

pub fn convert_closures(program: &mut Program) {
    let plan = well_known::plan(program);
    let mut cx = Converter {
        plan,
        known: HashMap::new(),
        program_arity: &program.lambda_arity,
        globals_known: program.globals.iter().map(|g| g.known_lambda).collect(),
        assigned: program.vars.iter().map(|v| v.assigned).collect(),
        slots: HashMap::new(),
    };
    for e in &mut program.body {
        cx.fold_in_place(e);
    }
    prelude_tail_calls::keep_frames_of_prelude_tail_calls(program);
}

struct Converter<'a> {
    /// Free sets and record-less lambdas (`passes::well_known`).
    plan: well_known::Plan,
    /// Local variables known to hold a particular lambda's closure.
    known: HashMap<VarId, LambdaId>,
    program_arity: &'a IdVec<LambdaId, (usize, bool)>,
    globals_known: IdVec<GlobalId, Option<LambdaId>>,
    assigned: IdVec<VarId, bool>,
    /// The record slot of each free variable of the code being converted
    /// (none at top level).
    slots: HashMap<VarId, usize>,
}

impl Converter<'_> {
    fn fits(&self, lambda: LambdaId, argc: usize) -> bool {
        arity_fits(self.program_arity[lambda], argc)
    }

    /// Converts a lambda into a closure allocation, evaluated in the
    /// current scope.
    fn closure(&mut self, mut l: Lambda) -> ClosureAlloc {
        if let Some(free) = self.plan.free.remove(&l.id) {
            l.free = free;
        }
        let has_record = match self.plan.recordless.get(&l.id) {
            Some(&closure_var) => {
                l.free.clear();
                l.closure_var = closure_var;
                false
            }
            None => {
                l.record_without_code = self.plan.without_code.contains(&l.id);
                l.self_vars = self.plan.self_vars.remove(&l.id).unwrap_or_default();
                true
            }
        };
        let inner = l.free.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let outer = std::mem::replace(&mut self.slots, inner);
        self.fold_in_place(&mut l.body);
        self.slots = outer;
        let shares_record_of = self.plan.shared.get(&l.id).copied();
        let free = if shares_record_of.is_some() {
            Vec::new()
        } else {
            l.free.iter().map(|&v| self.fold_local(v)).collect()
        };
        ClosureAlloc {
            code: Code::Nested(Box::new(l)),
            free,
            has_record,
            shares_record_of,
        }
    }
}

impl Folder for Converter<'_> {
    fn fold_local(&mut self, v: VarId) -> Expr {
        match self.slots.get(&v) {
            Some(&slot) => Expr::FreeRef(slot, v),
            None => Expr::Local(v),
        }
    }

    fn fold_set_local(&mut self, v: VarId, x: Box<Expr>) -> Expr {
        let x = self.fold_boxed(x);
        // Only variables kept in the record are assigned while free
        // (`convert_assignments` boxed the others).
        match self.slots.get(&v) {
            Some(&slot) => Expr::Prim(Prim::SetFree(slot), vec![*x], Default::default()),
            None => Expr::SetLocal(v, x),
        }
    }

    fn fold_lambda(&mut self, l: Box<Lambda>) -> Expr {
        Expr::Closure(Box::new(self.closure(*l)))
    }

    fn fold_call(&mut self, f: Box<Expr>, args: Vec<Expr>, span: Span) -> Expr {
        let target = match &*f {
            Expr::Local(v) if !self.assigned[*v] => self.known.get(v).copied(),
            Expr::Global(g, _) => self.globals_known[*g],
            _ => None,
        };
        let f = self.fold_boxed(f);
        let args = self.fold_all(args);
        let Some(id) = target.filter(|&id| self.fits(id, args.len())) else {
            return Expr::Call(f, args, span);
        };
        // A record-less callee gets the value its body reads as its closure
        // instead (see `passes::well_known`).
        let closure = match self.plan.recordless.get(&id) {
            Some(Some(var)) => Box::new(self.fold_local(*var)),
            Some(None) => Box::new(Expr::Const(Datum::new(DatumKind::Bool(false), span))),
            None => f,
        };
        Expr::CallDirect(id, closure, args, span)
    }

    fn fold_let(&mut self, bindings: Vec<(VarId, Expr)>, body: Box<Expr>) -> Expr {
        let bindings = bindings
            .into_iter()
            .map(|(v, init)| {
                if let Expr::Lambda(l) = &init {
                    self.known.insert(v, l.id);
                }
                (v, self.fold_expr(init))
            })
            .collect();
        Expr::Let(bindings, self.fold_boxed(body))
    }

    fn fold_fix(&mut self, bindings: Vec<(VarId, Lambda)>, body: Box<Expr>) -> Expr {
        self.known.extend(bindings.iter().map(|(v, l)| (*v, l.id)));
        let closures = bindings
            .into_iter()
            .map(|(v, l)| (v, self.closure(l)))
            .collect();
        Expr::Closures(closures, self.fold_boxed(body))
    }
}
