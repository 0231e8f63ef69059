//! Unit tests of builtins across chapters.

use crate::builtins::{
    chars::*, equivalence::*, exceptions::*, lists::*, numbers::*, strings::*, symbols::*,
    system::*, vectors::*,
};
use crate::memory::global::test_lock;
use crate::memory::heap::*;
use crate::memory::value::*;

fn list(xs: &[Value]) -> Value {
    list_with_tail(xs, NIL)
}
fn w(v: Value) -> String {
    let mut out = Vec::new();
    crate::io::printer::print(&mut out, v, true);
    String::from_utf8(out).unwrap()
}
fn call(f: extern "C" fn(u64, *const Value) -> Value, args: &[Value]) -> Value {
    f(args.len() as u64, args.as_ptr())
}
fn fx(ns: &[i64]) -> Vec<Value> {
    ns.iter().map(|&n| fixnum(n)).collect()
}

#[test]
fn arithmetic() {
    let _g = test_lock();
    assert_eq!(call(closc_prim_add, &[]), fixnum(0));
    assert_eq!(call(closc_prim_add, &fx(&[1, 2, 3])), fixnum(6));
    assert_eq!(call(closc_prim_sub, &fx(&[5])), fixnum(-5));
    assert_eq!(call(closc_prim_sub, &fx(&[10, 1, 2])), fixnum(7));
    assert_eq!(call(closc_prim_mul, &[]), fixnum(1));
    assert_eq!(call(closc_prim_mul, &fx(&[-3, 4, 5])), fixnum(-60));
    assert_eq!(
        call(closc_prim_add, &fx(&[FIXNUM_MAX - 1, 1])),
        fixnum(FIXNUM_MAX)
    );
    assert_eq!(
        call(closc_prim_mul, &fx(&[1 << 61, -2])),
        fixnum(FIXNUM_MIN)
    );
    let q = |a, b| {
        (
            closc_prim_quotient(fixnum(a), fixnum(b)),
            closc_prim_remainder(fixnum(a), fixnum(b)),
            closc_prim_modulo(fixnum(a), fixnum(b)),
        )
    };
    // Chez: (quotient -7 2) => -3, (remainder -7 2) => -1, (modulo -7 2) => 1,
    // (modulo 7 -2) => -1, (remainder 7 -2) => 1.
    assert_eq!(q(-7, 2), (fixnum(-3), fixnum(-1), fixnum(1)));
    assert_eq!(q(7, -2), (fixnum(-3), fixnum(1), fixnum(-1)));
    assert_eq!(q(6, 3), (fixnum(2), fixnum(0), fixnum(0)));
    assert_eq!(call(closc_prim_lt, &fx(&[1, 2, 3])), TRUE);
    assert_eq!(call(closc_prim_lt, &fx(&[1, 3, 2])), FALSE);
    assert_eq!(call(closc_prim_le, &fx(&[1, 1, 2])), TRUE);
    assert_eq!(call(closc_prim_num_eq, &fx(&[4])), TRUE);
    assert_eq!(call(closc_prim_ge, &fx(&[3, 3, 4])), FALSE);
    assert_eq!(call(closc_prim_min, &fx(&[3, 1, 2])), fixnum(1));
    assert_eq!(call(closc_prim_max, &fx(&[3, 1, 2])), fixnum(3));
    assert_eq!(closc_prim_abs(fixnum(-4)), fixnum(4));
    assert_eq!(closc_prim_even_p(fixnum(-4)), TRUE);
    assert_eq!(closc_prim_odd_p(fixnum(-3)), TRUE);
}

