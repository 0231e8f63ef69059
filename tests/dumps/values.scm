;; receive-values: let-values and call-with-values of two lambdas bind the
;; values directly; a consumer with a rest parameter stays a call.
(define (split n) (let-values (((q r) (floor/ n 10))) (list q r)))
(define (one x) (call-with-values (lambda () (* x 2)) (lambda (y) (+ y 1))))
(define (rest) (call-with-values (lambda () (values 1 2)) (lambda args args)))
(display (list (split 42) (one 5) (rest)))
(newline)
