//! Bitwise operations on exact integers (SRFI 151's core) and fixnum
//! operations (SRFI 143's core): the builtins of `(closc bitwise)`.
//!
//! In: exact integers of any size (SRFI 151: two's complement semantics,
//! negative numbers having infinitely many leading ones) or fixnums (SRFI
//! 143: 63-bit two's complement; a result out of range is an error). Out:
//! normalised integers. Codegen compiles the common cases inline on fixnums
//! (`Inline::Bitwise`, `Inline::Fixnum`); the `closc_num_bit*` functions are
//! the direct-call slow paths of the `Inline::Bitwise` ones (bignums), and
//! the entries below report the errors of the `Inline::Fixnum` ones. The
//! rest of both SRFIs is Scheme (`lib/srfi/151.scm`, `143.scm`).

use crate::args::{args, Arity};
use crate::error::{fatal, type_error};
use crate::memory::value::*;
use crate::numbers::{self, Num};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

/// An exact integer argument, or an error naming `proc`.
fn int_arg(proc: &str, v: Value) -> BigInt {
    if is_fixnum(v) {
        return BigInt::from(fixnum_value(v));
    }
    match numbers::get(v) {
        Some(Num::Big(b)) => b,
        _ => not_an_exact_integer(proc, v),
    }
}

fn not_an_exact_integer(proc: &str, v: Value) -> ! {
    crate::error::raise_kind(
        crate::error::COND_ERROR,
        &format!("{proc}: not an exact integer"),
        &[v],
    )
}

fn int_value(n: BigInt) -> Value {
    numbers::make_integer(&n)
}

/// `a OP b` on exact integers, without allocating when both are fixnums.
fn binary(
    proc: &str,
    a: Value,
    b: Value,
    fx: fn(i64, i64) -> i64,
    big: fn(&BigInt, &BigInt) -> BigInt,
) -> Value {
    if is_fixnum(a) && is_fixnum(b) {
        return fixnum(fx(fixnum_value(a), fixnum_value(b)));
    }
    int_value(big(&int_arg(proc, a), &int_arg(proc, b)))
}

fn and2(a: Value, b: Value) -> Value {
    binary("bitwise-and", a, b, |x, y| x & y, |x, y| x & y)
}
fn ior2(a: Value, b: Value) -> Value {
    binary("bitwise-ior", a, b, |x, y| x | y, |x, y| x | y)
}
fn xor2(a: Value, b: Value) -> Value {
    binary("bitwise-xor", a, b, |x, y| x ^ y, |x, y| x ^ y)
}

/// A variadic bitwise operation: its identity, then each argument in turn.
fn fold(
    proc: &str,
    argc: u64,
    argv: *const Value,
    identity: i64,
    op: fn(Value, Value) -> Value,
) -> Value {
    let a = args(proc, argc, argv, Arity::AtLeast(0));
    let mut acc = fixnum(identity);
    for &x in a {
        if !is_fixnum(x) {
            int_arg(proc, x);
        }
        acc = op(acc, x);
    }
    acc
}

#[no_mangle]
pub extern "C" fn closc_prim_bitwise_and(argc: u64, argv: *const Value) -> Value {
    fold("bitwise-and", argc, argv, -1, and2)
}

#[no_mangle]
pub extern "C" fn closc_prim_bitwise_ior(argc: u64, argv: *const Value) -> Value {
    fold("bitwise-ior", argc, argv, 0, ior2)
}

#[no_mangle]
pub extern "C" fn closc_prim_bitwise_xor(argc: u64, argv: *const Value) -> Value {
    fold("bitwise-xor", argc, argv, 0, xor2)
}

#[no_mangle]
pub extern "C" fn closc_prim_bitwise_not(a: Value) -> Value {
    if is_fixnum(a) {
        return fixnum(!fixnum_value(a));
    }
    int_value(-int_arg("bitwise-not", a) - 1)
}

