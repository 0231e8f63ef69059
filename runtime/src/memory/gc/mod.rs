//! The garbage collector: a precise, generational, copying collector.
//!
//! **Generations.** New objects are bump-allocated in the *nursery*, one
//! contiguous region. Compiled code allocates inline: it bumps
//! `closc_heap_state.alloc_ptr` and calls `closc_rt_alloc_slow` only when it
//! passes `alloc_limit`. A *minor* collection copies the nursery's survivors
//! into a *survivor space* (two of them, alternating, after the nursery in
//! the young region): they are *aged*, and the next minor collection
//! promotes those still alive into the *old generation*. So data that happens
//! to be live at one minor collection but dies soon after never reaches the
//! old generation. Promoted at once instead: what does not fit in the
//! survivor space; what the frames of a resident stack segment reference;
//! everything, in the minor collections after
//! one found that most of the aged objects lived on (a program whose young
//! data mostly survives would pay to copy it twice; aging is tried again
//! after a pause that doubles while it keeps failing). An old object a
//! minor collection leaves pointing at an aged object is remembered again
//! (a large one: the field's card), as that object moves at the next one.
//! The old generation is a list of 4 MiB-aligned chunks (`chunks`), each
//! holding headed objects only or pairs only (*pair chunks*: pairs have no
//! header, so a walk over a chunk's objects or its holes must know their
//! size from the chunk); a
//! *major* collection promotes everything young, marks the old chunks in
//! place and evacuates only the sparse ones (`major`), so the heap grows
//! with the live set and shrinks back after it without a copy reserve the
//! size of the old generation; promotion fills the holes of kept chunks.
//! Copies are Cheney-style, driven by an explicit worklist.
//!
//! **Large objects** (256 KiB or more) are bump-allocated in the *large-object
//! nursery*, mapped right after the nursery, and the two form the *young
//! region* compiled code's write barrier tests (`nursery_start`,
//! `nursery_size`). A collection copies the live ones out, each into a block
//! of its own in the old generation, where it never moves again and carries
//! 512-byte cards; the dead ones cost nothing, and the region's pages are
//! reused without page faults. A major collection frees unmarked blocks into
//! a pool that later blocks reuse (best fit); a block left unused for a whole
//! major cycle goes back to the OS. An object too big for the large-object
//! nursery, or allocated by runtime code when it is full, gets an old block
//! at once (remembered, like any object pretenured).
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
//! records filled after another allocation), sets its remembered bit and
//! appends it to the store buffer (a big vector: the slot); runtime
//! mutators call `write_barrier`. The remembered set holds whole objects, each
//! once (a header bit marks membership; an old pair's bit is in its pair
//! chunk's bitmap, `PAIR_CHUNK_BITMAP`); a minor collection scans their
//! fields as roots. A full store buffer makes the next collection a major
//! one; as an object enters it once between collections, that takes
//! 65536 distinct objects stored into. Globals need no barrier: their table is always a root.
//!
//! **Knobs** (environment): `CLOSC_GC_STRESS=N` collects at every Nth
//! allocation (1 = every allocation), a major collection each time the old
//! generation grew by a quarter (at least `STRESS_MAJOR_GROWTH`);
//! `CLOSC_HEAP_MAX=512M` caps everything
//! the collector holds from the OS (default a third of physical memory): the
//! young region, old chunks and large blocks, both pools, and what a major
//! collection evacuates (only as much as fits; a major collection starts
//! early when a minor one's promotions and then its own might not fit, and
//! the large-object nursery is at most an eighth of the cap). Out of memory is a clean error, status 1, naming the cause:
//! the cap reached, or the OS refusing a mapping (`ulimit -v`); `CLOSC_GC_STATS=1` prints statistics
//! to stderr at exit (collections, bytes, pauses, and the closure records,
//! boxes, pairs and flonums that survived the nursery, counted as they are
//! copied out of it: the nursery cannot be walked, pairs having no header;
//! the bytes aged and promoted; minor
//! and major pause totals; the sizes of the young spaces and of the old
//! generation: its peak in use, its chunks, large blocks and pools at exit);
//! `CLOSC_NURSERY=4M` sets the nursery size (and each survivor space's);
//! `CLOSC_GC_GROWTH=2` how many times the old generation may grow from what
//! the last major collection left before the next one (at least 1.25; a
//! smaller factor holds less memory and collects more often).
//!
//! **Files.** This module holds the heap state compiled code shares
//! (`closc_heap_state`), the collector's state (`Gc`) and its set-up and
//! old-generation allocation; `chunks` the table from addresses to chunks;
//! `collect` the collections themselves; `roots` the roots on the stack
//! (the frame walk, stack segments, placing the barrier); `major`
//! a major collection's marking in place and evacuation; `entries`
//! the interface (entry points for compiled code, functions for the runtime);
//! `stack_barrier` the barrier code; `os` memory mapping and the heap cap;
//! `stats` `CLOSC_GC_STATS`.

