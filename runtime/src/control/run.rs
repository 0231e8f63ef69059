//! Starting and ending a program: the Scheme thread with its 1 GiB stack
//! (`CLOSC_STACK`, see `scheme_stack_bytes`),
//! the command line `(command-line)` returns, and the C `main` of AOT
//! executables (`closc_rt_main`).
//!
//! In: a compiled program's entry function. Out: its exit status once it
//! returns (errors exit the process directly). Invariant: the runtime's
//! services are installed (`install_services`) before any Scheme code runs.

use crate::control::stack;
use crate::error;
use crate::io::output;
use crate::memory::value::Value;
use crate::memory::{gc, global};

/// Gives `error` what it reaches through hooks (raising, printing, flushing
/// standard output). Every way into Scheme code calls this first; calls
/// after the first change nothing.
pub fn install_services() {
    error::install_services(error::Services {
        raise_error: crate::control::exceptions::raise_error,
        raise_condition: crate::control::exceptions::raise_condition,
        print_limited: crate::io::printer::print_limited,
        flush_stdout: crate::io::files::flush_all_quietly,
        flush_stdout_from_signal_handler: output::flush_from_signal_handler,
    });
}

/// Default stack size of the thread that runs Scheme code.
const DEFAULT_STACK_BYTES: usize = 1 << 30;

/// Stack size of the thread that runs Scheme code: `CLOSC_STACK` (`512M`),
/// else 1 GiB, or a quarter of the address-space limit (`ulimit -v`) if that
/// is smaller, so that a program still starts under a small limit (the stack
/// is reserved address space, touched only as deep as recursion goes).
pub fn scheme_stack_bytes() -> usize {
    static BYTES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *BYTES.get_or_init(|| {
        if let Some(b) = std::env::var("CLOSC_STACK")
            .ok()
            .and_then(|s| gc::parse_size(&s))
        {
            return b.max(1 << 20);
        }
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the struct it is given.
        let limited = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut lim) } == 0
            && lim.rlim_cur != libc::RLIM_INFINITY;
        if limited {
            DEFAULT_STACK_BYTES
                .min(lim.rlim_cur as usize / 4)
                .max(1 << 20)
        } else {
            DEFAULT_STACK_BYTES
        }
    })
}

/// Runs compiled code: sets up the runtime, then calls `entry` on a thread
/// whose stack is `scheme_stack_bytes()` (1 GiB: 10^6-deep non-tail recursion fits), joins,
/// flushes stdout, and returns the exit status (0). Errors inside Scheme code
/// exit the process directly (status 1, or 70 for internal errors).
pub fn run_program(entry: extern "C" fn() -> Value) -> i32 {
    // A write to a closed pipe is an error the runtime handles (EPIPE), in
    // `closc run` (Rust's start-up already ignores SIGPIPE) and in
    // executables alike, rather than a death by signal.
    // SAFETY: setting a signal's disposition to "ignore" has no preconditions.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    run_with_stack(entry, scheme_stack_bytes())
}

