; Arity is also checked when calling through apply.
(define (pair-up a b) (cons a b))
(write (apply pair-up '(1 2))) (newline)
(write (apply pair-up 1 '(2 3 4)))
