;; A library that assigns a variable it imports: a compile error in this file.
(define-library (lib assigns-import)
  (export steal!)
  (import (scheme base) (prefix (lib tally) t:))
  (begin
    (define (steal!) (set! t:total 100))))
