//! The garbage collector: a precise, generational, copying collector.
//!
//! **Generations.** New objects are bump-allocated in the *nursery*, one
//! contiguous region. Compiled code allocates inline: it bumps
//! `closc_heap_state.alloc_ptr` and calls `closc_rt_alloc_slow` only when it
//! passes `alloc_limit`. A *minor* collection copies the nursery's survivors
//! into the *old generation* (all of them: en-masse promotion) and empties the
//! nursery. The old generation is a list of chunks; a *major* collection copies
//! everything reachable into fresh chunks and frees the old ones, so the heap
//! grows with the live set and shrinks back after it. Both collections are
//! Cheney-style copies driven by an explicit worklist.
//!
//! **Roots.** Found exactly, never by scanning the native stack conservatively:
//! - Scheme frames: codegen declares every value that may hold a heap pointer
//!   as needing a stack map, and registers a table (`closc_rt_register_code`)
//!   giving, per compiled function, its code range, the distance from its frame
//!   pointer to its stack pointer, and per call site (keyed by return address)
//!   the stack offsets of live values. The collector walks the frame-pointer
//!   chain from `last_fp`, the frame of the compiled trampoline through which
//!   compiled code entered the runtime, and stops at the first return address
//!   outside compiled code (the Rust frame that called `closc_entry`).
//! - the global-variable and constant tables (`closc_rt_register_globals`);
//! - values handed in explicitly (the result of a runtime call).
//!
//! Symbols and their names are *immortal*: allocated outside the heap, never
//! moved or freed, and holding no heap pointers, so the symbol table is no root.
//!
//! **Runtime code never sees objects move.** A collection starts only from
//! compiled code: in `closc_rt_alloc_slow`, or when a runtime function returns
//! through its trampoline with `gc_requested` set. Rust code that allocates
//! while the nursery is full gets old-generation memory instead, and the object
//! is put in the remembered set (it may be filled with young pointers).
//!
//! **Write barrier.** Compiled code, after storing a young value into an object
//! outside the nursery (`set-car!`, `set-cdr!`, `vector-set!`, boxes, closure
//! records filled after another allocation), calls `closc_rt_remember`; runtime
//! mutators call `write_barrier`. The remembered set holds whole objects, each
//! once (a header bit marks membership); a minor collection scans their fields
//! as roots. Globals need no barrier: their table is always a root.
//!
//! **Knobs** (environment): `CLOSC_GC_STRESS=N` collects at every Nth
//! allocation (1 = every allocation); `CLOSC_HEAP_MAX=512M` caps the heap (out
//! of memory is a clean error, status 1); `CLOSC_GC_STATS=1` prints statistics
//! to stderr at exit (collections, bytes, pauses, and the closure records,
//! boxes, pairs and flonums allocated in the nursery, counted by walking it
//! before each collection and at exit); `CLOSC_NURSERY=4M` sets the nursery
//! size.

use crate::memory::frames::{self, Frame};
use crate::memory::global::Global;
use crate::memory::value::*;
use std::time::{Duration, Instant};

/// State compiled code reads and writes directly; field offsets are part of the
/// ABI (`HEAP_*` constants in `value.rs`).
#[repr(C)]
pub struct HeapState {
    pub alloc_ptr: u64,
    pub alloc_limit: u64,
    pub nursery_start: u64,
    pub nursery_size: u64,
    /// Frame pointer of the trampoline through which compiled code last entered
    /// a runtime function that may allocate (0 outside such a call).
    pub last_fp: u64,
    /// Set by runtime allocations that went to the old generation; compiled
    /// trampolines collect on return when it is set.
    pub gc_requested: u64,
    /// Handed from a lambda's entry check to `closc_gc_reenter_N` (in memory
    /// rather than as arguments, so the tail call needs no stack arguments).
    pub reenter_code: u64,
    pub reenter_bytes: u64,
    /// The sequential store buffer: compiled code's write barrier appends
    /// object addresses here inline (no call); when it is full it sets
    /// `ssb_overflow` instead, and the next collection is a major one.
    pub ssb_ptr: u64,
    pub ssb_end: u64,
    pub ssb_overflow: u64,
    /// Result of the last direct call (see `direct_call`): the adapter that
    /// makes such calls preserves every register and so returns nothing.
    pub direct_result: u64,
    /// The function and arguments of a direct call, passed in memory so the
    /// call site pins no register.
    pub direct_fn: u64,
    pub direct_args: [u64; 3],
    /// Frame pointer of `closc_entry`: every Scheme frame lies below it (a
    /// captured continuation saves the stack up to here, `continuations.rs`).
    pub stack_base: u64,
    /// Frame pointer of the direct-call adapter while it runs (0 otherwise):
    /// where a runtime error raised inside a direct call unwinds from.
    pub direct_fp: u64,
    /// Handed from the runtime to `closc_raise_pending` (`exceptions.rs`):
    /// the handler to call and the raised object. Roots while set.
    pub pending_handler: u64,
    pub pending_obj: u64,
    /// Address of the compiled `closc_raise_pending`.
    pub raise_entry: u64,
}

