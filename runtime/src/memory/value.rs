//! The tagged value representation shared by compiled code and the runtime.
//!
//! Every Scheme value is one 64-bit word:
//!
//! | low bits | meaning                                                         |
//! |----------|-----------------------------------------------------------------|
//! | `...0`   | fixnum `n`, stored as `n << 1` (63-bit two's complement)        |
//! | `001`    | pointer to a pair (address + 1)                                 |
//! | `011`    | pointer to a closure (address + 3)                              |
//! | `101`    | pointer to any other heap object (address + 5)                  |
//! | `111`    | immediate: `#f #t () #<void> #<eof> #<unbound>`, characters      |
//!
//! A pair is two words, `[car, cdr]`, and nothing else: its pointer tag says
//! what it is, so it carries no header (16 bytes rather than 24). Every
//! other heap object starts with a header word: bits 0..7 are the object type
//! (bit 7 is the collector's remembered-set mark),
//! bits 8..32 the payload size in words (bits 8..64 for vectors; bits 8..63
//! for bytevectors, whose bit 63 is `IMMUTABLE_BIT`; bits 8..61 for strings,
//! whose bits 61..63 are flags: `STRING_FLAG_BITS`), and
//! for closures bits 32..64 hold the lambda id (used for names in messages).
//! Pointer tags are added to 8-byte-aligned addresses, so the low three bits of
//! an address are free. Compiled code depends on every constant in this module;
//! codegen imports them from here, so there is one definition.

/// A Scheme value: one tagged machine word.
pub type Value = u64;

pub const TAG_MASK: u64 = 7;
pub const TAG_PAIR: u64 = 1;
pub const TAG_CLOSURE: u64 = 3;
pub const TAG_OBJECT: u64 = 5;
pub const TAG_IMMEDIATE: u64 = 7;

pub const FALSE: Value = 0x07;
pub const TRUE: Value = 0x0F;
pub const NIL: Value = 0x17;
pub const VOID: Value = 0x1F;
pub const EOF: Value = 0x27;
/// Marks a global or `letrec` variable that has not been given a value yet.
pub const UNBOUND: Value = 0x2F;
/// Low byte of a character: the code point is in bits 8..32.
pub const CHAR_TAG: u64 = 0x3F;
/// Reserved: no Scheme value is ever this immediate (nothing makes it). The
/// collector writes it into the car of a pair it has copied (only during a
/// collection; the cdr then holds the copy's tagged pointer), so a pair,
/// which has no header to say "forwarded", can say it in its first word.
pub const PAIR_FORWARDED: Value = 0x37;

// Headers: bits 0..7 are the kind (`HDR_*`, under `HEADER_KIND_MASK`), the
// payload size in words starts at bit `HEADER_SIZE_SHIFT`.

/// The kind bits of a header (compiled code masks headers with it too).
pub const HEADER_KIND_MASK: u64 = 0x7F;
/// Where a header's size field starts.
pub const HEADER_SIZE_SHIFT: u32 = 8;
/// The size field (after the shift) of kinds whose size is 24 bits (a
/// closure's lambda id is above it).
pub const HEADER_SMALL_SIZE_MASK: u64 = 0xFF_FFFF;
/// Where a closure or env header's lambda id starts.
pub const HEADER_LAMBDA_ID_SHIFT: u32 = 32;
/// Header kind of an object the collector has copied (only during a
/// collection); the new address is where the size would be.
pub const HDR_FORWARDED: u64 = HEADER_KIND_MASK;
/// The low byte of an immediate, which holds `CHAR_TAG` for characters; the
/// code point is above it.
pub const CHAR_TAG_MASK: u64 = 0xFF;
/// Where a character's code point starts.
pub const CHAR_CODE_SHIFT: u32 = 8;

// Header type codes.
/// The kind code of a pair where a kind is wanted (hashing, statistics):
/// no header carries it, a pair has none.
pub const HDR_PAIR: u64 = 1;
pub const HDR_CLOSURE: u64 = 2;
pub const HDR_BOX: u64 = 3;
pub const HDR_VECTOR: u64 = 4;
pub const HDR_STRING: u64 = 5;
pub const HDR_SYMBOL: u64 = 6;
/// Numbers other than fixnums (layouts in `numbers/mod.rs`).
pub const HDR_FLONUM: u64 = 7;
pub const HDR_BIGNUM: u64 = 8;
pub const HDR_RATNUM: u64 = 9;
pub const HDR_BYTEVECTOR: u64 = 10;

