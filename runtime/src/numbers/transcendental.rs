//! Square roots (exact where a root exists), `expt`, `exp`, `log`, the
//! trigonometric functions, `magnitude`, `angle` and `make-polar`, on every
//! kind of number (complex results where R7RS gives them).

use super::*;

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

pub(super) fn pow_rat(r: &BigRational, k: u64) -> BigRational {
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
