//! Fixed-arity entries for builtins with optional or variable arguments used
//! as values: `(map + xs ys)`, a `max` kept in a table and called with two
//! arguments.
//!
//! Such a builtin becomes a value through the wrapper lambda alpha-rename
//! makes for it, `(lambda args (apply-builtin b args))` (with a fast path
//! for exactly two arguments). Its arity word says "rest list", so every
//! unknown call of it missed the inline arity check and went to
//! `closc_slowcall_N`, which built a list of the arguments only for the
//! wrapper to take it apart again (15.6% of the hof benchmark).
//!
//! In: the program's lambdas and one argument count `n` of an unknown call.
//! Out: for each wrapper of a builtin that accepts `n` arguments (at most
//! `MAX_WRAPPERS` of them), `closc_fixed_L_N(closure, a1..aN)`, whose body is
//! the builtin applied to its arguments, lowered as a call written in the
//! source would be (inline where the builtin is); `closc_slowcall_N`
//! compares the callee's code with each wrapper's and tail-calls the entry
//! instead of building the list.
//!
//! Invariant: an entry computes what its wrapper computes on the list of
//! the same arguments (a builtin called directly and through
//! `apply-builtin` behave alike), and its frame carries the wrapper's name
//! and source position, so errors and backtraces read the same either way.
//! Counts the builtin rejects keep the list path, whose error names it.

use super::reserve;
use super::runtime_abi::lambda_signature;
use super::shared::Shared;
use crate::ir::{BuiltinId, Expr, Lambda, LambdaId, Prim, VarId};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{FuncId, Linkage, Module};

/// At most this many wrappers get entries for one argument count: each
/// costs `closc_slowcall_N` a compare on its rest-list path.
const MAX_WRAPPERS: usize = 8;

/// The builtin `f` is the wrapper of, if it is exactly the lambda
/// alpha-rename makes for a builtin with optional or variable arguments:
/// no required parameters, a rest list handed whole to `apply-builtin`,
/// optionally behind the two-argument fast path of the same builtin.
pub(super) fn variadic_wrapper(f: &Lambda) -> Option<BuiltinId> {
    let rest = f.rest?;
    if !f.params.is_empty() || f.closure_var.is_some() || !f.free.is_empty() {
        return None;
    }
    let spreads = |e: &Expr| match e {
        Expr::Prim(Prim::ApplyBuiltin(b), args, _) if matches!(&args[..], [Expr::Local(v)] if *v == rest) => {
            Some(*b)
        }
        _ => None,
    };
    let b = match &f.body {
        Expr::If(_, two, all) => {
            let b = spreads(all)?;
            match &**two {
                Expr::Prim(Prim::Builtin(b2), args, _) if *b2 == b && args.len() == 2 => b,
                _ => return None,
            }
        }
        body => spreads(body)?,
    };
    (b.builtin().name == f.name).then_some(b)
}

impl<'m, M: Module> Shared<'m, M> {
    /// Defines the entries for `n` arguments (see the module doc) and
    /// returns each with the wrapper lambda it stands for.
    pub(super) fn define_fixed_entries(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
        n: usize,
    ) -> Result<Vec<(LambdaId, FuncId)>, String> {
        let program = self.program;
        let wrappers: Vec<(&Lambda, BuiltinId)> = program
            .functions
            .iter()
            .filter_map(|f| Some((f, variadic_wrapper(f)?)))
            .filter(|(_, b)| b.builtin().arity.accepts(n as u64))
            .take(MAX_WRAPPERS)
            .collect();
        let mut entries = Vec::new();
        for (wrapper, b) in wrappers {
            let sig = lambda_signature(self.module, n);
            let id = self
                .module
                .declare_function(
                    &format!("closc_fixed_{}_{n}", wrapper.id.index()),
                    Linkage::Local,
                    &sig,
                )
                .map_err(|e| e.to_string())?;
            // Variables of this function alone: numbered past the program's,
            // so no analysis has facts about them.
            let vars: Vec<VarId> = (0..n).map(|i| VarId::new(program.vars.len() + i)).collect();
            let body = Expr::Prim(
                Prim::Builtin(b),
                vars.iter().map(|&v| Expr::Local(v)).collect(),
                wrapper.span,
            );
            self.build_function(ctx, fctx, id, sig, |fx, params| {
                for &p in params {
                    fx.b.declare_value_needs_stack_map(p);
                }
                fx.clo = params[0];
                if reserve::may_allocate_directly(&body) {
                    let requested = fx.gc_requested();
                    fx.collect_and_reenter_if(requested, id, 0, params);
                }
                for (&var, &val) in vars.iter().zip(&params[1..]) {
                    fx.bind(var, val);
                }
                fx.tail(&body);
            })?;
            entries.push((wrapper.id, id));
        }
        self.fixed_entries
            .extend(entries.iter().map(|&(l, f)| (f, l)));
        Ok(entries)
    }
}
