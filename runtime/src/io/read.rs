//! The run-time datum reader behind `read`: characters in (from any
//! [`CharSource`], i.e. a port), one Scheme value out.
//!
//! Why a second reader: the compiler's reader (`src/reader.rs`) lives in the
//! compiler crate and builds `Datum`s with source spans; `read` runs inside
//! compiled programs, which link only this runtime, and must build heap
//! values. This one follows the same lexical syntax: lists with `()` or `[]`,
//! dotted pairs, vectors, bytevectors (`#u8(...)`, or Chez's `#vu8(...)`), strings and `|symbols|` with the R7RS escapes,
//! characters (`#\a`, names, `#\x41`), booleans, the quote abbreviations,
//! `;` / `#| |#` / `#;` comments, `#!fold-case` / `#!no-fold-case`, plus
//! what only run-time data needs: datum labels (`#0=(a . #0#)`, so `write`'s
//! output of cyclic data reads back) and `#!eof`. Numbers are whatever
//! `string->number` accepts (one number syntax for both); like the compiler's
//! reader, a token that is not a number is a symbol.
//!
//! Nesting is handled with an explicit stack (no Rust recursion). Values are
//! built directly on the heap: runtime code never sees an object move (see
//! `gc.rs`), so the partial lists held here stay valid.

use crate::memory::heap::{cons, intern, make_box, make_string_from_chars, vector_from};
use crate::memory::value::*;
use std::collections::HashMap;

/// Where `read` takes characters from.
pub trait CharSource {
    fn peek(&mut self) -> Option<u32>;
    fn next(&mut self) -> Option<u32>;
    /// Whether `#!fold-case` is in effect at the start of this read. R7RS
    /// (2.1) makes the directives affect the rest of the port, so a port
    /// keeps the state `set_fold_case` gives it (ports do: a flag of the
    /// port object); by default each `read` starts without folding.
    fn fold_case(&mut self) -> bool {
        false
    }
    /// Records the state a `#!fold-case` / `#!no-fold-case` directive set.
    fn set_fold_case(&mut self, _fold: bool) {}
}

