; hand-written .out: a compile error. R7RS 4.2.1 leaves a cond-expand where no
; requirement holds and there is no else clause unspecified; Guile 3 rejects
; it as a syntax error ("unfulfilled cond-expand"), and so does closc.
(display "never printed")
(define (f)
  (cond-expand
    (no-such-feature 1)
    ((not r7rs) 2)))
