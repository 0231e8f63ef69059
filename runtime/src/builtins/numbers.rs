//! The numeric builtins (`+`, `<`, `quotient`, `sqrt`, `number->string`, ...).
//!
//! In: tagged arguments from compiled code (inline fast paths in
//! `src/codegen/builtins.rs` handle fixnums and flonums themselves and call
//! these on every other case). Out: tagged results, built by `numbers::make`.
//! Every argument is checked; an error names the procedure.
//!
//! `closc_num_*` entries are the binary slow paths of the inline arithmetic:
//! they take exactly two arguments and are called directly, not through a
//! trampoline (see `crate::numbers` and ARCHITECTURE.md).

use crate::args::{args, fx_arg, string_arg, Arity::*};
use crate::error::{fatal, type_error};
use crate::memory::heap::{make_string_from, string_view};
use crate::memory::value::*;
use crate::numbers::{self, arg, make, real_arg, Division, Num, Op, Rounding};
use std::cmp::Ordering;

fn fold(proc: &str, op: Op, identity: i64, argc: u64, argv: *const Value) -> Value {
    let args = args(proc, argc, argv, AtLeast(0));
    fold_from(proc, op, Num::Fix(identity), args)
}

/// `acc op args[0] op args[1] ...`, in fixnum arithmetic while it suffices.
fn fold_from(proc: &str, op: Op, acc: Num, args: &[Value]) -> Value {
    let mut acc = acc;
    let mut rest = args;
    if let Num::Fix(mut n) = acc {
        while let Some((&a, tail)) = rest.split_first() {
            let next = match op {
                Op::Add if is_fixnum(a) => n.checked_add(fixnum_value(a)),
                Op::Sub if is_fixnum(a) => n.checked_sub(fixnum_value(a)),
                Op::Mul if is_fixnum(a) => n.checked_mul(fixnum_value(a)),
                _ => None,
            };
            match next {
                Some(m) if fits_fixnum(m as i128) => n = m,
                _ => break,
            }
            rest = tail;
        }
        if rest.is_empty() {
            return fixnum(n);
        }
        acc = Num::Fix(n);
    }
    for &a in rest {
        acc = numbers::arith(op, &acc, &arg(proc, a));
    }
    make(acc)
}

/// `-` and `/`: one argument negates/inverts, more subtract/divide the rest
/// from the first.
fn fold_inverse(proc: &str, op: Op, identity: i64, argc: u64, argv: *const Value) -> Value {
    let args = args(proc, argc, argv, AtLeast(1));
    let first = arg(proc, args[0]);
    if args.len() == 1 {
        return make(numbers::arith(op, &Num::Fix(identity), &first));
    }
    fold_from(proc, op, first, &args[1..])
}

#[no_mangle]
pub extern "C" fn closc_prim_add(argc: u64, argv: *const Value) -> Value {
    fold("+", Op::Add, 0, argc, argv)
}

#[no_mangle]
pub extern "C" fn closc_prim_mul(argc: u64, argv: *const Value) -> Value {
    fold("*", Op::Mul, 1, argc, argv)
}

#[no_mangle]
pub extern "C" fn closc_prim_sub(argc: u64, argv: *const Value) -> Value {
    fold_inverse("-", Op::Sub, 0, argc, argv)
}

#[no_mangle]
pub extern "C" fn closc_prim_div(argc: u64, argv: *const Value) -> Value {
    fold_inverse("/", Op::Div, 1, argc, argv)
}

/// A numeric comparison chain; every argument must be a number even when
/// the result is already known.
fn compare(proc: &str, argc: u64, argv: *const Value, ok: fn(Ordering) -> bool) -> Value {
    let args = args(proc, argc, argv, AtLeast(1));
    if args.iter().all(|&a| is_fixnum(a)) {
        let holds = args
            .windows(2)
            .all(|w| ok((w[0] as i64).cmp(&(w[1] as i64))));
        return boolean(holds);
    }
    // The order predicates take reals (`=` is `closc_prim_num_eq`).
    let mut result = true;
    let mut prev = real_arg(proc, args[0]);
    for &a in &args[1..] {
        let n = real_arg(proc, a);
        result &= numbers::compare(&prev, &n).is_some_and(ok);
        prev = n;
    }
    boolean(result)
}

