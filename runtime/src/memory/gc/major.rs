//! The old generation's side of a major collection: chunks are marked in
//! place, and only sparse ones are evacuated, so a major collection needs
//! no copy reserve the size of the old generation.
//!
//! **Mark.** At the start of a major collection the old chunks become the
//! *marking set* (`Gc::marking`), each with a side bitmap (a bit per word,
//! set at an object's first word) and a count of its live bytes; the chunk
//! table (`chunks.rs`) gives each address's chunk and role in two loads.
//! The trace (the usual roots and worklist) copies young objects into the
//! old generation, as any collection promotes them, and marks old ones
//! where they are (`Gc::mark_in_chunk`). The chunk promotion was filling
//! goes on being filled above the top it had (what lies there is a fresh
//! copy, not marked); others are opened as needed. The chunks the previous
//! major collection found sparse are *from-space* in this trace (as far as
//! the cap leaves room to copy their live bytes of then): their live
//! objects are copied out like young ones, and every reference to them is
//! rewritten by the same trace.
//!
//! **Decide.** A chunk nothing in was marked goes back to the pool at once.
//! A chunk whose live bytes are under 1 / `EVACUATE_DIVISOR` of its used
//! part is *sparse*: it waits (`Gc::sparse`, never allocated in) for the
//! next major collection to evacuate it in its one trace, unless the heap
//! cap is at stake (`worth_evacuating_now`). The others are *kept*: the
//! runs of dead objects between their live ones become *holes*
//! (`Gc::holes`) that promotion fills before it opens chunks, so the old
//! generation grows only by what is promoted beyond the dead space.
//!
//! **Fix.** Only when sparse chunks are evacuated at once: a second trace
//! from the same roots copies the objects of those chunks (leaving
//! forwarding headers, the from-space of `forward`) and rewrites every
//! field that referenced them: a kept object is visited once (a second
//! bitmap); what the first trace copied is scanned object by object; large
//! objects are visited once (`Large::visited`).
//!
//! Weak references (`after_collection`) are settled after the first trace,
//! while marks still tell live from dead, and again after the second, for
//! what it moved.

use super::*;

/// A chunk is evacuated when fewer than 1 / this of its used bytes are live.
const EVACUATE_DIVISOR: usize = 2;
/// The least run of dead objects promotion reuses.
const MIN_HOLE: usize = 128;
/// Under a heap cap at stake, sparse chunks are evacuated by a second trace
/// of the same major collection when they would give back at least 1 / this
/// of the old generation's chunks (`Gc::worth_evacuating_now`).
const EVACUATE_NOW_DIVISOR: usize = 4;

/// An old chunk during a major collection.
pub(super) struct MarkedChunk {
    pub(super) chunk: Chunk,
    /// One bit per word of the chunk: set (while marking) at the first word
    /// of each live object.
    bits: Vec<u64>,
    /// The same for the objects the second trace visited (empty outside it).
    visited: Vec<u64>,
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
    /// The start of a major collection that may promote up to `young` bytes:
    /// the chunks an earlier major collection found sparse become
    /// from-space (as many as the heap cap leaves room to copy, counting
    /// their live bytes then as an upper bound), the other old chunks the
    /// marking set; new old-generation allocation goes to fresh chunks.
    pub(super) fn begin_marking(&mut self, young: usize) {
        // Room for the copies under the cap: what is not mapped, less what
        // promotion may take and a chunk it may open.
        let mut room = self
            .heap_max
            .saturating_sub(self.heap_bytes() - self.pooled_bytes())
            .saturating_sub(young + CHUNK_BYTES);
        let mut chunks = std::mem::take(&mut self.old.chunks);
        let mut pair_chunks = std::mem::take(&mut self.pairs.chunks);
        // The chunk promotion was filling (of each kind) goes on being
        // filled above its top: it is marked below (`mark_in_chunk` ignores
        // what lies above a marked chunk's top) and is neither freed nor
        // evacuated.
        for (space, taken) in [(&mut self.old, &chunks), (&mut self.pairs, &pair_chunks)] {
            if let Some(&c) = taken.last() {
                space.chunks.push(c);
                space.filling = Some(c.start);
            }
        }
        chunks.append(&mut pair_chunks);
        // Nothing is remembered after a major collection: the remembered
        // bits of the pairs that stay where they are start clear.
        for c in chunks.iter().chain(self.sparse.iter()) {
            c.clear_remembered_bits();
        }
        let mut sparse = std::mem::take(&mut self.sparse);
        sparse.sort_by_key(|c| c.live);
        for c in sparse {
            if c.live <= room {
                room -= c.live;
                self.table.set(c.start, Place::Evacuating);
                self.from_space.push(c);
            } else {
                chunks.push(c);
            }
        }
        self.stats.evacuated_chunks += self.from_space.len() as u64;
        // Holes of the chunks being marked are found anew at the end.
        for space in [&mut self.old, &mut self.pairs] {
            space.holes.clear();
            space.hole = (0, 0);
        }
        self.marking = chunks
            .into_iter()
            .map(|chunk| MarkedChunk {
                bits: vec![0; (chunk.end - chunk.start).div_ceil(8 * 64)],
                visited: Vec::new(),
                live: 0,
                chunk,
            })
            .collect();
        self.index_marking();
        self.phase = MajorPhase::Mark;
    }

