; Function factories: each call to make-adder captures its own n.
(define (make-adder n)
  (lambda (x) (+ x n)))

(define add1 (make-adder 1))
(define add10 (make-adder 10))
(define sub5 (make-adder -5))

(display (add1 41)) (newline)
(display (add10 32)) (newline)
(display (sub5 5)) (newline)
(display (add1 (add10 (sub5 100)))) (newline)
(display (map (make-adder 100) '(1 2 3))) (newline)
(display ((make-adder 7) 8)) (newline)
