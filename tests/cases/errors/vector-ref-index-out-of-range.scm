; Indexing past the end of a vector.
(define v (vector 'a 'b 'c))
(display (vector-ref v 2)) (newline)
(display (vector-ref v 10))
