//! Fixnum facts: variables codegen knows hold fixnums, with a lower bound,
//! so that inline arithmetic on them needs no tag check and, where the bound
//! allows, no overflow check.
//!
//! In: the lifted program, and the expressions codegen meets while compiling
//! a lambda. Out: which lambdas get a fixnum-specialized copy of their body,
//! on which parameters (`plan`), and, while a body is compiled, `Facts`: for
//! each known variable the least value it can hold.
//!
//! Facts start at a specialized copy's entry, which has checked that its
//! parameters are fixnums (any other argument runs the general copy of the
//! body, compiled as before). They grow along the code:
//! - a branch on `(< x 2)` and the like raises `x`'s bound in the arm where
//!   the comparison says `x` is at least a literal;
//! - `(let ((m (- x 1))) ...)` makes `m` a fixnum when `x`'s bound rules out
//!   overflow, with the bound lowered by 1;
//! - `(vector-length v)` is a fixnum of at least 0 (or the call raises).
//!
//! In fib, the inlined copy of the callee then has neither tag nor overflow
//! checks on `n` and `n - 1`.
//!
//! An analysis, not a rewrite: it lives among the passes because
//! `closc explain` reports the plan that codegen follows.
//!
//! Invariant: a fact holds on every path to the code compiled under it. Facts
//! are only given to variables never assigned with `set!` (`SetLocal`), and
//! the facts of an `if` arm are dropped when the arm ends.

use super::flonum_hints::may_be_flonum;
use crate::ir::{Expr, Lambda, LambdaId, Prim, Program, VarId};
use closcrt::builtins::table::{Inline, NumCompare};
use closcrt::memory::value::{FIXNUM_MAX, FIXNUM_MIN};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Bodies bigger than this (in expression nodes) are not copied: the copy's
/// cost in compile time grows with its size, its gain does not.
const MAX_VERSIONED_NODES: usize = 160;

/// The copies add at most this many nodes to a program, so that they cost a
/// large program little compile time (without the limit, 20% more for the
/// 10,000-line `bench/gen-large.py` program, whose 2,500 loops qualify).
const MAX_COPIED_NODES: usize = 3000;

/// Known-fixnum variables of the code being compiled, each with the least
/// value it can hold.
#[derive(Clone, Default)]
pub struct Facts {
    bounds: HashMap<VarId, i64>,
    /// Variables assigned somewhere in the function, which are never given a
    /// fact; `None` (the default, for helpers): no variable is given one.
    assigned: Option<Rc<HashSet<VarId>>>,
}

impl Facts {
    /// No facts, for a function whose assigned variables are `assigned`.
    pub fn new(assigned: HashSet<VarId>) -> Facts {
        Facts {
            bounds: HashMap::new(),
            assigned: Some(Rc::new(assigned)),
        }
    }

    /// Forgets every fact (for the general copy of a specialized body).
    pub fn clear(&mut self) {
        self.bounds.clear();
    }

    /// `var` holds a fixnum of at least `bound` from here on.
    pub fn add(&mut self, var: VarId, bound: i64) {
        if self.never_assigned(var) {
            let b = self.bounds.entry(var).or_insert(FIXNUM_MIN);
            *b = (*b).max(bound);
        }
    }

    /// Whether `var` is never assigned in the function (false in helpers,
    /// whose variables are not tracked): its value is the one it was bound to.
    pub fn never_assigned(&self, var: VarId) -> bool {
        self.assigned.as_ref().is_some_and(|a| !a.contains(&var))
    }

    /// The least value `e` can have, if it is known to be a fixnum.
    pub fn lower_bound(&self, e: &Expr) -> Option<i64> {
        match e {
            Expr::Local(var) => self.bounds.get(var).copied(),
            // A length: a fixnum, or the call raises and nothing follows.
            Expr::Prim(Prim::Builtin(b), args, _)
                if args.len() == 1 && b.builtin().props.inline == Some(Inline::VectorLength) =>
            {
                Some(0)
            }
            Expr::Prim(Prim::Builtin(op), args, _) => {
                self.divide_bound(op.builtin().props.inline, args)
            }
            _ => literal(e),
        }
    }

