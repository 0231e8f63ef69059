//! Small builtins compiled inline: the `c[ad]+r` compositions, `abs`,
//! two-argument `min`/`max`, `zero?`/`odd?`/`even?`, the type predicates
//! `number?`/`symbol?`/`string?`/`vector?`/`char?`/`boolean?`,
//! the character comparisons of two characters, `char->integer`,
//! `integer->char`, the character classes and case mappings of ASCII
//! characters (the entry looks the others up in the Unicode tables),
//! `vector-length`, `string-length`, `string-ref` of a narrow string (a
//! byte load; a wide or forwarded string goes to the entry, which returns
//! the character) (and, in `list_search.rs`, `memq`/`memv`/`assq`/
//! `assv` and `equal?`).
//!
//! Each was a runtime call through a `closc_rtcall_N` trampoline for a few
//! instructions of work (deriv spent 42% of its time in `cadr`/`caddr` and
//! their trampoline, nqueens 80% in the generic `abs`). As in `builtins.rs`,
//! the inline code handles the common case (fixnums, the right type) and
//! anything else calls the builtin's runtime entry with the same arguments:
//! - where the other cases are errors (`cadr` of a short list,
//!   `vector-length` of a non-vector), the slow path ends in a trap;
//! - where they are other numbers (`abs` of a flonum, `max` of a ratio), the
//!   entry's result joins the fast path's (`guarded_call`); the entry may
//!   allocate, so the budget after the join is what the trampoline leaves.
//!
//! The type predicates never call the runtime: a tag, and for heap objects
//! the header's kind, decide them.

use super::builtins::SlowPath;
use super::lower::FnCx;
use super::I64;
use crate::ir::{BuiltinId, Expr};
use closcrt::builtins::table::{CharOp, Inline, NumCompare};
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I8;
use cranelift_codegen::ir::{BlockArg, InstBuilder, MemFlagsData, Value};
use cranelift_module::Module;

