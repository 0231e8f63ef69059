//! What compiled foreign calls need from the runtime: the symbol lookup of
//! `closc run` (`closc_rt_ffi_lookup`, over the process and the libraries
//! `load-shared-object` opened), and the conversions codegen leaves out of
//! line: arguments it does not convert inline (bignums, strings, non-flonum
//! reals, wrong types: `closc_rt_ffi_arg` converts or raises the error) and
//! results that allocate (`closc_rt_ffi_result`: bignums, flonums, pointers,
//! strings).
//!
//! Invariants: these entries are called through the runtime-call
//! trampoline (they may raise); they write raw words only through the `out`
//! pointer or return Scheme values, so no raw word is ever taken for a
//! root. A string argument's UTF-8 copy lives in `STRING_COPIES` until the
//! first string argument of a later foreign call (no foreign call runs
//! Scheme code, so calls never nest).

use super::types::{FfiType, FIRST_STRING_OF_CALL};
use super::{make_pointer, pointer_address, STATE_POINTER};
use crate::control::exceptions::raise_error;
use crate::memory::heap::{make_string_from, string_view};
use crate::memory::value::*;
use crate::numbers::{self, Num};
use num_traits::ToPrimitive;
use std::ffi::{CStr, CString};
use std::sync::Mutex;

/// The libraries `load-shared-object` opened (dlopen handles), in order.
static LIBRARIES: Mutex<Vec<usize>> = Mutex::new(Vec::new());

/// The UTF-8 copies of the string arguments of the current foreign call.
static STRING_COPIES: Mutex<Vec<CString>> = Mutex::new(Vec::new());

/// `dlsym` over the process (and every library opened with `RTLD_GLOBAL`),
/// then over each library `load-shared-object` opened.
fn lookup(name: &str) -> Option<u64> {
    let c = CString::new(name).ok()?;
    // SAFETY: dlsym with a NUL-terminated name; handles come from dlopen.
    unsafe {
        let a = libc::dlsym(libc::RTLD_DEFAULT, c.as_ptr());
        if !a.is_null() {
            return Some(a as u64);
        }
        let libs = LIBRARIES.lock().unwrap_or_else(|e| e.into_inner());
        libs.iter()
            .map(|&h| libc::dlsym(h as *mut libc::c_void, c.as_ptr()))
            .find(|a| !a.is_null())
            .map(|a| a as u64)
    }
}

