//! The collector's interface: the entry points compiled code calls
//! (allocation slow path, entry reservation, collection after a runtime call,
//! the write barrier's slow path, the code table) and the functions the rest
//! of the runtime calls (allocation, direct calls, roots, the barrier's state).

use super::*;

/// Allocation slow path for compiled code, called through a trampoline that
/// recorded its frame pointer in `last_fp`. Returns the object's raw address;
/// the caller stores the header.
#[no_mangle]
pub extern "C" fn closc_rt_alloc_slow(words: u64) -> u64 {
    let bytes = words as usize * 8;
    GC.with(|g| {
        g.init();
        if g.stress_every > 0 {
            g.stress_count += 1;
            if g.stress_count >= g.stress_every {
                g.stress_count = 0;
                g.collect(&mut []);
            }
        }
        if bytes >= LARGE_OBJECT_BYTES {
            if let Some(p) = g.young_large_alloc(bytes) {
                return p as u64;
            }
            if bytes > g.large_end - g.large_start {
                return g.pretenure(bytes, 0);
            }
            g.collect(&mut []);
            return g
                .young_large_alloc(bytes)
                .expect("an empty large-object nursery holds any object that fits it")
                as u64;
        }
        if let Some(p) = g.nursery_alloc(bytes) {
            return p;
        }
        g.collect(&mut []);
        g.nursery_alloc(bytes)
            .expect("an empty nursery holds any small object")
    })
}

/// Called (by `closc_gc_reenter_N`) when a lambda found fewer than `bytes`
/// bytes free in the nursery at entry: collects with the `n` values at `roots`
/// (the lambda's closure and arguments) as extra roots, updated in place, and
/// leaves at least `bytes` free.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
#[no_mangle]
pub extern "C" fn closc_rt_reserve(roots: *mut u64, n: u64, bytes: u64) -> u64 {
    // SAFETY: compiled code passes an array of `n` values in its frame.
    let extra = unsafe { std::slice::from_raw_parts_mut(roots, n as usize) };
    GC.with(|g| {
        g.init();
        let s = state();
        if g.stress_every > 0 {
            g.stress_count += 1;
            if g.stress_count >= g.stress_every
                || (g.nursery_end as u64).saturating_sub(s.alloc_ptr) < bytes
                || s.gc_requested != 0
            {
                g.stress_count = 0;
                g.collect(extra);
            }
            // Grant exactly the reservation, so allocation after it is
            // checked (and stressed) again.
            s.alloc_limit = s.alloc_ptr + bytes;
        } else if s.alloc_limit.saturating_sub(s.alloc_ptr) < bytes || s.gc_requested != 0 {
            g.collect(extra);
        }
    });
    0
}

/// Called by a trampoline when a runtime function returned with
/// `gc_requested` set or with less than `RUNTIME_CALL_ROOM` bytes below the
/// allocation limit: collects if needed, keeping the function's result alive,
/// so that compiled code may allocate that much after the call unchecked.
#[no_mangle]
pub extern "C" fn closc_rt_gc_after_call(result: Value) -> Value {
    GC.with(|g| {
        let s = state();
        let mut extra = [result];
        let room = (g.nursery_end as u64) - s.alloc_ptr;
        let mut collect = s.gc_requested != 0 || room < RUNTIME_CALL_ROOM;
        if g.stress_every > 0 {
            g.stress_count += 1;
            collect |= g.stress_count >= g.stress_every;
        }
        if collect {
            g.stress_count = 0;
            g.collect(&mut extra);
        }
        if g.stress_every > 0 {
            // Grant exactly the room, so later allocation is stressed again.
            s.alloc_limit = s.alloc_ptr + RUNTIME_CALL_ROOM;
        }
        extra[0]
    })
}

/// Write barrier slow path: `obj` (a tagged or raw object address outside the
/// nursery) now holds a young pointer.
#[no_mangle]
pub extern "C" fn closc_rt_remember(obj: u64, slot: u64) -> u64 {
    GC.with(|g| {
        if obj & TAG_MASK == TAG_PAIR {
            g.remember_pair(obj & !TAG_MASK)
        } else {
            g.remember_slot(obj & !TAG_MASK, slot)
        }
    });
    0
}

