(define (check x) (if (< x 0) (error "negative value:" x 'in "check") x))
(display (check 1))
(newline)
(check -5)
