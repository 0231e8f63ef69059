//! Direct calls: calls of runtime functions that never collect, made with
//! no trampoline and no stack map through the preserve_all adapter
//! `closc_direct_call`, so the fast paths around them keep their registers.
//!
//! In: `FnCx::direct_call` emits a placeholder (`select keep, x, y`) and
//! records it. Out: `emit_direct_calls`, run by `build_function` once the
//! frontend has placed its stack-map spills, rewrites each placeholder into
//! stores to `closc_heap_state`, the adapter call and a load of the result;
//! `define_direct_adapter` defines the adapter if some code used it.
//! Invariant: only runtime functions that never collect are called this
//! way, since no value is spilled for them.

use super::lower::FnCx;
use super::runtime_abi::{c_signature, declare_helper};
use super::shared::Shared;
use super::{immutable, I64};
use closcrt::memory::value as v;
use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::ir::{FuncRef, Function, Inst, InstBuilder, MemFlagsData, Signature, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{FuncId, Module};

/// `closc_direct_call()`: preserve_all, so a call to it clobbers no register
/// of the caller; the function, its arguments and its result are passed in
/// `closc_heap_state`, so the call pins no register either.
pub(super) fn direct_adapter_signature() -> Signature {
    Signature::new(CallConv::PreserveAll)
}

/// A direct call waiting for `build_function` to emit it (see `direct_call`).
pub(super) struct DirectCall {
    pub(super) placeholder: Inst,
    /// Index of the runtime function in `closc_direct_targets`.
    pub(super) target: usize,
    pub(super) adapter: FuncRef,
}

impl<'m, M: Module> Shared<'m, M> {
    /// `closc_direct_call`, the adapter of direct calls (see `FnCx::direct_call`).
    pub(super) fn direct_adapter(&mut self) -> FuncId {
        let sig = direct_adapter_signature();
        declare_helper(
            self.module,
            &mut self.direct_adapter,
            "closc_direct_call",
            &sig,
        )
    }

    /// `closc_direct_call`, if some code uses it: loads the target's address
    /// from `closc_direct_targets` and calls it with the arguments left in
    /// `closc_heap_state`.
    pub(super) fn define_direct_adapter(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        if let Some(id) = self.direct_adapter {
            self.build_function(ctx, fctx, id, direct_adapter_signature(), |fx, _| {
                let state = fx.heap_state();
                // An error raised inside the call unwinds from this frame's
                // caller (`exceptions.rs`).
                let fp = fx.b.ins().get_frame_pointer(I64);
                fx.b.ins()
                    .store(MemFlagsData::trusted(), fp, state, v::HEAP_DIRECT_FP);
                let load = |fx: &mut FnCx<'_, '_, M>, offset: i32| {
                    fx.b.ins().load(I64, MemFlagsData::trusted(), state, offset)
                };
                let index = load(fx, v::HEAP_DIRECT_FN);
                let targets = fx.data_addr(fx.sh.direct_targets_data);
                let offset = fx.b.ins().ishl_imm_u(index, 3);
                let slot = fx.b.ins().iadd(targets, offset);
                let f = fx.b.ins().load(I64, immutable(), slot, 0);
                let args: Vec<Value> = (0..3)
                    .map(|i| load(fx, v::HEAP_DIRECT_ARGS + 8 * i))
                    .collect();
                let sig = fx.b.import_signature(c_signature(fx.sh.call_conv_c, 3));
                let call = fx.b.ins().call_indirect(sig, f, &args);
                let result = fx.b.inst_results(call)[0];
                let zero = fx.iconst(0);
                fx.b.ins()
                    .store(MemFlagsData::trusted(), zero, state, v::HEAP_DIRECT_FP);
                fx.b.ins().store(
                    MemFlagsData::trusted(),
                    result,
                    state,
                    v::HEAP_DIRECT_RESULT,
                );
                fx.b.ins().return_(&[]);
            })?;
        }
        Ok(())
    }
}

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    /// Calls runtime function `f(x, y, keep)` *directly*: no trampoline and no
    /// stack map, so Cranelift spills no value for it; through the preserve_all
    /// adapter `closc_direct_call`, so the call clobbers no register either and
    /// the fast paths around it keep their register allocation. Only for runtime
    /// functions that never collect (`gc::direct_call`); `keep` tells them how
    /// much reserved nursery room this path still counts on. Emitted as a
    /// placeholder that `build_function` turns into the call after the
    /// frontend has computed stack maps.
    pub(super) fn direct_call(&mut self, f: FuncId, x: Value, y: Value) -> Value {
        let target = match self.sh.direct_targets.iter().position(|&t| t == f) {
            Some(i) => i,
            None => {
                self.sh.direct_targets.push(f);
                self.sh.direct_targets.len() - 1
            }
        };
        let adapter = self.sh.direct_adapter();
        let adapter = self.func_ref(adapter);
        let keep = self.iconst(self.budget as u64);
        let placeholder = self.b.ins().select(keep, x, y);
        let placeholder_inst = self.b.func.dfg.value_def(placeholder).unwrap_inst();
        self.direct_calls.push(DirectCall {
            placeholder: placeholder_inst,
            target,
            adapter,
        });
        placeholder
    }
}

/// Turns the placeholders of `direct_calls` into calls. Run by
/// `build_function` after the frontend has placed its stack-map spills: it
/// treats every call as a safepoint, and these are not (see `direct_call`).
pub(super) fn emit_direct_calls(func: &mut Function, direct_calls: Vec<DirectCall>) {
    for d in direct_calls {
        let args = func.dfg.inst_args(d.placeholder).to_vec();
        // The placeholder is `select keep, x, y`; it becomes stores of
        // f's index, x, y, keep, the call `closc_direct_call()` and a
        // load of the result.
        let loc = func.srcloc(d.placeholder);
        let mut pos = FuncCursor::new(func)
            .at_inst(d.placeholder)
            .with_srcloc(loc);
        // The target by index, not address: a constant is rematerialized
        // where it is used, an address would be hoisted out of loops and
        // held in a register throughout.
        let f = pos.ins().iconst(I64, d.target as i64);
        let state = pos.ins().get_pinned_reg(I64);
        let flags = MemFlagsData::trusted();
        pos.ins().store(flags, f, state, v::HEAP_DIRECT_FN);
        for (i, &x) in [args[1], args[2], args[0]].iter().enumerate() {
            pos.ins()
                .store(flags, x, state, v::HEAP_DIRECT_ARGS + 8 * i as i32);
        }
        pos.ins().call(d.adapter, &[]);
        func.replace(d.placeholder).load(
            I64,
            MemFlagsData::trusted(),
            state,
            v::HEAP_DIRECT_RESULT,
        );
    }
}
