//! codegen: lifted `ir::Program` -> Cranelift functions in any `cranelift_module::Module`.
//!
//! In: a program after `lift_lambdas` (flat code bodies + top-level forms). Out:
//! definitions in the module handed in — the JIT and the AOT driver call this same
//! code and differ only in the module and in what they do afterwards.
//!
//! What is emitted:
//! - `closc_code_N` for each lambda N, with `CallConv::Tail` and signature
//!   `(closure, p1..pk) -> value`, or `(closure, p1..pk, rest-list) -> value` for a
//!   lambda with a rest parameter. Every call in tail position is a
//!   `return_call`/`return_call_indirect`, so tail calls never grow the stack.
//! - `closc_toplevel` (tail convention, like a lambda of no arguments) runs the
//!   program's top-level forms: a large program's forms are split into chunks
//!   of about `TOPLEVEL_CHUNK_NODES` nodes, each its own function that ends by
//!   tail-calling the next, because Cranelift's compile time grows faster than
//!   linearly with function size; `closc_entry` (platform C convention) registers the
//!   global table and lambda names with the runtime, builds quoted constants and
//!   calls `closc_toplevel`: it is the only way in from Rust.
//! - `closc_slowcall_N`: the out-of-line part of an unknown call with N arguments
//!   (not a procedure, arity mismatch, rest-argument callee), `closc_fixed_L_N`
//!   (a variadic builtin's wrapper L entered with N arguments, without the
//!   rest list), and `closc_apply` (calls a procedure with the elements of a list).
//! - data: `closc_globals` (one word per global, initially the unbound marker),
//!   `closc_constants` (quoted data built at start-up), string bytes and lambda names.
//!
//! An unknown call `(f a b)` compiles to: check `f` has the closure tag and its
//! arity word equals 2, then `call_indirect` its code pointer; otherwise call
//! `closc_slowcall_2`. Every value that can hold a heap pointer is declared to
//! need a stack map, so each safepoint (call) records where live values were
//! spilled: the precise collector finds its roots there.
//!
//! The files, in the order a run uses them:
//! - `mod.rs`: `compile_program`, the entry point: declares every lambda and
//!   data object, builds the functions, then the helpers they used, then
//!   the tables.
//! - `shared.rs`: `Shared`, the state of one run, and `build_function`.
//! - `runtime_abi.rs`: runtime entry points, signatures, calls into the runtime.
//! - `functions.rs`: the program's functions (`closc_code_N`, the top-level
//!   chunks, `closc_entry`).
//! - expression lowering, all `FnCx` methods: `lower.rs` (`FnCx`, `tail`,
//!   `value`, primitives), `calls.rs`, `closures.rs` (`closure_groups.rs`: big
//!   `letrec` groups), `heap.rs` (allocation,
//!   write barrier), `constants.rs` (quoted data), `builtins.rs` (builtins
//!   compiled inline), `small_builtins.rs` (`cadr`, `abs`, type
//!   predicates...), `vectors.rs` (`vector-ref`, `vector-set!`,
//!   `vector-length`, and the vectors already checked), `list_search.rs`
//!   (`memv`, `assq`..., `equal?`), `conditions.rs` (tests as branches,
//!   `eqv?`), `tail_apply.rs` (`apply` in tail position), `case_dispatch.rs`
//!   (`case` as a jump table),
//!   `arith.rs` (arithmetic trees); `reserve.rs` computes
//!   the bytes a body reserves at entry.
//! - `direct_calls.rs`: runtime calls without trampoline or stack map, and
//!   the rewrite that emits them.
//! - `local_stack_addresses.rs`: an IR rewrite run on every function.
//! - `glue.rs`: trampolines, re-entry after a collection, slow calls, apply,
//!   raising from the runtime; `variadic_entries.rs`: the fixed-arity
//!   entries the slow calls take for variadic builtins used as values.
//! - `backend.rs`: compiling the built functions to machine code, on threads.
//! - `tables.rs`, `positions.rs`: the data objects defined last (code table,
//!   constants, globals, direct targets, strings; source positions).
//!
//! Analyses codegen reads but does not own live in `passes/`
//! (`flonum_hints`, `fixnum_facts`), where `closc explain` reads them too.
//! Nothing in codegen changes the IR it is given.

