; An unbound variable in evaluated code: the error names it and points into
; the evaluated datum, then to the caller.
(import (scheme base) (scheme eval) (scheme repl))
(eval '(define (f x) (+ x missing-name)) (interaction-environment))
(eval '(f 1) (interaction-environment))
