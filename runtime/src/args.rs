//! The one argument-checking module: argument counts (`Arity`, `args`) and
//! the types and ranges of single arguments (fixnums, pairs, strings,
//! vectors, indices, lengths, optional `start`/`end` ranges and the
//! destination of the `...-copy!` procedures).
//!
//! In: what compiled code passed (`argc`/`argv`, tagged values). Out: the
//! argument slice or the untagged value, in range. Every check either returns
//! or raises an error naming the procedure: `PROC: wrong number of arguments:
//! expected ..., got N`, `PROC: not a TYPE: V`, `PROC: not a valid index: V`
//! (not an exact integer), `PROC: index out of range: V`, `PROC: not a valid
//! length: V`. Nothing here allocates. Uses only `error` and the value layout.

use crate::error::{expected_text, fatal, index_error, type_error};
use crate::memory::value::*;

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

/// An index argument (an exact integer), untagged but not yet range-checked.
#[inline]
fn index_value(proc: &str, k: Value) -> i64 {
    if is_fixnum(k) {
        fixnum_value(k)
    } else {
        type_error(proc, "valid index", k)
    }
}

/// Index `k` into a sequence of length `n`: `0 <= k < n`.
#[inline]
pub(crate) fn index_arg(proc: &str, k: Value, n: usize) -> usize {
    let i = index_value(proc, k);
    if i < 0 || i as u64 >= n as u64 {
        index_error(proc, k);
    }
    i as usize
}

/// A position `k` with `lo <= k <= n` (a range bound or a copy destination).
#[inline]
pub(crate) fn bound_arg(proc: &str, k: Value, lo: usize, n: usize) -> usize {
    let i = index_value(proc, k);
    if i < lo as i64 || i as u64 > n as u64 {
        index_error(proc, k);
    }
    i as usize
}

/// A length argument of `make-string`, `make-vector`, ...: an exact
/// nonnegative integer.
pub(crate) fn length_arg(proc: &str, k: Value) -> usize {
    if is_fixnum(k) && fixnum_value(k) >= 0 {
        fixnum_value(k) as usize
    } else {
        type_error(proc, "valid length", k)
    }
}

/// The optional `start` and `end` arguments at `args[i]` and `args[i + 1]`
/// of a sequence of length `n` (defaults 0 and `n`), with
/// `0 <= start <= end <= n`.
pub(crate) fn range_args(proc: &str, args: &[Value], i: usize, n: usize) -> (usize, usize) {
    let start = args.get(i).map_or(0, |&s| bound_arg(proc, s, 0, n));
    let end = args.get(i + 1).map_or(n, |&e| bound_arg(proc, e, start, n));
    (start, end)
}

/// The destination index `at` of `(PROC to at from start end)` copying
/// `count` elements into a sequence of length `to_len`.
pub(crate) fn copy_destination(proc: &str, at: Value, to_len: usize, count: usize) -> usize {
    let at_i = bound_arg(proc, at, 0, to_len);
    if to_len - at_i < count {
        fatal(&format!(
            "{proc}: {count} elements do not fit at index {at_i} of a destination of length {to_len}"
        ));
    }
    at_i
}

/// A byte argument: an exact integer from 0 to 255.
pub(crate) fn byte_arg(proc: &str, v: Value) -> u8 {
    match is_fixnum(v).then(|| fixnum_value(v)) {
        Some(b @ 0..=255) => b as u8,
        _ => type_error(proc, "byte", v),
    }
}