/// Header flag of an immutable string or bytevector (a literal): the mutators
/// (`string-set!`, `bytevector-u8-set!`, ...) refuse such objects. The size
/// field of these kinds is bits 8..63 below this flag.
pub const IMMUTABLE_BIT: u64 = 1 << 63;
/// Kinds 11..14 (layouts in `records.rs` and `ports.rs`): every payload word
/// of these objects is a Scheme value.
pub const HDR_RECORD: u64 = 11;
pub const HDR_VALUES: u64 = 12;
pub const HDR_PORT: u64 = 13;
pub const HDR_RECORD_TYPE: u64 = 14;
/// A stack segment (`control::continuations`): a range of Scheme frames, kept
/// either in place on the stack (resident) or as a copy of its bytes after
/// the fixed fields (saved); a captured continuation is a saved segment with
/// the registers of its capture point. Its size field is bits 8.. (as for
/// vectors).
pub const HDR_CONTINUATION: u64 = 15;
/// Payload word indices of a stack segment (`control::continuations` writes
/// them, the collector reads them). Every kind has, as raw words: the stack
/// addresses `lo..hi` the segment's frames occupy; the first (caller frame
/// pointer, return address) pair of its walk (`memory::frames::segment`);
/// the slot of its topmost frame's return address; the segment's kind
/// (`SEG_*`); and as a Scheme value the next (outer) segment. Then by kind:
/// a resident segment has the segments that replaced it once its place on
/// the stack was reused (`#f` until then) and the next resident segment up
/// the stack (Scheme values); a saved one has its bytes; a captured one has
/// the stack base of the thread it belongs to, the resume pc and the
/// callee-saved registers rbp, rbx, r12, r13, r14, r15 (raw words), then its
/// bytes. Only what a kind uses is allocated: segments are made on every
/// capture and on many returns.
pub const SEG_LO: usize = 1;
pub const SEG_HI: usize = 2;
pub const SEG_ENTRY_FP: usize = 3;
pub const SEG_ENTRY_RA: usize = 4;
pub const SEG_TOP_RA_SLOT: usize = 5;
pub const SEG_KIND: usize = 6;
pub const SEG_NEXT: usize = 7;
/// Resident segments only.
pub const SEG_FORWARD: usize = 8;
pub const SEG_LINK: usize = 9;
pub const SEG_RESIDENT_WORDS: usize = 10;
/// Captured segments only.
pub const SEG_BASE: usize = 8;
pub const SEG_PC: usize = 9;
pub const SEG_REGS: usize = 10;

/// Word index of the first byte of a saved or captured segment's frames:
/// after the fields every kind has, and for a captured one after its six
/// registers.
#[inline]
pub fn seg_bytes_index(kind: u64) -> usize {
    if kind == SEG_CAPTURED {
        SEG_REGS + 6
    } else {
        SEG_NEXT + 1
    }
}
/// `SEG_KIND` values: frames in place on the stack; a copy of the frames; a
/// copy whose first frames are a capture point's (a continuation).
pub const SEG_RESIDENT: u64 = 0;
pub const SEG_SAVED: u64 = 2;
pub const SEG_CAPTURED: u64 = 4;
/// An error object / condition (`exceptions.rs`): `[kind fixnum, message,
/// irritants]`, every payload word a Scheme value.
pub const HDR_CONDITION: u64 = 16;
/// The closure record of a well-known lambda (every call to it is direct, so
/// nothing reads a code pointer or arity): the header, then the free
/// variables. Tagged `TAG_CLOSURE`; it never reaches Scheme code as a value.
pub const HDR_ENV: u64 = 17;
/// A complex number (layout in `numbers/mod.rs`): real and imaginary parts,
/// both Scheme values.
pub const HDR_COMPNUM: u64 = 18;
/// A hash table (layout in `builtins/hashtables/mod.rs`): every payload word
/// is a Scheme value (its entries live in a vector it points to).
pub const HDR_HASHTABLE: u64 = 19;
/// A C pointer or foreign buffer (`builtins/ffi`): three raw payload words
/// (address, size, state), which the collector copies without scanning.
pub const HDR_POINTER: u64 = 20;
/// Payload word indices of a pointer object, and its states: an opaque C
/// pointer, a live foreign buffer, a freed one.
pub const POINTER_ADDRESS: usize = 1;
pub const POINTER_SIZE: usize = 2;
pub const POINTER_STATE: usize = 3;
pub const STATE_POINTER: u64 = 0;
pub const STATE_BUFFER: u64 = 1;
pub const STATE_FREED: u64 = 2;
/// A character set (layout in `builtins/char_sets/mod.rs`): two payload
/// words, Scheme values: the bytevector of its ranges and its size (a fixnum).
pub const HDR_CHARSET: u64 = 21;

