;; SRFI 87: `=>` in case clauses, which R7RS (scheme base) case has.
(define-library (srfi 87)
  (import (scheme base))
  (export case))
