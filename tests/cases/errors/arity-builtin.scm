; Calling the builtin car with two arguments.
(define (get-first l) (car l l))
(display "before") (newline)
(get-first '(1 2))
