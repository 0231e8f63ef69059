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
//!   (not a procedure, arity mismatch, rest-argument callee), and `closc_apply`
//!   (calls a procedure with the elements of a list).
//! - data: `closc_globals` (one word per global, initially the unbound marker),
//!   `closc_constants` (quoted data built at start-up), string bytes and lambda names.
//!
//! An unknown call `(f a b)` compiles to: check `f` has the closure tag and its
//! arity word equals 2, then `call_indirect` its code pointer; otherwise call
//! `closc_slowcall_2`. Every value that can hold a heap pointer is declared to
//! need a stack map, so each safepoint (call) records where live values were
//! spilled: the precise collector will find its roots there.

mod arith;
mod backend;
mod builtins;
mod fixnum_facts;
mod positions;
mod reserve;

use crate::datum::{Datum, DatumKind};
use crate::ir::{ClosureAlloc, Expr, GlobalId, Lambda, Prim, Program, VarId};
use closcrt::builtins::table::{Entry, BUILTINS};
use closcrt::memory::value as v;
use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::flowgraph::ControlFlowGraph;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types, AbiParam, Block, BlockArg, FuncRef, Function, Inst, InstBuilder, InstructionData,
    MemFlagsData, Opcode, Signature, SourceLoc, StackSlot, StackSlotData, StackSlotKind, TrapCode,
    Value, ValueDef,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

const I64: types::Type = types::I64;

/// One entry of `closc_constants`, built by `closc_entry`.
#[derive(Clone)]
enum Constant {
    /// Quoted data.
    Datum(Datum),
    /// The record of a lambda without free variables (a static closure).
    Closure(usize),
}

/// What the drivers need to know about the emitted code.
pub struct Compiled {
    /// `extern "C" fn() -> Value`: runs the whole program.
    pub entry: FuncId,
    /// Safepoints with stack maps, per function (for the collector to come).
    pub stack_map_count: usize,
    /// The Cranelift IR of every function, when asked for (`--emit clif`).
    pub clif: Option<String>,
}

/// Runtime entry points used by compiled code (C convention).
struct RuntimeFns {
    alloc_slow: FuncId,
    gc_after_call: FuncId,
    register_code: FuncId,
    register_positions: FuncId,
    reserve: FuncId,
    not_procedure: FuncId,
    arity_error: FuncId,
    arity_error_list: FuncId,
    builtin_arity_error: FuncId,
    unbound_variable: FuncId,
    handler_returned: FuncId,
    intern: FuncId,
    make_string: FuncId,
    register_globals: FuncId,
    set_lambda_names: FuncId,
    apply_builtin: FuncId,
    copy_list: FuncId,
    make_number: FuncId,
    // Binary slow paths of inline arithmetic (`number_prims.rs`).
    num_add: FuncId,
    num_sub: FuncId,
    num_mul: FuncId,
    num_eq: FuncId,
    num_lt: FuncId,
    num_gt: FuncId,
    num_le: FuncId,
    num_ge: FuncId,
    num_eqv: FuncId,
    num_quotient: FuncId,
    num_remainder: FuncId,
    num_modulo: FuncId,
    num_div: FuncId,
    num_box_flonum: FuncId,
}

/// State shared by every function being compiled.
struct Shared<'m, M: Module> {
    module: &'m mut M,
    /// Collects each function's IR before it is compiled (`--emit clif`).
    clif: Option<String>,
    program: &'m Program,
    rt: RuntimeFns,
    builtin_funcs: HashMap<usize, FuncId>,
    lambda_funcs: Vec<FuncId>,
    slowcall_funcs: HashMap<usize, FuncId>,
    apply_func: Option<FuncId>,
    toplevel: FuncId,
    /// The functions running the top level's later chunks (see the module doc).
    toplevel_chunks: Vec<FuncId>,
    constants: Vec<Constant>,
    constant_index: HashMap<String, usize>,
    globals_data: DataId,
    constants_data: DataId,
    string_bytes: Vec<u8>,
    string_data: DataId,
    call_conv_c: CallConv,
    heap_state: DataId,
    code_table: DataId,
    /// `closc_positions_table` (see `positions.rs`).
    positions_table: DataId,
    /// Compiles the functions built (see `backend.rs`).
    backend: backend::Backend,
    /// Stack-map facts of every defined function, for `closc_code_table`.
    code_infos: Vec<CodeInfo>,
    /// Runtime-call trampolines by C arity (see `define_trampoline`).
    trampolines: HashMap<usize, FuncId>,
    /// `closc_alloc_trampoline`, declared on first use (`alloc_trampoline`).
    alloc_trampoline: Option<FuncId>,
    /// `closc_direct_call(f, x, y, keep)`: see `FnCx::direct_call`.
    direct_adapter: Option<FuncId>,
    /// The runtime functions direct calls call, by index; their addresses
    /// are the data `closc_direct_targets`.
    direct_targets: Vec<FuncId>,
    direct_targets_data: DataId,
    /// `closc_raise_pending`: see `define_raise_pending`.
    raise_pending: FuncId,
    /// `closc_gc_reenter_N` helpers by parameter count (see `reserve.rs`).
    reenter_funcs: HashMap<usize, FuncId>,
    /// What each `SourceLoc` codegen set stands for: the byte offset of an
    /// expression's span and the inline site (`Program::inline_sites`) its
    /// code was copied for, if any. A `SourceLoc` is an index into this.
    source_locs: Vec<(u32, Option<usize>)>,
    source_loc_index: HashMap<(u32, Option<usize>), u32>,
    /// Lambdas compiled with a fixnum-specialized copy of their body, and the
    /// parameters it is specialized on (`fixnum_facts::plan`).
    fixnum_versions: HashMap<usize, Vec<usize>>,
}

/// What the collector needs to know about one compiled function.
struct CodeInfo {
    func: FuncId,
    len: u32,
    fp_to_sp: u32,
    /// (return-address offset, stack-pointer offsets of live values)
    safepoints: Vec<(u32, Vec<u32>)>,
    /// (start, end, source location): the code offsets compiled from each
    /// source location (an index into `Shared::source_locs`).
    srclocs: Vec<(u32, u32, u32)>,
}

/// How many expression nodes of top-level forms one function compiles at most
/// (unless one form is bigger).
const TOPLEVEL_CHUNK_NODES: usize = 2000;

/// The lambdas whose bodies get a copy specialized for fixnum arguments, with
/// the positions of those parameters (see `fixnum_facts`), by lambda id.
pub fn fixnum_copies(program: &Program) -> HashMap<usize, Vec<usize>> {
    fixnum_facts::plan(program)
}

/// Compiles `program` into `module`, whose target is `isa` (shared with the
/// threads that compile functions in parallel).
pub fn compile_program<M: Module>(
    module: &mut M,
    isa: OwnedTargetIsa,
    program: &Program,
) -> Result<Compiled, String> {
    compile_program_with(module, isa, program, false)
}

/// `compile_program`; with `clif`, also returns the IR of every function.
pub fn compile_program_with<M: Module>(
    module: &mut M,
    isa: OwnedTargetIsa,
    program: &Program,
    clif: bool,
) -> Result<Compiled, String> {
    let call_conv_c = module.isa().default_call_conv();
    let rt = declare_runtime(module, call_conv_c)?;
    let program_nodes = program
        .functions
        .iter()
        .map(|f| f.body.node_count())
        .sum::<usize>()
        + program.body.iter().map(Expr::node_count).sum::<usize>();
    let mut lambda_funcs = Vec::new();
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
        .declare_data("closc_heap_state", Linkage::Import, true, false)
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
        apply_func: None,
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
        direct_targets: Vec::new(),
        direct_targets_data,
        raise_pending,
        reenter_funcs: HashMap::new(),
        source_locs: Vec::new(),
        source_loc_index: HashMap::new(),
        fixnum_versions: fixnum_facts::plan(program),
    };
    let mut ctx = sh.module.make_context();
    let mut fctx = FunctionBuilderContext::new();
    for f in &program.functions {
        sh.define_lambda(&mut ctx, &mut fctx, f)?;
    }
    sh.define_toplevel(&mut ctx, &mut fctx)?;
    sh.define_raise_pending(&mut ctx, &mut fctx)?;
    // Helpers are declared on first use; defining one never needs another.
    let mut arities: Vec<usize> = sh.slowcall_funcs.keys().copied().collect();
    arities.sort();
    for n in arities {
        sh.define_slowcall(&mut ctx, &mut fctx, n)?;
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
    sh.code_infos = sh.backend.finish(sh.module)?;
    sh.define_data()?;
    Ok(Compiled {
        entry,
        stack_map_count: sh.code_infos.iter().map(|c| c.safepoints.len()).sum(),
        clif: sh.clif.take(),
    })
}

fn lambda_signature<M: Module>(module: &M, nparams: usize) -> Signature {
    let mut sig = module.make_signature();
    sig.call_conv = CallConv::Tail;
    for _ in 0..=nparams {
        sig.params.push(AbiParam::new(I64));
    }
    sig.returns.push(AbiParam::new(I64));
    sig
}

fn c_signature(call_conv: CallConv, nparams: usize) -> Signature {
    let mut sig = Signature::new(call_conv);
    for _ in 0..nparams {
        sig.params.push(AbiParam::new(I64));
    }
    sig.returns.push(AbiParam::new(I64));
    sig
}