#[no_mangle]
pub static mut closc_heap_state: HeapState = HeapState {
    alloc_ptr: 0,
    alloc_limit: 0,
    nursery_start: 0,
    nursery_size: 0,
    last_fp: 0,
    gc_requested: 0,
    reenter_code: 0,
    reenter_bytes: 0,
    ssb_ptr: 0,
    ssb_end: 0,
    ssb_overflow: 0,
    direct_result: 0,
    direct_fn: 0,
    direct_args: [0; 3],
    stack_base: 0,
    direct_fp: 0,
    pending_handler: 0,
    pending_obj: 0,
    raise_entry: 0,
};

fn state() -> &'static mut HeapState {
    // SAFETY: only the Scheme thread touches the heap state (see `global.rs`);
    // compiled code accesses it between runtime calls, never concurrently.
    unsafe { &mut *std::ptr::addr_of_mut!(closc_heap_state) }
}

const DEFAULT_NURSERY: usize = 4 << 20;
const CHUNK_BYTES: usize = 4 << 20;
/// Objects at least this big skip the nursery.
const LARGE_OBJECT_BYTES: usize = 256 << 10;
/// The old generation may grow to at least this much before a major collection.
const MIN_MAJOR_THRESHOLD: usize = 64 << 20;
/// With a big old generation, a major collection at least each time the
/// program has allocated this many times the old generation's size.
const SHRINK_AFTER_ALLOCATING: u64 = 8;

#[derive(Clone, Copy)]
struct Chunk {
    start: usize,
    top: usize,
    end: usize,
}

struct Large {
    start: usize,
    end: usize,
    marked: bool,
    /// Card marks: `cards[i]` is set when bytes `[start + i*CARD, start +
    /// (i+1)*CARD)` gained a young pointer since the last collection.
    cards: Vec<bool>,
    dirty: bool,
}

/// Capacity of the store buffer, in object addresses.
const SSB_ENTRIES: usize = 1 << 16;

/// Bytes per card of a large object's card table.
const CARD: usize = 512;

/// One compiled function's stack-map information.
struct CodeInfo {
    start: u64,
    end: u64,
    fp_to_sp: u64,
    /// (return-address offset, stack offsets of live values), sorted by offset.
    safepoints: Vec<(u32, Vec<u32>)>,
}

struct Stats {
    minor: u64,
    major: u64,
    allocated: u64,
    copied_minor: u64,
    copied_major: u64,
    max_pause: Duration,
    total_pause: Duration,
    peak_heap: u64,
    /// Objects allocated in the nursery, by header kind (counted only for
    /// `CLOSC_GC_STATS`, from the nursery's contents before each collection).
    objects: Vec<u64>,
}

/// Adds the objects laid out one after another in `[start, end)` (the used
/// part of the nursery) to `counts`, by header kind.
fn count_objects(start: usize, end: usize, counts: &mut Vec<u64>) {
    counts.resize(128, 0);
    let mut p = start;
    while p < end {
        // SAFETY: the used part of the nursery is a sequence of objects, each
        // starting with its header (allocation writes it first), and `end`
        // is the allocation pointer.
        let h = unsafe { *(p as *const u64) };
        let kind = header_kind(h) as usize;
        if kind == 0 {
            break;
        }
        counts[kind] += 1;
        p += 8 * object_words(h);
    }
}

struct Gc {
    initialized: bool,
    nursery_end: usize,
    old: Vec<Chunk>,
    /// Evacuated standard-size chunks kept mapped for reuse: mapping fresh
    /// memory costs a page fault per page (deeprec spent 30% of its time in
    /// the kernel). Bounded by `chunk_pool_limit`.
    free_chunks: Vec<usize>,
    old_bytes: usize,
    /// Large objects, each in its own mapping, sorted by start: never copied,
    /// marked during a major collection and freed when unmarked after it.
    large: Vec<Large>,
    /// During a major collection: the chunks being evacuated, sorted by start.
    from_space: Vec<Chunk>,
    major_in_progress: bool,
    remembered: Vec<u64>,
    /// Start of the store buffer (see `HeapState::ssb_ptr`).
    ssb_start: u64,
    /// Large objects with dirty cards (by start address).
    dirty_large: Vec<usize>,
    roots: Vec<(usize, usize)>,
    code: Vec<CodeInfo>,
    /// Lowest start and highest end of `code`.
    code_bounds: (u64, u64),
    worklist: Vec<u64>,
    stress_every: u64,
    stress_count: u64,
    heap_max: usize,
    major_threshold: usize,
    /// `stats.allocated` at the last major collection.
    allocated_at_major: u64,
    stats: Stats,
    print_stats: bool,
    barrier: Option<Barrier>,
    /// Inside a direct call (see `direct_call`): the bytes of nursery room the
    /// compiled caller has reserved and must keep; `None` otherwise.
    direct_keep: Option<u64>,
}

/// Where the stack barrier is: the return-address slot it replaced.
#[derive(Clone, Copy)]
struct Barrier {
    slot: u64,
    saved_ra: u64,
}

