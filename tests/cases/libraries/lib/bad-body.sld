(define-library (lib bad-body)
  (export f)
  (import (scheme base))
  (begin
    (define (f) 1)
    (if)))
