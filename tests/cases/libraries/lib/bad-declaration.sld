(define-library (lib bad-declaration)
  (export x)
  (import (scheme base))
  (define x 1))
