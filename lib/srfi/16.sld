;; SRFI 16: procedures of a variable number of arguments: R7RS (scheme case-lambda).
(define-library (srfi 16)
  (import (scheme case-lambda))
  (export case-lambda))
