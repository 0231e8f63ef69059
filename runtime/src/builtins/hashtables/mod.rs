//! Hash tables: open addressing with linear probing over one vector, keys
//! compared by `eq?`, `eqv?`, `equal?`, `string=?`, `string-ci=?`, or by a
//! user's equivalence with a user's hash (`generic` tables, driven from
//! Scheme: the runtime never calls Scheme code).
//!
//! In: table objects and keys. Out: amortised O(1) lookup, insertion and
//! deletion; the entry functions (`entries.rs`) are the builtins of
//! `(closc hash-tables)`, on which `lib/srfi/69.scm` and `125.scm` build.
//!
//! Layout: an `HDR_HASHTABLE` object whose payload words are all Scheme
//! values (`F_*` below): flags, count, the entries vector, two collection
//! stamps, the move log and its length, and for generic tables the user's
//! equivalence and hash procedures (kept for Scheme code). The entries
//! vector holds `capacity` (a power of two) triples `[hash, key, value]`:
//! the hash a fixnum (62 bits), or `UNBOUND` in an empty slot. An entry sits
//! in the first free slot from `hash & (capacity - 1)` on; deletion shifts
//! the following entries of its run back (no tombstones); the table grows
//! (doubling, rehashing from the stored hashes) past a load of 5/8.
//!
//! **Keys that move.** The collector copies objects, so a hash taken from an
//! address goes stale. Numbers, characters, strings, bytevectors and
//! symbols (immortal) hash by value and never go stale; any other heap
//! object hashes by address (`hash::Dep` says when) and the table then
//! keeps, besides the flag `ADDRESS`, the collection counts it last hashed
//! at. Before a probe (lookup, insertion, deletion), `refresh` compares them
//! with the collector's (`gc::collection_epochs`):
//! - after a major collection (anything may have moved), every entry is
//!   rehashed into a new vector: O(n), once per major collection;
//! - after only minor collections, just the young objects moved: the table
//!   logged each key whose hash involved a young address (the log holds the
//!   key, which the collector updates, and its old hash), and each logged
//!   entry is found from its old hash (keys compare by identity: both sides
//!   were updated), removed and reinserted under its new hash. A table whose
//!   address-hashed keys are all old does nothing. When the log would grow
//!   past the table's size (`OVERFLOW`), the next refresh rehashes it all.
//!
//! Walking entries (`keys`, `values`, slots) needs no hashes and never
//! rehashes, so slot order stays put while Scheme code walks a table.

mod entries;
pub mod hash;

pub use entries::*;

use crate::builtins::equivalence::{equal, eqv};
use crate::error::type_error;
use crate::memory::gc::{collection_epochs, write_barrier};
use crate::memory::heap::{alloc, make_vector, string_view};
use crate::memory::value::*;
use hash::{Dep, HASH_MASK};

// Payload words of a table object.
const F_FLAGS: usize = 1;
const F_COUNT: usize = 2;
const F_ENTRIES: usize = 3;
const F_STAMP: usize = 4;
const F_MAJOR: usize = 5;
const F_LOG: usize = 6;
const F_LOG_LEN: usize = 7;
const F_EQUIV: usize = 8;
const F_HASH: usize = 9;
const TABLE_WORDS: usize = 9;

// Flags (in a fixnum): the kind in the low bits, then these.
const KIND_MASK: i64 = 7;
const IMMUTABLE: i64 = 8;
/// Some key's hash involved an address.
const ADDRESS: i64 = 16;
/// Young address-hashed keys exist that the log does not hold.
const OVERFLOW: i64 = 32;

/// The equivalence a table compares keys with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Eq = 0,
    Eqv = 1,
    Equal = 2,
    String = 3,
    StringCi = 4,
    /// A user's equivalence and hash: Scheme code hashes, probes with
    /// `hashed_slots` and compares.
    Generic = 5,
}

impl Kind {
    fn from_bits(b: i64) -> Kind {
        match b & KIND_MASK {
            0 => Kind::Eq,
            1 => Kind::Eqv,
            2 => Kind::Equal,
            3 => Kind::String,
            4 => Kind::StringCi,
            _ => Kind::Generic,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Eq => "eq",
            Kind::Eqv => "eqv",
            Kind::Equal => "equal",
            Kind::String => "string",
            Kind::StringCi => "string-ci",
            Kind::Generic => "generic",
        }
    }
}

const MIN_CAPACITY: usize = 8;
const EMPTY: Value = UNBOUND;

pub fn is_table(v: Value) -> bool {
    object_kind(v) == HDR_HASHTABLE
}

