//! The builtin procedures, one file per R7RS chapter, and `table`, the one
//! table (`BUILTINS`) the compiler reads; `hashtables/` and `bitwise.rs` are
//! closc's libraries `(closc hash-tables)` and `(closc bitwise)`, on which
//! the bundled SRFIs 69, 125, 143 and 151 build (`lib/srfi/`).
//!
//! May use: every other folder and module (nothing below uses `builtins`).

pub mod apply;
pub mod bitwise;
pub mod bytevectors;
pub mod char_sets;
pub mod chars;
pub mod control;
pub mod equivalence;
pub mod exceptions;
pub mod ffi;
pub mod hashtables;
pub mod inline_kinds;
pub mod lists;
pub mod numbers;
pub mod records;
pub mod string_library;
pub mod strings;
pub mod symbols;
pub mod system;
pub mod table;
pub mod vectors;

#[cfg(test)]
mod tests;
