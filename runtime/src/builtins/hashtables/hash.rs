//! Hash functions of the built-in table kinds, and the stable hash functions
//! Scheme code sees.
//!
//! In: a key and the kind of table. Out: a 62-bit hash (a non-negative
//! fixnum's worth) and whether it depends on a heap address (`Dep`), which
//! changes when the collector moves the object.
//!
//! Invariants: keys that the kind's equivalence calls equal hash equally;
//! numbers, characters, immediates, strings, bytevectors and symbols (which
//! are immortal, outside the heap) never depend on an address; a table
//! hashes other heap objects by address and says so, so that the table can
//! rehash after a collection moved them. The hashes Scheme code can obtain
//! (`stable_hash`) never depend on an address: an object whose only
//! equivalence is identity hashes by its kind there, which is consistent
//! but collides.

use crate::memory::heap::string_view;
use crate::memory::value::*;
use crate::numbers;

/// Whether a hash depends on heap addresses, and on young ones (objects the
/// next collection of any kind moves).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Dep {
    pub address: bool,
    pub young: bool,
}

impl Dep {
    fn add(&mut self, v: Value) {
        self.address = true;
        self.young |= crate::memory::gc::is_young(v);
    }
}

/// The hashes kept in tables and returned to Scheme: 62 bits, so that they
/// fit a non-negative fixnum.
pub const HASH_MASK: u64 = (1 << 62) - 1;

/// A 64-bit mixer (the finaliser of splitmix64): every input bit affects
/// every output bit, so the low bits a table indexes with are well spread
/// even for keys like consecutive fixnums or aligned addresses.
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    x
}