    /// The least value of `(modulo x c)` or `(remainder x c)` for a known
    /// fixnum `x` and a literal `c` other than 0 and -1: codegen compiles
    /// those without a slow path, so the result is a fixnum of `|c| - 1` at
    /// most in magnitude (`modulo` takes `c`'s sign).
    fn divide_bound(&self, op: Option<Inline>, args: &[Expr]) -> Option<i64> {
        let [x, c] = args else {
            return None;
        };
        let c = literal(c).filter(|&c| c != 0 && c != -1)?;
        self.lower_bound(x)?;
        match op {
            Some(Inline::Modulo | Inline::FloorRemainder) if c > 0 => Some(0),
            Some(Inline::Modulo | Inline::FloorRemainder) => Some(c + 1),
            Some(Inline::Remainder | Inline::TruncateRemainder) => {
                Some(1 - c.unsigned_abs() as i64)
            }
            _ => None,
        }
    }

    /// Whether `e` is known to be a fixnum.
    pub fn is_fixnum(&self, e: &Expr) -> bool {
        self.lower_bound(e).is_some()
    }

    /// The bound of a value `init` computes, when it is surely a fixnum: a
    /// known variable or literal, or one minus a positive literal where the
    /// bound rules out overflow (so codegen emits no overflow check either).
    pub fn bound_of(&self, init: &Expr) -> Option<i64> {
        if let Some(b) = self.lower_bound(init) {
            return Some(b);
        }
        let Expr::Prim(Prim::Builtin(op), args, _) = init else {
            return None;
        };
        let (x, k) = match (op.builtin().props.inline, &args[..]) {
            (Some(Inline::Sub), [x, k]) => (x, literal(k)?),
            (Some(Inline::Add), [x, k]) if literal(k).is_some() => (x, -literal(k)?),
            (Some(Inline::Add), [k, x]) if literal(k).is_some() => (x, -literal(k)?),
            _ => return None,
        };
        if !matches!(x, Expr::Local(_)) {
            return None;
        }
        self.difference_bound(x, k)
    }

    /// The bound of `x - k`, for a positive `k`, when `x` is a known fixnum
    /// whose bound rules out overflow (the difference is then a fixnum, and
    /// codegen needs no overflow check for it).
    pub fn difference_bound(&self, x: &Expr, k: i64) -> Option<i64> {
        if k <= 0 {
            return None;
        }
        let lb = self.lower_bound(x)?;
        lb.checked_sub(k).filter(|&b| b >= FIXNUM_MIN)
    }

    /// The facts that hold where `test` is true and where it is false, as
    /// (variable, bound) pairs to add: `(< x c)` false means `x >= c`, and so on.
    pub fn after_test(&self, test: &Expr) -> [Vec<(VarId, i64)>; 2] {
        if let Expr::Inlined(_, test) = test {
            return self.after_test(test);
        }
        let Expr::Prim(Prim::Builtin(op), args, _) = test else {
            return Default::default();
        };
        let cmp = match (op.builtin().props.inline, &args[..]) {
            (Some(Inline::Not), [inner]) => {
                let [t, f] = self.after_test(inner);
                return [f, t];
            }
            (Some(Inline::NumCompare(cmp)), [_, _]) => cmp,
            _ => return Default::default(),
        };
        let [a, b] = &args[..] else {
            return Default::default();
        };
        // As `(op x c)`, with `x` a known variable and `c` a literal.
        let (cmp, x, c) = match (a, literal(b), literal(a)) {
            (Expr::Local(x), Some(c), _) => (cmp, *x, c),
            (_, _, Some(c)) => match b {
                Expr::Local(x) => (flipped(cmp), *x, c),
                _ => return Default::default(),
            },
            _ => return Default::default(),
        };
        if !self.bounds.contains_key(&x) {
            return Default::default();
        }
        let at_least = |n: Option<i64>| n.map(|n| vec![(x, n)]).unwrap_or_default();
        match cmp {
            NumCompare::Lt => [vec![], at_least(Some(c))],
            NumCompare::Le => [vec![], at_least(c.checked_add(1))],
            NumCompare::Gt => [at_least(c.checked_add(1)), vec![]],
            NumCompare::Ge | NumCompare::Eq => [at_least(Some(c)), vec![]],
        }
    }
}

/// `(op c x)` as `(op' x c)`.
fn flipped(cmp: NumCompare) -> NumCompare {
    match cmp {
        NumCompare::Lt => NumCompare::Gt,
        NumCompare::Le => NumCompare::Ge,
        NumCompare::Gt => NumCompare::Lt,
        NumCompare::Ge => NumCompare::Le,
        NumCompare::Eq => NumCompare::Eq,
    }
}

/// The value of a fixnum literal.
fn literal(e: &Expr) -> Option<i64> {
    e.int_literal()
        .filter(|n| (FIXNUM_MIN..=FIXNUM_MAX).contains(n))
}

