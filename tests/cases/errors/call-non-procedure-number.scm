; Calling a number.
(define x 5)
(display "before") (newline)
(x 3)
