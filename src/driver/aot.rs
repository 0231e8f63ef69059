//! AOT driver: compile to an object file with cranelift-object and link it with
//! the runtime static library (`libcloscrt.a`) into a standalone executable.
//!
//! The object defines `main`, which calls `closc_rt_main(argc, argv, closc_entry)`
//! in the runtime. The runtime library is found next to the `closc` executable
//! (where cargo and `make install` put it), in cargo's `deps/` folder beside it,
//! or at `$CLOSC_RUNTIME`.

use crate::codegen;
use crate::ir::Program;
use closcrt::control::eval::COMPILER_BUILTINS;
use cranelift_codegen::ir::{types, AbiParam, InstBuilder, Signature};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{Linkage, Module};
use cranelift_object::{ObjectBuilder, ObjectModule};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::output::{self, BuildError, TempPath};

/// Compiles `program` to an object file's bytes.
pub fn compile_object(program: &Program, opt_level: &str) -> Result<Vec<u8>, String> {
    Ok(compile_object_with(program, opt_level, false)?.0)
}

/// Which runtime library an executable links.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RuntimeLibrary {
    /// `libcloscrt.a`: the runtime alone.
    Plain,
    /// `libclosceval.a`: the runtime and the compiler, for programs that
    /// call `eval`, `environment`, `interaction-environment` or `load`.
    WithCompiler,
}

impl RuntimeLibrary {
    fn file_name(self) -> &'static str {
        match self {
            RuntimeLibrary::Plain => "libcloscrt.a",
            RuntimeLibrary::WithCompiler => "libclosceval.a",
        }
    }

    /// The environment variable that names the library.
    fn variable(self) -> &'static str {
        match self {
            RuntimeLibrary::Plain => "CLOSC_RUNTIME",
            RuntimeLibrary::WithCompiler => "CLOSC_EVAL_RUNTIME",
        }
    }

    /// What `main` calls: `closc_rt_main` or `closc_eval_main`, which
    /// installs the compiler first (`evalrt/`).
    fn main_symbol(self) -> &'static str {
        match self {
            RuntimeLibrary::Plain => "closc_rt_main",
            RuntimeLibrary::WithCompiler => "closc_eval_main",
        }
    }
}

/// The Cranelift IR of every function of `program` (`closc build --emit clif`),
/// as handed to Cranelift, before its optimisations.
pub fn compile_clif(program: &Program, opt_level: &str) -> Result<String, String> {
    Ok(compile_object_with(program, opt_level, true)?
        .1
        .unwrap_or_default())
}

