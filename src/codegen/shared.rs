//! `Shared`: the state of one `compile_program` run that every function
//! being compiled reads and extends (the module, the runtime entry points,
//! declared helpers, constants, tables, the backend), and `build_function`,
//! the one way a function gets built and defined.
//!
//! In: a signature and a closure that lowers the body with an `FnCx`. Out:
//! the function, after the IR rewrites that must follow the frontend
//! (`local_stack_addresses`, `direct_calls::emit_direct_calls`), submitted
//! to the backend and, with `--emit clif`, its text appended to `clif`.
//! Invariant: functions are defined in the order `build_function` is
//! called, so the output does not depend on anything else.

use super::backend;
use super::constants::Constant;
use super::direct_calls::emit_direct_calls;
use super::local_stack_addresses::keep_stack_addresses_local;
use super::lower::FnCx;
use super::runtime_abi::RuntimeFns;
use crate::ir::{BuiltinId, IdVec, InlineSiteId, LambdaId, Program, VarId};
use cranelift_codegen::ir::{Signature, SourceLoc, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{DataId, FuncId, Module};
use std::collections::HashMap;
use std::fmt::Write as _;

/// State shared by every function being compiled.
pub(super) struct Shared<'m, M: Module> {
    pub(super) module: &'m mut M,
    /// Collects each function's IR before it is compiled (`--emit clif`).
    pub(super) clif: Option<String>,
    pub(super) program: &'m Program,
    pub(super) rt: RuntimeFns,
    pub(super) builtin_funcs: HashMap<BuiltinId, FuncId>,
    pub(super) lambda_funcs: IdVec<LambdaId, FuncId>,
    pub(super) slowcall_funcs: HashMap<usize, FuncId>,
    /// Each fixed-arity entry of a variadic builtin's wrapper, with the
    /// wrapper's lambda, whose name its frames carry (`variadic_entries.rs`).
    pub(super) fixed_entries: Vec<(FuncId, LambdaId)>,
    pub(super) apply_func: Option<FuncId>,
    /// `closc_rt_apply_fits`, declared on first use (`tail_apply.rs`).
    pub(super) apply_fits_func: Option<FuncId>,
    pub(super) toplevel: FuncId,
    /// The functions running the top level's later chunks (see the module doc).
    pub(super) toplevel_chunks: Vec<FuncId>,
    pub(super) constants: Vec<Constant>,
    pub(super) constant_index: HashMap<String, usize>,
    pub(super) globals_data: DataId,
    pub(super) constants_data: DataId,
    pub(super) string_bytes: Vec<u8>,
    pub(super) string_data: DataId,
    pub(super) call_conv_c: CallConv,
    pub(super) heap_state: DataId,
    pub(super) code_table: DataId,
    /// `closc_positions_table` (see `positions.rs`).
    pub(super) positions_table: DataId,
    /// Compiles the functions built (see `backend.rs`).
    pub(super) backend: backend::Backend,
    /// Stack-map facts of every defined function, for `closc_code_table`.
    pub(super) code_infos: Vec<CodeInfo>,
    /// Runtime-call trampolines by C arity (see `define_trampoline`).
    pub(super) trampolines: HashMap<usize, FuncId>,
    /// `closc_alloc_trampoline`, declared on first use (`alloc_trampoline`).
    pub(super) alloc_trampoline: Option<FuncId>,
    /// `closc_direct_call(f, x, y, keep)`: see `FnCx::direct_call`.
    pub(super) direct_adapter: Option<FuncId>,
    /// `closc_direct_call_inner`: the adapter without the frame-pointer
    /// bookkeeping, for the flonum lanes' slow cases.
    pub(super) direct_inner: Option<FuncId>,
    /// The adapters with a flonum fast lane, by `FlonumLane`.
    pub(super) flonum_lanes: [Option<FuncId>; super::direct_calls::LANES],
    /// The runtime functions direct calls call, by index; their addresses
    /// are the data `closc_direct_targets`.
    pub(super) direct_targets: Vec<FuncId>,
    pub(super) direct_targets_data: DataId,
    /// `closc_raise_pending`: see `define_raise_pending`.
    pub(super) raise_pending: FuncId,
    /// `closc_gc_reenter_N` helpers by parameter count (see `reserve.rs`).
    pub(super) reenter_funcs: HashMap<usize, FuncId>,
    /// What each `SourceLoc` codegen set stands for: the byte offset of an
    /// expression's span and the inline site (`Program::inline_sites`) its
    /// code was copied for, if any. A `SourceLoc` is an index into this.
    pub(super) source_locs: Vec<(u32, Option<InlineSiteId>)>,
    pub(super) source_loc_index: HashMap<(u32, Option<InlineSiteId>), u32>,
    /// Lambdas compiled with a fixnum-specialized copy of their body, and the
    /// variables it is specialized on (`fixnum_facts::plan`).
    pub(super) fixnum_versions: HashMap<LambdaId, Vec<VarId>>,
    /// How C symbols of foreign procedures are found (see `foreign.rs`).
    pub(super) foreign_symbols: super::foreign::ForeignSymbols,
    /// The foreign-call runtime entries declared so far.
    pub(super) foreign_funcs: HashMap<closcrt::abi::RtEntry, FuncId>,
    /// Foreign-call trampolines by signature (see `callbacks.rs`).
    pub(super) ffi_trampolines: Vec<(crate::ir::ForeignSig, FuncId)>,
    /// Callback entries, stubs and tables by signature.
    pub(super) callbacks: Vec<super::callbacks::CallbackGlue>,
}

