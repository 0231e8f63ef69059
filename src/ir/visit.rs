//! Walks over `ir::Expr`: a read-only `Visitor` and a rewriting `Folder`.
//!
//! In: an expression (or a lambda, or a closure allocation). Out: for a
//! `Visitor`, whatever the visitor collects; for a `Folder`, the rebuilt
//! expression. Each trait has one method per `Expr` variant whose default
//! walks (or rebuilds) the children in evaluation order, so a pass writes
//! only the forms it treats specially. A pass that looks at every node
//! before the usual walk overrides `visit_expr` / `fold_expr` and ends it
//! with `walk_expr` / `fold_variant`.
//!
//! Invariants: the default of every method reaches every subexpression,
//! nested lambda bodies included (`visit_code` / `fold_code`), once and in
//! the order codegen evaluates them; a `Folder`'s defaults keep the node's
//! kind, ids and spans and rebuild it around the folded children.

use super::{ClosureAlloc, Code, Expr, GlobalId, InlineSiteId, Lambda, LambdaId, Prim, VarId};
use crate::datum::{Datum, Span};

/// A read-only walk over an expression tree.
pub trait Visitor {
    /// Dispatches on the variant; rarely overridden.
    fn visit_expr(&mut self, e: &Expr) {
        walk_expr(self, e)
    }

    fn visit_const(&mut self, _d: &Datum) {}
    fn visit_void(&mut self) {}
    fn visit_local(&mut self, _v: VarId) {}
    fn visit_global(&mut self, _g: GlobalId, _span: Span) {}
    fn visit_free_ref(&mut self, _slot: usize, _v: VarId) {}

    fn visit_set_local(&mut self, _v: VarId, x: &Expr) {
        self.visit_expr(x)
    }
    fn visit_set_global(&mut self, _g: GlobalId, x: &Expr) {
        self.visit_expr(x)
    }
    fn visit_if(&mut self, c: &Expr, t: &Expr, f: &Expr) {
        self.visit_expr(c);
        self.visit_expr(t);
        self.visit_expr(f);
    }
    fn visit_lambda(&mut self, l: &Lambda) {
        self.visit_code(l)
    }
    fn visit_call(&mut self, f: &Expr, args: &[Expr], _span: Span) {
        self.visit_expr(f);
        args.iter().for_each(|a| self.visit_expr(a));
    }
    fn visit_call_direct(&mut self, _id: LambdaId, f: &Expr, args: &[Expr], _span: Span) {
        self.visit_expr(f);
        args.iter().for_each(|a| self.visit_expr(a));
    }
    fn visit_prim(&mut self, _p: Prim, args: &[Expr], _span: Span) {
        args.iter().for_each(|a| self.visit_expr(a));
    }
    fn visit_seq(&mut self, es: &[Expr]) {
        es.iter().for_each(|x| self.visit_expr(x));
    }
    fn visit_let(&mut self, bindings: &[(VarId, Expr)], body: &Expr) {
        bindings.iter().for_each(|(_, x)| self.visit_expr(x));
        self.visit_expr(body);
    }
    fn visit_fix(&mut self, bindings: &[(VarId, Lambda)], body: &Expr) {
        bindings.iter().for_each(|(_, l)| self.visit_code(l));
        self.visit_expr(body);
    }
    fn visit_closure(&mut self, c: &ClosureAlloc) {
        self.visit_closure_alloc(c)
    }
    fn visit_closures(&mut self, bindings: &[(VarId, ClosureAlloc)], body: &Expr) {
        bindings
            .iter()
            .for_each(|(_, c)| self.visit_closure_alloc(c));
        self.visit_expr(body);
    }
    fn visit_inlined(&mut self, _site: InlineSiteId, body: &Expr) {
        self.visit_expr(body)
    }

    /// A lambda's code, wherever it appears (`Lambda`, `Fix`, a nested
    /// `Closure`): its body.
    fn visit_code(&mut self, l: &Lambda) {
        self.visit_expr(&l.body)
    }
    /// A closure allocation: its nested code (before `lift_lambdas`), then
    /// the values of its free variables.
    fn visit_closure_alloc(&mut self, c: &ClosureAlloc) {
        if let Code::Nested(l) = &c.code {
            self.visit_code(l);
        }
        c.free.iter().for_each(|x| self.visit_expr(x));
    }
}