/// The disassembly of `program`'s object file (`closc build --emit asm`), by
/// `objdump -d` (binutils; `$OBJDUMP` overrides): Cranelift's own
/// disassembler would pull in capstone, and objdump also shows relocations.
pub fn disassemble(program: &Program, opt_level: &str) -> Result<String, String> {
    let object = compile_object(program, opt_level)?;
    let tmp = TempPath::new_in(&std::env::temp_dir(), "disasm.o");
    std::fs::write(tmp.path(), &object)
        .map_err(|e| format!("cannot write {}: {e}", tmp.path().display()))?;
    let objdump = std::env::var("OBJDUMP").unwrap_or_else(|_| "objdump".into());
    let result = Command::new(&objdump)
        .args(["-d", "-r", "--no-show-raw-insn"])
        .arg(tmp.path())
        .output();
    drop(tmp);
    let out = result.map_err(|e| {
        format!("--emit asm runs `{objdump}` (binutils), which failed to start: {e}")
    })?;
    if !out.status.success() {
        return Err(format!(
            "{objdump} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn compile_object_with(
    program: &Program,
    opt_level: &str,
    clif: bool,
) -> Result<(Vec<u8>, Option<String>, RuntimeLibrary), String> {
    // Position-dependent code, linked with `-no-pie`: function and data
    // addresses are immediates instead of GOT loads. Measured against PIC,
    // same machine, hyperfine means of 10: tak 0.430 s -> 0.350 s, mandel
    // 0.362 s -> 0.286 s, fib 0.304 s -> 0.291 s, ack 1.94 s -> 1.89 s.
    let isa = super::isa(false, opt_level)?;
    let builder = ObjectBuilder::new(
        isa.clone(),
        "closc_program",
        cranelift_module::default_libcall_names(),
    )
    .map_err(|e| e.to_string())?;
    let mut module = ObjectModule::new(builder);
    let compiled = codegen::compile_program_with(
        &mut module,
        isa,
        program,
        clif,
        codegen::ForeignSymbols::ByLinker,
    )?;
    let needs_compiler = compiled
        .runtime_builtins
        .iter()
        .any(|b| COMPILER_BUILTINS.contains(&b.builtin().name));
    let runtime = if needs_compiler {
        RuntimeLibrary::WithCompiler
    } else {
        RuntimeLibrary::Plain
    };
    define_main(&mut module, compiled.entry, runtime)?;
    let product = module.finish();
    let bytes = product.emit().map_err(|e| e.to_string())?;
    Ok((bytes, compiled.clif, runtime))
}

/// `int main(int argc, char **argv) { return closc_rt_main(argc, argv, closc_entry); }`
/// (`closc_eval_main` with the compiler linked in).
fn define_main(
    module: &mut ObjectModule,
    entry: cranelift_module::FuncId,
    runtime: RuntimeLibrary,
) -> Result<(), String> {
    let cc = module.isa().default_call_conv();
    let mut main_sig = Signature::new(cc);
    main_sig.params.push(AbiParam::new(types::I32));
    main_sig.params.push(AbiParam::new(types::I64));
    main_sig.returns.push(AbiParam::new(types::I32));
    let mut rt_main_sig = main_sig.clone();
    rt_main_sig.params.push(AbiParam::new(types::I64));
    let main = module
        .declare_function("main", Linkage::Export, &main_sig)
        .map_err(|e| e.to_string())?;
    let rt_main = module
        .declare_function(runtime.main_symbol(), Linkage::Import, &rt_main_sig)
        .map_err(|e| e.to_string())?;
    let mut ctx = module.make_context();
    ctx.func.signature = main_sig;
    let mut fctx = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let block = b.create_block();
        b.append_block_params_for_function_params(block);
        b.switch_to_block(block);
        let params = b.block_params(block).to_vec();
        let entry_ref = module.declare_func_in_func(entry, b.func);
        let entry_addr = b.ins().func_addr(types::I64, entry_ref);
        let rt_main_ref = module.declare_func_in_func(rt_main, b.func);
        let call = b
            .ins()
            .call(rt_main_ref, &[params[0], params[1], entry_addr]);
        let status = b.inst_results(call)[0];
        b.ins().return_(&[status]);
        b.seal_all_blocks();
        b.finalize(module.isa().frontend_config());
    }
    module
        .define_function(main, &mut ctx)
        .map_err(|e| e.to_string())
}

/// Where the runtime static library is.
pub fn find_runtime() -> Result<PathBuf, String> {
    find_library(RuntimeLibrary::Plain)
}

/// Where the static library `library` is.
pub fn find_library(library: RuntimeLibrary) -> Result<PathBuf, String> {
    let file = library.file_name();
    if let Ok(p) = std::env::var(library.variable()) {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe
        .parent()
        .ok_or("closc executable has no parent directory")?;
    // The library next to the executable (cargo's target dir, or where
    // `make install` put it), or in cargo's deps/ with a hash in its name
    // (under `cargo test` only that one may be up to date): take the newest.
    let mut candidates: Vec<PathBuf> = [dir.join(file), dir.join("../lib/closc").join(file)]
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    let stem = file.trim_end_matches(".a");
    candidates.extend(newest_matching(&dir.join("deps"), stem));
    let modified = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let Some(p) = candidates.into_iter().max_by_key(modified) {
        return Ok(p);
    }
    Err(format!(
        "cannot find the closc runtime library ({file}) next to {}; build it with `cargo build --release` or set {}",
        exe.display(),
        library.variable()
    ))
}

fn newest_matching(dir: &Path, stem: &str) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.starts_with(stem) && name.ends_with(".a")
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.path())
}

/// The linker command: `$CC` split into words (`CC="gcc -m64"` is the
/// program `gcc` with the argument `-m64`), or `cc`.
fn linker() -> Result<(String, Vec<String>), BuildError> {
    let cc = std::env::var("CC").unwrap_or_default();
    let mut words = cc.split_whitespace().map(str::to_string);
    match words.next() {
        Some(program) => Ok((program, words.collect())),
        None if cc.is_empty() => Ok(("cc".into(), Vec::new())),
        None => Err(BuildError::Environment(
            "CC names no linker (it is blank)".into(),
        )),
    }
}

/// Compiles and links `program` into the executable `output`. The linker
/// writes a temporary file beside `output`, renamed into place when linking
/// succeeded; the object file is a temporary too. Both are removed on every
/// exit path (see `output`).
/// The C libraries a program's foreign procedures need (`closc build -l
/// NAME -L DIR`), passed to the linker as `-lNAME -LDIR`.
#[derive(Default)]
pub struct Libraries {
    pub names: Vec<String>,
    pub dirs: Vec<std::path::PathBuf>,
}

/// The C symbols the linker reported undefined (`undefined reference to
/// `name'`): the foreign procedures' symbols no library defines.
fn undefined_symbols(stderr: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if let Some(rest) = line.split("undefined reference to `").nth(1) {
            let name = rest.split('\'').next().unwrap_or(rest).to_string();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

pub fn build(
    program: &Program,
    output: &Path,
    opt_level: &str,
    libraries: &Libraries,
) -> Result<(), BuildError> {
    let (object, _, library) = compile_object_with(program, opt_level, false)?;
    let runtime = find_library(library).map_err(BuildError::Environment)?;
    if !runtime.is_file() {
        return Err(BuildError::Environment(format!(
            "the closc runtime library {} is missing",
            runtime.display()
        )));
    }
    let (cc, cc_args) = linker()?;
    let hint = output
        .file_name()
        .map_or_else(|| "a.out".into(), |n| n.to_string_lossy().into_owned());
    let tmp_object = TempPath::new_in(&std::env::temp_dir(), &format!("{hint}.o"));
    std::fs::write(tmp_object.path(), &object).map_err(|e| {
        BuildError::Environment(format!("cannot write {}: {e}", tmp_object.path().display()))
    })?;
    let tmp_exe = TempPath::new_in(output::directory_of(output), &hint);
    // Whether the output's directory takes a file, said in terms of the
    // output rather than the linker's message about a temporary name.
    std::fs::File::create(tmp_exe.path())
        .map_err(|e| BuildError::Environment(format!("cannot write {}: {e}", output.display())))?;
    let child = Command::new(&cc)
        .args(&cc_args)
        .arg("-o")
        .arg(tmp_exe.path())
        .arg(tmp_object.path())
        .arg(&runtime)
        // Drop the runtime functions the program never reaches (about 60%
        // of the code of hello). Symbols and debug information are kept.
        .arg("-Wl,--gc-sections")
        .arg("-no-pie")
        .args(libraries.dirs.iter().map(|d| {
            let mut a = std::ffi::OsString::from("-L");
            a.push(d);
            a
        }))
        .args(libraries.names.iter().map(|l| format!("-l{l}")))
        .args([
            "-lpthread",
            "-ldl",
            "-lm",
            "-lrt",
            "-lutil",
            "-lgcc_s",
            "-lc",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| BuildError::Environment(format!("cannot run the linker `{cc}`: {e}")))?;
    output::set_child(child.id());
    let out = child.wait_with_output();
    output::set_child(0);
    while output::ending() {
        // A signal is ending closc (its handler stopped the linker and
        // removes the temporary files): nothing to report.
        std::thread::park();
    }
    drop(tmp_object);
    let out = out.map_err(|e| BuildError::Environment(format!("the linker `{cc}`: {e}")))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let missing = undefined_symbols(&stderr);
        if !missing.is_empty() {
            return Err(BuildError::Program(format!(
                "C symbol not found: {} (named by foreign-procedure; link its library with -l NAME, -L DIR)",
                missing.join(", ")
            )));
        }
        if let Some(line) = stderr.lines().find(|l| l.contains("cannot find -l")) {
            let lib = line.split("cannot find -l").nth(1).unwrap_or("");
            let lib = lib.split([':', ' ']).next().unwrap_or(lib);
            return Err(BuildError::Program(format!(
                "C library not found: -l {lib} (add its directory with -L DIR)"
            )));
        }
        return Err(BuildError::Environment(format!(
            "linking failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    tmp_exe.rename_to(output)
}
