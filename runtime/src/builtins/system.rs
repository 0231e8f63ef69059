//! The system interface (R7RS 6.14): `exit` (the prelude's `exit` runs the
//! `dynamic-wind` after thunks, then calls `%exit`), `emergency-exit`,
//! `command-line`, `features`, the environment variables, `file-exists?` and
//! `delete-file`, and the clocks of `(scheme time)`.

use crate::args::{args, Arity::Between};
use crate::control::exceptions::{raise_condition, COND_FILE};
use crate::error::type_error;
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

/// Ends the program with `exit`'s status, after writing out buffered output
/// (standard output and open output files, as Guile does at exit).
#[no_mangle]
pub extern "C" fn closc_prim_pct_exit(argc: u64, argv: *const Value) -> Value {
    let args = args("exit", argc, argv, Between(0, 1));
    let status = exit_status(args.first().copied());
    let written = crate::control::run::finish_output();
    crate::memory::gc::report_stats();
    // Output that could not be written makes a successful exit a failure.
    std::process::exit(if status == 0 { written } else { status })
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
pub fn feature_names() -> Vec<&'static str> {
    let mut f = vec![
        "r7rs",
        "exact-closed",
        "exact-complex",
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
    f.extend(BUNDLED_SRFIS);
    f
}

/// `srfi-N` for each SRFI the compiler bundles (`lib/srfi/N.sld`; written
/// by `build.rs`).
const BUNDLED_SRFIS: &[&str] = include!(concat!(env!("OUT_DIR"), "/srfi_features.rs"));

#[no_mangle]
pub extern "C" fn closc_prim_features() -> Value {
    feature_names()
        .iter()
        .rev()
        .fold(NIL, |acc, name| cons(intern(name), acc))
}

/// `(emergency-exit [obj])`: ends the program at once with the status `exit`
/// would use. Buffered output (standard output, open output files) is still
/// written (nothing else would ever write it), but nothing else runs.
#[no_mangle]
pub extern "C" fn closc_prim_emergency_exit(argc: u64, argv: *const Value) -> Value {
    let arg = args("emergency-exit", argc, argv, Between(0, 1))
        .first()
        .copied();
    let status = exit_status(arg);
    let written = crate::control::run::finish_output();
    std::process::exit(if status == 0 { written } else { status })
}

/// `(get-environment-variable name)`: its value as a string, or `#f`.
#[no_mangle]
pub extern "C" fn closc_prim_get_environment_variable(name: Value) -> Value {
    if !is_string(name) {
        type_error("get-environment-variable", "string", name);
    }
    match std::env::var_os(string_to_rust(name)) {
        Some(v) => make_string_from(&v.to_string_lossy()),
        None => FALSE,
    }
}

/// `(get-environment-variables)`: an alist of `(name . value)` strings.
#[no_mangle]
pub extern "C" fn closc_prim_get_environment_variables() -> Value {
    let vars: Vec<(String, String)> = std::env::vars_os()
        .map(|(k, v)| {
            (
                k.to_string_lossy().into_owned(),
                v.to_string_lossy().into_owned(),
            )
        })
        .collect();
    vars.iter().rev().fold(NIL, |acc, (k, v)| {
        // Runtime allocation never moves objects: `acc` stays valid.
        let entry = cons(make_string_from(k), make_string_from(v));
        cons(entry, acc)
    })
}

/// The file name argument of `proc`, as a Rust string.
fn file_name(proc: &str, name: Value) -> String {
    if !is_string(name) {
        type_error(proc, "string", name);
    }
    string_to_rust(name)
}

/// `(file-exists? name)`: whether the file (or directory) exists; a
/// symbolic link is followed.
#[no_mangle]
pub extern "C" fn closc_prim_file_exists_p(name: Value) -> Value {
    let path = file_name("file-exists?", name);
    boolean(std::path::Path::new(&path).exists())
}

/// `(delete-file name)`; a file that cannot be deleted raises a file error
/// naming it and the OS's reason.
#[no_mangle]
pub extern "C" fn closc_prim_delete_file(name: Value) -> Value {
    let path = file_name("delete-file", name);
    if let Err(e) = std::fs::remove_file(&path) {
        let text = e.to_string();
        let reason = text.split(" (os error").next().unwrap_or(&text);
        raise_condition(COND_FILE, &format!("delete-file: {reason}"), &[name]);
    }
    VOID
}

/// Jiffies are nanoseconds of the monotonic clock, counted from the first
/// use (so they stay small fixnums).
const JIFFIES_PER_SECOND: i64 = 1_000_000_000;

static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

#[no_mangle]
pub extern "C" fn closc_prim_current_jiffy() -> Value {
    let start = START.get_or_init(std::time::Instant::now);
    fixnum(start.elapsed().as_nanos() as i64)
}

#[no_mangle]
pub extern "C" fn closc_prim_jiffies_per_second() -> Value {
    fixnum(JIFFIES_PER_SECOND)
}

/// `(current-second)`: seconds since the POSIX epoch, as a flonum (UTC, as
/// Guile and Chibi give it; R7RS asks for TAI, which the OS does not keep).
#[no_mangle]
pub extern "C" fn closc_prim_current_second() -> Value {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    crate::numbers::make_flonum(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_name_r7rs() {
        assert!(feature_names().contains(&"r7rs"));
    }
}
