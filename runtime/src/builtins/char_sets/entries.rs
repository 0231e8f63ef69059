//! The builtins of `(closc char-sets)`: the SRFI 14 procedures that take no
//! procedure argument (membership, size, comparison, hashing, creation from
//! characters, strings, lists and code-point ranges, conversion to lists and
//! strings, the algebra), plus three helpers `lib/srfi/14.scm` builds the
//! rest on: `char-set-next-member` (cursors and iteration),
//! `char-set-standard` (the standard sets by number) and `char-set-replace!`
//! (the linear-update procedures).
//!
//! In: character sets (`mod.rs`), characters, strings, lists. Out: fresh
//! character sets (never one of the arguments), booleans, fixnums, lists,
//! strings. Errors name the SRFI procedure.

use super::*;
use crate::args::{args, length_arg, string_arg, Arity};
use crate::builtins::chars::char_arg;
use crate::builtins::lists::{list_elements, list_with_tail};
use crate::error::fatal;
use crate::memory::heap::{make_string_from_chars, string_view};
use Arity::{AtLeast, Between};

fn char_from(c: u32) -> Value {
    ((c as u64) << CHAR_CODE_SHIFT) | CHAR_TAG
}

/// The ranges of each argument, which must all be character sets.
fn all_ranges(proc: &str, sets: &[Value]) -> Vec<Ranges> {
    sets.iter()
        .map(|&v| ranges_vec(char_set_arg(proc, v)))
        .collect()
}

/// Code points of character values `chars`, as normal ranges.
fn ranges_of_chars(proc: &str, chars: &[Value]) -> Ranges {
    normalize(
        chars
            .iter()
            .map(|&c| char_arg(proc, c))
            .map(|c| (c, c))
            .collect(),
    )
}

