; remainder by zero.
(display (remainder 10 3)) (newline)
(define zero 0)
(display (remainder 10 zero))
