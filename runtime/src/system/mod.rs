//! `(closc os)`: the operating-system layer under the bundled libraries
//! `(closc process)`, `(closc file-system)` and `(closc time)`
//! (`lib/closc/`): processes and the environment (`process.rs`), files and
//! directories (`file_system.rs`), the wall clock, time zones and sleeping
//! (`time.rs`).
//!
//! In: Scheme values (strings for paths and programs, exact integers). Out:
//! Scheme values; the procedures named `os-...` hand back plain data
//! (vectors, pairs) that the bundled libraries wrap in records, and their
//! messages name the procedure users call (`run-process`, `file-info`,
//! `process-wait`). Every failure
//! the OS reports is a file error (`file-error?`) whose message names the
//! procedure and the OS's reason and whose irritants are the paths or
//! program involved. Nothing here calls Scheme code.
//!
//! May use: every folder below `builtins` (it sits at that layer; the
//! builtin table names its entry functions).

pub mod file_system;
pub mod process;
pub mod time;

use crate::error::{raise_kind, type_error, COND_FILE};
use crate::memory::heap::string_to_rust;
use crate::memory::value::*;

/// The OS's reason for `e`, without Rust's " (os error N)" suffix.
pub fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Raises the file error `PROC: REASON` with `irritants` (the paths).
pub fn os_error(proc: &str, e: &std::io::Error, irritants: &[Value]) -> ! {
    raise_kind(COND_FILE, &format!("{proc}: {}", reason(e)), irritants)
}

/// A string argument (a path, a program, a name) as Rust text; a string
/// holding NUL, which no OS path or argument can, is an error.
pub fn text_arg(proc: &str, v: Value) -> String {
    if !is_string(v) {
        type_error(proc, "string", v);
    }
    let s = string_to_rust(v);
    if s.contains('\0') {
        type_error(proc, "string without NUL characters", v);
    }
    s
}
