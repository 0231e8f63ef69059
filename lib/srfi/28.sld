(define-library (srfi 28)
  (export format)
  (import (scheme base) (scheme write))
  (include "28.scm"))
