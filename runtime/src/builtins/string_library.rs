//! `(closc strings)`: the kernels of the SRFI 13 and SRFI 152 string
//! libraries that take no procedure arguments and are worth a loop in Rust:
//! searching (`string-contains`, `-right`, `-ci`), `string-join`,
//! `string-split`, `string-pad`/`-right`, and the prefix and suffix
//! procedures (`string-prefix-length`, `string-prefix?`, ... and their
//! `-ci` forms). `lib/srfi/13.sld` and `152.sld` re-export them; where the
//! two SRFIs agree on a name they get this one binding.
//!
//! In: strings (narrow or wide, see `memory::strings`; the searching and
//! splitting kernels work on a `u32` copy of a narrow string) and optional
//! `start`/`end` positions, checked as every string builtin checks them (`args`). Out:
//! fresh mutable strings, indices, booleans, lists. Case-insensitive forms
//! compare `char-downcase (char-upcase c)`, as SRFI 13 defines them.
//!
//! Searching is Knuth-Morris-Pratt: O(n + m) whatever the text, with a
//! restart table of the pattern's length (allocated by Rust, freed on return;
//! runtime allocation never moves the argument strings).

use crate::args::{args, length_arg, range_args, string_arg, Arity};
use crate::builtins::chars::char_arg;
use crate::builtins::lists::{list_elements, list_with_tail};
use crate::error::type_error;
use crate::memory::heap::*;
use crate::memory::strings::concat;
use crate::memory::value::*;
use crate::unicode;
use std::borrow::Cow;
use Arity::Between;

/// SRFI 13's case folding for `-ci` comparisons.
#[inline]
fn fold(c: u32) -> u32 {
    unicode::downcase(unicode::upcase(c))
}

/// Two substrings: `(s1 s2 [start1 end1 start2 end2])`, arguments at `args[at..]`.
/// The code points are a copy for a narrow string (these kernels are
/// written over `u32` slices).
fn two_substrings<'a>(
    proc: &str,
    args: &[Value],
    at: usize,
) -> (Cow<'a, [u32]>, usize, Cow<'a, [u32]>) {
    let s1 = string_view(string_arg(proc, args[at]));
    let s2 = string_view(string_arg(proc, args[at + 1]));
    let rest = &args[at + 2..];
    let (start1, end1) = range_args(proc, rest, 0, s1.len());
    let (start2, end2) = range_args(proc, rest, 2, s2.len());
    (
        s1.slice(start1, end1).to_u32(),
        start1,
        s2.slice(start2, end2).to_u32(),
    )
}

/// The KMP failure table of `pattern` (`key` maps characters before comparing).
fn restart_table(pattern: &[u32], key: impl Fn(u32) -> u32) -> Vec<usize> {
    let mut table = vec![0; pattern.len()];
    let mut k = 0;
    for i in 1..pattern.len() {
        while k > 0 && key(pattern[i]) != key(pattern[k]) {
            k = table[k - 1];
        }
        if key(pattern[i]) == key(pattern[k]) {
            k += 1;
        }
        table[i] = k;
    }
    table
}

