//! `BUILTINS`, the one table of builtins: for each, its Scheme name, the R7RS
//! library it belongs to, exported C symbol, arity, calling convention, and
//! its properties as data (how codegen compiles it inline, whether it
//! allocates or can raise, what its result says about flonums). The
//! expander's names, alpha-rename, the passes, codegen, the JIT's symbol
//! registration and `closc explain` all read it; `BuiltinId::named` is the
//! one lookup by name.
//!
//! Invariants:
//! - every entry function is `#[no_mangle] pub extern "C"` and is named
//!   `closc_prim_` + `mangle(scheme name)`; the table's `symbol` field is that
//!   same name (the `builtin!` macro takes it from the function's identifier,
//!   and a unit test checks it against `mangle`);
//! - builtins with exactly 0..=3 arguments use `F0`..`F3`; everything with
//!   optional or variable arguments uses `Varargs` (argc, argv) and re-checks
//!   argc against its arity (`crate::args`);
//! - a builtin is in library `Internal` exactly when its name starts with
//!   `%`: the runtime's helpers for the prelude and for expansions, which
//!   user code cannot name;
//! - a `false` for `allocates` or `can_raise` is a promise (codegen may rely
//!   on it); `true` means "may";
//! - the compiler identifies a builtin by its position (`BuiltinId`), and so
//!   does `closc_rt_apply_builtin`: entries keep their order;
//! - the entry functions live in this folder, one file per R7RS chapter (and
//!   `hashtables/`, `bitwise.rs` for closc's own libraries),
//!   except the few that are the control machinery itself (`%capture`,
//!   `%throw`, `%handlers`, ... in `control/`) and the port procedures
//!   (`io/ports.rs`).

pub use crate::args::Arity;
use crate::memory::value::{Value, PAIR_BYTES};

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

    /// How many machine words the function takes (`Varargs`: argc and argv).
    pub fn params(self) -> usize {
        match self {
            Entry::F0(_) => 0,
            Entry::F1(_) => 1,
            Entry::F2(_) | Entry::Varargs(_) => 2,
            Entry::F3(_) => 3,
        }
    }
}

/// The R7RS-small library that exports a builtin (appendix A); a name in
/// several belongs to the first that defines it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Library {
    Base,
    CaseLambda,
    Char,
    Complex,
    Cxr,
    Eval,
    File,
    Inexact,
    Lazy,
    Load,
    ProcessContext,
    Read,
    Repl,
    Time,
    Write,
    R5rs,
    /// closc's own extras, in no R7RS library.
    Closc,
    /// `%`-named helpers of the prelude and of expansions; in no library,
    /// and not visible to user code.
    Internal,
    /// `(closc strings)`: the string-library kernels SRFI 13 and SRFI 152
    /// re-export (`string_library.rs`).
    Strings,
    /// Hash tables (`builtins/hashtables/`), the base of SRFI 69 and 125.
    HashTables,
    /// Bitwise and fixnum operations (`builtins/bitwise.rs`), the base of
    /// SRFI 151 and 143.
    Bitwise,
    /// Processes, the file system and the clock (`crate::system`), the base
    /// of `(closc process)`, `(closc file-system)` and `(closc time)`.
    Os,
    /// `(closc ffi)`: pointers, foreign buffers, shared objects (`builtins/ffi/`).
    Ffi,
    /// Character sets (`builtins/char_sets/`), the base of SRFI 14.
    CharSets,
}

impl Library {
    /// The library's name as `import` spells it (`None` for `Internal`).
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Library::Base => "(scheme base)",
            Library::CaseLambda => "(scheme case-lambda)",
            Library::Char => "(scheme char)",
            Library::Complex => "(scheme complex)",
            Library::Cxr => "(scheme cxr)",
            Library::Eval => "(scheme eval)",
            Library::File => "(scheme file)",
            Library::Inexact => "(scheme inexact)",
            Library::Lazy => "(scheme lazy)",
            Library::Load => "(scheme load)",
            Library::ProcessContext => "(scheme process-context)",
            Library::Read => "(scheme read)",
            Library::Repl => "(scheme repl)",
            Library::Time => "(scheme time)",
            Library::Write => "(scheme write)",
            Library::R5rs => "(scheme r5rs)",
            Library::Closc => "(closc)",
            Library::Strings => "(closc strings)",
            Library::Internal => return None,
            Library::HashTables => "(closc hash-tables)",
            Library::Bitwise => "(closc bitwise)",
            Library::Os => "(closc os)",
            Library::Ffi => "(closc ffi)",
            Library::CharSets => "(closc char-sets)",
        })
    }
}

pub use crate::builtins::inline_kinds::*;

/// A builtin's properties, as the compiler reads them.
#[derive(Clone, Copy, Debug)]
pub struct Props {
    pub inline: Option<Inline>,
    /// Bytes the inline code allocates (only meaningful with `inline`).
    pub inline_bytes: InlineBytes,
    /// May allocate on the Scheme heap (and so collect), inline or not.
    pub allocates: bool,
    /// May raise an error (a wrong argument type, a range).
    pub can_raise: bool,
    pub flonum: FlonumResult,
}

impl Props {
    /// What nothing is known about: a call to the entry that may do anything.
    pub const GENERAL: Props = Props {
        inline: None,
        inline_bytes: InlineBytes::Fixed(0),
        allocates: true,
        can_raise: true,
        flonum: FlonumResult::Unhinted,
    };
}

pub struct Builtin {
    /// The Scheme name.
    pub name: &'static str,
    pub library: Library,
    /// The exported C symbol of `entry`.
    pub symbol: &'static str,
    pub arity: Arity,
    pub entry: Entry,
    pub props: Props,
}

/// A builtin, by its position in `BUILTINS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BuiltinId(u16);

impl BuiltinId {
    /// The builtin named `name`, if any: the one lookup by name.
    pub fn named(name: &str) -> Option<BuiltinId> {
        BUILTINS
            .iter()
            .position(|b| b.name == name)
            .map(|i| BuiltinId(i as u16))
    }

    /// The id of `BUILTINS[index]` (what compiled code passes the runtime).
    pub fn from_index(index: usize) -> BuiltinId {
        assert!(index < BUILTINS.len(), "builtin index {index} out of range");
        BuiltinId(index as u16)
    }

    /// Its position in `BUILTINS`.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub fn builtin(self) -> &'static Builtin {
        &BUILTINS[self.index()]
    }

    /// Every builtin, in table order.
    pub fn all() -> impl Iterator<Item = BuiltinId> {
        (0..BUILTINS.len()).map(|i| BuiltinId(i as u16))
    }
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

/// `builtin!(Library, "name", entry_fn, arity, Convention; prop: value, ...)`:
/// one table entry, with `Props::GENERAL` for the properties not given.
/// `symbol = entry` names an entry whose exported symbol is another item's.
macro_rules! builtin {
    ($lib:ident, $name:literal, $symbol:ident = $f:path, $arity:expr, $conv:ident
     $(; $($prop:ident: $v:ident $(($a:tt))?),*)?) => {
        Builtin {
            name: $name,
            library: Library::$lib,
            symbol: stringify!($symbol),
            arity: $arity,
            entry: Entry::$conv($f),
            props: Props {
                $($($prop: prop!($prop, $v $(($a))?),)*)?
                ..Props::GENERAL
            },
        }
    };
    ($lib:ident, $name:literal, $f:ident, $arity:expr, $conv:ident
     $(; $($prop:ident: $v:ident $(($a:tt))?),*)?) => {
        builtin!($lib, $name, $f = $f, $arity, $conv $(; $($prop: $v $(($a))?),*)?)
    };
}

