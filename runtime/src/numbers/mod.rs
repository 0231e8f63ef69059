//! The numeric tower: fixnums, bignums, exact rationals, flonums and complex
//! numbers.
//!
//! In: number values (see `value.rs`: fixnums are immediate, the others are
//! heap objects). Out: the arithmetic, comparison, conversion, parsing and
//! printing every numeric builtin is made of.
//!
//! Representations (all immutable once built):
//! - flonum: header `(HDR_FLONUM, 1)`, then the IEEE-754 bits;
//! - bignum: header `(HDR_BIGNUM, 1 + ceil(n/2))`, a word `n << 1 | negative`,
//!   then the magnitude as `n` little-endian `u32` digits, two per word;
//! - ratnum: header `(HDR_RATNUM, 2)`, numerator and denominator (exact
//!   integer values; the denominator is > 1 and coprime to the numerator);
//! - compnum: header `(HDR_COMPNUM, 2)`, real and imaginary parts (real number
//!   values, both exact or both flonums). The parts are ordinary values, so
//!   the collector scans a compnum like a ratnum and one layout serves exact
//!   complex numbers (`1/2+3i`) and inexact ones; complex numbers are rare
//!   enough that boxing an inexact one's parts costs nothing that matters.
//!
//! Invariants: every exact integer in the fixnum range is a fixnum (never a
//! bignum), every ratnum has a denominator other than 1, and every compnum
//! has an imaginary part other than exact 0 (R7RS keeps `1.0+0.0i`, whose
//! imaginary part is inexact, non-real) — so `eqv?` on exact numbers of
//! different representations is always false. Arithmetic is
//! done on `Num`, a Rust view of a value (num-bigint and num-rational for the
//! big cases), and the result is normalised back by `make`.
//!
//! Files: this module holds the representation, conversions and the
//! rational operations (arithmetic, comparison, division, rounding);
//! `transcendental` square roots, powers, `exp`/`log`/trigonometry and
//! polar form; `syntax` the written form (`format`, `parse`).

use crate::error::{fatal, type_error, written};
use crate::memory::heap::alloc;
use crate::memory::value::*;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

mod syntax;
mod transcendental;

pub use syntax::*;
pub use transcendental::*;

/// A number, unpacked from its tagged representation.
#[derive(Clone, Debug)]
pub enum Num {
    Fix(i64),
    Big(BigInt),
    Rat(BigRational),
    Flo(f64),
    /// Real and imaginary parts (never `Cpx`), made by `make_rect`.
    Cpx(Box<(Num, Num)>),
}

use Num::{Big, Cpx, Fix, Flo, Rat};

// ---------------------------------------------------------------------------
// Values <-> Num.

pub fn is_number(v: Value) -> bool {
    is_fixnum(v)
        || matches!(
            object_kind(v),
            HDR_FLONUM | HDR_BIGNUM | HDR_RATNUM | HDR_COMPNUM
        )
}

pub fn is_flonum(v: Value) -> bool {
    object_kind(v) == HDR_FLONUM
}

pub fn flonum_value(v: Value) -> f64 {
    f64::from_bits(field(v, 1))
}

/// The number `v` is, or `None` if it is not a number.
pub fn get(v: Value) -> Option<Num> {
    if is_fixnum(v) {
        return Some(Fix(fixnum_value(v)));
    }
    match object_kind(v) {
        HDR_FLONUM => Some(Flo(flonum_value(v))),
        HDR_BIGNUM => Some(Big(bignum_value(v))),
        HDR_RATNUM => Some(Rat(BigRational::new_raw(
            integer_value(field(v, 1)),
            integer_value(field(v, 2)),
        ))),
        HDR_COMPNUM => Some(Cpx(Box::new((get(field(v, 1))?, get(field(v, 2))?)))),
        _ => None,
    }
}

/// The number `v`, or an error naming `proc`.
pub fn arg(proc: &str, v: Value) -> Num {
    get(v).unwrap_or_else(|| type_error(proc, "number", v))
}

/// The real number `v`, or an error naming `proc` (`not a number` for what
/// is no number at all).
pub fn real_arg(proc: &str, v: Value) -> Num {
    match arg(proc, v) {
        Cpx(_) => type_error(proc, "real number", v),
        n => n,
    }
}

fn integer_value(v: Value) -> BigInt {
    if is_fixnum(v) {
        BigInt::from(fixnum_value(v))
    } else {
        bignum_value(v)
    }
}

