(define-library (lib sets)
  (export a b c d)
  (import (scheme base))
  (begin (define a 'a) (define b 'b) (define c 'c) (define d 'd)))
