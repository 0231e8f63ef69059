; Multiple values in a long loop (allocation and collection of values objects).
(define (step a b) (values b (+ a b)))
(define (fib-pair n)
  (let loop ((i 0) (a 0) (b 1))
    (if (= i n)
        (list a b)
        (call-with-values (lambda () (step a b))
          (lambda (x y) (loop (+ i 1) (remainder x 1000007) (remainder y 1000007)))))))
(write (fib-pair 300000)) (newline)
