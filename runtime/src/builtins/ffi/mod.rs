//! `(closc ffi)`: pointer objects and foreign buffers (this file), the C
//! types (`types.rs`), and what compiled foreign calls need from the runtime
//! (`calls.rs`: symbol lookup, the out-of-line argument and result
//! conversions, `load-shared-object`).
//!
//! A pointer object is a heap object of kind `HDR_POINTER` whose three
//! payload words are raw (the collector copies it without scanning):
//! `[address, size, state]`. State `POINTER` is an opaque C pointer (size
//! unused): it can be passed to C, compared, offset, but never read or
//! written from Scheme. State `BUFFER` is a foreign buffer: `size` bytes
//! from `calloc`, which `foreign-ref`/`foreign-set!` access with bounds
//! checks; `free-foreign-buffer` frees it and sets state `FREED`, after
//! which every use is an error. So no Scheme code reaches memory through
//! this module outside a live buffer's bounds. Buffers are not freed by the
//! collector: a buffer dropped without `free-foreign-buffer` leaks.

pub mod callbacks;
pub mod calls;
pub mod types;

use crate::control::exceptions::raise_error;
use crate::error::type_error;
use crate::memory::heap::alloc;
use crate::memory::value::*;
use crate::numbers::{self, Num};
use num_traits::ToPrimitive;
use types::FfiType;

// The layout's constants (`POINTER_*`, `STATE_*`) are in `memory::value`.
pub use crate::memory::value::{
    POINTER_ADDRESS, POINTER_SIZE, POINTER_STATE, STATE_BUFFER, STATE_FREED, STATE_POINTER,
};

/// A new pointer object.
pub fn make_pointer(address: u64, size: u64, state: u64) -> Value {
    let p = alloc(4);
    // SAFETY: 4 fresh words; every payload word is raw.
    unsafe {
        *p = header(HDR_POINTER, 3);
        *p.add(POINTER_ADDRESS) = address;
        *p.add(POINTER_SIZE) = size;
        *p.add(POINTER_STATE) = state;
    }
    p as u64 | TAG_OBJECT
}

pub fn is_pointer_object(v: Value) -> bool {
    object_kind(v) == HDR_POINTER
}

/// The C address `v` stands for as a `pointer` argument: a pointer's, or a
/// live buffer's. `None` for anything else; a freed buffer is an error.
pub fn pointer_address(proc: &str, v: Value) -> Option<u64> {
    if !is_pointer_object(v) {
        return None;
    }
    if field(v, POINTER_STATE) == STATE_FREED {
        raise_error(&format!("{proc}: foreign buffer used after free"), &[v]);
    }
    Some(field(v, POINTER_ADDRESS))
}

fn pointer_arg(proc: &str, v: Value) -> u64 {
    pointer_address(proc, v).unwrap_or_else(|| type_error(proc, "pointer", v))
}

/// A live foreign buffer: its address and size.
fn buffer_arg(proc: &str, v: Value) -> (u64, u64) {
    if !is_pointer_object(v) || field(v, POINTER_STATE) == STATE_POINTER {
        type_error(proc, "foreign buffer", v)
    }
    if field(v, POINTER_STATE) == STATE_FREED {
        raise_error(&format!("{proc}: foreign buffer used after free"), &[v]);
    }
    (field(v, POINTER_ADDRESS), field(v, POINTER_SIZE))
}

/// An exact integer in `lo..=hi`.
fn integer_in(proc: &str, v: Value, lo: i128, hi: i128) -> i128 {
    let n = match numbers::get(v) {
        Some(Num::Fix(n)) => n as i128,
        Some(Num::Big(b)) => b.to_i128().unwrap_or(i128::MAX),
        _ => raise_error(&format!("{proc}: not an exact integer"), &[v]),
    };
    if n < lo || n > hi {
        raise_error(&format!("{proc}: out of range"), &[v]);
    }
    n
}