/// The optional base set at `args[i]`: its ranges, or none.
fn base_arg(proc: &str, args: &[Value], i: usize) -> Ranges {
    args.get(i)
        .map_or_else(Vec::new, |&b| ranges_vec(char_set_arg(proc, b)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_p(v: Value) -> Value {
    boolean(is_char_set(v))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_contains_p(cs: Value, c: Value) -> Value {
    let cs = char_set_arg("char-set-contains?", cs);
    boolean(contains(cs, char_arg("char-set-contains?", c)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_size(cs: Value) -> Value {
    field(char_set_arg("char-set-size", cs), 2)
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_eq(argc: u64, argv: *const Value) -> Value {
    let sets = all_ranges("char-set=", args("char-set=", argc, argv, AtLeast(0)));
    boolean(sets.windows(2).all(|w| w[0] == w[1]))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_lt_eq(argc: u64, argv: *const Value) -> Value {
    let sets = all_ranges("char-set<=", args("char-set<=", argc, argv, AtLeast(0)));
    boolean(sets.windows(2).all(|w| difference(&w[0], &w[1]).is_empty()))
}

/// `(char-set-hash cs [bound])`: a hash in `[0, bound)`; a bound of 0 (the
/// default) means the largest the implementation likes (here 2^56).
#[no_mangle]
pub extern "C" fn closc_prim_char_set_hash(argc: u64, argv: *const Value) -> Value {
    let args = args("char-set-hash", argc, argv, Between(1, 2));
    let cs = char_set_arg("char-set-hash", args[0]);
    let bound = match args.get(1) {
        Some(&b) => length_arg("char-set-hash", b) as u64,
        None => 0,
    };
    let bound = if bound == 0 { 1 << 56 } else { bound };
    // FNV-1a over the range bounds: equal sets have equal ranges.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for r in ranges_of(cs) {
        for x in [r[0], r[1]] {
            h = (h ^ x as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fixnum((h % bound) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_copy(cs: Value) -> Value {
    make_char_set(&ranges_vec(char_set_arg("char-set-copy", cs)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set(argc: u64, argv: *const Value) -> Value {
    let chars = args("char-set", argc, argv, AtLeast(0));
    make_char_set(&ranges_of_chars("char-set", chars))
}

#[no_mangle]
pub extern "C" fn closc_prim_list_to_char_set(argc: u64, argv: *const Value) -> Value {
    let args = args("list->char-set", argc, argv, Between(1, 2));
    let chars = list_elements("list->char-set", args[0]);
    let r = ranges_of_chars("list->char-set", &chars);
    make_char_set(&union(&r, &base_arg("list->char-set", args, 1)))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_to_char_set(argc: u64, argv: *const Value) -> Value {
    let args = args("string->char-set", argc, argv, Between(1, 2));
    let s = string_view(string_arg("string->char-set", args[0]));
    let r = normalize(s.iter().map(|c| (c, c)).collect());
    make_char_set(&union(&r, &base_arg("string->char-set", args, 1)))
}

/// `(ucs-range->char-set lower upper [error? base])`: the code points in
/// `[lower, upper)`; those that are no character (surrogates, past
/// U+10FFFF) are an error when `error?` is true, else left out.
#[no_mangle]
pub extern "C" fn closc_prim_ucs_range_to_char_set(argc: u64, argv: *const Value) -> Value {
    const WHO: &str = "ucs-range->char-set";
    let args = args(WHO, argc, argv, Between(2, 4));
    let lower = length_arg(WHO, args[0]);
    let upper = length_arg(WHO, args[1]);
    if lower > upper {
        fatal(&format!(
            "{WHO}: lower bound {lower} is above upper bound {upper}"
        ));
    }
    let strict = args.get(2).is_some_and(|&e| is_true(e));
    if lower == upper {
        return make_char_set(&base_arg(WHO, args, 3));
    }
    let wanted = (
        lower.min(CODE_LIMIT as usize) as u32,
        (upper - 1).min(u32::MAX as usize) as u32,
    );
    let r = intersection(&[wanted], &universe());
    if strict && count(&r) != (upper - lower) as u64 {
        fatal(&format!(
            "{WHO}: the range [{lower:#x}, {upper:#x}) holds code points that are not characters"
        ));
    }
    make_char_set(&union(&r, &base_arg(WHO, args, 3)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_to_list(cs: Value) -> Value {
    let r = ranges_vec(char_set_arg("char-set->list", cs));
    let chars: Vec<Value> = r
        .iter()
        .flat_map(|&(lo, hi)| (lo..=hi).map(char_from))
        .collect();
    list_with_tail(&chars, NIL)
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_to_string(cs: Value) -> Value {
    let r = ranges_vec(char_set_arg("char-set->string", cs));
    let chars: Vec<u32> = r.iter().flat_map(|&(lo, hi)| lo..=hi).collect();
    make_string_from_chars(&chars)
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_adjoin(argc: u64, argv: *const Value) -> Value {
    let args = args("char-set-adjoin", argc, argv, AtLeast(1));
    let base = ranges_vec(char_set_arg("char-set-adjoin", args[0]));
    make_char_set(&union(
        &base,
        &ranges_of_chars("char-set-adjoin", &args[1..]),
    ))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_delete(argc: u64, argv: *const Value) -> Value {
    let args = args("char-set-delete", argc, argv, AtLeast(1));
    let base = ranges_vec(char_set_arg("char-set-delete", args[0]));
    make_char_set(&difference(
        &base,
        &ranges_of_chars("char-set-delete", &args[1..]),
    ))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_complement(cs: Value) -> Value {
    make_char_set(&complement(&ranges_vec(char_set_arg(
        "char-set-complement",
        cs,
    ))))
}

/// Folds `op` over the ranges of `sets`, starting from `init`.
fn fold_sets(proc: &str, sets: &[Value], init: Ranges, op: SetOp) -> Value {
    let all = all_ranges(proc, sets);
    make_char_set(&all.iter().fold(init, |acc, r| op(&acc, r)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_union(argc: u64, argv: *const Value) -> Value {
    let sets = args("char-set-union", argc, argv, AtLeast(0));
    fold_sets("char-set-union", sets, Vec::new(), union)
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_intersection(argc: u64, argv: *const Value) -> Value {
    let sets = args("char-set-intersection", argc, argv, AtLeast(0));
    fold_sets("char-set-intersection", sets, universe(), intersection)
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_difference(argc: u64, argv: *const Value) -> Value {
    let sets = args("char-set-difference", argc, argv, AtLeast(1));
    let first = ranges_vec(char_set_arg("char-set-difference", sets[0]));
    fold_sets("char-set-difference", &sets[1..], first, difference)
}

#[no_mangle]
pub extern "C" fn closc_prim_char_set_xor(argc: u64, argv: *const Value) -> Value {
    let sets = args("char-set-xor", argc, argv, AtLeast(0));
    fold_sets("char-set-xor", sets, Vec::new(), xor)
}

/// `(char-set-next-member cs k)`: the smallest code point at least `k` in
/// `cs`, or `#f` (cursors are code points).
#[no_mangle]
pub extern "C" fn closc_prim_char_set_next_member(cs: Value, k: Value) -> Value {
    let r = ranges_of(char_set_arg("char-set-next-member", cs));
    let k = length_arg("char-set-next-member", k).min(CODE_LIMIT as usize) as u32;
    let i = r.partition_point(|x| x[1] < k);
    match r.get(i) {
        Some(x) => fixnum(x[0].max(k) as i64),
        None => FALSE,
    }
}

/// `(char-set-standard k)`: a fresh copy of standard set `k`
/// (`STANDARD_NAMES` order).
#[no_mangle]
pub extern "C" fn closc_prim_char_set_standard(k: Value) -> Value {
    match standard(length_arg("char-set-standard", k) as i64) {
        Some(r) => make_char_set(&r),
        None => type_error("char-set-standard", "standard set number", k),
    }
}

/// `(char-set-replace! cs from)`: gives `cs` the contents of `from` (which
/// nothing mutates in place, so the two may share them) and returns `cs`.
#[no_mangle]
pub extern "C" fn closc_prim_char_set_replace_x(cs: Value, from: Value) -> Value {
    let cs = char_set_arg("char-set-replace!", cs);
    let from = char_set_arg("char-set-replace!", from);
    let bv = field(from, 1);
    set_field(cs, 1, bv);
    set_field(cs, 2, field(from, 2));
    write_barrier(cs, 1, bv);
    cs
}
