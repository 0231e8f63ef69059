;; A variable replaced by its constant (a symbol here) is still an error
;; operand of `+`, reported where the call is.
(define (f x)
  (define step 'one)
  (+ x step))
(display (f 1))