#[no_mangle]
pub extern "C" fn closc_prim_num_eq(argc: u64, argv: *const Value) -> Value {
    let args = args("=", argc, argv, AtLeast(1));
    if args.iter().all(|&a| is_fixnum(a)) {
        return boolean(args.windows(2).all(|w| w[0] == w[1]));
    }
    let nums: Vec<Num> = args.iter().map(|&a| arg("=", a)).collect();
    boolean(nums.windows(2).all(|w| numbers::num_eq(&w[0], &w[1])))
}

#[no_mangle]
pub extern "C" fn closc_prim_lt(argc: u64, argv: *const Value) -> Value {
    compare("<", argc, argv, Ordering::is_lt)
}

#[no_mangle]
pub extern "C" fn closc_prim_gt(argc: u64, argv: *const Value) -> Value {
    compare(">", argc, argv, Ordering::is_gt)
}

#[no_mangle]
pub extern "C" fn closc_prim_le(argc: u64, argv: *const Value) -> Value {
    compare("<=", argc, argv, Ordering::is_le)
}

#[no_mangle]
pub extern "C" fn closc_prim_ge(argc: u64, argv: *const Value) -> Value {
    compare(">=", argc, argv, Ordering::is_ge)
}

// Binary slow paths of the inline arithmetic and comparisons. Compiled code
// calls them directly, without a stack map (see `gc::direct_call`); `keep` is
// the nursery room the caller still has reserved.

fn direct_arith(proc: &str, op: Op, a: Value, b: Value, keep: u64) -> Value {
    if let Some((x, y)) = flonum_operands(a, b) {
        let r = match op {
            Op::Add => x + y,
            Op::Sub => x - y,
            Op::Mul => x * y,
            Op::Div => x / y,
        };
        return crate::memory::gc::direct_call(keep, || numbers::make_flonum(r));
    }
    let n = numbers::arith(op, &arg(proc, a), &arg(proc, b));
    crate::memory::gc::direct_call(keep, || make(n))
}

/// The operands of `+ - * /` when the operation is one on flonums, as
/// `f64`s: two flonums, or a flonum and a fixnum other than 0 (the generic
/// code converts such a fixnum the same way, and treats an exact 0 as an
/// exact identity: `numbers::arith`). The slow paths of the inline
/// arithmetic take these without building `Num`s: mixed and unhinted
/// flonum arithmetic lands here.
fn flonum_operands(a: Value, b: Value) -> Option<(f64, f64)> {
    flonum_pair(a, b, |i| i != 0)
}

/// The operands of a comparison that is one on flonums: as above, with any
/// fixnum that converts exactly (see `EXACT_IN_F64`).
fn flonum_comparands(a: Value, b: Value) -> Option<(f64, f64)> {
    flonum_pair(a, b, |i| i.unsigned_abs() <= EXACT_IN_F64)
}

/// `a` and `b` as `f64`s when one is a flonum and the other a flonum or a
/// fixnum that `fixnum_ok` accepts.
fn flonum_pair(a: Value, b: Value, fixnum_ok: fn(i64) -> bool) -> Option<(f64, f64)> {
    let fixnum = |v: Value| {
        let i = fixnum_value(v);
        (is_fixnum(v) && fixnum_ok(i)).then_some(i as f64)
    };
    match (numbers::is_flonum(a), numbers::is_flonum(b)) {
        (true, true) => Some((numbers::flonum_value(a), numbers::flonum_value(b))),
        (true, false) => Some((numbers::flonum_value(a), fixnum(b)?)),
        (false, true) => Some((fixnum(a)?, numbers::flonum_value(b))),
        (false, false) => None,
    }
}

/// Fixnums up to this magnitude convert to `f64` exactly, so comparing one
/// with a flonum as `f64`s is exact.
const EXACT_IN_F64: u64 = 1 << 53;

#[no_mangle]
pub extern "C" fn closc_num_add(a: Value, b: Value, keep: u64) -> Value {
    direct_arith("+", Op::Add, a, b, keep)
}

