;; flonum-hints: a vector element or a pair's car or cdr may be a flonum when
;; the program stores one into a vector or a pair anywhere: then `vector-ref`,
;; `car` and `cdr` operands of arithmetic get the inline flonum path.
(define (make-point x y) (vector x y))   ; a known call passes flonums
(define (norm p) (sqrt (+ (* (vector-ref p 0) (vector-ref p 0))
                          (* (vector-ref p 1) (vector-ref p 1)))))
(define (scale! p k)                     ; a stored sum may be a flonum
  (vector-set! p 0 (* k (vector-ref p 0))))
(define (sum-cars xs)                    ; no pair holds a flonum: no hint
  (if (null? xs) 0 (+ (car xs) (sum-cars (cdr xs)))))
(define p (make-point 3.0 4.0))
(scale! p 2)
(display (norm p))
(newline)
(display (sum-cars '(1 2 3)))
(newline)
