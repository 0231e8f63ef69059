//! Quoted literals built at program start from the compact form codegen
//! serialises them into (`closc_rt_build_constants`).
//!
//! In: a byte string (in the program's data) holding every quoted datum of
//! the program with the index of its slot in `closc_constants`. Out: each
//! slot holds its datum, built once; the code that quotes it only loads the
//! slot. Building from data instead of straight-line code keeps compile time
//! and memory linear in the size of a literal (a list of 10^6 elements is a
//! few megabytes of data, not a function with 10^6 values live).
//!
//! Format (all counts and lengths unsigned LEB128; see [`tag`]): the number
//! of entries, then for each its slot index and its datum. A datum is a tag
//! byte followed by its payload. Strings and bytevectors come out immutable
//! (literals), pairs and vectors as fresh mutable objects, as when compiled
//! code built them. Datum labels (R7RS 2.4) give shared structure and
//! cycles: a reference to a label whose datum is complete is that object;
//! one inside it (a cycle) is stored as `#f` and patched once it exists.
//!
//! Runs on the Scheme thread called from `closc_entry` through a trampoline:
//! runtime allocation never collects, so the Rust locals holding objects stay
//! valid; a patch into an object that may already be old goes through the
//! write barrier.

use crate::memory::gc::write_barrier;
use crate::memory::heap::{alloc, bytevector_from, cons, intern, make_string_from};
use crate::memory::value::*;
use crate::numbers;
use std::collections::HashMap;

/// Tag bytes of the serialised form: codegen writes what this module reads.
pub mod tag {
    /// An immediate value word, 8 bytes little-endian (booleans,
    /// characters, the empty list).
    pub const WORD: u8 = 0;
    /// A fixnum, as a zigzag LEB128 integer.
    pub const FIXNUM: u8 = 1;
    /// A symbol: length, then UTF-8 bytes.
    pub const SYMBOL: u8 = 2;
    /// A string: length, then UTF-8 bytes.
    pub const STRING: u8 = 3;
    /// Any other number: length, then its external representation (radix 10).
    pub const NUMBER: u8 = 4;
    /// A list: the number of elements (at least one), the elements, then the tail.
    pub const LIST: u8 = 5;
    /// A vector: the number of elements, then the elements.
    pub const VECTOR: u8 = 6;
    /// A bytevector: length, then the bytes.
    pub const BYTEVECTOR: u8 = 7;
    /// `#n=`: the label, then the datum.
    pub const LABEL: u8 = 8;
    /// `#n#`: the label.
    pub const LABEL_REF: u8 = 9;
}

/// Builds the quoted datums serialised in `bytes[..len]` into their slots
/// of the constants table `slots` (registered as roots already).
///
/// # Safety
///
/// `bytes` points to `len` readable bytes in codegen's format, and `slots`
/// to a table with every slot they name (what `closc_entry` passes).
#[no_mangle]
pub unsafe extern "C" fn closc_rt_build_constants(
    bytes: *const u8,
    len: u64,
    slots: *mut u64,
) -> u64 {
    // SAFETY: codegen passes a pointer to `len` bytes of its data.
    let data = unsafe { std::slice::from_raw_parts(bytes, len as usize) };
    let mut r = Reader { data, at: 0 };
    let n = r.uint();
    for _ in 0..n {
        let slot = r.uint() as usize;
        let mut labels = Labels::default();
        let x = r.datum(&mut labels);
        // SAFETY: codegen sized the table to hold every slot it names.
        unsafe { *slots.add(slot) = x };
    }
    if r.at != data.len() {
        crate::error::internal("constants data: trailing bytes");
    }
    FALSE
}

/// The labels of the datum being built: each label's object once built
/// (`None` while its datum is being built), and the slots waiting for one.
#[derive(Default)]
struct Labels {
    values: HashMap<u64, Option<Value>>,
    patches: Vec<(u64, Value, usize)>,
}