/// How many characters of `text` are consumed when `pattern` (non-empty)
/// first matches, or `None`.
fn kmp(
    pattern: &[u32],
    text: impl Iterator<Item = u32>,
    key: impl Fn(u32) -> u32 + Copy,
) -> Option<usize> {
    let table = restart_table(pattern, key);
    let mut matched = 0;
    for (i, c) in text.enumerate() {
        let c = key(c);
        while matched > 0 && c != key(pattern[matched]) {
            matched = table[matched - 1];
        }
        if c == key(pattern[matched]) {
            matched += 1;
            if matched == pattern.len() {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The leftmost (or rightmost) index where `pattern` occurs in `text`.
fn search(text: &[u32], pattern: &[u32], fold_case: bool, from_right: bool) -> Option<usize> {
    let m = pattern.len();
    if m == 0 {
        return Some(if from_right { text.len() } else { 0 });
    }
    if m > text.len() {
        return None;
    }
    let id = |c: u32| c;
    match (from_right, fold_case) {
        (false, false) if m == 1 => text.iter().position(|&c| c == pattern[0]),
        (false, false) => kmp(pattern, text.iter().copied(), id).map(|k| k - m),
        (false, true) => kmp(pattern, text.iter().copied(), fold).map(|k| k - m),
        (true, _) => {
            let reversed: Vec<u32> = pattern.iter().rev().copied().collect();
            let found = if fold_case {
                kmp(&reversed, text.iter().rev().copied(), fold)
            } else {
                kmp(&reversed, text.iter().rev().copied(), id)
            };
            found.map(|k| text.len() - k)
        }
    }
}

fn contains(proc: &str, argc: u64, argv: *const Value, fold_case: bool, right: bool) -> Value {
    let args = args(proc, argc, argv, Between(2, 6));
    let (text, start1, pattern) = two_substrings(proc, args, 0);
    match search(&text, &pattern, fold_case, right) {
        Some(i) => fixnum((start1 + i) as i64),
        None => FALSE,
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_string_contains(argc: u64, argv: *const Value) -> Value {
    contains("string-contains", argc, argv, false, false)
}

#[no_mangle]
pub extern "C" fn closc_prim_string_contains_ci(argc: u64, argv: *const Value) -> Value {
    contains("string-contains-ci", argc, argv, true, false)
}

#[no_mangle]
pub extern "C" fn closc_prim_string_contains_right(argc: u64, argv: *const Value) -> Value {
    contains("string-contains-right", argc, argv, false, true)
}

/// The grammar symbol of `string-join` and `string-split` (default `infix`).
#[derive(Clone, Copy, PartialEq)]
enum Grammar {
    Infix,
    StrictInfix,
    Prefix,
    Suffix,
}

fn grammar_arg(proc: &str, v: Option<&Value>) -> Grammar {
    let Some(&v) = v else {
        return Grammar::Infix;
    };
    if is_symbol(v) {
        match symbol_name(v).as_str() {
            "infix" => return Grammar::Infix,
            "strict-infix" => return Grammar::StrictInfix,
            "prefix" => return Grammar::Prefix,
            "suffix" => return Grammar::Suffix,
            _ => {}
        }
    }
    type_error(proc, "grammar (infix, strict-infix, prefix or suffix)", v)
}

/// `(string-join string-list [delimiter grammar])`.
#[no_mangle]
pub extern "C" fn closc_prim_string_join(argc: u64, argv: *const Value) -> Value {
    const PROC: &str = "string-join";
    let args = args(PROC, argc, argv, Between(1, 3));
    let strings = list_elements(PROC, args[0]);
    let delimiter = match args.get(1) {
        Some(&d) => string_view(string_arg(PROC, d)),
        None => StrView::Narrow(b" "),
    };
    let grammar = grammar_arg(PROC, args.get(2));
    if strings.is_empty() && grammar == Grammar::StrictInfix {
        crate::error::fatal(&format!(
            "{PROC}: the strict-infix grammar needs at least one string"
        ));
    }
    let mut parts: Vec<StrView> = Vec::with_capacity(strings.len() * 2 + 1);
    for (i, &s) in strings.iter().enumerate() {
        let chars = string_view(string_arg(PROC, s));
        match grammar {
            Grammar::Prefix => parts.push(delimiter),
            Grammar::Infix | Grammar::StrictInfix if i > 0 => parts.push(delimiter),
            _ => {}
        }
        parts.push(chars);
        if grammar == Grammar::Suffix {
            parts.push(delimiter);
        }
    }
    concat(&parts)
}

/// `(string-split string delimiter [grammar limit start end])` (SRFI 152).
#[no_mangle]
pub extern "C" fn closc_prim_string_split(argc: u64, argv: *const Value) -> Value {
    const PROC: &str = "string-split";
    let args = args(PROC, argc, argv, Between(2, 6));
    let chars = string_view(string_arg(PROC, args[0])).to_u32();
    let delimiter = string_view(string_arg(PROC, args[1])).to_u32();
    let grammar = grammar_arg(PROC, args.get(2));
    let limit = match args.get(3) {
        None | Some(&FALSE) => usize::MAX,
        Some(&l) => length_arg(PROC, l),
    };
    let (start, end) = range_args(PROC, args, 4, chars.len());
    let text = &chars[start..end];
    if text.is_empty() {
        if grammar == Grammar::StrictInfix {
            crate::error::fatal(&format!(
                "{PROC}: the strict-infix grammar cannot split an empty string"
            ));
        }
        return NIL;
    }
    let mut pieces: Vec<&[u32]> = Vec::new();
    if delimiter.is_empty() {
        // Every character is a word; the limit still bounds the splits.
        for at in 0..text.len() {
            if pieces.len() == limit {
                pieces.push(&text[at..]);
                break;
            }
            pieces.push(&text[at..at + 1]);
        }
    } else {
        let mut at = 0;
        loop {
            let next = if pieces.len() < limit {
                search(&text[at..], &delimiter, false, false)
            } else {
                None
            };
            match next {
                Some(i) => {
                    pieces.push(&text[at..at + i]);
                    at += i + delimiter.len();
                }
                None => {
                    pieces.push(&text[at..]);
                    break;
                }
            }
        }
        if grammar == Grammar::Prefix && pieces.len() > 1 && pieces[0].is_empty() {
            pieces.remove(0);
        }
        if grammar == Grammar::Suffix && pieces.len() > 1 && pieces[pieces.len() - 1].is_empty() {
            pieces.pop();
        }
    }
    let strings: Vec<Value> = pieces.iter().map(|p| make_string_from_chars(p)).collect();
    list_with_tail(&strings, NIL)
}

fn pad(proc: &str, argc: u64, argv: *const Value, right: bool) -> Value {
    let args = args(proc, argc, argv, Between(2, 5));
    let s = string_view(string_arg(proc, args[0])).to_u32();
    let len = length_arg(proc, args[1]);
    let fill = args.get(2).map_or(' ' as u32, |&c| char_arg(proc, c));
    let (start, end) = range_args(proc, args, 3, s.len());
    let text = &s[start..end];
    let mut out = vec![0; len];
    if text.len() >= len {
        // Truncate: keep the rightmost (string-pad) or leftmost characters.
        let kept = if right {
            &text[..len]
        } else {
            &text[text.len() - len..]
        };
        out.copy_from_slice(kept);
    } else if right {
        out[..text.len()].copy_from_slice(text);
        out[text.len()..].fill(fill);
    } else {
        let gap = len - text.len();
        out[..gap].fill(fill);
        out[gap..].copy_from_slice(text);
    }
    make_string_from_chars(&out)
}

#[no_mangle]
pub extern "C" fn closc_prim_string_pad(argc: u64, argv: *const Value) -> Value {
    pad("string-pad", argc, argv, false)
}

#[no_mangle]
pub extern "C" fn closc_prim_string_pad_right(argc: u64, argv: *const Value) -> Value {
    pad("string-pad-right", argc, argv, true)
}

/// The length of the common prefix (or suffix) of two substrings.
fn common(
    proc: &str,
    argc: u64,
    argv: *const Value,
    fold_case: bool,
    suffix: bool,
) -> (usize, usize, usize) {
    let args = args(proc, argc, argv, Between(2, 6));
    let (a, _, b) = two_substrings(proc, args, 0);
    let key = |c: u32| if fold_case { fold(c) } else { c };
    let n = if suffix {
        a.iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(&x, &y)| key(x) == key(y))
            .count()
    } else {
        a.iter()
            .zip(b.iter())
            .take_while(|(&x, &y)| key(x) == key(y))
            .count()
    };
    (n, a.len(), b.len())
}

macro_rules! prefix_procs {
    ($($name:literal, $length:ident, $pred:ident, $pred_name:literal, $fold:expr, $suffix:expr;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $length(argc: u64, argv: *const Value) -> Value {
            fixnum(common($name, argc, argv, $fold, $suffix).0 as i64)
        }

        #[no_mangle]
        pub extern "C" fn $pred(argc: u64, argv: *const Value) -> Value {
            let (n, len1, _) = common($pred_name, argc, argv, $fold, $suffix);
            boolean(n == len1)
        }
    )*};
}

prefix_procs! {
    "string-prefix-length", closc_prim_string_prefix_length,
        closc_prim_string_prefix_p, "string-prefix?", false, false;
    "string-suffix-length", closc_prim_string_suffix_length,
        closc_prim_string_suffix_p, "string-suffix?", false, true;
    "string-prefix-length-ci", closc_prim_string_prefix_length_ci,
        closc_prim_string_prefix_ci_p, "string-prefix-ci?", true, false;
    "string-suffix-length-ci", closc_prim_string_suffix_length_ci,
        closc_prim_string_suffix_ci_p, "string-suffix-ci?", true, true;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn kmp_search_finds_first_and_last() {
        let t = cs("abababcabababc");
        assert_eq!(search(&t, &cs("ababc"), false, false), Some(2));
        assert_eq!(search(&t, &cs("ababc"), false, true), Some(9));
        assert_eq!(search(&t, &cs("abx"), false, false), None);
        assert_eq!(search(&t, &cs(""), false, true), Some(14));
        assert_eq!(search(&cs("xAbC"), &cs("abc"), true, false), Some(1));
        let long: Vec<u32> = std::iter::repeat_n('a' as u32, 10_000).collect();
        let mut pat: Vec<u32> = std::iter::repeat_n('a' as u32, 500).collect();
        pat.push('b' as u32);
        assert_eq!(search(&long, &pat, false, false), None);
    }
}
