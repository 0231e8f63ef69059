;;; SRFI 2, AND-LET*: an AND with local bindings, a guarded LET* special form.
(define-library (srfi 2)
  (export and-let*)
  (import (scheme base))
  (include "2.scm"))
