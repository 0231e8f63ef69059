//! letrec-order: which reads of a `letrec*` variable may come before its
//! initialisation (an analysis `alpha_rename` runs on each `letrec*` group
//! whose inits are not all lambdas, and on internal definitions).
//!
//! In: the renamed inits of one group, in order, and its variables; each
//! read of variable `j` inside init `i <= j` (the only reads that can come
//! first: inits run in order, and init `j`'s value is assigned right after
//! it) wrapped by `alpha_rename` in `(%check-initialised x 'name)`.
//! Out: the same inits with the checks that cannot fail removed, and the
//! variables some remaining check reads (they start as the unassigned
//! marker; the others start as before, so a group without a possible early
//! read costs nothing).
//!
//! A read outside any lambda of init `i` runs while init `i` does: it keeps
//! its check. A read inside a lambda of init `i` runs only when that lambda
//! is called; before variable `j` is assigned, only inits `i..=j` run, so if
//! none of them calls a procedure (outside the bodies of the lambdas they
//! make: builtins never call Scheme code) the read comes after the
//! assignment and its check goes. That is the common case of internal
//! definitions: procedures and constants defined in any order.

use crate::ir::{walk_expr, Expr, Folder, Lambda, Prim, VarId, Visitor};
use closcrt::builtins::table::BuiltinId;
use std::collections::{HashMap, HashSet};

/// The builtin that checks a read (`%check-initialised`).
pub fn check_builtin() -> BuiltinId {
    BuiltinId::named("%check-initialised").expect("the letrec check is a builtin")
}

/// Drops the checks in `inits` (of the group binding `vars`) that cannot
/// fail (see the module doc); returns the variables still checked.
pub fn drop_safe_checks(inits: &mut [Expr], vars: &[VarId]) -> HashSet<VarId> {
    let index: HashMap<VarId, usize> = vars.iter().enumerate().map(|(j, &v)| (v, j)).collect();
    // calls_before[k]: how many of inits 0..k may call a procedure.
    let mut calls_before = Vec::with_capacity(inits.len() + 1);
    calls_before.push(0usize);
    for init in inits.iter() {
        let mut c = MayCall(false);
        c.visit_expr(init);
        calls_before.push(calls_before.last().unwrap() + c.0 as usize);
    }
    let mut dropper = Dropper {
        check: check_builtin(),
        index: &index,
        calls_before: &calls_before,
        init: 0,
        lambda_depth: 0,
        kept: HashSet::new(),
    };
    for (i, init) in inits.iter_mut().enumerate() {
        dropper.init = i;
        let e = std::mem::replace(init, Expr::Void);
        *init = dropper.fold_expr(e);
    }
    dropper.kept
}

/// Whether an expression may call a procedure while it is evaluated (not
/// counting the bodies of the lambdas it makes).
struct MayCall(bool);

impl Visitor for MayCall {
    fn visit_expr(&mut self, e: &Expr) {
        if self.0 {
            return;
        }
        match e {
            Expr::Call(..) | Expr::CallDirect(..) | Expr::Prim(Prim::Apply, ..) => self.0 = true,
            Expr::Lambda(_) => {}
            Expr::Fix(_, body) => self.visit_expr(body),
            _ => walk_expr(self, e),
        }
    }
}

struct Dropper<'a> {
    check: BuiltinId,
    index: &'a HashMap<VarId, usize>,
    calls_before: &'a [usize],
    /// The init being rewritten.
    init: usize,
    /// How many lambdas of that init the rewrite is inside.
    lambda_depth: usize,
    kept: HashSet<VarId>,
}

impl Folder for Dropper<'_> {
    fn fold_lambda(&mut self, mut l: Box<Lambda>) -> Expr {
        self.lambda_depth += 1;
        *l = self.fold_code(*l);
        self.lambda_depth -= 1;
        Expr::Lambda(l)
    }

    fn fold_fix(&mut self, bindings: Vec<(VarId, Lambda)>, body: Box<Expr>) -> Expr {
        self.lambda_depth += 1;
        let bindings = bindings
            .into_iter()
            .map(|(v, l)| (v, self.fold_code(l)))
            .collect();
        self.lambda_depth -= 1;
        Expr::Fix(bindings, self.fold_boxed(body))
    }

    fn fold_prim(&mut self, p: Prim, mut args: Vec<Expr>, span: crate::datum::Span) -> Expr {
        if p == Prim::Builtin(self.check) {
            if let Expr::Local(v) = args[0] {
                // Checks of other groups' variables are theirs to keep.
                if let Some(&j) = self.index.get(&v) {
                    let i = self.init;
                    let no_call = self.calls_before[j + 1] == self.calls_before[i];
                    if self.lambda_depth > 0 && no_call {
                        return Expr::Local(v);
                    }
                    self.kept.insert(v);
                }
            }
            return Expr::Prim(p, args, span);
        }
        args = args.into_iter().map(|a| self.fold_expr(a)).collect();
        Expr::Prim(p, args, span)
    }
}
