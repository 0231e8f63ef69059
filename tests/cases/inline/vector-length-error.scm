;; vector-length of a non-vector is the runtime's error, not a crash.
(define (id x) x)
(display (vector-length (id (vector 1 2))))
(newline)
(vector-length (id "ab"))
