; if takes at most three operands.
(display "never printed")
(define (f x)
  (if x 1 2 3))