#[test]
fn number_string_conversions() {
    let _g = test_lock();
    use crate::numbers::{format, parse};
    // Checked against Chez 9.5.8 (but lowercase digits above 9, as Guile writes).
    let w = |s: &str, r: u32| parse(s, r).map(|n| format(&n, 10));
    let f = |s: &str, r: u32| parse(s, 10).map(|n| format(&n, r));
    assert_eq!(f("255", 16).as_deref(), Some("ff"));
    assert_eq!(f("-255", 2).as_deref(), Some("-11111111"));
    assert_eq!(
        f("-4611686018427387904", 10).as_deref(),
        Some("-4611686018427387904")
    );
    let r = call(closc_prim_number_to_string, &[fixnum(-42)]);
    assert_eq!(string_to_rust(r), "-42");
    let r = call(closc_prim_number_to_string, &[fixnum(255), fixnum(16)]);
    assert_eq!(string_to_rust(r), "ff");
    for (text, radix, expect) in [
        ("ff", 16, Some("255")),
        ("#XFF", 10, Some("255")),
        ("#b101", 16, Some("5")),
        ("+5", 10, Some("5")),
        ("", 10, None),
        ("-", 10, None),
        ("12a", 10, None),
        ("#x#e10", 10, Some("16")),
        ("#e#x10", 10, Some("16")),
        ("#d10", 16, Some("10")),
        (" 5", 10, None),
        ("1_000", 10, None),
        ("-#xff", 10, None),
        ("#x#x1", 10, None),
        ("#i10", 10, Some("10.0")),
        ("1.5", 10, Some("1.5")),
        ("#e1.5", 10, Some("3/2")),
        ("#e0.1", 10, Some("1/10")),
        ("1/3", 10, Some("1/3")),
        ("6/4", 10, Some("3/2")),
        ("1/0", 10, None),
        ("1e3", 10, Some("1000.0")),
        (".5", 10, Some("0.5")),
        ("-1.5e-3", 10, Some("-0.0015")),
        ("+inf.0", 10, Some("+inf.0")),
        ("-nan.0", 10, Some("+nan.0")),
        ("inf", 10, None),
        // A fraction in another radix (Chez's extension, which
        // `number->string` of an inexact number in that radix needs).
        ("1.5", 16, Some("1.3125")),
        ("1.5e1", 16, Some("1.367431640625")),
        ("1.5", 2, None),
        ("1+2i", 10, Some("1+2i")),
        ("-i", 10, Some("-i")),
        ("#e1.5-0.5i", 10, Some("3/2-1/2i")),
        ("1+2", 10, None),
        ("1@0", 10, Some("1")),
        ("2", 2, None),
        ("4611686018427387904", 10, Some("4611686018427387904")),
    ] {
        assert_eq!(w(text, radix).as_deref(), expect, "{text} in radix {radix}");
    }
    for (x, text) in [
        (1e21, "1e21"),
        (1e20, "1e20"),
        (123.456, "123.456"),
        (0.001, "0.001"),
        (0.0001, "1e-4"),
        (1.5e-7, "1.5e-7"),
        (-0.0, "-0.0"),
        (1e10, "1e10"),
        (1.5e9, "1500000000.0"),
        (1.2345678901234567e19, "1.2345678901234567e19"),
        (5e-324, "5e-324"),
        (1.0 / 3.0, "0.3333333333333333"),
    ] {
        assert_eq!(crate::numbers::format_flonum(x), text);
    }
    let s = make_string_from("#x1F");
    assert_eq!(call(closc_prim_string_to_number, &[s]), fixnum(31));
    let s = make_string_from("11");
    assert_eq!(
        call(closc_prim_string_to_number, &[s, fixnum(2)]),
        fixnum(3)
    );
    let s = make_string_from("abc");
    assert_eq!(call(closc_prim_string_to_number, &[s]), FALSE);
}

#[test]
fn equality() {
    let _g = test_lock();
    let a = list(&[fixnum(1), make_string_from("x"), vector_from(&fx(&[1, 2]))]);
    let b = list(&[fixnum(1), make_string_from("x"), vector_from(&fx(&[1, 2]))]);
    assert!(equal(a, b));
    assert!(!eqv(a, b));
    let c = list(&[fixnum(1), make_string_from("y"), vector_from(&fx(&[1, 2]))]);
    assert!(!equal(a, c));
    assert!(!equal(vector_from(&fx(&[1])), vector_from(&fx(&[1, 2]))));
    assert!(equal(make_box(fixnum(1)), make_box(fixnum(1))));
    assert!(!equal(
        cons(fixnum(1), fixnum(2)),
        cons(fixnum(1), fixnum(3))
    ));
    assert!(!equal(fixnum(1), make_string_from("1")));
    assert!(!equal(make_string_from("ab"), make_string_from("abc")));
    assert!(equal(intern("s"), intern("s")));
    // Long spines and deep nesting.
    let long = |n: i64| (0..n).rev().fold(NIL, |acc, i| cons(fixnum(i), acc));
    assert!(equal(long(1_000_000), long(1_000_000)));
    assert!(!equal(long(1_000_000), long(999_999)));
    let deep = || (0..1_000_000).fold(NIL, |acc, _| cons(acc, NIL));
    assert!(equal(deep(), deep()));
}

#[test]
fn lists() {
    let _g = test_lock();
    let l123 = list(&fx(&[1, 2, 3]));
    assert_eq!(closc_prim_length(l123), fixnum(3));
    assert_eq!(closc_prim_length(NIL), fixnum(0));
    assert_eq!(w(closc_prim_reverse(l123)), "(3 2 1)");
    assert_eq!(w(closc_prim_list_tail(l123, fixnum(3))), "()");
    assert_eq!(closc_prim_list_ref(l123, fixnum(2)), fixnum(3));
    assert_eq!(w(closc_prim_memq(fixnum(2), l123)), "(2 3)");
    assert_eq!(closc_prim_memq(fixnum(5), l123), FALSE);
    let al = list(&[cons(intern("a"), fixnum(1)), cons(intern("b"), fixnum(2))]);
    assert_eq!(w(closc_prim_assq(intern("b"), al)), "(b . 2)");
    assert_eq!(closc_prim_assv(intern("c"), al), FALSE);
    assert_eq!(closc_prim_cadr(l123), fixnum(2));
    assert_eq!(closc_prim_caddr(l123), fixnum(3));
    assert_eq!(w(closc_prim_cddr(l123)), "(3)");
    assert_eq!(closc_prim_list_p(l123), TRUE);
    assert_eq!(closc_prim_list_p(cons(fixnum(1), fixnum(2))), FALSE);
    let circ = list(&fx(&[1, 2, 3]));
    set_cdr(cdr(cdr(circ)), circ);
    assert_eq!(closc_prim_list_p(circ), FALSE);
    assert_eq!(proper_length(circ), None);
    let one = list(&fx(&[1]));
    set_cdr(one, one);
    assert_eq!(proper_length(one), None);
    // memq finds elements of a circular list; an error message prints it
    // with datum labels.
    let m = closc_prim_memq(fixnum(3), circ);
    let mut out = Vec::new();
    crate::io::printer::print_limited(&mut out, m, true, 100);
    assert_eq!(out, b"#0=(3 1 2 . #0#)");
}

