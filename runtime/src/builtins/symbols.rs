//! Symbols (R7RS 6.5): `symbol?` and the conversions to and from strings;
//! and closc's `gensym` (fresh uninterned symbols).

use crate::args::*;
use crate::error::*;
use crate::memory::global::Global;
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
    crate::memory::strings::make_string_from_view(string_view(symbol_name_string(a)))
}

#[no_mangle]
pub extern "C" fn closc_prim_string_to_symbol(a: Value) -> Value {
    intern(&string_to_rust(string_arg("string->symbol", a)))
}

/// How many symbols `gensym` has made (their names' numbers).
static GENSYMS: Global<u64> = Global::new(0);

/// `(gensym [prefix])`: a fresh uninterned symbol named PREFIX followed by a
/// number (PREFIX a string or symbol, default `g`), `eq?` to no other symbol,
/// in particular to none the reader makes from the same name.
#[no_mangle]
pub extern "C" fn closc_prim_gensym(argc: u64, argv: *const Value) -> Value {
    let args = args("gensym", argc, argv, Arity::Between(0, 1));
    let prefix = match args.first() {
        None => "g".to_string(),
        Some(&p) if is_string(p) => string_to_rust(p),
        Some(&p) if is_symbol(p) => symbol_name(p),
        Some(&p) => type_error("gensym", "string or symbol", p),
    };
    let n = GENSYMS.with(|n| {
        *n += 1;
        *n
    });
    uninterned_symbol(&format!("{prefix}{n}"))
}
