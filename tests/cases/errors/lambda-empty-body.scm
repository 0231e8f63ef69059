; A lambda needs at least one body expression.
(display "never printed")
(define f (lambda (x)))
