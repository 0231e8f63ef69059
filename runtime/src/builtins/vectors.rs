//! Vector builtins (R7RS 6.8): `vector`, `make-vector`, `vector-ref`,
//! `vector-set!`, `vector-length`, `vector?`, `list->vector`,
//! `vector->list` with a range, `vector-fill!`, `vector-copy`,
//! `vector-copy!` and `vector-append`. (`vector-map` and `vector-for-each`
//! call procedures, so they are in the Scheme prelude.)
//!
//! Invariants: every store into an existing vector is followed by the write
//! barrier (the stored value may be young and the vector old); new vectors
//! need none (runtime allocation either is in the nursery or is remembered).

use crate::args::{args, copy_destination, index_arg, length_arg, range_args, vector_arg, Arity};
use crate::builtins::lists::{list_elements, list_with_tail};
use crate::memory::gc::write_barrier;
use crate::memory::heap::*;
use crate::memory::value::*;
use Arity::{AtLeast, Between};

#[no_mangle]
pub extern "C" fn closc_prim_vector(argc: u64, argv: *const Value) -> Value {
    vector_from(args("vector", argc, argv, AtLeast(0)))
}

#[no_mangle]
pub extern "C" fn closc_prim_make_vector(argc: u64, argv: *const Value) -> Value {
    let args = args("make-vector", argc, argv, Between(1, 2));
    let n = length_arg("make-vector", args[0]);
    make_vector(n, args.get(1).copied().unwrap_or(fixnum(0)))
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_ref(v: Value, k: Value) -> Value {
    let v = vector_arg("vector-ref", v);
    let i = index_arg("vector-ref", k, vector_len(v));
    field(v, 1 + i)
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_set_x(v: Value, k: Value, x: Value) -> Value {
    let v = vector_arg("vector-set!", v);
    let i = index_arg("vector-set!", k, vector_len(v));
    set_field(v, 1 + i, x);
    crate::memory::gc::write_barrier(v, 1 + i, x);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_length(v: Value) -> Value {
    fixnum(vector_len(vector_arg("vector-length", v)) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_p(a: Value) -> Value {
    boolean(is_vector(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_list_to_vector(l: Value) -> Value {
    vector_from(&list_elements("list->vector", l))
}

/// The elements `start..end` of vector `v`.
fn elements(v: Value, start: usize, end: usize) -> &'static [Value] {
    // SAFETY: `start <= end <= vector_len(v)` (callers check), and runtime
    // code never moves objects; callers use the slice before any mutation.
    unsafe { std::slice::from_raw_parts(untag(v).add(1 + start), end - start) }
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_to_list(argc: u64, argv: *const Value) -> Value {
    let args = args("vector->list", argc, argv, Between(1, 3));
    let v = vector_arg("vector->list", args[0]);
    let (start, end) = range_args("vector->list", args, 1, vector_len(v));
    list_with_tail(elements(v, start, end), NIL)
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_fill_x(argc: u64, argv: *const Value) -> Value {
    let args = args("vector-fill!", argc, argv, Between(2, 4));
    let v = vector_arg("vector-fill!", args[0]);
    let (start, end) = range_args("vector-fill!", args, 2, vector_len(v));
    for i in start..end {
        set_field(v, 1 + i, args[1]);
        write_barrier(v, 1 + i, args[1]);
    }
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_copy(argc: u64, argv: *const Value) -> Value {
    let args = args("vector-copy", argc, argv, Between(1, 3));
    let v = vector_arg("vector-copy", args[0]);
    let (start, end) = range_args("vector-copy", args, 1, vector_len(v));
    vector_from(elements(v, start, end))
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_copy_x(argc: u64, argv: *const Value) -> Value {
    const P: &str = "vector-copy!";
    let args = args(P, argc, argv, Between(3, 5));
    let to = vector_arg(P, args[0]);
    let from = vector_arg(P, args[2]);
    let (start, end) = range_args(P, args, 3, vector_len(from));
    let at = copy_destination(P, args[1], vector_len(to), end - start);
    // SAFETY: both ranges are inside their vectors (checked above); `copy`
    // handles overlap when `to` and `from` are the same vector.
    unsafe {
        std::ptr::copy(
            untag(from).add(1 + start),
            untag(to).add(1 + at),
            end - start,
        )
    };
    for i in at..at + (end - start) {
        write_barrier(to, 1 + i, field(to, 1 + i));
    }
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_append(argc: u64, argv: *const Value) -> Value {
    let args = args("vector-append", argc, argv, AtLeast(0));
    let mut all = Vec::new();
    for &v in args {
        let v = vector_arg("vector-append", v);
        all.extend_from_slice(elements(v, 0, vector_len(v)));
    }
    vector_from(&all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;

    fn call(f: extern "C" fn(u64, *const Value) -> Value, args: &[Value]) -> Value {
        f(args.len() as u64, args.as_ptr())
    }
    fn w(v: Value) -> String {
        crate::io::printer::to_string(v, true)
    }
    fn vec_of(ns: &[i64]) -> Value {
        vector_from(&ns.iter().map(|&n| fixnum(n)).collect::<Vec<_>>())
    }

    #[test]
    fn vector_ranges() {
        let _g = test_lock();
        let v = vec_of(&[1, 2, 3, 4, 5]);
        assert_eq!(
            w(call(closc_prim_vector_to_list, &[v, fixnum(1), fixnum(3)])),
            "(2 3)"
        );
        assert_eq!(w(call(closc_prim_vector_copy, &[v, fixnum(3)])), "#(4 5)");
        call(
            closc_prim_vector_copy_x,
            &[v, fixnum(1), v, fixnum(0), fixnum(3)],
        );
        assert_eq!(w(v), "#(1 1 2 3 5)");
        call(closc_prim_vector_copy_x, &[v, fixnum(0), v, fixnum(2)]);
        assert_eq!(w(v), "#(2 3 5 3 5)");
        call(
            closc_prim_vector_fill_x,
            &[v, fixnum(0), fixnum(1), fixnum(2)],
        );
        assert_eq!(w(v), "#(2 0 5 3 5)");
        let a = call(
            closc_prim_vector_append,
            &[vec_of(&[1]), vec_of(&[]), vec_of(&[2, 3])],
        );
        assert_eq!(w(a), "#(1 2 3)");
    }
}
