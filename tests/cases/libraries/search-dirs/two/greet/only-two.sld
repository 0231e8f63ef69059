(define-library (greet only-two)
  (export where)
  (import (scheme base) (greet hello))
  (begin (define where (string-append "only-two, then " greeting))))