mod chunks;
mod collect;
mod entries;
mod major;
mod os;
mod roots;
mod stack_barrier;
mod stats;

pub use entries::*;
pub use os::parse_size;
pub use stack_barrier::closc_rt_stack_barrier_hit;
pub(crate) use stack_barrier::true_return_address;
pub use stats::report_stats;

use crate::memory::global::Global;
use crate::memory::value::*;
use chunks::{map_aligned_chunk, ChunkTable, Place};
use major::{MajorPhase, MarkedChunk};
use os::*;
use stack_barrier::{barrier, BarrierStop, BARRIER_STOP_EVERY};
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
    /// continuation's outermost segment ends 16 bytes above it, `continuations.rs`).
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
/// Objects at least this big are *large*: allocated in the large-object
/// nursery (or, when it has no room, directly in the old generation), never in
/// the nursery, and in the old generation each in its own block, never moved.
const LARGE_OBJECT_BYTES: usize = 256 << 10;
/// The large-object nursery is this many times the nursery (at least
/// `MIN_LARGE_NURSERY`): big enough that a program making a big object per
/// iteration collects every few iterations, not at each one.
const LARGE_NURSERY_FACTOR: usize = 8;
const MIN_LARGE_NURSERY: usize = 2 << 20;
/// Each survivor space is the nursery's size divided by this.
const SURVIVOR_DIVISOR: usize = 1;
/// Aging is judged only on minor collections that found at least this many
/// aged bytes, and stopped when more than 1 / `AGING_WASTE_DIVISOR` of them
/// lived on to be promoted.
const AGING_SAMPLE_BYTES: usize = 256 << 10;
const AGING_WASTE_DIVISOR: usize = 2;
/// The default of `CLOSC_GC_GROWTH`, and the least value it takes.
const DEFAULT_GROWTH: f64 = 2.0;
const MIN_GROWTH: f64 = 1.25;
/// The old generation may grow to at least this much before a major collection.
const MIN_MAJOR_THRESHOLD: usize = 64 << 20;
/// Under `CLOSC_GC_STRESS`, a major collection each time the old generation
/// has grown by this much (or by a quarter, if more) since the last one.
const STRESS_MAJOR_GROWTH: usize = 64 << 10;
/// With a big old generation, a major collection at least each time the
/// program has allocated this many times the old generation's size.
const SHRINK_AFTER_ALLOCATING: u64 = 8;

/// What must stay free under the heap cap for a minor collection that
/// promotes up to `used` bytes, then a major one promoting as much (the old
/// generation's own data is marked in place, and evacuates only what fits):
/// each may open a chunk.
fn collection_reserve(used: usize) -> usize {
    2 * (used + CHUNK_BYTES)
}

#[derive(Clone, Copy)]
struct Chunk {
    start: usize,
    top: usize,
    end: usize,
    /// Bytes the last major collection found live here (0 for a chunk
    /// filled since): for a sparse chunk waiting to be evacuated, at most
    /// what evacuating it copies.
    live: usize,
    /// A pair chunk: headerless pairs one after another from `first()`,
    /// after the remembered bits (`PAIR_CHUNK_BITMAP` in `value.rs`); else
    /// headed objects from `start`.
    pairs: bool,
}

impl Chunk {
    /// Where the chunk's first object is.
    fn first(&self) -> usize {
        if self.pairs {
            self.start + PAIR_CHUNK_BITMAP
        } else {
            self.start
        }
    }

