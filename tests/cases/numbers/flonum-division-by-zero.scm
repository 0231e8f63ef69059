; Dividing by an inexact zero (or an inexact number by exact zero) gives an
; infinity or a NaN; dividing an exact number by exact zero is an error
; (see err-div-by-zero.scm).
(define (show x) (write x) (newline))
(show (/ 1. 0))
(show (/ -1. 0))
(show (/ 1 0.))
(show (/ -1 0.))
(show (/ 1 -0.))
(show (/ 0. 0))
(show (/ 0 0.))
(show (/ 1.5 0))
(show (/ 0.))
(show (/ -0.))
(show (/ 1/2 0.0))
(show (/ (expt 10 30) 0.0))
(show (/ 5.0 0 2))