/// The variables assigned (`SetLocal`) anywhere in `body`.
pub fn assigned_vars(body: &Expr) -> HashSet<VarId> {
    let mut out = HashSet::new();
    body.visit(&mut |e| {
        if let Expr::SetLocal(var, _) = e {
            out.insert(*var);
        }
    });
    out
}

/// Which procedures get a fixnum-specialized copy of their body, and on
/// which variables, by lambda id: parameters (in `params` order) and the
/// closure variable of a record-less lambda (`Lambda::closure_var`, passed as
/// its closure argument: a named `let` reading one variable of its
/// procedure, like the `n` of `(let loop ((i 0)) (if (< i n) ...))`), first.
///
/// A candidate calls itself (a loop or a recursion, where the checks repeat),
/// has a body of at most `MAX_VERSIONED_NODES` nodes, and at least two inline
/// arithmetic operations or comparisons whose operands are all literals or
/// such variables never assigned and not possibly flonums (`flonum_hints`):
/// one check at entry replaces theirs. It is specialized on the variables
/// those operations use. Candidates are taken by such operations per body node,
/// best first, while their bodies fit in `MAX_COPIED_NODES`.
pub fn plan(program: &Program) -> HashMap<LambdaId, Vec<VarId>> {
    let mut candidates: Vec<(LambdaId, Vec<VarId>, usize, usize)> = program
        .functions
        .iter()
        .filter_map(|f| {
            let (params, uses, nodes) = candidate(program, f)?;
            Some((f.id, params, uses, nodes))
        })
        .collect();
    // Best density first: uses_a / nodes_a > uses_b / nodes_b.
    candidates
        .sort_by(|(ia, _, ua, na), (ib, _, ub, nb)| (ub * na).cmp(&(ua * nb)).then(ia.cmp(ib)));
    let mut copied = 0;
    let mut out = HashMap::new();
    for (id, params, _, nodes) in candidates {
        if copied + nodes <= MAX_COPIED_NODES {
            copied += nodes;
            out.insert(id, params);
        }
    }
    out
}

/// `f`'s variables to specialize on, their number of uses and `f`'s body
/// size, if `f` is a candidate (see `plan`).
fn candidate(program: &Program, f: &Lambda) -> Option<(Vec<VarId>, usize, usize)> {
    let nodes = f.body.node_count();
    if f.rest.is_some() || nodes > MAX_VERSIONED_NODES {
        return None;
    }
    let mut calls_itself = false;
    f.body.visit(&mut |e| {
        if let Expr::CallDirect(id, ..) = e {
            calls_itself |= *id == f.id;
        }
    });
    if !calls_itself {
        return None;
    }
    // The variables that may be specialized on, by their place among the
    // function's arguments: the closure variable first, then the parameters.
    let assigned = assigned_vars(&f.body);
    let argument_position = |var: &VarId| {
        if f.closure_var == Some(*var) {
            Some(0)
        } else {
            f.params.iter().position(|p| p == var).map(|i| i + 1)
        }
    };
    let eligible = |var: &VarId| {
        argument_position(var).is_some()
            && !assigned.contains(var)
            && !may_be_flonum(program, &Expr::Local(*var))
    };
    // An operation saves its check only when every operand is known: one
    // unknown operand costs the same one test as two.
    let mut saved = 0;
    let mut chosen: Vec<VarId> = Vec::new();
    f.body.visit(&mut |e| {
        let Expr::Prim(Prim::Builtin(op), args, _) = e else {
            return;
        };
        let arithmetic = matches!(
            op.builtin().props.inline,
            Some(Inline::Add | Inline::Sub | Inline::Mul | Inline::NumCompare(_))
        );
        let known = |a: &Expr| match a {
            Expr::Local(var) => eligible(var),
            _ => literal(a).is_some(),
        };
        if !arithmetic || !args.iter().all(known) || args.iter().all(|a| literal(a).is_some()) {
            return;
        }
        saved += 1;
        for a in args {
            if let Expr::Local(var) = a {
                if !chosen.contains(var) {
                    chosen.push(*var);
                }
            }
        }
    });
    chosen.sort_by_key(argument_position);
    (saved >= 2).then_some((chosen, saved, nodes))
}

#[cfg(test)]
mod tests {
    //! Each test compiles a small program through the front end and checks
    //! the plan or the facts on the expressions codegen would meet.

    use super::*;

    /// `src` through the whole front end (what codegen is given).
    fn lifted(src: &str) -> Program {
        crate::pipeline::program_after(src, "flonum-hints")
    }

