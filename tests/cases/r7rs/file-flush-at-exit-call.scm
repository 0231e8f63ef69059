; hand-written .out: `exit` writes out buffered file output (as Guile does),
; after the dynamic-wind after thunks ran.
(import (scheme base) (scheme file) (scheme process-context))
(define p (open-output-file "/dev/stdout"))
(dynamic-wind
  (lambda () #f)
  (lambda () (write-string "buffered\n" p) (exit 4))
  (lambda () (write-string "after thunk\n" p)))