fn declare_runtime<M: Module>(module: &mut M, cc: CallConv) -> Result<RuntimeFns, String> {
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
fn declare_helper<M: Module>(
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

/// `closc_direct_call()`: preserve_all, so a call to it clobbers no register
/// of the caller; the function, its arguments and its result are passed in
/// `closc_heap_state`, so the call pins no register either.
fn direct_adapter_signature() -> Signature {
    Signature::new(CallConv::PreserveAll)
}

/// The memory flags of loads from closure records, whose slots never change
/// once the record is initialised.
fn immutable() -> MemFlagsData {
    MemFlagsData::trusted().with_readonly()
}

pub(crate) fn trap_code() -> TrapCode {
    TrapCode::user(1).expect("1 is a valid user trap code")
}

/// Keeps `stack_addr` values from living across calls. The frontend spills
/// values live across calls through `stack_addr`s, and the egraph's value
/// numbering merges equal ones, so one address could stay live across calls
/// in a callee-saved register (in fib, `lea (%rsp),%rbx` plus saving and
/// restoring `rbx` in every frame). Accesses to a slot share an address only
/// within a stretch of code no call interrupts: a block, continued into a
/// block whose only predecessor it is. Each stretch's address gets a distinct
/// offset pair (the address `k` bytes past the slot offset, the access `k`
/// bytes before it) that numbering cannot merge with another stretch's, and
/// lowering folds it into the accesses' addressing modes. Sharing within a
/// stretch keeps a load after a store to the same slot redundant, which the
/// egraph removes.
fn keep_stack_addresses_local(func: &mut Function) {
    if func.sized_stack_slots.is_empty() {
        // No slot, no `stack_addr`: nothing to do, and no flow graph to build.
        return;
    }
    type Stretch = HashMap<(StackSlot, i32), (Value, i64)>;
    let cfg = ControlFlowGraph::with_function(func);
    let mut at_exit: HashMap<Block, Stretch> = HashMap::new();
    let mut k: i64 = 0;
    let mut pos = FuncCursor::new(func);
    while let Some(block) = pos.next_block() {
        let mut preds = cfg.pred_iter(block);
        let mut stretch = match (preds.next(), preds.next()) {
            (Some(pred), None) => at_exit.get(&pred.block).cloned().unwrap_or_default(),
            _ => Stretch::new(),
        };
        while let Some(inst) = pos.next_inst() {
            if pos.func.dfg.insts[inst].opcode().is_call() {
                stretch.clear();
                continue;
            }
            let (addr, offset) = match pos.func.dfg.insts[inst] {
                InstructionData::Load { arg, offset, .. } => (arg, offset),
                InstructionData::Store { args, offset, .. } => (args[1], offset),
                _ => continue,
            };
            let ValueDef::Result(def, _) = pos.func.dfg.value_def(addr) else {
                continue;
            };
            let InstructionData::StackAddr {
                stack_slot,
                offset: base,
                ..
            } = pos.func.dfg.insts[def]
            else {
                continue;
            };
            let base = i32::from(base);
            let (local, shift) = match stretch.get(&(stack_slot, base)) {
                Some(&shared) => shared,
                None => {
                    k += 8;
                    let Ok(shifted) = i32::try_from(i64::from(base) + k) else {
                        return;
                    };
                    let local = pos.ins().stack_addr(I64, stack_slot, shifted);
                    stretch.insert((stack_slot, base), (local, k));
                    (local, k)
                }
            };
            let Ok(offset) = i32::try_from(i64::from(offset) - shift) else {
                return;
            };
            match &mut pos.func.dfg.insts[inst] {
                InstructionData::Load { arg, offset: o, .. } => {
                    *arg = local;
                    *o = offset.into();
                }
                InstructionData::Store {
                    args, offset: o, ..
                } => {
                    args[1] = local;
                    *o = offset.into();
                }
                _ => unreachable!("matched above"),
            }
        }
        at_exit.insert(block, stretch);
    }
}

impl<'m, M: Module> Shared<'m, M> {
    /// Builds and defines function `id` with signature `sig`. `body` gets the
    /// function's builder, positioned in the entry block, and the entry
    /// block's parameters; it must terminate every block it creates.
    fn build_function(
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
        keep_stack_addresses_local(&mut ctx.func);
        // Direct calls become calls only now, after the frontend has placed
        // its stack-map spills: it treats every call as a safepoint, and these
        // are not (see `direct_call`).
        for d in direct_calls {
            let args = ctx.func.dfg.inst_args(d.placeholder).to_vec();
            // The placeholder is `select keep, x, y`; it becomes stores of
            // f's index, x, y, keep, the call `closc_direct_call()` and a
            // load of the result.
            let loc = ctx.func.srcloc(d.placeholder);
            let mut pos = FuncCursor::new(&mut ctx.func)
                .at_inst(d.placeholder)
                .with_srcloc(loc);
            // The target by index, not address: a constant is rematerialized
            // where it is used, an address would be hoisted out of loops and
            // held in a register throughout.
            let f = pos.ins().iconst(I64, d.target as i64);
            let state = pos.ins().get_pinned_reg(I64);
            let flags = MemFlagsData::trusted();
            pos.ins().store(flags, f, state, v::HEAP_DIRECT_FN);
            for (i, &x) in [args[1], args[2], args[0]].iter().enumerate() {
                pos.ins()
                    .store(flags, x, state, v::HEAP_DIRECT_ARGS + 8 * i as i32);
            }
            pos.ins().call(d.adapter, &[]);
            ctx.func.replace(d.placeholder).load(
                I64,
                MemFlagsData::trusted(),
                state,
                v::HEAP_DIRECT_RESULT,
            );
        }
        self.define(ctx, id)
    }

    fn define(&mut self, ctx: &mut Context, id: FuncId) -> Result<(), String> {
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
    fn source_loc(&mut self, lo: u32, inline_site: Option<usize>) -> SourceLoc {
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

    /// The trampoline through which compiled code calls a runtime function of
    /// `n` arguments that may allocate (declared on first use).
    fn trampoline(&mut self, n: usize) -> FuncId {
        if let Some(&f) = self.trampolines.get(&n) {
            return f;
        }
        let f = self
            .module
            .declare_function(
                &format!("closc_rtcall_{n}"),
                Linkage::Local,
                &c_signature(self.call_conv_c, n + 1),
            )
            .expect("trampoline names are unique");
        self.trampolines.insert(n, f);
        f
    }

    /// `closc_gc_reenter_N(closure, a1..a{N-1})`, for lambdas taking `N`
    /// values counting the closure (code address and byte count come through
    /// `closc_heap_state`): declared on first use.
    fn reenter(&mut self, nvalues: usize) -> FuncId {
        if let Some(&f) = self.reenter_funcs.get(&nvalues) {
            return f;
        }
        // The same signature as the lambdas it serves.
        let sig = lambda_signature(self.module, nvalues - 1);
        let f = self
            .module
            .declare_function(&format!("closc_gc_reenter_{nvalues}"), Linkage::Local, &sig)
            .expect("helper names are unique");
        self.reenter_funcs.insert(nvalues, f);
        f
    }

    /// `closc_gc_reenter_N`: a lambda found less than its reservation free in
    /// the nursery at entry and tail-called this with its own code address, the
    /// bytes it needs and its arguments. Collect with the arguments as explicit
    /// roots (the walk of the frames below starts at this frame), then call the
    /// lambda again with the moved arguments.
    fn define_reenter(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
        nvalues: usize,
    ) -> Result<(), String> {
        let id = self.reenter_funcs[&nvalues];
        self.build_function(
            ctx,
            fctx,
            id,
            lambda_signature(self.module, nvalues - 1),
            |fx, params| {
                let values = params;
                let state = fx.heap_state();
                let code =
                    fx.b.ins()
                        .load(I64, MemFlagsData::trusted(), state, v::HEAP_REENTER_CODE);
                let bytes =
                    fx.b.ins()
                        .load(I64, MemFlagsData::trusted(), state, v::HEAP_REENTER_BYTES);
                let slot = fx.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    (values.len() * 8) as u32,
                    3,
                ));
                for (i, &x) in values.iter().enumerate() {
                    let addr = fx.b.ins().stack_addr(I64, slot, (i * 8) as i32);
                    fx.b.ins().store(MemFlagsData::trusted(), x, addr, 0);
                }
                fx.enter_runtime(state);
                let roots = fx.b.ins().stack_addr(I64, slot, 0);
                let n = fx.iconst(values.len() as u64);
                let reserve = fx.sh.rt.reserve;
                fx.call_c(reserve, &[roots, n, bytes]);
                fx.leave_runtime(state);
                let moved: Vec<Value> = (0..values.len())
                    .map(|i| {
                        let addr = fx.b.ins().stack_addr(I64, slot, (i * 8) as i32);
                        fx.b.ins().load(I64, MemFlagsData::trusted(), addr, 0)
                    })
                    .collect();
                let sig =
                    fx.b.import_signature(lambda_signature(fx.sh.module, nvalues - 1));
                fx.b.ins().return_call_indirect(sig, code, &moved);
            },
        )
    }

    /// Trampolines: small C-convention functions between compiled code and
    /// runtime functions that may allocate. Each records its own frame pointer
    /// in `closc_heap_state.last_fp`, so the collector can start its walk of
    /// the Scheme frames there: the saved return address in that frame is the
    /// call site, with its stack map, in the compiled caller.
    ///
    /// `closc_rtcall_N(f, a1..aN)` calls `f(a1..aN)` and, if the runtime asked
    /// for a collection meanwhile, collects before returning the (moved) result.
    /// `closc_alloc_trampoline(words)` is the allocation slow path.
    fn define_trampolines(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        // Each helper only if some code uses it: compiling one costs about
        // 0.1 ms, a measurable part of `closc run` start-up for small programs.
        if let Some(id) = self.alloc_trampoline {
            self.build_function(
                ctx,
                fctx,
                id,
                c_signature(self.call_conv_c, 1),
                |fx, params| {
                    let words = params[0];
                    let state = fx.heap_state();
                    fx.enter_runtime(state);
                    let alloc_slow = fx.sh.rt.alloc_slow;
                    let raw = fx.call_c(alloc_slow, &[words]);
                    fx.leave_runtime(state);
                    fx.b.ins().return_(&[raw]);
                },
            )?;
        }
        if let Some(id) = self.direct_adapter {
            self.build_function(ctx, fctx, id, direct_adapter_signature(), |fx, _| {
                let state = fx.heap_state();
                // An error raised inside the call unwinds from this frame's
                // caller (`exceptions.rs`).
                let fp = fx.b.ins().get_frame_pointer(I64);
                fx.b.ins()
                    .store(MemFlagsData::trusted(), fp, state, v::HEAP_DIRECT_FP);
                let load = |fx: &mut FnCx<'_, '_, M>, offset: i32| {
                    fx.b.ins().load(I64, MemFlagsData::trusted(), state, offset)
                };
                let index = load(fx, v::HEAP_DIRECT_FN);
                let targets = fx.data_addr(fx.sh.direct_targets_data);
                let offset = fx.b.ins().ishl_imm_u(index, 3);
                let slot = fx.b.ins().iadd(targets, offset);
                let f = fx.b.ins().load(I64, immutable(), slot, 0);
                let args: Vec<Value> = (0..3)
                    .map(|i| load(fx, v::HEAP_DIRECT_ARGS + 8 * i))
                    .collect();
                let sig = fx.b.import_signature(c_signature(fx.sh.call_conv_c, 3));
                let call = fx.b.ins().call_indirect(sig, f, &args);
                let result = fx.b.inst_results(call)[0];
                let zero = fx.iconst(0);
                fx.b.ins()
                    .store(MemFlagsData::trusted(), zero, state, v::HEAP_DIRECT_FP);
                fx.b.ins().store(
                    MemFlagsData::trusted(),
                    result,
                    state,
                    v::HEAP_DIRECT_RESULT,
                );
                fx.b.ins().return_(&[]);
            })?;
        }
        let mut arities: Vec<usize> = self.trampolines.keys().copied().collect();
        arities.sort();
        for n in arities {
            let id = self.trampolines[&n];
            self.build_function(
                ctx,
                fctx,
                id,
                c_signature(self.call_conv_c, n + 1),
                |fx, params| {
                    let state = fx.heap_state();
                    fx.enter_runtime(state);
                    let sig = fx.b.import_signature(c_signature(fx.sh.call_conv_c, n));
                    let call = fx.b.ins().call_indirect(sig, params[0], &params[1..]);
                    let result = fx.b.inst_results(call)[0];
                    // Collect if asked to, or if less than RUNTIME_CALL_ROOM is
                    // left: the caller may allocate that much unchecked.
                    let requested =
                        fx.b.ins()
                            .load(I64, MemFlagsData::trusted(), state, v::HEAP_GC_REQUESTED);
                    let ptr =
                        fx.b.ins()
                            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_PTR);
                    let limit =
                        fx.b.ins()
                            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_LIMIT);
                    let room = fx.b.ins().isub(limit, ptr);
                    let short = fx.b.ins().icmp_imm_s(
                        IntCC::SignedLessThan,
                        room,
                        v::RUNTIME_CALL_ROOM as i64,
                    );
                    let short = fx.b.ins().uextend(I64, short);
                    let requested = fx.b.ins().bor(requested, short);
                    let collect = fx.b.create_block();
                    let done = fx.b.create_block();
                    let out = fx.b.append_block_param(done, I64);
                    fx.b.set_cold_block(collect);
                    fx.b.ins()
                        .brif(requested, collect, &[], done, &[BlockArg::Value(result)]);
                    fx.b.switch_to_block(collect);
                    let gc_after_call = fx.sh.rt.gc_after_call;
                    let moved = fx.call_c(gc_after_call, &[result]);
                    fx.b.ins().jump(done, &[BlockArg::Value(moved)]);
                    fx.b.switch_to_block(done);
                    fx.leave_runtime(state);
                    fx.b.ins().return_(&[out]);
                },
            )?;
        }
        Ok(())
    }

    /// `closc_alloc_trampoline(words)`, the allocation slow path.
    fn alloc_trampoline(&mut self) -> FuncId {
        let sig = c_signature(self.call_conv_c, 1);
        declare_helper(
            self.module,
            &mut self.alloc_trampoline,
            "closc_alloc_trampoline",
            &sig,
        )
    }

    /// `closc_direct_call`, the adapter of direct calls (see `FnCx::direct_call`).
    fn direct_adapter(&mut self) -> FuncId {
        let sig = direct_adapter_signature();
        declare_helper(
            self.module,
            &mut self.direct_adapter,
            "closc_direct_call",
            &sig,
        )
    }

    fn slowcall(&mut self, n: usize) -> FuncId {
        if let Some(&f) = self.slowcall_funcs.get(&n) {
            return f;
        }
        let sig = lambda_signature(self.module, n);
        let f = self
            .module
            .declare_function(&format!("closc_slowcall_{n}"), Linkage::Local, &sig)
            .expect("helper names are unique");
        self.slowcall_funcs.insert(n, f);
        f
    }

    fn apply(&mut self) -> FuncId {
        let sig = lambda_signature(self.module, 1);
        declare_helper(self.module, &mut self.apply_func, "closc_apply", &sig)
    }

    fn builtin(&mut self, b: usize) -> FuncId {
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

    /// Index of a heap constant in `closc_constants`, built once at start-up.
    fn constant(&mut self, d: &Datum) -> usize {
        let key = format!("{:?}", strip_spans(d));
        self.constant_slot(key, || Constant::Datum(d.clone()))
    }

    /// Index in `closc_constants` of the one record of lambda `id`, which
    /// has no free variables: every evaluation of the lambda yields it.
    fn static_closure(&mut self, id: usize) -> usize {
        self.constant_slot(format!("closure {id}"), || Constant::Closure(id))
    }

    fn constant_slot(&mut self, key: String, make: impl FnOnce() -> Constant) -> usize {
        if let Some(&i) = self.constant_index.get(&key) {
            return i;
        }
        self.constants.push(make());
        self.constant_index.insert(key, self.constants.len() - 1);
        self.constants.len() - 1
    }

    fn string_bytes(&mut self, s: &str) -> (usize, usize) {
        let offset = self.string_bytes.len();
        self.string_bytes.extend_from_slice(s.as_bytes());
        (offset, s.len())
    }

    fn define_lambda(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
        f: &Lambda,
    ) -> Result<(), String> {
        let nparams = f.params.len() + usize::from(f.rest.is_some());
        let id = self.lambda_funcs[f.id];
        self.build_function(
            ctx,
            fctx,
            id,
            lambda_signature(self.module, nparams),
            |fx, entry_params| {
                // Self tail calls jump back to `header` (a loop, not a call),
                // so loop variables stay in registers and no frame is rebuilt
                // per iteration; the entry reservation or poll is in the loop.
                let header = fx.b.create_block();
                let args: Vec<BlockArg> = entry_params
                    .iter()
                    .map(|&p| {
                        fx.b.append_block_param(header, I64);
                        BlockArg::Value(p)
                    })
                    .collect();
                fx.b.ins().jump(header, &args);
                fx.b.switch_to_block(header);
                fx.lambda = Some(f.id);
                let params = fx.b.block_params(header).to_vec();
                for &p in &params {
                    fx.b.declare_value_needs_stack_map(p);
                }
                // Every self tail call loops, top-level procedures included
                // (ack: 2.67 s -> 1.73 s). This pays off only because
                // nothing loop-invariant is costly to keep live: the heap
                // state is in the pinned register and direct calls name
                // their target by a constant index, so loop-invariant code
                // motion hoists no address into a callee-saved register.
                if f.rest.is_none() {
                    fx.self_loop = Some((f.id, header));
                }
                fx.clo = params[0];
                let reserve = reserve::prefix(&f.body, fx.sh.program)
                    .0
                    .min(reserve::MAX_RESERVE);
                if reserve > 0 {
                    fx.reserve_at_entry(f.id, reserve, &params);
                } else if reserve::may_allocate_directly(&f.body) {
                    fx.poll_at_entry(f.id, &params);
                }
                for (&var, &val) in f.params.iter().chain(f.rest.iter()).zip(&params[1..]) {
                    fx.bind(var, val);
                }
                if let Some(var) = f.closure_var {
                    // A record-less lambda's callers pass this variable's
                    // value as its closure (`passes::well_known`).
                    fx.bind(var, params[0]);
                }
                for &var in &f.self_vars {
                    // Its own `letrec` variable, or one whose lambda shares
                    // its record: this very closure.
                    fx.bind(var, params[0]);
                }
                fx.facts = fixnum_facts::Facts::new(fixnum_facts::assigned_vars(&f.body));
                let Some(versioned) = fx.sh.fixnum_versions.get(&f.id).cloned() else {
                    fx.tail(&f.body);
                    return;
                };
                // A copy of the body for fixnum arguments, where inline
                // arithmetic on them needs no tag checks, then the body as it
                // is for any other arguments.
                let all = versioned
                    .iter()
                    .map(|&i| params[1 + i])
                    .reduce(|a, b| fx.b.ins().bor(a, b))
                    .expect("some parameter is versioned");
                let low = fx.b.ins().band_imm_s(all, 1);
                let (fixnums, general) = (fx.b.create_block(), fx.b.create_block());
                fx.b.ins().brif(low, general, &[], fixnums, &[]);
                let budget = fx.budget;
                fx.b.switch_to_block(fixnums);
                for &i in &versioned {
                    fx.facts
                        .add(f.params[i], closcrt::memory::value::FIXNUM_MIN);
                }
                fx.tail(&f.body);
                fx.facts.clear();
                fx.budget = budget;
                fx.b.switch_to_block(general);
                fx.tail(&f.body);
            },
        )
    }

    /// `closc_raise_pending`: the runtime jumps here (`exceptions.rs`) with
    /// the stack pointer at a return address into a Scheme frame stopped at a
    /// call, as if that frame had called it. Calls the handler the runtime
    /// left in `closc_heap_state` with the raised object; a handler that
    /// returns gets the secondary error of `closc_rt_handler_returned`.
    fn define_raise_pending(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        let id = self.raise_pending;
        self.build_function(ctx, fctx, id, lambda_signature(self.module, 0), |fx, _| {
            let state = fx.heap_state();
            let h =
                fx.b.ins()
                    .load(I64, MemFlagsData::trusted(), state, v::HEAP_PENDING_HANDLER);
            let x =
                fx.b.ins()
                    .load(I64, MemFlagsData::trusted(), state, v::HEAP_PENDING_OBJ);
            fx.b.declare_value_needs_stack_map(h);
            fx.b.declare_value_needs_stack_map(x);
            let zero = fx.iconst(0);
            fx.b.ins().store(
                MemFlagsData::trusted(),
                zero,
                state,
                v::HEAP_PENDING_HANDLER,
            );
            fx.b.ins()
                .store(MemFlagsData::trusted(), zero, state, v::HEAP_PENDING_OBJ);
            fx.clo = zero;
            fx.unknown_call(h, &[x], false);
            let returned = fx.sh.rt.handler_returned;
            fx.call_rt_noreturn(returned, &[x]);
        })
    }

    fn define_toplevel(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        // Each chunk is a range of the top-level forms.
        let program = self.program;
        let mut chunks: Vec<std::ops::Range<usize>> = Vec::new();
        chunks.push(0..0);
        let mut nodes = 0;
        for (i, form) in program.body.iter().enumerate() {
            let size = form.node_count();
            if nodes > 0 && nodes + size > TOPLEVEL_CHUNK_NODES {
                chunks.push(i..i);
                nodes = 0;
            }
            nodes += size;
            chunks.last_mut().expect("one chunk at least").end = i + 1;
        }
        let sig = lambda_signature(self.module, 0);
        let mut ids = vec![self.toplevel];
        for _ in 1..chunks.len() {
            let id = self
                .module
                .declare_anonymous_function(&sig)
                .map_err(|e| e.to_string())?;
            ids.push(id);
        }
        self.toplevel_chunks = ids[1..].to_vec();
        // Top-level forms run in order, and the code of a form (its lambdas'
        // included) runs only once the forms before it have finished; a
        // global, once given a value, stays bound. So a global that an earlier
        // form assigns as a whole (`(define g ...)`, `(set! g ...)`) is bound
        // wherever a later form reads it. The 10,000-line benchmark's last
        // form reads 900 such globals: their checks' blocks, with every value
        // read so far live across each, were 93 ms of Cranelift's safepoint
        // liveness analysis.
        let mut assigned_before = HashSet::new();
        for (k, range) in chunks.into_iter().enumerate() {
            let forms = &program.body[range];
            let next = ids.get(k + 1).copied();
            self.build_function(ctx, fctx, ids[k], sig.clone(), |fx, params| {
                fx.clo = params[0];
                let mut assigned = HashSet::new();
                for form in forms {
                    assigned.extend(fixnum_facts::assigned_vars(form));
                }
                fx.facts = fixnum_facts::Facts::new(assigned);
                fx.assigned_by_earlier_forms = std::mem::take(&mut assigned_before);
                let value_of = |fx: &mut FnCx<'_, '_, M>, form: &Expr, tail: bool| {
                    if tail {
                        fx.tail(form);
                    } else {
                        fx.value(form);
                    }
                    if let Expr::SetGlobal(g, _) = form {
                        fx.assigned_by_earlier_forms.insert(*g);
                    }
                };
                match (next, forms.split_last()) {
                    (None, Some((last, before))) => {
                        before.iter().for_each(|form| value_of(fx, form, false));
                        value_of(fx, last, true);
                    }
                    (None, None) => fx.tail(&Expr::Void),
                    (Some(next), _) => {
                        forms.iter().for_each(|form| value_of(fx, form, false));
                        let next = fx.func_ref(next);
                        fx.b.ins().return_call(next, &[params[0]]);
                    }
                }
                assigned_before = std::mem::take(&mut fx.assigned_by_earlier_forms);
            })?;
        }
        Ok(())
    }

    /// `closc_entry`: C convention; sets up globals, names and constants, then
    /// runs the top level.
    fn define_entry(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<FuncId, String> {
        let sig = c_signature(self.call_conv_c, 0);
        let id = self
            .module
            .declare_function("closc_entry", Linkage::Export, &sig)
            .map_err(|e| e.to_string())?;
        // Ids below the base belong to earlier programs of the session.
        let names: Vec<u8> = self
            .program
            .link
            .earlier_lambda_names
            .iter()
            .map(String::as_str)
            .chain(self.program.functions.iter().map(|f| f.name.as_str()))
            .flat_map(|name| name.bytes().chain(std::iter::once(0)))
            .collect();
        let (names_off, names_len) = {
            let offset = self.string_bytes.len();
            self.string_bytes.extend_from_slice(&names);
            (offset, names.len())
        };
        self.build_function(ctx, fctx, id, sig, |fx, _| {
            let saved_pinned = fx.b.ins().get_pinned_reg(I64);
            let state = fx.data_addr(fx.sh.heap_state);
            fx.b.ins().set_pinned_reg(state);
            let fp = fx.b.ins().get_frame_pointer(I64);
            fx.b.ins()
                .store(MemFlagsData::trusted(), fp, state, v::HEAP_STACK_BASE);
            let raise = fx.func_ref(fx.sh.raise_pending);
            let raise = fx.b.ins().func_addr(I64, raise);
            fx.b.ins()
                .store(MemFlagsData::trusted(), raise, state, v::HEAP_RAISE_ENTRY);
            let table = fx.data_addr(fx.sh.code_table);
            let register_code = fx.sh.rt.register_code;
            fx.call_c(register_code, &[table]);
            let positions = fx.data_addr(fx.sh.positions_table);
            let register_positions = fx.sh.rt.register_positions;
            fx.call_c(register_positions, &[positions]);
            let register = fx.sh.rt.register_globals;
            if !fx.sh.program.link.external_globals {
                let globals = fx.data_addr(fx.sh.globals_data);
                let nglobals = fx.b.ins().iconst(I64, fx.sh.program.globals.len() as i64);
                fx.call_c(register, &[globals, nglobals]);
            }
            let consts = fx.data_addr(fx.sh.constants_data);
            let nconsts = fx.b.ins().iconst(I64, fx.sh.constants.len() as i64);
            fx.call_c(register, &[consts, nconsts]);
            let names_ptr = fx.string_addr(names_off);
            let names_len = fx.b.ins().iconst(I64, names_len as i64);
            let set_names = fx.sh.rt.set_lambda_names;
            fx.call_c(set_names, &[names_ptr, names_len]);
            // Constants may be added while building constants (none are today:
            // building a datum only reads its own parts), so iterate by index.
            let mut i = 0;
            while i < fx.sh.constants.len() {
                let val = match fx.sh.constants[i].clone() {
                    Constant::Datum(d) => fx.build_datum(&d),
                    Constant::Closure(id) => fx.alloc_closure(id, 0),
                };
                fx.b.ins()
                    .store(MemFlagsData::trusted(), val, consts, (i * 8) as i32);
                i += 1;
            }
            let toplevel = fx.func_ref(fx.sh.toplevel);
            let nil = fx.b.ins().iconst(I64, v::NIL as i64);
            let call = fx.b.ins().call(toplevel, &[nil]);
            let result = fx.b.inst_results(call)[0];
            fx.b.ins().set_pinned_reg(saved_pinned);
            fx.b.ins().return_(&[result]);
        })?;
        Ok(id)
    }

    fn define_data(&mut self) -> Result<(), String> {
        if !self.program.link.external_globals {
            self.define_globals()?;
        }
        self.define_constants_and_code_table()
    }

    fn define_globals(&mut self) -> Result<(), String> {
        let mut globals = DataDescription::new();
        let words = self.program.globals.len().max(1);
        let bytes: Vec<u8> = std::iter::repeat_n(v::UNBOUND.to_le_bytes(), words)
            .flatten()
            .collect();
        globals.define(bytes.into_boxed_slice());
        globals.set_align(8);
        self.module
            .define_data(self.globals_data, &globals)
            .map_err(|e| e.to_string())
    }

    fn define_constants_and_code_table(&mut self) -> Result<(), String> {
        let mut consts = DataDescription::new();
        consts.define_zeroinit(self.constants.len().max(1) * 8);
        consts.set_align(8);
        self.module
            .define_data(self.constants_data, &consts)
            .map_err(|e| e.to_string())?;
        let mut words: Vec<u64> = vec![self.code_infos.len() as u64];
        let mut funcs = Vec::new();
        for info in &self.code_infos {
            funcs.push((words.len(), info.func));
            words.extend([
                0,
                info.len as u64,
                info.fp_to_sp as u64,
                info.safepoints.len() as u64,
            ]);
            for (offset, slots) in &info.safepoints {
                words.push(*offset as u64);
                words.push(slots.len() as u64);
                words.extend(slots.iter().map(|&o| o as u64));
            }
        }
        let table = self.word_table(&words, &funcs);
        self.module
            .define_data(self.code_table, &table)
            .map_err(|e| e.to_string())?;
        self.define_positions_table()?;
        let words = vec![0; self.direct_targets.len().max(1)];
        let funcs: Vec<(usize, FuncId)> = self.direct_targets.iter().copied().enumerate().collect();
        let targets = self.word_table(&words, &funcs);
        self.module
            .define_data(self.direct_targets_data, &targets)
            .map_err(|e| e.to_string())?;
        let mut strings = DataDescription::new();
        let mut bytes = std::mem::take(&mut self.string_bytes);
        bytes.push(0);
        strings.define(bytes.into_boxed_slice());
        self.module
            .define_data(self.string_data, &strings)
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// A data object of 64-bit words in which word `i` of each `(i, f)` in
    /// `funcs` is relocated to the address of function `f`. (Always defined
    /// with contents: zero-initialised data is .bss, where no relocation
    /// applies.)
    fn word_table(&mut self, words: &[u64], funcs: &[(usize, FuncId)]) -> DataDescription {
        let mut table = DataDescription::new();
        table.define(
            words
                .iter()
                .flat_map(|w| w.to_le_bytes())
                .collect::<Vec<u8>>()
                .into_boxed_slice(),
        );
        table.set_align(8);
        for &(word, func) in funcs {
            let fref = self.module.declare_func_in_data(func, &mut table);
            table.write_function_addr((word * 8) as u32, fref);
        }
        table
    }

    /// `closc_slowcall_N(f, a1..aN)`: everything an unknown call does when the
    /// inline check (closure tag, arity word == N) fails.
    fn define_slowcall(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
        n: usize,
    ) -> Result<(), String> {
        let id = self.slowcall_funcs[&n];
        self.build_function(
            ctx,
            fctx,
            id,
            lambda_signature(self.module, n),
            |fx, params| {
                let (f, args) = (params[0], params[1..].to_vec());
                for &p in params {
                    fx.b.declare_value_needs_stack_map(p);
                }
                fx.check_closure(f);
                let arity = fx.b.ins().load(I64, immutable(), f, v::CLOSURE_ARITY);
                let code = fx.b.ins().load(I64, immutable(), f, v::CLOSURE_CODE);
                let exact = fx.b.create_block();
                let not_exact = fx.b.create_block();
                let is_n = fx.b.ins().icmp_imm_s(IntCC::Equal, arity, n as i64);
                fx.b.ins().brif(is_n, exact, &[], not_exact, &[]);
                fx.b.switch_to_block(exact);
                fx.tail_call_code(code, f, &args);
                // A rest-parameter callee needing k <= n required arguments:
                // arity = -(k+1), i.e. arity in [-(n+1), -1].
                fx.b.switch_to_block(not_exact);
                let error = fx.b.create_block();
                fx.b.set_cold_block(error);
                for k in 0..=n {
                    let next = fx.b.create_block();
                    let this = fx.b.create_block();
                    let is_k = fx.b.ins().icmp_imm_s(IntCC::Equal, arity, -(k as i64 + 1));
                    fx.b.ins().brif(is_k, this, &[], next, &[]);
                    fx.b.switch_to_block(this);
                    let rest = fx.list_from(&args[k..]);
                    let mut call_args = args[..k].to_vec();
                    call_args.push(rest);
                    fx.tail_call_code(code, f, &call_args);
                    fx.b.switch_to_block(next);
                }
                fx.b.ins().jump(error, &[]);
                fx.b.switch_to_block(error);
                let got = fx.b.ins().iconst(I64, n as i64);
                let arity_error = fx.sh.rt.arity_error;
                fx.call_rt_noreturn(arity_error, &[f, got]);
            },
        )
    }

    /// `closc_apply(f, list)`: calls `f` with the elements of `list`, for every
    /// fixed arity and rest-parameter shape that occurs in the program.
    fn define_apply(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<(), String> {
        let max_fixed = self
            .program
            .functions
            .iter()
            .filter(|f| f.rest.is_none())
            .map(|f| f.params.len())
            .max();
        let max_required = self
            .program
            .functions
            .iter()
            .filter(|f| f.rest.is_some())
            .map(|f| f.params.len())
            .max();
        let id = self.apply_func.expect("declared before definition");
        self.build_function(
            ctx,
            fctx,
            id,
            lambda_signature(self.module, 1),
            |fx, params| {
                let (f, list) = (params[0], params[1]);
                fx.b.declare_value_needs_stack_map(f);
                fx.b.declare_value_needs_stack_map(list);
                fx.check_closure(f);
                let arity = fx.b.ins().load(I64, immutable(), f, v::CLOSURE_ARITY);
                let code = fx.b.ins().load(I64, immutable(), f, v::CLOSURE_CODE);
                let error = fx.b.create_block();
                fx.b.set_cold_block(error);
                // (arity value to match, number of list elements to pass, rest?)
                let mut shapes: Vec<(i64, usize, bool)> = Vec::new();
                if let Some(m) = max_fixed {
                    shapes.extend((0..=m).map(|k| (k as i64, k, false)));
                }
                if let Some(m) = max_required {
                    shapes.extend((0..=m).map(|k| (-(k as i64) - 1, k, true)));
                }
                for (arity_value, k, rest) in shapes {
                    let this = fx.b.create_block();
                    let next = fx.b.create_block();
                    let matches = fx.b.ins().icmp_imm_s(IntCC::Equal, arity, arity_value);
                    fx.b.ins().brif(matches, this, &[], next, &[]);
                    fx.b.switch_to_block(this);
                    let mut args = Vec::new();
                    let mut l = list;
                    for _ in 0..k {
                        let ok = fx.b.create_block();
                        let is_pair = fx.has_tag(l, v::TAG_PAIR);
                        fx.b.ins().brif(is_pair, ok, &[], error, &[]);
                        fx.b.switch_to_block(ok);
                        let x =
                            fx.b.ins()
                                .load(I64, MemFlagsData::trusted(), l, v::PAIR_CAR);
                        // Live across the allocation in `copy_list` below.
                        fx.b.declare_value_needs_stack_map(x);
                        args.push(x);
                        l =
                            fx.b.ins()
                                .load(I64, MemFlagsData::trusted(), l, v::PAIR_CDR);
                    }
                    if rest {
                        let copy_list = fx.sh.rt.copy_list;
                        let fresh = fx.call_rt(copy_list, &[l]);
                        args.push(fresh);
                    } else {
                        let ok = fx.b.create_block();
                        let is_nil = fx.b.ins().icmp_imm_s(IntCC::Equal, l, v::NIL as i64);
                        fx.b.ins().brif(is_nil, ok, &[], error, &[]);
                        fx.b.switch_to_block(ok);
                    }
                    fx.tail_call_code(code, f, &args);
                    fx.b.switch_to_block(next);
                }
                fx.b.ins().jump(error, &[]);
                fx.b.switch_to_block(error);
                let arity_error = fx.sh.rt.arity_error_list;
                fx.call_rt_noreturn(arity_error, &[f, list]);
            },
        )
    }
}

fn strip_spans(d: &Datum) -> DatumKind {
    match &d.kind {
        DatumKind::List(items, tail) => DatumKind::List(
            items
                .iter()
                .map(|i| Datum::new(strip_spans(i), Default::default()))
                .collect(),
            tail.as_ref()
                .map(|t| Box::new(Datum::new(strip_spans(t), Default::default()))),
        ),
        DatumKind::Vector(items) => DatumKind::Vector(
            items
                .iter()
                .map(|i| Datum::new(strip_spans(i), Default::default()))
                .collect(),
        ),
        k => k.clone(),
    }
}

/// Immediate encoding of a datum that needs no heap object.
fn immediate(d: &Datum) -> Option<i64> {
    Some(match &d.kind {
        DatumKind::Bool(b) => v::boolean(*b) as i64,
        DatumKind::Int(n) => {
            debug_assert!(
                v::fits_fixnum(*n),
                "the expander rejects literals outside the fixnum range"
            );
            v::fixnum(*n as i64) as i64
        }
        DatumKind::Char(c) => v::char_value(*c) as i64,
        DatumKind::List(items, None) if items.is_empty() => v::NIL as i64,
        _ => return None,
    })
}

/// Vectors at least this long are remembered by slot rather than whole.
const LARGE_VECTOR_LENGTH: i64 = 4096;

/// Compiles one function body.
struct FnCx<'a, 'm, M: Module> {
    sh: &'a mut Shared<'m, M>,
    b: FunctionBuilder<'a>,
    vars: HashMap<VarId, Variable>,
    func_refs: HashMap<FuncId, FuncRef>,
    /// The closure record this code was called with.
    clo: Value,
    /// Nursery bytes reserved at entry and not yet used on the current path;
    /// 0 after any call that may collect (see `reserve.rs`).
    budget: usize,
    /// Placeholders for direct calls, made calls after `finalize`.
    direct_calls: Vec<DirectCall>,
    /// The lambda being compiled and its loop header, which its self tail
    /// calls jump to.
    self_loop: Option<(usize, Block)>,
    /// The lambda being compiled (`None` for helpers and the top level).
    lambda: Option<usize>,
    /// The inline site whose copied code is being compiled, if any.
    inline_site: Option<usize>,
    /// Variables known to hold fixnums here (see `fixnum_facts`).
    facts: fixnum_facts::Facts,
    /// Globals that earlier top-level forms assigned (top-level code only;
    /// see `define_toplevel`): reading one needs no unbound check.
    assigned_by_earlier_forms: HashSet<GlobalId>,
}

/// A direct call waiting for `build_function` to emit it (see `direct_call`).
struct DirectCall {
    placeholder: Inst,
    /// Index of the runtime function in `closc_direct_targets`.
    target: usize,
    adapter: FuncRef,
}

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    fn new(
        sh: &'a mut Shared<'m, M>,
        ctx: &'a mut Context,
        fctx: &'a mut FunctionBuilderContext,
    ) -> Self {
        let b = FunctionBuilder::new(&mut ctx.func, fctx);
        let clo = Value::from_u32(0);
        FnCx {
            sh,
            b,
            vars: HashMap::new(),
            func_refs: HashMap::new(),
            clo,
            budget: 0,
            direct_calls: Vec::new(),
            self_loop: None,
            lambda: None,
            inline_site: None,
            facts: fixnum_facts::Facts::default(),
            assigned_by_earlier_forms: HashSet::new(),
        }
    }

    /// Calls runtime function `f(x, y, keep)` *directly*: no trampoline and no
    /// stack map, so Cranelift spills no value for it; through the preserve_all
    /// adapter `closc_direct_call`, so the call clobbers no register either and
    /// the fast paths around it keep their register allocation. Only for runtime
    /// functions that never collect (`gc::direct_call`); `keep` tells them how
    /// much reserved nursery room this path still counts on. Emitted as a
    /// placeholder that `build_function` turns into the call after the
    /// frontend has computed stack maps.
    fn direct_call(&mut self, f: FuncId, x: Value, y: Value) -> Value {
        let target = match self.sh.direct_targets.iter().position(|&t| t == f) {
            Some(i) => i,
            None => {
                self.sh.direct_targets.push(f);
                self.sh.direct_targets.len() - 1
            }
        };
        let adapter = self.sh.direct_adapter();
        let adapter = self.func_ref(adapter);
        let keep = self.iconst(self.budget as u64);
        let placeholder = self.b.ins().select(keep, x, y);
        let placeholder_inst = self.b.func.dfg.value_def(placeholder).unwrap_inst();
        self.direct_calls.push(DirectCall {
            placeholder: placeholder_inst,
            target,
            adapter,
        });
        placeholder
    }

    /// Start of a function whose direct calls may allocate but which makes no
    /// entry reservation: collect here if a direct call asked for it, so a
    /// loop that allocates only through direct calls still collects.
    fn poll_at_entry(&mut self, id: usize, params: &[Value]) {
        let state = self.heap_state();
        let requested =
            self.b
                .ins()
                .load(I64, MemFlagsData::trusted(), state, v::HEAP_GC_REQUESTED);
        self.collect_and_reenter_if(requested, id, 0, params);
    }

    fn func_ref(&mut self, id: FuncId) -> FuncRef {
        if let Some(&r) = self.func_refs.get(&id) {
            return r;
        }
        let r = self.sh.module.declare_func_in_func(id, self.b.func);
        self.func_refs.insert(id, r);
        r
    }

    fn data_addr(&mut self, id: DataId) -> Value {
        let gv = self.sh.module.declare_data_in_func(id, self.b.func);
        self.b.ins().symbol_value(I64, gv)
    }

    fn string_addr(&mut self, offset: usize) -> Value {
        let base = self.data_addr(self.sh.string_data);
        self.b.ins().iadd_imm_s(base, offset as i64)
    }

    /// Calls a C-convention runtime function and returns its result.
    fn call_c(&mut self, f: FuncId, args: &[Value]) -> Value {
        let r = self.func_ref(f);
        let call = self.b.ins().call(r, args);
        self.b.inst_results(call)[0]
    }

    fn bind(&mut self, var: VarId, val: Value) {
        let x = *self.vars.entry(var).or_insert_with(|| {
            let x = self.b.declare_var(I64);
            self.b.declare_var_needs_stack_map(x);
            x
        });
        self.b.def_var(x, val);
    }

    fn iconst(&mut self, x: u64) -> Value {
        self.b.ins().iconst(I64, x as i64)
    }

    fn has_tag(&mut self, x: Value, tag: u64) -> Value {
        let t = self.b.ins().band_imm_s(x, v::TAG_MASK as i64);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, tag as i64)
    }

    fn bool_value(&mut self, cond: Value) -> Value {
        let t = self.iconst(v::TRUE);
        let f = self.iconst(v::FALSE);
        self.b.ins().select(cond, t, f)
    }

    /// Traps into the runtime's "not a procedure" error unless `f` is a closure.
    fn check_closure(&mut self, f: Value) {
        let ok = self.b.create_block();
        let bad = self.b.create_block();
        self.b.set_cold_block(bad);
        let is_closure = self.has_tag(f, v::TAG_CLOSURE);
        self.b.ins().brif(is_closure, ok, &[], bad, &[]);
        self.b.switch_to_block(bad);
        let not_procedure = self.sh.rt.not_procedure;
        self.call_rt_noreturn(not_procedure, &[f]);
        self.b.switch_to_block(ok);
    }

    fn tail_call_code(&mut self, code: Value, f: Value, args: &[Value]) {
        let sig = lambda_signature(self.sh.module, args.len());
        let sig = self.b.import_signature(sig);
        let mut all = vec![f];
        all.extend_from_slice(args);
        self.b.ins().return_call_indirect(sig, code, &all);
    }

    fn heap_state(&mut self) -> Value {
        self.b.ins().get_pinned_reg(I64)
    }

    /// Allocates `words` words and stores `header`; returns the tagged pointer.
    /// The fast path bumps the nursery pointer inline; the slow path goes
    /// through `closc_alloc_trampoline` (which may collect).
    fn alloc(&mut self, words: usize, header: u64, tag: u64) -> Value {
        let bytes = words * 8;
        let state = self.heap_state();
        let ptr = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_PTR);
        let next = self.b.ins().iadd_imm_s(ptr, bytes as i64);
        let raw = if self.budget >= bytes {
            // Reserved at entry: no limit check, no slow path.
            self.budget -= bytes;
            self.b
                .ins()
                .store(MemFlagsData::trusted(), next, state, v::HEAP_ALLOC_PTR);
            ptr
        } else {
            self.budget = 0;
            let limit = self
                .b
                .ins()
                .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_LIMIT);
            let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, next, limit);
            let fast = self.b.create_block();
            let slow = self.b.create_block();
            let join = self.b.create_block();
            let raw = self.b.append_block_param(join, I64);
            self.b.set_cold_block(slow);
            self.b.ins().brif(full, slow, &[], fast, &[]);
            self.b.switch_to_block(fast);
            self.b
                .ins()
                .store(MemFlagsData::trusted(), next, state, v::HEAP_ALLOC_PTR);
            self.b.ins().jump(join, &[BlockArg::Value(ptr)]);
            self.b.switch_to_block(slow);
            let n = self.iconst(words as u64);
            let tramp = self.sh.alloc_trampoline();
            let p = self.call_c(tramp, &[n]);
            self.b.ins().jump(join, &[BlockArg::Value(p)]);
            self.b.switch_to_block(join);
            raw
        };
        let h = self.iconst(header);
        self.b.ins().store(MemFlagsData::trusted(), h, raw, 0);
        let tagged = self.b.ins().iadd_imm_s(raw, tag as i64);
        self.b.declare_value_needs_stack_map(tagged);
        tagged
    }

    /// At the entry of lambda `id`: make sure `bytes` are free in the nursery,
    /// else tail-call `closc_gc_reenter_N` to collect and come back.
    fn reserve_at_entry(&mut self, id: usize, bytes: usize, params: &[Value]) {
        let state = self.heap_state();
        let ptr = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_PTR);
        let limit = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_LIMIT);
        let next = self.b.ins().iadd_imm_s(ptr, bytes as i64);
        let short = self.b.ins().icmp(IntCC::UnsignedGreaterThan, next, limit);
        self.collect_and_reenter_if(short, id, bytes, params);
        self.budget = bytes;
    }

    /// When `cond` holds: collect, with `params` as roots, making `bytes` of
    /// room, and call lambda `id` again (a tail call through `closc_gc_reenter_N`).
    fn collect_and_reenter_if(&mut self, cond: Value, id: usize, bytes: usize, params: &[Value]) {
        let collect = self.b.create_block();
        let body = self.b.create_block();
        self.b.set_cold_block(collect);
        self.b.ins().brif(cond, collect, &[], body, &[]);
        self.b.switch_to_block(collect);
        // Read here, not before the branch: the copy of the pinned register
        // would be an instruction on every entry's hot path.
        let state = self.heap_state();
        let me = self.func_ref(self.sh.lambda_funcs[id]);
        let code = self.b.ins().func_addr(I64, me);
        let need = self.iconst(bytes as u64);
        let reenter = self.sh.reenter(params.len());
        let reenter = self.func_ref(reenter);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), code, state, v::HEAP_REENTER_CODE);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), need, state, v::HEAP_REENTER_BYTES);
        self.b.ins().return_call(reenter, params);
        self.b.switch_to_block(body);
    }

    /// In a trampoline: record this frame as the one the collector's walk of
    /// the Scheme frames starts from (`closc_heap_state.last_fp`).
    fn enter_runtime(&mut self, state: Value) {
        let fp = self.b.ins().get_frame_pointer(I64);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), fp, state, v::HEAP_LAST_FP);
    }

    /// In a trampoline, after the runtime call: no walk starts here any more.
    fn leave_runtime(&mut self, state: Value) {
        let zero = self.iconst(0);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), zero, state, v::HEAP_LAST_FP);
    }

    /// Calls a runtime function that may allocate, through its trampoline.
    fn call_rt(&mut self, f: FuncId, args: &[Value]) -> Value {
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
    fn ending_in_trap(&mut self, emit: impl FnOnce(&mut Self)) {
        let budget = self.budget;
        emit(self);
        self.b.ins().trap(trap_code());
        self.budget = budget;
    }

    /// Calls a runtime error entry point (it never returns); see `ending_in_trap`.
    fn call_rt_noreturn(&mut self, f: FuncId, args: &[Value]) {
        self.ending_in_trap(|fx| {
            fx.call_rt(f, args);
        });
    }

    /// Write barrier after storing `val` into the object `obj`: an old object
    /// that now points into the nursery joins the remembered set.
    fn write_barrier(&mut self, obj: Value, val: Value, slot_base: Value, slot_offset: i32) {
        self.write_barrier_maybe_large(obj, val, slot_base, slot_offset, false)
    }

    /// The write barrier, entirely inline (no call, so no value of the
    /// function is spilled for it): set the object's remembered bit and append
    /// it to the store buffer; a big vector (`may_be_large`) appends the
    /// slot's address instead. A full buffer sets `ssb_overflow`.
    fn write_barrier_maybe_large(
        &mut self,
        obj: Value,
        val: Value,
        slot_base: Value,
        slot_offset: i32,
        may_be_large: bool,
    ) {
        // A constant is an immediate (quoted heap data comes from the
        // constants table, not from `iconst`): it never points into the nursery.
        if let ValueDef::Result(inst, _) = self.b.func.dfg.value_def(val) {
            if self.b.func.dfg.insts[inst].opcode() == Opcode::Iconst {
                return;
            }
        }
        let state = self.heap_state();
        let start = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_NURSERY_START);
        let size = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_NURSERY_SIZE);
        let val_off = self.b.ins().isub(val, start);
        let val_young = self.b.ins().icmp(IntCC::UnsignedLessThan, val_off, size);
        let obj_off = self.b.ins().isub(obj, start);
        let obj_old = self
            .b
            .ins()
            .icmp(IntCC::UnsignedGreaterThanOrEqual, obj_off, size);
        let needed = self.b.ins().band(val_young, obj_old);
        let slow = self.b.create_block();
        let done = self.b.create_block();
        self.b.set_cold_block(slow);
        self.b.ins().brif(needed, slow, &[], done, &[]);
        self.b.switch_to_block(slow);
        let addr = self.b.ins().band_imm_s(obj, !(v::TAG_MASK as i64));
        let h = self.b.ins().load(I64, MemFlagsData::trusted(), addr, 0);
        let push = self.b.create_block();
        let entry = self.b.append_block_param(push, I64);
        let check_bit = self.b.create_block();
        if may_be_large {
            // A big vector is remembered by slot (entry = slot address | 1),
            // so that a minor collection need not rescan all of it.
            let length = self.b.ins().ushr_imm_s(h, 8);
            let big = self.b.ins().icmp_imm_u(
                IntCC::UnsignedGreaterThanOrEqual,
                length,
                LARGE_VECTOR_LENGTH,
            );
            let by_slot = self.b.create_block();
            self.b.set_cold_block(by_slot);
            self.b.set_cold_block(check_bit);
            self.b.ins().brif(big, by_slot, &[], check_bit, &[]);
            self.b.switch_to_block(by_slot);
            let slot = self.b.ins().iadd_imm_s(slot_base, slot_offset as i64);
            let tagged_slot = self.b.ins().bor_imm_s(slot, 1);
            self.b.ins().jump(push, &[BlockArg::Value(tagged_slot)]);
        } else {
            self.b.set_cold_block(check_bit);
            self.b.ins().jump(check_bit, &[]);
        }
        self.b.switch_to_block(check_bit);
        let bit = self.b.ins().band_imm_s(h, v::REMEMBERED_BIT as i64);
        let mark = self.b.create_block();
        self.b.set_cold_block(mark);
        self.b.ins().brif(bit, done, &[], mark, &[]);
        self.b.switch_to_block(mark);
        let marked = self.b.ins().bor_imm_s(h, v::REMEMBERED_BIT as i64);
        self.b.ins().store(MemFlagsData::trusted(), marked, addr, 0);
        self.b.ins().jump(push, &[BlockArg::Value(addr)]);
        self.b.set_cold_block(push);
        self.b.switch_to_block(push);
        let p = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_SSB_PTR);
        let end = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_SSB_END);
        let full = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, p, end);
        let store = self.b.create_block();
        let overflow = self.b.create_block();
        self.b.set_cold_block(store);
        self.b.set_cold_block(overflow);
        self.b.ins().brif(full, overflow, &[], store, &[]);
        self.b.switch_to_block(store);
        self.b.ins().store(MemFlagsData::trusted(), entry, p, 0);
        let next = self.b.ins().iadd_imm_s(p, 8);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), next, state, v::HEAP_SSB_PTR);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(overflow);
        let one = self.iconst(1);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), one, state, v::HEAP_SSB_OVERFLOW);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    fn cons(&mut self, car: Value, cdr: Value) -> Value {
        let p = self.alloc(3, v::header(v::HDR_PAIR, 2), v::TAG_PAIR);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), car, p, v::PAIR_CAR);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), cdr, p, v::PAIR_CDR);
        p
    }

    fn list_from(&mut self, items: &[Value]) -> Value {
        let mut l = self.iconst(v::NIL);
        for &x in items.iter().rev() {
            l = self.cons(x, l);
        }
        l
    }

    /// Builds a quoted datum at start-up (in `closc_entry`).
    fn build_datum(&mut self, d: &Datum) -> Value {
        if let Some(imm) = immediate(d) {
            return self.b.ins().iconst(I64, imm);
        }
        match &d.kind {
            DatumKind::Symbol(s) | DatumKind::Str(s) | DatumKind::Number(s) => {
                let (off, len) = self.sh.string_bytes(s);
                let ptr = self.string_addr(off);
                let len = self.iconst(len as u64);
                let f = match d.kind {
                    DatumKind::Symbol(_) => self.sh.rt.intern,
                    DatumKind::Str(_) => self.sh.rt.make_string,
                    _ => self.sh.rt.make_number,
                };
                let r = self.call_rt(f, &[ptr, len]);
                self.b.declare_value_needs_stack_map(r);
                r
            }
            DatumKind::List(items, tail) => {
                let mut l = match tail {
                    Some(t) => self.build_datum(t),
                    None => self.iconst(v::NIL),
                };
                // Build elements first so that no half-made pair is live across an allocation.
                let elems: Vec<Value> = items.iter().map(|i| self.build_datum(i)).collect();
                for &e in elems.iter().rev() {
                    l = self.cons(e, l);
                }
                l
            }
            DatumKind::Vector(items) => {
                let elems: Vec<Value> = items.iter().map(|i| self.build_datum(i)).collect();
                let vec = self.alloc(
                    1 + elems.len(),
                    v::header(v::HDR_VECTOR, elems.len() as u64),
                    v::TAG_OBJECT,
                );
                for (i, &e) in elems.iter().enumerate() {
                    self.b.ins().store(
                        MemFlagsData::trusted(),
                        e,
                        vec,
                        v::VECTOR_ELEM0 + 8 * i as i32,
                    );
                }
                vec
            }
            DatumKind::Bytevector(bytes) => {
                // Built inline, immutable (a literal): header, length, bytes.
                let words = v::bytevector_words(bytes.len() as u64);
                let bv = self.alloc(
                    1 + words as usize,
                    v::header(v::HDR_BYTEVECTOR, words) | v::IMMUTABLE_BIT,
                    v::TAG_OBJECT,
                );
                let len = self.iconst(bytes.len() as u64);
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), len, bv, v::BYTEVECTOR_LEN);
                for (i, chunk) in bytes.chunks(8).enumerate() {
                    let mut word = [0u8; 8];
                    word[..chunk.len()].copy_from_slice(chunk);
                    let w = self.iconst(u64::from_le_bytes(word));
                    self.b.ins().store(
                        MemFlagsData::trusted(),
                        w,
                        bv,
                        v::BYTEVECTOR_BYTES + 8 * i as i32,
                    );
                }
                bv
            }
            _ => unreachable!("immediates handled above"),
        }
    }

    /// Compiles `e` in tail position: the current block is terminated.
    fn tail(&mut self, e: &Expr) {
        let outer = self.enter_source(e);
        self.tail_here(e);
        self.b.set_srcloc(outer);
    }

    /// Makes the instructions emitted next carry `e`'s source position (if it
    /// has one); returns the position to restore afterwards.
    fn enter_source(&mut self, e: &Expr) -> SourceLoc {
        let outer = self.b.srcloc();
        if let Some(span) = e.source_span().filter(|s| !s.is_synthetic()) {
            let loc = self.sh.source_loc(span.lo, self.inline_site);
            self.b.set_srcloc(loc);
        }
        outer
    }

    fn tail_here(&mut self, e: &Expr) {
        match e {
            Expr::If(c, t, f) => {
                let (then_block, else_block) = (self.b.create_block(), self.b.create_block());
                self.branch_on(c, then_block, else_block);
                let [then_facts, else_facts] = self.facts.after_test(c);
                let budget = self.budget;
                self.b.switch_to_block(then_block);
                self.with_facts(then_facts, |fx| fx.tail(t));
                self.budget = budget;
                self.b.switch_to_block(else_block);
                self.with_facts(else_facts, |fx| fx.tail(f));
            }
            Expr::Seq(es) if !es.is_empty() => {
                for x in &es[..es.len() - 1] {
                    self.value(x);
                }
                self.tail(&es[es.len() - 1]);
            }
            Expr::Let(bindings, body) => {
                self.let_bindings(bindings);
                self.tail(body);
            }
            Expr::Inlined(site, body) => {
                let outer = self.inline_site.replace(*site);
                self.tail(body);
                self.inline_site = outer;
            }
            Expr::Closures(bindings, body) => {
                self.closures(bindings);
                self.tail(body);
            }
            Expr::Call(f, args, _) => {
                // Operands first, operator last: the operator is usually a
                // variable, and this keeps it out of registers across operand calls.
                let args = self.values(args);
                let f = self.value(f);
                self.unknown_call(f, &args, true);
            }
            Expr::CallDirect(id, f, args, _) => {
                let args = self.values(args);
                let f = self.callee_closure(*id, f, &args);
                let args = self.direct_args(*id, f, args);
                match self.self_loop {
                    Some((me, header)) if me == *id => {
                        let args: Vec<BlockArg> = args.into_iter().map(BlockArg::Value).collect();
                        self.b.ins().jump(header, &args);
                    }
                    _ => {
                        let r = self.func_ref(self.sh.lambda_funcs[*id]);
                        self.b.ins().return_call(r, &args);
                    }
                }
            }
            Expr::Prim(Prim::Apply, args, _) => {
                let args = self.values(args);
                let apply = self.sh.apply();
                let r = self.func_ref(apply);
                self.b.ins().return_call(r, &args);
            }
            _ => {
                let x = self.value(e);
                self.b.ins().return_(&[x]);
            }
        }
    }

    /// The closure value to pass in a direct call to lambda `id` with
    /// arguments `args`. A lambda without free variables never reads its
    /// closure, so any value will do: the first argument, which is in a
    /// register for the call anyway (a constant would be kept in a
    /// callee-saved register across calls). The operator is then evaluated
    /// only if that can fail: reading a global may find it unbound.
    fn callee_closure(&mut self, id: usize, f: &Expr, args: &[Value]) -> Value {
        if self.sh.program.functions[id].reads_closure() {
            // A lambda calling itself through its captured binding (a named
            // `let` loop) calls the very closure it runs in: its own is at
            // hand, no need to load it from its record.
            if self.lambda == Some(id) && matches!(f, Expr::FreeRef(..)) {
                return self.clo;
            }
            return self.value(f);
        }
        let pure = match f {
            Expr::Local(_) | Expr::FreeRef(..) => true,
            Expr::Global(g, _) => self.sh.program.globals[*g].bound_before_code,
            _ => false,
        };
        if !pure {
            self.value(f);
        }
        match args.first() {
            Some(&x) => x,
            None => self.iconst(v::NIL),
        }
    }

    fn values(&mut self, es: &[Expr]) -> Vec<Value> {
        es.iter().map(|e| self.value(e)).collect()
    }

    /// Arguments for a direct call to lambda `id`: the closure, the required
    /// arguments, then the rest arguments as a fresh list if it has a rest parameter.
    fn direct_args(&mut self, id: usize, f: Value, mut args: Vec<Value>) -> Vec<Value> {
        let (required, rest) = self.sh.program.lambda_arity[id];
        if rest {
            let extra = args.split_off(required);
            let l = self.list_from(&extra);
            args.push(l);
        }
        let mut all = vec![f];
        all.extend(args);
        all
    }

    /// A call through an unknown procedure value: inline closure-tag and arity
    /// check, then `call_indirect`; the slow path is `closc_slowcall_N`.
    fn unknown_call(&mut self, f: Value, args: &[Value], tail: bool) -> Option<Value> {
        let n = args.len();
        let check_arity = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let is_closure = self.has_tag(f, v::TAG_CLOSURE);
        self.b.ins().brif(is_closure, check_arity, &[], slow, &[]);
        self.b.switch_to_block(check_arity);
        let arity = self.b.ins().load(I64, immutable(), f, v::CLOSURE_ARITY);
        let arity_ok = self.b.ins().icmp_imm_s(IntCC::Equal, arity, n as i64);
        self.b.ins().brif(arity_ok, fast, &[], slow, &[]);
        let mut all = vec![f];
        all.extend_from_slice(args);
        let slowcall = self.sh.slowcall(n);
        let slow_ref = self.func_ref(slowcall);
        if tail {
            self.b.switch_to_block(fast);
            let code = self.b.ins().load(I64, immutable(), f, v::CLOSURE_CODE);
            self.tail_call_code(code, f, args);
            self.b.switch_to_block(slow);
            self.b.ins().return_call(slow_ref, &all);
            None
        } else {
            self.budget = 0;
            let join = self.b.create_block();
            let result = self.b.append_block_param(join, I64);
            self.b.switch_to_block(fast);
            let code = self.b.ins().load(I64, immutable(), f, v::CLOSURE_CODE);
            let sig = lambda_signature(self.sh.module, n);
            let sig = self.b.import_signature(sig);
            let call = self.b.ins().call_indirect(sig, code, &all);
            let r = self.b.inst_results(call)[0];
            self.b.ins().jump(join, &[BlockArg::Value(r)]);
            self.b.switch_to_block(slow);
            let call = self.b.ins().call(slow_ref, &all);
            let r = self.b.inst_results(call)[0];
            self.b.ins().jump(join, &[BlockArg::Value(r)]);
            self.b.switch_to_block(join);
            self.b.declare_value_needs_stack_map(result);
            Some(result)
        }
    }

    fn let_bindings(&mut self, bindings: &[(VarId, Expr)]) {
        let vals = bindings
            .iter()
            .map(|(_, init)| self.value(init))
            .collect::<Vec<_>>();
        for ((var, init), val) in bindings.iter().zip(vals) {
            self.bind(*var, val);
            if let Some(bound) = self.facts.bound_of(init) {
                self.facts.add(*var, bound);
            }
        }
    }

    /// Runs `compile` with `facts` added, then drops them: the facts of one
    /// arm of an `if`.
    fn with_facts<T>(
        &mut self,
        facts: Vec<(VarId, i64)>,
        compile: impl FnOnce(&mut Self) -> T,
    ) -> T {
        if facts.is_empty() {
            return compile(self);
        }
        let outer = self.facts.clone();
        for (var, bound) in facts {
            self.facts.add(var, bound);
        }
        let x = compile(self);
        self.facts = outer;
        x
    }

    /// The header and arity word of a record of lambda `id` with `nfree`
    /// free-variable slots.
    fn closure_header(&mut self, id: usize, nfree: usize) -> (u64, i64) {
        let (required, rest) = self.sh.program.lambda_arity[id];
        let arity = if rest {
            -(required as i64) - 1
        } else {
            required as i64
        };
        let named_id = (id + self.sh.program.link.lambda_id_base()) as u64;
        (v::closure_header(nfree as u64, named_id), arity)
    }

    /// Allocates a closure record with code pointer and arity (none for a
    /// `record_without_code` lambda); `fill_closure` stores the free variables.
    fn alloc_closure(&mut self, id: usize, nfree: usize) -> Value {
        if self.sh.program.functions[id].record_without_code {
            let named_id = (id + self.sh.program.link.lambda_id_base()) as u64;
            let header = v::env_header(nfree as u64, named_id);
            return self.alloc(1 + nfree, header, v::TAG_CLOSURE);
        }
        let (header, arity) = self.closure_header(id, nfree);
        let clo = self.alloc(3 + nfree, header, v::TAG_CLOSURE);
        let code_ref = self.func_ref(self.sh.lambda_funcs[id]);
        let code = self.b.ins().func_addr(I64, code_ref);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), code, clo, v::CLOSURE_CODE);
        let arity = self.b.ins().iconst(I64, arity);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), arity, clo, v::CLOSURE_ARITY);
        clo
    }

    /// Stores the free-variable values. `barrier`: the record may have been
    /// promoted since it was allocated (a later member of a `Closures` group
    /// allocated after it), so stores need the write barrier.
    fn fill_closure(&mut self, clo: Value, c: &ClosureAlloc, barrier: bool) {
        for (i, fe) in c.free.iter().enumerate() {
            let x = self.value(fe);
            let offset = self.free_slot(c.lambda_id(), i);
            self.b.ins().store(MemFlagsData::trusted(), x, clo, offset);
            if barrier {
                self.write_barrier(clo, x, clo, offset);
            }
        }
    }

    /// Offset (from the tagged record) of free-variable slot `i` of lambda
    /// `id`'s record.
    fn free_slot(&self, id: usize, i: usize) -> i32 {
        let first = if self.sh.program.functions[id].record_without_code {
            v::ENV_FREE0
        } else {
            v::CLOSURE_FREE0
        };
        first + 8 * i as i32
    }

    /// Offset of free-variable slot `i` of the record of the lambda being
    /// compiled.
    fn own_free_slot(&self, i: usize) -> i32 {
        let id = self
            .lambda
            .expect("free variables are read inside a lambda");
        self.free_slot(id, i)
    }

    fn closures(&mut self, bindings: &[(VarId, ClosureAlloc)]) {
        // The variable of a lambda without a record is never read; a record
        // without free variables is static.
        for (var, c) in bindings {
            if c.is_static() {
                let clo = self.static_closure(c.lambda_id());
                self.bind(*var, clo);
            }
        }
        let allocating: Vec<&(VarId, ClosureAlloc)> =
            bindings.iter().filter(|(_, c)| c.allocates()).collect();
        let mut made = Vec::new();
        for &(var, c) in &allocating {
            let clo = self.alloc_closure(c.lambda_id(), c.free.len());
            let placeholder = self.iconst(v::FALSE);
            for i in 0..c.free.len() {
                let offset = self.free_slot(c.lambda_id(), i);
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), placeholder, clo, offset);
            }
            self.bind(*var, clo);
            made.push(clo);
        }
        // Lambdas sharing a record: bound before any record is filled, as
        // the other members may hold them.
        for (var, c) in bindings {
            if let Some((owner, _)) = c.shares_record_of {
                let i = allocating
                    .iter()
                    .position(|(v, _)| *v == owner)
                    .expect("the shared record is allocated in the same group");
                self.bind(*var, made[i]);
            }
        }
        let bindings = allocating;
        let barrier = bindings.len() > 1;
        for (&(_, c), clo) in bindings.iter().zip(made) {
            self.fill_closure(clo, c, barrier);
        }
    }

    fn global_addr(&mut self) -> Value {
        self.data_addr(self.sh.globals_data)
    }

    fn symbol_constant(&mut self, name: &str) -> Value {
        let d = Datum::new(DatumKind::Symbol(name.to_string()), Default::default());
        self.constant_value(&d)
    }

    fn constant_value(&mut self, d: &Datum) -> Value {
        if let Some(imm) = immediate(d) {
            return self.b.ins().iconst(I64, imm);
        }
        let i = self.sh.constant(d);
        self.constant_load(i)
    }

    /// The one record of lambda `id`, which has no free variables: built
    /// once at start-up (`Shared::static_closure`). `(eq? (f) (f))` may hold
    /// for `(define (f) (lambda () 1))`, as R7RS allows.
    fn static_closure(&mut self, id: usize) -> Value {
        let i = self.sh.static_closure(id);
        self.constant_load(i)
    }

    /// Entry `i` of `closc_constants`.
    fn constant_load(&mut self, i: usize) -> Value {
        let base = self.data_addr(self.sh.constants_data);
        let x = self.b.ins().load(I64, immutable(), base, (i * 8) as i32);
        self.b.declare_value_needs_stack_map(x);
        x
    }

    /// Compiles `e` for its value; the current block stays open.
    fn value(&mut self, e: &Expr) -> Value {
        let outer = self.enter_source(e);
        let x = self.value_here(e);
        self.b.set_srcloc(outer);
        x
    }

    fn value_here(&mut self, e: &Expr) -> Value {
        match e {
            Expr::Const(d) => self.constant_value(d),
            Expr::Void => self.iconst(v::VOID),
            Expr::Local(var) => {
                let x = self.vars[var];
                self.b.use_var(x)
            }
            Expr::FreeRef(i, var) => {
                // A variable kept in the record changes: its loads may not be
                // merged or moved across the stores of `SetFree`.
                let flags = if self.sh.program.in_record.contains(var) {
                    MemFlagsData::trusted()
                } else {
                    immutable()
                };
                let offset = self.own_free_slot(*i);
                let x = self.b.ins().load(I64, flags, self.clo, offset);
                self.b.declare_value_needs_stack_map(x);
                x
            }
            Expr::Global(g, _) => {
                let base = self.global_addr();
                let x = self
                    .b
                    .ins()
                    .load(I64, MemFlagsData::trusted(), base, (*g * 8) as i32);
                self.b.declare_value_needs_stack_map(x);
                if self.sh.program.globals[*g].bound_before_code
                    || self.assigned_by_earlier_forms.contains(g)
                {
                    return x;
                }
                let ok = self.b.create_block();
                let unbound = self.b.create_block();
                self.b.set_cold_block(unbound);
                let is_unbound = self.b.ins().icmp_imm_s(IntCC::Equal, x, v::UNBOUND as i64);
                self.b.ins().brif(is_unbound, unbound, &[], ok, &[]);
                self.b.switch_to_block(unbound);
                let name = self.sh.program.globals[*g].name.clone();
                let sym = self.symbol_constant(&name);
                let f = self.sh.rt.unbound_variable;
                self.call_rt_noreturn(f, &[sym]);
                self.b.switch_to_block(ok);
                x
            }
            Expr::SetLocal(var, x) => {
                let val = self.value(x);
                self.bind(*var, val);
                self.iconst(v::VOID)
            }
            Expr::SetGlobal(g, x) => {
                let val = self.value(x);
                let base = self.global_addr();
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), val, base, (*g * 8) as i32);
                self.iconst(v::VOID)
            }
            Expr::If(c, t, f) => {
                let (then_block, else_block, join) = (
                    self.b.create_block(),
                    self.b.create_block(),
                    self.b.create_block(),
                );
                let result = self.b.append_block_param(join, I64);
                self.branch_on(c, then_block, else_block);
                let [then_facts, else_facts] = self.facts.after_test(c);
                self.b.switch_to_block(then_block);
                let budget = self.budget;
                let tv = self.with_facts(then_facts, |fx| fx.value(t));
                let then_budget = std::mem::replace(&mut self.budget, budget);
                self.b.ins().jump(join, &[BlockArg::Value(tv)]);
                self.b.switch_to_block(else_block);
                let fv = self.with_facts(else_facts, |fx| fx.value(f));
                self.budget = self.budget.min(then_budget);
                self.b.ins().jump(join, &[BlockArg::Value(fv)]);
                self.b.switch_to_block(join);
                self.b.declare_value_needs_stack_map(result);
                result
            }
            Expr::Call(f, args, _) => {
                // Operands first, operator last: the operator is usually a
                // variable, and this keeps it out of registers across operand calls.
                let args = self.values(args);
                let f = self.value(f);
                self.unknown_call(f, &args, false)
                    .expect("non-tail calls return a value")
            }
            Expr::CallDirect(id, f, args, _) => {
                let args = self.values(args);
                let f = self.callee_closure(*id, f, &args);
                let args = self.direct_args(*id, f, args);
                let r = self.func_ref(self.sh.lambda_funcs[*id]);
                self.budget = 0;
                let call = self.b.ins().call(r, &args);
                let x = self.b.inst_results(call)[0];
                self.b.declare_value_needs_stack_map(x);
                x
            }
            Expr::Prim(p, args, _) => self.prim(*p, args),
            Expr::Seq(es) => {
                let mut last = None;
                for x in es {
                    last = Some(self.value(x));
                }
                last.unwrap_or_else(|| self.iconst(v::VOID))
            }
            Expr::Let(bindings, body) => {
                self.let_bindings(bindings);
                self.value(body)
            }
            Expr::Inlined(site, body) => {
                let outer = self.inline_site.replace(*site);
                let x = self.value(body);
                self.inline_site = outer;
                x
            }
            Expr::Closure(c) if !c.allocates() => self.static_closure(c.lambda_id()),
            Expr::Closure(c) => {
                let clo = self.alloc_closure(c.lambda_id(), c.free.len());
                self.fill_closure(clo, c, false);
                clo
            }
            Expr::Closures(bindings, body) => {
                self.closures(bindings);
                self.value(body)
            }
            Expr::Lambda(_) | Expr::Fix(..) => unreachable!("codegen runs after convert_closures"),
        }
    }

    fn prim(&mut self, p: Prim, args: &[Expr]) -> Value {
        match p {
            Prim::Builtin(b) => {
                if let Some(x) = self.inline_builtin(b, args) {
                    return x;
                }
                let vals = self.values(args);
                self.call_builtin(b, &vals)
            }
            Prim::BuiltinArityError(b) => {
                self.values(args);
                let builtin = &BUILTINS[b];
                let (lo, hi) = match builtin.arity {
                    closcrt::builtins::table::Arity::Exactly(n) => (n as u64, n as u64),
                    closcrt::builtins::table::Arity::Between(lo, hi) => (lo as u64, hi as u64),
                    closcrt::builtins::table::Arity::AtLeast(lo) => (lo as u64, u64::MAX),
                };
                let name = self.symbol_constant(builtin.name);
                let lo = self.iconst(lo);
                let hi = self.iconst(hi);
                let got = self.iconst(args.len() as u64);
                let f = self.sh.rt.builtin_arity_error;
                self.call_rt(f, &[name, lo, hi, got])
            }
            Prim::ApplyBuiltin(b) => {
                let list = self.value(&args[0]);
                let index = self.iconst(b as u64);
                let f = self.sh.rt.apply_builtin;
                let x = self.call_rt(f, &[index, list]);
                self.b.declare_value_needs_stack_map(x);
                x
            }
            Prim::Apply => {
                let vals = self.values(args);
                let apply = self.sh.apply();
                let r = self.func_ref(apply);
                self.budget = 0;
                let call = self.b.ins().call(r, &vals);
                let x = self.b.inst_results(call)[0];
                self.b.declare_value_needs_stack_map(x);
                x
            }
            Prim::MakeBox => {
                let x = self.value(&args[0]);
                let bx = self.alloc(2, v::header(v::HDR_BOX, 1), v::TAG_OBJECT);
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), x, bx, v::BOX_VALUE);
                bx
            }
            Prim::Unbox => {
                let bx = self.value(&args[0]);
                let x = self
                    .b
                    .ins()
                    .load(I64, MemFlagsData::trusted(), bx, v::BOX_VALUE);
                self.b.declare_value_needs_stack_map(x);
                x
            }
            Prim::SetFree(slot) => {
                let x = self.value(&args[0]);
                let offset = self.own_free_slot(slot);
                let clo = self.clo;
                self.b.ins().store(MemFlagsData::trusted(), x, clo, offset);
                self.write_barrier(clo, x, clo, offset);
                self.iconst(v::VOID)
            }
            Prim::SetBox => {
                let bx = self.value(&args[0]);
                let x = self.value(&args[1]);
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), x, bx, v::BOX_VALUE);
                self.write_barrier(bx, x, bx, v::BOX_VALUE);
                self.iconst(v::VOID)
            }
        }
    }

    /// Calls builtin `b`'s runtime entry with already evaluated arguments.
    fn call_builtin(&mut self, b: usize, vals: &[Value]) -> Value {
        let f = self.sh.builtin(b);
        let x = match BUILTINS[b].entry {
            Entry::Varargs(_) => {
                let slot = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    (vals.len().max(1) * 8) as u32,
                    3,
                ));
                for (i, &x) in vals.iter().enumerate() {
                    let addr = self.b.ins().stack_addr(I64, slot, (i * 8) as i32);
                    self.b.ins().store(MemFlagsData::trusted(), x, addr, 0);
                }
                let argv = self.b.ins().stack_addr(I64, slot, 0);
                let argc = self.iconst(vals.len() as u64);
                self.call_rt(f, &[argc, argv])
            }
            _ => self.call_rt(f, vals),
        };
        self.b.declare_value_needs_stack_map(x);
        x
    }
}