static GC: Global<Gc> = Global::new(Gc {
    initialized: false,
    nursery_end: 0,
    old: Vec::new(),
    free_chunks: Vec::new(),
    large: Vec::new(),
    old_bytes: 0,
    from_space: Vec::new(),
    major_in_progress: false,
    remembered: Vec::new(),
    ssb_start: 0,
    dirty_large: Vec::new(),
    roots: Vec::new(),
    code: Vec::new(),
    code_bounds: (0, 0),
    worklist: Vec::new(),
    stress_every: 0,
    stress_count: 0,
    heap_max: usize::MAX,
    major_threshold: 0,
    allocated_at_major: 0,
    stats: Stats {
        minor: 0,
        major: 0,
        allocated: 0,
        copied_minor: 0,
        copied_major: 0,
        max_pause: Duration::ZERO,
        total_pause: Duration::ZERO,
        peak_heap: 0,
        objects: Vec::new(),
    },
    print_stats: false,
    barrier: None,
    direct_keep: None,
});

fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1usize << 10),
        'm' | 'M' => (&s[..s.len() - 1], 1 << 20),
        'g' | 'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.trim().parse::<usize>().ok()?.checked_mul(mult)
}

fn physical_memory() -> usize {
    // SAFETY: sysconf has no preconditions.
    let (pages, size) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    if pages > 0 && size > 0 {
        pages as usize * size as usize
    } else {
        8 << 30
    }
}

fn map_chunk(bytes: usize) -> usize {
    // SAFETY: an anonymous private mapping; the result is checked.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            bytes,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        out_of_memory();
    }
    p as usize
}

fn unmap_chunk(c: &Chunk) {
    // SAFETY: the chunk was mapped by `map_chunk` with this size and nothing
    // refers to it any more (it was evacuated).
    unsafe { libc::munmap(c.start as *mut libc::c_void, c.end - c.start) };
}

/// The heap cap, readable without entering `GC` (out-of-memory reports
/// happen while it is held).
static HEAP_MAX: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(usize::MAX);

fn out_of_memory() -> ! {
    let max = HEAP_MAX.load(std::sync::atomic::Ordering::Relaxed);
    if max == usize::MAX || max >= physical_memory() {
        crate::error::fatal_unrecoverable("out of memory")
    }
    crate::error::fatal_unrecoverable(&format!(
        "out of memory (heap limit {} MiB reached)",
        max >> 20
    ))
}

/// Number of words of the object whose header is `h`.
#[inline]
fn object_words(h: u64) -> usize {
    match header_kind(h) {
        HDR_PAIR => 3,
        _ => 1 + header_size(h) as usize,
    }
}

impl Gc {
    fn init(&mut self) {
        if self.initialized {
            return;
        }
        self.initialized = true;
        let env = |k: &str| std::env::var(k).ok();
        let nursery = env("CLOSC_NURSERY")
            .and_then(|s| parse_size(&s))
            .unwrap_or(DEFAULT_NURSERY)
            .max(64 << 10);
        self.stress_every = env("CLOSC_GC_STRESS")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        self.heap_max = env("CLOSC_HEAP_MAX")
            .and_then(|s| parse_size(&s))
            .unwrap_or(physical_memory() / 3);
        HEAP_MAX.store(self.heap_max, std::sync::atomic::Ordering::Relaxed);
        self.print_stats = env("CLOSC_GC_STATS").is_some_and(|s| !s.is_empty() && s != "0");
        self.major_threshold = MIN_MAJOR_THRESHOLD.min(self.heap_max);
        let start = map_chunk(nursery);
        self.nursery_end = start + nursery;
        let ssb = map_chunk(SSB_ENTRIES * 8);
        self.ssb_start = ssb as u64;
        state().ssb_ptr = ssb as u64;
        state().ssb_end = (ssb + SSB_ENTRIES * 8) as u64;
        let s = state();
        s.nursery_start = start as u64;
        s.nursery_size = nursery as u64;
        s.alloc_ptr = start as u64;
        s.alloc_limit = if self.stress_every > 0 {
            start as u64
        } else {
            self.nursery_end as u64
        };
        self.note_heap_size();
    }

    /// How many evacuated chunks to keep for reuse after a major
    /// collection: as many as the survivors fill (the next major collection
    /// needs that much to-space), within the heap cap. So the heap still
    /// shrinks back when the live set does.
    fn chunk_pool_limit(&self) -> usize {
        let live = self.old_bytes.max(MIN_MAJOR_THRESHOLD);
        let room = self.heap_max.saturating_sub(self.old_bytes);
        live.min(room) / CHUNK_BYTES
    }

    fn heap_bytes(&self) -> usize {
        self.old.iter().map(|c| c.end - c.start).sum::<usize>()
            + self.large.iter().map(|l| l.end - l.start).sum::<usize>()
            + state().nursery_size as usize
    }

    fn note_heap_size(&mut self) {
        let h = self.heap_bytes() as u64
            + self
                .from_space
                .iter()
                .map(|c| (c.end - c.start) as u64)
                .sum::<u64>();
        self.stats.peak_heap = self.stats.peak_heap.max(h);
    }

    /// Allocates `bytes` in the old generation (collection target or pretenuring).
    #[inline]
    fn old_alloc(&mut self, bytes: usize) -> usize {
        if let Some(c) = self.old.last_mut() {
            if c.end - c.top >= bytes {
                let p = c.top;
                c.top += bytes;
                self.old_bytes += bytes;
                return p;
            }
        }
        self.old_alloc_in_new_chunk(bytes)
    }

