//! Call support for compiled code: the parts of calling that need a loop over a
//! list, kept out of line.

use crate::error::{closc_rt_arity_error, closc_rt_builtin_arity_error};
use crate::prims::{Arity, Entry, BUILTINS};
use crate::value::{car, cdr, is_pair, Value, NIL};

fn list_to_vec(mut list: Value) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    while is_pair(list) {
        out.push(car(list));
        list = cdr(list);
    }
    (list == NIL).then_some(out)
}

/// `(apply f list)` with a list whose length does not fit `f`'s arity (or that is
/// not a proper list): reports the arity error.
#[no_mangle]
pub extern "C" fn closc_rt_arity_error_list(f: Value, list: Value) -> u64 {
    let mut n = 0u64;
    let mut l = list;
    while is_pair(l) {
        n += 1;
        l = cdr(l);
    }
    if l != NIL {
        crate::error::fatal(&format!(
            "apply: not a proper list: {}",
            crate::error::written(list)
        ));
    }
    closc_rt_arity_error(f, n)
}

/// Calls builtin number `index` (in `BUILTINS`) with the elements of `list`:
/// used when a builtin with optional or variable arguments is called as a
/// first-class procedure.
#[no_mangle]
pub extern "C" fn closc_rt_apply_builtin(index: u64, list: Value) -> Value {
    let builtin = &BUILTINS[index as usize];
    let args = match list_to_vec(list) {
        Some(a) => a,
        None => crate::error::fatal(&format!(
            "{}: arguments are not a proper list",
            builtin.name
        )),
    };
    let n = args.len();
    let (lo, hi) = match builtin.arity {
        Arity::Exactly(k) => (k as u64, k as u64),
        Arity::Between(a, b) => (a as u64, b as u64),
        Arity::AtLeast(a) => (a as u64, u64::MAX),
    };
    if (n as u64) < lo || (n as u64) > hi {
        let name = crate::heap::intern(builtin.name);
        closc_rt_builtin_arity_error(name, lo, hi, n as u64);
    }
    match builtin.entry {
        Entry::F0(f) => f(),
        Entry::F1(f) => f(args[0]),
        Entry::F2(f) => f(args[0], args[1]),
        Entry::F3(f) => f(args[0], args[1], args[2]),
        Entry::Varargs(f) => f(n as u64, args.as_ptr()),
    }
}

/// A fresh copy of the spine of `list`: a rest parameter always receives a
/// newly allocated list, even when the arguments came from `apply`.
#[no_mangle]
pub extern "C" fn closc_rt_copy_list(list: Value) -> Value {
    match list_to_vec(list) {
        Some(items) => items
            .iter()
            .rev()
            .fold(NIL, |tail, &x| crate::heap::cons(x, tail)),
        None => crate::error::fatal(&format!(
            "apply: not a proper list: {}",
            crate::error::written(list)
        )),
    }
}
