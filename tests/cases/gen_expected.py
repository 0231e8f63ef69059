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
    reader knows only the R6RS spelling).

Cases whose first line starts with `; hand-written .out` (Chez lacks the
feature or deviates from R7RS there; the rest of the line says why) are
skipped: their .out was written by hand from the R7RS text.

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

IMPORT_RE = re.compile(r"\A(\s*)(\(import\s+(?:\([^()]*\)\s*)*\))", re.S)


def chez_source(src):
    m = IMPORT_RE.match(src)
    if m:
        blank = re.sub(r"[^\n]", " ", m.group(2))
        src = src[: m.start(2)] + blank + src[m.end(2):]
    src = src.replace("#u8(", "#vu8(")
    if "=>" in src:
        src = CASE_PRELUDE.replace("\n", " ") + "\n" + src
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
        p = subprocess.run(["scheme", "--script", tmp.name], capture_output=True, timeout=60)
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
        if p.returncode != want or p.stderr:
            raise SystemExit(f"{path}: rc={p.returncode} stderr={p.stderr.decode()!r}")
    with open(base + ".out", "wb") as f:
        f.write(p.stdout)
    return f"{dt:.2f}s"


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
