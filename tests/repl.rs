//! `closc repl`: through a real terminal (a pty, with rexpect) and through a
//! pipe. Checks that definitions persist, that a redefined helper changes
//! its callers, that errors (compile and runtime) leave the session usable,
//! multi-line input, history recall with the Up arrow, Ctrl-C interrupting a
//! loop, and Ctrl-D leaving cleanly.

use std::io::Write;
use std::process::{Command, Stdio};

const CLOSC: &str = env!("CARGO_BIN_EXE_closc");

fn piped(input: &str) -> (i32, String, String) {
    piped_with(input, &[])
}

/// `closc repl` with `input` on a pipe and `vars` in its environment: its
/// exit status, standard output and standard error.
fn piped_with(input: &str, vars: &[(&str, &str)]) -> (i32, String, String) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("closc-repl-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(CLOSC)
        .arg("repl")
        .env("HOME", &dir)
        .envs(vars.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn pipe_prints_values_without_escape_codes() {
    let (status, out, err) = piped("(+ 1 2)\n");
    assert_eq!((status, out.as_str(), err.as_str()), (0, "3\n", ""));
}

#[test]
fn pipe_session_keeps_state_across_errors() {
    let input = "\
(define (make-counter)
  (let ((n 0))
    (lambda () (set! n (+ n 1)) n)))
(define c (make-counter))
(c) (c)
(c)
(define (helper) 1)
(define (f) (+ 10 (helper)))
(f)
(define (helper) 2)
(f)
(car 5)
(c)
(undefined-name 1)
(c)
(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(point-x (make-point 3 4))
\"str\" #\\a 'sym (list 1 \"two\" #(3))
(if #f #f)
(define (deep n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
(deep 100000)
(vector-ref (vector) 0)
(c)
,env
";
    let (status, out, err) = piped(input);
    assert_eq!(
        out,
        "1\n2\n3\n11\n12\n4\n5\n3\n\"str\"\n#\\a\nsym\n(1 \"two\" #(3))\n100000\n6\nc deep f helper make-counter make-point point point-x point-y point?\n"
    );
    assert!(err.contains("error: car: not a pair: 5"), "{err}");
    assert!(
        err.contains("<repl>:1:2: warning: unbound variable `undefined-name`"),
        "{err}"
    );
    assert!(
        err.contains("error: unbound variable: undefined-name\n  at <repl>:1:2"),
        "{err}"
    );
    assert!(err.contains("vector-ref"), "{err}");
    assert!(!out.contains('\x1b') && !err.contains('\x1b'));
    assert_eq!(status, 1, "an input failed");
}

/// Macros, records and names persist from one input to the next; a name
/// unbound in one input (a warning, an error when evaluated) may be defined
/// by a later one; a macro's hidden globals stay apart from the user's and
/// from those of its other uses.
#[test]
fn pipe_session_keeps_macros_records_and_unbound_names() {
    let input = "\
(define-syntax swap!
  (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define x 1)
(define y 2)
(swap! x y)
(list x y)
(define-syntax two
  (syntax-rules () ((_ f k) (begin (define (f x) (g x)) (define (g x) (* x k))))))
(two times3 3)
(times3 7)
(define (g x) 'users-g)
(two times4 4)
(list (times3 2) (times4 2) (g 5))
(define-record-type point (make-point x y) point? (x point-x set-point-x!) (y point-y))
(define p (make-point 1 2))
(set-point-x! p 10)
(list (point-x p) (point-y p) (point? p) (point? 5))
(define (f) (+ 1 (later 2)))
(f)
(set! later2 1)
(define (later n) (* n 10))
(f)
(define-syntax my-unless
  (syntax-rules () ((_ c e ...) (if c #f (begin e ...)))))
(my-unless #f 'ran)
,env
";
    let (status, out, err) = piped(input);
    assert_eq!(
        out,
        "(2 1)\n21\n(6 8 users-g)\n(10 2 #t #f)\n21\nran\n\
         f g later make-point p point point-x point-y point? set-point-x! times3 times4 x y\n"
    );
    assert!(
        err.contains("<repl>:1:19: warning: unbound variable `later`"),
        "{err}"
    );
    assert!(err.contains("error: unbound variable: later\n"), "{err}");
    assert!(
        err.contains("<repl>:1:7: warning: unbound variable `later2`"),
        "{err}"
    );
    assert!(err.contains("error: unbound variable: later2\n"), "{err}");
    assert_eq!(status, 1, "two inputs failed");
}

#[test]
fn pipe_commands() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("closc-repl-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lib.scm");
    std::fs::write(
        &file,
        "(define (square x) (* x x))\n(display \"loaded\")\n(newline)\n",
    )
    .unwrap();
    let input = format!(
        ",load {}\n(square 12)\n,explain (let ((k 1)) (lambda (x) (+ x k)))\n,frobnicate\n,quit\n(display \"not reached\")\n",
        file.display()
    );
    let (status, out, err) = piped(&input);
    assert!(out.starts_with("loaded\n144\n"), "{out}");
    assert!(out.contains("free (slot order)"), "{out}");
    assert!(!out.contains("not reached"));
    assert!(err.contains("unknown command `,frobnicate`"), "{err}");
    assert_eq!(status, 1);
}

#[test]
fn stack_overflow_and_interrupt_free_session() {
    let (status, out, err) =
        piped("(define x 41)\n(define (deep n) (+ 1 (deep n)))\n(deep 1)\n(+ x 1)\n");
    assert!(err.contains("error: stack overflow"), "{err}");
    assert_eq!(out, "42\n");
    assert_eq!(status, 1);
}

/// The acceptance session, in a real terminal.
#[test]
fn terminal_session() -> Result<(), rexpect::error::Error> {
    let home = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("closc-repl-pty-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let _ = std::fs::remove_file(home.join(".closc_history"));
    let mut cmd = Command::new(CLOSC);
    cmd.arg("repl").env("HOME", &home).env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    p.exp_string(",help")?;
    p.exp_string("closc> ")?;
    // Each step waits for output that the echo of the input cannot contain,
    // then for the next prompt (typing ahead while an input runs is not
    // what a person does, and rustyline redraws the prompt while echoing).
    let step = |p: &mut rexpect::session::PtySession, line: &str, expect: &str| {
        p.send_line(line)?;
        p.exp_string(expect)?;
        p.exp_string("closc> ").map(|_| ())
    };
    step(
        &mut p,
        "(define (make-counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n))) (+ 100 1)",
        "101\r\n",
    )?;
    step(&mut p, "(define c (make-counter)) (+ 100 2)", "102\r\n")?;
    for expected in ["1", "2", "3"] {
        step(&mut p, "(c)", &format!("{expected}\r\n"))?;
    }
    step(&mut p, "(define (helper) 'old) (+ 100 3)", "103\r\n")?;
    step(
        &mut p,
        "(define (use) (list (helper))) (+ 100 4)",
        "104\r\n",
    )?;
    step(&mut p, "(use)", "(old)\r\n")?;
    step(&mut p, "(define (helper) 'new) (+ 100 5)", "105\r\n")?;
    step(&mut p, "(use)", "(new)\r\n")?;
    step(&mut p, "(car '())", "error: car: not a pair: ()")?;
    // Multi-line input waits for the closing parenthesis.
    p.send_line("(+ 1")?;
    p.exp_string("...> ")?;
    step(&mut p, "2)", "3\r\n")?;
    step(&mut p, "(c)", "4\r\n")?;
    // Up arrow recalls `(c)`.
    p.send("\x1b[A")?;
    p.flush()?;
    std::thread::sleep(std::time::Duration::from_millis(100));
    p.send("\r")?;
    p.flush()?;
    p.exp_string("5\r\n")?;
    p.exp_string("closc> ")?;
    // Ctrl-C stops a running loop; the session goes on.
    p.send_line("(let loop () (loop))")?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c')?;
    p.exp_string("interrupted")?;
    p.exp_string("closc> ")?;
    step(&mut p, "(c)", "6\r\n")?;
    // Ctrl-D leaves.
    p.send_control('d')?;
    p.exp_eof()?;
    let history = std::fs::read_to_string(home.join(".closc_history")).unwrap_or_default();
    assert!(history.contains("(define c (make-counter))"), "{history}");
    Ok(())
}

#[test]
fn procedure_names_stay_right_across_inputs() {
    let (_, out, err) = piped(
        "(define (foo x) (car x))\nfoo\n(define (bar) (lambda (a b) a))\nfoo\nbar\n((bar) 1)\n(foo 2)\n",
    );
    assert_eq!(
        out,
        "#<procedure foo>\n#<procedure foo>\n#<procedure bar>\n"
    );
    assert!(
        err.contains("#<procedure>: wrong number of arguments: expected 2, got 1"),
        "{err}"
    );
    assert!(err.contains("car: not a pair: 2"), "{err}");
}

#[test]
fn deep_recursion_after_an_error_deep_down() {
    // An error deep in a recursion that collections ran in leaves its
    // thread parked with the stack barrier (and the stops it moves to) in
    // frames that never run again; the next inputs recurse deeply, with
    // collections, on new threads.
    let input = "\
(define (deep n at) (if (= n 0) '() (let ((rest (deep (- n 1) at))) (if (= n at) (car n)) (cons (list n) rest))))
(length (deep 100000 -1))
(deep 100000 50000)
(length (deep 100000 -1))
(length (deep 200000 -1))
";
    let (status, stdout, stderr) = piped_with(input, &[("CLOSC_NURSERY", "64K")]);
    assert_eq!(status, 1, "an input failed: {stderr}");
    assert_eq!(stdout, "100000\n100000\n200000\n");
    assert!(
        stderr.contains("car: not a pair: 50000"),
        "stderr: {stderr}"
    );
}
