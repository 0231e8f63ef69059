//! closc: a Scheme compiler whose heart is closures.
//!
//! `pipeline::STAGES` is the whole compiler, in order, from reading the
//! source files to codegen; each stage is its own module. The drivers in
//! `driver` turn the final program into running code (JIT) or an executable
//! (AOT). See ARCHITECTURE.md for the map.

pub mod ast;
pub mod codegen;
pub mod datum;
pub mod diagnostics;
pub mod driver;
pub mod eval;
pub mod expand;
pub mod expand_records;
pub mod explain;
pub mod ir;
pub mod libraries;
pub mod lint;
pub mod passes;
pub mod pipeline;
pub mod prelude;
pub mod reader;
pub mod repl;
pub mod sources;
