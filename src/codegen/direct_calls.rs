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
//!
//! The generic arithmetic and comparisons (`closc_num_*`) go through an
//! adapter of their own with a *flonum lane*: two flonums, or a flonum and a
//! fixnum the runtime would convert (`flonum_operands`/`flonum_comparands`
//! in `builtins/numbers.rs`), are computed there and a result boxed from the
//! nursery, so the lane saves only the few registers it uses; anything else
//! calls the runtime function through `closc_direct_call_inner`, which saves
//! the rest. The arithmetic left to these slow paths is mostly such mixed or
//! unhinted flonum arithmetic, which otherwise spent most of its time saving
//! and restoring every register around the call.

use super::lower::FnCx;
use super::runtime_abi::{c_signature, declare_helper};
use super::shared::Shared;
use super::{immutable, I64};
use closcrt::abi::RtEntry;
use closcrt::memory::value as v;
use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::types::F64;
use cranelift_codegen::ir::{
    Block, BlockArg, FuncRef, Function, Inst, InstBuilder, MemFlagsData, Signature, Value,
};
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

/// The generic operations whose direct calls go through a flonum lane.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FlonumLane {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Lt,
    Gt,
    Le,
    Ge,
}

/// How many `FlonumLane`s there are.
pub(super) const LANES: usize = 9;

const ALL_LANES: [(FlonumLane, RtEntry, &str); LANES] = [
    (FlonumLane::Add, RtEntry::NumAdd, "closc_direct_add"),
    (FlonumLane::Sub, RtEntry::NumSub, "closc_direct_sub"),
    (FlonumLane::Mul, RtEntry::NumMul, "closc_direct_mul"),
    (FlonumLane::Div, RtEntry::NumDiv, "closc_direct_div"),
    (FlonumLane::Eq, RtEntry::NumEq, "closc_direct_eq"),
    (FlonumLane::Lt, RtEntry::NumLt, "closc_direct_lt"),
    (FlonumLane::Gt, RtEntry::NumGt, "closc_direct_gt"),
    (FlonumLane::Le, RtEntry::NumLe, "closc_direct_le"),
    (FlonumLane::Ge, RtEntry::NumGe, "closc_direct_ge"),
];

/// Fixnums up to this magnitude convert to `f64` exactly (a comparison
/// converts no other, as `flonum_comparands` does).
const EXACT_IN_F64: i64 = 1 << 53;

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

    /// The adapter of direct calls of runtime function `f`: its flonum
    /// lane's, or `closc_direct_call`.
    fn direct_adapter_for(&mut self, f: FuncId) -> FuncId {
        let lane = ALL_LANES
            .iter()
            .position(|&(_, entry, _)| self.rt[entry] == f);
        match lane {
            Some(i) => {
                let sig = direct_adapter_signature();
                declare_helper(self.module, &mut self.flonum_lanes[i], ALL_LANES[i].2, &sig)
            }
            None => self.direct_adapter(),
        }
    }

    /// The adapters direct calls used: `closc_direct_call` loads the
    /// target's address from `closc_direct_targets` and calls it with the
    /// arguments left in `closc_heap_state`; each flonum lane tries its
    /// operation first, then calls `closc_direct_call_inner`, which does
    /// the same without recording its frame (the lane has).
    pub(super) fn define_direct_adapter(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        if let Some(id) = self.direct_adapter {
            self.build_function(ctx, fctx, id, direct_adapter_signature(), |fx, _| {
                // An error raised inside the call unwinds from this frame's
                // caller (`exceptions.rs`).
                let state = fx.heap_state();
                let fp = fx.b.ins().get_frame_pointer(I64);
                fx.b.ins()
                    .store(MemFlagsData::trusted(), fp, state, v::HEAP_DIRECT_FP);
                fx.call_direct_target();
                let zero = fx.iconst(0);
                fx.b.ins()
                    .store(MemFlagsData::trusted(), zero, state, v::HEAP_DIRECT_FP);
                fx.b.ins().return_(&[]);
            })?;
        }
        for (&(lane, ..), slot) in ALL_LANES.iter().zip(self.flonum_lanes) {
            let Some(id) = slot else {
                continue;
            };
            let sig = direct_adapter_signature();
            let inner = declare_helper(
                self.module,
                &mut self.direct_inner,
                "closc_direct_call_inner",
                &sig,
            );
            self.build_function(ctx, fctx, id, direct_adapter_signature(), |fx, _| {
                fx.flonum_lane(lane, inner);
            })?;
        }
        if let Some(id) = self.direct_inner {
            self.build_function(ctx, fctx, id, direct_adapter_signature(), |fx, _| {
                fx.call_direct_target();
                fx.b.ins().return_(&[]);
            })?;
        }
        Ok(())
    }
}

impl<M: Module> FnCx<'_, '_, M> {
    /// Calls the direct call's target with the arguments in
    /// `closc_heap_state` and leaves its result there.
    fn call_direct_target(&mut self) {
        let state = self.heap_state();
        let load = |fx: &mut Self, offset: i32| {
            fx.b.ins().load(I64, MemFlagsData::trusted(), state, offset)
        };
        let index = load(self, v::HEAP_DIRECT_FN);
        let targets = self.data_addr(self.sh.direct_targets_data);
        let offset = self.b.ins().ishl_imm_u(index, 3);
        let slot = self.b.ins().iadd(targets, offset);
        let f = self.b.ins().load(I64, immutable(), slot, 0);
        let args: Vec<Value> = (0..3)
            .map(|i| load(self, v::HEAP_DIRECT_ARGS + 8 * i))
            .collect();
        let sig = self.b.import_signature(c_signature(self.sh.call_conv_c, 3));
        let call = self.b.ins().call_indirect(sig, f, &args);
        let result = self.b.inst_results(call)[0];
        self.b.ins().store(
            MemFlagsData::trusted(),
            result,
            state,
            v::HEAP_DIRECT_RESULT,
        );
    }

