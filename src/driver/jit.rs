//! JIT driver: compile into memory with cranelift-jit and run.
//!
//! Runtime entry points are registered by address (from the runtime crate linked
//! into this binary), so no symbol lookup in the process is needed.

use crate::codegen;
use crate::ir::Program;
use closcrt::abi::{self, RtEntry};
use closcrt::builtins::table::BUILTINS;
use cranelift_jit::{JITBuilder, JITModule};

/// The runtime's symbols compiled code imports, other than the builtins:
/// the entry points of `closcrt::abi` and the heap state.
fn runtime_symbols() -> impl Iterator<Item = (&'static str, *const u8)> {
    let heap_state = (abi::HEAP_STATE_SYMBOL, abi::heap_state_address());
    let entries = RtEntry::ALL.iter().map(|e| (e.symbol(), e.address()));
    std::iter::once(heap_state).chain(entries)
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
    for (name, addr) in runtime_symbols() {
        builder.symbol(name, addr);
    }
    for &(name, addr) in extra {
        builder.symbol(name, addr);
    }
    for b in BUILTINS {
        builder.symbol(b.symbol, b.entry.address());
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
