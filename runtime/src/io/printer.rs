//! The printer behind `display`, `write`, `write-shared` and `write-simple`,
//! producing what Chez Scheme 9.5 prints with its default parameters except
//! where R7RS's external syntax differs (so that `write`'s output reads back
//! as an `equal?` datum in any R7RS reader): bytevectors are `#u8(...)` (Chez:
//! `#vu8(...)`), symbols that are not plain identifiers are `|a b|` (Chez:
//! `a\x20;b`), characters use R7RS's names only (`#\null`, `#\escape`;
//! others `#\xHH`), strings R7RS's escapes only (no `\v`, `\f`). As in Chez:
//! `write` never abbreviates `(quote x)`, `display` does (`'x`, `` `x``, `,x`,
//! `,@x`, `#'x`, ...); `print-unicode` on; records print as `#[name field ...]`.
//!
//! Datum labels (R7RS 2.4): `write` and `display` label shared structure only
//! when the value contains a cycle, and then every shared object, as Chez's
//! `write` does (it switches to `print-graph` when it finds a cycle):
//! `#0=(1 . #0#)`, `#0=(#1=(9) #1# . #0#)`. `write-shared` always labels
//! shared objects (as Chez with `print-graph` on); `write-simple` never does
//! (and loops on cycles). Labelled: pairs, vectors, strings, boxes and
//! records. Chez's `display` loops on cycles; R7RS requires it to terminate,
//! hence the labels there.
//!
//! Cost: the cycle search first walks the value as a tree with a small step
//! budget (no hashing); an acyclic value that fits the budget costs nothing
//! more. Only bigger or shared values get the exact search (one hash-table
//! entry per object).
//!
//! Invariant: printing never recurses on the Rust stack; nested data is walked
//! with an explicit work stack, so arbitrarily long or deep structures print in
//! constant Rust stack space. `print_limited` (for error messages) labels
//! cycles as `write` does and also stops after a byte budget.

use crate::memory::heap::{lambda_name, string_view, StrView};
use crate::memory::value::*;
use crate::unicode::{in_table, CONSTITUENT, SUBSEQUENT};
use std::collections::HashMap;

/// Which printing procedure.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    Display,
    Write,
    WriteShared,
    WriteSimple,
}

/// Prints `v` to `out` as `write` (when `write`) or `display` would.
pub fn print(out: &mut Vec<u8>, v: Value, write: bool) {
    print_styled(out, v, if write { Style::Write } else { Style::Display });
}

/// Prints `v` to `out` in the given style.
pub fn print_styled(out: &mut Vec<u8>, v: Value, style: Style) {
    if !is_compound(v) {
        print_atom(out, v, style != Style::Display);
        return;
    }
    let mut labels = match style {
        Style::WriteSimple => None,
        Style::WriteShared => Some(shared_objects(v).0),
        Style::Write | Style::Display => cycle_labels(v),
    };
    if labels.as_ref().is_some_and(|l| l.is_empty()) {
        labels = None;
    }
    walk(out, v, style != Style::Display, usize::MAX, labels.as_mut());
}

/// The labels `write` and `display` give `v`: its shared objects when it
/// contains a cycle, else none.
fn cycle_labels(v: Value) -> Option<Labels> {
    if tree_is_small(v) {
        None
    } else {
        let (shared, cyclic) = shared_objects(v);
        (cyclic && !shared.is_empty()).then_some(shared)
    }
}

/// `v` as `write` (when `write`) or `display` would print it.
pub fn to_string(v: Value, write: bool) -> String {
    let mut out = Vec::new();
    print(&mut out, v, write);
    String::from_utf8_lossy(&out).into_owned()
}

/// Steps of the tree walk `tree_is_small` may take.
const TREE_BUDGET: usize = 4096;

/// Whether `v`, walked as a tree (shared parts walked again), has fewer than
/// `TREE_BUDGET` nodes: then it certainly has no cycle.
fn tree_is_small(v: Value) -> bool {
    let mut stack = vec![v];
    let mut steps = 0;
    while let Some(x) = stack.pop() {
        steps += 1;
        if steps > TREE_BUDGET {
            return false;
        }
        push_children(x, &mut stack);
    }
    true
}

