//! Ports and the R7RS input/output procedures (6.13): textual and binary,
//! string, bytevector, file and standard ports, and the current ports.
//!
//! A port is a heap object (`HDR_PORT`) of 3 payload words, all Scheme values:
//!
//! | word | meaning |
//! |------|---------|
//! | 1    | flags (fixnum): `INPUT`, `OUTPUT`, `OPEN_IN`, `OPEN_OUT`, `BINARY`, `FOLD_CASE`, and the kind (`KIND_*`) from bit 6 |
//! | 2    | string/bytevector ports: the buffer (see below); file ports: their slot in `io::files`; `#f` for the standard ports |
//! | 3    | string/bytevector ports: input position, or the number of characters/bytes written; file ports: the file name |
//!
//! An input string or bytevector port reads a private copy of its string or
//! bytevector. An output one appends to a string or bytevector used as a
//! growable buffer (its length is the capacity; a full buffer is replaced by
//! one twice as long, with the write barrier, since the port may be older
//! than the new buffer). File ports are buffered in `io::files`; textual
//! file input is decoded as UTF-8 (invalid bytes become U+FFFD), textual
//! output encoded as UTF-8.
//!
//! The three standard ports are immortal objects outside the heap (like
//! symbols), made once; their state lives here in Rust: standard output is
//! the buffered `output` module (flushed at exit, before errors, before
//! reading standard input and by `flush-output-port`); standard error is
//! unbuffered, and standard output is flushed before each write to it, so the
//! two interleave in program order; standard input is an `io::files::FdIn`.
//! All three are textual.
//!
//! The current ports (`current-input-port`, ...) are a GC root of three
//! values, the standard ports at first. Each of those builtins is a
//! parameter object: called with no argument it returns its port; the
//! prelude's `parameterize` protocol (a tag, then `convert` or `set`, then a
//! port) checks and sets it, which is how `with-output-to-file` and
//! `(parameterize ((current-output-port p)) ...)` rebind it.
//!
//! Errors name the procedure: `read-char: not an input port: 5`,
//! `read-u8: not a binary input port: #<input port string>`,
//! `read-char: port is closed: #<input port string>`; a file that cannot be
//! opened raises a file error (`file-error?`) naming the file and the OS's
//! reason, a syntax error in `read` a read error (`read-error?`).

use crate::args::{args, byte_arg, length_arg, Arity::*};
use crate::error::{fatal, raise_kind, type_error, written, COND_FILE, COND_READ};
use crate::io::files::{self, OpenFile};
use crate::io::output;
use crate::io::printer::{self, Style};
use crate::io::read::{read_datum, CharSource};
use crate::memory::global::Global;
use crate::memory::heap::{
    alloc, alloc_bytevector, alloc_string, bytevector_from, intern, make_string_from,
    make_string_from_chars, string_to_rust, string_view, StrView,
};
use crate::memory::strings::{alloc_string_of_width, is_wide, make_string_from_view, string_write};
use crate::memory::value::*;

const INPUT: i64 = 1;
const OUTPUT: i64 = 2;
const OPEN_IN: i64 = 4;
const OPEN_OUT: i64 = 8;
const BINARY: i64 = 16;
/// `#!fold-case` is in effect for `read` (R7RS 2.1: a directive affects the
/// rest of the port it is read from).
const FOLD_CASE: i64 = 32;
const KIND_SHIFT: u32 = 6;
const KIND_STRING: i64 = 0;
const KIND_STDIN: i64 = 1;
const KIND_STDOUT: i64 = 2;
const KIND_STDERR: i64 = 3;
const KIND_BYTES: i64 = 4;
const KIND_FILE: i64 = 5;
/// Above the kind: a file port that is both textual and binary (the pipes
/// of `(closc process)`), accepted by both kinds of procedure.
const BIVALENT: i64 = 1 << 12;

fn flags(port: Value) -> i64 {
    fixnum_value(field(port, 1))
}

fn set_flags(port: Value, f: i64) {
    set_field(port, 1, fixnum(f));
}

fn kind(port: Value) -> i64 {
    (flags(port) & (BIVALENT - 1)) >> KIND_SHIFT
}

fn slot(port: Value) -> usize {
    fixnum_value(field(port, 2)) as usize
}

pub fn is_port(v: Value) -> bool {
    object_kind(v) == HDR_PORT
}

fn make_port(flags: i64, buffer: Value, word3: Value) -> Value {
    let p = alloc(4);
    // SAFETY: a fresh 4-word object.
    unsafe {
        *p = header(HDR_PORT, 3);
        *p.add(1) = fixnum(flags);
        *p.add(2) = buffer;
        *p.add(3) = word3;
    }
    p as u64 | TAG_OBJECT
}

