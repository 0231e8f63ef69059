//! Generated glue between compiled code, the runtime and unknown callees:
//! the runtime-call trampolines (`closc_rtcall_N`, `closc_alloc_trampoline`),
//! the collect-and-re-enter helpers (`closc_gc_reenter_N`), the slow path of
//! unknown calls (`closc_slowcall_N`), `closc_apply` and
//! `closc_raise_pending`.
//!
//! Each helper is declared on first use while the program's code is built,
//! and defined afterwards only if declared; defining one never needs another.

use super::runtime_abi::{c_signature, declare_helper, lambda_signature};
use super::shared::Shared;
use super::{immutable, I64};
use crate::ir::LambdaId;
use closcrt::abi::RtEntry;
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    BlockArg, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Value,
};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{FuncId, Linkage, Module};

impl<'m, M: Module> Shared<'m, M> {
    /// The trampoline through which compiled code calls a runtime function of
    /// `n` arguments that may allocate (declared on first use).
    pub(super) fn trampoline(&mut self, n: usize) -> FuncId {
        if let Some(&f) = self.trampolines.get(&n) {
            return f;
        }
        let f = self
            .module
            .declare_function(
                &format!("closc_rtcall_{n}"),
                Linkage::Local,
                &c_signature(self.call_conv_c, n + 1),
            )
            .expect("trampoline names are unique");
        self.trampolines.insert(n, f);
        f
    }

    /// `closc_gc_reenter_N(closure, a1..a{N-1})`, for lambdas taking `N`
    /// values counting the closure (code address and byte count come through
    /// `closc_heap_state`): declared on first use.
    pub(super) fn reenter(&mut self, nvalues: usize) -> FuncId {
        if let Some(&f) = self.reenter_funcs.get(&nvalues) {
            return f;
        }
        // The same signature as the lambdas it serves.
        let sig = lambda_signature(self.module, nvalues - 1);
        let f = self
            .module
            .declare_function(&format!("closc_gc_reenter_{nvalues}"), Linkage::Local, &sig)
            .expect("helper names are unique");
        self.reenter_funcs.insert(nvalues, f);
        f
    }