#[inline]
fn combine(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The hash of a number by value: `eqv?` numbers hash equally (flonums by
/// their bits, all NaNs alike since closc's `eqv?` equates them).
fn number_hash(v: Value) -> u64 {
    match object_kind(v) {
        HDR_FLONUM => {
            let f = numbers::flonum_value(v);
            if f.is_nan() {
                0x7ff8_0000_0000_0000
            } else {
                f.to_bits()
            }
        }
        // Bignum: the sign-and-length word and the digits.
        HDR_BIGNUM => {
            let words = header_size(field(v, 0)) as usize;
            (1..=words).fold(HDR_BIGNUM, |h, i| combine(h, field(v, i)))
        }
        HDR_RATNUM | HDR_COMPNUM => combine(
            combine(object_kind(v), number_hash(field(v, 1))),
            number_hash(field(v, 2)),
        ),
        // Fixnums and anything else that is a single word.
        _ => v,
    }
}

/// Hash of a string's characters (folded when `fold`, as `string-ci=?`
/// compares them).
pub fn string_hash(s: Value, fold: bool) -> u64 {
    let chars = string_view(s);
    let mut h = 0x5bd1_e995u64;
    let mut len = chars.len();
    if fold {
        // One step per folded character (a character may fold to several,
        // `ß` to `ss`), as `string-ci=?` compares the folded strings.
        let mut buf = Vec::with_capacity(3);
        len = 0;
        for c in chars.iter() {
            buf.clear();
            crate::unicode::foldcase_full(c, &mut buf);
            for &f in &buf {
                h = combine(h, f as u64);
            }
            len += buf.len();
        }
    } else {
        // Two code points per step, whatever the string's width (narrow
        // and wide strings holding the same characters hash alike).
        let mut it = chars.iter();
        while let Some(a) = it.next() {
            h = match it.next() {
                Some(b) => combine(h, a as u64 | (b as u64) << 32),
                None => combine(h, a as u64),
            };
        }
    }
    mix(combine(h, len as u64)) & HASH_MASK
}

/// The `eqv?` (and `eq?`) hash of `v`: by value for everything `eqv?`
/// compares by value, by address for the other heap objects (noted in
/// `dep`). `eq?` tables may use it: `eq?` implies `eqv?`.
#[inline]
pub fn eqv_hash(v: Value, dep: &mut Dep) -> u64 {
    if is_fixnum(v) || is_immediate(v) {
        return mix(v) & HASH_MASK;
    }
    mix(eqv_word(v, dep)) & HASH_MASK
}

fn eqv_word(v: Value, dep: &mut Dep) -> u64 {
    match object_kind(v) {
        HDR_FLONUM | HDR_BIGNUM | HDR_RATNUM | HDR_COMPNUM => number_hash(v),
        // Immortal: the address never changes.
        HDR_SYMBOL => v,
        _ => {
            dep.add(v);
            v
        }
    }
}

/// How many nodes of a structure `equal_hash` looks at: enough to tell
/// ordinary keys apart, bounded for huge and circular ones (two `equal?`
/// structures are walked alike, so they still hash equally).
const EQUAL_HASH_BUDGET: usize = 64;

/// The `equal?` hash of `v`: structural on pairs, vectors, boxes, strings and
/// bytevectors (as `equal?` is), `eqv_hash` on the rest.
pub fn equal_hash(v: Value, dep: &mut Dep) -> u64 {
    let mut h = 0u64;
    let mut budget = EQUAL_HASH_BUDGET;
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        if is_fixnum(x) || is_immediate(x) {
            h = combine(h, x);
        } else if is_pair(x) {
            h = combine(h, HDR_PAIR);
            stack.push(cdr(x));
            stack.push(car(x));
        } else {
            match object_kind(x) {
                HDR_STRING => h = combine(h, string_hash(x, false)),
                HDR_BYTEVECTOR => {
                    let bytes = bytevector_slice(x);
                    h = combine(h, bytes.len() as u64 ^ HDR_BYTEVECTOR << 56);
                    for chunk in bytes.chunks(8) {
                        let mut w = [0u8; 8];
                        w[..chunk.len()].copy_from_slice(chunk);
                        h = combine(h, u64::from_le_bytes(w));
                    }
                }
                HDR_VECTOR => {
                    let n = vector_len(x);
                    h = combine(h, n as u64 ^ HDR_VECTOR << 56);
                    for i in (1..=n.min(budget)).rev() {
                        stack.push(field(x, i));
                    }
                }
                HDR_BOX => {
                    h = combine(h, HDR_BOX);
                    stack.push(field(x, 1));
                }
                _ => h = combine(h, eqv_word(x, dep)),
            }
        }
    }
    mix(h) & HASH_MASK
}

/// A hash Scheme code may keep: consistent with `equal?` when `structural`,
/// else with `eqv?`, and independent of addresses (objects compared by
/// identity alone hash by their kind).
pub fn stable_hash(v: Value, structural: bool) -> u64 {
    let mut dep = Dep::default();
    let h = if structural {
        equal_hash(v, &mut dep)
    } else {
        eqv_hash(v, &mut dep)
    };
    if !dep.address {
        return h;
    }
    // Redo it with every address-hashed object replaced by its kind.
    stable_by_kind(v, structural)
}

fn stable_by_kind(v: Value, structural: bool) -> u64 {
    let kind_of = |x: Value| -> u64 {
        if is_pair(x) {
            HDR_PAIR
        } else if is_closure(x) {
            HDR_CLOSURE
        } else {
            object_kind(x)
        }
    };
    if !structural {
        return mix(0x1000 + kind_of(v)) & HASH_MASK;
    }
    let mut h = 0u64;
    let mut budget = EQUAL_HASH_BUDGET;
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        let mut dep = Dep::default();
        if is_pair(x) {
            h = combine(h, HDR_PAIR);
            stack.push(cdr(x));
            stack.push(car(x));
            continue;
        }
        match object_kind(x) {
            HDR_VECTOR => {
                let n = vector_len(x);
                h = combine(h, n as u64 ^ HDR_VECTOR << 56);
                for i in (1..=n.min(budget)).rev() {
                    stack.push(field(x, i));
                }
            }
            HDR_BOX => {
                h = combine(h, HDR_BOX);
                stack.push(field(x, 1));
            }
            _ => {
                let one = equal_hash(x, &mut dep);
                h = combine(
                    h,
                    if dep.address {
                        0x1000 + kind_of(x)
                    } else {
                        one
                    },
                );
            }
        }
    }
    mix(h) & HASH_MASK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixnums_spread_and_stay_in_range() {
        let mut dep = Dep::default();
        let a = eqv_hash(fixnum(1), &mut dep);
        let b = eqv_hash(fixnum(2), &mut dep);
        assert_ne!(a & 1023, b & 1023);
        assert!(a <= HASH_MASK && b <= HASH_MASK);
        assert!(!dep.address);
    }
}