/// The standard ports (stdin, stdout, stderr), made on first use.
static STD_PORTS: Global<Option<[Value; 3]>> = Global::new(None);

fn std_port(i: usize) -> Value {
    STD_PORTS.with(|ports| {
        ports.get_or_insert_with(|| {
            let make = |flags: i64| {
                let p = Box::leak(
                    vec![header(HDR_PORT, 3), fixnum(flags), FALSE, fixnum(0)].into_boxed_slice(),
                );
                p.as_mut_ptr() as u64 | TAG_OBJECT
            };
            [
                make(INPUT | OPEN_IN | (KIND_STDIN << KIND_SHIFT)),
                make(OUTPUT | OPEN_OUT | (KIND_STDOUT << KIND_SHIFT)),
                make(OUTPUT | OPEN_OUT | (KIND_STDERR << KIND_SHIFT)),
            ]
        })[i]
    })
}

/// The current input, output and error ports, registered as GC roots (and
/// set to the standard ports) on first use.
static mut CURRENT: [Value; 3] = [FALSE; 3];
static CURRENT_READY: Global<bool> = Global::new(false);

fn current() -> *mut [Value; 3] {
    let p = std::ptr::addr_of_mut!(CURRENT);
    if !CURRENT_READY.with(|r| std::mem::replace(r, true)) {
        let std = [std_port(0), std_port(1), std_port(2)];
        // SAFETY: single-threaded runtime state (see `global.rs`).
        unsafe { *p = std };
        crate::memory::gc::register_roots(p as usize, 3);
    }
    p
}

fn current_port(i: usize) -> Value {
    // SAFETY: as above.
    unsafe { (*current())[i] }
}

/// How a port prints: `#<input port string>`, `#<output port stdout>`,
/// `#<input port file /tmp/data>`, ...
pub fn port_description(port: Value) -> String {
    let dir = match flags(port) & (INPUT | OUTPUT) {
        INPUT => "input",
        OUTPUT => "output",
        _ => "input/output",
    };
    let name = match kind(port) {
        KIND_STDIN => "stdin".to_string(),
        KIND_STDOUT => "stdout".to_string(),
        KIND_STDERR => "stderr".to_string(),
        KIND_BYTES => "bytevector".to_string(),
        KIND_FILE if flags(port) & BIVALENT != 0 => {
            format!("pipe {}", string_to_rust(field(port, 3)))
        }
        KIND_FILE => format!("file {}", string_to_rust(field(port, 3))),
        _ => "string".to_string(),
    };
    format!("#<{dir} port {name}>")
}

/// Which ports a procedure accepts.
#[derive(Clone, Copy, PartialEq)]
enum Type {
    Textual,
    Binary,
    Any,
}

/// The port argument at `args[i]` (or the current port), checked to be an
/// open port of the direction `dir` (`INPUT` or `OUTPUT`) and type `ty`.
fn checked_port(proc: &str, args: &[Value], i: usize, dir: i64, ty: Type) -> Value {
    let port = match args.get(i) {
        Some(&p) => p,
        None => current_port(if dir == INPUT { 0 } else { 1 }),
    };
    let direction = if dir == INPUT { "input" } else { "output" };
    if !is_port(port) || flags(port) & dir == 0 {
        fatal(&format!(
            "{proc}: not an {direction} port: {}",
            written(port)
        ));
    }
    let binary = flags(port) & BINARY != 0;
    let either = flags(port) & BIVALENT != 0;
    if !either && ((ty == Type::Binary && !binary) || (ty == Type::Textual && binary)) {
        let what = if binary { "textual" } else { "binary" };
        fatal(&format!(
            "{proc}: not a {what} {direction} port: {}",
            written(port)
        ));
    }
    let open = if dir == INPUT { OPEN_IN } else { OPEN_OUT };
    if flags(port) & open == 0 {
        fatal(&format!("{proc}: port is closed: {}", written(port)));
    }
    port
}

/// A textual port argument (see `checked_port`).
fn port_arg(proc: &str, args: &[Value], i: usize, dir: i64) -> Value {
    checked_port(proc, args, i, dir, Type::Textual)
}

// ---------------------------------------------------------------------------
// Output.

