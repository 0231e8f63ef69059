//! Strings: their two storage widths, the one view runtime code reads them
//! through (`StrView`), and every operation that makes or mutates one.
//!
//! Layout (constants in `value.rs`): header `(HDR_STRING, words)` with flag
//! bits, the length in characters as a fixnum, then the characters. A
//! *narrow* string stores one byte per character (every character is
//! <= U+00FF), a *wide* one (`STRING_WIDE_BIT`) a `u32` code point per
//! character; either way `string-ref` and `string-set!` are O(1), and a
//! string of Latin-1 text costs a byte a character to build and to copy.
//! Padding after the last character is zero.
//!
//! Invariants:
//! - a string's identity never changes: a narrow string given a character
//!   above U+00FF (`string-set!`, `string-fill!`, `string-copy!`) becomes a
//!   *forwarder* (`STRING_FORWARDED_BIT`, length word unchanged, word 2 the
//!   wide string now holding its characters, stored with the write barrier);
//!   the wide string is private to it and never handed to Scheme code;
//! - a wide string may hold only narrow characters (a wide string is never
//!   narrowed in place), so width says nothing about content: comparisons,
//!   `equal?` and hashing work on code points, never on the storage;
//! - strings made here are narrow when all their characters fit;
//! - runtime allocation never moves objects, so a view stays valid until the
//!   next mutation of its string.

use crate::memory::gc::{alloc, write_barrier};
use crate::memory::value::*;
use std::borrow::Cow;
use std::cmp::Ordering;

/// The characters of a string (or of a range of one), whatever its width.
#[derive(Clone, Copy, Debug)]
pub enum StrView<'a> {
    Narrow(&'a [u8]),
    Wide(&'a [u32]),
}

/// The code points of a `StrView`, in order.
#[derive(Clone)]
pub enum Chars<'a> {
    Narrow(std::slice::Iter<'a, u8>),
    Wide(std::slice::Iter<'a, u32>),
}

impl Iterator for Chars<'_> {
    type Item = u32;
    #[inline]
    fn next(&mut self) -> Option<u32> {
        match self {
            Chars::Narrow(i) => i.next().map(|&b| b as u32),
            Chars::Wide(i) => i.next().copied(),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Chars::Narrow(i) => i.size_hint(),
            Chars::Wide(i) => i.size_hint(),
        }
    }
}

impl DoubleEndedIterator for Chars<'_> {
    fn next_back(&mut self) -> Option<u32> {
        match self {
            Chars::Narrow(i) => i.next_back().map(|&b| b as u32),
            Chars::Wide(i) => i.next_back().copied(),
        }
    }
}

impl ExactSizeIterator for Chars<'_> {}

impl<'a> StrView<'a> {
    #[inline]
    pub fn len(self) -> usize {
        match self {
            StrView::Narrow(b) => b.len(),
            StrView::Wide(w) => w.len(),
        }
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Character `i` (a code point); `i` must be in range.
    #[inline]
    pub fn get(self, i: usize) -> u32 {
        match self {
            StrView::Narrow(b) => b[i] as u32,
            StrView::Wide(w) => w[i],
        }
    }

    /// Characters `start..end`.
    #[inline]
    pub fn slice(self, start: usize, end: usize) -> StrView<'a> {
        match self {
            StrView::Narrow(b) => StrView::Narrow(&b[start..end]),
            StrView::Wide(w) => StrView::Wide(&w[start..end]),
        }
    }

    #[inline]
    pub fn iter(self) -> Chars<'a> {
        match self {
            StrView::Narrow(b) => Chars::Narrow(b.iter()),
            StrView::Wide(w) => Chars::Wide(w.iter()),
        }
    }

    /// The code points as a slice: borrowed from a wide string, a copy of a
    /// narrow one (for the algorithms written over `u32` slices: case
    /// mapping, searching).
    pub fn to_u32(self) -> Cow<'a, [u32]> {
        match self {
            StrView::Narrow(b) => Cow::Owned(b.iter().map(|&c| c as u32).collect()),
            StrView::Wide(w) => Cow::Borrowed(w),
        }
    }

    /// Writes the characters into `out` (exactly `self.len()` long), one
    /// code point each.
    pub fn copy_to_wide(self, out: &mut [u32]) {
        match self {
            StrView::Wide(w) => out.copy_from_slice(w),
            StrView::Narrow(b) => out.iter_mut().zip(b).for_each(|(o, &c)| *o = c as u32),
        }
    }

    /// Writes the characters into `out` (exactly `self.len()` long), a
    /// byte each: the caller knows none is above U+00FF (`needs_wide`).
    pub fn copy_to_narrow(self, out: &mut [u8]) {
        match self {
            StrView::Narrow(b) => out.copy_from_slice(b),
            StrView::Wide(w) => out.iter_mut().zip(w).for_each(|(o, &c)| *o = c as u8),
        }
    }

    /// Whether some character is above U+00FF (so a copy must be wide).
    #[inline]
    pub fn needs_wide(self) -> bool {
        match self {
            StrView::Narrow(_) => false,
            StrView::Wide(w) => w.iter().any(|&c| c > 0xFF),
        }
    }

    /// The characters as Rust text (a code point that is no character, such
    /// as a surrogate, becomes U+FFFD).
    pub fn to_rust(self) -> String {
        self.iter()
            .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
            .collect()
    }

    /// Lexicographic order of the code points, across widths.
    pub fn cmp_chars(self, other: StrView) -> Ordering {
        match (self, other) {
            (StrView::Narrow(a), StrView::Narrow(b)) => a.cmp(b),
            (StrView::Wide(a), StrView::Wide(b)) => a.cmp(b),
            _ => self.iter().cmp(other.iter()),
        }
    }
}

