//! Builtins compiled inline: fixnum arithmetic and comparison, pair and vector
//! access, type predicates.
//!
//! Which builtins, and what their inline code allocates, is data in the
//! runtime's builtin table (`Props::inline`, `inline_bytes`, `allocates`);
//! `inline_kind` adds the argument counts the inline code handles. Nothing
//! here matches a builtin by its name.
//!
//! Each inline sequence handles the common case (fixnums, the right type, an
//! index in range) and branches to a cold block that calls the builtin's runtime
//! entry with the same arguments, which reports the error. So an inline builtin
//! and its runtime entry always agree: the runtime is the specification, the
//! inline code a shortcut.
//!
//! Two kinds of slow path:
//! - where every rejected case is an error (`car` of a non-pair, an index out
//!   of range), the slow path never returns: it ends in a trap after the call,
//!   so no Scheme value is live across it and none is spilled for its stack map;
//! - arithmetic and numeric comparison fall back to the generic numeric code
//!   (`closc_num_*`: bignums, ratios, flonums, and the type errors), which
//!   returns a result that joins the fast path's.

use super::lower::FnCx;
use super::vectors::VectorOp;
use super::I64;
use crate::ir::{BuiltinId, Expr, Prim};
use closcrt::abi::RtEntry;
use closcrt::builtins::table::{BitOp, FxOp, Inline};
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{Block, BlockArg, InstBuilder, MemFlagsData, Value};
use cranelift_module::FuncId;
use cranelift_module::Module;

/// How a call of builtin `b` with `argc` arguments is compiled inline: its
/// table entry's inline kind, for the argument counts the inline code
/// handles; `None` for a call of the runtime entry. The one place that says
/// which calls are inline: `inline_builtin` compiles them, and
/// `inline_allocation` and `allocates_directly` steer the entry reservation
/// (see `reserve.rs`) from the same answer.
pub(super) fn inline_kind(b: BuiltinId, argc: usize) -> Option<Inline> {
    let builtin = b.builtin();
    let kind = builtin.props.inline?;
    let handled = match kind {
        // `(+)` and `(*)` are constants; one operand is left to the runtime.
        Inline::Add | Inline::Mul => argc != 1,
        Inline::Sub => argc >= 1,
        Inline::Div => argc >= 2,
        Inline::NumCompare(_) | Inline::CharCompare(_) | Inline::Max | Inline::Min => argc == 2,
        // The variadic ones with two operands.
        Inline::Bitwise(BitOp::And | BitOp::Ior | BitOp::Xor)
        | Inline::Fixnum(FxOp::And | FxOp::Ior | FxOp::Xor | FxOp::Compare(_)) => argc == 2,
        _ => builtin.arity.accepts(argc as u64),
    };
    handled.then_some(kind)
}

/// For a builtin call that `inline_builtin` may compile inline, the bytes it
/// allocates (the table's `inline_bytes`); `None` when it is a call to the
/// runtime instead. An arithmetic call whose operands are all literals is a
/// runtime call but counts as inline here: the bound only steers speed.
pub(super) fn inline_allocation(b: BuiltinId, argc: usize) -> Option<usize> {
    inline_kind(b, argc).map(|_| b.builtin().props.inline_bytes.for_args(argc))
}

/// Whether the inline code for builtin `b` with `argc` arguments has a slow
/// path that calls the runtime directly (`direct_call`) and may allocate (a
/// bignum, ratio or flonum result): a direct slow path of a builtin whose
/// table entry says it allocates.
pub(super) fn allocates_directly(b: BuiltinId, argc: usize) -> bool {
    let Some(kind) = inline_kind(b, argc) else {
        return false;
    };
    let direct = match kind {
        Inline::Add | Inline::Sub | Inline::Mul | Inline::Div => {
            super::arith::operator(kind, argc).is_some()
        }
        kind if is_division(kind) => true,
        Inline::NumCompare(_) | Inline::Eqv | Inline::Bitwise(_) => true,
        _ => false,
    };
    direct && b.builtin().props.allocates
}

