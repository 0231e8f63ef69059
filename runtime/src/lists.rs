//! List builtins of R7RS 6.4 not in `prims.rs` (`list-copy`, `make-list`,
//! `list-set!`) and the n-ary equality predicates of 6.3 and 6.5
//! (`boolean=?`, `symbol=?`), which check the types of all their arguments.
//!
//! Invariant: `list-set!` stores with the write barrier; circular lists are
//! errors (never infinite loops) in `list-copy`.

use crate::error::{index_error, type_error};
use crate::heap::*;
use crate::prims::{args, list_with_tail, not_a_list, Arity};
use crate::ranges::length_arg;
use crate::value::*;
use Arity::{AtLeast, Between};

/// `list-copy`: copies the pairs of a (possibly improper) list; the final cdr
/// is shared; a non-pair is returned as is.
#[no_mangle]
pub extern "C" fn closc_prim_list_copy(l: Value) -> Value {
    let mut elems = Vec::new();
    let (mut x, mut slow) = (l, l);
    while is_pair(x) {
        elems.push(car(x));
        x = cdr(x);
        if elems.len() % 2 == 0 {
            slow = cdr(slow);
            if slow == x {
                not_a_list("list-copy", l);
            }
        }
    }
    list_with_tail(&elems, x)
}

#[no_mangle]
pub extern "C" fn closc_prim_make_list(argc: u64, argv: *const Value) -> Value {
    let args = args("make-list", argc, argv, Between(1, 2));
    let n = length_arg("make-list", args[0]);
    let fill = args.get(1).copied().unwrap_or(VOID);
    (0..n).fold(NIL, |acc, _| cons(fill, acc))
}

#[no_mangle]
pub extern "C" fn closc_prim_list_set_x(l: Value, k: Value, x: Value) -> Value {
    let n = if is_fixnum(k) {
        fixnum_value(k)
    } else {
        type_error("list-set!", "valid index", k)
    };
    if n < 0 {
        index_error("list-set!", k);
    }
    let mut p = l;
    for _ in 0..n {
        if !is_pair(p) {
            break;
        }
        p = cdr(p);
    }
    if !is_pair(p) {
        index_error("list-set!", k);
    }
    set_field(p, 1, x);
    crate::gc::write_barrier(p, 1, x);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_boolean_eq_p(argc: u64, argv: *const Value) -> Value {
    let args = args("boolean=?", argc, argv, AtLeast(2));
    for &b in args {
        if b != TRUE && b != FALSE {
            type_error("boolean=?", "boolean", b);
        }
    }
    boolean(args.windows(2).all(|w| w[0] == w[1]))
}

#[no_mangle]
pub extern "C" fn closc_prim_symbol_eq_p(argc: u64, argv: *const Value) -> Value {
    let args = args("symbol=?", argc, argv, AtLeast(2));
    for &s in args {
        if !is_symbol(s) {
            type_error("symbol=?", "symbol", s);
        }
    }
    boolean(args.windows(2).all(|w| w[0] == w[1]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::global::test_lock;

    fn w(v: Value) -> String {
        crate::printer::to_string(v, true)
    }

    #[test]
    fn list_procedures() {
        let _g = test_lock();
        let l = list_with_tail(&[fixnum(1), fixnum(2)], fixnum(3));
        let c = closc_prim_list_copy(l);
        assert_eq!(w(c), "(1 2 . 3)");
        assert_ne!(c, l);
        assert_eq!(closc_prim_list_copy(fixnum(5)), fixnum(5));
        let args = [fixnum(2), intern("x")];
        let m = closc_prim_make_list(2, args.as_ptr());
        assert_eq!(w(m), "(x x)");
        closc_prim_list_set_x(m, fixnum(1), fixnum(9));
        assert_eq!(w(m), "(x 9)");
    }
}
