//! Control: the Scheme thread's stack and its overflow handling (`stack`),
//! out-of-line call support (`calls`), first-class continuations
//! (`continuations`), the exception handler stack and raising
//! (`exceptions`), backtraces (`backtrace`), the quoted literals built at
//! start (`literals`), starting and ending a program
//! (`run`), the REPL's evaluations (`session`) and `eval`'s builtins and
//! hooks (`eval`).
//!
//! May use: `error`, `memory`, `numbers`, `unicode`, `args`, `io`.

pub mod backtrace;
pub mod calls;
pub mod continuations;
pub mod eval;
pub mod exceptions;
pub mod literals;
pub mod run;
pub mod session;
pub mod stack;
