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

use super::well_known;
use crate::datum::{Datum, DatumKind};
use crate::ir::{arity_fits, ClosureAlloc, Code, Expr, Lambda, Prim, Program, VarId};
use std::collections::HashMap;

pub fn convert_closures(program: &mut Program) {
    let plan = well_known::plan(program);
    let mut cx = Converter {
        plan,
        known: HashMap::new(),
        program_arity: &program.lambda_arity,
        globals_known: program.globals.iter().map(|g| g.known_lambda).collect(),
        assigned: program.vars.iter().map(|v| v.assigned).collect(),
    };
    let free = HashMap::new();
    for e in &mut program.body {
        cx.expr(e, &free);
    }
}

struct Converter<'a> {
    /// Free sets and record-less lambdas (`passes::well_known`).
    plan: well_known::Plan,
    /// Local variables known to hold a particular lambda's closure.
    known: HashMap<VarId, usize>,
    program_arity: &'a [(usize, bool)],
    globals_known: Vec<Option<usize>>,
    assigned: Vec<bool>,
}

fn take(e: &mut Expr) -> Expr {
    std::mem::replace(e, Expr::Void)
}

impl Converter<'_> {
    fn fits(&self, lambda: usize, argc: usize) -> bool {
        arity_fits(self.program_arity[lambda], argc)
    }

    /// Converts a lambda into a closure allocation, evaluated in the scope `outer`.
    fn closure(&mut self, mut l: Lambda, outer: &HashMap<VarId, usize>) -> ClosureAlloc {
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
        let inner: HashMap<VarId, usize> =
            l.free.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        self.expr(&mut l.body, &inner);
        let shares_record_of = self.plan.shared.get(&l.id).copied();
        let free = if shares_record_of.is_some() {
            Vec::new()
        } else {
            l.free
                .iter()
                .map(|&v| {
                    let mut e = Expr::Local(v);
                    self.expr(&mut e, outer);
                    e
                })
                .collect()
        };
        ClosureAlloc {
            code: Code::Nested(Box::new(l)),
            free,
            has_record,
            shares_record_of,
        }
    }

    fn expr(&mut self, e: &mut Expr, free: &HashMap<VarId, usize>) {
        match e {
            Expr::Const(_) | Expr::Void | Expr::Global(..) => {}
            Expr::Local(v) => {
                if let Some(&slot) = free.get(v) {
                    *e = Expr::FreeRef(slot, *v);
                }
            }
            Expr::SetLocal(v, value) => {
                self.expr(value, free);
                // Only variables kept in the record are assigned while free
                // (`convert_assignments` boxed the others).
                if let Some(&slot) = free.get(v) {
                    *e = Expr::Prim(Prim::SetFree(slot), vec![take(value)], Default::default());
                }
            }
            Expr::SetGlobal(_, value) | Expr::Inlined(_, value) => self.expr(value, free),
            Expr::If(c, t, f) => {
                self.expr(c, free);
                self.expr(t, free);
                self.expr(f, free);
            }
            Expr::Lambda(l) => {
                let l = std::mem::replace(
                    &mut **l,
                    Lambda {
                        id: 0,
                        params: vec![],
                        rest: None,
                        body: Expr::Void,
                        free: vec![],
                        closure_var: None,
                        self_vars: Vec::new(),
                        record_without_code: false,
                        name: String::new(),
                        span: Default::default(),
                    },
                );
                *e = Expr::Closure(Box::new(self.closure(l, free)));
            }
            Expr::Call(f, args, span) => {
                let target = match &**f {
                    Expr::Local(v) if !self.assigned[*v] => self.known.get(v).copied(),
                    Expr::Global(g, _) => self.globals_known[*g],
                    _ => None,
                };
                self.expr(f, free);
                args.iter_mut().for_each(|a| self.expr(a, free));
                if let Some(id) = target.filter(|&id| self.fits(id, args.len())) {
                    // A record-less callee gets the value its body reads as
                    // its closure instead (see `passes::well_known`).
                    let closure = match self.plan.recordless.get(&id) {
                        Some(Some(var)) => {
                            let mut x = Expr::Local(*var);
                            self.expr(&mut x, free);
                            x
                        }
                        Some(None) => Expr::Const(Datum::new(DatumKind::Bool(false), *span)),
                        None => take(f),
                    };
                    *e = Expr::CallDirect(id, Box::new(closure), std::mem::take(args), *span);
                }
            }
            Expr::Prim(_, args, _) | Expr::Seq(args) => {
                args.iter_mut().for_each(|a| self.expr(a, free))
            }
            Expr::Let(bindings, body) => {
                for (v, init) in bindings.iter_mut() {
                    if let Expr::Lambda(l) = init {
                        self.known.insert(*v, l.id);
                    }
                    self.expr(init, free);
                }
                self.expr(body, free);
            }
            Expr::Fix(bindings, body) => {
                for (v, l) in bindings.iter() {
                    self.known.insert(*v, l.id);
                }
                let closures = std::mem::take(bindings)
                    .into_iter()
                    .map(|(v, l)| (v, self.closure(l, free)))
                    .collect();
                self.expr(body, free);
                *e = Expr::Closures(closures, Box::new(take(body)));
            }
            Expr::CallDirect(..) | Expr::FreeRef(..) | Expr::Closure(_) | Expr::Closures(..) => {
                unreachable!("convert_closures runs once")
            }
        }
    }
}