/// What an element of a list or vector was read as: a value, or a
/// reference to a label still being built (stored as `#f`, patched later).
enum Item {
    Value(Value),
    Open(u64),
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let Some(&b) = self.data.get(self.at) else {
            crate::error::internal("constants data: truncated");
        };
        self.at += 1;
        b
    }

    fn uint(&mut self) -> u64 {
        let mut n = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte();
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }

    fn bytes(&mut self) -> &[u8] {
        let len = self.uint() as usize;
        let start = self.at;
        self.at += len;
        match self.data.get(start..self.at) {
            Some(b) => b,
            None => crate::error::internal("constants data: truncated"),
        }
    }

    fn text(&mut self) -> String {
        String::from_utf8_lossy(self.bytes()).into_owned()
    }

    fn datum(&mut self, labels: &mut Labels) -> Value {
        match self.item(labels) {
            Item::Value(x) => x,
            Item::Open(_) => FALSE,
        }
    }

    /// One datum; nesting is bounded by the reader's limit, so recursion
    /// here stays shallow.
    fn item(&mut self, labels: &mut Labels) -> Item {
        let x = match self.byte() {
            tag::WORD => {
                let mut w = [0u8; 8];
                for b in &mut w {
                    *b = self.byte();
                }
                u64::from_le_bytes(w)
            }
            tag::FIXNUM => {
                let z = self.uint();
                fixnum(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            tag::SYMBOL => intern(&self.text()),
            tag::STRING => {
                let s = make_string_from(&self.text());
                set_immutable(s);
                s
            }
            tag::NUMBER => {
                let text = self.text();
                match numbers::parse(&text, 10) {
                    Some(n) => numbers::make(n),
                    None => crate::error::internal(&format!("bad number constant {text:?}")),
                }
            }
            tag::BYTEVECTOR => {
                let bv = bytevector_from(self.bytes());
                set_immutable(bv);
                bv
            }
            tag::LIST => self.list(labels),
            tag::VECTOR => self.vector(labels),
            tag::LABEL => {
                let n = self.uint();
                labels.values.insert(n, None);
                let x = self.datum(labels);
                labels.values.insert(n, Some(x));
                let (mine, others) = std::mem::take(&mut labels.patches)
                    .into_iter()
                    .partition(|&(m, _, _)| m == n);
                labels.patches = others;
                for (_, obj, field) in mine {
                    set_field(obj, field, x);
                    // Allocations since `obj` was made may have promoted it.
                    write_barrier(obj, field, x);
                }
                x
            }
            tag::LABEL_REF => {
                let n = self.uint();
                return match labels.values.get(&n) {
                    Some(Some(x)) => Item::Value(*x),
                    _ => Item::Open(n),
                };
            }
            t => crate::error::internal(&format!("constants data: bad tag {t}")),
        };
        Item::Value(x)
    }

    fn list(&mut self, labels: &mut Labels) -> Value {
        let n = self.uint() as usize;
        let items: Vec<Item> = (0..n).map(|_| self.item(labels)).collect();
        let tail = self.item(labels);
        let mut l = match tail {
            Item::Value(x) => x,
            Item::Open(_) => FALSE,
        };
        if let Item::Open(label) = tail {
            l = cons(FALSE, l);
            // The last pair is made here so the tail's patch has an object.
            let last = l;
            labels.patches.push((label, last, PAIR_CDR_WORD));
            l = self.fill_last(items, last, labels);
            return l;
        }
        for item in items.into_iter().rev() {
            l = cons_item(item, l, labels);
        }
        l
    }

    /// The list whose last pair `last` exists already (its car still to
    /// set): the rest of `items` consed in front of it.
    fn fill_last(&mut self, mut items: Vec<Item>, last: Value, labels: &mut Labels) -> Value {
        match items.pop() {
            Some(Item::Value(x)) => set_car(last, x),
            Some(Item::Open(label)) => labels.patches.push((label, last, PAIR_CAR_WORD)),
            None => crate::error::internal("constants data: empty list with a tail"),
        }
        let mut l = last;
        for item in items.into_iter().rev() {
            l = cons_item(item, l, labels);
        }
        l
    }

    fn vector(&mut self, labels: &mut Labels) -> Value {
        let n = self.uint() as usize;
        let items: Vec<Item> = (0..n).map(|_| self.item(labels)).collect();
        let p = alloc(n + 1);
        // SAFETY: a fresh object of `n + 1` words, filled before the next
        // allocation.
        unsafe {
            *p = header(HDR_VECTOR, n as u64);
            for i in 0..n {
                *p.add(1 + i) = FALSE;
            }
        }
        let vec = p as u64 | TAG_OBJECT;
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Item::Value(x) => set_field(vec, 1 + i, x),
                Item::Open(label) => labels.patches.push((label, vec, 1 + i)),
            }
        }
        vec
    }
}

/// A pair of `item` and `rest`, recording a patch if `item` is open.
fn cons_item(item: Item, rest: Value, labels: &mut Labels) -> Value {
    match item {
        Item::Value(x) => cons(x, rest),
        Item::Open(label) => {
            let pair = cons(FALSE, rest);
            labels.patches.push((label, pair, PAIR_CAR_WORD));
            pair
        }
    }
}
