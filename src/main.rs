//! The `closc` command line: `run` (JIT), `build` (AOT), `check`, `explain`
//! and `repl`. Usage errors (unknown flags, missing files) print one line and
//! exit with status 2; compile errors exit with 1; a program's own status is
//! passed through.

use clap::{Parser, Subcommand, ValueEnum};
use closc::datum::SourceFile;
use closc::pipeline::{self, compile, Compiled, Options};
use closc::{driver, explain, repl};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "closc",
    version,
    about = "A Scheme compiler whose heart is closures (Cranelift JIT and AOT)",
    after_help = "Examples:\n  closc run examples/hello.scm\n  closc run -e '(display (* 6 7))'\n  closc build examples/fib.scm -o fib && ./fib\n  closc check prog.scm\n  closc explain examples/counter.scm\n  closc repl"
)]
struct Cli {
    /// Warnings: `all` (default) shows them, `none` hides them, `error`
    /// makes each one an error (compilation fails, status 1).
    #[arg(
        short = 'W',
        long = "warnings",
        value_enum,
        default_value = "all",
        global = true
    )]
    warnings: Warnings,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Warnings {
    All,
    None,
    Error,
}

impl Warnings {
    fn mode(self) -> pipeline::Warnings {
        match self {
            Warnings::All => pipeline::Warnings::Show,
            Warnings::None => pipeline::Warnings::Hide,
            Warnings::Error => pipeline::Warnings::Fail,
        }
    }
}

/// Cranelift optimisation level.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OptLevel {
    /// No optimisation (fastest compile).
    #[value(name = "0")]
    O0,
    /// Same as 2.
    #[value(name = "1")]
    O1,
    /// Optimise for speed (default).
    #[value(name = "2")]
    O2,
    /// Optimise for speed and size.
    #[value(name = "s")]
    Os,
}

impl OptLevel {
    fn cranelift(self) -> &'static str {
        match self {
            OptLevel::O0 => "none",
            OptLevel::O1 | OptLevel::O2 => "speed",
            OptLevel::Os => "speed_and_size",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// A linked, standalone executable (default).
    Exe,
    /// The object file, before linking with the runtime.
    Obj,
    /// Disassembly of the object file (runs `objdump -d`).
    Asm,
    /// Cranelift IR of every function, before optimisation.
    Clif,
}

#[derive(Subcommand)]
enum Command {
    /// JIT-compile a Scheme program and run it.
    #[command(
        after_help = "Examples:\n  closc run examples/hello.scm\n  closc run prog.scm -- arg1 arg2     # (command-line) => (\"prog.scm\" \"arg1\" \"arg2\")\n  closc run -e '(display (+ 1 2))'\n  closc run -e '(map (lambda (x) (* x x)) (list 1 2 3))'   # prints (1 4 9)\n  closc run -O0 examples/fib.scm\n  closc run --dump-after=convert-closures examples/counter.scm"
    )]
    Run {
        /// The program (omit with -e).
        #[arg(required_unless_present = "eval", conflicts_with = "eval")]
        file: Option<PathBuf>,
        /// Evaluate EXPR (one or more forms) instead of a file; the value of
        /// each form that is not unspecified is printed with `write`, as the
        /// REPL does.
        #[arg(short, long, value_name = "EXPR")]
        eval: Option<String>,
        /// Arguments for the program (after `--`); `(command-line)` is FILE
        /// followed by them.
        #[arg(last = true)]
        args: Vec<String>,
        /// Print the program after this pass instead of running it.
        #[arg(long, value_name = "PASS", value_parser = clap::builder::PossibleValuesParser::new(pipeline::dump_names()))]
        dump_after: Option<String>,
        /// Optimisation level.
        #[arg(short = 'O', value_enum, default_value = "2")]
        opt: OptLevel,
    },
    /// Compile a Scheme program to a standalone executable (or object, assembly, IR).
    #[command(
        after_help = "Examples:\n  closc build examples/hello.scm -o hello && ./hello\n  closc build -O0 examples/fib.scm -o fib\n  closc build --emit asm examples/fib.scm -o fib.s\n  closc build --emit clif examples/counter.scm -o -      # IR on stdout\n\nThe runtime library libcloscrt.a is found next to the closc executable,\nin PREFIX/lib/closc for an installed closc, or at $CLOSC_RUNTIME;\nthe linker is $CC (default cc)."
    )]
    Build {
        file: PathBuf,
        /// The file to write (default: FILE without .scm, plus .o/.s/.clif
        /// for --emit obj/asm/clif); `-` writes asm or clif to stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Optimisation level.
        #[arg(short = 'O', value_enum, default_value = "2")]
        opt: OptLevel,
        /// What to write.
        #[arg(long, value_enum, default_value = "exe")]
        emit: Emit,
    },
    /// Read, expand and compile without running; report every error found.
    #[command(
        after_help = "Exits with 0 when every file compiles (warnings do not count unless -W error), 1 otherwise.\n\nExamples:\n  closc check prog.scm\n  closc check -W none src/*.scm"
    )]
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Report what each closure costs: free variables, boxes, record size, direct calls.
    #[command(
        after_help = "Examples:\n  closc explain examples/counter.scm\n  closc explain --json examples/bank-account.scm | jq '.lambdas[].free'\n\nThe JSON schema is documented in src/explain.rs (version 1; fields are only added)."
    )]
    Explain {
        file: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Interactive read-eval-print loop (each input is JIT-compiled and run).
    #[command(
        after_help = "Commands: ,help ,quit ,load FILE ,explain EXPR ,env. History: ~/.closc_history.\n\nExamples:\n  closc repl\n  echo '(+ 1 2)' | closc repl"
    )]
    Repl,
}

