(define-library (lib one)
  (export one)
  (import (scheme base))
  (begin
    (define (helper) 'one-helper)
    (define (one) (helper))))