/// Byte offsets of fields relative to a *tagged* pointer (so that a single load
/// with an immediate offset reads a field).
pub const PAIR_CAR: i32 = -(TAG_PAIR as i32);
pub const PAIR_CDR: i32 = 8 - TAG_PAIR as i32;
/// Size of a pair: its two fields, no header.
pub const PAIR_BYTES: usize = 16;
/// Word indices of a pair's fields from its address (`field`, `set_field`,
/// `write_barrier`).
pub const PAIR_CAR_WORD: usize = 0;
pub const PAIR_CDR_WORD: usize = 1;

/// Old-generation chunks are this big and aligned to their size
/// (`memory::gc::chunks`). Pairs promoted into the old generation live in
/// *pair chunks* of their own, which start with `PAIR_CHUNK_BITMAP` bytes of
/// remembered bits, one per 16-byte pair slot of the chunk (bit `i % 8` of
/// byte `i / 8` for the pair at `chunk + 16 * i`); compiled code's write
/// barrier sets a pair's bit where an object would set `REMEMBERED_BIT` in
/// its header.
pub const CHUNK_SHIFT: u32 = 22;
pub const CHUNK_BYTES: usize = 1 << CHUNK_SHIFT;
pub const PAIR_CHUNK_BITMAP: usize = CHUNK_BYTES / PAIR_BYTES / 8;
/// The header of a closure or env record, from its tagged pointer.
pub const CLOSURE_HEADER: i32 = -(TAG_CLOSURE as i32);
pub const CLOSURE_CODE: i32 = 8 - TAG_CLOSURE as i32;
/// Arity word: `k >= 0` for exactly `k` arguments, `-(k+1)` for `k` or more,
/// or `CASE_LAMBDA_ARITY`.
pub const CLOSURE_ARITY: i32 = 16 - TAG_CLOSURE as i32;
/// The arity word of a `case-lambda` procedure: a closure-shaped object whose
/// free variables are its clauses (closures, in order), whose code word is 0
/// and whose header names its first clause's lambda. No argument count
/// equals this word, so every call of it takes the slow path of an unknown
/// call (`closc_slowcall_N`, `closc_apply`), which enters the first clause
/// accepting the count: the code word is never jumped to.
pub const CASE_LAMBDA_ARITY: i64 = i64::MIN;
pub const CLOSURE_FREE0: i32 = 24 - TAG_CLOSURE as i32;
/// First free variable of an `HDR_ENV` record.
pub const ENV_FREE0: i32 = 8 - TAG_CLOSURE as i32;
pub const OBJECT_HEADER: i32 = -(TAG_OBJECT as i32);
pub const BOX_VALUE: i32 = 8 - TAG_OBJECT as i32;
pub const VECTOR_ELEM0: i32 = 8 - TAG_OBJECT as i32;
/// Byte offsets of a record's type and its first field.
pub const RECORD_TYPE: i32 = 8 - TAG_OBJECT as i32;
pub const RECORD_FIELD0: i32 = 16 - TAG_OBJECT as i32;
/// Byte offset of a flonum's IEEE-754 bits.
pub const FLONUM_BITS: i32 = 8 - TAG_OBJECT as i32;

pub const fn header(kind: u64, size_words: u64) -> u64 {
    kind | (size_words << HEADER_SIZE_SHIFT)
}

