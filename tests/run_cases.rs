//! Data-driven tests: every `tests/cases/**/NAME.scm` runs twice, once with
//! `closc run` (JIT) and once as an executable made by `closc build` (AOT).
//!
//! - `NAME.out`: the exact expected stdout.
//! - `NAME.err` (error cases): each non-empty line must occur in stderr, and the
//!   exit status must be in 1..=125. Without it, stderr must be empty and the
//!   status 0.
//! - `NAME.status`: the exact expected exit status.
//! - `NAME.env`: `KEY=VALUE` lines added to the program's environment.
//! - `NAME.in`: fed to the program's standard input (otherwise it is empty).
//! - `NAME.args`: whitespace-separated arguments for the program
//!   (`closc run NAME.scm -- ARGS`, `./exe ARGS`); both run in the case's
//!   directory, so relative file names mean the same in both modes.
//! - `NAME.flags`: whitespace-separated options for closc itself, given to
//!   both `closc run` and `closc build` (e.g. `-I libs`), relative to the
//!   case's directory.
//! - `NAME.build-flags`: whitespace-separated options for `closc build`
//!   only (e.g. `-l m` to link a C library the program's foreign procedures
//!   name, which `closc run` loads with `load-shared-object`).
//!
//! Cases of a group whose directory holds a file `GC-STRESS` (its content
//! is for people) also run with `CLOSC_GC_STRESS=1` (a collection at every
//! allocation); `CLOSC_TEST_GC_STRESS=N` runs *every* case that way
//! (`make test-gc-stress`).
//!
//! Never acceptable: death by a signal, or a Rust panic message.
//! `tests/dumps/NAME.scm` with `NAME.PASS.out` pins `closc run --dump-after=PASS`.
//! `UPDATE_EXPECT=1 cargo test` rewrites `.out` files from the JIT's output.

use libtest_mimic::{Arguments, Failed, Trial};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const CLOSC: &str = env!("CARGO_BIN_EXE_closc");
/// Compile-time warnings would break the "stderr is empty" rule of cases that
/// are fine programs; tests/cli.rs checks the warnings themselves.
const NO_WARNINGS: [&str; 2] = ["-W", "none"];

fn scm_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            scm_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "scm") {
            out.push(p);
        }
    }
}

/// Whether `scm` is in a group of `cases` marked to run under GC stress
/// too: its group directory (the first below `cases`) holds `GC-STRESS`.
fn stressed_group(cases: &Path, scm: &Path) -> bool {
    scm.strip_prefix(cases)
        .ok()
        .and_then(|rel| rel.components().next())
        .is_some_and(|group| cases.join(group).join("GC-STRESS").is_file())
}

fn read_opt(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Jit,
    Aot,
}

fn case_env(scm: &Path, stress: Option<&str>) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = read_opt(&scm.with_extension("env"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    if let Some(n) = stress {
        env.push(("CLOSC_GC_STRESS".into(), n.into()));
    }
    env
}

/// Runs `cmd` with `input` (if any) on its standard input.
fn output_with_input(cmd: &mut Command, input: Option<&str>) -> std::io::Result<Output> {
    let Some(input) = input else {
        return cmd.output();
    };
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let bytes = input.as_bytes().to_vec();
    // A writer thread: the program may not read all of it, or print first.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&bytes);
    });
    let out = child.wait_with_output();
    let _ = writer.join();
    out
}

fn run_case(scm: &Path, mode: Mode, env: &[(String, String)]) -> Result<Output, Failed> {
    let env = env.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let input = read_opt(&scm.with_extension("in"));
    let args: Vec<String> = read_opt(&scm.with_extension("args"))
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect();
    // closc runs in the case's directory and is given the bare file name, so
    // the positions in messages read `NAME.scm:LINE:COL` wherever the
    // repository is.
    let flags: Vec<String> = read_opt(&scm.with_extension("flags"))
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect();
    let build_flags: Vec<String> = read_opt(&scm.with_extension("build-flags"))
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect();
    let case_dir = scm.parent().expect("a case is in a group directory");
    let scm = Path::new(scm.file_name().expect("a case file"));
    match mode {
        Mode::Jit => output_with_input(
            Command::new(CLOSC)
                .current_dir(case_dir)
                .args(NO_WARNINGS)
                .arg("run")
                .args(&flags)
                .arg(scm)
                .arg("--")
                .args(&args)
                .envs(env.clone()),
            input.as_deref(),
        )
        .map_err(|e| format!("cannot run closc: {e}").into()),
        Mode::Aot => {
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("closc-tests-{}", std::process::id()));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            // Unique per trial: the same case may build concurrently in another mode.
            static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let exe = dir.join(format!(
                "{}-{n}",
                scm.to_string_lossy().replace(['/', '\\', '.'], "_")
            ));
            let build = Command::new(CLOSC)
                .current_dir(case_dir)
                .args(NO_WARNINGS)
                .arg("build")
                .args(&flags)
                .args(&build_flags)
                .arg(scm)
                .arg("-o")
                .arg(&exe)
                .envs(env.clone())
                .output()
                .map_err(|e| format!("cannot run closc: {e}"))?;
            if !build.status.success() {
                // A program that does not compile: the build's diagnostics are its output.
                return Ok(build);
            }
            // In the case's directory too, as `closc run` is: files the
            // program opens (`load`, libraries `eval` imports) are there.
            let out = output_with_input(
                Command::new(&exe)
                    .current_dir(case_dir)
                    .args(&args)
                    .envs(env.clone()),
                input.as_deref(),
            )
            .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
            let _ = std::fs::remove_file(&exe);
            Ok(out)
        }
    }
}

