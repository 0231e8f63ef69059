; car of a number is a type error.
(define (first x) (car x))
(display "before")
(newline)
(display (first '(1 2)))
(newline)
(display (first 5))
(display "never printed")
