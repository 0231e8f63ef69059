//! `closc repl` (and `closc run -e`): compile and run one input at a time in
//! one process, keeping the top-level state between inputs.
//!
//! In: lines from a terminal (rustyline: editing, history in
//! `~/.closc_history`) or from a pipe. Out: each complete input (parentheses
//! balanced) is read; each of its top-level forms is compiled on its own into
//! a fresh JIT module and run at once, and its value, unless unspecified, is
//! printed with `write`.
//!
//! Incremental compilation: a `Session` keeps
//! - the top level (`pipeline::TopLevel`): the expander's (macros, records'
//!   syntax, hidden globals of macro expansions) and the globals (`TopEnv`):
//!   every global ever defined or referenced keeps its `GlobalId` for the
//!   session, so a name unbound in one input may be defined by a later one;
//!   an input is compiled against it, and it is updated only when the input
//!   compiled;
//! - one global table (`MAX_GLOBALS` words, never moved) that every module
//!   imports as the data symbol `closc_globals` (`ir::Link::external_globals`)
//!   and whose used prefix is registered with the collector as roots;
//! - every JIT module (code and quoted constants must outlive the closures
//!   made from them), and the number of lambdas so far, so lambda ids (and so
//!   procedure names in messages) stay unique (`Link::earlier_lambda_names`).
//!
//! In the REPL every user global counts as assigned: calls between top-level
//! procedures go through the global binding, so redefining a helper changes
//! its callers (a whole-file compile would make those calls direct).
//!
//! Errors: reader and compile errors are printed and the input is dropped;
//! a runtime error ends only the evaluation (see `closcrt::control::session`), keeping
//! what it had done; Ctrl-C stops a running evaluation (same mechanism).
//! The expander's state is not `Send`, so the session compiles on the thread
//! it was made on, which must have the Scheme stack (`closc repl` and `closc
//! run -e` run under `closcrt::control::run::on_scheme_stack`).

use crate::datum::SourceFile;
use crate::diagnostics;
use crate::driver::jit;
use crate::explain;
use crate::ir::Link;
use crate::libraries::SearchPath;
use crate::pipeline::{compile, Compiled, Options, TopLevel, Warnings};
use crate::reader;
use closcrt::control::session::{self, Outcome};
use cranelift_jit::JITModule;
use std::io::{BufRead, IsTerminal, Write};

/// Capacity of the session's global table, in globals.
pub const MAX_GLOBALS: usize = 1 << 16;

const HELP: &str = "\
Type Scheme forms; each is compiled and run when its parentheses balance,
and its value is printed. Definitions persist; redefining a procedure
changes its callers.
  ,help           this text
  ,quit           leave (also Ctrl-D)
  ,load FILE      compile and run FILE in this session
  ,explain EXPR   what the closures of EXPR cost (see `closc explain`)
  ,env            the names defined so far
Ctrl-C interrupts a running evaluation; a runtime error ends only the
evaluation. Macros persist too; a name used before any input defines it
is a warning, and an error only when evaluated.";

/// Why an input did not compile.
pub enum InputError {
    /// Compile errors, against the input's sources.
    Compile(
        crate::sources::Sources,
        Vec<crate::diagnostics::CompileError>,
    ),
    Other(String),
}

pub struct Session {
    env: TopLevel,
    globals: Box<[u64]>,
    /// Globals registered with the collector so far (a prefix of `globals`).
    registered: usize,
    /// Names of every lambda compiled so far, by (session-wide) id.
    pub lambda_names: Vec<String>,
    modules: Vec<JITModule>,
    opt_level: &'static str,
    warnings: Warnings,
    /// Where `(import ...)` finds library files.
    pub search: SearchPath,
    /// An input may not define anything (`environment`'s environments).
    pub immutable: bool,
}

impl Session {
    pub fn new(opt_level: &'static str, warnings: Warnings) -> Session {
        session::start();
        Session::detached(opt_level, warnings, TopLevel::default(), MAX_GLOBALS)
    }

