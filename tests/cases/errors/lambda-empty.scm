; (lambda) has neither parameters nor body.
(define g 1)
(define f (lambda))
