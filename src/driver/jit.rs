//! JIT driver: compile into memory with cranelift-jit and run.
//!
//! Runtime entry points are registered by address (from the runtime crate linked
//! into this binary), so no symbol lookup in the process is needed.

use crate::codegen;
use crate::ir::Program;
use closcrt::builtins::numbers as np;
use closcrt::builtins::table::{Entry, BUILTINS};
use cranelift_jit::{JITBuilder, JITModule};

/// Runtime functions called by compiled code, other than the builtins.
fn runtime_symbols() -> Vec<(&'static str, *const u8)> {
    use closcrt::builtins::apply::*;
    use closcrt::control::calls::*;
    use closcrt::memory::heap::*;
    vec![
        (
            "closc_rt_alloc_slow",
            closcrt::memory::gc::closc_rt_alloc_slow as *const u8,
        ),
        (
            "closc_rt_gc_after_call",
            closcrt::memory::gc::closc_rt_gc_after_call as *const u8,
        ),
        (
            "closc_rt_reserve",
            closcrt::memory::gc::closc_rt_reserve as *const u8,
        ),
        (
            "closc_rt_register_code",
            closcrt::memory::gc::closc_rt_register_code as *const u8,
        ),
        (
            "closc_rt_register_positions",
            closcrt::control::backtrace::closc_rt_register_positions as *const u8,
        ),
        // SAFETY (of the cast): only the address of the static is taken.
        (
            "closc_heap_state",
            std::ptr::addr_of!(closcrt::memory::gc::closc_heap_state) as *const u8,
        ),
        (
            "closc_rt_not_procedure",
            closc_rt_not_procedure as *const u8,
        ),
        ("closc_rt_arity_error", closc_rt_arity_error as *const u8),
        (
            "closc_rt_arity_error_list",
            closc_rt_arity_error_list as *const u8,
        ),
        (
            "closc_rt_builtin_arity_error",
            closc_rt_builtin_arity_error as *const u8,
        ),
        (
            "closc_rt_unbound_variable",
            closc_rt_unbound_variable as *const u8,
        ),
        ("closc_rt_intern", closc_rt_intern as *const u8),
        ("closc_rt_make_string", closc_rt_make_string as *const u8),
        (
            "closc_rt_register_globals",
            closc_rt_register_globals as *const u8,
        ),
        (
            "closc_rt_set_lambda_names",
            closc_rt_set_lambda_names as *const u8,
        ),
        (
            "closc_rt_apply_builtin",
            closc_rt_apply_builtin as *const u8,
        ),
        ("closc_rt_copy_list", closc_rt_copy_list as *const u8),
        (
            "closc_rt_handler_returned",
            closcrt::control::exceptions::closc_rt_handler_returned as *const u8,
        ),
        (
            "closc_rt_make_number",
            np::closc_rt_make_number as *const u8,
        ),
        ("closc_num_add", np::closc_num_add as *const u8),
        ("closc_num_sub", np::closc_num_sub as *const u8),
        ("closc_num_mul", np::closc_num_mul as *const u8),
        ("closc_num_eq", np::closc_num_eq as *const u8),
        ("closc_num_lt", np::closc_num_lt as *const u8),
        ("closc_num_gt", np::closc_num_gt as *const u8),
        ("closc_num_le", np::closc_num_le as *const u8),
        ("closc_num_ge", np::closc_num_ge as *const u8),
        ("closc_num_eqv", np::closc_num_eqv as *const u8),
        ("closc_num_quotient", np::closc_num_quotient as *const u8),
        ("closc_num_remainder", np::closc_num_remainder as *const u8),
        ("closc_num_modulo", np::closc_num_modulo as *const u8),
        ("closc_num_div", np::closc_num_div as *const u8),
        (
            "closc_num_box_flonum",
            np::closc_num_box_flonum as *const u8,
        ),
    ]
}

fn entry_address(entry: &Entry) -> *const u8 {
    match entry {
        Entry::F0(f) => *f as *const u8,
        Entry::F1(f) => *f as *const u8,
        Entry::F2(f) => *f as *const u8,
        Entry::F3(f) => *f as *const u8,
        Entry::Varargs(f) => *f as *const u8,
    }
}

/// Compiles `program` into memory. `extra` names more symbols the code may
/// import (the REPL's global table). The entry is valid while the module lives.
pub fn compile(
    program: &Program,
    opt_level: &str,
    extra: &[(&str, *const u8)],
) -> Result<(JITModule, extern "C" fn() -> u64), String> {
    let isa = super::isa(false, opt_level)?;
    let mut builder = JITBuilder::with_isa(isa.clone(), cranelift_module::default_libcall_names());
    for (name, addr) in runtime_symbols().into_iter().chain(extra.iter().copied()) {
        builder.symbol(name, addr);
    }
    for b in BUILTINS {
        builder.symbol(b.symbol, entry_address(&b.entry));
    }
    let mut module = JITModule::new(builder);
    let compiled = codegen::compile_program(&mut module, isa, program)?;
    module.finalize_definitions().map_err(|e| e.to_string())?;
    let code = module.get_finalized_function(compiled.entry);
    // SAFETY: `closc_entry` is defined by codegen with the platform C convention,
    // no parameters and one i64 result; callers keep the module alive while it runs.
    let entry: extern "C" fn() -> u64 = unsafe { std::mem::transmute(code) };
    Ok((module, entry))
}

/// Compiles `program` in memory and runs it; returns the process exit status.
pub fn run(program: &Program, opt_level: &str) -> Result<i32, String> {
    let (module, entry) = compile(program, opt_level, &[])?;
    let status = closcrt::control::run::run_program(entry);
    // The module (and so the code) must outlive the program's run.
    drop(module);
    Ok(status)
}
