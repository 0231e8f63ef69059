//! Records (R7RS `define-record-type`): the runtime half.
//!
//! The expander (`src/expand_records.rs`) turns each `define-record-type` into
//! ordinary definitions over the builtins here. Layouts (every payload word is a
//! Scheme value, so the collector scans them like vectors):
//!
//! - record type (`HDR_RECORD_TYPE`, 2 payload words): the type name (a
//!   symbol) and a vector of field specs, each the list
//!   `(field accessor [modifier])` exactly as written in the source (a quoted
//!   constant, so it never moves); the field index is the position in that
//!   vector. Accessor and modifier names are only used in error messages.
//! - record instance (`HDR_RECORD`, 1 + n payload words): its record type, then
//!   the n field values in field-spec order.
//!
//! Invariants: an instance has exactly as many fields as its type has specs;
//! `%record-ref`/`%record-set!` check the instance's type by identity before
//! touching a field, so an index from the expander is always in range.
//! `equal?` on records is `eqv?` (identity), as R7RS says.

use crate::error::{displayed, fatal, type_error, written};
use crate::memory::heap::alloc;
use crate::memory::value::*;

fn is_record_type(v: Value) -> bool {
    object_kind(v) == HDR_RECORD_TYPE
}

/// The field-spec vector of record type `rtd`.
fn field_specs(rtd: Value) -> Value {
    field(rtd, 2)
}

/// Element `k` (0 = field name, 1 = accessor, 2 = modifier) of field spec `i`
/// of `rtd`, or `#f`.
fn spec_part(rtd: Value, i: usize, k: usize) -> Value {
    let mut l = field(field_specs(rtd), 1 + i);
    for _ in 0..k {
        if !is_pair(l) {
            return FALSE;
        }
        l = cdr(l);
    }
    if is_pair(l) {
        car(l)
    } else {
        FALSE
    }
}

/// `(%make-record-type '(name (field accessor [modifier]) ...))`: a new record
/// type (each evaluation of a `define-record-type` makes a distinct type).
#[no_mangle]
pub extern "C" fn closc_prim_pct_make_record_type(desc: Value) -> Value {
    let proc = "%make-record-type";
    let mut specs = Vec::new();
    if !is_pair(desc) || !is_symbol(car(desc)) {
        type_error(proc, "record type description", desc);
    }
    let mut l = cdr(desc);
    while is_pair(l) {
        specs.push(car(l));
        l = cdr(l);
    }
    let specs = crate::memory::heap::vector_from(&specs);
    let p = alloc(3);
    // SAFETY: a fresh 3-word object.
    unsafe {
        *p = header(HDR_RECORD_TYPE, 2);
        *p.add(1) = car(desc);
        *p.add(2) = specs;
    }
    p as u64 | TAG_OBJECT
}

/// `(%record rtd v...)`: a new instance of `rtd` with fields `v...` (the
/// constructor the expander generates passes every field, `#f` for those it
/// does not initialise).
#[no_mangle]
pub extern "C" fn closc_prim_pct_record(argc: u64, argv: *const Value) -> Value {
    let args = crate::args::args("%record", argc, argv, crate::args::Arity::AtLeast(1));
    let rtd = args[0];
    if !is_record_type(rtd) {
        type_error("%record", "record type", rtd);
    }
    let n = vector_len(field_specs(rtd));
    if args.len() != n + 1 {
        fatal(&format!(
            "{}: wrong number of fields: expected {n}, got {}",
            displayed(record_type_name(rtd)),
            args.len() - 1
        ));
    }
    let p = alloc(n + 2);
    // SAFETY: a fresh object of `n + 2` words.
    unsafe {
        *p = header(HDR_RECORD, n as u64 + 1);
        std::ptr::copy_nonoverlapping(args.as_ptr(), p.add(1), n + 1);
    }
    p as u64 | TAG_OBJECT
}

#[no_mangle]
pub extern "C" fn closc_prim_pct_record_p(obj: Value, rtd: Value) -> Value {
    boolean(object_kind(obj) == HDR_RECORD && record_type(obj) == rtd)
}

/// Checks that `obj` is an instance of `rtd` for the accessor or modifier
/// (`which` 1 or 2) of field `i`; an error naming that procedure otherwise.
fn checked(obj: Value, rtd: Value, i: usize, which: usize) {
    if object_kind(obj) != HDR_RECORD || record_type(obj) != rtd {
        let proc = displayed(spec_part(rtd, i, which));
        fatal(&format!(
            "{proc}: not a {}: {}",
            displayed(record_type_name(rtd)),
            written(obj)
        ));
    }
}

/// `(%record-ref obj rtd i)`: field `i` of `obj`, which must be an `rtd`.
#[no_mangle]
pub extern "C" fn closc_prim_pct_record_ref(obj: Value, rtd: Value, i: Value) -> Value {
    let i = fixnum_value(i) as usize;
    checked(obj, rtd, i, 1);
    field(obj, 2 + i)
}

/// `(%record-set! obj rtd i v)`: sets field `i` of `obj` (an `rtd`) to `v`.
#[no_mangle]
pub extern "C" fn closc_prim_pct_record_set_x(argc: u64, argv: *const Value) -> Value {
    let args = crate::args::args("%record-set!", argc, argv, crate::args::Arity::Exactly(4));
    let (obj, rtd, i, v) = (args[0], args[1], fixnum_value(args[2]) as usize, args[3]);
    checked(obj, rtd, i, 2);
    set_field(obj, 2 + i, v);
    crate::memory::gc::write_barrier(obj, 2 + i, v);
    VOID
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;
    use crate::memory::heap::{cons, intern};

    fn list(xs: &[Value]) -> Value {
        xs.iter().rev().fold(NIL, |acc, &x| cons(x, acc))
    }

    #[test]
    fn make_access_and_print() {
        let _g = test_lock();
        let spec_x = list(&[intern("x"), intern("point-x"), intern("set-point-x!")]);
        let spec_y = list(&[intern("y"), intern("point-y")]);
        let rtd = closc_prim_pct_make_record_type(list(&[intern("point"), spec_x, spec_y]));
        let args = [rtd, fixnum(1), fixnum(2)];
        let p = closc_prim_pct_record(3, args.as_ptr());
        assert_eq!(record_len(p), 2);
        assert_eq!(closc_prim_pct_record_p(p, rtd), TRUE);
        assert_eq!(closc_prim_pct_record_p(fixnum(1), rtd), FALSE);
        assert_eq!(closc_prim_pct_record_ref(p, rtd, fixnum(1)), fixnum(2));
        let set = [p, rtd, fixnum(0), intern("a")];
        closc_prim_pct_record_set_x(4, set.as_ptr());
        assert_eq!(closc_prim_pct_record_ref(p, rtd, fixnum(0)), intern("a"));
        assert_eq!(crate::io::printer::to_string(p, true), "#[point a 2]");
        assert_eq!(spec_part(rtd, 0, 2), intern("set-point-x!"));
        assert_eq!(spec_part(rtd, 1, 2), FALSE);
    }
}
