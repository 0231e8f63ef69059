#!/usr/bin/env python3
"""Writes a generated project of L libraries (default 50) and about N lines
in all (default 20,000) into DIR, for measuring how long `closc run` takes to
compile and start a program of many libraries (issue: compile speed of
programs of many files). Library k, `(gen libK)` in `DIR/gen/libK.sld`,
imports `(scheme base)` and library k-1, defines procedures in the style of
`gen-large.py` (arithmetic, `let`, named-`let` loops, closures, `cond`,
lists, vectors, calls to its own earlier procedures and to the library
before it), keeps half of them private, and exports the rest; `DIR/main.scm`
imports every library and prints one checksum.

    python3 bench/gen-libraries.py /tmp/libs 50 20000
    hyperfine -N 'target/release/closc run /tmp/libs/main.scm'
"""
import os
import sys


def proc(lib: int, i: int) -> str:
    prev = f"(p{i - 1} (+ x 1) x)" if i > 0 else "(+ x 1)"
    outside = f"(lib{lib - 1}-entry x)" if lib > 0 else "x"  # called by q0 only: linear
    return f"""(define (p{i} x y)
  (let ((a (+ x {i % 97})) (b (* y 2)))
    (let loop ((k 0) (acc 0))
      (cond ((= k 3)
             (let ((f (lambda (z) (+ z a b))))
               (+ acc (f {i % 13}) (vector-ref (vector a b x) 2))))
            ((even? k) (loop (+ k 1) (+ acc (car (list a b)))))
            (else (loop (+ k 1) (- acc {i % 7})))))))
(define (q{i} x) (remainder (+ {prev if i % 5 == 0 else "x"} {outside if i == 0 else 0} {i % 11}) 1000))
"""


def main() -> None:
    out = sys.argv[1]
    libraries = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    lines = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    per_library = max(2, lines // libraries // 9)
    os.makedirs(os.path.join(out, "gen"), exist_ok=True)
    for lib in range(libraries):
        body = "".join(proc(lib, i) for i in range(per_library))
        exports = " ".join(f"q{i}" for i in range(0, per_library, 2))
        imports = f" (gen lib{lib - 1})" if lib > 0 else ""
        total = " ".join(f"(q{i} {i})" for i in range(0, per_library, 2))
        text = f"""(define-library (gen lib{lib})
  (export lib{lib}-entry)
  (import (scheme base){imports})
  (begin
{body}
(define (lib{lib}-entry x) (remainder (+ x {total}) 1000))))
"""
        with open(os.path.join(out, "gen", f"lib{lib}.sld"), "w") as f:
            f.write(text)
    imports = " ".join(f"(gen lib{lib})" for lib in range(libraries))
    calls = " ".join(f"(lib{lib}-entry {lib})" for lib in range(libraries))
    with open(os.path.join(out, "main.scm"), "w") as f:
        f.write(f"(import (scheme base) (scheme write) {imports})\n")
        f.write(f"(display (remainder (+ {calls}) 100000))\n(newline)\n")


if __name__ == "__main__":
    main()