/// `i * 2^count` rounded toward negative infinity (a right shift for a
/// negative count).
fn shift(proc: &str, i: Value, count: Value) -> Value {
    if !is_fixnum(count) {
        // Only a shift of 0, or a right shift of any size, is representable.
        let c = int_arg(proc, count);
        let n = int_arg(proc, i);
        if n.is_zero() {
            return fixnum(0);
        }
        if c.is_negative() {
            return fixnum(if n.is_negative() { -1 } else { 0 });
        }
        fatal(&format!("{proc}: shift count too large: {c}"));
    }
    let c = fixnum_value(count);
    if is_fixnum(i) {
        let x = fixnum_value(i);
        if c <= 0 {
            return fixnum(x >> (-c).min(63));
        }
        if c < 63 && fits_fixnum((x as i128) << c) {
            return fixnum(x << c);
        }
    }
    let n = int_arg(proc, i);
    if c >= 0 {
        if c > (1 << 32) && !n.is_zero() {
            fatal(&format!("{proc}: shift count too large: {c}"));
        }
        int_value(n << c as usize)
    } else {
        let s = (-(c as i128)).min(u32::MAX as i128) as usize;
        int_value(n >> s)
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_arithmetic_shift(i: Value, count: Value) -> Value {
    shift("arithmetic-shift", i, count)
}

/// Ones of `n` when non-negative, zeros of a negative `n`.
fn bit_count(n: &BigInt) -> u64 {
    if n.is_negative() {
        (-n - 1u32).magnitude().count_ones()
    } else {
        n.magnitude().count_ones()
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_bit_count(i: Value) -> Value {
    if is_fixnum(i) {
        let x = fixnum_value(i);
        let ones = if x < 0 {
            (!x).count_ones()
        } else {
            x.count_ones()
        };
        return fixnum(ones as i64);
    }
    fixnum(bit_count(&int_arg("bit-count", i)) as i64)
}

/// Bits needed to write `n` in two's complement, without the sign bit.
fn integer_length(n: &BigInt) -> u64 {
    if n.is_negative() {
        (-n - 1u32).bits()
    } else {
        n.bits()
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_integer_length(i: Value) -> Value {
    if is_fixnum(i) {
        let x = fixnum_value(i);
        let m = if x < 0 { !x } else { x };
        return fixnum(64 - m.leading_zeros() as i64);
    }
    fixnum(integer_length(&int_arg("integer-length", i)) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_first_set_bit(i: Value) -> Value {
    if is_fixnum(i) {
        let x = fixnum_value(i);
        return fixnum(if x == 0 {
            -1
        } else {
            x.trailing_zeros() as i64
        });
    }
    let n = int_arg("first-set-bit", i);
    fixnum(n.trailing_zeros().map_or(-1, |z| z as i64))
}

fn index_arg(proc: &str, v: Value) -> u64 {
    if is_fixnum(v) && fixnum_value(v) >= 0 {
        return fixnum_value(v) as u64;
    }
    match numbers::get(v) {
        Some(Num::Big(b)) if !b.is_negative() => u64::MAX,
        _ => type_error(proc, "bit index", v),
    }
}

/// `(bit-set? index i)`.
#[no_mangle]
pub extern "C" fn closc_prim_bit_set_p(index: Value, i: Value) -> Value {
    const P: &str = "bit-set?";
    let k = index_arg(P, index);
    if is_fixnum(i) {
        let x = fixnum_value(i);
        return boolean(x >> k.min(63) & 1 == 1);
    }
    let n = int_arg(P, i);
    let k = k.min(integer_length(&n) + 1);
    boolean(n.bit(k))
}

// Direct-call slow paths of the inline code (`codegen::bitwise`):
// (a, b, keep), see `gc::direct_call`.

#[no_mangle]
pub extern "C" fn closc_num_bitwise_and(a: Value, b: Value, keep: u64) -> Value {
    crate::memory::gc::direct_call(keep, || and2(a, b))
}

#[no_mangle]
pub extern "C" fn closc_num_bitwise_ior(a: Value, b: Value, keep: u64) -> Value {
    crate::memory::gc::direct_call(keep, || ior2(a, b))
}

#[no_mangle]
pub extern "C" fn closc_num_bitwise_xor(a: Value, b: Value, keep: u64) -> Value {
    crate::memory::gc::direct_call(keep, || xor2(a, b))
}

#[no_mangle]
pub extern "C" fn closc_num_bitwise_not(a: Value, _unused: Value, keep: u64) -> Value {
    crate::memory::gc::direct_call(keep, || closc_prim_bitwise_not(a))
}

#[no_mangle]
pub extern "C" fn closc_num_arithmetic_shift(a: Value, b: Value, keep: u64) -> Value {
    crate::memory::gc::direct_call(keep, || shift("arithmetic-shift", a, b))
}

// ---- SRFI 143: fixnums. ----

fn fx(proc: &str, v: Value) -> i64 {
    if !is_fixnum(v) {
        type_error(proc, "fixnum", v);
    }
    fixnum_value(v)
}

/// A fixnum result, or an error naming `proc` when it is out of range.
fn fx_result(proc: &str, n: i128) -> Value {
    if !fits_fixnum(n) {
        fatal(&format!("{proc}: result is not a fixnum: {n}"));
    }
    fixnum(n as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_fixnum_p(v: Value) -> Value {
    boolean(is_fixnum(v))
}

macro_rules! fx_binary {
    ($f:ident, $name:literal, |$a:ident, $b:ident| $e:expr) => {
        #[no_mangle]
        pub extern "C" fn $f(x: Value, y: Value) -> Value {
            let ($a, $b) = (fx($name, x) as i128, fx($name, y) as i128);
            fx_result($name, $e)
        }
    };
}

fx_binary!(closc_prim_fx_plus, "fx+", |a, b| a + b);
fx_binary!(closc_prim_fx_, "fx-", |a, b| a - b);
fx_binary!(closc_prim_fx_star, "fx*", |a, b| a * b);

fn fx_divisor(proc: &str, y: Value) -> i128 {
    let d = fx(proc, y) as i128;
    if d == 0 {
        fatal(&format!("{proc}: division by zero"));
    }
    d
}

#[no_mangle]
pub extern "C" fn closc_prim_fxquotient(x: Value, y: Value) -> Value {
    let a = fx("fxquotient", x) as i128;
    fx_result("fxquotient", a / fx_divisor("fxquotient", y))
}

#[no_mangle]
pub extern "C" fn closc_prim_fxremainder(x: Value, y: Value) -> Value {
    let a = fx("fxremainder", x) as i128;
    fx_result("fxremainder", a % fx_divisor("fxremainder", y))
}

#[no_mangle]
pub extern "C" fn closc_prim_fxneg(x: Value) -> Value {
    fx_result("fxneg", -(fx("fxneg", x) as i128))
}

#[no_mangle]
pub extern "C" fn closc_prim_fxabs(x: Value) -> Value {
    fx_result("fxabs", (fx("fxabs", x) as i128).abs())
}

#[no_mangle]
pub extern "C" fn closc_prim_fxsquare(x: Value) -> Value {
    let a = fx("fxsquare", x) as i128;
    fx_result("fxsquare", a * a)
}

#[no_mangle]
pub extern "C" fn closc_prim_fxnot(x: Value) -> Value {
    fixnum(!fx("fxnot", x))
}

fn fx_fold(
    proc: &str,
    argc: u64,
    argv: *const Value,
    identity: i64,
    op: fn(i64, i64) -> i64,
) -> Value {
    let a = args(proc, argc, argv, Arity::AtLeast(0));
    fixnum(a.iter().fold(identity, |acc, &v| op(acc, fx(proc, v))))
}

#[no_mangle]
pub extern "C" fn closc_prim_fxand(argc: u64, argv: *const Value) -> Value {
    fx_fold("fxand", argc, argv, -1, |a, b| a & b)
}

#[no_mangle]
pub extern "C" fn closc_prim_fxior(argc: u64, argv: *const Value) -> Value {
    fx_fold("fxior", argc, argv, 0, |a, b| a | b)
}

#[no_mangle]
pub extern "C" fn closc_prim_fxxor(argc: u64, argv: *const Value) -> Value {
    fx_fold("fxxor", argc, argv, 0, |a, b| a ^ b)
}

/// A shift count for a fixnum shift: `|count| < 63` (fx-width), as SRFI 143
/// requires.
fn fx_count(proc: &str, v: Value, min: i64) -> i64 {
    let c = fx(proc, v);
    if c < min || c >= 63 || c <= -63 {
        fatal(&format!("{proc}: shift count out of range: {c}"));
    }
    c
}

fn fx_shift(proc: &str, x: Value, c: i64) -> Value {
    let a = fx(proc, x) as i128;
    if c >= 0 {
        fx_result(proc, a << c)
    } else {
        fixnum((a >> -c) as i64)
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_fxarithmetic_shift(x: Value, count: Value) -> Value {
    const P: &str = "fxarithmetic-shift";
    fx_shift(P, x, fx_count(P, count, -62))
}

#[no_mangle]
pub extern "C" fn closc_prim_fxarithmetic_shift_left(x: Value, count: Value) -> Value {
    const P: &str = "fxarithmetic-shift-left";
    fx_shift(P, x, fx_count(P, count, 0))
}

#[no_mangle]
pub extern "C" fn closc_prim_fxarithmetic_shift_right(x: Value, count: Value) -> Value {
    const P: &str = "fxarithmetic-shift-right";
    fx_shift(P, x, -fx_count(P, count, 0))
}

fn fx_chain(proc: &str, argc: u64, argv: *const Value, ok: fn(i64, i64) -> bool) -> Value {
    let a = args(proc, argc, argv, Arity::AtLeast(1));
    let xs: Vec<i64> = a.iter().map(|&v| fx(proc, v)).collect();
    boolean(xs.windows(2).all(|w| ok(w[0], w[1])))
}

#[no_mangle]
pub extern "C" fn closc_prim_fx_eq_p(argc: u64, argv: *const Value) -> Value {
    fx_chain("fx=?", argc, argv, |a, b| a == b)
}

#[no_mangle]
pub extern "C" fn closc_prim_fx_lt_p(argc: u64, argv: *const Value) -> Value {
    fx_chain("fx<?", argc, argv, |a, b| a < b)
}

#[no_mangle]
pub extern "C" fn closc_prim_fx_gt_p(argc: u64, argv: *const Value) -> Value {
    fx_chain("fx>?", argc, argv, |a, b| a > b)
}

#[no_mangle]
pub extern "C" fn closc_prim_fx_lt_eq_p(argc: u64, argv: *const Value) -> Value {
    fx_chain("fx<=?", argc, argv, |a, b| a <= b)
}

#[no_mangle]
pub extern "C" fn closc_prim_fx_gt_eq_p(argc: u64, argv: *const Value) -> Value {
    fx_chain("fx>=?", argc, argv, |a, b| a >= b)
}

#[no_mangle]
pub extern "C" fn closc_prim_fxmax(argc: u64, argv: *const Value) -> Value {
    let a = args("fxmax", argc, argv, Arity::AtLeast(1));
    fixnum(a.iter().map(|&v| fx("fxmax", v)).max().unwrap_or(0))
}

#[no_mangle]
pub extern "C" fn closc_prim_fxmin(argc: u64, argv: *const Value) -> Value {
    let a = args("fxmin", argc, argv, Arity::AtLeast(1));
    fixnum(a.iter().map(|&v| fx("fxmin", v)).min().unwrap_or(0))
}

macro_rules! fx_test {
    ($f:ident, $name:literal, |$a:ident| $e:expr) => {
        #[no_mangle]
        pub extern "C" fn $f(x: Value) -> Value {
            let $a = fx($name, x);
            boolean($e)
        }
    };
}

fx_test!(closc_prim_fxzero_p, "fxzero?", |a| a == 0);
fx_test!(closc_prim_fxpositive_p, "fxpositive?", |a| a > 0);
fx_test!(closc_prim_fxnegative_p, "fxnegative?", |a| a < 0);
fx_test!(closc_prim_fxodd_p, "fxodd?", |a| a & 1 == 1);
fx_test!(closc_prim_fxeven_p, "fxeven?", |a| a & 1 == 0);

#[no_mangle]
pub extern "C" fn closc_prim_fxbit_count(x: Value) -> Value {
    let a = fx("fxbit-count", x);
    fixnum(if a < 0 {
        (!a).count_ones()
    } else {
        a.count_ones()
    } as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_fxlength(x: Value) -> Value {
    let a = fx("fxlength", x);
    fixnum(64 - (if a < 0 { !a } else { a }).leading_zeros() as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_fxfirst_set_bit(x: Value) -> Value {
    let a = fx("fxfirst-set-bit", x);
    fixnum(if a == 0 {
        -1
    } else {
        a.trailing_zeros() as i64
    })
}

/// Checks `v` (a bit index of a fixnum: 0 <= v < 63) for `proc`.
fn fx_index(proc: &str, v: Value) -> u32 {
    let k = fx(proc, v);
    if !(0..63).contains(&k) {
        fatal(&format!("{proc}: bit index out of range: {k}"));
    }
    k as u32
}

#[no_mangle]
pub extern "C" fn closc_prim_fxbit_set_p(index: Value, x: Value) -> Value {
    let k = fx_index("fxbit-set?", index);
    boolean(fx("fxbit-set?", x) >> k & 1 == 1)
}

#[no_mangle]
pub extern "C" fn closc_prim_fxcopy_bit(index: Value, x: Value, bit: Value) -> Value {
    const P: &str = "fxcopy-bit";
    let k = fx_index(P, index);
    let a = fx(P, x);
    let on = match bit {
        TRUE => true,
        FALSE => false,
        _ if is_fixnum(bit) && (fixnum_value(bit) == 0 || fixnum_value(bit) == 1) => {
            fixnum_value(bit) == 1
        }
        _ => type_error(P, "boolean", bit),
    };
    let r = if on { a | (1 << k) } else { a & !(1 << k) };
    fx_result(P, (r << 1 >> 1) as i128)
}

#[no_mangle]
pub extern "C" fn closc_prim_fxif(argc: u64, argv: *const Value) -> Value {
    let a = args("fxif", argc, argv, Arity::Between(3, 3));
    let (m, i, j) = (fx("fxif", a[0]), fx("fxif", a[1]), fx("fxif", a[2]));
    fixnum((m & i) | (!m & j))
}

/// `(fxbit-field i start end)`: bits `start` (inclusive) to `end`
/// (exclusive) of `i`, shifted down.
#[no_mangle]
pub extern "C" fn closc_prim_fxbit_field(x: Value, start: Value, end: Value) -> Value {
    const P: &str = "fxbit-field";
    let a = fx(P, x);
    let (s, e) = fx_range(P, start, end);
    let mask = (1i128 << (e - s)) - 1;
    fixnum((((a as i128) >> s) & mask) as i64)
}

/// `start` and `end` bit positions with `0 <= start <= end <= 63`.
fn fx_range(proc: &str, start: Value, end: Value) -> (u32, u32) {
    let (s, e) = (fx(proc, start), fx(proc, end));
    if !(0 <= s && s <= e && e <= 63) {
        fatal(&format!("{proc}: bit range out of range: {s} {e}"));
    }
    (s as u32, e as u32)
}
