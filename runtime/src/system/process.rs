//! Processes and the environment: `system`, `os-spawn-process`,
//! `os-wait-process`, `os-signal-process`, `current-process-id`,
//! `set-environment-variable!`, `unset-environment-variable!`.
//!
//! A spawned program runs with its arguments as given (no shell) and its
//! standard input, output and error connected to pipes; the parent's ends
//! become ports that are both textual and binary (`io::ports::make_pipe_port`),
//! closed by `close-port`. The child is not waited for until
//! `os-wait-process`; its status is an exit code 0..255, or `-N` when signal
//! N ended it. `system` runs `/bin/sh -c COMMAND` and reports a signal the
//! shell's way, `128 + N`. Buffered output (standard output, open files) is
//! written before a child starts, so the child's output comes after it.

use super::{os_error, text_arg};
use crate::control::calls::proper_length;
use crate::error::{raise_kind, type_error, COND_ERROR};
use crate::memory::heap::vector_from;
use crate::memory::value::*;
use std::os::fd::IntoRawFd;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

/// Writes out standard output and the open output files, so that what the
/// program printed comes before what a child prints.
fn flush_before_child() {
    crate::io::files::flush_all_quietly();
}

/// `(system command)`: runs `command` with `/bin/sh -c` and waits for it;
/// its exit status, or 128 + N when signal N ended the shell (a command the
/// shell cannot find is its exit status 127, as the shell reports it).
#[no_mangle]
pub extern "C" fn closc_prim_system(command: Value) -> Value {
    let text = text_arg("system", command);
    flush_before_child();
    match Command::new("/bin/sh").arg("-c").arg(&text).status() {
        Ok(status) => match (status.code(), status.signal()) {
            (Some(code), _) => fixnum(code as i64),
            (None, Some(sig)) => fixnum(128 + sig as i64),
            (None, None) => fixnum(255),
        },
        Err(e) => os_error("system", &e, &[command]),
    }
}

/// `(os-spawn-process program arguments)`: starts `program` (looked up in
/// `PATH` when it holds no `/`) with the list of string `arguments`;
/// `#(pid stdin stdout stderr)` where `stdin` is an output port to the
/// child's standard input and the others input ports from its outputs. A
/// program that cannot be started (missing, not executable) is a file error
/// naming it.
#[no_mangle]
pub extern "C" fn closc_prim_os_spawn_process(program: Value, arguments: Value) -> Value {
    let proc = "run-process";
    let name = text_arg(proc, program);
    if proper_length(arguments).is_none() {
        type_error(proc, "list of strings", arguments);
    }
    let mut argv = Vec::new();
    let mut l = arguments;
    while is_pair(l) {
        argv.push(text_arg(proc, car(l)));
        l = cdr(l);
    }
    flush_before_child();
    let spawned = Command::new(&name)
        .args(&argv)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => os_error(proc, &e, &[program]),
    };
    let pid = child.id();
    let (Some(stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        crate::error::internal("a spawned child without its pipes")
    };
    // The child keeps running; `os-wait-process` reaps it by its id.
    drop(child);
    let port = |fd, output, what| {
        crate::io::ports::make_pipe_port(fd, output, &format!("{name} [{pid}] {what}"))
    };
    // Runtime allocation never moves objects: the ports stay valid.
    let to_child = port(stdin.into_raw_fd(), true, "stdin");
    let from_stdout = port(stdout.into_raw_fd(), false, "stdout");
    let from_stderr = port(stderr.into_raw_fd(), false, "stderr");
    vector_from(&[fixnum(pid as i64), to_child, from_stdout, from_stderr])
}

/// A process id argument.
fn pid_arg(proc: &str, pid: Value) -> i32 {
    match is_fixnum(pid).then(|| fixnum_value(pid)) {
        Some(n) if n > 0 && n <= i32::MAX as i64 => n as i32,
        _ => type_error(proc, "process id", pid),
    }
}

/// `(os-wait-process pid)`: waits for child `pid` to end; its exit status
/// (0..255), or `-N` when signal N ended it. A pid that is not a child
/// still to be waited for is an error.
#[no_mangle]
pub extern "C" fn closc_prim_os_wait_process(pid: Value) -> Value {
    let proc = "process-wait";
    let id = pid_arg(proc, pid);
    let mut status = 0;
    loop {
        // SAFETY: `status` is a valid int to write.
        let r = unsafe { libc::waitpid(id, &mut status, 0) };
        if r == id {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EINTR) {
            raise_kind(
                COND_ERROR,
                &format!("{proc}: {}", super::reason(&e)),
                &[pid],
            );
        }
    }
    if libc::WIFSIGNALED(status) {
        fixnum(-(libc::WTERMSIG(status) as i64))
    } else {
        fixnum(libc::WEXITSTATUS(status) as i64)
    }
}

/// `(os-signal-process pid signal)`: sends signal number `signal` to
/// process `pid`.
#[no_mangle]
pub extern "C" fn closc_prim_os_signal_process(pid: Value, signal: Value) -> Value {
    let proc = "process-kill";
    let id = pid_arg(proc, pid);
    let sig = match is_fixnum(signal).then(|| fixnum_value(signal)) {
        Some(n) if (0..=64).contains(&n) => n as i32,
        _ => type_error(proc, "signal number", signal),
    };
    // SAFETY: kill(2) with plain integers.
    if unsafe { libc::kill(id, sig) } != 0 {
        let e = std::io::Error::last_os_error();
        raise_kind(
            COND_ERROR,
            &format!("{proc}: {}", super::reason(&e)),
            &[pid],
        );
    }
    VOID
}

/// `(current-process-id)`.
#[no_mangle]
pub extern "C" fn closc_prim_current_process_id() -> Value {
    fixnum(std::process::id() as i64)
}

/// An environment variable's name: non-empty, without `=`.
fn variable_name(proc: &str, name: Value) -> String {
    let s = text_arg(proc, name);
    if s.is_empty() || s.contains('=') {
        type_error(proc, "valid environment variable name", name);
    }
    s
}

/// `(set-environment-variable! name value)`: for this program and the
/// programs it starts.
#[no_mangle]
pub extern "C" fn closc_prim_set_environment_variable_x(name: Value, value: Value) -> Value {
    let proc = "set-environment-variable!";
    let key = variable_name(proc, name);
    let val = text_arg(proc, value);
    std::env::set_var(key, val);
    VOID
}

/// `(unset-environment-variable! name)`: removing a variable that is not
/// set does nothing.
#[no_mangle]
pub extern "C" fn closc_prim_unset_environment_variable_x(name: Value) -> Value {
    let key = variable_name("unset-environment-variable!", name);
    std::env::remove_var(key);
    VOID
}
