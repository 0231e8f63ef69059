;; SRFI 48, intermediate format strings: closc's `format`, which lives in
;; lib/closc/format.scm (with the pretty printer its ~y uses), from (closc base).
(define-library (srfi 48)
  (import (only (closc base) format))
  (export format))
