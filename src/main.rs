//! The `closc` command line: `run` (JIT), `build` (AOT), `check`, `explain`
//! and `repl`. Exit statuses (README, "Exit statuses"): 0 success; 1 a
//! compile error or an uncaught Scheme error; 2 a usage error (unknown flags,
//! missing or unreadable input files, an output that would overwrite an
//! input), one line on stderr; 3 the environment failed (no linker, an
//! unwritable output, no runtime library); 70 an internal error (a bug in
//! closc) only. A program's own `(exit N)` is passed through.

use clap::{Parser, Subcommand, ValueEnum};
use closc::datum::SourceFile;
use closc::driver::output::BuildError;
use closc::libraries::SearchPath;
use closc::pipeline::{self, compile, Compiled, Options};
use closc::sources::Sources;
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
    /// Look for libraries in DIR, before CLOSC_LIBRARY_PATH and the bundled
    /// libraries (after the importing file's directory); repeatable.
    #[arg(short = 'I', value_name = "DIR", global = true)]
    include: Vec<PathBuf>,
    /// Look for libraries in DIR after every other place; repeatable.
    #[arg(short = 'A', value_name = "DIR", global = true)]
    append: Vec<PathBuf>,
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
        /// The program (omit with -e; `-` reads it from standard input).
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
        /// Link the C library LIB (`-l m`: libm), for foreign procedures.
        #[arg(short = 'l', value_name = "LIB")]
        libs: Vec<String>,
        /// Look for `-l` libraries in DIR too.
        #[arg(short = 'L', value_name = "DIR")]
        lib_dirs: Vec<PathBuf>,
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

/// A compile error or an uncaught Scheme error.
const EXIT_ERROR: u8 = 1;
/// Bad usage: flags, missing inputs, an output that is an input.
const EXIT_USAGE: u8 = 2;
/// The environment failed: no linker, an unwritable output, no runtime.
const EXIT_ENVIRONMENT: u8 = 3;
/// A bug in closc.
const EXIT_INTERNAL: u8 = 70;

/// Reads a source file; `-` is standard input.
fn load(path: &Path) -> Result<SourceFile, ExitCode> {
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map(|_| text)
            .map_err(closc::reader::LoadError::Io)
    } else {
        closc::reader::load_source(path)
    };
    match text {
        Ok(text) => Ok(SourceFile::new(path.display().to_string(), text)),
        Err(closc::reader::LoadError::Nul { line, col }) => {
            let msg = "a NUL byte: not valid in source text";
            eprintln!("{}:{line}:{col}: error: {msg}", path.display());
            Err(ExitCode::from(EXIT_ERROR))
        }
        Err(closc::reader::LoadError::Io(e)) => {
            eprintln!("error: cannot read {}: {}", path.display(), os_reason(&e));
            Err(ExitCode::from(EXIT_USAGE))
        }
    }
}

