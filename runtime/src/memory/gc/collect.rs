//! Collections: copying the nursery's survivors (minor) or everything live
//! (major), scanning objects, the remembered set and card marks, and
//! old-generation allocation for the runtime (pretenuring). The roots on
//! the stack (frames, stack segments, the barrier) are in `roots`.

use super::*;

impl Gc {
    pub(super) fn in_nursery(&self, addr: u64) -> bool {
        addr.wrapping_sub(state().nursery_start) < state().nursery_size
    }

    /// Whether `addr` is in the survivor space a minor collection is filling
    /// (never during a major one).
    #[inline(always)]
    pub(super) fn in_to_space(&self, addr: u64) -> bool {
        (addr as usize).wrapping_sub(self.to_lo) < self.to_hi - self.to_lo
    }

    /// Whether value `v` is a heap pointer into the survivor space being
    /// filled.
    #[inline(always)]
    pub(super) fn points_to_to_space(&self, v: Value) -> bool {
        v & 1 != 0 && v & TAG_MASK != TAG_IMMEDIATE && self.in_to_space(v & !TAG_MASK)
    }

    pub(super) fn in_from_space(&self, addr: u64) -> bool {
        if self.in_nursery(addr) {
            return !self.in_to_space(addr);
        }
        self.major_in_progress && self.in_evacuated_chunk(addr)
    }

    /// The new location of `v`, copying its object out of from-space if needed.
    #[inline]
    pub(super) fn forward(&mut self, v: Value) -> Value {
        if v & 1 == 0 || v & TAG_MASK == TAG_IMMEDIATE {
            return v;
        }
        let addr = v & !TAG_MASK;
        if self.in_nursery(addr) {
            if self.in_to_space(addr) {
                return v;
            }
        } else {
            // An old object: during a major collection, copied out of a chunk
            // being evacuated, else marked where it is.
            if !self.major_in_progress {
                return v;
            }
            match self.table.get(addr as usize) {
                Place::Evacuating => {}
                Place::Marking(i) => {
                    self.mark_in_chunk(i as usize, addr);
                    return v;
                }
                Place::Large => {
                    self.mark_large(addr);
                    return v;
                }
                Place::None | Place::Old => return v,
            }
        }
        let p = addr as *mut u64;
        if v & TAG_MASK == TAG_PAIR {
            return self.forward_pair(p);
        }
        // SAFETY: `addr` is a heap object in from-space: readable, with a header.
        let h = unsafe { *p };
        if header_kind(h) == HDR_FORWARDED {
            return (h >> HEADER_SIZE_SHIFT) | (v & TAG_MASK);
        }
        let words = object_words(h);
        if self.print_stats {
            self.count_survivor(addr, header_kind(h));
        }
        // A large object (from the large-object nursery) gets a block of its
        // own, where it will never move again.
        let dst = if words * 8 >= LARGE_OBJECT_BYTES {
            if !self.major_in_progress {
                self.stats.copied_minor += words as u64 * 8;
            }
            self.large_block(words * 8)
        } else {
            self.copy_target(addr as usize, words * 8, false)
        };
        // SAFETY: `dst` is fresh to-space memory of `words` words; the source
        // object has `words` words.
        unsafe {
            let d = dst as *mut u64;
            if words <= 4 {
                // Pairs, boxes, flonums: a call to `memcpy` costs more than
                // the copy.
                for i in 1..words {
                    *d.add(i) = *p.add(i);
                }
            } else {
                std::ptr::copy_nonoverlapping(p, d, words);
            }
            *d = h & !REMEMBERED_BIT;
            *p = ((dst as u64) << HEADER_SIZE_SHIFT) | HDR_FORWARDED;
        }
        if self.major_in_progress {
            self.stats.copied_major += words as u64 * 8;
        }
        // Strings and bytevectors hold no pointers, but for a forwarded
        // string's wide string: nothing else to scan.
        if !matches!(header_kind(h), HDR_STRING | HDR_BYTEVECTOR) || h & STRING_FORWARDED_BIT != 0 {
            self.worklist.push(dst as u64);
        }
        dst as u64 | (v & TAG_MASK)
    }

