//! closc: a Scheme compiler whose heart is closures.
//!
//! `compile_program` below is the whole pipeline, in order; each stage is its
//! own module. The drivers in `driver` turn the final program into running code
//! (JIT) or an executable (AOT). See ARCHITECTURE.md for the map.

pub mod ast;
pub mod codegen;
pub mod datum;
pub mod diagnostics;
pub mod driver;
pub mod expand;
pub mod expand_records;
pub mod ir;
pub mod passes;
pub mod reader;

use datum::SourceFile;
use diagnostics::CompileError;
use ir::Program;

/// The passes `--dump-after` can stop after, in pipeline order.
pub const PASSES: &[&str] = &[
    "read",
    "expand",
    "alpha-rename",
    "convert-assignments",
    "uncover-free",
    "convert-closures",
    "lift-lambdas",
];

/// A pass over the resolved program.
type Pass = fn(&mut Program);

/// The Scheme source of the builtins written in Scheme.
const PRELUDE: &str = include_str!("prelude.scm");

/// What `compile_program` produced: a program ready for codegen, or the text of
/// the program after the pass named in `dump_after`.
pub enum Compiled {
    Program(Program),
    Dump(String),
}

/// Source text -> lifted, closure-converted program. Stops early with a dump
/// when `dump_after` names a pass.
pub fn compile_program(
    file: &SourceFile,
    dump_after: Option<&str>,
) -> Result<Compiled, Vec<CompileError>> {
    let datums = reader::read_program(file).map_err(|e| vec![e])?;
    if dump_after == Some("read") {
        return Ok(Compiled::Dump(
            datums.iter().map(|d| format!("{d}\n")).collect(),
        ));
    }
    let core = expand::expand_program(&datums)?;
    if dump_after == Some("expand") {
        return Ok(Compiled::Dump(
            core.iter().map(|e| format!("{e}\n")).collect(),
        ));
    }
    let prelude = expand_prelude();
    let mut program = passes::alpha_rename::alpha_rename(&core, &prelude)?;
    let stages: [(&str, Pass); 5] = [
        ("alpha-rename", |_| {}),
        (
            "convert-assignments",
            passes::convert_assignments::convert_assignments,
        ),
        ("uncover-free", passes::uncover_free::uncover_free),
        (
            "convert-closures",
            passes::convert_closures::convert_closures,
        ),
        ("lift-lambdas", passes::lift_lambdas::lift_lambdas),
    ];
    for (name, pass) in stages {
        pass(&mut program);
        if dump_after == Some(name) {
            return Ok(Compiled::Dump(program.dump()));
        }
    }
    Ok(Compiled::Program(program))
}

fn expand_prelude() -> Vec<ast::Expr> {
    let file = SourceFile::new("<prelude>", PRELUDE);
    let datums = reader::read_program(&file).expect("the prelude reads");
    expand::expand_program(&datums).expect("the prelude expands")
}
