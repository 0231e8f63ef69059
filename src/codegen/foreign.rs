//! Foreign calls (`Prim::ForeignCall`, `Prim::ForeignSymbol`): a call of a
//! C function with the platform's C convention, straight from the Scheme
//! procedure `foreign-procedure` made.
//!
//! In: the signature, the procedure's name (for errors), the pointer object
//! holding the C address, the Scheme arguments. Out: the C call, with each
//! argument converted inline where its type allows (fixnums to integers
//! with range checks, flonums to doubles, pointer objects and bytevectors
//! to addresses, booleans) and out of line otherwise (`closc_rt_ffi_arg`:
//! bignums, other reals, strings, and every error), and the result made a
//! Scheme value inline (small integers, booleans) or by `closc_rt_ffi_result`.
//!
//! Invariants: the out-of-line conversions go through the runtime-call
//! trampoline and may collect, so every one of them runs before the first
//! address into the Scheme heap (a bytevector's bytes) is computed; from
//! then to the C call's return nothing collects. The C function cannot run
//! Scheme code (there are no callbacks), so the call itself is not a
//! safepoint the collector can stop at, and bytevectors stay put during it.
//! The raw words of converted arguments are never declared as roots.

use super::lower::FnCx;
use super::shared::Shared;
use super::I64;
use crate::datum::Datum;
use crate::ir::{Expr, FfiType, ForeignSig};
use closcrt::abi::RtEntry;
use closcrt::builtins::ffi::types::FIRST_STRING_OF_CALL;
use closcrt::builtins::ffi::{POINTER_ADDRESS, POINTER_STATE, STATE_FREED};
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{F32, F64, I16, I32, I8};
use cranelift_codegen::ir::{
    AbiParam, BlockArg, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Type, Value,
};
use cranelift_module::{FuncId, Linkage, Module};

/// How a program's C symbols are found: by `closc_rt_ffi_lookup` when the
/// definition runs (`closc run`: libraries may be loaded by then), or by
/// the linker (`closc build`: a missing one fails the build).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForeignSymbols {
    AtRunTime,
    ByLinker,
}

/// The runtime entries only foreign calls use: declared on first use, so
/// programs without foreign calls import exactly what they did before.
pub(super) const FOREIGN_ENTRIES: [RtEntry; 7] = [
    RtEntry::FfiLookup,
    RtEntry::FfiArg,
    RtEntry::FfiResult,
    RtEntry::FfiCallback,
    RtEntry::FfiCallbackProc,
    RtEntry::FfiCallbackEnter,
    RtEntry::FfiCallbackLeave,
];

/// Byte offset of payload word `i` of an object from its tagged pointer.
fn word(i: usize) -> i32 {
    (i * 8) as i32 - v::TAG_OBJECT as i32
}

/// The Cranelift type of a C value of type `t` (with its extension, for
/// arguments narrower than a register).
pub(super) fn c_param(t: FfiType) -> AbiParam {
    let ty = c_type(t);
    match t {
        FfiType::Int8 | FfiType::Int16 | FfiType::Int32 => AbiParam::new(ty).sext(),
        FfiType::Uint8 | FfiType::Uint16 | FfiType::Uint32 | FfiType::Bool => {
            AbiParam::new(ty).uext()
        }
        _ => AbiParam::new(ty),
    }
}

fn c_type(t: FfiType) -> Type {
    match t {
        FfiType::Int8 | FfiType::Uint8 | FfiType::Bool => I8,
        FfiType::Int16 | FfiType::Uint16 => I16,
        FfiType::Int32 | FfiType::Uint32 => I32,
        FfiType::Float => F32,
        FfiType::Double => F64,
        _ => I64,
    }
}

impl<M: Module> Shared<'_, M> {
    /// A foreign-call runtime entry (`FOREIGN_ENTRIES`), declared on first use.
    pub(super) fn foreign_entry(&mut self, e: RtEntry) -> FuncId {
        if let Some(&f) = self.foreign_funcs.get(&e) {
            return f;
        }
        let sig = super::runtime_abi::c_signature(self.call_conv_c, e.params());
        let f = self
            .module
            .declare_function(e.symbol(), Linkage::Import, &sig)
            .expect("runtime symbols are unique");
        self.foreign_funcs.insert(e, f);
        f
    }
}

