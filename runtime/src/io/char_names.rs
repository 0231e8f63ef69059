//! The one table of character names (`#\space`, `#\newline`, ...), read by
//! the compiler's reader (`src/reader.rs`), the runtime `read` and the
//! printer.
//!
//! In: a name after `#\` (already case-folded under `#!fold-case`) or a
//! character. Out: the character it names, or the name `write` uses.
//! Invariants: a name appears once; every character has at most one entry
//! marked `written`; every entry the compiler accepts (`in_source`) the
//! runtime `read` accepts too (it accepts every entry). Uses nothing else in
//! the crate.

/// One character name.
pub struct CharName {
    pub name: &'static str,
    pub code: u32,
    /// Whether the compiler's reader accepts it in program text (the runtime
    /// `read` accepts every name).
    pub in_source: bool,
    /// Whether `write` prints the character under this name: exactly R7RS's
    /// names (2.1), so that any R7RS reader reads the output back; other
    /// control characters are written `#\xHH`.
    pub written: bool,
}

const fn entry(name: &'static str, code: u32, in_source: bool, written: bool) -> CharName {
    CharName {
        name,
        code,
        in_source,
        written,
    }
}

pub static CHAR_NAMES: &[CharName] = &[
    entry("alarm", 0x07, true, true),
    entry("backspace", 0x08, true, true),
    entry("delete", 0x7F, true, true),
    entry("rubout", 0x7F, false, false),
    entry("escape", 0x1B, true, true),
    entry("esc", 0x1B, false, false),
    entry("altmode", 0x1B, false, false),
    entry("newline", 0x0A, true, true),
    entry("linefeed", 0x0A, true, false),
    entry("nl", 0x0A, false, false),
    entry("null", 0x00, true, true),
    entry("nul", 0x00, true, false),
    entry("return", 0x0D, true, true),
    entry("space", 0x20, true, true),
    entry("tab", 0x09, true, true),
    entry("page", 0x0C, false, false),
    entry("vtab", 0x0B, false, false),
];

/// The character `name` stands for in the runtime `read`.
pub fn char_named(name: &str) -> Option<char> {
    CHAR_NAMES
        .iter()
        .find(|e| e.name == name)
        .and_then(|e| char::from_u32(e.code))
}

/// The character `name` stands for in program text (the compiler's reader).
pub fn source_char_named(name: &str) -> Option<char> {
    CHAR_NAMES
        .iter()
        .find(|e| e.in_source && e.name == name)
        .and_then(|e| char::from_u32(e.code))
}

/// The name `write` prints character `c` under, if it has one.
pub fn written_name(c: u32) -> Option<&'static str> {
    CHAR_NAMES
        .iter()
        .find(|e| e.written && e.code == c)
        .map(|e| e.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        let mut names = std::collections::HashSet::new();
        let mut written = std::collections::HashSet::new();
        for e in CHAR_NAMES {
            assert!(names.insert(e.name), "duplicate name {}", e.name);
            if e.written {
                assert!(
                    written.insert(e.code),
                    "two written names for {:#x}",
                    e.code
                );
            }
        }
        assert_eq!(char_named("altmode"), Some('\x1b'));
        assert_eq!(source_char_named("altmode"), None);
        assert_eq!(source_char_named("linefeed"), Some('\n'));
        assert_eq!(written_name(0x1B), Some("escape"));
        assert_eq!(written_name(0x00), Some("null"));
        assert_eq!(written_name(0x0C), None);
        assert_eq!(written_name(0x41), None);
    }
}
