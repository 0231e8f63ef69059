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
//! (`Program::in_record`) keeps its record. A well-known lambda that keeps
//! its record needs no code pointer or arity in it (`Plan::without_code`).
//!
//! A `letrec` lambda's reference to its own variable (a loop that calls
//! itself, a procedure that returns itself) is not a free variable: it is
//! the closure the lambda runs in. With a record, the body reads it as its
//! closure argument (`Plan::self_vars`); without one, its calls to itself
//! pass what every call passes (the substitution already dropped it for
//! those). A named `let` loop with two other free variables had a record of
//! three slots, itself included; it has two.
//!
//! Well-known lambdas of one `letrec` that keep records share one
//! (`Plan::shared`): it holds the union of their free variables, and their
//! references to each other are references to it, so they need no slots.
//! Two mutually recursive loops over `limit` and `step` had two records of
//! three slots (each holding the other); they have one of two.

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
    /// Well-known lambdas that keep a record (two or more free variables):
    /// nothing reads its code pointer or arity, so it has neither.
    pub without_code: HashSet<LambdaId>,
    /// `letrec` lambdas with a record, and the variables whose value is
    /// that very record (their own, those of lambdas sharing it): read as
    /// the closure argument, they take no slot.
    pub self_vars: HashMap<LambdaId, Vec<VarId>>,
    /// Lambdas that share the record of another member of their `letrec`
    /// (its variable and lambda): they allocate none.
    pub shared: HashMap<LambdaId, (VarId, LambdaId)>,
}

pub fn plan(program: &Program) -> Plan {
    let scan = scan(program);
    let mut candidates: HashMap<VarId, LambdaId> = scan
        .fix_lambda
        .iter()
        .filter(|&(v, id)| {
            !program.vars[*v].assigned
                && scan.refs.get(v) == scan.operator_refs.get(v)
                && !scan.free[id].iter().any(|x| program.in_record.contains(x))
        })
        .map(|(&v, &id)| (v, id))
        .collect();
    let mut without_code = HashSet::new();
    loop {
        let free = substituted(&scan.free, &candidates);
        let too_many: Vec<VarId> = candidates
            .iter()
            .filter(|(_, id)| free[id].len() > 1)
            .map(|(&v, _)| v)
            .collect();
        if too_many.is_empty() {
            let recordless: HashMap<LambdaId, Option<VarId>> = candidates
                .values()
                .map(|id| (*id, free[id].iter().next().copied()))
                .collect();
            let mut free = free;
            let mut self_vars = scan
                .self_refs
                .iter()
                .filter(|(id, _)| !recordless.contains_key(id))
                .map(|(&id, &v)| (id, vec![v]))
                .collect();
            let shared = share_records(&scan.groups, &without_code, &mut free, &mut self_vars);
            let free = free
                .into_iter()
                .map(|(id, set)| (id, set.into_iter().collect()))
                .collect();
            return Plan {
                free,
                recordless,
                without_code,
                self_vars,
                shared,
            };
        }
        for v in too_many {
            without_code.extend(candidates.remove(&v));
        }
    }
}

