; hand-written .out: the after thunks `exit` runs are those of the current
; dynamic extent: a dynamic-wind already left by a continuation is not run
; again, and `(exit #t)` after them is a normal exit.
(import (scheme base) (scheme write) (scheme process-context))
(define (say x) (display x) (newline))
(call-with-current-continuation
 (lambda (k)
   (dynamic-wind
     (lambda () (say "left before"))
     (lambda () (k 'out))
     (lambda () (say "left after")))))
(dynamic-wind
  (lambda () (say "before"))
  (lambda () (exit #t))
  (lambda () (say "after")))