/// Pushes the values `x` contains (none for atoms).
fn push_children(x: Value, stack: &mut Vec<Value>) {
    if is_pair(x) {
        stack.push(cdr(x));
        stack.push(car(x));
        return;
    }
    if let Some((first, n)) = contained_fields(x) {
        for i in (first..first + n).rev() {
            stack.push(field(x, i));
        }
    }
}

/// For a vector, box, record or values object: the index of its first
/// contained field and the number of contained fields.
fn contained_fields(x: Value) -> Option<(usize, usize)> {
    match object_kind(x) {
        HDR_VECTOR => Some((1, vector_len(x))),
        HDR_BOX => Some((1, 1)),
        HDR_RECORD => Some((2, header_size(field(x, 0)) as usize - 1)),
        HDR_VALUES => Some((1, header_size(field(x, 0)) as usize)),
        _ => None,
    }
}

/// Whether `x` gets a datum label when it occurs more than once.
fn labellable(x: Value) -> bool {
    is_pair(x)
        || matches!(
            object_kind(x),
            HDR_VECTOR | HDR_STRING | HDR_BOX | HDR_RECORD
        )
}

/// Label state of a shared object: `None` until printed, then its number.
type Labels = HashMap<Value, Option<usize>>;

/// The labellable objects reachable more than once from `v`, and whether `v`
/// contains a cycle. A depth-first search with an explicit stack; an object
/// reached again while still on the stack closes a cycle.
fn shared_objects(v: Value) -> (Labels, bool) {
    const ACTIVE: u8 = 1;
    const DONE: u8 = 2;
    let mut state: HashMap<Value, u8> = HashMap::new();
    let mut shared = Labels::new();
    let mut cyclic = false;
    // (object, index of its next child); pairs use 0 = car, 1 = cdr.
    let mut stack: Vec<(Value, usize)> = Vec::new();
    let mut pending = Some(v);
    loop {
        if let Some(x) = pending.take() {
            if labellable(x) {
                match state.get(&x) {
                    Some(&s) => {
                        cyclic |= s == ACTIVE;
                        shared.insert(x, None);
                    }
                    None => {
                        state.insert(x, ACTIVE);
                        stack.push((x, 0));
                    }
                }
            }
        }
        let Some((x, next)) = stack.last_mut() else {
            break;
        };
        let x = *x;
        let child = if is_pair(x) {
            match *next {
                0 => Some(car(x)),
                1 => Some(cdr(x)),
                _ => None,
            }
        } else {
            contained_fields(x).and_then(|(first, n)| (*next < n).then(|| field(x, first + *next)))
        };
        *next += 1;
        match child {
            Some(c) => pending = Some(c),
            None => {
                stack.pop();
                state.insert(x, DONE);
            }
        }
    }
    (shared, cyclic)
}

