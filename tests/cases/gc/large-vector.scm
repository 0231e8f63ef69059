; A vector too large for the nursery, filled with young objects.
(define (churn n) (if (= n 0) 'done (begin (cons n n) (churn (- n 1)))))
(define v (make-vector 100000 #f))
(do ((i 0 (+ i 1))) ((= i 100000)) (vector-set! v i (list i)))
(churn 1000000)
(define (sum i acc) (if (= i 100000) acc (sum (+ i 1) (+ acc (car (vector-ref v i))))))
(display (sum 0 0))
(newline)