pub const fn closure_header(nfree: u64, lambda_id: u64) -> u64 {
    HDR_CLOSURE | ((nfree + 2) << HEADER_SIZE_SHIFT) | (lambda_id << HEADER_LAMBDA_ID_SHIFT)
}

/// The header of a closure record without code pointer and arity (`HDR_ENV`).
pub const fn env_header(nfree: u64, lambda_id: u64) -> u64 {
    HDR_ENV | (nfree << HEADER_SIZE_SHIFT) | (lambda_id << HEADER_LAMBDA_ID_SHIFT)
}

#[inline]
pub fn fixnum(n: i64) -> Value {
    (n << 1) as u64
}
#[inline]
pub fn is_fixnum(v: Value) -> bool {
    v & 1 == 0
}
#[inline]
pub fn fixnum_value(v: Value) -> i64 {
    (v as i64) >> 1
}
pub const FIXNUM_MIN: i64 = -(1 << 62);
pub const FIXNUM_MAX: i64 = (1 << 62) - 1;

#[inline]
pub fn fits_fixnum(n: i128) -> bool {
    n >= FIXNUM_MIN as i128 && n <= FIXNUM_MAX as i128
}

#[inline]
pub fn boolean(b: bool) -> Value {
    if b {
        TRUE
    } else {
        FALSE
    }
}
#[inline]
pub fn is_true(v: Value) -> bool {
    v != FALSE
}

#[inline]
pub fn char_value(c: char) -> Value {
    ((c as u64) << CHAR_CODE_SHIFT) | CHAR_TAG
}
#[inline]
pub fn is_char(v: Value) -> bool {
    v & CHAR_TAG_MASK == CHAR_TAG
}
#[inline]
pub fn char_of(v: Value) -> char {
    char::from_u32((v >> CHAR_CODE_SHIFT) as u32).unwrap_or('\u{FFFD}')
}

#[inline]
pub fn tag(v: Value) -> u64 {
    v & TAG_MASK
}
#[inline]
pub fn is_pair(v: Value) -> bool {
    tag(v) == TAG_PAIR
}
#[inline]
pub fn is_closure(v: Value) -> bool {
    tag(v) == TAG_CLOSURE
}

/// Address of the header word of a heap value.
#[inline]
pub fn untag(v: Value) -> *mut u64 {
    (v & !TAG_MASK) as *mut u64
}

/// Reads word `i` of a heap value (0 = the header of a headed object, the
/// car of a pair).
#[inline]
pub fn field(v: Value, i: usize) -> u64 {
    // SAFETY: callers pass heap values whose object has at least `i + 1` words.
    unsafe { *untag(v).add(i) }
}
#[inline]
pub fn set_field(v: Value, i: usize, x: u64) {
    // SAFETY: as for `field`.
    unsafe { *untag(v).add(i) = x }
}

#[inline]
pub fn header_kind(h: u64) -> u64 {
    h & HEADER_KIND_MASK
}

/// Room (bytes) the nursery is guaranteed to have when a runtime call returns
/// to compiled code: the trampoline collects otherwise, so code after the call
/// may allocate this much without checking the limit.
pub const RUNTIME_CALL_ROOM: u64 = 2048;

/// Header bit set while an object is in the collector's remembered set.
pub const REMEMBERED_BIT: u64 = 0x80;
/// Store-buffer entries: a headed object's address; a slot's address | 1
/// (a big vector's slot); an old pair's address | this.
pub const SSB_PAIR_ENTRY: u64 = 2;

