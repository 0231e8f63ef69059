//! uncover-free: annotate every lambda with its free variables.
//!
//! In: `ir` after assignment conversion. Out: the same tree with
//! `Lambda::free` set to the local variables the lambda's body (including nested
//! lambdas) references but does not bind, sorted by `VarId`. That order is the
//! slot order of the closure record. Globals are never free: compiled code reads
//! them from the global table.
//!
//! Example: in `(lambda (x) (lambda (y) (+ x y z)))` with `z` global, the inner
//! lambda gets `(free x)` and the outer none.

use crate::ir::{Expr, Lambda, Program, VarId};
use std::collections::BTreeSet;

pub fn uncover_free(program: &mut Program) {
    for e in &mut program.body {
        free_in(e);
    }
}

fn free_in_lambda(l: &mut Lambda) -> BTreeSet<VarId> {
    let mut free = free_in(&mut l.body);
    for p in l.params.iter().chain(l.rest.iter()) {
        free.remove(p);
    }
    l.free = free.iter().copied().collect();
    free
}

/// Free variables of `e`; annotates the lambdas inside it on the way.
fn free_in(e: &mut Expr) -> BTreeSet<VarId> {
    let mut out = BTreeSet::new();
    match e {
        Expr::Const(_) | Expr::Void | Expr::Global(..) => {}
        Expr::Local(v) => {
            out.insert(*v);
        }
        Expr::SetLocal(v, value) => {
            out = free_in(value);
            out.insert(*v);
        }
        Expr::SetGlobal(_, value) | Expr::Inlined(_, value) => out = free_in(value),
        Expr::If(c, t, f) => {
            out = free_in(c);
            out.extend(free_in(t));
            out.extend(free_in(f));
        }
        Expr::Lambda(l) => out = free_in_lambda(l),
        Expr::Call(f, args, _) => {
            out = free_in(f);
            args.iter_mut().for_each(|a| out.extend(free_in(a)));
        }
        Expr::Prim(_, args, _) | Expr::Seq(args) => {
            args.iter_mut().for_each(|a| out.extend(free_in(a)))
        }
        Expr::Let(bindings, body) => {
            out = free_in(body);
            for (v, _) in bindings.iter() {
                out.remove(v);
            }
            bindings
                .iter_mut()
                .for_each(|(_, init)| out.extend(free_in(init)));
        }
        Expr::Fix(bindings, body) => {
            out = free_in(body);
            bindings
                .iter_mut()
                .for_each(|(_, l)| out.extend(free_in_lambda(l)));
            for (v, _) in bindings.iter() {
                out.remove(v);
            }
        }
        Expr::CallDirect(..) | Expr::FreeRef(..) | Expr::Closure(_) | Expr::Closures(..) => {
            unreachable!("uncover_free runs before convert_closures")
        }
    }
    out
}