fn check(scm: &Path, mode: Mode, stress: Option<&str>) -> Result<(), Failed> {
    let out = run_case(scm, mode, &case_env(scm, stress))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected_out = scm.with_extension("out");
    if std::env::var_os("UPDATE_EXPECT").is_some() && mode == Mode::Jit && stress.is_none() {
        std::fs::write(&expected_out, stdout.as_bytes()).map_err(|e| e.to_string())?;
    }
    let status = match out.status.code() {
        Some(c) => c,
        None => {
            return Err(format!("killed by a signal ({:?})\nstderr:\n{stderr}", out.status).into())
        }
    };
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        return Err(format!("Rust panic:\n{stderr}").into());
    }
    let want =
        read_opt(&expected_out).ok_or_else(|| format!("missing {}", expected_out.display()))?;
    if stdout != want {
        return Err(format!(
            "stdout differs\n--- expected\n{want}\n--- got\n{stdout}\n--- stderr\n{stderr}"
        )
        .into());
    }
    let want_status: Option<i32> = read_opt(&scm.with_extension("status"))
        .map(|s| s.trim().parse().expect("a .status file holds an integer"));
    match read_opt(&scm.with_extension("err")) {
        Some(patterns) => {
            if !(1..=125).contains(&status) {
                return Err(format!(
                    "expected an error exit status (1..125), got {status}\nstderr:\n{stderr}"
                )
                .into());
            }
            for p in patterns.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if !stderr.contains(p) {
                    return Err(format!("stderr lacks `{p}`\nstderr:\n{stderr}").into());
                }
            }
        }
        None => {
            if !stderr.is_empty() {
                return Err(format!("unexpected stderr:\n{stderr}").into());
            }
            if want_status.is_none() && status != 0 {
                return Err(format!("exit status {status}").into());
            }
        }
    }
    if let Some(w) = want_status {
        if status != w {
            return Err(format!("exit status {status}, expected {w}\nstderr:\n{stderr}").into());
        }
    }
    Ok(())
}

fn check_dump(scm: &Path, pass: &str, expected: &Path) -> Result<(), Failed> {
    let out = Command::new(CLOSC)
        .args(NO_WARNINGS)
        .arg("run")
        .arg(format!("--dump-after={pass}"))
        .arg(scm)
        .output()
        .map_err(|e| e.to_string())?;
    let got = String::from_utf8_lossy(&out.stdout);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected, got.as_bytes()).map_err(|e| e.to_string())?;
    }
    let want = read_opt(expected).unwrap_or_default();
    if got != want {
        return Err(format!(
            "--dump-after={pass} differs\n--- expected\n{want}\n--- got\n{got}\n--- stderr\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(())
}

/// Every Rust module starts with a `//!` doc saying what it is.
fn check_module_docs() -> Result<(), Failed> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for dir in ["src", "runtime/src"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d)
                .map_err(|e| e.to_string())?
                .filter_map(|e| e.ok())
            {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
                    if !text.trim_start().starts_with("//!") {
                        missing.push(p.display().to_string());
                    }
                }
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("modules without a //! doc: {missing:?}").into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut trials = vec![Trial::test("module_docs", check_module_docs)];
    let mut cases = Vec::new();
    scm_files(&root.join("cases"), &mut cases);
    let examples = root.join("../examples");
    scm_files(&examples, &mut cases);
    for scm in &cases {
        let name = scm
            .strip_prefix(root.join("cases"))
            .or_else(|_| scm.strip_prefix(root.join("..")))
            .unwrap()
            .with_extension("")
            .display()
            .to_string();
        let all_stress = std::env::var("CLOSC_TEST_GC_STRESS").ok();
        let stress_too = stressed_group(&root.join("cases"), scm);
        for (mode, label) in [(Mode::Jit, "jit"), (Mode::Aot, "aot")] {
            let scm2 = scm.clone();
            let stress = all_stress.clone();
            trials.push(Trial::test(format!("{label}::{name}"), move || {
                check(&scm2, mode, stress.as_deref())
            }));
            if stress_too && all_stress.is_none() {
                let scm2 = scm.clone();
                trials.push(Trial::test(
                    format!("{label}-gc-stress::{name}"),
                    move || check(&scm2, mode, Some("1")),
                ));
            }
        }
    }
    let mut dumps = Vec::new();
    scm_files(&root.join("dumps"), &mut dumps);
    for scm in &dumps {
        let stem = scm.file_stem().unwrap().to_string_lossy().to_string();
        for pass in closc::pipeline::dump_names() {
            let expected = scm.with_file_name(format!("{stem}.{pass}.out"));
            if expected.exists() {
                let scm = scm.clone();
                trials.push(Trial::test(format!("dump::{stem}::{pass}"), move || {
                    check_dump(&scm, pass, &expected)
                }));
            }
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