/// `t` if it is a table, else an error naming `proc`.
pub fn table_arg(proc: &str, t: Value) -> Value {
    if !is_table(t) {
        type_error(proc, "hash table", t);
    }
    t
}

fn flags(t: Value) -> i64 {
    fixnum_value(field(t, F_FLAGS))
}
fn set_flags(t: Value, f: i64) {
    set_field(t, F_FLAGS, fixnum(f));
}
pub fn kind(t: Value) -> Kind {
    Kind::from_bits(flags(t))
}
pub fn is_mutable(t: Value) -> bool {
    flags(t) & IMMUTABLE == 0
}
pub fn count(t: Value) -> usize {
    fixnum_value(field(t, F_COUNT)) as usize
}
fn set_count(t: Value, n: usize) {
    set_field(t, F_COUNT, fixnum(n as i64));
}
fn entries(t: Value) -> Value {
    field(t, F_ENTRIES)
}
/// The user's equivalence and hash procedures of a generic table (`#f`
/// otherwise).
pub fn procedures(t: Value) -> (Value, Value) {
    (field(t, F_EQUIV), field(t, F_HASH))
}

/// Number of slots of the entries vector `e`.
fn capacity_of(e: Value) -> usize {
    vector_len(e) / 3
}
pub fn capacity(t: Value) -> usize {
    capacity_of(entries(t))
}

/// Field indices (in the entries vector) of slot `i`'s hash, key and value.
#[inline]
fn hash_field(i: usize) -> usize {
    1 + 3 * i
}

#[inline]
fn slot_hash(e: Value, i: usize) -> Value {
    field(e, hash_field(i))
}
#[inline]
fn slot_key(e: Value, i: usize) -> Value {
    field(e, hash_field(i) + 1)
}
#[inline]
fn slot_value(e: Value, i: usize) -> Value {
    field(e, hash_field(i) + 2)
}

fn store(e: Value, f: usize, x: Value) {
    set_field(e, f, x);
    write_barrier(e, f, x);
}

fn store_entry(e: Value, i: usize, h: Value, k: Value, v: Value) {
    let f = hash_field(i);
    set_field(e, f, h);
    store(e, f + 1, k);
    store(e, f + 2, v);
}

fn clear_slot(e: Value, i: usize) {
    let f = hash_field(i);
    set_field(e, f, EMPTY);
    set_field(e, f + 1, FALSE);
    set_field(e, f + 2, FALSE);
}

fn new_entries(capacity: usize) -> Value {
    let e = make_vector(3 * capacity, FALSE);
    for i in 0..capacity {
        set_field(e, hash_field(i), EMPTY);
    }
    e
}

/// The smallest power-of-two capacity that holds `n` entries under the load
/// limit.
fn capacity_for(n: usize) -> usize {
    let mut c = MIN_CAPACITY;
    while over_load(n, c) {
        c *= 2;
    }
    c
}

#[inline]
fn over_load(n: usize, capacity: usize) -> bool {
    n * 8 > capacity * 5
}

/// A new empty table of `kind` with room for `size` entries; `equiv` and
/// `hash` are a generic table's procedures (`#f` otherwise).
pub fn make_table(kind: Kind, size: usize, equiv: Value, hash: Value) -> Value {
    let e = new_entries(capacity_for(size));
    let p = alloc(1 + TABLE_WORDS);
    // SAFETY: a fresh object of 1 + TABLE_WORDS words.
    unsafe {
        *p = header(HDR_HASHTABLE, TABLE_WORDS as u64);
        let t = p as u64 | TAG_OBJECT;
        set_field(t, F_FLAGS, fixnum(kind as i64));
        set_field(t, F_COUNT, fixnum(0));
        set_field(t, F_ENTRIES, e);
        set_field(t, F_STAMP, fixnum(0));
        set_field(t, F_MAJOR, fixnum(0));
        set_field(t, F_LOG, FALSE);
        set_field(t, F_LOG_LEN, fixnum(0));
        set_field(t, F_EQUIV, equiv);
        set_field(t, F_HASH, hash);
        t
    }
}

/// Whether key `k` (stored) and `key` (looked up) are the same key for `kind`.
#[inline]
fn same(kind: Kind, k: Value, key: Value) -> bool {
    if k == key {
        return true;
    }
    match kind {
        Kind::Eq | Kind::Generic => false,
        Kind::Eqv => eqv(k, key),
        Kind::Equal => {
            if is_string(k) && is_string(key) {
                string_view(k) == string_view(key)
            } else {
                (is_pair(key) || is_object(key)) && equal(k, key)
            }
        }
        Kind::String => string_view(k) == string_view(key),
        Kind::StringCi => {
            crate::unicode::string_foldcase(&string_view(k).to_u32())
                == crate::unicode::string_foldcase(&string_view(key).to_u32())
        }
    }
}

