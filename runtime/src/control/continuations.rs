//! First-class continuations in constant time: a segmented view of the one
//! Scheme stack, with frames that always run at the addresses they were
//! created at.
//!
//! In: `(%capture)` and `(%throw k v)` from the prelude's `call/cc` (both
//! called through a compiled trampoline), and returns into the underflow
//! handler planted here. Out: a continuation object, and a jump that makes it
//! the running continuation and returns from `%capture` again, with `v`.
//!
//! **Segments** (heap objects, layout `SEG_*` in `value.rs`) describe a range
//! `lo..hi` of stack addresses holding whole Scheme frames, and the segment
//! the topmost of them returns into (`next`). A *resident* segment's frames
//! are in place on the stack, sealed: nothing runs them or writes over them;
//! a *saved* one holds a copy of its bytes. The running code owns the stack
//! below `closc_live_top`; its topmost frame returns into the underflow
//! handler (its return address replaced, as the stack barrier does), and the
//! segment it really returns into is `LIVE`. Resident segments all lie at or
//! above `closc_live_top`, disjoint, on a list sorted by address (`RESIDENTS`,
//! lowest first, linked through `SEG_LINK`).
//!
//! **Capture** copies the few frames just above the capture point (at least
//! `CHUNK_BYTES`, split at a frame boundary found by the frame walk) into the
//! continuation object, with the registers of the capture point, and seals
//! the rest of the running frames where they are as one resident segment:
//! constant time, whatever the depth. The running code goes on in the copied
//! frames, whose originals it now owns.
//! **Underflow** (the running frames returned into the handler) makes the
//! first chunk of `LIVE` the running frames: a resident segment is split, its
//! first chunk saved (other continuations may share it) and left in place; a
//! saved one is copied back. So returning costs a bounded copy per chunk, and
//! each frame is saved at most once while resident.
//! **Resume** copies the continuation's first chunk back and makes its next
//! segment `LIVE`. Before stack addresses are reused (by a chunk copied back,
//! or by the frames that grow below it) every resident segment there is
//! *vacated*: saved as a chain of chunks, which its `SEG_FORWARD` then names.
//!
//! Invariants: no Rust frame sits between two Scheme frames, so a segment
//! holds only compiled frames, whose live pointers the collector finds through
//! their stack maps (`gc/collect.rs`, `scan_continuation`); the stack barrier
//! is taken out before frames are sealed, so no segment holds it; callee-saved
//! registers are only restored at a capture point (a split point is only ever
//! entered by a return, which restores them). Code that never captures pays
//! nothing.

use crate::memory::frames;
use crate::memory::gc;
use crate::memory::global::Global;
use crate::memory::value::*;

/// Least number of bytes of frames a chunk takes (a chunk ends at the first
/// frame boundary past it): the copy a capture or a return makes. Smaller
/// chunks copy and walk less per capture but underflow more often: 128 beat
/// 256 and 64 on every call/cc program measured (a capture loop, generators,
/// `amb` backtracking, escapes, the CPS interpreter: 0.82-0.99x the time of
/// 256, while 64 took 1.01-1.19x).
const CHUNK_BYTES: u64 = 128;

/// Set when `%capture` returns by a resume rather than the first time.
static RESUMED: Global<bool> = Global::new(false);

/// `[LIVE, RESIDENTS]`, registered as collector roots on first use.
static mut ROOTS: [Value; 2] = [FALSE, FALSE];
static REGISTERED: Global<bool> = Global::new(false);

/// Where the running frames end and `LIVE` begins (read by the underflow
/// handler, which runs on the dead stack below it).
#[no_mangle]
static mut closc_live_top: u64 = 0;

/// Where the underflow handler is planted (the return-address slot of the
/// topmost running frame) while `LIVE` is a segment; meaningless otherwise.
/// A capture whose running frames are few takes them all as its chunk and
/// needs this slot without walking them.
static mut HOOK_SLOT: u64 = 0;

/// The most bytes of running frames a capture takes whole, without looking
/// for a split: a capture in a loop finds the frames the last capture or
/// return left running, a chunk's worth, so walking them would find no
/// boundary worth splitting at.
const UNSPLIT_BYTES: u64 = 2 * CHUNK_BYTES;