/// Calls the `Visitor` method of `e`'s variant.
pub fn walk_expr<V: Visitor + ?Sized>(v: &mut V, e: &Expr) {
    match e {
        Expr::Const(d) => v.visit_const(d),
        Expr::Void => v.visit_void(),
        Expr::Local(x) => v.visit_local(*x),
        Expr::Global(g, span) => v.visit_global(*g, *span),
        Expr::SetLocal(x, value) => v.visit_set_local(*x, value),
        Expr::SetGlobal(g, value) => v.visit_set_global(*g, value),
        Expr::If(c, t, f) => v.visit_if(c, t, f),
        Expr::Lambda(l) => v.visit_lambda(l),
        Expr::Call(f, args, span) => v.visit_call(f, args, *span),
        Expr::CallDirect(id, f, args, span) => v.visit_call_direct(*id, f, args, *span),
        Expr::Prim(p, args, span) => v.visit_prim(*p, args, *span),
        Expr::Seq(es) => v.visit_seq(es),
        Expr::Let(bindings, body) => v.visit_let(bindings, body),
        Expr::Fix(bindings, body) => v.visit_fix(bindings, body),
        Expr::FreeRef(slot, x) => v.visit_free_ref(*slot, *x),
        Expr::Closure(c) => v.visit_closure(c),
        Expr::Closures(bindings, body) => v.visit_closures(bindings, body),
        Expr::Inlined(site, body) => v.visit_inlined(*site, body),
    }
}

/// A visitor made of one closure, called on every node before its children
/// (what `Expr::visit` runs).
pub(super) struct EachNode<F>(pub F);

impl<F: FnMut(&Expr)> Visitor for EachNode<F> {
    fn visit_expr(&mut self, e: &Expr) {
        (self.0)(e);
        walk_expr(self, e)
    }
}

/// A rewrite of an expression tree, by value: each method takes a node's
/// parts and returns the expression that replaces the node.
pub trait Folder {
    /// Dispatches on the variant; rarely overridden.
    fn fold_expr(&mut self, e: Expr) -> Expr {
        fold_variant(self, e)
    }

    fn fold_const(&mut self, d: Datum) -> Expr {
        Expr::Const(d)
    }
    fn fold_void(&mut self) -> Expr {
        Expr::Void
    }
    fn fold_local(&mut self, v: VarId) -> Expr {
        Expr::Local(v)
    }
    fn fold_global(&mut self, g: GlobalId, span: Span) -> Expr {
        Expr::Global(g, span)
    }
    fn fold_free_ref(&mut self, slot: usize, v: VarId) -> Expr {
        Expr::FreeRef(slot, v)
    }
    fn fold_set_local(&mut self, v: VarId, x: Box<Expr>) -> Expr {
        Expr::SetLocal(v, self.fold_boxed(x))
    }
    fn fold_set_global(&mut self, g: GlobalId, x: Box<Expr>) -> Expr {
        Expr::SetGlobal(g, self.fold_boxed(x))
    }
    fn fold_if(&mut self, c: Box<Expr>, t: Box<Expr>, f: Box<Expr>) -> Expr {
        Expr::If(self.fold_boxed(c), self.fold_boxed(t), self.fold_boxed(f))
    }
    fn fold_lambda(&mut self, mut l: Box<Lambda>) -> Expr {
        *l = self.fold_code(*l);
        Expr::Lambda(l)
    }
    fn fold_call(&mut self, f: Box<Expr>, args: Vec<Expr>, span: Span) -> Expr {
        let f = self.fold_boxed(f);
        Expr::Call(f, self.fold_all(args), span)
    }
    fn fold_call_direct(
        &mut self,
        id: LambdaId,
        f: Box<Expr>,
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        let f = self.fold_boxed(f);
        Expr::CallDirect(id, f, self.fold_all(args), span)
    }
    fn fold_prim(&mut self, p: Prim, args: Vec<Expr>, span: Span) -> Expr {
        Expr::Prim(p, self.fold_all(args), span)
    }
    fn fold_seq(&mut self, es: Vec<Expr>) -> Expr {
        Expr::Seq(self.fold_all(es))
    }
    fn fold_let(&mut self, bindings: Vec<(VarId, Expr)>, body: Box<Expr>) -> Expr {
        let bindings = bindings
            .into_iter()
            .map(|(v, x)| (v, self.fold_expr(x)))
            .collect();
        Expr::Let(bindings, self.fold_boxed(body))
    }
    fn fold_fix(&mut self, bindings: Vec<(VarId, Lambda)>, body: Box<Expr>) -> Expr {
        let bindings = bindings
            .into_iter()
            .map(|(v, l)| (v, self.fold_code(l)))
            .collect();
        Expr::Fix(bindings, self.fold_boxed(body))
    }
    fn fold_closure(&mut self, mut c: Box<ClosureAlloc>) -> Expr {
        *c = self.fold_closure_alloc(*c);
        Expr::Closure(c)
    }
    fn fold_closures(&mut self, bindings: Vec<(VarId, ClosureAlloc)>, body: Box<Expr>) -> Expr {
        let bindings = bindings
            .into_iter()
            .map(|(v, c)| (v, self.fold_closure_alloc(c)))
            .collect();
        Expr::Closures(bindings, self.fold_boxed(body))
    }
    fn fold_inlined(&mut self, site: InlineSiteId, body: Box<Expr>) -> Expr {
        Expr::Inlined(site, self.fold_boxed(body))
    }

