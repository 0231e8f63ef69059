//! The `closc` command line: help and version, usage errors (one line, status
//! 2), `check` (every error, with line:col), warnings, `-W none` and `-W
//! error`, unbound variables (warnings, or errors under `-W error`),
//! `run -e`, `run FILE -- ARGS`, `-O0`, `build --emit obj|asm|clif`, the
//! same object file from parallel and one-thread compilation, the object
//! counts of `CLOSC_GC_STATS`, and the heap cap and address-space limits
//! (clean out-of-memory errors, status 1).

use std::process::{Command, Output};

const CLOSC: &str = env!("CARGO_BIN_EXE_closc");

fn closc(args: &[&str]) -> Output {
    Command::new(CLOSC)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("closc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn version_and_help() {
    let v = closc(&["--version"]);
    assert!(v.status.success());
    assert_eq!(
        text(&v.stdout),
        format!("closc {}\n", env!("CARGO_PKG_VERSION"))
    );
    let h = closc(&["--help"]);
    assert!(h.status.success());
    for cmd in ["run", "build", "check", "explain", "repl"] {
        assert!(text(&h.stdout).contains(cmd), "{cmd}");
        let sub = closc(&[cmd, "--help"]);
        assert!(sub.status.success());
        assert!(
            text(&sub.stdout).contains("Examples:"),
            "closc {cmd} --help"
        );
    }
}

#[test]
fn usage_errors_are_one_line_with_status_2() {
    for args in [
        &["run", "--frobnicate", "x.scm"][..],
        &["build", "examples/hello.scm", "--emit", "pdf"],
        &["run", "-O", "7", "examples/hello.scm"],
        &["fly"],
        &["run", "no/such/file.scm"],
        &["check", "no/such/file.scm"],
        &["explain", "no/such/file.scm"],
    ] {
        let out = closc(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
}

#[test]
fn check_reports_every_error() {
    // The unbound names are warnings, found although a form failed to expand.
    let out = closc(&["check", "tests/cli/three-errors.scm"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let headers: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect();
    assert_eq!(
        headers,
        [
            "tests/cli/three-errors.scm:2:8: warning: unbound variable `undefined-thing`",
            "tests/cli/three-errors.scm:9:2: warning: unbound variable `h`",
            "tests/cli/three-errors.scm:5:3: error: malformed if: expected (if test then [else])",
        ],
        "{err}"
    );
    assert!(err.contains("5 |   (if))\n  |   ^^^^"), "caret: {err}");
    assert!(
        err.ends_with("tests/cli/three-errors.scm: 1 error\n"),
        "{err}"
    );
    assert!(text(&out.stdout).is_empty());
    // Under `-W error` they are errors, in source order with the others.
    let out = closc(&["-W", "error", "check", "tests/cli/three-errors.scm"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let headers: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        headers,
        [
            "tests/cli/three-errors.scm:2:8: error: unbound variable `undefined-thing`",
            "tests/cli/three-errors.scm:5:3: error: malformed if: expected (if test then [else])",
            "tests/cli/three-errors.scm:9:2: error: unbound variable `h`",
        ],
        "{err}"
    );
    assert!(!err.contains("warning"), "{err}");
    assert!(
        err.ends_with("tests/cli/three-errors.scm: 3 errors\n"),
        "{err}"
    );
    let clean = closc(&["check", "examples/counter.scm", "examples/bank-account.scm"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stderr.is_empty(), "{}", text(&clean.stderr));
}

#[test]
fn check_does_not_blame_uses_of_a_broken_definition() {
    let file = tmp("broken-def.scm");
    std::fs::write(&file, "(define (f x) (let ((y)) y))\n(f 1)\n(g 2)\n").unwrap();
    for (args, kind) in [(&[][..], "warning"), (&["-W", "error"], "error")] {
        let out = closc(&[args, &["check", file.to_str().unwrap()]].concat());
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1));
        assert!(!err.contains("unbound variable `f`"), "{err}");
        assert!(
            err.contains(&format!(":3:2: {kind}: unbound variable `g`")),
            "{err}"
        );
    }
}

/// An unbound variable is a warning from `run`, `build` and `check`, and
/// the program runs; `-W error` makes it an error and nothing runs.
#[test]
fn unbound_variables_warn_and_w_error_fails() {
    let file = "tests/cli/unbound.scm";
    let expected = [
        "tests/cli/unbound.scm:1:25: warning: unbound variable `helper-that-does-not-exist`",
        "tests/cli/unbound.scm:2:24: warning: unbound variable `nowhere`",
    ];
    let headers = |err: &str, kind: &str| -> Vec<String> {
        err.lines()
            .filter(|l| l.contains(&format!(": {kind}: ")))
            .map(String::from)
            .collect()
    };
    let exe = tmp("unbound");
    let exe = exe.to_str().unwrap();
    for args in [
        &["run", file][..],
        &["check", file],
        &["build", file, "-o", exe],
    ] {
        let out = closc(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(headers(&err, "warning"), expected, "{args:?}: {err}");
        if args[0] == "run" {
            assert_eq!(text(&out.stdout), "runs");
        }
    }
    let built = Command::new(exe).output().unwrap();
    assert_eq!(text(&built.stdout), "runs");
    assert!(built.status.success() && built.stderr.is_empty());

    let as_errors: Vec<String> = expected
        .iter()
        .map(|w| w.replace(": warning: ", ": error: "))
        .collect();
    std::fs::remove_file(exe).unwrap();
    for args in [
        &["-W", "error", "run", file][..],
        &["check", "-W", "error", file],
        &["build", file, "-o", exe, "-W", "error"],
    ] {
        let out = closc(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(headers(&err, "error"), as_errors, "{args:?}: {err}");
        assert!(!err.contains("warning"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert!(
        !std::path::Path::new(exe).exists(),
        "-W error builds nothing"
    );
    // `-W none` hides the warnings; `run -e` (a REPL session) warns and fails
    // under `-W error` too.
    let quiet = closc(&["-W", "none", "run", file]);
    assert!(quiet.status.success() && quiet.stderr.is_empty());
    let out = closc(&["run", "-e", "(define (f) (g)) 1"]);
    assert_eq!(text(&out.stdout), "1\n");
    assert!(text(&out.stderr).contains("<expr>:1:14: warning: unbound variable `g`"));
    let out = closc(&["-W", "error", "run", "-e", "(define (f) (g)) 1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("<expr>:1:14: error: unbound variable `g`"));
    assert!(out.stdout.is_empty());
}

#[test]
fn warnings_and_silencing_them() {
    let out = closc(&["check", "tests/cli/warnings.scm"]);
    assert_eq!(out.status.code(), Some(0), "warnings are not errors");
    let err = text(&out.stderr);
    let headers: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ")).collect();
    assert_eq!(
        headers,
        [
            "tests/cli/warnings.scm:2:20: warning: unused variable `unused`",
            "tests/cli/warnings.scm:2:39: warning: `f` takes 1 argument, but is called with 2",
            "tests/cli/warnings.scm:3:43: warning: `loop` takes 1 argument, but is called with 2",
            "tests/cli/warnings.scm:3:60: warning: `car` takes 1 argument, but is called with 2",
        ],
        "{err}"
    );
    // `run` warns too, then runs the program.
    let run = closc(&["run", "tests/cli/warnings.scm"]);
    assert_eq!(text(&run.stdout), "ok");
    assert!(text(&run.stderr).contains("warning: unused variable `unused`"));
    for args in [
        &["-W", "none", "check", "tests/cli/warnings.scm"][..],
        &["run", "-W", "none", "tests/cli/warnings.scm"],
    ] {
        let quiet = closc(args);
        assert!(quiet.status.success());
        assert!(quiet.stderr.is_empty(), "{args:?}: {}", text(&quiet.stderr));
    }
}

#[test]
fn run_eval() {
    let out = closc(&[
        "run",
        "-e",
        "(define x 6) (* x 7) (display \"hi\") (list 'a \"b\")",
    ]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "42\nhi(a \"b\")\n");
    let bad = closc(&["run", "-e", "(car 1)"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("error: car: not a pair: 1"));
    let exit = closc(&["run", "-e", "(exit 7)"]);
    assert_eq!(exit.status.code(), Some(7));
}

#[test]
fn run_passes_arguments_to_command_line() {
    let out = closc(&["run", "tests/cli/args.scm", "--", "a b", "-x", "--y"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "(\"tests/cli/args.scm\" \"a b\" \"-x\" \"--y\")\n"
    );
}

#[test]
fn optimisation_levels() {
    for o in ["-O0", "-O2", "-Os"] {
        let out = closc(&["run", o, "examples/fib.scm"]);
        assert!(out.status.success(), "{o}");
        assert_eq!(
            text(&out.stdout),
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/fib.out"))
                .unwrap()
        );
    }
    let exe = tmp("fib-O0");
    let out = closc(&[
        "build",
        "-O0",
        "examples/fib.scm",
        "-o",
        exe.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(Command::new(&exe).output().unwrap().status.success());
}

#[test]
fn emit_obj_asm_clif() {
    let obj = tmp("hello.o");
    let out = closc(&[
        "build",
        "--emit",
        "obj",
        "examples/hello.scm",
        "-o",
        obj.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(&std::fs::read(&obj).unwrap()[..4], b"\x7fELF");

    let clif = closc(&["build", "--emit", "clif", "examples/counter.scm", "-o", "-"]);
    assert!(clif.status.success());
    let ir = text(&clif.stdout);
    assert!(
        ir.contains(";; closc_code_0") && ir.contains(";; closc_entry"),
        "{ir}"
    );
    assert!(ir.contains("function u0:"), "{ir}");

    let has_objdump = Command::new("objdump").arg("--version").output().is_ok();
    let asm = closc(&["build", "--emit", "asm", "examples/hello.scm", "-o", "-"]);
    if has_objdump {
        assert!(asm.status.success(), "{}", text(&asm.stderr));
        assert!(
            text(&asm.stdout).contains("<closc_entry>:"),
            "{}",
            text(&asm.stdout)
        );
    } else {
        assert!(text(&asm.stderr).contains("objdump"));
    }
}

/// Codegen compiles a large program's functions on helper threads; the object
/// file must not depend on how many there are (here: every core, then one
/// core through `taskset`).
#[test]
fn parallel_compilation_is_deterministic() {
    let program = "tests/cases/basics/many-procedures.scm";
    let (many, one) = (tmp("many-threads.o"), tmp("one-thread.o"));
    let out = closc(&[
        "build",
        "--emit",
        "obj",
        program,
        "-o",
        many.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pinned = Command::new("taskset")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["-c", "0", CLOSC, "build", "--emit", "obj", program, "-o"])
        .arg(&one)
        .output();
    let pinned = match pinned {
        Ok(p) if !text(&p.stderr).starts_with("taskset:") => p,
        _ => {
            eprintln!("taskset cannot pin here: only the many-thread build was checked");
            return;
        }
    };
    assert!(pinned.status.success(), "{}", text(&pinned.stderr));
    assert!(
        std::fs::read(&many).unwrap() == std::fs::read(&one).unwrap(),
        "the object files differ"
    );
}

/// `CLOSC_GC_STATS` counts the closure records that survive the nursery,
/// across collections (a 64 KiB nursery fills many times; one record in 100
/// is kept, the others die young): the two runs differ by the 1,000 records
/// the extra 100,000 iterations keep, less those still in the nursery at
/// exit (under 64 KiB of it), plus at most the one record being built at
/// each collection. The nursery cannot be walked to count what was
/// allocated (pairs have no header), so survivors are what is counted.
#[test]
fn gc_stats_count_closure_records() {
    let records = |n: usize| -> (u64, u64) {
        let program = format!(
            "(define (make-adder n) (lambda (x) (+ x n)))
             (define (run i keep)
               (if (= i {n}) (length keep)
                   (run (+ i 1)
                        (let ((f (make-adder i)))
                          (if (= 0 (remainder i 100)) (cons f keep) keep)))))
             (display (run 0 '()))"
        );
        let path = tmp(&format!("adders-{n}.scm"));
        std::fs::write(&path, program).unwrap();
        let out = Command::new(CLOSC)
            .args(["run", path.to_str().unwrap()])
            .env("CLOSC_GC_STATS", "1")
            .env("CLOSC_NURSERY", "64k")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        let line = stderr
            .lines()
            .find(|l| l.starts_with("gc: survived the nursery: "))
            .unwrap_or_else(|| panic!("no object counts in:\n{stderr}"));
        let minor: u64 = stderr
            .split_whitespace()
            .nth(1)
            .and_then(|w| w.parse().ok())
            .unwrap_or(0);
        let records = line["gc: survived the nursery: ".len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        (records, minor)
    };
    let ((few, _), (many, minor)) = (records(1_000), records(101_000));
    assert!(
        minor > 10,
        "the nursery should have filled many times: {minor}"
    );
    // A record is at least 32 bytes: at most 2,048 of them fit in 64 KiB,
    // one in 100 of those kept.
    let kept = many - few;
    assert!(
        (1_000 - 21..=1_000 + minor).contains(&kept),
        "{kept} more records survived the nursery ({minor} minor collections)"
    );
}

/// Runs `script` with `sh -c`, in the crate directory, with `$CLOSC` set.
fn sh(script: &str, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new("sh");
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CLOSC", CLOSC)
        .args(["-c", script]);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// `CLOSC_HEAP_MAX` bounds everything the collector holds, copy reserve
/// included: a program keeping everything live ends in a clean out-of-memory
/// error naming the cap, with peak RSS within the cap plus 8 MiB (measured
/// when /usr/bin/time is installed).
#[test]
fn heap_cap_is_honest() {
    let exe = tmp("keeplive");
    let b = closc(&[
        "build",
        "bench/alloc/keeplive.scm",
        "-o",
        exe.to_str().unwrap(),
    ]);
    assert!(b.status.success(), "{}", text(&b.stderr));
    let has_time = std::path::Path::new("/usr/bin/time").exists();
    let script = if has_time {
        "/usr/bin/time -f 'rss %M' \"$0\""
    } else {
        "exec \"$0\""
    };
    let mut c = Command::new("sh");
    c.args(["-c", script, exe.to_str().unwrap()])
        .env("CLOSC_HEAP_MAX", "64M");
    let o = c.output().unwrap();
    let err = text(&o.stderr);
    assert!(
        err.starts_with("error: out of memory (heap limit 64 MiB reached)\n"),
        "{err}"
    );
    if has_time {
        assert!(err.contains("exited with non-zero status 1"), "{err}");
        let rss: u64 = err
            .lines()
            .find_map(|l| l.strip_prefix("rss "))
            .and_then(|n| n.trim().parse().ok())
            .expect("time's report");
        assert!(rss < 72 * 1024, "peak RSS {rss} KB under a 64 MiB cap");
    } else {
        assert_eq!(o.status.code(), Some(1), "{err}");
    }
}

/// Under a small address-space limit the Scheme stack shrinks to fit (a
/// quarter of the limit) so that programs start, and running out of memory
/// says the system refused it rather than blaming the cap.
#[test]
fn small_address_space_limit() {
    let hello = sh(
        "ulimit -v 200000 && exec \"$CLOSC\" run examples/hello.scm",
        &[],
    );
    assert!(hello.status.success(), "{}", text(&hello.stderr));
    assert!(!text(&hello.stdout).is_empty());
    let oom = sh(
        "ulimit -v 200000 && exec \"$CLOSC\" run bench/alloc/keeplive.scm",
        &[("CLOSC_HEAP_MAX", "1G")],
    );
    let err = text(&oom.stderr);
    assert_eq!(oom.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: out of memory (the system refused "),
        "{err}"
    );
    let stack = sh(
        "ulimit -v 200000 && exec \"$CLOSC\" run examples/hello.scm",
        &[("CLOSC_STACK", "4G")],
    );
    let err = text(&stack.stderr);
    assert_eq!(stack.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: cannot start the Scheme thread with a 4096 MiB stack"),
        "{err}"
    );
}
