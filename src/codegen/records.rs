//! Inline record operations: the builtins `define-record-type` expands into
//! (`expand_records.rs`): `%record` (the constructor), `%record?`,
//! `%record-ref` and `%record-set!`.
//!
//! In: the call's operands; the record type is an expression (the hidden
//! global naming the type), the field index a literal. Out: the constructor
//! as an inline allocation; the predicate as a tag, kind and type test; an
//! accessor or modifier as one load or store behind that test, whose failure
//! calls the builtin's runtime entry, which reports the error naming the
//! accessor (a cold block ending in a trap, as for the other inline
//! builtins).
//!
//! Each of these was a runtime call through a trampoline (an n-body
//! simulation over records spent a quarter of its time in them).
//! Invariants: a record's layout is `[header, type, field...]` (`value.rs`),
//! and the expansion passes a constructor every field and an accessor a
//! field index of its own type, so neither is checked here: an instance of
//! the type has the field. An index that is not a literal is left to the
//! runtime.

use super::lower::FnCx;
use super::I64;
use crate::ir::{BuiltinId, Expr};
use closcrt::builtins::table::Inline;
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I8;
use cranelift_codegen::ir::{Block, BlockArg, InstBuilder, MemFlagsData, Value};
use cranelift_module::Module;

/// Fields beyond this index are left to the runtime (no record type has so
/// many; it keeps the byte offset well inside an `i32`).
const MAX_INLINE_FIELD: i64 = 1 << 20;

/// The byte offset of field `i` from a tagged record.
fn field_offset(i: i64) -> i32 {
    v::RECORD_FIELD0 + 8 * i as i32
}

/// The literal field index `e`, if it is one.
fn literal_index(e: &Expr) -> Option<i64> {
    e.int_literal()
        .filter(|i| (0..MAX_INLINE_FIELD).contains(i))
}

impl<M: Module> FnCx<'_, '_, M> {
    /// Compiles record builtin `b` (inline kind `kind`) on `args`; `None`
    /// (nothing emitted) for an index that is not a literal.
    pub(super) fn record_op(&mut self, kind: Inline, b: BuiltinId, args: &[Expr]) -> Option<Value> {
        match kind {
            Inline::Record => {
                let vals = self.values(args);
                Some(self.make_record(&vals))
            }
            Inline::RecordP => {
                let (x, rtd) = (self.value(&args[0]), self.value(&args[1]));
                let done = self.b.create_block();
                let result = self.b.append_block_param(done, I8);
                let no = self.b.ins().iconst(I8, 0);
                self.branch_unless_instance(x, rtd, done, &[BlockArg::Value(no)]);
                let yes = self.b.ins().iconst(I8, 1);
                self.b.ins().jump(done, &[BlockArg::Value(yes)]);
                self.b.switch_to_block(done);
                Some(self.bool_value(result))
            }
            Inline::RecordRef | Inline::RecordSet => {
                let i = literal_index(&args[2])?;
                let vals = self.values(args);
                let (x, rtd) = (vals[0], vals[1]);
                let slow = self.b.create_block();
                self.b.set_cold_block(slow);
                self.branch_unless_instance(x, rtd, slow, &[]);
                let fast = self.b.current_block().expect("in a block");
                self.b.switch_to_block(slow);
                self.call_builtin_noreturn(b, &vals);
                self.b.switch_to_block(fast);
                let offset = field_offset(i);
                Some(if kind == Inline::RecordRef {
                    let r = self.b.ins().load(I64, MemFlagsData::trusted(), x, offset);
                    self.b.declare_value_needs_stack_map(r);
                    r
                } else {
                    let val = vals[3];
                    self.b.ins().store(MemFlagsData::trusted(), val, x, offset);
                    self.write_barrier(x, val, x, offset);
                    self.iconst(v::VOID)
                })
            }
            _ => unreachable!("record_op is called for the record kinds only"),
        }
    }

    /// A new record: `vals` is the type, then every field.
    fn make_record(&mut self, vals: &[Value]) -> Value {
        let n = vals.len() as u64;
        let r = self.alloc(
            1 + vals.len(),
            Some(v::header(v::HDR_RECORD, n)),
            v::TAG_OBJECT,
        );
        for (i, &x) in vals.iter().enumerate() {
            self.b
                .ins()
                .store(MemFlagsData::trusted(), x, r, v::RECORD_TYPE + 8 * i as i32);
        }
        r
    }

    /// Branches to `other` (with `other_args`) unless `x` is a record of
    /// type `rtd`; goes on in a new block where it is. The type word is
    /// read only once the header says `x` is a record, which has one.
    fn branch_unless_instance(
        &mut self,
        x: Value,
        rtd: Value,
        other: Block,
        other_args: &[BlockArg],
    ) {
        let check_kind = self.b.create_block();
        let check_type = self.b.create_block();
        let yes = self.b.create_block();
        let is_object = self.has_tag(x, v::TAG_OBJECT);
        self.b
            .ins()
            .brif(is_object, check_kind, &[], other, other_args);
        self.b.switch_to_block(check_kind);
        let header = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), x, v::OBJECT_HEADER);
        let kind = self.header_kind(header);
        let is_record = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, kind, v::HDR_RECORD as i64);
        self.b
            .ins()
            .brif(is_record, check_type, &[], other, other_args);
        self.b.switch_to_block(check_type);
        let t = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), x, v::RECORD_TYPE);
        let same = self.b.ins().icmp(IntCC::Equal, t, rtd);
        self.b.ins().brif(same, yes, &[], other, other_args);
        self.b.switch_to_block(yes);
    }
}
