//! The stack barrier: a return address planted in the innermost Scheme frame
//! at each collection, so that minor collections do not rescan deep stacks.
//!
//! In: the stops the collection's frame walk records (`Gc::barrier_stops`,
//! every `BARRIER_STOP_EVERY`-th frame's return-address slot, innermost
//! last); out: the barrier moved to the next stop at each hit, in constant
//! time. Invariant: the frames below the barrier have not run since the
//! previous collection; the stops are return-address slots of such frames,
//! dropped whenever frames may leave the stack other than by returning
//! through the barrier (a continuation captured or resumed, the barrier
//! lost), and checked before the barrier is written into one.

use super::*;

/// The stack barrier: a return address planted in the innermost Scheme frame
/// at each collection. Frames below it cannot run until that frame returns,
/// so they cannot have gained pointers to new objects: a minor collection
/// scans the frames above it, and below it only those the previous
/// collection scanned (see `Gc::scan_stack`), which keeps collections cheap
/// under deep recursion. When
/// the frame returns, the barrier code asks the runtime for the real return
/// address, which also moves the barrier further down (to the next *stop*
/// a collection's walk recorded: `BarrierStop`), and jumps there with the
/// return value intact.
pub(super) mod barrier {
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

/// One frame in `BARRIER_STOP_EVERY` gets a stop when a collection walks
/// it: returning through a deep stack then pays one barrier hit per that
/// many returns, and a minor collection scans at most that many frames that
/// have not run. Recording is cheap (the walk visits those frames anyway),
/// so a small value costs little memory: 16 bytes per stop.
pub(super) const BARRIER_STOP_EVERY: u32 = 64;

/// At most this many bytes of stack are fetched ahead at a hit.
const PREFETCH_SPAN: u64 = 64 << 10;

/// Where the barrier may move when it is returned through: the
/// return-address slot of a frame below it that returns into compiled code,
/// and the return address the slot held when a collection's walk saw it.
#[derive(Clone, Copy)]
pub(super) struct BarrierStop {
    pub slot: u64,
    pub ra: u64,
}

impl Gc {
    /// The recorded stop the barrier moves to, now that it was returned
    /// through into the frame whose frame pointer is `fp`: the innermost
    /// stop, if it is sound. A sound stop's slot lies between that frame's
    /// own return-address slot and the stack base and still holds the return
    /// address recorded. Every way frames below the barrier leave other than
    /// by returning through it drops the stops (see `barrier_stops`); a stop
    /// failing this check means one was missed, and then none is trusted.
    fn next_barrier_stop(&mut self, fp: u64) -> Option<BarrierStop> {
        let stop = self.barrier_stops.pop()?;
        let base = state().stack_base;
        // SAFETY: read only once the slot is known to lie between the live
        // frame `fp` and the stack base: in the running thread's stack.
        let sound = stop.slot >= fp + 8
            && stop.slot < base
            && unsafe { *(stop.slot as *const u64) } == stop.ra;
        if sound {
            Some(stop)
        } else {
            debug_assert!(
                false,
                "stale stack-barrier stop at {:#x} (frame {fp:#x})",
                stop.slot
            );
            self.barrier_stops.clear();
            None
        }
    }

    /// Forgets every recorded stop: the frames they are in left the stack,
    /// or may have, other than by returning through the barrier.
    pub(super) fn drop_barrier_stops(&mut self) {
        self.barrier_stops.clear();
    }
}

/// Called by the barrier code when a frame returned through the barrier into
/// the frame whose frame pointer is `fp`: returns the real return address and
/// moves the barrier further down, to the next stop the last collections
/// recorded (constant time), or, without one, by walking the frames below.
#[no_mangle]
pub extern "C" fn closc_rt_stack_barrier_hit(fp: u64) -> u64 {
    GC.with(|g| {
        let saved = g.barrier.take().map_or(0, |b| b.saved_ra);
        if let Some(stop) = g.next_barrier_stop(fp) {
            // SAFETY: `next_barrier_stop` checked that the slot is a live
            // frame's return-address slot holding a return into compiled code.
            unsafe { *(stop.slot as *mut u64) = barrier::address() };
            g.barrier = Some(Barrier {
                slot: stop.slot,
                saved_ra: stop.ra,
            });
            // The program returns through the frames up to this stop next
            // (fetched at the previous hit), then through those up to the
            // following stop: a deep stack left the cache long ago, and
            // fetching that stretch now hides the latency of returning
            // through it.
            let ahead = g.barrier_stops.last().map_or(0, |next| next.slot);
            let mut line = stop.slot & !63;
            while line < ahead.min(stop.slot + PREFETCH_SPAN) {
                super::roots::prefetch(line);
                line += 64;
            }
            return saved;
        }
        // No stop: the frames below were not walked by a collection since
        // they last ran (a continuation's frames just copied back); move the
        // barrier down by walking them, as far as a stop would be.
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
        for _ in 0..BARRIER_STOP_EVERY {
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
