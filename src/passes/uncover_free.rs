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
