;; SRFI 11: syntax for receiving multiple values, as R7RS (scheme base) has it.
(define-library (srfi 11)
  (import (scheme base))
  (export let-values let*-values))
