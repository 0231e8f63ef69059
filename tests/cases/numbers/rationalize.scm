; rationalize (R7RS 6.2.6): the simplest rational within the tolerance.
(define (show x) (write x) (newline))
(for-each show (list (rationalize (exact .3) 1/10) (rationalize .3 1/10) (rationalize 1/3 1/100) (rationalize -1/3 1/100) (rationalize 3 1/2) (rationalize 5/2 1/2) (rationalize 1/4 1/4) (rationalize -5/2 1/2) (rationalize 0.5 0) (rationalize 3 -1/10) (rationalize +inf.0 3) (rationalize 3 +inf.0) (rationalize +inf.0 +inf.0) (rationalize +nan.0 1)))
(for-each show (list (rationalize 3.14159 0.001) (rationalize 314159/100000 1/1000) (rationalize (expt 10 30) 1) (rationalize 22/7 0) (rationalize 1/10 1/10) (rationalize 3/10 1/10) (rationalize (/ (expt 10 20) 3) 1/2)))