/// Byte offsets of the fields of `closc_heap_state` (see `gc.rs`), which
/// compiled code reads and writes.
pub const HEAP_ALLOC_PTR: i32 = 0;
pub const HEAP_ALLOC_LIMIT: i32 = 8;
pub const HEAP_NURSERY_START: i32 = 16;
pub const HEAP_NURSERY_SIZE: i32 = 24;
pub const HEAP_LAST_FP: i32 = 32;
pub const HEAP_GC_REQUESTED: i32 = 40;
pub const HEAP_REENTER_CODE: i32 = 48;
pub const HEAP_REENTER_BYTES: i32 = 56;
pub const HEAP_SSB_PTR: i32 = 64;
pub const HEAP_SSB_END: i32 = 72;
pub const HEAP_SSB_OVERFLOW: i32 = 80;
pub const HEAP_DIRECT_RESULT: i32 = 88;
pub const HEAP_DIRECT_FN: i32 = 96;
pub const HEAP_DIRECT_ARGS: i32 = 104;
pub const HEAP_STACK_BASE: i32 = 128;
pub const HEAP_DIRECT_FP: i32 = 136;
pub const HEAP_PENDING_HANDLER: i32 = 144;
pub const HEAP_PENDING_OBJ: i32 = 152;
pub const HEAP_RAISE_ENTRY: i32 = 160;

/// Type code of an object-tagged value, or 0 if `v` is not an object pointer.
#[inline]
pub fn object_kind(v: Value) -> u64 {
    if tag(v) == TAG_OBJECT {
        header_kind(field(v, 0))
    } else {
        0
    }
}

#[inline]
pub fn car(v: Value) -> Value {
    field(v, PAIR_CAR_WORD)
}
#[inline]
pub fn cdr(v: Value) -> Value {
    field(v, PAIR_CDR_WORD)
}
/// Stores into a pair's car, without the write barrier: the caller runs
/// `gc::write_barrier(p, PAIR_CAR_WORD, x)` unless `p` is new.
#[inline]
pub fn set_car(p: Value, x: Value) {
    set_field(p, PAIR_CAR_WORD, x)
}
/// As `set_car`, for the cdr.
#[inline]
pub fn set_cdr(p: Value, x: Value) {
    set_field(p, PAIR_CDR_WORD, x)
}

pub fn is_vector(v: Value) -> bool {
    object_kind(v) == HDR_VECTOR
}
pub fn vector_len(v: Value) -> usize {
    (field(v, 0) >> HEADER_SIZE_SHIFT) as usize
}
pub fn is_string(v: Value) -> bool {
    object_kind(v) == HDR_STRING
}
pub fn is_symbol(v: Value) -> bool {
    object_kind(v) == HDR_SYMBOL
}
pub fn is_box(v: Value) -> bool {
    object_kind(v) == HDR_BOX
}

// ---- Additions for the runtime (layouts of strings and symbols). ----
//
// String layout (`memory::strings`): header `(HDR_STRING, size)` whose flag
// bits say how the characters are stored, a word holding the length in
// characters as a fixnum, then the characters: one byte each for a narrow
// string (every character <= U+00FF), a `u32` code point each for a wide one
// (`STRING_WIDE_BIT`). A narrow string that was given a wider character
// keeps its identity by becoming a forwarder (`STRING_FORWARDED_BIT`): its
// word 2 is then a Scheme value, the wide string that holds its characters
// (the only string payload word the collector scans).

/// Header flag of a wide string (a `u32` per character).
pub const STRING_WIDE_BIT: u64 = 1 << 62;
/// Header flag of a forwarded string: word 2 is the wide string holding its
/// characters.
pub const STRING_FORWARDED_BIT: u64 = 1 << 61;
/// Every flag bit of a string header above the size field.
pub const STRING_FLAG_BITS: u64 = IMMUTABLE_BIT | STRING_WIDE_BIT | STRING_FORWARDED_BIT;

/// Byte offset (from a tagged string pointer) of the word holding the length in
/// characters (a fixnum).
pub const STRING_LEN: i32 = 8 - TAG_OBJECT as i32;
/// Byte offset (from a tagged string pointer) of character 0: byte `i` of a
/// narrow string, the `u32` at `STRING_CHARS + 4 * i` of a wide one.
pub const STRING_CHARS: i32 = 16 - TAG_OBJECT as i32;
/// Byte offset (from a tagged symbol pointer) of the symbol's name (a string).
pub const SYMBOL_NAME: i32 = 8 - TAG_OBJECT as i32;

/// Number of payload words of a narrow string of `len` characters: the
/// length word plus the characters packed eight per word.
pub const fn narrow_string_words(len: u64) -> u64 {
    1 + len.div_ceil(8)
}

/// Number of payload words of a wide string of `len` characters: the length
/// word plus the code points packed two per word.
pub const fn wide_string_words(len: u64) -> u64 {
    1 + len.div_ceil(2)
}

