(define v (vector 1 2 3))
(write (vector-ref v 0))
(newline)
(write (vector-ref v -1))