impl<M: Module> FnCx<'_, '_, M> {
    /// `Prim::ForeignSymbol`: a pointer object for C symbol `name`.
    pub(super) fn foreign_symbol(&mut self, name: &Expr) -> Value {
        let Expr::Const(d) = name else {
            unreachable!("foreign-procedure passes the name as a literal")
        };
        match self.sh.foreign_symbols {
            ForeignSymbols::AtRunTime => {
                let text = self.constant_value(d);
                let f = self.sh.foreign_entry(RtEntry::FfiLookup);
                self.call_rt(f, &[text])
            }
            ForeignSymbols::ByLinker => {
                let crate::datum::DatumKind::Str(s) = &d.kind else {
                    unreachable!("a C name is a string")
                };
                let sig = super::runtime_abi::c_signature(self.sh.call_conv_c, 0);
                // A name the module already declared differently (one of
                // closc's own symbols) is looked up at run time instead.
                let Ok(f) = self.sh.module.declare_function(s, Linkage::Import, &sig) else {
                    let text = self.constant_value(d);
                    let f = self.sh.foreign_entry(RtEntry::FfiLookup);
                    return self.call_rt(f, &[text]);
                };
                let r = self.func_ref(f);
                let address = self.b.ins().func_addr(I64, r);
                let ty = self.iconst(FfiType::Pointer as u64);
                let f = self.sh.foreign_entry(RtEntry::FfiResult);
                self.call_rt(f, &[address, ty])
            }
        }
    }

    /// `Prim::ForeignCall`: `args` are the procedure's name (a quoted
    /// symbol), the pointer object of the C function, then the arguments.
    pub(super) fn foreign_call(&mut self, sig: ForeignSig, args: &[Expr]) -> Value {
        let [Expr::Const(who), target, rest @ ..] = args else {
            unreachable!("foreign-procedure passes the name and target first")
        };
        let vals = self.values(rest);
        // Conversions that may call the runtime (and so collect) first.
        let mut raw: Vec<Option<Value>> = Vec::with_capacity(vals.len());
        let mut first_string = true;
        for (i, (&x, &t)) in vals.iter().zip(sig.args()).enumerate() {
            let converted = match t {
                FfiType::Bytevector => None,
                FfiType::String => {
                    let flag = if first_string {
                        FIRST_STRING_OF_CALL
                    } else {
                        0
                    };
                    first_string = false;
                    Some(self.ffi_arg_slow(x, t as u64 | flag, who, i))
                }
                _ => Some(self.ffi_arg(x, t, who, i)),
            };
            raw.push(converted);
        }
        // Then bytevector addresses, and the C function's: nothing collects
        // from here to the call's return.
        let mut c_args = Vec::with_capacity(vals.len());
        for (i, ((&x, &t), r)) in vals.iter().zip(sig.args()).zip(raw).enumerate() {
            let word = match r {
                Some(word) => word,
                None => {
                    let ok = self.has_kind(x, v::HDR_BYTEVECTOR, None);
                    self.ffi_check_or_raise(ok, x, t, who, i);
                    self.b.ins().iadd_imm_s(x, v::BYTEVECTOR_BYTES as i64)
                }
            };
            c_args.push(self.narrow(word, t));
        }
        // The target (a variable of the closure) is read only now, after
        // every conversion that may collect: nothing keeps it across them.
        let target = self.value(target);
        let address =
            self.b
                .ins()
                .load(I64, MemFlagsData::trusted(), target, word(POINTER_ADDRESS));
        // Through the signature's trampoline, which records this call's
        // frame for callbacks (`callbacks.rs`).
        let tramp = self.sh.ffi_trampoline(sig);
        let r = self.func_ref(tramp);
        c_args.insert(0, address);
        // C code may call back into Scheme, which may collect.
        self.budget = 0;
        let call = self.b.ins().call(r, &c_args);
        let result = self.b.inst_results(call).first().copied();
        self.ffi_result(result, sig.result)
    }

    /// A raw word as the C argument type `t`.
    pub(super) fn narrow(&mut self, word: Value, t: FfiType) -> Value {
        match c_type(t) {
            I64 => word,
            F64 => self.b.ins().bitcast(F64, MemFlagsData::new(), word),
            F32 => {
                let low = self.b.ins().ireduce(I32, word);
                self.b.ins().bitcast(F32, MemFlagsData::new(), low)
            }
            ty => self.b.ins().ireduce(ty, word),
        }
    }

