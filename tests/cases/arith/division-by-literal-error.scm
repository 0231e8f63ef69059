;; modulo with a literal divisor and a dividend that is no number reports
;; the procedure and the argument.
(define (bucket x) (modulo x 8))
(display (bucket 21))
(newline)
(display (bucket (car (list 'seven))))
(newline)