/// What the collector needs to know about one compiled function.
pub(super) struct CodeInfo {
    pub(super) func: FuncId,
    pub(super) len: u32,
    pub(super) fp_to_sp: u32,
    /// (return-address offset, stack-pointer offsets of live values)
    pub(super) safepoints: Vec<(u32, Vec<u32>)>,
    /// (start, end, source location): the code offsets compiled from each
    /// source location (an index into `Shared::source_locs`).
    pub(super) srclocs: Vec<(u32, u32, u32)>,
}

impl<'m, M: Module> Shared<'m, M> {
    /// Builds and defines function `id` with signature `sig`. `body` gets the
    /// function's builder, positioned in the entry block, and the entry
    /// block's parameters; it must terminate every block it creates.
    pub(super) fn build_function(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
        id: FuncId,
        sig: Signature,
        body: impl FnOnce(&mut FnCx<'_, 'm, M>, &[Value]),
    ) -> Result<(), String> {
        ctx.func.signature = sig;
        // Cranelift stores source locations relative to the function's first
        // one, and a relative location of all ones reads back as none: with
        // base 0, every `SourceLoc` (an index into `source_locs`) survives.
        ctx.func.params.ensure_base_srcloc(SourceLoc::new(0));
        let direct_calls = {
            let mut fx = FnCx::new(self, ctx, fctx);
            let entry = fx.b.create_block();
            fx.b.append_block_params_for_function_params(entry);
            fx.b.switch_to_block(entry);
            let params = fx.b.block_params(entry).to_vec();
            body(&mut fx, &params);
            fx.b.seal_all_blocks();
            fx.b.finalize(fx.sh.module.isa().frontend_config());
            std::mem::take(&mut fx.direct_calls)
        };
        // Only now that the frontend has placed its stack-map spills: direct
        // calls must get none (see `direct_calls.rs`).
        keep_stack_addresses_local(&mut ctx.func);
        emit_direct_calls(&mut ctx.func, direct_calls);
        self.define(ctx, id)
    }

    pub(super) fn define(&mut self, ctx: &mut Context, id: FuncId) -> Result<(), String> {
        if let Some(clif) = self.clif.as_mut() {
            let name = self
                .module
                .declarations()
                .get_function_decl(id)
                .linkage_name(id)
                .into_owned();
            let _ = writeln!(clif, ";; {name}\n{}", ctx.func.display());
        }
        self.backend.submit(id, ctx);
        self.module.clear_context(ctx);
        Ok(())
    }

    /// The `SourceLoc` of the expression at byte offset `lo`, in the code
    /// copied for `inline_site` if any.
    pub(super) fn source_loc(&mut self, lo: u32, inline_site: Option<InlineSiteId>) -> SourceLoc {
        let next = self.source_locs.len() as u32;
        let index = *self
            .source_loc_index
            .entry((lo, inline_site))
            .or_insert(next);
        if index == next {
            self.source_locs.push((lo, inline_site));
        }
        SourceLoc::new(index)
    }
}