/// The hash (as a fixnum value) of `key` in a table of `kind`, with what it
/// depends on; a key of the wrong type for a string table is an error
/// naming `proc`.
fn key_hash(proc: &str, kind: Kind, key: Value, dep: &mut Dep) -> Value {
    let h = match kind {
        Kind::Eq | Kind::Eqv => hash::eqv_hash(key, dep),
        Kind::Equal => hash::equal_hash(key, dep),
        Kind::String | Kind::StringCi => {
            if !is_string(key) {
                type_error(proc, "string", key);
            }
            hash::string_hash(key, kind == Kind::StringCi)
        }
        Kind::Generic => crate::error::fatal(&format!(
            "{proc}: a table with a user hash function is used through (srfi 69) or (srfi 125)"
        )),
    };
    fixnum(h as i64)
}

/// The hash stored for a user's hash value `h` (an exact integer) in a
/// generic table: mixed, so that a poor hash still spreads.
pub fn user_hash(proc: &str, h: Value) -> Value {
    if !is_fixnum(h) && object_kind(h) != HDR_BIGNUM {
        type_error(proc, "hash value (an exact integer)", h);
    }
    let mut dep = Dep::default();
    fixnum((hash::mix(hash::eqv_hash(h, &mut dep)) & HASH_MASK) as i64)
}

/// The slot holding `key` (hash `h`), if any.
#[inline]
fn find(kind: Kind, e: Value, h: Value, key: Value) -> Option<usize> {
    let mask = capacity_of(e) - 1;
    let mut i = (fixnum_value(h) as usize) & mask;
    loop {
        let sh = slot_hash(e, i);
        if sh == EMPTY {
            return None;
        }
        if sh == h && same(kind, slot_key(e, i), key) {
            return Some(i);
        }
        i = (i + 1) & mask;
    }
}

/// The first free slot for hash `h` (the table has one: the load is < 1).
#[inline]
fn free_slot(e: Value, h: Value) -> usize {
    let mask = capacity_of(e) - 1;
    let mut i = (fixnum_value(h) as usize) & mask;
    while slot_hash(e, i) != EMPTY {
        i = (i + 1) & mask;
    }
    i
}

/// Empties slot `i` of `e`, shifting back the entries after it in its run
/// that may move (those whose home slot is not between `i` and them).
fn remove_slot(e: Value, mut i: usize) {
    let mask = capacity_of(e) - 1;
    let mut j = i;
    loop {
        j = (j + 1) & mask;
        let h = slot_hash(e, j);
        if h == EMPTY {
            break;
        }
        let home = (fixnum_value(h) as usize) & mask;
        // The entry at j may fill i if its home is not cyclically in (i, j].
        let stays = if i <= j {
            i < home && home <= j
        } else {
            i < home || home <= j
        };
        if !stays {
            store_entry(e, i, h, slot_key(e, j), slot_value(e, j));
            i = j;
        }
    }
    clear_slot(e, i);
}

/// Moves every entry of `t` into a new vector of `capacity` slots, with the
/// stored hashes, or with hashes recomputed (and the address flag redone)
/// when `rehash`.
fn rebuild(t: Value, capacity: usize, rehash: bool) {
    let old = entries(t);
    let new = new_entries(capacity);
    let kind = kind(t);
    let mut dep = Dep::default();
    for i in 0..capacity_of(old) {
        let h = slot_hash(old, i);
        if h == EMPTY {
            continue;
        }
        let k = slot_key(old, i);
        let h = if rehash {
            key_hash("hash table", kind, k, &mut dep)
        } else {
            h
        };
        store_entry(new, free_slot(new, h), h, k, slot_value(old, i));
    }
    store(t, F_ENTRIES, new);
    if rehash {
        let f = flags(t) & !(ADDRESS | OVERFLOW);
        set_flags(t, if dep.address { f | ADDRESS } else { f });
        set_field(t, F_LOG_LEN, fixnum(0));
    }
}

/// Brings the stored hashes of `t` up to date with the collections since it
/// last hashed (see the module doc). Call before any probe.
#[inline]
fn refresh(t: Value) {
    if flags(t) & ADDRESS == 0 {
        return;
    }
    let (collections, majors) = collection_epochs();
    if fixnum_value(field(t, F_STAMP)) as u64 == collections {
        return;
    }
    refresh_after_collection(t, collections, majors);
}

