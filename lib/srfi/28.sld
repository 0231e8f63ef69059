(define-library (srfi 28)
  (export format)
  (import (scheme base) (scheme char) (scheme complex) (scheme inexact) (scheme write))
  (include "28.scm"))