impl<M: Module> FnCx<'_, '_, M> {
    /// Emits builtin `b` inline if it is one of the inlined ones; `None` otherwise
    /// (nothing has been emitted then).
    pub(super) fn inline_builtin(&mut self, b: BuiltinId, args: &[Expr]) -> Option<Value> {
        let n = args.len();
        let x = match inline_kind(b, n)? {
            Inline::Add if n == 0 => self.iconst(v::fixnum(0)),
            Inline::Mul if n == 0 => self.iconst(v::fixnum(1)),
            kind @ (Inline::Add | Inline::Sub | Inline::Mul | Inline::Div) => {
                if !super::arith::is_arith(kind, args) {
                    return None;
                }
                self.arith(kind, args)
            }
            kind if is_division(kind) => {
                let known = KnownOperands {
                    x_fixnum: self.facts.is_fixnum(&args[0]),
                    divisor: constant_divisor(&args[1]),
                };
                let (x, y) = (self.value(&args[0]), self.value(&args[1]));
                self.fixnum_divide(kind, x, y, known)
            }
            Inline::NumCompare(cmp) => self.compare_value(cmp, &args[0], &args[1]),
            Inline::Eq => {
                let (x, y) = (self.value(&args[0]), self.value(&args[1]));
                let c = self.b.ins().icmp(IntCC::Equal, x, y);
                self.bool_value(c)
            }
            // See `conditions.rs`.
            Inline::Eqv => self.eqv_value(&args[0], &args[1]),
            Inline::Not => self.compare_imm(&args[0], v::FALSE),
            Inline::NullP => self.compare_imm(&args[0], v::NIL),
            Inline::PairP => {
                let x = self.value(&args[0]);
                let c = self.has_tag(x, v::TAG_PAIR);
                self.bool_value(c)
            }
            Inline::ProcedureP => {
                let x = self.value(&args[0]);
                let c = self.has_tag(x, v::TAG_CLOSURE);
                self.bool_value(c)
            }
            Inline::Cons => {
                let (x, y) = (self.value(&args[0]), self.value(&args[1]));
                self.cons(x, y)
            }
            Inline::List => {
                let vals = self.values(args);
                self.list_from(&vals)
            }
            // See `closures.rs`.
            Inline::CaseLambda => {
                let clauses = self.values(args);
                self.case_lambda(&clauses)
            }
            kind @ (Inline::Car | Inline::Cdr) => {
                let x = self.value(&args[0]);
                let offset = if kind == Inline::Car {
                    v::PAIR_CAR
                } else {
                    v::PAIR_CDR
                };
                let ok = self.has_tag(x, v::TAG_PAIR);
                self.guarded(b, ok, &[x], |fx| {
                    fx.b.ins().load(I64, MemFlagsData::trusted(), x, offset)
                })
            }
            kind @ (Inline::SetCar | Inline::SetCdr) => {
                let (p, x) = (self.value(&args[0]), self.value(&args[1]));
                let offset = if kind == Inline::SetCar {
                    v::PAIR_CAR
                } else {
                    v::PAIR_CDR
                };
                let ok = self.has_tag(p, v::TAG_PAIR);
                self.guarded(b, ok, &[p, x], |fx| {
                    fx.b.ins().store(MemFlagsData::trusted(), x, p, offset);
                    fx.write_barrier_pair(p, x);
                    fx.iconst(v::VOID)
                })
            }
            Inline::VectorRef => self.vector_op(VectorOp::Ref, b, args),
            Inline::VectorLength => self.vector_op(VectorOp::Length, b, args),
            Inline::Bitwise(op) => self.bitwise(op, args),
            Inline::Fixnum(op) => self.fixnum_op(b, op, args),
            Inline::VectorSet => self.vector_op(VectorOp::Set, b, args),
            // See `records.rs`.
            kind @ (Inline::Record | Inline::RecordP | Inline::RecordRef | Inline::RecordSet) => {
                return self.record_op(kind, b, args)
            }
            // See `small_builtins.rs`.
            kind => self.inline_small(kind, b, args),
        };
        Some(x)
    }

    /// Ends the current block with a branch on `c`: to `then_block` if it is
    /// true (not `#f`), else to `else_block`. Numeric comparisons branch on
    /// the machine comparison directly instead of making a boolean first.
    pub(super) fn branch_on(&mut self, c: &Expr, then_block: Block, else_block: Block) {
        let outer = self.enter_source(c);
        // A test may compile parts of itself in blocks that do not dominate
        // the rest (`branch_on_shape`): the vectors it checks stay unknown.
        let vectors = self.known_vectors.mark();
        self.branch_on_here(c, then_block, else_block);
        self.known_vectors.restore(vectors);
        self.b.set_srcloc(outer);
    }

    fn branch_on_here(&mut self, c: &Expr, then_block: Block, else_block: Block) {
        if let Expr::Inlined(site, c) = c {
            // A test copied from a callee (`passes::inline`'s quick exits).
            let outer = self.inline_site.replace(*site);
            self.branch_on(c, then_block, else_block);
            self.inline_site = outer;
            return;
        }
        if self.branch_on_shape(c, then_block, else_block) {
            return;
        }
        if let Expr::Prim(Prim::Builtin(b), args, _) = c {
            match inline_kind(*b, args.len()) {
                Some(Inline::Not) => return self.branch_on(&args[0], else_block, then_block),
                Some(Inline::NumCompare(cmp)) => {
                    return self.branch_compare(cmp, &args[0], &args[1], then_block, else_block);
                }
                _ => {}
            }
        }
        let cond = self.value(c);
        let is_true = self
            .b
            .ins()
            .icmp_imm_s(IntCC::NotEqual, cond, v::FALSE as i64);
        self.b.ins().brif(is_true, then_block, &[], else_block, &[]);
    }