fn bignum_value(v: Value) -> BigInt {
    let info = field(v, 1);
    let n = (info >> 1) as usize;
    // SAFETY: a bignum holds `n` u32 digits right after its info word.
    let digits = unsafe { std::slice::from_raw_parts(untag(v).add(2) as *const u32, n) };
    let sign = if info & 1 != 0 {
        Sign::Minus
    } else {
        Sign::Plus
    };
    BigInt::from_slice(sign, digits)
}

pub fn make_flonum(x: f64) -> Value {
    let p = alloc(2);
    // SAFETY: a fresh 2-word object.
    unsafe {
        *p = header(HDR_FLONUM, 1);
        *p.add(1) = x.to_bits();
    }
    p as u64 | TAG_OBJECT
}

/// An exact integer value: a fixnum when it fits, else a bignum.
pub fn make_integer(n: &BigInt) -> Value {
    if let Some(i) = n.to_i64() {
        if fits_fixnum(i as i128) {
            return fixnum(i);
        }
    }
    let (sign, digits) = n.to_u32_digits();
    let words = digits.len().div_ceil(2);
    let p = alloc(2 + words);
    // SAFETY: a fresh object of `2 + words` words; the digits fill its tail.
    unsafe {
        *p = header(HDR_BIGNUM, 1 + words as u64);
        *p.add(1) = ((digits.len() as u64) << 1) | u64::from(sign == Sign::Minus);
        *p.add(1 + words) = 0;
        std::ptr::copy_nonoverlapping(digits.as_ptr(), p.add(2) as *mut u32, digits.len());
    }
    p as u64 | TAG_OBJECT
}

fn make_i128(n: i128) -> Value {
    if fits_fixnum(n) {
        fixnum(n as i64)
    } else {
        make_integer(&BigInt::from(n))
    }
}

/// The value of `n`, normalised (see the module doc).
pub fn make(n: Num) -> Value {
    match n {
        Fix(i) => make_i128(i as i128),
        Big(b) => make_integer(&b),
        Flo(x) => make_flonum(x),
        Rat(r) => {
            if r.denom().is_one() {
                return make_integer(r.numer());
            }
            // Both parts are made before the ratnum, so no half-built object
            // exists while allocating (runtime allocation never moves objects).
            let numer = make_integer(r.numer());
            let denom = make_integer(r.denom());
            let p = alloc(3);
            // SAFETY: a fresh 3-word object.
            unsafe {
                *p = header(HDR_RATNUM, 2);
                *p.add(1) = numer;
                *p.add(2) = denom;
            }
            let v = p as u64 | TAG_OBJECT;
            crate::memory::gc::write_barrier(v, 1, numer);
            crate::memory::gc::write_barrier(v, 2, denom);
            v
        }
        Cpx(c) => {
            let (re, im) = *c;
            let re = make(re);
            let im = make(im);
            let p = alloc(3);
            // SAFETY: a fresh 3-word object.
            unsafe {
                *p = header(HDR_COMPNUM, 2);
                *p.add(1) = re;
                *p.add(2) = im;
            }
            let v = p as u64 | TAG_OBJECT;
            crate::memory::gc::write_barrier(v, 1, re);
            crate::memory::gc::write_barrier(v, 2, im);
            v
        }
    }
}

// ---------------------------------------------------------------------------
// Classification and conversion.

impl Num {
    pub fn is_exact(&self) -> bool {
        match self {
            Flo(_) => false,
            Cpx(c) => c.0.is_exact(),
            _ => true,
        }
    }

    pub fn is_integer(&self) -> bool {
        match self {
            Fix(_) | Big(_) => true,
            Rat(_) | Cpx(_) => false,
            Flo(x) => x.is_finite() && x.fract() == 0.0,
        }
    }

    pub fn to_f64(&self) -> f64 {
        match self {
            Fix(i) => *i as f64,
            Big(b) => b.to_f64().unwrap_or(f64::NAN),
            Rat(r) => r.to_f64().unwrap_or(f64::NAN),
            Flo(x) => *x,
            // Callers take real arguments (`real_arg`).
            Cpx(_) => f64::NAN,
        }
    }

    fn to_big(&self) -> BigInt {
        match self {
            Fix(i) => BigInt::from(*i),
            Big(b) => b.clone(),
            _ => unreachable!("to_big on a non-integer"),
        }
    }

    fn to_rat(&self) -> BigRational {
        match self {
            Fix(i) => BigRational::from_integer(BigInt::from(*i)),
            Big(b) => BigRational::from_integer(b.clone()),
            Rat(r) => r.clone(),
            Flo(x) => BigRational::from_float(*x).expect("finite flonum"),
            Cpx(_) => unreachable!("to_rat on a complex number"),
        }
    }

