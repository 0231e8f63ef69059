//! propagate-constants: a variable bound by `let` to a constant and never
//! assigned is replaced by the constant wherever it is read.
//!
//! In: `ir` after `inline`. Out: the same language, in which such a
//! variable no longer appears: its binding is gone from its `Let` (a `Let`
//! left with no bindings is its body) and each read is a copy of the
//! constant. The constants are the values without identity a literal can
//! denote: booleans, numbers, characters, symbols, the empty list and the
//! unspecified value. Strings, pairs, vectors and bytevectors are left
//! bound: `eq?` tells two copies of one apart. (`eq?` on numbers is
//! unspecified in R7RS, so a number may be copied.)
//!
//! Such bindings come from internal definitions (`(define limit 100)`, a
//! `let` since `alpha_rename` splits `letrec*`), from `let`s in the source,
//! from the arguments of calls `inline` copied bodies into, and from named
//! `let`s' initial values. Why: a constant in place of a variable is known
//! to the passes and codegen after this one (a fixnum literal takes the
//! inline arithmetic's constant paths, `modulo` by a literal is a multiply,
//! `fixnum_facts` bounds it), and a closure no longer captures it: its
//! record shrinks and reads of it are no loads.
//!
//! Invariant: nothing is evaluated in a different order or a different
//! number of times: a constant's evaluation has no effect and cannot fail.

use crate::datum::DatumKind;
use crate::ir::{Expr, Folder, IdVec, Program, VarId, VarInfo};
use std::collections::HashMap;

pub fn propagate_constants(program: &mut Program) {
    let mut p = Propagator {
        vars: &program.vars,
        constants: HashMap::new(),
    };
    for e in &mut program.body {
        p.fold_in_place(e);
    }
}

struct Propagator<'p> {
    vars: &'p IdVec<VarId, VarInfo>,
    /// The variables replaced, and their constants.
    constants: HashMap<VarId, Expr>,
}

/// Whether `e` is a constant without identity (see the module doc).
fn copyable(e: &Expr) -> bool {
    match e {
        Expr::Void => true,
        Expr::Const(d) => match &d.kind {
            DatumKind::Bool(_)
            | DatumKind::Int(_)
            | DatumKind::Number(_)
            | DatumKind::Char(_)
            | DatumKind::Symbol(_) => true,
            DatumKind::List(items, None) => items.is_empty(),
            _ => false,
        },
        _ => false,
    }
}

impl Folder for Propagator<'_> {
    fn fold_let(&mut self, bindings: Vec<(VarId, Expr)>, body: Box<Expr>) -> Expr {
        let mut kept = Vec::with_capacity(bindings.len());
        for (v, init) in bindings {
            let init = self.fold_expr(init);
            if copyable(&init) && !self.vars[v].assigned {
                self.constants.insert(v, init);
            } else {
                kept.push((v, init));
            }
        }
        let body = self.fold_boxed(body);
        if kept.is_empty() {
            *body
        } else {
            Expr::Let(kept, body)
        }
    }

    fn fold_local(&mut self, v: VarId) -> Expr {
        match self.constants.get(&v) {
            Some(c) => c.clone(),
            None => Expr::Local(v),
        }
    }
}