impl PartialEq for StrView<'_> {
    fn eq(&self, other: &StrView) -> bool {
        match (self, other) {
            (StrView::Narrow(a), StrView::Narrow(b)) => a == b,
            _ => self.len() == other.len() && self.cmp_chars(*other) == Ordering::Equal,
        }
    }
}

impl Eq for StrView<'_> {}

/// The object holding string `v`'s characters: `v` itself, or for a
/// forwarder the wide string it forwards to.
#[inline]
fn storage(v: Value) -> Value {
    if field(v, 0) & STRING_FORWARDED_BIT != 0 {
        field(v, 2)
    } else {
        v
    }
}

/// The characters of string `v`, whatever its width.
#[inline]
pub fn string_view<'a>(v: Value) -> StrView<'a> {
    let s = storage(v);
    let len = string_len(s);
    // SAFETY: a string holds `len` characters from word 2, of its width.
    // Runtime allocation never moves objects; callers must not hold a view
    // across a mutation of the string.
    unsafe {
        let p = untag(s).add(2);
        if field(s, 0) & STRING_WIDE_BIT != 0 {
            StrView::Wide(std::slice::from_raw_parts(p as *const u32, len))
        } else {
            StrView::Narrow(std::slice::from_raw_parts(p as *const u8, len))
        }
    }
}

/// Writes the header and length of a string of `len` characters at `p`
/// (`words + 1` words) and zeroes its last word (the padding); returns the
/// tagged value.
///
/// # Safety
/// `p` must point to `words + 1` writable words, `words` the payload size
/// of a string of `len` characters of that width.
unsafe fn init_header(p: *mut u64, len: usize, wide: bool, words: usize) -> Value {
    let flag = if wide { STRING_WIDE_BIT } else { 0 };
    *p = header(HDR_STRING, words as u64) | flag;
    *p.add(1) = fixnum(len as i64);
    if words > 1 {
        *p.add(words) = 0;
    }
    p as u64 | TAG_OBJECT
}

fn payload_words(len: usize, wide: bool) -> usize {
    if wide {
        wide_string_words(len as u64) as usize
    } else {
        narrow_string_words(len as u64) as usize
    }
}

/// A new narrow string of `len` characters and its bytes, which the caller
/// must fill before the next allocation.
pub fn new_narrow<'a>(len: usize) -> (Value, &'a mut [u8]) {
    let words = payload_words(len, false);
    let p = alloc(words + 1);
    // SAFETY: `p` is `words + 1` fresh words; the bytes follow the length.
    unsafe {
        let v = init_header(p, len, false, words);
        (v, std::slice::from_raw_parts_mut(p.add(2) as *mut u8, len))
    }
}

/// A new wide string of `len` characters and its code points, which the
/// caller must fill before the next allocation.
pub fn new_wide<'a>(len: usize) -> (Value, &'a mut [u32]) {
    let words = payload_words(len, true);
    let p = alloc(words + 1);
    // SAFETY: as in `new_narrow`.
    unsafe {
        let v = init_header(p, len, true, words);
        (v, std::slice::from_raw_parts_mut(p.add(2) as *mut u32, len))
    }
}

/// A new string of `len` characters, all NUL (code point 0).
pub fn alloc_string(len: usize) -> Value {
    let (v, bytes) = new_narrow(len);
    bytes.fill(0);
    v
}

/// A new string of `len` characters, all `c`.
pub fn make_filled_string(len: usize, c: u32) -> Value {
    if c <= 0xFF {
        let (v, bytes) = new_narrow(len);
        bytes.fill(c as u8);
        v
    } else {
        let (v, chars) = new_wide(len);
        chars.fill(c);
        v
    }
}

