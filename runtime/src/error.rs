//! Errors: every Scheme-level error a builtin reports is raised as an error
//! condition (`control::exceptions`), which a handler may catch; uncaught, it
//! ends the program with `error: MESSAGE` (and a backtrace) on stderr and exit
//! status 1. Internal errors (Rust panics, unexpected signals) say
//! `error: internal error: ...` and exit with status 70.
//!
//! Invariant: standard output is flushed before anything is written to stderr,
//! and nothing unwinds into compiled code (the panic hook exits the process).
//!
//! A leaf: everything may use this module, and it uses only the value layout.
//! What it needs from above (raising a condition, printing a value, flushing
//! standard output) it reaches through `Services`, which `control::run`
//! installs before any Scheme code runs.

use crate::memory::value::Value;
use std::sync::OnceLock;

/// Exit status for Scheme errors.
pub const EXIT_ERROR: i32 = 1;
/// Exit status for internal errors.
pub const EXIT_INTERNAL: i32 = 70;
/// Exit status when standard output is a pipe whose reader is gone (as a
/// shell reports a process that SIGPIPE ended: 128 + 13), reached quietly.
pub const EXIT_BROKEN_PIPE: i32 = 141;

/// The kinds of error conditions: `(error ...)` and most builtins' errors,
/// a syntax error found by `read` (`read-error?`), a file that cannot be
/// opened or deleted (`file-error?`).
pub const COND_ERROR: u64 = 0;
pub const COND_READ: u64 = 1;
pub const COND_FILE: u64 = 2;

/// Error messages print at most this many bytes of one value (so a huge or
/// circular value cannot make an error message endless).
const MAX_VALUE_BYTES: usize = 64 * 1024;

/// What error reporting needs from the layers above it.
pub struct Services {
    /// Raises an error condition with a message and irritants; never returns
    /// (`control::exceptions::raise_error`).
    pub raise_error: fn(&str, &[Value]) -> !,
    /// `raise_error` for a condition of a kind (`COND_*`)
    /// (`control::exceptions::raise_condition`).
    pub raise_condition: fn(u64, &str, &[Value]) -> !,
    /// Appends `v` as `write` (true) or `display` (false) prints it, cut off
    /// after the given number of bytes (`io::printer::print_limited`).
    pub print_limited: fn(&mut Vec<u8>, Value, bool, usize),
    /// Writes out buffered standard output and the open output files,
    /// ignoring failures (`io::files::flush_all_quietly`).
    pub flush_stdout: fn(),
    /// `flush_stdout` that is safe in a signal handler or the panic hook
    /// (`io::output::flush_from_signal_handler`).
    pub flush_stdout_from_signal_handler: fn(),
}

static SERVICES: OnceLock<Services> = OnceLock::new();

/// Installs the services (the first call wins; later calls change nothing).
pub fn install_services(services: Services) {
    let _ = SERVICES.set(services);
}

/// The installed services. Reporting an error before they are installed is
/// a bug in the runtime's start-up, so it is an internal error.
fn services() -> &'static Services {
    match SERVICES.get() {
        Some(s) => s,
        None => internal("error reporting used before the runtime started"),
    }
}

/// Writes all of `bytes` to file descriptor `fd`; a failure is the
/// system's error number. Async-signal-safe. The one raw write: error
/// messages use it for stderr, `io` for standard output and files.
pub fn try_write_fd(fd: i32, mut bytes: &[u8]) -> Result<(), i32> {
    while !bytes.is_empty() {
        // SAFETY: `bytes` is a valid buffer of `bytes.len()` bytes.
        let n = unsafe { libc::write(fd, bytes.as_ptr() as *const libc::c_void, bytes.len()) };
        if n < 0 {
            let errno = std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EIO);
            if errno == libc::EINTR {
                continue;
            }
            return Err(errno);
        }
        bytes = &bytes[n as usize..];
    }
    Ok(())
}

/// `try_write_fd` ignoring errors, for error messages (there is nowhere
/// left to report a failure to write one).
pub fn write_fd(fd: i32, bytes: &[u8]) {
    let _ = try_write_fd(fd, bytes);
}

