;; SRFI 6: basic string ports, as R7RS (scheme base) has them.
(define-library (srfi 6)
  (import (scheme base))
  (export open-input-string open-output-string get-output-string))