    /// `forward` for the from-space pair at `p`: a pair has no header, so a
    /// copied one says so in its car (`PAIR_FORWARDED`, which no Scheme
    /// value is) and holds its copy's tagged pointer in its cdr.
    #[inline(always)]
    fn forward_pair(&mut self, p: *mut u64) -> Value {
        // SAFETY: `p` is a pair in from-space: two readable words.
        unsafe {
            let (a, d) = (*p, *p.add(1));
            if a == PAIR_FORWARDED {
                return d;
            }
            if self.print_stats {
                self.count_survivor(p as u64, HDR_PAIR);
            }
            let dst = self.copy_target(p as usize, PAIR_BYTES, true) as *mut u64;
            *dst = a;
            *dst.add(1) = d;
            let new = dst as u64 | TAG_PAIR;
            *p = PAIR_FORWARDED;
            *p.add(1) = new;
            if self.major_in_progress {
                self.stats.copied_major += PAIR_BYTES as u64;
            }
            self.worklist.push(new);
            new
        }
    }

    /// Where a from-space object of `bytes` bytes (below the large-object
    /// size) at `addr` goes: during a minor collection, an object allocated
    /// since the previous collection is aged (copied into the survivor
    /// space) when this collection ages, the stack is not being scanned and
    /// there is room; anything else is promoted into the old generation.
    /// A pair (`pair`) goes to a pair chunk.
    #[inline(always)]
    fn copy_target(&mut self, addr: usize, bytes: usize, pair: bool) -> usize {
        if !self.major_in_progress {
            if addr < self.nursery_end {
                self.young_survived += bytes;
                if self.aging && !self.tenure && self.to_hi - self.to_top >= bytes {
                    let p = self.to_top;
                    self.to_top += bytes;
                    self.stats.aged += bytes as u64;
                    return p;
                }
            } else {
                self.aged_promoted += bytes;
            }
            self.stats.copied_minor += bytes as u64;
        }
        if pair {
            self.old_alloc_pair()
        } else {
            self.old_alloc(bytes)
        }
    }

    /// During a major collection: marks the large object at `addr` (if it is
    /// one) and queues it for scanning the first time; in the second trace
    /// (`major.rs`), queues a marked one the first time it is reached.
    pub(super) fn mark_large(&mut self, addr: u64) {
        let a = addr as usize;
        let i = self.large.partition_point(|l| l.start <= a);
        if i > 0 && a < self.large[i - 1].end {
            let l = &mut self.large[i - 1];
            let first = match self.phase {
                MajorPhase::Mark => {
                    // SAFETY: a live large block starts with its object's
                    // header. As for objects marked in place (`mark_old`):
                    // after a major collection nothing is remembered.
                    unsafe { *(l.start as *mut u64) &= !REMEMBERED_BIT };
                    !std::mem::replace(&mut l.marked, true)
                }
                MajorPhase::Fix => l.marked && !std::mem::replace(&mut l.visited, true),
            };
            if first {
                self.worklist.push(l.start as u64);
            }
        }
    }

    #[inline(always)]
    pub(super) fn forward_slot(&mut self, slot: *mut u64) {
        // SAFETY: callers pass addresses of root slots or object fields.
        let v = unsafe { *slot };
        // Immediates (fixnums, booleans, characters...) are most fields:
        // settle them here, without a call and without a store.
        if v & 1 == 0 || v & TAG_MASK == TAG_IMMEDIATE {
            return;
        }
        // SAFETY: as above.
        unsafe { *slot = self.forward(v) };
    }

