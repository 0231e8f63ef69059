; vector-ref applied to a list.
(define data '(1 2 3))
(display "before") (newline)
(display (vector-ref data 0))
