;; SRFI 23: error reporting, as R7RS (scheme base) has it.
(define-library (srfi 23)
  (import (scheme base))
  (export error))
