//! String builtins (R7RS 6.7): `string?`, `string-length`, `string-ref`,
//! `string-append`, `substring`, construction, mutation, copying with `start`/`end` ranges, conversions to and from lists
//! and vectors, the n-ary comparisons and their `-ci` variants, and case
//! conversion.
//!
//! Strings are narrow (a byte a character) or wide (UTF-32), read through
//! `StrView` (see `memory/strings.rs`), so indexing is O(1) and copies of
//! Latin-1 text move bytes. Literals are
//! immutable (`IMMUTABLE_BIT`): the mutators check for it and report
//! `PROC: not a mutable string: "..."`. Every string these procedures return
//! is newly allocated and mutable. Runtime allocation never moves objects, so
//! the argument values stay valid throughout a call.

use crate::args::{
    args, copy_destination, fx_arg, index_arg, length_arg, range_args, string_arg, vector_arg,
    Arity,
};
use crate::builtins::chars::char_arg;
use crate::builtins::lists::{list_elements, list_with_tail};
use crate::error::{index_error, type_error};
use crate::memory::heap::*;
use crate::memory::strings::{
    concat, make_filled_string, make_string_from_view, string_copy_into, string_fill,
};
use crate::memory::value::*;
use crate::unicode;
use Arity::{AtLeast, Between};

