; Calling a three-parameter procedure with one argument.
(define (add3 a b c) (+ a b c))
(display "partial output without newline")
(add3 1)
