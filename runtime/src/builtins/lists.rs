//! Pairs and lists (R7RS 6.4): `cons`, `car`, the `c..r` compositions,
//! `list`, `length`, `append`, `reverse`, `list-tail`, `list-ref`, the
//! `mem..`/`ass..` searches, `list-copy`, `make-list`, `list-set!`, and the
//! helpers other chapters use on lists (`proper_length`, `list_elements`,
//! `list_with_tail`); also the n-ary equality predicates of 6.3 and 6.5
//! (`boolean=?`, `symbol=?`), which check the types of all their arguments.
//!
//! Invariant: `list-set!` stores with the write barrier; circular lists are
//! errors (never infinite loops) in every procedure that walks a list
//! (`proper_length` is the one test, shared with `apply`).

use crate::args::{args, fx_arg, length_arg, not_a_list, pair_arg, Arity};
use crate::builtins::equivalence::eqv;
pub use crate::control::calls::proper_length;
use crate::error::{index_error, type_error};
use crate::memory::heap::*;
use crate::memory::value::*;
use Arity::{AtLeast, Between};

/// The elements of proper list `v` (an error naming `proc` otherwise).
pub(crate) fn list_elements(proc: &str, v: Value) -> Vec<Value> {
    let n = proper_length(v).unwrap_or_else(|| not_a_list(proc, v));
    let mut out = Vec::with_capacity(n);
    let mut l = v;
    while l != NIL {
        out.push(car(l));
        l = cdr(l);
    }
    out
}

/// A new list of `elems` ending in `tail`.
pub(crate) fn list_with_tail(elems: &[Value], tail: Value) -> Value {
    elems.iter().rev().fold(tail, |acc, &x| cons(x, acc))
}

