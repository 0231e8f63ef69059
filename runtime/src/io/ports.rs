//! Ports and the R7RS textual input/output procedures.
//!
//! A port is a heap object (`HDR_PORT`) of 3 payload words, all Scheme values:
//!
//! | word | meaning |
//! |------|---------|
//! | 1    | flags (fixnum): `INPUT`, `OUTPUT`, `OPEN_IN`, `OPEN_OUT`, and the kind (`KIND_*`) from bit 4 |
//! | 2    | string ports: the string buffer (see below); `#f` for the standard ports |
//! | 3    | string ports: input position, or the number of characters written |
//!
//! An input string port reads a private copy of its string. An output string
//! port appends to a string used as a growable buffer (its length is the
//! capacity; a full buffer is replaced by one twice as long, with the write
//! barrier, since the port may be older than the new buffer).
//!
//! The three standard ports are immortal objects outside the heap (like
//! symbols), made once; their state lives here in Rust: standard output is
//! the buffered `output` module (flushed at exit, before errors, before
//! reading standard input and by `flush-output-port`); standard error is
//! unbuffered, and standard output is flushed before each write to it, so the
//! two interleave in program order; standard input is read in blocks and
//! decoded as UTF-8 (invalid bytes become U+FFFD).
//!
//! Errors name the procedure: `read-char: not an input port: 5`,
//! `read-char: port is closed: #<input port string>`.

use crate::args::{args, Arity::*};
use crate::error::{fatal, type_error, written};
use crate::io::output;
use crate::io::printer::{self, Style};
use crate::io::read::{read_datum, CharSource};
use crate::memory::global::Global;
use crate::memory::heap::{
    alloc, alloc_string, make_string_from_chars, string_chars, string_slice,
};
use crate::memory::value::*;

const INPUT: i64 = 1;
const OUTPUT: i64 = 2;
const OPEN_IN: i64 = 4;
const OPEN_OUT: i64 = 8;
const KIND_SHIFT: u32 = 4;
const KIND_STRING: i64 = 0;
const KIND_STDIN: i64 = 1;
const KIND_STDOUT: i64 = 2;
const KIND_STDERR: i64 = 3;

fn flags(port: Value) -> i64 {
    fixnum_value(field(port, 1))
}

fn set_flags(port: Value, f: i64) {
    set_field(port, 1, fixnum(f));
}

fn kind(port: Value) -> i64 {
    flags(port) >> KIND_SHIFT
}

pub fn is_port(v: Value) -> bool {
    object_kind(v) == HDR_PORT
}

