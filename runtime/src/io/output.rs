//! Buffered standard output owned by the runtime.
//!
//! Everything Scheme code prints goes into `OUT`, which is written to file
//! descriptor 1 when it grows past `FLUSH_THRESHOLD`, when the program exits,
//! and before any error message goes to stderr (so the two interleave in
//! program order). Invariant: bytes leave the buffer only through `flush` (or
//! `flush_from_signal_handler`), in order.

use crate::error::write_fd;
use crate::memory::global::Global;

const FLUSH_THRESHOLD: usize = 64 * 1024;

static OUT: Global<Vec<u8>> = Global::new(Vec::new());

/// Runs `f` on the output buffer, then flushes it if it has grown large.
/// `f` must not print through this module itself.
pub fn with_buffer<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    OUT.with(|buf| {
        let r = f(buf);
        if buf.len() > FLUSH_THRESHOLD {
            write_fd(1, buf);
            buf.clear();
        }
        r
    })
}

/// Appends `bytes` to standard output.
pub fn write_bytes(bytes: &[u8]) {
    with_buffer(|buf| buf.extend_from_slice(bytes));
}

/// Writes out everything buffered.
pub fn flush() {
    OUT.with(|buf| {
        write_fd(1, buf);
        buf.clear();
    });
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
