; Calling a list, e.g. after forgetting a quote.
(define lst (list 1 2))
(define (apply-first f) (f 0))
(display "applying") (newline)
(display (apply-first (lambda (i) (+ i 1))))
(newline)
(apply-first lst)
