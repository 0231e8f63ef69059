//! `eval`, `environment`, `interaction-environment` and `load` at run time:
//! the runtime's half.
//!
//! In: the datum (or file name) and environment number Scheme code passes to
//! the `%eval-...` builtins. Out: a closure of no arguments whose code is the
//! compiled form's top level (the prelude's `eval` calls it, so no Rust frame
//! ever sits between Scheme frames), an environment number, or a raised
//! error naming the procedure.
//!
//! The runtime cannot compile: the compiler installs `EvalHooks` when it is
//! linked into the process (`closc run`, and executables built with the
//! compiler because they name `eval`). Without hooks the builtins raise
//! `eval: not available in this executable`.
//!
//! Objects that are not data (procedures, records, ports...) in an evaluated
//! expression are kept in `eval_objects`, a table registered as roots that
//! only grows (the compiled code refers to them by index through
//! `%eval-object`, and may run at any later time).

use crate::error;
use crate::memory::global::Global;
use crate::memory::heap::{alloc, closc_rt_register_globals, cons, string_to_rust};
use crate::memory::value::*;

/// What the compiler provides. Each function runs on the Scheme thread,
/// inside a builtin called from compiled code; `Err` is the message of the
/// error to raise.
#[derive(Clone, Copy)]
pub struct EvalHooks {
    /// The environment with the bindings of the import sets in the list,
    /// and, when it is new, the code that runs the imported libraries'
    /// bodies.
    pub environment: fn(specs: Value) -> Result<NewEnvironment, String>,
    /// The interaction environment's number (made on first use).
    pub interaction: fn() -> u64,
    /// Compiles `expr` in environment `env`: the entry's address and the
    /// lambda id its closure names.
    pub compile: fn(expr: Value, env: u64) -> Result<Compiled, String>,
    /// Compiles the file named `path` in environment `env`.
    pub load: fn(path: &str, env: u64) -> Result<Compiled, LoadError>,
}

/// An environment's number and, when it is new, the code that runs the
/// bodies of the libraries it imports.
pub type NewEnvironment = (u64, Option<Compiled>);

/// A compiled form: code of the closure that runs it, and its lambda id.
pub struct Compiled {
    pub code: usize,
    pub lambda_id: u64,
}

/// Why `load` failed: the file (a file error) or its contents.
pub enum LoadError {
    File(String),
    Compile(String),
}

static HOOKS: Global<Option<EvalHooks>> = Global::new(None);

/// Installs the compiler's hooks (once, before the program runs).
pub fn install(hooks: EvalHooks) {
    HOOKS.with(|h| *h = Some(hooks));
}

fn hooks(who: &str) -> EvalHooks {
    match HOOKS.with(|h| *h) {
        Some(h) => h,
        None => error::fatal(&format!(
            "{who}: not available: this executable was built without the compiler"
        )),
    }
}

/// The builtins that need the compiler at run time: a program whose code
/// calls one is linked with it (`libclosceval.a`).
pub const COMPILER_BUILTINS: [&str; 4] = [
    "%environment-new",
    "%interaction-environment",
    "%eval-compile",
    "%load-compile",
];

/// Words per chunk of the object table; each chunk is registered as roots
/// once and never moves.
const CHUNK: usize = 1024;

struct Objects {
    chunks: Vec<Box<[u64]>>,
    len: usize,
}

static OBJECTS: Global<Objects> = Global::new(Objects {
    chunks: Vec::new(),
    len: 0,
});

/// Keeps `v` for the evaluated code; returns its index for `%eval-object`.
pub fn keep_object(v: Value) -> usize {
    OBJECTS.with(|o| {
        if o.len == o.chunks.len() * CHUNK {
            let mut chunk = vec![FALSE; CHUNK].into_boxed_slice();
            closc_rt_register_globals(chunk.as_mut_ptr(), CHUNK as u64);
            o.chunks.push(chunk);
        }
        let i = o.len;
        o.chunks[i / CHUNK][i % CHUNK] = v;
        o.len += 1;
        i
    })
}

fn environment_number(who: &str, env: Value) -> u64 {
    if is_fixnum(env) && fixnum_value(env) >= 0 {
        fixnum_value(env) as u64
    } else {
        error::type_error(who, "environment", env)
    }
}

/// A closure of no arguments running `c`'s code.
fn closure(c: Compiled) -> Value {
    let p = alloc(3);
    // SAFETY: three fresh words: header, code pointer, arity (0 arguments).
    unsafe {
        *p = closure_header(0, c.lambda_id);
        *p.add(1) = c.code as u64;
        *p.add(2) = 0;
    }
    p as u64 | TAG_CLOSURE
}

/// `(%environment-new specs)`: `(N . THUNK)`, N the number of the
/// environment importing the list of import sets `specs`, THUNK the
/// procedure that runs the bodies of the libraries it imports (`#f` when
/// the environment existed already).
#[no_mangle]
pub extern "C" fn closc_prim_pct_environment_new(specs: Value) -> Value {
    match (hooks("environment").environment)(specs) {
        Ok((n, run)) => cons(fixnum(n as i64), run.map_or(FALSE, closure)),
        Err(msg) => error::fatal(&format!("environment: {msg}")),
    }
}

/// `(%interaction-environment)`: the interaction environment's number.
#[no_mangle]
pub extern "C" fn closc_prim_pct_interaction_environment() -> Value {
    fixnum((hooks("interaction-environment").interaction)() as i64)
}

/// `(%eval-compile expr env)`: a thunk that evaluates `expr` in `env`.
#[no_mangle]
pub extern "C" fn closc_prim_pct_eval_compile(expr: Value, env: Value) -> Value {
    let env = environment_number("eval", env);
    match (hooks("eval").compile)(expr, env) {
        Ok(c) => closure(c),
        Err(msg) => error::fatal(&format!("eval: {msg}")),
    }
}

/// `(%load-compile path env)`: a thunk that runs the file `path` in `env`.
#[no_mangle]
pub extern "C" fn closc_prim_pct_load_compile(path: Value, env: Value) -> Value {
    if !is_string(path) {
        error::type_error("load", "string", path);
    }
    let env = environment_number("load", env);
    match (hooks("load").load)(&string_to_rust(path), env) {
        Ok(c) => closure(c),
        Err(LoadError::File(msg)) => {
            error::raise_kind(error::COND_FILE, &format!("load: {msg}"), &[path])
        }
        Err(LoadError::Compile(msg)) => error::fatal(&format!("load: {msg}")),
    }
}

/// `(%eval-object k)`: the object `keep_object` returned `k` for.
#[no_mangle]
pub extern "C" fn closc_prim_pct_eval_object(k: Value) -> Value {
    let i = fixnum_value(k) as usize;
    let found =
        OBJECTS.with(|o| (is_fixnum(k) && i < o.len).then(|| o.chunks[i / CHUNK][i % CHUNK]));
    match found {
        Some(v) => v,
        None => error::type_error("%eval-object", "kept object index", k),
    }
}