/// A container being read.
enum Frame {
    /// Elements so far; after a `.`, `dot` holds the tail once read.
    List {
        items: Vec<Value>,
        dotted: bool,
        tail: Option<Value>,
        close: u32,
    },
    Vector(Vec<Value>),
    /// `#u8(`: the bytes so far.
    Bytevector(Vec<u8>),
    /// `'x` and friends: the symbol to wrap the next datum in.
    Abbrev(&'static str),
    /// `#n=`: the next datum is label n.
    Label(u64),
    /// `#;`: the next datum is skipped.
    Skip,
}

/// One lexical token.
enum Tok {
    Datum(Value),
    Open(u32),
    OpenVector,
    OpenBytevector,
    Close(u32),
    Dot,
    Abbrev(&'static str),
    Label(u64),
    Ref(u64),
    Skip,
    Eof,
}

struct Reader<'a, S: CharSource> {
    src: &'a mut S,
    fold_case: bool,
    /// Datum labels: the finished value, or the placeholder standing for it
    /// while its datum is being read.
    labels: HashMap<u64, Value>,
    placeholders: Vec<Value>,
}

type Result<T> = std::result::Result<T, String>;

fn is_delimiter(c: u32) -> bool {
    match char::from_u32(c) {
        Some(ch) => ch.is_whitespace() || "()[]\";|".contains(ch),
        None => false,
    }
}

fn is_whitespace(c: u32) -> bool {
    char::from_u32(c).is_some_and(char::is_whitespace)
}

/// Reads one datum from `src`: `Ok(None)` at end of input (before any datum),
/// `Err(message)` for malformed text or input ending inside a datum.
pub fn read_datum<S: CharSource>(src: &mut S) -> Result<Option<Value>> {
    let fold_case = src.fold_case();
    let mut r = Reader {
        src,
        fold_case,
        labels: HashMap::new(),
        placeholders: Vec::new(),
    };
    r.read()
}

impl<S: CharSource> Reader<'_, S> {
    fn read(&mut self) -> Result<Option<Value>> {
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            let mut value = match self.token()? {
                Tok::Eof if stack.is_empty() => return Ok(None),
                Tok::Eof => return Err("unexpected end of input inside a datum".into()),
                Tok::Datum(v) => v,
                Tok::Open(close) => {
                    stack.push(Frame::List {
                        items: Vec::new(),
                        dotted: false,
                        tail: None,
                        close,
                    });
                    continue;
                }
                Tok::OpenVector => {
                    stack.push(Frame::Vector(Vec::new()));
                    continue;
                }
                Tok::OpenBytevector => {
                    stack.push(Frame::Bytevector(Vec::new()));
                    continue;
                }
                Tok::Abbrev(s) => {
                    stack.push(Frame::Abbrev(s));
                    continue;
                }
                Tok::Label(n) => {
                    let placeholder = make_box(UNBOUND);
                    self.placeholders.push(placeholder);
                    self.labels.insert(n, placeholder);
                    stack.push(Frame::Label(n));
                    continue;
                }
                Tok::Skip => {
                    stack.push(Frame::Skip);
                    continue;
                }
                Tok::Ref(n) => match self.labels.get(&n) {
                    Some(&v) => v,
                    None => return Err(format!("undefined datum label #{n}#")),
                },
                Tok::Dot => match stack.last_mut() {
                    Some(Frame::List {
                        items,
                        dotted: dotted @ false,
                        ..
                    }) if !items.is_empty() => {
                        *dotted = true;
                        continue;
                    }
                    _ => return Err("unexpected `.`".into()),
                },
                Tok::Close(c) => match stack.pop() {
                    Some(Frame::List {
                        items,
                        dotted,
                        tail,
                        close,
                    }) if close == c => {
                        if dotted && tail.is_none() {
                            return Err("missing datum after `.`".into());
                        }
                        let tail = tail.unwrap_or(NIL);
                        items.iter().rev().fold(tail, |acc, &x| cons(x, acc))
                    }
                    Some(Frame::Vector(items)) if c == ')' as u32 => vector_from(&items),
                    Some(Frame::Bytevector(bytes)) if c == ')' as u32 => bytevector(&bytes),
                    _ => return Err(format!("unexpected `{}`", char::from_u32(c).unwrap_or(')'))),
                },
            };
            // Hand the finished datum to the innermost open frame.
            loop {
                match stack.last_mut() {
                    None => return Ok(Some(self.finish(value))),
                    Some(Frame::List {
                        items,
                        dotted,
                        tail,
                        ..
                    }) => {
                        if !*dotted {
                            items.push(value);
                        } else if tail.is_none() {
                            *tail = Some(value);
                        } else {
                            return Err("more than one datum after `.`".into());
                        }
                        break;
                    }
                    Some(Frame::Vector(items)) => {
                        items.push(value);
                        break;
                    }
                    Some(Frame::Bytevector(bytes)) => {
                        match is_fixnum(value).then(|| fixnum_value(value)) {
                            Some(b @ 0..=255) => bytes.push(b as u8),
                            _ => {
                                return Err(format!(
                                "bytevector element must be an exact integer from 0 to 255, not {}",
                                crate::io::printer::to_string(value, true)
                            ))
                            }
                        }
                        break;
                    }
                    Some(Frame::Abbrev(s)) => {
                        let s = intern(s);
                        stack.pop();
                        value = cons(s, cons(value, NIL));
                    }
                    Some(Frame::Label(n)) => {
                        let n = *n;
                        stack.pop();
                        if let Some(&p) = self.labels.get(&n) {
                            if value == p {
                                return Err(format!("datum label #{n}= refers only to itself"));
                            }
                            if self.placeholders.contains(&p) {
                                set_field(p, 1, value);
                            }
                        }
                        self.labels.insert(n, value);
                    }
                    Some(Frame::Skip) => {
                        stack.pop();
                        break;
                    }
                }
            }
        }
    }

    /// Replaces the label placeholders inside `v` by the values they stand for.
    fn finish(&mut self, v: Value) -> Value {
        if self.placeholders.is_empty() {
            return v;
        }
        let resolve = |x: Value| -> Value {
            let mut x = x;
            // A label may be defined as another label's reference (`#0=#1#`).
            while is_box(x) && self.placeholders.contains(&x) {
                x = field(x, 1);
            }
            x
        };
        let root = resolve(v);
        let mut seen = std::collections::HashSet::new();
        let mut work = vec![root];
        while let Some(x) = work.pop() {
            if !(is_pair(x) || is_vector(x)) || !seen.insert(x) {
                continue;
            }
            let slots: Vec<usize> = if is_pair(x) {
                vec![PAIR_CAR_WORD, PAIR_CDR_WORD]
            } else {
                (1..=vector_len(x)).collect()
            };
            for i in slots {
                let y = field(x, i);
                let r = resolve(y);
                if r != y {
                    set_field(x, i, r);
                    crate::memory::gc::write_barrier(x, i, r);
                }
                work.push(r);
            }
        }
        root
    }

    fn skip_atmosphere(&mut self) -> Result<()> {
        while let Some(c) = self.src.peek() {
            if is_whitespace(c) {
                self.src.next();
            } else if c == ';' as u32 {
                while let Some(c) = self.src.next() {
                    if c == '\n' as u32 {
                        break;
                    }
                }
            } else {
                break;
            }
        }
        Ok(())
    }

    /// Skips a `#| ... |#` comment (nesting); `#|` is already consumed.
    fn block_comment(&mut self) -> Result<()> {
        let mut depth = 1;
        let mut prev = 0;
        while depth > 0 {
            let Some(c) = self.src.next() else {
                return Err("unterminated `#|` comment".into());
            };
            if prev == '|' as u32 && c == '#' as u32 {
                depth -= 1;
                prev = 0;
            } else if prev == '#' as u32 && c == '|' as u32 {
                depth += 1;
                prev = 0;
            } else {
                prev = c;
            }
        }
        Ok(())
    }

    /// The characters up to the next delimiter.
    fn token_text(&mut self, first: Vec<u32>) -> Vec<u32> {
        let mut text = first;
        while let Some(c) = self.src.peek() {
            if is_delimiter(c) {
                break;
            }
            text.push(c);
            self.src.next();
        }
        text
    }

    fn token(&mut self) -> Result<Tok> {
        loop {
            self.skip_atmosphere()?;
            let Some(c) = self.src.next() else {
                return Ok(Tok::Eof);
            };
            let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
            return Ok(match ch {
                '(' => Tok::Open(')' as u32),
                '[' => Tok::Open(']' as u32),
                ')' | ']' => Tok::Close(c),
                '\'' => Tok::Abbrev("quote"),
                '`' => Tok::Abbrev("quasiquote"),
                ',' => {
                    if self.src.peek() == Some('@' as u32) {
                        self.src.next();
                        Tok::Abbrev("unquote-splicing")
                    } else {
                        Tok::Abbrev("unquote")
                    }
                }
                '"' => Tok::Datum(self.delimited('"' as u32)?),
                '|' => {
                    let name = self.delimited_chars('|' as u32)?;
                    Tok::Datum(intern(&chars_to_string(&name)))
                }
                '#' => match self.hash()? {
                    Some(t) => t,
                    None => continue,
                },
                _ => {
                    let text = self.token_text(vec![c]);
                    if text == ['.' as u32] {
                        Tok::Dot
                    } else {
                        Tok::Datum(self.atom(&text))
                    }
                }
            });
        }
    }

    /// A token starting with `#` (already consumed); `None` for a comment or
    /// directive.
    fn hash(&mut self) -> Result<Option<Tok>> {
        let Some(c) = self.src.peek() else {
            return Err("unexpected end of input after `#`".into());
        };
        let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
        match ch {
            '(' => {
                self.src.next();
                Ok(Some(Tok::OpenVector))
            }
            '|' => {
                self.src.next();
                self.block_comment()?;
                Ok(None)
            }
            ';' => {
                self.src.next();
                Ok(Some(Tok::Skip))
            }
            '\\' => {
                self.src.next();
                Ok(Some(Tok::Datum(self.character()?)))
            }
            '!' => {
                self.src.next();
                let name = chars_to_string(&self.token_text(Vec::new()));
                match name.as_str() {
                    "fold-case" | "no-fold-case" => {
                        self.fold_case = name == "fold-case";
                        self.src.set_fold_case(self.fold_case);
                    }
                    "eof" => return Ok(Some(Tok::Datum(EOF))),
                    _ => return Err(format!("unknown directive #!{name}")),
                }
                Ok(None)
            }
            '0'..='9' => {
                let mut n: u64 = 0;
                while let Some(d) = self.src.peek().and_then(char::from_u32) {
                    if let Some(v) = d.to_digit(10) {
                        n = n.saturating_mul(10).saturating_add(v as u64);
                        self.src.next();
                    } else {
                        break;
                    }
                }
                match self.src.next().and_then(char::from_u32) {
                    Some('=') => Ok(Some(Tok::Label(n))),
                    Some('#') => Ok(Some(Tok::Ref(n))),
                    _ => Err(format!("malformed datum label #{n}")),
                }
            }
            _ => {
                let text = self.token_text(Vec::new());
                let name = chars_to_string(&text).to_lowercase();
                match name.as_str() {
                    "t" | "true" => Ok(Some(Tok::Datum(TRUE))),
                    "f" | "false" => Ok(Some(Tok::Datum(FALSE))),
                    // R7RS's `#u8(`, and Chez's `#vu8(` for data Chez wrote.
                    "u8" | "vu8" if self.src.peek() == Some('(' as u32) => {
                        self.src.next();
                        Ok(Some(Tok::OpenBytevector))
                    }
                    _ => {
                        let mut full = vec!['#' as u32];
                        full.extend(&text);
                        match number(&full) {
                            Some(v) => Ok(Some(Tok::Datum(v))),
                            None => Err(format!("bad syntax #{}", chars_to_string(&text))),
                        }
                    }
                }
            }
        }
    }

    /// A character after `#\`.
    fn character(&mut self) -> Result<Value> {
        let Some(first) = self.src.next() else {
            return Err("unexpected end of input after `#\\`".into());
        };
        // Only a letter can start a name: `#\(a` is `#\(` then `a`, as in the
        // compiler's reader.
        let alphabetic = char::from_u32(first).is_some_and(char::is_alphabetic);
        let rest = if alphabetic {
            self.token_text(Vec::new())
        } else {
            Vec::new()
        };
        if rest.is_empty() {
            return Ok(char_value(char::from_u32(first).unwrap_or('\u{FFFD}')));
        }
        let mut name = vec![first];
        name.extend(rest);
        let mut name = chars_to_string(&name);
        if self.fold_case {
            name = name.to_lowercase();
        }
        let c = match crate::io::char_names::char_named(&name) {
            Some(c) => c,
            None => match name.strip_prefix('x').or_else(|| name.strip_prefix('X')) {
                Some(hex) if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("invalid character code #\\{name}"))?
                }
                _ => return Err(format!("unknown character name #\\{name}")),
            },
        };
        Ok(char_value(c))
    }

    /// A string (after its opening quote).
    fn delimited(&mut self, close: u32) -> Result<Value> {
        let chars = self.delimited_chars(close)?;
        Ok(make_string_from_chars(&chars))
    }

    /// The characters of a string or `|symbol|` up to `close`, escapes decoded.
    fn delimited_chars(&mut self, close: u32) -> Result<Vec<u32>> {
        let what = if close == '"' as u32 {
            "string"
        } else {
            "`|` symbol"
        };
        let mut out = Vec::new();
        loop {
            let Some(c) = self.src.next() else {
                return Err(format!("unterminated {what}"));
            };
            if c == close {
                return Ok(out);
            }
            if c != '\\' as u32 {
                out.push(c);
                continue;
            }
            let Some(e) = self.src.next() else {
                return Err(format!("unterminated {what}"));
            };
            let ch = char::from_u32(e).unwrap_or('\u{FFFD}');
            match ch {
                'a' => out.push(7),
                'b' => out.push(8),
                't' => out.push(9),
                'n' => out.push(10),
                'v' => out.push(11),
                'f' => out.push(12),
                'r' => out.push(13),
                '0' => out.push(0),
                '"' | '\\' | '|' => out.push(e),
                'x' | 'X' => {
                    let mut hex = String::new();
                    loop {
                        match self.src.next().and_then(char::from_u32) {
                            Some(';') => break,
                            Some(h) if h.is_ascii_hexdigit() => hex.push(h),
                            _ => return Err(format!("malformed \\x escape in {what}")),
                        }
                    }
                    let code = u32::from_str_radix(&hex, 16)
                        .ok()
                        .filter(|&c| char::from_u32(c).is_some())
                        .ok_or_else(|| format!("invalid \\x escape in {what}"))?;
                    out.push(code);
                }
                _ if ch.is_whitespace() => {
                    // Line continuation: \ <spaces> newline <spaces>.
                    let mut c = e;
                    while c != '\n' as u32 {
                        if !is_whitespace(c) || c == '\n' as u32 {
                            return Err(format!("malformed line continuation in {what}"));
                        }
                        match self.src.next() {
                            Some(n) => c = n,
                            None => return Err(format!("unterminated {what}")),
                        }
                    }
                    while self
                        .src
                        .peek()
                        .is_some_and(|c| is_whitespace(c) && c != '\n' as u32)
                    {
                        self.src.next();
                    }
                }
                _ => return Err(format!("unknown escape \\{ch} in {what}")),
            }
        }
    }

    /// A number or a symbol.
    fn atom(&mut self, text: &[u32]) -> Value {
        if let Some(v) = number(text) {
            return v;
        }
        let mut name = chars_to_string(text);
        if self.fold_case {
            name = name.to_lowercase();
        }
        intern(&name)
    }
}

