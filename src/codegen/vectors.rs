//! Inline `vector-ref`, `vector-set!` and `vector-length`, and the vectors
//! already checked on the way to the code being compiled.
//!
//! In: the vector operand (its expression and value), the index, the
//! builtin for the slow path. Out: the access, behind a check that the
//! operand is a vector and the index a fixnum within its length; anything
//! else calls the builtin's runtime entry, which reports the error (a cold
//! block ending in a trap, as for the other inline builtins).
//!
//! The block that loads and checks the header dominates all that follows
//! the access (the slow path never returns), so after one access the same
//! operand is known to be a vector with that header: a later access to it
//! checks only its index (`vector-length` checks nothing). `KnownVectors`
//! holds those facts, keyed by the variable the operand reads when it never
//! changes (through the `let` copies inlining makes of it), else by its SSA
//! value; a free variable read from the closure record (a new load at each
//! use) by the record and slot.
//!
//! Invariant: a fact holds on every path to the code compiled under it.
//! Facts are only added by an access, in straight-line code after it; where
//! codegen compiles code in a block the access does not dominate (the arms
//! of an `if` or `case`, the operands of a branch, the general copy of a
//! fixnum-specialized body), the facts added since are dropped first
//! (`mark`/`restore`, `clear`). A vector's header never changes (its kind
//! and length are fixed; a collection moves the object, not its header's
//! contents), so a header word stays valid after a call that may collect.

use super::lower::FnCx;
use super::I64;
use crate::ir::{BuiltinId, Expr, VarId};
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};
use cranelift_module::Module;
use std::collections::HashMap;

/// What identifies a vector operand across accesses.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum VectorKey {
    /// An SSA value (after alias resolution).
    Value(Value),
    /// A variable never assigned: the value it was bound to. (Its SSA
    /// value may differ from one block to the next until the blocks are
    /// sealed: Cranelift makes block parameters for it on the way.)
    Var(VarId),
    /// Slot `i` of the closure record `clo`, for a free variable the record
    /// holds unchanged.
    Free(Value, usize),
}

/// Operands known to be vectors here, each with its header word.
#[derive(Default)]
pub(super) struct KnownVectors {
    known: Vec<(VectorKey, Value)>,
    /// Variables never assigned that are bound to another such variable or
    /// to a free variable (an inlined procedure's parameters): the key of
    /// what they were bound to. True for the variable's whole scope.
    aliases: HashMap<VarId, VectorKey>,
}

impl KnownVectors {
    /// The header of `key`'s vector, if it is known to be one.
    fn header(&self, key: VectorKey) -> Option<Value> {
        self.known
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|&(_, h)| h)
    }

    fn add(&mut self, key: VectorKey, header: Value) {
        self.known.push((key, header));
    }

    /// A point to `restore` to: the facts known now.
    pub(super) fn mark(&self) -> usize {
        self.known.len()
    }

    /// Drops the facts added since `mark`.
    pub(super) fn restore(&mut self, mark: usize) {
        self.known.truncate(mark);
    }

    pub(super) fn clear(&mut self) {
        self.known.clear();
    }
}

/// The inline vector builtins.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum VectorOp {
    Ref,
    Set,
    Length,
}

