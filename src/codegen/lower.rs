//! Expression lowering: `FnCx`, the state of one function being built, and
//! the compilation of IR expressions in tail position (`tail`) and for
//! their value (`value`), including the primitives.
//!
//! In: a function's body after `lift_lambdas`, with no `Lambda` or `Fix`
//! left. Out: Cranelift IR in the function being built. The other parts of
//! lowering are `FnCx` methods in their own files: `calls.rs`,
//! `closures.rs`, `heap.rs`, `constants.rs`, `arith.rs`, `builtins.rs`.
//! Invariants: a value that may hold a heap pointer is declared to need a
//! stack map; `budget` never exceeds the nursery bytes still reserved on the
//! current path; a fixnum fact holds on every path to the code compiled
//! under it (see `passes::fixnum_facts`).

use super::case_dispatch::case_table;
use super::direct_calls::DirectCall;
use super::shared::Shared;
use super::{immutable, I64};
use crate::ir::{Expr, GlobalId, InlineSiteId, LambdaId, Prim, VarId};
use crate::passes::fixnum_facts;
use closcrt::abi::RtEntry;
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    Block, BlockArg, FuncRef, InstBuilder, MemFlagsData, SourceLoc, Value,
};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_module::{DataId, FuncId, Module};
use std::collections::{HashMap, HashSet};

/// Where a local variable's value is.
///
/// A local is a Cranelift `Variable`: its SSA construction makes a value per
/// block where needed, so a value the collector must see is spilled only on
/// the paths where a safepoint follows (a value declared as needing a stack
/// map is spilled at its definition and reloaded at every use). But that
/// construction keeps a table per variable over the function's blocks: a
/// function of N nested `let`s cost O(N^2) memory (a 20,000-binding `let*`
/// needed 4 GB to compile). So past `MAX_VARIABLES` variables in one
/// function, a variable never assigned (whose binding dominates every use,
/// as the lowering follows the lexical structure) is the SSA value it was
/// bound to.
#[derive(Clone, Copy)]
pub(super) enum Local {
    Variable(Variable),
    Value(Value),
}

/// Cranelift variables per function before never-assigned locals are bound
/// as plain values (`Local`).
const MAX_VARIABLES: usize = 512;

