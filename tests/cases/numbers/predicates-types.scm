; number? complex? real? rational? integer? exact? inexact? on each kind of
; number (complex numbers at the end), and on non-numbers.
(define (show x) (write x) (newline))
(define (preds x)
  (show (list x (number? x) (complex? x) (real? x) (rational? x) (integer? x) (exact? x) (inexact? x))))
(for-each preds (list 0 -5 (expt 2 80) (- (expt 2 80)) 1/2 -7/3 2.0 2.5 -0.0 1e300 +inf.0 -inf.0 +nan.0 1+2i -1/2i 1.5-2.5i 1.0+0.0i 3+0i))
(show (map number? (list 'a "1" #\1 '(1) #f '() (vector 1))))
(show (map complex? (list 'a "1")))
(show (map real? (list 'a "1")))
(show (map rational? (list 'a "1")))
(show (map integer? (list 'a "1" #\1)))
