//! Control features (R7RS 6.10): `procedure?` and multiple values.
//!
//! Multiple values: `(values x)` is just `x`; zero or two-plus values are a
//! values object (`HDR_VALUES`, n payload words holding the values). Only
//! `call-with-values` takes one apart: the prelude's through `%values->list`,
//! which turns a values object into the list of its values and any other
//! value `x` into `(x)`, and the compiled form of a call whose consumer is a
//! lambda (`passes::receive_values`) through `%values-count`, `%values-ref`
//! and `%values-mismatch`. A values object reaching any other
//! continuation is simply a value (R7RS leaves that case unspecified); it
//! prints as `#<values ...>`.

use crate::memory::heap::{alloc, cons};
use crate::memory::value::*;

#[no_mangle]
pub extern "C" fn closc_prim_procedure_p(a: Value) -> Value {
    boolean(is_closure(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_values(argc: u64, argv: *const Value) -> Value {
    let args = crate::args::args("values", argc, argv, crate::args::Arity::AtLeast(0));
    if args.len() == 1 {
        return args[0];
    }
    let p = alloc(args.len() + 1);
    // SAFETY: a fresh object of `args.len() + 1` words.
    unsafe {
        *p = header(HDR_VALUES, args.len() as u64);
        std::ptr::copy_nonoverlapping(args.as_ptr(), p.add(1), args.len());
    }
    p as u64 | TAG_OBJECT
}

/// How many values `v` stands for: a values object's count, else 1.
fn values_count(v: Value) -> usize {
    if object_kind(v) == HDR_VALUES {
        header_size(field(v, 0)) as usize
    } else {
        1
    }
}

/// The values `v` stands for, as a list (see the module doc).
#[no_mangle]
pub extern "C" fn closc_prim_pct_values_to_list(v: Value) -> Value {
    if object_kind(v) != HDR_VALUES {
        return cons(v, NIL);
    }
    (1..=values_count(v))
        .rev()
        .fold(NIL, |acc, i| cons(field(v, i), acc))
}

#[no_mangle]
pub extern "C" fn closc_prim_pct_values_count(v: Value) -> Value {
    fixnum(values_count(v) as i64)
}

/// Value `i` (a fixnum) of the values object `v`, whose count the caller
/// checked.
#[no_mangle]
pub extern "C" fn closc_prim_pct_values_ref(v: Value, i: Value) -> Value {
    field(v, fixnum_value(i) as usize + 1)
}

/// The error of `v` received where `expected` values (a fixnum) were wanted.
#[no_mangle]
pub extern "C" fn closc_prim_pct_values_mismatch(v: Value, expected: Value) -> Value {
    crate::error::fatal(&format!(
        "wrong number of values: expected {}, got {}",
        fixnum_value(expected),
        values_count(v)
    ))
}

/// The marker a `letrec` variable holds until its initialisation.
#[no_mangle]
pub extern "C" fn closc_prim_pct_unassigned() -> Value {
    UNBOUND
}

/// `v`, the value of the variable named `name`, unless it still holds the
/// unassigned marker: then the error of reading it too early.
#[no_mangle]
pub extern "C" fn closc_prim_pct_check_initialised(v: Value, name: Value) -> Value {
    if v == UNBOUND {
        crate::control::exceptions::raise_error("variable used before its initialisation", &[name])
    }
    v
}

/// The arguments of a lambda with more required parameters than a machine
/// call passes (`alpha_rename::MAX_PARAMS`), which receives them all as one
/// list `args`: checked against `arity` (a fixnum, encoded as a closure's
/// arity word: `k`, or `-(k+1)` for `k` or more) with the message a closure's
/// arity error has (`name`: a symbol, or `#f` for an anonymous lambda), and
/// returned as a vector of `k` slots, plus one for the rest list when there
/// is one.
#[no_mangle]
pub extern "C" fn closc_prim_pct_wide_arguments(args: Value, arity: Value, name: Value) -> Value {
    let arity = fixnum_value(arity);
    let (required, rest) = if arity >= 0 {
        (arity as usize, false)
    } else {
        ((-(arity + 1)) as usize, true)
    };
    let items = crate::control::calls::with_items(args, <[Value]>::to_vec).unwrap_or_default();
    if items.len() < required || (!rest && items.len() > required) {
        let name = if is_symbol(name) {
            crate::memory::heap::symbol_name(name)
        } else {
            "#<procedure>".to_string()
        };
        let expected = if rest {
            crate::error::expected_text(required as u64, u64::MAX)
        } else {
            crate::error::expected_text(required as u64, required as u64)
        };
        crate::error::fatal(&format!(
            "{name}: wrong number of arguments: {expected}, got {}",
            items.len()
        ));
    }
    let mut slots = items[..required].to_vec();
    if rest {
        let tail = items[required..]
            .iter()
            .rev()
            .fold(NIL, |tail, &x| crate::memory::heap::cons(x, tail));
        slots.push(tail);
    }
    crate::memory::heap::vector_from(&slots)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;

    #[test]
    fn values_round_trip() {
        let _g = test_lock();
        let one = [fixnum(7)];
        assert_eq!(closc_prim_values(1, one.as_ptr()), fixnum(7));
        let two = [fixnum(1), fixnum(2)];
        let v = closc_prim_values(2, two.as_ptr());
        assert_eq!(object_kind(v), HDR_VALUES);
        let l = closc_prim_pct_values_to_list(v);
        assert_eq!(crate::io::printer::to_string(l, true), "(1 2)");
        let none = closc_prim_values(0, std::ptr::null());
        assert_eq!(closc_prim_pct_values_to_list(none), NIL);
        let single = closc_prim_pct_values_to_list(fixnum(3));
        assert_eq!(crate::io::printer::to_string(single, true), "(3)");
    }
}