#[cold]
fn refresh_after_collection(t: Value, collections: u64, majors: u64) {
    let f = flags(t);
    if fixnum_value(field(t, F_MAJOR)) as u64 != majors || f & OVERFLOW != 0 {
        rebuild(t, capacity(t), true);
    } else {
        replay_log(t);
    }
    stamp(t, collections, majors);
}

fn stamp(t: Value, collections: u64, majors: u64) {
    set_field(t, F_STAMP, fixnum(collections as i64));
    set_field(t, F_MAJOR, fixnum(majors as i64));
}

/// Reinserts, under their new hashes, the entries whose keys the log says
/// were young (so have moved since): each is found from its old hash.
fn replay_log(t: Value) {
    let n = fixnum_value(field(t, F_LOG_LEN)) as usize;
    let log = field(t, F_LOG);
    let kind = kind(t);
    let e = entries(t);
    let mask = capacity_of(e) - 1;
    let mut kept = 0;
    for l in 0..n {
        let key = field(log, 1 + 2 * l);
        let old = field(log, 2 + 2 * l);
        let mut i = (fixnum_value(old) as usize) & mask;
        let found = loop {
            let sh = slot_hash(e, i);
            if sh == EMPTY {
                break None;
            }
            if slot_key(e, i) == key {
                break Some(i);
            }
            i = (i + 1) & mask;
        };
        let Some(i) = found else { continue };
        let value = slot_value(e, i);
        remove_slot(e, i);
        let mut dep = Dep::default();
        let h = key_hash("hash table", kind, key, &mut dep);
        store_entry(e, free_slot(e, h), h, key, value);
        // A key the collector aged rather than promoted is still young: it
        // moves again at a coming minor collection, so it stays logged.
        if dep.young {
            store(log, 1 + 2 * kept, key);
            set_field(log, 2 + 2 * kept, h);
            kept += 1;
        }
    }
    set_field(t, F_LOG_LEN, fixnum(kept as i64));
    // The log's keys stay reachable until overwritten: clear them.
    for l in kept..n {
        set_field(log, 1 + 2 * l, FALSE);
    }
}

/// Notes that `t` now holds `key`, hashed to `h` with dependencies `dep`.
fn note_dependency(t: Value, key: Value, h: Value, dep: Dep) {
    let f = flags(t);
    if f & ADDRESS == 0 {
        // From now on collections matter: start counting from here.
        let (collections, majors) = collection_epochs();
        stamp(t, collections, majors);
        set_flags(t, f | ADDRESS);
    }
    if !dep.young || flags(t) & OVERFLOW != 0 {
        return;
    }
    let n = fixnum_value(field(t, F_LOG_LEN)) as usize;
    if n >= count(t).max(64) {
        set_flags(t, flags(t) | OVERFLOW);
        return;
    }
    let mut log = field(t, F_LOG);
    if log == FALSE || vector_len(log) < 2 * (n + 1) {
        let bigger = make_vector((4 * n).max(16), FALSE);
        for i in 0..2 * n {
            store(bigger, 1 + i, field(log, 1 + i));
        }
        store(t, F_LOG, bigger);
        log = bigger;
    }
    store(log, 1 + 2 * n, key);
    set_field(log, 2 + 2 * n, h);
    set_field(t, F_LOG_LEN, fixnum(n as i64 + 1));
}

fn check_mutable(proc: &str, t: Value) {
    if !is_mutable(t) {
        crate::error::fatal(&format!("{proc}: hash table is immutable"));
    }
}

/// The value of `key` in `t`, or `None`.
pub fn lookup(proc: &str, t: Value, key: Value) -> Option<Value> {
    refresh(t);
    let kind = kind(t);
    let mut dep = Dep::default();
    let h = key_hash(proc, kind, key, &mut dep);
    let e = entries(t);
    find(kind, e, h, key).map(|i| slot_value(e, i))
}

/// Sets `key` to `value` in `t`.
pub fn insert(proc: &str, t: Value, key: Value, value: Value) {
    check_mutable(proc, t);
    refresh(t);
    let kind = kind(t);
    let mut dep = Dep::default();
    let h = key_hash(proc, kind, key, &mut dep);
    let e = entries(t);
    if let Some(i) = find(kind, e, h, key) {
        store(e, hash_field(i) + 2, value);
        return;
    }
    insert_new(t, h, key, value);
    if dep.address {
        note_dependency(t, key, h, dep);
    }
}

