//! closc's runtime: what compiled Scheme code calls through a C ABI (linked
//! as a static library into AOT executables, as an rlib into the JIT driver).
//!
//! The folders, lowest layer first; a module may use its own folder and the
//! layers below it, never one above (`tools/module_cycles.py` checks it):
//!
//! - `error`: error messages and exits; a leaf (it reaches the printer, the
//!   output buffer and `raise` through hooks `control::run` installs).
//! - `memory/`: the value layout, globals, allocation and the collector, and
//!   the walk over compiled frames the collector and the control code share.
//! - `numbers`, `unicode`, `args`: the numeric tower, Unicode tables and the
//!   one argument-checking module.
//! - `io/`: the output buffer, ports, the runtime `read`, the printer, and
//!   the character-name table (also used by the compiler's reader).
//! - `control/`: the Scheme stack, calls, continuations, exceptions,
//!   backtraces, starting a program and the REPL's sessions.
//! - `builtins/`: the builtin procedures, one file per R7RS chapter, and
//!   `builtins::table::BUILTINS`, the table the compiler reads.
//! - `system/`: `(closc os)`, processes, the file system and the clock, at
//!   the layer of `builtins` (the table names its entry functions).
//! - `abi`: the list of the other entry points compiled code calls (codegen
//!   and the JIT read it); the top layer, used by nothing in the runtime.
//!
//! Scheme code runs on one thread; all runtime state is single-threaded
//! (see `memory::global`).

pub mod abi;
pub mod args;
pub mod builtins;
pub mod control;
pub mod error;
pub mod io;
pub mod memory;
pub mod numbers;
pub mod system;
pub mod unicode;
pub mod unicode_tables;