/// The write barrier for a group of new objects filled without one (the
/// records of a big closure group, `codegen/closures.rs`): remembers each of
/// the `n` objects at `objs` that is outside the nursery. One call instead of
/// a barrier per store keeps the code of a group of N records linear in N.
///
/// # Safety
///
/// `objs` points to `n` readable words, each a heap object's value.
#[no_mangle]
pub unsafe extern "C" fn closc_rt_remember_all(objs: *const u64, n: u64) -> u64 {
    // SAFETY: compiled code passes an array of `n` values in its frame.
    let objs = unsafe { std::slice::from_raw_parts(objs, n as usize) };
    let s = state();
    GC.with(|g| {
        for &obj in objs {
            let addr = obj & !TAG_MASK;
            if addr.wrapping_sub(s.nursery_start) >= s.nursery_size {
                g.remember_slot(addr, addr + 8);
            }
        }
    });
    0
}

/// Write barrier for runtime code: call after storing `value` into word
/// `field` of `obj` (0 = the header of a headed object; a pair's fields are
/// `PAIR_CAR_WORD` and `PAIR_CDR_WORD`).
#[inline]
pub fn write_barrier(obj: Value, field: usize, value: Value) {
    let s = state();
    let young = |x: u64| (x & !TAG_MASK).wrapping_sub(s.nursery_start) < s.nursery_size;
    if value & 1 != 0 && young(value) && !young(obj) {
        closc_rt_remember(obj, (obj & !TAG_MASK) + 8 * field as u64);
    }
}

/// How many collections (minor and major) have run: objects in the young
/// region may have moved when it changed. Read by hash tables that hash keys
/// by address (`builtins::hashtables`), which rehash lazily.
pub static COLLECTIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
/// How many major collections have run: any heap object (but a symbol) may
/// have moved when it changed.
pub static MAJOR_COLLECTIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// (collections, major collections) so far.
#[inline]
pub fn collection_epochs() -> (u64, u64) {
    use std::sync::atomic::Ordering::Relaxed;
    (COLLECTIONS.load(Relaxed), MAJOR_COLLECTIONS.load(Relaxed))
}

/// Whether heap value `v` is in the young region (the nursery or the
/// large-object nursery), so that the next collection of any kind moves it.
#[inline]
pub fn is_young(v: Value) -> bool {
    let s = state();
    (v & !TAG_MASK).wrapping_sub(s.nursery_start) < s.nursery_size
}

/// Allocation for runtime (Rust) code: never collects, so Rust locals stay
/// valid. When the nursery is full the object goes to the old generation and a
/// collection is requested for when control returns to compiled code.
/// The caller must write the header (and fields) before the next allocation.
pub fn alloc(words: usize) -> *mut u64 {
    let bytes = match words.checked_mul(8) {
        Some(b) if b <= isize::MAX as usize / 2 => b.max(8),
        _ => out_of_memory(),
    };
    GC.with(|g| {
        g.init();
        if let Some(keep) = g.direct_keep {
            return g.direct_alloc(bytes, keep) as *mut u64;
        }
        if bytes < LARGE_OBJECT_BYTES {
            if let Some(p) = g.nursery_alloc(bytes) {
                if g.stress_every > 0 {
                    state().gc_requested = 1;
                }
                return p as *mut u64;
            }
        } else if let Some(p) = g.young_large_alloc(bytes) {
            if g.stress_every > 0 || g.large_nursery_filling() {
                state().gc_requested = 1;
            }
            return p as *mut u64;
        }
        state().gc_requested = 1;
        g.pretenure(bytes, 0) as *mut u64
    })
}

/// `alloc` for a pair (two words, no header): an old one goes to a pair
/// chunk. The caller writes both fields before the next allocation.
pub fn alloc_pair() -> *mut u64 {
    GC.with(|g| {
        g.init();
        if let Some(keep) = g.direct_keep {
            let s = state();
            let room = (g.nursery_end as u64).saturating_sub(s.alloc_ptr);
            if g.stress_every == 0 && room >= keep + PAIR_BYTES as u64 {
                let p = s.alloc_ptr;
                s.alloc_ptr += PAIR_BYTES as u64;
                return p as *mut u64;
            }
            s.gc_requested = 1;
            s.alloc_limit = s.alloc_ptr;
            return g.pretenure_pair() as *mut u64;
        }
        if let Some(p) = g.nursery_alloc(PAIR_BYTES) {
            if g.stress_every > 0 {
                state().gc_requested = 1;
            }
            return p as *mut u64;
        }
        state().gc_requested = 1;
        g.pretenure_pair() as *mut u64
    })
}

