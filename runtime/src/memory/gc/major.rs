//! The old generation's side of a major collection: chunks are marked in
//! place, and only sparse ones are evacuated, so a major collection needs
//! no copy reserve the size of the old generation.
//!
//! **Mark.** At the start of a major collection the old chunks become the
//! *marking set* (`Gc::marking`, sorted by start), each with a side bitmap
//! (a bit per word, set at an object's first word) and a count of its live
//! bytes. The trace (the usual roots and worklist) copies young objects
//! into fresh chunks, as any collection promotes them, and marks old ones
//! where they are (`Gc::mark_old`).
//!
//! **Decide.** A chunk nothing in was marked goes back to the pool at once
//! (the evacuation below may reuse it). A chunk whose live bytes are under
//! 1 / `EVACUATE_DIVISOR` of its used part is *sparse*: sparsest first, and
//! only as many as the heap cap leaves room to copy, they are evacuated.
//! The others are *kept*: their dead objects stay as holes, not reused (a
//! kept chunk is at least half live, so holes cost at most as much as the
//! live data), until the chunk becomes sparse at a later major collection.
//!
//! **Fix.** Only when something is evacuated: a second trace from the same
//! roots copies the objects of the evacuated chunks (leaving forwarding
//! headers, the from-space of `forward`) and rewrites every field that
//! referenced them: a kept object is visited once, its mark cleared as it
//! is; the fresh chunks the first trace filled are scanned object by object;
//! large objects are visited once (`Large::visited`).
//!
//! Weak references (`after_collection`) are settled between the two traces,
//! while marks still tell live from dead, and again after the second, for
//! what it moved.

use super::*;

/// A chunk is evacuated when fewer than 1 / this of its used bytes are live.
const EVACUATE_DIVISOR: usize = 2;

/// An old chunk during a major collection.
pub(super) struct MarkedChunk {
    pub(super) chunk: Chunk,
    /// One bit per word of the chunk: set (while marking) at the first word
    /// of each live object; cleared again as the second trace visits it.
    bits: Vec<u64>,
    /// Bytes of the objects marked.
    live: usize,
}

/// Which trace of a major collection is running.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum MajorPhase {
    /// No major collection, or its first trace: marking in place.
    Mark,
    /// The second trace: evacuating sparse chunks, fixing references.
    Fix,
}

impl Gc {
    /// The start of a major collection: the old chunks become the marking
    /// set, and new old-generation allocation goes to fresh chunks.
    pub(super) fn begin_marking(&mut self) {
        let mut chunks = std::mem::take(&mut self.old);
        chunks.sort_by_key(|c| c.start);
        self.marking = chunks
            .into_iter()
            .map(|chunk| MarkedChunk {
                bits: vec![0; (chunk.end - chunk.start).div_ceil(8 * 64)],
                live: 0,
                chunk,
            })
            .collect();
        self.phase = MajorPhase::Mark;
    }

    /// During a major collection, for an object at `addr` outside from-space:
    /// if it is in a chunk of the marking set, marks it (first trace) or
    /// visits it (second trace), queueing it for scanning the first time;
    /// else, if it is a large object, the same for its block. Anything else
    /// (a fresh copy, a symbol) needs nothing.
    #[inline]
    pub(super) fn mark_old(&mut self, addr: u64) {
        let a = addr as usize;
        let i = self.marking.partition_point(|m| m.chunk.start <= a);
        if i > 0 && a < self.marking[i - 1].chunk.end {
            let m = &mut self.marking[i - 1];
            let w = (a - m.chunk.start) / 8;
            let (word, bit) = (w / 64, 1u64 << (w % 64));
            match self.phase {
                MajorPhase::Mark => {
                    if m.bits[word] & bit == 0 {
                        m.bits[word] |= bit;
                        let p = a as *mut u64;
                        // SAFETY: `addr` is a live old object with a header.
                        unsafe {
                            m.live += 8 * object_words(*p);
                            // After a major collection nothing is remembered:
                            // a header still saying so (an object the store
                            // buffer named, which the collection forgets)
                            // would keep the write barrier from naming it
                            // again. A copy loses the bit; so does an object
                            // left in place.
                            *p &= !REMEMBERED_BIT;
                        }
                        self.worklist.push(addr);
                    }
                }
                MajorPhase::Fix => {
                    if m.bits[word] & bit != 0 {
                        m.bits[word] &= !bit;
                        self.worklist.push(addr);
                    }
                }
            }
            return;
        }
        self.mark_large(addr);
    }

    /// During the first trace: whether `addr` is an object of the marking
    /// set that was not marked (dead, for weak references).
    pub(super) fn unmarked_old(&self, addr: u64) -> bool {
        if self.phase != MajorPhase::Mark || !self.major_in_progress {
            return false;
        }
        let a = addr as usize;
        let i = self.marking.partition_point(|m| m.chunk.start <= a);
        if i > 0 && a < self.marking[i - 1].chunk.end {
            let m = &self.marking[i - 1];
            let w = (a - m.chunk.start) / 8;
            return m.bits[w / 64] & (1u64 << (w % 64)) == 0;
        }
        false
    }

