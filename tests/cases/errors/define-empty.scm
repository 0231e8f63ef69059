; (define) names nothing.
(display "never printed")
(define)