    /// Points the chunk table at each chunk's place in `marking`.
    fn index_marking(&mut self) {
        for (i, m) in self.marking.iter().enumerate() {
            self.table.set(m.chunk.start, Place::Marking(i as u32));
        }
    }

    /// During a major collection, for an object at `addr` in the chunk
    /// `marking[i]`: marks it (first trace) or visits it (second trace),
    /// queueing it for scanning the first time (a pair by its tagged
    /// pointer: it has no header to say what it is).
    #[inline(always)]
    pub(super) fn mark_in_chunk(&mut self, i: usize, addr: u64) {
        let a = addr as usize;
        let m = &mut self.marking[i];
        if a >= m.chunk.top {
            // Copied there by this collection (`begin_marking`).
            return;
        }
        let w = (a - m.chunk.start) / 8;
        let (word, bit) = (w / 64, 1u64 << (w % 64));
        match self.phase {
            MajorPhase::Mark => {
                if m.bits[word] & bit == 0 && m.chunk.pairs {
                    m.bits[word] |= bit;
                    m.live += PAIR_BYTES;
                    self.worklist.push(addr | TAG_PAIR);
                } else if m.bits[word] & bit == 0 {
                    m.bits[word] |= bit;
                    let p = a as *mut u64;
                    // SAFETY: `addr` is a live old object with a header.
                    let h = unsafe { *p };
                    m.live += 8 * object_words(h);
                    // After a major collection nothing is remembered: a
                    // header still saying so (an object the store buffer
                    // named, which the collection forgets) would keep the
                    // write barrier from naming it again. A copy loses the
                    // bit; so does an object left in place (written only
                    // when set: most objects' lines stay clean).
                    if h & REMEMBERED_BIT != 0 {
                        // SAFETY: as above.
                        unsafe { *p = h & !REMEMBERED_BIT };
                    }
                    self.worklist.push(addr);
                }
            }
            MajorPhase::Fix => {
                if m.bits[word] & bit != 0 && m.visited[word] & bit == 0 {
                    m.visited[word] |= bit;
                    let tag = if m.chunk.pairs { TAG_PAIR } else { 0 };
                    self.worklist.push(addr | tag);
                }
            }
        }
    }

    /// During a major collection: whether `addr` is in from-space (a chunk
    /// being evacuated).
    #[inline(always)]
    pub(super) fn in_evacuated_chunk(&self, addr: u64) -> bool {
        self.table.get(addr as usize) == Place::Evacuating
    }

    /// During the first trace: whether `addr` is an object of the marking
    /// set that was not marked (dead, for weak references).
    pub(super) fn unmarked_old(&self, addr: u64) -> bool {
        if self.phase != MajorPhase::Mark || !self.major_in_progress {
            return false;
        }
        let a = addr as usize;
        if let Place::Marking(i) = self.table.get(a) {
            let m = &self.marking[i as usize];
            if a >= m.chunk.top {
                return false;
            }
            let w = (a - m.chunk.start) / 8;
            return m.bits[w / 64] & (1u64 << (w % 64)) == 0;
        }
        false
    }

