; An unbound variable inside a procedure that is never called: a warning at
; compile time (tests/cli.rs), and the program runs.
(define (never-called x)
  (+ x undefined-helper))
(display "printed")
(newline)
