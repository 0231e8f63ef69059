; error raised from deep inside a closure-based object.
(define (make-account balance)
  (lambda (amount)
    (if (> amount balance)
        (error "withdraw: insufficient funds" amount)
        (begin (set! balance (- balance amount)) balance))))
(define acc (make-account 100))
(display (acc 30)) (newline)
(for-each (lambda (a) (display (acc a)) (newline)) '(10 20 130 5))