    fn compare_imm(&mut self, arg: &Expr, imm: u64) -> Value {
        let x = self.value(arg);
        let c = self.b.ins().icmp_imm_s(IntCC::Equal, x, imm as i64);
        self.bool_value(c)
    }

    /// `fast(fx)` when `ok` holds, otherwise the runtime entry of builtin `b` on `args`.
    pub(super) fn guarded(
        &mut self,
        b: BuiltinId,
        ok: Value,
        args: &[Value],
        fast: impl FnOnce(&mut Self) -> Value,
    ) -> Value {
        self.guarded_by(b, ok, args, fast, SlowPath::Raises)
    }

    /// The branch of `guarded` and `guarded_call`: `fast(fx)` on a hot path
    /// when `ok` holds, builtin `b`'s runtime entry on `args` on a cold one,
    /// either raising (nothing follows it) or returning a value that joins
    /// the fast path's (the entry may collect: the budget after the join is
    /// at most what its trampoline leaves).
    pub(super) fn guarded_by(
        &mut self,
        b: BuiltinId,
        ok: Value,
        args: &[Value],
        fast: impl FnOnce(&mut Self) -> Value,
        slow: SlowPath,
    ) -> Value {
        let fast_block = self.b.create_block();
        let slow_block = self.b.create_block();
        let join = self.b.create_block();
        let result = self.b.append_block_param(join, I64);
        self.b.set_cold_block(slow_block);
        self.b.ins().brif(ok, fast_block, &[], slow_block, &[]);
        self.b.switch_to_block(fast_block);
        let x = fast(self);
        self.b.ins().jump(join, &[BlockArg::Value(x)]);
        self.b.switch_to_block(slow_block);
        match slow {
            SlowPath::Raises => self.call_builtin_noreturn(b, args),
            SlowPath::Returns => {
                let budget = self.budget;
                let r = self.call_builtin(b, args);
                self.budget = self.budget.min(budget);
                self.b.ins().jump(join, &[BlockArg::Value(r)]);
            }
        }
        self.b.switch_to_block(join);
        self.b.declare_value_needs_stack_map(result);
        result
    }

    /// The slow path of an inline builtin: its runtime entry, which reports
    /// the error (see the module doc). Nothing follows the call, so no value
    /// is live across it and no Scheme value needs spilling for it.
    pub(super) fn call_builtin_noreturn(&mut self, b: BuiltinId, args: &[Value]) {
        self.ending_in_trap(|fx| {
            fx.call_builtin(b, args);
        });
    }

    pub(super) fn both_fixnums(&mut self, x: Value, y: Value) -> Value {
        let or = self.b.ins().bor(x, y);
        let low = self.b.ins().band_imm_s(or, 1);
        self.b.ins().icmp_imm_s(IntCC::Equal, low, 0)
    }

    /// `fast(fx)` when `ok` holds, otherwise `slow(x, y)` called directly
    /// (see `direct_call`), whose result joins the fast path's.
    pub(super) fn guarded_returning(
        &mut self,
        slow: FuncId,
        ok: Value,
        (x, y): (Value, Value),
        fast: impl FnOnce(&mut Self) -> Value,
    ) -> Value {
        let fast_block = self.b.create_block();
        let slow_block = self.b.create_block();
        let join = self.b.create_block();
        let result = self.b.append_block_param(join, I64);
        self.b.set_cold_block(slow_block);
        self.b.ins().brif(ok, fast_block, &[], slow_block, &[]);
        self.b.switch_to_block(fast_block);
        let result_fast = fast(self);
        self.b.ins().jump(join, &[BlockArg::Value(result_fast)]);
        self.b.switch_to_block(slow_block);
        let r = self.direct_call(slow, x, y);
        self.b.ins().jump(join, &[BlockArg::Value(r)]);
        self.b.switch_to_block(join);
        self.b.declare_value_needs_stack_map(result);
        result
    }

