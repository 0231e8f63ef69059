; Collections inside procedures called by map, for-each and apply.
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(define result
  (map (lambda (x) (churn 20000) (list x (* x x)))
       '(1 2 3 4 5 6 7 8 9 10)))
(write result)
(newline)
(define acc '())
(for-each (lambda (x y) (churn 20000) (set! acc (cons (cons x y) acc)))
          '(a b c) '(1 2 3))
(write acc)
(newline)
(write (apply (lambda args (churn 50000) (reverse args)) 1 2 '(3 4 5)))
(newline)