    /// Forwards every pointer field of the object at `addr` (a pair: its
    /// tagged pointer, as the worklist holds it). During a minor
    /// collection, an object outside the survivor space being filled (an old
    /// one) left with a field pointing into it is remembered (a large
    /// object: those fields' cards are marked), as the next minor
    /// collection moves what that field points to again.
    pub(super) fn scan_object(&mut self, addr: u64) {
        if addr & TAG_MASK == TAG_PAIR {
            self.scan_pair(addr & !TAG_MASK);
            return;
        }
        let p = addr as *mut u64;
        // SAFETY: `addr` is a live, initialised heap object.
        let h = unsafe { *p };
        let (first, count) = match header_kind(h) {
            HDR_CLOSURE => (3, header_size(h) as usize - 2),
            HDR_ENV => (1, header_size(h) as usize),
            HDR_BOX => (1, 1),
            HDR_VECTOR => (1, header_size(h) as usize),
            HDR_RATNUM | HDR_COMPNUM => (1, 2),
            HDR_RECORD | HDR_VALUES | HDR_PORT | HDR_RECORD_TYPE | HDR_CONDITION
            | HDR_HASHTABLE | HDR_CHARSET => (1, header_size(h) as usize),
            HDR_CONTINUATION => {
                self.scan_continuation(addr);
                return;
            }
            // A forwarded string: word 2 is its wide string.
            HDR_STRING if h & STRING_FORWARDED_BIT != 0 => (2, 1),
            _ => (0, 0),
        };
        let check = self.to_hi != self.to_lo && !self.in_to_space(addr);
        let mut young = false;
        for i in first..first + count {
            // SAFETY: field `i` is inside the object.
            let slot = unsafe { p.add(i) };
            self.forward_slot(slot);
            // SAFETY: as above.
            young |= check && self.points_to_to_space(unsafe { *slot });
        }
        if young {
            if object_words(h) * 8 >= LARGE_OBJECT_BYTES {
                for i in first..first + count {
                    // SAFETY: as above.
                    let slot = unsafe { p.add(i) };
                    // SAFETY: as above.
                    if self.points_to_to_space(unsafe { *slot }) {
                        self.remember_slot(addr, slot as u64);
                    }
                }
            } else {
                self.remember(addr);
            }
        }
    }

    /// `scan_object` for the pair at `addr`: its two fields, and an old pair
    /// left pointing into the survivor space is remembered.
    #[inline]
    pub(super) fn scan_pair(&mut self, addr: u64) {
        let p = addr as *mut u64;
        self.forward_slot(p);
        // SAFETY: a pair has two fields.
        self.forward_slot(unsafe { p.add(1) });
        if self.to_hi != self.to_lo && !self.in_to_space(addr) {
            // SAFETY: as above.
            let (a, d) = unsafe { (*p, *p.add(1)) };
            if self.points_to_to_space(a) || self.points_to_to_space(d) {
                self.remember_pair(addr);
            }
        }
    }