/// The well-known lambdas of one `letrec` that keep records share one: it
/// holds the union of their free variables, without their own variables,
/// which all name that record (each member's `self_vars`). Every member's
/// free list becomes that union, so all read the same slots; the first
/// member allocates it, and the others are bound to it. Returns the members
/// that share another's record.
fn share_records(
    groups: &[Vec<(VarId, LambdaId)>],
    without_code: &HashSet<LambdaId>,
    free: &mut HashMap<LambdaId, BTreeSet<VarId>>,
    self_vars: &mut HashMap<LambdaId, Vec<VarId>>,
) -> HashMap<LambdaId, (VarId, LambdaId)> {
    let mut shared = HashMap::new();
    for group in groups {
        let members: Vec<(VarId, LambdaId)> = group
            .iter()
            .filter(|(_, id)| without_code.contains(id))
            .copied()
            .collect();
        let Some(&owner) = members.first().filter(|_| members.len() > 1) else {
            continue;
        };
        let vars: BTreeSet<VarId> = members.iter().map(|&(v, _)| v).collect();
        let union: BTreeSet<VarId> = members
            .iter()
            .flat_map(|(_, id)| free[id].iter().copied())
            .filter(|v| !vars.contains(v))
            .collect();
        if union.is_empty() {
            // Nothing to hold: the owner would have no record to allocate
            // for the others. Each keeps its own, as without sharing.
            continue;
        }
        for &(_, id) in &members {
            let set = free.get_mut(&id).expect("every lambda has a set");
            let reads = self_vars.entry(id).or_default();
            reads.extend(set.intersection(&vars).copied());
            reads.sort_unstable();
            reads.dedup();
            set.clone_from(&union);
            if id != owner.1 {
                shared.insert(id, owner);
            }
        }
    }
    shared
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

/// What one walk over the program finds.
#[derive(Default)]
struct Scan {
    /// The lambda of each `letrec` variable.
    fix_lambda: HashMap<VarId, LambdaId>,
    /// References to each variable, and those that are the operator of a
    /// call whose argument count fits the variable's `letrec` lambda.
    refs: HashMap<VarId, usize>,
    operator_refs: HashMap<VarId, usize>,
    /// Every lambda's free set, without a `letrec` lambda's own variable.
    free: HashMap<LambdaId, BTreeSet<VarId>>,
    /// The `letrec` lambdas that refer to their own (never assigned)
    /// variable. The reference is the closure they run in: with a record,
    /// their closure argument; without, their calls pass what their other
    /// calls pass.
    self_refs: HashMap<LambdaId, VarId>,
    /// Each `letrec`'s variables and lambdas.
    groups: Vec<Vec<(VarId, LambdaId)>>,
}

fn scan(program: &Program) -> Scan {
    let mut scan = Scan::default();
    let free_set = |l: &Lambda| l.free.iter().copied().collect::<BTreeSet<VarId>>();
    for form in &program.body {
        // `visit` meets a `letrec` before the calls in its scope.
        form.visit(&mut |e| match e {
            Expr::Local(v) => *scan.refs.entry(*v).or_default() += 1,
            Expr::Call(f, args, _) => {
                if let Expr::Local(v) = &**f {
                    let fits = scan
                        .fix_lambda
                        .get(v)
                        .is_some_and(|&id| arity_fits(program.lambda_arity[id], args.len()));
                    if fits {
                        *scan.operator_refs.entry(*v).or_default() += 1;
                    }
                }
            }
            Expr::Lambda(l) => {
                scan.free.insert(l.id, free_set(l));
            }
            Expr::Fix(bindings, _) => {
                scan.groups
                    .push(bindings.iter().map(|(v, l)| (*v, l.id)).collect());
                for (v, l) in bindings {
                    scan.fix_lambda.insert(*v, l.id);
                    let mut free = free_set(l);
                    if !program.vars[*v].assigned && free.remove(v) {
                        scan.self_refs.insert(l.id, *v);
                    }
                    scan.free.insert(l.id, free);
                }
            }
            _ => {}
        });
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::{plan, Plan};
    use crate::ir::{Expr, LambdaId, Program};
    use crate::pipeline::program_after;

    /// `text` after uncover-free, its plan, and the `letrec` lambdas of its
    /// own forms by variable name.
    fn planned(text: &str) -> (Program, Plan, Vec<(String, LambdaId)>) {
        let program = program_after(text, "uncover-free");
        let mut letrec = Vec::new();
        for form in &program.body[program.first_user_form..] {
            form.visit(&mut |e| {
                if let Expr::Fix(bindings, _) = e {
                    letrec.extend(
                        bindings
                            .iter()
                            .map(|(v, l)| (program.vars[*v].name.clone(), l.id)),
                    );
                }
            });
        }
        let plan = plan(&program);
        (program, plan, letrec)
    }

    fn lambda(letrec: &[(String, LambdaId)], name: &str) -> LambdaId {
        let found: Vec<LambdaId> = letrec
            .iter()
            .filter(|(n, _)| n == name)
            .map(|&(_, id)| id)
            .collect();
        assert_eq!(found.len(), 1, "one `letrec` lambda named `{name}`");
        found[0]
    }

    /// Well-known lambdas are those without a record or without code in it.
    fn well_known(plan: &Plan, id: LambdaId) -> bool {
        plan.recordless.contains_key(&id) || plan.without_code.contains(&id)
    }

    fn free_names(program: &Program, plan: &Plan, id: LambdaId) -> Vec<String> {
        plan.free[&id]
            .iter()
            .map(|v| program.vars[*v].name.clone())
            .collect()
    }

    #[test]
    fn a_lambda_only_called_is_well_known() {
        let (program, plan, letrec) = planned(
            "(define (count-to n) (let loop ((i 0)) (if (< i n) (loop (+ i 1)) i)))
             (display (count-to 5))
             (display (count-to 6))",
        );
        let id = lambda(&letrec, "loop");
        assert!(well_known(&plan, id));
        // One free variable (its own is not one): no record, `n` is passed
        // as its closure.
        let n = plan.recordless[&id].map(|v| program.vars[v].name.clone());
        assert_eq!(n.as_deref(), Some("n"));
        assert_eq!(free_names(&program, &plan, id), ["n"]);
    }

    #[test]
    fn no_free_variable_passes_false() {
        let (_, plan, letrec) = planned(
            "(define (to-ten) (let loop ((i 0)) (if (< i 10) (loop (+ i 1)) i)))
             (display (to-ten))
             (display (to-ten))",
        );
        assert_eq!(plan.recordless.get(&lambda(&letrec, "loop")), Some(&None));
    }

    #[test]
    fn two_free_variables_keep_a_record_without_code() {
        let (program, plan, letrec) = planned(
            "(define (step-to a b) (let loop ((i 0)) (if (< i a) (loop (+ i b)) i)))
             (display (step-to 5 1))
             (display (step-to 5 2))",
        );
        let id = lambda(&letrec, "loop");
        assert!(well_known(&plan, id));
        assert!(!plan.recordless.contains_key(&id));
        assert!(plan.without_code.contains(&id));
        assert_eq!(free_names(&program, &plan, id), ["a", "b"]);
    }

    #[test]
    fn a_lambda_passed_as_a_value_is_not_well_known() {
        let (_, plan, letrec) = planned(
            "(define (add-all n xs) (letrec ((add (lambda (x) (+ x n)))) (map add xs)))
             (display (add-all 1 (list 1 2)))
             (display (add-all 2 (list 1 2)))",
        );
        assert!(!well_known(&plan, lambda(&letrec, "add")));
    }

    #[test]
    fn a_call_whose_argument_count_does_not_fit_is_not_a_known_call() {
        let program = |call: &str| {
            format!(
                "(define (f n) (letrec ((g (lambda (x) (+ x n)))) (if (= n 0) {call} (g n))))
                 (display (f 1))
                 (display (f 2))"
            )
        };
        let (_, plan, letrec) = planned(&program("(g 1)"));
        assert!(well_known(&plan, lambda(&letrec, "g")));
        let (_, plan, letrec) = planned(&program("(g 1 2)"));
        assert!(!well_known(&plan, lambda(&letrec, "g")));
    }

    #[test]
    fn an_assigned_lambda_is_not_well_known() {
        let (_, plan, letrec) = planned(
            "(define (f n)
               (letrec ((g (lambda (x) (+ x n))))
                 (if (= n 0) (set! g (lambda (x) x)))
                 (g n)))
             (display (f 1))
             (display (f 2))",
        );
        assert!(!well_known(&plan, lambda(&letrec, "g")));
    }
}
