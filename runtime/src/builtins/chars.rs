//! Character builtins (R7RS 6.6): `char?`, `char->integer`,
//! `integer->char`, classification, case mapping, `digit-value`
//! and the n-ary comparisons `char=? char<? ...` with their `-ci` variants.
//!
//! Input: tagged values from compiled code; output: booleans, characters or
//! fixnums. Every argument is type-checked (all of them, even once a
//! comparison's result is known), errors name the procedure. The Unicode data
//! is in `crate::unicode`; the `-ci` comparisons compare simple case foldings.

use crate::args::{args, fx_arg, Arity};
use crate::error::{fatal, type_error, written};
use crate::memory::value::*;
use crate::unicode;

#[no_mangle]
pub extern "C" fn closc_prim_char_p(a: Value) -> Value {
    boolean(is_char(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_to_integer(c: Value) -> Value {
    if !is_char(c) {
        type_error("char->integer", "character", c);
    }
    fixnum((c >> 8) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_integer_to_char(n: Value) -> Value {
    let k = fx_arg("integer->char", n);
    match u32::try_from(k).ok().and_then(char::from_u32) {
        Some(c) => char_value(c),
        None => fatal(&format!(
            "integer->char: not a valid code point: {}",
            written(n)
        )),
    }
}

/// The code point of character argument `v`.
#[inline]
pub(crate) fn char_arg(proc: &str, v: Value) -> u32 {
    if is_char(v) {
        (v >> 8) as u32
    } else {
        type_error(proc, "character", v)
    }
}

#[inline]
fn char_from(c: u32) -> Value {
    ((c as u64) << 8) | CHAR_TAG
}

/// An n-ary comparison: every argument must be a character; `ok` must hold
/// between each adjacent pair (after `key`).
fn compare(
    proc: &str,
    argc: u64,
    argv: *const Value,
    key: fn(u32) -> u32,
    ok: fn(u32, u32) -> bool,
) -> Value {
    let args = args(proc, argc, argv, Arity::AtLeast(1));
    for &a in args {
        char_arg(proc, a);
    }
    let code = |v: Value| key((v >> 8) as u32);
    boolean(args.windows(2).all(|w| ok(code(w[0]), code(w[1]))))
}

fn same(c: u32) -> u32 {
    c
}

macro_rules! char_comparisons {
    ($($name:literal $f:ident $key:ident $op:tt;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $f(argc: u64, argv: *const Value) -> Value {
            compare($name, argc, argv, $key, |a, b| a $op b)
        }
    )*};
}

char_comparisons! {
    "char=?" closc_prim_char_eq_p same ==;
    "char<?" closc_prim_char_lt_p same <;
    "char>?" closc_prim_char_gt_p same >;
    "char<=?" closc_prim_char_lt_eq_p same <=;
    "char>=?" closc_prim_char_gt_eq_p same >=;
    "char-ci=?" closc_prim_char_ci_eq_p fold ==;
    "char-ci<?" closc_prim_char_ci_lt_p fold <;
    "char-ci>?" closc_prim_char_ci_gt_p fold >;
    "char-ci<=?" closc_prim_char_ci_lt_eq_p fold <=;
    "char-ci>=?" closc_prim_char_ci_gt_eq_p fold >=;
}

fn fold(c: u32) -> u32 {
    unicode::foldcase(c)
}

#[no_mangle]
pub extern "C" fn closc_prim_char_alphabetic_p(c: Value) -> Value {
    boolean(unicode::is_alphabetic(char_arg("char-alphabetic?", c)))
}

/// R7RS: decimal digits (Numeric_Type=Decimal, general category Nd), so that
/// `digit-value` is defined exactly where this holds. (Chez 9.5 also says #t
/// for other numeric characters such as `½` or Roman numerals.)
#[no_mangle]
pub extern "C" fn closc_prim_char_numeric_p(c: Value) -> Value {
    boolean(unicode::digit_value(char_arg("char-numeric?", c)).is_some())
}

#[no_mangle]
pub extern "C" fn closc_prim_char_whitespace_p(c: Value) -> Value {
    boolean(unicode::is_whitespace(char_arg("char-whitespace?", c)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_upper_case_p(c: Value) -> Value {
    boolean(unicode::is_upper_case(char_arg("char-upper-case?", c)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_lower_case_p(c: Value) -> Value {
    boolean(unicode::is_lower_case(char_arg("char-lower-case?", c)))
}

#[no_mangle]
pub extern "C" fn closc_prim_digit_value(c: Value) -> Value {
    match unicode::digit_value(char_arg("digit-value", c)) {
        Some(d) => fixnum(d as i64),
        None => FALSE,
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_char_upcase(c: Value) -> Value {
    char_from(unicode::upcase(char_arg("char-upcase", c)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_downcase(c: Value) -> Value {
    char_from(unicode::downcase(char_arg("char-downcase", c)))
}

#[no_mangle]
pub extern "C" fn closc_prim_char_foldcase(c: Value) -> Value {
    char_from(unicode::foldcase(char_arg("char-foldcase", c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(c: char) -> Value {
        char_value(c)
    }
    fn call(f: extern "C" fn(u64, *const Value) -> Value, args: &[Value]) -> Value {
        f(args.len() as u64, args.as_ptr())
    }

    #[test]
    fn comparisons() {
        assert_eq!(
            call(closc_prim_char_lt_p, &[ch('a'), ch('b'), ch('c')]),
            TRUE
        );
        assert_eq!(
            call(closc_prim_char_lt_p, &[ch('a'), ch('c'), ch('b')]),
            FALSE
        );
        assert_eq!(call(closc_prim_char_eq_p, &[ch('λ')]), TRUE);
        assert_eq!(call(closc_prim_char_ci_eq_p, &[ch('a'), ch('A')]), TRUE);
        assert_eq!(
            call(closc_prim_char_ci_eq_p, &[ch('σ'), ch('ς'), ch('Σ')]),
            TRUE
        );
        assert_eq!(call(closc_prim_char_ci_lt_p, &[ch('a'), ch('B')]), TRUE);
        assert_eq!(
            call(closc_prim_char_gt_eq_p, &[ch('b'), ch('b'), ch('a')]),
            TRUE
        );
    }

    #[test]
    fn case_and_classes() {
        // Checked against Chez 9.5.8 (simple mappings).
        let up = |c: char| char_of(closc_prim_char_upcase(ch(c)));
        let down = |c: char| char_of(closc_prim_char_downcase(ch(c)));
        let fold = |c: char| char_of(closc_prim_char_foldcase(ch(c)));
        assert_eq!(up('ß'), 'ß');
        assert_eq!(up('\u{1F80}'), '\u{1F88}');
        assert_eq!(up('\u{1C5}'), '\u{1C4}');
        assert_eq!(up('ı'), 'I');
        assert_eq!(down('\u{130}'), 'i');
        assert_eq!(down('\u{1C5}'), '\u{1C6}');
        assert_eq!(fold('\u{130}'), '\u{130}');
        assert_eq!(fold('ς'), 'σ');
        assert_eq!(fold('ẞ'), 'ß');
        assert_eq!(fold('\u{1F88}'), '\u{1F80}');
        assert_eq!(fold('\u{13A0}'), '\u{13A0}');
        assert_eq!(fold('\u{AB70}'), '\u{13A0}');
        assert_eq!(fold('K'), 'k');
        assert_eq!(closc_prim_digit_value(ch('7')), fixnum(7));
        assert_eq!(closc_prim_digit_value(ch('\u{664}')), fixnum(4));
        assert_eq!(closc_prim_digit_value(ch('\u{AE6}')), fixnum(0));
        assert_eq!(closc_prim_digit_value(ch('\u{EA6}')), FALSE);
        assert_eq!(closc_prim_digit_value(ch('a')), FALSE);
        assert_eq!(closc_prim_char_numeric_p(ch('½')), FALSE);
        assert_eq!(closc_prim_char_alphabetic_p(ch('λ')), TRUE);
        assert_eq!(closc_prim_char_whitespace_p(ch('\u{A0}')), TRUE);
        assert_eq!(closc_prim_char_upper_case_p(ch('Λ')), TRUE);
        assert_eq!(closc_prim_char_lower_case_p(ch('ß')), TRUE);
    }
}
