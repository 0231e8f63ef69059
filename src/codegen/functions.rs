//! The program's own functions: `closc_code_N` for each lambda (with its
//! self-tail-call loop header, entry reservation or poll, and fixnum copy),
//! the top level split into chunks (`closc_toplevel` and its successors),
//! and `closc_entry`, the only way in from Rust.
//!
//! In: the lifted program. Out: the functions built through
//! `Shared::build_function`; the constants they use are collected on the way
//! and built by `closc_entry` at start-up.

use super::constants::Constant;
use super::lower::FnCx;
use super::runtime_abi::{c_signature, lambda_signature};
use super::shared::Shared;
use super::{reserve, I64};
use crate::ir::{Expr, Lambda, VarId};
use crate::passes::fixnum_facts;
use closcrt::abi::RtEntry;
use closcrt::memory::value as v;
use cranelift_codegen::ir::{BlockArg, InstBuilder, MemFlagsData};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{FuncId, Linkage, Module};
use std::collections::HashSet;

/// How many expression nodes of top-level forms one function compiles at most
/// (unless one form is bigger).
const TOPLEVEL_CHUNK_NODES: usize = 2000;

impl<'m, M: Module> Shared<'m, M> {
    pub(super) fn define_lambda(
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
                // Before the parameters are bound: which variables are
                // assigned decides how they are kept (`FnCx::bind`).
                fx.facts = fixnum_facts::Facts::new(fixnum_facts::assigned_vars(&f.body));
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
                let Some(versioned) = fx.sh.fixnum_versions.get(&f.id).cloned() else {
                    fx.tail(&f.body);
                    return;
                };
                // A copy of the body for fixnum arguments, where inline
                // arithmetic on them needs no tag checks, then the body as it
                // is for any other arguments.
                // A versioned variable is a parameter, or the closure
                // variable, whose value is the closure argument.
                let argument = |var: VarId| match f.params.iter().position(|&p| p == var) {
                    Some(i) => params[1 + i],
                    None => params[0],
                };
                let all = versioned
                    .iter()
                    .map(|&var| argument(var))
                    .reduce(|a, b| fx.b.ins().bor(a, b))
                    .expect("some variable is versioned");
                let low = fx.b.ins().band_imm_s(all, 1);
                let (fixnums, general) = (fx.b.create_block(), fx.b.create_block());
                fx.b.ins().brif(low, general, &[], fixnums, &[]);
                let budget = fx.budget;
                fx.b.switch_to_block(fixnums);
                for &var in &versioned {
                    fx.facts.add(var, closcrt::memory::value::FIXNUM_MIN);
                }
                fx.tail(&f.body);
                fx.facts.clear();
                fx.known_vectors.clear();
                fx.budget = budget;
                fx.b.switch_to_block(general);
                fx.tail(&f.body);
            },
        )
    }

    pub(super) fn define_toplevel(
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
                let value_of = |fx: &mut FnCx<'_, '_, M>, form: &Expr| {
                    let x = fx.value(form);
                    if let Expr::SetGlobal(g, _) = form {
                        fx.assigned_by_earlier_forms.insert(*g);
                    }
                    x
                };
                match (next, forms.split_last()) {
                    // The last form is not a tail call: its callee's errors
                    // then show the top level's frame stopped at the form.
                    (None, Some((last, before))) => {
                        before.iter().for_each(|form| {
                            value_of(fx, form);
                        });
                        let outer = fx.enter_source(last);
                        let x = fx.value_here(last);
                        fx.b.ins().return_(&[x]);
                        fx.b.set_srcloc(outer);
                    }
                    (None, None) => fx.tail(&Expr::Void),
                    (Some(next), _) => {
                        forms.iter().for_each(|form| {
                            value_of(fx, form);
                        });
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
    pub(super) fn define_entry(
        &mut self,
        ctx: &mut Context,
        fctx: &mut FunctionBuilderContext,
    ) -> Result<FuncId, String> {
        let eval_entry = self.program.link.eval_entry;
        let sig = if eval_entry {
            lambda_signature(self.module, 0)
        } else {
            c_signature(self.call_conv_c, 0)
        };
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
            // Called by Scheme code (`eval`), the heap state is in the
            // pinned register and the stack base and raise entry are the
            // running program's.
            let saved_pinned = (!eval_entry).then(|| {
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
                saved_pinned
            });
            let table = fx.data_addr(fx.sh.code_table);
            let register_code = fx.sh.rt[RtEntry::RegisterCode];
            fx.call_c(register_code, &[table]);
            let positions = fx.data_addr(fx.sh.positions_table);
            let register_positions = fx.sh.rt[RtEntry::RegisterPositions];
            fx.call_c(register_positions, &[positions]);
            let register = fx.sh.rt[RtEntry::RegisterGlobals];
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
            let set_names = fx.sh.rt[RtEntry::SetLambdaNames];
            fx.call_c(set_names, &[names_ptr, names_len]);
            if let Some(data) = super::constants::serialise_datums(&fx.sh.constants) {
                let (data_off, data_len) = fx.sh.raw_bytes(&data);
                let data_ptr = fx.string_addr(data_off);
                let data_len = fx.b.ins().iconst(I64, data_len as i64);
                let build = fx.sh.rt[RtEntry::BuildConstants];
                fx.call_rt(build, &[data_ptr, data_len, consts]);
            }
            // Static closures: building one adds no constant, but iterate by
            // index should that change.
            let mut i = 0;
            while i < fx.sh.constants.len() {
                if let Constant::Closure(id) = fx.sh.constants[i] {
                    let val = fx.alloc_closure(id, 0);
                    fx.b.ins()
                        .store(MemFlagsData::trusted(), val, consts, (i * 8) as i32);
                }
                i += 1;
            }
            let toplevel = fx.func_ref(fx.sh.toplevel);
            let nil = fx.b.ins().iconst(I64, v::NIL as i64);
            match saved_pinned {
                None => {
                    fx.b.ins().return_call(toplevel, &[nil]);
                }
                Some(saved_pinned) => {
                    let call = fx.b.ins().call(toplevel, &[nil]);
                    let result = fx.b.inst_results(call)[0];
                    fx.b.ins().set_pinned_reg(saved_pinned);
                    fx.b.ins().return_(&[result]);
                }
            }
        })?;
        Ok(id)
    }
}
