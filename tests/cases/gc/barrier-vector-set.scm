; vector-set! of fresh objects into a promoted vector.
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(define v (make-vector 10 0))
(churn 1000000)
(do ((i 0 (+ i 1))) ((= i 10))
  (vector-set! v i (list i (* i i) (string-append "s" (number->string i)))))
(churn 1000000)
(write v)
(newline)