/// Compiles one function body.
pub(super) struct FnCx<'a, 'm, M: Module> {
    pub(super) sh: &'a mut Shared<'m, M>,
    pub(super) b: FunctionBuilder<'a>,
    pub(super) vars: HashMap<VarId, Local>,
    /// Cranelift variables declared so far (`Local`).
    pub(super) variables: usize,
    pub(super) func_refs: HashMap<FuncId, FuncRef>,
    /// The closure record this code was called with.
    pub(super) clo: Value,
    /// Nursery bytes reserved at entry and not yet used on the current path;
    /// 0 after any call that may collect (see `reserve.rs`).
    pub(super) budget: usize,
    /// Placeholders for direct calls, made calls after `finalize`.
    pub(super) direct_calls: Vec<DirectCall>,
    /// The lambda being compiled and its loop header, which its self tail
    /// calls jump to.
    pub(super) self_loop: Option<(LambdaId, Block)>,
    /// The lambda being compiled (`None` for helpers and the top level).
    pub(super) lambda: Option<LambdaId>,
    /// The inline site whose copied code is being compiled, if any.
    pub(super) inline_site: Option<InlineSiteId>,
    /// Variables known to hold fixnums here (see `fixnum_facts`).
    pub(super) facts: fixnum_facts::Facts,
    /// Operands known to be vectors here (see `vectors.rs`).
    pub(super) known_vectors: super::vectors::KnownVectors,
    /// Globals that earlier top-level forms assigned (top-level code only;
    /// see `define_toplevel`): reading one needs no unbound check.
    pub(super) assigned_by_earlier_forms: HashSet<GlobalId>,
}

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    pub(super) fn new(
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
            variables: 0,
            func_refs: HashMap::new(),
            clo,
            budget: 0,
            direct_calls: Vec::new(),
            self_loop: None,
            lambda: None,
            inline_site: None,
            facts: fixnum_facts::Facts::default(),
            known_vectors: Default::default(),
            assigned_by_earlier_forms: HashSet::new(),
        }
    }

    pub(super) fn func_ref(&mut self, id: FuncId) -> FuncRef {
        if let Some(&r) = self.func_refs.get(&id) {
            return r;
        }
        let r = self.sh.module.declare_func_in_func(id, self.b.func);
        self.func_refs.insert(id, r);
        r
    }

    pub(super) fn data_addr(&mut self, id: DataId) -> Value {
        let gv = self.sh.module.declare_data_in_func(id, self.b.func);
        self.b.ins().symbol_value(I64, gv)
    }

    pub(super) fn string_addr(&mut self, offset: usize) -> Value {
        let base = self.data_addr(self.sh.string_data);
        self.b.ins().iadd_imm_s(base, offset as i64)
    }

    /// Binds (or, for an assigned variable, sets) `var` to `val` from here on.
    pub(super) fn bind(&mut self, var: VarId, val: Value) {
        let x = match self.vars.get(&var) {
            Some(&Local::Variable(x)) => x,
            _ if self.variables >= MAX_VARIABLES && self.facts.never_assigned(var) => {
                self.b.declare_value_needs_stack_map(val);
                self.vars.insert(var, Local::Value(val));
                return;
            }
            _ => {
                let x = self.b.declare_var(I64);
                self.b.declare_var_needs_stack_map(x);
                self.vars.insert(var, Local::Variable(x));
                self.variables += 1;
                x
            }
        };
        self.b.def_var(x, val);
    }

    pub(super) fn iconst(&mut self, x: u64) -> Value {
        self.b.ins().iconst(I64, x as i64)
    }

    pub(super) fn has_tag(&mut self, x: Value, tag: u64) -> Value {
        let t = self.b.ins().band_imm_s(x, v::TAG_MASK as i64);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, tag as i64)
    }

    pub(super) fn bool_value(&mut self, cond: Value) -> Value {
        let t = self.iconst(v::TRUE);
        let f = self.iconst(v::FALSE);
        self.b.ins().select(cond, t, f)
    }

    pub(super) fn heap_state(&mut self) -> Value {
        self.b.ins().get_pinned_reg(I64)
    }

    /// Compiles `e` in tail position: the current block is terminated.
    pub(super) fn tail(&mut self, e: &Expr) {
        let outer = self.enter_source(e);
        self.tail_here(e);
        self.b.set_srcloc(outer);
    }

    /// Makes the instructions emitted next carry `e`'s source position (if it
    /// has one); returns the position to restore afterwards.
    pub(super) fn enter_source(&mut self, e: &Expr) -> SourceLoc {
        let outer = self.b.srcloc();
        if let Some(span) = e.source_span().filter(|s| !s.is_synthetic()) {
            let loc = self.sh.source_loc(span.lo, self.inline_site);
            self.b.set_srcloc(loc);
        }
        outer
    }

    pub(super) fn tail_here(&mut self, e: &Expr) {
        match e {
            Expr::If(c, t, f) => {
                if let Some(table) = case_table(e) {
                    self.case_dispatch(&table, true);
                    return;
                }
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
            Expr::Prim(Prim::Apply, args, _) => self.tail_apply(args),
            _ => {
                let x = self.value(e);
                self.b.ins().return_(&[x]);
            }
        }
    }

    pub(super) fn values(&mut self, es: &[Expr]) -> Vec<Value> {
        es.iter().map(|e| self.value(e)).collect()
    }

    pub(super) fn let_bindings(&mut self, bindings: &[(VarId, Expr)]) {
        let vals = bindings
            .iter()
            .map(|(_, init)| self.value(init))
            .collect::<Vec<_>>();
        for ((var, init), val) in bindings.iter().zip(vals) {
            self.bind(*var, val);
            self.note_vector_alias(*var, init);
            if let Some(bound) = self.facts.bound_of(init) {
                self.facts.add(*var, bound);
            }
        }
    }

    /// Runs `compile` with `facts` added, then drops them, and the vectors
    /// it found: the facts of one arm of an `if`.
    pub(super) fn with_facts<T>(
        &mut self,
        facts: Vec<(VarId, i64)>,
        compile: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let vectors = self.known_vectors.mark();
        if facts.is_empty() {
            let x = compile(self);
            self.known_vectors.restore(vectors);
            return x;
        }
        let outer = self.facts.clone();
        for (var, bound) in facts {
            self.facts.add(var, bound);
        }
        let x = compile(self);
        self.facts = outer;
        self.known_vectors.restore(vectors);
        x
    }

    pub(super) fn global_addr(&mut self) -> Value {
        self.data_addr(self.sh.globals_data)
    }

    /// Compiles `e` for its value; the current block stays open.
    pub(super) fn value(&mut self, e: &Expr) -> Value {
        let outer = self.enter_source(e);
        let x = self.value_here(e);
        self.b.set_srcloc(outer);
        x
    }

    pub(super) fn value_here(&mut self, e: &Expr) -> Value {
        match e {
            Expr::Const(d) => self.constant_value(d),
            Expr::Void => self.iconst(v::VOID),
            Expr::Local(var) => match self.vars[var] {
                Local::Value(x) => x,
                Local::Variable(x) => self.b.use_var(x),
            },
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
                let x =
                    self.b
                        .ins()
                        .load(I64, MemFlagsData::trusted(), base, (g.index() * 8) as i32);
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
                let name = &self.sh.program.globals[*g].name;
                let name = crate::expand::as_written(crate::ast::shown_name(name)).to_string();
                let sym = self.symbol_constant(&name);
                let f = self.sh.rt[RtEntry::UnboundVariable];
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
                    .store(MemFlagsData::trusted(), val, base, (g.index() * 8) as i32);
                self.iconst(v::VOID)
            }
            Expr::If(c, t, f) => {
                if let Some(table) = case_table(e) {
                    return self
                        .case_dispatch(&table, false)
                        .expect("not in tail position");
                }
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
            Expr::Lambda(_) | Expr::Fix(..) => unreachable!("ir::Level::Lifted rules out lambdas"),
        }
    }

    pub(super) fn prim(&mut self, p: Prim, args: &[Expr]) -> Value {
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
                let builtin = b.builtin();
                let (lo, hi) = builtin.arity.bounds();
                let name = self.symbol_constant(builtin.name);
                let lo = self.iconst(lo);
                let hi = self.iconst(hi);
                let got = self.iconst(args.len() as u64);
                let f = self.sh.rt[RtEntry::BuiltinArityError];
                self.call_rt(f, &[name, lo, hi, got])
            }
            Prim::ApplyBuiltin(b) => {
                let list = self.value(&args[0]);
                let index = self.iconst(b.index() as u64);
                let f = self.sh.rt[RtEntry::ApplyBuiltin];
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
                let bx = self.alloc(2, Some(v::header(v::HDR_BOX, 1)), v::TAG_OBJECT);
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
            Prim::ForeignCall(sig) => self.foreign_call(sig, args),
            Prim::ForeignSymbol => self.foreign_symbol(&args[0]),
            Prim::ForeignCallback(sig) => {
                let proc = self.value(&args[0]);
                self.foreign_callback(sig, proc)
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
}
