//! Character sets (SRFI 14) over full Unicode: the representation, the
//! algebra on range lists, and the standard sets; `entries.rs` holds the
//! builtins of `(closc char-sets)`, on which `lib/srfi/14.scm` builds.
//!
//! Layout: an `HDR_CHARSET` object with two payload words, Scheme values:
//! its size (a fixnum, payload word 2, which the printer reads) and, word 1, a
//! bytevector holding a 256-bit membership bitmap of Latin-1 (32 bytes),
//! then the members as sorted, disjoint, non-adjacent inclusive ranges of
//! code points, two native-endian `u32` per range. The bitmap repeats what
//! the ranges say about U+0000..U+00FF.
//!
//! Why this: membership is the operation SRFI 13's searching and trimming
//! repeat per character, and most text is Latin-1, where it is one load and a
//! bit test; above Latin-1 it is a binary search over the ranges, O(log r).
//! The standard sets over full Unicode are a few hundred to a few thousand
//! ranges (a bitmap of all 0x110000 code points would be 136 KiB per set, and
//! `char-set:full` one range); union, intersection, difference, xor and
//! complement are linear merges of range lists. The data lives in a
//! separate bytevector (no pointers, never scanned) so the linear-update
//! procedures (`char-set-adjoin!`, ...) can replace a set's contents in place
//! with one barriered store.
//!
//! Surrogates (U+D800..U+DFFF) are not characters: no set holds them, and the
//! complement is taken within the characters.

mod entries;

pub use entries::*;

use crate::unicode_tables as tables;

use crate::error::type_error;
use crate::memory::gc::write_barrier;
use crate::memory::heap::{alloc, alloc_bytevector};
use crate::memory::value::*;

/// One past the largest code point.
pub const CODE_LIMIT: u32 = 0x11_0000;
/// The surrogates, which are not characters.
const SURROGATES: (u32, u32) = (0xD800, 0xDFFF);
/// Bytes of the Latin-1 bitmap at the start of a set's data.
const BITMAP_BYTES: usize = 32;

/// Inclusive code-point ranges, sorted, disjoint and non-adjacent.
pub type Ranges = Vec<(u32, u32)>;

/// An operation of the algebra on two normal range lists.
pub type SetOp = fn(&[(u32, u32)], &[(u32, u32)]) -> Ranges;

/// Whether `v` is a character set.
#[inline]
pub fn is_char_set(v: Value) -> bool {
    object_kind(v) == HDR_CHARSET
}

/// Character-set argument `v` of `proc`, or an error naming it.
pub fn char_set_arg(proc: &str, v: Value) -> Value {
    if is_char_set(v) {
        v
    } else {
        type_error(proc, "char-set", v)
    }
}

/// The data bytevector of set `cs`.
#[inline]
fn data(cs: Value) -> Value {
    field(cs, 1)
}

/// The ranges of set `cs`, borrowed from the heap (valid until the next
/// allocation that may collect: runtime code never sees objects move).
pub fn ranges_of<'a>(cs: Value) -> &'a [[u32; 2]] {
    let bv = data(cs);
    let n = (bytevector_len(bv) - BITMAP_BYTES) / 8;
    // SAFETY: the bytevector holds the bitmap then `n` pairs of `u32`; its
    // bytes start 16 bytes into an 8-byte-aligned object.
    unsafe {
        std::slice::from_raw_parts(bytevector_bytes(bv).add(BITMAP_BYTES) as *const [u32; 2], n)
    }
}

/// The ranges of `cs` as an owned list.
pub fn ranges_vec(cs: Value) -> Ranges {
    ranges_of(cs).iter().map(|r| (r[0], r[1])).collect()
}

/// Whether set `cs` holds code point `c`.
#[inline]
pub fn contains(cs: Value, c: u32) -> bool {
    let bv = data(cs);
    if c < 256 {
        // SAFETY: the bitmap is the first 32 bytes.
        let byte = unsafe { *bytevector_bytes(bv).add((c >> 3) as usize) };
        return byte >> (c & 7) & 1 != 0;
    }
    let r = ranges_of(cs);
    let i = r.partition_point(|x| x[1] < c);
    i < r.len() && r[i][0] <= c
}

/// The number of characters in `r`.
pub fn count(r: &[(u32, u32)]) -> u64 {
    r.iter().map(|x| (x.1 - x.0) as u64 + 1).sum()
}

/// The data bytevector for `r` (normalised).
fn encode(r: &[(u32, u32)]) -> Value {
    let bv = alloc_bytevector(BITMAP_BYTES + 8 * r.len());
    let bytes = bytevector_bytes(bv);
    for (k, &(lo, hi)) in r.iter().enumerate() {
        // SAFETY: inside the bytevector just allocated (aligned, see `ranges_of`).
        unsafe {
            let p = bytes.add(BITMAP_BYTES + 8 * k) as *mut u32;
            *p = lo;
            *p.add(1) = hi;
        }
        for c in lo..=hi.min(255) {
            // SAFETY: `c < 256`: inside the bitmap.
            unsafe { *bytes.add((c >> 3) as usize) |= 1 << (c & 7) };
        }
    }
    bv
}

/// A new character set holding `r` (normalised).
pub fn make_char_set(r: &[(u32, u32)]) -> Value {
    let bv = encode(r);
    let p = alloc(3);
    // SAFETY: a fresh three-word object.
    unsafe { *p = header(HDR_CHARSET, 2) };
    let cs = p as u64 | TAG_OBJECT;
    set_field(cs, 1, bv);
    set_field(cs, 2, fixnum(count(r) as i64));
    write_barrier(cs, 1, bv);
    cs
}

