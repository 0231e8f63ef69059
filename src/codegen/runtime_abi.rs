//! How compiled code reaches the runtime: the runtime entry points it
//! imports (`RuntimeFns`, C convention, from the runtime's list
//! `closcrt::abi::RtEntry`), the signatures of Scheme code
//! (`lambda_signature`, tail convention) and of C calls (`c_signature`), a
//! builtin's runtime entry (`Shared::builtin`), and the `FnCx` methods that
//! emit calls into the runtime.
//!
//! Invariant: compiled code calls a runtime function that may allocate (and
//! so collect) only through a trampoline (`call_rt`), whose frame the
//! collector's walk starts from. `call_c` calls directly: runtime functions
//! that never collect, the trampolines themselves, and the runtime from glue
//! that has recorded its own frame (`enter_runtime`).

use super::lower::FnCx;
use super::shared::Shared;
use super::I64;
use crate::ir::BuiltinId;
use closcrt::abi::RtEntry;
use closcrt::memory::value as v;
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature, TrapCode, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_module::{FuncId, Linkage, Module};
use std::ops::Index;

/// The FuncIds of the runtime entry points compiled code calls (C
/// convention), indexed by `RtEntry`: declared from the runtime's one list.
pub(super) struct RuntimeFns(Vec<FuncId>);

impl Index<RtEntry> for RuntimeFns {
    type Output = FuncId;

    fn index(&self, entry: RtEntry) -> &FuncId {
        &self.0[entry as usize]
    }
}

pub(super) fn lambda_signature<M: Module>(module: &M, nparams: usize) -> Signature {
    let mut sig = module.make_signature();
    sig.call_conv = CallConv::Tail;
    for _ in 0..=nparams {
        sig.params.push(AbiParam::new(I64));
    }
    sig.returns.push(AbiParam::new(I64));
    sig
}

pub(super) fn c_signature(call_conv: CallConv, nparams: usize) -> Signature {
    let mut sig = Signature::new(call_conv);
    for _ in 0..nparams {
        sig.params.push(AbiParam::new(I64));
    }
    sig.returns.push(AbiParam::new(I64));
    sig
}

pub(super) fn declare_runtime<M: Module>(
    module: &mut M,
    cc: CallConv,
) -> Result<RuntimeFns, String> {
    // In `RtEntry::ALL` order, which is also `RtEntry`'s discriminant order
    // (the index above) and fixes the FuncIds in generated code.
    // The foreign-call entries and `closc_rt_apply_fits` come last and are
    // declared on first use.
    let funcs = RtEntry::ALL
        .iter()
        .filter(|e| !super::foreign::FOREIGN_ENTRIES.contains(e) && **e != RtEntry::ApplyFits)
        .map(|e| {
            module
                .declare_function(e.symbol(), Linkage::Import, &c_signature(cc, e.params()))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    Ok(RuntimeFns(funcs))
}

/// The helper function in `slot`, declared (local to the module) on first use.
pub(super) fn declare_helper<M: Module>(
    module: &mut M,
    slot: &mut Option<FuncId>,
    name: &str,
    sig: &Signature,
) -> FuncId {
    *slot.get_or_insert_with(|| {
        module
            .declare_function(name, Linkage::Local, sig)
            .expect("helper names are unique")
    })
}

pub(super) fn trap_code() -> TrapCode {
    TrapCode::user(1).expect("1 is a valid user trap code")
}

impl<'m, M: Module> Shared<'m, M> {
    pub(super) fn builtin(&mut self, b: BuiltinId) -> FuncId {
        if let Some(&f) = self.builtin_funcs.get(&b) {
            return f;
        }
        let builtin = b.builtin();
        let n = builtin.entry.params();
        let f = self
            .module
            .declare_function(
                builtin.symbol,
                Linkage::Import,
                &c_signature(self.call_conv_c, n),
            )
            .expect("builtin symbols are unique");
        self.builtin_funcs.insert(b, f);
        f
    }
}

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    /// Calls a C-convention runtime function and returns its result.
    pub(super) fn call_c(&mut self, f: FuncId, args: &[Value]) -> Value {
        let r = self.func_ref(f);
        let call = self.b.ins().call(r, args);
        self.b.inst_results(call)[0]
    }

    /// In a trampoline: record this frame as the one the collector's walk of
    /// the Scheme frames starts from (`closc_heap_state.last_fp`).
    pub(super) fn enter_runtime(&mut self, state: Value) {
        let fp = self.b.ins().get_frame_pointer(I64);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), fp, state, v::HEAP_LAST_FP);
    }

    /// In a trampoline, after the runtime call: no walk starts here any more.
    pub(super) fn leave_runtime(&mut self, state: Value) {
        let zero = self.iconst(0);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), zero, state, v::HEAP_LAST_FP);
    }

    /// Calls a runtime function that may allocate, through its trampoline.
    pub(super) fn call_rt(&mut self, f: FuncId, args: &[Value]) -> Value {
        // The trampoline leaves this much room (see `define_trampolines`).
        self.budget = v::RUNTIME_CALL_ROOM as usize;
        let tramp = self.sh.trampoline(args.len());
        let fref = self.func_ref(f);
        let addr = self.b.ins().func_addr(I64, fref);
        let mut all = vec![addr];
        all.extend_from_slice(args);
        let x = self.call_c(tramp, &all);
        self.b.declare_value_needs_stack_map(x);
        x
    }

    /// Emits an error path (`emit` calls a runtime function that never
    /// returns) and ends its block with a trap. The code that continues
    /// elsewhere keeps the budget it had: this path's runtime call gives it
    /// nothing.
    pub(super) fn ending_in_trap(&mut self, emit: impl FnOnce(&mut Self)) {
        let budget = self.budget;
        emit(self);
        self.b.ins().trap(trap_code());
        self.budget = budget;
    }

    /// Calls a runtime error entry point (it never returns); see `ending_in_trap`.
    pub(super) fn call_rt_noreturn(&mut self, f: FuncId, args: &[Value]) {
        self.ending_in_trap(|fx| {
            fx.call_rt(f, args);
        });
    }
}
