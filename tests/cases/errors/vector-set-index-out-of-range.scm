; vector-set! one past the end, as in an off-by-one loop.
(define v (make-vector 3 0))
(do ((i 0 (+ i 1))) ((> i 3))
  (display i) (display " ")
  (vector-set! v i (* i i)))
