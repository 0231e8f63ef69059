//! What the compiler reads of a builtin beside its entry: the kinds of
//! inline code (`Inline` and the operations some kinds take), the bytes that
//! code allocates, and what a result says about flonums. `table.rs`'s
//! `Props` hold one of each per builtin; codegen and the passes dispatch on
//! them.
//!
//! Invariant: the table gives each `Inline` kind to at most one builtin (its
//! unit test checks it), so a kind names the builtin it compiles.

/// How codegen compiles a call of the builtin inline (for the argument
/// counts `codegen::builtins::inline_kind` accepts); any other call goes to
/// the entry function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inline {
    Add,
    Sub,
    Mul,
    Div,
    NumCompare(NumCompare),
    Quotient,
    Remainder,
    Modulo,
    /// R7RS's names for integer division (`floor/` and `truncate/` use them):
    /// the same inline code as the three above, or (`FloorQuotient`) its
    /// floor, each with a slow path that names it.
    FloorQuotient,
    FloorRemainder,
    TruncateQuotient,
    TruncateRemainder,
    Eq,
    Eqv,
    Not,
    NullP,
    PairP,
    ProcedureP,
    Cons,
    List,
    Car,
    Cdr,
    SetCar,
    SetCdr,
    VectorRef,
    VectorSet,
    /// SRFI 151 on fixnums, bignums through the runtime (`codegen::bitwise`).
    Bitwise(BitOp),
    /// SRFI 143 on fixnums; anything else goes to the entry, which reports it.
    Fixnum(FxOp),
    /// A `c[ad]+r` composition: the accessors innermost first (`cadr` is "da").
    Cxr(&'static str),
    /// Two-argument `char=?`, `char<?`, ...: a comparison of the words.
    CharCompare(NumCompare),
    /// `char->integer`, and `integer->char` below the surrogates.
    CharToInteger,
    IntegerToChar,
    /// A character predicate or case mapping on an ASCII character; any
    /// other character (and a non-character) goes to the entry.
    CharAscii(CharOp),
    Abs,
    /// Two-argument `max` and `min`.
    Max,
    Min,
    ZeroP,
    OddP,
    EvenP,
    /// `number?`.
    NumberP,
    SymbolP,
    StringP,
    VectorP,
    CharP,
    BooleanP,
    VectorLength,
    /// `string-length`.
    StringLength,
    /// `string-ref` of a narrow string inline; a wide or forwarded one
    /// through the entry.
    StringRef,
    Memq,
    Memv,
    Assq,
    Assv,
    Equal,
    /// `%case-lambda`, what `case-lambda` expands into: a closure-shaped
    /// object of the clauses (`value.rs`, `CASE_LAMBDA_ARITY`).
    CaseLambda,
    /// The operations `define-record-type` expands into (`codegen::records`).
    Record,
    RecordP,
    RecordRef,
    RecordSet,
}

/// The operation of an `Inline::Bitwise` builtin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitOp {
    And,
    Ior,
    Xor,
    Not,
    Shift,
}

/// The operation of an `Inline::CharAscii` builtin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharOp {
    Alphabetic,
    Numeric,
    Whitespace,
    UpperCase,
    LowerCase,
    Upcase,
    Downcase,
    /// The same as `Downcase` on ASCII.
    Foldcase,
    DigitValue,
}

/// The operation of an `Inline::Fixnum` builtin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FxOp {
    Add,
    Sub,
    And,
    Ior,
    Xor,
    Not,
    Compare(NumCompare),
}

/// The numeric comparison an `Inline::NumCompare` builtin makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumCompare {
    Eq,
    Lt,
    Gt,
    Le,
    Ge,
}

/// How many bytes the inline code of a builtin allocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlineBytes {
    Fixed(usize),
    PerArgument(usize),
    /// A header word, then `n` bytes per argument (one object).
    HeaderAndPerArgument(usize),
    /// A closure's three fixed words, then a word per argument.
    ClosureOfArguments(usize),
}

impl InlineBytes {
    pub fn for_args(self, argc: usize) -> usize {
        match self {
            InlineBytes::Fixed(n) => n,
            InlineBytes::PerArgument(n) => n * argc,
            InlineBytes::HeaderAndPerArgument(n) => 8 + n * argc,
            InlineBytes::ClosureOfArguments(n) => 24 + n * argc,
        }
    }
}

/// What a builtin's result says about flonums (read by `flonum_hints`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlonumResult {
    /// Taken to be no flonum, like the result of an unknown call.
    Unhinted,
    /// Inexact for any argument it accepts.
    Always,
    /// A flonum when an operand is.
    FollowsOperands,
}