/// Builds a string holding `chars` in memory from `get_words` (given the
/// object's size in words): narrow when every character fits.
pub fn build_string(chars: &[u32], get_words: impl FnOnce(usize) -> *mut u64) -> Value {
    let wide = chars.iter().any(|&c| c > 0xFF);
    let words = payload_words(chars.len(), wide);
    let p = get_words(words + 1);
    // SAFETY: `p` is `words + 1` writable words for a string of that width.
    unsafe {
        let v = init_header(p, chars.len(), wide, words);
        let at = p.add(2);
        if wide {
            std::ptr::copy_nonoverlapping(chars.as_ptr(), at as *mut u32, chars.len());
        } else {
            let out = std::slice::from_raw_parts_mut(at as *mut u8, chars.len());
            for (o, &c) in out.iter_mut().zip(chars) {
                *o = c as u8;
            }
        }
        v
    }
}

/// A new string with the given code points.
pub fn make_string_from_chars(chars: &[u32]) -> Value {
    build_string(chars, alloc)
}

/// A new string with the characters of `s`.
pub fn make_string_from(s: &str) -> Value {
    if s.is_ascii() {
        let (v, bytes) = new_narrow(s.len());
        bytes.copy_from_slice(s.as_bytes());
        v
    } else {
        let chars: Vec<u32> = s.chars().map(|c| c as u32).collect();
        make_string_from_chars(&chars)
    }
}

/// A new string holding the characters of `view` (which may lie in the
/// heap: nothing moves during the copy), narrow when they all fit.
pub fn make_string_from_view(view: StrView) -> Value {
    concat(&[view])
}

/// A new string holding the characters of `parts` in order: a byte copy
/// per part when the result is narrow.
pub fn concat(parts: &[StrView]) -> Value {
    let total = parts.iter().map(|p| p.len()).sum();
    if parts.iter().any(|p| p.needs_wide()) {
        let (v, out) = new_wide(total);
        let mut at = 0;
        for p in parts {
            p.copy_to_wide(&mut out[at..at + p.len()]);
            at += p.len();
        }
        v
    } else {
        let (v, out) = new_narrow(total);
        let mut at = 0;
        for p in parts {
            p.copy_to_narrow(&mut out[at..at + p.len()]);
            at += p.len();
        }
        v
    }
}

/// Character `i` (a code point) of string `v`; `i` must be in range.
#[inline]
pub fn string_char(v: Value, i: usize) -> u32 {
    string_view(v).get(i)
}

/// Turns narrow string `v` into a forwarder to a wide copy of its
/// characters (its identity, length and mutability stay).
fn widen(v: Value) {
    debug_assert!(field(v, 0) & (STRING_WIDE_BIT | STRING_FORWARDED_BIT) == 0);
    let len = string_len(v);
    let (wide, out) = new_wide(len);
    string_view(v).copy_to_wide(out);
    if len == 0 {
        // Nothing can be stored into an empty string: no word 2 to forward by.
        return;
    }
    set_field(v, 0, field(v, 0) | STRING_FORWARDED_BIT);
    set_field(v, 2, wide);
    write_barrier(v, 2, wide);
}

/// The storage of string `v` ready to receive characters up to `max`:
/// widened first if it is narrow and `max` does not fit.
fn storage_for(v: Value, max: u32) -> Value {
    let s = storage(v);
    if max > 0xFF && field(s, 0) & STRING_WIDE_BIT == 0 {
        widen(v);
        return storage(v);
    }
    s
}

/// Sets characters `start..end` of string `v` to `c`; the range must be in
/// range of `v`.
pub fn string_fill(v: Value, start: usize, end: usize, c: u32) {
    let s = storage_for(v, c);
    // SAFETY: `s` holds `string_len(v)` characters of its width; the range is
    // inside them.
    unsafe {
        let p = untag(s).add(2);
        if field(s, 0) & STRING_WIDE_BIT != 0 {
            std::slice::from_raw_parts_mut((p as *mut u32).add(start), end - start).fill(c);
        } else {
            std::slice::from_raw_parts_mut((p as *mut u8).add(start), end - start).fill(c as u8);
        }
    }
}

/// Sets character `i` of string `v`; `i` must be in range.
#[inline]
pub fn string_set_char(v: Value, i: usize, c: u32) {
    debug_assert!(i < string_len(v));
    string_fill(v, i, i + 1, c);
}

/// Whether string `v`'s characters are stored wide (its own or, for a
/// forwarder, its wide string's).
#[inline]
pub fn is_wide(v: Value) -> bool {
    field(storage(v), 0) & STRING_WIDE_BIT != 0
}

