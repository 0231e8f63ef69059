//! The builtins of `(closc hash-tables)`: the entry functions over the
//! tables of `hashtables/mod.rs`. Names follow R6RS's hashtable procedures
//! where they overlap (`hashtable-ref` takes a default, `hashtable-keys`
//! returns a vector); the SRFI 69 and 125 procedures are Scheme on top
//! (`lib/srfi/69.scm`, `125.scm`). The `hashtable-slot-*` and
//! `hashtable-hashed-*` procedures serve generic tables, whose hashing and
//! comparing Scheme code does; the `hashtable-*-hash` procedures are hashes
//! Scheme code may keep (never address-based).

use super::*;
use crate::args::{args, fx_arg, Arity};
use crate::memory::heap::{cons, intern};

fn size_arg(proc: &str, v: Option<&Value>) -> usize {
    match v {
        None => 0,
        Some(&v) => {
            let n = fx_arg(proc, v);
            if n < 0 {
                crate::error::type_error(proc, "non-negative size", v);
            }
            (n as usize).min(1 << 40)
        }
    }
}

fn make(proc: &str, kind: Kind, argc: u64, argv: *const Value) -> Value {
    let a = args(proc, argc, argv, Arity::Between(0, 1));
    make_table(kind, size_arg(proc, a.first()), FALSE, FALSE)
}

#[no_mangle]
pub extern "C" fn closc_prim_make_eq_hashtable(argc: u64, argv: *const Value) -> Value {
    make("make-eq-hashtable", Kind::Eq, argc, argv)
}

#[no_mangle]
pub extern "C" fn closc_prim_make_eqv_hashtable(argc: u64, argv: *const Value) -> Value {
    make("make-eqv-hashtable", Kind::Eqv, argc, argv)
}

#[no_mangle]
pub extern "C" fn closc_prim_make_equal_hashtable(argc: u64, argv: *const Value) -> Value {
    make("make-equal-hashtable", Kind::Equal, argc, argv)
}

#[no_mangle]
pub extern "C" fn closc_prim_make_string_hashtable(argc: u64, argv: *const Value) -> Value {
    make("make-string-hashtable", Kind::String, argc, argv)
}

#[no_mangle]
pub extern "C" fn closc_prim_make_string_ci_hashtable(argc: u64, argv: *const Value) -> Value {
    make("make-string-ci-hashtable", Kind::StringCi, argc, argv)
}

/// `(make-generic-hashtable equiv hash [size])`: a table whose keys Scheme
/// code hashes with `hash` and compares with `equiv` (both kept for it).
#[no_mangle]
pub extern "C" fn closc_prim_make_generic_hashtable(argc: u64, argv: *const Value) -> Value {
    const P: &str = "make-generic-hashtable";
    let a = args(P, argc, argv, Arity::Between(2, 3));
    for &f in &a[..2] {
        if !is_closure(f) {
            crate::error::type_error(P, "procedure", f);
        }
    }
    make_table(Kind::Generic, size_arg(P, a.get(2)), a[0], a[1])
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_p(t: Value) -> Value {
    boolean(is_table(t))
}

/// Whether `obj` is a generic table (a user's hash and equivalence, which
/// Scheme code drives); `#f` for other tables and for anything else.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_generic_p(obj: Value) -> Value {
    boolean(is_table(obj) && kind(obj) == Kind::Generic)
}

/// How Scheme code reaches `obj`'s entries: `0` for a table the runtime
/// hashes, `1` for a generic table, `#f` for anything else (so the SRFI
/// procedures dispatch with one call and name themselves in the error).
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_access_kind(obj: Value) -> Value {
    if !is_table(obj) {
        FALSE
    } else if kind(obj) == Kind::Generic {
        fixnum(1)
    } else {
        fixnum(0)
    }
}

