//! The records of a big `Closures` group (more than `SMALL_GROUP` records),
//! made in code whose size and register pressure are linear in the group.
//!
//! In: the group's allocating members. Out: every record allocated, headed,
//! filled, remembered if old, and each member's variable bound to its record.
//!
//! Two phases. First the records' memory is allocated, a chunk of up to
//! `GROUP_CHUNK_BYTES` at a time, each chunk one object the collector copies
//! whole (a bytevector header: no pointers inside yet, nothing to
//! initialise), so a collection while a later chunk is allocated keeps a
//! chunk's records contiguous: only the chunks' values are live across the
//! allocations. Then, with nothing left that can collect, each chunk is
//! split into records (headers, code pointers, arity words) and their slots
//! are filled; a record, wherever it is stored or read, is its chunk plus a
//! constant offset, computed where it is used, so no record's value stays
//! live across the group (keeping all N live made the one function that
//! makes a 10^4-member group take seconds in the register allocator).
//!
//! Invariant: nothing between the first chunk's allocation and the end of
//! the filling may collect: the free-variable values of a record are locals
//! or slots of the enclosing closure (`convert_closures`), read without a
//! call. A chunk that a later chunk's allocation promoted is old: its
//! records are remembered (one runtime call per such chunk) so that the
//! next minor collection sees what they now point at.

use super::lower::FnCx;
use super::I64;
use crate::ir::{ClosureAlloc, Expr, VarId};
use closcrt::abi::RtEntry;
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Value};
use cranelift_module::Module;
use std::collections::HashMap;

/// Groups of up to this many allocating records allocate each on its own
/// (`closures.rs`).
pub(super) const SMALL_GROUP: usize = 16;

/// The most bytes one chunk of a big group's records takes: well below the
/// collector's large-object size (256 KiB), so a chunk is never a large
/// object, and no bigger than the smallest nursery (64 KiB), which an empty
/// nursery always holds.
const GROUP_CHUNK_BYTES: usize = 64 << 10;

