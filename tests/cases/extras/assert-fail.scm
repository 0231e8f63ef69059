; hand-written .out: assert is closc's
(display "before")
(newline)
(define (check-positive n) (assert (positive? n)) n)
(check-positive 3)
(check-positive -2)
(display "not reached")
