//! The builtin procedures, and `BUILTINS`, the one table the compiler reads to
//! know their Scheme names, exported C symbols, arities and calling
//! conventions.
//!
//! Invariants:
//! - every entry function is `#[no_mangle] pub extern "C"` and is named
//!   `closc_prim_` + `mangle(scheme name)`; the table's `symbol` field is that
//!   same name (the `builtin!` macro takes it from the function's identifier,
//!   and a unit test checks it against `mangle`);
//! - builtins with exactly 0..=3 arguments use `F0`..`F3`; everything with
//!   optional or variable arguments uses `Varargs` (argc, argv) and re-checks
//!   argc against its arity;
//! - numeric builtins live in `number_prims.rs` (the full tower, see
//!   `numbers.rs`); their entries are listed here with the others;
//! - errors go through `error::fatal` with the shapes `PROC: not a TYPE: VALUE`
//!   and `PROC: index out of range: VALUE`; mutators return `VOID`.

use crate::control::*;
use crate::error::{displayed, expected_text, fatal, index_error, type_error, written};
use crate::heap::*;
use crate::number_prims::*;
use crate::output;
use crate::ports::*;
use crate::ranges::{index_arg, length_arg};
use crate::records::*;
use crate::value::*;

/// How many arguments a builtin takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    Exactly(u8),
    Between(u8, u8),
    AtLeast(u8),
}

impl Arity {
    /// (minimum, maximum) argument counts; `u64::MAX` means no maximum.
    pub fn bounds(self) -> (u64, u64) {
        match self {
            Arity::Exactly(n) => (n as u64, n as u64),
            Arity::Between(a, b) => (a as u64, b as u64),
            Arity::AtLeast(n) => (n as u64, u64::MAX),
        }
    }

    pub fn accepts(self, argc: u64) -> bool {
        let (min, max) = self.bounds();
        argc >= min && argc <= max
    }
}

/// The entry point of a builtin and its calling convention.
#[derive(Clone, Copy)]
pub enum Entry {
    F0(extern "C" fn() -> Value),
    F1(extern "C" fn(Value) -> Value),
    F2(extern "C" fn(Value, Value) -> Value),
    F3(extern "C" fn(Value, Value, Value) -> Value),
    /// `(argc, argv)`: `argv` points to `argc` values.
    Varargs(extern "C" fn(u64, *const Value) -> Value),
}

impl Entry {
    /// The function's address.
    pub fn address(self) -> *const u8 {
        match self {
            Entry::F0(f) => f as *const u8,
            Entry::F1(f) => f as *const u8,
            Entry::F2(f) => f as *const u8,
            Entry::F3(f) => f as *const u8,
            Entry::Varargs(f) => f as *const u8,
        }
    }
}

pub struct Builtin {
    /// The Scheme name.
    pub name: &'static str,
    /// The exported C symbol of `entry`.
    pub symbol: &'static str,
    pub arity: Arity,
    pub entry: Entry,
}

