; modulo by zero.
(display (modulo -7 3)) (newline)
(display (map (lambda (d) (modulo 100 d)) '(7 0 3)))
