//! Running several programs, one after another, in one process: the REPL.
//!
//! In: the entry function of each compiled input (`closc_entry` of its JIT
//! module). Out: its value printed with `write` (unless unspecified), and
//! whether it finished, failed with a Scheme error, or was interrupted.
//!
//! Each evaluation runs on a fresh Scheme thread (1 GiB stack, like
//! `run_program`). The recovery point for errors: while a session runs, the
//! error hook (`error::set_error_hook`) is set, so a Scheme error (after
//! printing its message as usual) reports `Failed` to the waiting REPL thread
//! and parks its Scheme thread forever instead of exiting the process. Nothing
//! is unwound: the frames of the failed evaluation just never run again, and
//! the heap, globals and symbols stay as the error left them (what the input
//! did before the error is kept). The parked thread keeps its stack mapping
//! (mostly untouched virtual memory; a stack overflow leaves the touched part).
//! A runtime function that fails while holding a runtime `Global` would leave
//! it marked busy (debug builds then stop with an internal error at the next
//! use): errors are raised by compiled code and by builtins outside those
//! borrows, so this does not happen in practice. Out-of-memory and internal
//! errors still end the process.
//!
//! Interrupts (Ctrl-C): `interrupt` asks the Scheme thread (with SIGUSR2) to
//! stop; its handler stops the thread only when it was running compiled
//! Scheme code (never inside the runtime or the collector, whose state could
//! be half-updated), otherwise returns and the REPL asks again a few
//! milliseconds later. A loop that spends its time in compiled code stops at
//! once. Caveat: compiled code stopped between the two stores of an inline
//! allocation or write barrier can leave a half-initialised, unreachable
//! object (harmless) or an object marked remembered but not recorded.

use crate::control::run::scheme_stack_bytes;
use crate::control::stack;
use crate::error;
use crate::io::{output, printer};
use crate::memory::value::{Value, VOID};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::time::Duration;

/// How an evaluation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A Scheme error; its message was written to stderr.
    Failed,
    /// Stopped by `interrupt`.
    Interrupted,
}

const RUNNING: u32 = 0;
const DONE: u32 = 1;
const FAILED: u32 = 2;
const INTERRUPTED: u32 = 3;

/// The state of the current evaluation (one at a time).
static STATE: AtomicU32 = AtomicU32::new(DONE);
/// The pthread of the current evaluation's Scheme thread (0: none).
static SCHEME_THREAD: AtomicUsize = AtomicUsize::new(0);
/// Held while signalling the Scheme thread and while it clears
/// `SCHEME_THREAD` on its way out, so a signal never targets an exited thread.
static SIGNAL_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn park_forever() -> ! {
    loop {
        // SAFETY: `pause` has no preconditions and is async-signal-safe.
        unsafe { libc::pause() };
    }
}

fn on_error() -> ! {
    output::flush_from_signal_handler();
    release_stack();
    STATE.store(FAILED, Ordering::SeqCst);
    park_forever()
}

/// Gives the memory of the abandoned part of the Scheme stack back to the
/// system (after a deep recursion or a stack overflow it can be most of
/// the 1 GiB): everything below the current frame, or the whole stack when
/// running on the signal stack.
fn release_stack() {
    let (low, high, guard) = stack::scheme_stack();
    if low == 0 {
        return;
    }
    let marker = 0u8;
    let sp = std::ptr::addr_of!(marker) as usize;
    let page = 4096;
    let start = (low + guard).next_multiple_of(page);
    let end = if (low..high).contains(&sp) {
        // Keep 64 KiB below the current frame for this code itself.
        (sp.saturating_sub(64 << 10)) & !(page - 1)
    } else {
        high & !(page - 1)
    };
    // The top of a thread's stack mapping holds its thread-local storage.
    let end = end.min(high.saturating_sub(1 << 20) & !(page - 1));
    if end > start {
        // SAFETY: the range is part of this thread's stack, below every live
        // frame (or unused while on the signal stack); MADV_DONTNEED only
        // drops its pages, which read as zero if touched again.
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
    }
}

extern "C" fn on_interrupt(_sig: libc::c_int, _info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    if STATE.load(Ordering::SeqCst) != RUNNING || !in_compiled_code(ctx) {
        return;
    }
    output::flush_from_signal_handler();
    crate::error::write_fd(2, b"interrupted\n");
    STATE.store(INTERRUPTED, Ordering::SeqCst);
    park_forever()
}

