//! How compiled code reaches the runtime: the runtime entry points it
//! imports (`RuntimeFns`, C convention), the signatures of Scheme code
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
use closcrt::builtins::table::{Entry, BUILTINS};
use closcrt::memory::value as v;
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature, TrapCode, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_module::{FuncId, Linkage, Module};

/// Runtime entry points used by compiled code (C convention).
pub(super) struct RuntimeFns {
    pub(super) alloc_slow: FuncId,
    pub(super) gc_after_call: FuncId,
    pub(super) register_code: FuncId,
    pub(super) register_positions: FuncId,
    pub(super) reserve: FuncId,
    pub(super) not_procedure: FuncId,
    pub(super) arity_error: FuncId,
    pub(super) arity_error_list: FuncId,
    pub(super) builtin_arity_error: FuncId,
    pub(super) unbound_variable: FuncId,
    pub(super) handler_returned: FuncId,
    pub(super) intern: FuncId,
    pub(super) make_string: FuncId,
    pub(super) register_globals: FuncId,
    pub(super) set_lambda_names: FuncId,
    pub(super) apply_builtin: FuncId,
    pub(super) copy_list: FuncId,
    pub(super) make_number: FuncId,
    // Binary slow paths of inline arithmetic (`number_prims.rs`).
    pub(super) num_add: FuncId,
    pub(super) num_sub: FuncId,
    pub(super) num_mul: FuncId,
    pub(super) num_eq: FuncId,
    pub(super) num_lt: FuncId,
    pub(super) num_gt: FuncId,
    pub(super) num_le: FuncId,
    pub(super) num_ge: FuncId,
    pub(super) num_eqv: FuncId,
    pub(super) num_quotient: FuncId,
    pub(super) num_remainder: FuncId,
    pub(super) num_modulo: FuncId,
    pub(super) num_div: FuncId,
    pub(super) num_box_flonum: FuncId,
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
    let mut import = |name: &str, n: usize| {
        module
            .declare_function(name, Linkage::Import, &c_signature(cc, n))
            .map_err(|e| e.to_string())
    };
    Ok(RuntimeFns {
        alloc_slow: import("closc_rt_alloc_slow", 1)?,
        gc_after_call: import("closc_rt_gc_after_call", 1)?,
        register_code: import("closc_rt_register_code", 1)?,
        register_positions: import("closc_rt_register_positions", 1)?,
        reserve: import("closc_rt_reserve", 3)?,
        not_procedure: import("closc_rt_not_procedure", 1)?,
        arity_error: import("closc_rt_arity_error", 2)?,
        arity_error_list: import("closc_rt_arity_error_list", 2)?,
        builtin_arity_error: import("closc_rt_builtin_arity_error", 4)?,
        unbound_variable: import("closc_rt_unbound_variable", 1)?,
        handler_returned: import("closc_rt_handler_returned", 1)?,
        intern: import("closc_rt_intern", 2)?,
        make_string: import("closc_rt_make_string", 2)?,
        register_globals: import("closc_rt_register_globals", 2)?,
        set_lambda_names: import("closc_rt_set_lambda_names", 2)?,
        apply_builtin: import("closc_rt_apply_builtin", 2)?,
        copy_list: import("closc_rt_copy_list", 1)?,
        make_number: import("closc_rt_make_number", 2)?,
        num_add: import("closc_num_add", 3)?,
        num_sub: import("closc_num_sub", 3)?,
        num_mul: import("closc_num_mul", 3)?,
        num_eq: import("closc_num_eq", 3)?,
        num_lt: import("closc_num_lt", 3)?,
        num_gt: import("closc_num_gt", 3)?,
        num_le: import("closc_num_le", 3)?,
        num_ge: import("closc_num_ge", 3)?,
        num_eqv: import("closc_num_eqv", 3)?,
        num_quotient: import("closc_num_quotient", 3)?,
        num_remainder: import("closc_num_remainder", 3)?,
        num_modulo: import("closc_num_modulo", 3)?,
        num_div: import("closc_num_div", 3)?,
        num_box_flonum: import("closc_num_box_flonum", 3)?,
    })
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
    pub(super) fn builtin(&mut self, b: usize) -> FuncId {
        if let Some(&f) = self.builtin_funcs.get(&b) {
            return f;
        }
        let builtin = &BUILTINS[b];
        let n = match builtin.entry {
            Entry::F0(_) => 0,
            Entry::F1(_) => 1,
            Entry::F2(_) => 2,
            Entry::F3(_) => 3,
            Entry::Varargs(_) => 2,
        };
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