    pub fn is_zero(&self) -> bool {
        match self {
            Fix(i) => *i == 0,
            Big(_) | Rat(_) => false,
            Flo(x) => *x == 0.0,
            Cpx(c) => c.0.is_zero() && c.1.is_zero(),
        }
    }

    pub fn signum(&self) -> i32 {
        match self {
            Fix(i) => i.signum() as i32,
            Big(b) => b.signum().to_i32().unwrap_or(0),
            Rat(r) => r.signum().to_integer().to_i32().unwrap_or(0),
            Flo(x) if *x > 0.0 => 1,
            Flo(x) if *x < 0.0 => -1,
            Flo(_) | Cpx(_) => 0,
        }
    }
}

/// The exact number equal to `n`; an error for infinities and NaNs.
pub fn exact(proc: &str, n: Num) -> Num {
    match n {
        Flo(x) if !x.is_finite() => fatal(&format!(
            "{proc}: no exact representation for {}",
            format(&Flo(x), 10)
        )),
        Flo(x) => exact_flonum(x),
        Cpx(c) => {
            let (re, im) = *c;
            make_rect(exact(proc, re), exact(proc, im))
        }
        n => n,
    }
}

/// The exact number equal to the finite flonum `x`: its significand times
/// a power of two, read off its bits. An integer below 2^63 in magnitude is
/// a plain conversion; otherwise no division or gcd is needed, as an odd
/// significand over a power of two is already in lowest terms.
fn exact_flonum(x: f64) -> Num {
    debug_assert!(x.is_finite());
    const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;
    if x.fract() == 0.0 && x.abs() < TWO_TO_63 {
        return Fix(x as i64);
    }
    let bits = x.to_bits();
    let biased_exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (significand, exponent) = if biased_exponent == 0 {
        (fraction, -1074) // subnormal
    } else {
        (fraction | 1 << 52, biased_exponent - 1075)
    };
    let zeros = significand.trailing_zeros();
    let (significand, exponent) = (significand >> zeros, exponent + zeros as i64);
    let mut n = BigInt::from(significand);
    if x < 0.0 {
        n = -n;
    }
    if exponent >= 0 {
        normalize_big(n << exponent as usize)
    } else {
        Rat(BigRational::new_raw(
            n,
            BigInt::one() << (-exponent) as usize,
        ))
    }
}

pub fn inexact(n: &Num) -> Num {
    match n {
        Cpx(c) => Cpx(Box::new((inexact(&c.0), inexact(&c.1)))),
        n => Flo(n.to_f64()),
    }
}

/// `re + im i` (both real), normalised: a real when `im` is exact 0, else
/// a compnum whose parts are both exact or both flonums (as in Chez,
/// `(make-rectangular 1 2.0)` is `1.0+2.0i`).
pub fn make_rect(re: Num, im: Num) -> Num {
    if matches!(im, Fix(0)) {
        return re;
    }
    if re.is_exact() && im.is_exact() {
        Cpx(Box::new((re, im)))
    } else {
        Cpx(Box::new((inexact(&re), inexact(&im))))
    }
}

/// (real part, imaginary part) of any number; a real's imaginary part is 0.
pub fn parts(n: &Num) -> (Num, Num) {
    match n {
        Cpx(c) => (c.0.clone(), c.1.clone()),
        n => (n.clone(), Fix(0)),
    }
}

fn normalize_rat(r: BigRational) -> Num {
    if r.denom().is_one() {
        normalize_big(r.to_integer())
    } else {
        Rat(r)
    }
}

fn normalize_big(b: BigInt) -> Num {
    match b.to_i64() {
        Some(i) => Fix(i),
        None => Big(b),
    }
}