/// One property value of a `builtin!` entry, in its short form.
macro_rules! prop {
    (inline, $v:ident) => {
        Some(Inline::$v)
    };
    (inline, NumCompare($cmp:ident)) => {
        Some(Inline::NumCompare(NumCompare::$cmp))
    };
    (inline, Bitwise($op:ident)) => {
        Some(Inline::Bitwise(BitOp::$op))
    };
    (inline, CharCompare($cmp:ident)) => {
        Some(Inline::CharCompare(NumCompare::$cmp))
    };
    (inline, CharAscii($op:ident)) => {
        Some(Inline::CharAscii(CharOp::$op))
    };
    (inline, Fixnum($op:ident)) => {
        Some(Inline::Fixnum(FxOp::$op))
    };
    (inline, FixnumCompare($cmp:ident)) => {
        Some(Inline::Fixnum(FxOp::Compare(NumCompare::$cmp)))
    };
    (inline, $v:ident($path:literal)) => {
        Some(Inline::$v($path))
    };
    (inline_bytes, $v:ident($n:expr)) => {
        InlineBytes::$v($n)
    };
    (flonum, $v:ident) => {
        FlonumResult::$v
    };
    (allocates, $v:ident) => {
        $v
    };
    (can_raise, $v:ident) => {
        $v
    };
}

use crate::builtins::bitwise::*;
use crate::builtins::bytevectors::*;
use crate::builtins::char_sets::*;
use crate::builtins::chars::*;
use crate::builtins::control::*;
use crate::builtins::equivalence::*;
use crate::builtins::exceptions::*;
use crate::builtins::ffi::calls::*;
use crate::builtins::ffi::*;
use crate::builtins::hashtables::*;
use crate::builtins::lists::*;
use crate::builtins::numbers::*;
use crate::builtins::records::*;
use crate::builtins::string_library::*;
use crate::builtins::strings::*;
use crate::builtins::symbols::*;
use crate::builtins::system::*;
use crate::builtins::vectors::*;
use crate::control::calls::closc_prim_pct_case_lambda;
use crate::control::continuations::*;
use crate::control::eval::*;
use crate::control::exceptions::*;
use crate::io::ports::*;
use crate::system::file_system::*;
use crate::system::process::*;
use crate::system::time::*;
use Arity::{AtLeast, Between, Exactly};

