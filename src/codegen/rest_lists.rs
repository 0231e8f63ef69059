//! `apply` without copying the list, for procedures that only read their
//! rest list: a builtin with optional or variable arguments used as a value
//! (`(apply + l)`, `(apply max l)`, a `+` kept in a table and applied).
//!
//! In: the program's lambdas. Out: in `closc_apply`, for a callee with a
//! rest parameter, the list handed to it: the caller's own list when the
//! callee's code is one of the lambdas `reads_rest_only` accepts, else a
//! fresh copy (`closc_rt_copy_list`, which also rejects an improper list).
//!
//! A rest parameter must receive a newly allocated list (R7RS 4.1.4), even
//! from `apply`, because the procedure may keep or mutate it. A lambda
//! whose rest parameter is only taken apart (`car`, `cdr`, `pair?`,
//! `null?`) and spread into a builtin's arguments (`Prim::ApplyBuiltin`,
//! which checks that the list is proper and reports it otherwise) can do
//! neither, so it may be given the caller's list: that is the shape
//! alpha-rename gives the wrapper of such a builtin, which was copying
//! the list on every call (12-16% of the dispatch benchmark: the copy, its
//! allocation and the trampoline around it).
//!
//! Invariant: a lambda is accepted only if it spreads the list into a
//! builtin somewhere (so an improper list from `apply` still meets a check
//! on the way) and every other use of the rest variable is a read of the
//! list's spine.

use super::lower::FnCx;
use super::I64;
use crate::ir::{Expr, Lambda, LambdaId, Prim};
use closcrt::abi::RtEntry;
use closcrt::builtins::table::Inline;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{BlockArg, InstBuilder, Value};
use cranelift_module::Module;

/// At most this many callees per count of required arguments are compared
/// with the callee's code address in `closc_apply`; the others get a copy.
const MAX_COMPARED: usize = 8;

/// Whether `f` has a rest parameter that its body only reads (see the
/// module doc).
pub(super) fn reads_rest_only(f: &Lambda) -> bool {
    let Some(rest) = f.rest else {
        return false;
    };
    let mut spread = false;
    only_read(&f.body, rest, &mut spread) && spread
}

/// True when every occurrence of `rest` in `e` is a read of the spine, or
/// spread by `ApplyBuiltin` (which sets `spread`).
fn only_read(e: &Expr, rest: crate::ir::VarId, spread: &mut bool) -> bool {
    match e {
        Expr::Local(v) => *v != rest,
        Expr::SetLocal(v, _) if *v == rest => false,
        Expr::Prim(Prim::ApplyBuiltin(_), args, _) if matches!(&args[..], [Expr::Local(v)] if *v == rest) =>
        {
            *spread = true;
            true
        }
        Expr::Prim(Prim::Builtin(b), args, _) if args.len() == 1 && spine_reader(*b) => {
            is_spine(&args[0], rest) || only_read(&args[0], rest, spread)
        }
        _ => {
            let mut ok = true;
            e.for_each_operand(false, |x, _| ok = ok && only_read(x, rest, spread));
            ok
        }
    }
}

/// Whether `e` is `rest` or a tail of it: `(cdr ... (cdr rest))`.
fn is_spine(e: &Expr, rest: crate::ir::VarId) -> bool {
    match e {
        Expr::Local(v) => *v == rest,
        Expr::Prim(Prim::Builtin(b), args, _) if args.len() == 1 => {
            b.builtin().props.inline == Some(Inline::Cdr) && is_spine(&args[0], rest)
        }
        _ => false,
    }
}

/// Whether builtin `b` applied to the list or a tail of it only reads it:
/// `car` returns an element, `pair?`/`null?` a boolean. (A tail itself,
/// `cdr`'s result, is only read when it stands in the same position.)
fn spine_reader(b: crate::ir::BuiltinId) -> bool {
    matches!(
        b.builtin().props.inline,
        Some(Inline::Car | Inline::PairP | Inline::NullP)
    )
}

impl<M: Module> FnCx<'_, '_, M> {
    /// The rest list `closc_apply` passes to the closure whose code is
    /// `code`, which takes `required` arguments before it: `list` itself
    /// for a lambda that only reads it, else a fresh copy.
    pub(super) fn rest_list_for(&mut self, code: Value, list: Value, required: usize) -> Value {
        let readers: Vec<LambdaId> = self
            .sh
            .program
            .functions
            .iter()
            .filter(|f| f.params.len() == required && reads_rest_only(f))
            .map(|f| f.id)
            .take(MAX_COMPARED)
            .collect();
        let copy_list = self.sh.rt[RtEntry::CopyList];
        if readers.is_empty() {
            return self.call_rt(copy_list, &[list]);
        }
        let mut reads_only = None;
        for id in readers {
            let f = self.func_ref(self.sh.lambda_funcs[id]);
            let addr = self.b.ins().func_addr(I64, f);
            let is = self.b.ins().icmp(IntCC::Equal, code, addr);
            reads_only = Some(match reads_only {
                Some(any) => self.b.ins().bor(any, is),
                None => is,
            });
        }
        let reads_only = reads_only.expect("some reader was compared");
        let copy = self.b.create_block();
        let join = self.b.create_block();
        let result = self.b.append_block_param(join, I64);
        self.b
            .ins()
            .brif(reads_only, join, &[BlockArg::Value(list)], copy, &[]);
        self.b.switch_to_block(copy);
        let fresh = self.call_rt(copy_list, &[list]);
        self.b.ins().jump(join, &[BlockArg::Value(fresh)]);
        self.b.switch_to_block(join);
        self.b.declare_value_needs_stack_map(result);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Program;

    fn lifted(src: &str) -> Program {
        crate::pipeline::program_after(src, "flonum-hints")
    }

    fn reads_only(p: &Program, name: &str) -> bool {
        let f = p
            .functions
            .iter()
            .rev()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no procedure {name}"));
        reads_rest_only(f)
    }

    #[test]
    fn a_variadic_builtins_wrapper_only_reads_its_rest_list() {
        let p = lifted("(define f +) (define g max) (display (list (f 1 2) (g 3)))");
        assert!(reads_only(&p, "+"));
        assert!(reads_only(&p, "max"));
    }

    #[test]
    fn a_lambda_that_keeps_or_never_spreads_its_rest_list_gets_a_copy() {
        let p = lifted(
            "(define (keep . l) l)
             (define (first . l) (car l))
             (define (mutate . l) (set-car! l 0) l)
             (define (fixed a b) (+ a b))
             (display (list (apply keep '(1)) (apply first '(1)) (apply mutate '(1)) (fixed 1 2)))",
        );
        assert!(!reads_only(&p, "keep"));
        // Only reads, but nothing checks that `apply`'s list is proper.
        assert!(!reads_only(&p, "first"));
        assert!(!reads_only(&p, "mutate"));
        assert!(!reads_only(&p, "fixed"));
    }
}