// ---------------------------------------------------------------------------
// Arithmetic.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// `a op b` with the usual contagion: any flonum makes the result a flonum,
/// otherwise any ratio a ratio. Division by exact zero is an error naming `/`.
///
/// As in Chez, an exact zero is an exact identity even next to a flonum
/// (R7RS allows it): `(+ 0 -0.0)` is `-0.0`, `(- 0 x)` negates `x` (so the
/// inline `(- x)`, which computes `0 - x`, gives `-0.0` for `0.0`), and
/// `(* 0 x)` is exact `0`.
pub fn arith(op: Op, a: &Num, b: &Num) -> Num {
    let exact_zero = |n: &Num| matches!(n, Fix(0));
    match op {
        Op::Add if exact_zero(a) => return b.clone(),
        Op::Add | Op::Sub if exact_zero(b) => return a.clone(),
        Op::Sub if exact_zero(a) => {
            if let Flo(y) = b {
                return Flo(-y);
            }
        }
        Op::Mul if exact_zero(a) || exact_zero(b) => return Fix(0),
        _ => {}
    }
    if matches!(a, Cpx(_)) || matches!(b, Cpx(_)) {
        return complex_arith(op, a, b);
    }
    match (a, b) {
        (Fix(x), Fix(y)) => {
            let (x, y) = (*x as i128, *y as i128);
            match op {
                Op::Add => return fix128(x + y),
                Op::Sub => return fix128(x - y),
                Op::Mul => return fix128(x * y),
                Op::Div => {}
            }
        }
        (Flo(_), _) | (_, Flo(_)) => {
            let (x, y) = (a.to_f64(), b.to_f64());
            return Flo(match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
                Op::Div => x / y,
            });
        }
        _ => {}
    }
    if op == Op::Div && b.is_zero() {
        fatal("/: division by zero");
    }
    if let Some(r) = small_rational_arith(op, a, b) {
        return r;
    }
    if op != Op::Div && !matches!(a, Rat(_)) && !matches!(b, Rat(_)) {
        let (x, y) = (a.to_big(), b.to_big());
        return normalize_big(match op {
            Op::Add => x + y,
            Op::Sub => x - y,
            _ => x * y,
        });
    }
    let (x, y) = (a.to_rat(), b.to_rat());
    normalize_rat(match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
    })
}

/// `a op b` for exact operands whose numerators and denominators fit in an
/// `i64` (fixnums, and ratios of such parts), at least one of them a ratio
/// or the operation a division (fixnum `+ - *` have their own path): the
/// cross products are computed in `i128` and reduced by a machine gcd,
/// where the generic path reduces with a bignum gcd (`(/ n d)` in a loop
/// spent most of its time there). `None` for any other operands; a zero
/// divisor was refused before.
fn small_rational_arith(op: Op, a: &Num, b: &Num) -> Option<Num> {
    let parts = |n: &Num| -> Option<(i128, i128)> {
        match n {
            Fix(i) => Some((*i as i128, 1)),
            Rat(r) => Some((r.numer().to_i64()? as i128, r.denom().to_i64()? as i128)),
            _ => None,
        }
    };
    let ((an, ad), (bn, bd)) = (parts(a)?, parts(b)?);
    let (n, d) = match op {
        Op::Add => (an * bd + bn * ad, ad * bd),
        Op::Sub => (an * bd - bn * ad, ad * bd),
        Op::Mul => (an * bn, ad * bd),
        Op::Div => (an * bd, ad * bn),
    };
    let g = gcd_u128(n.unsigned_abs(), d.unsigned_abs()) as i128;
    let (mut n, mut d) = (n / g, d / g);
    if d < 0 {
        (n, d) = (-n, -d);
    }
    Some(if d == 1 {
        fix128(n)
    } else {
        Rat(BigRational::new_raw(BigInt::from(n), BigInt::from(d)))
    })
}

/// Binary gcd; `d` is never 0 here (a denominator or a nonzero divisor).
fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    while b != 0 {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
    }
    a << shift
}

/// `a op b` where either is a compnum, part by part (so exact parts give
/// exact results).
fn complex_arith(op: Op, a: &Num, b: &Num) -> Num {
    let ((p, q), (r, s)) = (parts(a), parts(b));
    let add = |x: &Num, y: &Num| arith(Op::Add, x, y);
    let sub = |x: &Num, y: &Num| arith(Op::Sub, x, y);
    let mul = |x: &Num, y: &Num| arith(Op::Mul, x, y);
    match op {
        Op::Add => make_rect(add(&p, &r), add(&q, &s)),
        Op::Sub => make_rect(sub(&p, &r), sub(&q, &s)),
        Op::Mul => make_rect(
            sub(&mul(&p, &r), &mul(&q, &s)),
            add(&mul(&p, &s), &mul(&q, &r)),
        ),
        Op::Div if a.is_exact() && b.is_exact() => {
            // An exact 0 divisor makes `d` 0: dividing the parts reports it.
            let d = add(&mul(&r, &r), &mul(&s, &s));
            let div = |x: &Num| arith(Op::Div, x, &d);
            make_rect(
                div(&add(&mul(&p, &r), &mul(&q, &s))),
                div(&sub(&mul(&q, &r), &mul(&p, &s))),
            )
        }
        Op::Div => {
            let z = C::of(a).div(C::of(b));
            make_rect(Flo(z.0), Flo(z.1))
        }
    }
}

/// An inexact complex number as two f64, for the transcendental functions.
#[derive(Clone, Copy, Debug)]
struct C(f64, f64);

