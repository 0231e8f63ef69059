; The define form is never closed.
(display "fine")
(newline)
(define (f x)
  (+ x 1)