#[test]
fn append_cases() {
    let _g = test_lock();
    // Checked against Chez 9.5.8.
    assert_eq!(w(append(&[])), "()");
    assert_eq!(w(append(&[list(&fx(&[1])), fixnum(2)])), "(1 . 2)");
    assert_eq!(w(append(&[NIL, NIL])), "()");
    assert_eq!(
        w(append(&[
            list(&fx(&[1, 2])),
            list(&fx(&[3])),
            NIL,
            cons(fixnum(4), fixnum(5))
        ])),
        "(1 2 3 4 . 5)"
    );
    assert_eq!(w(append(&[fixnum(7)])), "7");
    // All but the last argument are copied; the last is shared.
    let a = list(&fx(&[1]));
    let b = list(&fx(&[2]));
    let r = append(&[a, b]);
    assert_ne!(r, a);
    assert_eq!(cdr(r), b);
    assert_eq!(w(call(closc_prim_append, &[a, b])), "(1 2)");
}

#[test]
fn strings_and_vectors() {
    let _g = test_lock();
    let s = make_string_from("hello");
    assert_eq!(closc_prim_string_length(s), fixnum(5));
    assert_eq!(closc_prim_string_ref(s, fixnum(1)), char_value('e'));
    let sub = call(closc_prim_substring, &[s, fixnum(1), fixnum(3)]);
    assert_eq!(string_to_rust(sub), "el");
    let sub = call(closc_prim_substring, &[s, fixnum(2)]);
    assert_eq!(string_to_rust(sub), "llo");
    let e = call(closc_prim_substring, &[s, fixnum(5), fixnum(5)]);
    assert_eq!(string_to_rust(e), "");
    let t = make_string_from(", wörld");
    let st = call(closc_prim_string_append, &[s, t, make_string_from("")]);
    assert_eq!(string_to_rust(st), "hello, wörld");
    assert_eq!(string_to_rust(call(closc_prim_string_append, &[])), "");
    let h2 = make_string_from("hello");
    assert_eq!(call(closc_prim_string_eq_p, &[s, h2, s]), TRUE);
    assert_eq!(call(closc_prim_string_eq_p, &[s, t]), FALSE);
    let sym = closc_prim_string_to_symbol(make_string_from("a b"));
    assert_eq!(sym, intern("a b"));
    assert_eq!(w(sym), "|a b|");
    assert_eq!(w(closc_prim_symbol_to_string(sym)), "\"a b\"");
    let v = call(closc_prim_make_vector, &[fixnum(2)]);
    assert_eq!(w(v), "#(0 0)");
    closc_prim_vector_set_x(v, fixnum(1), intern("x"));
    assert_eq!(w(v), "#(0 x)");
    assert_eq!(w(call(closc_prim_vector_to_list, &[v])), "(0 x)");
    let l = list(&fx(&[1, 2]));
    assert_eq!(w(closc_prim_list_to_vector(l)), "#(1 2)");
    assert_eq!(w(call(closc_prim_vector, &[])), "#()");
    assert_eq!(closc_prim_char_to_integer(char_value('λ')), fixnum(0x3BB));
    assert_eq!(closc_prim_integer_to_char(fixnum(0x3BB)), char_value('λ'));
}

#[test]
fn error_messages_and_exit_codes() {
    let _g = test_lock();
    let args = [
        make_string_from("msg"),
        fixnum(1),
        intern("a"),
        make_string_from("s"),
    ];
    assert_eq!(error_message(&args), "msg: 1 a \"s\"");
    assert_eq!(error_message(&args[..1]), "msg");
    let args = [intern("proc"), make_string_from("msg"), fixnum(5)];
    assert_eq!(error_message(&args), "proc: msg: 5");
    assert_eq!(error_message(&args[..2]), "proc: msg");
    assert_eq!(error_message(&[intern("foo"), fixnum(1)]), "foo: 1");
    assert_eq!(exit_status(None), 0);
    assert_eq!(exit_status(Some(TRUE)), 0);
    assert_eq!(exit_status(Some(FALSE)), 1);
    assert_eq!(exit_status(Some(fixnum(257))), 1);
    assert_eq!(exit_status(Some(fixnum(-1))), 255);
    assert_eq!(exit_status(Some(fixnum(3))), 3);
}