/// Where a member's record lies: its chunk and its byte offset there.
#[derive(Clone, Copy)]
struct Place {
    chunk: usize,
    offset: usize,
}

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    /// Makes the records of `group` (the allocating members of `bindings`)
    /// and binds every member's variable, those sharing a record included.
    pub(super) fn big_closure_group(
        &mut self,
        bindings: &[(VarId, ClosureAlloc)],
        group: &[&(VarId, ClosureAlloc)],
    ) {
        // The layout: records in order, a new chunk when one is full.
        let mut places = Vec::with_capacity(group.len());
        let mut headers = Vec::with_capacity(group.len());
        let mut chunk_words: Vec<usize> = Vec::new();
        for (_, c) in group {
            let (words, header) = self.record_layout(c.lambda_id(), c.free.len());
            let chunk = chunk_words.len().wrapping_sub(1);
            match chunk_words.last_mut() {
                Some(used) if (*used + words) * 8 <= GROUP_CHUNK_BYTES => {
                    places.push(Place {
                        chunk,
                        offset: *used * 8,
                    });
                    *used += words;
                }
                _ => {
                    places.push(Place {
                        chunk: chunk_words.len(),
                        offset: 0,
                    });
                    chunk_words.push(words);
                }
            }
            headers.push(header);
        }
        let mut place_of: HashMap<VarId, Place> = group
            .iter()
            .zip(&places)
            .map(|((var, _), &p)| (*var, p))
            .collect();
        for (var, c) in bindings {
            if let Some((owner, _)) = c.shares_record_of {
                let p = place_of[&owner];
                place_of.insert(*var, p);
            }
        }

        // Phase 1: the chunks, as objects without pointers.
        let chunks: Vec<Value> = chunk_words
            .iter()
            .map(|&words| {
                // Every record has at least a header and two more words.
                let chunk = self.alloc(
                    words,
                    Some(v::header(v::HDR_BYTEVECTOR, words as u64 - 1)),
                    v::TAG_OBJECT,
                );
                let len = self.iconst((words as u64 - 2) * 8);
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), len, chunk, v::BYTEVECTOR_LEN);
                chunk
            })
            .collect();

        // Phase 2: records and their slots; nothing here may collect. The
        // chunks are read through copies the frontend does not track for
        // stack maps: a tracked value would be reloaded from its stack slot
        // at every use after the last collection point, all through one
        // stack address live across the group.
        let chunks: Vec<Value> = chunks
            .iter()
            .map(|&chunk| self.b.ins().iadd_imm_s(chunk, 0))
            .collect();
        for (k, ((_, c), &place)) in group.iter().zip(&places).enumerate() {
            let clo = self.record_at(&chunks, place);
            let h = self.iconst(headers[k]);
            self.b
                .ins()
                .store(MemFlagsData::trusted(), h, clo, v::CLOSURE_HEADER);
            self.init_code_and_arity(c.lambda_id(), clo);
            for (i, fe) in c.free.iter().enumerate() {
                let x = match fe {
                    Expr::Local(var) if place_of.contains_key(var) => {
                        self.record_at(&chunks, place_of[var])
                    }
                    _ => self.value(fe),
                };
                let offset = self.free_slot(c.lambda_id(), i);
                self.b.ins().store(MemFlagsData::trusted(), x, clo, offset);
            }
        }
        self.remember_old_chunks(&chunks, &places);

        for (var, c) in bindings {
            if c.allocates() || c.shares_record_of.is_some() {
                let clo = self.record_at(&chunks, place_of[var]);
                self.bind(*var, clo);
            }
        }
    }

    /// The record at `place`: its chunk's value plus a constant.
    fn record_at(&mut self, chunks: &[Value], place: Place) -> Value {
        let delta = place.offset as i64 + v::TAG_CLOSURE as i64 - v::TAG_OBJECT as i64;
        self.b.ins().iadd_imm_s(chunks[place.chunk], delta)
    }

    /// The write barrier for the chunks a later chunk's allocation promoted
    /// (the last chunk is always young): each record of an old chunk is
    /// remembered, in one `closc_rt_remember_all` per chunk, on a cold path.
    fn remember_old_chunks(&mut self, chunks: &[Value], places: &[Place]) {
        let Some((_, earlier)) = chunks.split_last() else {
            return;
        };
        if earlier.is_empty() {
            return;
        }
        let mut members: Vec<Vec<Place>> = vec![Vec::new(); earlier.len()];
        for &p in places.iter().filter(|p| p.chunk < earlier.len()) {
            members[p.chunk].push(p);
        }
        let most = members.iter().map(Vec::len).max().unwrap_or(0);
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            (most * 8) as u32,
            3,
        ));
        let state = self.heap_state();
        let (start, size) = self.nursery_bounds(state);
        for (c, &chunk) in earlier.iter().enumerate() {
            let off = self.b.ins().isub(chunk, start);
            let old = self
                .b
                .ins()
                .icmp(IntCC::UnsignedGreaterThanOrEqual, off, size);
            let remember = self.b.create_block();
            let done = self.b.create_block();
            self.b.set_cold_block(remember);
            self.b.ins().brif(old, remember, &[], done, &[]);
            self.b.switch_to_block(remember);
            for (n, &place) in members[c].iter().enumerate() {
                let clo = self.record_at(chunks, place);
                let addr = self.b.ins().stack_addr(I64, slot, (n * 8) as i32);
                self.b.ins().store(MemFlagsData::trusted(), clo, addr, 0);
            }
            let ptr = self.b.ins().stack_addr(I64, slot, 0);
            let count = self.iconst(members[c].len() as u64);
            let remember_all = self.sh.rt[RtEntry::RememberAll];
            self.call_c(remember_all, &[ptr, count]);
            self.b.ins().jump(done, &[]);
            self.b.switch_to_block(done);
        }
    }
}