mod arith;
mod backend;
mod bitwise;
mod builtins;
mod callbacks;
mod calls;
mod case_dispatch;
mod closure_groups;
mod closures;
mod conditions;
mod constants;
mod direct_calls;
mod foreign;
mod functions;
mod glue;
mod heap;
mod list_search;
mod local_stack_addresses;
mod lower;
mod positions;
mod records;
mod reserve;
mod rest_lists;
mod runtime_abi;
mod shared;
mod small_builtins;
mod tables;
mod tail_apply;
mod variadic_entries;
mod vectors;

use crate::ir::{Expr, IdVec, Program};
use crate::passes::fixnum_facts;
use cranelift_codegen::ir::{types, MemFlagsData};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{FuncId, Linkage, Module};
pub use foreign::ForeignSymbols;
use runtime_abi::{declare_runtime, lambda_signature};
use shared::Shared;
use std::collections::HashMap;

pub(super) const I64: types::Type = types::I64;

/// What the drivers need to know about the emitted code.
pub struct Compiled {
    /// `extern "C" fn() -> Value`: runs the whole program.
    pub entry: FuncId,
    /// Safepoints with stack maps, per function (for the collector).
    pub stack_map_count: usize,
    /// The Cranelift IR of every function, when asked for (`--emit clif`).
    pub clif: Option<String>,
    /// The builtins the code calls through their runtime entry.
    pub runtime_builtins: Vec<closcrt::builtins::table::BuiltinId>,
}

/// Compiles `program` into `module`, whose target is `isa` (shared with the
/// threads that compile functions in parallel).
pub fn compile_program<M: Module>(
    module: &mut M,
    isa: OwnedTargetIsa,
    program: &Program,
) -> Result<Compiled, String> {
    compile_program_with(module, isa, program, false, ForeignSymbols::AtRunTime)
}

