; A parameter list may not repeat a name.
(display "never printed")
(define f (lambda (x x) x))
