(define-library (lib bad-export)
  (export fine nothing)
  (import (scheme base))
  (begin (define fine 1)))
