; hand-written .out: Chez 9.5 has no vector-copy!.
(define v (make-vector 3 0))
(vector-copy! v 1 (vector 1 2 3) 0 3)