fn in_compiled_code(ctx: *mut libc::c_void) -> bool {
    let uc = ctx as *const libc::ucontext_t;
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    // SAFETY: the kernel passes a valid ucontext to SA_SIGINFO handlers.
    let pc = unsafe { (*uc).uc_mcontext.gregs[libc::REG_RIP as usize] as u64 };
    #[cfg(all(target_os = "linux", target_arch = "aarch64"))]
    // SAFETY: as above.
    let pc = unsafe { (*uc).uc_mcontext.pc };
    #[cfg(not(all(
        target_os = "linux",
        any(target_arch = "x86_64", target_arch = "aarch64")
    )))]
    let pc = {
        let _ = uc;
        return false;
    };
    crate::memory::gc::pc_in_compiled_code_from_signal(pc)
}

/// Set by the SIGINT handler while a session runs.
static SIGINT_SEEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn on_sigint(_sig: libc::c_int) {
    SIGINT_SEEN.store(true, Ordering::SeqCst);
}

/// Whether Ctrl-C (SIGINT) came since the last call; clears it.
pub fn take_interrupt() -> bool {
    SIGINT_SEEN.swap(false, Ordering::SeqCst)
}

/// Sets up the process for a session: error recovery, and interrupts
/// (SIGINT is recorded for `take_interrupt` instead of ending the process).
/// Call before the first `eval`.
pub fn start() {
    crate::control::run::install_services();
    error::install_panic_hook();
    error::set_error_hook(Some(on_error));
    // SAFETY: a fully initialised sigaction for a handler of the right type.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_interrupt as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGUSR2, &sa, std::ptr::null_mut());
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigint as *const () as usize;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
    }
}

/// Prints the value(s) of an input, each with `write` on a line of its own:
/// `(values 1 2)` is two lines, `(values)` and an unspecified value none.
fn print_values(v: Value) {
    use crate::memory::value::{field, header_size, is_object, object_kind, HDR_VALUES};
    let values: Vec<Value> = if is_object(v) && object_kind(v) == HDR_VALUES {
        let n = header_size(field(v, 0)) as usize;
        (1..=n).map(|i| field(v, i)).collect()
    } else if v == VOID {
        Vec::new()
    } else {
        vec![v]
    };
    output::with_buffer(|b| {
        for v in values {
            printer::print(b, v, true);
            b.push(b'\n');
        }
    });
}

/// Runs `entry` on a fresh Scheme thread and waits for it; prints its value
/// with `write` and a newline when `print_value` and the value is not
/// unspecified. `interrupted()` is polled while waiting: when it returns true
/// the evaluation is stopped as soon as it is in compiled code.
pub fn eval(
    entry: extern "C" fn() -> Value,
    print_value: bool,
    mut interrupted: impl FnMut() -> bool,
) -> Outcome {
    SCHEME_THREAD.store(0, Ordering::SeqCst);
    STATE.store(RUNNING, Ordering::SeqCst);
    let thread = std::thread::Builder::new()
        .name("scheme".into())
        .stack_size(scheme_stack_bytes())
        .spawn(move || {
            // SAFETY: `pthread_self` has no preconditions.
            SCHEME_THREAD.store(unsafe { libc::pthread_self() } as usize, Ordering::SeqCst);
            stack::install_on_current_thread();
            let v = entry();
            if print_value {
                print_values(v);
            }
            // The REPL's own output: a failure to write it has nobody to
            // tell (the session goes on).
            let _ = output::try_flush();
            let _guard = SIGNAL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
            SCHEME_THREAD.store(0, Ordering::SeqCst);
            STATE.store(DONE, Ordering::SeqCst);
        });
    let handle = match thread {
        Ok(h) => h,
        Err(e) => error::internal(&format!("cannot start the Scheme thread: {e}")),
    };
    let mut asked = false;
    loop {
        match STATE.load(Ordering::SeqCst) {
            RUNNING => {}
            DONE => {
                if handle.join().is_err() {
                    error::internal("the Scheme thread panicked");
                }
                return Outcome::Done;
            }
            // The thread stays parked; dropping the handle detaches it.
            FAILED => return Outcome::Failed,
            _ => return Outcome::Interrupted,
        }
        if asked || interrupted() {
            asked = true;
            let _guard = SIGNAL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
            let t = SCHEME_THREAD.load(Ordering::SeqCst);
            if t != 0 {
                // SAFETY: the thread is alive (it is running or parked, never
                // exits while RUNNING) and has the SIGUSR2 handler.
                unsafe { libc::pthread_kill(t as libc::pthread_t, libc::SIGUSR2) };
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}