    pub(super) fn collect(&mut self, extra: &mut [Value]) {
        let started = Instant::now();
        let s = state();
        self.check_nursery_bound();
        let allocated = s.alloc_ptr - s.nursery_start + (self.large_ptr - self.large_start) as u64;
        self.stats.allocated += allocated;
        // What this collection may promote: the young objects, aged or not.
        let used = allocated as usize + self.aged_bytes();
        // The aged objects this collection moves out.
        let evacuated_aged = (self.survivor[self.aged_space], self.aged_top);
        // A major collection when the old generation outgrew its threshold, and
        // now and then anyway while it is big, so that memory a program stopped
        // using (a dropped large structure) is given back.
        // And when a minor collection's promotions and then a major one's
        // might no longer fit under the cap.
        let major = s.ssb_overflow != 0
            || take_major_request()
            || self.old_bytes + used > self.major_threshold
            || (self.heap_bytes() - self.pooled_bytes() + collection_reserve(used) > self.heap_max
                && !self.stress_pressure_too_soon())
            || (self.old_bytes > MIN_MAJOR_THRESHOLD
                && self.stats.allocated - self.allocated_at_major
                    > SHRINK_AFTER_ALLOCATING * self.old_bytes as u64)
            || self.stress_major_due();
        if major {
            self.allocated_at_major = self.stats.allocated;
        }
        if major {
            self.stats.major += 1;
            MAJOR_COLLECTIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.major_in_progress = true;
            // Old chunks are marked in place (`major.rs`); only young
            // objects are copied by the first trace.
            self.begin_marking(used);
            self.old_bytes = 0;
            for &r in &self.remembered {
                // SAFETY: remembered entries are live object addresses.
                unsafe { *(r as *mut u64) &= !REMEMBERED_BIT };
            }
            self.remembered.clear();
            // Pairs' remembered bits are cleared chunk by chunk
            // (`begin_marking`), those the store buffer had no room for too.
            self.remembered_pairs.clear();
            self.remembered_slots.clear();
            // Store-buffer entries point into from-space; a major collection
            // needs no remembered set.
            s.ssb_ptr = self.ssb_start;
            s.ssb_overflow = 0;
            for l in self.large.iter_mut() {
                l.dirty = false;
                l.cards.iter_mut().for_each(|c| *c = false);
            }
            self.dirty_large.clear();
            // Everything young is promoted: no survivor space is filled.
            self.to_lo = 0;
            self.to_hi = 0;
        } else {
            self.stats.minor += 1;
            self.to_lo = self.survivor[1 - self.aged_space];
            // Not aging: an empty survivor space, so that nothing checks
            // for pointers into it.
            self.to_hi = self.to_lo + if self.aging { self.survivor_size } else { 0 };
            self.to_top = self.to_lo;
            self.aged_promoted = 0;
            self.young_survived = 0;
        }
        COLLECTIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let innermost = self.scan_stack(major);
        self.forward_roots(extra);
        if !major {
            self.scan_remembered();
        }
        self.drain_worklist();
        if major {
            self.finish_marking(extra);
        } else {
            self.after_collection();
        }
        if major {
            self.finish_major();
        } else {
            // The survivor space just filled holds the aged objects now; the
            // other one (the aged objects of before, all moved) is empty.
            let aged_before = evacuated_aged.1 - evacuated_aged.0;
            self.aged_space = 1 - self.aged_space;
            self.aged_top = self.to_top;
            let nursery_used = (s.alloc_ptr - s.nursery_start) as usize;
            self.decide_aging(aged_before, nursery_used);
        }
        self.to_lo = 0;
        self.to_hi = 0;
        if cfg!(debug_assertions) {
            // Poison the evacuated young spaces so stale pointers fail loudly.
            // SAFETY: the nursery, the survivor spaces and the large-object
            // nursery are mapped, and what is poisoned was evacuated.
            unsafe {
                std::ptr::write_bytes(
                    s.nursery_start as *mut u8,
                    0xAB,
                    (s.alloc_ptr - s.nursery_start) as usize,
                );
                std::ptr::write_bytes(
                    self.large_start as *mut u8,
                    0xAB,
                    self.large_ptr - self.large_start,
                );
                let (aged, aged_end) = evacuated_aged;
                std::ptr::write_bytes(aged as *mut u8, 0xAB, aged_end - aged);
            };
        }
        if major {
            self.aged_top = self.survivor[self.aged_space];
        }
        s.alloc_ptr = s.nursery_start;
        self.large_ptr = self.large_start;
        s.alloc_limit = if self.stress_every > 0 {
            s.alloc_ptr
        } else {
            self.nursery_end as u64
        };
        s.gc_requested = 0;
        self.install_barrier(innermost);
        self.note_heap_size();
        self.stats.peak_old = self.stats.peak_old.max(self.old_bytes as u64);
        let pause = started.elapsed();
        self.stats.total_pause += pause;
        self.stats.max_pause = self.stats.max_pause.max(pause);
        if major {
            self.stats.major_pause += pause;
            self.stats.max_major_pause = self.stats.max_major_pause.max(pause);
        } else {
            self.stats.minor_pause += pause;
        }
    }

