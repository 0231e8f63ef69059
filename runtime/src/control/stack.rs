//! Turning a stack overflow on the Scheme thread into `error: stack overflow`.
//!
//! `install_on_current_thread` (called on the Scheme thread before compiled
//! code starts) records that thread's stack bounds, gives the thread an
//! alternate signal stack, and installs a process-wide SIGSEGV/SIGBUS handler
//! running on it. The handler classifies the fault by address: within
//! `OVERFLOW_WINDOW` below the lowest usable stack address (the guard area and
//! whatever a big frame may have jumped over) or in the guard pages at the
//! bottom of the recorded range it is a stack overflow (flush stdout, message,
//! exit 1); anything else is an internal error (exit 70). The handler only
//! uses async-signal-safe calls (`write`, `_exit`).

use crate::io::output;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How far below the stack's lowest address a fault still counts as overflow.
const OVERFLOW_WINDOW: usize = 1 << 20;
/// Size of the alternate signal stack.
const ALT_STACK_BYTES: usize = 256 * 1024;

/// Lowest address of the Scheme thread's stack (0: not recorded).
static STACK_LOW: AtomicUsize = AtomicUsize::new(0);
/// One past the highest address of the Scheme thread's stack.
static STACK_HIGH: AtomicUsize = AtomicUsize::new(0);
/// Size of the guard area glibc keeps at the bottom of the recorded range.
static GUARD: AtomicUsize = AtomicUsize::new(0);

/// The current thread's stack as (lowest address, size, guard size).
fn current_stack() -> Option<(usize, usize, usize)> {
    // SAFETY: plain pthread queries on the calling thread with properly
    // initialized out-parameters; the attribute object is destroyed after use.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let mut guard: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        if libc::pthread_attr_getguardsize(&attr, &mut guard) != 0 {
            guard = 0;
        }
        libc::pthread_attr_destroy(&mut attr);
        ok.then_some((addr as usize, size, guard))
    }
}

/// Whether a fault at `addr` is an overflow of the recorded Scheme stack.
fn is_overflow(addr: usize) -> bool {
    let low = STACK_LOW.load(Ordering::Relaxed);
    if low == 0 {
        return false;
    }
    let guard = GUARD.load(Ordering::Relaxed).max(4096);
    addr >= low.saturating_sub(OVERFLOW_WINDOW)
        && addr < low + guard
        && addr < STACK_HIGH.load(Ordering::Relaxed)
}

/// The faulting instruction and frame pointer of a signal's context.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
fn fault_context(ctx: *mut libc::c_void) -> Option<(u64, u64)> {
    let uc = ctx as *const libc::ucontext_t;
    // SAFETY: the kernel passes a valid ucontext for SA_SIGINFO handlers.
    let gregs = unsafe { &(*uc).uc_mcontext.gregs };
    Some((
        gregs[libc::REG_RIP as usize] as u64,
        gregs[libc::REG_RBP as usize] as u64,
    ))
}

#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
fn fault_context(_ctx: *mut libc::c_void) -> Option<(u64, u64)> {
    None
}

extern "C" fn on_fault(_sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    output::flush_from_signal_handler();
    if is_overflow(addr) {
        crate::error::write_fd(2, b"error: stack overflow\n");
        if let Some((pc, fp)) = fault_context(ctx) {
            crate::control::backtrace::write_overflow_report(pc, fp);
        }
        // The REPL survives this too: its hook parks this thread for good
        // (nothing below the fault runs again).
        if let Some(hook) = crate::error::error_hook() {
            hook()
        }
        // SAFETY: `_exit` is async-signal-safe.
        unsafe { libc::_exit(crate::error::EXIT_ERROR) }
    } else {
        crate::error::write_fd(2, b"error: internal error: segmentation fault\n");
        // SAFETY: as above.
        unsafe { libc::_exit(crate::error::EXIT_INTERNAL) }
    }
}

/// The Scheme thread's stack: (lowest address including the guard, highest
/// address, guard size); zeros when unknown.
pub fn scheme_stack() -> (usize, usize, usize) {
    (
        STACK_LOW.load(Ordering::Relaxed),
        STACK_HIGH.load(Ordering::Relaxed),
        GUARD.load(Ordering::Relaxed),
    )
}

/// Records the calling thread as the Scheme thread and installs the fault
/// handler (see the module documentation).
pub fn install_on_current_thread() {
    crate::control::run::install_services();
    if let Some((low, size, guard)) = current_stack() {
        STACK_LOW.store(low, Ordering::Relaxed);
        STACK_HIGH.store(low + size, Ordering::Relaxed);
        GUARD.store(guard, Ordering::Relaxed);
    }
    // SAFETY: the alternate stack is a fresh mapping that is never unmapped
    // (a thread's alternate stack must outlive the thread's use of it); the
    // sigaction structure is fully initialized.
    unsafe {
        let alt = libc::mmap(
            std::ptr::null_mut(),
            ALT_STACK_BYTES,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if alt != libc::MAP_FAILED {
            let ss = libc::stack_t {
                ss_sp: alt,
                ss_flags: 0,
                ss_size: ALT_STACK_BYTES,
            };
            libc::sigaltstack(&ss, std::ptr::null_mut());
        }
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_fault as *const () as usize;
        sa.sa_flags = libc::SA_ONSTACK | libc::SA_SIGINFO;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGSEGV, &sa, std::ptr::null_mut());
        libc::sigaction(libc::SIGBUS, &sa, std::ptr::null_mut());
    }
}