/// "No such file or directory (os error 2)" -> "No such file or directory".
fn os_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Compiles the program made of `files`, printing warnings (as `-W`
/// says) and errors.
fn front_end(
    files: &[SourceFile],
    dump_after: Option<&str>,
    warnings: Warnings,
    search: &SearchPath,
) -> Result<Compiled, ExitCode> {
    front_end_with_sources(files, dump_after, warnings, search).map(|(compiled, _)| compiled)
}

/// `front_end`, with the program's files (those it imports and includes too).
fn front_end_with_sources(
    files: &[SourceFile],
    dump_after: Option<&str>,
    warnings: Warnings,
    search: &SearchPath,
) -> Result<(Compiled, Sources), ExitCode> {
    let mut out = compile(
        files,
        Options {
            dump_after,
            env: None,
            search: search.clone(),
        },
    );
    let sources = std::mem::take(&mut out.sources);
    let (result, shown) = out.apply(warnings.mode());
    sources.emit_warnings(&shown);
    match result {
        Ok(compiled) => Ok((compiled, sources)),
        Err(errors) => {
            sources.emit(&errors);
            Err(ExitCode::from(EXIT_ERROR))
        }
    }
}

fn internal_error(msg: String) -> ExitCode {
    eprintln!("error: internal error: {msg}");
    ExitCode::from(EXIT_INTERNAL)
}

fn build_error(e: BuildError) -> ExitCode {
    match e {
        BuildError::Environment(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(EXIT_ENVIRONMENT)
        }
        BuildError::Internal(msg) => internal_error(msg),
        BuildError::Program(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The file `build` writes: `-o`, or the input without `.scm` (plus the
/// extension of what `--emit` asks for). An output that is the input (`-o
/// prog.scm`, or the default for a source without `.scm`) is refused, as
/// is an output that names the input through another path.
fn build_output(input: &Path, output: Option<PathBuf>, emit: Emit) -> Result<PathBuf, String> {
    let output = match output {
        Some(o) => o,
        None => {
            let stem = input.with_extension("");
            match emit {
                Emit::Exe if input.extension().is_some_and(|e| e == "scm") => stem,
                Emit::Exe => {
                    return Err(format!(
                        "cannot name the executable for {} (its name does not end in .scm): give one with -o",
                        input.display()
                    ))
                }
                Emit::Obj => stem.with_extension("o"),
                Emit::Asm => stem.with_extension("s"),
                Emit::Clif => stem.with_extension("clif"),
            }
        }
    };
    if output.as_os_str() != "-" && (output == input || driver::output::same_file(&output, input)) {
        return Err(format!(
            "the output {} is the input file: refusing to overwrite it",
            output.display()
        ));
    }
    Ok(output)
}

fn parse_cli() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        use clap::error::ErrorKind;
        match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
            _ => {
                // One line: clap's first line, without its usage block; a
                // first line ending in `:` is followed by what it names
                // (the missing arguments), which joins it.
                let text = e.render().to_string();
                let mut lines = text.lines();
                let mut first = lines
                    .next()
                    .unwrap_or("error: bad usage")
                    .trim_end()
                    .to_string();
                if first.ends_with(':') {
                    let named: Vec<&str> = lines
                        .take_while(|l| !l.trim().is_empty())
                        .map(str::trim)
                        .collect();
                    first = format!("{first} {}", named.join(", "));
                }
                eprintln!("{first} (see `closc --help`)");
                ExitCode::from(EXIT_USAGE)
            }
        }
    })
}

/// Which of the standard descriptors 0, 1, 2 were closed when closc
/// started (bit `fd`), seen before Rust's start-up reopens them on
/// /dev/null, where writes would succeed and output vanish.
static CLOSED_AT_START: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

extern "C" fn record_closed_standard_descriptors() {
    for fd in 0..3 {
        // SAFETY: F_GETFD on any number only asks whether it is open.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
            CLOSED_AT_START.fetch_or(1 << fd, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// Runs before `main` (and before Rust's start-up code).
#[used]
#[link_section = ".init_array"]
static RECORD_CLOSED: extern "C" fn() = record_closed_standard_descriptors;

/// Makes a standard descriptor that was closed at start fail as a closed
/// one does (EBADF) instead of reaching /dev/null: /dev/null opened for
/// the other direction takes its place, so no file closc opens lands
/// there either. So `closc run prog.scm >&-` reports its lost output as an
/// executable does.
fn keep_closed_standard_descriptors_failing() {
    let closed = CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed);
    for fd in 0..3 {
        if closed & (1 << fd) != 0 {
            let mode = if fd == 0 {
                libc::O_WRONLY
            } else {
                libc::O_RDONLY
            };
            // SAFETY: open and dup2 on a constant path and descriptors 0-2.
            unsafe {
                let null = libc::open(c"/dev/null".as_ptr(), mode | libc::O_CLOEXEC);
                if null >= 0 {
                    libc::dup2(null, fd);
                    libc::close(null);
                }
            }
        }
    }
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
    // A panic in the compiler is a bug: `error: internal error: ...`,
    // status 70, as in the runtime.
    closcrt::error::install_panic_hook();
    keep_closed_standard_descriptors_failing();
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
        let search = SearchPath::new(cli.include, cli.append);
        run_command(cli.command, cli.warnings, &search)
    })
}

fn run_command(command: Command, warnings: Warnings, search: &SearchPath) -> ExitCode {
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
            closc::eval::install(search.clone(), opt.cranelift());
            let code = repl::eval_once(&expr, opt.cranelift(), warnings.mode(), search.clone());
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
            // `eval` and `environment` find libraries beside the program too.
            let mut eval_search = search.clone();
            eval_search.include.extend(
                path.parent()
                    .filter(|dir| !dir.as_os_str().is_empty())
                    .map(Path::to_path_buf),
            );
            match front_end(
                std::slice::from_ref(&file),
                dump_after.as_deref(),
                warnings,
                search,
            ) {
                Err(code) => code,
                Ok(Compiled::Dump(text)) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Ok(Compiled::Program(program)) => {
                    let mut command_line = vec![path.display().to_string()];
                    command_line.extend(args);
                    closcrt::control::run::set_program_args(command_line);
                    closc::eval::install(eval_search, opt.cranelift());
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
            libs,
            lib_dirs,
        } => {
            let output = match build_output(&path, output, emit) {
                Ok(o) => o,
                Err(msg) => {
                    eprintln!("error: {msg}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            driver::output::cleanup_on_signals();
            let file = match load(&path) {
                Ok(f) => f,
                Err(code) => return code,
            };
            let program = match front_end(std::slice::from_ref(&file), None, warnings, search) {
                Err(code) => return code,
                Ok(Compiled::Dump(_)) => unreachable!("build never asks for a dump"),
                Ok(Compiled::Program(program)) => program,
            };
            let result = match emit {
                Emit::Exe => {
                    let link = driver::aot::Libraries {
                        names: libs,
                        dirs: lib_dirs,
                    };
                    driver::aot::build(&program, &output, opt.cranelift(), &link)
                }
                Emit::Obj => driver::aot::compile_object(&program, opt.cranelift())
                    .map_err(BuildError::Internal)
                    .and_then(|bytes| write_output(&output, &bytes)),
                Emit::Asm => driver::aot::disassemble(&program, opt.cranelift())
                    .map_err(BuildError::Environment)
                    .and_then(|text| write_output(&output, text.as_bytes())),
                Emit::Clif => driver::aot::compile_clif(&program, opt.cranelift())
                    .map_err(BuildError::Internal)
                    .and_then(|text| write_output(&output, text.as_bytes())),
            };
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => build_error(e),
            }
        }
        Command::Check { files } => {
            // Every file is checked; the status is the worst: a file that
            // cannot be read (2) over one with errors (1: a NUL byte, which
            // `load` reports at its position, is an error in the file).
            let mut status = 0;
            for path in files {
                let file = match load(&path) {
                    Ok(f) => f,
                    Err(code) => {
                        let error_in_file = code == ExitCode::from(EXIT_ERROR);
                        status = status.max(if error_in_file {
                            EXIT_ERROR
                        } else {
                            EXIT_USAGE
                        });
                        continue;
                    }
                };
                // Each file is a program of its own.
                let files = std::slice::from_ref(&file);
                let options = Options {
                    search: search.clone(),
                    ..Options::default()
                };
                let mut out = compile(files, options);
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
                        status = status.max(EXIT_ERROR);
                    }
                }
            }
            ExitCode::from(status)
        }
        Command::Explain { file: path, json } => {
            let file = match load(&path) {
                Ok(f) => f,
                Err(code) => return code,
            };
            match front_end_with_sources(std::slice::from_ref(&file), None, warnings, search) {
                Err(code) => code,
                Ok((Compiled::Dump(_), _)) => unreachable!("explain never asks for a dump"),
                Ok((Compiled::Program(program), sources)) => {
                    let report = explain::explain(&program, &sources);
                    if json {
                        print!("{}", explain::render_json(&report));
                    } else {
                        print!("{}", explain::render_table(&report));
                    }
                    ExitCode::SUCCESS
                }
            }
        }
        Command::Repl => {
            closc::eval::install(search.clone(), "speed");
            ExitCode::from(repl::run(warnings.mode(), search.clone()) as u8)
        }
    }
}

/// Writes `--emit` output to `path` (atomically) or to stdout (`-`).
fn write_output(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    use std::io::Write;
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| BuildError::Environment(format!("cannot write to stdout: {e}")));
    }
    driver::output::write_atomically(path, bytes)
}