    /// Whether `x` is a heap object of kind `kind` (and, with `state`, a
    /// pointer object not in that state): the header is read only after
    /// the tag check passed.
    fn has_kind(&mut self, x: Value, kind: u64, not_state: Option<u64>) -> Value {
        self.kind_test(x, |fx, k| {
            let is = fx.b.ins().icmp_imm_s(IntCC::Equal, k, kind as i64);
            let Some(state) = not_state else { return is };
            let s =
                fx.b.ins()
                    .load(I64, MemFlagsData::trusted(), x, word(POINTER_STATE));
            let live = fx.b.ins().icmp_imm_s(IntCC::NotEqual, s, state as i64);
            fx.b.ins().band(is, live)
        })
    }

    /// Argument `i` of C type `t` as a raw word: inline when `x` has the
    /// usual representation, else `closc_rt_ffi_arg`.
    pub(super) fn ffi_arg(&mut self, x: Value, t: FfiType, who: &Datum, i: usize) -> Value {
        // `ok`: the inline conversion applies; `n`: an integer's value.
        let (ok, n) = match t {
            FfiType::Bool => {
                let c = self.b.ins().icmp_imm_s(IntCC::NotEqual, x, v::FALSE as i64);
                return self.b.ins().uextend(I64, c);
            }
            FfiType::Double | FfiType::Float => (self.has_kind(x, v::HDR_FLONUM, None), None),
            FfiType::Pointer => (self.has_kind(x, v::HDR_POINTER, Some(STATE_FREED)), None),
            _ => {
                let (ok, n) = self.fixnum_in_range(x, t);
                (ok, Some(n))
            }
        };
        let fast_block = self.b.create_block();
        let slow_block = self.b.create_block();
        let join = self.b.create_block();
        let out = self.b.append_block_param(join, I64);
        self.b.set_cold_block(slow_block);
        self.b.ins().brif(ok, fast_block, &[], slow_block, &[]);
        self.b.switch_to_block(fast_block);
        let w = match (t, n) {
            (_, Some(n)) => n,
            (FfiType::Pointer, _) => {
                self.b
                    .ins()
                    .load(I64, MemFlagsData::trusted(), x, word(POINTER_ADDRESS))
            }
            _ => {
                let bits = self
                    .b
                    .ins()
                    .load(I64, MemFlagsData::trusted(), x, v::FLONUM_BITS);
                if t == FfiType::Double {
                    bits
                } else {
                    let d = self.b.ins().bitcast(F64, MemFlagsData::new(), bits);
                    let f = self.b.ins().fdemote(F32, d);
                    let b32 = self.b.ins().bitcast(I32, MemFlagsData::new(), f);
                    self.b.ins().uextend(I64, b32)
                }
            }
        };
        self.b.ins().jump(join, &[BlockArg::Value(w)]);
        self.b.switch_to_block(slow_block);
        let budget = self.budget;
        let w = self.ffi_arg_slow(x, t as u64, who, i);
        self.budget = self.budget.min(budget);
        self.b.ins().jump(join, &[BlockArg::Value(w)]);
        self.b.switch_to_block(join);
        out
    }