    #[cold]
    #[inline(never)]
    fn old_alloc_in_new_chunk(&mut self, bytes: usize) -> usize {
        let size = if bytes > CHUNK_BYTES / 2 {
            bytes.next_multiple_of(4096)
        } else {
            CHUNK_BYTES
        };
        if !self.major_in_progress
            && self.heap_bytes() + size
                > self.heap_max.saturating_add(state().nursery_size as usize)
        {
            out_of_memory();
        }
        let pooled = if size == CHUNK_BYTES {
            self.free_chunks.pop()
        } else {
            None
        };
        let start = pooled.unwrap_or_else(|| map_chunk(size));
        let chunk = Chunk {
            start,
            top: start + bytes,
            end: start + size,
        };
        // Keep the partly used current chunk last when this is a one-off big chunk.
        if size > CHUNK_BYTES && !self.old.is_empty() {
            let last = self.old.len() - 1;
            self.old.insert(last, chunk);
        } else {
            self.old.push(chunk);
        }
        self.old_bytes += bytes;
        self.note_heap_size();
        start
    }

    fn in_nursery(&self, addr: u64) -> bool {
        addr.wrapping_sub(state().nursery_start) < state().nursery_size
    }

    fn in_from_space(&self, addr: u64) -> bool {
        if self.in_nursery(addr) {
            return true;
        }
        if !self.major_in_progress {
            return false;
        }
        let a = addr as usize;
        let i = self.from_space.partition_point(|c| c.start <= a);
        i > 0 && a < self.from_space[i - 1].end
    }