    /// `closc_gc_reenter_N`: a lambda found less than its reservation free in
    /// the nursery at entry and tail-called this with its own code address, the
    /// bytes it needs and its arguments. Collect with the arguments as explicit
    /// roots (the walk of the frames below starts at this frame), then call the
    /// lambda again with the moved arguments.
    pub(super) fn define_reenter(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
        nvalues: usize,
    ) -> Result<(), String> {
        let id = self.reenter_funcs[&nvalues];
        self.build_function(
            ctx,
            fctx,
            id,
            lambda_signature(self.module, nvalues - 1),
            |fx, params| {
                let values = params;
                let state = fx.heap_state();
                let code =
                    fx.b.ins()
                        .load(I64, MemFlagsData::trusted(), state, v::HEAP_REENTER_CODE);
                let bytes =
                    fx.b.ins()
                        .load(I64, MemFlagsData::trusted(), state, v::HEAP_REENTER_BYTES);
                let slot = fx.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    (values.len() * 8) as u32,
                    3,
                ));
                for (i, &x) in values.iter().enumerate() {
                    let addr = fx.b.ins().stack_addr(I64, slot, (i * 8) as i32);
                    fx.b.ins().store(MemFlagsData::trusted(), x, addr, 0);
                }
                fx.enter_runtime(state);
                let roots = fx.b.ins().stack_addr(I64, slot, 0);
                let n = fx.iconst(values.len() as u64);
                let reserve = fx.sh.rt[RtEntry::Reserve];
                fx.call_c(reserve, &[roots, n, bytes]);
                fx.leave_runtime(state);
                let moved: Vec<Value> = (0..values.len())
                    .map(|i| {
                        let addr = fx.b.ins().stack_addr(I64, slot, (i * 8) as i32);
                        fx.b.ins().load(I64, MemFlagsData::trusted(), addr, 0)
                    })
                    .collect();
                let sig =
                    fx.b.import_signature(lambda_signature(fx.sh.module, nvalues - 1));
                fx.b.ins().return_call_indirect(sig, code, &moved);
            },
        )
    }

    /// Trampolines: small C-convention functions between compiled code and
    /// runtime functions that may allocate. Each records its own frame pointer
    /// in `closc_heap_state.last_fp`, so the collector can start its walk of
    /// the Scheme frames there: the saved return address in that frame is the
    /// call site, with its stack map, in the compiled caller.
    ///
    /// `closc_rtcall_N(f, a1..aN)` calls `f(a1..aN)` and, if the runtime asked
    /// for a collection meanwhile, collects before returning the (moved) result.
    /// `closc_alloc_trampoline(words)` is the allocation slow path.
    pub(super) fn define_trampolines(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        // Each helper only if some code uses it: compiling one costs about
        // 0.1 ms, a measurable part of `closc run` start-up for small programs.
        if let Some(id) = self.alloc_trampoline {
            self.build_function(
                ctx,
                fctx,
                id,
                c_signature(self.call_conv_c, 1),
                |fx, params| {
                    let words = params[0];
                    let state = fx.heap_state();
                    fx.enter_runtime(state);
                    let alloc_slow = fx.sh.rt[RtEntry::AllocSlow];
                    let raw = fx.call_c(alloc_slow, &[words]);
                    fx.leave_runtime(state);
                    fx.b.ins().return_(&[raw]);
                },
            )?;
        }
        self.define_direct_adapter(ctx, fctx)?;
        let mut arities: Vec<usize> = self.trampolines.keys().copied().collect();
        arities.sort();
        for n in arities {
            let id = self.trampolines[&n];
            self.build_function(
                ctx,
                fctx,
                id,
                c_signature(self.call_conv_c, n + 1),
                |fx, params| {
                    let state = fx.heap_state();
                    fx.enter_runtime(state);
                    let sig = fx.b.import_signature(c_signature(fx.sh.call_conv_c, n));
                    let call = fx.b.ins().call_indirect(sig, params[0], &params[1..]);
                    let result = fx.b.inst_results(call)[0];
                    // Collect if asked to, or if less than RUNTIME_CALL_ROOM is
                    // left: the caller may allocate that much unchecked.
                    let requested =
                        fx.b.ins()
                            .load(I64, MemFlagsData::trusted(), state, v::HEAP_GC_REQUESTED);
                    let ptr =
                        fx.b.ins()
                            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_PTR);
                    let limit =
                        fx.b.ins()
                            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_LIMIT);
                    let room = fx.b.ins().isub(limit, ptr);
                    let short = fx.b.ins().icmp_imm_s(
                        IntCC::SignedLessThan,
                        room,
                        v::RUNTIME_CALL_ROOM as i64,
                    );
                    let short = fx.b.ins().uextend(I64, short);
                    let requested = fx.b.ins().bor(requested, short);
                    let collect = fx.b.create_block();
                    let done = fx.b.create_block();
                    let out = fx.b.append_block_param(done, I64);
                    fx.b.set_cold_block(collect);
                    fx.b.ins()
                        .brif(requested, collect, &[], done, &[BlockArg::Value(result)]);
                    fx.b.switch_to_block(collect);
                    let gc_after_call = fx.sh.rt[RtEntry::GcAfterCall];
                    let moved = fx.call_c(gc_after_call, &[result]);
                    fx.b.ins().jump(done, &[BlockArg::Value(moved)]);
                    fx.b.switch_to_block(done);
                    fx.leave_runtime(state);
                    fx.b.ins().return_(&[out]);
                },
            )?;
        }
        Ok(())
    }

    /// `closc_alloc_trampoline(words)`, the allocation slow path.
    pub(super) fn alloc_trampoline(&mut self) -> FuncId {
        let sig = c_signature(self.call_conv_c, 1);
        declare_helper(
            self.module,
            &mut self.alloc_trampoline,
            "closc_alloc_trampoline",
            &sig,
        )
    }

    pub(super) fn slowcall(&mut self, n: usize) -> FuncId {
        if let Some(&f) = self.slowcall_funcs.get(&n) {
            return f;
        }
        let sig = lambda_signature(self.module, n);
        let f = self
            .module
            .declare_function(&format!("closc_slowcall_{n}"), Linkage::Local, &sig)
            .expect("helper names are unique");
        self.slowcall_funcs.insert(n, f);
        f
    }

    pub(super) fn apply(&mut self) -> FuncId {
        let sig = lambda_signature(self.module, 1);
        declare_helper(self.module, &mut self.apply_func, "closc_apply", &sig)
    }

    /// `closc_raise_pending`: the runtime jumps here (`exceptions.rs`) with
    /// the stack pointer at a return address into a Scheme frame stopped at a
    /// call, as if that frame had called it. Calls the handler the runtime
    /// left in `closc_heap_state` with the raised object; a handler that
    /// returns gets the secondary error of `closc_rt_handler_returned`.
    pub(super) fn define_raise_pending(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        let id = self.raise_pending;
        self.build_function(ctx, fctx, id, lambda_signature(self.module, 0), |fx, _| {
            let state = fx.heap_state();
            let h =
                fx.b.ins()
                    .load(I64, MemFlagsData::trusted(), state, v::HEAP_PENDING_HANDLER);
            let x =
                fx.b.ins()
                    .load(I64, MemFlagsData::trusted(), state, v::HEAP_PENDING_OBJ);
            fx.b.declare_value_needs_stack_map(h);
            fx.b.declare_value_needs_stack_map(x);
            let zero = fx.iconst(0);
            fx.b.ins().store(
                MemFlagsData::trusted(),
                zero,
                state,
                v::HEAP_PENDING_HANDLER,
            );
            fx.b.ins()
                .store(MemFlagsData::trusted(), zero, state, v::HEAP_PENDING_OBJ);
            fx.clo = zero;
            fx.unknown_call(h, &[x], false);
            let returned = fx.sh.rt[RtEntry::HandlerReturned];
            fx.call_rt_noreturn(returned, &[x]);
        })
    }

    /// `closc_slowcall_N(f, a1..aN)`: everything an unknown call does when the
    /// inline check (closure tag, arity word == N) fails. `fixed_entries`
    /// are the wrappers of variadic builtins that have an entry for N
    /// arguments (`variadic_entries.rs`): such a callee is entered there,
    /// without a rest list. A `case-lambda` procedure enters its first clause
    /// that accepts N arguments, as this would enter that clause.
    pub(super) fn define_slowcall(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
        n: usize,
        fixed_entries: &[(LambdaId, FuncId)],
    ) -> Result<(), String> {
        let id = self.slowcall_funcs[&n];
        self.build_function(
            ctx,
            fctx,
            id,
            lambda_signature(self.module, n),
            |fx, params| {
                let (f, args) = (params[0], params[1..].to_vec());
                for &p in params {
                    fx.b.declare_value_needs_stack_map(p);
                }
                fx.check_closure(f);
                let arity = fx.b.ins().load(I64, immutable(), f, v::CLOSURE_ARITY);
                let code = fx.b.ins().load(I64, immutable(), f, v::CLOSURE_CODE);
                let exact = fx.b.create_block();
                let not_exact = fx.b.create_block();
                let is_n = fx.b.ins().icmp_imm_s(IntCC::Equal, arity, n as i64);
                fx.b.ins().brif(is_n, exact, &[], not_exact, &[]);
                fx.b.switch_to_block(exact);
                fx.tail_call_code(code, f, &args);
                let error = fx.b.create_block();
                fx.b.set_cold_block(error);
                // From here on only a rest list can fit: `with_rest` enters
                // `callee` (`f` or one of its clauses) given its arity word
                // and code.
                let with_rest = fx.b.create_block();
                let callee = fx.b.append_block_param(with_rest, I64);
                fx.b.declare_value_needs_stack_map(callee);
                let callee_arity = fx.b.append_block_param(with_rest, I64);
                let callee_code = fx.b.append_block_param(with_rest, I64);
                fx.b.switch_to_block(not_exact);
                let is_case =
                    fx.b.ins()
                        .icmp_imm_s(IntCC::Equal, arity, v::CASE_LAMBDA_ARITY);
                let case = fx.b.create_block();
                let f_args = [f, arity, code].map(BlockArg::Value);
                fx.b.ins().brif(is_case, case, &[], with_rest, &f_args);
                fx.b.switch_to_block(case);
                fx.enter_case_clause(f, &args, with_rest, error);
                // A rest-parameter callee needing k <= n required arguments:
                // arity = -(k+1), i.e. arity in [-(n+1), -1].
                fx.b.switch_to_block(with_rest);
                for k in 0..=n {
                    let next = fx.b.create_block();
                    let this = fx.b.create_block();
                    let is_k =
                        fx.b.ins()
                            .icmp_imm_s(IntCC::Equal, callee_arity, -(k as i64 + 1));
                    fx.b.ins().brif(is_k, this, &[], next, &[]);
                    fx.b.switch_to_block(this);
                    if k == 0 {
                        for &(wrapper, entry) in fixed_entries {
                            let is_wrapper = fx.b.create_block();
                            let other = fx.b.create_block();
                            let w = fx.func_ref(fx.sh.lambda_funcs[wrapper]);
                            let addr = fx.b.ins().func_addr(I64, w);
                            let same = fx.b.ins().icmp(IntCC::Equal, callee_code, addr);
                            fx.b.ins().brif(same, is_wrapper, &[], other, &[]);
                            fx.b.switch_to_block(is_wrapper);
                            let e = fx.func_ref(entry);
                            let mut entry_args = vec![callee];
                            entry_args.extend(&args);
                            fx.b.ins().return_call(e, &entry_args);
                            fx.b.switch_to_block(other);
                        }
                    }
                    let rest = fx.list_from(&args[k..]);
                    let mut call_args = args[..k].to_vec();
                    call_args.push(rest);
                    fx.tail_call_code(callee_code, callee, &call_args);
                    fx.b.switch_to_block(next);
                }
                fx.b.ins().jump(error, &[]);
                fx.b.switch_to_block(error);
                let got = fx.b.ins().iconst(I64, n as i64);
                let arity_error = fx.sh.rt[RtEntry::ArityError];
                fx.call_rt_noreturn(arity_error, &[f, got]);
            },
        )
    }

    /// `closc_apply(f, list)`: calls `f` with the elements of `list`, for every
    /// fixed arity and rest-parameter shape that occurs in the program.
    pub(super) fn define_apply(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        let max_fixed = self
            .program
            .functions
            .iter()
            .filter(|f| f.rest.is_none())
            .map(|f| f.params.len())
            .max();
        let max_required = self
            .program
            .functions
            .iter()
            .filter(|f| f.rest.is_some())
            .map(|f| f.params.len())
            .max();
        let id = self.apply_func.expect("declared before definition");
        self.build_function(
            ctx,
            fctx,
            id,
            lambda_signature(self.module, 1),
            |fx, params| {
                let (f, list) = (params[0], params[1]);
                fx.b.declare_value_needs_stack_map(f);
                fx.b.declare_value_needs_stack_map(list);
                fx.check_closure(f);
                let arity = fx.b.ins().load(I64, immutable(), f, v::CLOSURE_ARITY);
                let code = fx.b.ins().load(I64, immutable(), f, v::CLOSURE_CODE);
                let error = fx.b.create_block();
                fx.b.set_cold_block(error);
                // (arity value to match, number of list elements to pass, rest?)
                let mut shapes: Vec<(i64, usize, bool)> = Vec::new();
                if let Some(m) = max_fixed {
                    shapes.extend((0..=m).map(|k| (k as i64, k, false)));
                }
                if let Some(m) = max_required {
                    shapes.extend((0..=m).map(|k| (-(k as i64) - 1, k, true)));
                }
                for (arity_value, k, rest) in shapes {
                    let this = fx.b.create_block();
                    let next = fx.b.create_block();
                    let matches = fx.b.ins().icmp_imm_s(IntCC::Equal, arity, arity_value);
                    fx.b.ins().brif(matches, this, &[], next, &[]);
                    fx.b.switch_to_block(this);
                    let mut args = Vec::new();
                    let mut l = list;
                    for _ in 0..k {
                        let ok = fx.b.create_block();
                        let is_pair = fx.has_tag(l, v::TAG_PAIR);
                        fx.b.ins().brif(is_pair, ok, &[], error, &[]);
                        fx.b.switch_to_block(ok);
                        let x =
                            fx.b.ins()
                                .load(I64, MemFlagsData::trusted(), l, v::PAIR_CAR);
                        // Live across the allocation in `copy_list` below.
                        fx.b.declare_value_needs_stack_map(x);
                        args.push(x);
                        l =
                            fx.b.ins()
                                .load(I64, MemFlagsData::trusted(), l, v::PAIR_CDR);
                    }
                    if rest {
                        let fresh = fx.rest_list_for(code, l, k);
                        args.push(fresh);
                    } else {
                        let ok = fx.b.create_block();
                        let is_nil = fx.b.ins().icmp_imm_s(IntCC::Equal, l, v::NIL as i64);
                        fx.b.ins().brif(is_nil, ok, &[], error, &[]);
                        fx.b.switch_to_block(ok);
                    }
                    fx.tail_call_code(code, f, &args);
                    fx.b.switch_to_block(next);
                }
                // A `case-lambda` procedure: its clause that fits, applied.
                let case = fx.b.create_block();
                let is_case =
                    fx.b.ins()
                        .icmp_imm_s(IntCC::Equal, arity, v::CASE_LAMBDA_ARITY);
                fx.b.ins().brif(is_case, case, &[], error, &[]);
                fx.b.switch_to_block(case);
                let clause = fx.call_rt(fx.sh.rt[RtEntry::CaseClause], &[f, list]);
                let apply = fx.func_ref(id);
                fx.b.ins().return_call(apply, &[clause, list]);
                fx.b.switch_to_block(error);
                let arity_error = fx.sh.rt[RtEntry::ArityErrorList];
                fx.call_rt_noreturn(arity_error, &[f, list]);
            },
        )
    }
}
