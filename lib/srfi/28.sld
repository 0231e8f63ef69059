;; SRFI 28, basic format strings: closc's `format` (SRFI 48's intermediate
;; format strings, a superset of SRFI 28's ~a ~s ~% ~~), from (closc base).
(define-library (srfi 28)
  (import (only (closc base) format))
  (export format))