/// A new string of `len` NUL characters, wide or narrow as asked (a buffer
/// about to receive characters of that width).
pub fn alloc_string_of_width(len: usize, wide: bool) -> Value {
    if wide {
        let (v, chars) = new_wide(len);
        chars.fill(0);
        v
    } else {
        alloc_string(len)
    }
}

/// Copies characters `start..end` of string `from` into string `to` from
/// index `at` (R7RS `string-copy!`: the ranges are checked by the caller,
/// and may overlap when `to` and `from` are the same string).
pub fn string_copy_into(to: Value, at: usize, from: Value, start: usize, end: usize) {
    string_write(to, at, string_view(from).slice(start, end));
}

/// Writes the characters of `src` into string `to` from index `at` (the
/// range must be inside `to`), widening `to` first if they need it. `src`
/// may lie in `to` itself.
pub fn string_write(to: Value, at: usize, src: StrView) {
    let n = src.len();
    let max = if src.needs_wide() { 0x100 } else { 0 };
    let dst = storage_for(to, max);
    // SAFETY: `dst` holds `at + n` characters or more of its width; `copy`
    // handles the overlap of a string copied onto itself (same width).
    unsafe {
        let p = untag(dst).add(2);
        match (field(dst, 0) & STRING_WIDE_BIT != 0, src) {
            (true, StrView::Wide(w)) => std::ptr::copy(w.as_ptr(), (p as *mut u32).add(at), n),
            (false, StrView::Narrow(b)) => std::ptr::copy(b.as_ptr(), (p as *mut u8).add(at), n),
            // Different widths: different objects, so no overlap.
            (true, src) => {
                src.copy_to_wide(std::slice::from_raw_parts_mut((p as *mut u32).add(at), n))
            }
            (false, src) => {
                src.copy_to_narrow(std::slice::from_raw_parts_mut((p as *mut u8).add(at), n))
            }
        }
    }
}

/// The characters of string `v` as Rust text.
pub fn string_to_rust(v: Value) -> String {
    string_view(v).to_rust()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;

    #[test]
    fn layout_by_width() {
        let _g = test_lock();
        for s in [
            "",
            "a",
            "abcdefgh",
            "abcdefghi",
            "héllo wörld",
            "λ",
            "😀x",
            "\0x",
        ] {
            let v = make_string_from(s);
            let n = s.chars().count();
            let wide = s.chars().any(|c| c as u32 > 0xFF);
            assert!(is_string(v));
            assert_eq!(string_len(v), n);
            assert_eq!(field(v, 0) & STRING_WIDE_BIT != 0, wide);
            assert_eq!(header_size(field(v, 0)), payload_words(n, wide) as u64);
            assert_eq!(string_to_rust(v), s);
            for (i, c) in s.chars().enumerate() {
                assert_eq!(string_char(v, i), c as u32);
                let base = (v as i64 + STRING_CHARS as i64) as usize;
                // SAFETY: inside the string object.
                let stored = unsafe {
                    if wide {
                        *((base + 4 * i) as *const u32)
                    } else {
                        *((base + i) as *const u8) as u32
                    }
                };
                assert_eq!(stored, c as u32);
            }
        }
    }

    #[test]
    fn widening_keeps_identity() {
        let _g = test_lock();
        let v = make_string_from("abc");
        string_set_char(v, 1, 'λ' as u32);
        assert!(field(v, 0) & STRING_FORWARDED_BIT != 0);
        assert_eq!(string_len(v), 3);
        assert_eq!(string_to_rust(v), "aλc");
        string_set_char(v, 2, 'z' as u32);
        assert_eq!(string_to_rust(v), "aλz");
        assert_eq!(string_view(v), string_view(make_string_from("aλz")));
        let n = make_string_from("xyz");
        string_copy_into(n, 0, v, 0, 2);
        assert_eq!(string_to_rust(n), "aλz");
        let copy = make_string_from_view(string_view(v).slice(2, 3));
        assert_eq!(field(copy, 0) & STRING_WIDE_BIT, 0);
        assert_eq!(string_to_rust(copy), "z");
    }

    #[test]
    fn comparisons_across_widths() {
        let _g = test_lock();
        let w = make_string_from("ab\u{100}");
        string_set_char(w, 2, 'c' as u32);
        let n = make_string_from("abc");
        assert_eq!(string_view(w), string_view(n));
        assert_eq!(
            string_view(w).cmp_chars(string_view(make_string_from("abd"))),
            Ordering::Less
        );
        // A wide string holding only narrow characters joins narrow.
        let joined = concat(&[string_view(n), string_view(w)]);
        assert_eq!(field(joined, 0) & STRING_WIDE_BIT, 0);
        assert_eq!(string_to_rust(joined), "abcabc");
    }
}