/// Adds an entry known to be absent, growing the table first if needed.
fn insert_new(t: Value, h: Value, key: Value, value: Value) {
    let n = count(t);
    if over_load(n + 1, capacity(t)) {
        rebuild(t, capacity(t) * 2, false);
    }
    let e = entries(t);
    store_entry(e, free_slot(e, h), h, key, value);
    set_count(t, n + 1);
}

/// Removes `key` from `t`; whether it was there.
pub fn delete(proc: &str, t: Value, key: Value) -> bool {
    check_mutable(proc, t);
    refresh(t);
    let kind = kind(t);
    let mut dep = Dep::default();
    let h = key_hash(proc, kind, key, &mut dep);
    let e = entries(t);
    match find(kind, e, h, key) {
        Some(i) => {
            remove_slot(e, i);
            set_count(t, count(t) - 1);
            true
        }
        None => false,
    }
}

/// Empties `t`, sized for `size` entries.
pub fn clear(proc: &str, t: Value, size: usize) {
    check_mutable(proc, t);
    let e = new_entries(capacity_for(size));
    store(t, F_ENTRIES, e);
    set_count(t, 0);
    set_field(t, F_LOG_LEN, fixnum(0));
    set_flags(t, flags(t) & !(ADDRESS | OVERFLOW));
}

/// A copy of `t`, mutable or not.
pub fn copy(t: Value, mutable: bool) -> Value {
    refresh(t);
    let (equiv, hashfn) = procedures(t);
    let c = make_table(kind(t), 0, equiv, hashfn);
    let e = entries(t);
    let ce = make_vector(vector_len(e), FALSE);
    for i in 1..=vector_len(e) {
        store(ce, i, field(e, i));
    }
    store(c, F_ENTRIES, ce);
    let log = field(t, F_LOG);
    if log != FALSE {
        let cl = make_vector(vector_len(log), FALSE);
        for i in 1..=vector_len(log) {
            store(cl, i, field(log, i));
        }
        store(c, F_LOG, cl);
    }
    for f in [F_COUNT, F_STAMP, F_MAJOR, F_LOG_LEN] {
        set_field(c, f, field(t, f));
    }
    let fl = flags(t) & !IMMUTABLE;
    set_flags(c, if mutable { fl } else { fl | IMMUTABLE });
    c
}

/// The occupied slots of `t`, in slot order.
pub fn occupied(t: Value) -> impl Iterator<Item = usize> {
    let e = entries(t);
    (0..capacity_of(e)).filter(move |&i| slot_hash(e, i) != EMPTY)
}

// Slot-level access for generic tables, whose probing Scheme code drives.

/// The slots of generic table `t` whose stored hash is `h` (a `user_hash`),
/// in probe order.
pub fn hashed_slots(t: Value, h: Value) -> Vec<usize> {
    let e = entries(t);
    let mask = capacity_of(e) - 1;
    let mut i = (fixnum_value(h) as usize) & mask;
    let mut out = Vec::new();
    loop {
        let sh = slot_hash(e, i);
        if sh == EMPTY {
            return out;
        }
        if sh == h {
            out.push(i);
        }
        i = (i + 1) & mask;
    }
}

/// Adds to generic table `t` an entry the caller has checked is absent.
pub fn insert_hashed(proc: &str, t: Value, h: Value, key: Value, value: Value) {
    check_mutable(proc, t);
    insert_new(t, h, key, value);
}

/// Slot `i` of `t` if it is a valid, occupied slot, else an error naming
/// `proc` (Scheme code may hold a slot index across a user procedure that
/// changed the table).
pub fn slot_arg(proc: &str, t: Value, i: Value) -> usize {
    let e = entries(t);
    if is_fixnum(i) {
        let k = fixnum_value(i);
        if k >= 0 && (k as usize) < capacity_of(e) && slot_hash(e, k as usize) != EMPTY {
            return k as usize;
        }
    }
    crate::error::index_error(proc, i)
}

pub fn key_at(t: Value, i: usize) -> Value {
    slot_key(entries(t), i)
}
pub fn value_at(t: Value, i: usize) -> Value {
    slot_value(entries(t), i)
}
pub fn set_value_at(proc: &str, t: Value, i: usize, v: Value) {
    check_mutable(proc, t);
    store(entries(t), hash_field(i) + 2, v);
}
pub fn delete_at(proc: &str, t: Value, i: usize) {
    check_mutable(proc, t);
    remove_slot(entries(t), i);
    set_count(t, count(t) - 1);
}
