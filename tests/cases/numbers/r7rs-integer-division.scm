; hand-written .out: Chez 9.5 lacks R7RS floor-quotient, floor-remainder, truncate-quotient, truncate-remainder
; R7RS 6.2.6: floor-quotient rounds toward negative infinity (the remainder
; takes the divisor's sign), truncate-quotient toward zero (the remainder
; takes the dividend's sign); on fixnums, bignums and integral flonums.
(define (show x) (write x) (newline))
(define (both n d)
  (show (list n d (floor-quotient n d) (floor-remainder n d)
              (truncate-quotient n d) (truncate-remainder n d))))
(both 5 2)
(both -5 2)
(both 5 -2)
(both -5 -2)
(both 6 3)
(both -6 3)
(both 0 7)
(both (expt 10 20) 7)
(both (- (expt 10 20)) 7)
(both (expt 10 20) (- (expt 10 18)))
(both -4611686018427387904 -1)
(both 5.0 2)
(both -5 2.0)
