//! Exceptions (R7RS 6.11): `raise`, `error`, and the error-object
//! accessors and predicates. The handler stack and the raising itself are
//! `control::exceptions`; error objects are `HDR_CONDITION` objects
//! `[kind, message, irritants]`.

use crate::control::exceptions::*;
use crate::error::*;
use crate::memory::heap::*;
use crate::memory::value::*;

/// `(raise obj)`.
#[no_mangle]
pub extern "C" fn closc_prim_raise(obj: Value) -> Value {
    raise(obj)
}

/// `(error message irritant ...)`; `(error 'who "message" irritant ...)`
/// makes the message `who: message`.
#[no_mangle]
pub extern "C" fn closc_prim_error(argc: u64, argv: *const Value) -> Value {
    let args = crate::args::args("error", argc, argv, crate::args::Arity::AtLeast(1));
    let (msg, irritants) = if args.len() >= 2 && is_symbol(args[0]) && is_string(args[1]) {
        (
            make_string_from(&format!(
                "{}: {}",
                crate::error::displayed(args[0]),
                crate::error::displayed(args[1])
            )),
            &args[2..],
        )
    } else {
        (args[0], &args[1..])
    };
    let list = irritants.iter().rev().fold(NIL, |acc, &v| cons(v, acc));
    raise(make_condition(COND_ERROR, msg, list))
}

fn boolean(b: bool) -> Value {
    if b {
        TRUE
    } else {
        FALSE
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_error_object_p(v: Value) -> Value {
    boolean(is_condition(v))
}

#[no_mangle]
pub extern "C" fn closc_prim_error_object_message(v: Value) -> Value {
    if !is_condition(v) {
        crate::error::type_error("error-object-message", "error object", v);
    }
    field(v, 2)
}

#[no_mangle]
pub extern "C" fn closc_prim_error_object_irritants(v: Value) -> Value {
    if !is_condition(v) {
        crate::error::type_error("error-object-irritants", "error object", v);
    }
    field(v, 3)
}

#[no_mangle]
pub extern "C" fn closc_prim_read_error_p(v: Value) -> Value {
    boolean(is_condition(v) && field(v, 1) == fixnum(COND_READ as i64))
}

#[no_mangle]
pub extern "C" fn closc_prim_file_error_p(v: Value) -> Value {
    boolean(is_condition(v) && field(v, 1) == fixnum(COND_FILE as i64))
}

/// The message of `(error ...)` (without the `error: ` prefix).
pub fn error_message(args: &[Value]) -> String {
    let (mut msg, irritants) = if args.len() >= 2 && is_symbol(args[0]) && is_string(args[1]) {
        (
            format!("{}: {}", displayed(args[0]), displayed(args[1])),
            &args[2..],
        )
    } else {
        (displayed(args[0]), &args[1..])
    };
    if !irritants.is_empty() {
        let parts: Vec<String> = irritants.iter().map(|&v| written(v)).collect();
        msg.push_str(": ");
        msg.push_str(&parts.join(" "));
    }
    msg
}
