//! The C types of `(closc ffi)`: their names as Scheme writes them, their
//! sizes and ranges, and `ForeignSig`, a foreign procedure's signature as
//! the compiler carries it from the expander to codegen.
//!
//! In: a type name (`int32`, `size_t`, `double`, `string`...). Out: an
//! `FfiType`, which the expander checks, codegen lowers to a Cranelift type
//! and the runtime converts values to and from. The numeric codes are the
//! ABI between generated code and `calls.rs` (`closc_rt_ffi_arg`,
//! `closc_rt_ffi_result`): they follow the order of `ALL`.

/// One C type a foreign procedure's argument or result, or a foreign
/// buffer's field, may have. Aliases (`int`, `long`, `size_t`...) are
/// names of these for x86-64 Linux (LP64).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum FfiType {
    Int8,
    Uint8,
    Int16,
    Uint16,
    Int32,
    Uint32,
    Int64,
    Uint64,
    Float,
    Double,
    /// C `_Bool`: any Scheme value in (`#f` is 0), a boolean out.
    Bool,
    /// Results only: the procedure returns nothing (`#<void>` in Scheme).
    Void,
    /// A pointer object or a foreign buffer's address; results are pointer objects.
    Pointer,
    /// A Scheme string in (a NUL-terminated UTF-8 copy that lives until
    /// the next foreign call that converts a string); a `char *` result is
    /// copied into a new Scheme string (`NULL` is `#f`).
    String,
    /// Arguments only: the bytes of a Scheme bytevector, by address, for the
    /// duration of the call.
    Bytevector,
}

/// Every type, in code order (`FfiType as u8`).
pub const ALL: [FfiType; 15] = [
    FfiType::Int8,
    FfiType::Uint8,
    FfiType::Int16,
    FfiType::Uint16,
    FfiType::Int32,
    FfiType::Uint32,
    FfiType::Int64,
    FfiType::Uint64,
    FfiType::Float,
    FfiType::Double,
    FfiType::Bool,
    FfiType::Void,
    FfiType::Pointer,
    FfiType::String,
    FfiType::Bytevector,
];

/// Names and the type each means (the first name of a type is the one
/// messages use).
const NAMES: &[(&str, FfiType)] = &[
    ("int8", FfiType::Int8),
    ("uint8", FfiType::Uint8),
    ("int16", FfiType::Int16),
    ("uint16", FfiType::Uint16),
    ("int32", FfiType::Int32),
    ("uint32", FfiType::Uint32),
    ("int64", FfiType::Int64),
    ("uint64", FfiType::Uint64),
    ("float", FfiType::Float),
    ("double", FfiType::Double),
    ("bool", FfiType::Bool),
    ("void", FfiType::Void),
    ("pointer", FfiType::Pointer),
    ("string", FfiType::String),
    ("bytevector", FfiType::Bytevector),
    ("char", FfiType::Int8),
    ("unsigned-char", FfiType::Uint8),
    ("short", FfiType::Int16),
    ("unsigned-short", FfiType::Uint16),
    ("int", FfiType::Int32),
    ("unsigned", FfiType::Uint32),
    ("unsigned-int", FfiType::Uint32),
    ("long", FfiType::Int64),
    ("unsigned-long", FfiType::Uint64),
    ("long-long", FfiType::Int64),
    ("unsigned-long-long", FfiType::Uint64),
    ("size_t", FfiType::Uint64),
    ("ssize_t", FfiType::Int64),
    ("intptr_t", FfiType::Int64),
    ("uintptr_t", FfiType::Uint64),
];

impl FfiType {
    /// The type named `name` (any alias).
    pub fn named(name: &str) -> Option<FfiType> {
        NAMES.iter().find(|(n, _)| *n == name).map(|&(_, t)| t)
    }

    /// The type with code `code` (`self as u8`).
    pub fn from_code(code: u64) -> Option<FfiType> {
        ALL.get(code as usize).copied()
    }

    /// The canonical name (what messages print).
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|&&(_, t)| t == self)
            .map(|&(n, _)| n)
            .expect("every type has a name")
    }

    /// The integer types, with their bounds.
    pub fn int_range(self) -> Option<(i128, i128)> {
        Some(match self {
            FfiType::Int8 => (i8::MIN as i128, i8::MAX as i128),
            FfiType::Uint8 => (0, u8::MAX as i128),
            FfiType::Int16 => (i16::MIN as i128, i16::MAX as i128),
            FfiType::Uint16 => (0, u16::MAX as i128),
            FfiType::Int32 => (i32::MIN as i128, i32::MAX as i128),
            FfiType::Uint32 => (0, u32::MAX as i128),
            FfiType::Int64 => (i64::MIN as i128, i64::MAX as i128),
            FfiType::Uint64 => (0, u64::MAX as i128),
            _ => return None,
        })
    }

    pub fn is_signed(self) -> bool {
        matches!(
            self,
            FfiType::Int8 | FfiType::Int16 | FfiType::Int32 | FfiType::Int64
        )
    }

    /// Bytes the type takes in memory (`foreign-ref`); `None` for the types
    /// a buffer cannot hold (`void`, `string`, `bytevector`).
    pub fn size(self) -> Option<usize> {
        Some(match self {
            FfiType::Int8 | FfiType::Uint8 | FfiType::Bool => 1,
            FfiType::Int16 | FfiType::Uint16 => 2,
            FfiType::Int32 | FfiType::Uint32 | FfiType::Float => 4,
            FfiType::Int64 | FfiType::Uint64 | FfiType::Double | FfiType::Pointer => 8,
            FfiType::Void | FfiType::String | FfiType::Bytevector => return None,
        })
    }

    /// Whether an argument may have this type.
    pub fn is_argument(self) -> bool {
        self != FfiType::Void
    }

    /// Whether a result may have this type.
    pub fn is_result(self) -> bool {
        self != FfiType::Bytevector
    }
}

/// The most arguments a foreign procedure takes.
pub const MAX_FOREIGN_ARGS: usize = 16;

/// A foreign procedure's signature: small and `Copy`, so the IR's
/// primitive carries it by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ForeignSig {
    pub result: FfiType,
    argc: u8,
    args: [FfiType; MAX_FOREIGN_ARGS],
}

impl ForeignSig {
    /// `None` when there are more than `MAX_FOREIGN_ARGS` arguments.
    pub fn new(args: &[FfiType], result: FfiType) -> Option<ForeignSig> {
        if args.len() > MAX_FOREIGN_ARGS {
            return None;
        }
        let mut all = [FfiType::Void; MAX_FOREIGN_ARGS];
        all[..args.len()].copy_from_slice(args);
        Some(ForeignSig {
            result,
            argc: args.len() as u8,
            args: all,
        })
    }

    pub fn args(&self) -> &[FfiType] {
        &self.args[..self.argc as usize]
    }
}

/// Added to a string argument's type code by codegen on the first string
/// argument of a call: the copies made for earlier calls may be freed.
pub const FIRST_STRING_OF_CALL: u64 = 0x100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        for (i, t) in ALL.iter().enumerate() {
            assert_eq!(*t as usize, i);
            assert_eq!(FfiType::from_code(i as u64), Some(*t));
            assert_eq!(FfiType::named(t.name()), Some(*t));
        }
        assert_eq!(FfiType::named("size_t"), Some(FfiType::Uint64));
        assert_eq!(FfiType::named("nope"), None);
    }
}
