; Parameters must be identifiers.
(display "never printed")
(define f (lambda (1) 1))
