(define-library (lib thing-2)
  (export thing)
  (import (scheme base))
  (begin (define thing 2)))
