//! Programs of several files, through the `closc` command line: a call
//! across a library boundary compiles to the same code as within one file
//! (`--emit clif`), an R7RS program's unimported names are warnings, the
//! REPL imports libraries at any time, and `closc explain` names each
//! lambda's file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const CLOSC: &str = env!("CARGO_BIN_EXE_closc");

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh directory holding `files` (path, text).
fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("closc-libraries-{}-{name}", std::process::id()));
    for (path, body) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    dir
}

fn closc_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(CLOSC)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

const OPS: &str = "(define-library (m ops)
  (export step)
  (import (scheme base))
  (begin (define (step x) (if (pair? x) (car x) (+ x 1)))))
";

/// The acceptance test of issue 18: `step`, defined in a library and called
/// from the program, compiles to exactly the code of the one-file program
/// that defines it itself (a known procedure: a direct call, or inlined).
#[test]
fn cross_library_calls_are_the_same_code_as_within_one_file() {
    let dir = project(
        "clif",
        &[
            ("m/ops.sld", OPS),
            (
                "two.scm",
                "(import (scheme base) (scheme write) (m ops))
(define (run n acc) (if (= n 0) acc (run (- n 1) (step acc))))
(display (run 10 0))
",
            ),
            (
                "one.scm",
                "(import (scheme base) (scheme write))
(define (step x) (if (pair? x) (car x) (+ x 1)))
(define (run n acc) (if (= n 0) acc (run (- n 1) (step acc))))
(display (run 10 0))
",
            ),
        ],
    );
    let clif = |file: &str| {
        let out = closc_in(&dir, &["build", "--emit", "clif", file, "-o", "-"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let (one, two) = (clif("one.scm"), clif("two.scm"));
    assert!(two.contains("call fn"), "direct calls:\n{two}");
    assert_eq!(one, two);
    let run = closc_in(&dir, &["run", "two.scm"]);
    assert_eq!(text(&run.stdout), "10");
}

/// An R7RS program sees only what it imports: closc's other names and
/// other libraries' are unbound (warnings at compile time).
#[test]
fn unimported_names_are_unbound_warnings() {
    let dir = project(
        "unbound",
        &[(
            "p.scm",
            "(import (scheme base))\n(string-join '(\"a\") \" \")\n(char-upcase #\\a)\n(car '(1))\n",
        )],
    );
    let out = closc_in(&dir, &["check", "p.scm"]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "warnings only: {err}");
    assert!(
        err.contains("p.scm:2:2: warning: unbound variable `string-join`"),
        "{err}"
    );
    assert!(
        err.contains("p.scm:3:2: warning: unbound variable `char-upcase`"),
        "{err}"
    );
    assert!(!err.contains("`car`"), "{err}");
    // A script (no import) sees every standard name.
    let dir = project("script", &[("s.scm", "(display (char-upcase #\\a))\n")]);
    let out = closc_in(&dir, &["run", "s.scm"]);
    assert_eq!(
        (text(&out.stdout), text(&out.stderr)),
        ("A".into(), String::new())
    );
}

/// The REPL imports at any time, and accepts `define-library`.
#[test]
fn repl_imports_libraries() {
    let dir = project("repl", &[("m/ops.sld", OPS)]);
    let mut child = Command::new(CLOSC)
        .current_dir(&dir)
        .args(["-I", ".", "repl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"(define x 1)\n(import (m ops))\n(step x)\n\
              (define-library (here) (export h) (import (scheme base) (m ops)) (begin (define (h) (step 10))))\n\
              (import (prefix (here) here:))\n(here:h)\n",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(text(&out.stdout), "2\n11\n", "{}", text(&out.stderr));
}

/// `closc explain` reports the lambdas of every file (the program's, a
/// library's, an included one), each with its file.
#[test]
fn explain_names_each_lambdas_file() {
    let dir = project(
        "explain",
        &[
            ("m/ops.sld", OPS),
            (
                "parts/twice.sch",
                "\n(define (twice g)\n  (lambda (x) (g (g x))))\n",
            ),
            (
                "p.scm",
                "(import (scheme base) (m ops))\n(define (f y) (lambda () (step y)))\n((f 1))\n\
                 (include \"parts/twice.sch\")\n((twice step) 1)\n",
            ),
        ],
    );
    let out = closc_in(&dir, &["explain", "p.scm"]);
    let report = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(report.contains("m/ops.sld:4:10"), "{report}");
    assert!(report.contains(" 2:15 "), "{report}");
    assert!(report.contains("parts/twice.sch:3:3"), "{report}");
    let out = closc_in(&dir, &["explain", "--json", "p.scm"]);
    let json = text(&out.stdout);
    assert!(json.contains("\"source_file\": \"m/ops.sld\""), "{json}");
    assert!(json.contains("\"source_file\": \"p.scm\""), "{json}");
    assert!(
        json.contains("\"source_file\": \"parts/twice.sch\""),
        "{json}"
    );
}

/// Every bundled library compiles cleanly where it is imported: no unbound
/// name in its body (a strict library sees only what it imports, so a
/// missing import in its `.sld` shows up here as a warning).
#[test]
fn bundled_libraries_import_what_they_use() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("lib");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-libraries");
    std::fs::create_dir_all(&dir).unwrap();
    let mut names = Vec::new();
    for sub in std::fs::read_dir(&lib).unwrap() {
        for file in std::fs::read_dir(sub.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "sld") {
                let text = std::fs::read_to_string(&path).unwrap();
                let start = text.find("(define-library ").expect("a define-library") + 16;
                let end = start + text[start..].find(')').unwrap() + 1;
                names.push(text[start..end].to_string());
            }
        }
    }
    assert!(names.len() >= 20, "bundled libraries found: {names:?}");
    for name in names {
        let program = dir.join("imports.scm");
        std::fs::write(&program, format!("(import (scheme base) {name})\n")).unwrap();
        let out = closc_in(&dir, &["check", "imports.scm"]);
        let err = text(&out.stderr);
        assert!(
            out.status.success() && !err.contains("warning") && !err.contains("error"),
            "{name}: {err}"
        );
    }
}