fn load(path: &Path) -> Result<SourceFile, ExitCode> {
    match closc::reader::load_source(path) {
        Ok(text) => Ok(SourceFile::new(path.display().to_string(), text)),
        Err(closc::reader::LoadError::Nul { line, col }) => {
            let msg = "a NUL byte: not valid in source text";
            eprintln!("{}:{line}:{col}: error: {msg}", path.display());
            Err(ExitCode::from(1))
        }
        Err(closc::reader::LoadError::Io(e)) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            Err(ExitCode::from(2))
        }
    }
}

/// Compiles the program made of `files`, printing warnings (as `-W`
/// says) and errors.
fn front_end(
    files: &[SourceFile],
    dump_after: Option<&str>,
    warnings: Warnings,
) -> Result<Compiled, ExitCode> {
    let mut out = compile(
        files,
        Options {
            dump_after,
            env: None,
        },
    );
    let sources = std::mem::take(&mut out.sources);
    let (result, shown) = out.apply(warnings.mode());
    sources.emit_warnings(&shown);
    result.map_err(|errors| {
        sources.emit(&errors);
        ExitCode::from(1)
    })
}

fn internal_error(msg: String) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(70)
}

fn parse_cli() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        use clap::error::ErrorKind;
        match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
            _ => {
                // One line: clap's first line, without its usage block.
                let text = e.render().to_string();
                let first = text.lines().next().unwrap_or("error: bad usage").trim_end();
                eprintln!("{first} (see `closc --help`)");
                ExitCode::from(2)
            }
        }
    })
}

/// The system allocator, except that running out of memory is a clean error
/// (message, status 1) rather than Rust's abort: under `ulimit -v` the
/// compiler's own allocations fail like the program's.
struct ExitOnOutOfMemory;

