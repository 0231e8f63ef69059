; odd? and even? on fixnums, bignums and integral flonums.
(define (show x) (write x) (newline))
(for-each
  (lambda (x) (show (list x (odd? x) (even? x))))
  (list 0 1 -1 2 -2 7 3.0 -4.0 0.0 1e300 (expt 3 100) (- (expt 3 100)) (expt 2 90) (- (expt 2 90))
        (- (expt 2 80) 1) 4611686018427387903 -4611686018427387904))
