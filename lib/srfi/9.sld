;; SRFI 9: record types, as R7RS (scheme base) has them.
(define-library (srfi 9)
  (import (scheme base))
  (export define-record-type))