    /// Whether the next minor collection ages, from how much of what this
    /// one found aged it had to promote: aging pays when aged objects mostly
    /// die before the next minor collection, and only costs a second copy
    /// when they mostly live on (a deep recursion building a long list).
    /// Once it stops paying it is tried again after a pause that doubles
    /// with each failed try (4 minor collections, then 8, ... up to 64) and
    /// halves with each successful one. And a minor collection that found
    /// almost all of a full nursery alive (a big structure being built)
    /// makes the next two promote at once, as what they age would live on.
    fn decide_aging(&mut self, aged_before: usize, nursery_used: usize) {
        if self.aging && aged_before >= AGING_SAMPLE_BYTES {
            if self.aged_promoted * AGING_WASTE_DIVISOR > aged_before {
                self.aging_pause = (self.aging_pause * 2).clamp(4, 64);
                self.aging_off_until = self.stats.minor + self.aging_pause;
            } else {
                self.aging_pause /= 2;
            }
        }
        let mostly_live =
            nursery_used >= AGING_SAMPLE_BYTES && self.young_survived * 10 > nursery_used * 9;
        // One collection with less alive (a phase ending: the old structure
        // dropped, a new one begun) is not yet a change of behaviour.
        let was_mostly_live = std::mem::replace(&mut self.mostly_live, mostly_live);
        self.aging = self.stats.minor >= self.aging_off_until && !mostly_live && !was_mostly_live;
    }

    /// Bytes of the aged objects (in the survivor space that holds them).
    pub(super) fn aged_bytes(&self) -> usize {
        self.aged_top - self.survivor[self.aged_space]
    }

    /// A minor collection's roots in the old generation: the remembered
    /// objects, the dirty cards of large objects, the store buffer, and the
    /// slots an earlier minor collection left pointing at aged objects.
    /// What is still young after this collection is remembered again.
    fn scan_remembered(&mut self) {
        let s = state();
        let remembered = std::mem::take(&mut self.remembered);
        for &r in &remembered {
            // SAFETY: a remembered object is live and initialised.
            unsafe { *(r as *mut u64) &= !REMEMBERED_BIT };
            self.scan_object(r);
        }
        for r in std::mem::take(&mut self.remembered_pairs) {
            remembered_bit(r).forget();
            self.scan_pair(r);
        }
        for start in std::mem::take(&mut self.dirty_large) {
            self.scan_dirty_cards(start);
        }
        for slot in std::mem::take(&mut self.remembered_slots) {
            self.forward_remembered_slot(slot);
        }
        let mut entry = self.ssb_start;
        while entry < s.ssb_ptr {
            // SAFETY: entries below `ssb_ptr` are addresses of live old
            // objects that compiled code marked remembered.
            let r = unsafe { *(entry as *const u64) };
            if r & 1 != 0 {
                // A slot of a big vector.
                self.forward_remembered_slot(r & !1);
            } else if r & SSB_PAIR_ENTRY != 0 {
                let pair = r & !SSB_PAIR_ENTRY;
                remembered_bit(pair).forget();
                self.scan_pair(pair);
            } else {
                // SAFETY: as above.
                unsafe { *(r as *mut u64) &= !REMEMBERED_BIT };
                self.scan_object(r);
            }
            entry += 8;
        }
        s.ssb_ptr = self.ssb_start;
    }

    /// Forwards the remembered slot `slot` of an old object, remembering it
    /// again if it still points at a young object.
    fn forward_remembered_slot(&mut self, slot: u64) {
        self.forward_slot(slot as *mut u64);
        // SAFETY: a remembered slot is a field of a live old object.
        if self.points_to_to_space(unsafe { *(slot as *const u64) }) {
            self.remembered_slots.push(slot);
        }
    }