    /// A session that only compiles (`eval`'s environments, inside a running
    /// program): it starts from `env`, holds at most `max_globals` globals,
    /// and installs no error recovery.
    pub fn detached(
        opt_level: &'static str,
        warnings: Warnings,
        env: TopLevel,
        max_globals: usize,
    ) -> Session {
        Session {
            env,
            globals: vec![closcrt::memory::value::UNBOUND; max_globals].into_boxed_slice(),
            registered: 0,
            lambda_names: Vec::new(),
            modules: Vec::new(),
            opt_level,
            warnings,
            search: SearchPath::default(),
            immutable: false,
        }
    }

    /// Evaluates `text`: with `print`, form by form, printing each value;
    /// without, as one program (`,load`). Returns false on any error.
    pub fn eval_text(&mut self, name: &str, text: &str, print: bool) -> bool {
        if !print {
            return self.eval_file(&SourceFile::new(name, text), false);
        }
        let whole = SourceFile::new(name, text);
        let datums = match reader::read_program(&whole) {
            Ok(d) => d,
            Err(e) => {
                diagnostics::emit(&whole, &[e]);
                return false;
            }
        };
        for d in &datums {
            // Blank out everything but this form, keeping line breaks, so
            // positions in messages are those of the input.
            let (lo, hi) = (d.span.lo as usize, d.span.hi as usize);
            let masked: String = text
                .char_indices()
                .map(|(i, c)| {
                    if (lo..hi).contains(&i) || c == '\n' {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            if !self.eval_file(&SourceFile::new(name, masked), true) {
                return false;
            }
        }
        true
    }

    fn eval_file(&mut self, file: &SourceFile, print: bool) -> bool {
        let entry = match self.compile_input(file, self.warnings, false) {
            Ok(entry) => entry,
            Err(InputError::Compile(sources, errors)) => {
                sources.emit(&errors);
                return false;
            }
            Err(InputError::Other(msg)) => {
                eprintln!("error: {msg}");
                return false;
            }
        };
        // SAFETY: a C-convention `closc_entry` (no `eval_entry`), with no
        // parameters and one i64 result, in a module the session keeps.
        let entry: extern "C" fn() -> u64 = unsafe { std::mem::transmute(entry) };
        let _ = std::io::stdout().flush();
        session::take_interrupt();
        session::eval(entry, print, session::take_interrupt) == Outcome::Done
    }

    /// Compiles `file` against the session and links it in (its globals
    /// registered, the top level extended): the address of its
    /// `closc_entry`, a C function or, with `eval_entry`, a Scheme
    /// procedure of no arguments (`ir::Link::eval_entry`). Warnings are
    /// printed as `warnings` says.
    pub(crate) fn compile_input(
        &mut self,
        file: &SourceFile,
        warnings: Warnings,
        eval_entry: bool,
    ) -> Result<*const u8, InputError> {
        let mut env = self.env.clone();
        let mut out = compile(
            std::slice::from_ref(file),
            Options {
                dump_after: None,
                env: Some(&mut env),
                search: self.search.clone(),
            },
        );
        let sources = std::mem::take(&mut out.sources);
        let (result, shown) = out.apply(warnings);
        sources.emit_warnings(&shown);
        let mut program = match result {
            Ok(Compiled::Program(p)) => p,
            Ok(Compiled::Dump(_)) => unreachable!("no dump asked for"),
            Err(errors) => return Err(InputError::Compile(sources, errors)),
        };
        if self.immutable {
            let before: std::collections::HashSet<&str> = self.env.names.defined_names().collect();
            let mut new: Vec<&str> = env
                .names
                .defined_names()
                .filter(|n| !before.contains(n))
                .map(crate::expand::written_global_name)
                .collect();
            if !new.is_empty() {
                new.sort();
                return Err(InputError::Other(format!(
                    "cannot define {} in an immutable environment",
                    new.join(" ")
                )));
            }
        }
        if program.globals.len() > self.globals.len() {
            return Err(InputError::Other(format!(
                "more than {} top-level definitions in this session",
                self.globals.len()
            )));
        }
        program.link = Link {
            external_globals: true,
            earlier_lambda_names: std::mem::take(&mut self.lambda_names),
            eval_entry,
        };
        let table = self.globals.as_mut_ptr();
        let compiled = jit::compile(
            &program,
            self.opt_level,
            &[("closc_globals", table as *const u8)],
        );
        self.lambda_names = std::mem::take(&mut program.link.earlier_lambda_names);
        let (module, entry) = match compiled {
            Ok(m) => m,
            Err(e) => return Err(InputError::Other(format!("internal error: {e}"))),
        };
        let n = program.globals.len();
        if n > self.registered {
            // SAFETY: `registered..n` is inside the table, which lives (and
            // never moves) as long as the session.
            closcrt::memory::heap::closc_rt_register_globals(
                unsafe { table.add(self.registered) },
                (n - self.registered) as u64,
            );
            self.registered = n;
        }
        self.env = env;
        self.lambda_names
            .extend(program.functions.iter().map(|f| f.name.clone()));
        self.modules.push(module);
        Ok(entry as *const u8)
    }

    /// `,explain EXPR`: the closure report of `text`, compiled against the
    /// session's definitions but not run (the session is unchanged).
    pub fn explain(&self, text: &str) -> bool {
        let file = SourceFile::new("<explain>", text);
        let mut env = self.env.clone();
        let out = compile(
            std::slice::from_ref(&file),
            Options {
                dump_after: None,
                env: Some(&mut env),
                search: self.search.clone(),
            },
        );
        match out.result {
            Ok(Compiled::Program(p)) => {
                let sources = crate::sources::Sources::new(std::slice::from_ref(&file));
                print!("{}", explain::render_table(&explain::explain(&p, &sources)));
                true
            }
            Ok(Compiled::Dump(_)) => unreachable!("no dump asked for"),
            Err(errors) => {
                diagnostics::emit(&file, &errors);
                false
            }
        }
    }
}

/// Whether `text` is a complete input: every parenthesis closed, no string,
/// `|symbol|` or block comment left open. (Too many closing parentheses also
/// count as complete: the reader reports them.)
pub fn is_complete(text: &str) -> bool {
    let mut depth: i64 = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ';' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' | '|' => {
                let mut closed = false;
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == c {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    return false;
                }
            }
            '#' => match chars.peek() {
                Some('\\') => {
                    chars.next();
                    chars.next();
                }
                Some('|') => {
                    chars.next();
                    let mut nest = 1;
                    let mut prev = ' ';
                    while nest > 0 {
                        let Some(d) = chars.next() else {
                            return false;
                        };
                        match (prev, d) {
                            ('|', '#') => {
                                nest -= 1;
                                prev = ' ';
                            }
                            ('#', '|') => {
                                nest += 1;
                                prev = ' ';
                            }
                            _ => prev = d,
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    depth <= 0
}

/// Whether `text` holds nothing but whitespace and comments.
fn is_blank(text: &str) -> bool {
    let file = SourceFile::new("<repl>", text);
    matches!(reader::read_program(&file), Ok(d) if d.is_empty())
}

enum Next {
    Continue,
    Quit,
}

/// Handles one complete input: a `,command` or Scheme forms.
fn handle(session: &mut Session, input: &str, ok: &mut bool) -> Next {
    let trimmed = input.trim();
    if let Some(command) = trimmed.strip_prefix(',') {
        let (cmd, arg) = command
            .split_once(char::is_whitespace)
            .map_or((command, ""), |(c, a)| (c, a.trim()));
        match cmd {
            "q" | "quit" | "exit" => return Next::Quit,
            "h" | "help" | "?" => println!("{HELP}"),
            "load" | "l" => match std::fs::read_to_string(arg) {
                Ok(text) => *ok &= session.eval_text(arg, &text, false),
                Err(e) => {
                    eprintln!("error: cannot read {arg}: {e}");
                    *ok = false;
                }
            },
            "explain" | "e" => *ok &= session.explain(arg),
            "env" => println!("{}", session.env.names.user_names().join(" ")),
            _ => {
                eprintln!("error: unknown command `,{cmd}` (,help lists them)");
                *ok = false;
            }
        }
        return Next::Continue;
    }
    if !is_blank(input) {
        *ok &= session.eval_text("<repl>", input, true);
    }
    Next::Continue
}

/// `closc run -e EXPR`: evaluates the forms of `text`, printing their
/// values; returns the exit status (0, or 1 after an error).
pub fn eval_once(
    text: &str,
    opt_level: &'static str,
    warnings: Warnings,
    search: SearchPath,
) -> i32 {
    let mut session = Session::new(opt_level, warnings);
    session.search = search;
    let ok = session.eval_text("<expr>", text, true);
    closcrt::io::output::flush();
    if ok {
        0
    } else {
        1
    }
}

/// The REPL; returns the exit status.
pub fn run(warnings: Warnings, search: SearchPath) -> i32 {
    closcrt::control::run::set_program_args(vec!["closc".to_string()]);
    let mut session = Session::new("speed", warnings);
    session.search = search;
    if !std::io::stdin().is_terminal() {
        return run_piped(&mut session);
    }
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: cannot start line editing: {e}");
            return 1;
        }
    };
    let history = std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".closc_history"));
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    println!(
        "closc {} -- ,help for help, Ctrl-D to leave",
        env!("CARGO_PKG_VERSION")
    );
    let mut buffer = String::new();
    let mut ok = true;
    loop {
        let prompt = if buffer.is_empty() {
            "closc> "
        } else {
            "  ...> "
        };
        match editor.readline(prompt) {
            Ok(line) => {
                buffer.push_str(&line);
                buffer.push('\n');
                if !buffer.trim_start().starts_with(',') && !is_complete(&buffer) {
                    continue;
                }
                let input = std::mem::take(&mut buffer);
                if !input.trim().is_empty() {
                    let _ = editor.add_history_entry(input.trim_end());
                    if let Some(h) = &history {
                        // Saved at once, so that `(exit)` keeps it too.
                        let _ = editor.save_history(h);
                    }
                }
                if let Next::Quit = handle(&mut session, &input, &mut ok) {
                    break;
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => buffer.clear(),
            Err(rustyline::error::ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                return 1;
            }
        }
    }
    0
}

/// Input from a pipe or file: no prompts, no line editing; the exit status
/// is 1 if any input failed.
fn run_piped(session: &mut Session) -> i32 {
    let mut buffer = String::new();
    let mut ok = true;
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        buffer.push_str(&line);
        buffer.push('\n');
        if !buffer.trim_start().starts_with(',') && !is_complete(&buffer) {
            continue;
        }
        let input = std::mem::take(&mut buffer);
        if let Next::Quit = handle(session, &input, &mut ok) {
            return i32::from(!ok);
        }
    }
    if !buffer.trim().is_empty() {
        handle(session, &buffer, &mut ok);
    }
    i32::from(!ok)
}

#[cfg(test)]
mod tests {
    use super::is_complete;

    #[test]
    fn completeness() {
        assert!(is_complete("(+ 1 2)\n"));
        assert!(!is_complete("(define (f x)\n"));
        assert!(is_complete("(display \"(\")"));
        assert!(!is_complete("(display \"abc"));
        assert!(is_complete("(list #\\( 1)"));
        assert!(is_complete("; (\n42"));
        assert!(!is_complete("#| ( |# (a"));
        assert!(!is_complete("#| #| |# (a) "));
        assert!(is_complete("'|a(b|"));
        assert!(is_complete("(a))"));
    }
}
