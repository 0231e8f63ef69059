; Raising a non-condition that nothing catches.
(define (fail-with x)
  (list (raise x)))
(display "ok ")
(fail-with 'boom)
