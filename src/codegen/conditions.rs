//! Tests compiled as branches, and `eqv?`.
//!
//! In: an expression in test position (`FnCx::branch_on`). Out: a branch to
//! the `then` or the `else` block, with no boolean made in between where the
//! shape allows it:
//! - a conditional `(if c a b)` branches on `c` to the targets of its arms: a
//!   constant arm is its target itself (`#f` the else block, anything else
//!   the then block), an arm equal to `c` (the `(let ((t x)) (if t t y))` of
//!   `or`) is the then block, any other arm is a test of its own. So `and`,
//!   `or` and the clauses of `case` are chains of branches;
//! - `eq?`, and `eqv?` with an operand that is a constant other than a
//!   number object, is one word compare and a branch;
//! - `(let (...) body)` and inlined code in test position bind, then branch
//!   on the body.
//!
//! `eqv?` of two unknown values (`eqv_branch`): equal words are `eqv?`; two
//! different words are not, unless both are heap objects and the first is a
//! number that lives in the heap (flonum, bignum, ratio, complex), which
//! only then the runtime compares (`closc_num_eqv`, a direct call).
//! Symbols, strings, records never leave compiled code (they used to reach
//! the runtime's generic number code whenever the words differed).
//! Invariant: the same answers as the runtime's `eqv?` (`equivalence::eqv`).

use super::lower::FnCx;
use super::I64;
use crate::datum::{Datum, DatumKind};
use crate::ir::{Expr, Prim};
use closcrt::abi::RtEntry;
use closcrt::builtins::table::Inline;
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{Block, BlockArg, InstBuilder, MemFlagsData, Value};
use cranelift_module::Module;

/// Whether `eqv?` against the constant `d` is a word compare: every datum
/// but a number that is a heap object (`DatumKind::Number`: flonum, bignum,
/// ratio, complex), whose `eqv?` compares values.
pub(super) fn eq_comparable(d: &Datum) -> bool {
    matches!(
        d.kind,
        DatumKind::Bool(_)
            | DatumKind::Int(_)
            | DatumKind::Char(_)
            | DatumKind::Str(_)
            | DatumKind::Symbol(_)
            | DatumKind::List(..)
            | DatumKind::Vector(_)
            | DatumKind::Bytevector(_)
    )
}

/// An expression that is a constant `eq_comparable` datum.
pub(super) fn eq_comparable_constant(e: &Expr) -> bool {
    matches!(e, Expr::Const(d) if eq_comparable(d))
}

/// Where a constant arm of a conditional in test position goes: `Some(true)`
/// for a true constant, `Some(false)` for `#f`.
fn constant_truth(e: &Expr) -> Option<bool> {
    match e {
        Expr::Const(d) => Some(!matches!(d.kind, DatumKind::Bool(false))),
        Expr::Void => Some(true),
        _ => None,
    }
}

impl<M: Module> FnCx<'_, '_, M> {
    /// Branches on `c` if its shape allows it without a boolean (see the
    /// module doc); false if nothing was emitted.
    pub(super) fn branch_on_shape(
        &mut self,
        c: &Expr,
        then_block: Block,
        else_block: Block,
    ) -> bool {
        match c {
            Expr::If(test, a, b) => {
                let a_block = self.arm_target(test, a, then_block, else_block);
                let b_block = self.arm_target(test, b, then_block, else_block);
                self.branch_on(test, a_block.0, b_block.0);
                for (block, arm) in [(a_block, a), (b_block, b)] {
                    if let (target, true) = block {
                        let budget = self.budget;
                        self.b.switch_to_block(target);
                        self.branch_on(arm, then_block, else_block);
                        self.budget = self.budget.min(budget);
                    }
                }
                true
            }
            Expr::Let(bindings, body) => {
                self.let_bindings(bindings);
                self.branch_on(body, then_block, else_block);
                true
            }
            Expr::Prim(Prim::Builtin(b), args, _) if args.len() == 2 => {
                let kind = super::builtins::inline_kind(*b, 2);
                let constant = args.iter().any(eq_comparable_constant);
                match kind {
                    Some(Inline::Eq) => {}
                    Some(Inline::Eqv) if constant => {}
                    Some(Inline::Eqv) => {
                        let (x, y) = (self.value(&args[0]), self.value(&args[1]));
                        self.eqv_branch(x, y, then_block, else_block);
                        return true;
                    }
                    _ => return false,
                }
                let (x, y) = (self.value(&args[0]), self.value(&args[1]));
                let same = self.b.ins().icmp(IntCC::Equal, x, y);
                self.b.ins().brif(same, then_block, &[], else_block, &[]);
                true
            }
            _ => false,
        }
    }

    /// The block an arm of a conditional in test position starts at, and
    /// whether it is a new block that must test the arm.
    fn arm_target(
        &mut self,
        test: &Expr,
        arm: &Expr,
        then_block: Block,
        else_block: Block,
    ) -> (Block, bool) {
        match (constant_truth(arm), arm) {
            (Some(true), _) => (then_block, false),
            (Some(false), _) => (else_block, false),
            (None, Expr::Local(x)) if matches!(test, Expr::Local(t) if t == x) => {
                (then_block, false)
            }
            _ => (self.b.create_block(), true),
        }
    }

    /// `(eqv? x y)` as a value.
    pub(super) fn eqv_value(&mut self, x: &Expr, y: &Expr) -> Value {
        let constant = eq_comparable_constant(x) || eq_comparable_constant(y);
        let (x, y) = (self.value(x), self.value(y));
        if constant {
            let same = self.b.ins().icmp(IntCC::Equal, x, y);
            return self.bool_value(same);
        }
        let (then_block, else_block, join) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        let result = self.b.append_block_param(join, I64);
        self.eqv_branch(x, y, then_block, else_block);
        for (block, value) in [(then_block, v::TRUE), (else_block, v::FALSE)] {
            self.b.switch_to_block(block);
            let c = self.iconst(value);
            self.b.ins().jump(join, &[BlockArg::Value(c)]);
        }
        self.b.switch_to_block(join);
        result
    }

    /// Branches on `(eqv? x y)` (see the module doc).
    pub(super) fn eqv_branch(&mut self, x: Value, y: Value, then_block: Block, else_block: Block) {
        let same = self.b.ins().icmp(IntCC::Equal, x, y);
        let differ = self.b.create_block();
        self.b.ins().brif(same, then_block, &[], differ, &[]);
        self.b.switch_to_block(differ);
        let x_object = self.has_tag(x, v::TAG_OBJECT);
        let y_object = self.has_tag(y, v::TAG_OBJECT);
        let objects = self.b.ins().band(x_object, y_object);
        let check_kind = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        self.b.ins().brif(objects, check_kind, &[], else_block, &[]);
        self.b.switch_to_block(check_kind);
        let header = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), x, v::OBJECT_HEADER);
        let kind = self.b.ins().band_imm_s(header, v::HEADER_KIND_MASK as i64);
        let number = self.number_kind(kind);
        self.b.ins().brif(number, slow, &[], else_block, &[]);
        self.b.switch_to_block(slow);
        let f = self.sh.rt[RtEntry::NumEqv];
        let r = self.direct_call(f, x, y);
        let holds = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, v::FALSE as i64);
        self.b.ins().brif(holds, then_block, &[], else_block, &[]);
    }
}