/// The C-identifier form of a Scheme builtin name (the part after
/// `closc_prim_`).
pub fn mangle(name: &str) -> String {
    match name {
        "+" => return "add".into(),
        "-" => return "sub".into(),
        "*" => return "mul".into(),
        "/" => return "div".into(),
        "=" => return "num_eq".into(),
        "<" => return "lt".into(),
        ">" => return "gt".into(),
        "<=" => return "le".into(),
        ">=" => return "ge".into(),
        _ => {}
    }
    let mut out = String::new();
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("->") {
            out.push_str("_to_");
            rest = &rest[2..];
            continue;
        }
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => out.push(c),
            '-' => out.push('_'),
            '?' => out.push_str("_p"),
            '!' => out.push_str("_x"),
            '*' => out.push_str("_star"),
            '+' => out.push_str("_plus"),
            '=' => out.push_str("_eq"),
            '<' => out.push_str("_lt"),
            '>' => out.push_str("_gt"),
            '/' => out.push_str("_slash"),
            '%' => out.push_str("pct_"),
            _ => out.push_str(&format!("_u{:x}_", c as u32)),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

macro_rules! builtin {
    ($name:literal, $f:ident, $arity:expr, $kind:ident) => {
        Builtin {
            name: $name,
            symbol: stringify!($f),
            arity: $arity,
            entry: Entry::$kind($f),
        }
    };
}

use crate::bytevectors::*;
use crate::chars::*;
use crate::continuations::*;
use crate::exceptions::*;
use crate::lists::*;
use crate::strings::*;
use crate::vectors::*;
use Arity::{AtLeast, Between, Exactly};

pub static BUILTINS: &[Builtin] = &[
    // Numbers (number_prims.rs).
    builtin!("+", closc_prim_add, AtLeast(0), Varargs),
    builtin!("-", closc_prim_sub, AtLeast(1), Varargs),
    builtin!("*", closc_prim_mul, AtLeast(0), Varargs),
    builtin!("/", closc_prim_div, AtLeast(1), Varargs),
    builtin!("quotient", closc_prim_quotient, Exactly(2), F2),
    builtin!("remainder", closc_prim_remainder, Exactly(2), F2),
    builtin!("modulo", closc_prim_modulo, Exactly(2), F2),
    builtin!("floor-quotient", closc_prim_floor_quotient, Exactly(2), F2),
    builtin!(
        "floor-remainder",
        closc_prim_floor_remainder,
        Exactly(2),
        F2
    ),
    builtin!(
        "truncate-quotient",
        closc_prim_truncate_quotient,
        Exactly(2),
        F2
    ),
    builtin!(
        "truncate-remainder",
        closc_prim_truncate_remainder,
        Exactly(2),
        F2
    ),
    builtin!("gcd", closc_prim_gcd, AtLeast(0), Varargs),
    builtin!("lcm", closc_prim_lcm, AtLeast(0), Varargs),
    builtin!("=", closc_prim_num_eq, AtLeast(1), Varargs),
    builtin!("<", closc_prim_lt, AtLeast(1), Varargs),
    builtin!(">", closc_prim_gt, AtLeast(1), Varargs),
    builtin!("<=", closc_prim_le, AtLeast(1), Varargs),
    builtin!(">=", closc_prim_ge, AtLeast(1), Varargs),
    builtin!("zero?", closc_prim_zero_p, Exactly(1), F1),
    builtin!("positive?", closc_prim_positive_p, Exactly(1), F1),
    builtin!("negative?", closc_prim_negative_p, Exactly(1), F1),
    builtin!("even?", closc_prim_even_p, Exactly(1), F1),
    builtin!("odd?", closc_prim_odd_p, Exactly(1), F1),
    builtin!("abs", closc_prim_abs, Exactly(1), F1),
    builtin!("magnitude", closc_prim_magnitude, Exactly(1), F1),
    builtin!("min", closc_prim_min, AtLeast(1), Varargs),
    builtin!("max", closc_prim_max, AtLeast(1), Varargs),
    builtin!("number?", closc_prim_number_p, Exactly(1), F1),
    builtin!("complex?", closc_prim_complex_p, Exactly(1), F1),
    builtin!("real?", closc_prim_real_p, Exactly(1), F1),
    builtin!("rational?", closc_prim_rational_p, Exactly(1), F1),
    builtin!("integer?", closc_prim_integer_p, Exactly(1), F1),
    builtin!("exact?", closc_prim_exact_p, Exactly(1), F1),
    builtin!("inexact?", closc_prim_inexact_p, Exactly(1), F1),
    builtin!("exact-integer?", closc_prim_exact_integer_p, Exactly(1), F1),
    builtin!("nan?", closc_prim_nan_p, Exactly(1), F1),
    builtin!("infinite?", closc_prim_infinite_p, Exactly(1), F1),
    builtin!("finite?", closc_prim_finite_p, Exactly(1), F1),
    builtin!("numerator", closc_prim_numerator, Exactly(1), F1),
    builtin!("denominator", closc_prim_denominator, Exactly(1), F1),
    builtin!("floor", closc_prim_floor, Exactly(1), F1),
    builtin!("ceiling", closc_prim_ceiling, Exactly(1), F1),
    builtin!("truncate", closc_prim_truncate, Exactly(1), F1),
    builtin!("round", closc_prim_round, Exactly(1), F1),
    builtin!("rationalize", closc_prim_rationalize, Exactly(2), F2),
    builtin!("exact", closc_prim_exact, Exactly(1), F1),
    builtin!("inexact", closc_prim_inexact, Exactly(1), F1),
    builtin!(
        "inexact->exact",
        closc_prim_inexact_to_exact,
        Exactly(1),
        F1
    ),
    builtin!(
        "exact->inexact",
        closc_prim_exact_to_inexact,
        Exactly(1),
        F1
    ),
    builtin!("square", closc_prim_square, Exactly(1), F1),
    builtin!("sqrt", closc_prim_sqrt, Exactly(1), F1),
    builtin!(
        "%exact-integer-sqrt",
        closc_prim_pct_exact_integer_sqrt,
        Exactly(1),
        F1
    ),
    builtin!("expt", closc_prim_expt, Exactly(2), F2),
    builtin!("exp", closc_prim_exp, Exactly(1), F1),
    builtin!("log", closc_prim_log, Between(1, 2), Varargs),
    builtin!("sin", closc_prim_sin, Exactly(1), F1),
    builtin!("cos", closc_prim_cos, Exactly(1), F1),
    builtin!("tan", closc_prim_tan, Exactly(1), F1),
    builtin!("asin", closc_prim_asin, Exactly(1), F1),
    builtin!("acos", closc_prim_acos, Exactly(1), F1),
    builtin!("atan", closc_prim_atan, Between(1, 2), Varargs),
    builtin!(
        "number->string",
        closc_prim_number_to_string,
        Between(1, 2),
        Varargs
    ),
    builtin!(
        "string->number",
        closc_prim_string_to_number,
        Between(1, 2),
        Varargs
    ),
    // Booleans and equivalence.
    builtin!("not", closc_prim_not, Exactly(1), F1),
    builtin!("eq?", closc_prim_eq_p, Exactly(2), F2),
    builtin!("eqv?", closc_prim_eqv_p, Exactly(2), F2),
    builtin!("equal?", closc_prim_equal_p, Exactly(2), F2),
    builtin!("boolean?", closc_prim_boolean_p, Exactly(1), F1),
    builtin!("boolean=?", closc_prim_boolean_eq_p, AtLeast(2), Varargs),
    // Pairs and lists.
    builtin!("cons", closc_prim_cons, Exactly(2), F2),
    builtin!("car", closc_prim_car, Exactly(1), F1),
    builtin!("cdr", closc_prim_cdr, Exactly(1), F1),
    builtin!("set-car!", closc_prim_set_car_x, Exactly(2), F2),
    builtin!("set-cdr!", closc_prim_set_cdr_x, Exactly(2), F2),
    builtin!("caar", closc_prim_caar, Exactly(1), F1),
    builtin!("cadr", closc_prim_cadr, Exactly(1), F1),
    builtin!("cdar", closc_prim_cdar, Exactly(1), F1),
    builtin!("cddr", closc_prim_cddr, Exactly(1), F1),
    builtin!("caddr", closc_prim_caddr, Exactly(1), F1),
    builtin!("list", closc_prim_list, AtLeast(0), Varargs),
    builtin!("length", closc_prim_length, Exactly(1), F1),
    builtin!("append", closc_prim_append, AtLeast(0), Varargs),
    builtin!("reverse", closc_prim_reverse, Exactly(1), F1),
    builtin!("list-tail", closc_prim_list_tail, Exactly(2), F2),
    builtin!("list-ref", closc_prim_list_ref, Exactly(2), F2),
    builtin!("memq", closc_prim_memq, Exactly(2), F2),
    builtin!("memv", closc_prim_memv, Exactly(2), F2),
    builtin!("assq", closc_prim_assq, Exactly(2), F2),
    builtin!("assv", closc_prim_assv, Exactly(2), F2),
    builtin!("null?", closc_prim_null_p, Exactly(1), F1),
    builtin!("pair?", closc_prim_pair_p, Exactly(1), F1),
    builtin!("list?", closc_prim_list_p, Exactly(1), F1),
    // More lists (lists.rs).
    builtin!("list-copy", closc_prim_list_copy, Exactly(1), F1),
    builtin!("make-list", closc_prim_make_list, Between(1, 2), Varargs),
    builtin!("list-set!", closc_prim_list_set_x, Exactly(3), F3),
    // Procedures and symbols.
    builtin!("procedure?", closc_prim_procedure_p, Exactly(1), F1),
    builtin!("symbol?", closc_prim_symbol_p, Exactly(1), F1),
    builtin!("symbol=?", closc_prim_symbol_eq_p, AtLeast(2), Varargs),
    builtin!(
        "symbol->string",
        closc_prim_symbol_to_string,
        Exactly(1),
        F1
    ),
    builtin!(
        "string->symbol",
        closc_prim_string_to_symbol,
        Exactly(1),
        F1
    ),
    // Strings.
    builtin!("string?", closc_prim_string_p, Exactly(1), F1),
    builtin!("string-length", closc_prim_string_length, Exactly(1), F1),
    builtin!("string-ref", closc_prim_string_ref, Exactly(2), F2),
    builtin!(
        "string-append",
        closc_prim_string_append,
        AtLeast(0),
        Varargs
    ),
    builtin!("substring", closc_prim_substring, Between(2, 3), Varargs),
    // More strings (strings.rs).
    builtin!(
        "make-string",
        closc_prim_make_string,
        Between(1, 2),
        Varargs
    ),
    builtin!("string", closc_prim_string, AtLeast(0), Varargs),
    builtin!("string-set!", closc_prim_string_set_x, Exactly(3), F3),
    builtin!(
        "string-copy",
        closc_prim_string_copy,
        Between(1, 3),
        Varargs
    ),
    builtin!(
        "string-copy!",
        closc_prim_string_copy_x,
        Between(3, 5),
        Varargs
    ),
    builtin!(
        "string-fill!",
        closc_prim_string_fill_x,
        Between(2, 4),
        Varargs
    ),
    builtin!(
        "string->list",
        closc_prim_string_to_list,
        Between(1, 3),
        Varargs
    ),
    builtin!("list->string", closc_prim_list_to_string, Exactly(1), F1),
    builtin!(
        "string->vector",
        closc_prim_string_to_vector,
        Between(1, 3),
        Varargs
    ),
    builtin!(
        "vector->string",
        closc_prim_vector_to_string,
        Between(1, 3),
        Varargs
    ),
    builtin!("string=?", closc_prim_string_eq_p, AtLeast(1), Varargs),
    builtin!("string<?", closc_prim_string_lt_p, AtLeast(1), Varargs),
    builtin!("string>?", closc_prim_string_gt_p, AtLeast(1), Varargs),
    builtin!("string<=?", closc_prim_string_lt_eq_p, AtLeast(1), Varargs),
    builtin!("string>=?", closc_prim_string_gt_eq_p, AtLeast(1), Varargs),
    builtin!(
        "string-ci=?",
        closc_prim_string_ci_eq_p,
        AtLeast(1),
        Varargs
    ),
    builtin!(
        "string-ci<?",
        closc_prim_string_ci_lt_p,
        AtLeast(1),
        Varargs
    ),
    builtin!(
        "string-ci>?",
        closc_prim_string_ci_gt_p,
        AtLeast(1),
        Varargs
    ),
    builtin!(
        "string-ci<=?",
        closc_prim_string_ci_lt_eq_p,
        AtLeast(1),
        Varargs
    ),
    builtin!(
        "string-ci>=?",
        closc_prim_string_ci_gt_eq_p,
        AtLeast(1),
        Varargs
    ),
    builtin!("string-upcase", closc_prim_string_upcase, Exactly(1), F1),
    builtin!(
        "string-downcase",
        closc_prim_string_downcase,
        Exactly(1),
        F1
    ),
    builtin!(
        "string-foldcase",
        closc_prim_string_foldcase,
        Exactly(1),
        F1
    ),
    // Vectors.
    builtin!("vector", closc_prim_vector, AtLeast(0), Varargs),
    builtin!(
        "make-vector",
        closc_prim_make_vector,
        Between(1, 2),
        Varargs
    ),
    builtin!("vector-ref", closc_prim_vector_ref, Exactly(2), F2),
    builtin!("vector-set!", closc_prim_vector_set_x, Exactly(3), F3),
    builtin!("vector-length", closc_prim_vector_length, Exactly(1), F1),
    builtin!("vector?", closc_prim_vector_p, Exactly(1), F1),
    builtin!("list->vector", closc_prim_list_to_vector, Exactly(1), F1),
    // More vectors (vectors.rs).
    builtin!(
        "vector->list",
        closc_prim_vector_to_list,
        Between(1, 3),
        Varargs
    ),
    builtin!(
        "vector-fill!",
        closc_prim_vector_fill_x,
        Between(2, 4),
        Varargs
    ),
    builtin!(
        "vector-copy",
        closc_prim_vector_copy,
        Between(1, 3),
        Varargs
    ),
    builtin!(
        "vector-copy!",
        closc_prim_vector_copy_x,
        Between(3, 5),
        Varargs
    ),
    builtin!(
        "vector-append",
        closc_prim_vector_append,
        AtLeast(0),
        Varargs
    ),
    // Bytevectors (bytevectors.rs).
    builtin!("bytevector?", closc_prim_bytevector_p, Exactly(1), F1),
    builtin!(
        "make-bytevector",
        closc_prim_make_bytevector,
        Between(1, 2),
        Varargs
    ),
    builtin!("bytevector", closc_prim_bytevector, AtLeast(0), Varargs),
    builtin!(
        "bytevector-length",
        closc_prim_bytevector_length,
        Exactly(1),
        F1
    ),
    builtin!(
        "bytevector-u8-ref",
        closc_prim_bytevector_u8_ref,
        Exactly(2),
        F2
    ),
    builtin!(
        "bytevector-u8-set!",
        closc_prim_bytevector_u8_set_x,
        Exactly(3),
        F3
    ),
    builtin!(
        "bytevector-copy",
        closc_prim_bytevector_copy,
        Between(1, 3),
        Varargs
    ),
    builtin!(
        "bytevector-copy!",
        closc_prim_bytevector_copy_x,
        Between(3, 5),
        Varargs
    ),
    builtin!(
        "bytevector-append",
        closc_prim_bytevector_append,
        AtLeast(0),
        Varargs
    ),
    builtin!(
        "utf8->string",
        closc_prim_utf8_to_string,
        Between(1, 3),
        Varargs
    ),
    builtin!(
        "string->utf8",
        closc_prim_string_to_utf8,
        Between(1, 3),
        Varargs
    ),
    // Characters.
    builtin!("char?", closc_prim_char_p, Exactly(1), F1),
    builtin!("char->integer", closc_prim_char_to_integer, Exactly(1), F1),
    builtin!("integer->char", closc_prim_integer_to_char, Exactly(1), F1),
    // More characters (chars.rs).
    builtin!(
        "char-alphabetic?",
        closc_prim_char_alphabetic_p,
        Exactly(1),
        F1
    ),
    builtin!("char-numeric?", closc_prim_char_numeric_p, Exactly(1), F1),
    builtin!(
        "char-whitespace?",
        closc_prim_char_whitespace_p,
        Exactly(1),
        F1
    ),
    builtin!(
        "char-upper-case?",
        closc_prim_char_upper_case_p,
        Exactly(1),
        F1
    ),
    builtin!(
        "char-lower-case?",
        closc_prim_char_lower_case_p,
        Exactly(1),
        F1
    ),
    builtin!("digit-value", closc_prim_digit_value, Exactly(1), F1),
    builtin!("char-upcase", closc_prim_char_upcase, Exactly(1), F1),
    builtin!("char-downcase", closc_prim_char_downcase, Exactly(1), F1),
    builtin!("char-foldcase", closc_prim_char_foldcase, Exactly(1), F1),
    builtin!("char=?", closc_prim_char_eq_p, AtLeast(1), Varargs),
    builtin!("char<?", closc_prim_char_lt_p, AtLeast(1), Varargs),
    builtin!("char>?", closc_prim_char_gt_p, AtLeast(1), Varargs),
    builtin!("char<=?", closc_prim_char_lt_eq_p, AtLeast(1), Varargs),
    builtin!("char>=?", closc_prim_char_gt_eq_p, AtLeast(1), Varargs),
    builtin!("char-ci=?", closc_prim_char_ci_eq_p, AtLeast(1), Varargs),
    builtin!("char-ci<?", closc_prim_char_ci_lt_p, AtLeast(1), Varargs),
    builtin!("char-ci>?", closc_prim_char_ci_gt_p, AtLeast(1), Varargs),
    builtin!(
        "char-ci<=?",
        closc_prim_char_ci_lt_eq_p,
        AtLeast(1),
        Varargs
    ),
    builtin!(
        "char-ci>=?",
        closc_prim_char_ci_gt_eq_p,
        AtLeast(1),
        Varargs
    ),
    // Records (records.rs): the expansion of define-record-type calls these.
    builtin!(
        "%make-record-type",
        closc_prim_pct_make_record_type,
        Exactly(1),
        F1
    ),
    builtin!("%record", closc_prim_pct_record, AtLeast(1), Varargs),
    builtin!("%record?", closc_prim_pct_record_p, Exactly(2), F2),
    builtin!("%record-ref", closc_prim_pct_record_ref, Exactly(3), F3),
    builtin!(
        "%record-set!",
        closc_prim_pct_record_set_x,
        Between(4, 4),
        Varargs
    ),
    // Multiple values and the process (control.rs).
    builtin!("values", closc_prim_values, AtLeast(0), Varargs),
    builtin!(
        "%values->list",
        closc_prim_pct_values_to_list,
        Exactly(1),
        F1
    ),
    builtin!("command-line", closc_prim_command_line, Exactly(0), F0),
    builtin!("features", closc_prim_features, Exactly(0), F0),
    builtin!(
        "emergency-exit",
        closc_prim_emergency_exit,
        Between(0, 1),
        Varargs
    ),
    // Ports and input/output (ports.rs).
    builtin!("display", closc_prim_display, Between(1, 2), Varargs),
    builtin!("write", closc_prim_write, Between(1, 2), Varargs),
    builtin!(
        "write-shared",
        closc_prim_write_shared,
        Between(1, 2),
        Varargs
    ),
    builtin!(
        "write-simple",
        closc_prim_write_simple,
        Between(1, 2),
        Varargs
    ),
    builtin!("newline", closc_prim_newline, Between(0, 1), Varargs),
    builtin!("write-char", closc_prim_write_char, Between(1, 2), Varargs),
    builtin!(
        "write-string",
        closc_prim_write_string,
        Between(1, 4),
        Varargs
    ),
    builtin!(
        "flush-output-port",
        closc_prim_flush_output_port,
        Between(0, 1),
        Varargs
    ),
    builtin!(
        "current-input-port",
        closc_prim_current_input_port,
        Exactly(0),
        F0
    ),
    builtin!(
        "current-output-port",
        closc_prim_current_output_port,
        Exactly(0),
        F0
    ),
    builtin!(
        "current-error-port",
        closc_prim_current_error_port,
        Exactly(0),
        F0
    ),
    builtin!(
        "open-input-string",
        closc_prim_open_input_string,
        Exactly(1),
        F1
    ),
    builtin!(
        "open-output-string",
        closc_prim_open_output_string,
        Exactly(0),
        F0
    ),
    builtin!(
        "get-output-string",
        closc_prim_get_output_string,
        Exactly(1),
        F1
    ),
    builtin!("port?", closc_prim_port_p, Exactly(1), F1),
    builtin!("input-port?", closc_prim_input_port_p, Exactly(1), F1),
    builtin!("output-port?", closc_prim_output_port_p, Exactly(1), F1),
    builtin!("textual-port?", closc_prim_textual_port_p, Exactly(1), F1),
    builtin!("binary-port?", closc_prim_binary_port_p, Exactly(1), F1),
    builtin!(
        "input-port-open?",
        closc_prim_input_port_open_p,
        Exactly(1),
        F1
    ),
    builtin!(
        "output-port-open?",
        closc_prim_output_port_open_p,
        Exactly(1),
        F1
    ),
    builtin!("close-port", closc_prim_close_port, Exactly(1), F1),
    builtin!(
        "close-input-port",
        closc_prim_close_input_port,
        Exactly(1),
        F1
    ),
    builtin!(
        "close-output-port",
        closc_prim_close_output_port,
        Exactly(1),
        F1
    ),
    builtin!("read-char", closc_prim_read_char, Between(0, 1), Varargs),
    builtin!("peek-char", closc_prim_peek_char, Between(0, 1), Varargs),
    builtin!("read-line", closc_prim_read_line, Between(0, 1), Varargs),
    builtin!(
        "read-string",
        closc_prim_read_string,
        Between(1, 2),
        Varargs
    ),
    builtin!(
        "char-ready?",
        closc_prim_char_ready_p,
        Between(0, 1),
        Varargs
    ),
    builtin!("read", closc_prim_read, Between(0, 1), Varargs),
    builtin!("eof-object", closc_prim_eof_object, Exactly(0), F0),
    builtin!("eof-object?", closc_prim_eof_object_p, Exactly(1), F1),
    // Output and control.
    builtin!("exit", closc_prim_exit, Between(0, 1), Varargs),
    // Exceptions and continuations (exceptions.rs, continuations.rs); the
    // `%` ones serve the prelude's call/cc, dynamic-wind and handlers.
    builtin!("error", closc_prim_error, AtLeast(1), Varargs),
    builtin!("raise", closc_prim_raise, Exactly(1), F1),
    builtin!("error-object?", closc_prim_error_object_p, Exactly(1), F1),
    builtin!(
        "error-object-message",
        closc_prim_error_object_message,
        Exactly(1),
        F1
    ),
    builtin!(
        "error-object-irritants",
        closc_prim_error_object_irritants,
        Exactly(1),
        F1
    ),
    builtin!("read-error?", closc_prim_read_error_p, Exactly(1), F1),
    builtin!("file-error?", closc_prim_file_error_p, Exactly(1), F1),
    builtin!("%handlers", closc_prim_pct_handlers, Exactly(0), F0),
    builtin!(
        "%set-handlers!",
        closc_prim_pct_set_handlers_x,
        Exactly(1),
        F1
    ),
    builtin!("%winders", closc_prim_pct_winders, Exactly(0), F0),
    builtin!(
        "%set-winders!",
        closc_prim_pct_set_winders_x,
        Exactly(1),
        F1
    ),
    Builtin {
        name: "%capture",
        symbol: "closc_prim_pct_capture",
        arity: Exactly(0),
        entry: Entry::F0(crate::continuations::closc_prim_pct_capture_entry),
    },
    builtin!(
        "%capture-resumed?",
        closc_prim_pct_capture_resumed_p,
        Exactly(0),
        F0
    ),
    builtin!("%throw", closc_prim_pct_throw, Exactly(2), F2),
];

/// The builtin named `name`, if any.
pub fn lookup(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

// ---------------------------------------------------------------------------
// Argument helpers.

/// The arguments of a `Varargs` call, after checking their count.
pub(crate) fn args<'a>(proc: &str, argc: u64, argv: *const Value, arity: Arity) -> &'a [Value] {
    if !arity.accepts(argc) {
        let (min, max) = arity.bounds();
        fatal(&format!(
            "{proc}: wrong number of arguments: {}, got {argc}",
            expected_text(min, max)
        ));
    }
    if argc == 0 {
        &[]
    } else {
        // SAFETY: compiled code passes `argc` values at `argv`.
        unsafe { std::slice::from_raw_parts(argv, argc as usize) }
    }
}

/// An index or count argument (a fixnum), untagged.
#[inline]
pub(crate) fn fx_arg(proc: &str, v: Value) -> i64 {
    if is_fixnum(v) {
        fixnum_value(v)
    } else {
        type_error(proc, "fixnum", v)
    }
}

#[inline]
pub(crate) fn pair_arg(proc: &str, v: Value) -> Value {
    if is_pair(v) {
        v
    } else {
        type_error(proc, "pair", v)
    }
}

#[inline]
pub(crate) fn string_arg(proc: &str, v: Value) -> Value {
    if is_string(v) {
        v
    } else {
        type_error(proc, "string", v)
    }
}

#[inline]
pub(crate) fn vector_arg(proc: &str, v: Value) -> Value {
    if is_vector(v) {
        v
    } else {
        type_error(proc, "vector", v)
    }
}

pub(crate) fn not_a_list(proc: &str, v: Value) -> ! {
    type_error(proc, "proper list", v)
}

/// The length of `v` if it is a proper list (None if it is improper or
/// circular).
pub fn proper_length(v: Value) -> Option<usize> {
    let (mut fast, mut slow, mut n) = (v, v, 0usize);
    loop {
        for _ in 0..2 {
            if fast == NIL {
                return Some(n);
            }
            if !is_pair(fast) {
                return None;
            }
            fast = cdr(fast);
            n += 1;
        }
        slow = cdr(slow);
        if fast == slow {
            return None;
        }
    }
}

/// The elements of proper list `v` (an error naming `proc` otherwise).
pub(crate) fn list_elements(proc: &str, v: Value) -> Vec<Value> {
    let n = proper_length(v).unwrap_or_else(|| not_a_list(proc, v));
    let mut out = Vec::with_capacity(n);
    let mut l = v;
    while l != NIL {
        out.push(car(l));
        l = cdr(l);
    }
    out
}

/// A new list of `elems` ending in `tail`.
pub(crate) fn list_with_tail(elems: &[Value], tail: Value) -> Value {
    elems.iter().rev().fold(tail, |acc, &x| cons(x, acc))
}

/// The first pair of `list` for which `pred` holds, or `#f`; an error naming
/// `proc` if the list is improper (or circular) before such a pair.
fn find_pair(proc: &str, list: Value, mut pred: impl FnMut(Value) -> bool) -> Value {
    let (mut l, mut slow, mut steps) = (list, list, 0u64);
    loop {
        if l == NIL {
            return FALSE;
        }
        if !is_pair(l) {
            not_a_list(proc, list);
        }
        if pred(l) {
            return l;
        }
        l = cdr(l);
        steps += 1;
        if steps % 2 == 0 {
            slow = cdr(slow);
            if slow == l {
                not_a_list(proc, list);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Booleans and equivalence.

#[no_mangle]
pub extern "C" fn closc_prim_not(a: Value) -> Value {
    boolean(a == FALSE)
}

#[no_mangle]
pub extern "C" fn closc_prim_eq_p(a: Value, b: Value) -> Value {
    boolean(a == b)
}

/// `eqv?`: `eq?`, except that numbers other than fixnums (heap objects) are
/// compared by exactness and value (see `numbers::eqv`).
pub fn eqv(a: Value, b: Value) -> bool {
    a == b || (is_object(a) && is_object(b) && crate::numbers::eqv(a, b))
}

#[no_mangle]
pub extern "C" fn closc_prim_eqv_p(a: Value, b: Value) -> Value {
    boolean(eqv(a, b))
}

/// `equal?`: structural on pairs, vectors, strings, bytevectors and boxes, `eqv?`
/// elsewhere. Walks the structures with an explicit stack (no Rust recursion).
/// Terminates on circular structures (see `TRACK_AFTER`).
pub fn equal(a: Value, b: Value) -> bool {
    // R7RS: equal? terminates on circular data. After this many compound
    // comparisons (so never on ordinary data of moderate size) every compared
    // pair of compound objects is remembered, and a pair met again is taken
    // as equal: the comparison is then one of (possibly infinite) trees.
    const TRACK_AFTER: usize = 100_000;
    let mut steps = 0usize;
    let mut seen: std::collections::HashSet<(Value, Value)> = Default::default();
    let mut stack = vec![(a, b)];
    while let Some((x, y)) = stack.pop() {
        if eqv(x, y) {
            continue;
        }
        if is_pair(x) || is_vector(x) || is_box(x) {
            steps += 1;
            if steps > TRACK_AFTER && !seen.insert((x, y)) {
                continue;
            }
        }
        if is_pair(x) {
            if !is_pair(y) {
                return false;
            }
            stack.push((cdr(x), cdr(y)));
            stack.push((car(x), car(y)));
            continue;
        }
        match (object_kind(x), object_kind(y)) {
            (HDR_STRING, HDR_STRING) => {
                if string_slice(x) != string_slice(y) {
                    return false;
                }
            }
            (HDR_VECTOR, HDR_VECTOR) => {
                let n = vector_len(x);
                if vector_len(y) != n {
                    return false;
                }
                for i in (1..=n).rev() {
                    stack.push((field(x, i), field(y, i)));
                }
            }
            (HDR_BOX, HDR_BOX) => stack.push((field(x, 1), field(y, 1))),
            (HDR_BYTEVECTOR, HDR_BYTEVECTOR) => {
                if crate::bytevectors::bytevector_slice(x)
                    != crate::bytevectors::bytevector_slice(y)
                {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

#[no_mangle]
pub extern "C" fn closc_prim_equal_p(a: Value, b: Value) -> Value {
    boolean(equal(a, b))
}

#[no_mangle]
pub extern "C" fn closc_prim_boolean_p(a: Value) -> Value {
    boolean(a == TRUE || a == FALSE)
}

// ---------------------------------------------------------------------------
// Pairs and lists.

#[no_mangle]
pub extern "C" fn closc_prim_cons(a: Value, b: Value) -> Value {
    cons(a, b)
}

#[no_mangle]
pub extern "C" fn closc_prim_car(p: Value) -> Value {
    car(pair_arg("car", p))
}

#[no_mangle]
pub extern "C" fn closc_prim_cdr(p: Value) -> Value {
    cdr(pair_arg("cdr", p))
}

#[no_mangle]
pub extern "C" fn closc_prim_set_car_x(p: Value, v: Value) -> Value {
    set_field(pair_arg("set-car!", p), 1, v);
    crate::gc::write_barrier(p, 1, v);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_set_cdr_x(p: Value, v: Value) -> Value {
    set_field(pair_arg("set-cdr!", p), 2, v);
    crate::gc::write_barrier(p, 2, v);
    VOID
}

/// `c[ad]+r`: `path` lists the accessors innermost first (`cadr` is "da");
/// an error reports the original argument.
fn cxr(proc: &str, path: &[u8], v: Value) -> Value {
    let mut x = v;
    for &step in path {
        if !is_pair(x) {
            type_error(proc, "pair", v);
        }
        x = if step == b'a' { car(x) } else { cdr(x) };
    }
    x
}

#[no_mangle]
pub extern "C" fn closc_prim_caar(v: Value) -> Value {
    cxr("caar", b"aa", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cadr(v: Value) -> Value {
    cxr("cadr", b"da", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cdar(v: Value) -> Value {
    cxr("cdar", b"ad", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_cddr(v: Value) -> Value {
    cxr("cddr", b"dd", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_caddr(v: Value) -> Value {
    cxr("caddr", b"dda", v)
}

#[no_mangle]
pub extern "C" fn closc_prim_list(argc: u64, argv: *const Value) -> Value {
    list_with_tail(args("list", argc, argv, AtLeast(0)), NIL)
}

#[no_mangle]
pub extern "C" fn closc_prim_length(l: Value) -> Value {
    match proper_length(l) {
        Some(n) => fixnum(n as i64),
        None => not_a_list("length", l),
    }
}

/// `append`: copies every argument but the last (which may be any value).
pub fn append(lists: &[Value]) -> Value {
    let Some((&last, init)) = lists.split_last() else {
        return NIL;
    };
    // Copied front to back, each new pair's cdr filled in when the next one
    // exists: no intermediate vector. No write barrier is needed: runtime
    // allocation never collects, and a pair it had to put in the old
    // generation is already in the remembered set.
    let mut head = NIL;
    let mut last_pair: Option<*mut u64> = None;
    for &l in init {
        if proper_length(l).is_none() {
            not_a_list("append", l);
        }
        let mut x = l;
        while x != NIL {
            let p = cons(car(x), NIL);
            let raw = (p & !TAG_MASK) as *mut u64;
            match last_pair {
                // SAFETY: `q` is the pair allocated just before: field 2 is its cdr.
                Some(q) => unsafe { *q.add(2) = p },
                None => head = p,
            }
            last_pair = Some(raw);
            x = cdr(x);
        }
    }
    match last_pair {
        // SAFETY: as above.
        Some(q) => unsafe { *q.add(2) = last },
        None => return last,
    }
    head
}

#[no_mangle]
pub extern "C" fn closc_prim_append(argc: u64, argv: *const Value) -> Value {
    append(args("append", argc, argv, AtLeast(0)))
}

#[no_mangle]
pub extern "C" fn closc_prim_reverse(l: Value) -> Value {
    if proper_length(l).is_none() {
        not_a_list("reverse", l);
    }
    let (mut acc, mut x) = (NIL, l);
    while x != NIL {
        acc = cons(car(x), acc);
        x = cdr(x);
    }
    acc
}

/// The list after dropping `k` pairs, for `list-tail` and `list-ref`.
fn drop_pairs(proc: &str, l: Value, k: Value) -> Value {
    let n = fx_arg(proc, k);
    if n < 0 {
        index_error(proc, k);
    }
    let mut x = l;
    for _ in 0..n {
        if !is_pair(x) {
            index_error(proc, k);
        }
        x = cdr(x);
    }
    x
}

#[no_mangle]
pub extern "C" fn closc_prim_list_tail(l: Value, k: Value) -> Value {
    drop_pairs("list-tail", l, k)
}

#[no_mangle]
pub extern "C" fn closc_prim_list_ref(l: Value, k: Value) -> Value {
    let x = drop_pairs("list-ref", l, k);
    if !is_pair(x) {
        index_error("list-ref", k);
    }
    car(x)
}

#[no_mangle]
pub extern "C" fn closc_prim_memq(x: Value, l: Value) -> Value {
    find_pair("memq", l, |p| car(p) == x)
}

#[no_mangle]
pub extern "C" fn closc_prim_memv(x: Value, l: Value) -> Value {
    find_pair("memv", l, |p| eqv(car(p), x))
}

fn assoc_with(proc: &str, x: Value, l: Value, same: fn(Value, Value) -> bool) -> Value {
    let p = find_pair(proc, l, |p| {
        let entry = car(p);
        if !is_pair(entry) {
            type_error(proc, "pair", entry);
        }
        same(car(entry), x)
    });
    if p == FALSE {
        FALSE
    } else {
        car(p)
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_assq(x: Value, l: Value) -> Value {
    assoc_with("assq", x, l, |a, b| a == b)
}

#[no_mangle]
pub extern "C" fn closc_prim_assv(x: Value, l: Value) -> Value {
    assoc_with("assv", x, l, eqv)
}

#[no_mangle]
pub extern "C" fn closc_prim_null_p(a: Value) -> Value {
    boolean(a == NIL)
}

#[no_mangle]
pub extern "C" fn closc_prim_pair_p(a: Value) -> Value {
    boolean(is_pair(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_list_p(a: Value) -> Value {
    boolean(proper_length(a).is_some())
}

// ---------------------------------------------------------------------------
// Procedures and symbols.

#[no_mangle]
pub extern "C" fn closc_prim_procedure_p(a: Value) -> Value {
    boolean(is_closure(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_symbol_p(a: Value) -> Value {
    boolean(is_symbol(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_symbol_to_string(a: Value) -> Value {
    if !is_symbol(a) {
        type_error("symbol->string", "symbol", a);
    }
    make_string_from_chars(string_slice(symbol_name_string(a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_to_symbol(a: Value) -> Value {
    intern(&string_to_rust(string_arg("string->symbol", a)))
}

// ---------------------------------------------------------------------------
// Strings.

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
    let mut total = 0;
    for &s in args {
        total += string_len(string_arg("string-append", s));
    }
    let r = alloc_string(total);
    let mut at = 0;
    for &s in args {
        let cs = string_slice(s);
        // SAFETY: `r` has room for `total` characters; `cs` is a different,
        // older object.
        unsafe { std::ptr::copy_nonoverlapping(cs.as_ptr(), string_chars(r).add(at), cs.len()) };
        at += cs.len();
    }
    r
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
    make_string_from_chars(&string_slice(s)[start as usize..end as usize])
}

// ---------------------------------------------------------------------------
// Vectors.

#[no_mangle]
pub extern "C" fn closc_prim_vector(argc: u64, argv: *const Value) -> Value {
    vector_from(args("vector", argc, argv, AtLeast(0)))
}

#[no_mangle]
pub extern "C" fn closc_prim_make_vector(argc: u64, argv: *const Value) -> Value {
    let args = args("make-vector", argc, argv, Between(1, 2));
    let n = length_arg("make-vector", args[0]);
    make_vector(n, args.get(1).copied().unwrap_or(fixnum(0)))
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_ref(v: Value, k: Value) -> Value {
    let v = vector_arg("vector-ref", v);
    let i = index_arg("vector-ref", k, vector_len(v));
    field(v, 1 + i)
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_set_x(v: Value, k: Value, x: Value) -> Value {
    let v = vector_arg("vector-set!", v);
    let i = index_arg("vector-set!", k, vector_len(v));
    set_field(v, 1 + i, x);
    crate::gc::write_barrier(v, 1 + i, x);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_length(v: Value) -> Value {
    fixnum(vector_len(vector_arg("vector-length", v)) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_vector_p(a: Value) -> Value {
    boolean(is_vector(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_list_to_vector(l: Value) -> Value {
    vector_from(&list_elements("list->vector", l))
}

// ---------------------------------------------------------------------------
// Characters.

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

// ---------------------------------------------------------------------------
// Output and control.

/// The process exit status for `(exit v)`: `#t`/void -> 0, `#f` -> 1, a
/// fixnum -> its low 8 bits, anything else -> 1.
pub fn exit_status(v: Option<Value>) -> i32 {
    match v {
        None | Some(TRUE) | Some(VOID) => 0,
        Some(v) if is_fixnum(v) => (fixnum_value(v) & 0xFF) as i32,
        Some(_) => 1,
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_exit(argc: u64, argv: *const Value) -> Value {
    let args = args("exit", argc, argv, Between(0, 1));
    output::flush();
    crate::gc::report_stats();
    std::process::exit(exit_status(args.first().copied()))
}

/// The message of `(error ...)` (without the `error: ` prefix).
pub fn error_message(args: &[Value]) -> String {
    let (mut msg, irritants) = if args.len() >= 2 && is_symbol(args[0]) && is_string(args[1]) {
        (
            format!("{}: {}", displayed(args[0]), displayed(args[1])),
            &args[2..],
        )
    } else {
        (displayed(args[0]), &args[1..])
    };
    if !irritants.is_empty() {
        let parts: Vec<String> = irritants.iter().map(|&v| written(v)).collect();
        msg.push_str(": ");
        msg.push_str(&parts.join(" "));
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::global::test_lock;

    fn list(xs: &[Value]) -> Value {
        list_with_tail(xs, NIL)
    }
    fn w(v: Value) -> String {
        let mut out = Vec::new();
        crate::printer::print(&mut out, v, true);
        String::from_utf8(out).unwrap()
    }
    fn call(f: extern "C" fn(u64, *const Value) -> Value, args: &[Value]) -> Value {
        f(args.len() as u64, args.as_ptr())
    }
    fn fx(ns: &[i64]) -> Vec<Value> {
        ns.iter().map(|&n| fixnum(n)).collect()
    }

    #[test]
    fn table_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        for b in BUILTINS {
            assert_eq!(
                b.symbol,
                format!("closc_prim_{}", mangle(b.name)),
                "{}",
                b.name
            );
            assert!(seen.insert(b.symbol), "duplicate symbol {}", b.symbol);
            let fixed = match b.entry {
                Entry::F0(_) => Some(0),
                Entry::F1(_) => Some(1),
                Entry::F2(_) => Some(2),
                Entry::F3(_) => Some(3),
                Entry::Varargs(_) => None,
            };
            match (b.arity, fixed) {
                (Arity::Exactly(n), Some(k)) => assert_eq!(n, k, "{}", b.name),
                (Arity::Exactly(_), None) => panic!("{}: exact arity uses Varargs", b.name),
                (_, Some(_)) => panic!("{}: variable arity uses a fixed entry", b.name),
                _ => {}
            }
        }
        assert_eq!(mangle("list->vector"), "list_to_vector");
        assert_eq!(mangle("set-car!"), "set_car_x");
        assert_eq!(mangle("string=?"), "string_eq_p");
        assert!(lookup("car").is_some() && lookup("frobnicate").is_none());
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
        // Checked against Chez 9.5.8.
        let w = |s: &str, r: u32| parse(s, r).map(|n| format(&n, 10));
        let f = |s: &str, r: u32| parse(s, 10).map(|n| format(&n, r));
        assert_eq!(f("255", 16).as_deref(), Some("FF"));
        assert_eq!(f("-255", 2).as_deref(), Some("-11111111"));
        assert_eq!(
            f("-4611686018427387904", 10).as_deref(),
            Some("-4611686018427387904")
        );
        let r = call(closc_prim_number_to_string, &[fixnum(-42)]);
        assert_eq!(string_to_rust(r), "-42");
        let r = call(closc_prim_number_to_string, &[fixnum(255), fixnum(16)]);
        assert_eq!(string_to_rust(r), "FF");
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
            ("1.5", 16, None),
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
        set_field(cdr(cdr(circ)), 2, circ);
        assert_eq!(closc_prim_list_p(circ), FALSE);
        assert_eq!(proper_length(circ), None);
        let one = list(&fx(&[1]));
        set_field(one, 2, one);
        assert_eq!(proper_length(one), None);
        // memq finds elements of a circular list; printing it needs a bound.
        let m = closc_prim_memq(fixnum(3), circ);
        let mut out = Vec::new();
        crate::printer::print_limited(&mut out, m, true, 10);
        assert!(out.starts_with(b"(3 1 2 3 1"));
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
        assert_eq!(w(sym), "a\\x20;b");
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
}
