//! The glue of foreign calls that lets C call back into Scheme:
//! `closc_ffi_call_N` (one per foreign signature the program calls) and,
//! per `foreign-callback` signature, the callback entry and its stubs.
//!
//! A foreign call goes through its signature's trampoline, which records
//! its own frame in `closc_heap_state.last_fp` (marked odd when an argument
//! is a bytevector: no callback may run then) and clears it after. A stub
//! (`closc_callback_I_K`, C convention, the callback's C signature) calls
//! the entry `closc_callback_entry_I` with its index K; the entry records
//! the trampoline's frame and its own (`closc_rt_ffi_callback_enter`: the
//! collector's walk goes on from there below the C frames), converts the C
//! arguments to Scheme values, calls the procedure of stub K (an unknown
//! call), converts its result to C (raising an error naming
//! `foreign-callback` when it does not fit), restores `last_fp` and returns.
//!
//! Invariant: everything between the entry's enter and leave calls is
//! compiled Scheme-convention code with stack maps; the C frames between a
//! trampoline and an entry are never walked.

use super::foreign::c_param;
use super::lower::FnCx;
use super::shared::Shared;
use super::I64;
use crate::datum::{Datum, DatumKind};
use crate::ir::{FfiType, ForeignSig};
use closcrt::abi::RtEntry;
use closcrt::builtins::ffi::callbacks::STUBS_PER_SIGNATURE;
use closcrt::memory::value as v;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Signature, Value};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};

/// The functions and table made for one callback signature.
pub(super) struct CallbackGlue {
    pub(super) sig: ForeignSig,
    entry: FuncId,
    stubs: Vec<FuncId>,
    pub(super) table: DataId,
}

/// The C signature of a function of signature `sig` (with `extra` leading
/// 64-bit parameters).
fn c_function_signature(
    call_conv: cranelift_codegen::isa::CallConv,
    sig: &ForeignSig,
    extra: usize,
) -> Signature {
    let mut s = Signature::new(call_conv);
    for _ in 0..extra {
        s.params.push(cranelift_codegen::ir::AbiParam::new(I64));
    }
    s.params.extend(sig.args().iter().map(|&t| c_param(t)));
    if sig.result != FfiType::Void {
        s.returns.push(c_param(sig.result));
    }
    s
}

impl<M: Module> Shared<'_, M> {
    /// `closc_ffi_call_N(target, args...)` for foreign signature `sig`,
    /// declared on first use.
    pub(super) fn ffi_trampoline(&mut self, sig: ForeignSig) -> FuncId {
        if let Some(&(_, f)) = self.ffi_trampolines.iter().find(|(s, _)| *s == sig) {
            return f;
        }
        let n = self.ffi_trampolines.len();
        let f = self
            .module
            .declare_function(
                &format!("closc_ffi_call_{n}"),
                Linkage::Local,
                &c_function_signature(self.call_conv_c, &sig, 1),
            )
            .expect("helper names are unique");
        self.ffi_trampolines.push((sig, f));
        f
    }

    /// The callback glue of signature `sig`, declared on first use.
    pub(super) fn callback_glue(&mut self, sig: ForeignSig) -> &CallbackGlue {
        if let Some(i) = self.callbacks.iter().position(|g| g.sig == sig) {
            return &self.callbacks[i];
        }
        let n = self.callbacks.len();
        let entry = self
            .module
            .declare_function(
                &format!("closc_callback_entry_{n}"),
                Linkage::Local,
                &c_function_signature(self.call_conv_c, &sig, 1),
            )
            .expect("helper names are unique");
        let stubs = (0..STUBS_PER_SIGNATURE)
            .map(|k| {
                self.module
                    .declare_function(
                        &format!("closc_callback_{n}_{k}"),
                        Linkage::Local,
                        &c_function_signature(self.call_conv_c, &sig, 0),
                    )
                    .expect("helper names are unique")
            })
            .collect();
        let table = self
            .module
            .declare_data(
                &format!("closc_callback_table_{n}"),
                Linkage::Local,
                false,
                false,
            )
            .expect("data names are unique");
        self.callbacks.push(CallbackGlue {
            sig,
            entry,
            stubs,
            table,
        });
        &self.callbacks[n]
    }

    /// Defines the foreign-call trampolines declared.
    pub(super) fn define_ffi_trampolines(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        for (sig, id) in self.ffi_trampolines.clone() {
            let has_bytevector = sig.args().contains(&FfiType::Bytevector);
            self.build_function(
                ctx,
                fctx,
                id,
                c_function_signature(self.call_conv_c, &sig, 1),
                |fx, params| {
                    let state = fx.heap_state();
                    let fp = fx.b.ins().get_frame_pointer(I64);
                    let mark = if has_bytevector {
                        fx.b.ins().bor_imm_s(fp, 1)
                    } else {
                        fp
                    };
                    fx.b.ins()
                        .store(MemFlagsData::trusted(), mark, state, v::HEAP_LAST_FP);
                    let c_sig = c_function_signature(fx.sh.call_conv_c, &sig, 0);
                    let c_sig = fx.b.import_signature(c_sig);
                    let call = fx.b.ins().call_indirect(c_sig, params[0], &params[1..]);
                    let results = fx.b.inst_results(call).to_vec();
                    fx.leave_runtime(state);
                    fx.b.ins().return_(&results);
                },
            )?;
        }
        Ok(())
    }

    /// Defines the callback entries, stubs and tables declared. Runs before
    /// the helpers they may declare (slow calls, trampolines) are defined.
    pub(super) fn define_callbacks(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        for i in 0..self.callbacks.len() {
            let (sig, entry, stubs, table) = {
                let g = &self.callbacks[i];
                (g.sig, g.entry, g.stubs.clone(), g.table)
            };
            let words = vec![0u64; stubs.len()];
            let funcs: Vec<(usize, FuncId)> = stubs.iter().copied().enumerate().collect();
            let desc: DataDescription = self.word_table(&words, &funcs);
            self.module
                .define_data(table, &desc)
                .map_err(|e| e.to_string())?;
            for (k, &stub) in stubs.iter().enumerate() {
                self.build_function(
                    ctx,
                    fctx,
                    stub,
                    c_function_signature(self.call_conv_c, &sig, 0),
                    |fx, params| {
                        let mut all = vec![fx.iconst(k as u64)];
                        all.extend_from_slice(params);
                        let r = fx.func_ref(entry);
                        let call = fx.b.ins().call(r, &all);
                        let results = fx.b.inst_results(call).to_vec();
                        fx.b.ins().return_(&results);
                    },
                )?;
            }
            self.build_function(
                ctx,
                fctx,
                entry,
                c_function_signature(self.call_conv_c, &sig, 1),
                |fx, params| fx.callback_entry(sig, table, params),
            )?;
        }
        Ok(())
    }
}

