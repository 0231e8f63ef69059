//! `eval`, `environment`, `interaction-environment` and `load` in a running
//! program: the compiler's half (the runtime's is
//! `closcrt::control::eval`, whose hooks `install` sets).
//!
//! In: a datum (a heap value) or a file name, and an environment number.
//! Out: the address of a compiled Scheme procedure of no arguments that
//! evaluates it (`ir::Link::eval_entry`), which the prelude's `eval` calls;
//! or an error message naming the position in the written datum or file.
//!
//! Each environment is a REPL session (`repl::Session`, detached: no error
//! recovery of its own), so definitions made by `eval` persist in it as in
//! the REPL. `(environment SET...)` is a strict top level (as an R7RS
//! program's) whose first input is `(import SET...)`: exactly those
//! bindings. Environments with the same import sets are one environment.
//! `interaction-environment` is a script's top level: every standard
//! library and closc's extras. It does not see the running program's own
//! globals: R7RS `eval` sees the environment's bindings only, and an
//! executable keeps no names for its globals; the program passes its
//! procedures in as values instead (`(eval (list f 1) env)`).
//!
//! The datum is compiled from its written form (`<eval>`, so a compile
//! error has a line and column in it). Objects that have no written form
//! (procedures, records, ports...) are kept by the runtime and written as
//! `(closc:eval-object K)`, a name every environment binds to the builtin
//! that returns them; inside a quoted datum they are an error. Every
//! lambda compiled in the process has its own id: the environments share
//! one list of lambda names, which starts with the running program's.

use crate::datum::SourceFile;
use crate::libraries::SearchPath;
use crate::pipeline::{TopLevel, Warnings};
use crate::repl::{InputError, Session};
use closcrt::control::eval::{self as rt, Compiled, EvalHooks, LoadError};
use closcrt::memory::value::*;
use std::collections::HashMap;
use std::sync::Mutex;

/// Globals one `environment` may hold (the interaction environment holds
/// as many as a REPL session).
const ENVIRONMENT_GLOBALS: usize = 1 << 14;

/// The name every environment binds to `%eval-object`.
const OBJECT_REF: &str = "closc:eval-object";

/// At most this many pairs and vector elements in one evaluated datum: a
/// bound that also stops the walk of a circular one.
const MAX_DATUM_NODES: usize = 10_000_000;

struct Environments {
    sessions: Vec<Session>,
    /// The environment made for each list of import sets, by its text.
    by_imports: HashMap<String, u64>,
    interaction: Option<u64>,
    /// Every lambda name in the process, by id.
    lambda_names: Vec<String>,
}

struct Config {
    search: SearchPath,
    opt_level: &'static str,
}

/// Set by `install` on any thread.
static CONFIG: Mutex<Option<Config>> = Mutex::new(None);

/// The environments, made on first use. The REPL runs each input on a
/// thread of its own, so they cannot be thread-local.
static ENVIRONMENTS: Mutex<Option<OneThreadAtATime>> = Mutex::new(None);

struct OneThreadAtATime(Environments);

// SAFETY: sessions hold `Rc`s (the expander's state), which are not `Send`.
// Only a Scheme thread touches them, from a builtin, under the mutex, and
// one Scheme thread runs at a time (a program has one; the REPL starts the
// next evaluation's only after the last one finished or stopped for good),
// so no two threads ever use those `Rc`s at once.
unsafe impl Send for OneThreadAtATime {}

/// Makes `eval` and its friends work in this process: code they compile
/// finds libraries on `search`.
pub fn install(search: SearchPath, opt_level: &'static str) {
    *CONFIG.lock().unwrap_or_else(|e| e.into_inner()) = Some(Config { search, opt_level });
    rt::install(EvalHooks {
        environment,
        interaction,
        compile,
        load,
    });
}

fn with_environments<T>(f: impl FnOnce(&mut Environments, &Config) -> T) -> T {
    let config = CONFIG.lock().unwrap_or_else(|e| e.into_inner());
    let config = config.as_ref().expect("eval::install ran");
    let mut envs = ENVIRONMENTS.lock().unwrap_or_else(|e| e.into_inner());
    let envs = envs.get_or_insert_with(|| {
        OneThreadAtATime(Environments {
            sessions: Vec::new(),
            by_imports: HashMap::new(),
            interaction: None,
            lambda_names: closcrt::memory::heap::lambda_names(),
        })
    });
    f(&mut envs.0, config)
}

fn new_session(envs: &mut Environments, config: &Config, mut top: TopLevel, max: usize) -> u64 {
    top.syntax.bind_builtin(OBJECT_REF, "%eval-object");
    let mut session = Session::detached(config.opt_level, Warnings::Hide, top, max);
    session.search = config.search.clone();
    envs.sessions.push(session);
    (envs.sessions.len() - 1) as u64
}