#[no_mangle]
pub extern "C" fn closc_num_sub(a: Value, b: Value, keep: u64) -> Value {
    direct_arith("-", Op::Sub, a, b, keep)
}

#[no_mangle]
pub extern "C" fn closc_num_mul(a: Value, b: Value, keep: u64) -> Value {
    direct_arith("*", Op::Mul, a, b, keep)
}

#[no_mangle]
pub extern "C" fn closc_num_div(a: Value, b: Value, keep: u64) -> Value {
    direct_arith("/", Op::Div, a, b, keep)
}

/// Boxes the flonum with IEEE bits `bits` (the slow path of inline boxing).
#[no_mangle]
pub extern "C" fn closc_num_box_flonum(bits: u64, _unused: Value, keep: u64) -> Value {
    crate::memory::gc::direct_call(keep, || numbers::make_flonum(f64::from_bits(bits)))
}

/// Which result of an integer division a slow path returns.
enum Part {
    Quotient,
    Remainder,
}

/// The slow path of an inline integer division named `proc`.
fn direct_divide(proc: &str, kind: Division, part: Part, a: Value, b: Value, keep: u64) -> Value {
    let (q, r) = divide(proc, kind, a, b);
    let n = match part {
        Part::Quotient => q,
        Part::Remainder => r,
    };
    crate::memory::gc::direct_call(keep, || make(n))
}

#[no_mangle]
pub extern "C" fn closc_num_quotient(a: Value, b: Value, keep: u64) -> Value {
    direct_divide("quotient", Division::Truncate, Part::Quotient, a, b, keep)
}

#[no_mangle]
pub extern "C" fn closc_num_remainder(a: Value, b: Value, keep: u64) -> Value {
    direct_divide("remainder", Division::Truncate, Part::Remainder, a, b, keep)
}

#[no_mangle]
pub extern "C" fn closc_num_modulo(a: Value, b: Value, keep: u64) -> Value {
    direct_divide("modulo", Division::Floor, Part::Remainder, a, b, keep)
}

#[no_mangle]
pub extern "C" fn closc_num_floor_quotient(a: Value, b: Value, keep: u64) -> Value {
    direct_divide(
        "floor-quotient",
        Division::Floor,
        Part::Quotient,
        a,
        b,
        keep,
    )
}

#[no_mangle]
pub extern "C" fn closc_num_floor_remainder(a: Value, b: Value, keep: u64) -> Value {
    direct_divide(
        "floor-remainder",
        Division::Floor,
        Part::Remainder,
        a,
        b,
        keep,
    )
}

#[no_mangle]
pub extern "C" fn closc_num_truncate_quotient(a: Value, b: Value, keep: u64) -> Value {
    direct_divide(
        "truncate-quotient",
        Division::Truncate,
        Part::Quotient,
        a,
        b,
        keep,
    )
}

#[no_mangle]
pub extern "C" fn closc_num_truncate_remainder(a: Value, b: Value, keep: u64) -> Value {
    direct_divide(
        "truncate-remainder",
        Division::Truncate,
        Part::Remainder,
        a,
        b,
        keep,
    )
}

fn compare2(proc: &str, a: Value, b: Value, ok: fn(Ordering) -> bool) -> Value {
    if let Some((x, y)) = flonum_comparands(a, b) {
        return boolean(x.partial_cmp(&y).is_some_and(ok));
    }
    let (x, y) = (real_arg(proc, a), real_arg(proc, b));
    boolean(numbers::compare(&x, &y).is_some_and(ok))
}

#[no_mangle]
pub extern "C" fn closc_num_eq(a: Value, b: Value, _keep: u64) -> Value {
    if let Some((x, y)) = flonum_comparands(a, b) {
        return boolean(x == y);
    }
    boolean(numbers::num_eq(&arg("=", a), &arg("=", b)))
}

#[no_mangle]
pub extern "C" fn closc_num_lt(a: Value, b: Value, _keep: u64) -> Value {
    compare2("<", a, b, Ordering::is_lt)
}

