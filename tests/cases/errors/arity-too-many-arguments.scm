; Calling a two-parameter procedure with three arguments.
(define (f a b) (+ a b))
(display (f 1 2)) (newline)
(display (f 1 2 3))