/// Sends what `f` writes (UTF-8) to textual output port `port`.
fn emit(port: Value, f: impl FnOnce(&mut Vec<u8>)) {
    match kind(port) {
        KIND_STDOUT => output::with_buffer(f),
        KIND_STDERR => {
            let mut bytes = Vec::new();
            f(&mut bytes);
            output::flush();
            if let Err(errno) = crate::error::try_write_fd(2, &bytes) {
                write_error(port, errno)
            }
        }
        KIND_FILE => {
            let mut bytes = Vec::new();
            f(&mut bytes);
            write_file(port, &bytes);
        }
        _ => {
            let mut bytes = Vec::new();
            f(&mut bytes);
            if bytes.is_ascii() {
                string_port_append(port, StrView::Narrow(&bytes));
            } else {
                let text = String::from_utf8_lossy(&bytes);
                let chars: Vec<u32> = text.chars().map(|c| c as u32).collect();
                string_port_append(port, StrView::Wide(&chars));
            }
        }
    }
}

fn write_file(port: Value, bytes: &[u8]) {
    let written = files::with(slot(port), |f| match f {
        OpenFile::Out(o) => o.write(bytes),
        OpenFile::In(_) => crate::error::internal("an output port's file is an input"),
    });
    if let Err(errno) = written {
        write_error(port, errno)
    }
}

/// A write to `port` failed: a file error (`file-error?`) naming the port.
fn write_error(port: Value, errno: i32) -> ! {
    crate::error::raise_kind(
        crate::error::COND_FILE,
        &format!("cannot write: {}", crate::error::os_reason(errno)),
        &[port],
    )
}

/// Appends `chars` to output string port `port`, growing its buffer.
/// The buffer is replaced (never widened in place) when it is full or is
/// narrow and `chars` needs wide characters.
fn string_port_append(port: Value, chars: StrView) {
    let mut buf = field(port, 2);
    let fill = fixnum_value(field(port, 3)) as usize;
    let need = fill + chars.len();
    let widen = !is_wide(buf) && chars.needs_wide();
    if need > string_len(buf) || widen {
        let size = need.max(2 * string_len(buf)).max(32);
        let bigger = alloc_string_of_width(size, widen || is_wide(buf));
        string_write(bigger, 0, string_view(buf).slice(0, fill));
        set_field(port, 2, bigger);
        crate::memory::gc::write_barrier(port, 2, bigger);
        buf = bigger;
    }
    string_write(buf, fill, chars);
    set_field(port, 3, fixnum(need as i64));
}

/// Appends `bytes` to output bytevector port `port`, growing its buffer.
fn bytes_port_append(port: Value, bytes: &[u8]) {
    let mut buf = field(port, 2);
    let fill = fixnum_value(field(port, 3)) as usize;
    let need = fill + bytes.len();
    if need > bytevector_len(buf) {
        let bigger = alloc_bytevector(need.max(2 * bytevector_len(buf)).max(64));
        // SAFETY: both bytevectors have room for `fill` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(bytevector_bytes(buf), bytevector_bytes(bigger), fill)
        };
        set_field(port, 2, bigger);
        crate::memory::gc::write_barrier(port, 2, bigger);
        buf = bigger;
    }
    // SAFETY: the buffer has room for `need` bytes; `bytes` is not in it.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), bytevector_bytes(buf).add(fill), bytes.len())
    };
    set_field(port, 3, fixnum(need as i64));
}

/// Sends `bytes` to binary output port `port`.
fn emit_bytes(port: Value, bytes: &[u8]) {
    match kind(port) {
        KIND_BYTES => bytes_port_append(port, bytes),
        _ => write_file(port, bytes),
    }
}

