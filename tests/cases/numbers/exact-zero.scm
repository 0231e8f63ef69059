; An exact 0 stays exact in multiplication, even with a flonum or an infinity
; (R7RS allows it; Chez does it), and is an exact identity in + and -.
(define (show x) (write x) (newline))
(show (* 0 1.5))
(show (* 1.5 0))
(show (* 0 +inf.0))
(show (* 0 +nan.0))
(show (* 2 0 1.5))
(show (+ 0 2.5))
(show (- 2.5 0))
(show (/ 0 2.5))
(show (* 0.0 5))
(show (+ 0.0 0))
(show (exact? (* 0 1.5)))
