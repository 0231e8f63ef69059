(define b (expt 2 100))
(write (+ 1 b))
(newline)
(write (+ b (quote x)))