/// The system's words for error number `errno` ("No space left on device").
pub fn os_reason(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The recovery hook (see `set_error_hook`), as a `fn() -> !` address; 0: none.
static ERROR_HOOK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Installs (or removes) the hook a Scheme error calls, after its message
/// is written, instead of exiting: the REPL's recovery point
/// (`session::eval`), which never returns into the failed code. Internal
/// errors and out-of-memory (the collector's state is not consistent then)
/// still exit.
pub fn set_error_hook(hook: Option<fn() -> !>) {
    let addr = hook.map_or(0, |h| h as usize);
    ERROR_HOOK.store(addr, std::sync::atomic::Ordering::SeqCst);
}

/// The installed error hook, if any.
pub fn error_hook() -> Option<fn() -> !> {
    match ERROR_HOOK.load(std::sync::atomic::Ordering::SeqCst) {
        0 => None,
        // SAFETY: only `set_error_hook` stores, and it stores a `fn() -> !`.
        addr => Some(unsafe { std::mem::transmute::<usize, fn() -> !>(addr) }),
    }
}

/// Ends the program with `error: {msg}` even when an error hook is set.
pub fn fatal_unrecoverable(msg: &str) -> ! {
    set_error_hook(None);
    die_error(msg, EXIT_ERROR)
}

/// Writes `text` to stderr (after flushing standard output) and ends the
/// program with `status`, or, for a Scheme error, calls the error hook if one
/// is installed.
pub fn die(text: &str, status: i32) -> ! {
    if let Some(s) = SERVICES.get() {
        (s.flush_stdout)();
    }
    write_fd(2, text.as_bytes());
    if status == EXIT_ERROR {
        if let Some(hook) = error_hook() {
            hook()
        }
    }
    // `std::process::exit` also flushes Rust's own stdout, in case the host
    // (the JIT driver) printed something through it.
    std::process::exit(status)
}

/// Raises an error condition with message `msg` (no irritants); uncaught,
/// the program ends with `error: {msg}` on stderr and exit status 1.
pub fn fatal(msg: &str) -> ! {
    (services().raise_error)(msg, &[])
}

/// Raises an error condition of `kind` (`COND_*`) with `msg` and
/// `irritants`.
pub fn raise_kind(kind: u64, msg: &str, irritants: &[Value]) -> ! {
    (services().raise_condition)(kind, msg, irritants)
}

/// Ends the program with `error: {msg}` and exit status `status` (no handler
/// is consulted).
pub fn die_error(msg: &str, status: i32) -> ! {
    die(&format!("error: {msg}\n"), status)
}

/// Ends the program with `error: internal error: {msg}` and exit status 70.
pub fn internal(msg: &str) -> ! {
    die(&format!("error: internal error: {msg}\n"), EXIT_INTERNAL)
}

/// `v` as `write` prints it, cut off after `MAX_VALUE_BYTES` bytes.
pub fn written(v: Value) -> String {
    let mut out = Vec::new();
    (services().print_limited)(&mut out, v, true, MAX_VALUE_BYTES);
    String::from_utf8_lossy(&out).into_owned()
}

/// `v` as `display` prints it, cut off after `MAX_VALUE_BYTES` bytes.
pub fn displayed(v: Value) -> String {
    let mut out = Vec::new();
    (services().print_limited)(&mut out, v, false, MAX_VALUE_BYTES);
    String::from_utf8_lossy(&out).into_owned()
}

/// `error: {proc}: not a {what}: {v written}`.
pub fn type_error(proc: &str, what: &str, v: Value) -> ! {
    (services().raise_error)(&format!("{proc}: not a {what}"), &[v])
}

/// `error: {proc}: index out of range: {v written}`.
pub fn index_error(proc: &str, v: Value) -> ! {
    (services().raise_error)(&format!("{proc}: index out of range"), &[v])
}

/// `expected 2`, `expected 1 to 2` or `expected at least 1`.
pub fn expected_text(min: u64, max: u64) -> String {
    if max == u64::MAX {
        format!("expected at least {min}")
    } else if min == max {
        format!("expected {min}")
    } else {
        format!("expected {min} to {max}")
    }
}

/// Makes Rust panics end the program with an internal-error message (status
/// 70) instead of a Rust panic message and an unwind into compiled code.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let msg = if let Some(s) = payload.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "panic".to_string()
        };
        let msg = match info.location() {
            Some(loc) => format!("{msg} (at {}:{})", loc.file(), loc.line()),
            None => msg,
        };
        // Never re-enter the output buffer's `with` check: a panic may come from
        // inside it.
        if let Some(s) = SERVICES.get() {
            (s.flush_stdout_from_signal_handler)();
        }
        write_fd(2, format!("error: internal error: {msg}\n").as_bytes());
        // SAFETY: `_exit` has no preconditions.
        unsafe { libc::_exit(EXIT_INTERNAL) }
    }));
}
