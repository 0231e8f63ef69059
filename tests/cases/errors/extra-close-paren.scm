; One closing parenthesis too many.
(define (f x) (* x 2))
(display (f 21)))
(newline)