/// Sorts and merges `r` into normal form, dropping surrogates.
pub fn normalize(mut r: Ranges) -> Ranges {
    r.sort_unstable();
    let mut out: Ranges = Vec::with_capacity(r.len());
    for (lo, hi) in r {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    intersection(&out, &universe())
}

/// Every character: the code points other than surrogates.
pub fn universe() -> Ranges {
    vec![(0, SURROGATES.0 - 1), (SURROGATES.1 + 1, CODE_LIMIT - 1)]
}

/// The union of two normal range lists.
pub fn union(a: &[(u32, u32)], b: &[(u32, u32)]) -> Ranges {
    let mut out: Ranges = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = if j == b.len() || (i < a.len() && a[i].0 <= b[j].0) {
            i += 1;
            a[i - 1]
        } else {
            j += 1;
            b[j - 1]
        };
        match out.last_mut() {
            Some(last) if next.0 <= last.1.saturating_add(1) => last.1 = last.1.max(next.1),
            _ => out.push(next),
        }
    }
    out
}

/// The intersection of two normal range lists.
pub fn intersection(a: &[(u32, u32)], b: &[(u32, u32)]) -> Ranges {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        if lo <= hi {
            out.push((lo, hi));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The characters not in normal range list `a`.
pub fn complement(a: &[(u32, u32)]) -> Ranges {
    let mut gaps = Vec::with_capacity(a.len() + 1);
    let mut next = 0u32;
    for &(lo, hi) in a {
        if lo > next {
            gaps.push((next, lo - 1));
        }
        next = hi + 1;
    }
    if next < CODE_LIMIT {
        gaps.push((next, CODE_LIMIT - 1));
    }
    intersection(&gaps, &universe())
}

/// `a` without the characters of `b`.
pub fn difference(a: &[(u32, u32)], b: &[(u32, u32)]) -> Ranges {
    intersection(a, &complement(b))
}

/// The characters in exactly one of `a` and `b`.
pub fn xor(a: &[(u32, u32)], b: &[(u32, u32)]) -> Ranges {
    union(&difference(a, b), &difference(b, a))
}

/// A flat table (`start, end, ...`, as `unicode_tables.rs` holds) as ranges.
fn from_table(t: &[u32]) -> Ranges {
    t.chunks(2).map(|p| (p[0], p[1])).collect()
}

/// SRFI 14's `char-set:whitespace`: general categories Zs, Zl and Zp plus
/// U+0009..U+000D. That is the White_Space property (`char-whitespace?`,
/// as R7RS defines it) less U+0085 NEXT LINE, a control character the SRFI's
/// list leaves out; `tools/unicode-tables.py` checks that U+0085 is the one
/// difference.
fn srfi14_whitespace() -> Ranges {
    difference(&from_table(tables::WHITE_SPACE), &[(0x85, 0x85)])
}

/// Standard set number `k` (the order of `STANDARD_NAMES`), or `None`.
pub fn standard(k: i64) -> Option<Ranges> {
    let ascii = |lo: u8, hi: u8| (lo as u32, hi as u32);
    Some(match k {
        0 => from_table(tables::LOWER_CASE_LETTER),
        1 => from_table(tables::UPPER_CASE_LETTER),
        2 => from_table(tables::TITLE_CASE_LETTER),
        3 => from_table(tables::LETTER),
        4 => from_table(tables::DIGIT),
        5 => union(&from_table(tables::LETTER), &from_table(tables::DIGIT)),
        6 => from_table(tables::GRAPHIC),
        7 => union(&from_table(tables::GRAPHIC), &srfi14_whitespace()),
        8 => srfi14_whitespace(),
        9 => vec![(0, 0x1F), (0x7F, 0x9F)],
        10 => from_table(tables::PUNCTUATION),
        11 => from_table(tables::SYMBOL),
        12 => vec![ascii(b'0', b'9'), ascii(b'A', b'F'), ascii(b'a', b'f')],
        13 => from_table(tables::BLANK),
        14 => vec![(0, 0x7F)],
        15 => Vec::new(),
        16 => universe(),
        _ => return None,
    })
}

/// The standard sets, in the order `standard` numbers them (for tests and
/// messages; `lib/srfi/14.scm` names them by number).
pub const STANDARD_NAMES: [&str; 17] = [
    "lower-case",
    "upper-case",
    "title-case",
    "letter",
    "digit",
    "letter+digit",
    "graphic",
    "printing",
    "whitespace",
    "iso-control",
    "punctuation",
    "symbol",
    "hex-digit",
    "blank",
    "ascii",
    "empty",
    "full",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algebra_on_ranges() {
        let a = vec![(1, 5), (10, 20)];
        let b = vec![(4, 12)];
        assert_eq!(union(&a, &b), vec![(1, 20)]);
        assert_eq!(intersection(&a, &b), vec![(4, 5), (10, 12)]);
        assert_eq!(difference(&a, &b), vec![(1, 3), (13, 20)]);
        assert_eq!(xor(&a, &b), vec![(1, 3), (6, 9), (13, 20)]);
        assert_eq!(
            normalize(vec![(5, 6), (1, 2), (3, 4), (0xD000, 0xE000)]),
            vec![(1, 6), (0xD000, 0xD7FF), (0xE000, 0xE000)]
        );
        assert_eq!(complement(&universe()), vec![]);
        assert_eq!(complement(&[]), universe());
    }

    #[test]
    fn standard_tables_are_normal() {
        for k in 0..STANDARD_NAMES.len() as i64 {
            let r = standard(k).unwrap();
            assert_eq!(normalize(r.clone()), r, "{}", STANDARD_NAMES[k as usize]);
        }
        assert!(standard(17).is_none());
    }
}
