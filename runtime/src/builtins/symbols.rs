//! Symbols (R7RS 6.5): `symbol?` and the conversions to and from strings.

use crate::args::*;
use crate::error::*;
use crate::memory::heap::*;
use crate::memory::value::*;

#[no_mangle]
pub extern "C" fn closc_prim_symbol_p(a: Value) -> Value {
    boolean(is_symbol(a))
}

#[no_mangle]
pub extern "C" fn closc_prim_symbol_to_string(a: Value) -> Value {
    if !is_symbol(a) {
        type_error("symbol->string", "symbol", a);
    }
    make_string_from_chars(string_slice(symbol_name_string(a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_to_symbol(a: Value) -> Value {
    intern(&string_to_rust(string_arg("string->symbol", a)))
}