/// The first pair of `list` for which `pred` holds, or `#f`; an error naming
/// `proc` if the list is improper (or circular) before such a pair.
fn find_pair(proc: &str, list: Value, mut pred: impl FnMut(Value) -> bool) -> Value {
    let (mut l, mut slow, mut steps) = (list, list, 0u64);
    loop {
        if l == NIL {
            return FALSE;
        }
        if !is_pair(l) {
            not_a_list(proc, list);
        }
        if pred(l) {
            return l;
        }
        l = cdr(l);
        steps += 1;
        if steps % 2 == 0 {
            slow = cdr(slow);
            if slow == l {
                not_a_list(proc, list);
            }
        }
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_cons(a: Value, b: Value) -> Value {
    cons(a, b)
}

#[no_mangle]
pub extern "C" fn closc_prim_car(p: Value) -> Value {
    car(pair_arg("car", p))
}

#[no_mangle]
pub extern "C" fn closc_prim_cdr(p: Value) -> Value {
    cdr(pair_arg("cdr", p))
}

#[no_mangle]
pub extern "C" fn closc_prim_set_car_x(p: Value, v: Value) -> Value {
    set_car(pair_arg("set-car!", p), v);
    crate::memory::gc::write_barrier(p, PAIR_CAR_WORD, v);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_set_cdr_x(p: Value, v: Value) -> Value {
    set_cdr(pair_arg("set-cdr!", p), v);
    crate::memory::gc::write_barrier(p, PAIR_CDR_WORD, v);
    VOID
}

/// `c[ad]+r`: `path` lists the accessors innermost first (`cadr` is "da");
/// an error reports the original argument.
fn cxr(proc: &str, path: &[u8], v: Value) -> Value {
    let mut x = v;
    for &step in path {
        if !is_pair(x) {
            type_error(proc, "pair", v);
        }
        x = if step == b'a' { car(x) } else { cdr(x) };
    }
    x
}

#[no_mangle]
pub extern "C" fn closc_prim_caar(v: Value) -> Value {
    cxr("caar", b"aa", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cadr(v: Value) -> Value {
    cxr("cadr", b"da", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdar(v: Value) -> Value {
    cxr("cdar", b"ad", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cddr(v: Value) -> Value {
    cxr("cddr", b"dd", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_caddr(v: Value) -> Value {
    cxr("caddr", b"dda", v)
}

// The rest of (scheme cxr)'s 24 compositions (`caddr` is above).

#[no_mangle]
pub extern "C" fn closc_prim_caaar(v: Value) -> Value {
    cxr("caaar", b"aaa", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_caadr(v: Value) -> Value {
    cxr("caadr", b"daa", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cadar(v: Value) -> Value {
    cxr("cadar", b"ada", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdaar(v: Value) -> Value {
    cxr("cdaar", b"aad", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdadr(v: Value) -> Value {
    cxr("cdadr", b"dad", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cddar(v: Value) -> Value {
    cxr("cddar", b"add", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdddr(v: Value) -> Value {
    cxr("cdddr", b"ddd", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_caaaar(v: Value) -> Value {
    cxr("caaaar", b"aaaa", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_caaadr(v: Value) -> Value {
    cxr("caaadr", b"daaa", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_caadar(v: Value) -> Value {
    cxr("caadar", b"adaa", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_caaddr(v: Value) -> Value {
    cxr("caaddr", b"ddaa", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cadaar(v: Value) -> Value {
    cxr("cadaar", b"aada", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cadadr(v: Value) -> Value {
    cxr("cadadr", b"dada", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_caddar(v: Value) -> Value {
    cxr("caddar", b"adda", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cadddr(v: Value) -> Value {
    cxr("cadddr", b"ddda", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdaaar(v: Value) -> Value {
    cxr("cdaaar", b"aaad", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdaadr(v: Value) -> Value {
    cxr("cdaadr", b"daad", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdadar(v: Value) -> Value {
    cxr("cdadar", b"adad", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdaddr(v: Value) -> Value {
    cxr("cdaddr", b"ddad", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cddaar(v: Value) -> Value {
    cxr("cddaar", b"aadd", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cddadr(v: Value) -> Value {
    cxr("cddadr", b"dadd", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdddar(v: Value) -> Value {
    cxr("cdddar", b"addd", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cddddr(v: Value) -> Value {
    cxr("cddddr", b"dddd", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_list(argc: u64, argv: *const Value) -> Value {
    list_with_tail(args("list", argc, argv, AtLeast(0)), NIL)
}

#[no_mangle]
pub extern "C" fn closc_prim_length(l: Value) -> Value {
    match proper_length(l) {
        Some(n) => fixnum(n as i64),
        None => not_a_list("length", l),
    }
}

/// `append`: copies every argument but the last (which may be any value).
pub fn append(lists: &[Value]) -> Value {
    let Some((&last, init)) = lists.split_last() else {
        return NIL;
    };
    // Copied front to back, each new pair's cdr filled in when the next one
    // exists: no intermediate vector. No write barrier is needed: runtime
    // allocation never collects, and a pair it had to put in the old
    // generation is already in the remembered set.
    let mut head = NIL;
    let mut last_pair: Option<Value> = None;
    for &l in init {
        if proper_length(l).is_none() {
            not_a_list("append", l);
        }
        let mut x = l;
        while x != NIL {
            let p = cons(car(x), NIL);
            match last_pair {
                Some(q) => set_cdr(q, p),
                None => head = p,
            }
            last_pair = Some(p);
            x = cdr(x);
        }
    }
    match last_pair {
        Some(q) => set_cdr(q, last),
        None => return last,
    }
    head
}

#[no_mangle]
pub extern "C" fn closc_prim_append(argc: u64, argv: *const Value) -> Value {
    append(args("append", argc, argv, AtLeast(0)))
}

#[no_mangle]
pub extern "C" fn closc_prim_reverse(l: Value) -> Value {
    if proper_length(l).is_none() {
        not_a_list("reverse", l);
    }
    let (mut acc, mut x) = (NIL, l);
    while x != NIL {
        acc = cons(car(x), acc);
        x = cdr(x);
    }
    acc
}

/// The list after dropping `k` pairs, for `list-tail` and `list-ref`.
fn drop_pairs(proc: &str, l: Value, k: Value) -> Value {
    let n = fx_arg(proc, k);
    if n < 0 {
        index_error(proc, k);
    }
    let mut x = l;
    for _ in 0..n {
        if !is_pair(x) {
            index_error(proc, k);
        }
        x = cdr(x);
    }
    x
}

#[no_mangle]
pub extern "C" fn closc_prim_list_tail(l: Value, k: Value) -> Value {
    drop_pairs("list-tail", l, k)
}

#[no_mangle]
pub extern "C" fn closc_prim_list_ref(l: Value, k: Value) -> Value {
    let x = drop_pairs("list-ref", l, k);
    if !is_pair(x) {
        index_error("list-ref", k);
    }
    car(x)
}

#[no_mangle]
pub extern "C" fn closc_prim_memq(x: Value, l: Value) -> Value {
    find_pair("memq", l, |p| car(p) == x)
}

#[no_mangle]
pub extern "C" fn closc_prim_memv(x: Value, l: Value) -> Value {
    find_pair("memv", l, |p| eqv(car(p), x))
}

fn assoc_with(proc: &str, x: Value, l: Value, same: fn(Value, Value) -> bool) -> Value {
    let p = find_pair(proc, l, |p| {
        let entry = car(p);
        if !is_pair(entry) {
            type_error(proc, "pair", entry);
        }
        same(car(entry), x)
    });
    if p == FALSE {
        FALSE
    } else {
        car(p)
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_assq(x: Value, l: Value) -> Value {
    assoc_with("assq", x, l, |a, b| a == b)
}

#[no_mangle]
pub extern "C" fn closc_prim_assv(x: Value, l: Value) -> Value {
    assoc_with("assv", x, l, eqv)
}

#[no_mangle]
pub extern "C" fn closc_prim_null_p(a: Value) -> Value {
    boolean(a == NIL)
}

#[no_mangle]
pub extern "C" fn closc_prim_pair_p(a: Value) -> Value {
    boolean(is_pair(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_list_p(a: Value) -> Value {
    boolean(proper_length(a).is_some())
}

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
    set_car(p, x);
    crate::memory::gc::write_barrier(p, PAIR_CAR_WORD, x);
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
    use crate::memory::global::test_lock;

    fn w(v: Value) -> String {
        crate::io::printer::to_string(v, true)
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
