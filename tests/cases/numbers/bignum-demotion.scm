; hand-written .out: closc fixnums are 63-bit (Chez: 61-bit), so eq? at the closc fixnum boundary is #t here and #f in Chez; otherwise Chez's output
; Results back in the fixnum range are fixnums again: they are eq? to the
; literal, and the inline fast paths take them.
(define mx 4611686018427387903)
(define big (+ mx 1))
(define (show x) (write x) (newline))
(show (- big 1))
(show (eq? (- big 1) mx))
(show (eq? (quotient (* mx 4) 4) mx))
(show (eq? (- (* big big) (* big big)) 0))
(show (eq? (* (expt 2 100) 0) 0))
(show (eq? (+ (expt 10 20) (- (expt 10 20)) 7) 7))
(show (eq? (gcd (expt 2 100) 12) 4))
(show (let ((x (- big 1))) (+ x 0)))
(show (vector-ref (vector 'a 'b 'c) (- (expt 2 100) (- (expt 2 100) 2))))
(show (eq? (numerator (/ (expt 2 80) (expt 2 78))) 4))
(show (eq? (exact 4.0) 4))