    /// The body of a flonum lane's adapter: `lane` on the operands in
    /// `closc_heap_state` when they are flonums or a flonum and a fixnum the
    /// runtime would convert the same way, else the runtime function through
    /// `inner`.
    fn flonum_lane(&mut self, lane: FlonumLane, inner: FuncId) {
        let state = self.heap_state();
        let flags = MemFlagsData::trusted();
        let fp = self.b.ins().get_frame_pointer(I64);
        self.b.ins().store(flags, fp, state, v::HEAP_DIRECT_FP);
        let x = self.b.ins().load(I64, flags, state, v::HEAP_DIRECT_ARGS);
        let y = self
            .b
            .ins()
            .load(I64, flags, state, v::HEAP_DIRECT_ARGS + 8);
        let slow = self.b.create_block();
        let comparison = !matches!(
            lane,
            FlonumLane::Add | FlonumLane::Sub | FlonumLane::Mul | FlonumLane::Div
        );
        // Two fixnums are the runtime's (an overflow, or an exact quotient).
        let both = self.b.ins().bor(x, y);
        let some_object = self.b.ins().band_imm_s(both, 1);
        let go = self.b.create_block();
        self.b.ins().brif(some_object, go, &[], slow, &[]);
        self.b.switch_to_block(go);
        let a = self.lane_operand(x, comparison, slow);
        let b = self.lane_operand(y, comparison, slow);
        let result = if comparison {
            let cc = match lane {
                FlonumLane::Eq => FloatCC::Equal,
                FlonumLane::Lt => FloatCC::LessThan,
                FlonumLane::Gt => FloatCC::GreaterThan,
                FlonumLane::Le => FloatCC::LessThanOrEqual,
                _ => FloatCC::GreaterThanOrEqual,
            };
            let holds = self.b.ins().fcmp(cc, a, b);
            self.bool_value(holds)
        } else {
            let r = match lane {
                FlonumLane::Add => self.b.ins().fadd(a, b),
                FlonumLane::Sub => self.b.ins().fsub(a, b),
                FlonumLane::Mul => self.b.ins().fmul(a, b),
                _ => self.b.ins().fdiv(a, b),
            };
            // A box from the nursery, leaving the room the caller keeps;
            // when there is none the runtime function allocates.
            let ptr = self.b.ins().load(I64, flags, state, v::HEAP_ALLOC_PTR);
            let next = self.b.ins().iadd_imm_s(ptr, 16);
            let keep = self
                .b
                .ins()
                .load(I64, flags, state, v::HEAP_DIRECT_ARGS + 16);
            let needed = self.b.ins().iadd(next, keep);
            let limit = self.b.ins().load(I64, flags, state, v::HEAP_ALLOC_LIMIT);
            let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, needed, limit);
            let room = self.b.create_block();
            self.b.ins().brif(full, slow, &[], room, &[]);
            self.b.switch_to_block(room);
            self.b.ins().store(flags, next, state, v::HEAP_ALLOC_PTR);
            let h = self.iconst(v::header(v::HDR_FLONUM, 1));
            self.b.ins().store(flags, h, ptr, 0);
            self.b.ins().store(flags, r, ptr, 8);
            self.b.ins().iadd_imm_s(ptr, v::TAG_OBJECT as i64)
        };
        self.b
            .ins()
            .store(flags, result, state, v::HEAP_DIRECT_RESULT);
        let done = self.b.create_block();
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(slow);
        let inner = self.func_ref(inner);
        self.b.ins().call(inner, &[]);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
        let zero = self.iconst(0);
        self.b.ins().store(flags, zero, state, v::HEAP_DIRECT_FP);
        self.b.ins().return_(&[]);
    }

    /// An operand of a flonum lane as an `f64`: a flonum's value, or a
    /// fixnum's when the runtime converts it too (arithmetic: other than 0,
    /// an exact identity there; comparison: exact in `f64`); else `slow`.
    fn lane_operand(&mut self, x: Value, comparison: bool, slow: Block) -> Value {
        let (fixnum, other, join) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        let value = self.b.append_block_param(join, F64);
        let low = self.b.ins().band_imm_s(x, 1);
        self.b.ins().brif(low, other, &[], fixnum, &[]);
        self.b.switch_to_block(fixnum);
        let n = self.b.ins().sshr_imm_s(x, 1);
        let ok = if comparison {
            let biased = self.b.ins().iadd_imm_s(n, EXACT_IN_F64);
            self.b
                .ins()
                .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, biased, 2 * EXACT_IN_F64)
        } else {
            self.b.ins().icmp_imm_s(IntCC::NotEqual, n, 0)
        };
        let convert = self.b.create_block();
        self.b.ins().brif(ok, convert, &[], slow, &[]);
        self.b.switch_to_block(convert);
        let f = self.b.ins().fcvt_from_sint(F64, n);
        self.b.ins().jump(join, &[BlockArg::Value(f)]);
        self.b.switch_to_block(other);
        let is_flonum = self.is_kind(x, v::HDR_FLONUM);
        let load = self.b.create_block();
        self.b.ins().brif(is_flonum, load, &[], slow, &[]);
        self.b.switch_to_block(load);
        let bits = self
            .b
            .ins()
            .load(F64, MemFlagsData::trusted(), x, v::FLONUM_BITS);
        self.b.ins().jump(join, &[BlockArg::Value(bits)]);
        self.b.switch_to_block(join);
        value
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
        let adapter = self.sh.direct_adapter_for(f);
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
