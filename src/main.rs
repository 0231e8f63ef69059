//! The `closc` command line: `run` (JIT) and `build` (AOT).

use clap::{Parser, Subcommand};
use closc::datum::SourceFile;
use closc::{compile_program, diagnostics, driver, Compiled, PASSES};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "closc",
    version,
    about = "A Scheme compiler whose heart is closures (Cranelift JIT and AOT)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// JIT-compile a Scheme program and run it.
    #[command(
        after_help = "Examples:\n  closc run examples/hello.scm\n  closc run examples/hello.scm -- arg1 arg2\n  closc run --dump-after=convert-closures examples/counter.scm"
    )]
    Run {
        file: PathBuf,
        /// Arguments for the program (after `--`); `(command-line)` is FILE
        /// followed by them.
        #[arg(last = true)]
        args: Vec<String>,
        /// Print the program after this pass instead of running it.
        #[arg(long, value_name = "PASS", value_parser = clap::builder::PossibleValuesParser::new(PASSES))]
        dump_after: Option<String>,
    },
    /// Compile a Scheme program to a standalone executable.
    #[command(after_help = "Example:\n  closc build examples/hello.scm -o hello && ./hello")]
    Build {
        file: PathBuf,
        /// The executable to write.
        #[arg(short, long)]
        output: PathBuf,
    },
}

fn load(path: &PathBuf) -> Result<SourceFile, ExitCode> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(SourceFile::new(path.display().to_string(), text)),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            Err(ExitCode::from(2))
        }
    }
}

fn front_end(path: &PathBuf, dump_after: Option<&str>) -> Result<Compiled, ExitCode> {
    let file = load(path)?;
    compile_program(&file, dump_after).map_err(|errors| {
        diagnostics::emit(&file, &errors);
        ExitCode::from(1)
    })
}

fn internal_error(msg: String) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(70)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            file,
            args,
            dump_after,
        } => match front_end(&file, dump_after.as_deref()) {
            Err(code) => code,
            Ok(Compiled::Dump(text)) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Ok(Compiled::Program(program)) => {
                let mut command_line = vec![file.display().to_string()];
                command_line.extend(args);
                closcrt::set_program_args(command_line);
                match driver::jit::run(&program, "speed") {
                    Ok(status) => ExitCode::from(status as u8),
                    Err(e) => internal_error(e),
                }
            }
        },
        Command::Build { file, output } => match front_end(&file, None) {
            Err(code) => code,
            Ok(Compiled::Dump(_)) => unreachable!("build never asks for a dump"),
            Ok(Compiled::Program(program)) => {
                match driver::aot::build(&program, &output, "speed") {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => internal_error(e),
                }
            }
        },
    }
}