#[no_mangle]
pub extern "C" fn closc_num_gt(a: Value, b: Value, _keep: u64) -> Value {
    compare2(">", a, b, Ordering::is_gt)
}

#[no_mangle]
pub extern "C" fn closc_num_le(a: Value, b: Value, _keep: u64) -> Value {
    compare2("<=", a, b, Ordering::is_le)
}

#[no_mangle]
pub extern "C" fn closc_num_ge(a: Value, b: Value, _keep: u64) -> Value {
    compare2(">=", a, b, Ordering::is_ge)
}

#[no_mangle]
pub extern "C" fn closc_num_eqv(a: Value, b: Value, _keep: u64) -> Value {
    boolean(crate::builtins::equivalence::eqv(a, b))
}

// Integer division.

fn divide(proc: &str, kind: Division, a: Value, b: Value) -> (Num, Num) {
    let (x, y) = (numbers::integer_arg(proc, a), numbers::integer_arg(proc, b));
    numbers::divide(proc, kind, &x, &y)
}

#[no_mangle]
pub extern "C" fn closc_prim_quotient(a: Value, b: Value) -> Value {
    make(divide("quotient", Division::Truncate, a, b).0)
}

#[no_mangle]
pub extern "C" fn closc_prim_remainder(a: Value, b: Value) -> Value {
    make(divide("remainder", Division::Truncate, a, b).1)
}

#[no_mangle]
pub extern "C" fn closc_prim_modulo(a: Value, b: Value) -> Value {
    make(divide("modulo", Division::Floor, a, b).1)
}

#[no_mangle]
pub extern "C" fn closc_prim_floor_quotient(a: Value, b: Value) -> Value {
    make(divide("floor-quotient", Division::Floor, a, b).0)
}

#[no_mangle]
pub extern "C" fn closc_prim_floor_remainder(a: Value, b: Value) -> Value {
    make(divide("floor-remainder", Division::Floor, a, b).1)
}

#[no_mangle]
pub extern "C" fn closc_prim_truncate_quotient(a: Value, b: Value) -> Value {
    make(divide("truncate-quotient", Division::Truncate, a, b).0)
}

#[no_mangle]
pub extern "C" fn closc_prim_truncate_remainder(a: Value, b: Value) -> Value {
    make(divide("truncate-remainder", Division::Truncate, a, b).1)
}

fn gcd_lcm(proc: &str, argc: u64, argv: *const Value, lcm: bool) -> Value {
    let args = args(proc, argc, argv, AtLeast(0));
    let mut acc = Num::Fix(if lcm { 1 } else { 0 });
    for &a in args {
        let n = numbers::integer_arg(proc, a);
        acc = if lcm {
            numbers::lcm(&acc, &n)
        } else {
            numbers::gcd(&acc, &n)
        };
    }
    make(acc)
}

#[no_mangle]
pub extern "C" fn closc_prim_gcd(argc: u64, argv: *const Value) -> Value {
    gcd_lcm("gcd", argc, argv, false)
}

#[no_mangle]
pub extern "C" fn closc_prim_lcm(argc: u64, argv: *const Value) -> Value {
    gcd_lcm("lcm", argc, argv, true)
}

// Predicates.

#[no_mangle]
pub extern "C" fn closc_prim_number_p(a: Value) -> Value {
    boolean(numbers::is_number(a))
}

/// Every number is complex.
#[no_mangle]
pub extern "C" fn closc_prim_complex_p(a: Value) -> Value {
    closc_prim_number_p(a)
}

/// Every number but a compnum (R7RS: `(real? -2.5+0.0i)` is #f).
#[no_mangle]
pub extern "C" fn closc_prim_real_p(a: Value) -> Value {
    boolean(numbers::is_number(a) && object_kind(a) != HDR_COMPNUM)
}

#[no_mangle]
pub extern "C" fn closc_prim_rational_p(a: Value) -> Value {
    boolean(match numbers::get(a) {
        Some(Num::Flo(x)) => x.is_finite(),
        Some(Num::Cpx(_)) | None => false,
        Some(_) => true,
    })
}

