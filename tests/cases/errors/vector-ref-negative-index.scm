; A negative vector index.
(define v (make-vector 3 0))
(define (last-index v) (- (vector-length v) 4))
(display "before") (newline)
(display (vector-ref v (last-index v)))
