//! Bitwise and fixnum builtins compiled inline (`Inline::Bitwise`,
//! `Inline::Fixnum` in the builtin table).
//!
//! On tagged fixnums (`n << 1`) `and`, `or` and `xor` of two words are the
//! tagged results themselves, `not` is `xor` with `-2` (it keeps the tag bit
//! 0), a right shift is an arithmetic shift with the tag bit cleared, and a
//! left shift is exact when shifting back gives the operand again.
//! - SRFI 151 operations (`Bitwise`) take exact integers of any size: when an
//!   operand is not a fixnum (or a left shift overflows) they call the
//!   runtime directly (`closc_num_bitwise_*`, `closc_num_arithmetic_shift`),
//!   which works on bignums and reports non-integers.
//! - SRFI 143 operations (`Fixnum`) take fixnums only: any other case goes to
//!   the builtin's entry, which reports the error (a non-fixnum, an overflow)
//!   and never returns.

use super::lower::FnCx;
use crate::ir::{BuiltinId, Expr};
use closcrt::abi::RtEntry;
use closcrt::builtins::table::{BitOp, FxOp, NumCompare};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use cranelift_module::Module;

impl<M: Module> FnCx<'_, '_, M> {
    /// SRFI 151's `bitwise-and`, `-ior`, `-xor` (two operands), `bitwise-not`
    /// and `arithmetic-shift`.
    pub(super) fn bitwise(&mut self, op: BitOp, args: &[Expr]) -> Value {
        if op == BitOp::Not {
            let x = self.value(&args[0]);
            let ok = self.is_fixnum(x);
            let slow = self.sh.rt[RtEntry::NumBitwiseNot];
            return self.guarded_returning(slow, ok, (x, x), |fx| fx.b.ins().bxor_imm_s(x, -2));
        }
        let (x, y) = (self.value(&args[0]), self.value(&args[1]));
        let fixnums = self.both_fixnums(x, y);
        match op {
            BitOp::Shift => self.shift(x, y, fixnums),
            _ => {
                let slow = self.sh.rt[match op {
                    BitOp::And => RtEntry::NumBitwiseAnd,
                    BitOp::Ior => RtEntry::NumBitwiseIor,
                    _ => RtEntry::NumBitwiseXor,
                }];
                self.guarded_returning(slow, fixnums, (x, y), move |fx| match op {
                    BitOp::And => fx.b.ins().band(x, y),
                    BitOp::Ior => fx.b.ins().bor(x, y),
                    _ => fx.b.ins().bxor(x, y),
                })
            }
        }
    }

    /// `(arithmetic-shift x count)` on fixnums with `-64 < count < 64`
    /// whose result is a fixnum; the runtime otherwise.
    fn shift(&mut self, x: Value, count: Value, fixnums: Value) -> Value {
        let c = self.b.ins().sshr_imm_s(count, 1);
        // |count| < 64, so both shifts below are exact.
        let biased = self.b.ins().iadd_imm_s(c, 63);
        let small = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedLessThan, biased, 127);
        let neg = self.b.ins().ineg(c);
        let right = self.b.ins().sshr(x, neg);
        let right = self.b.ins().band_imm_s(right, -2);
        let left = self.b.ins().ishl(x, c);
        let back = self.b.ins().sshr(left, c);
        let exact = self.b.ins().icmp(IntCC::Equal, back, x);
        let is_left = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, c, 0);
        let result = self.b.ins().select(is_left, left, right);
        // A right shift is always fine; a left one when it lost nothing.
        let not_left = self.b.ins().bxor_imm_s(is_left, 1);
        let fits = self.b.ins().bor(not_left, exact);
        let a = self.b.ins().band(fixnums, small);
        let ok = self.b.ins().band(a, fits);
        let slow = self.sh.rt[RtEntry::NumArithmeticShift];
        self.guarded_returning(slow, ok, (x, count), move |_| result)
    }

    /// SRFI 143's `fx+`, `fx-`, `fxand`, `fxior`, `fxxor` (two operands),
    /// `fxnot` and the comparisons (two operands) on fixnums.
    pub(super) fn fixnum_op(&mut self, b: BuiltinId, op: FxOp, args: &[Expr]) -> Value {
        if op == FxOp::Not {
            let x = self.value(&args[0]);
            let ok = self.is_fixnum(x);
            return self.guarded(b, ok, &[x], |fx| fx.b.ins().bxor_imm_s(x, -2));
        }
        let (x, y) = (self.value(&args[0]), self.value(&args[1]));
        let fixnums = self.both_fixnums(x, y);
        match op {
            FxOp::Add | FxOp::Sub => {
                let (r, overflow) = if op == FxOp::Add {
                    self.b.ins().sadd_overflow(x, y)
                } else {
                    self.b.ins().ssub_overflow(x, y)
                };
                let no_overflow = self.b.ins().bxor_imm_s(overflow, 1);
                let ok = self.b.ins().band(fixnums, no_overflow);
                self.guarded(b, ok, &[x, y], move |_| r)
            }
            FxOp::Compare(cmp) => {
                let cc = match cmp {
                    NumCompare::Eq => IntCC::Equal,
                    NumCompare::Lt => IntCC::SignedLessThan,
                    NumCompare::Gt => IntCC::SignedGreaterThan,
                    NumCompare::Le => IntCC::SignedLessThanOrEqual,
                    NumCompare::Ge => IntCC::SignedGreaterThanOrEqual,
                };
                self.guarded(b, fixnums, &[x, y], move |fx| {
                    let c = fx.b.ins().icmp(cc, x, y);
                    fx.bool_value(c)
                })
            }
            _ => self.guarded(b, fixnums, &[x, y], move |fx| match op {
                FxOp::And => fx.b.ins().band(x, y),
                FxOp::Ior => fx.b.ins().bor(x, y),
                _ => fx.b.ins().bxor(x, y),
            }),
        }
    }
}
