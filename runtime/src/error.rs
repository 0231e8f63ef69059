//! Errors: every Scheme-level error a builtin reports is raised as an error
//! condition (`exceptions.rs`), which a handler may catch; uncaught, it ends
//! the program with `error: MESSAGE` (and a backtrace) on stderr and exit
//! status 1. Internal errors (Rust panics, unexpected signals) say
//! `error: internal error: ...` and exit with status 70.
//!
//! Invariant: standard output is flushed before anything is written to stderr,
//! and nothing unwinds into compiled code (the panic hook exits the process).
//! The `extern "C"` entry points here never return; they are declared as
//! returning `u64` so compiled code can call them like any other runtime
//! function.

use crate::heap::{lambda_name, symbol_name};
use crate::output;
use crate::printer;
use crate::value::*;

/// Exit status for Scheme errors.
pub const EXIT_ERROR: i32 = 1;
/// Exit status for internal errors.
pub const EXIT_INTERNAL: i32 = 70;

/// Error messages print at most this many bytes of one value (so a huge or
/// circular value cannot make an error message endless).
const MAX_VALUE_BYTES: usize = 64 * 1024;

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

fn die(text: &str, status: i32) -> ! {
    output::flush();
    output::write_fd(2, text.as_bytes());
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
    crate::exceptions::raise_error(msg, &[])
}

/// Ends the program with `error: {msg}` and exit status `status` (no handler
/// is consulted).
pub fn die_error(msg: &str, status: i32) -> ! {
    die(&format!("error: {msg}\n"), status)
}

/// Ends the program for an error no handler caught: `error: {msg}`, then
/// the position of the failing call and the backtrace (`backtrace.rs`).
pub fn die_uncaught(msg: &str) -> ! {
    die(
        &format!("error: {msg}\n{}", crate::backtrace::report()),
        EXIT_ERROR,
    )
}

/// Ends the program with `error: internal error: {msg}` and exit status 70.
pub fn internal(msg: &str) -> ! {
    die(&format!("error: internal error: {msg}\n"), EXIT_INTERNAL)
}

/// `v` as `write` prints it, cut off after `MAX_VALUE_BYTES` bytes.
pub fn written(v: Value) -> String {
    let mut out = Vec::new();
    printer::print_limited(&mut out, v, true, MAX_VALUE_BYTES);
    String::from_utf8_lossy(&out).into_owned()
}

/// `v` as `display` prints it, cut off after `MAX_VALUE_BYTES` bytes.
pub fn displayed(v: Value) -> String {
    let mut out = Vec::new();
    printer::print_limited(&mut out, v, false, MAX_VALUE_BYTES);
    String::from_utf8_lossy(&out).into_owned()
}

/// `error: {proc}: not a {what}: {v written}`.
pub fn type_error(proc: &str, what: &str, v: Value) -> ! {
    crate::exceptions::raise_error(&format!("{proc}: not a {what}"), &[v])
}

/// `error: {proc}: index out of range: {v written}`.
pub fn index_error(proc: &str, v: Value) -> ! {
    crate::exceptions::raise_error(&format!("{proc}: index out of range"), &[v])
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

/// The message of `closc_rt_arity_error` for closure `f` called with `got`
/// arguments.
pub fn closure_arity_message(f: Value, got: u64) -> String {
    let name = lambda_name(closure_lambda_id(f)).unwrap_or_else(|| "#<procedure>".to_string());
    let arity = closure_arity(f);
    let expected = if arity >= 0 {
        expected_text(arity as u64, arity as u64)
    } else {
        expected_text((-(arity + 1)) as u64, u64::MAX)
    };
    format!("{name}: wrong number of arguments: {expected}, got {got}")
}

/// Compiled code calls a value that is not a procedure.
#[no_mangle]
pub extern "C" fn closc_rt_not_procedure(v: Value) -> u64 {
    crate::exceptions::raise_error("attempt to call a non-procedure", &[v])
}

/// Closure `f` was called with `got` arguments, which its arity word rejects.
#[no_mangle]
pub extern "C" fn closc_rt_arity_error(f: Value, got: u64) -> u64 {
    fatal(&closure_arity_message(f, got))
}

/// Builtin `name` (a symbol) was called with `got` arguments; it takes
/// `expected_min` to `expected_max` (`u64::MAX`: no maximum).
#[no_mangle]
pub extern "C" fn closc_rt_builtin_arity_error(
    name: Value,
    expected_min: u64,
    expected_max: u64,
    got: u64,
) -> u64 {
    let name = if is_symbol(name) {
        symbol_name(name)
    } else {
        displayed(name)
    };
    fatal(&format!(
        "{name}: wrong number of arguments: {}, got {got}",
        expected_text(expected_min, expected_max)
    ))
}

/// A global or `letrec` variable was used before it got a value.
#[no_mangle]
pub extern "C" fn closc_rt_unbound_variable(sym: Value) -> u64 {
    fatal(&format!("unbound variable: {}", displayed(sym)))
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
        output::flush_from_signal_handler();
        output::write_fd(2, format!("error: internal error: {msg}\n").as_bytes());
        // SAFETY: `_exit` has no preconditions.
        unsafe { libc::_exit(EXIT_INTERNAL) }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::global::test_lock;

    #[test]
    fn arity_messages() {
        let _g = test_lock();
        assert_eq!(expected_text(1, 1), "expected 1");
        assert_eq!(expected_text(1, 2), "expected 1 to 2");
        assert_eq!(expected_text(1, u64::MAX), "expected at least 1");
        let blob = b"\0fact";
        crate::heap::closc_rt_set_lambda_names(blob.as_ptr(), blob.len() as u64);
        let p = crate::heap::alloc(3);
        // SAFETY: a fresh 3-word closure with no free variables.
        unsafe {
            *p = closure_header(0, 1);
            *p.add(1) = 0;
            *p.add(2) = 2;
        }
        let f = p as u64 | TAG_CLOSURE;
        assert_eq!(
            closure_arity_message(f, 3),
            "fact: wrong number of arguments: expected 2, got 3"
        );
        // SAFETY: as above.
        unsafe {
            *p = closure_header(0, 0);
            *p.add(2) = (-3i64) as u64;
        }
        assert_eq!(
            closure_arity_message(f, 1),
            "#<procedure>: wrong number of arguments: expected at least 2, got 1"
        );
    }
}
