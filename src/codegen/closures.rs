//! Closure records: allocating them (header, code pointer, arity word),
//! filling their free-variable slots, and the groups of mutually
//! referring closures of a `Closures` form.
//!
//! Invariant: a record whose lambda is `record_without_code` has no code
//! pointer or arity word, so its free variables start at `ENV_FREE0`;
//! every other record's start at `CLOSURE_FREE0`.

use super::closure_groups::SMALL_GROUP;
use super::lower::FnCx;
use super::I64;
use crate::ir::{ClosureAlloc, LambdaId, VarId};
use closcrt::memory::value as v;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};
use cranelift_module::Module;
use std::collections::HashMap;

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    /// The header and arity word of a record of lambda `id` with `nfree`
    /// free-variable slots.
    pub(super) fn closure_header(&mut self, id: LambdaId, nfree: usize) -> (u64, i64) {
        let (required, rest) = self.sh.program.lambda_arity[id];
        let arity = if rest {
            -(required as i64) - 1
        } else {
            required as i64
        };
        let named_id = (id.index() + self.sh.program.link.lambda_id_base()) as u64;
        (v::closure_header(nfree as u64, named_id), arity)
    }

    /// Allocates a closure record with code pointer and arity (none for a
    /// `record_without_code` lambda); `fill_closure` stores the free variables.
    pub(super) fn alloc_closure(&mut self, id: LambdaId, nfree: usize) -> Value {
        let (words, header) = self.record_layout(id, nfree);
        let clo = self.alloc(words, Some(header), v::TAG_CLOSURE);
        self.init_code_and_arity(id, clo);
        clo
    }

    /// The size in words and the header of a record of lambda `id` with
    /// `nfree` free-variable slots.
    pub(super) fn record_layout(&mut self, id: LambdaId, nfree: usize) -> (usize, u64) {
        if self.sh.program.functions[id].record_without_code {
            let named_id = (id.index() + self.sh.program.link.lambda_id_base()) as u64;
            return (1 + nfree, v::env_header(nfree as u64, named_id));
        }
        (3 + nfree, self.closure_header(id, nfree).0)
    }

    /// Stores the code pointer and arity word of record `clo` of lambda `id`
    /// (nothing for a `record_without_code` lambda).
    pub(super) fn init_code_and_arity(&mut self, id: LambdaId, clo: Value) {
        if self.sh.program.functions[id].record_without_code {
            return;
        }
        let (_, arity) = self.closure_header(id, 0);
        let code_ref = self.func_ref(self.sh.lambda_funcs[id]);
        let code = self.b.ins().func_addr(I64, code_ref);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), code, clo, v::CLOSURE_CODE);
        let arity = self.b.ins().iconst(I64, arity);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), arity, clo, v::CLOSURE_ARITY);
    }

    /// `(%case-lambda clause ...)`: a closure-shaped record of the clauses
    /// (`CASE_LAMBDA_ARITY` in the runtime's `value.rs`), named by the first
    /// clause's lambda id, read from its header.
    pub(super) fn case_lambda(&mut self, clauses: &[Value]) -> Value {
        let n = clauses.len();
        let header = match clauses.first() {
            Some(&first) => {
                let first =
                    self.b
                        .ins()
                        .load(I64, MemFlagsData::trusted(), first, v::CLOSURE_HEADER);
                let lambda_id = self
                    .b
                    .ins()
                    .band_imm_s(first, (u64::MAX << v::HEADER_LAMBDA_ID_SHIFT) as i64);
                self.b
                    .ins()
                    .bor_imm_s(lambda_id, v::closure_header(n as u64, 0) as i64)
            }
            None => self.iconst(v::closure_header(0, 0)),
        };
        let clo = self.alloc(3 + n, None, v::TAG_CLOSURE);
        let stores = [
            (header, v::CLOSURE_HEADER),
            (self.iconst(0), v::CLOSURE_CODE),
            (self.iconst(v::CASE_LAMBDA_ARITY as u64), v::CLOSURE_ARITY),
        ];
        let clause_slots = clauses
            .iter()
            .enumerate()
            .map(|(i, &c)| (c, v::CLOSURE_FREE0 + 8 * i as i32));
        for (x, offset) in stores.into_iter().chain(clause_slots) {
            self.b.ins().store(MemFlagsData::trusted(), x, clo, offset);
        }
        clo
    }

    /// Stores the free-variable values. `barrier`: the record may have been
    /// promoted since it was allocated (a later member of a `Closures` group
    /// allocated after it), so stores need the write barrier.
    pub(super) fn fill_closure(&mut self, clo: Value, c: &ClosureAlloc, barrier: bool) {
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
    pub(super) fn free_slot(&self, id: LambdaId, i: usize) -> i32 {
        let first = if self.sh.program.functions[id].record_without_code {
            v::ENV_FREE0
        } else {
            v::CLOSURE_FREE0
        };
        first + 8 * i as i32
    }

    /// Offset of free-variable slot `i` of the record of the lambda being
    /// compiled.
    pub(super) fn own_free_slot(&self, i: usize) -> i32 {
        let id = self
            .lambda
            .expect("free variables are read inside a lambda");
        self.free_slot(id, i)
    }

    pub(super) fn closures(&mut self, bindings: &[(VarId, ClosureAlloc)]) {
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
        if allocating.len() > SMALL_GROUP {
            self.big_closure_group(bindings, &allocating);
            return;
        }
        let mut made = Vec::new();
        for (_, c) in &allocating {
            let clo = self.alloc_closure(c.lambda_id(), c.free.len());
            self.store_placeholders(clo, c);
            made.push(clo);
        }
        for (&(var, _), &clo) in allocating.iter().zip(&made) {
            self.bind(*var, clo);
        }
        let position: HashMap<VarId, usize> = allocating
            .iter()
            .enumerate()
            .map(|(i, (v, _))| (*v, i))
            .collect();
        // Lambdas sharing a record: bound before any record is filled, as
        // the other members may hold them.
        for (var, c) in bindings {
            if let Some((owner, _)) = c.shares_record_of {
                let i = *position
                    .get(&owner)
                    .expect("the shared record is allocated in the same group");
                self.bind(*var, made[i]);
            }
        }
        // A record may have been promoted by the allocation of a later one.
        let barrier = allocating.len() > 1;
        for (&(_, c), clo) in allocating.iter().zip(made) {
            self.fill_closure(clo, c, barrier);
        }
    }

    /// Fills the free-variable slots of new record `clo` with `#f`, so that
    /// a collection before `fill_closure` finds valid values there.
    fn store_placeholders(&mut self, clo: Value, c: &ClosureAlloc) {
        let placeholder = self.iconst(v::FALSE);
        for i in 0..c.free.len() {
            let offset = self.free_slot(c.lambda_id(), i);
            self.b
                .ins()
                .store(MemFlagsData::trusted(), placeholder, clo, offset);
        }
    }
}
