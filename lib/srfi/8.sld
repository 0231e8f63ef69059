;;; SRFI 8, RECEIVE: binding to multiple values.
(define-library (srfi 8)
  (export receive)
  (import (scheme base))
  (include "8.scm"))
