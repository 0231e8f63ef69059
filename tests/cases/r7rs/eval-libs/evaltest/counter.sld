;; A user library for eval.scm: found on the search path by `environment`.
(define-library (evaltest counter)
  (export next! counter-name)
  (import (scheme base))
  (begin
    (define count 0)
    (define (next!) (set! count (+ count 1)) count)
    (define counter-name "counter")))