impl C {
    fn of(n: &Num) -> C {
        let (re, im) = parts(n);
        C(re.to_f64(), im.to_f64())
    }
    fn num(self) -> Num {
        make_rect(Flo(self.0), Flo(self.1))
    }
    fn add(self, o: C) -> C {
        C(self.0 + o.0, self.1 + o.1)
    }
    fn sub(self, o: C) -> C {
        C(self.0 - o.0, self.1 - o.1)
    }
    fn mul(self, o: C) -> C {
        C(self.0 * o.0 - self.1 * o.1, self.0 * o.1 + self.1 * o.0)
    }
    /// Smith's algorithm: scales by the larger part of the divisor so the
    /// intermediate products do not overflow.
    fn div(self, o: C) -> C {
        let (a, b, c, d) = (self.0, self.1, o.0, o.1);
        if d == 0.0 {
            return C(a / c, b / c);
        }
        if c.abs() >= d.abs() {
            let r = d / c;
            let den = c + d * r;
            C((a + b * r) / den, (b - a * r) / den)
        } else {
            let r = c / d;
            let den = c * r + d;
            C((a * r + b) / den, (b * r - a) / den)
        }
    }
    /// i z
    fn times_i(self) -> C {
        C(-self.1, self.0)
    }
    fn exp(self) -> C {
        let m = self.0.exp();
        if self.1 == 0.0 {
            return C(m, self.1);
        }
        C(m * self.1.cos(), m * self.1.sin())
    }
    /// The principal logarithm: ln |z| + i angle(z).
    fn ln(self) -> C {
        C(self.0.hypot(self.1).ln(), self.1.atan2(self.0))
    }
    /// The principal square root (non-negative real part).
    fn sqrt(self) -> C {
        let (x, y) = (self.0, self.1);
        if x == 0.0 && y == 0.0 {
            return C(0.0, y);
        }
        let m = x.hypot(y);
        if x >= 0.0 {
            let t = ((m + x) / 2.0).sqrt();
            C(t, y / (2.0 * t))
        } else {
            let t = ((m - x) / 2.0).sqrt();
            C(y.abs() / (2.0 * t), t.copysign(y))
        }
    }
    fn sin(self) -> C {
        C(self.0.sin() * self.1.cosh(), self.0.cos() * self.1.sinh())
    }
    fn cos(self) -> C {
        C(
            self.0.cos() * self.1.cosh(),
            -(self.0.sin() * self.1.sinh()),
        )
    }
    /// asin z = -i ln(iz + sqrt(1 - z^2)) (R7RS 6.2.6).
    fn asin(self) -> C {
        let one = C(1.0, 0.0);
        let w = self.times_i().add(one.sub(self.mul(self)).sqrt()).ln();
        C(w.1, -w.0)
    }
    /// atan z = (ln(1 + iz) - ln(1 - iz)) / 2i (R7RS 6.2.6).
    fn atan(self) -> C {
        let one = C(1.0, 0.0);
        let iz = self.times_i();
        let d = one.add(iz).ln().sub(one.sub(iz).ln());
        C(d.1 / 2.0, -d.0 / 2.0)
    }
}

fn fix128(n: i128) -> Num {
    match i64::try_from(n) {
        Ok(i) => Fix(i),
        Err(_) => Big(BigInt::from(n)),
    }
}

pub fn negate(a: &Num) -> Num {
    arith(Op::Sub, &Fix(0), a)
}

/// Numeric order; `None` when a NaN is involved. Exact and inexact numbers are
/// compared exactly (so `=` stays transitive).
pub fn compare(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        // Unordered; `<` and friends reject them before (`real_arg`).
        (Cpx(_), _) | (_, Cpx(_)) => None,
        (Fix(x), Fix(y)) => Some(x.cmp(y)),
        (Flo(x), Flo(y)) => x.partial_cmp(y),
        (Flo(x), _) => compare_flonum_exact(*x, b),
        (_, Flo(y)) => compare_flonum_exact(*y, a).map(Ordering::reverse),
        (Rat(_), _) | (_, Rat(_)) => Some(a.to_rat().cmp(&b.to_rat())),
        _ => Some(a.to_big().cmp(&b.to_big())),
    }
}

fn compare_flonum_exact(x: f64, e: &Num) -> Option<Ordering> {
    if x.is_nan() {
        None
    } else if x.is_infinite() {
        Some(if x > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        })
    } else if let Fix(i) = e {
        // Exact when the fixnum converts to a flonum without rounding.
        if i.unsigned_abs() < 1 << 53 {
            x.partial_cmp(&(*i as f64))
        } else {
            Some(BigRational::from_float(x)?.cmp(&e.to_rat()))
        }
    } else {
        Some(BigRational::from_float(x)?.cmp(&e.to_rat()))
    }
}