    /// Clears the remembered bits of a pair chunk (nothing is remembered
    /// after a major collection, and a chunk opened from the pool may hold
    /// anything).
    fn clear_remembered_bits(&self) {
        if self.pairs {
            // SAFETY: a pair chunk starts with its bitmap, mapped and unused
            // by objects.
            unsafe { std::ptr::write_bytes(self.start as *mut u8, 0, PAIR_CHUNK_BITMAP) };
        }
    }
}

/// The allocation state of one kind of old chunk: headed objects or pairs
/// (a chunk holds one kind only, so that walks over its objects and the
/// holes between them know each object's size).
struct OldSpace {
    /// The chunks; promotion bumps into the last one.
    chunks: Vec<Chunk>,
    /// Runs of dead objects (`[start, end)`) the last major collection found
    /// in the chunks it kept, between live ones (`major.rs`): promotion
    /// fills them before it opens chunks, so the old generation's
    /// footprint follows what is live. `hole` is the one being filled.
    holes: Vec<(usize, usize)>,
    hole: (usize, usize),
    /// During a major collection: the start of the chunk promotion was
    /// filling when it began, marked below its top and filled above it (in
    /// `marking` and in `chunks` at once).
    filling: Option<usize>,
}

impl OldSpace {
    const fn new() -> OldSpace {
        OldSpace {
            chunks: Vec::new(),
            holes: Vec::new(),
            hole: (0, 0),
            filling: None,
        }
    }

    /// `bytes` in the hole being filled or at the top of the last chunk, if
    /// either has room.
    #[inline(always)]
    fn bump(&mut self, bytes: usize) -> Option<usize> {
        if self.hole.1 - self.hole.0 >= bytes {
            let p = self.hole.0;
            self.hole.0 += bytes;
            return Some(p);
        }
        let c = self.chunks.last_mut()?;
        if c.end - c.top >= bytes {
            let p = c.top;
            c.top += bytes;
            return Some(p);
        }
        None
    }
}

struct Large {
    start: usize,
    end: usize,
    marked: bool,
    /// Visited by the second trace of a major collection (`major.rs`).
    visited: bool,
    /// Card marks: `cards[i]` is set when bytes `[start + i*CARD, start +
    /// (i+1)*CARD)` gained a young pointer since the last collection.
    cards: Vec<bool>,
    dirty: bool,
}

/// A freed large-object block kept mapped for reuse (see `Gc::free_large`).
#[derive(Clone, Copy)]
struct FreeBlock {
    start: usize,
    size: usize,
    /// `stats.major` when it was freed or last split.
    freed_at: u64,
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
    /// Bytes minor collections copied into the survivor space (aged).
    aged: u64,
    /// Bytes minor collections copied into the old generation (promoted).
    copied_minor: u64,
    copied_major: u64,
    /// Bytes major collections found live and left in place, and chunks
    /// they evacuated (`major.rs`).
    kept_major: u64,
    evacuated_chunks: u64,
    /// Major collections that evacuated sparse chunks by a second trace.
    second_traces: u64,
    max_pause: Duration,
    total_pause: Duration,
    /// Pauses of minor and of major collections, apart.
    minor_pause: Duration,
    major_pause: Duration,
    max_major_pause: Duration,
    peak_heap: u64,
    /// Peak bytes of the old generation in use (chunks' used part and large
    /// blocks), as of the end of each collection.
    peak_old: u64,
    /// Objects copied out of the nursery proper (each once: what a
    /// collection finds alive there), by kind (counted only for
    /// `CLOSC_GC_STATS`). Allocation is not counted by kind: the nursery
    /// cannot be walked object by object, as pairs have no header.
    survivors: Vec<u64>,
}