/// `compile_program`; with `clif`, also returns the IR of every function.
pub fn compile_program_with<M: Module>(
    module: &mut M,
    isa: OwnedTargetIsa,
    program: &Program,
    clif: bool,
    foreign_symbols: ForeignSymbols,
) -> Result<Compiled, String> {
    let call_conv_c = module.isa().default_call_conv();
    let rt = declare_runtime(module, call_conv_c)?;
    let program_nodes = program
        .functions
        .iter()
        .map(|f| f.body.node_count())
        .sum::<usize>()
        + program.body.iter().map(Expr::node_count).sum::<usize>();
    let mut lambda_funcs = IdVec::new();
    for f in &program.functions {
        let sig = lambda_signature(module, f.params.len() + usize::from(f.rest.is_some()));
        lambda_funcs.push(
            module
                .declare_function(&format!("closc_code_{}", f.id), Linkage::Local, &sig)
                .map_err(|e| e.to_string())?,
        );
    }
    let toplevel_sig = lambda_signature(module, 0);
    let toplevel = module
        .declare_function("closc_toplevel", Linkage::Local, &toplevel_sig)
        .map_err(|e| e.to_string())?;
    let globals_linkage = if program.link.external_globals {
        Linkage::Import
    } else {
        Linkage::Local
    };
    let globals_data = module
        .declare_data("closc_globals", globals_linkage, true, false)
        .map_err(|e| e.to_string())?;
    let constants_data = module
        .declare_data("closc_constants", Linkage::Local, true, false)
        .map_err(|e| e.to_string())?;
    let string_data = module
        .declare_data("closc_string_bytes", Linkage::Local, false, false)
        .map_err(|e| e.to_string())?;
    let heap_state = module
        .declare_data(
            closcrt::abi::HEAP_STATE_SYMBOL,
            Linkage::Import,
            true,
            false,
        )
        .map_err(|e| e.to_string())?;
    let code_table = module
        .declare_data("closc_code_table", Linkage::Local, false, false)
        .map_err(|e| e.to_string())?;
    let positions_table = module
        .declare_data("closc_positions_table", Linkage::Local, false, false)
        .map_err(|e| e.to_string())?;
    let direct_targets_data = module
        .declare_data("closc_direct_targets", Linkage::Local, false, false)
        .map_err(|e| e.to_string())?;
    let raise_pending = module
        .declare_function(
            "closc_raise_pending",
            Linkage::Local,
            &lambda_signature(module, 0),
        )
        .map_err(|e| e.to_string())?;
    let mut sh = Shared {
        module,
        clif: clif.then(String::new),
        program,
        rt,
        builtin_funcs: HashMap::new(),
        lambda_funcs,
        slowcall_funcs: HashMap::new(),
        fixed_entries: Vec::new(),
        apply_func: None,
        apply_fits_func: None,
        toplevel,
        toplevel_chunks: Vec::new(),
        constants: Vec::new(),
        constant_index: HashMap::new(),
        globals_data,
        constants_data,
        string_bytes: Vec::new(),
        string_data,
        call_conv_c,
        heap_state,
        code_table,
        positions_table,
        backend: backend::Backend::new(isa, program_nodes),
        code_infos: Vec::new(),
        trampolines: HashMap::new(),
        alloc_trampoline: None,
        direct_adapter: None,
        direct_inner: None,
        flonum_lanes: [None; direct_calls::LANES],
        direct_targets: Vec::new(),
        direct_targets_data,
        raise_pending,
        reenter_funcs: HashMap::new(),
        source_locs: Vec::new(),
        source_loc_index: HashMap::new(),
        fixnum_versions: fixnum_facts::plan(program),
        foreign_symbols,
        foreign_funcs: HashMap::new(),
        ffi_trampolines: Vec::new(),
        callbacks: Vec::new(),
    };
    let mut ctx = sh.module.make_context();
    let mut fctx = FunctionBuilderContext::new();
    for f in &program.functions {
        sh.define_lambda(&mut ctx, &mut fctx, f)?;
    }
    sh.define_toplevel(&mut ctx, &mut fctx)?;
    sh.define_raise_pending(&mut ctx, &mut fctx)?;
    sh.define_callbacks(&mut ctx, &mut fctx)?;
    // Helpers are declared on first use; defining one never needs another.
    let mut arities: Vec<usize> = sh.slowcall_funcs.keys().copied().collect();
    arities.sort();
    for n in arities {
        let entries = sh.define_fixed_entries(&mut ctx, &mut fctx, n)?;
        sh.define_slowcall(&mut ctx, &mut fctx, n, &entries)?;
    }
    if sh.apply_func.is_some() {
        sh.define_apply(&mut ctx, &mut fctx)?;
    }
    let mut counts: Vec<usize> = sh.reenter_funcs.keys().copied().collect();
    counts.sort();
    for n in counts {
        sh.define_reenter(&mut ctx, &mut fctx, n)?;
    }
    let entry = sh.define_entry(&mut ctx, &mut fctx)?;
    sh.define_trampolines(&mut ctx, &mut fctx)?;
    sh.define_ffi_trampolines(&mut ctx, &mut fctx)?;
    sh.code_infos = sh.backend.finish(sh.module)?;
    sh.define_data()?;
    Ok(Compiled {
        entry,
        stack_map_count: sh.code_infos.iter().map(|c| c.safepoints.len()).sum(),
        clif: sh.clif.take(),
        runtime_builtins: sh.builtin_funcs.keys().copied().collect(),
    })
}

/// The memory flags of loads from closure records, whose slots never change
/// once the record is initialised.
pub(super) fn immutable() -> MemFlagsData {
    MemFlagsData::trusted().with_readonly()
}
