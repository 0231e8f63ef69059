//! Tail calls from the program into the prelude that keep the caller's
//! frame: run at the end of `convert_closures`.
//!
//! In: the program after closure conversion. Out: the same, where a tail
//! call `(f args...)` in the program's own code whose callee is a prelude
//! procedure that never tail-calls a procedure it does not know (`member`,
//! `assoc`, `map`, `vector-map`...) became `(let ((r (f args...))) r)`: a
//! call, not a tail call. An error such a procedure raises (`member` given a
//! circular list) then finds the caller's frame stopped at the call, so the
//! message has the call's position and the backtrace the caller, as for a
//! non-tail call; as a tail call the frame was gone and the error appeared
//! at the caller's caller.
//!
//! Why it keeps tail calls proper: the callee returns to the caller without
//! running the program's code in tail position (it may call procedures, but
//! not as tail calls), so no loop of tail calls passes through the kept
//! frame; each such call keeps one frame for as long as the callee runs.
//! A prelude procedure that does tail-call an unknown procedure must stay a
//! tail call. When it is a small wrapper (`apply`, `call-with-values`: a
//! body of a few nodes ending in `%apply`, no closure, no `set!`), a call to
//! it from the program's code is replaced by a copy of its body over fresh
//! variables (the rest parameter bound to a list of the extra arguments),
//! positioned at the call: the `%apply` is then the program's own, and in
//! tail position codegen (`codegen/tail_apply.rs`) makes it a call, from the
//! caller's frame, only when it is going to fail.

use crate::datum::Span;
use crate::ir::{ClosureAlloc, Code, Expr, IdVec, Lambda, LambdaId, Prim, Program, VarId, VarInfo};
use closcrt::builtins::table::BuiltinId;
use std::collections::{HashMap, HashSet};

pub fn keep_frames_of_prelude_tail_calls(program: &mut Program) {
    let first_var = program.vars.len();
    let (prelude, user) = program.body.split_at_mut(program.first_user_form);
    let mut scan = Scan::default();
    for form in prelude.iter() {
        scan.expr(form, false);
    }
    let keep = scan.returning_procedures();
    let wrappers = prelude
        .iter()
        .filter_map(|form| wrapper(form, &keep))
        .map(|l| (l.id, l))
        .collect();
    let mut rewrite = Rewrite {
        keep,
        wrappers,
        vars: &program.vars,
        new_vars: Vec::new(),
        first_var,
    };
    for form in user.iter_mut() {
        rewrite.expr(form, false);
    }
    let new_vars = rewrite.new_vars;
    for info in new_vars {
        program.vars.push(info);
    }
}

/// The largest wrapper body (in nodes) copied into its calls.
const MAX_WRAPPER_SIZE: usize = 12;

/// The lambda of a prelude definition `(define (f ...) body)` whose body is
/// a small wrapper ending in a tail call of an unknown procedure: no
/// closure, no assignment, nothing but its parameters read (see `copy`).
fn wrapper(form: &Expr, returning: &HashSet<LambdaId>) -> Option<Lambda> {
    let Expr::SetGlobal(_, init) = form else {
        return None;
    };
    let Expr::Closure(c) = &**init else {
        return None;
    };
    let Code::Nested(l) = &c.code else {
        return None;
    };
    let small = c.free.is_empty() && l.body.node_count() <= MAX_WRAPPER_SIZE;
    let params: HashMap<VarId, VarId> = l.params.iter().chain(&l.rest).map(|&v| (v, v)).collect();
    let copyable = copy(&l.body, &params, Span::default()).is_some();
    (small && copyable && !returning.contains(&l.id)).then(|| (**l).clone())
}

/// `e` with its variables renamed by `vars` and every position made `span`;
/// `None` if it has a form the copy does not handle (lambdas, assignments,
/// free-variable reads, variables not in `vars`).
fn copy(e: &Expr, vars: &HashMap<VarId, VarId>, span: Span) -> Option<Expr> {
    let all = |es: &[Expr]| {
        es.iter()
            .map(|x| copy(x, vars, span))
            .collect::<Option<Vec<_>>>()
    };
    Some(match e {
        Expr::Const(d) => Expr::Const(d.clone()),
        Expr::Void => Expr::Void,
        Expr::Local(v) => Expr::Local(*vars.get(v)?),
        Expr::Global(g, _) => Expr::Global(*g, span),
        Expr::Call(f, args, _) => Expr::Call(Box::new(copy(f, vars, span)?), all(args)?, span),
        Expr::CallDirect(id, f, args, _) => {
            Expr::CallDirect(*id, Box::new(copy(f, vars, span)?), all(args)?, span)
        }
        Expr::Prim(p, args, _) => Expr::Prim(*p, all(args)?, span),
        Expr::If(c, t, f) => Expr::If(
            Box::new(copy(c, vars, span)?),
            Box::new(copy(t, vars, span)?),
            Box::new(copy(f, vars, span)?),
        ),
        Expr::Seq(es) => Expr::Seq(all(es)?),
        _ => return None,
    })
}

/// For each prelude lambda: whether it tail-calls an unknown procedure (or
/// through `%apply`), and the known lambdas it tail-calls.
#[derive(Default)]
struct Scan {
    current: Option<LambdaId>,
    lambdas: HashMap<LambdaId, (bool, Vec<LambdaId>)>,
}