fn make_port(flags: i64, buffer: Value, pos: usize) -> Value {
    let p = alloc(4);
    // SAFETY: a fresh 4-word object.
    unsafe {
        *p = header(HDR_PORT, 3);
        *p.add(1) = fixnum(flags);
        *p.add(2) = buffer;
        *p.add(3) = fixnum(pos as i64);
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

/// How a port prints: `#<input port string>`, `#<output port stdout>`, ...
pub fn port_description(port: Value) -> String {
    let dir = match flags(port) & (INPUT | OUTPUT) {
        INPUT => "input",
        OUTPUT => "output",
        _ => "input/output",
    };
    let name = match kind(port) {
        KIND_STDIN => "stdin",
        KIND_STDOUT => "stdout",
        KIND_STDERR => "stderr",
        _ => "string",
    };
    format!("#<{dir} port {name}>")
}

/// The port argument at `args[i]` (or the default), checked to be an open
/// port of the direction `dir` (`INPUT` or `OUTPUT`).
fn port_arg(proc: &str, args: &[Value], i: usize, dir: i64) -> Value {
    let port = match args.get(i) {
        Some(&p) => p,
        None => std_port(if dir == INPUT { 0 } else { 1 }),
    };
    if !is_port(port) || flags(port) & dir == 0 {
        let what = if dir == INPUT {
            "an input"
        } else {
            "an output"
        };
        fatal(&format!("{proc}: not {what} port: {}", written(port)));
    }
    let open = if dir == INPUT { OPEN_IN } else { OPEN_OUT };
    if flags(port) & open == 0 {
        fatal(&format!("{proc}: port is closed: {}", written(port)));
    }
    port
}

// ---------------------------------------------------------------------------
// Output.

/// Sends what `f` writes (UTF-8) to output port `port`.
fn emit(port: Value, f: impl FnOnce(&mut Vec<u8>)) {
    match kind(port) {
        KIND_STDOUT => output::with_buffer(f),
        KIND_STDERR => {
            let mut bytes = Vec::new();
            f(&mut bytes);
            output::flush();
            crate::error::write_fd(2, &bytes);
        }
        _ => {
            let mut bytes = Vec::new();
            f(&mut bytes);
            let text = String::from_utf8_lossy(&bytes);
            let chars: Vec<u32> = text.chars().map(|c| c as u32).collect();
            string_port_append(port, &chars);
        }
    }
}

/// Appends `chars` to output string port `port`, growing its buffer.
fn string_port_append(port: Value, chars: &[u32]) {
    let mut buf = field(port, 2);
    let fill = fixnum_value(field(port, 3)) as usize;
    let need = fill + chars.len();
    if need > string_len(buf) {
        let bigger = alloc_string(need.max(2 * string_len(buf)).max(32));
        // SAFETY: both strings have room for `fill` characters.
        unsafe { std::ptr::copy_nonoverlapping(string_chars(buf), string_chars(bigger), fill) };
        set_field(port, 2, bigger);
        crate::memory::gc::write_barrier(port, 2, bigger);
        buf = bigger;
    }
    // SAFETY: the buffer has room for `need` characters.
    unsafe {
        std::ptr::copy_nonoverlapping(chars.as_ptr(), string_chars(buf).add(fill), chars.len())
    };
    set_field(port, 3, fixnum(need as i64));
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
    let chars = &string_slice(args[0])[start..end];
    if kind(port) == KIND_STRING {
        string_port_append(port, chars);
    } else {
        emit(port, |buf| {
            chars.iter().for_each(|&c| printer::push_char(buf, c))
        });
    }
    VOID
}

#[no_mangle]
pub extern "C" fn closc_prim_flush_output_port(argc: u64, argv: *const Value) -> Value {
    let args = args("flush-output-port", argc, argv, Between(0, 1));
    let port = port_arg("flush-output-port", args, 0, OUTPUT);
    if kind(port) == KIND_STDOUT {
        output::flush();
    }
    VOID
}

// ---------------------------------------------------------------------------
// Port objects.

#[no_mangle]
pub extern "C" fn closc_prim_current_input_port() -> Value {
    std_port(0)
}

#[no_mangle]
pub extern "C" fn closc_prim_current_output_port() -> Value {
    std_port(1)
}

#[no_mangle]
pub extern "C" fn closc_prim_current_error_port() -> Value {
    std_port(2)
}

#[no_mangle]
pub extern "C" fn closc_prim_open_input_string(s: Value) -> Value {
    if !is_string(s) {
        type_error("open-input-string", "string", s);
    }
    // A private copy: later changes to `s` do not affect what the port reads.
    let copy = make_string_from_chars(string_slice(s));
    make_port(INPUT | OPEN_IN | (KIND_STRING << KIND_SHIFT), copy, 0)
}

#[no_mangle]
pub extern "C" fn closc_prim_open_output_string() -> Value {
    let buf = alloc_string(32);
    make_port(OUTPUT | OPEN_OUT | (KIND_STRING << KIND_SHIFT), buf, 0)
}

#[no_mangle]
pub extern "C" fn closc_prim_get_output_string(port: Value) -> Value {
    if !is_port(port) || flags(port) & OUTPUT == 0 || kind(port) != KIND_STRING {
        type_error("get-output-string", "string output port", port);
    }
    let fill = fixnum_value(field(port, 3)) as usize;
    make_string_from_chars(&string_slice(field(port, 2))[..fill])
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

/// Every closc port is textual.
#[no_mangle]
pub extern "C" fn closc_prim_textual_port_p(v: Value) -> Value {
    boolean(is_port(v))
}

#[no_mangle]
pub extern "C" fn closc_prim_binary_port_p(_v: Value) -> Value {
    FALSE
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
/// what is buffered first. Closing a closed port does nothing.
fn close(port: Value, which: i64) -> Value {
    if which & OPEN_OUT != 0 && flags(port) & OPEN_OUT != 0 && kind(port) == KIND_STDOUT {
        output::flush();
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

/// Standard input's decoded, not yet consumed characters.
struct Stdin {
    chars: Vec<u32>,
    pos: usize,
    /// Bytes of an incomplete UTF-8 sequence at the end of the last block.
    pending: Vec<u8>,
    eof: bool,
}

static STDIN: Global<Stdin> = Global::new(Stdin {
    chars: Vec::new(),
    pos: 0,
    pending: Vec::new(),
    eof: false,
});

/// Makes at least one character available unless standard input is at its
/// end (blocking); returns whether one is.
fn stdin_fill(s: &mut Stdin) -> bool {
    while s.pos == s.chars.len() {
        if s.eof {
            return false;
        }
        s.chars.clear();
        s.pos = 0;
        // A prompt written before reading must be visible.
        output::flush();
        let mut block = [0u8; 65536];
        // SAFETY: `block` is a writable buffer of `block.len()` bytes.
        let n = unsafe { libc::read(0, block.as_mut_ptr() as *mut libc::c_void, block.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            s.eof = true;
        } else if n == 0 {
            s.eof = true;
        } else {
            s.pending.extend_from_slice(&block[..n as usize]);
        }
        decode_pending(s);
    }
    true
}

/// Moves the complete UTF-8 sequences of `s.pending` into `s.chars` (all of
/// it at end of input).
fn decode_pending(s: &mut Stdin) {
    let mut bytes = &s.pending[..];
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                s.chars.extend(text.chars().map(|c| c as u32));
                bytes = &[];
                break;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // SAFETY: `from_utf8` vouched for this prefix.
                let text = unsafe { std::str::from_utf8_unchecked(good) };
                s.chars.extend(text.chars().map(|c| c as u32));
                match e.error_len() {
                    Some(bad) => {
                        s.chars.push(0xFFFD);
                        bytes = &rest[bad..];
                    }
                    None if s.eof => {
                        s.chars.push(0xFFFD);
                        bytes = &[];
                        break;
                    }
                    None => {
                        bytes = rest;
                        break;
                    }
                }
            }
        }
    }
    s.pending = bytes.to_vec();
}

/// Reads from an input port, one character at a time.
struct PortReader(Value);

impl CharSource for PortReader {
    fn peek(&mut self) -> Option<u32> {
        let port = self.0;
        if kind(port) == KIND_STDIN {
            return STDIN.with(|s| stdin_fill(s).then(|| s.chars[s.pos]));
        }
        let pos = fixnum_value(field(port, 3)) as usize;
        string_slice(field(port, 2)).get(pos).copied()
    }

    fn next(&mut self) -> Option<u32> {
        let port = self.0;
        if kind(port) == KIND_STDIN {
            return STDIN.with(|s| {
                stdin_fill(s).then(|| {
                    s.pos += 1;
                    s.chars[s.pos - 1]
                })
            });
        }
        let pos = fixnum_value(field(port, 3)) as usize;
        let c = string_slice(field(port, 2)).get(pos).copied();
        if c.is_some() {
            set_field(port, 3, fixnum(pos as i64 + 1));
        }
        c
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
    if kind(r.0) != KIND_STDIN {
        return TRUE;
    }
    STDIN.with(|s| {
        if s.pos < s.chars.len() || s.eof {
            return TRUE;
        }
        let mut fd = libc::pollfd {
            fd: 0,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, no waiting.
        let n = unsafe { libc::poll(&mut fd, 1, 0) };
        boolean(n > 0)
    })
}

#[no_mangle]
pub extern "C" fn closc_prim_read(argc: u64, argv: *const Value) -> Value {
    let (_, mut r) = input("read", argc, argv, 0, 0);
    match read_datum(&mut r) {
        Ok(Some(v)) => v,
        Ok(None) => EOF,
        Err(msg) => fatal(&format!("read: {msg}")),
    }
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

    #[test]
    fn utf8_decoding_across_blocks() {
        let mut s = Stdin {
            chars: Vec::new(),
            pos: 0,
            pending: "aλ".as_bytes()[..2].to_vec(),
            eof: false,
        };
        decode_pending(&mut s);
        assert_eq!(s.chars, ['a' as u32]);
        s.pending.push("λ".as_bytes()[1]);
        s.pending.push(0xFF);
        decode_pending(&mut s);
        assert_eq!(s.chars, ['a' as u32, 'λ' as u32, 0xFFFD]);
        assert!(s.pending.is_empty());
    }
}
