//! Bytevectors (R7RS 6.9): allocation, the builtins, and the UTF-8
//! conversions `string->utf8` / `utf8->string`.
//!
//! Layout (see `value.rs`): header `(HDR_BYTEVECTOR, 1 + ceil(len/8))`, the
//! length in bytes, then the bytes, zero-padded to a word. Bytevectors hold no
//! pointers, so the collector copies them without scanning and mutators need
//! no write barrier. Literals (`#u8(...)`, built by compiled code at start-up)
//! carry `IMMUTABLE_BIT`; `bytevector-u8-set!` and `bytevector-copy!` refuse
//! them. `utf8->string` decodes invalid UTF-8 as U+FFFD (as Chez does).

use crate::args::{args, Arity};
use crate::args::{byte_arg, copy_destination, index_arg, length_arg, range_args};
use crate::error::type_error;
use crate::memory::heap::*;
use crate::memory::value::*;
use Arity::{AtLeast, Between};

// Moved to `memory::heap` (ports allocate bytevectors too); re-exported
// for the callers that name them here.
pub use crate::memory::heap::{alloc_bytevector, bytevector_from};

fn bytevector_arg(proc: &str, v: Value) -> Value {
    if is_bytevector(v) {
        v
    } else {
        type_error(proc, "bytevector", v)
    }
}

fn mutable_bytevector_arg(proc: &str, v: Value) -> Value {
    let b = bytevector_arg(proc, v);
    if is_immutable(b) {
        type_error(proc, "mutable bytevector", b)
    }
    b
}

#[no_mangle]
pub extern "C" fn closc_prim_bytevector_p(v: Value) -> Value {
    boolean(is_bytevector(v))
}

#[no_mangle]
pub extern "C" fn closc_prim_make_bytevector(argc: u64, argv: *const Value) -> Value {
    let args = args("make-bytevector", argc, argv, Between(1, 2));
    let n = length_arg("make-bytevector", args[0]);
    let fill = args.get(1).map_or(0, |&b| byte_arg("make-bytevector", b));
    let v = alloc_bytevector(n);
    // SAFETY: the new bytevector holds `n` bytes.
    unsafe { std::ptr::write_bytes(bytevector_bytes(v), fill, n) };
    v
}

#[no_mangle]
pub extern "C" fn closc_prim_bytevector(argc: u64, argv: *const Value) -> Value {
    let args = args("bytevector", argc, argv, AtLeast(0));
    let bytes: Vec<u8> = args.iter().map(|&b| byte_arg("bytevector", b)).collect();
    bytevector_from(&bytes)
}

#[no_mangle]
pub extern "C" fn closc_prim_bytevector_length(v: Value) -> Value {
    fixnum(bytevector_len(bytevector_arg("bytevector-length", v)) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_bytevector_u8_ref(v: Value, k: Value) -> Value {
    let v = bytevector_arg("bytevector-u8-ref", v);
    let i = index_arg("bytevector-u8-ref", k, bytevector_len(v));
    fixnum(bytevector_slice(v)[i] as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_bytevector_u8_set_x(v: Value, k: Value, b: Value) -> Value {
    const P: &str = "bytevector-u8-set!";
    let v = mutable_bytevector_arg(P, v);
    let i = index_arg(P, k, bytevector_len(v));
    let byte = byte_arg(P, b);
    // SAFETY: `i < bytevector_len(v)`.
    unsafe { *bytevector_bytes(v).add(i) = byte };
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_bytevector_copy(argc: u64, argv: *const Value) -> Value {
    let args = args("bytevector-copy", argc, argv, Between(1, 3));
    let v = bytevector_arg("bytevector-copy", args[0]);
    let (start, end) = range_args("bytevector-copy", args, 1, bytevector_len(v));
    bytevector_from(&bytevector_slice(v)[start..end])
}

#[no_mangle]
pub extern "C" fn closc_prim_bytevector_copy_x(argc: u64, argv: *const Value) -> Value {
    const P: &str = "bytevector-copy!";
    let args = args(P, argc, argv, Between(3, 5));
    let to = mutable_bytevector_arg(P, args[0]);
    let from = bytevector_arg(P, args[2]);
    let (start, end) = range_args(P, args, 3, bytevector_len(from));
    let at = copy_destination(P, args[1], bytevector_len(to), end - start);
    // SAFETY: both ranges are inside their bytevectors (checked above);
    // `copy` handles overlap when `to` and `from` are the same bytevector.
    unsafe {
        std::ptr::copy(
            bytevector_bytes(from).add(start),
            bytevector_bytes(to).add(at),
            end - start,
        )
    };
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_bytevector_append(argc: u64, argv: *const Value) -> Value {
    let args = args("bytevector-append", argc, argv, AtLeast(0));
    let mut all = Vec::new();
    for &v in args {
        all.extend_from_slice(bytevector_slice(bytevector_arg("bytevector-append", v)));
    }
    bytevector_from(&all)
}

#[no_mangle]
pub extern "C" fn closc_prim_utf8_to_string(argc: u64, argv: *const Value) -> Value {
    let args = args("utf8->string", argc, argv, Between(1, 3));
    let v = bytevector_arg("utf8->string", args[0]);
    let (start, end) = range_args("utf8->string", args, 1, bytevector_len(v));
    make_string_from(&String::from_utf8_lossy(&bytevector_slice(v)[start..end]))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_to_utf8(argc: u64, argv: *const Value) -> Value {
    let args = args("string->utf8", argc, argv, Between(1, 3));
    let s = crate::args::string_arg("string->utf8", args[0]);
    let (start, end) = range_args("string->utf8", args, 1, string_len(s));
    let mut bytes = Vec::with_capacity(end - start);
    for c in crate::memory::heap::string_view(s).slice(start, end).iter() {
        crate::io::printer::push_char(&mut bytes, c);
    }
    bytevector_from(&bytes)
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

    #[test]
    fn layout_and_builtins() {
        let _g = test_lock();
        for n in [0, 1, 7, 8, 9, 100] {
            let v = call(closc_prim_make_bytevector, &[fixnum(n), fixnum(255)]);
            assert!(is_bytevector(v));
            assert_eq!(bytevector_len(v), n as usize);
            assert_eq!(header_size(field(v, 0)), bytevector_words(n as u64));
            assert!(bytevector_slice(v).iter().all(|&b| b == 255));
        }
        let v = call(closc_prim_bytevector, &[fixnum(1), fixnum(2), fixnum(3)]);
        assert_eq!(w(v), "#u8(1 2 3)");
        closc_prim_bytevector_u8_set_x(v, fixnum(0), fixnum(200));
        assert_eq!(closc_prim_bytevector_u8_ref(v, fixnum(0)), fixnum(200));
        call(
            closc_prim_bytevector_copy_x,
            &[v, fixnum(1), v, fixnum(0), fixnum(2)],
        );
        assert_eq!(w(v), "#u8(200 200 2)");
        let s = make_string_from("aλ😀");
        let u = call(closc_prim_string_to_utf8, &[s]);
        assert_eq!(w(u), "#u8(97 206 187 240 159 152 128)");
        let back = call(closc_prim_utf8_to_string, &[u, fixnum(1), fixnum(3)]);
        assert_eq!(string_to_rust(back), "λ");
        let a = call(closc_prim_bytevector_append, &[v, u]);
        assert_eq!(bytevector_len(a), 10);
    }
}
