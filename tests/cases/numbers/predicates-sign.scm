(define (show x) (write x) (newline))
(for-each
  (lambda (x) (show (list x (zero? x) (positive? x) (negative? x))))
  (list 0 0.0 -0.0 5 -5 (expt 2 70) (- (expt 2 70)) 1/2 -1/2 1e-300 -1e-300 +inf.0 -inf.0))
(show (list (zero? +nan.0) (positive? +nan.0) (negative? +nan.0)))