    /// `quotient`, `remainder` and `modulo` of fixnums. On tagged values
    /// 2x / 2y = x / y and 2x rem 2y = 2(x rem y). A zero divisor and the
    /// quotient of the most negative fixnum by -1 (too big) are errors. A
    /// literal divisor (neither 0 nor -1) needs neither check, and fixes the
    /// sign `modulo` adjusts to; a dividend known to be a fixnum needs no tag
    /// check either (`(modulo n 3)` in a loop: 15 instructions fewer).
    fn fixnum_divide(&mut self, kind: Inline, x: Value, y: Value, known: KnownOperands) -> Value {
        let slow = self.sh.rt[match kind {
            Inline::Quotient => RtEntry::NumQuotient,
            Inline::Remainder => RtEntry::NumRemainder,
            Inline::Modulo => RtEntry::NumModulo,
            Inline::FloorQuotient => RtEntry::NumFloorQuotient,
            Inline::FloorRemainder => RtEntry::NumFloorRemainder,
            Inline::TruncateQuotient => RtEntry::NumTruncateQuotient,
            Inline::TruncateRemainder => RtEntry::NumTruncateRemainder,
            _ => unreachable!("not a division: {kind:?}"),
        }];
        // Flooring differs from truncating when the remainder is not 0 and
        // its sign differs from the divisor's.
        let floor_adjust = move |fx: &mut Self, r: Value| match known.divisor {
            Some(d) if d > 0 => fx.b.ins().icmp_imm_s(IntCC::SignedLessThan, r, 0),
            Some(_) => fx.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, r, 0),
            None => {
                let differ = fx.b.ins().bxor(r, y);
                let negative = fx.b.ins().icmp_imm_s(IntCC::SignedLessThan, differ, 0);
                let nonzero = fx.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
                fx.b.ins().band(negative, nonzero)
            }
        };
        let fast = move |fx: &mut Self| match kind {
            Inline::Quotient | Inline::TruncateQuotient => {
                let q = fx.b.ins().sdiv(x, y);
                fx.b.ins().ishl_imm_s(q, 1)
            }
            Inline::FloorQuotient => {
                let q = fx.b.ins().sdiv(x, y);
                let r = fx.b.ins().srem(x, y);
                let adjust = floor_adjust(fx, r);
                let one_less = fx.b.ins().iadd_imm_s(q, -1);
                let q = fx.b.ins().select(adjust, one_less, q);
                fx.b.ins().ishl_imm_s(q, 1)
            }
            Inline::Remainder | Inline::TruncateRemainder => fx.b.ins().srem(x, y),
            _ => {
                // modulo takes the divisor's sign.
                let r = fx.b.ins().srem(x, y);
                let adjust = floor_adjust(fx, r);
                let sum = fx.b.ins().iadd(r, y);
                fx.b.ins().select(adjust, sum, r)
            }
        };
        let ok = match (known.divisor, known.x_fixnum) {
            (Some(_), true) => return fast(self),
            (Some(_), false) => {
                let low = self.b.ins().band_imm_s(x, 1);
                self.b.ins().icmp_imm_s(IntCC::Equal, low, 0)
            }
            (None, _) => {
                let fixnums = self.both_fixnums(x, y);
                let nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, y, 0);
                // The one overflowing case: (quotient most-negative-fixnum -1).
                let not_minus_one =
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::NotEqual, y, v::fixnum(-1) as i64);
                let not_min =
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::NotEqual, x, v::fixnum(v::FIXNUM_MIN) as i64);
                let no_overflow = self.b.ins().bor(not_minus_one, not_min);
                let a = self.b.ins().band(fixnums, nonzero);
                self.b.ins().band(a, no_overflow)
            }
        };
        self.guarded_returning(slow, ok, (x, y), fast)
    }
}

/// Whether `kind` is one of the integer divisions `fixnum_divide` compiles.
fn is_division(kind: Inline) -> bool {
    matches!(
        kind,
        Inline::Quotient
            | Inline::Remainder
            | Inline::Modulo
            | Inline::FloorQuotient
            | Inline::FloorRemainder
            | Inline::TruncateQuotient
            | Inline::TruncateRemainder
    )
}

/// What the runtime entry on a guarded builtin's cold path does.
#[derive(Clone, Copy)]
pub(super) enum SlowPath {
    /// Reports an error: nothing follows the call.
    Raises,
    /// Returns the builtin's value for an input the inline code does not handle.
    Returns,
}

/// What codegen knows of a division's operands before computing them.
#[derive(Clone, Copy)]
struct KnownOperands {
    /// The dividend is a known fixnum (`fixnum_facts`).
    x_fixnum: bool,
    /// The divisor is a fixnum literal other than 0 and -1.
    divisor: Option<i64>,
}

/// The divisor `e` when it is a fixnum literal that can neither fail nor
/// overflow a division (not 0, not -1).
fn constant_divisor(e: &Expr) -> Option<i64> {
    e.int_literal()
        .filter(|&n| (v::FIXNUM_MIN..=v::FIXNUM_MAX).contains(&n) && n != 0 && n != -1)
}
