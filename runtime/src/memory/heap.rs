//! The Scheme heap, the symbol table, and the other tables the compiler hands
//! to the runtime (global variable roots, lambda names).
//!
//! Allocation is `gc::alloc` (see `gc.rs` for the collector). Invariants:
//! - every heap object made by the runtime is allocated by `alloc`;
//! - objects are 8-byte aligned, start with a header word (see `value.rs`;
//!   pairs, which have none, are made by `cons`) and are fully initialized before anything else can observe them;
//! - symbols are interned: one immortal symbol object per name, kept in
//!   `SYMBOLS` forever, outside the collected heap;
//! - `ROOTS` records the global-variable arrays compiled code registered (also
//!   GC roots, unused until there is a collector).
//!
//! Strings (narrow or wide, read through `StrView`) live in `strings.rs`.
//! Literals and symbol names carry `IMMUTABLE_BIT`; strings made at run time
//! are mutable.

use crate::memory::global::Global;
use crate::memory::value::*;
use std::collections::HashMap;

/// Allocates `words` uninitialized, 8-byte-aligned words on the Scheme heap
/// (see `gc::alloc`: runtime allocation never moves objects). The caller must
/// initialize the object (header first) before the next allocation.
#[inline]
pub fn alloc(words: usize) -> *mut u64 {
    crate::memory::gc::alloc(words)
}

/// Allocates an object of `size` payload words with header `(kind, size)` and
/// returns its untagged address; the payload is left uninitialized.
fn alloc_object(kind: u64, size: usize) -> *mut u64 {
    let p = alloc(size + 1);
    // SAFETY: `p` points to `size + 1` fresh words.
    unsafe { *p = header(kind, size as u64) };
    p
}

/// A new pair: two words, `[car, cdr]`, no header.
pub fn cons(a: Value, b: Value) -> Value {
    let p = crate::memory::gc::alloc_pair();
    // SAFETY: a fresh 2-word pair.
    unsafe {
        *p.add(PAIR_CAR_WORD) = a;
        *p.add(PAIR_CDR_WORD) = b;
    }
    p as u64 | TAG_PAIR
}

pub fn make_box(v: Value) -> Value {
    let p = alloc_object(HDR_BOX, 1);
    // SAFETY: a fresh 2-word object.
    unsafe { *p.add(1) = v };
    p as u64 | TAG_OBJECT
}

pub fn make_vector(n: usize, fill: Value) -> Value {
    let p = alloc_object(HDR_VECTOR, n);
    for i in 0..n {
        // SAFETY: a fresh object of `n + 1` words.
        unsafe { *p.add(1 + i) = fill };
    }
    p as u64 | TAG_OBJECT
}

/// A new vector holding `elems`.
pub fn vector_from(elems: &[Value]) -> Value {
    let p = alloc_object(HDR_VECTOR, elems.len());
    // SAFETY: a fresh object of `elems.len() + 1` words.
    unsafe { std::ptr::copy_nonoverlapping(elems.as_ptr(), p.add(1), elems.len()) };
    p as u64 | TAG_OBJECT
}

pub use crate::memory::strings::{
    alloc_string, make_string_from, make_string_from_chars, string_char, string_set_char,
    string_to_rust, string_view, StrView,
};

static SYMBOLS: Global<Option<HashMap<String, Value>>> = Global::new(None);

/// Memory for an immortal object: outside the collected heap, never moved
/// or freed.
fn immortal(words: usize) -> *mut u64 {
    Box::leak(vec![0u64; words].into_boxed_slice()).as_mut_ptr()
}

/// The symbol named `name` (created on first use). Symbols and their name
/// strings are immortal: they live outside the collected heap, so the symbol
/// table is not a GC root and `eq?` on symbols never changes.
pub fn intern(name: &str) -> Value {
    SYMBOLS.with(|table| {
        let table = table.get_or_insert_with(HashMap::new);
        if let Some(&sym) = table.get(name) {
            return sym;
        }
        let sym = immortal_symbol(name);
        table.insert(name.to_string(), sym);
        sym
    })
}

/// A fresh symbol named `name` that is in no table: `intern` never returns
/// it, so it is `eq?` to no symbol the reader or `string->symbol` makes
/// (`gensym`). Immortal like every symbol.
pub fn uninterned_symbol(name: &str) -> Value {
    immortal_symbol(name)
}

/// A new immortal symbol (and name string) outside the collected heap.
fn immortal_symbol(name: &str) -> Value {
    let chars: Vec<u32> = name.chars().map(|c| c as u32).collect();
    let name_string = crate::memory::strings::build_string(&chars, immortal);
    set_immutable(name_string);
    let p = immortal(2);
    // SAFETY: a fresh 2-word block.
    unsafe {
        *p = header(HDR_SYMBOL, 1);
        *p.add(1) = name_string;
    }
    p as u64 | TAG_OBJECT
}

pub fn symbol_name(v: Value) -> String {
    string_to_rust(symbol_name_string(v))
}

/// Global-variable arrays registered by compiled code: (address, count).
static ROOTS: Global<Vec<(usize, usize)>> = Global::new(Vec::new());