pub fn num_eq(a: &Num, b: &Num) -> bool {
    if matches!(a, Cpx(_)) || matches!(b, Cpx(_)) {
        let ((p, q), (r, s)) = (parts(a), parts(b));
        return num_eq(&p, &r) && num_eq(&q, &s);
    }
    compare(a, b) == Some(Ordering::Equal)
}

/// `eqv?` on numbers: same exactness and equal (flonums bit for bit, so
/// `0.0` and `-0.0` differ; but every NaN is eqv? to every other, as in Chez,
/// whatever sign and payload the operation that made it left).
pub fn eqv(a: Value, b: Value) -> bool {
    match (get(a), get(b)) {
        (Some(x), Some(y)) => eqv_num(&x, &y),
        _ => false,
    }
}

fn eqv_num(a: &Num, b: &Num) -> bool {
    match (a, b) {
        (Flo(x), Flo(y)) => x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
        (Cpx(x), Cpx(y)) => eqv_num(&x.0, &y.0) && eqv_num(&x.1, &y.1),
        (Flo(_) | Cpx(_), _) | (_, Flo(_) | Cpx(_)) => false,
        (x, y) => num_eq(x, y),
    }
}

/// An integer argument (exact, or an integral flonum), or an error.
pub fn integer_arg(proc: &str, v: Value) -> Num {
    let n = arg(proc, v);
    if !n.is_integer() {
        fatal(&format!("{proc}: not an integer: {}", written(v)))
    }
    n
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Division {
    /// Quotient rounded toward zero (`quotient`, `truncate/`).
    Truncate,
    /// Quotient rounded toward negative infinity (`modulo`, `floor/`).
    Floor,
}

/// Integer division of `a` by `b`: (quotient, remainder) under `kind`.
/// Both arguments are integers; a zero divisor is an error naming `proc`.
pub fn divide(proc: &str, kind: Division, a: &Num, b: &Num) -> (Num, Num) {
    if b.is_zero() {
        fatal(&format!("{proc}: division by zero"));
    }
    match (a, b) {
        (Flo(_), _) | (_, Flo(_)) => {
            let (x, y) = (a.to_f64(), b.to_f64());
            let q = match kind {
                Division::Truncate => (x / y).trunc(),
                Division::Floor => (x / y).floor(),
            };
            let r = match kind {
                Division::Truncate => x % y,
                Division::Floor => {
                    let r = x % y;
                    if r != 0.0 && (r < 0.0) != (y < 0.0) {
                        r + y
                    } else {
                        r
                    }
                }
            };
            // A zero remainder is +0.0 whatever the signs, as in Chez.
            (Flo(q), Flo(if r == 0.0 { 0.0 } else { r }))
        }
        (Fix(x), Fix(y)) => {
            let (x, y) = (*x as i128, *y as i128);
            match kind {
                Division::Truncate => (fix128(x / y), fix128(x % y)),
                Division::Floor => (
                    fix128(Integer::div_floor(&x, &y)),
                    fix128(Integer::mod_floor(&x, &y)),
                ),
            }
        }
        _ => {
            let (x, y) = (a.to_big(), b.to_big());
            let (q, r) = match kind {
                Division::Truncate => x.div_rem(&y),
                Division::Floor => x.div_mod_floor(&y),
            };
            (normalize_big(q), normalize_big(r))
        }
    }
}

/// The gcd of the exact integers `a` and `b` when one is a fixnum: machine
/// words, after one division of a bignum by a word (`None` for two bignums).
fn gcd_with_fixnum(a: &Num, b: &Num) -> Option<u64> {
    let g = match (a, b) {
        (Fix(x), Fix(y)) => gcd_u128(x.unsigned_abs().into(), y.unsigned_abs().into()),
        (Big(n), Fix(y)) | (Fix(y), Big(n)) if *y != 0 => {
            let m = y.unsigned_abs();
            let r = (n.magnitude() % m)
                .to_u64()
                .expect("a remainder below a word");
            gcd_u128(m.into(), r.into())
        }
        _ => return None,
    };
    // Both operands' magnitudes are below 2^64, and so is their gcd.
    Some(g as u64)
}

pub fn gcd(a: &Num, b: &Num) -> Num {
    match (a, b) {
        (Flo(_), _) | (_, Flo(_)) => {
            let g = gcd(&exact("gcd", a.clone()), &exact("gcd", b.clone()));
            Flo(g.to_f64())
        }
        _ => match gcd_with_fixnum(a, b) {
            Some(g) => fix128(g.into()),
            None => normalize_big(a.to_big().gcd(&b.to_big())),
        },
    }
}

pub fn lcm(a: &Num, b: &Num) -> Num {
    match (a, b) {
        (Flo(_), _) | (_, Flo(_)) => {
            let l = lcm(&exact("lcm", a.clone()), &exact("lcm", b.clone()));
            Flo(l.to_f64())
        }
        (Fix(0), _) | (_, Fix(0)) => Fix(0),
        // |a b| / g, as |a| (|b| / g) with `b` the fixnum, which g divides.
        (Fix(x), Fix(y)) => {
            let g = gcd_with_fixnum(a, b).expect("two fixnums");
            fix128(i128::from(x.unsigned_abs()) * i128::from(y.unsigned_abs() / g))
        }
        (Big(n), Fix(y)) | (Fix(y), Big(n)) => {
            let g = gcd_with_fixnum(a, b).expect("one operand is a fixnum");
            normalize_big(n.abs() * (y.unsigned_abs() / g))
        }
        _ => normalize_big(a.to_big().lcm(&b.to_big())),
    }
}

#[derive(Clone, Copy)]
pub enum Rounding {
    Floor,
    Ceiling,
    Truncate,
    /// To the nearest integer, ties to even.
    Round,
}

pub fn round(mode: Rounding, n: &Num) -> Num {
    match n {
        // Complex numbers are rejected before (`real_arg`).
        Fix(_) | Big(_) | Cpx(_) => n.clone(),
        Flo(x) => Flo(match mode {
            Rounding::Floor => x.floor(),
            Rounding::Ceiling => x.ceil(),
            Rounding::Truncate => x.trunc(),
            Rounding::Round => x.round_ties_even(),
        }),
        Rat(r) => normalize_big(match mode {
            Rounding::Floor => r.floor().to_integer(),
            Rounding::Ceiling => r.ceil().to_integer(),
            Rounding::Truncate => r.trunc().to_integer(),
            Rounding::Round => {
                let two = BigInt::from(2);
                let fl = r.floor();
                let diff = r - &fl;
                let half = BigRational::new(BigInt::one(), two.clone());
                let fl = fl.to_integer();
                match diff.cmp(&half) {
                    Ordering::Less => fl,
                    Ordering::Greater => fl + 1,
                    Ordering::Equal if fl.is_even() => fl,
                    Ordering::Equal => fl + 1,
                }
            }
        }),
    }
}

pub fn numerator(n: &Num) -> Num {
    match n {
        Rat(r) => normalize_big(r.numer().clone()),
        Flo(_) => inexact(&numerator(&exact("numerator", n.clone()))),
        _ => n.clone(),
    }
}

pub fn denominator(n: &Num) -> Num {
    match n {
        Rat(r) => normalize_big(r.denom().clone()),
        Flo(_) => inexact(&denominator(&exact("denominator", n.clone()))),
        _ => Fix(1),
    }
}

/// `(rationalize x y)`: the simplest rational within |y| of `x` (R7RS
/// 6.2.6), inexact when either argument is, with Chez's answers for
/// infinities and NaNs.
pub fn rationalize(x: &Num, y: &Num) -> Num {
    if !x.is_exact() || !y.is_exact() {
        let (fx, fy) = (x.to_f64(), y.to_f64());
        if fx.is_nan() || fy.is_nan() || (fx.is_infinite() && fy.is_infinite()) {
            return Flo(f64::NAN);
        }
        if fy.is_infinite() {
            return Flo(0.0);
        }
        if fx.is_infinite() {
            return Flo(fx);
        }
        let r = rationalize(
            &exact("rationalize", x.clone()),
            &exact("rationalize", y.clone()),
        );
        return inexact(&r);
    }
    let (x, y) = (x.to_rat(), y.to_rat().abs());
    let (lo, hi) = (&x - &y, &x + &y);
    normalize_rat(if lo.is_positive() {
        simplest_between(lo, hi)
    } else if hi.is_negative() {
        -simplest_between(-hi, -lo)
    } else {
        BigRational::zero()
    })
}

/// The simplest rational in [lo, hi], 0 < lo <= hi, by continued fractions.
fn simplest_between(lo: BigRational, hi: BigRational) -> BigRational {
    let fl = lo.floor();
    if fl == lo {
        fl
    } else if fl < hi.floor() {
        fl + BigRational::one()
    } else {
        let rest = simplest_between((&hi - &fl).recip(), (&lo - &fl).recip());
        fl + rest.recip()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `gcd` and `lcm` with a fixnum operand (machine words) give what
    /// bignum gcd and lcm give, fixnum extremes, zeros and signs included.
    #[test]
    fn gcd_lcm_with_fixnums_match_bignums() {
        let fixnums = [
            0i64,
            1,
            -1,
            6,
            -36,
            1 << 40,
            3 * (1 << 40),
            FIXNUM_MAX,
            FIXNUM_MIN,
            FIXNUM_MIN + 1,
            (1 << 61) - 1,
            999_999_937,
        ];
        let mut nums: Vec<Num> = fixnums.iter().map(|&n| Fix(n)).collect();
        for big in [
            BigInt::from(1u8) << 100,
            -(BigInt::from(6u8).pow(40u32)),
            BigInt::from(FIXNUM_MAX) + 1,
            BigInt::from(FIXNUM_MIN) - 1,
            BigInt::from(999_999_937u64) * BigInt::from(3u8).pow(50u32),
        ] {
            nums.push(Big(big));
        }
        for a in &nums {
            for b in &nums {
                let (x, y) = (a.to_big(), b.to_big());
                let want_gcd = normalize_big(x.gcd(&y));
                let want_lcm = normalize_big(x.lcm(&y));
                for (got, want, what) in
                    [(gcd(a, b), want_gcd, "gcd"), (lcm(a, b), want_lcm, "lcm")]
                {
                    assert!(
                        matches!((&got, &want), (Fix(p), Fix(q)) if p == q)
                            || matches!((&got, &want), (Big(p), Big(q)) if p == q),
                        "{what} {x} {y}: got {:?}, want {:?}",
                        got.to_big(),
                        want.to_big()
                    );
                }
            }
        }
    }

    /// The machine-word path for small exact operands gives what bignum
    /// rationals give, extremes of `i64` included.
    #[test]
    fn small_rational_arith_is_exact() {
        let ints = [
            0i64,
            1,
            -1,
            2,
            3,
            -7,
            10,
            1000,
            123456789,
            i64::MAX,
            i64::MIN,
            i64::MAX - 1,
            i64::MIN + 1,
        ];
        let mut operands: Vec<Num> = ints.iter().map(|&i| Fix(i)).collect();
        for &n in &ints {
            for &d in &[2i64, 3, 7, 1 << 40, i64::MAX] {
                let r = normalize_rat(BigRational::new(BigInt::from(n), BigInt::from(d)));
                operands.push(r);
            }
        }
        let big = |n: &Num| n.to_rat();
        for a in &operands {
            for b in &operands {
                for op in [Op::Add, Op::Sub, Op::Mul, Op::Div] {
                    if op == Op::Div && b.is_zero() {
                        continue;
                    }
                    let Some(got) = small_rational_arith(op, a, b) else {
                        continue;
                    };
                    let (x, y) = (big(a), big(b));
                    let expected = normalize_rat(match op {
                        Op::Add => x + y,
                        Op::Sub => x - y,
                        Op::Mul => x * y,
                        Op::Div => x / y,
                    });
                    assert!(
                        eqv_num(&got, &expected),
                        "{a:?} {op:?} {b:?}: {got:?} against {expected:?}"
                    );
                    assert_eq!(
                        std::mem::discriminant(&got),
                        std::mem::discriminant(&expected)
                    );
                }
            }
        }
    }

    /// `exact` of a flonum is the rational it denotes: the same number
    /// `BigRational::from_float` finds by division, across the range
    /// (subnormals, the fixnum boundary, the largest finite flonum).
    #[test]
    fn exact_flonum_is_the_flonums_value() {
        let mut samples = vec![
            0.0,
            -0.0,
            0.5,
            -0.125,
            0.1,
            1.0 / 3.0,
            2.5,
            1e18,
            -1e18,
            9_223_372_036_854_775_808.0,
            -9_223_372_036_854_775_808.0,
            9_223_372_036_854_774_784.0,
            1e300,
            -1e-300,
            5e-324,
            -5e-324,
            2.2250738585072014e-308,
            f64::MAX,
            f64::MIN,
            123456.789,
        ];
        let mut x = 1.0e-310_f64;
        while x < 1e300 {
            samples.push(x);
            samples.push(-x * 1.37);
            x *= 7.3;
        }
        for x in samples.into_iter().filter(|x| x.is_finite()) {
            let expected = normalize_rat(BigRational::from_float(x).unwrap());
            let got = exact_flonum(x);
            assert!(
                eqv_num(&got, &expected),
                "{x}: {got:?} against {expected:?}"
            );
            assert_eq!(
                std::mem::discriminant(&got),
                std::mem::discriminant(&expected),
                "{x}: the same representation"
            );
        }
    }
}