/// Compiles `file` in environment `env`; the closure's code and lambda id.
fn compile_in(envs: &mut Environments, env: u64, file: &SourceFile) -> Result<Compiled, String> {
    let session = envs
        .sessions
        .get_mut(env as usize)
        .ok_or_else(|| format!("no environment number {env}"))?;
    session.lambda_names = std::mem::take(&mut envs.lambda_names);
    let result = session.compile_input(file, Warnings::Hide, true);
    envs.lambda_names = std::mem::take(&mut session.lambda_names);
    match result {
        Ok(code) => {
            // The closure that runs the input is a lambda of its own.
            let lambda_id = envs.lambda_names.len() as u64;
            envs.lambda_names.push(String::new());
            Ok(Compiled {
                code: code as usize,
                lambda_id,
            })
        }
        Err(InputError::Compile(sources, errors)) => match errors.first() {
            // The first error, as `FILE:LINE:COL: MESSAGE` (the others
            // often follow from it).
            Some(e) => {
                let (file, span) = sources.locate(e.span);
                let (line, col) = file.line_col(span.lo);
                Err(format!("{}:{line}:{col}: {}", file.name, e.message))
            }
            None => Err("the expression does not compile".into()),
        },
        Err(InputError::Other(msg)) => Err(msg),
    }
}

fn environment(specs: Value) -> Result<(u64, Option<Compiled>), String> {
    let mut sets = Vec::new();
    let mut rest = specs;
    while is_pair(rest) {
        sets.push(written(car(rest)));
        rest = cdr(rest);
    }
    let key = sets.join(" ");
    with_environments(|envs, config| {
        if let Some(&n) = envs.by_imports.get(&key) {
            return Ok((n, None));
        }
        let top = TopLevel {
            names: Default::default(),
            syntax: crate::expand::TopSyntax::strict(),
        };
        let n = new_session(envs, config, top, ENVIRONMENT_GLOBALS);
        // No import set: the empty environment, where only calls work.
        let run = if sets.is_empty() {
            None
        } else {
            let file = SourceFile::new("<environment>", format!("(import {key})"));
            Some(compile_in(envs, n, &file)?)
        };
        // R7RS 6.12: "the bindings of the environment ... are immutable,
        // as is the environment itself".
        envs.sessions[n as usize].immutable = true;
        envs.by_imports.insert(key, n);
        Ok((n, run))
    })
}

fn interaction() -> u64 {
    with_environments(|envs, config| match envs.interaction {
        Some(n) => n,
        None => {
            let n = new_session(envs, config, TopLevel::default(), crate::repl::MAX_GLOBALS);
            envs.interaction = Some(n);
            n
        }
    })
}

fn compile(expr: Value, env: u64) -> Result<Compiled, String> {
    let mut text = String::new();
    let mut budget = MAX_DATUM_NODES;
    write_datum(&mut text, expr, false, &mut budget)?;
    let file = SourceFile::new("<eval>", text);
    with_environments(|envs, _| compile_in(envs, env, &file))
}

fn load(path: &str, env: u64) -> Result<Compiled, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let reason = match e.raw_os_error() {
            Some(errno) => closcrt::error::os_reason(errno),
            None => e.to_string(),
        };
        LoadError::File(format!("cannot open {path}: {reason}"))
    })?;
    let file = SourceFile::new(path, text);
    with_environments(|envs, _| compile_in(envs, env, &file)).map_err(LoadError::Compile)
}

/// `v` as `write` writes it.
fn written(v: Value) -> String {
    let mut out = Vec::new();
    closcrt::io::printer::print(&mut out, v, true);
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `v` is data `write` writes as text the reader reads back.
fn has_written_form(v: Value) -> bool {
    v == FALSE
        || v == TRUE
        || v == NIL
        || is_char(v)
        || is_symbol(v)
        || is_string(v)
        || is_bytevector(v)
        || closcrt::numbers::is_number(v)
}

fn spend(budget: &mut usize) -> Result<(), String> {
    *budget = budget
        .checked_sub(1)
        .ok_or("the expression is circular or too large")?;
    Ok(())
}

/// Writes `v` for the compiler: data as `write` does, other objects as a
/// reference to the kept object (an error where they would be quoted).
fn write_datum(out: &mut String, v: Value, quoted: bool, budget: &mut usize) -> Result<(), String> {
    if is_pair(v) {
        spend(budget)?;
        let quoted = quoted || car(v) == closcrt::memory::heap::intern("quote");
        out.push('(');
        write_datum(out, car(v), quoted, budget)?;
        let mut rest = cdr(v);
        while is_pair(rest) {
            spend(budget)?;
            out.push(' ');
            write_datum(out, car(rest), quoted, budget)?;
            rest = cdr(rest);
        }
        if rest != NIL {
            out.push_str(" . ");
            write_datum(out, rest, quoted, budget)?;
        }
        out.push(')');
    } else if is_vector(v) {
        out.push_str("#(");
        for i in 0..vector_len(v) {
            spend(budget)?;
            if i > 0 {
                out.push(' ');
            }
            write_datum(out, field(v, i + 1), true, budget)?;
        }
        out.push(')');
    } else if has_written_form(v) {
        out.push_str(&written(v));
    } else if quoted {
        return Err(format!(
            "cannot quote {} in an evaluated expression",
            written(v)
        ));
    } else {
        let k = rt::keep_object(v);
        out.push_str(&format!("({OBJECT_REF} {k})"));
    }
    Ok(())
}
