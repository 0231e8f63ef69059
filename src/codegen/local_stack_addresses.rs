//! IR rewrite: gives each call-free stretch of a function its own
//! `stack_addr` values, so that no stack address stays live across a call.

use super::I64;
use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::flowgraph::ControlFlowGraph;
use cranelift_codegen::ir::{
    Block, Function, InstBuilder, InstructionData, StackSlot, Value, ValueDef,
};
use std::collections::HashMap;

/// Keeps `stack_addr` values from living across calls. The frontend spills
/// values live across calls through `stack_addr`s, and the egraph's value
/// numbering merges equal ones, so one address could stay live across calls
/// in a callee-saved register (in fib, `lea (%rsp),%rbx` plus saving and
/// restoring `rbx` in every frame). Accesses to a slot share an address only
/// within a stretch of code no call interrupts: a block, continued into a
/// block whose only predecessor it is. Each stretch's address gets a distinct
/// offset pair (the address `k` bytes past the slot offset, the access `k`
/// bytes before it) that numbering cannot merge with another stretch's, and
/// lowering folds it into the accesses' addressing modes. Sharing within a
/// stretch keeps a load after a store to the same slot redundant, which the
/// egraph removes.
pub(super) fn keep_stack_addresses_local(func: &mut Function) {
    if func.sized_stack_slots.is_empty() {
        // No slot, no `stack_addr`: nothing to do, and no flow graph to build.
        return;
    }
    type Stretch = HashMap<(StackSlot, i32), (Value, i64)>;
    let cfg = ControlFlowGraph::with_function(func);
    let mut at_exit: HashMap<Block, Stretch> = HashMap::new();
    let mut k: i64 = 0;
    let mut pos = FuncCursor::new(func);
    while let Some(block) = pos.next_block() {
        let mut preds = cfg.pred_iter(block);
        let mut stretch = match (preds.next(), preds.next()) {
            (Some(pred), None) => at_exit.get(&pred.block).cloned().unwrap_or_default(),
            _ => Stretch::new(),
        };
        while let Some(inst) = pos.next_inst() {
            if pos.func.dfg.insts[inst].opcode().is_call() {
                stretch.clear();
                continue;
            }
            let (addr, offset) = match pos.func.dfg.insts[inst] {
                InstructionData::Load { arg, offset, .. } => (arg, offset),
                InstructionData::Store { args, offset, .. } => (args[1], offset),
                _ => continue,
            };
            let ValueDef::Result(def, _) = pos.func.dfg.value_def(addr) else {
                continue;
            };
            let InstructionData::StackAddr {
                stack_slot,
                offset: base,
                ..
            } = pos.func.dfg.insts[def]
            else {
                continue;
            };
            let base = i32::from(base);
            let (local, shift) = match stretch.get(&(stack_slot, base)) {
                Some(&shared) => shared,
                None => {
                    k += 8;
                    let Ok(shifted) = i32::try_from(i64::from(base) + k) else {
                        return;
                    };
                    let local = pos.ins().stack_addr(I64, stack_slot, shifted);
                    stretch.insert((stack_slot, base), (local, k));
                    (local, k)
                }
            };
            let Ok(offset) = i32::try_from(i64::from(offset) - shift) else {
                return;
            };
            match &mut pos.func.dfg.insts[inst] {
                InstructionData::Load { arg, offset: o, .. } => {
                    *arg = local;
                    *o = offset.into();
                }
                InstructionData::Store {
                    args, offset: o, ..
                } => {
                    args[1] = local;
                    *o = offset.into();
                }
                _ => unreachable!("matched above"),
            }
        }
        at_exit.insert(block, stretch);
    }
}
