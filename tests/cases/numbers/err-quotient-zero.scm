(define (f x) (quotient 1 x))
(write (f 1))
(newline)
(write (f 0))