#[no_mangle]
pub extern "C" fn closc_prim_integer_p(a: Value) -> Value {
    boolean(numbers::get(a).is_some_and(|n| n.is_integer()))
}

#[no_mangle]
pub extern "C" fn closc_prim_exact_p(a: Value) -> Value {
    boolean(arg("exact?", a).is_exact())
}

#[no_mangle]
pub extern "C" fn closc_prim_inexact_p(a: Value) -> Value {
    boolean(!arg("inexact?", a).is_exact())
}

#[no_mangle]
pub extern "C" fn closc_prim_exact_integer_p(a: Value) -> Value {
    boolean(matches!(numbers::get(a), Some(Num::Fix(_) | Num::Big(_))))
}

/// `test` on the parts of `a` (R7RS: `nan?` and `infinite?` hold when
/// either part is NaN or infinite, `finite?` when both are finite): `all`
/// says which.
fn flonum_test(proc: &str, a: Value, test: fn(f64) -> bool, all: bool) -> Value {
    let (re, im) = numbers::parts(&arg(proc, a));
    let part = |n: Num| match n {
        Num::Flo(x) => test(x),
        _ => test(0.0),
    };
    boolean(if all {
        part(re) && part(im)
    } else {
        part(re) || part(im)
    })
}

#[no_mangle]
pub extern "C" fn closc_prim_nan_p(a: Value) -> Value {
    flonum_test("nan?", a, f64::is_nan, false)
}

#[no_mangle]
pub extern "C" fn closc_prim_infinite_p(a: Value) -> Value {
    flonum_test("infinite?", a, f64::is_infinite, false)
}

#[no_mangle]
pub extern "C" fn closc_prim_finite_p(a: Value) -> Value {
    flonum_test("finite?", a, f64::is_finite, true)
}

#[no_mangle]
pub extern "C" fn closc_prim_zero_p(a: Value) -> Value {
    if is_fixnum(a) {
        return boolean(a == fixnum(0));
    }
    boolean(arg("zero?", a).is_zero())
}

#[no_mangle]
pub extern "C" fn closc_prim_positive_p(a: Value) -> Value {
    if is_fixnum(a) {
        return boolean(fixnum_value(a) > 0);
    }
    boolean(real_arg("positive?", a).signum() > 0)
}

#[no_mangle]
pub extern "C" fn closc_prim_negative_p(a: Value) -> Value {
    if is_fixnum(a) {
        return boolean(fixnum_value(a) < 0);
    }
    boolean(real_arg("negative?", a).signum() < 0)
}

/// Whether `a` is odd. Fixnums (nearly every call) skip the numeric tower:
/// through the generic division a call took ~80 ns.
fn parity(proc: &str, a: Value) -> bool {
    if is_fixnum(a) {
        return fixnum_value(a) & 1 != 0;
    }
    let n = numbers::integer_arg(proc, a);
    let (_, r) = numbers::divide(proc, Division::Truncate, &n, &Num::Fix(2));
    !r.is_zero()
}

#[no_mangle]
pub extern "C" fn closc_prim_even_p(a: Value) -> Value {
    boolean(!parity("even?", a))
}

#[no_mangle]
pub extern "C" fn closc_prim_odd_p(a: Value) -> Value {
    boolean(parity("odd?", a))
}

// Magnitude, extrema, parts.

