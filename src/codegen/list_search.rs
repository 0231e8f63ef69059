//! `memq`, `memv`, `assq` and `assv` compiled inline as a loop of word
//! compares, and `equal?` with a word-compare fast path.
//!
//! `(memv x l)`: a key that is not a number in the heap (a fixnum, character,
//! symbol, boolean, `()`, any non-number object) is `eqv?` to exactly the
//! elements that are the same word, so the search is a loop of pointer
//! compares; a heap number (flonum, bignum, ratio, complex) is searched by
//! the runtime entry, which compares by value. `memq`/`assq` always loop.
//!
//! The loop ends in line at `()` (no match: `#f`) or at a match. Anything
//! else goes to the runtime entry with the original arguments, which
//! reports the same errors as before: a non-pair tail (an improper list,
//! a non-list), for `assq`/`assv` an element that is not a pair, and a
//! circular list. Cycles are why the loop gives up after `INLINE_STEPS`
//! pairs: the entry walks the list again from its start and detects them,
//! so a long list costs at most that many extra steps.
//!
//! `equal?`: the same word is `equal?`; two words that are not both pairs
//! or both heap objects are not (an immediate, a fixnum, a procedure equals
//! only itself); the rest (structures, strings, heap numbers) is the
//! runtime's. So `member`/`assoc` (prelude loops over `equal?`) compare
//! symbols, fixnums and characters in line.

use super::lower::FnCx;
use super::I64;
use crate::datum::DatumKind;
use crate::ir::{BuiltinId, Expr};
use closcrt::builtins::table::Inline;
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{BlockArg, InstBuilder, MemFlagsData, Value};
use cranelift_module::Module;

/// Pairs the inline loop walks before it hands the search to the runtime.
const INLINE_STEPS: i64 = 1000;

impl<M: Module> FnCx<'_, '_, M> {
    /// `memq`/`memv`/`assq`/`assv` (inline kind `kind`) of `args`.
    pub(super) fn list_search(&mut self, kind: Inline, b: BuiltinId, args: &[Expr]) -> Value {
        let (x, list) = (self.value(&args[0]), self.value(&args[1]));
        let alist = matches!(kind, Inline::Assq | Inline::Assv);
        let join = self.b.create_block();
        let result = self.b.append_block_param(join, I64);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let head = self.b.create_block();
        let l = self.b.append_block_param(head, I64);
        let n = self.b.append_block_param(head, I64);
        let steps = self.iconst(INLINE_STEPS as u64);
        let start = [BlockArg::Value(list), BlockArg::Value(steps)];
        if matches!(kind, Inline::Memv | Inline::Assv) {
            let number = self.kind_test(x, |fx, kind| fx.number_kind(kind));
            self.b.ins().brif(number, slow, &[], head, &start);
        } else {
            self.b.ins().jump(head, &start);
        }
        self.b.switch_to_block(head);
        let (not_nil, pair) = (self.b.create_block(), self.b.create_block());
        let nil = self.b.ins().icmp_imm_s(IntCC::Equal, l, v::NIL as i64);
        let no = self.iconst(v::FALSE);
        self.b
            .ins()
            .brif(nil, join, &[BlockArg::Value(no)], not_nil, &[]);
        self.b.switch_to_block(not_nil);
        let is_pair = self.has_tag(l, v::TAG_PAIR);
        self.b.ins().brif(is_pair, pair, &[], slow, &[]);
        self.b.switch_to_block(pair);
        let element = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), l, v::PAIR_CAR);
        let (found, key) = if alist {
            let entry_ok = self.b.create_block();
            let is_pair = self.has_tag(element, v::TAG_PAIR);
            self.b.ins().brif(is_pair, entry_ok, &[], slow, &[]);
            self.b.switch_to_block(entry_ok);
            let key = self
                .b
                .ins()
                .load(I64, MemFlagsData::trusted(), element, v::PAIR_CAR);
            (element, key)
        } else {
            (l, element)
        };
        let next = self.b.create_block();
        let same = self.b.ins().icmp(IntCC::Equal, key, x);
        self.b
            .ins()
            .brif(same, join, &[BlockArg::Value(found)], next, &[]);
        self.b.switch_to_block(next);
        let rest = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), l, v::PAIR_CDR);
        let left = self.b.ins().iadd_imm_s(n, -1);
        let more = self.b.create_block();
        self.b.ins().brif(left, more, &[], slow, &[]);
        self.b.switch_to_block(more);
        self.b
            .ins()
            .jump(head, &[BlockArg::Value(rest), BlockArg::Value(left)]);
        self.b.switch_to_block(slow);
        let budget = self.budget;
        let r = self.call_builtin(b, &[x, list]);
        self.budget = self.budget.min(budget);
        self.b.ins().jump(join, &[BlockArg::Value(r)]);
        self.b.switch_to_block(join);
        self.b.declare_value_needs_stack_map(result);
        result
    }

    /// `(equal? x y)` (see the module doc).
    pub(super) fn equal_value(&mut self, b: BuiltinId, args: &[Expr]) -> Value {
        // Against a constant that is an immediate or a symbol: one compare.
        let word_constant = args.iter().any(|a| {
            matches!(a, Expr::Const(d) if matches!(&d.kind,
                DatumKind::Bool(_) | DatumKind::Int(_) | DatumKind::Char(_) | DatumKind::Symbol(_))
                || matches!(&d.kind, DatumKind::List(items, None) if items.is_empty()))
        });
        let (x, y) = (self.value(&args[0]), self.value(&args[1]));
        if word_constant {
            let same = self.b.ins().icmp(IntCC::Equal, x, y);
            return self.bool_value(same);
        }
        let join = self.b.create_block();
        let result = self.b.append_block_param(join, I64);
        let differ = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let same = self.b.ins().icmp(IntCC::Equal, x, y);
        let yes = self.iconst(v::TRUE);
        self.b
            .ins()
            .brif(same, join, &[BlockArg::Value(yes)], differ, &[]);
        self.b.switch_to_block(differ);
        // Both pairs or both heap objects: the same tag, and it is odd but
        // not a closure's or an immediate's, which leaves 001 and 101.
        let tags = self.b.ins().bxor(x, y);
        let tags = self.b.ins().band_imm_s(tags, v::TAG_MASK as i64);
        let same_tag = self.b.ins().icmp_imm_s(IntCC::Equal, tags, 0);
        let low = self.b.ins().band_imm_s(x, 3);
        let structure = self.b.ins().icmp_imm_s(IntCC::Equal, low, 1);
        let compare = self.b.ins().band(same_tag, structure);
        let no = self.iconst(v::FALSE);
        self.b
            .ins()
            .brif(compare, slow, &[], join, &[BlockArg::Value(no)]);
        self.b.switch_to_block(slow);
        let budget = self.budget;
        let r = self.call_builtin(b, &[x, y]);
        self.budget = self.budget.min(budget);
        self.b.ins().jump(join, &[BlockArg::Value(r)]);
        self.b.switch_to_block(join);
        self.b.declare_value_needs_stack_map(result);
        result
    }
}
