//! Calls: unknown calls (inline closure-tag and arity check, else
//! `closc_slowcall_N`, which also enters `case-lambda` clauses), the operands
//! of direct calls to known lambdas, and calls of a builtin's runtime entry.

use super::lower::FnCx;
use super::runtime_abi::lambda_signature;
use super::{immutable, I64};
use crate::ir::{Expr, LambdaId};
use closcrt::abi::RtEntry;
use closcrt::builtins::table::{BuiltinId, Entry};
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    Block, BlockArg, FuncRef, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Value,
};
use cranelift_module::Module;

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    /// Traps into the runtime's "not a procedure" error unless `f` is a closure.
    pub(super) fn check_closure(&mut self, f: Value) {
        let ok = self.b.create_block();
        let bad = self.b.create_block();
        self.b.set_cold_block(bad);
        let is_closure = self.has_tag(f, v::TAG_CLOSURE);
        self.b.ins().brif(is_closure, ok, &[], bad, &[]);
        self.b.switch_to_block(bad);
        let not_procedure = self.sh.rt[RtEntry::NotProcedure];
        self.call_rt_noreturn(not_procedure, &[f]);
        self.b.switch_to_block(ok);
    }

    pub(super) fn tail_call_code(&mut self, code: Value, f: Value, args: &[Value]) {
        let sig = lambda_signature(self.sh.module, args.len());
        let sig = self.b.import_signature(sig);
        let mut all = vec![f];
        all.extend_from_slice(args);
        self.b.ins().return_call_indirect(sig, code, &all);
    }

    /// In `closc_slowcall_N` for `case-lambda` procedure `f`: tail-calls the
    /// first clause taking exactly these `args`, or jumps to `with_rest`
    /// (clause, arity word, code) with the first whose rest list takes them;
    /// to `error` if no clause accepts them. The clauses are `f`'s
    /// free-variable slots.
    pub(super) fn enter_case_clause(
        &mut self,
        f: Value,
        args: &[Value],
        with_rest: Block,
        error: Block,
    ) {
        let n = args.len() as i64;
        let header = self.b.ins().load(I64, immutable(), f, v::CLOSURE_HEADER);
        let size = self.b.ins().ushr_imm_s(header, v::HEADER_SIZE_SHIFT as i64);
        let size = self
            .b
            .ins()
            .band_imm_s(size, v::HEADER_SMALL_SIZE_MASK as i64);
        // Past the last clause: the size counts the code and arity words.
        let end = self.b.ins().iadd_imm_s(size, -2);
        let head = self.b.create_block();
        let i = self.b.append_block_param(head, I64);
        let zero = self.iconst(0);
        self.b.ins().jump(head, &[BlockArg::Value(zero)]);
        self.b.switch_to_block(head);
        let body = self.b.create_block();
        let past = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, end);
        self.b.ins().brif(past, error, &[], body, &[]);
        self.b.switch_to_block(body);
        let offset = self.b.ins().ishl_imm_u(i, 3);
        let slot = self.b.ins().iadd(f, offset);
        let clause = self.b.ins().load(I64, immutable(), slot, v::CLOSURE_FREE0);
        let arity = self
            .b
            .ins()
            .load(I64, immutable(), clause, v::CLOSURE_ARITY);
        let code = self.b.ins().load(I64, immutable(), clause, v::CLOSURE_CODE);
        let exact = self.b.create_block();
        let not_exact = self.b.create_block();
        let is_n = self.b.ins().icmp_imm_s(IntCC::Equal, arity, n);
        self.b.ins().brif(is_n, exact, &[], not_exact, &[]);
        self.b.switch_to_block(exact);
        self.tail_call_code(code, clause, args);
        // A rest list takes them when arity = -(k+1) with k <= n: then
        // arity + n + 1 is in 0..=n, and it is not (unsigned) otherwise.
        self.b.switch_to_block(not_exact);
        let shifted = self.b.ins().iadd_imm_s(arity, n + 1);
        let fits = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedLessThanOrEqual, shifted, n);
        let next = self.b.create_block();
        let clause_args = [clause, arity, code].map(BlockArg::Value);
        self.b.ins().brif(fits, with_rest, &clause_args, next, &[]);
        self.b.switch_to_block(next);
        let i_next = self.b.ins().iadd_imm_s(i, 1);
        self.b.ins().jump(head, &[BlockArg::Value(i_next)]);
    }

    /// The closure value to pass in a direct call to lambda `id` with
    /// arguments `args`. A lambda without free variables never reads its
    /// closure, so any value will do: the first argument, which is in a
    /// register for the call anyway (a constant would be kept in a
    /// callee-saved register across calls). The operator is then evaluated
    /// only if that can fail: reading a global may find it unbound.
    pub(super) fn callee_closure(&mut self, id: LambdaId, f: &Expr, args: &[Value]) -> Value {
        if self.sh.program.functions[id].reads_closure() {
            // A lambda calling itself through its captured binding (a named
            // `let` loop) calls the very closure it runs in: its own is at
            // hand, no need to load it from its record.
            if self.lambda == Some(id) && matches!(f, Expr::FreeRef(..)) {
                return self.clo;
            }
            return self.value(f);
        }
        let pure = match f {
            Expr::Local(_) | Expr::FreeRef(..) => true,
            Expr::Global(g, _) => self.sh.program.globals[*g].bound_before_code,
            _ => false,
        };
        if !pure {
            self.value(f);
        }
        match args.first() {
            Some(&x) => x,
            None => self.iconst(v::NIL),
        }
    }

    /// Arguments for a direct call to lambda `id`: the closure, the required
    /// arguments, then the rest arguments as a fresh list if it has a rest parameter.
    pub(super) fn direct_args(
        &mut self,
        id: LambdaId,
        f: Value,
        mut args: Vec<Value>,
    ) -> Vec<Value> {
        let (required, rest) = self.sh.program.lambda_arity[id];
        if rest {
            let extra = args.split_off(required);
            let l = self.list_from(&extra);
            args.push(l);
        }
        let mut all = vec![f];
        all.extend(args);
        all
    }

    /// A call through an unknown procedure value: inline closure-tag and arity
    /// check, then `call_indirect`; the slow path is `closc_slowcall_N`.
    pub(super) fn unknown_call(&mut self, f: Value, args: &[Value], tail: bool) -> Option<Value> {
        let n = args.len();
        let check_arity = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let is_closure = self.has_tag(f, v::TAG_CLOSURE);
        self.b.ins().brif(is_closure, check_arity, &[], slow, &[]);
        self.b.switch_to_block(check_arity);
        let arity = self.b.ins().load(I64, immutable(), f, v::CLOSURE_ARITY);
        let arity_ok = self.b.ins().icmp_imm_s(IntCC::Equal, arity, n as i64);
        self.b.ins().brif(arity_ok, fast, &[], slow, &[]);
        let mut all = vec![f];
        all.extend_from_slice(args);
        let slowcall = self.sh.slowcall(n);
        let slow_ref = self.func_ref(slowcall);
        if tail {
            self.b.switch_to_block(fast);
            let code = self.b.ins().load(I64, immutable(), f, v::CLOSURE_CODE);
            self.tail_call_code(code, f, args);
            self.tail_slow_path(slow, f, n, slow_ref, &all);
            None
        } else {
            self.budget = 0;
            let join = self.b.create_block();
            let result = self.b.append_block_param(join, I64);
            self.b.switch_to_block(fast);
            let code = self.b.ins().load(I64, immutable(), f, v::CLOSURE_CODE);
            let sig = lambda_signature(self.sh.module, n);
            let sig = self.b.import_signature(sig);
            let call = self.b.ins().call_indirect(sig, code, &all);
            let r = self.b.inst_results(call)[0];
            self.b.ins().jump(join, &[BlockArg::Value(r)]);
            self.b.switch_to_block(slow);
            let call = self.b.ins().call(slow_ref, &all);
            let r = self.b.inst_results(call)[0];
            self.b.ins().jump(join, &[BlockArg::Value(r)]);
            self.b.switch_to_block(join);
            self.b.declare_value_needs_stack_map(result);
            Some(result)
        }
    }

    /// The slow path of an unknown tail call, block `slow`, reached when `f`
    /// is not a closure or its arity word is not `n`. A callee with a rest
    /// parameter taking `n` arguments (arity word `-(k+1)`, `k <= n`) is
    /// tail-called through `closc_slowcall_N`, which makes the rest list.
    /// Anything else is an error: then `closc_slowcall_N` is called, not
    /// tail-called, so that this frame, stopped at the call's position, is
    /// still on the stack when it raises (a tail call would have left it, and
    /// the error would have no position but some caller's). The fast path is
    /// untouched.
    fn tail_slow_path(
        &mut self,
        slow: Block,
        f: Value,
        n: usize,
        slowcall: FuncRef,
        all: &[Value],
    ) {
        let rest_callee = self.b.create_block();
        let error = self.b.create_block();
        self.b.set_cold_block(rest_callee);
        self.b.set_cold_block(error);
        self.b.switch_to_block(slow);
        let is_closure = self.has_tag(f, v::TAG_CLOSURE);
        let check_rest = self.b.create_block();
        self.b.set_cold_block(check_rest);
        self.b.ins().brif(is_closure, check_rest, &[], error, &[]);
        self.b.switch_to_block(check_rest);
        let arity = self.b.ins().load(I64, immutable(), f, v::CLOSURE_ARITY);
        // arity in [-(n+1), -1], as one unsigned compare.
        let shifted = self.b.ins().iadd_imm_s(arity, n as i64 + 1);
        let takes_n = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, shifted, n as i64 + 1);
        self.b.ins().brif(takes_n, rest_callee, &[], error, &[]);
        self.b.switch_to_block(rest_callee);
        self.b.ins().return_call(slowcall, all);
        self.b.switch_to_block(error);
        let call = self.b.ins().call(slowcall, all);
        let r = self.b.inst_results(call)[0];
        self.b.ins().return_(&[r]);
    }

    /// Calls builtin `b`'s runtime entry with already evaluated arguments.
    /// One that neither allocates nor raises is called directly: it cannot
    /// collect, and no error unwinds from it, so it needs no trampoline.
    pub(super) fn call_builtin(&mut self, b: BuiltinId, vals: &[Value]) -> Value {
        let f = self.sh.builtin(b);
        let props = b.builtin().props;
        let call = |fx: &mut Self, args: &[Value]| {
            if props.allocates || props.can_raise {
                fx.call_rt(f, args)
            } else {
                fx.call_c(f, args)
            }
        };
        let x = match b.builtin().entry {
            Entry::Varargs(_) => {
                let slot = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    (vals.len().max(1) * 8) as u32,
                    3,
                ));
                for (i, &x) in vals.iter().enumerate() {
                    let addr = self.b.ins().stack_addr(I64, slot, (i * 8) as i32);
                    self.b.ins().store(MemFlagsData::trusted(), x, addr, 0);
                }
                let argv = self.b.ins().stack_addr(I64, slot, 0);
                let argc = self.iconst(vals.len() as u64);
                call(self, &[argc, argv])
            }
            _ => call(self, vals),
        };
        self.b.declare_value_needs_stack_map(x);
        x
    }
}
