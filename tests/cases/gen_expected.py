#!/usr/bin/env python3
"""Regenerate the expected .out files of the case tests using Chez Scheme.

Usage:  python3 tests/cases/gen_expected.py [FILE.scm ...]
        (no arguments: every tests/cases/*/*.scm)

Chez Scheme (`scheme`) is the oracle.  Two shims make it accept the closc
subset exactly:
  * a leading `(import (scheme base) ...)` form is blanked out (Chez 9.5
    has no R7RS libraries; closc ignores the form);
  * if the program contains `=>`, an R7RS `case` (which supports `=>`
    clauses; Chez 9.5's `case` does not) is defined first;
  * R7RS bytevector literals `#u8(...)` are spelled `#vu8(...)` (Chez's
    reader knows only the R6RS spelling), and in Chez's output `#vu8(` and
    the character names R7RS lacks are rewritten as R7RS writes them (see
    `r7rs_spelling`).

Cases whose first line starts with `; hand-written .out` (Chez lacks the
feature or deviates from R7RS there; the rest of the line says why) are
skipped: their .out was written by hand from the R7RS text.
  * R7RS procedures and syntax Chez 9.5 lacks or spells differently
    (`define-record-type` in its R7RS form, `write-shared`, `write-simple`,
    `write-string`, `read-line`, `read-string`, `input-port-open?`,
    `output-port-open?`) are defined first when the program uses them
    (`write-shared` is Chez's `write` with `print-graph` on; records print
    without their uid, as `#[name field ...]`).

NAME.in, if present, is fed to Chez's standard input; NAME.args holds
whitespace-separated program arguments.

Non-error cases (no .err file) must exit 0 (or the status in NAME.status)
with empty stderr.
Error cases (.err present) must exit non-zero; their .out is Chez's stdout.
Compile-error cases (a .err line starting with "NAME.scm:") get an empty
.out, because closc rejects them before running anything.
"""
import os, re, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))

CASE_PRELUDE = r"""
(define-syntax case
  (syntax-rules (else =>)
    ((_ key clause ...) (let ((k key)) (%r7rs-case k clause ...)))))
(define-syntax %r7rs-case
  (syntax-rules (else =>)
    ((_ k) (if #f #f))
    ((_ k (else => f)) (f k))
    ((_ k (else e ...)) (begin e ...))
    ((_ k ((d ...) => f) c ...) (if (memv k '(d ...)) (f k) (%r7rs-case k c ...)))
    ((_ k ((d ...) e ...) c ...) (if (memv k '(d ...)) (begin e ...) (%r7rs-case k c ...)))))
"""

HAND_WRITTEN = "; hand-written .out"
R7RS_SHIMS = {
    "define-record-type": r"""
(print-gensym #f)
(define-syntax define-record-type
  (lambda (x)
    (syntax-case x ()
      ((_ tname ctor pred (field acc . more) ...)
       (let* ((fields #'(field ...))
              (ctor-def
               (syntax-case #'ctor ()
                 (#f #'(begin))
                 ((cname cf ...)
                  (with-syntax
                      (((arg ...)
                        (map (lambda (f)
                               (let loop ((cs #'(cf ...)))
                                 (cond ((null? cs) #'#f)
                                       ((eq? (syntax->datum (car cs)) (syntax->datum f)) (car cs))
                                       (else (loop (cdr cs))))))
                             fields)))
                    #'(define cname
                        (let ((mk (record-constructor (make-record-constructor-descriptor tname #f #f))))
                          (lambda (cf ...) (mk arg ...))))))
                 (cname
                  #'(define cname (record-constructor (make-record-constructor-descriptor tname #f #f))))))
              (field-defs
               (map (lambda (a m i)
                      (with-syntax ((a a) (i i))
                        (syntax-case m ()
                          (() #'(define a (record-accessor tname i)))
                          ((mod) #'(begin (define a (record-accessor tname i))
                                          (define mod (record-mutator tname i)))))))
                    #'(acc ...) #'(more ...) (iota (length fields)))))
         (with-syntax ((ctor-def ctor-def) ((fdef ...) field-defs))
           #'(begin
               (define tname (make-record-type-descriptor 'tname #f #f #f #f '#((mutable field) ...)))
               ctor-def
               (define pred (record-predicate tname))
               fdef ...)))))))
""",
    "write-shared": "(define (write-shared x . p) (parameterize ((print-graph #t)) (apply write x p)))",
    "write-simple": "(define (write-simple x . p) (apply write x p))",
    "write-string": """(define write-string
  (case-lambda ((s) (display s)) ((s p) (display s p))
    ((s p a) (display (substring s a (string-length s)) p))
    ((s p a b) (display (substring s a b) p))))""",
    "read-line": "(define (read-line . p) (get-line (if (null? p) (current-input-port) (car p))))",
    "read-string": """(define (read-string k . p)
  (if (= k 0) "" (get-string-n (if (null? p) (current-input-port) (car p)) k)))""",
    "input-port-open?": "(define (input-port-open? p) (not (port-closed? p)))",
    "output-port-open?": "(define (output-port-open? p) (not (port-closed? p)))",
}

