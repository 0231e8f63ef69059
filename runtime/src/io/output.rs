//! Buffered standard output owned by the runtime.
//!
//! Everything Scheme code prints goes into `OUT`, which is written to file
//! descriptor 1 when it grows past `FLUSH_THRESHOLD`, when the program exits,
//! and before any error message goes to stderr (so the two interleave in
//! program order). Invariant: bytes leave the buffer only through `flush` (or
//! `flush_from_signal_handler`), in order.
//!
//! Write errors are errors: a failed write while the program runs raises a
//! file error (`file-error?`), catchable; at exit it is reported by
//! `files::flush_all`'s caller. A write to a pipe whose reader is gone
//! (EPIPE: SIGPIPE is ignored, in `closc run` and executables alike) ends
//! the program quietly with status 141, as `head` expects of a writer.

use crate::error::{os_reason, try_write_fd, write_fd};
use crate::memory::global::Global;

const FLUSH_THRESHOLD: usize = 64 * 1024;

static OUT: Global<Vec<u8>> = Global::new(Vec::new());

/// Runs `f` on the output buffer, then flushes it if it has grown large.
/// `f` must not print through this module itself.
pub fn with_buffer<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    let (r, full) = OUT.with(|buf| {
        let r = f(buf);
        (r, buf.len() > FLUSH_THRESHOLD)
    });
    // Outside `OUT.with`: a failure raises, which leaves this frame.
    if full {
        flush();
    }
    r
}

/// Appends `bytes` to standard output.
pub fn write_bytes(bytes: &[u8]) {
    with_buffer(|buf| buf.extend_from_slice(bytes));
}

/// Writes out everything buffered; a failure raises a file error (or,
/// for a closed pipe, ends the program quietly).
pub fn flush() {
    if let Err(errno) = try_flush() {
        write_failed(errno)
    }
}

/// Writes out everything buffered (dropped if the write fails); the
/// system's error number on failure.
pub fn try_flush() -> Result<(), i32> {
    OUT.with(|buf| {
        let r = try_write_fd(1, buf);
        buf.clear();
        r
    })
}

/// A write error `flush_deferring_errors` met, not yet raised (0: none).
static DEFERRED: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// `flush` where raising is not possible (inside another runtime global's
/// `with`): a failure waits for `raise_deferred_error`.
pub fn flush_deferring_errors() {
    if let Err(errno) = try_flush() {
        DEFERRED.store(errno, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Raises the failure `flush_deferring_errors` met, if any.
pub fn raise_deferred_error() {
    let errno = DEFERRED.swap(0, std::sync::atomic::Ordering::Relaxed);
    if errno != 0 {
        write_failed(errno)
    }
}

/// Standard output could not be written: a closed pipe ends the program
/// quietly (`broken_pipe_exit`), any other failure raises a file error.
pub fn write_failed(errno: i32) -> ! {
    if errno == libc::EPIPE {
        broken_pipe_exit()
    }
    crate::error::raise_kind(
        crate::error::COND_FILE,
        &format!("cannot write to standard output: {}", os_reason(errno)),
        &[],
    )
}

/// Ends the program without a message, status 141: standard output is a
/// pipe nobody reads any more (`prog | head`), so the output is not
/// wanted; the open files are still written out.
pub fn broken_pipe_exit() -> ! {
    OUT.with(|buf| buf.clear());
    crate::io::files::flush_files_quietly();
    std::process::exit(crate::error::EXIT_BROKEN_PIPE)
}

/// `flush` for the fatal-signal handler: reads the buffer without the
/// re-entrancy check (the signal may have interrupted a `with_buffer`; the
/// vector's pointer and length are still a valid prefix).
pub fn flush_from_signal_handler() {
    // SAFETY: the Scheme thread is stopped in the signal handler, which exits
    // the process right after this; nothing else touches the buffer.
    unsafe {
        let buf = &mut *OUT.as_ptr();
        write_fd(1, buf);
        buf.set_len(0);
    }
}
