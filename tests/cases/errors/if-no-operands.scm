; (if) has no test.
(display "never printed")
(define (f x)
  (if))
