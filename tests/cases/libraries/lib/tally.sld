;; A library with a variable it exports and assigns itself, and a macro
;; that assigns it: for set-*.scm and error-set-*.scm.
(define-library (lib tally)
  (export total add! reset-total!)
  (import (scheme base))
  (begin
    (define total 0)
    (define (add! k) (set! total (+ total k)) total)
    (define-syntax reset-total!
      (syntax-rules () ((_) (set! total 0))))))