#[rustfmt::skip]
pub static BUILTINS: &[Builtin] = &[
    // Numbers (builtins/numbers.rs).
    builtin!(Base, "+", closc_prim_add, AtLeast(0), Varargs; inline: Add, flonum: FollowsOperands),
    builtin!(Base, "-", closc_prim_sub, AtLeast(1), Varargs; inline: Sub, flonum: FollowsOperands),
    builtin!(Base, "*", closc_prim_mul, AtLeast(0), Varargs; inline: Mul, flonum: FollowsOperands),
    builtin!(Base, "/", closc_prim_div, AtLeast(1), Varargs; inline: Div, flonum: FollowsOperands),
    builtin!(Base, "quotient", closc_prim_quotient, Exactly(2), F2; inline: Quotient),
    builtin!(Base, "remainder", closc_prim_remainder, Exactly(2), F2; inline: Remainder),
    builtin!(Base, "modulo", closc_prim_modulo, Exactly(2), F2; inline: Modulo),
    builtin!(Base, "floor-quotient", closc_prim_floor_quotient, Exactly(2), F2;
        inline: FloorQuotient),
    builtin!(Base, "floor-remainder", closc_prim_floor_remainder, Exactly(2), F2;
        inline: FloorRemainder),
    builtin!(Base, "truncate-quotient", closc_prim_truncate_quotient, Exactly(2), F2;
        inline: TruncateQuotient),
    builtin!(Base, "truncate-remainder", closc_prim_truncate_remainder, Exactly(2), F2;
        inline: TruncateRemainder),
    builtin!(Base, "gcd", closc_prim_gcd, AtLeast(0), Varargs),
    builtin!(Base, "lcm", closc_prim_lcm, AtLeast(0), Varargs),
    builtin!(Base, "=", closc_prim_num_eq, AtLeast(1), Varargs;
        inline: NumCompare(Eq), allocates: false),
    builtin!(Base, "<", closc_prim_lt, AtLeast(1), Varargs;
        inline: NumCompare(Lt), allocates: false),
    builtin!(Base, ">", closc_prim_gt, AtLeast(1), Varargs;
        inline: NumCompare(Gt), allocates: false),
    builtin!(Base, "<=", closc_prim_le, AtLeast(1), Varargs;
        inline: NumCompare(Le), allocates: false),
    builtin!(Base, ">=", closc_prim_ge, AtLeast(1), Varargs;
        inline: NumCompare(Ge), allocates: false),
    builtin!(Base, "zero?", closc_prim_zero_p, Exactly(1), F1; inline: ZeroP, allocates: false),
    builtin!(Base, "positive?", closc_prim_positive_p, Exactly(1), F1; allocates: false),
    builtin!(Base, "negative?", closc_prim_negative_p, Exactly(1), F1; allocates: false),
    builtin!(Base, "even?", closc_prim_even_p, Exactly(1), F1; inline: EvenP),
    builtin!(Base, "odd?", closc_prim_odd_p, Exactly(1), F1; inline: OddP),
    builtin!(Base, "abs", closc_prim_abs, Exactly(1), F1; inline: Abs, flonum: FollowsOperands),
    builtin!(Complex, "magnitude", closc_prim_magnitude, Exactly(1), F1),
    builtin!(Base, "min", closc_prim_min, AtLeast(1), Varargs;
        inline: Min, flonum: FollowsOperands),
    builtin!(Base, "max", closc_prim_max, AtLeast(1), Varargs;
        inline: Max, flonum: FollowsOperands),
    builtin!(Base, "number?", closc_prim_number_p, Exactly(1), F1;
        inline: NumberP, allocates: false, can_raise: false),
    builtin!(Base, "complex?", closc_prim_complex_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "real?", closc_prim_real_p, Exactly(1), F1; allocates: false, can_raise: false),
    builtin!(Base, "rational?", closc_prim_rational_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "integer?", closc_prim_integer_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "exact?", closc_prim_exact_p, Exactly(1), F1; allocates: false),
    builtin!(Base, "inexact?", closc_prim_inexact_p, Exactly(1), F1; allocates: false),
    builtin!(Base, "exact-integer?", closc_prim_exact_integer_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Inexact, "nan?", closc_prim_nan_p, Exactly(1), F1; allocates: false),
    builtin!(Inexact, "infinite?", closc_prim_infinite_p, Exactly(1), F1; allocates: false),
    builtin!(Inexact, "finite?", closc_prim_finite_p, Exactly(1), F1; allocates: false),
    builtin!(Base, "numerator", closc_prim_numerator, Exactly(1), F1),
    builtin!(Base, "denominator", closc_prim_denominator, Exactly(1), F1),
    builtin!(Base, "floor", closc_prim_floor, Exactly(1), F1; flonum: FollowsOperands),
    builtin!(Base, "ceiling", closc_prim_ceiling, Exactly(1), F1; flonum: FollowsOperands),
    builtin!(Base, "truncate", closc_prim_truncate, Exactly(1), F1; flonum: FollowsOperands),
    builtin!(Base, "round", closc_prim_round, Exactly(1), F1; flonum: FollowsOperands),
    builtin!(Base, "rationalize", closc_prim_rationalize, Exactly(2), F2),
    builtin!(Base, "exact", closc_prim_exact, Exactly(1), F1),
    builtin!(Base, "inexact", closc_prim_inexact, Exactly(1), F1; flonum: Always),
    builtin!(R5rs, "inexact->exact", closc_prim_inexact_to_exact, Exactly(1), F1),
    builtin!(R5rs, "exact->inexact", closc_prim_exact_to_inexact, Exactly(1), F1; flonum: Always),
    builtin!(Base, "square", closc_prim_square, Exactly(1), F1),
    builtin!(Inexact, "sqrt", closc_prim_sqrt, Exactly(1), F1; flonum: Always),
    builtin!(Internal, "%exact-integer-sqrt", closc_prim_pct_exact_integer_sqrt, Exactly(1), F1),
    builtin!(Base, "expt", closc_prim_expt, Exactly(2), F2),
    builtin!(Inexact, "exp", closc_prim_exp, Exactly(1), F1; flonum: Always),
    builtin!(Inexact, "log", closc_prim_log, Between(1, 2), Varargs; flonum: Always),
    builtin!(Inexact, "sin", closc_prim_sin, Exactly(1), F1; flonum: Always),
    builtin!(Inexact, "cos", closc_prim_cos, Exactly(1), F1; flonum: Always),
    builtin!(Inexact, "tan", closc_prim_tan, Exactly(1), F1; flonum: Always),
    builtin!(Inexact, "asin", closc_prim_asin, Exactly(1), F1; flonum: Always),
    builtin!(Inexact, "acos", closc_prim_acos, Exactly(1), F1; flonum: Always),
    builtin!(Inexact, "atan", closc_prim_atan, Between(1, 2), Varargs; flonum: Always),
    builtin!(Base, "number->string", closc_prim_number_to_string, Between(1, 2), Varargs),
    builtin!(Base, "string->number", closc_prim_string_to_number, Between(1, 2), Varargs),
    builtin!(Complex, "make-rectangular", closc_prim_make_rectangular, Exactly(2), F2),
    builtin!(Complex, "make-polar", closc_prim_make_polar, Exactly(2), F2),
    builtin!(Complex, "real-part", closc_prim_real_part, Exactly(1), F1),
    builtin!(Complex, "imag-part", closc_prim_imag_part, Exactly(1), F1),
    builtin!(Complex, "angle", closc_prim_angle, Exactly(1), F1),
    // Booleans and equivalence.
    builtin!(Base, "not", closc_prim_not, Exactly(1), F1;
        inline: Not, allocates: false, can_raise: false),
    builtin!(Base, "eq?", closc_prim_eq_p, Exactly(2), F2;
        inline: Eq, allocates: false, can_raise: false),
    builtin!(Base, "eqv?", closc_prim_eqv_p, Exactly(2), F2;
        inline: Eqv, allocates: false, can_raise: false),
    builtin!(Base, "equal?", closc_prim_equal_p, Exactly(2), F2;
        inline: Equal, allocates: false, can_raise: false),
    builtin!(Base, "boolean?", closc_prim_boolean_p, Exactly(1), F1;
        inline: BooleanP, allocates: false, can_raise: false),
    builtin!(Base, "boolean=?", closc_prim_boolean_eq_p, AtLeast(2), Varargs; allocates: false),
    // Pairs and lists.
    builtin!(Base, "cons", closc_prim_cons, Exactly(2), F2;
        inline: Cons, inline_bytes: Fixed(PAIR_BYTES), can_raise: false),
    builtin!(Base, "car", closc_prim_car, Exactly(1), F1; inline: Car, allocates: false),
    builtin!(Base, "cdr", closc_prim_cdr, Exactly(1), F1; inline: Cdr, allocates: false),
    builtin!(Base, "set-car!", closc_prim_set_car_x, Exactly(2), F2;
        inline: SetCar, allocates: false),
    builtin!(Base, "set-cdr!", closc_prim_set_cdr_x, Exactly(2), F2;
        inline: SetCdr, allocates: false),
    builtin!(Base, "caar", closc_prim_caar, Exactly(1), F1; inline: Cxr("aa"), allocates: false),
    builtin!(Base, "cadr", closc_prim_cadr, Exactly(1), F1; inline: Cxr("da"), allocates: false),
    builtin!(Base, "cdar", closc_prim_cdar, Exactly(1), F1; inline: Cxr("ad"), allocates: false),
    builtin!(Base, "cddr", closc_prim_cddr, Exactly(1), F1; inline: Cxr("dd"), allocates: false),
    builtin!(Cxr, "caddr", closc_prim_caddr, Exactly(1), F1; inline: Cxr("dda"), allocates: false),
    builtin!(Base, "list", closc_prim_list, AtLeast(0), Varargs;
        inline: List, inline_bytes: PerArgument(PAIR_BYTES), can_raise: false),
    builtin!(Base, "length", closc_prim_length, Exactly(1), F1; allocates: false),
    builtin!(Base, "append", closc_prim_append, AtLeast(0), Varargs),
    builtin!(Base, "reverse", closc_prim_reverse, Exactly(1), F1),
    builtin!(Base, "list-tail", closc_prim_list_tail, Exactly(2), F2; allocates: false),
    builtin!(Base, "list-ref", closc_prim_list_ref, Exactly(2), F2; allocates: false),
    builtin!(Base, "memq", closc_prim_memq, Exactly(2), F2; inline: Memq, allocates: false),
    builtin!(Base, "memv", closc_prim_memv, Exactly(2), F2; inline: Memv),
    builtin!(Base, "assq", closc_prim_assq, Exactly(2), F2; inline: Assq, allocates: false),
    builtin!(Base, "assv", closc_prim_assv, Exactly(2), F2; inline: Assv),
    builtin!(Base, "null?", closc_prim_null_p, Exactly(1), F1;
        inline: NullP, allocates: false, can_raise: false),
    builtin!(Base, "pair?", closc_prim_pair_p, Exactly(1), F1;
        inline: PairP, allocates: false, can_raise: false),
    builtin!(Base, "list?", closc_prim_list_p, Exactly(1), F1; allocates: false, can_raise: false),
    // More lists (lists.rs).
    builtin!(Base, "list-copy", closc_prim_list_copy, Exactly(1), F1),
    builtin!(Base, "make-list", closc_prim_make_list, Between(1, 2), Varargs),
    builtin!(Base, "list-set!", closc_prim_list_set_x, Exactly(3), F3),
    // (scheme cxr): the compositions of three and four (lists.rs).
    builtin!(Cxr, "caaar", closc_prim_caaar, Exactly(1), F1; inline: Cxr("aaa"), allocates: false),
    builtin!(Cxr, "caadr", closc_prim_caadr, Exactly(1), F1; inline: Cxr("daa"), allocates: false),
    builtin!(Cxr, "cadar", closc_prim_cadar, Exactly(1), F1; inline: Cxr("ada"), allocates: false),
    builtin!(Cxr, "cdaar", closc_prim_cdaar, Exactly(1), F1; inline: Cxr("aad"), allocates: false),
    builtin!(Cxr, "cdadr", closc_prim_cdadr, Exactly(1), F1; inline: Cxr("dad"), allocates: false),
    builtin!(Cxr, "cddar", closc_prim_cddar, Exactly(1), F1; inline: Cxr("add"), allocates: false),
    builtin!(Cxr, "cdddr", closc_prim_cdddr, Exactly(1), F1; inline: Cxr("ddd"), allocates: false),
    builtin!(Cxr, "caaaar", closc_prim_caaaar, Exactly(1), F1;
        inline: Cxr("aaaa"), allocates: false),
    builtin!(Cxr, "caaadr", closc_prim_caaadr, Exactly(1), F1;
        inline: Cxr("daaa"), allocates: false),
    builtin!(Cxr, "caadar", closc_prim_caadar, Exactly(1), F1;
        inline: Cxr("adaa"), allocates: false),
    builtin!(Cxr, "caaddr", closc_prim_caaddr, Exactly(1), F1;
        inline: Cxr("ddaa"), allocates: false),
    builtin!(Cxr, "cadaar", closc_prim_cadaar, Exactly(1), F1;
        inline: Cxr("aada"), allocates: false),
    builtin!(Cxr, "cadadr", closc_prim_cadadr, Exactly(1), F1;
        inline: Cxr("dada"), allocates: false),
    builtin!(Cxr, "caddar", closc_prim_caddar, Exactly(1), F1;
        inline: Cxr("adda"), allocates: false),
    builtin!(Cxr, "cadddr", closc_prim_cadddr, Exactly(1), F1;
        inline: Cxr("ddda"), allocates: false),
    builtin!(Cxr, "cdaaar", closc_prim_cdaaar, Exactly(1), F1;
        inline: Cxr("aaad"), allocates: false),
    builtin!(Cxr, "cdaadr", closc_prim_cdaadr, Exactly(1), F1;
        inline: Cxr("daad"), allocates: false),
    builtin!(Cxr, "cdadar", closc_prim_cdadar, Exactly(1), F1;
        inline: Cxr("adad"), allocates: false),
    builtin!(Cxr, "cdaddr", closc_prim_cdaddr, Exactly(1), F1;
        inline: Cxr("ddad"), allocates: false),
    builtin!(Cxr, "cddaar", closc_prim_cddaar, Exactly(1), F1;
        inline: Cxr("aadd"), allocates: false),
    builtin!(Cxr, "cddadr", closc_prim_cddadr, Exactly(1), F1;
        inline: Cxr("dadd"), allocates: false),
    builtin!(Cxr, "cdddar", closc_prim_cdddar, Exactly(1), F1;
        inline: Cxr("addd"), allocates: false),
    builtin!(Cxr, "cddddr", closc_prim_cddddr, Exactly(1), F1;
        inline: Cxr("dddd"), allocates: false),
    // Procedures and symbols.
    builtin!(Base, "procedure?", closc_prim_procedure_p, Exactly(1), F1;
        inline: ProcedureP, allocates: false, can_raise: false),
    builtin!(Base, "symbol?", closc_prim_symbol_p, Exactly(1), F1;
        inline: SymbolP, allocates: false, can_raise: false),
    builtin!(Base, "symbol=?", closc_prim_symbol_eq_p, AtLeast(2), Varargs; allocates: false),
    builtin!(Base, "symbol->string", closc_prim_symbol_to_string, Exactly(1), F1),
    builtin!(Base, "string->symbol", closc_prim_string_to_symbol, Exactly(1), F1),
    // Strings.
    builtin!(Base, "string?", closc_prim_string_p, Exactly(1), F1;
        inline: StringP, allocates: false, can_raise: false),
    builtin!(Base, "string-length", closc_prim_string_length, Exactly(1), F1;
        inline: StringLength, allocates: false),
    builtin!(Base, "string-ref", closc_prim_string_ref, Exactly(2), F2;
        inline: StringRef, allocates: false),
    builtin!(Base, "string-append", closc_prim_string_append, AtLeast(0), Varargs),
    builtin!(Base, "substring", closc_prim_substring, Between(2, 3), Varargs),
    // More strings (strings.rs).
    builtin!(Base, "make-string", closc_prim_make_string, Between(1, 2), Varargs),
    builtin!(Base, "string", closc_prim_string, AtLeast(0), Varargs),
    builtin!(Base, "string-set!", closc_prim_string_set_x, Exactly(3), F3),
    builtin!(Base, "string-copy", closc_prim_string_copy, Between(1, 3), Varargs),
    builtin!(Base, "string-copy!", closc_prim_string_copy_x, Between(3, 5), Varargs),
    builtin!(Base, "string-fill!", closc_prim_string_fill_x, Between(2, 4), Varargs),
    builtin!(Base, "string->list", closc_prim_string_to_list, Between(1, 3), Varargs),
    builtin!(Base, "list->string", closc_prim_list_to_string, Exactly(1), F1),
    builtin!(Base, "string->vector", closc_prim_string_to_vector, Between(1, 3), Varargs),
    builtin!(Base, "vector->string", closc_prim_vector_to_string, Between(1, 3), Varargs),
    builtin!(Base, "string=?", closc_prim_string_eq_p, AtLeast(1), Varargs),
    builtin!(Base, "string<?", closc_prim_string_lt_p, AtLeast(1), Varargs),
    builtin!(Base, "string>?", closc_prim_string_gt_p, AtLeast(1), Varargs),
    builtin!(Base, "string<=?", closc_prim_string_lt_eq_p, AtLeast(1), Varargs),
    builtin!(Base, "string>=?", closc_prim_string_gt_eq_p, AtLeast(1), Varargs),
    builtin!(Char, "string-ci=?", closc_prim_string_ci_eq_p, AtLeast(1), Varargs),
    builtin!(Char, "string-ci<?", closc_prim_string_ci_lt_p, AtLeast(1), Varargs),
    builtin!(Char, "string-ci>?", closc_prim_string_ci_gt_p, AtLeast(1), Varargs),
    builtin!(Char, "string-ci<=?", closc_prim_string_ci_lt_eq_p, AtLeast(1), Varargs),
    builtin!(Char, "string-ci>=?", closc_prim_string_ci_gt_eq_p, AtLeast(1), Varargs),
    builtin!(Char, "string-upcase", closc_prim_string_upcase, Exactly(1), F1),
    builtin!(Char, "string-downcase", closc_prim_string_downcase, Exactly(1), F1),
    builtin!(Char, "string-foldcase", closc_prim_string_foldcase, Exactly(1), F1),
    // Vectors.
    builtin!(Base, "vector", closc_prim_vector, AtLeast(0), Varargs; can_raise: false),
    builtin!(Base, "make-vector", closc_prim_make_vector, Between(1, 2), Varargs),
    builtin!(Base, "vector-ref", closc_prim_vector_ref, Exactly(2), F2;
        inline: VectorRef, allocates: false),
    builtin!(Base, "vector-set!", closc_prim_vector_set_x, Exactly(3), F3;
        inline: VectorSet, allocates: false),
    builtin!(Base, "vector-length", closc_prim_vector_length, Exactly(1), F1;
        inline: VectorLength, allocates: false),
    builtin!(Base, "vector?", closc_prim_vector_p, Exactly(1), F1;
        inline: VectorP, allocates: false, can_raise: false),
    builtin!(Base, "list->vector", closc_prim_list_to_vector, Exactly(1), F1),
    // More vectors (vectors.rs).
    builtin!(Base, "vector->list", closc_prim_vector_to_list, Between(1, 3), Varargs),
    builtin!(Base, "vector-fill!", closc_prim_vector_fill_x, Between(2, 4), Varargs),
    builtin!(Base, "vector-copy", closc_prim_vector_copy, Between(1, 3), Varargs),
    builtin!(Base, "vector-copy!", closc_prim_vector_copy_x, Between(3, 5), Varargs),
    builtin!(Base, "vector-append", closc_prim_vector_append, AtLeast(0), Varargs),
    // Bytevectors (bytevectors.rs).
    builtin!(Base, "bytevector?", closc_prim_bytevector_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "make-bytevector", closc_prim_make_bytevector, Between(1, 2), Varargs),
    builtin!(Base, "bytevector", closc_prim_bytevector, AtLeast(0), Varargs),
    builtin!(Base, "bytevector-length", closc_prim_bytevector_length, Exactly(1), F1;
        allocates: false),
    builtin!(Base, "bytevector-u8-ref", closc_prim_bytevector_u8_ref, Exactly(2), F2;
        allocates: false),
    builtin!(Base, "bytevector-u8-set!", closc_prim_bytevector_u8_set_x, Exactly(3), F3;
        allocates: false),
    builtin!(Base, "bytevector-copy", closc_prim_bytevector_copy, Between(1, 3), Varargs),
    builtin!(Base, "bytevector-copy!", closc_prim_bytevector_copy_x, Between(3, 5), Varargs),
    builtin!(Base, "bytevector-append", closc_prim_bytevector_append, AtLeast(0), Varargs),
    builtin!(Base, "utf8->string", closc_prim_utf8_to_string, Between(1, 3), Varargs),
    builtin!(Base, "string->utf8", closc_prim_string_to_utf8, Between(1, 3), Varargs),
    // Characters.
    builtin!(Base, "char?", closc_prim_char_p, Exactly(1), F1;
        inline: CharP, allocates: false, can_raise: false),
    builtin!(Base, "char->integer", closc_prim_char_to_integer, Exactly(1), F1;
        inline: CharToInteger, allocates: false),
    builtin!(Base, "integer->char", closc_prim_integer_to_char, Exactly(1), F1;
        inline: IntegerToChar, allocates: false),
    // More characters (chars.rs).
    builtin!(Char, "char-alphabetic?", closc_prim_char_alphabetic_p, Exactly(1), F1;
        inline: CharAscii(Alphabetic), allocates: false),
    builtin!(Char, "char-numeric?", closc_prim_char_numeric_p, Exactly(1), F1;
        inline: CharAscii(Numeric), allocates: false),
    builtin!(Char, "char-whitespace?", closc_prim_char_whitespace_p, Exactly(1), F1;
        inline: CharAscii(Whitespace), allocates: false),
    builtin!(Char, "char-upper-case?", closc_prim_char_upper_case_p, Exactly(1), F1;
        inline: CharAscii(UpperCase), allocates: false),
    builtin!(Char, "char-lower-case?", closc_prim_char_lower_case_p, Exactly(1), F1;
        inline: CharAscii(LowerCase), allocates: false),
    builtin!(Char, "digit-value", closc_prim_digit_value, Exactly(1), F1;
        inline: CharAscii(DigitValue), allocates: false),
    builtin!(Char, "char-upcase", closc_prim_char_upcase, Exactly(1), F1;
        inline: CharAscii(Upcase), allocates: false),
    builtin!(Char, "char-downcase", closc_prim_char_downcase, Exactly(1), F1;
        inline: CharAscii(Downcase), allocates: false),
    builtin!(Char, "char-foldcase", closc_prim_char_foldcase, Exactly(1), F1;
        inline: CharAscii(Foldcase), allocates: false),
    builtin!(Base, "char=?", closc_prim_char_eq_p, AtLeast(1), Varargs;
        inline: CharCompare(Eq), allocates: false),
    builtin!(Base, "char<?", closc_prim_char_lt_p, AtLeast(1), Varargs;
        inline: CharCompare(Lt), allocates: false),
    builtin!(Base, "char>?", closc_prim_char_gt_p, AtLeast(1), Varargs;
        inline: CharCompare(Gt), allocates: false),
    builtin!(Base, "char<=?", closc_prim_char_lt_eq_p, AtLeast(1), Varargs;
        inline: CharCompare(Le), allocates: false),
    builtin!(Base, "char>=?", closc_prim_char_gt_eq_p, AtLeast(1), Varargs;
        inline: CharCompare(Ge), allocates: false),
    builtin!(Char, "char-ci=?", closc_prim_char_ci_eq_p, AtLeast(1), Varargs; allocates: false),
    builtin!(Char, "char-ci<?", closc_prim_char_ci_lt_p, AtLeast(1), Varargs; allocates: false),
    builtin!(Char, "char-ci>?", closc_prim_char_ci_gt_p, AtLeast(1), Varargs; allocates: false),
    builtin!(Char, "char-ci<=?", closc_prim_char_ci_lt_eq_p, AtLeast(1), Varargs; allocates: false),
    builtin!(Char, "char-ci>=?", closc_prim_char_ci_gt_eq_p, AtLeast(1), Varargs; allocates: false),
    // Records (records.rs): the expansion of define-record-type calls these.
    builtin!(Internal, "%make-record-type", closc_prim_pct_make_record_type, Exactly(1), F1),
    builtin!(Internal, "%record", closc_prim_pct_record, AtLeast(1), Varargs;
        inline: Record, inline_bytes: HeaderAndPerArgument(8)),
    builtin!(Internal, "%record?", closc_prim_pct_record_p, Exactly(2), F2;
        inline: RecordP, allocates: false, can_raise: false),
    builtin!(Internal, "%record-ref", closc_prim_pct_record_ref, Exactly(3), F3;
        inline: RecordRef, allocates: false),
    builtin!(Internal, "%record-set!", closc_prim_pct_record_set_x, Between(4, 4), Varargs;
        inline: RecordSet, allocates: false),
    // Multiple values and the process (control.rs).
    builtin!(Base, "values", closc_prim_values, AtLeast(0), Varargs; can_raise: false),
    builtin!(Internal, "%values->list", closc_prim_pct_values_to_list, Exactly(1), F1),
    builtin!(Internal, "%values-count", closc_prim_pct_values_count, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Internal, "%values-ref", closc_prim_pct_values_ref, Exactly(2), F2;
        allocates: false, can_raise: false),
    builtin!(Internal, "%values-mismatch", closc_prim_pct_values_mismatch, Exactly(2), F2;
        allocates: false),
    builtin!(ProcessContext, "command-line", closc_prim_command_line, Exactly(0), F0),
    builtin!(Base, "features", closc_prim_features, Exactly(0), F0),
    builtin!(ProcessContext, "emergency-exit", closc_prim_emergency_exit, Between(0, 1), Varargs),
    // Environment variables, files, clocks (system.rs).
    builtin!(ProcessContext, "get-environment-variable", closc_prim_get_environment_variable,
        Exactly(1), F1),
    builtin!(ProcessContext, "get-environment-variables", closc_prim_get_environment_variables,
        Exactly(0), F0),
    builtin!(File, "file-exists?", closc_prim_file_exists_p, Exactly(1), F1),
    builtin!(File, "delete-file", closc_prim_delete_file, Exactly(1), F1),
    builtin!(Time, "current-second", closc_prim_current_second, Exactly(0), F0;
        can_raise: false, flonum: Always),
    builtin!(Time, "current-jiffy", closc_prim_current_jiffy, Exactly(0), F0;
        allocates: false, can_raise: false),
    builtin!(Time, "jiffies-per-second", closc_prim_jiffies_per_second, Exactly(0), F0;
        allocates: false, can_raise: false),
    // Ports and input/output (ports.rs).
    builtin!(Write, "display", closc_prim_display, Between(1, 2), Varargs),
    builtin!(Write, "write", closc_prim_write, Between(1, 2), Varargs),
    builtin!(Write, "write-shared", closc_prim_write_shared, Between(1, 2), Varargs),
    builtin!(Write, "write-simple", closc_prim_write_simple, Between(1, 2), Varargs),
    builtin!(Base, "newline", closc_prim_newline, Between(0, 1), Varargs),
    builtin!(Base, "write-char", closc_prim_write_char, Between(1, 2), Varargs),
    builtin!(Base, "write-string", closc_prim_write_string, Between(1, 4), Varargs),
    builtin!(Base, "flush-output-port", closc_prim_flush_output_port, Between(0, 1), Varargs),
    builtin!(Base, "current-input-port", closc_prim_current_input_port, Between(0, 3), Varargs),
    builtin!(Base, "current-output-port", closc_prim_current_output_port, Between(0, 3), Varargs),
    builtin!(Base, "current-error-port", closc_prim_current_error_port, Between(0, 3), Varargs),
    builtin!(Base, "open-input-string", closc_prim_open_input_string, Exactly(1), F1),
    builtin!(Base, "open-output-string", closc_prim_open_output_string, Exactly(0), F0),
    builtin!(Base, "get-output-string", closc_prim_get_output_string, Exactly(1), F1),
    builtin!(Base, "port?", closc_prim_port_p, Exactly(1), F1; allocates: false, can_raise: false),
    builtin!(Base, "input-port?", closc_prim_input_port_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "output-port?", closc_prim_output_port_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "textual-port?", closc_prim_textual_port_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "binary-port?", closc_prim_binary_port_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "input-port-open?", closc_prim_input_port_open_p, Exactly(1), F1),
    builtin!(Base, "output-port-open?", closc_prim_output_port_open_p, Exactly(1), F1),
    builtin!(Base, "close-port", closc_prim_close_port, Exactly(1), F1),
    builtin!(Base, "close-input-port", closc_prim_close_input_port, Exactly(1), F1),
    builtin!(Base, "close-output-port", closc_prim_close_output_port, Exactly(1), F1),
    builtin!(Base, "read-char", closc_prim_read_char, Between(0, 1), Varargs),
    builtin!(Base, "peek-char", closc_prim_peek_char, Between(0, 1), Varargs),
    builtin!(Base, "read-line", closc_prim_read_line, Between(0, 1), Varargs),
    builtin!(Base, "read-string", closc_prim_read_string, Between(1, 2), Varargs),
    builtin!(Base, "char-ready?", closc_prim_char_ready_p, Between(0, 1), Varargs),
    builtin!(Read, "read", closc_prim_read, Between(0, 1), Varargs),
    builtin!(Base, "eof-object", closc_prim_eof_object, Exactly(0), F0;
        allocates: false, can_raise: false),
    builtin!(Base, "eof-object?", closc_prim_eof_object_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    // Binary, bytevector and file ports (ports.rs).
    builtin!(Base, "write-u8", closc_prim_write_u8, Between(1, 2), Varargs),
    builtin!(Base, "write-bytevector", closc_prim_write_bytevector, Between(1, 4), Varargs),
    builtin!(Base, "read-u8", closc_prim_read_u8, Between(0, 1), Varargs),
    builtin!(Base, "peek-u8", closc_prim_peek_u8, Between(0, 1), Varargs),
    builtin!(Base, "u8-ready?", closc_prim_u8_ready_p, Between(0, 1), Varargs),
    builtin!(Base, "read-bytevector", closc_prim_read_bytevector, Between(1, 2), Varargs),
    builtin!(Base, "read-bytevector!", closc_prim_read_bytevector_x, Between(1, 4), Varargs),
    builtin!(Base, "open-input-bytevector", closc_prim_open_input_bytevector, Exactly(1), F1),
    builtin!(Base, "open-output-bytevector", closc_prim_open_output_bytevector, Exactly(0), F0),
    builtin!(Base, "get-output-bytevector", closc_prim_get_output_bytevector, Exactly(1), F1),
    builtin!(File, "open-input-file", closc_prim_open_input_file, Exactly(1), F1),
    builtin!(File, "open-binary-input-file", closc_prim_open_binary_input_file, Exactly(1), F1),
    builtin!(File, "open-output-file", closc_prim_open_output_file, Exactly(1), F1),
    builtin!(File, "open-binary-output-file", closc_prim_open_binary_output_file, Exactly(1), F1),
    // Output and control.
    // The prelude's `exit` runs the dynamic-wind after thunks, then this.
    builtin!(Internal, "%exit", closc_prim_pct_exit, Between(0, 1), Varargs),
    // Exceptions and continuations (exceptions.rs, continuations.rs); the
    // `%` ones serve the prelude's call/cc, dynamic-wind and handlers.
    builtin!(Base, "error", closc_prim_error, AtLeast(1), Varargs),
    builtin!(Base, "raise", closc_prim_raise, Exactly(1), F1),
    builtin!(Base, "error-object?", closc_prim_error_object_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "error-object-message", closc_prim_error_object_message, Exactly(1), F1),
    builtin!(Base, "error-object-irritants", closc_prim_error_object_irritants, Exactly(1), F1),
    builtin!(Base, "read-error?", closc_prim_read_error_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Base, "file-error?", closc_prim_file_error_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Internal, "%handlers", closc_prim_pct_handlers, Exactly(0), F0;
        allocates: false, can_raise: false),
    builtin!(Internal, "%set-handlers!", closc_prim_pct_set_handlers_x, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Internal, "%winders", closc_prim_pct_winders, Exactly(0), F0;
        allocates: false, can_raise: false),
    builtin!(Internal, "%set-winders!", closc_prim_pct_set_winders_x, Exactly(1), F1;
        allocates: false, can_raise: false),
    // The entry is an assembly shim, exported under its own symbol.
    builtin!(Internal, "%capture", closc_prim_pct_capture = closc_prim_pct_capture_entry,
        Exactly(0), F0),
    builtin!(Internal, "%capture-resumed?", closc_prim_pct_capture_resumed_p, Exactly(0), F0;
        allocates: false, can_raise: false),
    builtin!(Internal, "%throw", closc_prim_pct_throw, Exactly(2), F2),
    // The expansion of case-lambda (calls.rs).
    builtin!(Internal, "%case-lambda", closc_prim_pct_case_lambda, AtLeast(0), Varargs;
        inline: CaseLambda, inline_bytes: ClosureOfArguments(8), can_raise: false),
    // closc's extras (symbols.rs).
    builtin!(Closc, "gensym", closc_prim_gensym, Between(0, 1), Varargs),
    // (closc strings): string-library kernels for SRFI 13 and 152 (string_library.rs).
    builtin!(Strings, "string-contains", closc_prim_string_contains, Between(2, 6), Varargs;
        allocates: false),
    builtin!(Strings, "string-contains-ci", closc_prim_string_contains_ci, Between(2, 6), Varargs;
        allocates: false),
    builtin!(Strings, "string-contains-right", closc_prim_string_contains_right, Between(2, 6),
        Varargs; allocates: false),
    builtin!(Strings, "string-join", closc_prim_string_join, Between(1, 3), Varargs),
    builtin!(Strings, "string-split", closc_prim_string_split, Between(2, 6), Varargs),
    builtin!(Strings, "string-pad", closc_prim_string_pad, Between(2, 5), Varargs),
    builtin!(Strings, "string-pad-right", closc_prim_string_pad_right, Between(2, 5), Varargs),
    builtin!(Strings, "string-prefix-length", closc_prim_string_prefix_length, Between(2, 6),
        Varargs; allocates: false),
    builtin!(Strings, "string-suffix-length", closc_prim_string_suffix_length, Between(2, 6),
        Varargs; allocates: false),
    builtin!(Strings, "string-prefix-length-ci", closc_prim_string_prefix_length_ci,
        Between(2, 6), Varargs; allocates: false),
    builtin!(Strings, "string-suffix-length-ci", closc_prim_string_suffix_length_ci,
        Between(2, 6), Varargs; allocates: false),
    builtin!(Strings, "string-prefix?", closc_prim_string_prefix_p, Between(2, 6), Varargs;
        allocates: false),
    builtin!(Strings, "string-suffix?", closc_prim_string_suffix_p, Between(2, 6), Varargs;
        allocates: false),
    builtin!(Strings, "string-prefix-ci?", closc_prim_string_prefix_ci_p, Between(2, 6), Varargs;
        allocates: false),
    builtin!(Strings, "string-suffix-ci?", closc_prim_string_suffix_ci_p, Between(2, 6), Varargs;
        allocates: false),
    // Hash tables (hashtables/entries.rs).
    builtin!(HashTables, "make-eq-hashtable", closc_prim_make_eq_hashtable, Between(0, 1), Varargs),
    builtin!(HashTables, "make-eqv-hashtable", closc_prim_make_eqv_hashtable, Between(0, 1), Varargs),
    builtin!(HashTables, "make-equal-hashtable", closc_prim_make_equal_hashtable, Between(0, 1),
        Varargs),
    builtin!(HashTables, "make-string-hashtable", closc_prim_make_string_hashtable, Between(0, 1),
        Varargs),
    builtin!(HashTables, "make-string-ci-hashtable", closc_prim_make_string_ci_hashtable,
        Between(0, 1), Varargs),
    builtin!(HashTables, "make-generic-hashtable", closc_prim_make_generic_hashtable,
        Between(2, 3), Varargs),
    builtin!(HashTables, "hashtable?", closc_prim_hashtable_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(HashTables, "hashtable-kind", closc_prim_hashtable_kind, Exactly(1), F1;
        allocates: false),
    builtin!(HashTables, "hashtable-size", closc_prim_hashtable_size, Exactly(1), F1;
        allocates: false),
    builtin!(HashTables, "hashtable-mutable?", closc_prim_hashtable_mutable_p, Exactly(1), F1;
        allocates: false),
    builtin!(HashTables, "hashtable-ref", closc_prim_hashtable_ref, Exactly(3), F3),
    builtin!(HashTables, "hashtable-contains?", closc_prim_hashtable_contains_p, Exactly(2), F2),
    builtin!(HashTables, "hashtable-set!", closc_prim_hashtable_set_x, Exactly(3), F3),
    builtin!(HashTables, "hashtable-delete!", closc_prim_hashtable_delete_x, Exactly(2), F2),
    builtin!(HashTables, "hashtable-clear!", closc_prim_hashtable_clear_x, Between(1, 2), Varargs),
    builtin!(HashTables, "hashtable-copy", closc_prim_hashtable_copy, Between(1, 2), Varargs),
    builtin!(HashTables, "hashtable-keys", closc_prim_hashtable_keys, Exactly(1), F1),
    builtin!(HashTables, "hashtable-values", closc_prim_hashtable_values, Exactly(1), F1),
    builtin!(HashTables, "hashtable-entries", closc_prim_hashtable_entries, Exactly(1), F1),
    builtin!(HashTables, "hashtable-equivalence-function",
        closc_prim_hashtable_equivalence_function, Exactly(1), F1; allocates: false),
    builtin!(HashTables, "hashtable-hash-function", closc_prim_hashtable_hash_function,
        Exactly(1), F1; allocates: false),
    builtin!(HashTables, "hashtable-hashed-slots", closc_prim_hashtable_hashed_slots,
        Exactly(2), F2),
    builtin!(HashTables, "hashtable-hashed-insert!", closc_prim_hashtable_hashed_insert_x,
        Between(4, 4), Varargs),
    builtin!(HashTables, "hashtable-slot-key", closc_prim_hashtable_slot_key, Exactly(2), F2;
        allocates: false),
    builtin!(HashTables, "hashtable-slot-value", closc_prim_hashtable_slot_value, Exactly(2), F2;
        allocates: false),
    builtin!(HashTables, "hashtable-slot-set!", closc_prim_hashtable_slot_set_x, Exactly(3), F3;
        allocates: false),
    builtin!(HashTables, "hashtable-slot-delete!", closc_prim_hashtable_slot_delete_x,
        Exactly(2), F2; allocates: false),
    builtin!(HashTables, "hashtable-equal-hash", closc_prim_hashtable_equal_hash, Exactly(1), F1;
        allocates: false),
    builtin!(HashTables, "hashtable-eqv-hash", closc_prim_hashtable_eqv_hash, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(HashTables, "hashtable-string-hash", closc_prim_hashtable_string_hash, Exactly(1),
        F1; allocates: false),
    builtin!(HashTables, "hashtable-string-ci-hash", closc_prim_hashtable_string_ci_hash,
        Exactly(1), F1; allocates: false),
    builtin!(HashTables, "hashtable-generic?", closc_prim_hashtable_generic_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    // Bitwise operations, SRFI 151's core (bitwise.rs).
    builtin!(Bitwise, "bitwise-and", closc_prim_bitwise_and, AtLeast(0), Varargs;
        inline: Bitwise(And)),
    builtin!(Bitwise, "bitwise-ior", closc_prim_bitwise_ior, AtLeast(0), Varargs;
        inline: Bitwise(Ior)),
    builtin!(Bitwise, "bitwise-xor", closc_prim_bitwise_xor, AtLeast(0), Varargs;
        inline: Bitwise(Xor)),
    builtin!(Bitwise, "bitwise-not", closc_prim_bitwise_not, Exactly(1), F1;
        inline: Bitwise(Not)),
    builtin!(Bitwise, "arithmetic-shift", closc_prim_arithmetic_shift, Exactly(2), F2;
        inline: Bitwise(Shift)),
    builtin!(Bitwise, "bit-count", closc_prim_bit_count, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "integer-length", closc_prim_integer_length, Exactly(1), F1;
        allocates: false),
    builtin!(Bitwise, "first-set-bit", closc_prim_first_set_bit, Exactly(1), F1;
        allocates: false),
    builtin!(Bitwise, "bit-set?", closc_prim_bit_set_p, Exactly(2), F2; allocates: false),
    // Fixnum operations, SRFI 143's core (bitwise.rs).
    builtin!(Bitwise, "fixnum?", closc_prim_fixnum_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(Bitwise, "fx+", closc_prim_fx_plus, Exactly(2), F2;
        inline: Fixnum(Add), allocates: false),
    builtin!(Bitwise, "fx-", closc_prim_fx_, Exactly(2), F2;
        inline: Fixnum(Sub), allocates: false),
    builtin!(Bitwise, "fx*", closc_prim_fx_star, Exactly(2), F2; allocates: false),
    builtin!(Bitwise, "fxquotient", closc_prim_fxquotient, Exactly(2), F2; allocates: false),
    builtin!(Bitwise, "fxremainder", closc_prim_fxremainder, Exactly(2), F2; allocates: false),
    builtin!(Bitwise, "fxneg", closc_prim_fxneg, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxabs", closc_prim_fxabs, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxsquare", closc_prim_fxsquare, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxnot", closc_prim_fxnot, Exactly(1), F1;
        inline: Fixnum(Not), allocates: false),
    builtin!(Bitwise, "fxand", closc_prim_fxand, AtLeast(0), Varargs;
        inline: Fixnum(And), allocates: false),
    builtin!(Bitwise, "fxior", closc_prim_fxior, AtLeast(0), Varargs;
        inline: Fixnum(Ior), allocates: false),
    builtin!(Bitwise, "fxxor", closc_prim_fxxor, AtLeast(0), Varargs;
        inline: Fixnum(Xor), allocates: false),
    builtin!(Bitwise, "fxarithmetic-shift", closc_prim_fxarithmetic_shift, Exactly(2), F2;
        allocates: false),
    builtin!(Bitwise, "fxarithmetic-shift-left", closc_prim_fxarithmetic_shift_left,
        Exactly(2), F2; allocates: false),
    builtin!(Bitwise, "fxarithmetic-shift-right", closc_prim_fxarithmetic_shift_right,
        Exactly(2), F2; allocates: false),
    builtin!(Bitwise, "fx=?", closc_prim_fx_eq_p, AtLeast(1), Varargs;
        inline: FixnumCompare(Eq), allocates: false),
    builtin!(Bitwise, "fx<?", closc_prim_fx_lt_p, AtLeast(1), Varargs;
        inline: FixnumCompare(Lt), allocates: false),
    builtin!(Bitwise, "fx>?", closc_prim_fx_gt_p, AtLeast(1), Varargs;
        inline: FixnumCompare(Gt), allocates: false),
    builtin!(Bitwise, "fx<=?", closc_prim_fx_lt_eq_p, AtLeast(1), Varargs;
        inline: FixnumCompare(Le), allocates: false),
    builtin!(Bitwise, "fx>=?", closc_prim_fx_gt_eq_p, AtLeast(1), Varargs;
        inline: FixnumCompare(Ge), allocates: false),
    builtin!(Bitwise, "fxmax", closc_prim_fxmax, AtLeast(1), Varargs; allocates: false),
    builtin!(Bitwise, "fxmin", closc_prim_fxmin, AtLeast(1), Varargs; allocates: false),
    builtin!(Bitwise, "fxzero?", closc_prim_fxzero_p, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxpositive?", closc_prim_fxpositive_p, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxnegative?", closc_prim_fxnegative_p, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxodd?", closc_prim_fxodd_p, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxeven?", closc_prim_fxeven_p, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxbit-count", closc_prim_fxbit_count, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxlength", closc_prim_fxlength, Exactly(1), F1; allocates: false),
    builtin!(Bitwise, "fxfirst-set-bit", closc_prim_fxfirst_set_bit, Exactly(1), F1;
        allocates: false),
    builtin!(Bitwise, "fxbit-set?", closc_prim_fxbit_set_p, Exactly(2), F2; allocates: false),
    builtin!(Bitwise, "fxcopy-bit", closc_prim_fxcopy_bit, Exactly(3), F3; allocates: false),
    builtin!(Bitwise, "fxif", closc_prim_fxif, Between(3, 3), Varargs; allocates: false),
    builtin!(Bitwise, "fxbit-field", closc_prim_fxbit_field, Exactly(3), F3; allocates: false),
    builtin!(HashTables, "hashtable-access-kind", closc_prim_hashtable_access_kind, Exactly(1),
        F1; allocates: false, can_raise: false),
    // (closc os): processes, the file system and the clock (system/).
    builtin!(Os, "system", closc_prim_system, Exactly(1), F1),
    builtin!(Os, "os-spawn-process", closc_prim_os_spawn_process, Exactly(2), F2),
    builtin!(Os, "os-wait-process", closc_prim_os_wait_process, Exactly(1), F1; allocates: false),
    builtin!(Os, "os-signal-process", closc_prim_os_signal_process, Exactly(2), F2;
        allocates: false),
    builtin!(Os, "current-process-id", closc_prim_current_process_id, Exactly(0), F0;
        allocates: false, can_raise: false),
    builtin!(Os, "set-environment-variable!", closc_prim_set_environment_variable_x, Exactly(2),
        F2; allocates: false),
    builtin!(Os, "unset-environment-variable!", closc_prim_unset_environment_variable_x,
        Exactly(1), F1; allocates: false),
    builtin!(Os, "directory-files", closc_prim_directory_files, Exactly(1), F1),
    builtin!(Os, "os-file-info", closc_prim_os_file_info, Between(1, 2), Varargs),
    builtin!(Os, "rename-file", closc_prim_rename_file, Exactly(2), F2),
    builtin!(Os, "create-directory", closc_prim_create_directory, Between(1, 2), Varargs),
    builtin!(Os, "delete-directory", closc_prim_delete_directory, Exactly(1), F1),
    builtin!(Os, "current-directory", closc_prim_current_directory, Exactly(0), F0),
    builtin!(Os, "change-directory", closc_prim_change_directory, Exactly(1), F1),
    builtin!(Os, "create-temporary-file", closc_prim_create_temporary_file, Between(0, 1),
        Varargs),
    builtin!(Os, "create-temporary-directory", closc_prim_create_temporary_directory,
        Between(0, 1), Varargs),
    builtin!(Os, "os-clock-realtime", closc_prim_os_clock_realtime, Exactly(0), F0;
        can_raise: false),
    builtin!(Os, "os-local-time-offset", closc_prim_os_local_time_offset, Exactly(1), F1;
        allocates: false),
    builtin!(Os, "sleep", closc_prim_sleep, Exactly(1), F1; allocates: false),
    builtin!(Internal, "%environment-new", closc_prim_pct_environment_new, Exactly(1), F1),
    builtin!(Internal, "%interaction-environment", closc_prim_pct_interaction_environment, Exactly(0), F0),
    builtin!(Internal, "%eval-compile", closc_prim_pct_eval_compile, Exactly(2), F2),
    builtin!(Internal, "%load-compile", closc_prim_pct_load_compile, Exactly(2), F2),
    builtin!(Internal, "%eval-object", closc_prim_pct_eval_object, Exactly(1), F1; allocates: false),
    builtin!(Ffi, "load-shared-object", closc_prim_load_shared_object, Exactly(1), F1; allocates: false),
    builtin!(Ffi, "pointer?", closc_prim_pointer_p, Exactly(1), F1; allocates: false, can_raise: false),
    builtin!(Ffi, "null-pointer?", closc_prim_null_pointer_p, Exactly(1), F1; allocates: false),
    builtin!(Ffi, "pointer+", closc_prim_pointer_plus, Exactly(2), F2),
    builtin!(Ffi, "pointer->integer", closc_prim_pointer_to_integer, Exactly(1), F1),
    builtin!(Ffi, "integer->pointer", closc_prim_integer_to_pointer, Exactly(1), F1),
    builtin!(Ffi, "make-foreign-buffer", closc_prim_make_foreign_buffer, Exactly(1), F1),
    builtin!(Ffi, "foreign-buffer?", closc_prim_foreign_buffer_p, Exactly(1), F1; allocates: false, can_raise: false),
    builtin!(Ffi, "foreign-buffer-size", closc_prim_foreign_buffer_size, Exactly(1), F1; allocates: false),
    builtin!(Ffi, "foreign-buffer-pointer", closc_prim_foreign_buffer_pointer, Exactly(1), F1),
    builtin!(Ffi, "free-foreign-buffer", closc_prim_free_foreign_buffer, Exactly(1), F1; allocates: false),
    builtin!(Ffi, "foreign-ref", closc_prim_foreign_ref, Exactly(3), F3),
    builtin!(Ffi, "foreign-set!", closc_prim_foreign_set_x, Between(4, 4), Varargs; allocates: false),
    builtin!(Ffi, "foreign-buffer->string", closc_prim_foreign_buffer_to_string, Between(1, 2), Varargs),
    builtin!(Ffi, "foreign-buffer->bytevector", closc_prim_foreign_buffer_to_bytevector, Exactly(1), F1),
    builtin!(Internal, "%unassigned", closc_prim_pct_unassigned, Exactly(0), F0;
        allocates: false, can_raise: false),
    builtin!(Internal, "%check-initialised", closc_prim_pct_check_initialised, Exactly(2), F2;
        allocates: false),
    builtin!(Internal, "%wide-arguments", closc_prim_pct_wide_arguments, Exactly(3), F3),
    // (closc char-sets): SRFI 14's kernels (char_sets/).
    builtin!(CharSets, "char-set?", closc_prim_char_set_p, Exactly(1), F1;
        allocates: false, can_raise: false),
    builtin!(CharSets, "char-set-contains?", closc_prim_char_set_contains_p, Exactly(2), F2;
        allocates: false),
    builtin!(CharSets, "char-set-size", closc_prim_char_set_size, Exactly(1), F1; allocates: false),
    builtin!(CharSets, "char-set=", closc_prim_char_set_eq, AtLeast(0), Varargs; allocates: false),
    builtin!(CharSets, "char-set<=", closc_prim_char_set_lt_eq, AtLeast(0), Varargs; allocates: false),
    builtin!(CharSets, "char-set-hash", closc_prim_char_set_hash, Between(1, 2), Varargs;
        allocates: false),
    builtin!(CharSets, "char-set-copy", closc_prim_char_set_copy, Exactly(1), F1),
    builtin!(CharSets, "char-set", closc_prim_char_set, AtLeast(0), Varargs),
    builtin!(CharSets, "list->char-set", closc_prim_list_to_char_set, Between(1, 2), Varargs),
    builtin!(CharSets, "string->char-set", closc_prim_string_to_char_set, Between(1, 2), Varargs),
    builtin!(CharSets, "ucs-range->char-set", closc_prim_ucs_range_to_char_set, Between(2, 4),
        Varargs),
    builtin!(CharSets, "char-set->list", closc_prim_char_set_to_list, Exactly(1), F1),
    builtin!(CharSets, "char-set->string", closc_prim_char_set_to_string, Exactly(1), F1),
    builtin!(CharSets, "char-set-adjoin", closc_prim_char_set_adjoin, AtLeast(1), Varargs),
    builtin!(CharSets, "char-set-delete", closc_prim_char_set_delete, AtLeast(1), Varargs),
    builtin!(CharSets, "char-set-complement", closc_prim_char_set_complement, Exactly(1), F1),
    builtin!(CharSets, "char-set-union", closc_prim_char_set_union, AtLeast(0), Varargs),
    builtin!(CharSets, "char-set-intersection", closc_prim_char_set_intersection, AtLeast(0),
        Varargs),
    builtin!(CharSets, "char-set-difference", closc_prim_char_set_difference, AtLeast(1), Varargs),
    builtin!(CharSets, "char-set-xor", closc_prim_char_set_xor, AtLeast(0), Varargs),
    builtin!(CharSets, "char-set-next-member", closc_prim_char_set_next_member, Exactly(2), F2;
        allocates: false),
    builtin!(CharSets, "char-set-standard", closc_prim_char_set_standard, Exactly(1), F1),
    builtin!(CharSets, "char-set-replace!", closc_prim_char_set_replace_x, Exactly(2), F2;
        allocates: false),
];

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
        let car = BuiltinId::named("car").expect("car is a builtin");
        assert_eq!(car.builtin().name, "car");
        assert!(BuiltinId::named("frobnicate").is_none());
    }

    #[test]
    fn library_tags_are_consistent() {
        let mut names = std::collections::HashSet::new();
        for b in BUILTINS {
            assert!(names.insert(b.name), "duplicate name {}", b.name);
            assert_eq!(
                b.library == Library::Internal,
                b.name.starts_with('%'),
                "{}: library Internal exactly for `%` names",
                b.name
            );
            assert_eq!(b.library.name().is_none(), b.library == Library::Internal);
        }
        let library = |name| BuiltinId::named(name).unwrap().builtin().library;
        assert_eq!(library("car"), Library::Base);
        assert_eq!(library("caddr"), Library::Cxr);
        assert_eq!(library("sqrt"), Library::Inexact);
        assert_eq!(library("char-upcase"), Library::Char);
        assert_eq!(library("display"), Library::Write);
        assert_eq!(library("emergency-exit"), Library::ProcessContext);
        assert_eq!(library("exact->inexact"), Library::R5rs);
    }

    #[test]
    fn properties_are_consistent() {
        let mut kinds = Vec::new();
        for b in BUILTINS {
            let p = b.props;
            if p.inline_bytes != InlineBytes::Fixed(0) {
                assert!(
                    p.inline.is_some(),
                    "{}: inline bytes without inline code",
                    b.name
                );
                assert!(p.allocates, "{}: allocates inline, so `allocates`", b.name);
            }
            if let Some(kind) = p.inline {
                assert!(
                    !kinds.contains(&kind),
                    "{}: inline kind {kind:?} twice",
                    b.name
                );
                kinds.push(kind);
            }
        }
    }
}