    /// After the first trace of a major collection: settles weak references,
    /// frees the chunks with nothing live, picks the sparse chunks to
    /// evacuate and, if there are any, runs the second trace (with the
    /// same `extra` roots). Leaves the kept chunks in `marking`, the
    /// evacuated ones in `from_space`.
    pub(super) fn finish_marking(&mut self, extra: &mut [Value]) {
        self.after_collection();
        for m in std::mem::take(&mut self.marking) {
            if m.live == 0 {
                self.release_chunk(m.chunk);
            } else {
                self.marking.push(m);
            }
        }
        // Room for the copies: the rest of the chunk being filled, and the
        // whole chunks the cap still allows (pooled ones included).
        let unmapped = self
            .heap_max
            .saturating_sub(self.heap_bytes() - self.pooled_bytes());
        let tail = self.old.last().map_or(0, |c| c.end - c.top);
        let mut room = tail + unmapped / CHUNK_BYTES * CHUNK_BYTES;
        let mut kept = Vec::new();
        let mut sparse = Vec::new();
        for m in std::mem::take(&mut self.marking) {
            let used = m.chunk.top - m.chunk.start;
            if m.live * EVACUATE_DIVISOR < used {
                sparse.push(m);
            } else {
                kept.push(m);
            }
        }
        sparse.sort_by_key(|m| m.live);
        let mut evacuate = Vec::new();
        for m in sparse {
            if m.live <= room {
                room -= m.live;
                evacuate.push(m.chunk);
            } else {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.chunk.start);
        self.marking = kept;
        self.stats.kept_major += self.marking.iter().map(|m| m.live as u64).sum::<u64>();
        if evacuate.is_empty() {
            return;
        }
        self.stats.evacuated_chunks += evacuate.len() as u64;
        evacuate.sort_by_key(|c| c.start);
        self.from_space = evacuate;
        self.phase = MajorPhase::Fix;
        // The fresh chunks as the first trace left them: every object there
        // is live, one after another from the chunk's start.
        let fresh: Vec<(usize, usize)> = self.old.iter().map(|c| (c.start, c.top)).collect();
        self.scan_stack(true);
        self.forward_roots(extra);
        self.drain_worklist();
        for (start, top) in fresh {
            let mut p = start;
            while p < top {
                // SAFETY: `[start, top)` of a fresh chunk is a sequence of
                // objects the first trace copied there, each with a header.
                let words = object_words(unsafe { *(p as *const u64) });
                self.scan_object(p as u64);
                p += 8 * words;
            }
            self.drain_worklist();
        }
        self.after_collection();
    }

    /// Forwards the global roots, the `extra` values and a pending raise's.
    pub(super) fn forward_roots(&mut self, extra: &mut [Value]) {
        let s = state();
        for k in 0..self.roots.len() {
            let (ptr, n) = self.roots[k];
            for i in 0..n {
                self.forward_slot((ptr + 8 * i) as *mut u64);
            }
        }
        for v in extra.iter_mut() {
            *v = self.forward(*v);
        }
        if s.pending_handler != 0 {
            s.pending_handler = self.forward(s.pending_handler);
            s.pending_obj = self.forward(s.pending_obj);
        }
    }

    pub(super) fn drain_worklist(&mut self) {
        while let Some(obj) = self.worklist.pop() {
            self.scan_object(obj);
        }
    }

    /// A chunk nothing references any more: pooled for reuse (the pool is
    /// trimmed at the end of the major collection).
    pub(super) fn release_chunk(&mut self, c: Chunk) {
        if cfg!(debug_assertions) {
            // Poison it so stale pointers into it fail loudly.
            // SAFETY: the chunk is mapped and nothing live is in it.
            unsafe { std::ptr::write_bytes(c.start as *mut u8, 0xAB, c.end - c.start) };
        }
        if c.end - c.start == CHUNK_BYTES {
            self.free_chunks.push(c.start);
        } else {
            unmap_chunk(&c);
        }
    }

    /// The end of a major collection for the chunks: the kept ones return to
    /// the old generation, counted as used up to their top (their holes are
    /// not reused); the evacuated ones are pooled.
    pub(super) fn return_kept_chunks(&mut self) {
        let mut chunks: Vec<Chunk> = std::mem::take(&mut self.marking)
            .into_iter()
            .map(|m| m.chunk)
            .collect();
        self.old_bytes += chunks.iter().map(|c| c.top - c.start).sum::<usize>();
        chunks.append(&mut self.old);
        // Promotion bumps into the last chunk: the one with the most room
        // (a partly filled chunk a collection kept would otherwise never
        // be filled further).
        if let Some(i) = (0..chunks.len()).max_by_key(|&i| chunks[i].end - chunks[i].top) {
            let c = chunks.remove(i);
            chunks.push(c);
        }
        self.old = chunks;
        for c in std::mem::take(&mut self.from_space) {
            self.release_chunk(c);
        }
        self.phase = MajorPhase::Mark;
    }

    /// Gives back to the OS the pooled chunks beyond what the old
    /// generation may fill before the next major collection (within the
    /// cap): those it will reuse without page faults; the rest would only
    /// hold memory.
    pub(super) fn trim_chunk_pool(&mut self) {
        let room = self
            .heap_max
            .saturating_sub(self.heap_bytes() - self.pooled_bytes());
        let limit = self
            .major_threshold
            .saturating_sub(self.old_bytes)
            .min(room)
            / CHUNK_BYTES;
        while self.free_chunks.len() > limit {
            let start = self.free_chunks.pop().expect("a pooled chunk");
            unmap_chunk(&Chunk {
                start,
                top: start,
                end: start + CHUNK_BYTES,
            });
        }
    }
}
