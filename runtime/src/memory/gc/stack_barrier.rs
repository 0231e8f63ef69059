//! The stack barrier: a return address planted in the innermost Scheme frame
//! at each collection, so that minor collections do not rescan deep stacks.

use super::*;

/// The stack barrier: a return address planted in the innermost Scheme frame
/// at each collection. Frames below it cannot run until that frame returns,
/// so they cannot have gained pointers to new objects: a minor collection
/// scans the frames above it, and below it only those the previous
/// collection scanned (see `Gc::scan_stack`), which keeps collections cheap
/// under deep recursion. When
/// the frame returns, the barrier code asks the runtime for the real return
/// address, which also moves the barrier one frame down, and jumps there with
/// the return value intact.
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
