//! The system interface (R7RS 6.14): `exit`, `emergency-exit`,
//! `command-line` and `features`.

use crate::args::{args, Arity::Between};
use crate::io::output;
use crate::memory::heap::*;
use crate::memory::value::*;

/// The process exit status for `(exit v)`: `#t`/void -> 0, `#f` -> 1, a
/// fixnum -> its low 8 bits, anything else -> 1.
pub fn exit_status(v: Option<Value>) -> i32 {
    match v {
        None | Some(TRUE) | Some(VOID) => 0,
        Some(v) if is_fixnum(v) => (fixnum_value(v) & 0xFF) as i32,
        Some(_) => 1,
    }
}

#[no_mangle]
pub extern "C" fn closc_prim_exit(argc: u64, argv: *const Value) -> Value {
    let args = args("exit", argc, argv, Between(0, 1));
    output::flush();
    crate::memory::gc::report_stats();
    std::process::exit(exit_status(args.first().copied()))
}

/// `(command-line)`: the program name, then its arguments (see
/// `control::run::program_args`).
#[no_mangle]
pub extern "C" fn closc_prim_command_line() -> Value {
    let args = crate::control::run::program_args();
    let strings: Vec<Value> = args.iter().map(|a| make_string_from(a)).collect();
    strings.iter().rev().fold(NIL, |acc, &s| cons(s, acc))
}

/// The feature identifiers `(features)` lists and `cond-expand` tests
/// (the compiler reads this same list): only what is true of closc.
/// `exact-complex` joins them when complex numbers do.
pub fn feature_names() -> Vec<&'static str> {
    let mut f = vec![
        "r7rs",
        "exact-closed",
        "ratios",
        "ieee-float",
        "full-unicode",
        "closc",
    ];
    if cfg!(unix) {
        f.extend(["posix", "unix"]);
    }
    if cfg!(target_os = "linux") {
        // R7RS appendix B's name, and the shorter one other systems use.
        f.extend(["gnu-linux", "linux"]);
    }
    if cfg!(target_os = "macos") {
        f.push("darwin");
    }
    if cfg!(target_arch = "x86_64") {
        f.push("x86-64");
    }
    if cfg!(target_arch = "aarch64") {
        f.push("aarch64");
    }
    if cfg!(target_pointer_width = "64") {
        f.push("lp64");
    }
    f.push(if cfg!(target_endian = "little") {
        "little-endian"
    } else {
        "big-endian"
    });
    f
}

#[no_mangle]
pub extern "C" fn closc_prim_features() -> Value {
    feature_names()
        .iter()
        .rev()
        .fold(NIL, |acc, name| cons(intern(name), acc))
}

/// `(emergency-exit [obj])`: ends the program at once with the status `exit`
/// would use. Buffered standard output is still written (nothing else would
/// ever write it), but nothing else runs.
#[no_mangle]
pub extern "C" fn closc_prim_emergency_exit(argc: u64, argv: *const Value) -> Value {
    let arg = args("emergency-exit", argc, argv, Between(0, 1))
        .first()
        .copied();
    crate::io::output::flush();
    std::process::exit(crate::builtins::system::exit_status(arg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_name_r7rs() {
        assert!(feature_names().contains(&"r7rs"));
    }
}