/// The stack base (`closc_entry`'s frame) the state above belongs to: each
/// REPL evaluation runs on a thread of its own.
static mut STATE_BASE: u64 = 0;

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".text",
    ".globl closc_prim_pct_capture",
    ".p2align 4",
    // Called (C convention) by a trampoline: [rsp] is the return address.
    "closc_prim_pct_capture:",
    "mov rdi, rsp",
    "push rbp",
    "push rbx",
    "push r12",
    "push r13",
    "push r14",
    "push r15",
    "mov rsi, rsp",
    "sub rsp, 8",
    "call {capture}",
    "add rsp, 8",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
    ".globl closc_rt_resume",
    ".p2align 4",
    // rdi = a `ResumePlan`. Uses no stack while the chunk is copied back
    // over it.
    "closc_rt_resume:",
    "mov rdx, rdi",
    "mov rdi, [rdx]",
    "mov rsi, [rdx + 8]",
    "mov rcx, [rdx + 16]",
    // Frames are whole words. A chunk is short (about 128 bytes), where
    // this loop beat `rep movsb`: 0.92-0.96x the time on call/cc programs.
    "shr rcx, 3",
    "jz 3f",
    "4:",
    "mov rax, [rsi]",
    "mov [rdi], rax",
    "add rsi, 8",
    "add rdi, 8",
    "dec rcx",
    "jnz 4b",
    "3:",
    "mov rcx, [rdx + 24]",
    "test rcx, rcx",
    "jz 2f",
    "lea rax, [rip + closc_cont_underflow]",
    "mov [rcx], rax",
    "2:",
    "mov rbx, [rdx + 48]",
    "mov r12, [rdx + 56]",
    "mov r13, [rdx + 64]",
    "mov r14, [rdx + 72]",
    "mov r15, [rdx + 80]",
    "mov rax, [rdx + 88]",
    "mov rbp, [rdx + 40]",
    "mov rsp, [rdx]",
    "mov rcx, [rdx + 96]",
    "mov [rcx], rbp",
    "jmp qword ptr [rdx + 32]",
    ".globl closc_cont_underflow",
    ".p2align 4",
    // Returned into by the topmost running frame (rax = its value; rsp past
    // the stack arguments it popped). Runs on the dead stack below
    // `closc_live_top`, as the chunk made live may be copied over rsp.
    "closc_cont_underflow:",
    "mov rcx, rsp",
    "mov rsp, qword ptr [rip + {top}]",
    "and rsp, -16",
    "sub rsp, 64",
    "push rcx",
    "push rax",
    "call {underflow}",
    "mov r11, rax",
    "pop rax",
    "pop rcx",
    "mov rsp, rcx",
    "jmp r11",
    ".globl closc_rt_jump",
    ".p2align 4",
    // rdi = new rsp, rsi = new rbp, rdx = target.
    "closc_rt_jump:",
    "lea r15, [rip + closc_heap_state]",
    "mov rsp, rdi",
    "mov rbp, rsi",
    "jmp rdx",
    capture = sym closc_rt_capture,
    underflow = sym closc_rt_underflow,
    top = sym closc_live_top,
);

extern "C" {
    fn closc_prim_pct_capture() -> Value;
    fn closc_rt_resume(plan: *const ResumePlan) -> !;
    fn closc_cont_underflow();
    fn closc_rt_jump(sp: u64, fp: u64, target: u64) -> !;
}

/// What `closc_rt_resume` does, field offsets fixed by its code: copy `n`
/// bytes from `src` to `sp`, plant the underflow handler at `hook_slot`
/// (unless 0), restore the registers and jump to `pc` with `value`, recording
/// the frame pointer in `*last_fp`.
#[repr(C)]
struct ResumePlan {
    sp: u64,
    src: u64,
    n: u64,
    hook_slot: u64,
    pc: u64,
    rbp: u64,
    rbx: u64,
    r12: u64,
    r13: u64,
    r14: u64,
    r15: u64,
    value: u64,
    last_fp: u64,
}

static mut PLAN: ResumePlan = ResumePlan {
    sp: 0,
    src: 0,
    n: 0,
    hook_slot: 0,
    pc: 0,
    rbp: 0,
    rbx: 0,
    r12: 0,
    r13: 0,
    r14: 0,
    r15: 0,
    value: 0,
    last_fp: 0,
};

