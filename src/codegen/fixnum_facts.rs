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
//!   overflow, with the bound lowered by 1.
//!
//! In fib, the inlined copy of the callee then has neither tag nor overflow
//! checks on `n` and `n - 1`.
//!
//! Invariant: a fact holds on every path to the code compiled under it. Facts
//! are only given to variables never assigned with `set!` (`SetLocal`), and
//! the facts of an `if` arm are dropped when the arm ends.

use crate::datum::DatumKind;
use crate::ir::{Expr, Lambda, Prim, Program, VarId};
use closcrt::builtins::table::BUILTINS;
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
pub(super) struct Facts {
    bounds: HashMap<VarId, i64>,
    /// Variables assigned somewhere in the function, which are never given a
    /// fact; `None` (the default, for helpers): no variable is given one.
    assigned: Option<Rc<HashSet<VarId>>>,
}

impl Facts {
    /// No facts, for a function whose assigned variables are `assigned`.
    pub(super) fn new(assigned: HashSet<VarId>) -> Facts {
        Facts {
            bounds: HashMap::new(),
            assigned: Some(Rc::new(assigned)),
        }
    }

    /// Forgets every fact (for the general copy of a specialized body).
    pub(super) fn clear(&mut self) {
        self.bounds.clear();
    }

    /// `var` holds a fixnum of at least `bound` from here on.
    pub(super) fn add(&mut self, var: VarId, bound: i64) {
        if self.assigned.as_ref().is_some_and(|a| !a.contains(&var)) {
            let b = self.bounds.entry(var).or_insert(FIXNUM_MIN);
            *b = (*b).max(bound);
        }
    }

    /// The least value `e` can have, if it is known to be a fixnum.
    pub(super) fn lower_bound(&self, e: &Expr) -> Option<i64> {
        match e {
            Expr::Local(var) => self.bounds.get(var).copied(),
            _ => literal(e),
        }
    }

    /// Whether `e` is known to be a fixnum.
    pub(super) fn is_fixnum(&self, e: &Expr) -> bool {
        self.lower_bound(e).is_some()
    }

    /// The bound of a value `init` computes, when it is surely a fixnum: a
    /// known variable or literal, or one minus a positive literal where the
    /// bound rules out overflow (so codegen emits no overflow check either).
    pub(super) fn bound_of(&self, init: &Expr) -> Option<i64> {
        if let Some(b) = self.lower_bound(init) {
            return Some(b);
        }
        let Expr::Prim(Prim::Builtin(op), args, _) = init else {
            return None;
        };
        let (x, k) = match (BUILTINS[*op].name, &args[..]) {
            ("-", [x, k]) => (x, literal(k)?),
            ("+", [x, k]) if literal(k).is_some() => (x, -literal(k)?),
            ("+", [k, x]) if literal(k).is_some() => (x, -literal(k)?),
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
    pub(super) fn difference_bound(&self, x: &Expr, k: i64) -> Option<i64> {
        if k <= 0 {
            return None;
        }
        let lb = self.lower_bound(x)?;
        lb.checked_sub(k).filter(|&b| b >= FIXNUM_MIN)
    }

    /// The facts that hold where `test` is true and where it is false, as
    /// (variable, bound) pairs to add: `(< x c)` false means `x >= c`, and so on.
    pub(super) fn after_test(&self, test: &Expr) -> [Vec<(VarId, i64)>; 2] {
        if let Expr::Inlined(_, test) = test {
            return self.after_test(test);
        }
        let Expr::Prim(Prim::Builtin(op), args, _) = test else {
            return Default::default();
        };
        let name = BUILTINS[*op].name;
        if let ("not", [inner]) = (name, &args[..]) {
            let [t, f] = self.after_test(inner);
            return [f, t];
        }
        let [a, b] = &args[..] else {
            return Default::default();
        };
        // As `(op x c)`, with `x` a known variable and `c` a literal.
        let (name, x, c) = match (a, literal(b), literal(a)) {
            (Expr::Local(x), Some(c), _) => (name, *x, c),
            (_, _, Some(c)) => match (b, flipped(name)) {
                (Expr::Local(x), Some(flipped)) => (flipped, *x, c),
                _ => return Default::default(),
            },
            _ => return Default::default(),
        };
        if !self.bounds.contains_key(&x) {
            return Default::default();
        }
        let at_least = |n: Option<i64>| n.map(|n| vec![(x, n)]).unwrap_or_default();
        match name {
            "<" => [vec![], at_least(Some(c))],
            "<=" => [vec![], at_least(c.checked_add(1))],
            ">" => [at_least(c.checked_add(1)), vec![]],
            ">=" | "=" => [at_least(Some(c)), vec![]],
            _ => Default::default(),
        }
    }
}

/// `(op c x)` as `(op' x c)`.
fn flipped(name: &str) -> Option<&'static str> {
    Some(match name {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        "=" => "=",
        _ => return None,
    })
}

/// The value of a fixnum literal.
fn literal(e: &Expr) -> Option<i64> {
    match e {
        Expr::Const(d) => match d.kind {
            DatumKind::Int(n) if (FIXNUM_MIN as i128..=FIXNUM_MAX as i128).contains(&n) => {
                Some(n as i64)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The variables assigned (`SetLocal`) anywhere in `body`.
pub(super) fn assigned_vars(body: &Expr) -> HashSet<VarId> {
    let mut out = HashSet::new();
    body.visit(&mut |e| {
        if let Expr::SetLocal(var, _) = e {
            out.insert(*var);
        }
    });
    out
}

/// Which procedures get a fixnum-specialized copy of their body, and on
/// which parameters (positions in `params`), by lambda id.
///
/// A candidate calls itself (a loop or a recursion, where the checks repeat),
/// has a body of at most `MAX_VERSIONED_NODES` nodes, and at least two inline
/// arithmetic operations or comparisons whose operands are all literals or
/// parameters never assigned and not possibly flonums (`flonum_hints`): one
/// check at entry replaces theirs. It is specialized on the parameters those
/// operations use. Candidates are taken by such operations per body node,
/// best first, while their bodies fit in `MAX_COPIED_NODES`.
pub(super) fn plan(program: &Program) -> HashMap<usize, Vec<usize>> {
    let mut candidates: Vec<(usize, Vec<usize>, usize, usize)> = program
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

/// `f`'s parameters to specialize on, their number of uses and `f`'s body
/// size, if `f` is a candidate (see `plan`).
fn candidate(program: &Program, f: &Lambda) -> Option<(Vec<usize>, usize, usize)> {
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
    // The parameters that may be specialized on.
    let assigned = assigned_vars(&f.body);
    let hints = &program.flonum_hints;
    let eligible = |var: &VarId| {
        f.params.contains(var)
            && !assigned.contains(var)
            && !hints.may_be_flonum(program, &Expr::Local(*var))
    };
    // An operation saves its check only when every operand is known: one
    // unknown operand costs the same one test as two.
    let mut saved = 0;
    let mut chosen: Vec<usize> = Vec::new();
    f.body.visit(&mut |e| {
        let Expr::Prim(Prim::Builtin(op), args, _) = e else {
            return;
        };
        let arithmetic = matches!(
            BUILTINS[*op].name,
            "+" | "-" | "*" | "<" | "<=" | ">" | ">=" | "="
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
                let i = f.params.iter().position(|p| p == var).expect("eligible");
                if !chosen.contains(&i) {
                    chosen.push(i);
                }
            }
        }
    });
    chosen.sort_unstable();
    (saved >= 2).then_some((chosen, saved, nodes))
}
