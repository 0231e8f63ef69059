//! The builtin procedures, one file per R7RS chapter, and `table`, the one
//! table (`BUILTINS`) the compiler reads.
//!
//! May use: every other folder and module (nothing below uses `builtins`).

pub mod apply;
pub mod bitwise;
pub mod bytevectors;
pub mod chars;
pub mod control;
pub mod equivalence;
pub mod exceptions;
pub mod hashtables;
pub mod lists;
pub mod numbers;
pub mod records;
pub mod strings;
pub mod symbols;
pub mod system;
pub mod table;
pub mod vectors;

#[cfg(test)]
mod tests;