impl Scan {
    /// The lambdas from which no chain of tail calls reaches an unknown
    /// procedure.
    fn returning_procedures(&self) -> HashSet<LambdaId> {
        let mut escaping: HashSet<LambdaId> = self
            .lambdas
            .iter()
            .filter(|(_, (unknown, _))| *unknown)
            .map(|(&id, _)| id)
            .collect();
        loop {
            let more: Vec<LambdaId> = self
                .lambdas
                .iter()
                .filter(|(id, _)| !escaping.contains(id))
                .filter(|(_, (_, callees))| {
                    callees
                        .iter()
                        .any(|c| escaping.contains(c) || !self.lambdas.contains_key(c))
                })
                .map(|(&id, _)| id)
                .collect();
            if more.is_empty() {
                break;
            }
            escaping.extend(more);
        }
        self.lambdas
            .keys()
            .filter(|id| !escaping.contains(id))
            .copied()
            .collect()
    }

    fn mark(&mut self, unknown: bool, callee: Option<LambdaId>) {
        if let Some(cur) = self.current {
            let entry = self.lambdas.entry(cur).or_default();
            entry.0 |= unknown;
            entry.1.extend(callee);
        }
    }

    fn expr(&mut self, e: &Expr, tail: bool) {
        match e {
            Expr::Call(..) | Expr::Prim(Prim::Apply, ..) if tail => self.mark(true, None),
            Expr::CallDirect(id, ..) if tail => self.mark(false, Some(*id)),
            _ => {}
        }
        for l in nested_code(e) {
            let outer = self.current.replace(l.id);
            self.lambdas.entry(l.id).or_default();
            self.expr(&l.body, true);
            self.current = outer;
        }
        e.for_each_operand(tail, |x, t| self.expr(x, t));
    }
}

/// The code of the closures `e` allocates itself (`Closure`, `Closures`),
/// whose bodies `Expr::for_each_operand` does not enter. Closure conversion
/// leaves no `Lambda` or `Fix`.
fn nested_code(e: &Expr) -> Vec<&Lambda> {
    fn code(c: &ClosureAlloc) -> Option<&Lambda> {
        match &c.code {
            Code::Nested(l) => Some(l),
            _ => None,
        }
    }
    match e {
        Expr::Closure(c) => code(c).into_iter().collect(),
        Expr::Closures(bindings, _) => bindings.iter().filter_map(|(_, c)| code(c)).collect(),
        Expr::Lambda(_) | Expr::Fix(..) => {
            unreachable!("closure conversion leaves no lambda or fix")
        }
        _ => Vec::new(),
    }
}

/// `nested_code`, for rewriting the bodies in place.
fn nested_code_mut(e: &mut Expr) -> Vec<&mut Lambda> {
    fn code(c: &mut ClosureAlloc) -> Option<&mut Lambda> {
        match &mut c.code {
            Code::Nested(l) => Some(l),
            _ => None,
        }
    }
    match e {
        Expr::Closure(c) => code(c).into_iter().collect(),
        Expr::Closures(bindings, _) => bindings.iter_mut().filter_map(|(_, c)| code(c)).collect(),
        Expr::Lambda(_) | Expr::Fix(..) => {
            unreachable!("closure conversion leaves no lambda or fix")
        }
        _ => Vec::new(),
    }
}

/// Turns the program's tail calls of `keep` lambdas into calls, and its
/// calls of `wrappers` into copies of their bodies.
struct Rewrite<'v> {
    keep: HashSet<LambdaId>,
    wrappers: HashMap<LambdaId, Lambda>,
    vars: &'v IdVec<VarId, VarInfo>,
    /// The variables the calls' results are bound to, to be added to the
    /// program's from id `first_var` on.
    new_vars: Vec<VarInfo>,
    first_var: usize,
}

impl Rewrite<'_> {
    /// A new variable named `name`, bound where `span` is.
    fn fresh(&mut self, name: &str, span: Span) -> VarId {
        let var = VarId::new(self.first_var + self.new_vars.len());
        self.new_vars.push(VarInfo {
            name: name.into(),
            assigned: false,
            captured: false,
            span,
        });
        var
    }

    /// `(let ((p' a) ... (rest' (list extra...))) body')`: wrapper `id`'s
    /// body over fresh variables, at the call's position `span`.
    fn inline_wrapper(&mut self, id: LambdaId, mut args: Vec<Expr>, span: Span) -> Expr {
        let l = &self.wrappers[&id];
        let (params, rest) = (l.params.clone(), l.rest);
        let body = l.body.clone();
        let extra = args.split_off(params.len());
        let mut renamed = HashMap::new();
        let mut bindings = Vec::new();
        for (p, a) in params.into_iter().zip(args) {
            let fresh = self.fresh(&self.vars[p].name.clone(), span);
            renamed.insert(p, fresh);
            bindings.push((fresh, a));
        }
        if let Some(r) = rest {
            let fresh = self.fresh(&self.vars[r].name.clone(), span);
            renamed.insert(r, fresh);
            let list = BuiltinId::named("list").expect("a builtin");
            bindings.push((fresh, Expr::Prim(Prim::Builtin(list), extra, span)));
        }
        let body = copy(&body, &renamed, span).expect("checked by `wrapper`");
        Expr::Let(bindings, Box::new(body))
    }

    fn expr(&mut self, e: &mut Expr, tail: bool) {
        for l in nested_code_mut(e) {
            self.expr(&mut l.body, true);
        }
        e.for_each_operand_mut(tail, |x, t| self.expr(x, t));
        let Expr::CallDirect(id, ..) = e else {
            return;
        };
        if tail && self.keep.contains(id) {
            let var = self.fresh("#%result", Span::default());
            let call = std::mem::replace(e, Expr::Void);
            *e = Expr::Let(vec![(var, call)], Box::new(Expr::Local(var)));
        } else if self.wrappers.contains_key(id) {
            let Expr::CallDirect(id, _, args, span) = std::mem::replace(e, Expr::Void) else {
                unreachable!("matched above")
            };
            *e = self.inline_wrapper(id, args, span);
        }
    }
}