/// The builtin `%capture` (an assembly shim that records the registers and
/// calls `closc_rt_capture`).
// SAFETY: the shim follows the C convention with this signature.
#[allow(non_upper_case_globals)]
pub const closc_prim_pct_capture_entry: extern "C" fn() -> Value = unsafe {
    std::mem::transmute::<unsafe extern "C" fn() -> Value, extern "C" fn() -> Value>(
        closc_prim_pct_capture,
    )
};

/// Jumps to `target` with the given stack and frame pointers (never returns).
pub fn jump(sp: u64, fp: u64, target: u64) -> ! {
    // SAFETY: callers pass a frame the target can run on (see `exceptions.rs`).
    unsafe { closc_rt_jump(sp, fp, target) }
}

/// The return address the topmost running frame holds when its caller's
/// frame is in a segment (backtraces look through it).
pub fn underflow_address() -> u64 {
    closc_cont_underflow as *const () as u64
}

fn roots() -> *mut [Value; 2] {
    let p = std::ptr::addr_of_mut!(ROOTS);
    REGISTERED.with(|r| {
        if !*r {
            *r = true;
            gc::register_roots(p as usize, 2);
        }
    });
    p
}

fn live() -> Value {
    // SAFETY: single-threaded runtime state (see `global.rs`).
    unsafe { (*roots())[0] }
}

fn set_live(v: Value, top: u64) {
    // SAFETY: as above.
    unsafe {
        (*roots())[0] = v;
        closc_live_top = top;
    }
}

fn residents() -> Value {
    // SAFETY: as above.
    unsafe { (*roots())[1] }
}

fn set_residents(v: Value) {
    // SAFETY: as above.
    unsafe { (*roots())[1] = v }
}

fn stack_base() -> u64 {
    // SAFETY: `closc_heap_state` is only used by the Scheme thread.
    unsafe { (*std::ptr::addr_of!(gc::closc_heap_state)).stack_base }
}

/// Makes the segment state belong to the running program's stack, starting
/// afresh (no segments) when it belonged to an earlier one.
fn sync_state(base: u64) {
    // SAFETY: single-threaded runtime state.
    unsafe {
        if STATE_BASE != base {
            STATE_BASE = base;
            set_residents(FALSE);
            set_live(FALSE, base + 16);
        }
    }
}

/// Word `i` of the segment `seg` (a tagged segment).
#[inline]
fn word(seg: Value, i: usize) -> u64 {
    // SAFETY: callers pass segment objects, which have every `SEG_*` field.
    unsafe { *((seg & !TAG_MASK) as *const u64).add(i) }
}

/// Stores the Scheme value `v` into field `i` of segment `seg`.
#[inline]
fn set_value(seg: Value, i: usize, v: Value) {
    // SAFETY: as for `word`.
    unsafe { *((seg & !TAG_MASK) as *mut u64).add(i) = v };
    gc::write_barrier(seg, i, v);
}

/// The segment that stands for `seg` now: itself, or what replaced it.
fn current(mut seg: Value) -> Value {
    while seg != FALSE && word(seg, SEG_KIND) == SEG_RESIDENT && word(seg, SEG_FORWARD) != FALSE {
        seg = word(seg, SEG_FORWARD);
    }
    seg
}

/// Entries of `FRAME_SIZES`, a power of two.
const FRAME_SIZE_ENTRIES: usize = 256;

/// A direct-mapped cache of `gc::frame_fp_to_sp` by return address: the
/// frames a capture or a return walks are mostly the same few call sites,
/// and compiled code is never unloaded, so an entry never goes stale.
static mut FRAME_SIZES: [(u64, u64); FRAME_SIZE_ENTRIES] = [(0, 0); FRAME_SIZE_ENTRIES];

/// `gc::frame_fp_to_sp`, through `FRAME_SIZES`.
fn frame_fp_to_sp(ra: u64) -> Option<u64> {
    let i = ((ra ^ (ra >> 9)) as usize) & (FRAME_SIZE_ENTRIES - 1);
    // SAFETY: single-threaded runtime state.
    let entry = unsafe { &mut (*std::ptr::addr_of_mut!(FRAME_SIZES))[i] };
    if entry.0 == ra && ra != 0 {
        return Some(entry.1);
    }
    let size = gc::frame_fp_to_sp(ra)?;
    *entry = (ra, size);
    Some(size)
}

/// Where the frames of a segment split: the first chunk is `lo..end`, and
/// its topmost frame keeps its return address at `top_ra_slot`; `upper` is
/// the entry pair of the rest, when something is left.
struct Split {
    end: u64,
    top_ra_slot: u64,
    upper: Option<(u64, u64)>,
}

