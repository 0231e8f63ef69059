; Unbound names in code that never runs: a branch not taken, a procedure
; passed around but not called, a `set!` in a lambda never called.
(define (choose flag)
  (if flag
      (missing-procedure flag)
      'fine))
(display (choose #f))
(newline)
(define later-thunk (lambda () (set! not-defined-anywhere 1)))
(display (procedure? later-thunk))
(newline)
(define (use-twice) (list missing-value missing-value))
(display (and #f missing-value))
(newline)
(display (or 'first missing-value))
(newline)
