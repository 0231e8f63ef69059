; An unbound variable inside a procedure body is a compile error even
; though the procedure is never called.
(define (never-called x)
  (+ x undefined-helper))
(display "never printed")
(newline)