/// Chooses the end of the first chunk of the frames `lo..hi` that are in
/// place on the stack, from the frame at `entry_fp` up: the first boundary
/// between two compiled frames at least `CHUNK_BYTES` above `lo`, or `hi`.
///
/// # Safety
/// `lo..hi` holds compiled frames chained from `entry_fp`.
unsafe fn choose_split(entry_fp: u64, lo: u64, hi: u64) -> Split {
    let mut top_ra_slot = 0;
    for f in frames::saved(entry_fp, lo, hi - lo, lo) {
        top_ra_slot = f.fp + 8;
        if f.caller_fp >= hi {
            break;
        }
        // The boundary is the caller's stack pointer at its call: the
        // stack arguments below it belong with the callee.
        let Some(fp_to_sp) = frame_fp_to_sp(f.ra) else {
            break;
        };
        let end = f.caller_fp - fp_to_sp;
        if end >= lo + CHUNK_BYTES && end < hi {
            return Split {
                end,
                top_ra_slot,
                upper: Some((f.caller_fp, f.ra)),
            };
        }
    }
    Split {
        end: hi,
        top_ra_slot,
        upper: None,
    }
}

/// A new segment of `kind` for the frames `lo..hi` (entry pair `entry`),
/// returning into `next`; a saved one copies the bytes now at `lo..hi`.
fn new_segment(
    kind: u64,
    lo: u64,
    hi: u64,
    entry: (u64, u64),
    top_ra_slot: u64,
    next: Value,
) -> Value {
    let (nbytes, fixed) = if kind == SEG_RESIDENT {
        (0, SEG_RESIDENT_WORDS)
    } else {
        (hi - lo, seg_bytes_index(kind))
    };
    let words = fixed - 1 + (nbytes / 8) as usize;
    let p = gc::alloc(1 + words);
    // SAFETY: `p` has `1 + words` words, the fixed fields of `kind` and the
    // bytes; a saved segment's bytes are the live, readable stack range
    // `lo..hi`.
    unsafe {
        *p = header(HDR_CONTINUATION, words as u64);
        *p.add(SEG_LO) = lo;
        *p.add(SEG_HI) = hi;
        *p.add(SEG_ENTRY_FP) = entry.0;
        *p.add(SEG_ENTRY_RA) = entry.1;
        *p.add(SEG_TOP_RA_SLOT) = top_ra_slot;
        *p.add(SEG_KIND) = kind;
        *p.add(SEG_NEXT) = FALSE;
        match kind {
            SEG_RESIDENT => {
                *p.add(SEG_FORWARD) = FALSE;
                *p.add(SEG_LINK) = FALSE;
            }
            SEG_CAPTURED => {
                *p.add(SEG_BASE) = stack_base();
                for i in SEG_PC..fixed {
                    *p.add(i) = 0;
                }
            }
            _ => {}
        }
        if nbytes > 0 {
            std::ptr::copy_nonoverlapping(
                lo as *const u8,
                p.add(fixed) as *mut u8,
                nbytes as usize,
            );
        }
    }
    let seg = p as u64 | TAG_OBJECT;
    set_value(seg, SEG_NEXT, next);
    seg
}

/// Plants the underflow handler as the return address at `slot`.
fn plant_hook(slot: u64) {
    // SAFETY: callers pass the return-address slot of the topmost running
    // frame.
    unsafe {
        *(slot as *mut u64) = underflow_address();
        HOOK_SLOT = slot;
    }
}

/// Saves every resident segment that begins below `limit` (their place on
/// the stack is about to be reused), each as a chain of chunks.
fn vacate(limit: u64) {
    loop {
        let r = residents();
        if r == FALSE || word(r, SEG_LO) >= limit {
            return;
        }
        set_residents(word(r, SEG_LINK));
        let (hi, mut lo) = (word(r, SEG_HI), word(r, SEG_LO));
        let mut entry = (word(r, SEG_ENTRY_FP), word(r, SEG_ENTRY_RA));
        // Chunks from the first on, each linked to the next once it exists.
        let (mut first, mut last) = (FALSE, FALSE);
        loop {
            // SAFETY: a resident segment's frames are in place.
            let split = unsafe { choose_split(entry.0, lo, hi) };
            let chunk = new_segment(SEG_SAVED, lo, split.end, entry, split.top_ra_slot, FALSE);
            if last == FALSE {
                first = chunk;
            } else {
                set_value(last, SEG_NEXT, chunk);
            }
            last = chunk;
            match split.upper {
                Some(upper) => (lo, entry) = (split.end, upper),
                None => break,
            }
        }
        set_value(last, SEG_NEXT, word(r, SEG_NEXT));
        let next = first;
        set_value(r, SEG_FORWARD, next);
    }
}