/// `text` as a number, as `string->number` reads it (None if it is not one).
fn number(text: &[u32]) -> Option<Value> {
    let first = char::from_u32(*text.first()?)?;
    if !(first.is_ascii_digit() || "+-.#".contains(first)) {
        return None;
    }
    crate::numbers::parse(&chars_to_string(text), 10).map(crate::numbers::make)
}

/// A new mutable bytevector holding `bytes` (the layout of
/// `builtins::bytevectors`, which `io` may not use).
fn bytevector(bytes: &[u8]) -> Value {
    let words = bytevector_words(bytes.len() as u64) as usize;
    let p = crate::memory::heap::alloc(words + 1);
    // SAFETY: `p` points to `words + 1` fresh words: header, length, bytes.
    unsafe {
        *p = header(HDR_BYTEVECTOR, words as u64);
        *p.add(1) = bytes.len() as u64;
        std::ptr::write_bytes(p.add(2), 0, words - 1);
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(2) as *mut u8, bytes.len());
    }
    p as u64 | TAG_OBJECT
}

fn chars_to_string(cs: &[u32]) -> String {
    cs.iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::global::test_lock;

    struct Text(Vec<u32>, usize);
    impl CharSource for Text {
        fn peek(&mut self) -> Option<u32> {
            self.0.get(self.1).copied()
        }
        fn next(&mut self) -> Option<u32> {
            let c = self.peek();
            self.1 += c.is_some() as usize;
            c
        }
    }

    fn all(s: &str) -> Vec<String> {
        let mut src = Text(s.chars().map(|c| c as u32).collect(), 0);
        let mut out = Vec::new();
        loop {
            match read_datum(&mut src) {
                Ok(Some(v)) => out.push(crate::io::printer::to_string(v, true)),
                Ok(None) => return out,
                Err(e) => {
                    out.push(format!("error: {e}"));
                    return out;
                }
            }
        }
    }

    #[test]
    fn data() {
        let _g = test_lock();
        assert_eq!(
            all("(a . b) #(1 \"s\\n\" #\\x) 'q `(a ,b ,@c) [x] -5 +7 #x1F abc |a b| () #t #false"),
            [
                "(a . b)",
                "#(1 \"s\\n\" #\\x)",
                "(quote q)",
                "(quasiquote (a (unquote b) (unquote-splicing c)))",
                "(x)",
                "-5",
                "7",
                "31",
                "abc",
                "|a b|",
                "()",
                "#t",
                "#f"
            ]
        );
        assert_eq!(
            all("; c\n #| a #| b |# |# x #;(skip me) y #\\space #\\x41 #\\newline"),
            ["x", "y", "#\\space", "#\\A", "#\\newline"]
        );
        assert_eq!(all("#0=(1 . #0#)"), ["#0=(1 . #0#)"]);
        assert_eq!(all("(#0=(a) #0#)"), ["((a) (a))"]);
        assert_eq!(all("#!fold-case ABC #!no-fold-case ABC"), ["abc", "ABC"]);
        assert_eq!(all("\"a\\x3bb;\\\n   c\""), ["\"aλc\""]);
        assert_eq!(
            all("(1 2"),
            ["error: unexpected end of input inside a datum"]
        );
        assert_eq!(all(")"), ["error: unexpected `)`"]);
        assert_eq!(all("(1 . )"), ["error: missing datum after `.`"]);
        assert_eq!(all("(. 1)"), ["error: unexpected `.`"]);
        assert_eq!(all("#\\bogus"), ["error: unknown character name #\\bogus"]);
        assert_eq!(all("#1#"), ["error: undefined datum label #1#"]);
        assert_eq!(all("(a ]"), ["error: unexpected `]`"]);
        assert_eq!(
            all("#u8(1 #;x 255) #u8() #vu8(7) #U8(2)"),
            ["#u8(1 255)", "#u8()", "#u8(7)", "#u8(2)"]
        );
        assert_eq!(
            all("#u8(256)"),
            ["error: bytevector element must be an exact integer from 0 to 255, not 256"]
        );
        assert_eq!(
            all("#u8(a)"),
            ["error: bytevector element must be an exact integer from 0 to 255, not a"]
        );
        assert_eq!(all("#u8(1 . 2)"), ["error: unexpected `.`"]);
        assert_eq!(all("(#\\(a)"), ["(#\\( a)"]);
        assert_eq!(
            all("|a\\|b| |\\x41;\\t| || |1| #!fold-case #\\NULL #\\A"),
            ["|a\\|b|", "|A\\t|", "||", "|1|", "#\\null", "#\\A"]
        );
        assert_eq!(all("(1 . #0=(2 . #0#))"), ["(1 . #0=(2 . #0#))"]);
        assert_eq!(all("#0=#(a #0#)"), ["#0=#(a #0#)"]);
    }
}
