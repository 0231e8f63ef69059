;;; SRFI 26, notation for specializing parameters without currying.
(define-library (srfi 26)
  (export cut cute)
  (import (scheme base))
  (include "26.scm"))