/// Remembers an array of `n` global-variable slots (GC roots for a future
/// collector).
#[no_mangle]
pub extern "C" fn closc_rt_register_globals(ptr: *mut u64, n: u64) {
    ROOTS.with(|r| r.push((ptr as usize, n as usize)));
    crate::memory::gc::register_roots(ptr as usize, n as usize);
}

/// The registered global-variable arrays.
pub fn global_roots() -> Vec<(usize, usize)> {
    ROOTS.with(|r| r.clone())
}

/// Lambda id -> source name ("" for anonymous lambdas).
static LAMBDA_NAMES: Global<Vec<String>> = Global::new(Vec::new());

// SAFETY (for the raw byte arguments below): compiled code passes a pointer
// to `len` readable bytes (or any pointer with `len == 0`).
fn bytes_arg<'a>(bytes: *const u8, len: u64) -> &'a [u8] {
    if len == 0 || bytes.is_null() {
        &[]
    } else {
        // SAFETY: see above.
        unsafe { std::slice::from_raw_parts(bytes, len as usize) }
    }
}

/// Sets the lambda names: `blob` holds the names separated by NUL bytes; the
/// i-th name belongs to lambda id i; an empty name means anonymous.
#[no_mangle]
pub extern "C" fn closc_rt_set_lambda_names(blob: *const u8, len: u64) {
    let bytes = bytes_arg(blob, len);
    let names: Vec<String> = bytes
        .split(|&b| b == 0)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    LAMBDA_NAMES.with(|t| *t = names);
}

/// Every lambda name so far, by id (what code compiled later in the same
/// process, by `eval`, numbers its lambdas after).
pub fn lambda_names() -> Vec<String> {
    LAMBDA_NAMES.with(|t| t.clone())
}

/// The name of lambda `id`, or None when it is anonymous or unknown.
pub fn lambda_name(id: u64) -> Option<String> {
    LAMBDA_NAMES.with(|t| {
        t.get(id as usize)
            .filter(|n| !n.is_empty())
            .map(|n| n.to_string())
    })
}

/// Interns the symbol whose name is the UTF-8 text `bytes[..len]`.
#[no_mangle]
pub extern "C" fn closc_rt_intern(bytes: *const u8, len: u64) -> Value {
    intern(&String::from_utf8_lossy(bytes_arg(bytes, len)))
}

/// A new immutable string holding the UTF-8 text `bytes[..len]`: compiled
/// code builds string literals with it.
#[no_mangle]
pub extern "C" fn closc_rt_make_string(bytes: *const u8, len: u64) -> Value {
    let s = make_string_from(&String::from_utf8_lossy(bytes_arg(bytes, len)));
    set_immutable(s);
    s
}

/// A new bytevector of `len` zero bytes.
pub fn alloc_bytevector(len: usize) -> Value {
    let words = bytevector_words(len as u64) as usize;
    let p = alloc(words + 1);
    // SAFETY: `p` points to `words + 1` fresh words: header, length, bytes.
    unsafe {
        *p = header(HDR_BYTEVECTOR, words as u64);
        *p.add(1) = len as u64;
        std::ptr::write_bytes(p.add(2), 0, words - 1);
    }
    p as u64 | TAG_OBJECT
}

/// A new bytevector holding `bytes`.
pub fn bytevector_from(bytes: &[u8]) -> Value {
    let v = alloc_bytevector(bytes.len());
    // SAFETY: the new bytevector has room for `bytes.len()` bytes, and is a
    // different object from any `bytes` borrowed from the heap.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), bytevector_bytes(v), bytes.len()) };
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;

    #[test]
    fn interning() {
        let _g = test_lock();
        let a = intern("hello");
        let b = closc_rt_intern(b"hello".as_ptr(), 5);
        assert_eq!(a, b);
        assert!(is_symbol(a));
        assert_eq!(symbol_name(a), "hello");
        assert_ne!(intern("hellO"), a);
        assert_eq!(symbol_name(intern("")), "");
    }

    #[test]
    fn allocation() {
        let _g = test_lock();
        let p = cons(fixnum(1), NIL);
        assert!(is_pair(p));
        assert_eq!(car(p), fixnum(1));
        assert_eq!(cdr(p), NIL);
        // Two words, no header: the next pair follows 16 bytes later.
        assert_eq!(field(p, 0), fixnum(1));
        let q = cons(p, NIL);
        assert_eq!(q - p, PAIR_BYTES as u64);
        assert_eq!(car(q), p);
        let big = make_vector(1 << 20, FALSE);
        assert_eq!(vector_len(big), 1 << 20);
        assert_eq!(field(big, 1 << 20), FALSE);
        let a = alloc(3) as u64;
        assert_eq!(a % 8, 0);
        let b = alloc(1) as u64;
        assert_ne!(a, b);
    }

    #[test]
    fn lambda_names() {
        let _g = test_lock();
        let blob = b"main\0\0f";
        closc_rt_set_lambda_names(blob.as_ptr(), blob.len() as u64);
        assert_eq!(lambda_name(0).as_deref(), Some("main"));
        assert_eq!(lambda_name(1), None);
        assert_eq!(lambda_name(2).as_deref(), Some("f"));
        assert_eq!(lambda_name(3), None);
    }
}
