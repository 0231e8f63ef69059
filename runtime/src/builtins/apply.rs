//! Calling a builtin as a first-class procedure with a list of arguments
//! (`apply`, or a builtin with optional or variable arguments passed as a
//! value): the arity check and the dispatch on the entry's calling
//! convention.

use crate::builtins::table::{Arity, Entry, BUILTINS};
use crate::control::calls::{closc_rt_builtin_arity_error, with_items};
use crate::memory::value::Value;

/// Calls builtin number `index` (in `BUILTINS`) with the elements of `list`:
/// used when a builtin with optional or variable arguments is called as a
/// first-class procedure. `list` may be the list given to `apply` itself:
/// an improper or circular one is reported as `apply`'s error.
#[no_mangle]
pub extern "C" fn closc_rt_apply_builtin(index: u64, list: Value) -> Value {
    let builtin = &BUILTINS[index as usize];
    let called = with_items(list, |args| {
        let n = args.len();
        let (lo, hi) = match builtin.arity {
            Arity::Exactly(k) => (k as u64, k as u64),
            Arity::Between(a, b) => (a as u64, b as u64),
            Arity::AtLeast(a) => (a as u64, u64::MAX),
        };
        if (n as u64) < lo || (n as u64) > hi {
            let name = crate::memory::heap::intern(builtin.name);
            closc_rt_builtin_arity_error(name, lo, hi, n as u64);
        }
        match builtin.entry {
            Entry::F0(f) => f(),
            Entry::F1(f) => f(args[0]),
            Entry::F2(f) => f(args[0], args[1]),
            Entry::F3(f) => f(args[0], args[1], args[2]),
            Entry::Varargs(f) => f(n as u64, args.as_ptr()),
        }
    });
    match called {
        Some(v) => v,
        // Only `apply` hands a builtin a list it did not make (its wrapper
        // takes the caller's list without a copy: `codegen/rest_lists.rs`).
        None => crate::error::fatal(&format!(
            "apply: not a proper list: {}",
            crate::error::written(list)
        )),
    }
}
