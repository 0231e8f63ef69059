; quotient by zero.
(define (avg total count) (quotient total count))
(display (avg 10 2)) (newline)
(display (avg 10 0))