/// Body of `%capture`: `ra_slot` is where the trampoline's return address is,
/// `regs` the callee-saved registers as pushed by the shim (r15 first).
extern "C" fn closc_rt_capture(ra_slot: u64, regs: *const u64) -> Value {
    if crate::memory::foreign_frames::depth() > 0 {
        crate::control::exceptions::raise_error(
            "call/cc: a continuation cannot be captured in a C callback (foreign-callback), so neither guard nor call/cc works there",
            &[],
        );
    }
    RESUMED.with(|r| *r = false);
    let base = stack_base();
    if base == 0 || base < ra_slot {
        crate::error::internal("call/cc outside a running program");
    }
    sync_state(base);
    // SAFETY: `regs` points at the six registers the shim pushed; the
    // trampoline's frame (`rbp`) and every frame above it up to
    // `closc_live_top` are live compiled frames.
    unsafe {
        let r = std::slice::from_raw_parts(regs, 6);
        let trampoline_fp = r[5];
        gc::remove_barrier(trampoline_fp);
        let sp = ra_slot + 8;
        let top = closc_live_top;
        let entry = (
            *(trampoline_fp as *const u64),
            *((trampoline_fp + 8) as *const u64),
        );
        let mut next = live();
        let split = if top - sp <= UNSPLIT_BYTES {
            debug_assert!(next == FALSE || *(HOOK_SLOT as *const u64) == underflow_address());
            Split {
                end: top,
                top_ra_slot: if next == FALSE { 0 } else { HOOK_SLOT },
                upper: None,
            }
        } else {
            choose_split(entry.0, sp, top)
        };
        if let Some(upper) = split.upper {
            // The frames above the first chunk stay where they are, sealed.
            let rest = new_segment(SEG_RESIDENT, split.end, top, upper, 0, next);
            set_value(rest, SEG_LINK, residents());
            set_residents(rest);
            set_live(rest, split.end);
            plant_hook(split.top_ra_slot);
            next = rest;
        }
        let k = new_segment(SEG_CAPTURED, sp, split.end, entry, split.top_ra_slot, next);
        let p = (k & !TAG_MASK) as *mut u64;
        *p.add(SEG_PC) = *(ra_slot as *const u64);
        for (i, &reg) in [r[5], r[4], r[3], r[2], r[1], r[0]].iter().enumerate() {
            *p.add(SEG_REGS + i) = reg;
        }
        k
    }
}

/// Called by the underflow handler: the running frames returned into the
/// first frame of `LIVE`. Makes its first chunk the running frames and
/// returns the return address into it.
extern "C" fn closc_rt_underflow() -> u64 {
    let seg = current(live());
    let (lo, hi) = (word(seg, SEG_LO), word(seg, SEG_HI));
    let entry = (word(seg, SEG_ENTRY_FP), word(seg, SEG_ENTRY_RA));
    let next = word(seg, SEG_NEXT);
    if word(seg, SEG_KIND) == SEG_RESIDENT {
        // The lowest resident segment: its first chunk runs in place, a copy
        // is kept for whoever else holds the segment.
        debug_assert_eq!(residents(), seg);
        // SAFETY: a resident segment's frames are in place.
        let split = unsafe { choose_split(entry.0, lo, hi) };
        let after = match split.upper {
            Some(upper) => {
                let rest = new_segment(SEG_RESIDENT, split.end, hi, upper, 0, next);
                set_value(rest, SEG_LINK, word(seg, SEG_LINK));
                set_residents(rest);
                rest
            }
            None => {
                set_residents(word(seg, SEG_LINK));
                next
            }
        };
        let first = new_segment(SEG_SAVED, lo, split.end, entry, split.top_ra_slot, after);
        set_value(seg, SEG_FORWARD, first);
        set_live(after, split.end);
        if after != FALSE {
            plant_hook(split.top_ra_slot);
        }
    } else {
        vacate(hi);
        // SAFETY: `lo..hi` is dead stack above the handler's own frame, and
        // the segment holds `hi - lo` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(
                ((seg & !TAG_MASK) as *const u64).add(seg_bytes_index(word(seg, SEG_KIND)))
                    as *const u8,
                lo as *mut u8,
                (hi - lo) as usize,
            );
        }
        set_live(next, hi);
        if next != FALSE {
            plant_hook(word(seg, SEG_TOP_RA_SLOT));
        }
    }
    entry.1
}

