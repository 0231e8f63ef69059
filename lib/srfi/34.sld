;; SRFI 34: exception handling, as R7RS (scheme base) has it.
(define-library (srfi 34)
  (import (scheme base))
  (export with-exception-handler raise guard))