    /// A lambda's code, wherever it appears (`Lambda`, `Fix`, a nested
    /// `Closure`): its body folded.
    fn fold_code(&mut self, mut l: Lambda) -> Lambda {
        l.body = self.fold_expr(std::mem::replace(&mut l.body, Expr::Void));
        l
    }
    /// A closure allocation: its nested code, then its free values.
    fn fold_closure_alloc(&mut self, mut c: ClosureAlloc) -> ClosureAlloc {
        if let Code::Nested(l) = &mut c.code {
            **l = self.fold_code(std::mem::replace(&mut **l, Lambda::placeholder()));
        }
        c.free = self.fold_all(std::mem::take(&mut c.free));
        c
    }

    /// Folds a boxed child in place (no new allocation).
    fn fold_boxed(&mut self, mut x: Box<Expr>) -> Box<Expr> {
        *x = self.fold_expr(std::mem::replace(&mut *x, Expr::Void));
        x
    }
    fn fold_all(&mut self, es: Vec<Expr>) -> Vec<Expr> {
        es.into_iter().map(|x| self.fold_expr(x)).collect()
    }
    /// Folds `*e` in place, for passes that hold a `&mut Expr`.
    fn fold_in_place(&mut self, e: &mut Expr) {
        *e = self.fold_expr(std::mem::replace(e, Expr::Void));
    }
}

/// Calls the `Folder` method of `e`'s variant.
pub fn fold_variant<F: Folder + ?Sized>(f: &mut F, e: Expr) -> Expr {
    match e {
        Expr::Const(d) => f.fold_const(d),
        Expr::Void => f.fold_void(),
        Expr::Local(v) => f.fold_local(v),
        Expr::Global(g, span) => f.fold_global(g, span),
        Expr::SetLocal(v, x) => f.fold_set_local(v, x),
        Expr::SetGlobal(g, x) => f.fold_set_global(g, x),
        Expr::If(c, t, e) => f.fold_if(c, t, e),
        Expr::Lambda(l) => f.fold_lambda(l),
        Expr::Call(x, args, span) => f.fold_call(x, args, span),
        Expr::CallDirect(id, x, args, span) => f.fold_call_direct(id, x, args, span),
        Expr::Prim(p, args, span) => f.fold_prim(p, args, span),
        Expr::Seq(es) => f.fold_seq(es),
        Expr::Let(bindings, body) => f.fold_let(bindings, body),
        Expr::Fix(bindings, body) => f.fold_fix(bindings, body),
        Expr::FreeRef(slot, v) => f.fold_free_ref(slot, v),
        Expr::Closure(c) => f.fold_closure(c),
        Expr::Closures(bindings, body) => f.fold_closures(bindings, body),
        Expr::Inlined(site, body) => f.fold_inlined(site, body),
    }
}