impl<M: Module> FnCx<'_, '_, M> {
    /// Compiles builtin `b` of inline kind `kind` (one of this file's) on `args`.
    pub(super) fn inline_small(&mut self, kind: Inline, b: BuiltinId, args: &[Expr]) -> Value {
        match kind {
            Inline::Memq | Inline::Memv | Inline::Assq | Inline::Assv => {
                return self.list_search(kind, b, args)
            }
            Inline::Equal => return self.equal_value(b, args),
            _ => {}
        }
        let vals = self.values(args);
        let x = vals[0];
        match kind {
            Inline::Cxr(path) => self.cxr(b, path, x),
            Inline::Abs => {
                let fixnum = self.is_fixnum(x);
                // The most negative fixnum's magnitude is a bignum.
                let min = v::fixnum(v::FIXNUM_MIN) as i64;
                let not_min = self.b.ins().icmp_imm_s(IntCC::NotEqual, x, min);
                let ok = self.b.ins().band(fixnum, not_min);
                self.guarded_call(b, ok, &vals, |fx| {
                    let negative = fx.b.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
                    let negated = fx.b.ins().ineg(x);
                    fx.b.ins().select(negative, negated, x)
                })
            }
            Inline::Max | Inline::Min => {
                let y = vals[1];
                let or = self.b.ins().bor(x, y);
                let ok = self.is_fixnum(or);
                self.guarded_call(b, ok, &vals, |fx| {
                    let cc = if kind == Inline::Max {
                        IntCC::SignedGreaterThan
                    } else {
                        IntCC::SignedLessThan
                    };
                    let first = fx.b.ins().icmp(cc, x, y);
                    fx.b.ins().select(first, x, y)
                })
            }
            Inline::ZeroP | Inline::OddP | Inline::EvenP => {
                let ok = self.is_fixnum(x);
                self.guarded_call(b, ok, &vals, |fx| {
                    let c = match kind {
                        Inline::ZeroP => fx.b.ins().icmp_imm_s(IntCC::Equal, x, 0),
                        _ => {
                            // Tagged n is 2n: n's low bit is the word's bit 1.
                            let bit = fx.b.ins().band_imm_s(x, 2);
                            let cc = if kind == Inline::OddP {
                                IntCC::NotEqual
                            } else {
                                IntCC::Equal
                            };
                            fx.b.ins().icmp_imm_s(cc, bit, 0)
                        }
                    };
                    fx.bool_value(c)
                })
            }
            Inline::NumberP => {
                let fixnum = self.is_fixnum(x);
                let number = self.kind_test(x, |fx, kind| fx.number_kind(kind));
                let c = self.b.ins().bor(fixnum, number);
                self.bool_value(c)
            }
            Inline::SymbolP | Inline::StringP | Inline::VectorP => {
                let wanted = match kind {
                    Inline::SymbolP => v::HDR_SYMBOL,
                    Inline::StringP => v::HDR_STRING,
                    _ => v::HDR_VECTOR,
                };
                let c = self.kind_test(x, |fx, kind| {
                    fx.b.ins().icmp_imm_s(IntCC::Equal, kind, wanted as i64)
                });
                self.bool_value(c)
            }
            Inline::CharP => {
                let c = self.is_char(x);
                self.bool_value(c)
            }
            Inline::CharCompare(cmp) => {
                let y = vals[1];
                let both = self.b.ins().band(x, y);
                let either = self.b.ins().bor(x, y);
                // Both low bytes are the tag: their AND has every tag bit,
                // their OR no other bit.
                let and_low = self.b.ins().band_imm_s(both, v::CHAR_TAG_MASK as i64);
                let or_low = self.b.ins().band_imm_s(either, v::CHAR_TAG_MASK as i64);
                let c1 = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, and_low, v::CHAR_TAG as i64);
                let c2 = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, or_low, v::CHAR_TAG as i64);
                let ok = self.b.ins().band(c1, c2);
                self.guarded_call(b, ok, &vals, |fx| {
                    let cc = match cmp {
                        NumCompare::Eq => IntCC::Equal,
                        NumCompare::Lt => IntCC::UnsignedLessThan,
                        NumCompare::Gt => IntCC::UnsignedGreaterThan,
                        NumCompare::Le => IntCC::UnsignedLessThanOrEqual,
                        NumCompare::Ge => IntCC::UnsignedGreaterThanOrEqual,
                    };
                    let c = fx.b.ins().icmp(cc, x, y);
                    fx.bool_value(c)
                })
            }
            Inline::CharToInteger => {
                let ok = self.is_char(x);
                self.guarded_call(b, ok, &vals, |fx| {
                    let code = fx.b.ins().ushr_imm_s(x, v::CHAR_CODE_SHIFT as i64);
                    fx.b.ins().ishl_imm_s(code, 1)
                })
            }
            Inline::IntegerToChar => {
                // A fixnum in 0..#xD800: a negative one, as an unsigned
                // word, is above the bound, so one comparison tests both
                // ends (the surrogates and above go to the entry).
                let fixnum = self.is_fixnum(x);
                let below =
                    self.b
                        .ins()
                        .icmp_imm_u(IntCC::UnsignedLessThan, x, v::fixnum(0xD800) as i64);
                let ok = self.b.ins().band(fixnum, below);
                self.guarded_call(b, ok, &vals, |fx| {
                    let code = fx.b.ins().ishl_imm_s(x, v::CHAR_CODE_SHIFT as i64 - 1);
                    fx.b.ins().bor_imm_s(code, v::CHAR_TAG as i64)
                })
            }
            Inline::CharAscii(op) => {
                let is_char = self.is_char(x);
                let ascii = self.b.ins().icmp_imm_u(
                    IntCC::UnsignedLessThan,
                    x,
                    (128 << v::CHAR_CODE_SHIFT) as i64,
                );
                let ok = self.b.ins().band(is_char, ascii);
                self.guarded_call(b, ok, &vals, |fx| fx.ascii_char_op(op, x))
            }
            Inline::BooleanP => {
                let t = self.b.ins().icmp_imm_s(IntCC::Equal, x, v::TRUE as i64);
                let f = self.b.ins().icmp_imm_s(IntCC::Equal, x, v::FALSE as i64);
                let c = self.b.ins().bor(t, f);
                self.bool_value(c)
            }
            Inline::StringLength => {
                let ok = self.is_kind(x, v::HDR_STRING);
                // The length word is a fixnum already.
                self.guarded(b, ok, &vals, |fx| {
                    fx.b.ins()
                        .load(I64, MemFlagsData::trusted(), x, v::STRING_LEN)
                })
            }
            Inline::StringRef => {
                let i = vals[1];
                let ok = self.narrow_string_index_ok(x, i);
                self.guarded_call(b, ok, &vals, |fx| {
                    let index = fx.b.ins().sshr_imm_s(i, 1);
                    let addr = fx.b.ins().iadd(x, index);
                    let byte =
                        fx.b.ins()
                            .uload8(I64, MemFlagsData::trusted(), addr, v::STRING_CHARS);
                    let code = fx.b.ins().ishl_imm_s(byte, v::CHAR_CODE_SHIFT as i64);
                    fx.b.ins().bor_imm_s(code, v::CHAR_TAG as i64)
                })
            }
            _ => unreachable!("inline_small is called for its own kinds only"),
        }
    }

    /// `c[ad]+r`: `path` lists the accessors innermost first (`cadr` is
    /// "da"). Any non-pair on the way calls the entry on the original
    /// argument, which reports it.
    fn cxr(&mut self, b: BuiltinId, path: &str, x: Value) -> Value {
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let mut p = x;
        for step in path.bytes() {
            let ok = self.has_tag(p, v::TAG_PAIR);
            let next = self.b.create_block();
            self.b.ins().brif(ok, next, &[], slow, &[]);
            self.b.switch_to_block(next);
            let offset = if step == b'a' {
                v::PAIR_CAR
            } else {
                v::PAIR_CDR
            };
            p = self.b.ins().load(I64, MemFlagsData::trusted(), p, offset);
        }
        let done = self.b.create_block();
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(slow);
        self.ending_in_trap(|fx| {
            fx.call_builtin(b, &[x]);
        });
        self.b.switch_to_block(done);
        self.b.declare_value_needs_stack_map(p);
        p
    }

    /// Whether the word `x` is a character (its low byte the tag).
    fn is_char(&mut self, x: Value) -> Value {
        let t = self.b.ins().band_imm_s(x, v::CHAR_TAG_MASK as i64);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, v::CHAR_TAG as i64)
    }

    /// `op` on the ASCII character `x`, by ranges of its code.
    fn ascii_char_op(&mut self, op: CharOp, x: Value) -> Value {
        let code = self.b.ins().ushr_imm_s(x, v::CHAR_CODE_SHIFT as i64);
        // Whether `code` is in `first..first + n`.
        let within = |fx: &mut Self, code: Value, first: u8, n: i64| {
            let offset = fx.b.ins().iadd_imm_s(code, -(first as i64));
            fx.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, offset, n)
        };
        let case_shift = 32 << v::CHAR_CODE_SHIFT;
        match op {
            CharOp::Numeric => {
                let c = within(self, code, b'0', 10);
                self.bool_value(c)
            }
            CharOp::Alphabetic => {
                let folded = self.b.ins().bor_imm_s(code, 0x20);
                let c = within(self, folded, b'a', 26);
                self.bool_value(c)
            }
            CharOp::UpperCase | CharOp::LowerCase => {
                let first = if op == CharOp::UpperCase { b'A' } else { b'a' };
                let c = within(self, code, first, 26);
                self.bool_value(c)
            }
            CharOp::Whitespace => {
                // Space, and tab through carriage return.
                let space = self.b.ins().icmp_imm_s(IntCC::Equal, code, b' ' as i64);
                let control = within(self, code, b'\t', 5);
                let c = self.b.ins().bor(space, control);
                self.bool_value(c)
            }
            CharOp::Upcase => {
                let lower = within(self, code, b'a', 26);
                let changed = self.b.ins().iadd_imm_s(x, -case_shift);
                self.b.ins().select(lower, changed, x)
            }
            CharOp::Downcase | CharOp::Foldcase => {
                let upper = within(self, code, b'A', 26);
                let changed = self.b.ins().iadd_imm_s(x, case_shift);
                self.b.ins().select(upper, changed, x)
            }
            CharOp::DigitValue => {
                let digit = within(self, code, b'0', 10);
                let n = self.b.ins().iadd_imm_s(code, -(b'0' as i64));
                let tagged = self.b.ins().ishl_imm_s(n, 1);
                let f = self.iconst(v::FALSE);
                self.b.ins().select(digit, tagged, f)
            }
        }
    }

    /// Whether the word `x` is a fixnum (low bit clear), as an `i8` flag.
    pub(super) fn is_fixnum(&mut self, x: Value) -> Value {
        let low = self.b.ins().band_imm_s(x, 1);
        self.b.ins().icmp_imm_s(IntCC::Equal, low, 0)
    }

    /// Whether the header kind `kind` is that of a number in the heap:
    /// flonum, bignum, ratio (consecutive kinds) or complex.
    pub(super) fn number_kind(&mut self, kind: Value) -> Value {
        const { assert!(v::HDR_BIGNUM == v::HDR_FLONUM + 1 && v::HDR_RATNUM == v::HDR_FLONUM + 2) };
        let offset = self.b.ins().iadd_imm_s(kind, -(v::HDR_FLONUM as i64));
        let real = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, offset, 2);
        let complex = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, kind, v::HDR_COMPNUM as i64);
        self.b.ins().bor(real, complex)
    }

    /// Whether `s` is a narrow string (no wide or forwarded flag: one test
    /// of the header under the kind and those flags) and `i` a fixnum index
    /// inside it.
    fn narrow_string_index_ok(&mut self, s: Value, i: Value) -> Value {
        self.header_test(s, |fx, header| {
            let mask = v::HEADER_KIND_MASK | v::STRING_WIDE_BIT | v::STRING_FORWARDED_BIT;
            let kind = fx.b.ins().band_imm_s(header, mask as i64);
            let narrow =
                fx.b.ins()
                    .icmp_imm_s(IntCC::Equal, kind, v::HDR_STRING as i64);
            let bounds = fx.b.create_block();
            let done = fx.b.create_block();
            let result = fx.b.append_block_param(done, I8);
            let no = fx.b.ins().iconst(I8, 0);
            fx.b.ins()
                .brif(narrow, bounds, &[], done, &[BlockArg::Value(no)]);
            // A string: its length word can be read. Rotating the tagged index
            // right by one gives the index for a fixnum 0 <= k, and sends a
            // negative fixnum or a non-fixnum (odd word) above every length.
            fx.b.switch_to_block(bounds);
            let len =
                fx.b.ins()
                    .load(I64, MemFlagsData::trusted(), s, v::STRING_LEN);
            let index = fx.b.ins().rotr_imm_s(i, 1);
            let bound = fx.b.ins().ushr_imm_s(len, 1);
            let in_range = fx.b.ins().icmp(IntCC::UnsignedLessThan, index, bound);
            fx.b.ins().jump(done, &[BlockArg::Value(in_range)]);
            fx.b.switch_to_block(done);
            result
        })
    }

    /// `test(header)` for a heap object `x` (its header word), false for
    /// anything else; the header is loaded only after the tag check. The
    /// one place codegen reads an object's header to test what it is: the
    /// kind tests below and the vector index check build on it.
    pub(super) fn header_test(
        &mut self,
        x: Value,
        test: impl FnOnce(&mut Self, Value) -> Value,
    ) -> Value {
        let is_object = self.has_tag(x, v::TAG_OBJECT);
        let check = self.b.create_block();
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I8);
        let no = self.b.ins().iconst(I8, 0);
        self.b
            .ins()
            .brif(is_object, check, &[], done, &[BlockArg::Value(no)]);
        self.b.switch_to_block(check);
        let header = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), x, v::OBJECT_HEADER);
        let yes = test(self, header);
        self.b.ins().jump(done, &[BlockArg::Value(yes)]);
        self.b.switch_to_block(done);
        result
    }

    /// The kind bits of an object's header word.
    pub(super) fn header_kind(&mut self, header: Value) -> Value {
        self.b.ins().band_imm_s(header, v::HEADER_KIND_MASK as i64)
    }

    /// `test(kind)` for a heap object `x` (its header's kind), false for
    /// anything else (see `header_test`).
    pub(super) fn kind_test(
        &mut self,
        x: Value,
        test: impl FnOnce(&mut Self, Value) -> Value,
    ) -> Value {
        self.header_test(x, |fx, header| {
            let kind = fx.header_kind(header);
            test(fx, kind)
        })
    }

    /// Whether `x` is a heap object of kind `kind` (one of `v::HDR_*`).
    pub(super) fn is_kind(&mut self, x: Value, kind: u64) -> Value {
        self.kind_test(x, |fx, k| {
            fx.b.ins().icmp_imm_s(IntCC::Equal, k, kind as i64)
        })
    }

    /// `fast(fx)` when `ok` holds, otherwise builtin `b`'s runtime entry on
    /// `args`, whose result joins the fast path's. The entry may allocate
    /// and collect: after the join the budget is at most what its
    /// trampoline leaves.
    pub(super) fn guarded_call(
        &mut self,
        b: BuiltinId,
        ok: Value,
        args: &[Value],
        fast: impl FnOnce(&mut Self) -> Value,
    ) -> Value {
        self.guarded_by(b, ok, args, fast, SlowPath::Returns)
    }
}