    /// For integer type `t`: whether `x` is a fixnum in `t`'s range, and
    /// its value (meaningful only then).
    fn fixnum_in_range(&mut self, x: Value, t: FfiType) -> (Value, Value) {
        let (lo, hi) = t.int_range().expect("an integer type");
        let low = self.b.ins().band_imm_s(x, 1);
        let is_fixnum = self.b.ins().icmp_imm_s(IntCC::Equal, low, 0);
        let n = self.b.ins().sshr_imm_s(x, 1);
        let in_range = if lo == i64::MIN as i128 {
            return (is_fixnum, n);
        } else if hi == u64::MAX as i128 {
            self.b
                .ins()
                .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, n, 0)
        } else if lo == 0 {
            self.b
                .ins()
                .icmp_imm_s(IntCC::UnsignedLessThanOrEqual, n, hi as i64)
        } else {
            let r = self.b.ins().ireduce(c_type(t), n);
            let back = self.b.ins().sextend(I64, r);
            self.b.ins().icmp(IntCC::Equal, back, n)
        };
        (self.b.ins().band(is_fixnum, in_range), n)
    }

    /// `closc_rt_ffi_arg`: the raw word of argument `i`, or its error.
    fn ffi_arg_slow(&mut self, x: Value, code: u64, who: &Datum, i: usize) -> Value {
        let slot =
            self.b
                .create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
        let out = self.b.ins().stack_addr(I64, slot, 0);
        let code = self.iconst(code);
        let who = self.constant_value(who);
        let argno = self.iconst((i as u64).wrapping_add(1));
        let f = self.sh.foreign_entry(RtEntry::FfiArg);
        self.call_rt(f, &[x, code, who, argno, out]);
        let out = self.b.ins().stack_addr(I64, slot, 0);
        self.b.ins().load(I64, MemFlagsData::trusted(), out, 0)
    }

    /// Raises argument `i`'s type error unless `ok`.
    fn ffi_check_or_raise(&mut self, ok: Value, x: Value, t: FfiType, who: &Datum, i: usize) {
        let fine = self.b.create_block();
        let bad = self.b.create_block();
        self.b.set_cold_block(bad);
        self.b.ins().brif(ok, fine, &[], bad, &[]);
        self.b.switch_to_block(bad);
        self.ending_in_trap(|fx| {
            fx.ffi_arg_slow(x, t as u64, who, i);
        });
        self.b.switch_to_block(fine);
    }

    /// The Scheme value of the C result `r` of type `t`.
    pub(super) fn ffi_result(&mut self, r: Option<Value>, t: FfiType) -> Value {
        let Some(r) = r else {
            return self.iconst(v::VOID);
        };
        match t {
            FfiType::Void => self.iconst(v::VOID),
            FfiType::Bool => {
                let c = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
                self.bool_value(c)
            }
            FfiType::Int8 | FfiType::Int16 | FfiType::Int32 => {
                let n = self.b.ins().sextend(I64, r);
                self.b.ins().ishl_imm_s(n, 1)
            }
            FfiType::Uint8 | FfiType::Uint16 | FfiType::Uint32 => {
                let n = self.b.ins().uextend(I64, r);
                self.b.ins().ishl_imm_s(n, 1)
            }
            FfiType::Int64 | FfiType::Uint64 => {
                let tagged = self.b.ins().ishl_imm_s(r, 1);
                let fits = if t == FfiType::Int64 {
                    let back = self.b.ins().sshr_imm_s(tagged, 1);
                    self.b.ins().icmp(IntCC::Equal, back, r)
                } else {
                    let top = self.b.ins().ushr_imm_s(r, 62);
                    self.b.ins().icmp_imm_s(IntCC::Equal, top, 0)
                };
                let fast_block = self.b.create_block();
                let slow_block = self.b.create_block();
                let join = self.b.create_block();
                let out = self.b.append_block_param(join, I64);
                self.b.set_cold_block(slow_block);
                self.b.ins().brif(fits, fast_block, &[], slow_block, &[]);
                self.b.switch_to_block(fast_block);
                self.b.ins().jump(join, &[BlockArg::Value(tagged)]);
                self.b.switch_to_block(slow_block);
                let budget = self.budget;
                let big = self.ffi_result_slow(r, t);
                self.budget = self.budget.min(budget);
                self.b.ins().jump(join, &[BlockArg::Value(big)]);
                self.b.switch_to_block(join);
                self.b.declare_value_needs_stack_map(out);
                out
            }
            FfiType::Double => {
                let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), r);
                self.ffi_result_slow(bits, t)
            }
            FfiType::Float => {
                let bits = self.b.ins().bitcast(I32, MemFlagsData::new(), r);
                let bits = self.b.ins().uextend(I64, bits);
                self.ffi_result_slow(bits, t)
            }
            FfiType::Pointer | FfiType::String => self.ffi_result_slow(r, t),
            FfiType::Bytevector => unreachable!("not a result type"),
        }
    }

    fn ffi_result_slow(&mut self, raw: Value, t: FfiType) -> Value {
        let code = self.iconst(t as u64);
        let f = self.sh.foreign_entry(RtEntry::FfiResult);
        self.call_rt(f, &[raw, code])
    }
}
