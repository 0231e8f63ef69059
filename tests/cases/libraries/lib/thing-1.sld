(define-library (lib thing-1)
  (export thing)
  (import (scheme base))
  (begin (define thing 1)))