#[no_mangle]
pub extern "C" fn closc_prim_abs(a: Value) -> Value {
    make(numbers::magnitude(&real_arg("abs", a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_magnitude(a: Value) -> Value {
    make(numbers::magnitude(&arg("magnitude", a)))
}

fn extremum(proc: &str, argc: u64, argv: *const Value, want: Ordering) -> Value {
    let args = args(proc, argc, argv, AtLeast(1));
    let mut best = real_arg(proc, args[0]);
    let mut inexact = !best.is_exact();
    for &a in &args[1..] {
        let n = real_arg(proc, a);
        inexact |= !n.is_exact();
        match numbers::compare(&n, &best) {
            Some(o) if o == want => best = n,
            None if matches!(n, Num::Flo(x) if x.is_nan()) => best = n,
            _ => {}
        }
    }
    // Any inexact argument makes the result inexact.
    make(if inexact {
        numbers::inexact(&best)
    } else {
        best
    })
}

#[no_mangle]
pub extern "C" fn closc_prim_min(argc: u64, argv: *const Value) -> Value {
    extremum("min", argc, argv, Ordering::Less)
}

#[no_mangle]
pub extern "C" fn closc_prim_max(argc: u64, argv: *const Value) -> Value {
    extremum("max", argc, argv, Ordering::Greater)
}

fn rational_arg(proc: &str, a: Value) -> Num {
    let n = real_arg(proc, a);
    if matches!(n, Num::Flo(x) if !x.is_finite()) {
        type_error(proc, "rational number", a)
    }
    n
}

#[no_mangle]
pub extern "C" fn closc_prim_numerator(a: Value) -> Value {
    make(numbers::numerator(&rational_arg("numerator", a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_denominator(a: Value) -> Value {
    make(numbers::denominator(&rational_arg("denominator", a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_rationalize(x: Value, y: Value) -> Value {
    let (x, y) = (real_arg("rationalize", x), real_arg("rationalize", y));
    make(numbers::rationalize(&x, &y))
}

fn rounding(proc: &str, mode: Rounding, a: Value) -> Value {
    make(numbers::round(mode, &real_arg(proc, a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_floor(a: Value) -> Value {
    rounding("floor", Rounding::Floor, a)
}

#[no_mangle]
pub extern "C" fn closc_prim_ceiling(a: Value) -> Value {
    rounding("ceiling", Rounding::Ceiling, a)
}

#[no_mangle]
pub extern "C" fn closc_prim_truncate(a: Value) -> Value {
    rounding("truncate", Rounding::Truncate, a)
}

#[no_mangle]
pub extern "C" fn closc_prim_round(a: Value) -> Value {
    rounding("round", Rounding::Round, a)
}

// Exactness.

#[no_mangle]
pub extern "C" fn closc_prim_exact(a: Value) -> Value {
    make(numbers::exact("exact", arg("exact", a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_inexact(a: Value) -> Value {
    make(numbers::inexact(&arg("inexact", a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_inexact_to_exact(a: Value) -> Value {
    make(numbers::exact("inexact->exact", arg("inexact->exact", a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_exact_to_inexact(a: Value) -> Value {
    make(numbers::inexact(&arg("exact->inexact", a)))
}

// Powers, roots and transcendental functions.

#[no_mangle]
pub extern "C" fn closc_prim_square(a: Value) -> Value {
    let n = arg("square", a);
    make(numbers::arith(Op::Mul, &n, &n))
}

#[no_mangle]
pub extern "C" fn closc_prim_sqrt(a: Value) -> Value {
    make(numbers::sqrt(a))
}

/// `(s . r)` for `exact-integer-sqrt`, which the prelude returns as two values.
#[no_mangle]
pub extern "C" fn closc_prim_pct_exact_integer_sqrt(a: Value) -> Value {
    let (s, r) = numbers::exact_integer_sqrt("exact-integer-sqrt", a);
    let s = make(s);
    let r = make(r);
    crate::memory::heap::cons(s, r)
}

#[no_mangle]
pub extern "C" fn closc_prim_expt(a: Value, b: Value) -> Value {
    make(numbers::expt(&arg("expt", a), &arg("expt", b)))
}

#[no_mangle]
pub extern "C" fn closc_prim_exp(a: Value) -> Value {
    make(numbers::transcendental("exp", a))
}

#[no_mangle]
pub extern "C" fn closc_prim_log(argc: u64, argv: *const Value) -> Value {
    let args = args("log", argc, argv, Between(1, 2));
    let x = numbers::transcendental("log", args[0]);
    if args.len() == 1 {
        return make(x);
    }
    // (log z b) = (/ (log z) (log b)).
    let base = numbers::transcendental("log", args[1]);
    if base.is_zero() {
        fatal("log: division by zero");
    }
    make(numbers::arith(Op::Div, &x, &base))
}

#[no_mangle]
pub extern "C" fn closc_prim_sin(a: Value) -> Value {
    make(numbers::transcendental("sin", a))
}

#[no_mangle]
pub extern "C" fn closc_prim_cos(a: Value) -> Value {
    make(numbers::transcendental("cos", a))
}

#[no_mangle]
pub extern "C" fn closc_prim_tan(a: Value) -> Value {
    make(numbers::transcendental("tan", a))
}

#[no_mangle]
pub extern "C" fn closc_prim_asin(a: Value) -> Value {
    make(numbers::transcendental("asin", a))
}

#[no_mangle]
pub extern "C" fn closc_prim_acos(a: Value) -> Value {
    make(numbers::transcendental("acos", a))
}

#[no_mangle]
pub extern "C" fn closc_prim_atan(argc: u64, argv: *const Value) -> Value {
    let args = args("atan", argc, argv, Between(1, 2));
    if args.len() == 1 {
        return make(numbers::transcendental("atan", args[0]));
    }
    let (y, x) = (real_arg("atan", args[0]), real_arg("atan", args[1]));
    if y.is_exact() && x.is_exact() && y.is_zero() && x.signum() > 0 {
        return fixnum(0);
    }
    make(Num::Flo(y.to_f64().atan2(x.to_f64())))
}

// Conversion to and from strings.

/// The optional radix argument of `number->string` / `string->number`.
fn radix_arg(proc: &str, args: &[Value]) -> u32 {
    match args.get(1) {
        None => 10,
        Some(&r) => match fx_arg(proc, r) {
            2 => 2,
            8 => 8,
            10 => 10,
            16 => 16,
            _ => type_error(proc, "valid radix", r),
        },
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_number_to_string(argc: u64, argv: *const Value) -> Value {
    let args = args("number->string", argc, argv, Between(1, 2));
    let n = arg("number->string", args[0]);
    let radix = radix_arg("number->string", args);
    make_string_from(&numbers::format(&n, radix))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_to_number(argc: u64, argv: *const Value) -> Value {
    let args = args("string->number", argc, argv, Between(1, 2));
    let s = string_arg("string->number", args[0]);
    let radix = radix_arg("string->number", args);
    let text: Option<String> = string_view(s).iter().map(char::from_u32).collect();
    match text.and_then(|t| numbers::parse(&t, radix)) {
        Some(n) => make(n),
        None => FALSE,
    }
}

// Complex numbers (`(scheme complex)`; `magnitude` is above).

#[no_mangle]
pub extern "C" fn closc_prim_make_rectangular(a: Value, b: Value) -> Value {
    let (re, im) = (
        real_arg("make-rectangular", a),
        real_arg("make-rectangular", b),
    );
    make(numbers::make_rect(re, im))
}

#[no_mangle]
pub extern "C" fn closc_prim_make_polar(a: Value, b: Value) -> Value {
    let (r, theta) = (real_arg("make-polar", a), real_arg("make-polar", b));
    make(numbers::make_polar(&r, &theta))
}

#[no_mangle]
pub extern "C" fn closc_prim_real_part(a: Value) -> Value {
    make(numbers::parts(&arg("real-part", a)).0)
}

/// The imaginary part; exact 0 for any real, as in Chez and Guile.
#[no_mangle]
pub extern "C" fn closc_prim_imag_part(a: Value) -> Value {
    make(numbers::parts(&arg("imag-part", a)).1)
}

#[no_mangle]
pub extern "C" fn closc_prim_angle(a: Value) -> Value {
    make(numbers::angle(&arg("angle", a)))
}

/// A number constant of the program, from its canonical text (start-up only).
#[allow(clippy::not_unsafe_ptr_arg_deref)]
#[no_mangle]
pub extern "C" fn closc_rt_make_number(bytes: *const u8, len: u64) -> Value {
    // SAFETY: codegen passes a pointer to `len` bytes of UTF-8 in its data.
    let text = unsafe { std::slice::from_raw_parts(bytes, len as usize) };
    let text = std::str::from_utf8(text).unwrap_or("");
    match numbers::parse(text, 10) {
        Some(n) => make(n),
        None => crate::error::internal(&format!("bad number constant {text:?}")),
    }
}