/// The table's kind as a symbol: `eq`, `eqv`, `equal`, `string`,
/// `string-ci` or `generic`.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_kind(t: Value) -> Value {
    intern(kind(table_arg("hashtable-kind", t)).name())
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_size(t: Value) -> Value {
    fixnum(count(table_arg("hashtable-size", t)) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_mutable_p(t: Value) -> Value {
    boolean(is_mutable(table_arg("hashtable-mutable?", t)))
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_ref(t: Value, key: Value, default: Value) -> Value {
    const P: &str = "hashtable-ref";
    lookup(P, table_arg(P, t), key).unwrap_or(default)
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_contains_p(t: Value, key: Value) -> Value {
    const P: &str = "hashtable-contains?";
    boolean(lookup(P, table_arg(P, t), key).is_some())
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_set_x(t: Value, key: Value, value: Value) -> Value {
    const P: &str = "hashtable-set!";
    insert(P, table_arg(P, t), key, value);
    VOID
}

/// Removes the key; `#t` if it was there, `#f` otherwise.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_delete_x(t: Value, key: Value) -> Value {
    const P: &str = "hashtable-delete!";
    boolean(delete(P, table_arg(P, t), key))
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_clear_x(argc: u64, argv: *const Value) -> Value {
    const P: &str = "hashtable-clear!";
    let a = args(P, argc, argv, Arity::Between(1, 2));
    clear(P, table_arg(P, a[0]), size_arg(P, a.get(1)));
    VOID
}

/// `(hashtable-copy t [mutable?])`: immutable unless `mutable?` is true.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_copy(argc: u64, argv: *const Value) -> Value {
    const P: &str = "hashtable-copy";
    let a = args(P, argc, argv, Arity::Between(1, 2));
    copy(table_arg(P, a[0]), a.get(1).is_some_and(|&m| m != FALSE))
}

fn collect_vector(t: Value, part: fn(Value, usize) -> Value) -> Value {
    let slots: Vec<usize> = occupied(t).collect();
    let v = crate::memory::heap::make_vector(slots.len(), FALSE);
    for (j, &i) in slots.iter().enumerate() {
        set_field(v, 1 + j, part(t, i));
        crate::memory::gc::write_barrier(v, 1 + j, field(v, 1 + j));
    }
    v
}

/// The keys, as a vector (in slot order, as `hashtable-values` and
/// `hashtable-entries` give the values).
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_keys(t: Value) -> Value {
    collect_vector(table_arg("hashtable-keys", t), key_at)
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_values(t: Value) -> Value {
    collect_vector(table_arg("hashtable-values", t), value_at)
}

/// Two values: a vector of the keys and one of the values, in one order.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_entries(t: Value) -> Value {
    let t = table_arg("hashtable-entries", t);
    let keys = collect_vector(t, key_at);
    let values = collect_vector(t, value_at);
    let p = alloc(3);
    // SAFETY: a fresh 3-word object.
    unsafe {
        *p = header(HDR_VALUES, 2);
        *p.add(1) = keys;
        *p.add(2) = values;
    }
    p as u64 | TAG_OBJECT
}

/// A generic table's equivalence procedure; `#f` for the built-in kinds.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_equivalence_function(t: Value) -> Value {
    procedures(table_arg("hashtable-equivalence-function", t)).0
}

/// A generic table's hash procedure; `#f` for the built-in kinds.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_hash_function(t: Value) -> Value {
    procedures(table_arg("hashtable-hash-function", t)).1
}

fn generic_arg(proc: &str, t: Value) -> Value {
    table_arg(proc, t);
    if kind(t) != Kind::Generic {
        crate::error::type_error(proc, "generic hash table", t);
    }
    t
}

/// `(hashtable-hashed-slots t h)`: the slots of generic table `t` whose key
/// has user hash `h`, as a list of slot indices in probe order.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_hashed_slots(t: Value, h: Value) -> Value {
    const P: &str = "hashtable-hashed-slots";
    let t = generic_arg(P, t);
    let slots = hashed_slots(t, user_hash(P, h));
    slots
        .iter()
        .rev()
        .fold(NIL, |l, &i| cons(fixnum(i as i64), l))
}

/// `(hashtable-hashed-insert! t h key value)`: adds an entry with user hash
/// `h` to generic table `t`; the caller has checked that no key is equal.
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_hashed_insert_x(argc: u64, argv: *const Value) -> Value {
    const P: &str = "hashtable-hashed-insert!";
    let a = args(P, argc, argv, Arity::Between(4, 4));
    let t = generic_arg(P, a[0]);
    insert_hashed(P, t, user_hash(P, a[1]), a[2], a[3]);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_slot_key(t: Value, i: Value) -> Value {
    const P: &str = "hashtable-slot-key";
    let t = table_arg(P, t);
    key_at(t, slot_arg(P, t, i))
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_slot_value(t: Value, i: Value) -> Value {
    const P: &str = "hashtable-slot-value";
    let t = table_arg(P, t);
    value_at(t, slot_arg(P, t, i))
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_slot_set_x(t: Value, i: Value, v: Value) -> Value {
    const P: &str = "hashtable-slot-set!";
    let t = table_arg(P, t);
    let i = slot_arg(P, t, i);
    set_value_at(P, t, i, v);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_slot_delete_x(t: Value, i: Value) -> Value {
    const P: &str = "hashtable-slot-delete!";
    let t = table_arg(P, t);
    let i = slot_arg(P, t, i);
    delete_at(P, t, i);
    VOID
}

/// `(hashtable-equal-hash obj)`: a hash consistent with `equal?`, the same
/// for the whole run (a non-negative fixnum).
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_equal_hash(v: Value) -> Value {
    fixnum(hash::stable_hash(v, true) as i64)
}

/// `(hashtable-eqv-hash obj)`: a hash consistent with `eqv?` (and `eq?`).
#[no_mangle]
pub extern "C" fn closc_prim_hashtable_eqv_hash(v: Value) -> Value {
    fixnum(hash::stable_hash(v, false) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_string_hash(s: Value) -> Value {
    if !is_string(s) {
        crate::error::type_error("hashtable-string-hash", "string", s);
    }
    fixnum(hash::string_hash(s, false) as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_hashtable_string_ci_hash(s: Value) -> Value {
    if !is_string(s) {
        crate::error::type_error("hashtable-string-ci-hash", "string", s);
    }
    fixnum(hash::string_hash(s, true) as i64)
}