fn print_to(proc: &str, argc: u64, argv: *const Value, style: Style) -> Value {
    let args = args(proc, argc, argv, Between(1, 2));
    let port = port_arg(proc, args, 1, OUTPUT);
    emit(port, |buf| printer::print_styled(buf, args[0], style));
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_display(argc: u64, argv: *const Value) -> Value {
    print_to("display", argc, argv, Style::Display)
}

#[no_mangle]
pub extern "C" fn closc_prim_write(argc: u64, argv: *const Value) -> Value {
    print_to("write", argc, argv, Style::Write)
}

#[no_mangle]
pub extern "C" fn closc_prim_write_shared(argc: u64, argv: *const Value) -> Value {
    print_to("write-shared", argc, argv, Style::WriteShared)
}

#[no_mangle]
pub extern "C" fn closc_prim_write_simple(argc: u64, argv: *const Value) -> Value {
    print_to("write-simple", argc, argv, Style::WriteSimple)
}

#[no_mangle]
pub extern "C" fn closc_prim_newline(argc: u64, argv: *const Value) -> Value {
    let args = args("newline", argc, argv, Between(0, 1));
    let port = port_arg("newline", args, 0, OUTPUT);
    emit(port, |buf| buf.push(b'\n'));
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_write_char(argc: u64, argv: *const Value) -> Value {
    let args = args("write-char", argc, argv, Between(1, 2));
    if !is_char(args[0]) {
        type_error("write-char", "character", args[0]);
    }
    let port = port_arg("write-char", args, 1, OUTPUT);
    emit(port, |buf| printer::push_char(buf, (args[0] >> 8) as u32));
    VOID
}

/// The `[start [end]]` arguments at `args[i..]` for a sequence of length
/// `len`, checked.
fn range_args(proc: &str, args: &[Value], i: usize, len: usize) -> (usize, usize) {
    let bound = |k: usize, default: usize, lo: usize| -> usize {
        match args.get(k) {
            None => default,
            Some(&v) => {
                if !is_fixnum(v) {
                    type_error(proc, "exact nonnegative integer", v);
                }
                let n = fixnum_value(v);
                if n < lo as i64 || n > len as i64 {
                    crate::error::index_error(proc, v);
                }
                n as usize
            }
        }
    };
    let start = bound(i, 0, 0);
    let end = bound(i + 1, len, start);
    (start, end)
}

#[no_mangle]
pub extern "C" fn closc_prim_write_string(argc: u64, argv: *const Value) -> Value {
    let proc = "write-string";
    let args = args(proc, argc, argv, Between(1, 4));
    if !is_string(args[0]) {
        type_error(proc, "string", args[0]);
    }
    let port = port_arg(proc, args, 1, OUTPUT);
    let (start, end) = range_args(proc, args, 2, string_len(args[0]));
    let chars = string_view(args[0]).slice(start, end);
    if kind(port) == KIND_STRING {
        string_port_append(port, chars);
    } else {
        emit(port, |buf| printer::push_view(buf, chars));
    }
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_flush_output_port(argc: u64, argv: *const Value) -> Value {
    let args = args("flush-output-port", argc, argv, Between(0, 1));
    let port = checked_port("flush-output-port", args, 0, OUTPUT, Type::Any);
    match kind(port) {
        KIND_STDOUT => output::flush(),
        KIND_FILE => {
            let written = files::with(slot(port), |f| match f {
                OpenFile::Out(o) => o.flush(),
                OpenFile::In(_) => Ok(()),
            });
            if let Err(errno) = written {
                write_error(port, errno)
            }
        }
        _ => {}
    }
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_write_u8(argc: u64, argv: *const Value) -> Value {
    let args = args("write-u8", argc, argv, Between(1, 2));
    let byte = byte_arg("write-u8", args[0]);
    let port = checked_port("write-u8", args, 1, OUTPUT, Type::Binary);
    emit_bytes(port, &[byte]);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_write_bytevector(argc: u64, argv: *const Value) -> Value {
    let proc = "write-bytevector";
    let args = args(proc, argc, argv, Between(1, 4));
    if !is_bytevector(args[0]) {
        type_error(proc, "bytevector", args[0]);
    }
    let port = checked_port(proc, args, 1, OUTPUT, Type::Binary);
    let (start, end) = range_args(proc, args, 2, bytevector_len(args[0]));
    // A copy: the port's buffer may be this very bytevector's successor.
    // SAFETY: `start..end` is inside the bytevector.
    let bytes = unsafe {
        std::slice::from_raw_parts(bytevector_bytes(args[0]).add(start), end - start).to_vec()
    };
    emit_bytes(port, &bytes);
    VOID
}

// ---------------------------------------------------------------------------
// Port objects.

/// `(current-input-port)` and its siblings: the current port `i`, or the
/// prelude's parameter protocol `(p TAG 'convert port)` / `(p TAG 'set
/// port)` (see the module doc).
fn current_port_param(proc: &str, argc: u64, argv: *const Value, i: usize) -> Value {
    let args = args(proc, argc, argv, Between(0, 3));
    let dir = if i == 0 { INPUT } else { OUTPUT };
    match *args {
        [] => current_port(i),
        // The tag is the prelude's `closc:param-tag`, `(parameter)`.
        [tag, what, port] if is_pair(tag) && car(tag) == intern("parameter") => {
            if !is_port(port) || flags(port) & dir == 0 {
                let what = if i == 0 { "an input" } else { "an output" };
                fatal(&format!("{proc}: not {what} port: {}", written(port)));
            }
            if what == intern("set") {
                // SAFETY: single-threaded runtime state; the array is a root.
                unsafe { (*current())[i] = port };
            }
            port
        }
        _ => fatal(&format!(
            "{proc}: wrong number of arguments: expected 0, got {}",
            args.len()
        )),
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_current_input_port(argc: u64, argv: *const Value) -> Value {
    current_port_param("current-input-port", argc, argv, 0)
}

#[no_mangle]
pub extern "C" fn closc_prim_current_output_port(argc: u64, argv: *const Value) -> Value {
    current_port_param("current-output-port", argc, argv, 1)
}

#[no_mangle]
pub extern "C" fn closc_prim_current_error_port(argc: u64, argv: *const Value) -> Value {
    current_port_param("current-error-port", argc, argv, 2)
}

#[no_mangle]
pub extern "C" fn closc_prim_open_input_string(s: Value) -> Value {
    if !is_string(s) {
        type_error("open-input-string", "string", s);
    }
    // A private copy: later changes to `s` do not affect what the port reads.
    let copy = make_string_from_view(string_view(s));
    make_port(
        INPUT | OPEN_IN | (KIND_STRING << KIND_SHIFT),
        copy,
        fixnum(0),
    )
}

#[no_mangle]
pub extern "C" fn closc_prim_open_output_string() -> Value {
    let buf = alloc_string(32);
    make_port(
        OUTPUT | OPEN_OUT | (KIND_STRING << KIND_SHIFT),
        buf,
        fixnum(0),
    )
}

#[no_mangle]
pub extern "C" fn closc_prim_get_output_string(port: Value) -> Value {
    if !is_port(port) || flags(port) & OUTPUT == 0 || kind(port) != KIND_STRING {
        type_error("get-output-string", "string output port", port);
    }
    let fill = fixnum_value(field(port, 3)) as usize;
    make_string_from_view(string_view(field(port, 2)).slice(0, fill))
}

/// The bytes of bytevector `v`.
fn bytes_of<'a>(v: Value) -> &'a [u8] {
    // SAFETY: a bytevector's bytes; runtime code never sees an object move.
    unsafe { std::slice::from_raw_parts(bytevector_bytes(v), bytevector_len(v)) }
}

#[no_mangle]
pub extern "C" fn closc_prim_open_input_bytevector(bv: Value) -> Value {
    if !is_bytevector(bv) {
        type_error("open-input-bytevector", "bytevector", bv);
    }
    // A private copy, as for strings.
    let copy = bytevector_from(bytes_of(bv));
    make_port(
        INPUT | OPEN_IN | BINARY | (KIND_BYTES << KIND_SHIFT),
        copy,
        fixnum(0),
    )
}

#[no_mangle]
pub extern "C" fn closc_prim_open_output_bytevector() -> Value {
    let buf = alloc_bytevector(64);
    make_port(
        OUTPUT | OPEN_OUT | BINARY | (KIND_BYTES << KIND_SHIFT),
        buf,
        fixnum(0),
    )
}

#[no_mangle]
pub extern "C" fn closc_prim_get_output_bytevector(port: Value) -> Value {
    if !is_port(port) || flags(port) & OUTPUT == 0 || kind(port) != KIND_BYTES {
        type_error("get-output-bytevector", "bytevector output port", port);
    }
    let fill = fixnum_value(field(port, 3)) as usize;
    bytevector_from(&bytes_of(field(port, 2))[..fill])
}

/// Opens file `name` (a string) as `proc` does: a port with `flags`, or a
/// file error naming the file and the OS's reason.
fn open_file(proc: &str, name: Value, flags: i64) -> Value {
    if !is_string(name) {
        type_error(proc, "string", name);
    }
    let path = string_to_rust(name);
    match files::open(&path, flags & OUTPUT != 0) {
        Ok(slot) => {
            let copy = make_string_from_view(string_view(name));
            let port = make_port(flags | (KIND_FILE << KIND_SHIFT), fixnum(slot as i64), copy);
            files::set_owner(slot, port);
            port
        }
        Err(reason) => raise_kind(COND_FILE, &format!("{proc}: {reason}"), &[name]),
    }
}

/// A port over descriptor `fd` (a pipe end the caller owns and hands over),
/// for input or output, both textual and binary; `name` says what it is
/// connected to when the port prints (`#<input port pipe NAME>`).
pub fn make_pipe_port(fd: i32, output: bool, name: &str) -> Value {
    let slot = files::adopt(fd, output);
    let dir = if output {
        OUTPUT | OPEN_OUT
    } else {
        INPUT | OPEN_IN
    };
    let flags = dir | BINARY | BIVALENT | (KIND_FILE << KIND_SHIFT);
    make_port(flags, fixnum(slot as i64), make_string_from(name))
}

#[no_mangle]
pub extern "C" fn closc_prim_open_input_file(name: Value) -> Value {
    open_file("open-input-file", name, INPUT | OPEN_IN)
}

#[no_mangle]
pub extern "C" fn closc_prim_open_binary_input_file(name: Value) -> Value {
    open_file("open-binary-input-file", name, INPUT | OPEN_IN | BINARY)
}

#[no_mangle]
pub extern "C" fn closc_prim_open_output_file(name: Value) -> Value {
    open_file("open-output-file", name, OUTPUT | OPEN_OUT)
}

#[no_mangle]
pub extern "C" fn closc_prim_open_binary_output_file(name: Value) -> Value {
    open_file("open-binary-output-file", name, OUTPUT | OPEN_OUT | BINARY)
}

#[no_mangle]
pub extern "C" fn closc_prim_port_p(v: Value) -> Value {
    boolean(is_port(v))
}

#[no_mangle]
pub extern "C" fn closc_prim_input_port_p(v: Value) -> Value {
    boolean(is_port(v) && flags(v) & INPUT != 0)
}

#[no_mangle]
pub extern "C" fn closc_prim_output_port_p(v: Value) -> Value {
    boolean(is_port(v) && flags(v) & OUTPUT != 0)
}

#[no_mangle]
pub extern "C" fn closc_prim_textual_port_p(v: Value) -> Value {
    boolean(is_port(v) && (flags(v) & BINARY == 0 || flags(v) & BIVALENT != 0))
}

#[no_mangle]
pub extern "C" fn closc_prim_binary_port_p(v: Value) -> Value {
    boolean(is_port(v) && flags(v) & BINARY != 0)
}

fn port_only(proc: &str, v: Value) -> Value {
    if !is_port(v) {
        type_error(proc, "port", v);
    }
    v
}

#[no_mangle]
pub extern "C" fn closc_prim_input_port_open_p(v: Value) -> Value {
    let p = port_only("input-port-open?", v);
    boolean(flags(p) & OPEN_IN != 0)
}

#[no_mangle]
pub extern "C" fn closc_prim_output_port_open_p(v: Value) -> Value {
    let p = port_only("output-port-open?", v);
    boolean(flags(p) & OPEN_OUT != 0)
}

/// Closes the `which` side(s) of `port`; closing standard output writes out
/// what is buffered first, closing a file port writes out its buffer and
/// closes the file. Closing a closed port does nothing.
fn close(port: Value, which: i64) -> Value {
    let closing = flags(port) & which & (OPEN_IN | OPEN_OUT);
    if closing & OPEN_OUT != 0 && kind(port) == KIND_STDOUT {
        output::flush();
    }
    if closing != 0 && kind(port) == KIND_FILE {
        let written = files::close(slot(port));
        set_flags(port, flags(port) & !which);
        if let Err(errno) = written {
            write_error(port, errno)
        }
    }
    set_flags(port, flags(port) & !which);
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_close_port(v: Value) -> Value {
    close(port_only("close-port", v), OPEN_IN | OPEN_OUT)
}

#[no_mangle]
pub extern "C" fn closc_prim_close_input_port(v: Value) -> Value {
    if !is_port(v) || flags(v) & INPUT == 0 {
        fatal(&format!(
            "close-input-port: not an input port: {}",
            written(v)
        ));
    }
    close(v, OPEN_IN)
}

#[no_mangle]
pub extern "C" fn closc_prim_close_output_port(v: Value) -> Value {
    if !is_port(v) || flags(v) & OUTPUT == 0 {
        fatal(&format!(
            "close-output-port: not an output port: {}",
            written(v)
        ));
    }
    close(v, OPEN_OUT)
}

#[no_mangle]
pub extern "C" fn closc_prim_eof_object() -> Value {
    EOF
}

#[no_mangle]
pub extern "C" fn closc_prim_eof_object_p(v: Value) -> Value {
    boolean(v == EOF)
}

// ---------------------------------------------------------------------------
// Input.

/// Standard input.
static STDIN: Global<files::FdIn> = Global::new(files::FdIn::new(0));

/// Runs `f` on the buffered descriptor of standard input or input file
/// port `port`.
fn with_fd_in<R>(port: Value, f: impl FnOnce(&mut files::FdIn) -> R) -> R {
    if kind(port) == KIND_STDIN {
        let r = STDIN.with(f);
        output::raise_deferred_error();
        return r;
    }
    files::with(slot(port), |file| match file {
        OpenFile::In(i) => f(i),
        OpenFile::Out(_) => crate::error::internal("an input port's file is an output"),
    })
}

/// Reads from a textual input port, one character at a time.
struct PortReader(Value);

impl CharSource for PortReader {
    fn fold_case(&mut self) -> bool {
        flags(self.0) & FOLD_CASE != 0
    }

    fn set_fold_case(&mut self, fold: bool) {
        let f = flags(self.0);
        set_flags(self.0, if fold { f | FOLD_CASE } else { f & !FOLD_CASE });
    }

    fn peek(&mut self) -> Option<u32> {
        let port = self.0;
        match kind(port) {
            KIND_STDIN | KIND_FILE => with_fd_in(port, |i| i.peek_char()),
            _ => {
                let pos = fixnum_value(field(port, 3)) as usize;
                let chars = string_view(field(port, 2));
                (pos < chars.len()).then(|| chars.get(pos))
            }
        }
    }

    fn next(&mut self) -> Option<u32> {
        let port = self.0;
        match kind(port) {
            KIND_STDIN | KIND_FILE => with_fd_in(port, |i| i.next_char()),
            _ => {
                let pos = fixnum_value(field(port, 3)) as usize;
                let chars = string_view(field(port, 2));
                let c = (pos < chars.len()).then(|| chars.get(pos));
                if c.is_some() {
                    set_field(port, 3, fixnum(pos as i64 + 1));
                }
                c
            }
        }
    }
}

fn input(
    proc: &str,
    argc: u64,
    argv: *const Value,
    min: u64,
    port_index: usize,
) -> (&'static [Value], PortReader) {
    let args = args(proc, argc, argv, Between(min as u8, min as u8 + 1));
    let port = port_arg(proc, args, port_index, INPUT);
    (args, PortReader(port))
}

fn char_or_eof(c: Option<u32>) -> Value {
    match c {
        Some(c) => ((c as u64) << 8) | CHAR_TAG,
        None => EOF,
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_read_char(argc: u64, argv: *const Value) -> Value {
    let (_, mut r) = input("read-char", argc, argv, 0, 0);
    char_or_eof(r.next())
}

#[no_mangle]
pub extern "C" fn closc_prim_peek_char(argc: u64, argv: *const Value) -> Value {
    let (_, mut r) = input("peek-char", argc, argv, 0, 0);
    char_or_eof(r.peek())
}

#[no_mangle]
pub extern "C" fn closc_prim_read_line(argc: u64, argv: *const Value) -> Value {
    let (_, mut r) = input("read-line", argc, argv, 0, 0);
    let mut line = Vec::new();
    loop {
        match r.next() {
            None if line.is_empty() => return EOF,
            None => break,
            Some(0x0A) => break,
            Some(c) => line.push(c),
        }
    }
    make_string_from_chars(&line)
}

#[no_mangle]
pub extern "C" fn closc_prim_read_string(argc: u64, argv: *const Value) -> Value {
    let (args, mut r) = input("read-string", argc, argv, 1, 1);
    let k = args[0];
    if !is_fixnum(k) || fixnum_value(k) < 0 {
        type_error("read-string", "exact nonnegative integer", k);
    }
    let k = fixnum_value(k) as usize;
    let mut out = Vec::new();
    while out.len() < k {
        match r.next() {
            Some(c) => out.push(c),
            None => break,
        }
    }
    if out.is_empty() && k > 0 {
        return EOF;
    }
    make_string_from_chars(&out)
}

/// Whether a character (or the end of the input) can be read without
/// blocking.
#[no_mangle]
pub extern "C" fn closc_prim_char_ready_p(argc: u64, argv: *const Value) -> Value {
    let (_, r) = input("char-ready?", argc, argv, 0, 0);
    match kind(r.0) {
        KIND_STDIN | KIND_FILE => boolean(with_fd_in(r.0, |i| i.ready())),
        _ => TRUE,
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_read(argc: u64, argv: *const Value) -> Value {
    let (_, mut r) = input("read", argc, argv, 0, 0);
    match read_datum(&mut r) {
        Ok(Some(v)) => v,
        Ok(None) => EOF,
        Err(msg) => raise_kind(COND_READ, &format!("read: {msg}"), &[]),
    }
}

/// The binary input port argument at `args[i]`.
fn binary_input(proc: &str, args: &[Value], i: usize) -> Value {
    checked_port(proc, args, i, INPUT, Type::Binary)
}

/// The next byte of binary input port `port`; `consume` moves past it.
fn next_u8(port: Value, consume: bool) -> Option<u8> {
    if kind(port) == KIND_BYTES {
        let pos = fixnum_value(field(port, 3)) as usize;
        let b = bytes_of(field(port, 2)).get(pos).copied();
        if consume && b.is_some() {
            set_field(port, 3, fixnum(pos as i64 + 1));
        }
        return b;
    }
    with_fd_in(port, |i| {
        if consume {
            i.next_byte()
        } else {
            i.peek_byte()
        }
    })
}

/// Up to `n` bytes of binary input port `port` (fewer only at its end).
fn read_u8s(port: Value, n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    if kind(port) == KIND_BYTES {
        let pos = fixnum_value(field(port, 3)) as usize;
        let all = bytes_of(field(port, 2));
        let end = all.len().min(pos + n);
        out.extend_from_slice(&all[pos..end]);
        set_field(port, 3, fixnum(end as i64));
    } else {
        with_fd_in(port, |i| i.read_bytes(n, &mut out));
    }
    out
}

fn byte_or_eof(b: Option<u8>) -> Value {
    b.map_or(EOF, |b| fixnum(b as i64))
}

#[no_mangle]
pub extern "C" fn closc_prim_read_u8(argc: u64, argv: *const Value) -> Value {
    let args = args("read-u8", argc, argv, Between(0, 1));
    byte_or_eof(next_u8(binary_input("read-u8", args, 0), true))
}

#[no_mangle]
pub extern "C" fn closc_prim_peek_u8(argc: u64, argv: *const Value) -> Value {
    let args = args("peek-u8", argc, argv, Between(0, 1));
    byte_or_eof(next_u8(binary_input("peek-u8", args, 0), false))
}

/// Whether a byte (or the end of the input) can be read without blocking.
#[no_mangle]
pub extern "C" fn closc_prim_u8_ready_p(argc: u64, argv: *const Value) -> Value {
    let args = args("u8-ready?", argc, argv, Between(0, 1));
    let port = binary_input("u8-ready?", args, 0);
    match kind(port) {
        KIND_BYTES => TRUE,
        _ => boolean(with_fd_in(port, |i| i.ready())),
    }
}

/// `(read-bytevector k [port])`: up to `k` bytes as a new bytevector, or
/// the end-of-file object when none is left (`k` > 0).
#[no_mangle]
pub extern "C" fn closc_prim_read_bytevector(argc: u64, argv: *const Value) -> Value {
    let proc = "read-bytevector";
    let args = args(proc, argc, argv, Between(1, 2));
    let k = length_arg(proc, args[0]);
    let port = binary_input(proc, args, 1);
    let bytes = read_u8s(port, k);
    if bytes.is_empty() && k > 0 {
        return EOF;
    }
    bytevector_from(&bytes)
}

/// `(read-bytevector! bv [port [start [end]]])`: reads up to `end - start`
/// bytes into `bv` from `start`; the number read, or the end-of-file object
/// when none is left (and the range is not empty).
#[no_mangle]
pub extern "C" fn closc_prim_read_bytevector_x(argc: u64, argv: *const Value) -> Value {
    let proc = "read-bytevector!";
    let args = args(proc, argc, argv, Between(1, 4));
    let bv = args[0];
    if !is_bytevector(bv) || is_immutable(bv) {
        type_error(proc, "mutable bytevector", bv);
    }
    let port = binary_input(proc, args, 1);
    let (start, end) = range_args(proc, args, 2, bytevector_len(bv));
    let bytes = read_u8s(port, end - start);
    if bytes.is_empty() && end > start {
        return EOF;
    }
    // SAFETY: `start + bytes.len() <= end <= len`.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), bytevector_bytes(bv).add(start), bytes.len())
    };
    fixnum(bytes.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;
    use crate::memory::heap::make_string_from;

    fn call(f: extern "C" fn(u64, *const Value) -> Value, args: &[Value]) -> Value {
        f(args.len() as u64, args.as_ptr())
    }

    #[test]
    fn string_ports() {
        let _g = test_lock();
        let out = closc_prim_open_output_string();
        for i in 0..100 {
            call(closc_prim_write, &[fixnum(i), out]);
            call(closc_prim_write_char, &[char_value('λ'), out]);
        }
        let s = crate::memory::heap::string_to_rust(closc_prim_get_output_string(out));
        assert!(s.starts_with("0λ1λ2λ") && s.ends_with("99λ"));
        let inp = closc_prim_open_input_string(make_string_from("ab\ncd"));
        assert_eq!(call(closc_prim_peek_char, &[inp]), char_value('a'));
        let line = call(closc_prim_read_line, &[inp]);
        assert_eq!(crate::memory::heap::string_to_rust(line), "ab");
        let rest = call(closc_prim_read_string, &[fixnum(10), inp]);
        assert_eq!(crate::memory::heap::string_to_rust(rest), "cd");
        assert_eq!(call(closc_prim_read_char, &[inp]), EOF);
        assert_eq!(call(closc_prim_read_line, &[inp]), EOF);
        assert_eq!(port_description(inp), "#<input port string>");
        assert_eq!(closc_prim_input_port_open_p(inp), TRUE);
        closc_prim_close_port(inp);
        assert_eq!(closc_prim_input_port_open_p(inp), FALSE);
        assert_eq!(port_description(std_port(1)), "#<output port stdout>");
    }
}