    /// The end of a major collection: the kept chunks back in the old
    /// generation, the evacuated ones pooled, dead large blocks freed, the
    /// next threshold set, the pools trimmed.
    fn finish_major(&mut self) {
        self.note_heap_size();
        self.return_kept_chunks();
        self.major_in_progress = false;
        let mut survivors = Vec::new();
        for mut l in std::mem::take(&mut self.large) {
            if l.marked {
                l.marked = false;
                l.visited = false;
                self.old_bytes += l.end - l.start;
                survivors.push(l);
            } else {
                self.free_large.push(FreeBlock {
                    start: l.start,
                    size: l.end - l.start,
                    freed_at: self.stats.major,
                });
            }
        }
        self.large = survivors;
        // The growth allowed is measured from what is live: the garbage of
        // the sparse chunks left for the next major collection is added on.
        let waiting: usize = self.sparse.iter().map(|c| c.top - c.first() - c.live).sum();
        self.major_threshold = (((self.old_bytes - waiting) as f64 * self.growth) as usize)
            .max(MIN_MAJOR_THRESHOLD)
            .saturating_add(waiting)
            .min(self.heap_max.max(1));
        self.stress_major_at = self.old_bytes + (self.old_bytes / 4).max(STRESS_MAJOR_GROWTH);
        self.old_at_major = self.old_bytes;
        self.trim_chunk_pool();
        self.trim_free_large();
        // A heap left too full for a minor collection's promotions is not
        // an error yet: every collection is then a major one, until one
        // frees enough or allocation finds no room under the cap (chunks
        // kept with holes may need a few majors to become sparse enough to
        // evacuate).
    }

    /// Under `CLOSC_GC_STRESS`, whether this collection is a major one
    /// because the old generation grew by a quarter (at least
    /// `STRESS_MAJOR_GROWTH`) since the last major collection: often enough
    /// that marking in place and evacuation run many times in a test (a
    /// reference they miss is found), while the work stays proportional to
    /// what is promoted.
    fn stress_major_due(&self) -> bool {
        self.stress_every > 0 && self.old_bytes > self.stress_major_at
    }

    /// Under `CLOSC_GC_STRESS`, whether a heap near its cap is no reason yet
    /// for a major collection: not before the old generation grew by
    /// `STRESS_MAJOR_GROWTH` since the last one. Collecting at every
    /// allocation, a program that keeps everything would otherwise mark
    /// its whole heap at each allocation until it ran out; a collection
    /// then promotes so little that what it needs still fits, and
    /// allocation past the cap is the out-of-memory error it would be.
    fn stress_pressure_too_soon(&self) -> bool {
        self.stress_every > 0 && self.old_bytes < self.old_at_major + STRESS_MAJOR_GROWTH
    }

    /// Compiled code bumped past the nursery without a limit check: whatever
    /// lies beyond has been overwritten. A codegen bug; never let it pass.
    pub(super) fn check_nursery_bound(&self) {
        if state().alloc_ptr > self.nursery_end as u64 {
            crate::error::internal("allocation overran the nursery");
        }
    }

    /// Bump-allocates in the nursery if there is room (ignoring the stress limit).
    pub(super) fn nursery_alloc(&mut self, bytes: usize) -> Option<u64> {
        self.check_nursery_bound();
        let s = state();
        if (self.nursery_end as u64) - s.alloc_ptr >= bytes as u64 {
            let p = s.alloc_ptr;
            s.alloc_ptr += bytes as u64;
            if self.stress_every > 0 {
                s.alloc_limit = s.alloc_ptr;
            }
            Some(p)
        } else {
            None
        }
    }

    /// Scans the dirty cards of the large object at `start` and cleans them.
    pub(super) fn scan_dirty_cards(&mut self, start: usize) {
        let i = self.large.partition_point(|l| l.start <= start);
        if i == 0 || self.large[i - 1].start != start {
            return;
        }
        let l = i - 1;
        self.large[l].dirty = false;
        let p = start as *mut u64;
        // SAFETY: a live large object with a header.
        let h = unsafe { *p };
        let fields = match header_kind(h) {
            HDR_VECTOR | HDR_RECORD | HDR_VALUES => header_size(h) as usize,
            // A forwarded string: the length (a fixnum) and its wide string.
            HDR_STRING if h & STRING_FORWARDED_BIT != 0 => 2,
            _ => 0,
        };
        let (lo, hi) = (start + 8, start + 8 + 8 * fields);
        let mut still_dirty = false;
        for c in 0..self.large[l].cards.len() {
            if !std::mem::replace(&mut self.large[l].cards[c], false) {
                continue;
            }
            let from = (start + c * CARD).max(lo);
            let to = (start + (c + 1) * CARD).min(hi);
            let mut slot = from;
            let mut young = false;
            while slot < to {
                self.forward_slot(slot as *mut u64);
                // SAFETY: `slot` is a field of the object.
                young |= self.points_to_to_space(unsafe { *(slot as *const u64) });
                slot += 8;
            }
            // Still pointing at aged objects: the next minor collection
            // scans this card again.
            if young {
                self.large[l].cards[c] = true;
                still_dirty = true;
            }
        }
        if still_dirty {
            self.large[l].dirty = true;
            self.dirty_large.push(start);
        }
    }

