//! Call support for compiled code: the parts of calling that need a loop over a
//! list, kept out of line, `case-lambda` procedures, and the errors a call
//! reports (not a procedure, wrong number of arguments, unbound variable).
//!
//! The `extern "C"` error entry points never return; they are declared as
//! returning `u64` so compiled code can call them like any other runtime
//! function.

use crate::error::{displayed, expected_text, fatal};
use crate::memory::heap::{lambda_name, symbol_name};
use crate::memory::value::*;

/// The length of `list` if it is a proper list: `None` if it is improper or
/// circular (a slow pointer moving at half speed meets the fast one), so
/// that no walk of a circular list runs forever.
pub fn proper_length(list: Value) -> Option<usize> {
    let (mut fast, mut slow, mut n) = (list, list, 0usize);
    loop {
        for _ in 0..2 {
            if fast == NIL {
                return Some(n);
            }
            if !is_pair(fast) {
                return None;
            }
            fast = cdr(fast);
            n += 1;
        }
        slow = cdr(slow);
        if fast == slow {
            return None;
        }
    }
}

/// Lists at most this long are spread on the stack by `with_items`; longer
/// ones go through a `Vec`.
const STACK_ITEMS: usize = 16;

/// Calls `f` with the elements of `list`, if it is a proper list (not
/// circular). `apply` spreads short lists on every call of a procedure taking
/// a rest list, or of a variadic builtin passed as a value: a short list is
/// copied into an array on the stack rather than a fresh `Vec` (malloc and
/// free were about 5% of the interpreter benchmark).
pub(crate) fn with_items<R>(list: Value, f: impl FnOnce(&[Value]) -> R) -> Option<R> {
    let n = proper_length(list)?;
    let mut l = list;
    let mut next = || {
        let x = car(l);
        l = cdr(l);
        x
    };
    if n <= STACK_ITEMS {
        let mut buf = [NIL; STACK_ITEMS];
        for slot in &mut buf[..n] {
            *slot = next();
        }
        Some(f(&buf[..n]))
    } else {
        let items: Vec<Value> = (0..n).map(|_| next()).collect();
        Some(f(&items))
    }
}

/// Whether arity word `arity` accepts `n` arguments.
fn accepts(arity: i64, n: usize) -> bool {
    if arity >= 0 {
        n as i64 == arity
    } else {
        arity != CASE_LAMBDA_ARITY && n as i64 >= -arity - 1
    }
}

/// The clauses of `f`, a closure: those of a `case-lambda` procedure, or `f`
/// alone.
fn clauses(f: Value) -> impl Iterator<Item = Value> {
    let case = closure_arity(f) == CASE_LAMBDA_ARITY;
    let n = if case {
        header_size(field(f, 0)) as usize - 2
    } else {
        0
    };
    let alone = (!case).then_some(f);
    alone
        .into_iter()
        .chain((0..n).map(move |i| field(f, 3 + i)))
}

/// `(%case-lambda clause ...)`, out of line (compiled code allocates it
/// inline): a `case-lambda` procedure trying the clauses in order. Its header
/// names the first clause's lambda, so it prints and reports errors under
/// the name the `case-lambda` was defined with. Without clauses, it accepts
/// no argument count.
#[no_mangle]
pub extern "C" fn closc_prim_pct_case_lambda(argc: u64, argv: *const Value) -> Value {
    let clauses = crate::args::args("%case-lambda", argc, argv, crate::args::Arity::AtLeast(0));
    if let Some(&c) = clauses.iter().find(|&&c| !is_closure(c)) {
        crate::error::internal(&format!("%case-lambda: not a closure: {}", displayed(c)));
    }
    let n = clauses.len();
    let p = crate::memory::heap::alloc(3 + n);
    // SAFETY: `p` has room for the three fixed words and `n` clauses.
    unsafe {
        *p = closure_header(
            n as u64,
            clauses.first().map_or(0, |&c| closure_lambda_id(c)),
        );
        *p.add(1) = 0;
        *p.add(2) = CASE_LAMBDA_ARITY as u64;
        for (i, &c) in clauses.iter().enumerate() {
            *p.add(3 + i) = c;
        }
    }
    p as u64 | TAG_CLOSURE
}

/// The clause of `case-lambda` procedure `f` that `(apply f list)` enters:
/// the first accepting `list`'s length (`closc_apply`'s case). Raises the
/// arity error when none does.
#[no_mangle]
pub extern "C" fn closc_rt_case_clause(f: Value, list: Value) -> Value {
    let found =
        proper_length(list).and_then(|n| clauses(f).find(|&c| accepts(closure_arity(c), n)));
    match found {
        Some(c) => c,
        None => {
            closc_rt_arity_error_list(f, list);
            unreachable!("closc_rt_arity_error_list returned")
        }
    }
}

/// `(apply f list)` with a list whose length does not fit `f`'s arity (or that is
/// not a proper list): reports the arity error.
#[no_mangle]
pub extern "C" fn closc_rt_arity_error_list(f: Value, list: Value) -> u64 {
    match proper_length(list) {
        Some(n) => closc_rt_arity_error(f, n as u64),
        None => crate::error::fatal(&format!(
            "apply: not a proper list: {}",
            crate::error::written(list)
        )),
    }
}