// SAFETY: every call is forwarded to `System`, which upholds the contract;
// a null result (failure) never returns to the caller.
unsafe impl std::alloc::GlobalAlloc for ExitOnOutOfMemory {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as the trait requires of the caller.
        not_null(unsafe { std::alloc::System.alloc(layout) }, layout.size())
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as the trait requires of the caller.
        not_null(
            unsafe { std::alloc::System.alloc_zeroed(layout) },
            layout.size(),
        )
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        // SAFETY: as the trait requires of the caller.
        not_null(unsafe { std::alloc::System.realloc(ptr, layout, new) }, new)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: as the trait requires of the caller.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

/// `p`, unless the allocation of `bytes` failed: then the message and exit.
fn not_null(p: *mut u8, bytes: usize) -> *mut u8 {
    if p.is_null() {
        use std::io::Write;
        // Unbuffered and formatted without allocating.
        let mut err = std::io::stderr();
        let _ = writeln!(
            err,
            "error: out of memory (the system refused {bytes} bytes; `ulimit -v`?)"
        );
        std::process::exit(1);
    }
    p
}

#[global_allocator]
static ALLOCATOR: ExitOnOutOfMemory = ExitOnOutOfMemory;

fn main() -> ExitCode {
    // Every command does its work on one thread with the Scheme stack, so the
    // expander needs no thread of its own (and the REPL's expander, whose
    // state persists from input to input and is not `Send`, can run at all);
    // the program runs there too, except in the REPL, which runs each input
    // on a session thread of its own. Parsing the command line runs there
    // too: the main thread has what `ulimit -s` leaves, which may be too
    // little for it (16 KiB overflowed).
    closcrt::control::run::on_scheme_stack(|| {
        let cli = match parse_cli() {
            Ok(cli) => cli,
            Err(code) => return code,
        };
        run_command(cli.command, cli.warnings)
    })
}

fn run_command(command: Command, warnings: Warnings) -> ExitCode {
    match command {
        Command::Run {
            file: None,
            eval: Some(expr),
            args,
            opt,
            ..
        } => {
            closcrt::control::run::set_program_args(
                std::iter::once("closc".to_string()).chain(args).collect(),
            );
            let code = repl::eval_once(&expr, opt.cranelift(), warnings.mode());
            ExitCode::from(code as u8)
        }
        Command::Run {
            file,
            args,
            dump_after,
            opt,
            ..
        } => {
            let Some(path) = file else {
                unreachable!("clap requires FILE or -e")
            };
            let file = match load(&path) {
                Ok(f) => f,
                Err(code) => return code,
            };
            match front_end(std::slice::from_ref(&file), dump_after.as_deref(), warnings) {
                Err(code) => code,
                Ok(Compiled::Dump(text)) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Ok(Compiled::Program(program)) => {
                    let mut command_line = vec![path.display().to_string()];
                    command_line.extend(args);
                    closcrt::control::run::set_program_args(command_line);
                    match driver::jit::run(&program, opt.cranelift()) {
                        Ok(status) => ExitCode::from(status as u8),
                        Err(e) => internal_error(e),
                    }
                }
            }
        }
        Command::Build {
            file: path,
            output,
            opt,
            emit,
        } => {
            let file = match load(&path) {
                Ok(f) => f,
                Err(code) => return code,
            };
            let program = match front_end(std::slice::from_ref(&file), None, warnings) {
                Err(code) => return code,
                Ok(Compiled::Dump(_)) => unreachable!("build never asks for a dump"),
                Ok(Compiled::Program(program)) => program,
            };
            let output = output.unwrap_or_else(|| {
                let stem = path.with_extension("");
                match emit {
                    Emit::Exe => stem,
                    Emit::Obj => stem.with_extension("o"),
                    Emit::Asm => stem.with_extension("s"),
                    Emit::Clif => stem.with_extension("clif"),
                }
            });
            let result = match emit {
                Emit::Exe => driver::aot::build(&program, &output, opt.cranelift()),
                Emit::Obj => driver::aot::compile_object(&program, opt.cranelift())
                    .and_then(|bytes| write_output(&output, &bytes)),
                Emit::Asm => driver::aot::disassemble(&program, opt.cranelift())
                    .and_then(|text| write_output(&output, text.as_bytes())),
                Emit::Clif => driver::aot::compile_clif(&program, opt.cranelift())
                    .and_then(|text| write_output(&output, text.as_bytes())),
            };
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => internal_error(e),
            }
        }
        Command::Check { files } => {
            let mut status = ExitCode::SUCCESS;
            for path in files {
                let file = match load(&path) {
                    Ok(f) => f,
                    Err(code) => return code,
                };
                // Each file is a program of its own.
                let files = std::slice::from_ref(&file);
                let mut out = compile(files, Options::default());
                let sources = &std::mem::take(&mut out.sources);
                let (result, shown) = out.apply(warnings.mode());
                sources.emit_warnings(&shown);
                match result {
                    Ok(_) => {}
                    Err(errors) => {
                        sources.emit(&errors);
                        eprintln!(
                            "{}: {} error{}",
                            file.name,
                            errors.len(),
                            if errors.len() == 1 { "" } else { "s" }
                        );
                        status = ExitCode::from(1);
                    }
                }
            }
            status
        }
        Command::Explain { file: path, json } => {
            let file = match load(&path) {
                Ok(f) => f,
                Err(code) => return code,
            };
            match front_end(std::slice::from_ref(&file), None, warnings) {
                Err(code) => code,
                Ok(Compiled::Dump(_)) => unreachable!("explain never asks for a dump"),
                Ok(Compiled::Program(program)) => {
                    let report = explain::explain(&program, &file);
                    if json {
                        print!("{}", explain::render_json(&report));
                    } else {
                        print!("{}", explain::render_table(&report));
                    }
                    ExitCode::SUCCESS
                }
            }
        }
        Command::Repl => ExitCode::from(repl::run(warnings.mode()) as u8),
    }
}

fn write_output(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    if path.as_os_str() == "-" {
        return std::io::stdout()
            .write_all(bytes)
            .map_err(|e| format!("cannot write to stdout: {e}"));
    }
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
