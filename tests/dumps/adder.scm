(define (make-adder k) (lambda (x) (+ x k)))
(display ((make-adder 1) 2))
