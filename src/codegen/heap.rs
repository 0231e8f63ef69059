//! Inline allocation and the write barrier: bump allocation in the nursery
//! (unchecked within the bytes reserved at entry, see `reserve.rs`), the
//! entry reservation and poll, and the remembered-set barrier after a store
//! into a heap object.
//!
//! Invariant: a path allocates unchecked only while `FnCx::budget` covers
//! it; anything that may collect sets the budget to what is guaranteed after
//! it.

use super::lower::FnCx;
use super::I64;
use crate::ir::LambdaId;
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{Block, BlockArg, InstBuilder, MemFlagsData, Opcode, Value, ValueDef};
use cranelift_module::{FuncId, Module};

/// Vectors at least this long are remembered by slot rather than whole.
const LARGE_VECTOR_LENGTH: i64 = 4096;

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    /// Start of a function whose direct calls may allocate but which makes no
    /// entry reservation: collect here if a direct call asked for it, so a
    /// loop that allocates only through direct calls still collects.
    pub(super) fn poll_at_entry(&mut self, id: LambdaId, params: &[Value]) {
        let requested = self.gc_requested();
        let code = self.sh.lambda_funcs[id];
        self.collect_and_reenter_if(requested, code, 0, params);
    }

    /// Whether a direct call asked for a collection (non-zero if so).
    pub(super) fn gc_requested(&mut self) -> Value {
        let state = self.heap_state();
        self.b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_GC_REQUESTED)
    }

    /// Allocates `words` words and stores `header` (a pair has none);
    /// returns the tagged pointer.
    /// The fast path bumps the nursery pointer inline; the slow path goes
    /// through `closc_alloc_trampoline` (which may collect).
    pub(super) fn alloc(&mut self, words: usize, header: Option<u64>, tag: u64) -> Value {
        let bytes = words * 8;
        let state = self.heap_state();
        let ptr = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_PTR);
        let next = self.b.ins().iadd_imm_s(ptr, bytes as i64);
        let raw = if self.budget >= bytes {
            // Reserved at entry: no limit check, no slow path.
            self.budget -= bytes;
            self.b
                .ins()
                .store(MemFlagsData::trusted(), next, state, v::HEAP_ALLOC_PTR);
            ptr
        } else {
            self.budget = 0;
            let limit = self
                .b
                .ins()
                .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_LIMIT);
            let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, next, limit);
            let fast = self.b.create_block();
            let slow = self.b.create_block();
            let join = self.b.create_block();
            let raw = self.b.append_block_param(join, I64);
            self.b.set_cold_block(slow);
            self.b.ins().brif(full, slow, &[], fast, &[]);
            self.b.switch_to_block(fast);
            self.b
                .ins()
                .store(MemFlagsData::trusted(), next, state, v::HEAP_ALLOC_PTR);
            self.b.ins().jump(join, &[BlockArg::Value(ptr)]);
            self.b.switch_to_block(slow);
            let n = self.iconst(words as u64);
            let tramp = self.sh.alloc_trampoline();
            let p = self.call_c(tramp, &[n]);
            self.b.ins().jump(join, &[BlockArg::Value(p)]);
            self.b.switch_to_block(join);
            raw
        };
        if let Some(header) = header {
            let h = self.iconst(header);
            self.b.ins().store(MemFlagsData::trusted(), h, raw, 0);
        }
        let tagged = self.b.ins().iadd_imm_s(raw, tag as i64);
        self.b.declare_value_needs_stack_map(tagged);
        tagged
    }

    /// The nursery's start address and size: an object `x` is young when
    /// `x - start < size`, unsigned (the write barrier's test).
    /// `state` is the heap state's address (`heap_state`).
    pub(super) fn nursery_bounds(&mut self, state: Value) -> (Value, Value) {
        let start = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_NURSERY_START);
        let size = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_NURSERY_SIZE);
        (start, size)
    }

    /// At the entry of lambda `id`: make sure `bytes` are free in the nursery,
    /// else tail-call `closc_gc_reenter_N` to collect and come back.
    pub(super) fn reserve_at_entry(&mut self, id: LambdaId, bytes: usize, params: &[Value]) {
        let state = self.heap_state();
        let ptr = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_PTR);
        let limit = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_LIMIT);
        let next = self.b.ins().iadd_imm_s(ptr, bytes as i64);
        let short = self.b.ins().icmp(IntCC::UnsignedGreaterThan, next, limit);
        let code = self.sh.lambda_funcs[id];
        self.collect_and_reenter_if(short, code, bytes, params);
        self.budget = bytes;
    }

    /// When `cond` holds: collect, with `params` as roots, making `bytes` of
    /// room, and call function `code` (the one being built) again (a tail
    /// call through `closc_gc_reenter_N`).
    pub(super) fn collect_and_reenter_if(
        &mut self,
        cond: Value,
        code: FuncId,
        bytes: usize,
        params: &[Value],
    ) {
        let collect = self.b.create_block();
        let body = self.b.create_block();
        self.b.set_cold_block(collect);
        self.b.ins().brif(cond, collect, &[], body, &[]);
        self.b.switch_to_block(collect);
        // Read here, not before the branch: the copy of the pinned register
        // would be an instruction on every entry's hot path.
        let state = self.heap_state();
        let me = self.func_ref(code);
        let code = self.b.ins().func_addr(I64, me);
        let need = self.iconst(bytes as u64);
        let reenter = self.sh.reenter(params.len());
        let reenter = self.func_ref(reenter);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), code, state, v::HEAP_REENTER_CODE);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), need, state, v::HEAP_REENTER_BYTES);
        self.b.ins().return_call(reenter, params);
        self.b.switch_to_block(body);
    }

    /// Write barrier after storing `val` into the object `obj`: an old object
    /// that now points into the nursery joins the remembered set.
    pub(super) fn write_barrier(
        &mut self,
        obj: Value,
        val: Value,
        slot_base: Value,
        slot_offset: i32,
    ) {
        self.write_barrier_maybe_large(obj, val, slot_base, slot_offset, false)
    }

    /// The write barrier, entirely inline (no call, so no value of the
    /// function is spilled for it): set the object's remembered bit and append
    /// it to the store buffer; a big vector (`may_be_large`) appends the
    /// slot's address instead. A full buffer sets `ssb_overflow`.
    pub(super) fn write_barrier_maybe_large(
        &mut self,
        obj: Value,
        val: Value,
        slot_base: Value,
        slot_offset: i32,
        may_be_large: bool,
    ) {
        let Some((state, done)) = self.barrier_test(obj, val) else {
            return;
        };
        let addr = self.b.ins().band_imm_s(obj, !(v::TAG_MASK as i64));
        let h = self.b.ins().load(I64, MemFlagsData::trusted(), addr, 0);
        let push = self.b.create_block();
        let entry = self.b.append_block_param(push, I64);
        let check_bit = self.b.create_block();
        if may_be_large {
            // A big vector is remembered by slot (entry = slot address | 1),
            // so that a minor collection need not rescan all of it.
            let length = self.b.ins().ushr_imm_s(h, 8);
            let big = self.b.ins().icmp_imm_u(
                IntCC::UnsignedGreaterThanOrEqual,
                length,
                LARGE_VECTOR_LENGTH,
            );
            let by_slot = self.b.create_block();
            self.b.set_cold_block(by_slot);
            self.b.set_cold_block(check_bit);
            self.b.ins().brif(big, by_slot, &[], check_bit, &[]);
            self.b.switch_to_block(by_slot);
            let slot = self.b.ins().iadd_imm_s(slot_base, slot_offset as i64);
            let tagged_slot = self.b.ins().bor_imm_s(slot, 1);
            self.b.ins().jump(push, &[BlockArg::Value(tagged_slot)]);
        } else {
            self.b.set_cold_block(check_bit);
            self.b.ins().jump(check_bit, &[]);
        }
        self.b.switch_to_block(check_bit);
        let bit = self.b.ins().band_imm_s(h, v::REMEMBERED_BIT as i64);
        let mark = self.b.create_block();
        self.b.set_cold_block(mark);
        self.b.ins().brif(bit, done, &[], mark, &[]);
        self.b.switch_to_block(mark);
        let marked = self.b.ins().bor_imm_s(h, v::REMEMBERED_BIT as i64);
        self.b.ins().store(MemFlagsData::trusted(), marked, addr, 0);
        self.b.ins().jump(push, &[BlockArg::Value(addr)]);
        self.b.set_cold_block(push);
        self.b.switch_to_block(push);
        self.ssb_append(state, entry, done);
    }

    /// Whether the barrier is needed: `val` young and `obj` old (a cold
    /// block `slow` is made for it; the caller continues there, and both
    /// paths end at the returned `done` block, not yet switched to). `None`
    /// when `val` is a constant: an immediate (quoted heap data comes from
    /// the constants table, not from `iconst`), never young.
    fn barrier_test(&mut self, obj: Value, val: Value) -> Option<(Value, Block)> {
        if let ValueDef::Result(inst, _) = self.b.func.dfg.value_def(val) {
            if self.b.func.dfg.insts[inst].opcode() == Opcode::Iconst {
                return None;
            }
        }
        let state = self.heap_state();
        let (start, size) = self.nursery_bounds(state);
        let val_off = self.b.ins().isub(val, start);
        let val_young = self.b.ins().icmp(IntCC::UnsignedLessThan, val_off, size);
        let obj_off = self.b.ins().isub(obj, start);
        let obj_old = self
            .b
            .ins()
            .icmp(IntCC::UnsignedGreaterThanOrEqual, obj_off, size);
        let needed = self.b.ins().band(val_young, obj_old);
        let slow = self.b.create_block();
        let done = self.b.create_block();
        self.b.set_cold_block(slow);
        self.b.ins().brif(needed, slow, &[], done, &[]);
        self.b.switch_to_block(slow);
        Some((state, done))
    }

    /// The write barrier after a store of `val` into pair `pair` (a pair's
    /// field): an old pair, which lives in a pair chunk and has no header,
    /// has its remembered bit in the chunk's bitmap (`PAIR_CHUNK_BITMAP`);
    /// the first store that sets it appends the pair to the store buffer
    /// (address | `SSB_PAIR_ENTRY`), so a pair is in the buffer once however
    /// often it is stored into.
    pub(super) fn write_barrier_pair(&mut self, pair: Value, val: Value) {
        let Some((state, done)) = self.barrier_test(pair, val) else {
            return;
        };
        let addr = self.b.ins().iadd_imm_s(pair, -(v::TAG_PAIR as i64));
        let chunk = self.b.ins().band_imm_s(addr, !(v::CHUNK_BYTES as i64 - 1));
        let offset = self.b.ins().band_imm_s(addr, v::CHUNK_BYTES as i64 - 1);
        let index = self
            .b
            .ins()
            .ushr_imm_s(offset, v::PAIR_BYTES.trailing_zeros() as i64);
        let byte_offset = self.b.ins().ushr_imm_s(index, 3);
        let byte_addr = self.b.ins().iadd(chunk, byte_offset);
        let bit_number = self.b.ins().band_imm_s(index, 7);
        let one = self.iconst(1);
        let mask = self.b.ins().ishl(one, bit_number);
        let byte = self
            .b
            .ins()
            .uload8(I64, MemFlagsData::trusted(), byte_addr, 0);
        let set = self.b.ins().band(byte, mask);
        let mark = self.b.create_block();
        self.b.set_cold_block(mark);
        self.b.ins().brif(set, done, &[], mark, &[]);
        self.b.switch_to_block(mark);
        let marked = self.b.ins().bor(byte, mask);
        self.b
            .ins()
            .istore8(MemFlagsData::trusted(), marked, byte_addr, 0);
        let entry = self.b.ins().bor_imm_s(addr, v::SSB_PAIR_ENTRY as i64);
        self.ssb_append(state, entry, done);
    }

    /// Appends `entry` to the store buffer (setting `ssb_overflow` when it
    /// is full) and jumps to `done`, which becomes the current block.
    fn ssb_append(&mut self, state: Value, entry: Value, done: Block) {
        let p = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_SSB_PTR);
        let end = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_SSB_END);
        let full = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, p, end);
        let store = self.b.create_block();
        let overflow = self.b.create_block();
        self.b.set_cold_block(store);
        self.b.set_cold_block(overflow);
        self.b.ins().brif(full, overflow, &[], store, &[]);
        self.b.switch_to_block(store);
        self.b.ins().store(MemFlagsData::trusted(), entry, p, 0);
        let next = self.b.ins().iadd_imm_s(p, 8);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), next, state, v::HEAP_SSB_PTR);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(overflow);
        let one = self.iconst(1);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), one, state, v::HEAP_SSB_OVERFLOW);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// A new pair: two words, no header.
    pub(super) fn cons(&mut self, car: Value, cdr: Value) -> Value {
        let p = self.alloc(v::PAIR_BYTES / 8, None, v::TAG_PAIR);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), car, p, v::PAIR_CAR);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), cdr, p, v::PAIR_CDR);
        p
    }

    pub(super) fn list_from(&mut self, items: &[Value]) -> Value {
        let mut l = self.iconst(v::NIL);
        for &x in items.iter().rev() {
            l = self.cons(x, l);
        }
        l
    }
}
