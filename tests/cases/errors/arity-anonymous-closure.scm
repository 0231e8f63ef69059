; A closure bound with let called with no arguments.
(define (make-adder n) (lambda (x) (+ x n)))
(let ((add5 (make-adder 5)))
  (display (add5 10))
  (newline)
  (display (add5)))