/// The body of `Expr::for_each_operand` and `for_each_operand_mut`, which
/// differ only in how they borrow (`iter` or `iter_mut`).
macro_rules! for_each_operand {
    ($e:expr, $tail:expr, $f:ident, $iter:ident) => {
        match $e {
            Expr::Const(_)
            | Expr::Void
            | Expr::Local(_)
            | Expr::Global(..)
            | Expr::FreeRef(..)
            | Expr::Lambda(_) => {}
            Expr::SetLocal(_, x) | Expr::SetGlobal(_, x) => $f(x, false),
            Expr::If(c, t, e) => {
                $f(c, false);
                $f(t, $tail);
                $f(e, $tail);
            }
            Expr::Call(x, args, _) | Expr::CallDirect(_, x, args, _) => {
                $f(x, false);
                args.$iter().for_each(|a| $f(a, false));
            }
            Expr::Prim(_, args, _) => args.$iter().for_each(|a| $f(a, false)),
            Expr::Seq(es) => {
                let n = es.len();
                es.$iter()
                    .enumerate()
                    .for_each(|(i, x)| $f(x, $tail && i + 1 == n));
            }
            Expr::Let(bindings, body) => {
                bindings.$iter().for_each(|(_, x)| $f(x, false));
                $f(body, $tail);
            }
            Expr::Fix(_, body) | Expr::Inlined(_, body) => $f(body, $tail),
            Expr::Closure(c) => c.free.$iter().for_each(|x| $f(x, false)),
            Expr::Closures(bindings, body) => {
                for (_, c) in bindings.$iter() {
                    c.free.$iter().for_each(|x| $f(x, false));
                }
                $f(body, $tail);
            }
        }
    };
}

impl Expr {
    /// Calls `f` on each subexpression evaluated as part of `self` in the
    /// same code body (not the bodies of lambdas or closure code), in
    /// evaluation order, with whether it is in tail position when `self`
    /// is in tail position iff `tail`: for walks where tail position
    /// matters (calls that are jumps, continuations a call can capture).
    pub fn for_each_operand(&self, tail: bool, mut f: impl FnMut(&Expr, bool)) {
        for_each_operand!(self, tail, f, iter)
    }

    /// `for_each_operand`, for rewriting the operands in place.
    pub fn for_each_operand_mut(&mut self, tail: bool, mut f: impl FnMut(&mut Expr, bool)) {
        for_each_operand!(self, tail, f, iter_mut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::program_after;

    const NESTED: &str = "
        (define (f x) (let ((y (+ x 1))) (lambda (z) (if z (list x y z) (set! x 0)))))
        (display ((f 1) #t))";

    /// A folder that rewrites only references, wherever they are.
    struct RenameLocals;

    impl Folder for RenameLocals {
        fn fold_local(&mut self, _: VarId) -> Expr {
            Expr::Void
        }
    }

    /// A visitor that counts only references.
    #[derive(Default)]
    struct CountLocals(usize);

    impl Visitor for CountLocals {
        fn visit_local(&mut self, _: VarId) {
            self.0 += 1;
        }
    }

    #[test]
    fn defaults_reach_every_node_and_keep_the_rest() {
        // After prune-definitions: before it, the first forms of a script
        // are (closc base)'s definitions, which it drops as unused.
        for stage in ["prune-definitions", "convert-closures"] {
            let program = program_after(NESTED, stage);
            let form = program.body[program.first_user_form].clone();
            let mut locals = CountLocals::default();
            locals.visit_expr(&form);
            assert!(locals.0 > 0, "after {stage}");

            let nodes = form.node_count();
            let folded = RenameLocals.fold_expr(form);
            // Same shape, and no reference left anywhere, lambda bodies included.
            assert_eq!(folded.node_count(), nodes, "after {stage}");
            let mut left = CountLocals::default();
            left.visit_expr(&folded);
            assert_eq!(left.0, 0, "after {stage}");
        }
    }
}