impl<M: Module> FnCx<'_, '_, M> {
    /// `(vector-ref v i)`, `(vector-set! v i x)` or `(vector-length v)` of
    /// builtin `b` on `args`, inline.
    pub(super) fn vector_op(&mut self, op: VectorOp, b: BuiltinId, args: &[Expr]) -> Value {
        let vals = self.values(args);
        let vec = vals[0];
        let key = self.vector_key(&args[0], vec);
        let known = self.known_vectors.header(key);
        if let (Some(header), VectorOp::Length) = (known, op) {
            return self.vector_length(header);
        }
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let (header, is_vector) = match known {
            Some(h) => (h, None),
            None => {
                let check = self.b.create_block();
                let is_object = self.has_tag(vec, v::TAG_OBJECT);
                self.b.ins().brif(is_object, check, &[], slow, &[]);
                self.b.switch_to_block(check);
                let header = self
                    .b
                    .ins()
                    .load(I64, MemFlagsData::trusted(), vec, v::OBJECT_HEADER);
                let kind = self.header_kind(header);
                let is_vector = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, kind, v::HDR_VECTOR as i64);
                (header, Some(is_vector))
            }
        };
        let in_range = (op != VectorOp::Length).then(|| {
            let length = self.b.ins().ushr_imm_s(header, v::HEADER_SIZE_SHIFT as i64);
            // Rotating the tagged index right by one gives the index itself
            // for a fixnum 0 <= k, and a number with the top bit set for a
            // negative fixnum or any non-fixnum (odd word): one unsigned
            // compare checks fixnum-ness and both bounds.
            let index = self.b.ins().rotr_imm_s(vals[1], 1);
            self.b.ins().icmp(IntCC::UnsignedLessThan, index, length)
        });
        let ok = match (is_vector, in_range) {
            (Some(a), Some(b)) => self.b.ins().band(a, b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => unreachable!("a known vector's length returned above"),
        };
        let fast = self.b.create_block();
        self.b.ins().brif(ok, fast, &[], slow, &[]);
        self.b.switch_to_block(slow);
        self.call_builtin_noreturn(b, &vals);
        self.b.switch_to_block(fast);
        if known.is_none() {
            self.known_vectors.add(key, header);
        }
        match op {
            VectorOp::Length => self.vector_length(header),
            VectorOp::Ref => {
                let addr = self.element_addr(vec, vals[1]);
                let x = self
                    .b
                    .ins()
                    .load(I64, MemFlagsData::trusted(), addr, v::VECTOR_ELEM0);
                self.b.declare_value_needs_stack_map(x);
                x
            }
            VectorOp::Set => {
                let (i, x) = (vals[1], vals[2]);
                let addr = self.element_addr(vec, i);
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), x, addr, v::VECTOR_ELEM0);
                self.write_barrier_maybe_large(vec, x, addr, v::VECTOR_ELEM0, true);
                self.iconst(v::VOID)
            }
        }
    }

    /// The tagged length of the vector whose header is `header`.
    fn vector_length(&mut self, header: Value) -> Value {
        let length = self.b.ins().ushr_imm_s(header, v::HEADER_SIZE_SHIFT as i64);
        self.b.ins().ishl_imm_s(length, 1)
    }

    /// The key of vector operand `e`, whose value is `x`.
    fn vector_key(&self, e: &Expr, x: Value) -> VectorKey {
        self.binding_key(e)
            .unwrap_or_else(|| VectorKey::Value(self.b.func.dfg.resolve_aliases(x)))
    }

    /// The key of `e` if it reads a variable that never changes.
    fn binding_key(&self, e: &Expr) -> Option<VectorKey> {
        match e {
            Expr::Local(var) if self.facts.never_assigned(*var) => Some(
                self.known_vectors
                    .aliases
                    .get(var)
                    .copied()
                    .unwrap_or(VectorKey::Var(*var)),
            ),
            Expr::FreeRef(i, var) if !self.sh.program.in_record.contains(var) => {
                Some(VectorKey::Free(self.clo, *i))
            }
            _ => None,
        }
    }

    /// `var` was just bound to `init`: if both never change, `var` is a
    /// vector exactly when `init` is.
    pub(super) fn note_vector_alias(&mut self, var: VarId, init: &Expr) {
        // Binders are unique (inlining copies with fresh variables), but
        // the same body may be compiled twice: what an earlier binding of
        // `var` said no longer holds.
        self.known_vectors.aliases.remove(&var);
        self.known_vectors
            .known
            .retain(|(k, _)| *k != VectorKey::Var(var));
        if !self.facts.never_assigned(var) {
            return;
        }
        if let Some(key) = self.binding_key(init) {
            self.known_vectors.aliases.insert(var, key);
        }
    }

    /// Address of element `i` (a tagged fixnum) minus `VECTOR_ELEM0`.
    fn element_addr(&mut self, vec: Value, i: Value) -> Value {
        // Tagged i is 2i, and element i is 8i bytes in: scale by 4.
        let scaled = self.b.ins().ishl_imm_s(i, 2);
        self.b.ins().iadd(vec, scaled)
    }
}
