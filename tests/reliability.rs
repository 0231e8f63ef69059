//! The command line under hostile conditions (issue 21): builds never
//! clobber an input and are atomic (concurrent builds, a build killed while
//! linking), the exit statuses (1 error, 2 usage, 3 environment), write
//! errors and closed pipes in `closc run` and in executables, and the
//! newcomer's rough edges (`run` with no file, `run -`, `CC` with flags,
//! `check` with a missing file among others).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const CLOSC: &str = env!("CARGO_BIN_EXE_closc");

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh directory of this test's own under cargo's temporary directory
/// (inside `target/`, never `/tmp`).
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("closc-reliability-{}", std::process::id()))
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn closc_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(CLOSC)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const HELLO: &str = "(display \"hello\")\n(newline)\n";

#[test]
fn build_never_overwrites_its_input() {
    let dir = scratch("no-clobber");
    std::fs::write(dir.join("prog.scm"), HELLO).unwrap();
    std::fs::write(dir.join("myprog"), HELLO).unwrap();
    std::fs::write(dir.join("ir.clif"), HELLO).unwrap();
    for args in [
        &["build", "prog.scm", "-o", "prog.scm"][..],
        &["build", "prog.scm", "-o", "./prog.scm"],
        &["build", "--emit", "clif", "prog.scm", "-o", "prog.scm"],
        &["build", "--emit", "obj", "prog.scm", "-o", "prog.scm"],
        &["build", "myprog"],
        &["build", "--emit", "clif", "ir.clif"],
    ] {
        let out = closc_in(&dir, args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
    for name in ["prog.scm", "myprog", "ir.clif"] {
        assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), HELLO);
    }
    assert_eq!(listing(&dir), ["ir.clif", "myprog", "prog.scm"]);
    // With -o, a source without .scm builds.
    let out = closc_in(&dir, &["build", "myprog", "-o", "myprog.exe"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let run = Command::new(dir.join("myprog.exe")).output().unwrap();
    assert_eq!(text(&run.stdout), "hello\n");
}

/// Two builds of one output at once both succeed, and what is left is a
/// complete executable of one of them; no temporary file remains.
#[test]
fn concurrent_builds_of_one_output() {
    let dir = scratch("concurrent");
    std::fs::write(dir.join("a.scm"), "(display \"from a\")\n").unwrap();
    std::fs::write(dir.join("b.scm"), "(display \"from b\")\n").unwrap();
    for _round in 0..3 {
        let spawn = |src: &str| {
            Command::new(CLOSC)
                .current_dir(&dir)
                .args(["build", src, "-o", "out"])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("a.scm"), spawn("b.scm"));
        for child in [a, b] {
            let o = child.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", text(&o.stderr));
        }
        let run = Command::new(dir.join("out")).output().unwrap();
        assert!(run.status.success());
        let said = text(&run.stdout);
        assert!(said == "from a" || said == "from b", "{said}");
        assert_eq!(listing(&dir), ["a.scm", "b.scm", "out"]);
    }
}

/// A build stopped by a signal while it links leaves the old output in
/// place and no temporary file, in the output's directory or in TMPDIR.
#[test]
fn interrupted_build_leaves_the_old_output_and_no_temporaries() {
    let dir = scratch("interrupted");
    let tmpdir = dir.join("tmpdir");
    std::fs::create_dir_all(&tmpdir).unwrap();
    std::fs::write(dir.join("prog.scm"), HELLO).unwrap();
    std::fs::write(dir.join("out"), "the old output").unwrap();
    // A linker that writes half a file, says it started, and hangs.
    let slow_cc = dir.join("slow-cc");
    std::fs::write(
        &slow_cc,
        "#!/bin/sh\nwhile [ \"$1\" != -o ]; do shift; done\necho partial > \"$2\"\necho started > \"$(dirname \"$0\")/started\"\nexec sleep 30\n",
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&slow_cc)
        .status()
        .unwrap();
    for (signal, number) in [("TERM", 15), ("INT", 2)] {
        let _ = std::fs::remove_file(dir.join("started"));
        let mut child = Command::new(CLOSC)
            .current_dir(&dir)
            .env("CC", &slow_cc)
            .env("TMPDIR", &tmpdir)
            .args(["build", "prog.scm", "-o", "out"])
            .spawn()
            .unwrap();
        let mut waited = 0;
        while !dir.join("started").exists() {
            std::thread::sleep(std::time::Duration::from_millis(50));
            waited += 1;
            assert!(waited < 600, "the linker never started");
        }
        Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        // closc ends the way the signal ends a process.
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(number), "{signal}: {status:?}");
        assert_eq!(
            std::fs::read_to_string(dir.join("out")).unwrap(),
            "the old output",
            "{signal}"
        );
        assert_eq!(
            listing(&dir),
            ["out", "prog.scm", "slow-cc", "started", "tmpdir"],
            "{signal}"
        );
        assert!(
            listing(&tmpdir).is_empty(),
            "{signal}: {:?}",
            listing(&tmpdir)
        );
    }
}

/// 2 usage, 3 environment (no linker, no runtime library, an unwritable
/// output), 1 compile error; each one line (the linker's own report aside).
#[test]
fn exit_statuses_are_distinct() {
    let dir = scratch("statuses");
    std::fs::write(dir.join("prog.scm"), HELLO).unwrap();
    std::fs::write(dir.join("bad.scm"), "(display \"x\"\n").unwrap();
    let status = |envs: &[(&str, &str)], args: &[&str]| {
        let o = Command::new(CLOSC)
            .current_dir(&dir)
            .envs(envs.iter().copied())
            .args(args)
            .output()
            .unwrap();
        (o.status.code(), text(&o.stderr))
    };
    let build = ["build", "prog.scm", "-o", "prog"];
    let (code, err) = status(&[("CC", "no-such-linker-anywhere")], &build);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("no-such-linker-anywhere"), "{err}");
    let (code, err) = status(&[("CLOSC_RUNTIME", "/no/such/libcloscrt.a")], &build);
    assert_eq!(code, Some(3), "{err}");
    let (code, err) = status(&[], &["build", "prog.scm", "-o", "no/such/dir/prog"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.starts_with("error: cannot write no/such/dir/prog"),
        "{err}"
    );
    let (code, err) = status(
        &[],
        &["build", "--emit", "obj", "prog.scm", "-o", "no/dir/p.o"],
    );
    assert_eq!(code, Some(3), "{err}");
    let (code, _) = status(&[], &["build", "bad.scm", "-o", "bad"]);
    assert_eq!(code, Some(1));
    let (code, _) = status(&[], &["build", "missing.scm"]);
    assert_eq!(code, Some(2));
    assert_eq!(listing(&dir), ["bad.scm", "prog.scm"]);
}

#[test]
fn linker_from_cc_with_flags() {
    let dir = scratch("cc-flags");
    std::fs::write(dir.join("prog.scm"), HELLO).unwrap();
    let o = Command::new(CLOSC)
        .current_dir(&dir)
        .env("CC", "cc -m64 -Wl,--as-needed")
        .args(["build", "prog.scm", "-o", "prog"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let run = Command::new(dir.join("prog")).output().unwrap();
    assert_eq!(text(&run.stdout), "hello\n");
}

#[test]
fn run_without_a_file_names_it() {
    let dir = scratch("run-no-file");
    let o = closc_in(&dir, &["run"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("<FILE>"), "{err}");
}

#[test]
fn run_dash_reads_the_program_from_stdin() {
    let dir = scratch("run-stdin");
    let mut child = Command::new(CLOSC)
        .current_dir(&dir)
        .args(["run", "-", "--", "x", "y"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"(display (+ 1 2)) (write (command-line))")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(text(&o.stdout), "3(\"-\" \"x\" \"y\")");
}

/// `check A missing.scm B` checks A and B, reports the missing file and
/// exits with the usage status; errors in a file give 1.
#[test]
fn check_goes_on_past_a_missing_file() {
    let dir = scratch("check-missing");
    std::fs::write(dir.join("good.scm"), HELLO).unwrap();
    std::fs::write(dir.join("bad.scm"), "(if)\n").unwrap();
    let o = closc_in(&dir, &["check", "good.scm", "missing.scm", "bad.scm"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot read missing.scm"), "{err}");
    assert!(err.contains("bad.scm:1:1: error:"), "{err}");
    let o = closc_in(&dir, &["check", "good.scm", "bad.scm"]);
    assert_eq!(o.status.code(), Some(1));
    let o = closc_in(&dir, &["check", "good.scm"]);
    assert_eq!(o.status.code(), Some(0));
}

/// The REPL (and `run -e`) print each of several values on its own line,
/// and nothing for zero values.
#[test]
fn repl_prints_multiple_values_one_per_line() {
    let dir = scratch("repl-values");
    let mut child = Command::new(CLOSC)
        .current_dir(&dir)
        .env("HOME", &dir)
        .arg("repl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"(values 1 2)\n(values)\n(values \"a\")\n(+ 1 2)\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(text(&o.stdout), "1\n2\n\"a\"\n3\n");
    let o = closc_in(&dir, &["run", "-e", "(values 1 (list 2))"]);
    assert_eq!(text(&o.stdout), "1\n(2)\n");
}

/// Runs `script` with `sh -c` in `dir`, `$CLOSC` set.
fn sh(dir: &Path, script: &str) -> Output {
    Command::new("sh")
        .current_dir(dir)
        .env("CLOSC", CLOSC)
        .args(["-c", script])
        .output()
        .unwrap()
}

/// A failed write to standard output (a full device, a closed descriptor)
/// is an error, status 1, in `closc run` and in executables; a program can
/// catch it.
#[test]
fn write_errors_on_standard_output() {
    let dir = scratch("write-errors");
    std::fs::write(dir.join("hello.scm"), HELLO).unwrap();
    std::fs::write(
        dir.join("catch.scm"),
        "(display (guard (e ((file-error? e) (error-object-message e)))\n  (display \"lost\")\n  (flush-output-port)\n  'not-caught)\n  (current-error-port))\n",
    )
    .unwrap();
    for src in ["hello.scm", "catch.scm"] {
        let exe = src.trim_end_matches(".scm");
        let b = closc_in(&dir, &["build", src, "-o", exe]);
        assert!(b.status.success(), "{}", text(&b.stderr));
    }
    for (how, redirect, reason) in [
        ("full", "> /dev/full", "No space left on device"),
        ("closed", ">&-", "Bad file descriptor"),
    ] {
        for cmd in ["\"$CLOSC\" run hello.scm", "./hello"] {
            let o = sh(&dir, &format!("{cmd} {redirect}"));
            let err = text(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{how} {cmd}: {err}");
            assert_eq!(
                err,
                format!("error: cannot write to standard output: {reason}\n"),
                "{how} {cmd}"
            );
        }
        for cmd in ["\"$CLOSC\" run catch.scm", "./catch"] {
            let o = sh(&dir, &format!("{cmd} {redirect}"));
            let err = text(&o.stderr);
            assert_eq!(o.status.code(), Some(0), "{how} {cmd}: {err}");
            assert_eq!(err, format!("cannot write to standard output: {reason}"));
        }
    }
}

/// Standard output piped into a reader that stops (`head`): the program
/// ends quietly, status 141, the same in `closc run` and executables.
#[test]
fn closed_pipe_ends_quietly_with_one_status() {
    let dir = scratch("sigpipe");
    std::fs::write(
        dir.join("forever.scm"),
        "(let loop ((i 0)) (display i) (newline) (loop (+ i 1)))\n",
    )
    .unwrap();
    let b = closc_in(&dir, &["build", "forever.scm", "-o", "forever"]);
    assert!(b.status.success(), "{}", text(&b.stderr));
    for cmd in ["\"$CLOSC\" run forever.scm", "./forever"] {
        // The writer's own status, which `sh` does not keep for a pipe.
        let o = sh(
            &dir,
            &format!("{{ {cmd} 2>stderr.txt; echo $? > status.txt; }} | head -n 2"),
        );
        assert_eq!(text(&o.stdout), "0\n1\n", "{cmd}");
        let status = std::fs::read_to_string(dir.join("status.txt")).unwrap();
        assert_eq!(status.trim(), "141", "{cmd}");
        let err = std::fs::read_to_string(dir.join("stderr.txt")).unwrap();
        assert_eq!(err, "", "{cmd}");
    }
}