/// Whether `closc_apply(f, list)` calls `f` rather than raising: `f` is a
/// closure and `list` a proper list whose length `f`'s arity accepts. An
/// `apply` in tail position asks first, so that one that will fail is a
/// call from the caller's frame, whose position and callers the error then
/// shows, instead of a tail call that has left that frame. A direct call
/// (`codegen/direct_calls.rs`, hence the unused `keep`): it neither
/// allocates nor raises.
#[no_mangle]
pub extern "C" fn closc_rt_apply_fits(f: Value, list: Value, _keep: u64) -> u64 {
    if !is_closure(f) {
        return 0;
    }
    let fits = match proper_length(list) {
        Some(n) => clauses(f).any(|c| accepts(closure_arity(c), n)),
        None => false,
    };
    fits as u64
}

/// A fresh copy of the spine of `list`: a rest parameter always receives a
/// newly allocated list, even when the arguments came from `apply`.
#[no_mangle]
pub extern "C" fn closc_rt_copy_list(list: Value) -> Value {
    let copy = with_items(list, |items| {
        items
            .iter()
            .rev()
            .fold(NIL, |tail, &x| crate::memory::heap::cons(x, tail))
    });
    match copy {
        Some(fresh) => fresh,
        None => crate::error::fatal(&format!(
            "apply: not a proper list: {}",
            crate::error::written(list)
        )),
    }
}

/// The message of `closc_rt_arity_error` for closure `f` called with `got`
/// arguments.
pub fn closure_arity_message(f: Value, got: u64) -> String {
    let name = lambda_name(closure_lambda_id(f)).unwrap_or_else(|| "#<procedure>".to_string());
    // A case-lambda's clauses read "expected 1 or at least 3": the
    // alternatives after the first drop the word.
    let expected = clauses(f)
        .enumerate()
        .map(|(i, c)| {
            let text = match closure_arity(c) {
                arity if arity >= 0 => expected_text(arity as u64, arity as u64),
                arity => expected_text((-(arity + 1)) as u64, u64::MAX),
            };
            match i {
                0 => text,
                _ => text.trim_start_matches("expected ").to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" or ");
    if expected.is_empty() {
        // `(case-lambda)`: no clause, so no count is accepted.
        return format!(
            "{name}: wrong number of arguments: a case-lambda without clauses, got {got}"
        );
    }
    format!("{name}: wrong number of arguments: {expected}, got {got}")
}

/// Compiled code calls a value that is not a procedure.
#[no_mangle]
pub extern "C" fn closc_rt_not_procedure(v: Value) -> u64 {
    crate::control::exceptions::raise_error("attempt to call a non-procedure", &[v])
}

/// Closure `f` was called with `got` arguments, which its arity word rejects.
#[no_mangle]
pub extern "C" fn closc_rt_arity_error(f: Value, got: u64) -> u64 {
    fatal(&closure_arity_message(f, got))
}

/// Builtin `name` (a symbol) was called with `got` arguments; it takes
/// `expected_min` to `expected_max` (`u64::MAX`: no maximum).
#[no_mangle]
pub extern "C" fn closc_rt_builtin_arity_error(
    name: Value,
    expected_min: u64,
    expected_max: u64,
    got: u64,
) -> u64 {
    let name = if is_symbol(name) {
        symbol_name(name)
    } else {
        displayed(name)
    };
    fatal(&format!(
        "{name}: wrong number of arguments: {}, got {got}",
        expected_text(expected_min, expected_max)
    ))
}

/// A global or `letrec` variable was used before it got a value, or a
/// global that nothing defines was read or assigned: the error object's
/// message is `unbound variable` and its irritant the name (as for the
/// other errors, whose irritants are the offending values).
#[no_mangle]
pub extern "C" fn closc_rt_unbound_variable(sym: Value) -> u64 {
    crate::control::exceptions::raise_error("unbound variable", &[sym])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;

    #[test]
    fn arity_messages() {
        let _g = test_lock();
        assert_eq!(expected_text(1, 1), "expected 1");
        assert_eq!(expected_text(1, 2), "expected 1 to 2");
        assert_eq!(expected_text(1, u64::MAX), "expected at least 1");
        let blob = b"\0fact";
        crate::memory::heap::closc_rt_set_lambda_names(blob.as_ptr(), blob.len() as u64);
        let p = crate::memory::heap::alloc(3);
        // SAFETY: a fresh 3-word closure with no free variables.
        unsafe {
            *p = closure_header(0, 1);
            *p.add(1) = 0;
            *p.add(2) = 2;
        }
        let f = p as u64 | TAG_CLOSURE;
        assert_eq!(
            closure_arity_message(f, 3),
            "fact: wrong number of arguments: expected 2, got 3"
        );
        // SAFETY: as above.
        unsafe {
            *p = closure_header(0, 0);
            *p.add(2) = (-3i64) as u64;
        }
        assert_eq!(
            closure_arity_message(f, 1),
            "#<procedure>: wrong number of arguments: expected at least 2, got 1"
        );
    }
}