/// A pending piece of output.
enum Task {
    Value(Value),
    Text(&'static [u8]),
    /// The rest of a list after an element: ` elem ...)`, ` . x)` or `)`.
    ListTail(Value),
    /// Fields `i..end` of a vector, record or values object, then `)`/`]`/`>`;
    /// fields after `first` are preceded by a space.
    FieldsFrom(Value, usize, usize, usize, &'static [u8]),
}

/// Like `print` (with datum labels for a cycle, so a circular value in an
/// error message is short), but stops (appending `...`) once more than
/// `limit` bytes have been produced.
pub fn print_limited(out: &mut Vec<u8>, v: Value, write: bool, limit: usize) {
    if !is_compound(v) {
        print_atom(out, v, write);
        return;
    }
    let mut labels = cycle_labels(v);
    walk(out, v, write, limit, labels.as_mut());
}

/// Prints `v`; with `labels`, the shared objects listed there get datum labels.
fn walk(out: &mut Vec<u8>, v: Value, write: bool, limit: usize, mut labels: Option<&mut Labels>) {
    if !is_compound(v) {
        print_atom(out, v, write);
        return;
    }
    let start = out.len();
    let mut next_label = 0;
    let mut stack = vec![Task::Value(v)];
    let is_shared = |labels: &Option<&mut Labels>, x: Value| {
        labels.as_ref().is_some_and(|l| l.contains_key(&x))
    };
    while let Some(task) = stack.pop() {
        if out.len() - start > limit {
            out.extend_from_slice(b"...");
            return;
        }
        match task {
            Task::Text(t) => out.extend_from_slice(t),
            Task::Value(v) => {
                if let Some(l) = labels.as_mut() {
                    if let Some(label) = l.get_mut(&v) {
                        match *label {
                            Some(n) => {
                                out.push(b'#');
                                print_fixnum(out, n as i64);
                                out.push(b'#');
                                continue;
                            }
                            None => {
                                *label = Some(next_label);
                                out.push(b'#');
                                print_fixnum(out, next_label as i64);
                                out.push(b'=');
                                next_label += 1;
                            }
                        }
                    }
                }
                if is_pair(v) {
                    if !write && !is_shared(&labels, cdr(v)) {
                        if let Some(prefix) = abbreviation(v) {
                            out.extend_from_slice(prefix);
                            stack.push(Task::Value(car(cdr(v))));
                            continue;
                        }
                    }
                    out.push(b'(');
                    stack.push(Task::ListTail(cdr(v)));
                    stack.push(Task::Value(car(v)));
                } else if is_vector(v) {
                    out.extend_from_slice(b"#(");
                    stack.push(Task::FieldsFrom(v, 1, 1 + vector_len(v), 1, b")"));
                } else if is_box(v) {
                    out.extend_from_slice(b"#&");
                    stack.push(Task::Value(field(v, 1)));
                } else if object_kind(v) == HDR_RECORD {
                    out.extend_from_slice(b"#[");
                    let name = record_type_name(field(v, 1));
                    print_atom(out, name, false);
                    let n = record_len(v);
                    stack.push(Task::FieldsFrom(v, 2, 2 + n, 2, b"]"));
                    if n > 0 {
                        stack.push(Task::Text(b" "));
                    }
                } else if object_kind(v) == HDR_VALUES {
                    out.extend_from_slice(b"#<values");
                    let n = header_size(field(v, 0)) as usize;
                    stack.push(Task::FieldsFrom(v, 1, 1 + n, 1, b">"));
                    if n > 0 {
                        stack.push(Task::Text(b" "));
                    }
                } else {
                    print_atom(out, v, write);
                }
            }
            Task::ListTail(rest) => {
                if is_pair(rest) && !is_shared(&labels, rest) {
                    out.push(b' ');
                    stack.push(Task::ListTail(cdr(rest)));
                    stack.push(Task::Value(car(rest)));
                } else if rest == NIL {
                    out.push(b')');
                } else {
                    out.extend_from_slice(b" . ");
                    stack.push(Task::Text(b")"));
                    stack.push(Task::Value(rest));
                }
            }
            Task::FieldsFrom(obj, i, end, first, close) => {
                if i >= end {
                    out.extend_from_slice(close);
                } else {
                    if i > first {
                        out.push(b' ');
                    }
                    stack.push(Task::FieldsFrom(obj, i + 1, end, first, close));
                    stack.push(Task::Value(field(obj, i)));
                }
            }
        }
    }
}

/// The prefix `display` abbreviates pair `v` to, if `v` is a two-element list
/// headed by `quote`, `quasiquote`, `unquote`, ... (Chez abbreviates under
/// `display` only; `write` prints `(quote a)`).
fn abbreviation(v: Value) -> Option<&'static [u8]> {
    let rest = cdr(v);
    if !is_pair(rest) || cdr(rest) != NIL || object_kind(car(v)) != HDR_SYMBOL {
        return None;
    }
    let name = string_view(symbol_name_string(car(v)));
    const TABLE: [(&str, &[u8]); 8] = [
        ("quote", b"'"),
        ("quasiquote", b"`"),
        ("unquote", b","),
        ("unquote-splicing", b",@"),
        ("syntax", b"#'"),
        ("quasisyntax", b"#`"),
        ("unsyntax", b"#,"),
        ("unsyntax-splicing", b"#,@"),
    ];
    TABLE
        .iter()
        .find(|(n, _)| n.len() == name.len() && n.chars().map(|c| c as u32).eq(name.iter()))
        .map(|&(_, prefix)| prefix)
}

/// Whether `v` contains other values the printer must walk.
fn is_compound(v: Value) -> bool {
    is_pair(v) || is_vector(v) || is_box(v) || matches!(object_kind(v), HDR_RECORD | HDR_VALUES)
}

/// Prints a value that is not a pair, vector or box.
fn print_atom(out: &mut Vec<u8>, v: Value, write: bool) {
    if is_fixnum(v) {
        print_fixnum(out, fixnum_value(v));
        return;
    }
    match tag(v) {
        TAG_IMMEDIATE => print_immediate(out, v, write),
        TAG_CLOSURE => {
            out.extend_from_slice(b"#<procedure");
            if let Some(name) = lambda_name(closure_lambda_id(v)) {
                out.push(b' ');
                out.extend_from_slice(name.as_bytes());
            }
            out.push(b'>');
        }
        TAG_OBJECT => match object_kind(v) {
            HDR_STRING => {
                if write {
                    write_string(out, string_view(v));
                } else {
                    push_view(out, string_view(v));
                }
            }
            HDR_FLONUM | HDR_BIGNUM | HDR_RATNUM | HDR_COMPNUM => {
                let n = crate::numbers::get(v).expect("a number object");
                out.extend_from_slice(crate::numbers::format(&n, 10).as_bytes());
            }
            HDR_SYMBOL => {
                let name = string_view(symbol_name_string(v)).to_u32();
                if write {
                    write_symbol(out, &name);
                } else {
                    push_chars(out, &name);
                }
            }
            HDR_BYTEVECTOR => {
                // R7RS's notation (Chez writes `#vu8(...)`; closc reads both).
                out.extend_from_slice(b"#u8(");
                for (i, &b) in bytevector_slice(v).iter().enumerate() {
                    if i > 0 {
                        out.push(b' ');
                    }
                    print_fixnum(out, b as i64);
                }
                out.push(b')');
            }
            HDR_PORT => out.extend_from_slice(crate::io::ports::port_description(v).as_bytes()),
            HDR_CONTINUATION => out.extend_from_slice(b"#<continuation>"),
            HDR_HASHTABLE => out.extend_from_slice(b"#<hash-table>"),
            HDR_POINTER => {
                let address = field(v, POINTER_ADDRESS);
                let text = match field(v, POINTER_STATE) {
                    STATE_POINTER => format!("#<pointer 0x{address:x}>"),
                    STATE_BUFFER => {
                        format!("#<foreign-buffer 0x{address:x} {}>", field(v, POINTER_SIZE))
                    }
                    _ => "#<foreign-buffer freed>".to_string(),
                };
                out.extend_from_slice(text.as_bytes());
            }
            HDR_CHARSET => {
                // Payload word 2 is the size (`builtins/char_sets/mod.rs`).
                let n = fixnum_value(field(v, 2));
                out.extend_from_slice(format!("#<char-set {n} chars>").as_bytes());
            }
            HDR_CONDITION => {
                out.extend_from_slice(b"#<condition ");
                print_atom(out, field(v, 2), false);
                out.push(b'>');
            }
            HDR_RECORD_TYPE => {
                out.extend_from_slice(b"#<record type ");
                print_atom(out, record_type_name(v), false);
                out.push(b'>');
            }
            _ => out.extend_from_slice(format!("#<object {v:#x}>").as_bytes()),
        },
        _ => out.extend_from_slice(format!("#<object {v:#x}>").as_bytes()),
    }
}

/// Appends the decimal digits of `n`.
pub fn print_fixnum(out: &mut Vec<u8>, n: i64) {
    print_integer(out, n, 10);
}

/// Appends `n` in `radix` (2..=16), with uppercase digits as Chez prints them.
pub fn print_integer(out: &mut Vec<u8>, n: i64, radix: u32) {
    let mut buf = [0u8; 72];
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b"0123456789ABCDEF"[(m % radix as u64) as usize];
        m /= radix as u64;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    out.extend_from_slice(&buf[i..]);
}

fn print_immediate(out: &mut Vec<u8>, v: Value, write: bool) {
    let text: &[u8] = match v {
        FALSE => b"#f",
        TRUE => b"#t",
        NIL => b"()",
        VOID => b"#<void>",
        EOF => b"#!eof",
        UNBOUND => b"#<unbound>",
        _ if is_char(v) => {
            let c = (v >> 8) as u32;
            if write {
                write_char(out, c);
            } else {
                push_char(out, c);
            }
            return;
        }
        _ => {
            out.extend_from_slice(format!("#<immediate {v:#x}>").as_bytes());
            return;
        }
    };
    out.extend_from_slice(text);
}

/// Appends code point `c` as UTF-8 (U+FFFD if it is not a valid scalar value).
pub fn push_char(out: &mut Vec<u8>, c: u32) {
    if c < 0x80 {
        out.push(c as u8);
    } else {
        let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
}

fn push_chars(out: &mut Vec<u8>, cs: &[u32]) {
    for &c in cs {
        push_char(out, c);
    }
}

/// Appends the characters of a string as UTF-8 (ASCII text as it is).
pub fn push_view(out: &mut Vec<u8>, cs: StrView) {
    match cs {
        StrView::Narrow(b) if b.is_ascii() => out.extend_from_slice(b),
        _ => cs.iter().for_each(|c| push_char(out, c)),
    }
}

/// Appends `c` in uppercase hexadecimal.
fn push_hex(out: &mut Vec<u8>, c: u32) {
    print_integer(out, c as i64, 16);
}

/// Whether `c` is written raw inside strings and characters: printable ASCII
/// and everything from 0x80 except NEL (0x85) and LINE SEPARATOR (0x2028).
fn is_graphic(c: u32) -> bool {
    (0x21..=0x7E).contains(&c) || (c >= 0x80 && c != 0x85 && c != 0x2028)
}

fn write_char(out: &mut Vec<u8>, c: u32) {
    out.extend_from_slice(b"#\\");
    match crate::io::char_names::written_name(c) {
        Some(name) => out.extend_from_slice(name.as_bytes()),
        None if is_graphic(c) => push_char(out, c),
        None => {
            out.push(b'x');
            push_hex(out, c);
        }
    }
}

fn write_string(out: &mut Vec<u8>, cs: StrView) {
    out.push(b'"');
    for c in cs.iter() {
        escape_char(out, c, b'"');
    }
    out.push(b'"');
}

/// Appends `c` as it appears inside a string (`close` = `"`) or a `|symbol|`
/// (`close` = `|`): raw when graphic (or a space), else as one of R7RS's
/// escapes (6.7: `\a \b \t \n \r`, `\"`/`\|`, `\\`, `\xHH;`). `\v`
/// and `\f` are Chez's, not R7RS's, so those characters are `\xB;` `\xC;`.
fn escape_char(out: &mut Vec<u8>, c: u32, close: u8) {
    match c {
        _ if c == close as u32 => {
            out.push(b'\\');
            out.push(close);
        }
        0x5C => out.extend_from_slice(b"\\\\"),
        _ if c == 0x20 || is_graphic(c) => push_char(out, c),
        0x07 => out.extend_from_slice(b"\\a"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x09 => out.extend_from_slice(b"\\t"),
        0x0A => out.extend_from_slice(b"\\n"),
        0x0D => out.extend_from_slice(b"\\r"),
        _ => hex_escape(out, c),
    }
}

/// `\xHH;`
fn hex_escape(out: &mut Vec<u8>, c: u32) {
    out.extend_from_slice(b"\\x");
    push_hex(out, c);
    out.push(b';');
}

/// Writes a symbol name as R7RS's `write` must (7.1): as itself when it
/// reads back as the same identifier, else between bars, `|a b|`, with `\|`,
/// `\\`, the mnemonic escapes and `\xHH;` inside.
fn write_symbol(out: &mut Vec<u8>, s: &[u32]) {
    if !needs_bars(s) {
        push_chars(out, s);
        return;
    }
    out.push(b'|');
    for &c in s {
        escape_char(out, c, b'|');
    }
    out.push(b'|');
}

/// Whether symbol name `s` must be written between bars: it is not an
/// `<identifier>` of R7RS 7.1 without bars (non-ASCII characters allowed
/// where Chez allows them: `CONSTITUENT` first, `SUBSEQUENT` after), or it
/// would read as a number (`+inf.0`, `+i`, which the grammar alone admits).
fn needs_bars(s: &[u32]) -> bool {
    let is = |c: u32, set: &[u8]| c < 0x80 && set.contains(&(c as u8));
    let initial = |c: u32| {
        if c < 0x80 {
            (c as u8).is_ascii_alphabetic() || is(c, b"!$%&*/:<=>?^_~")
        } else {
            in_table(CONSTITUENT, c)
        }
    };
    let subsequent = |c: u32| {
        if c < 0x80 {
            initial(c) || (c as u8).is_ascii_digit() || is(c, b"+-.@")
        } else {
            in_table(SUBSEQUENT, c)
        }
    };
    let sign_subsequent = |c: u32| initial(c) || is(c, b"+-@");
    let dot_subsequent = |c: u32| sign_subsequent(c) || c == '.' as u32;
    let all_subsequent = |t: &[u32]| t.iter().all(|&c| subsequent(c));
    let Some(&first) = s.first() else {
        return true;
    };
    let identifier = if initial(first) {
        all_subsequent(&s[1..])
    } else if is(first, b"+-") {
        match s.get(1) {
            None => true,
            Some(&c) if c == '.' as u32 => {
                s.get(2).is_some_and(|&c| dot_subsequent(c)) && all_subsequent(&s[3..])
            }
            Some(&c) => sign_subsequent(c) && all_subsequent(&s[2..]),
        }
    } else if first == '.' as u32 {
        s.get(1).is_some_and(|&c| dot_subsequent(c)) && all_subsequent(&s[2..])
    } else {
        false
    };
    if !identifier {
        return true;
    }
    let text: String = s.iter().filter_map(|&c| char::from_u32(c)).collect();
    crate::numbers::parse(&text, 10).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;
    use crate::memory::heap::*;

    fn w(v: Value) -> String {
        let mut out = Vec::new();
        print(&mut out, v, true);
        String::from_utf8(out).unwrap()
    }
    fn d(v: Value) -> String {
        let mut out = Vec::new();
        print(&mut out, v, false);
        String::from_utf8(out).unwrap()
    }
    fn list(xs: &[Value]) -> Value {
        xs.iter().rev().fold(NIL, |acc, &x| cons(x, acc))
    }
    fn s(x: &str) -> Value {
        make_string_from(x)
    }
    fn sym(x: &str) -> Value {
        intern(x)
    }
    fn ch(c: u32) -> Value {
        (c as u64) << 8 | CHAR_TAG
    }

    // Every expected string below was checked against Chez Scheme 9.5.8,
    // except where R7RS differs (bytevectors, symbols, character names and
    // string escapes; see the module doc).

    #[test]
    fn atoms() {
        let _g = test_lock();
        assert_eq!(w(fixnum(0)), "0");
        assert_eq!(w(fixnum(-5)), "-5");
        assert_eq!(w(fixnum(FIXNUM_MAX)), "4611686018427387903");
        assert_eq!(w(fixnum(FIXNUM_MIN)), "-4611686018427387904");
        assert_eq!(w(TRUE), "#t");
        assert_eq!(w(FALSE), "#f");
        assert_eq!(w(NIL), "()");
        assert_eq!(w(VOID), "#<void>");
        assert_eq!(w(EOF), "#!eof");
        assert_eq!(w(UNBOUND), "#<unbound>");
    }

    #[test]
    fn lists_and_vectors() {
        let _g = test_lock();
        let one_two = list(&[fixnum(1), fixnum(2)]);
        assert_eq!(w(list(&[fixnum(1), fixnum(2), fixnum(3)])), "(1 2 3)");
        assert_eq!(w(cons(fixnum(1), fixnum(2))), "(1 . 2)");
        assert_eq!(w(cons(fixnum(1), cons(fixnum(2), fixnum(3)))), "(1 2 . 3)");
        assert_eq!(w(list(&[NIL, NIL])), "(() ())");
        assert_eq!(w(list(&[sym("quote"), sym("a")])), "(quote a)");
        // Chez abbreviates under display only.
        let qa = list(&[sym("quote"), sym("a")]);
        assert_eq!(d(qa), "'a");
        assert_eq!(d(list(&[sym("quote"), qa])), "''a");
        assert_eq!(d(cons(sym("quote"), sym("a"))), "(quote . a)");
        assert_eq!(
            d(cons(sym("quote"), cons(sym("a"), sym("b")))),
            "(quote a . b)"
        );
        assert_eq!(d(vector_from(&[fixnum(1), qa])), "#(1 'a)");
        assert_eq!(d(make_box(qa)), "#&'a");
        assert_eq!(d(cons(fixnum(1), qa)), "(1 quote a)");
        assert_eq!(d(list(&[sym("quote")])), "(quote)");
        assert_eq!(d(list(&[sym("quote"), s("s")])), "'s");
        assert_eq!(w(list(&[sym("quote"), s("s")])), "(quote \"s\")");
        let q3 = |h: &str| list(&[sym(h), sym("a")]);
        assert_eq!(
            d(list(&[
                q3("syntax"),
                q3("quasisyntax"),
                q3("unsyntax"),
                q3("unsyntax-splicing")
            ])),
            "(#'a #`a #,a #,@a)"
        );
        let qq = list(&[
            sym("quasiquote"),
            list(&[sym("a"), q3("unquote"), q3("unquote-splicing")]),
        ]);
        assert_eq!(d(qq), "`(a ,a ,@a)");
        assert_eq!(
            w(list(&[
                sym("quasiquote"),
                list(&[sym("unquote"), sym("b")])
            ])),
            "(quasiquote (unquote b))"
        );
        assert_eq!(w(vector_from(&[])), "#()");
        assert_eq!(
            w(vector_from(&[
                fixnum(1),
                list(&[fixnum(2)]),
                vector_from(&[])
            ])),
            "#(1 (2) #())"
        );
        assert_eq!(
            w(vector_from(&[sym("a"), s("b"), ch('c' as u32)])),
            "#(a \"b\" #\\c)"
        );
        assert_eq!(
            d(vector_from(&[sym("a"), s("b"), ch('c' as u32)])),
            "#(a b c)"
        );
        assert_eq!(w(make_box(one_two)), "#&(1 2)");
        assert_eq!(w(make_box(s("a"))), "#&\"a\"");
        let tail = cons(fixnum(1), vector_from(&[fixnum(4)]));
        assert_eq!(
            w(cons(fixnum(1), cons(list(&[fixnum(2), fixnum(3)]), tail))),
            "(1 (2 3) 1 . #(4))"
        );
        assert_eq!(
            d(list(&[
                sym("a"),
                s("a"),
                ch('a' as u32),
                list(&[s("x"), ch('y' as u32)])
            ])),
            "(a a a (x y))"
        );
        assert_eq!(
            w(list(&[sym("a"), s("a"), ch('a' as u32)])),
            "(a \"a\" #\\a)"
        );
    }

    #[test]
    fn long_and_deep_structures() {
        let _g = test_lock();
        let mut l = NIL;
        for i in (0..1_000_000).rev() {
            l = cons(fixnum(i % 10), l);
        }
        let out = w(l);
        assert_eq!(out.len(), 2 * 1_000_000 + 1);
        let mut nested = NIL;
        for _ in 0..1_000_000 {
            nested = cons(nested, NIL);
        }
        let out = w(nested);
        assert_eq!(out.len(), 2 * 1_000_000 + 2);
        let mut out = Vec::new();
        print_limited(&mut out, l, true, 100);
        assert!(out.len() < 120 && out.ends_with(b"..."));
    }

    #[test]
    fn strings() {
        let _g = test_lock();
        let x = s("a\"b\\c\nd\te\rf\u{1}g\u{7f}h\0i\u{7}\u{8}\u{b}\u{c}\u{1b}");
        assert_eq!(
            w(x),
            r#""a\"b\\c\nd\te\rf\x1;g\x7F;h\x0;i\a\b\xB;\xC;\x1B;""#
        );
        assert_eq!(
            d(x),
            "a\"b\\c\nd\te\rf\u{1}g\u{7f}h\0i\u{7}\u{8}\u{b}\u{c}\u{1b}"
        );
        let u = s("\u{80}\u{a0}é\u{85}λ\u{2028}\u{2029}\u{feff}😀 ");
        assert_eq!(w(u), "\"\u{80}\u{a0}é\\x85;λ\\x2028;\u{2029}\u{feff}😀 \"");
        assert_eq!(w(s("")), "\"\"");
    }

    #[test]
    fn chars() {
        let _g = test_lock();
        let cases: &[(u32, &str)] = &[
            ('a' as u32, "#\\a"),
            (' ' as u32, "#\\space"),
            ('\n' as u32, "#\\newline"),
            ('\t' as u32, "#\\tab"),
            (0, "#\\null"),
            (7, "#\\alarm"),
            (8, "#\\backspace"),
            (0xB, "#\\xB"),
            (0xC, "#\\xC"),
            (0xD, "#\\return"),
            (0x1B, "#\\escape"),
            (0x7F, "#\\delete"),
            (1, "#\\x1"),
            (0x1F, "#\\x1F"),
            (0x85, "#\\x85"),
            (0x2028, "#\\x2028"),
            (0x80, "#\\\u{80}"),
            (0xA0, "#\\\u{a0}"),
            (0x3BB, "#\\λ"),
            (0x1F600, "#\\😀"),
            ('(' as u32, "#\\("),
            ('\\' as u32, "#\\\\"),
            ('"' as u32, "#\\\""),
            ('#' as u32, "#\\#"),
        ];
        for &(c, expected) in cases {
            assert_eq!(w(ch(c)), expected, "char {c:#x}");
        }
        assert_eq!(d(ch('a' as u32)), "a");
        assert_eq!(d(ch(0x3BB)), "λ");
        assert_eq!(d(ch('\n' as u32)), "\n");
    }

    #[test]
    fn symbols() {
        let _g = test_lock();
        let cases: &[(&str, &str)] = &[
            ("hello world", "|hello world|"),
            ("", "||"),
            ("A", "A"),
            ("1", "|1|"),
            ("1a", "|1a|"),
            ("+", "+"),
            ("-", "-"),
            ("...", "..."),
            ("+a", "+a"),
            ("-a", "-a"),
            (".", "|.|"),
            ("..", ".."),
            ("+.a", "+.a"),
            ("+.5", "|+.5|"),
            ("+inf.0", "|+inf.0|"),
            ("-nan.0", "|-nan.0|"),
            ("+@", "+@"),
            ("a|b", "|a\\|b|"),
            ("a(b", "|a(b|"),
            ("#a", "|#a|"),
            ("a#", "|a#|"),
            ("->x", "->x"),
            ("->", "->"),
            ("-x", "-x"),
            ("a;b", "|a;b|"),
            ("a\"b", "|a\"b|"),
            ("a'b", "|a'b|"),
            ("a\\b", "|a\\\\b|"),
            ("λ", "λ"),
            ("a\nb", "|a\\nb|"),
            ("@a", "|@a|"),
            ("a@", "a@"),
            ("1+", "|1+|"),
            ("+1", "|+1|"),
            (".5", "|.5|"),
            ("1/2", "|1/2|"),
            ("a,b", "|a,b|"),
            ("a{b", "|a{b|"),
            ("a]b", "|a]b|"),
            ("a.b", "a.b"),
            (".a", ".a"),
            ("\0", "|\\x0;|"),
            ("\u{7f}", "|\\x7F;|"),
            ("\u{a0}", "|\u{a0}|"),
            ("\u{85}", "|\\x85;|"),
            ("\u{2028}", "|\\x2028;|"),
            ("\u{2029}", "|\u{2029}|"),
            ("\u{300}", "\u{300}"),
            ("a\u{300}", "a\u{300}"),
            ("😀", "😀"),
            ("\u{feff}", "|\u{feff}|"),
            ("\u{200b}", "|\u{200b}|"),
            ("a\tb", "|a\\tb|"),
            ("|", "|\\||"),
            ("a:b", "a:b"),
            (":", ":"),
            ("set-car!", "set-car!"),
            ("list->vector", "list->vector"),
            ("<=?", "<=?"),
        ];
        for &(name, expected) in cases {
            assert_eq!(w(sym(name)), expected, "symbol {name:?}");
            assert_eq!(d(sym(name)), name);
        }
    }

    #[test]
    fn procedures() {
        let _g = test_lock();
        let blob = b"\0foo";
        closc_rt_set_lambda_names(blob.as_ptr(), blob.len() as u64);
        let p = alloc(3);
        // SAFETY: a fresh 3-word closure.
        unsafe {
            *p = closure_header(0, 1);
            *p.add(1) = 0;
            *p.add(2) = 0;
        }
        let f = p as u64 | TAG_CLOSURE;
        assert_eq!(w(f), "#<procedure foo>");
        // SAFETY: as above.
        unsafe { *p = closure_header(0, 0) };
        assert_eq!(d(f), "#<procedure>");
    }
}
