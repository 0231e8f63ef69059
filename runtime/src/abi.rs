//! The runtime's ABI entry points other than the builtins: the functions
//! compiled code calls for allocation, collection, registration of its
//! tables, error reports and the generic slow paths of inline arithmetic,
//! plus the one data symbol it imports (`closc_heap_state`).
//!
//! In: nothing (a fixed list). Out: `RtEntry`, one variant per entry point,
//! with its exported symbol, its number of word-sized parameters and its
//! address. Codegen declares its imports from `RtEntry::ALL` and the JIT
//! registers the same list's addresses, so an entry point's symbol is
//! written here (taken from the identifier by `stringify!`) and at its `fn`,
//! nowhere else.
//!
//! Invariants: every entry point is `#[no_mangle] extern "C"` and takes only
//! word-sized arguments; `RtEntry::ALL` keeps its order, which is the order
//! codegen declares the imports in (function ids in generated code follow
//! it). This module is the top of the runtime's layers: it may use every
//! folder, and nothing in the runtime uses it.

use crate::builtins::apply::*;
use crate::builtins::bitwise::*;
use crate::builtins::ffi::callbacks::*;
use crate::builtins::ffi::calls::*;
use crate::builtins::numbers::*;
use crate::control::backtrace::*;
use crate::control::calls::*;
use crate::control::exceptions::*;
use crate::control::literals::*;
use crate::memory::gc::*;
use crate::memory::heap::*;

macro_rules! entry_points {
    ($($variant:ident = $f:ident($params:literal),)*) => {
        /// A runtime entry point compiled code calls (not a builtin).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RtEntry {
            $($variant,)*
        }

        impl RtEntry {
            /// Every entry point, in declaration order.
            pub const ALL: &'static [RtEntry] = &[$(RtEntry::$variant,)*];

            /// The exported C symbol.
            pub fn symbol(self) -> &'static str {
                match self {
                    $(RtEntry::$variant => stringify!($f),)*
                }
            }

            /// How many word-sized parameters it takes.
            pub fn params(self) -> usize {
                match self {
                    $(RtEntry::$variant => $params,)*
                }
            }

            /// The function's address (for the JIT).
            pub fn address(self) -> *const u8 {
                match self {
                    $(RtEntry::$variant => $f as *const u8,)*
                }
            }
        }
    };
}

entry_points! {
    AllocSlow = closc_rt_alloc_slow(1),
    GcAfterCall = closc_rt_gc_after_call(1),
    RegisterCode = closc_rt_register_code(1),
    RegisterPositions = closc_rt_register_positions(1),
    Reserve = closc_rt_reserve(3),
    NotProcedure = closc_rt_not_procedure(1),
    ArityError = closc_rt_arity_error(2),
    ArityErrorList = closc_rt_arity_error_list(2),
    CaseClause = closc_rt_case_clause(2),
    BuiltinArityError = closc_rt_builtin_arity_error(4),
    UnboundVariable = closc_rt_unbound_variable(1),
    HandlerReturned = closc_rt_handler_returned(1),
    Intern = closc_rt_intern(2),
    MakeString = closc_rt_make_string(2),
    RegisterGlobals = closc_rt_register_globals(2),
    SetLambdaNames = closc_rt_set_lambda_names(2),
    ApplyBuiltin = closc_rt_apply_builtin(2),
    CopyList = closc_rt_copy_list(1),
    MakeNumber = closc_rt_make_number(2),
    // Binary slow paths of inline arithmetic (`builtins/numbers.rs`):
    // (a, b, keep).
    NumAdd = closc_num_add(3),
    NumSub = closc_num_sub(3),
    NumMul = closc_num_mul(3),
    NumEq = closc_num_eq(3),
    NumLt = closc_num_lt(3),
    NumGt = closc_num_gt(3),
    NumLe = closc_num_le(3),
    NumGe = closc_num_ge(3),
    NumEqv = closc_num_eqv(3),
    NumQuotient = closc_num_quotient(3),
    NumRemainder = closc_num_remainder(3),
    NumModulo = closc_num_modulo(3),
    NumFloorQuotient = closc_num_floor_quotient(3),
    NumFloorRemainder = closc_num_floor_remainder(3),
    NumTruncateQuotient = closc_num_truncate_quotient(3),
    NumTruncateRemainder = closc_num_truncate_remainder(3),
    NumDiv = closc_num_div(3),
    NumBoxFlonum = closc_num_box_flonum(3),
    // Slow paths of inline bitwise operations (`builtins/bitwise.rs`).
    NumBitwiseAnd = closc_num_bitwise_and(3),
    NumBitwiseIor = closc_num_bitwise_ior(3),
    NumBitwiseXor = closc_num_bitwise_xor(3),
    NumBitwiseNot = closc_num_bitwise_not(3),
    NumArithmeticShift = closc_num_arithmetic_shift(3),
    BuildConstants = closc_rt_build_constants(3),
    RememberAll = closc_rt_remember_all(2),
    // Foreign calls (`builtins/ffi/calls.rs`).
    FfiLookup = closc_rt_ffi_lookup(1),
    FfiArg = closc_rt_ffi_arg(5),
    FfiResult = closc_rt_ffi_result(2),
    FfiCallback = closc_rt_ffi_callback(3),
    FfiCallbackProc = closc_rt_ffi_callback_proc(2),
    FfiCallbackEnter = closc_rt_ffi_callback_enter(2),
    FfiCallbackLeave = closc_rt_ffi_callback_leave(0),
    ApplyFits = closc_rt_apply_fits(3),
}

macro_rules! data_symbol {
    ($name:ident) => {
        /// The heap state compiled code reads and writes (allocation
        /// pointer and limit, the frame the collector's walk starts from).
        pub const HEAP_STATE_SYMBOL: &str = stringify!($name);

        /// The address of `HEAP_STATE_SYMBOL` (for the JIT).
        pub fn heap_state_address() -> *const u8 {
            std::ptr::addr_of!($name) as *const u8
        }
    };
}

data_symbol!(closc_heap_state);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_points_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for e in RtEntry::ALL {
            assert!(seen.insert(e.symbol()), "duplicate symbol {}", e.symbol());
            assert!(!e.address().is_null());
            assert!(e.symbol().starts_with("closc_rt_") || e.symbol().starts_with("closc_num_"));
        }
    }
}
