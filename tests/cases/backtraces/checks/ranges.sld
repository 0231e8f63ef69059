; A library in a subdirectory, for in-library-*.scm: its procedures raise
; errors, directly, through an inlined helper and from an anonymous lambda.
(define-library (checks ranges)
  (export check-range first-of make-limit)
  (import (scheme base))
  (begin
    (define (check-range x lo hi)
      (if (and (<= lo x) (<= x hi))
          x
          (error "out of range" x lo hi)))
    (define (first-of pair)
      (car pair))
    (define (make-limit hi)
      (lambda (x)
        (list (check-range x 0 hi))))))
