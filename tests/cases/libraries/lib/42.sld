(define-library (lib 42)
  (export answer)
  (import (scheme base))
  (begin (define answer 42)))