/// Adds the objects laid out one after another in `[start, end)` (the used
/// part of the nursery) to `counts`, by header kind.
struct Gc {
    initialized: bool,
    /// End of the nursery proper. The *young region* compiled code tests
    /// against (`nursery_start`, `nursery_size` in `HeapState`) is the
    /// nursery, the two survivor spaces, then the large-object nursery
    /// `[large_start, large_end)`.
    nursery_end: usize,
    /// Bump pointer of the large-object nursery: large objects allocated
    /// since the last collection lie in `[large_start, large_ptr)`. Being in
    /// the young region, they need no remembering when filled with young
    /// pointers, get the write barrier's attention when stored into old
    /// objects, and a collection copies the live ones out (into a large block
    /// of the old generation) like any young object, so the dead ones cost
    /// nothing and the region's pages are reused without new page faults.
    large_start: usize,
    large_ptr: usize,
    large_end: usize,
    /// The two survivor spaces, `[survivor[i], survivor[i] + survivor_size)`,
    /// between the nursery and the large-object nursery (so inside the young
    /// region): survivors of a minor collection that were allocated since
    /// the previous one are copied into one of them, and promoted to the old
    /// generation only if they survive the next minor collection too.
    survivor: [usize; 2],
    survivor_size: usize,
    /// Which survivor space holds the aged objects (the other one is empty
    /// outside a minor collection), and where its objects end.
    aged_space: usize,
    aged_top: usize,
    /// During a minor collection: the survivor space being filled,
    /// `[to_lo, to_hi)` (empty during a major one), and its bump pointer.
    to_lo: usize,
    to_hi: usize,
    to_top: usize,
    /// Whether the current minor collection ages young survivors (copies
    /// them into the survivor space) or promotes them at once (see
    /// `decide_aging`), so that a program whose aged data mostly lives on
    /// (a deep recursion building a list) does not pay for copying it twice.
    aging: bool,
    /// Set while the frames of a resident stack segment are scanned: what
    /// they reference is promoted at once (they are on the stack, where no
    /// later minor collection may look for them).
    tenure: bool,
    /// How deep the next minor collection scans the stack: down to the
    /// frame whose return-address slot is here (see `scan_stack`); 0: to the
    /// stack barrier; `u64::MAX`: every frame.
    scan_limit: u64,
    /// Bytes of aged objects the current minor collection promoted, and of
    /// nursery objects it found alive.
    aged_promoted: usize,
    young_survived: usize,
    /// Whether the last minor collection found almost all the nursery alive.
    mostly_live: bool,
    /// While aging is off: the minor collection count at which it is tried
    /// again, and the pause before that (see `decide_aging`).
    aging_off_until: u64,
    aging_pause: u64,
    /// Slots of old objects that a minor collection left pointing into the
    /// survivor space, outside any object it remembered as a whole (slots
    /// the store buffer named one by one): scanned by the next minor one.
    remembered_slots: Vec<u64>,
    /// Freed old-generation large blocks, kept mapped (their pages already
    /// faulted in) for the next large block of a fitting size (best fit,
    /// splitting off the rest). Blocks unused for a whole major cycle, and
    /// whatever exceeds `large_pool_limit`, go back to the OS.
    free_large: Vec<FreeBlock>,
    /// The old generation's chunks of headed objects, and its pair chunks.
    old: OldSpace,
    pairs: OldSpace,
    /// Chunks a major collection found sparse but did not evacuate (what
    /// they would give back was not worth a second trace): the next major
    /// collection evacuates them in its one trace (`major.rs`). Promotion
    /// never allocates in them.
    sparse: Vec<Chunk>,
    /// Which chunk, if any, is at each address (`chunks.rs`).
    table: ChunkTable,
    /// Under `CLOSC_GC_STRESS`: a major collection when the old generation
    /// has grown to this size (see `Gc::stress_major_due`).
    stress_major_at: usize,
    /// `old_bytes` after the last major collection.
    old_at_major: usize,
    /// Evacuated standard-size chunks kept mapped for reuse: mapping fresh
    /// memory costs a page fault per page (deeprec spent 30% of its time in
    /// the kernel). Bounded by `trim_chunk_pool`.
    free_chunks: Vec<usize>,
    old_bytes: usize,
    /// Large objects, each in its own mapping, sorted by start: never copied,
    /// marked during a major collection and freed when unmarked after it.
    large: Vec<Large>,
    /// During a major collection: the chunks being evacuated, sorted by start.
    from_space: Vec<Chunk>,
    major_in_progress: bool,
    /// During a major collection: the old chunks as it found them, marked in
    /// place, sorted by start (after the first trace, the kept ones).
    marking: Vec<MarkedChunk>,
    phase: MajorPhase,
    remembered: Vec<u64>,
    /// Old pairs in the remembered set (their bits set in their chunk's
    /// bitmap), by address.
    remembered_pairs: Vec<u64>,
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
    /// A major collection starts when the old generation has grown to this
    /// many times what the last one left (`CLOSC_GC_GROWTH`).
    growth: f64,
    major_threshold: usize,
    /// `stats.allocated` at the last major collection.
    allocated_at_major: u64,
    stats: Stats,
    print_stats: bool,
    barrier: Option<Barrier>,
    /// Where the barrier goes when it is returned through, innermost last
    /// (`stack_barrier.rs`): recorded by the frame walks, all below the
    /// barrier; empty whenever `barrier` is `None`.
    barrier_stops: Vec<BarrierStop>,
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
    large_start: 0,
    large_ptr: 0,
    large_end: 0,
    survivor: [0; 2],
    survivor_size: 0,
    aged_space: 0,
    aged_top: 0,
    to_lo: 0,
    to_hi: 0,
    to_top: 0,
    aging: true,
    tenure: false,
    scan_limit: u64::MAX,
    aged_promoted: 0,
    young_survived: 0,
    mostly_live: false,
    aging_off_until: 0,
    aging_pause: 0,
    remembered_slots: Vec::new(),
    free_large: Vec::new(),
    old: OldSpace::new(),
    pairs: OldSpace::new(),
    sparse: Vec::new(),
    table: ChunkTable::new(),
    stress_major_at: 0,
    old_at_major: 0,
    free_chunks: Vec::new(),
    large: Vec::new(),
    old_bytes: 0,
    from_space: Vec::new(),
    major_in_progress: false,
    marking: Vec::new(),
    phase: MajorPhase::Mark,
    remembered: Vec::new(),
    remembered_pairs: Vec::new(),
    ssb_start: 0,
    dirty_large: Vec::new(),
    roots: Vec::new(),
    code: Vec::new(),
    code_bounds: (0, 0),
    worklist: Vec::new(),
    stress_every: 0,
    stress_count: 0,
    heap_max: usize::MAX,
    growth: DEFAULT_GROWTH,
    major_threshold: 0,
    allocated_at_major: 0,
    stats: Stats {
        minor: 0,
        major: 0,
        allocated: 0,
        aged: 0,
        copied_minor: 0,
        copied_major: 0,
        kept_major: 0,
        evacuated_chunks: 0,
        second_traces: 0,
        max_pause: Duration::ZERO,
        total_pause: Duration::ZERO,
        minor_pause: Duration::ZERO,
        major_pause: Duration::ZERO,
        max_major_pause: Duration::ZERO,
        peak_heap: 0,
        peak_old: 0,
        survivors: Vec::new(),
    },
    print_stats: false,
    barrier: None,
    barrier_stops: Vec::new(),
    direct_keep: None,
});

