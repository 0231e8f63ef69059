(define-library (srfi 48)
  (export format)
  (import (scheme base) (scheme char) (scheme complex) (scheme inexact) (scheme write))
  (include "48.scm"))