impl<M: Module> FnCx<'_, '_, M> {
    /// The body of `closc_callback_entry_I`: `params` are the stub index
    /// and the C arguments.
    fn callback_entry(&mut self, sig: ForeignSig, table: DataId, params: &[Value]) {
        // C code may use the pinned register for its own purposes while it
        // runs (it only restores it before returning): set it to the heap
        // state, and give C back its value.
        let c_pinned = self.b.ins().get_pinned_reg(I64);
        let state = self.data_addr(self.sh.heap_state);
        self.b.ins().set_pinned_reg(state);
        let caller_fp = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_LAST_FP);
        let zero = self.iconst(0);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), zero, state, v::HEAP_LAST_FP);
        let entry_fp = self.b.ins().get_frame_pointer(I64);
        let enter = self.sh.foreign_entry(RtEntry::FfiCallbackEnter);
        self.call_rt(enter, &[caller_fp, entry_fp]);
        let table_addr = self.data_addr(table);
        let get = self.sh.foreign_entry(RtEntry::FfiCallbackProc);
        let proc = self.call_rt(get, &[table_addr, params[0]]);
        let mut args = Vec::with_capacity(sig.args().len());
        for (&x, &t) in params[1..].iter().zip(sig.args()) {
            let a = self.ffi_result(Some(x), t);
            self.b.declare_value_needs_stack_map(a);
            args.push(a);
        }
        let result = self
            .unknown_call(proc, &args, false)
            .expect("a non-tail call returns");
        let raw = if sig.result == FfiType::Void {
            None
        } else {
            let who = Datum::new(
                DatumKind::Symbol("foreign-callback".into()),
                Default::default(),
            );
            // Index `usize::MAX`: argument number 0, which the runtime calls the result.
            let w = self.ffi_arg(result, sig.result, &who, usize::MAX);
            Some(self.narrow(w, sig.result))
        };
        let leave = self.sh.foreign_entry(RtEntry::FfiCallbackLeave);
        let saved = self.call_c(leave, &[]);
        let state = self.heap_state();
        self.b
            .ins()
            .store(MemFlagsData::trusted(), saved, state, v::HEAP_LAST_FP);
        self.b.ins().set_pinned_reg(c_pinned);
        match raw {
            Some(r) => self.b.ins().return_(&[r]),
            None => self.b.ins().return_(&[]),
        };
    }

    /// `Prim::ForeignCallback`: a C function pointer calling `proc`.
    pub(super) fn foreign_callback(&mut self, sig: ForeignSig, proc: Value) -> Value {
        let table = self.sh.callback_glue(sig).table;
        let table_addr = self.data_addr(table);
        let n = self.iconst(STUBS_PER_SIGNATURE as u64);
        let f = self.sh.foreign_entry(RtEntry::FfiCallback);
        self.call_rt(f, &[proc, table_addr, n])
    }
}