    /// After the first trace of a major collection: settles weak references,
    /// frees the chunks with nothing live and sorts out the sparse ones.
    /// When evacuating them now gives back enough (`worth_evacuating_now`),
    /// runs the second trace (with the same `extra` roots); else they wait
    /// in `sparse` for the next major collection, which evacuates them in
    /// its one trace. Leaves the kept chunks in `marking`, the evacuated
    /// ones in `from_space`.
    pub(super) fn finish_marking(&mut self, extra: &mut [Value]) {
        self.after_collection();
        let mut kept = Vec::new();
        let mut sparse = Vec::new();
        for mut m in std::mem::take(&mut self.marking) {
            m.chunk.live = m.live;
            let used = m.chunk.top - m.chunk.first();
            if self.is_filling(m.chunk.start) {
                kept.push(m);
            } else if m.live == 0 {
                self.release_chunk(m.chunk);
            } else if m.live * EVACUATE_DIVISOR < used {
                sparse.push(m);
            } else {
                kept.push(m);
            }
        }
        let reclaim: usize = sparse
            .iter()
            .map(|m| m.chunk.top - m.chunk.first() - m.live)
            .sum();
        let held: usize = kept
            .iter()
            .chain(sparse.iter())
            .filter(|m| !self.is_filling(m.chunk.start))
            .map(|m| m.chunk.top - m.chunk.first())
            .sum::<usize>()
            + self
                .old
                .chunks
                .iter()
                .chain(self.pairs.chunks.iter())
                .map(|c| c.top - c.first())
                .sum::<usize>();
        if !self.worth_evacuating_now(reclaim, held) {
            self.sparse = sparse.into_iter().map(|m| m.chunk).collect();
            self.marking = kept;
            self.index_marking();
            self.stats.kept_major += self.marking.iter().map(|m| m.live as u64).sum::<u64>();
            return;
        }
        // Room for the copies: the rest of the chunk being filled, and the
        // whole chunks the cap still allows (pooled ones included).
        let unmapped = self
            .heap_max
            .saturating_sub(self.heap_bytes() - self.pooled_bytes());
        let tail = self.old.chunks.last().map_or(0, |c| c.end - c.top)
            + self.pairs.chunks.last().map_or(0, |c| c.end - c.top);
        let mut room = tail + unmapped / CHUNK_BYTES * CHUNK_BYTES;
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
        self.marking = kept;
        self.index_marking();
        self.stats.kept_major += self.marking.iter().map(|m| m.live as u64).sum::<u64>();
        if evacuate.is_empty() {
            return;
        }
        self.stats.evacuated_chunks += evacuate.len() as u64;
        self.stats.second_traces += 1;
        for c in &evacuate {
            self.table.set(c.start, Place::Evacuating);
        }
        self.from_space.extend(evacuate);
        for m in self.marking.iter_mut() {
            m.visited = vec![0; m.bits.len()];
        }
        self.phase = MajorPhase::Fix;
        // What the first trace copied: every object there is live, one
        // after another from the chunk's first object (from the marked top
        // of the chunk that was being filled); a pair chunk's are pairs.
        let fresh: Vec<(usize, usize, bool)> = self
            .old
            .chunks
            .iter()
            .chain(self.pairs.chunks.iter())
            .map(|c| match self.marking_top(c.start) {
                Some(top) => (top, c.top, c.pairs),
                None => (c.first(), c.top, c.pairs),
            })
            .collect();
        self.scan_stack(true);
        self.forward_roots(extra);
        self.drain_worklist();
        for (start, top, pairs) in fresh {
            let mut p = start;
            while p < top {
                if pairs {
                    self.scan_pair(p as u64);
                    p += PAIR_BYTES;
                    continue;
                }
                // SAFETY: `[start, top)` of a fresh chunk of headed objects
                // is a sequence of objects the first trace copied there,
                // each with a header.
                let words = object_words(unsafe { *(p as *const u64) });
                self.scan_object(p as u64);
                p += 8 * words;
            }
            self.drain_worklist();
        }
        self.after_collection();
    }

    /// The top the chunk at `start` had when marking began, if it was being
    /// filled then (`begin_marking`).
    fn marking_top(&self, start: usize) -> Option<usize> {
        if !self.is_filling(start) {
            return None;
        }
        match self.table.get(start) {
            Place::Marking(i) => Some(self.marking[i as usize].chunk.top),
            _ => None,
        }
    }