    /// Write barrier slow path for the object at `addr` whose field at `slot`
    /// now holds a young pointer: a large object marks the slot's card, any
    /// other object joins the remembered set.
    pub(super) fn remember_slot(&mut self, addr: u64, slot: u64) {
        let a = addr as usize;
        let i = self.large.partition_point(|l| l.start <= a);
        if i > 0 && a < self.large[i - 1].end && slot as usize >= a {
            let l = &mut self.large[i - 1];
            let card = (slot as usize - l.start) / CARD;
            if card < l.cards.len() {
                l.cards[card] = true;
                if !l.dirty {
                    l.dirty = true;
                    self.dirty_large.push(l.start);
                }
                return;
            }
        }
        self.remember(addr);
    }

    /// Puts the old pair at `addr` (in a pair chunk) in the remembered set,
    /// once.
    pub(super) fn remember_pair(&mut self, addr: u64) {
        let bit = remembered_bit(addr);
        if !bit.is_set() {
            bit.set();
            self.remembered_pairs.push(addr);
        }
    }

    /// A pair in the old generation, remembered because whoever fills it
    /// may store young pointers into it.
    pub(super) fn pretenure_pair(&mut self) -> u64 {
        let p = self.old_alloc_pair() as u64;
        self.stats.allocated += PAIR_BYTES as u64;
        self.remember_pair(p);
        p
    }

    pub(super) fn remember(&mut self, addr: u64) {
        let p = addr as *mut u64;
        // SAFETY: `addr` is a heap object (possibly not yet initialised beyond
        // its header, which the allocator wrote or will write with the bit set).
        unsafe {
            if *p & REMEMBERED_BIT == 0 {
                *p |= REMEMBERED_BIT;
                self.remembered.push(addr);
            }
        }
    }

    /// An object of `bytes` bytes in the old generation, remembered because
    /// whoever fills it may store young pointers into it.
    pub(super) fn pretenure(&mut self, bytes: usize, header: u64) -> u64 {
        let p = if bytes >= LARGE_OBJECT_BYTES {
            self.large_block(bytes) as u64
        } else {
            self.old_alloc(bytes) as u64
        };
        self.stats.allocated += bytes as u64;
        // SAFETY: fresh old-generation memory of at least one word.
        unsafe { *(p as *mut u64) = header | REMEMBERED_BIT };
        self.remembered.push(p);
        p
    }
}

/// The remembered bit of an old pair (`PAIR_CHUNK_BITMAP`): made only for
/// a pair in a pair chunk, whose first bytes are the bitmap, so the byte it
/// names is mapped and belongs to no object.
pub(super) struct RememberedBit {
    byte: *mut u8,
    mask: u8,
}

/// The remembered bit of the old pair at `addr` (in a pair chunk).
#[inline(always)]
pub(super) fn remembered_bit(addr: u64) -> RememberedBit {
    let a = addr as usize;
    let chunk = a & !(CHUNK_BYTES - 1);
    let i = (a - chunk) / PAIR_BYTES;
    RememberedBit {
        byte: (chunk + i / 8) as *mut u8,
        mask: 1 << (i % 8),
    }
}

impl RememberedBit {
    #[inline(always)]
    fn is_set(&self) -> bool {
        // SAFETY: a byte of a pair chunk's bitmap (see the type).
        unsafe { *self.byte & self.mask != 0 }
    }
    #[inline(always)]
    fn set(&self) {
        // SAFETY: as above.
        unsafe { *self.byte |= self.mask }
    }
    #[inline(always)]
    pub(super) fn forget(&self) {
        // SAFETY: as above.
        unsafe { *self.byte &= !self.mask }
    }
}