    /// The program's own procedure named `name`.
    fn function<'p>(p: &'p Program, name: &str) -> &'p Lambda {
        p.functions
            .iter()
            .rev()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no procedure {name}"))
    }

    /// The first expression of `body` (outermost first) that `pred` accepts.
    fn find(body: &Expr, pred: impl Fn(&Expr) -> bool) -> Expr {
        let mut found = None;
        body.visit(&mut |e| {
            if found.is_none() && pred(e) {
                found = Some(e.clone());
            }
        });
        found.expect("the expression is in the body")
    }

    /// The test of the first `if` in `body`.
    fn first_test(body: &Expr) -> Expr {
        match find(body, |e| matches!(e, Expr::If(..))) {
            Expr::If(test, ..) => *test,
            _ => unreachable!(),
        }
    }

    /// The first call of builtin `name` in `body`.
    fn builtin_call(body: &Expr, name: &str) -> Expr {
        find(
            body,
            |e| matches!(e, Expr::Prim(Prim::Builtin(op), ..) if op.builtin().name == name),
        )
    }

    /// The facts at the entry of `f`'s copy specialized on `params`.
    fn at_fixnum_entry(f: &Lambda, params: &[usize]) -> Facts {
        let mut facts = Facts::new(assigned_vars(&f.body));
        for &i in params {
            facts.add(f.params[i], FIXNUM_MIN);
        }
        facts
    }

    const COUNT_DOWN: &str = "
        (define (count-down n acc)
          (if (< n 1) acc (count-down (- n 1) (+ acc 2))))
        (display (count-down 10 0))";

    #[test]
    fn a_counting_loop_gets_a_copy_on_its_arithmetic_parameters() {
        let p = lifted(COUNT_DOWN);
        let f = function(&p, "count-down");
        assert_eq!(plan(&p).get(&f.id), Some(&f.params));
    }

    #[test]
    fn a_loop_reading_one_variable_of_its_procedure_is_specialized_on_it() {
        let p = lifted(
            "(define (count-to n)
               (let loop ((i 0) (acc 0))
                 (if (= i n) acc (loop (+ i 1) (- acc i)))))
             (display (count-to 10))",
        );
        let f = function(&p, "loop");
        let n = f.closure_var.expect("a record-less loop over n");
        let mut expected = vec![n];
        expected.extend(&f.params);
        assert_eq!(plan(&p).get(&f.id), Some(&expected));
    }

    #[test]
    fn modulo_and_remainder_of_a_known_fixnum_by_a_literal_are_fixnums() {
        let p = lifted(
            "(define (f n) (list (modulo n 3) (modulo n -3) (remainder n 3) (modulo n 0) (quotient n 3)))
             (display (f 7))",
        );
        let f = function(&p, "f");
        let n = f.params[0];
        let calls: Vec<Expr> = {
            let mut out = Vec::new();
            f.body.visit(&mut |e| {
                if let Expr::Prim(Prim::Builtin(op), args, _) = e {
                    if matches!(args.first(), Some(Expr::Local(v)) if *v == n) {
                        out.push(e.clone());
                    }
                    let _ = op;
                }
            });
            out
        };
        let mut facts = Facts::new(assigned_vars(&f.body));
        let bounds = |facts: &Facts| {
            calls
                .iter()
                .map(|e| facts.lower_bound(e))
                .collect::<Vec<_>>()
        };
        assert_eq!(bounds(&facts), vec![None; 5], "n is not known yet");
        facts.add(n, FIXNUM_MIN);
        assert_eq!(
            bounds(&facts),
            vec![Some(0), Some(-2), Some(-2), None, None]
        );
    }

    #[test]
    fn no_copy_for_an_assigned_parameter_or_a_body_that_never_calls_itself() {
        let p = lifted(
            "(define (g x) (set! x (car x)) (if (< x 0) x (g (- x 1))))
             (define (h a b) (+ (* a b) (- a 1)))
             (display (g (list 5)))
             (display (h 1 2))",
        );
        let plan = plan(&p);
        assert!(!plan.contains_key(&function(&p, "g").id));
        assert!(!plan.contains_key(&function(&p, "h").id));
    }

    #[test]
    fn a_variable_bound_to_a_literal_is_a_fixnum_bounded_by_it() {
        // Taken before `propagate_constants`, which replaces `i` by 7.
        let p = crate::pipeline::program_after("(display (let ((i 7)) (+ i i)))", "inline");
        let form = &p.body[p.first_user_form..];
        let form = form.iter().find(|e| e.node_count() > 1).expect("a form");
        let Expr::Let(bindings, _) = find(form, |e| matches!(e, Expr::Let(..))) else {
            unreachable!()
        };
        let (i, init) = &bindings[0];
        let mut facts = Facts::new(assigned_vars(form));
        assert_eq!(facts.bound_of(init), Some(7));
        facts.add(*i, 7);
        assert_eq!(facts.lower_bound(&Expr::Local(*i)), Some(7));
    }

    #[test]
    fn an_assigned_variable_or_an_unknown_value_gets_no_fact() {
        let p = lifted(
            "(define (g x) (set! x (car x)) (if (< x 0) x (g (- x 1))))
             (display (g (list 5)))",
        );
        let g = function(&p, "g");
        let x = g.params[0];
        let mut facts = Facts::new(assigned_vars(&g.body));
        facts.add(x, 0);
        assert!(!facts.is_fixnum(&Expr::Local(x)));
        // `(car x)`: whatever the pair holds.
        assert_eq!(facts.bound_of(&builtin_call(&g.body, "car")), None);
        // Helpers' facts (the default) never know anything.
        let mut none = Facts::default();
        none.add(x, 0);
        assert!(!none.is_fixnum(&Expr::Local(x)));
    }

    #[test]
    fn a_vector_length_is_a_fixnum_of_at_least_zero() {
        let p = lifted(
            "(define (last v) (let ((n (vector-length v))) (- n 1)))
             (display (last (vector 1 2)))",
        );
        let f = function(&p, "last");
        let facts = Facts::new(assigned_vars(&f.body));
        let length = builtin_call(&f.body, "vector-length");
        assert_eq!(facts.lower_bound(&length), Some(0));
        assert_eq!(facts.bound_of(&length), Some(0));
        // Another builtin of one argument says nothing.
        let q = lifted("(define (h l) (length l)) (display (h (list 1)))");
        let h = function(&q, "h");
        assert_eq!(facts.lower_bound(&builtin_call(&h.body, "length")), None);
    }

    #[test]
    fn a_failed_comparison_with_a_literal_bounds_a_known_variable() {
        let p = lifted(COUNT_DOWN);
        let f = function(&p, "count-down");
        let n = f.params[0];
        let test = first_test(&f.body);
        // `(< n 1)`: nothing where it holds, `n >= 1` where it fails.
        assert_eq!(
            at_fixnum_entry(f, &[0, 1]).after_test(&test),
            [vec![], vec![(n, 1)]]
        );
        // Only a variable already known to be a fixnum gets a bound.
        assert_eq!(at_fixnum_entry(f, &[1]).after_test(&test), [vec![], vec![]]);
    }

    #[test]
    fn a_comparison_with_the_literal_first_or_under_not_bounds_the_same() {
        let p = lifted(
            "(define (a n) (if (> 1 n) 0 (a (- n 1))))
             (define (b n) (if (not (< n 1)) (b (- n 1)) 0))
             (display (+ (a 5) (b 5)))",
        );
        for (name, expected) in [("a", [false, true]), ("b", [true, false])] {
            let f = function(&p, name);
            let n = f.params[0];
            let [then_facts, else_facts] =
                at_fixnum_entry(f, &[0]).after_test(&first_test(&f.body));
            let bounded = |facts: &Vec<(VarId, i64)>| facts == &vec![(n, 1)];
            assert_eq!(
                [bounded(&then_facts), bounded(&else_facts)],
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn subtracting_a_literal_from_a_bounded_fixnum_stays_a_fixnum() {
        let p = lifted(COUNT_DOWN);
        let f = function(&p, "count-down");
        let n = f.params[0];
        let minus = builtin_call(&f.body, "-");
        let plus = builtin_call(&f.body, "+");
        let mut facts = at_fixnum_entry(f, &[0, 1]);
        // At the entry `n` may be the least fixnum: `n - 1` may overflow.
        assert_eq!(facts.bound_of(&minus), None);
        // In the arm where `(< n 1)` failed, `n >= 1`, so `n - 1 >= 0`.
        facts.add(n, 1);
        assert_eq!(facts.bound_of(&minus), Some(0));
        // Adding a positive literal may overflow: no fact for `(+ acc 2)`.
        assert_eq!(facts.bound_of(&plus), None);
        // Unknown `n`: no fact either.
        let unknown = Facts::new(assigned_vars(&f.body));
        assert_eq!(unknown.bound_of(&minus), None);
    }

    #[test]
    fn adding_a_negative_literal_is_subtracting() {
        let p = lifted(
            "(define (down n) (if (< n 1) 0 (down (+ n -2))))
             (display (down 9))",
        );
        let f = function(&p, "down");
        let mut facts = at_fixnum_entry(f, &[0]);
        facts.add(f.params[0], 5);
        assert_eq!(facts.bound_of(&builtin_call(&f.body, "+")), Some(3));
    }
}
