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

use crate::error::{fatal, type_error, written};
use crate::memory::heap::alloc;
use crate::memory::value::*;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

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
        Flo(x) => normalize_rat(BigRational::from_float(x).expect("finite flonum")),
        Cpx(c) => {
            let (re, im) = *c;
            make_rect(exact(proc, re), exact(proc, im))
        }
        n => n,
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

pub fn gcd(a: &Num, b: &Num) -> Num {
    match (a, b) {
        (Flo(_), _) | (_, Flo(_)) => {
            let g = gcd(&exact("gcd", a.clone()), &exact("gcd", b.clone()));
            Flo(g.to_f64())
        }
        _ => normalize_big(a.to_big().gcd(&b.to_big())),
    }
}

pub fn lcm(a: &Num, b: &Num) -> Num {
    match (a, b) {
        (Flo(_), _) | (_, Flo(_)) => {
            let l = lcm(&exact("lcm", a.clone()), &exact("lcm", b.clone()));
            Flo(l.to_f64())
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

/// The exact square root of a non-negative exact integer if it has one.
fn exact_sqrt(b: &BigInt) -> Option<BigInt> {
    let s = b.sqrt();
    (&s * &s == *b).then_some(s)
}

/// (s, r) with s*s + r = n, for `exact-integer-sqrt`.
pub fn exact_integer_sqrt(proc: &str, v: Value) -> (Num, Num) {
    let n = arg(proc, v);
    if !matches!(n, Fix(_) | Big(_)) || n.signum() < 0 {
        type_error(proc, "non-negative exact integer", v)
    }
    let b = n.to_big();
    let s = b.sqrt();
    let r = &b - &s * &s;
    (normalize_big(s), normalize_big(r))
}

/// `(sqrt z)`: exact for exact squares, complex ones included (`(sqrt -4)`
/// is `+2i`, `(sqrt -3+4i)` is `1+2i`), the principal root otherwise.
pub fn sqrt(v: Value) -> Num {
    sqrt_num(&arg("sqrt", v))
}

fn sqrt_num(n: &Num) -> Num {
    if let Cpx(c) = n {
        if n.is_exact() {
            if let Some(r) = exact_complex_sqrt(&c.0, &c.1) {
                return r;
            }
        }
        return C::of(n).sqrt().num();
    }
    if n.signum() < 0 || matches!(n, Flo(x) if x.is_sign_negative() && *x != 0.0) {
        // sqrt(-x) = i sqrt(x), exact when sqrt(x) is.
        return make_rect(Fix(0), sqrt_num(&negate(n)));
    }
    match n {
        Fix(_) | Big(_) => {
            if let Some(s) = exact_sqrt(&n.to_big()) {
                return normalize_big(s);
            }
        }
        Rat(r) => {
            if let (Some(a), Some(b)) = (exact_sqrt(r.numer()), exact_sqrt(r.denom())) {
                return normalize_rat(BigRational::new(a, b));
            }
        }
        _ => {}
    }
    let x = n.to_f64();
    Flo(match n {
        Big(b) if !x.is_finite() => ratio_sqrt(b, &BigInt::one()),
        Rat(r) if !x.is_normal() => ratio_sqrt(r.numer(), r.denom()),
        _ => x.sqrt(),
    })
}

/// The exact square root of the exact `a + bi` (b != 0) if it has one:
/// p + qi with p = sqrt((|z| + a) / 2), q = sign(b) sqrt((|z| - a) / 2).
fn exact_complex_sqrt(a: &Num, b: &Num) -> Option<Num> {
    let exact_root = |n: &Num| -> Option<Num> {
        let r = sqrt_num(n);
        r.is_exact().then_some(r)
    };
    let m = exact_root(&arith(
        Op::Add,
        &arith(Op::Mul, a, a),
        &arith(Op::Mul, b, b),
    ))?;
    let half = |n: Num| arith(Op::Div, &n, &Fix(2));
    let p = exact_root(&half(arith(Op::Add, &m, a)))?;
    let q = exact_root(&half(arith(Op::Sub, &m, a)))?;
    Some(make_rect(p, if b.signum() < 0 { negate(&q) } else { q }))
}

/// 2^k as a factor that keeps `x * 2^k` exact for |k| up to about 2000.
fn scale2(x: f64, k: i64) -> f64 {
    let half = k / 2;
    x * 2f64.powi(half as i32) * 2f64.powi((k - half) as i32)
}

/// The square root of n/d (positive integers) as a flonum, for exact numbers
/// beyond the flonum range: the integer square root of n/d scaled by 2^2k to
/// about 140 bits, with a sticky low bit when inexact, rounds like the real
/// square root.
fn ratio_sqrt(n: &BigInt, d: &BigInt) -> f64 {
    let e = n.bits() as i64 - d.bits() as i64;
    let k = (140 - e).div_euclid(2);
    let (num, den) = if k >= 0 {
        (n << (2 * k) as u64, d.clone())
    } else {
        (n.clone(), d << (-2 * k) as u64)
    };
    let (q, rem) = num.div_rem(&den);
    let mut s = q.sqrt();
    if !rem.is_zero() || &s * &s != q {
        s |= BigInt::one();
    }
    scale2(s.to_f64().unwrap_or(f64::NAN), -k)
}

/// ln(n/d) (positive integers) for exact numbers beyond the flonum range:
/// ln(m) + e ln 2 with m = n / (d 2^e) in [1/2, 2], and ln 2 split in two so
/// that e * ln2_hi is exact (as in fdlibm's `log`).
fn ratio_ln(n: &BigInt, d: &BigInt) -> f64 {
    // ln 2 = LN2_HI + LN2_LO; LN2_HI has 21 trailing zero bits.
    let ln2_hi = f64::from_bits(0x3fe6_2e42_fee0_0000);
    let ln2_lo = f64::from_bits(0x3dea_39ef_3579_3c76);
    let e = n.bits() as i64 - d.bits() as i64;
    let m = if e >= 0 {
        BigRational::new(n.clone(), d << e as u64)
    } else {
        BigRational::new(n << (-e) as u64, d.clone())
    };
    let m = m.to_f64().unwrap_or(f64::NAN);
    let e = e as f64;
    e * ln2_hi + (m.ln() + e * ln2_lo)
}

pub fn expt(base: &Num, power: &Num) -> Num {
    if matches!(base, Cpx(_)) || matches!(power, Cpx(_)) {
        return complex_expt(base, power);
    }
    match (base, power) {
        // R7RS: (expt z 0) is 1, exact even for an inexact z (as in Chez).
        (_, Fix(0)) => Fix(1),
        (Fix(_) | Big(_) | Rat(_), Fix(k)) => {
            let k = *k;
            if k < 0 && base.is_zero() {
                fatal("expt: division by zero");
            }
            let magnitude = k.unsigned_abs();
            let r = match base {
                Rat(r) => r.clone(),
                _ => BigRational::from_integer(base.to_big()),
            };
            let p = pow_rat(&r, magnitude);
            normalize_rat(if k < 0 { p.recip() } else { p })
        }
        // libm's pow rounds better than repeated multiplication (powi).
        (Flo(x), Fix(k)) => Flo(x.powf(*k as f64)),
        (_, Big(b)) if base.is_exact() => {
            if power.signum() < 0 && base.is_zero() {
                fatal("expt: division by zero");
            }
            match base {
                Fix(0 | 1) => base.clone(),
                Fix(-1) => Fix(if b.is_odd() { -1 } else { 1 }),
                // Any other exact base gives a result (or a denominator)
                // with more than 2^62 bits.
                _ => fatal("expt: result too large"),
            }
        }
        _ => {
            let (x, y) = (base.to_f64(), power.to_f64());
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                // A negative base to a non-integer power: e^(y ln x), complex.
                return C::of(power).mul(C::of(base).ln()).exp().num();
            }
            Flo(x.powf(y))
        }
    }
}

/// `expt` with a complex base or power: exact by repeated squaring for an
/// exact integer power, else e^(power ln base).
fn complex_expt(base: &Num, power: &Num) -> Num {
    if let Fix(k) = power {
        let mut result = Fix(1);
        let mut square = base.clone();
        let mut k_left = k.unsigned_abs();
        while k_left > 0 {
            if k_left & 1 == 1 {
                result = arith(Op::Mul, &result, &square);
            }
            k_left >>= 1;
            if k_left > 0 {
                square = arith(Op::Mul, &square, &square);
            }
        }
        return if *k < 0 {
            arith(Op::Div, &Fix(1), &result)
        } else {
            result
        };
    }
    if base.is_zero() {
        // 0^z is 0 when the real part of z is positive (R7RS 6.2.6).
        let re = parts(power).0;
        if re.signum() > 0 {
            return if base.is_exact() { Fix(0) } else { Flo(0.0) };
        }
        fatal(&format!(
            "expt: undefined for 0 to the power {}",
            format(power, 10)
        ));
    }
    C::of(power).mul(C::of(base).ln()).exp().num()
}

fn pow_rat(r: &BigRational, k: u64) -> BigRational {
    if k <= u32::MAX as u64 {
        BigRational::new_raw(Pow::pow(r.numer(), k as u32), Pow::pow(r.denom(), k as u32))
    } else if r.numer().abs().is_one() && r.denom().is_one() {
        // (-1)^k and 1^k: any other base this large runs out of memory anyway.
        if r.numer().is_negative() && k % 2 == 1 {
            r.clone()
        } else {
            BigRational::one()
        }
    } else {
        fatal("expt: result too large")
    }
}

/// The transcendental functions; a few exact arguments give exact results,
/// as in Chez (`(exp 0)` is 1, `(log 1)` is 0). Complex arguments, and real
/// ones outside the real domain (`(log -1)`, `(asin 2)`), give complex
/// results by the formulas of R7RS 6.2.6.
pub fn transcendental(proc: &str, v: Value) -> Num {
    transcendental_num(proc, &arg(proc, v))
}

pub fn transcendental_num(proc: &str, n: &Num) -> Num {
    if let Cpx(_) = n {
        let z = C::of(n);
        let half_pi = C(std::f64::consts::FRAC_PI_2, 0.0);
        return match proc {
            "exp" => z.exp(),
            "log" => z.ln(),
            "sin" => z.sin(),
            "cos" => z.cos(),
            "tan" => z.sin().div(z.cos()),
            "asin" => z.asin(),
            "acos" => half_pi.sub(z.asin()),
            _ => z.atan(),
        }
        .num();
    }
    if n.is_exact() {
        let exact_result = match (proc, n.signum(), n) {
            ("exp" | "cos", 0, _) => Some(1),
            ("sin" | "tan" | "asin" | "atan", 0, _) => Some(0),
            ("log" | "acos", _, Fix(1)) => Some(0),
            _ => None,
        };
        if let Some(r) = exact_result {
            return Fix(r);
        }
    }
    let x = n.to_f64();
    let pi = std::f64::consts::PI;
    Flo(match proc {
        "exp" => x.exp(),
        "log" => {
            if x < 0.0 || n.signum() < 0 {
                // ln(-x) + i pi.
                return make_rect(transcendental_num("log", &negate(n)), Flo(pi));
            }
            match n {
                Big(b) if !x.is_finite() => ratio_ln(b, &BigInt::one()),
                Rat(r) if !x.is_normal() => ratio_ln(r.numer(), r.denom()),
                _ => x.ln(),
            }
        }
        "sin" => x.sin(),
        "cos" => x.cos(),
        "tan" => x.tan(),
        "asin" => {
            if x.abs() > 1.0 {
                return C(x, 0.0).asin().num();
            }
            x.asin()
        }
        "acos" => {
            if x.abs() > 1.0 {
                let w = C(std::f64::consts::FRAC_PI_2, 0.0).sub(C(x, 0.0).asin());
                return w.num();
            }
            x.acos()
        }
        _ => x.atan(),
    })
}

/// `(magnitude z)`: |z|, exact when an exact root exists (`3+4i` gives 5).
pub fn magnitude(n: &Num) -> Num {
    match n {
        Cpx(c) if n.is_exact() => sqrt_num(&arith(
            Op::Add,
            &arith(Op::Mul, &c.0, &c.0),
            &arith(Op::Mul, &c.1, &c.1),
        )),
        Cpx(c) => Flo(c.0.to_f64().hypot(c.1.to_f64())),
        _ if n.signum() < 0 || matches!(n, Flo(x) if x.is_sign_negative()) => negate(n),
        _ => n.clone(),
    }
}

/// `(angle z)`: the argument of z in (-pi, pi]; exact 0 for an exact
/// non-negative real (as Chez; Guile gives 0.0).
pub fn angle(n: &Num) -> Num {
    match n {
        Cpx(c) => Flo(c.1.to_f64().atan2(c.0.to_f64())),
        Flo(x) => Flo(0f64.atan2(*x)),
        _ if n.signum() < 0 => Flo(std::f64::consts::PI),
        _ => Fix(0),
    }
}

/// `(make-polar r theta)` (both real): exact `r` when theta is exact 0.
pub fn make_polar(r: &Num, theta: &Num) -> Num {
    if matches!(theta, Fix(0)) {
        return r.clone();
    }
    let (r, t) = (r.to_f64(), theta.to_f64());
    make_rect(Flo(r * t.cos()), Flo(r * t.sin()))
}

// ---------------------------------------------------------------------------
// Printing.

/// `n` written in `radix`, as Chez prints it: shortest round-trip digits
/// for flonums, positional between 1e-3 and 1e10 and exponent notation
/// elsewhere (`1e21`, `1.5e-7`), uppercase digits above 9. A flonum in
/// radix 2, 8 or 16 is written positionally with all its digits (a flonum
/// is a dyadic fraction, so they end), which `parse` reads back exactly; an
/// exponent would be ambiguous in radix 16, where `e` is a digit. Complex
/// numbers are `re+imi` with the real part left out when it is exact 0
/// (`+2i`, as R7RS writes `(sqrt -4)`), and `+i`/`-i` for an imaginary
/// part of exact 1 or -1.
pub fn format(n: &Num, radix: u32) -> String {
    match n {
        Cpx(c) => {
            let re = match &c.0 {
                Fix(0) => String::new(),
                re => format(re, radix),
            };
            let im = match &c.1 {
                Fix(1) => "+".to_string(),
                Fix(-1) => "-".to_string(),
                im => {
                    let t = format(im, radix);
                    if t.starts_with(['+', '-']) {
                        t
                    } else {
                        format!("+{t}")
                    }
                }
            };
            format!("{re}{im}i")
        }
        Flo(x) if radix != 10 && x.is_finite() => format_flonum_radix(*x, radix),
        Fix(i) => format_big(&BigInt::from(*i), radix),
        Big(b) => format_big(b, radix),
        Rat(r) => format!(
            "{}/{}",
            format_big(r.numer(), radix),
            format_big(r.denom(), radix)
        ),
        Flo(x) => format_flonum(*x),
    }
}

/// `x` (finite) positionally in `radix` (2, 8 or 16): `-1.8` for -1.5 in
/// radix 16.
fn format_flonum_radix(x: f64, radix: u32) -> String {
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let r = BigRational::from_float(x.abs()).expect("finite flonum");
    let int = r.trunc();
    let mut frac = r - &int;
    let mut digits = String::new();
    let base = BigRational::from_integer(BigInt::from(radix));
    while !frac.is_zero() {
        frac *= &base;
        let d = frac.trunc();
        frac -= &d;
        let d = d.to_integer().to_u32().expect("one digit");
        digits.push(
            std::char::from_digit(d, radix)
                .expect("a digit")
                .to_ascii_uppercase(),
        );
    }
    if digits.is_empty() {
        digits.push('0');
    }
    format!("{sign}{}.{digits}", format_big(&int.to_integer(), radix))
}

fn format_big(b: &BigInt, radix: u32) -> String {
    b.to_str_radix(radix).to_ascii_uppercase()
}

pub fn format_flonum(x: f64) -> String {
    if x.is_nan() {
        return "+nan.0".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "+inf.0" } else { "-inf.0" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let a = x.abs();
    if a == 0.0 {
        return format!("{sign}0.0");
    }
    // Rust's `{:e}` gives the shortest digits that read back as `a`.
    let sci = format!("{a:e}");
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` has an exponent");
    let exp: i32 = exp.parse().expect("decimal exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (1e-3..1e10).contains(&a) {
        let n = digits.len() as i32;
        if exp >= 0 {
            let int_len = exp + 1;
            if n <= int_len {
                format!("{sign}{digits}{}.0", "0".repeat((int_len - n) as usize))
            } else {
                let (int, frac) = digits.split_at(int_len as usize);
                format!("{sign}{int}.{frac}")
            }
        } else {
            format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        format!("{sign}{mantissa}e{exp}")
    }
}

// ---------------------------------------------------------------------------
// Parsing.

/// Reads `text` as a number (R7RS 7.1.1's `<number>`: `#x #o #b #d #e #i`
/// prefixes in either order, integers, ratios `n/d`, decimals with
/// exponents in radix 10, `+inf.0 -inf.0 +nan.0 -nan.0`, complex numbers
/// `a+bi`, `+i`, `-2.5i`, `r@theta`; plus, as Chez, fractions `1.1` in radix
/// 2, 8 and 16, so that `number->string` output reads back). `None` when it
/// is not a number: `""`, `"+"`, `"1/0"`, `"#e+inf.0"`.
pub fn parse(text: &str, default_radix: u32) -> Option<Num> {
    let mut radix = None;
    let mut exactness = None;
    let mut rest = text;
    while let Some(prefix) = rest.strip_prefix('#') {
        let mut chars = prefix.chars();
        let c = chars.next()?.to_ascii_lowercase();
        match c {
            'x' | 'o' | 'b' | 'd' if radix.is_none() => {
                radix = Some(match c {
                    'x' => 16,
                    'o' => 8,
                    'b' => 2,
                    _ => 10,
                })
            }
            'e' | 'i' if exactness.is_none() => exactness = Some(c == 'e'),
            _ => return None,
        }
        rest = chars.as_str();
    }
    let n = parse_complex(
        rest,
        radix.unwrap_or(default_radix),
        exactness == Some(true),
    )?;
    Some(match exactness {
        None => n,
        Some(true) => {
            let (re, im) = parts(&n);
            if [re, im]
                .iter()
                .any(|p| matches!(p, Flo(x) if !x.is_finite()))
            {
                return None;
            }
            exact("string->number", n)
        }
        Some(false) => inexact(&n),
    })
}

/// `<complex R>` without prefixes.
fn parse_complex(s: &str, radix: u32, exact_decimal: bool) -> Option<Num> {
    let real = |t: &str| parse_real(t, radix, exact_decimal);
    if let Some((r, theta)) = s.split_once('@') {
        return Some(make_polar(&real(r)?, &real(theta)?));
    }
    let Some(body) = s.strip_suffix(['i', 'I']) else {
        return real(s);
    };
    // An imaginary part always starts with a sign: try each sign after the
    // first character as the split (the rightmost first, so an exponent's
    // sign `1e+2+3i` stays in the real part; in radix 16 `1e+2i` splits
    // after `1e`), then the whole body as a pure imaginary.
    let imaginary = |t: &str| match t {
        "+" => Some(Fix(1)),
        "-" => Some(Fix(-1)),
        _ => real(t),
    };
    let splits = body
        .char_indices()
        .filter(|&(i, c)| i > 0 && (c == '+' || c == '-'))
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    for &i in splits.iter().rev() {
        if let (Some(re), Some(im)) = (real(&body[..i]), imaginary(&body[i..])) {
            return Some(make_rect(re, im));
        }
    }
    if body.starts_with(['+', '-']) {
        return Some(make_rect(Fix(0), imaginary(body)?));
    }
    None
}

/// Whether `text` has the syntax of a ratio with a zero denominator (`1/0`,
/// `-3/00`): number syntax without a value, which `parse` rejects and the
/// reader reports instead of taking it for a symbol.
pub fn is_ratio_over_zero(text: &str, radix: u32) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_digit(radix));
    body.split_once('/')
        .is_some_and(|(n, d)| digits(n) && digits(d) && d.chars().all(|c| c == '0'))
}

/// `exact_decimal`: read a decimal such as `0.1` as the exact ratio it denotes
/// (for `#e`) instead of the nearest flonum.
fn parse_real(s: &str, radix: u32, exact_decimal: bool) -> Option<Num> {
    let lower = s.to_ascii_lowercase();
    match lower.as_str() {
        "+inf.0" => return Some(Flo(f64::INFINITY)),
        "-inf.0" => return Some(Flo(f64::NEG_INFINITY)),
        "+nan.0" | "-nan.0" => return Some(Flo(f64::NAN)),
        _ => {}
    }
    let (negative, body) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let digits_ok = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_digit(radix));
    let signed = |b: BigInt| if negative { -b } else { b };
    if let Some((n, d)) = body.split_once('/') {
        if !digits_ok(n) || !digits_ok(d) {
            return None;
        }
        let n = BigInt::parse_bytes(n.as_bytes(), radix)?;
        let d = BigInt::parse_bytes(d.as_bytes(), radix)?;
        if d.is_zero() {
            return None;
        }
        return Some(normalize_rat(BigRational::new(signed(n), d)));
    }
    if digits_ok(body) {
        return Some(normalize_big(signed(BigInt::parse_bytes(
            body.as_bytes(),
            radix,
        )?)));
    }
    if radix != 10 {
        // Chez's extension: a fraction in radix 2, 8 or 16, no exponent.
        let (int, frac) = body.split_once('.')?;
        let all = |t: &str| t.chars().all(|c| c.is_digit(radix));
        if int.len() + frac.len() == 0 || !all(int) || !all(frac) {
            return None;
        }
        let m = BigInt::parse_bytes(format!("0{int}{frac}").as_bytes(), radix)?;
        let r = BigRational::new(signed(m), Pow::pow(BigInt::from(radix), frac.len()));
        return Some(if exact_decimal {
            normalize_rat(r)
        } else {
            let x = r.to_f64().unwrap_or(f64::NAN);
            Flo(if negative && x == 0.0 { -0.0 } else { x })
        });
    }
    // Decimal: digits [. digits] [e [sign] digits], at least one mantissa digit.
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let mut scale: i64 = 0;
    if let Some(e) = exponent {
        let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
        if !digits_ok(unsigned) {
            return None;
        }
        scale = e.parse().ok()?;
    }
    if exact_decimal {
        let m = BigInt::parse_bytes(format!("{int}{frac}").as_bytes(), 10)?;
        let scale = scale - frac.len() as i64;
        let ten = BigRational::from_integer(BigInt::from(10));
        let power = pow_rat(&ten, scale.unsigned_abs());
        let power = if scale < 0 { power.recip() } else { power };
        return Some(normalize_rat(BigRational::from_integer(signed(m)) * power));
    }
    let x: f64 = body.parse().ok()?;
    Some(Flo(if negative { -x } else { x }))
}
