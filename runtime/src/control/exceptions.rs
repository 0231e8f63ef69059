//! R7RS exceptions: the handler stack, `raise`, error objects, and runtime
//! errors as raised conditions.
//!
//! The dynamic state lives here, in two GC roots: the list of installed
//! exception handlers (innermost first) and the `dynamic-wind` list (pairs
//! `(before . after)`, innermost first). The prelude reads and sets them
//! (`%handlers`, `%set-handlers!`, `%winders`, `%set-winders!`) to implement
//! `with-exception-handler`, `raise-continuable`, `dynamic-wind` and
//! `call/cc` (which saves both and restores them when a continuation is
//! resumed).
//!
//! `raise` (and every error a builtin reports) with no handler installed
//! prints the error and exits (status 1). Otherwise the innermost handler is
//! popped and called on top of the stack of the failing call: the runtime
//! abandons its own frames and the frame that called it, and jumps to the
//! compiled `closc_raise_pending` as if the Scheme frame below had called
//! it. That frame is stopped at a call with a stack map, so the collector
//! can run while the handler does; the abandoned frame is either a
//! trampoline (`last_fp`) or, for an error inside a direct call (which has
//! no stack map), the compiled frame that made the call (found through
//! `direct_fp`). If the handler returns, a secondary error is raised in its
//! dynamic environment (`closc_rt_handler_returned`).
//!
//! Error objects are `HDR_CONDITION` objects: `[kind, message, irritants]`,
//! kind 0 = error, 1 = read error, 2 = file error.

use crate::error::{written, EXIT_ERROR};
use crate::memory::gc::closc_heap_state;
use crate::memory::heap::{alloc, cons, make_string_from};
use crate::memory::value::*;

pub use crate::error::{COND_ERROR, COND_FILE, COND_READ};

/// `[handlers, winders]`, registered as GC roots on first use.
static mut DYNAMIC: [Value; 2] = [NIL, NIL];
static REGISTERED: crate::memory::global::Global<bool> = crate::memory::global::Global::new(false);

fn dynamic() -> *mut [Value; 2] {
    let p = std::ptr::addr_of_mut!(DYNAMIC);
    REGISTERED.with(|r| {
        if !*r {
            *r = true;
            crate::memory::gc::register_roots(p as usize, 2);
        }
    });
    p
}

fn handlers() -> Value {
    // SAFETY: single-threaded runtime state (see `global.rs`).
    unsafe { (*dynamic())[0] }
}

fn set_handlers(v: Value) {
    // SAFETY: as above.
    unsafe { (*dynamic())[0] = v }
}

#[no_mangle]
pub extern "C" fn closc_prim_pct_handlers() -> Value {
    handlers()
}

#[no_mangle]
pub extern "C" fn closc_prim_pct_set_handlers_x(v: Value) -> Value {
    set_handlers(v);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_pct_winders() -> Value {
    // SAFETY: as above.
    unsafe { (*dynamic())[1] }
}

#[no_mangle]
pub extern "C" fn closc_prim_pct_set_winders_x(v: Value) -> Value {
    // SAFETY: as above.
    unsafe { (*dynamic())[1] = v };
    VOID
}

/// A fresh condition object.
pub fn make_condition(kind: u64, message: Value, irritants: Value) -> Value {
    let p = alloc(4);
    // SAFETY: a fresh 4-word object; the values are already allocated.
    unsafe {
        *p = header(HDR_CONDITION, 3);
        *p.add(1) = fixnum(kind as i64);
        *p.add(2) = message;
        *p.add(3) = irritants;
    }
    p as u64 | TAG_OBJECT
}

pub fn is_condition(v: Value) -> bool {
    object_kind(v) == HDR_CONDITION
}

/// The text an uncaught condition prints after `error: `.
pub fn condition_text(c: Value) -> String {
    let msg = field(c, 2);
    let mut text = if is_string(msg) {
        crate::error::displayed(msg)
    } else {
        written(msg)
    };
    let mut l = field(c, 3);
    let mut first = true;
    while is_pair(l) {
        text.push_str(if first { ": " } else { " " });
        first = false;
        text.push_str(&written(car(l)));
        l = cdr(l);
    }
    text
}

/// Ends the program for an error no handler caught: `error: {msg}`, then
/// the position of the failing call and the backtrace (`backtrace.rs`).
pub fn die_uncaught(msg: &str) -> ! {
    crate::error::die(
        &format!("error: {msg}\n{}", crate::control::backtrace::report()),
        EXIT_ERROR,
    )
}

/// Ends the program for an exception no handler caught.
fn uncaught(obj: Value) -> ! {
    let text = if is_condition(obj) {
        condition_text(obj)
    } else {
        format!("uncaught exception: {}", written(obj))
    };
    die_uncaught(&text)
}

/// Raises `obj` (non-continuably) from runtime code.
pub fn raise(obj: Value) -> ! {
    let hs = handlers();
    if !is_pair(hs) {
        uncaught(obj);
    }
    // SAFETY: single-threaded runtime state.
    let s = unsafe { &mut *std::ptr::addr_of_mut!(closc_heap_state) };
    // The frame to abandon: its caller is stopped at a call with a stack map.
    let frame = if s.direct_fp != 0 {
        // SAFETY: the adapter's saved frame pointer is its compiled caller's.
        unsafe { *(s.direct_fp as *const u64) }
    } else if s.last_fp != 0 {
        s.last_fp
    } else {
        uncaught(obj)
    };
    if s.raise_entry == 0 {
        uncaught(obj);
    }
    set_handlers(cdr(hs));
    s.pending_handler = car(hs);
    s.pending_obj = obj;
    s.direct_fp = 0;
    s.last_fp = 0;
    crate::memory::gc::after_nonlocal_exit(false);
    // SAFETY: `frame` is a live compiled frame: saved frame pointer at
    // [frame], return address at [frame + 8].
    let caller_fp = unsafe { *(frame as *const u64) };
    crate::control::continuations::jump(frame + 8, caller_fp, s.raise_entry)
}

/// Raises an error condition with `message` and `irritants` (the form every
/// builtin's error takes); uncaught, it prints `error: MESSAGE: IRRITANTS`.
pub fn raise_error(message: &str, irritants: &[Value]) -> ! {
    raise_condition(COND_ERROR, message, irritants)
}

/// `raise_error` for a condition of `kind` (`COND_*`).
pub fn raise_condition(kind: u64, message: &str, irritants: &[Value]) -> ! {
    if !is_pair(handlers()) {
        let mut text = message.to_string();
        for (i, &v) in irritants.iter().enumerate() {
            text.push_str(if i == 0 { ": " } else { " " });
            text.push_str(&written(v));
        }
        die_uncaught(&text)
    }
    // Runtime allocation never moves objects, so the irritants stay valid.
    let msg = make_string_from(message);
    let list = irritants.iter().rev().fold(NIL, |acc, &v| cons(v, acc));
    raise(make_condition(kind, msg, list))
}

/// Called by `closc_raise_pending` when a handler returned from a
/// non-continuable `raise` of `obj`.
#[no_mangle]
pub extern "C" fn closc_rt_handler_returned(obj: Value) -> Value {
    if is_condition(obj) {
        let text = condition_text(obj);
        raise_error(
            &format!("handler returned from non-continuable raise ({text})"),
            &[],
        )
    }
    raise_error("handler returned from non-continuable raise", &[obj])
}