/// `closc run`'s resolution of a foreign procedure's C symbol, when its
/// definition is evaluated: a pointer object, or an error naming it.
#[no_mangle]
pub extern "C" fn closc_rt_ffi_lookup(name: Value) -> Value {
    let text: String = string_view(name)
        .iter()
        .filter_map(char::from_u32)
        .collect();
    match lookup(&text) {
        Some(a) => make_pointer(a, 0, STATE_POINTER),
        None => raise_error(
            "foreign-procedure: C symbol not found (load its library with load-shared-object)",
            &[name],
        ),
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_load_shared_object(name: Value) -> Value {
    const PROC: &str = "load-shared-object";
    if !is_string(name) {
        crate::error::type_error(PROC, "string", name)
    }
    let text = crate::memory::heap::string_to_rust(name);
    let Ok(c) = CString::new(text) else {
        raise_error(&format!("{PROC}: name contains a NUL character"), &[name]);
    };
    // SAFETY: dlopen of a NUL-terminated name; dlerror right after.
    let handle = unsafe { libc::dlopen(c.as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL) };
    if handle.is_null() {
        // SAFETY: dlerror returns a NUL-terminated message or NULL.
        let reason = unsafe {
            let e = libc::dlerror();
            if e.is_null() {
                "unknown reason".to_string()
            } else {
                CStr::from_ptr(e).to_string_lossy().into_owned()
            }
        };
        raise_error(&format!("{PROC}: cannot load: {reason}"), &[name]);
    }
    LIBRARIES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(handle as usize);
    VOID
}

/// `who: argument N`, or for argument 0 (a callback's result) `who: the
/// procedure's result`.
fn position(who: Value, argno: u64) -> String {
    let who = crate::error::displayed(who);
    if argno == 0 {
        format!("{who}: the procedure's result")
    } else {
        format!("{who}: argument {argno}")
    }
}

/// `who: argument N: expected TYPE: v`.
fn expected(who: Value, argno: u64, ty: FfiType, what: &str, v: Value) -> ! {
    let who = position(who, argno);
    let message = if what.ends_with(ty.name()) {
        format!("{who}: expected {what}")
    } else {
        format!("{who}: expected {what} for {}", ty.name())
    };
    raise_error(&message, &[v])
}

/// Converts argument `argno` (from 1) of the foreign procedure `who`, of
/// C type code `ty`, to its raw word in `*out`, or raises the error.
///
/// # Safety
/// `out` points to a writable word (a stack slot of the caller).
#[no_mangle]
pub unsafe extern "C" fn closc_rt_ffi_arg(
    v: Value,
    ty: u64,
    who: Value,
    argno: u64,
    out: *mut u64,
) -> Value {
    let first_string = ty & FIRST_STRING_OF_CALL != 0;
    let t =
        FfiType::from_code(ty & 0xFF).unwrap_or_else(|| crate::error::internal("ffi type code"));
    let raw = match t {
        FfiType::Float | FfiType::Double => {
            let f = match numbers::get(v) {
                Some(n) if !matches!(n, Num::Cpx(_)) => n.to_f64(),
                _ => expected(who, argno, t, "a real number", v),
            };
            if t == FfiType::Float {
                (f as f32).to_bits() as u64
            } else {
                f.to_bits()
            }
        }
        FfiType::Bool => is_true(v) as u64,
        FfiType::Pointer => {
            let proc = crate::error::displayed(who);
            pointer_address(&proc, v)
                .unwrap_or_else(|| expected(who, argno, t, "a pointer or foreign buffer", v))
        }
        FfiType::String => {
            if !is_string(v) {
                expected(who, argno, t, "a string", v)
            }
            let text: String = string_view(v).iter().filter_map(char::from_u32).collect();
            let Ok(c) = CString::new(text) else {
                let who = crate::error::displayed(who);
                raise_error(
                    &format!("{who}: argument {argno}: string contains a NUL character"),
                    &[v],
                );
            };
            let mut copies = STRING_COPIES.lock().unwrap_or_else(|e| e.into_inner());
            if first_string {
                copies.clear();
            }
            // The CString's buffer does not move when the vector grows.
            let address = c.as_ptr() as u64;
            copies.push(c);
            address
        }
        FfiType::Bytevector => expected(who, argno, t, "a bytevector", v),
        FfiType::Void => crate::error::internal("void argument"),
        _ => {
            let (lo, hi) = t.int_range().expect("an integer type");
            let n = match numbers::get(v) {
                Some(Num::Fix(n)) => n as i128,
                Some(Num::Big(b)) => b.to_i128().unwrap_or(i128::MAX),
                _ => expected(who, argno, t, "an exact integer", v),
            };
            if n < lo || n > hi {
                raise_error(
                    &format!("{}: out of range for {}", position(who, argno), t.name()),
                    &[v],
                );
            }
            n as u64
        }
    };
    // SAFETY: the caller's slot.
    unsafe { *out = raw };
    VOID
}

/// The Scheme value of a foreign call's raw result `raw` of type code `ty`
/// (the results codegen does not convert inline).
#[no_mangle]
pub extern "C" fn closc_rt_ffi_result(raw: u64, ty: u64) -> Value {
    let t = FfiType::from_code(ty).unwrap_or_else(|| crate::error::internal("ffi type code"));
    match t {
        FfiType::Int64 => numbers::make(Num::Big((raw as i64).into())),
        FfiType::Uint64 => numbers::make(Num::Big(raw.into())),
        FfiType::Double => numbers::make_flonum(f64::from_bits(raw)),
        FfiType::Float => numbers::make_flonum(f32::from_bits(raw as u32) as f64),
        FfiType::Pointer => make_pointer(raw, 0, STATE_POINTER),
        FfiType::String if raw == 0 => FALSE,
        FfiType::String => {
            // SAFETY: the C function returned a NUL-terminated string (its
            // declaration says so: the boundary the README documents).
            let s = unsafe { CStr::from_ptr(raw as *const libc::c_char) };
            make_string_from(&s.to_string_lossy())
        }
        _ => crate::error::internal("ffi result converted inline"),
    }
}