fn type_name_arg(proc: &str, v: Value, for_memory: bool) -> FfiType {
    let t = if is_symbol(v) {
        FfiType::named(&crate::memory::heap::symbol_name(v))
    } else {
        None
    };
    match t {
        Some(t) if !for_memory || t.size().is_some() => t,
        _ => type_error(
            proc,
            "foreign type (int8 ... uint64, float, double, bool, pointer)",
            v,
        ),
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_pointer_p(v: Value) -> Value {
    boolean(is_pointer_object(v) && field(v, POINTER_STATE) == STATE_POINTER)
}

#[no_mangle]
pub extern "C" fn closc_prim_null_pointer_p(v: Value) -> Value {
    boolean(pointer_arg("null-pointer?", v) == 0)
}

#[no_mangle]
pub extern "C" fn closc_prim_pointer_plus(p: Value, n: Value) -> Value {
    let a = pointer_arg("pointer+", p);
    let n = integer_in("pointer+", n, i64::MIN as i128, i64::MAX as i128);
    make_pointer((a as i128 + n) as u64, 0, STATE_POINTER)
}

#[no_mangle]
pub extern "C" fn closc_prim_pointer_to_integer(p: Value) -> Value {
    let a = pointer_arg("pointer->integer", p);
    numbers::make(Num::Big(a.into()))
}

#[no_mangle]
pub extern "C" fn closc_prim_integer_to_pointer(n: Value) -> Value {
    let n = integer_in("integer->pointer", n, 0, u64::MAX as i128);
    make_pointer(n as u64, 0, STATE_POINTER)
}

#[no_mangle]
pub extern "C" fn closc_prim_make_foreign_buffer(n: Value) -> Value {
    const MAX: i128 = 1 << 40;
    let size = integer_in("make-foreign-buffer", n, 0, MAX) as usize;
    // SAFETY: calloc of at least one byte; checked for failure below.
    let address = unsafe { libc::calloc(size.max(1), 1) } as u64;
    if address == 0 {
        raise_error("make-foreign-buffer: out of memory", &[n]);
    }
    make_pointer(address, size as u64, STATE_BUFFER)
}

#[no_mangle]
pub extern "C" fn closc_prim_foreign_buffer_p(v: Value) -> Value {
    boolean(is_pointer_object(v) && field(v, POINTER_STATE) != STATE_POINTER)
}

#[no_mangle]
pub extern "C" fn closc_prim_foreign_buffer_size(v: Value) -> Value {
    let (_, size) = buffer_arg("foreign-buffer-size", v);
    fixnum(size as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_foreign_buffer_pointer(v: Value) -> Value {
    let (address, _) = buffer_arg("foreign-buffer-pointer", v);
    make_pointer(address, 0, STATE_POINTER)
}

#[no_mangle]
pub extern "C" fn closc_prim_free_foreign_buffer(v: Value) -> Value {
    let (address, _) = buffer_arg("free-foreign-buffer", v);
    // SAFETY: a live buffer's address came from calloc and is freed once
    // (its state says freed from now on).
    unsafe { libc::free(address as *mut libc::c_void) };
    set_field(v, POINTER_ADDRESS, 0);
    set_field(v, POINTER_STATE, STATE_FREED);
    VOID
}

/// The address of `ty`'s bytes at `offset` in buffer `buf`, bounds checked.
fn field_address(proc: &str, ty: FfiType, buf: Value, offset: Value) -> u64 {
    let (address, size) = buffer_arg(proc, buf);
    let width = ty.size().expect("type_name_arg allows sized types") as u64;
    let at = integer_in(proc, offset, 0, i64::MAX as i128) as u64;
    if at.checked_add(width).is_none_or(|end| end > size) {
        raise_error(
            &format!("{proc}: offset out of the buffer's bounds ({size} bytes)"),
            &[offset],
        );
    }
    address + at
}

#[no_mangle]
pub extern "C" fn closc_prim_foreign_ref(ty: Value, buf: Value, offset: Value) -> Value {
    const PROC: &str = "foreign-ref";
    let t = type_name_arg(PROC, ty, true);
    let a = field_address(PROC, t, buf, offset);
    // SAFETY: `a .. a + size` is inside a live buffer (checked above);
    // unaligned reads are allowed.
    unsafe {
        match t {
            FfiType::Int8 => fixnum((a as *const i8).read() as i64),
            FfiType::Uint8 => fixnum((a as *const u8).read() as i64),
            FfiType::Int16 => fixnum((a as *const i16).read_unaligned() as i64),
            FfiType::Uint16 => fixnum((a as *const u16).read_unaligned() as i64),
            FfiType::Int32 => fixnum((a as *const i32).read_unaligned() as i64),
            FfiType::Uint32 => fixnum((a as *const u32).read_unaligned() as i64),
            FfiType::Int64 => numbers::make(Num::Big((a as *const i64).read_unaligned().into())),
            FfiType::Uint64 => numbers::make(Num::Big((a as *const u64).read_unaligned().into())),
            FfiType::Float => numbers::make_flonum((a as *const f32).read_unaligned() as f64),
            FfiType::Double => numbers::make_flonum((a as *const f64).read_unaligned()),
            FfiType::Bool => boolean((a as *const u8).read() != 0),
            FfiType::Pointer => make_pointer((a as *const u64).read_unaligned(), 0, STATE_POINTER),
            FfiType::Void | FfiType::String | FfiType::Bytevector => {
                unreachable!("type_name_arg allows sized types")
            }
        }
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_foreign_set_x(argc: u64, argv: *const Value) -> Value {
    const PROC: &str = "foreign-set!";
    let args = crate::args::args(PROC, argc, argv, crate::args::Arity::Between(4, 4));
    let t = type_name_arg(PROC, args[0], true);
    let a = field_address(PROC, t, args[1], args[2]);
    let x = args[3];
    let bits = match t {
        FfiType::Float | FfiType::Double => {
            let f = match numbers::get(x) {
                Some(n) if !matches!(n, Num::Cpx(_)) => n.to_f64(),
                _ => type_error(PROC, "real number", x),
            };
            if t == FfiType::Float {
                (f as f32).to_bits() as u64
            } else {
                f.to_bits()
            }
        }
        FfiType::Bool => is_true(x) as u64,
        FfiType::Pointer => pointer_arg(PROC, x),
        _ => {
            let (lo, hi) = t.int_range().expect("an integer type");
            integer_in(PROC, x, lo, hi) as u64
        }
    };
    let width = t.size().expect("a sized type");
    // SAFETY: `a .. a + width` is inside a live buffer (checked above);
    // the low `width` bytes of `bits` are the value (little-endian).
    unsafe { std::ptr::copy_nonoverlapping(bits.to_le_bytes().as_ptr(), a as *mut u8, width) };
    VOID
}

/// The bytes of a live buffer from `start` (checked) to its end.
fn buffer_bytes<'a>(proc: &str, buf: Value, start: Option<Value>) -> &'a [u8] {
    let (address, size) = buffer_arg(proc, buf);
    let from = match start {
        Some(s) => integer_in(proc, s, 0, size as i128) as u64,
        None => 0,
    };
    // SAFETY: `address + from .. address + size` is inside the live buffer.
    unsafe { std::slice::from_raw_parts((address + from) as *const u8, (size - from) as usize) }
}

#[no_mangle]
pub extern "C" fn closc_prim_foreign_buffer_to_string(argc: u64, argv: *const Value) -> Value {
    const PROC: &str = "foreign-buffer->string";
    let args = crate::args::args(PROC, argc, argv, crate::args::Arity::Between(1, 2));
    let bytes = buffer_bytes(PROC, args[0], args.get(1).copied());
    let Some(end) = bytes.iter().position(|&b| b == 0) else {
        raise_error(
            &format!("{PROC}: no NUL byte before the buffer's end"),
            &[args[0]],
        );
    };
    crate::memory::heap::make_string_from(&String::from_utf8_lossy(&bytes[..end]))
}

#[no_mangle]
pub extern "C" fn closc_prim_foreign_buffer_to_bytevector(buf: Value) -> Value {
    let bytes = buffer_bytes("foreign-buffer->bytevector", buf, None);
    crate::memory::heap::bytevector_from(bytes)
}