/// Payload size in words recorded in a header.
#[inline]
pub fn header_size(h: u64) -> u64 {
    match header_kind(h) {
        HDR_VECTOR | HDR_CONTINUATION => h >> HEADER_SIZE_SHIFT,
        HDR_STRING => (h & !STRING_FLAG_BITS) >> HEADER_SIZE_SHIFT,
        HDR_BYTEVECTOR => (h & !IMMUTABLE_BIT) >> HEADER_SIZE_SHIFT,
        _ => (h >> HEADER_SIZE_SHIFT) & HEADER_SMALL_SIZE_MASK,
    }
}

/// Whether string or bytevector `v` is a literal, which must not be mutated.
#[inline]
pub fn is_immutable(v: Value) -> bool {
    field(v, 0) & IMMUTABLE_BIT != 0
}

/// Marks string or bytevector `v` immutable.
#[inline]
pub fn set_immutable(v: Value) {
    set_field(v, 0, field(v, 0) | IMMUTABLE_BIT)
}

// ---- Bytevectors. ----
//
// Layout: header `(HDR_BYTEVECTOR, 1 + ceil(len/8))`, a word holding the
// length in bytes, then the bytes (byte `i` at byte offset 16 + i of the
// object; the padding after the last byte is zero). No pointers inside.

/// Byte offset (from a tagged bytevector pointer) of the length word.
pub const BYTEVECTOR_LEN: i32 = 8 - TAG_OBJECT as i32;
/// Byte offset (from a tagged bytevector pointer) of byte 0.
pub const BYTEVECTOR_BYTES: i32 = 16 - TAG_OBJECT as i32;

/// Number of payload words of a bytevector of `len` bytes.
pub const fn bytevector_words(len: u64) -> u64 {
    1 + len.div_ceil(8)
}

pub fn is_bytevector(v: Value) -> bool {
    object_kind(v) == HDR_BYTEVECTOR
}

/// Length in bytes of a bytevector value.
#[inline]
pub fn bytevector_len(v: Value) -> usize {
    field(v, 1) as usize
}

/// Pointer to byte 0 of a bytevector value.
#[inline]
pub fn bytevector_bytes(v: Value) -> *mut u8 {
    // SAFETY: `v` is a bytevector, whose bytes start at word 2.
    unsafe { untag(v).add(2) as *mut u8 }
}

/// The bytes of bytevector `v` (valid until the next mutation of `v`).
pub fn bytevector_slice<'a>(v: Value) -> &'a [u8] {
    // SAFETY: a bytevector holds `bytevector_len(v)` bytes; runtime code never
    // moves objects.
    unsafe { std::slice::from_raw_parts(bytevector_bytes(v), bytevector_len(v)) }
}

/// The name (a symbol) of record type `rtd`.
pub fn record_type_name(rtd: Value) -> Value {
    field(rtd, 1)
}

/// Number of fields of record instance `r`.
pub fn record_len(r: Value) -> usize {
    header_size(field(r, 0)) as usize - 1
}

/// The record type of record instance `r`.
pub fn record_type(r: Value) -> Value {
    field(r, 1)
}

/// Lambda id stored in a closure header.
#[inline]
pub fn closure_lambda_id(f: Value) -> u64 {
    field(f, 0) >> HEADER_LAMBDA_ID_SHIFT
}

/// Arity word of a closure: `k >= 0` for exactly `k`, `-(k+1)` for `k` or more.
#[inline]
pub fn closure_arity(f: Value) -> i64 {
    field(f, 2) as i64
}

/// Length in characters of a string value (a forwarded string keeps its
/// own length word).
#[inline]
pub fn string_len(v: Value) -> usize {
    (field(v, 1) >> 1) as usize
}

/// The name (a string value) of a symbol value.
#[inline]
pub fn symbol_name_string(v: Value) -> Value {
    field(v, 1)
}

#[inline]
pub fn is_object(v: Value) -> bool {
    tag(v) == TAG_OBJECT
}

#[inline]
pub fn is_immediate(v: Value) -> bool {
    tag(v) == TAG_IMMEDIATE
}