/// Number of words of the (headed) object whose header is `h`.
#[inline]
fn object_words(h: u64) -> usize {
    1 + header_size(h) as usize
}

impl Gc {
    /// Reads the settings on first use. Inline: every runtime allocation
    /// calls it, and only the first does anything.
    #[inline]
    fn init(&mut self) {
        if !self.initialized {
            self.init_from_environment();
        }
    }

    #[cold]
    #[inline(never)]
    fn init_from_environment(&mut self) {
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
        self.growth = env("CLOSC_GC_GROWTH")
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|g| g.is_finite())
            .unwrap_or(DEFAULT_GROWTH)
            .max(MIN_GROWTH);
        self.print_stats = env("CLOSC_GC_STATS").is_some_and(|s| !s.is_empty() && s != "0");
        self.major_threshold = MIN_MAJOR_THRESHOLD.min(self.heap_max);
        // Under a small cap, a smaller large-object nursery: the young
        // region counts against the cap.
        let large_nursery = (nursery * LARGE_NURSERY_FACTOR)
            .min(self.heap_max / 8)
            .max(MIN_LARGE_NURSERY);
        let survivor_size = (nursery / SURVIVOR_DIVISOR).next_multiple_of(4096);
        let young = nursery + 2 * survivor_size + large_nursery;
        let start = map_chunk(young);
        self.nursery_end = start + nursery;
        self.survivor_size = survivor_size;
        self.survivor = [self.nursery_end, self.nursery_end + survivor_size];
        self.aged_space = 0;
        self.aged_top = self.survivor[0];
        self.large_start = self.nursery_end + 2 * survivor_size;
        self.large_ptr = self.large_start;
        self.large_end = self.large_start + large_nursery;
        let ssb = map_chunk(SSB_ENTRIES * 8);
        self.ssb_start = ssb as u64;
        state().ssb_ptr = ssb as u64;
        state().ssb_end = (ssb + SSB_ENTRIES * 8) as u64;
        let s = state();
        s.nursery_start = start as u64;
        s.nursery_size = young as u64;
        s.alloc_ptr = start as u64;
        s.alloc_limit = if self.stress_every > 0 {
            start as u64
        } else {
            self.nursery_end as u64
        };
        self.note_heap_size();
    }

    /// Everything the collector holds from the OS, which the cap bounds: the
    /// young region, old chunks and large blocks, both pools, and during a
    /// major collection the chunks being evacuated.
    fn heap_bytes(&self) -> usize {
        self.chunk_bytes()
            + self.large.iter().map(|l| l.end - l.start).sum::<usize>()
            + self.pooled_bytes()
            + self
                .from_space
                .iter()
                .map(|c| c.end - c.start)
                .sum::<usize>()
            + self
                .marking
                .iter()
                .filter(|m| !self.is_filling(m.chunk.start))
                .map(|m| m.chunk.end - m.chunk.start)
                .sum::<usize>()
            + state().nursery_size as usize
    }

    /// The old generation's chunks (outside a major collection; during
    /// one, the chunks it fills).
    fn chunk_bytes(&self) -> usize {
        (self.old.chunks.len() + self.pairs.chunks.len() + self.sparse.len()) * CHUNK_BYTES
    }

    fn pooled_bytes(&self) -> usize {
        self.free_chunks.len() * CHUNK_BYTES + self.free_large.iter().map(|b| b.size).sum::<usize>()
    }

    /// Makes sure `size` more bytes stay within the cap, giving the pools
    /// back to the OS first if needed; out of memory otherwise.
    fn make_room(&mut self, size: usize) {
        if self.heap_bytes() + size <= self.heap_max {
            return;
        }
        for start in std::mem::take(&mut self.free_chunks) {
            unmap_region(start, CHUNK_BYTES);
        }
        for b in std::mem::take(&mut self.free_large) {
            unmap_region(b.start, b.size);
        }
        if self.heap_bytes() + size > self.heap_max {
            out_of_memory();
        }
    }

    fn note_heap_size(&mut self) {
        let h = self.heap_bytes();
        HEAP_HELD.store(h, std::sync::atomic::Ordering::Relaxed);
        self.stats.peak_heap = self.stats.peak_heap.max(h as u64);
    }

    /// Allocates `bytes` in the old generation (collection target or
    /// pretenuring): in the hole being filled, else at the top of the last
    /// chunk, else in the next hole that fits or a new chunk.
    #[inline]
    fn old_alloc(&mut self, bytes: usize) -> usize {
        self.old_bytes += bytes;
        match self.old.bump(bytes) {
            Some(p) => p,
            None => self.old_alloc_in_new_chunk(bytes, false),
        }
    }

    /// A pair in the old generation (in a pair chunk).
    #[inline]
    fn old_alloc_pair(&mut self) -> usize {
        self.old_bytes += PAIR_BYTES;
        match self.pairs.bump(PAIR_BYTES) {
            Some(p) => p,
            None => self.old_alloc_in_new_chunk(PAIR_BYTES, true),
        }
    }

    /// Whether the chunk at `start` is one a major collection found being
    /// filled (`OldSpace::filling`).
    fn is_filling(&self, start: usize) -> bool {
        self.old.filling == Some(start) || self.pairs.filling == Some(start)
    }

    /// The next hole that fits `bytes` (of pair chunks if `pairs`), else a
    /// chunk opened for them (below the large-object size), from the pool or
    /// freshly mapped at a multiple of its size, which promotion bumps into
    /// from now on. `old_bytes` already counts them.
    #[cold]
    #[inline(never)]
    fn old_alloc_in_new_chunk(&mut self, bytes: usize, pairs: bool) -> usize {
        debug_assert!(bytes < LARGE_OBJECT_BYTES);
        let space = if pairs {
            &mut self.pairs
        } else {
            &mut self.old
        };
        while let Some(hole) = space.holes.pop() {
            if hole.1 - hole.0 >= bytes {
                space.hole = (hole.0 + bytes, hole.1);
                return hole.0;
            }
        }
        let start = match self.free_chunks.pop() {
            Some(start) => start,
            None => {
                self.make_room(CHUNK_BYTES);
                map_aligned_chunk()
            }
        };
        self.table.set(start, Place::Old);
        let mut chunk = Chunk {
            start,
            top: start,
            end: start + CHUNK_BYTES,
            live: 0,
            pairs,
        };
        chunk.clear_remembered_bits();
        let p = chunk.first();
        chunk.top = p + bytes;
        if pairs {
            self.pairs.chunks.push(chunk);
        } else {
            self.old.chunks.push(chunk);
        }
        self.note_heap_size();
        p
    }
}

