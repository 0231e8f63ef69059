//! Booleans and equivalence (R7RS 6.1, 6.3): `not`, `boolean?`, `eq?`,
//! `eqv?` and `equal?`.

use crate::memory::heap::*;
use crate::memory::value::*;

#[no_mangle]
pub extern "C" fn closc_prim_not(a: Value) -> Value {
    boolean(a == FALSE)
}

#[no_mangle]
pub extern "C" fn closc_prim_eq_p(a: Value, b: Value) -> Value {
    boolean(a == b)
}

/// `eqv?`: `eq?`, except that numbers other than fixnums (heap objects) are
/// compared by exactness and value (see `numbers::eqv`). Different words
/// reach the numeric code only when the first is a number object: symbols,
/// strings and records are compared by the one word compare.
pub fn eqv(a: Value, b: Value) -> bool {
    a == b || (is_object(b) && is_number_object(a) && crate::numbers::eqv(a, b))
}

/// A number that lives in the heap: flonum, bignum, ratio or complex.
#[inline]
pub fn is_number_object(a: Value) -> bool {
    matches!(
        object_kind(a),
        HDR_FLONUM | HDR_BIGNUM | HDR_RATNUM | HDR_COMPNUM
    )
}

#[no_mangle]
pub extern "C" fn closc_prim_eqv_p(a: Value, b: Value) -> Value {
    boolean(eqv(a, b))
}

/// `equal?`: structural on pairs, vectors, strings, bytevectors and boxes, `eqv?`
/// elsewhere. Walks the structures with an explicit stack (no Rust recursion).
/// Terminates on circular structures (see `TRACK_AFTER`).
pub fn equal(a: Value, b: Value) -> bool {
    // Atoms and strings, the usual operands (`member`, `assoc` and hash
    // tables on string keys), need no work list: allocating one cost more
    // than comparing them.
    match equal_here(a, b) {
        Some(same) => same,
        None => equal_structures(a, b),
    }
}

/// `equal?` of `x` and `y` where it needs no look inside them: `None` when
/// both are pairs, both vectors or both boxes, whose contents decide.
fn equal_here(x: Value, y: Value) -> Option<bool> {
    if eqv(x, y) {
        return Some(true);
    }
    if is_pair(x) {
        return if is_pair(y) { None } else { Some(false) };
    }
    match (object_kind(x), object_kind(y)) {
        (HDR_STRING, HDR_STRING) => Some(string_view(x) == string_view(y)),
        (HDR_BYTEVECTOR, HDR_BYTEVECTOR) => Some(bytevector_slice(x) == bytevector_slice(y)),
        (HDR_VECTOR, HDR_VECTOR) | (HDR_BOX, HDR_BOX) => None,
        _ => Some(false),
    }
}

/// `equal?` of two pairs, two vectors or two boxes.
fn equal_structures(a: Value, b: Value) -> bool {
    // R7RS: equal? terminates on circular data. After this many compound
    // comparisons (so never on ordinary data of moderate size) every compared
    // pair of compound objects is remembered, and a pair met again is taken
    // as equal: the comparison is then one of (possibly infinite) trees.
    const TRACK_AFTER: usize = 100_000;
    let mut steps = 0usize;
    let mut seen: std::collections::HashSet<(Value, Value)> = Default::default();
    let mut stack = vec![(a, b)];
    while let Some((x, y)) = stack.pop() {
        match equal_here(x, y) {
            Some(true) => continue,
            Some(false) => return false,
            None => {}
        }
        steps += 1;
        if steps > TRACK_AFTER && !seen.insert((x, y)) {
            continue;
        }
        if is_pair(x) {
            stack.push((cdr(x), cdr(y)));
            stack.push((car(x), car(y)));
        } else if object_kind(x) == HDR_VECTOR {
            let n = vector_len(x);
            if vector_len(y) != n {
                return false;
            }
            for i in (1..=n).rev() {
                stack.push((field(x, i), field(y, i)));
            }
        } else {
            stack.push((field(x, 1), field(y, 1)));
        }
    }
    true
}

#[no_mangle]
pub extern "C" fn closc_prim_equal_p(a: Value, b: Value) -> Value {
    boolean(equal(a, b))
}

#[no_mangle]
pub extern "C" fn closc_prim_boolean_p(a: Value) -> Value {
    boolean(a == TRUE || a == FALSE)
}