    /// The new location of `v`, copying its object out of from-space if needed.
    #[inline]
    fn forward(&mut self, v: Value) -> Value {
        if v & 1 == 0 || v & TAG_MASK == TAG_IMMEDIATE {
            return v;
        }
        let addr = v & !TAG_MASK;
        if !self.in_from_space(addr) {
            if self.major_in_progress {
                self.mark_large(addr);
            }
            return v;
        }
        let p = addr as *mut u64;
        // SAFETY: `addr` is a heap object in from-space: readable, with a header.
        let h = unsafe { *p };
        if header_kind(h) == HDR_FORWARDED {
            return (h >> HEADER_SIZE_SHIFT) | (v & TAG_MASK);
        }
        let words = object_words(h);
        let dst = self.old_alloc(words * 8);
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
        } else {
            self.stats.copied_minor += words as u64 * 8;
        }
        // Strings and bytevectors hold no pointers: nothing to scan.
        if !matches!(header_kind(h), HDR_STRING | HDR_BYTEVECTOR) {
            self.worklist.push(dst as u64);
        }
        dst as u64 | (v & TAG_MASK)
    }

    /// During a major collection: marks the large object at `addr` (if it is
    /// one) and queues it for scanning the first time.
    fn mark_large(&mut self, addr: u64) {
        let a = addr as usize;
        let i = self.large.partition_point(|l| l.start <= a);
        if i > 0 && a < self.large[i - 1].end && !self.large[i - 1].marked {
            self.large[i - 1].marked = true;
            self.worklist.push(self.large[i - 1].start as u64);
        }
    }

    #[inline(always)]
    fn forward_slot(&mut self, slot: *mut u64) {
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

    /// Forwards every pointer field of the object at `addr`.
    fn scan_object(&mut self, addr: u64) {
        let p = addr as *mut u64;
        // SAFETY: `addr` is a live, initialised heap object.
        let h = unsafe { *p };
        let (first, count) = match header_kind(h) {
            HDR_PAIR => (1, 2),
            HDR_CLOSURE => (3, header_size(h) as usize - 2),
            HDR_ENV => (1, header_size(h) as usize),
            HDR_BOX => (1, 1),
            HDR_VECTOR => (1, header_size(h) as usize),
            HDR_RATNUM => (1, 2),
            HDR_RECORD | HDR_VALUES | HDR_PORT | HDR_RECORD_TYPE | HDR_CONDITION => {
                (1, header_size(h) as usize)
            }
            HDR_CONTINUATION => {
                self.scan_continuation(addr);
                return;
            }
            _ => (0, 0),
        };
        for i in first..first + count {
            // SAFETY: field `i` is inside the object.
            self.forward_slot(unsafe { p.add(i) });
        }
    }

    /// Forwards the live values in the frames of a saved stack segment (a
    /// continuation object, layout in `continuations.rs`): the same walk as
    /// `scan_stack`, with stack addresses translated into the copy.
    fn scan_continuation(&mut self, addr: u64) {
        let p = addr as *mut u64;
        // SAFETY: a continuation object: fixed fields, then `nbytes` of stack.
        let (sp, fp0, nbytes) = unsafe { (*p.add(K_SP), *p.add(K_FP), *p.add(K_NBYTES)) };
        let buf = addr + 8 * K_BYTES as u64;
        // SAFETY: the segment's `nbytes` bytes follow the fixed fields.
        let mut frames = unsafe { frames::saved(fp0, sp, nbytes, buf) };
        while let Some(Frame { caller_fp, ra, .. }) = frames.next() {
            let i = self.code.partition_point(|c| c.start <= ra);
            if i == 0 || ra >= self.code[i - 1].end {
                break;
            }
            let ci = i - 1;
            let offset = (ra - self.code[ci].start) as u32;
            if let Ok(k) = self.code[ci]
                .safepoints
                .binary_search_by_key(&offset, |s| s.0)
            {
                let csp = caller_fp.wrapping_sub(self.code[ci].fp_to_sp);
                for j in 0..self.code[ci].safepoints[k].1.len() {
                    let o = self.code[ci].safepoints[k].1[j] as u64;
                    if let Some(slot) = frames.slot(csp + o) {
                        self.forward_slot(slot);
                    }
                }
            }
        }
    }

    /// Forwards the live values of Scheme frames, walking the frame-pointer
    /// chain from the trampoline frame at `last_fp`. A minor collection stops
    /// at the stack barrier: frames below it have not run since the previous
    /// collection, so they hold no young pointers. Returns the frame pointer of
    /// the first (innermost) Scheme frame, if any.
    fn scan_stack(&mut self, major: bool) -> Option<u64> {
        let fp = state().last_fp;
        if fp == 0 {
            return None;
        }
        let mut first = None;
        // Deep recursion repeats the same return address frame after frame:
        // remember the last lookup.
        let mut cached: Option<(u64, usize, Option<usize>)> = None;
        // SAFETY: `last_fp` is the trampoline's frame, and the walk stops at
        // the first frame that does not return into compiled code, so every
        // frame it reads is a live compiled frame.
        for frame in unsafe { frames::live(fp) } {
            let (caller_fp, mut ra) = (frame.caller_fp, frame.ra);
            if ra == barrier::address() {
                // The barrier's frame may have moved (a tail call with more
                // stack arguments copies the return address): this is where
                // its return address lives now.
                if let Some(b) = self.barrier.as_mut() {
                    b.slot = frame.ra_slot as u64;
                }
                if !major {
                    break;
                }
                ra = self.barrier.map_or(0, |b| b.saved_ra);
            }
            let (ci, safepoint) = match cached {
                Some((cra, ci, k)) if cra == ra => (ci, k),
                _ => {
                    let i = self.code.partition_point(|c| c.start <= ra);
                    if i == 0 || ra >= self.code[i - 1].end {
                        break;
                    }
                    let info = &self.code[i - 1];
                    let offset = (ra - info.start) as u32;
                    let k = info.safepoints.binary_search_by_key(&offset, |s| s.0).ok();
                    cached = Some((ra, i - 1, k));
                    (i - 1, k)
                }
            };
            first.get_or_insert(caller_fp);
            if let Some(k) = safepoint {
                let sp = caller_fp - self.code[ci].fp_to_sp;
                for j in 0..self.code[ci].safepoints[k].1.len() {
                    let o = self.code[ci].safepoints[k].1[j];
                    self.forward_slot((sp + o as u64) as *mut u64);
                }
            }
        }
        first
    }

    /// Moves the stack barrier to the return address of frame `fp` (the
    /// innermost Scheme frame), if that frame returns into a Scheme frame.
    fn install_barrier(&mut self, fp: Option<u64>) {
        if !barrier::SUPPORTED {
            return;
        }
        if let Some(b) = self.barrier.take() {
            // SAFETY: the slot belongs to a frame that has not returned yet (a
            // return through the barrier clears `self.barrier`), and the stack
            // walk just before this updated it to where that frame's return
            // address is now.
            unsafe {
                if *(b.slot as *const u64) == barrier::address() {
                    *(b.slot as *mut u64) = b.saved_ra;
                }
            }
        }
        let Some(fp) = fp else { return };
        let slot = fp + 8;
        // SAFETY: `fp` is a live compiled frame's frame pointer.
        let ra = unsafe { *(slot as *const u64) };
        if self.is_compiled(ra) {
            // SAFETY: as above; the frame will return through the barrier.
            unsafe { *(slot as *mut u64) = barrier::address() };
            self.barrier = Some(Barrier { slot, saved_ra: ra });
        }
    }

    /// The code range of the compiled function containing `pc`, if any.
    fn code_range(&self, pc: u64) -> Option<(u64, u64)> {
        if self.code_bounds.0 <= pc && pc < self.code_bounds.1 {
            let i = self.code.partition_point(|c| c.start <= pc);
            let c = &self.code[i.checked_sub(1)?];
            (pc < c.end).then_some((c.start, c.end))
        } else {
            None
        }
    }

    pub(crate) fn is_compiled(&self, pc: u64) -> bool {
        self.code_range(pc).is_some()
    }

    fn collect(&mut self, extra: &mut [Value]) {
        let started = Instant::now();
        let s = state();
        self.check_nursery_bound();
        let used = s.alloc_ptr - s.nursery_start;
        self.stats.allocated += used;
        if self.print_stats {
            count_objects(
                s.nursery_start as usize,
                s.alloc_ptr as usize,
                &mut self.stats.objects,
            );
        }
        // A major collection when the old generation outgrew its threshold, and
        // now and then anyway while it is big, so that memory a program stopped
        // using (a dropped large structure) is given back.
        let major = s.ssb_overflow != 0
            || self.old_bytes + used as usize > self.major_threshold
            || (self.old_bytes > MIN_MAJOR_THRESHOLD
                && self.stats.allocated - self.allocated_at_major
                    > SHRINK_AFTER_ALLOCATING * self.old_bytes as u64);
        if major {
            self.allocated_at_major = self.stats.allocated;
        }
        if major {
            self.stats.major += 1;
            self.major_in_progress = true;
            let mut from = std::mem::take(&mut self.old);
            from.sort_by_key(|c| c.start);
            self.from_space = from;
            self.old_bytes = 0;
            for &r in &self.remembered {
                // SAFETY: remembered entries are live object addresses.
                unsafe { *(r as *mut u64) &= !REMEMBERED_BIT };
            }
            self.remembered.clear();
            // Store-buffer entries point into from-space; a major collection
            // needs no remembered set.
            s.ssb_ptr = self.ssb_start;
            s.ssb_overflow = 0;
            for l in self.large.iter_mut() {
                l.dirty = false;
                l.cards.iter_mut().for_each(|c| *c = false);
            }
            self.dirty_large.clear();
        } else {
            self.stats.minor += 1;
        }
        let innermost = self.scan_stack(major);
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
        if !major {
            let remembered = std::mem::take(&mut self.remembered);
            for &r in &remembered {
                // SAFETY: a remembered object is live and initialised.
                unsafe { *(r as *mut u64) &= !REMEMBERED_BIT };
                self.scan_object(r);
            }
            for start in std::mem::take(&mut self.dirty_large) {
                self.scan_dirty_cards(start);
            }
            let mut entry = self.ssb_start;
            while entry < s.ssb_ptr {
                // SAFETY: entries below `ssb_ptr` are addresses of live old
                // objects that compiled code marked remembered.
                let r = unsafe { *(entry as *const u64) };
                if r & 1 != 0 {
                    // A slot of a big vector.
                    self.forward_slot((r & !1) as *mut u64);
                } else {
                    // SAFETY: as above.
                    unsafe { *(r as *mut u64) &= !REMEMBERED_BIT };
                    self.scan_object(r);
                }
                entry += 8;
            }
            s.ssb_ptr = self.ssb_start;
        }
        while let Some(obj) = self.worklist.pop() {
            self.scan_object(obj);
        }
        if major {
            self.note_heap_size();
            let pool_limit = self.chunk_pool_limit();
            for c in std::mem::take(&mut self.from_space) {
                if c.end - c.start == CHUNK_BYTES && self.free_chunks.len() < pool_limit {
                    self.free_chunks.push(c.start);
                } else {
                    unmap_chunk(&c);
                }
            }
            self.major_in_progress = false;
            let mut survivors = Vec::new();
            for mut l in std::mem::take(&mut self.large) {
                if l.marked {
                    l.marked = false;
                    self.old_bytes += l.end - l.start;
                    survivors.push(l);
                } else {
                    unmap_chunk(&Chunk {
                        start: l.start,
                        top: l.end,
                        end: l.end,
                    });
                }
            }
            self.large = survivors;
            // Not even one nursery's worth of room left under the cap: the
            // program would only thrash in major collections until it died.
            if self.old_bytes.saturating_add(state().nursery_size as usize) > self.heap_max {
                out_of_memory();
            }
            self.major_threshold = (self.old_bytes * 3)
                .max(MIN_MAJOR_THRESHOLD)
                .min(self.heap_max.max(1));
        }
        if cfg!(debug_assertions) {
            // Poison the evacuated part of the nursery so stale pointers fail loudly.
            // SAFETY: the nursery is mapped and everything in it was evacuated.
            unsafe {
                std::ptr::write_bytes(
                    s.nursery_start as *mut u8,
                    0xAB,
                    (s.alloc_ptr - s.nursery_start) as usize,
                )
            };
        }
        s.alloc_ptr = s.nursery_start;
        s.alloc_limit = if self.stress_every > 0 {
            s.alloc_ptr
        } else {
            self.nursery_end as u64
        };
        s.gc_requested = 0;
        self.install_barrier(innermost);
        self.note_heap_size();
        let pause = started.elapsed();
        self.stats.total_pause += pause;
        self.stats.max_pause = self.stats.max_pause.max(pause);
    }

    /// Compiled code bumped past the nursery without a limit check: whatever
    /// lies beyond has been overwritten. A codegen bug; never let it pass.
    fn check_nursery_bound(&self) {
        if state().alloc_ptr > self.nursery_end as u64 {
            crate::error::internal("allocation overran the nursery");
        }
    }

    /// Bump-allocates in the nursery if there is room (ignoring the stress limit).
    fn nursery_alloc(&mut self, bytes: usize) -> Option<u64> {
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
    fn scan_dirty_cards(&mut self, start: usize) {
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
            _ => 0,
        };
        let (lo, hi) = (start + 8, start + 8 + 8 * fields);
        for c in 0..self.large[l].cards.len() {
            if !std::mem::replace(&mut self.large[l].cards[c], false) {
                continue;
            }
            let from = (start + c * CARD).max(lo);
            let to = (start + (c + 1) * CARD).min(hi);
            let mut slot = from;
            while slot < to {
                self.forward_slot(slot as *mut u64);
                slot += 8;
            }
        }
    }

    /// Write barrier slow path for the object at `addr` whose field at `slot`
    /// now holds a young pointer: a large object marks the slot's card, any
    /// other object joins the remembered set.
    fn remember_slot(&mut self, addr: u64, slot: u64) {
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

    fn remember(&mut self, addr: u64) {
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
    fn pretenure(&mut self, bytes: usize, header: u64) -> u64 {
        let p = if bytes >= LARGE_OBJECT_BYTES {
            let size = bytes.next_multiple_of(4096);
            if self.heap_bytes() + size
                > self.heap_max.saturating_add(state().nursery_size as usize)
            {
                out_of_memory();
            }
            let start = map_chunk(size);
            let i = self.large.partition_point(|l| l.start <= start);
            self.large.insert(
                i,
                Large {
                    start,
                    end: start + size,
                    marked: false,
                    cards: vec![false; size.div_ceil(CARD)],
                    dirty: false,
                },
            );
            self.old_bytes += size;
            self.note_heap_size();
            start as u64
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

/// The stack barrier: a return address planted in the innermost Scheme frame
/// at each collection. Frames below it cannot run until that frame returns,
/// so they cannot have gained young pointers: a minor collection scans only the
/// frames above it, which keeps collections cheap under deep recursion. When
/// the frame returns, the barrier code asks the runtime for the real return
/// address, which also moves the barrier one frame down, and jumps there with
/// the return value intact.
mod barrier {
    #[cfg(target_arch = "x86_64")]
    pub const SUPPORTED: bool = true;
    #[cfg(not(target_arch = "x86_64"))]
    pub const SUPPORTED: bool = false;

    #[cfg(target_arch = "x86_64")]
    std::arch::global_asm!(
        ".text",
        ".globl closc_stack_barrier",
        ".p2align 4",
        "closc_stack_barrier:",
        // Returned into with rsp 16-byte aligned, rax = result, rbp = the
        // frame pointer of the frame being returned into.
        "push rax",
        "sub rsp, 8",
        "mov rdi, rbp",
        "call {hit}",
        "add rsp, 8",
        "mov r11, rax",
        "pop rax",
        "jmp r11",
        hit = sym super::closc_rt_stack_barrier_hit,
    );

    #[cfg(target_arch = "x86_64")]
    extern "C" {
        fn closc_stack_barrier();
    }

    pub fn address() -> u64 {
        #[cfg(target_arch = "x86_64")]
        {
            closc_stack_barrier as *const () as u64
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            u64::MAX
        }
    }
}

/// The address a frame whose return-address slot holds `ra` really returns
/// to: the stack barrier stands in for the return address it replaced.
/// Reads the collector's state without `Global::with`, so the stack-overflow
/// signal handler may call it.
pub(crate) fn true_return_address(ra: u64) -> u64 {
    if ra == barrier::address() {
        // SAFETY: single-threaded runtime state; a plain read of a `Copy` field.
        unsafe { (*GC.as_ptr()).barrier.map_or(0, |b| b.saved_ra) }
    } else {
        ra
    }
}

const BARRIER_STRIDE: usize = 256;

/// Called by the barrier code when a frame returned through the barrier into
/// the frame whose frame pointer is `fp`: returns the real return address and
/// moves the barrier to that frame's own return.
#[no_mangle]
pub extern "C" fn closc_rt_stack_barrier_hit(fp: u64) -> u64 {
    GC.with(|g| {
        let saved = g.barrier.take().map_or(0, |b| b.saved_ra);
        // Move the barrier several frames down at once: returning frame by
        // frame through a deep stack then pays for one hit per
        // `BARRIER_STRIDE` returns; the cost is that minor collections scan up
        // to that many clean frames.
        let mut target = fp;
        // Deep recursion returns to the same address frame after frame: the
        // last code range found saves most lookups.
        let mut known = (0u64, 0u64);
        let mut compiled = |g: &Gc, pc: u64| {
            if known.0 <= pc && pc < known.1 {
                return true;
            }
            match g.code_range(pc) {
                Some(r) => {
                    known = r;
                    true
                }
                None => false,
            }
        };
        // SAFETY: `fp` is the live compiled frame being returned into.
        if !compiled(g, unsafe { *((fp + 8) as *const u64) }) {
            g.install_barrier(Some(target));
            return saved;
        }
        for _ in 0..BARRIER_STRIDE {
            // SAFETY: `target` is a live compiled frame whose return address
            // is in compiled code (checked before stepping to it), so its
            // caller is a compiled frame too.
            let caller = unsafe { *(target as *const u64) };
            // SAFETY: as above.
            let caller_ra = unsafe { *((caller + 8) as *const u64) };
            if !compiled(g, caller_ra) {
                break;
            }
            target = caller;
        }
        g.install_barrier(Some(target));
        saved
    })
}

/// Allocation slow path for compiled code, called through a trampoline that
/// recorded its frame pointer in `last_fp`. Returns the object's raw address;
/// the caller stores the header.
#[no_mangle]
pub extern "C" fn closc_rt_alloc_slow(words: u64) -> u64 {
    let bytes = words as usize * 8;
    GC.with(|g| {
        g.init();
        if bytes >= LARGE_OBJECT_BYTES {
            return g.pretenure(bytes, 0);
        }
        if g.stress_every > 0 {
            g.stress_count += 1;
            if g.stress_count >= g.stress_every {
                g.stress_count = 0;
                g.collect(&mut []);
            }
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
    GC.with(|g| g.remember_slot(obj & !TAG_MASK, slot));
    0
}

/// Write barrier for runtime code: call after storing `value` into field
/// `field` (0 = header) of `obj`.
#[inline]
pub fn write_barrier(obj: Value, field: usize, value: Value) {
    let s = state();
    let young = |x: u64| (x & !TAG_MASK).wrapping_sub(s.nursery_start) < s.nursery_size;
    if value & 1 != 0 && young(value) && !young(obj) {
        closc_rt_remember(obj, (obj & !TAG_MASK) + 8 * field as u64);
    }
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
        }
        state().gc_requested = 1;
        g.pretenure(bytes, 0) as *mut u64
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
        let p = self.pretenure(bytes, 0);
        s.gc_requested = 1;
        s.alloc_limit = s.alloc_ptr;
        p
    }
}

/// For a continuation capture: where the stack barrier is (the slot holding
/// its address, and the real return address it replaced), if installed.
pub fn barrier_state() -> Option<(u64, u64)> {
    GC.with(|g| g.barrier.map(|b| (b.slot, b.saved_ra)))
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

/// Prints the statistics when `CLOSC_GC_STATS` asked for them (at exit).
pub fn report_stats() {
    let text = GC.with(|g| {
        if !g.print_stats {
            return None;
        }
        let s = state();
        let allocated = g.stats.allocated + (s.alloc_ptr.saturating_sub(s.nursery_start));
        let mut objects = g.stats.objects.clone();
        count_objects(s.nursery_start as usize, s.alloc_ptr as usize, &mut objects);
        let st = &g.stats;
        Some(format!(
            "gc: {} minor and {} major collections\n\
             gc: {} bytes allocated, {} bytes promoted by minor collections, {} bytes copied by major collections\n\
             gc: allocated in the nursery: {} closure records, {} boxes, {} pairs, {} flonums\n\
             gc: pause max {:.3} ms, total {:.3} ms\n\
             gc: peak heap {} bytes ({:.1} MiB), heap at exit {} bytes\n",
            st.minor,
            st.major,
            allocated,
            st.copied_minor,
            st.copied_major,
            objects[HDR_CLOSURE as usize] + objects[HDR_ENV as usize],
            objects[HDR_BOX as usize],
            objects[HDR_PAIR as usize],
            objects[HDR_FLONUM as usize],
            st.max_pause.as_secs_f64() * 1e3,
            st.total_pause.as_secs_f64() * 1e3,
            st.peak_heap,
            st.peak_heap as f64 / (1 << 20) as f64,
            g.heap_bytes()
        ))
    });
    if let Some(t) = text {
        eprint!("{t}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("512M"), Some(512 << 20));
        assert_eq!(parse_size("64k"), Some(64 << 10));
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("x"), None);
    }
}

#[cfg(test)]
mod layout_tests {
    use super::HeapState;
    use crate::memory::value::*;
    use std::mem::offset_of;

    /// Compiled code addresses `closc_heap_state` by these constants.
    #[test]
    fn heap_state_offsets_match_the_abi() {
        let fields = [
            (offset_of!(HeapState, alloc_ptr), HEAP_ALLOC_PTR),
            (offset_of!(HeapState, alloc_limit), HEAP_ALLOC_LIMIT),
            (offset_of!(HeapState, nursery_start), HEAP_NURSERY_START),
            (offset_of!(HeapState, nursery_size), HEAP_NURSERY_SIZE),
            (offset_of!(HeapState, last_fp), HEAP_LAST_FP),
            (offset_of!(HeapState, gc_requested), HEAP_GC_REQUESTED),
            (offset_of!(HeapState, reenter_code), HEAP_REENTER_CODE),
            (offset_of!(HeapState, reenter_bytes), HEAP_REENTER_BYTES),
            (offset_of!(HeapState, ssb_ptr), HEAP_SSB_PTR),
            (offset_of!(HeapState, ssb_end), HEAP_SSB_END),
            (offset_of!(HeapState, ssb_overflow), HEAP_SSB_OVERFLOW),
            (offset_of!(HeapState, direct_result), HEAP_DIRECT_RESULT),
            (offset_of!(HeapState, direct_fn), HEAP_DIRECT_FN),
            (offset_of!(HeapState, direct_args), HEAP_DIRECT_ARGS),
            (offset_of!(HeapState, stack_base), HEAP_STACK_BASE),
            (offset_of!(HeapState, direct_fp), HEAP_DIRECT_FP),
            (offset_of!(HeapState, pending_handler), HEAP_PENDING_HANDLER),
            (offset_of!(HeapState, pending_obj), HEAP_PENDING_OBJ),
            (offset_of!(HeapState, raise_entry), HEAP_RAISE_ENTRY),
        ];
        for (actual, expected) in fields {
            assert_eq!(actual, expected as usize);
        }
    }
}