thread_local! {
    /// Whether this thread was started by `on_scheme_stack`.
    static HAS_SCHEME_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` on a new thread whose stack is `scheme_stack_bytes()`, and returns
/// its result. `closc run` does all its work there, so the expander and the
/// program need no threads of their own: each thread start costs `closc run`
/// hello about a tenth of a millisecond, and the first one a new malloc arena.
pub fn on_scheme_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    install_services();
    on_new_thread(scheme_stack_bytes(), || {
        HAS_SCHEME_STACK.with(|c| c.set(true));
        f()
    })
    .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Runs `f` on a new thread named `scheme` with `stack_bytes` of stack, and
/// returns its result, or the panic that ended it. A thread that cannot
/// start is an internal error.
fn on_new_thread<T: Send>(
    stack_bytes: usize,
    f: impl FnOnce() -> T + Send,
) -> std::thread::Result<T> {
    std::thread::scope(|s| {
        match std::thread::Builder::new()
            .name("scheme".into())
            .stack_size(stack_bytes)
            .spawn_scoped(s, f)
        {
            Ok(handle) => handle.join(),
            // Most likely the stack reservation does not fit the address
            // space (`ulimit -v`): a limit of the machine, not a bug.
            Err(e) => error::fatal_unrecoverable(&format!(
                "cannot start the Scheme thread with a {} MiB stack (CLOSC_STACK sets it): {e}",
                stack_bytes >> 20
            )),
        }
    })
}

/// Whether this thread's stack is `scheme_stack_bytes()` (it runs under
/// `on_scheme_stack`), so deep recursion needs no new thread.
pub fn has_scheme_stack() -> bool {
    HAS_SCHEME_STACK.with(|c| c.get())
}

/// `run_program` with a chosen stack size.
fn run_with_stack(entry: extern "C" fn() -> Value, stack_bytes: usize) -> i32 {
    install_services();
    error::install_panic_hook();
    let run = move || {
        stack::install_on_current_thread();
        entry();
    };
    if stack_bytes == scheme_stack_bytes() && has_scheme_stack() {
        run();
    } else if on_new_thread(stack_bytes, run).is_err() {
        error::internal("the Scheme thread panicked");
    }
    let status = finish_output();
    gc::report_stats();
    status
}

/// Writes out standard output and the open files as the program ends: the
/// exit status, `error::EXIT_ERROR` (with the message on stderr, if it can
/// be written) when some output could not be written.
pub fn finish_output() -> i32 {
    match crate::io::files::flush_all() {
        Ok(()) => 0,
        Err(msg) => {
            error::write_fd(2, format!("error: {msg}\n").as_bytes());
            error::EXIT_ERROR
        }
    }
}

/// The program's command line for `(command-line)`: the program name, then
/// its arguments (an AOT executable's argv; for the JIT, the source file and
/// the arguments after `--`).
static ARGS: global::Global<Vec<String>> = global::Global::new(Vec::new());

/// The program's command line, as set by `closc_rt_main` or
/// `set_program_args`.
pub fn program_args() -> Vec<String> {
    ARGS.with(|a| a.clone())
}

/// Sets the command line `(command-line)` returns (the JIT driver's way).
pub fn set_program_args(args: Vec<String>) {
    ARGS.with(|a| *a = args);
}

/// AOT executables' `main` calls this with its own arguments and the compiled
/// program's entry function; the result is the process exit status.
// A C entry point: `argv` comes from the C runtime, so the pointer is trusted.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
#[no_mangle]
pub extern "C" fn closc_rt_main(
    argc: i32,
    argv: *const *const std::os::raw::c_char,
    entry: extern "C" fn() -> Value,
) -> i32 {
    let mut args = Vec::new();
    for i in 0..argc.max(0) as usize {
        // SAFETY: the C runtime passes `argc` valid NUL-terminated strings.
        let arg = unsafe {
            let p = *argv.add(i);
            if p.is_null() {
                break;
            }
            std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
        };
        args.push(arg);
    }
    ARGS.with(|a| *a = args);
    run_program(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::{exceptions, system};
    use crate::io::printer;
    use crate::memory::{heap, value};

    /// Re-runs this test binary with only `test_name` selected and `env` set,
    /// returning (status, stdout, stderr).
    fn run_child(test_name: &str, env: &str) -> (Option<i32>, String, String) {
        let exe = std::env::current_exe().unwrap();
        let out = std::process::Command::new(exe)
            .args([test_name, "--exact", "--nocapture", "--quiet"])
            .env(env, "1")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    #[inline(never)]
    fn recurse(n: u64) -> u64 {
        let frame = std::hint::black_box([n; 64]);
        if std::hint::black_box(n) == u64::MAX {
            return 0;
        }
        recurse(n + 1) + frame[7]
    }

    extern "C" fn overflow_entry() -> Value {
        output::write_bytes(b"before overflow");
        value::fixnum(recurse(0) as i64)
    }

    extern "C" fn hello_entry() -> Value {
        let s = heap::make_string_from("hello\n");
        output::with_buffer(|b| printer::print(b, s, false));
        value::VOID
    }

    extern "C" fn exit_entry() -> Value {
        output::write_bytes(b"bye");
        let args = [value::fixnum(3)];
        system::closc_prim_pct_exit(1, args.as_ptr())
    }

    extern "C" fn error_entry() -> Value {
        output::write_bytes(b"partial ");
        let args = [
            heap::make_string_from("boom"),
            value::fixnum(1),
            heap::make_string_from("s"),
        ];
        exceptions::closc_prim_error(3, args.as_ptr())
    }

    extern "C" fn segv_entry() -> Value {
        // SAFETY: deliberately faults (tests the internal-error path).
        unsafe { std::ptr::read_volatile(16usize as *const u64) }
    }

    extern "C" fn panic_entry() -> Value {
        panic!("oops")
    }

    #[test]
    fn child_programs() {
        if std::env::var("CLOSC_RT_CHILD").is_ok() {
            return;
        }
        let cases: [(&str, Option<i32>, &str, &str); 6] = [
            ("child_hello", Some(0), "hello\n", ""),
            (
                "child_overflow",
                Some(1),
                "before overflow",
                "error: stack overflow\n",
            ),
            ("child_exit", Some(3), "bye", ""),
            ("child_error", Some(1), "partial ", "error: boom: 1 \"s\"\n"),
            (
                "child_segv",
                Some(70),
                "",
                "error: internal error: segmentation fault\n",
            ),
            ("child_panic", Some(70), "", "error: internal error: oops"),
        ];
        for (name, status, stdout, stderr) in cases {
            let (got_status, got_out, got_err) =
                run_child(&format!("control::run::tests::{name}"), "CLOSC_RT_CHILD");
            assert_eq!(got_status, status, "{name}: stderr {got_err}");
            // The test harness prints its own header first.
            let got_out = got_out
                .strip_prefix("\nrunning 1 test\n")
                .unwrap_or(&got_out);
            assert_eq!(got_out, stdout, "{name}");
            assert!(got_err.starts_with(stderr), "{name}: stderr {got_err:?}");
        }
    }

    fn in_child() -> bool {
        std::env::var("CLOSC_RT_CHILD").is_ok()
    }

    #[test]
    fn child_hello() {
        if in_child() {
            std::process::exit(run_program(hello_entry));
        }
    }

    #[test]
    fn child_overflow() {
        if in_child() {
            std::process::exit(run_with_stack(overflow_entry, 16 << 20));
        }
    }

    #[test]
    fn child_exit() {
        if in_child() {
            std::process::exit(run_program(exit_entry));
        }
    }

    #[test]
    fn child_error() {
        if in_child() {
            std::process::exit(run_program(error_entry));
        }
    }

    #[test]
    fn child_segv() {
        if in_child() {
            std::process::exit(run_program(segv_entry));
        }
    }

    #[test]
    fn child_panic() {
        if in_child() {
            std::process::exit(run_program(panic_entry));
        }
    }
}
