; Factorial and fibonacci in continuation-passing style.
(define (fact-cps n k)
  (if (= n 0)
      (k 1)
      (fact-cps (- n 1) (lambda (v) (k (* n v))))))

(display (fact-cps 10 (lambda (x) x))) (newline)
(display (fact-cps 20 (lambda (x) (list 'result x)))) (newline)

(define (fib-cps n k)
  (if (< n 2)
      (k n)
      (fib-cps (- n 1)
               (lambda (a)
                 (fib-cps (- n 2)
                          (lambda (b) (k (+ a b))))))))
(display (fib-cps 20 (lambda (x) x))) (newline)

; deep CPS: 100000 nested continuation closures
(define (count-cps n k)
  (if (= n 0) (k 0) (count-cps (- n 1) (lambda (v) (k (+ v 1))))))
(display (count-cps 100000 (lambda (x) x))) (newline)