IMPORT_RE = re.compile(r"\A(\s*)(\(import\s+(?:\([^()]*\)\s*)*\))", re.S)


def chez_source(src):
    m = IMPORT_RE.match(src)
    if m:
        blank = re.sub(r"[^\n]", " ", m.group(2))
        src = src[: m.start(2)] + blank + src[m.end(2):]
    src = src.replace("#u8(", "#vu8(")
    if "=>" in src:
        src = CASE_PRELUDE.replace("\n", " ") + "\n" + src
    shims = [shim for name, shim in R7RS_SHIMS.items()
             if re.search(r"(?<![\w!?*<>=/+-])" + re.escape(name) + r"(?![\w!?*<>=/+-])", src)]
    if shims:
        # One line, so that line numbers in Chez's messages stay right.
        src = " ".join(" ".join(shims).split("\n")) + "\n" + src
    return src


def run(path):
    base = path[:-4]
    name = os.path.basename(path)
    err_file = base + ".err"
    is_error = os.path.exists(err_file)
    if is_error:
        with open(err_file) as f:
            if any(line.startswith(name + ":") for line in f):
                open(base + ".out", "w").close()
                return "compile-error (empty .out)"
    with open(path) as f:
        src = f.read()
    if src.startswith(HAND_WRITTEN):
        return "hand-written .out (kept)"
    src = chez_source(src)
    with tempfile.NamedTemporaryFile("w", suffix=".scm", delete=False) as tmp:
        tmp.write(src)
    try:
        t0 = time.time()
        stdin = open(base + ".in", "rb").read() if os.path.exists(base + ".in") else b""
        args = open(base + ".args").read().split() if os.path.exists(base + ".args") else []
        p = subprocess.run(["scheme", "--script", tmp.name] + args, input=stdin,
                           capture_output=True, timeout=60)
        dt = time.time() - t0
    finally:
        os.unlink(tmp.name)
    if is_error:
        if p.returncode == 0:
            raise SystemExit(f"{path}: error case exited 0 under Chez")
    else:
        want = 0
        if os.path.exists(base + ".status"):
            with open(base + ".status") as f:
                want = int(f.read().strip())
        # Chez's `write` warns when it meets a cycle and then prints with
        # datum labels, which is what R7RS `write` does silently.
        stderr = b"".join(l for l in p.stderr.splitlines(True)
                          if not l.startswith(b"Warning in write: cycle detected"))
        if p.returncode != want or stderr:
            raise SystemExit(f"{path}: rc={p.returncode} stderr={p.stderr.decode()!r}")
    with open(base + ".out", "wb") as f:
        f.write(r7rs_spelling(p.stdout))
    return f"{dt:.2f}s"


# Chez 9.5 writes some data in R6RS's or its own syntax; closc writes R7RS's
# (R7RS 2.1, 6.13.3).  Rewritten in Chez's output: bytevectors `#vu8(` ->
# `#u8(`, and the character names R7RS lacks (`#\nul` -> `#\null`, `#\esc`
# -> `#\escape`, `#\page` -> `#\xC`, `#\vtab` -> `#\xB`).  Not rewritable
# (so such cases are hand-written): symbols Chez writes with `\xHH;`
# escapes (closc: `|a b|`), and `\v` / `\f` in written strings (closc:
# `\xB;` / `\xC;`).
R7RS_SPELLINGS = [
    (re.compile(rb"#vu8\("), b"#u8("),
    (re.compile(rb"#\\nul(?![A-Za-z])"), b"#\\null"),
    (re.compile(rb"#\\esc(?![A-Za-z])"), b"#\\escape"),
    (re.compile(rb"#\\page(?![A-Za-z])"), b"#\\xC"),
    (re.compile(rb"#\\vtab(?![A-Za-z])"), b"#\\xB"),
]


def r7rs_spelling(out):
    for pattern, replacement in R7RS_SPELLINGS:
        out = pattern.sub(lambda _: replacement, out)
    return out


def main():
    files = sys.argv[1:]
    if not files:
        files = sorted(
            os.path.join(HERE, g, f)
            for g in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, g))
            for f in os.listdir(os.path.join(HERE, g)) if f.endswith(".scm"))
    for path in files:
        print(f"{os.path.relpath(path, HERE)}: {run(path)}")


if __name__ == "__main__":
    main()
