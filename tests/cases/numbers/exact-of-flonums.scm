;; `exact` of a flonum is the exact number it denotes: integers (fixnums and
;; bignums), and fractions whose denominator is a power of two.
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(show (exact 0.0) (exact -0.0) (exact 1.0) (exact -7.0) (exact 2.5) (exact -0.125))
(show (exact 0.1) (exact 1e-3) (exact (/ 1.0 3)))
(show (exact 1e18) (exact 1e20) (exact -1e20))
(show (exact 4611686018427387904.0) (exact -4611686018427387904.0))  ; 2^62
(show (exact 9223372036854775808.0) (exact -9223372036854775808.0))  ; 2^63
(show (exact 9223372036854774784.0))                                 ; below 2^63
(show (= (exact 5e-324) (/ 1 (expt 2 1074))))                         ; the least subnormal
(show (= (exact 1.7976931348623157e308) (* (- (expt 2 53) 1) (expt 2 971))))
(show (exact (floor 3.7)) (exact (round -2.5)) (exact (truncate -3.9)) (exact (ceiling 0.2)))
(show (exact 1.5+2.5i))
(show (inexact->exact 12.75) (exact 12) (exact 3/4))
(show (exact? (exact 2.0)) (integer? (exact 2.0)) (exact-integer? (exact 1e30)))
(show (let loop ((i 0) (acc 0)) (if (= i 1000) acc (loop (+ i 1) (+ acc (exact (floor (* i 0.37))))))))