    /// Whether sparse chunks that would give back `reclaim` bytes, of the
    /// `held` bytes the old generation's chunks hold after this trace, are
    /// worth a second trace now (it visits everything live again) rather
    /// than waiting for the next major collection, whose one trace
    /// evacuates them: only when the heap cap is at stake (the heap holds
    /// more than half of it) and they hold at least 1 / `EVACUATE_NOW_DIVISOR`
    /// of the chunks. Under `CLOSC_GC_STRESS` every other major collection
    /// evacuates whatever is sparse, the others leave it to the next one, so
    /// both ways are exercised.
    fn worth_evacuating_now(&self, reclaim: usize, held: usize) -> bool {
        if reclaim == 0 {
            return false;
        }
        if self.stress_every > 0 {
            return self.stats.major % 2 == 1;
        }
        let pressed = (self.heap_bytes() - self.pooled_bytes()) * 2 > self.heap_max;
        pressed && reclaim * EVACUATE_NOW_DIVISOR >= held
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
        self.table.set(c.start, Place::None);
        self.free_chunks.push(c.start);
    }

    /// The end of a major collection for the chunks: the kept ones return to
    /// the old generation (the sparse ones left for the next major
    /// collection too), counted as used up to their top (their holes are not
    /// reused); the evacuated ones are pooled.
    pub(super) fn return_kept_chunks(&mut self) {
        let mut chunks = Vec::new();
        let mut pair_chunks = Vec::new();
        for m in std::mem::take(&mut self.marking) {
            self.table.set(m.chunk.start, Place::Old);
            // Its live part below the marked top (promotion counted the rest:
            // the chunk is in `old` too, with its top now); the dead part is
            // holes for promotion to fill.
            self.old_bytes += m.live;
            self.find_holes(&m);
            if !self.is_filling(m.chunk.start) {
                if m.chunk.pairs {
                    pair_chunks.push(m.chunk);
                } else {
                    chunks.push(m.chunk);
                }
            }
        }
        for c in &self.sparse {
            self.table.set(c.start, Place::Old);
        }
        self.old_bytes += self.sparse.iter().map(|c| c.top - c.first()).sum::<usize>();
        for (space, mut kept) in [(&mut self.old, chunks), (&mut self.pairs, pair_chunks)] {
            space.filling = None;
            kept.append(&mut space.chunks);
            // Promotion bumps into the last chunk: the one with the most
            // room (a partly filled chunk a collection kept would otherwise
            // never be filled further).
            if let Some(i) = (0..kept.len()).max_by_key(|&i| kept[i].end - kept[i].top) {
                let c = kept.remove(i);
                kept.push(c);
            }
            space.chunks = kept;
        }
        for c in std::mem::take(&mut self.from_space) {
            self.release_chunk(c);
        }
        self.phase = MajorPhase::Mark;
    }

    /// Adds the runs of dead objects of the kept chunk `m` below its marked
    /// top to `holes` (those of at least `MIN_HOLE` bytes; smaller ones are
    /// left unused, and counted as used).
    fn find_holes(&mut self, m: &MarkedChunk) {
        let start = m.chunk.start;
        let mut free = m.chunk.first();
        let pairs = m.chunk.pairs;
        let mut dead_small = 0;
        let mut hole = |from: usize, to: usize, holes: &mut Vec<(usize, usize)>| {
            if to - from >= MIN_HOLE {
                if cfg!(debug_assertions) {
                    // Poison it so a missed reference fails loudly.
                    // SAFETY: dead objects of a kept chunk: mapped, unused.
                    unsafe { std::ptr::write_bytes(from as *mut u8, 0xAB, to - from) };
                }
                holes.push((from, to));
            } else {
                dead_small += to - from;
            }
        };
        for (k, &word) in m.bits.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let obj = start + 8 * (64 * k + bits.trailing_zeros() as usize);
                bits &= bits - 1;
                let holes = if pairs {
                    &mut self.pairs.holes
                } else {
                    &mut self.old.holes
                };
                if obj > free {
                    hole(free, obj, holes);
                }
                free = if pairs {
                    obj + PAIR_BYTES
                } else {
                    // SAFETY: a marked headed object: live, with its header.
                    obj + 8 * object_words(unsafe { *(obj as *const u64) })
                };
            }
        }
        if m.chunk.top > free {
            let holes = if pairs {
                &mut self.pairs.holes
            } else {
                &mut self.old.holes
            };
            hole(free, m.chunk.top, holes);
        }
        self.old_bytes += dead_small;
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
            unmap_region(start, CHUNK_BYTES);
        }
    }
}