/// Calls `visit` with the return address into each frame of the segments
/// the running frames return into, innermost first, while it returns true.
/// Allocation-free and without `Global` checks: the stack-overflow handler
/// calls it.
pub fn outer_return_addresses(mut visit: impl FnMut(u64) -> bool) {
    // SAFETY: plain reads of single-threaded state; the segments named are
    // live heap objects (no collection runs while this does).
    let (mut seg, base) = unsafe { ((*std::ptr::addr_of!(ROOTS))[0], STATE_BASE) };
    if base != stack_base() {
        return;
    }
    loop {
        seg = current(seg);
        if seg == FALSE {
            return;
        }
        let (lo, hi) = (word(seg, SEG_LO), word(seg, SEG_HI));
        let kind = word(seg, SEG_KIND);
        let buf = if kind == SEG_RESIDENT {
            lo
        } else {
            (seg & !TAG_MASK) + 8 * seg_bytes_index(kind) as u64
        };
        let (fp, ra) = (word(seg, SEG_ENTRY_FP), word(seg, SEG_ENTRY_RA));
        // SAFETY: as in the collector's `scan_continuation`.
        for (_, ra) in unsafe { frames::segment(fp, ra, lo, hi, buf) } {
            if !visit(ra) {
                return;
            }
        }
        seg = word(seg, SEG_NEXT);
    }
}

/// `(%capture-resumed?)`: whether the `%capture` that just returned did so
/// because its continuation was resumed.
#[no_mangle]
pub extern "C" fn closc_prim_pct_capture_resumed_p() -> Value {
    if RESUMED.with(|r| std::mem::replace(r, false)) {
        TRUE
    } else {
        FALSE
    }
}

/// `(%throw k v)`: resumes continuation `k` with value `v` (never returns).
#[no_mangle]
pub extern "C" fn closc_prim_pct_throw(k: Value, v: Value) -> Value {
    if object_kind(k) != HDR_CONTINUATION || word(k, SEG_KIND) != SEG_CAPTURED {
        crate::error::type_error("%throw", "continuation", k);
    }
    if crate::memory::foreign_frames::depth() > 0 {
        crate::control::exceptions::raise_error(
            "continuation: cannot escape from a C callback past its C frames (foreign-callback)",
            &[],
        );
    }
    let base = stack_base();
    if word(k, SEG_BASE) != base {
        crate::control::exceptions::raise_error(
            "continuation: cannot be resumed outside the evaluation that captured it",
            &[],
        );
    }
    sync_state(base);
    RESUMED.with(|r| *r = true);
    gc::after_nonlocal_exit(true);
    let (lo, hi, next) = (word(k, SEG_LO), word(k, SEG_HI), word(k, SEG_NEXT));
    vacate(hi);
    set_live(next, hi);
    // SAFETY: `k` was captured on this thread's stack, whose base is still
    // live; the plan is read by `closc_rt_resume` only.
    unsafe {
        let s = std::ptr::addr_of_mut!(gc::closc_heap_state);
        (*s).direct_fp = 0;
        let plan = std::ptr::addr_of_mut!(PLAN);
        *plan = ResumePlan {
            sp: lo,
            src: (k & !TAG_MASK) + 8 * seg_bytes_index(SEG_CAPTURED) as u64,
            n: hi - lo,
            hook_slot: if next != FALSE {
                HOOK_SLOT = word(k, SEG_TOP_RA_SLOT);
                HOOK_SLOT
            } else {
                0
            },
            pc: word(k, SEG_PC),
            rbp: word(k, SEG_REGS),
            rbx: word(k, SEG_REGS + 1),
            r12: word(k, SEG_REGS + 2),
            r13: word(k, SEG_REGS + 3),
            r14: word(k, SEG_REGS + 4),
            r15: word(k, SEG_REGS + 5),
            value: v,
            last_fp: std::ptr::addr_of_mut!((*s).last_fp) as u64,
        };
        closc_rt_resume(plan)
    }
}
