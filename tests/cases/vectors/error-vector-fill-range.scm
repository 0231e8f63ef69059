; hand-written .out: Chez 9.5 has no start/end for vector-fill!.
(define v (make-vector 3 0))
(vector-fill! v 1 0 4)