impl Gc {
    /// A large object of `bytes` bytes in the large-object nursery, if it has
    /// room.
    #[inline]
    fn young_large_alloc(&mut self, bytes: usize) -> Option<usize> {
        if self.large_end - self.large_ptr >= bytes {
            let p = self.large_ptr;
            self.large_ptr += bytes;
            Some(p)
        } else {
            None
        }
    }

    /// Whether the large-object nursery is more than three quarters full:
    /// runtime code, which cannot collect, then requests a collection, so
    /// that the next large objects find room there rather than in the old
    /// generation.
    fn large_nursery_filling(&self) -> bool {
        (self.large_end - self.large_ptr) * 4 < self.large_end - self.large_start
    }

    /// A new old-generation large block of at least `bytes` bytes, entered in
    /// `large` (marked if a major collection is in progress, as it is then a
    /// survivor's new home). Reuses the smallest freed block that fits,
    /// splitting off the rest, before mapping fresh memory.
    fn large_block(&mut self, bytes: usize) -> usize {
        let size = bytes.next_multiple_of(4096);
        let best = (0..self.free_large.len())
            .filter(|&i| self.free_large[i].size >= size)
            .min_by_key(|&i| self.free_large[i].size);
        let start = match best {
            Some(i) => {
                let b = self.free_large[i];
                if b.size > size {
                    self.free_large[i].start += size;
                    self.free_large[i].size -= size;
                } else {
                    self.free_large.swap_remove(i);
                }
                b.start
            }
            None => {
                self.make_room(size);
                let start = map_chunk(size);
                self.table.note_large(start, start + size);
                start
            }
        };
        let i = self.large.partition_point(|l| l.start <= start);
        self.large.insert(
            i,
            Large {
                start,
                end: start + size,
                marked: self.major_in_progress,
                visited: false,
                cards: vec![false; size.div_ceil(CARD)],
                dirty: false,
            },
        );
        // A major collection counts its marked blocks, this one included, at
        // its end.
        if !self.major_in_progress {
            self.old_bytes += size;
        }
        self.note_heap_size();
        start
    }

    /// After a major collection put the dead large blocks in `free_large`:
    /// gives back to the OS the blocks no large object has reused for a whole
    /// major cycle (the heap has stayed smaller), then, oldest first, what
    /// exceeds what the next cycle may promote before its major collection
    /// (the live old generation, at least `MIN_MAJOR_THRESHOLD`), within the
    /// cap.
    fn trim_free_large(&mut self) {
        let now = self.stats.major;
        let live = self.old_bytes;
        let room = self.heap_max.saturating_sub(self.heap_bytes());
        let limit = live.max(MIN_MAJOR_THRESHOLD).min(room);
        self.free_large
            .sort_by_key(|b| std::cmp::Reverse(b.freed_at));
        let mut kept = 0;
        for b in std::mem::take(&mut self.free_large) {
            if now - b.freed_at < 2 && kept + b.size <= limit {
                kept += b.size;
                self.free_large.push(b);
            } else {
                unmap_region(b.start, b.size);
            }
        }
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
