(define-library (lib two)
  (export two)
  (import (scheme base))
  (begin
    (define helper 'two-helper)
    (define (two) helper)))
