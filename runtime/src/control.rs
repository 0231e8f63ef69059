//! Multiple values, `command-line`, `features` and `emergency-exit`.
//!
//! Multiple values: `(values x)` is just `x`; zero or two-plus values are a
//! values object (`HDR_VALUES`, n payload words holding the values). Only
//! `call-with-values` (in the prelude) takes one apart, through
//! `%values->list`, which turns a values object into the list of its values
//! and any other value `x` into `(x)`. A values object reaching any other
//! continuation is simply a value (R7RS leaves that case unspecified); it
//! prints as `#<values ...>`.

use crate::heap::{alloc, cons, intern, make_string_from};
use crate::value::*;

#[no_mangle]
pub extern "C" fn closc_prim_values(argc: u64, argv: *const Value) -> Value {
    let args = crate::ports::args("values", argc, argv, 0, u64::MAX);
    if args.len() == 1 {
        return args[0];
    }
    let p = alloc(args.len() + 1);
    // SAFETY: a fresh object of `args.len() + 1` words.
    unsafe {
        *p = header(HDR_VALUES, args.len() as u64);
        std::ptr::copy_nonoverlapping(args.as_ptr(), p.add(1), args.len());
    }
    p as u64 | TAG_OBJECT
}

/// The values `v` stands for, as a list (see the module doc).
#[no_mangle]
pub extern "C" fn closc_prim_pct_values_to_list(v: Value) -> Value {
    if object_kind(v) != HDR_VALUES {
        return cons(v, NIL);
    }
    let n = header_size(field(v, 0)) as usize;
    (1..=n).rev().fold(NIL, |acc, i| cons(field(v, i), acc))
}

/// `(command-line)`: the program name, then its arguments (see
/// `crate::program_args`).
#[no_mangle]
pub extern "C" fn closc_prim_command_line() -> Value {
    let args = crate::program_args();
    let strings: Vec<Value> = args.iter().map(|a| make_string_from(a)).collect();
    strings.iter().rev().fold(NIL, |acc, &s| cons(s, acc))
}

/// The feature identifiers `(features)` lists: only what is true of closc.
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
        f.push("gnu-linux");
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
    let arg = crate::ports::args("emergency-exit", argc, argv, 0, 1)
        .first()
        .copied();
    crate::output::flush();
    std::process::exit(crate::prims::exit_status(arg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::global::test_lock;

    #[test]
    fn values_round_trip() {
        let _g = test_lock();
        let one = [fixnum(7)];
        assert_eq!(closc_prim_values(1, one.as_ptr()), fixnum(7));
        let two = [fixnum(1), fixnum(2)];
        let v = closc_prim_values(2, two.as_ptr());
        assert_eq!(object_kind(v), HDR_VALUES);
        let l = closc_prim_pct_values_to_list(v);
        assert_eq!(crate::printer::to_string(l, true), "(1 2)");
        let none = closc_prim_values(0, std::ptr::null());
        assert_eq!(closc_prim_pct_values_to_list(none), NIL);
        let single = closc_prim_pct_values_to_list(fixnum(3));
        assert_eq!(crate::printer::to_string(single, true), "(3)");
        assert!(feature_names().contains(&"r7rs"));
    }
}
