//! `BUILTINS`, the one table the compiler reads to know each builtin's Scheme
//! name, exported C symbol, arity and calling convention, and `lookup` by
//! name. The compiler indexes the table by position, so entries keep their
//! order.
//!
//! Invariants:
//! - every entry function is `#[no_mangle] pub extern "C"` and is named
//!   `closc_prim_` + `mangle(scheme name)`; the table's `symbol` field is that
//!   same name (the `builtin!` macro takes it from the function's identifier,
//!   and a unit test checks it against `mangle`);
//! - builtins with exactly 0..=3 arguments use `F0`..`F3`; everything with
//!   optional or variable arguments uses `Varargs` (argc, argv) and re-checks
//!   argc against its arity (`crate::args`);
//! - the entry functions live in this folder, one file per R7RS chapter,
//!   except the few that are the control machinery itself (`%capture-entry`,
//!   `%throw`, `%handlers`, ... in `control/`) and the port procedures
//!   (`io/ports.rs`).

pub use crate::args::Arity;
use crate::memory::value::Value;

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

use crate::builtins::bytevectors::*;
use crate::builtins::chars::*;
use crate::builtins::control::*;
use crate::builtins::equivalence::*;
use crate::builtins::exceptions::*;
use crate::builtins::lists::*;
use crate::builtins::numbers::*;
use crate::builtins::records::*;
use crate::builtins::strings::*;
use crate::builtins::symbols::*;
use crate::builtins::system::*;
use crate::builtins::vectors::*;
use crate::control::continuations::*;
use crate::control::exceptions::*;
use crate::io::ports::*;
use Arity::{AtLeast, Between, Exactly};

pub static BUILTINS: &[Builtin] = &[
    // Numbers (builtins/numbers.rs).
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
        entry: Entry::F0(crate::control::continuations::closc_prim_pct_capture_entry),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