#[no_mangle]
pub extern "C" fn closc_prim_string_p(a: Value) -> Value {
    boolean(is_string(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_length(s: Value) -> Value {
    fixnum(string_len(string_arg("string-length", s)) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_string_ref(s: Value, k: Value) -> Value {
    let s = string_arg("string-ref", s);
    let i = index_arg("string-ref", k, string_len(s));
    ((string_char(s, i) as u64) << 8) | CHAR_TAG
}

#[no_mangle]
pub extern "C" fn closc_prim_string_append(argc: u64, argv: *const Value) -> Value {
    let args = args("string-append", argc, argv, AtLeast(0));
    for &s in args {
        string_arg("string-append", s);
    }
    let views: Vec<StrView> = args.iter().map(|&s| string_view(s)).collect();
    concat(&views)
}

#[no_mangle]
pub extern "C" fn closc_prim_substring(argc: u64, argv: *const Value) -> Value {
    let args = args("substring", argc, argv, Between(2, 3));
    let s = string_arg("substring", args[0]);
    let n = string_len(s) as i64;
    let start = fx_arg("substring", args[1]);
    if start < 0 || start > n {
        index_error("substring", args[1]);
    }
    let end = match args.get(2) {
        Some(&e) => {
            let end = fx_arg("substring", e);
            if end < start || end > n {
                index_error("substring", e);
            }
            end
        }
        None => n,
    };
    make_string_from_view(string_view(s).slice(start as usize, end as usize))
}

/// A string argument that may be mutated.
pub(crate) fn mutable_string_arg(proc: &str, v: Value) -> Value {
    let s = string_arg(proc, v);
    if is_immutable(s) {
        type_error(proc, "mutable string", s)
    }
    s
}

#[inline]
fn char_from(c: u32) -> Value {
    ((c as u64) << 8) | CHAR_TAG
}

/// The code points of a list or slice of character values.
fn chars_of(proc: &str, values: &[Value]) -> Vec<u32> {
    values.iter().map(|&c| char_arg(proc, c)).collect()
}

#[no_mangle]
pub extern "C" fn closc_prim_make_string(argc: u64, argv: *const Value) -> Value {
    let args = args("make-string", argc, argv, Between(1, 2));
    let n = length_arg("make-string", args[0]);
    let fill = args.get(1).map(|&c| char_arg("make-string", c));
    match fill {
        Some(c) => make_filled_string(n, c),
        None => alloc_string(n),
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_string(argc: u64, argv: *const Value) -> Value {
    let args = args("string", argc, argv, AtLeast(0));
    make_string_from_chars(&chars_of("string", args))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_set_x(s: Value, k: Value, c: Value) -> Value {
    let s = mutable_string_arg("string-set!", s);
    let i = index_arg("string-set!", k, string_len(s));
    string_set_char(s, i, char_arg("string-set!", c));
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_string_copy(argc: u64, argv: *const Value) -> Value {
    let args = args("string-copy", argc, argv, Between(1, 3));
    let s = string_arg("string-copy", args[0]);
    let (start, end) = range_args("string-copy", args, 1, string_len(s));
    make_string_from_view(string_view(s).slice(start, end))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_copy_x(argc: u64, argv: *const Value) -> Value {
    const P: &str = "string-copy!";
    let args = args(P, argc, argv, Between(3, 5));
    let to = mutable_string_arg(P, args[0]);
    let from = string_arg(P, args[2]);
    let (start, end) = range_args(P, args, 3, string_len(from));
    let at = copy_destination(P, args[1], string_len(to), end - start);
    string_copy_into(to, at, from, start, end);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_string_fill_x(argc: u64, argv: *const Value) -> Value {
    const P: &str = "string-fill!";
    let args = args(P, argc, argv, Between(2, 4));
    let s = mutable_string_arg(P, args[0]);
    let c = char_arg(P, args[1]);
    let (start, end) = range_args(P, args, 2, string_len(s));
    string_fill(s, start, end, c);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_string_to_list(argc: u64, argv: *const Value) -> Value {
    let args = args("string->list", argc, argv, Between(1, 3));
    let s = string_arg("string->list", args[0]);
    let (start, end) = range_args("string->list", args, 1, string_len(s));
    let chars: Vec<Value> = string_view(s)
        .slice(start, end)
        .iter()
        .map(char_from)
        .collect();
    list_with_tail(&chars, NIL)
}

#[no_mangle]
pub extern "C" fn closc_prim_list_to_string(l: Value) -> Value {
    let elems = list_elements("list->string", l);
    make_string_from_chars(&chars_of("list->string", &elems))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_to_vector(argc: u64, argv: *const Value) -> Value {
    let args = args("string->vector", argc, argv, Between(1, 3));
    let s = string_arg("string->vector", args[0]);
    let (start, end) = range_args("string->vector", args, 1, string_len(s));
    let chars: Vec<Value> = string_view(s)
        .slice(start, end)
        .iter()
        .map(char_from)
        .collect();
    vector_from(&chars)
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_to_string(argc: u64, argv: *const Value) -> Value {
    let args = args("vector->string", argc, argv, Between(1, 3));
    let v = vector_arg("vector->string", args[0]);
    let (start, end) = range_args("vector->string", args, 1, vector_len(v));
    let elems: Vec<Value> = (start..end).map(|i| field(v, 1 + i)).collect();
    make_string_from_chars(&chars_of("vector->string", &elems))
}

/// An n-ary string comparison: every argument must be a string; `ok` must
/// hold between the keys of each adjacent pair (the characters, or for the
/// `-ci` variants the full case folding).
fn compare(
    proc: &str,
    argc: u64,
    argv: *const Value,
    fold: bool,
    ok: fn(std::cmp::Ordering) -> bool,
) -> Value {
    let args = args(proc, argc, argv, AtLeast(1));
    for &s in args {
        string_arg(proc, s);
    }
    let ordered = if fold {
        let keys: Vec<Vec<u32>> = args
            .iter()
            .map(|&s| unicode::string_foldcase(&string_view(s).to_u32()))
            .collect();
        keys.windows(2).all(|w| ok(w[0].cmp(&w[1])))
    } else {
        args.windows(2)
            .all(|w| ok(string_view(w[0]).cmp_chars(string_view(w[1]))))
    };
    boolean(ordered)
}

macro_rules! string_comparisons {
    ($($name:literal $f:ident $fold:literal ($pat:pat);)*) => {$(
        #[no_mangle]
        pub extern "C" fn $f(argc: u64, argv: *const Value) -> Value {
            use std::cmp::Ordering::*;
            compare($name, argc, argv, $fold, |o| matches!(o, $pat))
        }
    )*};
}

string_comparisons! {
    "string=?" closc_prim_string_eq_p false (Equal);
    "string<?" closc_prim_string_lt_p false (Less);
    "string>?" closc_prim_string_gt_p false (Greater);
    "string<=?" closc_prim_string_lt_eq_p false (Less | Equal);
    "string>=?" closc_prim_string_gt_eq_p false (Greater | Equal);
    "string-ci=?" closc_prim_string_ci_eq_p true (Equal);
    "string-ci<?" closc_prim_string_ci_lt_p true (Less);
    "string-ci>?" closc_prim_string_ci_gt_p true (Greater);
    "string-ci<=?" closc_prim_string_ci_lt_eq_p true (Less | Equal);
    "string-ci>=?" closc_prim_string_ci_gt_eq_p true (Greater | Equal);
}

#[no_mangle]
pub extern "C" fn closc_prim_string_upcase(s: Value) -> Value {
    let s = string_arg("string-upcase", s);
    make_string_from_chars(&unicode::string_upcase(&string_view(s).to_u32()))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_downcase(s: Value) -> Value {
    let s = string_arg("string-downcase", s);
    make_string_from_chars(&unicode::string_downcase(&string_view(s).to_u32()))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_foldcase(s: Value) -> Value {
    let s = string_arg("string-foldcase", s);
    make_string_from_chars(&unicode::string_foldcase(&string_view(s).to_u32()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;

    fn call(f: extern "C" fn(u64, *const Value) -> Value, args: &[Value]) -> Value {
        f(args.len() as u64, args.as_ptr())
    }
    fn s(text: &str) -> Value {
        make_string_from(text)
    }

    #[test]
    fn copies_and_ranges() {
        let _g = test_lock();
        let r = call(closc_prim_string_copy, &[s("hello"), fixnum(1), fixnum(3)]);
        assert_eq!(string_to_rust(r), "el");
        let to = s("abcdef");
        call(
            closc_prim_string_copy_x,
            &[to, fixnum(1), to, fixnum(0), fixnum(4)],
        );
        assert_eq!(string_to_rust(to), "aabcdf");
        call(closc_prim_string_fill_x, &[to, char_value('λ'), fixnum(4)]);
        assert_eq!(string_to_rust(to), "aabcλλ");
        let m = call(closc_prim_make_string, &[fixnum(2), char_value('😀')]);
        closc_prim_string_set_x(m, fixnum(0), char_value('日'));
        assert_eq!(string_to_rust(m), "日😀");
    }

    #[test]
    fn comparisons_and_case() {
        let _g = test_lock();
        let t = |f, xs: &[&str]| call(f, &xs.iter().map(|x| s(x)).collect::<Vec<_>>());
        assert_eq!(t(closc_prim_string_lt_p, &["abc", "abd", "b"]), TRUE);
        assert_eq!(t(closc_prim_string_lt_p, &["abc", "ab"]), FALSE);
        assert_eq!(t(closc_prim_string_lt_eq_p, &["ab", "ab", "abc"]), TRUE);
        assert_eq!(t(closc_prim_string_ci_eq_p, &["Straße", "STRASSE"]), TRUE);
        assert_eq!(t(closc_prim_string_ci_eq_p, &["ΧΑΟΣ", "χαος"]), TRUE);
        let up = closc_prim_string_upcase(s("straße"));
        assert_eq!(string_to_rust(up), "STRASSE");
        let down = closc_prim_string_downcase(s("AΣ ΧΑΟΣ"));
        assert_eq!(string_to_rust(down), "aς χαος");
        let fold = closc_prim_string_foldcase(s("Straße ΣΑΣ"));
        assert_eq!(string_to_rust(fold), "strasse σασ");
    }
}
