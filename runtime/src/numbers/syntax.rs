//! The written form of numbers: `format` (what `number->string`, `write`
//! and `display` print) and `parse` (the reader's, `read`'s and
//! `string->number`'s one parser).

use super::transcendental::pow_rat;
use super::*;

/// `n` written in `radix`: shortest round-trip digits for flonums,
/// positional between 1e-3 and 1e10 and exponent notation elsewhere (`1e21`,
/// `1.5e-7`), lowercase digits above 9 (R7RS leaves the case open; Guile and
/// Chibi write lowercase). A flonum in
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
    b.to_str_radix(radix)
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
        // An integer times a power of ten, or one division: a rational
        // product would reduce by gcds with the power (seconds for 1e1000000).
        let power = pow_rat(
            &BigRational::from_integer(BigInt::from(10)),
            scale.unsigned_abs(),
        );
        let power = power.numer();
        return Some(if scale < 0 {
            normalize_rat(BigRational::new(signed(m), power.clone()))
        } else {
            normalize_big(signed(m) * power)
        });
    }
    let x: f64 = body.parse().ok()?;
    Some(Flo(if negative { -x } else { x }))
}
