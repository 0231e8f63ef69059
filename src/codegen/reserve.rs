//! Heap reservation at function entry: how many bytes a code body allocates
//! inline before its first call that may collect.
//!
//! A lambda whose body allocates before any such call (a CPS continuation, a
//! closure returned to the caller, a `cons` passed to a tail call) checks once
//! at entry that the nursery has that much room and then bumps the allocation
//! pointer without further checks. When the room is missing it tail-calls
//! `closc_gc_reenter_N`, which collects with the arguments as explicit roots
//! and calls the lambda again. The point: such a body has no allocation slow
//! path, so no call that is a safepoint, so Cranelift spills none of its values
//! to the stack for stack maps.
//!
//! `prefix` is an upper bound over every path; codegen tracks the budget it
//! actually has left per path and falls back to checked allocation when a
//! path needs more, so the bound only affects speed, never correctness.

use super::builtins::{allocates_directly, inline_allocation};
use crate::datum::Span;
use crate::ir::{ClosureAlloc, Expr, Prim, Program, Visitor};

/// The largest reservation worth making at entry (bigger allocations are
/// checked one by one).
pub const MAX_RESERVE: usize = 2048;

/// (bytes allocated inline before the first call that may collect, on the
/// worst path; whether every path reaches such a call).
pub fn prefix(e: &Expr, program: &Program) -> (usize, bool) {
    match e {
        Expr::Const(_) | Expr::Void | Expr::Local(_) | Expr::Global(..) | Expr::FreeRef(..) => {
            (0, false)
        }
        Expr::SetLocal(_, x) | Expr::SetGlobal(_, x) | Expr::Inlined(_, x) => prefix(x, program),
        Expr::If(c, t, f) => {
            let (bc, sc) = prefix(c, program);
            if sc {
                return (bc, true);
            }
            let (bt, st) = prefix(t, program);
            let (bf, sf) = prefix(f, program);
            (bc + bt.max(bf), st && sf)
        }
        Expr::Call(f, args, _) => {
            let (b, _) = seq(args.iter().chain(std::iter::once(&**f)), program);
            (b, true)
        }
        Expr::CallDirect(id, f, args, _) => {
            let (b, _) = seq(args.iter().chain(std::iter::once(&**f)), program);
            let (required, rest) = program.lambda_arity[*id];
            let rest_list = if rest {
                closcrt::memory::value::PAIR_BYTES * args.len().saturating_sub(required)
            } else {
                0
            };
            (b + rest_list, true)
        }
        Expr::Prim(p, args, _) => {
            let (b, s) = seq(args.iter(), program);
            if s {
                return (b, true);
            }
            match p {
                Prim::Builtin(i) => match inline_allocation(*i, args.len()) {
                    Some(bytes) => (b + bytes, false),
                    None => (b, true),
                },
                Prim::MakeBox => (b + 16, false),
                Prim::Unbox | Prim::SetBox | Prim::SetFree(_) => (b, false),
                Prim::BuiltinArityError(_)
                | Prim::ApplyBuiltin(_)
                | Prim::Apply
                | Prim::ForeignCall(_)
                | Prim::ForeignSymbol
                | Prim::ForeignCallback(_) => (b, true),
            }
        }
        Expr::Seq(es) => seq(es.iter(), program),
        Expr::Let(bindings, body) => {
            let (b, s) = seq(bindings.iter().map(|(_, init)| init), program);
            if s {
                return (b, true);
            }
            let (bb, sb) = prefix(body, program);
            (b + bb, sb)
        }
        Expr::Closure(c) if !c.allocates() => (0, false),
        Expr::Closure(c) => (8 * program.functions[c.lambda_id()].record_words(), false),
        Expr::Closures(bindings, body) => {
            let records: usize = bindings
                .iter()
                .filter(|(_, c)| c.allocates())
                .map(|(_, c)| 8 * program.functions[c.lambda_id()].record_words())
                .sum();
            let (bb, sb) = prefix(body, program);
            (records + bb, sb)
        }
        Expr::Lambda(_) | Expr::Fix(..) => unreachable!("ir::Level::Lifted rules out lambdas"),
    }
}

/// Whether `e` (one code body, not the bodies of its closures) contains an
/// inline builtin whose slow path is a direct runtime call that may allocate
/// (generic arithmetic: see `FnCx::direct_call`).
pub fn may_allocate_directly(e: &Expr) -> bool {
    let mut finder = DirectAllocation(false);
    finder.visit_expr(e);
    finder.0
}

struct DirectAllocation(bool);

impl Visitor for DirectAllocation {
    fn visit_prim(&mut self, p: Prim, args: &[Expr], _: Span) {
        let direct = matches!(p, Prim::Builtin(i)
            if allocates_directly(i, args.len()));
        self.0 |= direct;
        args.iter().for_each(|a| self.visit_expr(a));
    }

    /// Not the closure's code, and not the values of its free variables:
    /// those are variable references.
    fn visit_closure_alloc(&mut self, _: &ClosureAlloc) {}
}

fn seq<'a>(es: impl Iterator<Item = &'a Expr>, program: &Program) -> (usize, bool) {
    let mut total = 0;
    for e in es {
        let (b, s) = prefix(e, program);
        total += b;
        if s {
            return (total, true);
        }
    }
    (total, false)
}
