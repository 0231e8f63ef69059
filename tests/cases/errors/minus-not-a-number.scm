; Subtracting a symbol.
(display "computing...")
(newline)
(define x 'foo)
(display (- 10 x))
