(define-library (lib cycle-a)
  (export a)
  (import (scheme base) (lib cycle-b))
  (begin (define a 1)))
