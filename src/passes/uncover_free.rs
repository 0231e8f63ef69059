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

use crate::ir::{fold_variant, Expr, Folder, Lambda, Program, VarId};
use std::collections::{BTreeSet, HashSet};

pub fn uncover_free(program: &mut Program) {
    let mut cx = Uncover::default();
    for e in &mut program.body {
        cx.fold_in_place(e);
    }
}

/// What the code body being walked references and binds. Variables are
/// unique (alpha-renamed), so a lambda's free variables are those its body
/// references, nested lambdas' free variables included, minus those it binds.
#[derive(Default)]
struct Uncover {
    referenced: BTreeSet<VarId>,
    bound: HashSet<VarId>,
}

impl Folder for Uncover {
    fn fold_expr(&mut self, e: Expr) -> Expr {
        match &e {
            Expr::Let(bindings, _) => self.bound.extend(bindings.iter().map(|(v, _)| *v)),
            Expr::Fix(bindings, _) => self.bound.extend(bindings.iter().map(|(v, _)| *v)),
            _ => {}
        }
        fold_variant(self, e)
    }

    fn fold_code(&mut self, mut l: Lambda) -> Lambda {
        let outer = std::mem::take(self);
        self.bound.extend(l.params.iter().chain(l.rest.iter()));
        self.fold_in_place(&mut l.body);
        let inner = std::mem::replace(self, outer);
        let free: Vec<VarId> = inner
            .referenced
            .into_iter()
            .filter(|v| !inner.bound.contains(v))
            .collect();
        self.referenced.extend(&free);
        l.free = free;
        l
    }

    fn fold_local(&mut self, v: VarId) -> Expr {
        self.referenced.insert(v);
        Expr::Local(v)
    }

    fn fold_set_local(&mut self, v: VarId, x: Box<Expr>) -> Expr {
        self.referenced.insert(v);
        Expr::SetLocal(v, self.fold_boxed(x))
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Expr, Program, VarId};
    use crate::pipeline::program_after;

    /// Each lambda of `text`'s own forms after uncover-free: its first
    /// parameter's name, its free variables by name in slot order, and as ids.
    fn free_sets(text: &str) -> Vec<(String, Vec<String>, Vec<VarId>)> {
        let program = program_after(text, "uncover-free");
        let name = |p: &Program, v: &VarId| p.vars[*v].name.clone();
        let mut out = Vec::new();
        for form in &program.body[program.first_user_form..] {
            form.visit(&mut |e| {
                let lambdas: Vec<&crate::ir::Lambda> = match e {
                    Expr::Lambda(l) => vec![l],
                    Expr::Fix(bindings, _) => bindings.iter().map(|(_, l)| l).collect(),
                    _ => Vec::new(),
                };
                for l in lambdas {
                    let first = l
                        .params
                        .first()
                        .map_or_else(String::new, |v| name(&program, v));
                    let free = l.free.iter().map(|v| name(&program, v)).collect();
                    out.push((first, free, l.free.clone()));
                }
            });
        }
        out
    }

    fn free_of(sets: &[(String, Vec<String>, Vec<VarId>)], first_param: &str) -> Vec<String> {
        let found: Vec<_> = sets.iter().filter(|(p, ..)| p == first_param).collect();
        assert_eq!(
            found.len(),
            1,
            "one lambda whose first parameter is `{first_param}`"
        );
        found[0].1.clone()
    }

    #[test]
    fn bound_and_global_variables_are_not_free() {
        let sets = free_sets(
            "(define z 10)
             (define (make-adder x) (lambda (y) (let ((w 1)) (+ x y z w))))
             (display ((make-adder 1) 2))
             (display ((make-adder 3) 4))",
        );
        // `y` is its parameter, `w` bound inside it, `z` global.
        assert_eq!(free_of(&sets, "y"), ["x"]);
        assert_eq!(free_of(&sets, "x"), Vec::<String>::new());
    }

    #[test]
    fn nested_lambdas_pass_free_variables_outward() {
        let sets = free_sets(
            "(define (curry3 a) (lambda (b) (lambda (c) (list c a b))))
             (display (((curry3 1) 2) 3))
             (display (((curry3 4) 5) 6))",
        );
        // The middle lambda holds `a` for the innermost one.
        assert_eq!(free_of(&sets, "b"), ["a"]);
        // Sorted by variable (binding order), not by order of reference.
        assert_eq!(free_of(&sets, "c"), ["a", "b"]);
        for (_, _, ids) in &sets {
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted: {ids:?}");
        }
    }

    #[test]
    fn a_letrec_lambda_has_its_own_variable_free() {
        let sets = free_sets(
            "(define (count-to n) (let loop ((i 0)) (if (< i n) (loop (+ i 1)) i)))
             (display (count-to 5))
             (display (count-to 6))",
        );
        // `well_known` later reads the reference to `loop` as the closure.
        assert_eq!(free_of(&sets, "i"), ["n", "loop"]);
    }
}
