; error with only a message.
(display "about to fail") (newline)
(define (check x) (if (< x 0) (error "plain failure") x))
(display (check 1)) (newline)
(check -1)
