//! Which closures need no record (after Keep, Hearn & Dybvig, "Optimizing
//! closures in O(0) time", 2012), for `convert_closures`.
//!
//! In: `ir` after `uncover_free`. Out: a `Plan`: each lambda's free
//! variables as its closure must hold them, and the lambdas whose closure is
//! no record at all. Nothing in the program changes here.
//!
//! A lambda bound by `letrec` (`Fix`: named `let`, internal definitions) is
//! *well-known* when its variable is never assigned and every reference to it
//! is the operator of a call whose argument count fits: every call to it is
//! then a direct call, and its closure value is only ever the hidden first
//! argument of those calls. Such a lambda needs no record when, counting
//! what it reaches through other record-less lambdas, it has
//! - no free variable: callers pass `#f` as its closure, or
//! - one free variable: callers pass that variable's value as its closure,
//!   and the body reads the variable from that argument.
//!
//! A reference to a record-less lambda's variable from any lambda is replaced
//! by that lambda's own free variables (which its calls pass), so free sets
//! are computed again with the substitution, to a fixed point; a well-known
//! lambda left with two or more free variables keeps its record, which
//! changes the sets of the others, so the whole is repeated until no lambda
//! loses its place. A lambda whose free variable is kept in its own record
//! (`Program::in_record`) keeps its record.

use crate::ir::{arity_fits, Expr, Lambda, LambdaId, Program, VarId};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What `convert_closures` does with each lambda's closure.
#[derive(Default)]
pub struct Plan {
    /// Each lambda's free variables after substitution (slot order: sorted).
    pub free: HashMap<LambdaId, Vec<VarId>>,
    /// Record-less lambdas, with the free variable passed as their closure
    /// (none: `#f` is passed).
    pub recordless: HashMap<LambdaId, Option<VarId>>,
}

pub fn plan(program: &Program) -> Plan {
    let mut scan = Scan {
        program,
        fix_lambda: HashMap::new(),
        not_operator: HashSet::new(),
        free: HashMap::new(),
    };
    for e in &program.body {
        scan.expr(e);
    }
    let mut candidates: HashMap<VarId, LambdaId> = scan
        .fix_lambda
        .iter()
        .filter(|&(v, id)| {
            !program.vars[*v].assigned
                && !scan.not_operator.contains(v)
                && !scan.free[id].iter().any(|x| program.in_record.contains(x))
        })
        .map(|(&v, &id)| (v, id))
        .collect();
    loop {
        let free = substituted(&scan.free, &candidates);
        let too_many: Vec<VarId> = candidates
            .iter()
            .filter(|(_, id)| free[id].len() > 1)
            .map(|(&v, _)| v)
            .collect();
        if too_many.is_empty() {
            let recordless = candidates
                .values()
                .map(|id| (*id, free[id].iter().next().copied()))
                .collect();
            let free = free
                .into_iter()
                .map(|(id, set)| (id, set.into_iter().collect()))
                .collect();
            return Plan { free, recordless };
        }
        for v in too_many {
            candidates.remove(&v);
        }
    }
}

/// Free sets with each record-less lambda's variable replaced by that
/// lambda's own (substituted) free set, to a fixed point.
fn substituted(
    free: &HashMap<LambdaId, BTreeSet<VarId>>,
    recordless: &HashMap<VarId, LambdaId>,
) -> HashMap<LambdaId, BTreeSet<VarId>> {
    let mut out: HashMap<LambdaId, BTreeSet<VarId>> = free
        .iter()
        .map(|(&id, set)| {
            let kept = set.iter().filter(|v| !recordless.contains_key(v)).copied();
            (id, kept.collect())
        })
        .collect();
    loop {
        let mut grew = false;
        for (id, set) in free {
            let reached: BTreeSet<VarId> = set
                .iter()
                .filter_map(|v| recordless.get(v))
                .flat_map(|callee| out[callee].iter().copied())
                .collect();
            let mine = out.get_mut(id).expect("every lambda has a set");
            for v in reached {
                grew |= mine.insert(v);
            }
        }
        if !grew {
            return out;
        }
    }
}

/// One walk: the lambda of each `letrec` variable, the variables referenced
/// other than as the operator of a fitting call, and every free set.
struct Scan<'p> {
    program: &'p Program,
    fix_lambda: HashMap<VarId, LambdaId>,
    not_operator: HashSet<VarId>,
    free: HashMap<LambdaId, BTreeSet<VarId>>,
}

impl Scan<'_> {
    fn lambda(&mut self, l: &Lambda) {
        self.free.insert(l.id, l.free.iter().copied().collect());
        self.expr(&l.body);
    }

    fn fits(&self, id: LambdaId, argc: usize) -> bool {
        arity_fits(self.program.lambda_arity[id], argc)
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Const(_) | Expr::Void | Expr::Global(..) => {}
            Expr::Local(v) => {
                self.not_operator.insert(*v);
            }
            Expr::SetLocal(v, x) => {
                self.not_operator.insert(*v);
                self.expr(x);
            }
            Expr::SetGlobal(_, x) | Expr::Inlined(_, x) => self.expr(x),
            Expr::If(c, t, f) => {
                self.expr(c);
                self.expr(t);
                self.expr(f);
            }
            Expr::Lambda(l) => self.lambda(l),
            Expr::Call(f, args, _) => {
                let direct = matches!(&**f, Expr::Local(v)
                    if self.fix_lambda.get(v).is_some_and(|&id| self.fits(id, args.len())));
                if !direct {
                    self.expr(f);
                }
                args.iter().for_each(|a| self.expr(a));
            }
            Expr::Prim(_, args, _) | Expr::Seq(args) => args.iter().for_each(|a| self.expr(a)),
            Expr::Let(bindings, body) => {
                bindings.iter().for_each(|(_, x)| self.expr(x));
                self.expr(body);
            }
            Expr::Fix(bindings, body) => {
                for (v, l) in bindings {
                    self.fix_lambda.insert(*v, l.id);
                }
                bindings.iter().for_each(|(_, l)| self.lambda(l));
                self.expr(body);
            }
            Expr::CallDirect(..) | Expr::FreeRef(..) | Expr::Closure(_) | Expr::Closures(..) => {
                unreachable!("well_known runs before convert_closures")
            }
        }
    }
}
