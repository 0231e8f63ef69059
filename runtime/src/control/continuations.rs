//! First-class continuations by stack copying.
//!
//! In: `(%capture)` and `(%throw k v)` from the prelude's `call/cc` (both
//! called through a compiled trampoline). Out: a continuation object
//! (`HDR_CONTINUATION`) holding a copy of the whole Scheme stack, and a jump
//! that copies it back to the same addresses and returns from `%capture`
//! again, with `v`.
//!
//! Layout of a continuation object (words): `[header, sp, pc, rbp, rbx, r12,
//! r13, r14, r15, nbytes, stack bytes...]`. `sp` is the stack pointer of the
//! trampoline that called `%capture`, just after that call returns; `pc` the
//! return address into it; the registers are the callee-saved registers at
//! that call (Cranelift's `tail` convention preserves the System V set, so
//! compiled frames may keep non-pointer values there across calls); the bytes
//! are the stack from `sp` up to 16 bytes above `closc_entry`'s frame pointer
//! (`closc_heap_state.stack_base`), which covers every Scheme frame and the
//! link from `closc_entry` back into Rust (which never changes while the
//! program runs).
//!
//! Invariants: no Rust frame sits between two Scheme frames, so the saved
//! segment holds only compiled frames, whose live pointers the collector finds
//! through their stack maps (`gc.rs`, `scan_continuation`); the stack barrier
//! is never saved (its slot gets the real return address in the copy);
//! resuming replaces the live stack wholesale, so the barrier is forgotten.
//! Costs: capture and resume copy the whole stack (O(depth)); code that never
//! captures pays nothing.

use crate::memory::gc;
use crate::memory::value::*;

/// Set when `%capture` returns by a resume rather than the first time.
static RESUMED: crate::memory::global::Global<bool> = crate::memory::global::Global::new(false);

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
    // rdi = continuation object (untagged), rsi = value, rdx = &last_fp.
    // Uses no stack while the saved segment is copied back over it.
    "closc_rt_resume:",
    "mov rax, rsi",
    "mov r8, rdx",
    "mov rdx, rdi",
    "mov rdi, [rdx + 8]",
    "lea rsi, [rdx + 80]",
    "mov rcx, [rdx + 72]",
    "cld",
    "rep movsb",
    "mov rbx, [rdx + 32]",
    "mov r12, [rdx + 40]",
    "mov r13, [rdx + 48]",
    "mov r14, [rdx + 56]",
    "mov r15, [rdx + 64]",
    "mov rbp, [rdx + 24]",
    "mov rsp, [rdx + 8]",
    "mov [r8], rbp",
    "jmp qword ptr [rdx + 16]",
    ".globl closc_rt_jump",
    ".p2align 4",
    // rdi = new rsp, rsi = new rbp, rdx = target.
    "closc_rt_jump:",
    "lea r15, [rip + closc_heap_state]",
    "mov rsp, rdi",
    "mov rbp, rsi",
    "jmp rdx",
    capture = sym closc_rt_capture,
);

extern "C" {
    fn closc_prim_pct_capture() -> Value;
    fn closc_rt_resume(k: *const u64, v: Value, last_fp: *mut u64) -> !;
    fn closc_rt_jump(sp: u64, fp: u64, target: u64) -> !;
}

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

/// Body of `%capture`: `ra_slot` is where the trampoline's return address is,
/// `regs` the callee-saved registers as pushed by the shim (r15 first).
extern "C" fn closc_rt_capture(ra_slot: u64, regs: *const u64) -> Value {
    RESUMED.with(|r| *r = false);
    // SAFETY: `closc_heap_state` is only used by the Scheme thread.
    let base = unsafe { (*std::ptr::addr_of!(gc::closc_heap_state)).stack_base };
    if base == 0 || base < ra_slot {
        crate::error::internal("call/cc outside a running program");
    }
    let sp = ra_slot + 8;
    let end = base + 16;
    let nbytes = end - sp;
    let words = K_BYTES - 1 + (nbytes / 8) as usize;
    let p = gc::alloc(1 + words);
    // SAFETY: `p` has `1 + words` words; `regs` points at the six registers the
    // shim pushed; `[sp, end)` is the live stack.
    unsafe {
        let r = std::slice::from_raw_parts(regs, 6);
        *p = header(HDR_CONTINUATION, words as u64);
        *p.add(K_SP) = sp;
        *p.add(K_PC) = *(ra_slot as *const u64);
        *p.add(K_FP) = r[5];
        *p.add(4) = r[4];
        *p.add(5) = r[3];
        *p.add(6) = r[2];
        *p.add(7) = r[1];
        *p.add(8) = r[0];
        *p.add(K_NBYTES) = nbytes;
        std::ptr::copy_nonoverlapping(sp as *const u8, p.add(K_BYTES) as *mut u8, nbytes as usize);
        unplant_barrier(p);
    }
    p as u64 | TAG_OBJECT
}

/// Replaces the stack barrier's address, wherever it is a return address in
/// the saved frames of continuation `p`, by the return address it stands for.
///
/// # Safety
/// `p` is a filled continuation object.
unsafe fn unplant_barrier(p: *mut u64) {
    let Some((_, saved_ra)) = gc::barrier_state() else {
        return;
    };
    let barrier = gc::barrier_address();
    let (sp, nbytes) = (*p.add(K_SP), *p.add(K_NBYTES));
    let buf = p.add(K_BYTES) as u64;
    for frame in crate::memory::frames::saved(*p.add(K_FP), sp, nbytes, buf) {
        if frame.ra == barrier {
            *frame.ra_slot = saved_ra;
            return;
        }
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
    if object_kind(k) != HDR_CONTINUATION {
        crate::error::type_error("%throw", "continuation", k);
    }
    RESUMED.with(|r| *r = true);
    gc::after_nonlocal_exit(true);
    // SAFETY: `k` is a continuation object captured on this thread's stack,
    // whose base (`closc_entry`'s frame) is still live.
    unsafe {
        let s = std::ptr::addr_of_mut!(gc::closc_heap_state);
        (*s).direct_fp = 0;
        closc_rt_resume(
            untag(k) as *const u64,
            v,
            std::ptr::addr_of_mut!((*s).last_fp),
        )
    }
}