/// Runs `f`, a runtime function that compiled code called *directly*: not
/// through a trampoline and without a stack map, so no collection may happen
/// until it returns. `keep` is the nursery room its caller reserved at entry
/// and has not used yet (see `codegen/reserve.rs`): objects `f` allocates
/// leave that much room, or go to the old generation, in which case a
/// collection is requested and the allocation limit lowered so that the
/// caller's next limit check (an entry reservation, an allocation, a poll)
/// collects soon.
pub fn direct_call<R>(keep: u64, f: impl FnOnce() -> R) -> R {
    GC.with(|g| g.direct_keep = Some(keep));
    let r = f();
    GC.with(|g| g.direct_keep = None);
    r
}

impl Gc {
    fn direct_alloc(&mut self, bytes: usize, keep: u64) -> u64 {
        let s = state();
        let room = (self.nursery_end as u64).saturating_sub(s.alloc_ptr);
        if self.stress_every == 0 && bytes < LARGE_OBJECT_BYTES && room >= keep + bytes as u64 {
            let p = s.alloc_ptr;
            s.alloc_ptr += bytes as u64;
            return p;
        }
        if bytes >= LARGE_OBJECT_BYTES {
            if let Some(p) = self.young_large_alloc(bytes) {
                if self.stress_every > 0 || self.large_nursery_filling() {
                    s.gc_requested = 1;
                    s.alloc_limit = s.alloc_ptr;
                }
                return p as u64;
            }
        }
        let p = self.pretenure(bytes, 0);
        s.gc_requested = 1;
        s.alloc_limit = s.alloc_ptr;
        p
    }
}

/// Takes the stack barrier out of the live stack, its slot getting the real
/// return address back: a continuation capture is about to seal the frames
/// it may be in. `fp` is the innermost frame's frame pointer; if a tail call
/// moved the barrier's frame since the collector last saw it, the walk from
/// `fp` finds where its return address is now.
pub fn remove_barrier(fp: u64) {
    GC.with(|g| {
        // The frames below the barrier are about to be sealed, and later
        // copied back and run without a collection seeing them.
        g.drop_barrier_stops();
        let Some(b) = g.barrier.take() else {
            return;
        };
        let addr = barrier::address();
        // SAFETY: the slot belongs to a frame that has not returned (a return
        // through the barrier clears it); `fp` and its callers up to the
        // barrier are live compiled frames.
        unsafe {
            if *(b.slot as *const u64) == addr {
                *(b.slot as *mut u64) = b.saved_ra;
                return;
            }
            for f in crate::memory::frames::live(fp) {
                if f.ra == addr {
                    *f.ra_slot = b.saved_ra;
                    return;
                }
                if f.ra_slot as u64 > b.slot || !g.is_compiled(f.ra) {
                    return;
                }
            }
        }
    })
}

/// The distance from the frame pointer of a frame stopped at return address
/// `ra` down to its stack pointer at that call, if `ra` is in compiled code.
pub fn frame_fp_to_sp(ra: u64) -> Option<u64> {
    GC.with(|g| {
        if g.code_bounds.0 <= ra && ra < g.code_bounds.1 {
            let i = g.code.partition_point(|c| c.start <= ra);
            let c = &g.code[i.checked_sub(1)?];
            (ra < c.end).then_some(c.fp_to_sp)
        } else {
            None
        }
    })
}

/// Whether `pc` is inside compiled code (and `barrier::address()`).
pub fn is_compiled_pc(pc: u64) -> bool {
    GC.with(|g| g.is_compiled(pc))
}

/// The start address and index of the compiled function containing `pc`.
pub fn code_function(pc: u64) -> Option<(u64, usize)> {
    GC.with(|g| {
        let i = g.code.partition_point(|c| c.start <= pc);
        (i > 0 && pc < g.code[i - 1].end).then(|| (g.code[i - 1].start, i - 1))
    })
}

/// The address of the stack-barrier code (a return address to skip over).
pub fn barrier_address() -> u64 {
    barrier::address()
}

/// Control left the runtime by a non-local jump (a continuation was resumed or
/// an exception raised): the stack below the jump target was replaced or
/// abandoned, so the barrier is gone, and no direct call is in progress.
pub fn after_nonlocal_exit(stack_replaced: bool) {
    GC.with(|g| {
        if stack_replaced {
            g.barrier = None;
            g.drop_barrier_stops();
        }
        g.direct_keep = None;
    });
}

/// Registers a table of `n` root slots (globals, constants).
pub fn register_roots(ptr: usize, n: usize) {
    GC.with(|g| g.roots.push((ptr, n)));
}

/// Registers the stack-map table codegen emitted, as 64-bit words:
/// `[nfuncs]`, then per function `[code address] [code length] [fp-to-sp]
/// [nsafepoints]` and per safepoint `[return-address offset] [nslots]
/// [slot offset]...` (offsets from the stack pointer at the call).
#[allow(clippy::not_unsafe_ptr_arg_deref)]
#[no_mangle]
pub extern "C" fn closc_rt_register_code(table: *const u64) -> u64 {
    let mut at = 0usize;
    let mut next = || {
        // SAFETY: codegen emitted a well-formed table of this shape.
        let w = unsafe { *table.add(at) };
        at += 1;
        w
    };
    let nfuncs = next();
    let mut infos = Vec::with_capacity(nfuncs as usize);
    for _ in 0..nfuncs {
        let start = next();
        let len = next();
        let fp_to_sp = next();
        let nsafepoints = next();
        let mut safepoints = Vec::with_capacity(nsafepoints as usize);
        for _ in 0..nsafepoints {
            let offset = next() as u32;
            let nslots = next();
            let slots = (0..nslots).map(|_| next() as u32).collect();
            safepoints.push((offset, slots));
        }
        safepoints.sort_by_key(|s: &(u32, Vec<u32>)| s.0);
        infos.push(CodeInfo {
            start,
            end: start + len,
            fp_to_sp,
            safepoints,
        });
    }
    GC.with(|g| {
        g.init();
        g.code.extend(infos);
        g.code.sort_by_key(|c| c.start);
        g.code_bounds = (
            g.code.first().map_or(0, |c| c.start),
            g.code.iter().map(|c| c.end).max().unwrap_or(0),
        );
    });
    0
}

/// Whether `pc` is in compiled Scheme code, for a signal handler on the
/// Scheme thread (the REPL's interrupt): it reads the code table without the
/// `Global` check, as the interrupted code may be inside `GC.with`; the table
/// changes only when a program starts (`closc_rt_register_code`).
pub fn pc_in_compiled_code_from_signal(pc: u64) -> bool {
    // SAFETY: see above; a read-only look at a table that is not being changed.
    unsafe { (*GC.as_ptr()).is_compiled(pc) }
}

/// What the end of a collection tells a weak table (`set_after_collection`):
/// for a heap value from before the collection, its value now, or `None`
/// when nothing reached its object.
pub type AfterCollection = fn(survivor: &mut dyn FnMut(Value) -> Option<Value>);

static MAJOR_REQUESTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks for a major collection when the running runtime call returns (the
/// weak table's owner needs its unreachable objects found now).
pub fn request_major_collection() {
    MAJOR_REQUESTED.store(true, std::sync::atomic::Ordering::Relaxed);
    state().gc_requested = 1;
}

/// Whether a major collection was asked for; clears the request.
pub(super) fn take_major_request() -> bool {
    MAJOR_REQUESTED.swap(false, std::sync::atomic::Ordering::Relaxed)
}

/// The one weak table: file ports nothing references any more are closed
/// (`io::files::sweep_unreachable_ports`).
static AFTER_COLLECTION: Global<Option<AfterCollection>> = Global::new(None);

/// Sets the function every collection calls once everything live has been
/// copied, before from-space is released.
pub fn set_after_collection(f: AfterCollection) {
    AFTER_COLLECTION.with(|a| *a = Some(f));
}

impl Gc {
    /// Calls the `set_after_collection` function, if any.
    pub(super) fn after_collection(&self) {
        let Some(f) = AFTER_COLLECTION.with(|a| *a) else {
            return;
        };
        f(&mut |v| {
            let addr = v & !TAG_MASK;
            if v & 1 == 0 || v & TAG_MASK == TAG_IMMEDIATE {
                return Some(v);
            }
            if !self.in_from_space(addr) {
                return (!self.unmarked_old(addr)).then_some(v);
            }
            if v & TAG_MASK == TAG_PAIR {
                // SAFETY: a from-space pair: both words are still readable.
                let (a, d) = unsafe { (*(addr as *const u64), *((addr + 8) as *const u64)) };
                return (a == PAIR_FORWARDED).then_some(d);
            }
            // SAFETY: a from-space object: its header is still readable.
            let h = unsafe { *(addr as *const u64) };
            (header_kind(h) == HDR_FORWARDED).then_some((h >> HEADER_SIZE_SHIFT) | (v & TAG_MASK))
        });
    }
}
